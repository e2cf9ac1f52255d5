//! The script runner.

use super::Shell;
use conveyor_core::store::cards::CardKind;
use conveyor_core::store::scripts::ScriptVersion;
use conveyor_core::usecases::runner::{self, RunFinishInput, RunResult, RunStart, RunStartInput};
use std::collections::BTreeMap;

commands! {
    /// What the runner shows: the script, the contact, the card and its draft.
    fn script_run_start(shell, input: RunStartInput) -> RunStart {
        runner::run_start(shell.session.store()?, &input)
    }

    /// Logs the call with the script version and writes the answers to the profile and card draft.
    fn script_run_finish(shell, input: RunFinishInput) -> RunResult {
        let Shell { session, clock, .. } = shell;
        runner::run_finish(session.store_mut()?, clock, &input)
    }

    /// Answers captured for a deal's hand-off card (pre-fills the hand-off dialog).
    fn card_draft(shell, deal_id: i64, card: CardKind) -> BTreeMap<String, String> {
        runner::card_draft(shell.session.store()?, deal_id, card)
    }

    /// The script version an activity was logged with.
    fn activity_script_version(shell, activity_id: i64) -> Option<ScriptVersion> {
        runner::activity_script_version(shell.session.store()?, activity_id)
    }
}
