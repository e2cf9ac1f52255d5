//! Clients: search, the list, a profile.

use conveyor_core::store::clients::ClientFilter;
use conveyor_core::usecases::clients::{self, ClientPage, ClientProfile, SearchHit};

commands! {
    /// Contacts and companies matching what was typed so far.
    fn clients_search(shell, query: String) -> Vec<SearchHit> {
        clients::search(shell.session.store()?, &query)
    }

    /// A window of the clients list.
    fn clients_list(shell, filter: ClientFilter, offset: u32, limit: u32) -> ClientPage {
        clients::list(shell.session.store()?, &filter, offset, limit)
    }

    /// Everything about one client company.
    fn client_profile(shell, company_id: i64) -> ClientProfile {
        clients::profile(shell.session.store()?, company_id)
    }
}
