//! Promote the open workspace to a team server (docs/TEAM.md §7).

use conveyor_core::usecases::promote::{self, PromoteProgress, PromoteReport, PromoteTarget};

commands! {
    /// Copies the open workspace into an empty PostgreSQL database and
    /// verifies it table by table; `on_progress` hears of each table copied,
    /// then verified. The workspace stays open and unchanged; the password
    /// is used for this connection only.
    fn promote_workspace(shell, target: PromoteTarget; on_progress: Channel<PromoteProgress>) -> PromoteReport {
        promote::promote(shell.session.store()?, &target, &mut |p| {
            // A closed dialog only loses the progress line, not the copy.
            let _ = on_progress.send(p);
        })
    }
}
