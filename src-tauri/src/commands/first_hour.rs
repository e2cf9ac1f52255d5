//! The moving-in checklist.

use super::Shell;
use conveyor_core::usecases::first_hour::{self, Checklist, Reviewed};

commands! {
    /// The moving-in checklist of a new workspace, ticked from its data.
    fn checklist_get(shell) -> Checklist {
        first_hour::checklist(shell.session.store()?, &shell.clock)
    }

    /// Closes the moving-in checklist, or brings it back.
    fn checklist_dismiss(shell, dismissed: bool) -> Checklist {
        let Shell { session, clock, .. } = shell;
        first_hour::set_checklist_dismissed(session.store_mut()?, clock, dismissed)
    }

    /// The steps (or the hand-off cards) were gone through in their dialog.
    fn setup_reviewed(shell, what: Reviewed) -> () {
        let Shell { session, clock, .. } = shell;
        first_hour::record_reviewed(session.store_mut()?, clock, what)
    }
}
