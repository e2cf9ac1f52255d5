//! Today.

use super::Shell;
use conveyor_core::usecases::today::{self, Today};

commands! {
    /// Today: what to do now in each stage, problems on top.
    fn today_get(shell, owner_id: Option<i64>) -> Today {
        let Shell { session, clock, .. } = shell;
        today::today_fresh(session.store_mut()?, clock, owner_id)
    }
}
