//! Contacts made leads, duplicate candidates, deal search.

use super::Shell;
use conveyor_core::store::board::DealCard;
use conveyor_core::usecases::leads::{self, LeadCandidates, LeadProbe, MadeLeads, MakeLeadsInput};

commands! {
    /// Makes stage-1 leads of picked contacts, a list filter or an import.
    fn leads_make(shell, input: MakeLeadsInput) -> MadeLeads {
        let Shell { session, clock, .. } = shell;
        leads::make_leads(session.store_mut()?, clock, &input)
    }

    /// Existing companies and people a new lead may duplicate.
    fn lead_candidates(shell, probe: LeadProbe) -> LeadCandidates {
        leads::lead_candidates(shell.session.store()?, &probe)
    }

    /// Open deals by title or company (the palette).
    fn deals_search(shell, query: String) -> Vec<DealCard> {
        leads::search_deals(shell.session.store()?, &query, 8)
    }
}
