//! Leads, hand-offs, moves and closes along the conveyor; hand-off cards; logging.

use super::Shell;
use conveyor_core::model::{Activity, Deal, Stage, Step};
use conveyor_core::store::cards::{CardField, CardKind};
use conveyor_core::usecases::pipeline::{self, CloseReasons, HandOffInput, LeadInput, LogInput, WinInput, WinOutcome};

commands! {
    /// Puts a stage's steps in a new order.
    fn steps_reorder(shell, stage: Stage, ids: Vec<i64>) -> Vec<Step> {
        pipeline::reorder_steps(shell.session.store_mut()?, stage, &ids)
    }

    /// A new lead: company, contact and a stage-1 deal at once.
    fn lead_create(shell, input: LeadInput) -> Deal {
        let Shell { session, clock, .. } = shell;
        pipeline::create_lead(session.store_mut()?, clock, &input)
    }

    /// Moves a deal within its stage (another stage needs a hand-off).
    fn deal_move(shell, deal_id: i64, step_id: i64) -> Deal {
        let Shell { session, clock, .. } = shell;
        pipeline::move_deal(session.store_mut()?, clock, deal_id, step_id)
    }

    /// The fields of a hand-off card.
    fn card_fields(shell, card: CardKind) -> Vec<CardField> {
        pipeline::card_fields(shell.session.store()?, card)
    }

    /// Adds a field to a hand-off card.
    fn card_field_add(shell, card: CardKind, label: String, required: bool) -> CardField {
        pipeline::add_card_field(shell.session.store_mut()?, card, &label, required)
    }

    /// Renames a card field or changes whether it is required.
    fn card_field_update(shell, field_id: i64, label: String, required: bool) -> CardField {
        pipeline::update_card_field(shell.session.store_mut()?, field_id, &label, required)
    }

    /// Archives a card field (recorded cards keep its value).
    fn card_field_archive(shell, field_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        pipeline::archive_card_field(session.store_mut()?, clock, field_id)
    }

    /// Puts a card's fields in a new order.
    fn card_fields_reorder(shell, card: CardKind, ids: Vec<i64>) -> Vec<CardField> {
        pipeline::reorder_card_fields(shell.session.store_mut()?, card, &ids)
    }

    /// Stage 1 → 2 with the qualification card.
    fn deal_hand_off(shell, input: HandOffInput) -> Deal {
        let Shell { session, clock, .. } = shell;
        pipeline::hand_off_qualified_lead(session.store_mut()?, clock, &input)
    }

    /// Stage 2 → 3: the first sale, with the hand-over card.
    fn deal_win_first(shell, input: WinInput) -> WinOutcome {
        let Shell { session, clock, .. } = shell;
        pipeline::win_first_deal(session.store_mut()?, clock, &input)
    }

    /// Moves a deal's next step to another day.
    fn deal_reschedule(shell, deal_id: i64, next_step: String, date: chrono::NaiveDate) -> Deal {
        let Shell { session, clock, .. } = shell;
        pipeline::reschedule(session.store_mut()?, clock, deal_id, &next_step, date)
    }

    /// Reasons offered when a deal is lost or disqualified.
    fn close_reasons(shell) -> CloseReasons {
        pipeline::close_reasons(shell.session.store()?)
    }

    /// Logs a call, meeting, e-mail or note done now, with the next step.
    fn activity_log(shell, input: LogInput) -> Activity {
        let Shell { session, clock, .. } = shell;
        pipeline::log_activity(session.store_mut()?, clock, &input)
    }
}
