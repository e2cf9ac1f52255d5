//! Regulations.

use super::Shell;
use conveyor_core::store::regulations::Regulation;
use conveyor_core::usecases::regulations::{self, RegulationInput};

commands! {
    /// A rule in one line in the UI's language (the list and the editor show
    /// what the book prints).
    fn rule_summary(shell, rule: conveyor_core::playbook::template::Rule) -> String {
        Ok(regulations::rule_summary(shell.session.lang(), &rule))
    }

    /// The regulations (routines, norms, standards) in order.
    fn regulations_list(shell) -> Vec<Regulation> {
        regulations::list_regulations(shell.session.store()?)
    }

    /// Adds a regulation.
    fn regulation_create(shell, input: RegulationInput) -> Regulation {
        let Shell { session, clock, .. } = shell;
        regulations::create_regulation(session.store_mut()?, clock, &input)
    }

    /// Changes a regulation; a changed rule replaces its future tasks only.
    fn regulation_update(shell, regulation_id: i64, input: RegulationInput) -> Regulation {
        let Shell { session, clock, .. } = shell;
        regulations::update_regulation(session.store_mut()?, clock, regulation_id, &input)
    }

    /// Archives a regulation with its future tasks.
    fn regulation_archive(shell, regulation_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        regulations::archive_regulation(session.store_mut()?, clock, regulation_id)
    }

    /// Puts the regulations in a new order.
    fn regulations_reorder(shell, ids: Vec<i64>) -> Vec<Regulation> {
        regulations::reorder_regulations(shell.session.store_mut()?, &ids)
    }
}
