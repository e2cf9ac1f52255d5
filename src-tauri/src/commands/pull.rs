//! Copy a team workspace into a new workspace file (docs/TEAM.md §2, §7).

use conveyor_core::usecases::promote::{PromoteProgress, PromoteTarget};
use conveyor_core::usecases::pull::{self, PullReport};
use std::path::PathBuf;

commands! {
    /// Copies the team workspace at `target` into a new file at `path`,
    /// verified table by table; `on_progress` hears of each table copied,
    /// then verified. The server is only read; the open workspace is not
    /// touched; an existing file is never replaced.
    fn pull_workspace(shell, target: PromoteTarget, path: String; on_progress: Channel<PromoteProgress>) -> PullReport {
        pull::pull(&target, &PathBuf::from(path), &shell.clock, None, &mut |p| {
            let _ = on_progress.send(p);
        })
    }
}
