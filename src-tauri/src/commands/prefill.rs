//! Answers that flow into the hand-off cards.

use super::Shell;
use conveyor_core::store::cards::CardKind;
use conveyor_core::usecases::prefill::{self, CardPrefill};

commands! {
    /// What a hand-off card opens with: the runner's answers, what the deal knows, its next step and value.
    fn card_prefill(shell, deal_id: i64, card: CardKind) -> CardPrefill {
        let Shell { session, clock, .. } = shell;
        prefill::card_prefill(session.store()?, clock, deal_id, card)
    }
}
