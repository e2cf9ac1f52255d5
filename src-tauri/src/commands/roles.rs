//! Roles, hand-overs, structure advice, the time table.

use super::Shell;
use conveyor_core::model::{Person, Role};
use conveyor_core::store::roles::{RoleHandover, TimeBlock};
use conveyor_core::usecases::roles::{self, StructureAdvice, TimeTable};

commands! {
    /// Gives a person a role, keeping other holders and their work.
    fn role_give(shell, person_id: i64, role: Role) -> Person {
        let Shell { session, clock, .. } = shell;
        roles::give_role(session.store_mut()?, clock, person_id, role)
    }

    /// Takes a role from a person.
    fn role_take(shell, person_id: i64, role: Role) -> Person {
        roles::take_role(shell.session.store_mut()?, person_id, role)
    }

    /// Gives a role to one person and moves its open work to them, logged.
    fn role_reassign(shell, role: Role, person_id: i64) -> Vec<RoleHandover> {
        let Shell { session, clock, .. } = shell;
        roles::reassign_role(session.store_mut()?, clock, role, person_id)
    }

    /// Reverses a role hand-over (work done since stays done).
    fn role_handover_undo(shell, handover_id: i64) -> RoleHandover {
        let Shell { session, clock, .. } = shell;
        roles::undo_handover(session.store_mut()?, clock, handover_id)
    }

    /// The role hand-over log, newest first.
    fn role_handovers(shell) -> Vec<RoleHandover> {
        roles::handovers(shell.session.store()?)
    }

    /// For people holding several stages: the combination, its risks and the measures to watch.
    fn structure_advice(shell) -> Vec<StructureAdvice> {
        roles::structure_advice(shell.session.store()?, &shell.clock)
    }

    /// A person's planned week against the time logged in the week of `date`.
    fn time_table_get(shell, person_id: i64, date: chrono::NaiveDate) -> TimeTable {
        roles::time_table(shell.session.store()?, person_id, date)
    }

    /// Replaces a person's planned week.
    fn time_table_set(shell, person_id: i64, blocks: Vec<TimeBlock>) -> Vec<TimeBlock> {
        roles::set_time_table(shell.session.store_mut()?, person_id, &blocks)
    }
}
