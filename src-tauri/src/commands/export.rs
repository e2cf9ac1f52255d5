//! Exports to other programs.

use conveyor_core::output::Replace;
use conveyor_core::usecases::export::{self, ExportDone, ExportKind};
use std::path::PathBuf;

commands! {
    /// Exports contacts (vCard 4.0/3.0, CSV), deals or activities (CSV) or
    /// the calendar (ICS, in the system's time zone) to a file.
    fn export_data(shell, kind: ExportKind, path: String) -> ExportDone {
        let zone = conveyor_core::interop::ics::system_zone_name();
        export::export_to_file(shell.session.store()?, &shell.clock, kind, &zone, &PathBuf::from(path), Replace::Confirmed)
    }
}
