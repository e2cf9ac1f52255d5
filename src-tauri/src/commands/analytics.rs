//! Analytics and ABC.

use super::Shell;
use conveyor_core::usecases::analytics::{self, AbcApplied, AbcReport, Analytics, AnalyticsRequest, MigrationMatrix, MigrationRequest};

commands! {
    /// Funnel, cycle, win rate, reasons, sources and month-by-month results.
    fn analytics_get(shell, request: AnalyticsRequest) -> Analytics {
        analytics::analytics(shell.session.store()?, &shell.clock, &request)
    }

    /// ABC of clients over the last 12 months, with the concentration
    /// warning, listing the `limit` biggest clients (all when empty).
    fn abc_get(shell, limit: Option<u32>) -> AbcReport {
        analytics::abc_first(shell.session.store()?, &shell.clock, limit)
    }

    /// Stores the computed ABC classes on the companies (Today's cadence uses
    /// them); the report listing the `limit` biggest clients.
    fn abc_apply(shell, limit: Option<u32>) -> AbcApplied {
        let Shell { session, clock, .. } = shell;
        analytics::apply_abc_first(session.store_mut()?, clock, limit)
    }

    /// How clients moved between ABC classes from one period to another.
    fn abc_migration(shell, request: MigrationRequest) -> MigrationMatrix {
        analytics::abc_migration(shell.session.store()?, &shell.clock, &request)
    }
}
