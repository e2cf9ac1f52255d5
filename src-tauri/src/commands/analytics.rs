//! Analytics and ABC.

use super::Shell;
use conveyor_core::usecases::analytics::{self, AbcApplied, AbcReport, Analytics, AnalyticsRequest, MigrationMatrix, MigrationRequest};

commands! {
    /// Funnel, cycle, win rate, reasons, sources and month-by-month results.
    fn analytics_get(shell, request: AnalyticsRequest) -> Analytics {
        analytics::analytics(shell.session.store()?, &shell.clock, &request)
    }

    /// ABC of clients over the last 12 months, with the concentration warning.
    fn abc_get(shell) -> AbcReport {
        analytics::abc(shell.session.store()?, &shell.clock)
    }

    /// Stores the computed ABC classes on the companies (Today's cadence uses them).
    fn abc_apply(shell) -> AbcApplied {
        let Shell { session, clock, .. } = shell;
        analytics::apply_abc(session.store_mut()?, clock)
    }

    /// How clients moved between ABC classes from one period to another.
    fn abc_migration(shell, request: MigrationRequest) -> MigrationMatrix {
        analytics::abc_migration(shell.session.store()?, &shell.clock, &request)
    }
}
