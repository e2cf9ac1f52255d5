//! Today.

use super::Shell;
use conveyor_core::clock::Clock;
use conveyor_core::usecases::today::{self, Today};

commands! {
    /// The core clock's date (the UI never takes "today" from the browser).
    fn today_date(shell) -> String {
        Ok(shell.clock.today().format("%Y-%m-%d").to_string())
    }

    /// Today: what to do now in each stage, problems on top (only the clients carrying `tag`, when given).
    fn today_get(shell, owner_id: Option<i64>, tag: Option<String>) -> Today {
        let Shell { session, clock, .. } = shell;
        today::today_fresh_tagged(session.store_mut()?, clock, owner_id, tag.as_deref())
    }

    /// Everything Today's first paint needs in one round trip: Today, the
    /// checklist, the people and tags it can be narrowed to, the routines.
    fn today_screen(shell, owner_id: Option<i64>, tag: Option<String>) -> today::TodayScreen {
        let Shell { session, clock, .. } = shell;
        today::screen(session.store_mut()?, clock, owner_id, tag.as_deref())
    }

    /// One page of a whole list of Today ("Show all"), in Today's order.
    fn today_list(shell, owner_id: Option<i64>, tag: Option<String>, kind: today::TodayListKind, offset: u32, limit: u32) -> today::TodayPage {
        let Shell { session, clock, .. } = shell;
        today::today_list(session.store()?, clock, owner_id, tag.as_deref(), kind, offset, limit)
    }
}
