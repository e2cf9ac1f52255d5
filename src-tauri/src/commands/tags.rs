//! Tags on companies and contacts.

use super::Shell;
use conveyor_core::model::ClientKind;
use conveyor_core::usecases::tags::{self, TagCount};

commands! {
    /// Every tag with how many companies and contacts carry it.
    fn tags_list(shell) -> Vec<TagCount> {
        tags::list_tags(shell.session.store()?)
    }

    /// Every tag's name (a filter's choices; no counts).
    fn tag_names(shell) -> Vec<String> {
        tags::tag_names(shell.session.store()?)
    }

    /// Puts a tag on companies or contacts; the first one's tags after.
    fn tag_add(shell, kind: ClientKind, ids: Vec<i64>, name: String) -> Vec<String> {
        let Shell { session, clock, .. } = shell;
        tags::add_tag(session.store_mut()?, clock, kind, &ids, &name)
    }

    /// Takes a tag off companies or contacts; the first one's tags after.
    fn tag_remove(shell, kind: ClientKind, ids: Vec<i64>, name: String) -> Vec<String> {
        let Shell { session, clock, .. } = shell;
        tags::remove_tag(session.store_mut()?, clock, kind, &ids, &name)
    }
}
