//! The sales plan.

use super::Shell;
use conveyor_core::plan::PlanDerivation;
use conveyor_core::store::plans::PlanParams;
use conveyor_core::usecases::plan::{self, DeriveRequest, PlanStatus, SavedPlan};

commands! {
    /// An amount as a person typed it, in minor units with `digits` fraction
    /// digits; null when it is not an amount (the rule of `conveyor_core::amount`).
    fn amount_parse(shell, text: String, digits: u32) -> Option<i64> {
        let _ = shell;
        Ok(conveyor_core::amount::parse(&text, digits))
    }

    /// The planning defaults (used where history is thin) and analytics thresholds.
    fn plan_params(shell) -> PlanParams {
        plan::plan_params(shell.session.store()?)
    }

    /// Replaces the planning defaults and thresholds.
    fn plan_params_set(shell, params: PlanParams) -> PlanParams {
        let Shell { session, clock, .. } = shell;
        plan::set_plan_params(session.store_mut()?, clock, &params)
    }

    /// Works a target backwards to calls per day without saving (what-if sliders).
    fn plan_derive(shell, request: DeriveRequest) -> PlanDerivation {
        plan::derive(shell.session.store()?, &shell.clock, &request)
    }

    /// Derives and saves the plan of a period, split per person and stage.
    fn plan_save(shell, request: DeriveRequest, niche_benchmark: Option<String>) -> SavedPlan {
        let Shell { session, clock, .. } = shell;
        plan::save_plan(session.store_mut()?, clock, &request, niche_benchmark.as_deref())
    }

    /// The saved plan of a period (`2027-01`, `2027-Q1`, `2027`), or null.
    fn plan_get(shell, period: String) -> Option<SavedPlan> {
        plan::get_plan(shell.session.store()?, &period)
    }

    /// Every saved plan, the latest period first.
    fn plan_list(shell) -> Vec<SavedPlan> {
        plan::list_plans(shell.session.store()?)
    }

    /// Approves the saved plan of a period.
    fn plan_approve(shell, period: String) -> SavedPlan {
        let Shell { session, clock, .. } = shell;
        plan::approve_plan(session.store_mut()?, clock, &period)
    }

    /// Plan vs fact, forecast, weighted pipeline coverage and risk signals.
    fn plan_status(shell, period: String, person_id: Option<i64>) -> PlanStatus {
        plan::plan_status(shell.session.store()?, &shell.clock, &period, person_id)
    }
}
