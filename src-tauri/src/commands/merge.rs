//! Possible duplicates and the merge of two clients (with undo).

use super::Shell;
use conveyor_core::model::ClientKind;
use conveyor_core::usecases::merge::{self, DuplicatePair, MergeResult};

commands! {
    /// Possible duplicates (same e-mail, phone or name).
    fn duplicates_list(shell) -> Vec<DuplicatePair> {
        merge::duplicates(shell.session.store()?)
    }

    /// Merges one contact or company into another.
    fn records_merge(shell, kind: ClientKind, kept_id: i64, merged_id: i64) -> MergeResult {
        let Shell { session, clock, .. } = shell;
        merge::merge(session.store_mut()?, clock, kind, kept_id, merged_id)
    }

    /// Undoes a merge.
    fn merge_undo(shell, merge_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        merge::undo_merge(session.store_mut()?, clock, merge_id)
    }
}
