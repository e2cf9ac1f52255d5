//! Templates: the built-in list, export and import.

use super::Shell;
use conveyor_core::Error;
use conveyor_core::output::Replace;
use conveyor_core::playbook::template::TemplateInfo;
use conveyor_core::usecases::templates::{self, ImportReport};

commands! {
    /// The built-in templates, in the open workspace's language.
    fn templates_list(shell) -> Vec<TemplateInfo> {
        templates::list_templates(shell.session.store().and_then(|s| Ok(conveyor_core::usecases::workspace::summary(s)?.lang)).unwrap_or(shell.session.lang()))
    }

    /// Writes the configured sales system (no client data) to a template file.
    fn template_export(shell, path: String) -> () {
        // The save dialog has already asked before replacing a file; a workspace is never replaced.
        templates::export_file(shell.session.store()?, std::path::Path::new(&path), Replace::Confirmed)
    }

    /// Imports a template file (dry run: only what would change); never touches client data.
    fn template_import(shell, path: String, dry_run: bool) -> ImportReport {
        let text = std::fs::read_to_string(&path).map_err(Error::from)?;
        let Shell { session, clock, .. } = shell;
        templates::import(session.store_mut()?, clock, &path, &text, dry_run)
    }

    /// The template's plan parameters (working days, currency, defaults) as last applied.
    fn template_plan_get(shell) -> conveyor_core::playbook::template::PlanParams {
        templates::get_plan_params(shell.session.store()?)
    }
}
