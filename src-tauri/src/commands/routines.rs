//! The routine engine.

use super::Shell;
use conveyor_core::usecases::routines::{self, GenerateReport};

commands! {
    /// Runs the routine engine now (it also runs when Today is read).
    fn routines_generate(shell) -> GenerateReport {
        let Shell { session, clock, .. } = shell;
        routines::generate(session.store_mut()?, clock)
    }
}
