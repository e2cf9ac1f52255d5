//! Deal details, open tasks, tasks ticked off.

use super::Shell;
use conveyor_core::model::Activity;
use conveyor_core::store::today::TaskDue;
use conveyor_core::usecases::daily::{self, DealDetails};
use conveyor_core::usecases::pipeline::LogInput;

commands! {
    /// Logs a call or meeting and ticks off the open tasks it answered.
    fn activity_log_and_close(shell, input: LogInput, close_tasks: Vec<i64>) -> Activity {
        let Shell { session, clock, .. } = shell;
        daily::log_and_close(session.store_mut()?, clock, &input, &close_tasks)
    }

    /// Everything the deal panel shows: contact, phone, history, open tasks, who receives it next.
    fn deal_details(shell, deal_id: i64) -> DealDetails {
        daily::deal_details(shell.session.store()?, deal_id)
    }

    /// Saves a deal's product and its own notes (the panel's Notes).
    fn deal_notes_save(shell, deal_id: i64, notes: daily::DealNotes) -> daily::DealNotes {
        let Shell { session, clock, .. } = shell;
        daily::save_deal_notes(session.store_mut()?, clock, deal_id, &notes)
    }

    /// Open tasks of a deal and of its client (what a logged call may answer).
    fn deal_open_tasks(shell, deal_id: Option<i64>, company_id: Option<i64>) -> Vec<TaskDue> {
        daily::open_tasks(shell.session.store()?, deal_id, company_id)
    }

    /// Ticks a task (or a routine's task) off now.
    fn task_complete(shell, task_id: i64, outcome: Option<String>) -> Activity {
        let Shell { session, clock, .. } = shell;
        daily::complete_task(session.store_mut()?, clock, task_id, outcome.as_deref())
    }

    /// Opens a task ticked off by mistake again.
    fn task_reopen(shell, task_id: i64) -> Activity {
        let Shell { session, clock, .. } = shell;
        daily::reopen_task(session.store_mut()?, clock, task_id)
    }
}
