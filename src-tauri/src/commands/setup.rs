//! The first-run wizard.

use super::Shell;
use conveyor_core::usecases::setup::{self, SetupInput, SetupResult};

commands! {
    /// The first-run wizard: template, people with their roles, working days.
    fn workspace_setup(shell, input: SetupInput) -> SetupResult {
        let Shell { session, clock, .. } = shell;
        setup::setup(session.store_mut()?, clock, &input)
    }
}
