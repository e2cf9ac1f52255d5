//! People, steps, and editing, archiving and restoring records.

use super::Shell;
use conveyor_core::model::{Company, CompanyInput, Contact, ContactInput, Deal, DealClose, DealInput, Person, PersonInput, Stage, Step};
use conveyor_core::usecases::crm;
use conveyor_core::usecases::crm::{Archivable, TrashItem};

commands! {
    /// People of the open workspace (owners of deals, holders of roles).
    fn people_list(shell) -> Vec<Person> {
        crm::list_people(shell.session.store()?)
    }

    /// The steps of all stages, in order.
    fn steps_list(shell) -> Vec<Step> {
        crm::list_steps(shell.session.store()?)
    }

    /// Adds a step at the end of a stage.
    fn step_add(shell, stage: Stage, name: String, probability_pct: i64) -> Step {
        let Shell { session, clock, .. } = shell;
        crm::add_step(session.store_mut()?, clock, stage, &name, probability_pct)
    }

    /// Renames a step or changes its win probability.
    fn step_update(shell, step_id: i64, name: String, probability_pct: i64) -> Step {
        crm::update_step(shell.session.store_mut()?, step_id, &name, probability_pct)
    }

    /// Archives an empty step (refused while open deals sit in it).
    fn step_archive(shell, step_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        crm::archive_step(session.store_mut()?, clock, step_id)
    }

    /// Closes a deal as won, lost or disqualified (with a reason).
    fn deal_close(shell, deal_id: i64, close: DealClose) -> Deal {
        let Shell { session, clock, .. } = shell;
        crm::close_deal(session.store_mut()?, clock, deal_id, &close)
    }

    /// Brings a closed deal back to open (revive, or undo of a close).
    fn deal_reopen(shell, deal_id: i64) -> Deal {
        let Shell { session, clock, .. } = shell;
        crm::reopen_deal(session.store_mut()?, clock, deal_id)
    }

    /// Changes an open deal (title, value, owner, contact, next step); the change goes into its timeline.
    fn deal_update(shell, deal_id: i64, input: DealInput) -> Deal {
        let Shell { session, clock, .. } = shell;
        crm::update_deal(session.store_mut()?, clock, deal_id, &input)
    }

    /// Changes a contact (name, position, phone, e-mail, notes); the change goes into the timeline.
    fn contact_update(shell, contact_id: i64, input: ContactInput) -> Contact {
        let Shell { session, clock, .. } = shell;
        crm::update_contact(session.store_mut()?, clock, contact_id, &input)
    }

    /// Changes a company's details; the change goes into its timeline.
    fn company_update(shell, company_id: i64, input: CompanyInput) -> Company {
        let Shell { session, clock, .. } = shell;
        crm::update_company(session.store_mut()?, clock, company_id, &input)
    }

    /// Sets the company a company belongs to, found by name or made; an empty name clears it.
    fn company_set_parent(shell, company_id: i64, parent_name: Option<String>) -> Company {
        let Shell { session, clock, .. } = shell;
        crm::set_company_parent(session.store_mut()?, clock, company_id, parent_name.as_deref())
    }

    /// Archives a record (the UI's delete); `record_restore` undoes it.
    fn record_archive(shell, what: Archivable, id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        crm::archive(session.store_mut()?, clock, what, id)
    }

    /// The archive ("trash"), newest first.
    fn trash_list(shell) -> Vec<TrashItem> {
        crm::trash_list(shell.session.store()?)
    }

    /// Brings an archived record back.
    fn record_restore(shell, what: Archivable, id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        crm::restore(session.store_mut()?, clock, what, id)
    }

    /// Adds a person (with roles; no work moves).
    fn person_create(shell, input: PersonInput) -> Person {
        let Shell { session, clock, .. } = shell;
        crm::create_person(session.store_mut()?, clock, &input)
    }

    /// Changes a person's name, contacts and roles (no work moves).
    fn person_update(shell, person_id: i64, input: PersonInput) -> Person {
        let Shell { session, clock, .. } = shell;
        crm::update_person(session.store_mut()?, clock, person_id, &input)
    }
}
