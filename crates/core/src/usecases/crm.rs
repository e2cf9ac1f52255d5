//! Create, read, update and archive the conveyor's records, with validation
//! that names the field at fault. Nothing is deleted: records are archived.

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::*;
use crate::store::{self, Store, activities, companies, contacts, deals, meta, orders, people, steps};
use crate::validate::{self, NAME_MAX, TEXT_MAX};
use rusqlite::Connection;

fn must_exist(c: &Connection, table: &'static str, what: &str, field: &str, id: Option<i64>) -> Result<()> {
    match id {
        Some(id) if !store::exists(c, table, id)? => Err(Error::validation(field, format!("{what} #{id} does not exist (or is archived). Pick another one."))),
        _ => Ok(()),
    }
}

// ---- people ---------------------------------------------------------------

fn clean_person(i: &PersonInput) -> Result<PersonInput> {
    let mut roles = i.roles.clone();
    roles.sort();
    roles.dedup();
    Ok(PersonInput {
        name: validate::required("person.name", &i.name, NAME_MAX)?,
        email: validate::email("person.email", i.email.as_deref())?,
        phone: validate::optional("person.phone", i.phone.as_deref(), 50)?,
        roles,
    })
}

pub fn create_person(s: &mut Store, clock: &dyn Clock, i: &PersonInput) -> Result<Person> {
    let i = clean_person(i)?;
    let now = stamp(clock.now());
    s.write(|tx| {
        let is_first = store::stats::count_live(tx, "people")? == 0;
        let id = people::insert(tx, &now, &i.name, i.email.as_deref(), i.phone.as_deref(), is_first)?;
        people::set_roles(tx, id, &now, &i.roles)?;
        people::get(tx, id)
    })
}

pub fn update_person(s: &mut Store, clock: &dyn Clock, id: i64, i: &PersonInput) -> Result<Person> {
    let i = clean_person(i)?;
    let now = stamp(clock.now());
    s.write(|tx| {
        people::update(tx, id, &now, &i.name, i.email.as_deref(), i.phone.as_deref())?;
        people::set_roles(tx, id, &now, &i.roles)?;
        people::get(tx, id)
    })
}

pub fn archive_person(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<()> {
    let now = stamp(clock.now());
    s.write(|tx| {
        if people::get(tx, id)?.is_owner {
            return Err(Error::new(ErrorCode::Conflict, "The owner of the workspace cannot be archived. Archive other people only."));
        }
        people::archive(tx, id, &now)
    })
}

pub fn list_people(s: &Store) -> Result<Vec<Person>> {
    people::list(s.conn())
}

// ---- companies ------------------------------------------------------------

fn clean_company(c: &Connection, i: &CompanyInput) -> Result<CompanyInput> {
    must_exist(c, "people", "Person", "company.owner_id", i.owner_id)?;
    Ok(CompanyInput {
        name: validate::required("company.name", &i.name, 300)?,
        industry: validate::optional("company.industry", i.industry.as_deref(), NAME_MAX)?,
        city: validate::optional("company.city", i.city.as_deref(), NAME_MAX)?,
        phone: validate::optional("company.phone", i.phone.as_deref(), 50)?,
        email: validate::email("company.email", i.email.as_deref())?,
        website: validate::optional("company.website", i.website.as_deref(), 500)?,
        notes: validate::optional("company.notes", i.notes.as_deref(), TEXT_MAX)?,
        source: i.source,
        abc: i.abc,
        owner_id: i.owner_id,
        employees: match i.employees {
            Some(n) if n < 0 => return Err(Error::validation("company.employees", "The number of employees cannot be negative. Enter 0 or more.")),
            n => n,
        },
        revenue_minor: match i.revenue_minor {
            Some(n) if n < 0 => return Err(Error::validation("company.revenue_minor", "The revenue cannot be negative. Enter 0 or more.")),
            n => n,
        },
    })
}

/// Sets the company a company belongs to, found by its name or made (an
/// empty name clears it). A company cannot belong to itself, nor to one of
/// the companies that belong to it.
pub fn set_company_parent(s: &mut Store, clock: &dyn Clock, id: i64, parent_name: Option<&str>) -> Result<Company> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let co = companies::get(tx, id)?;
        let name = parent_name.map(str::trim).filter(|n| !n.is_empty());
        let parent = match name {
            None => None,
            Some(n) => Some(parent_in(tx, &now, &co, n)?),
        };
        companies::set_parent(tx, id, &now, parent)?;
        companies::get(tx, id)
    })
}

/// The id of the company named `name` to be `co`'s parent, made when none
/// is called so; refused when it would make a circle.
pub(crate) fn parent_in(tx: &Connection, now: &str, co: &Company, name: &str) -> Result<i64> {
    let parent = match companies::find_by_name(tx, name)? {
        Some(p) => p,
        None => insert_company(tx, now, &CompanyInput { name: name.to_string(), ..Default::default() })?,
    };
    // Up from the parent: meeting this company again would close a circle.
    let mut at = Some(parent);
    let mut steps = 0;
    while let Some(x) = at {
        if x == co.id {
            return Err(if parent == co.id {
                Error::validation("company.parent", "A company cannot belong to itself. Choose another company.")
            } else {
                Error::validation(
                    "company.parent",
                    format!("“{name}” already belongs to “{}”, so “{}” cannot belong to it. Choose another company.", co.name, co.name),
                )
            });
        }
        steps += 1;
        if steps > 1000 {
            break;
        }
        at = companies::parent_of(tx, x)?;
    }
    Ok(parent)
}

pub fn create_company(s: &mut Store, clock: &dyn Clock, i: &CompanyInput) -> Result<Company> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let id = insert_company(tx, &now, i)?;
        companies::get(tx, id)
    })
}

/// Validates and inserts a company inside a caller's transaction.
pub(crate) fn insert_company(tx: &Connection, now: &str, i: &CompanyInput) -> Result<i64> {
    let i = clean_company(tx, i)?;
    companies::insert(tx, now, &i)
}

pub fn update_company(s: &mut Store, clock: &dyn Clock, id: i64, i: &CompanyInput) -> Result<Company> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let i = clean_company(tx, i)?;
        let before = companies::get(tx, id)?;
        companies::update(tx, id, &now, &i)?;
        let after = companies::get(tx, id)?;
        super::daily::company_edited(tx, clock, &before, &after)?;
        Ok(after)
    })
}

pub fn get_company(s: &Store, id: i64) -> Result<Company> {
    companies::get(s.conn(), id)
}

// ---- contacts -------------------------------------------------------------

pub(crate) fn clean_contact(c: &Connection, i: &ContactInput) -> Result<ContactInput> {
    let first = validate::optional("contact.first_name", Some(&i.first_name), NAME_MAX)?.unwrap_or_default();
    let last = validate::optional("contact.last_name", Some(&i.last_name), NAME_MAX)?.unwrap_or_default();
    // A contact known only by its e-mail (an import of a bare address) has
    // no name until the person fills it in; without an e-mail it needs one.
    let has_email = i.email.as_deref().is_some_and(|e| !e.trim().is_empty());
    if first.is_empty() && last.is_empty() && !has_email {
        return Err(Error::validation("contact.first_name", "A contact needs a first or a last name, or at least an e-mail address."));
    }
    must_exist(c, "companies", "Company", "contact.company_id", i.company_id)?;
    must_exist(c, "contacts", "Contact", "contact.referred_by_id", i.referred_by_id)?;
    must_exist(c, "people", "Person", "contact.owner_id", i.owner_id)?;
    Ok(ContactInput {
        company_id: i.company_id,
        first_name: first,
        last_name: last,
        title: validate::optional("contact.title", i.title.as_deref(), NAME_MAX)?,
        phone: validate::optional("contact.phone", i.phone.as_deref(), 50)?,
        email: validate::email("contact.email", i.email.as_deref())?,
        notes: validate::optional("contact.notes", i.notes.as_deref(), TEXT_MAX)?,
        source: i.source,
        referred_by_id: i.referred_by_id,
        owner_id: i.owner_id,
        birthday: match i.birthday.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(b) => Some(crate::validate::birthday("contact.birthday", b)?),
        },
    })
}

pub fn create_contact(s: &mut Store, clock: &dyn Clock, i: &ContactInput) -> Result<Contact> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let id = insert_contact(tx, &now, i)?;
        contacts::get(tx, id)
    })
}

/// Validates and inserts a contact inside a caller's transaction.
pub(crate) fn insert_contact(tx: &Connection, now: &str, i: &ContactInput) -> Result<i64> {
    let i = clean_contact(tx, i)?;
    contacts::insert(tx, now, &i)
}

pub fn update_contact(s: &mut Store, clock: &dyn Clock, id: i64, i: &ContactInput) -> Result<Contact> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let i = clean_contact(tx, i)?;
        if i.referred_by_id == Some(id) {
            return Err(Error::validation("contact.referred_by_id", "A contact cannot be referred by themself."));
        }
        let before = contacts::get(tx, id)?;
        contacts::update(tx, id, &now, &i)?;
        let after = contacts::get(tx, id)?;
        super::daily::contact_edited(tx, clock, &before, &after)?;
        Ok(after)
    })
}

pub fn get_contact(s: &Store, id: i64) -> Result<Contact> {
    contacts::get(s.conn(), id)
}

// ---- steps ----------------------------------------------------------------

fn probability(p: i64) -> Result<u8> {
    u8::try_from(p)
        .ok()
        .filter(|p| *p <= 100)
        .ok_or_else(|| Error::validation("step.probability_pct", format!("Probability must be between 0 and 100 % (got {p}).")))
}

pub fn list_steps(s: &Store) -> Result<Vec<Step>> {
    steps::list(s.conn())
}

pub fn add_step(s: &mut Store, clock: &dyn Clock, stage: Stage, name: &str, probability_pct: i64) -> Result<Step> {
    let name = validate::required("step.name", name, NAME_MAX)?;
    let p = probability(probability_pct)?;
    let now = stamp(clock.now());
    s.write(|tx| {
        let id = steps::insert(tx, &now, stage, &name, p)?;
        steps::get(tx, id)
    })
}

pub fn update_step(s: &mut Store, id: i64, name: &str, probability_pct: i64) -> Result<Step> {
    let name = validate::required("step.name", name, NAME_MAX)?;
    let p = probability(probability_pct)?;
    s.write(|tx| {
        steps::update(tx, id, &name, p)?;
        steps::get(tx, id)
    })
}

/// Archives a step; refused while open deals sit in it (move them first).
pub fn archive_step(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<()> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let step = steps::get(tx, id)?;
        let open = steps::open_deal_count(tx, id)?;
        if open > 0 {
            return Err(Error::new(ErrorCode::Conflict, format!("Step “{}” still holds {open} open deal(s). Move them to another step first.", step.name)));
        }
        if steps::list(tx)?.iter().filter(|x| x.stage == step.stage).count() <= 1 {
            return Err(Error::new(ErrorCode::Conflict, "Every stage needs at least one step. Add another step before archiving this one."));
        }
        steps::archive(tx, id, &now)
    })
}

// ---- deals ----------------------------------------------------------------

/// The expected close date: not before today and not past ten years ahead. A
/// date already stored (`kept`) may stay as it is, so a deal whose estimate has
/// passed can still be edited in other fields.
pub(crate) fn check_expected_close(
    today: chrono::NaiveDate,
    date: Option<chrono::NaiveDate>,
    kept: Option<chrono::NaiveDate>,
) -> Result<Option<chrono::NaiveDate>> {
    let Some(d) = date else { return Ok(None) };
    if Some(d) == kept {
        return Ok(Some(d));
    }
    if d < today {
        return Err(Error::validation("deal.expected_close_on", format!("The expected close date {d} has already passed. Pick today or a later day.")));
    }
    if d > today + chrono::Duration::days(3653) {
        return Err(Error::validation("deal.expected_close_on", format!("The expected close date {d} is more than ten years ahead. Check the year.")));
    }
    Ok(Some(d))
}

fn with_clean_deal<T>(
    c: &Connection,
    i: &DealInput,
    today: chrono::NaiveDate,
    kept_close: Option<chrono::NaiveDate>,
    f: impl FnOnce(&deals::DealRow) -> Result<T>,
) -> Result<T> {
    let title = validate::required("deal.title", &i.title, 300)?;
    let value = validate::non_negative("deal.value_minor", i.value_minor)?;
    let currency = match i.currency.as_deref().map(str::trim) {
        None | Some("") => meta::currency(c)?,
        Some(cur) => validate::currency("deal.currency", cur)?,
    };
    let next_step = validate::optional("deal.next_step", i.next_step.as_deref(), 500)?;
    if next_step.is_some() != i.next_step_date.is_some() {
        let field = if next_step.is_none() { "deal.next_step" } else { "deal.next_step_date" };
        return Err(Error::validation(field, "A next step needs both what to do and a date."));
    }
    if !store::exists(c, "steps", i.step_id)? {
        return Err(Error::validation("deal.step_id", format!("Step #{} does not exist. Pick a step of the conveyor.", i.step_id)));
    }
    must_exist(c, "companies", "Company", "deal.company_id", i.company_id)?;
    must_exist(c, "contacts", "Contact", "deal.contact_id", i.contact_id)?;
    must_exist(c, "people", "Person", "deal.owner_id", i.owner_id)?;
    must_exist(c, "contacts", "Contact", "deal.referred_by_id", i.referred_by_id)?;
    if i.company_id.is_none() && i.contact_id.is_none() {
        return Err(Error::validation("deal.company_id", "A deal needs a company or a contact."));
    }
    let expected_close_on = check_expected_close(today, i.expected_close_on, kept_close)?;
    f(&deals::DealRow {
        title: &title,
        company_id: i.company_id,
        contact_id: i.contact_id,
        step_id: i.step_id,
        value_minor: value,
        currency: &currency,
        owner_id: i.owner_id,
        source: i.source,
        referred_by_id: i.referred_by_id,
        next_step: next_step.as_deref(),
        next_step_date: i.next_step_date,
        expected_close_on,
    })
}

pub fn create_deal(s: &mut Store, clock: &dyn Clock, i: &DealInput) -> Result<Deal> {
    let now = stamp(clock.now());
    let today = clock.today();
    s.write(|tx| {
        let id = insert_deal(tx, &now, today, i)?;
        deals::get(tx, id)
    })
}

/// Validates and inserts a deal inside a caller's transaction.
pub(crate) fn insert_deal(tx: &Connection, now: &str, today: chrono::NaiveDate, i: &DealInput) -> Result<i64> {
    with_clean_deal(tx, i, today, None, |row| deals::insert(tx, now, today, row))
}

pub fn update_deal(s: &mut Store, clock: &dyn Clock, id: i64, i: &DealInput) -> Result<Deal> {
    let now = stamp(clock.now());
    let today = clock.today();
    s.write(|tx| {
        let before = deals::get(tx, id)?;
        if before.status != DealStatus::Open {
            return Err(Error::new(ErrorCode::Conflict, format!("Deal #{id} is {}; reopen it before changing it.", before.status)));
        }
        with_clean_deal(tx, i, today, before.expected_close_on, |row| deals::update(tx, id, &now, today, row))?;
        let after = deals::get(tx, id)?;
        super::daily::deal_edited(tx, clock, &before, &after)?;
        Ok(after)
    })
}

pub fn get_deal(s: &Store, id: i64) -> Result<Deal> {
    deals::get(s.conn(), id)
}

/// Wins, loses or disqualifies an open deal. Lost and disqualified need a reason.
pub fn close_deal(s: &mut Store, clock: &dyn Clock, id: i64, close: &DealClose) -> Result<Deal> {
    let reason = validate::optional("deal.close_reason", close.reason.as_deref(), 500)?;
    match close.status {
        DealStatus::Open => return Err(Error::validation("deal.status", "Choose won, lost or disqualified to close a deal.")),
        DealStatus::Lost | DealStatus::Disqualified if reason.is_none() => {
            return Err(Error::validation("deal.close_reason", "Say why the deal was lost or disqualified: the reasons feed the analytics."));
        }
        _ => {}
    }
    let now = stamp(clock.now());
    let today = clock.today();
    s.write(|tx| {
        let d = deals::get(tx, id)?;
        if d.status != DealStatus::Open {
            return Err(Error::new(ErrorCode::Conflict, format!("Deal #{id} is already {}.", d.status)));
        }
        deals::close(tx, id, &now, today, close.status, reason.as_deref())?;
        super::daily::record_sale(tx, &now, today, id)?;
        deals::get(tx, id)
    })
}

pub fn reopen_deal(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<Deal> {
    let now = stamp(clock.now());
    s.write(|tx| {
        deals::reopen(tx, id, &now)?;
        deals::get(tx, id)
    })
}

// ---- activities -----------------------------------------------------------

fn clean_activity(c: &Connection, i: &ActivityInput) -> Result<ActivityInput> {
    must_exist(c, "deals", "Deal", "activity.deal_id", i.deal_id)?;
    must_exist(c, "contacts", "Contact", "activity.contact_id", i.contact_id)?;
    must_exist(c, "companies", "Company", "activity.company_id", i.company_id)?;
    must_exist(c, "people", "Person", "activity.owner_id", i.owner_id)?;
    if let Some(d) = i.duration_min.filter(|d| *d > 24 * 60) {
        return Err(Error::validation("activity.duration_min", format!("{d} minutes is more than a day. Enter the duration in minutes.")));
    }
    if i.kind == ActivityKind::Task && i.due_at.is_none() && i.done_at.is_none() {
        return Err(Error::validation("activity.due_at", "A task needs a due date."));
    }
    Ok(ActivityInput {
        subject: validate::required("activity.subject", &i.subject, 500)?,
        outcome: validate::optional("activity.outcome", i.outcome.as_deref(), 2_000)?,
        notes: validate::optional("activity.notes", i.notes.as_deref(), TEXT_MAX)?,
        ..i.clone()
    })
}

pub fn create_activity(s: &mut Store, clock: &dyn Clock, i: &ActivityInput) -> Result<Activity> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let id = insert_activity(tx, &now, i)?;
        activities::get(tx, id)
    })
}

/// Validates and inserts an activity inside a caller's transaction.
pub(crate) fn insert_activity(tx: &Connection, now: &str, i: &ActivityInput) -> Result<i64> {
    let i = clean_activity(tx, i)?;
    activities::insert(tx, now, &i)
}

pub fn update_activity(s: &mut Store, clock: &dyn Clock, id: i64, i: &ActivityInput) -> Result<Activity> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let i = clean_activity(tx, i)?;
        activities::update(tx, id, &now, &i)?;
        activities::get(tx, id)
    })
}

pub fn get_activity(s: &Store, id: i64) -> Result<Activity> {
    activities::get(s.conn(), id)
}

// ---- orders ---------------------------------------------------------------

fn with_clean_order<T>(c: &Connection, i: &OrderInput, f: impl FnOnce(&orders::OrderRow) -> Result<T>) -> Result<T> {
    if !store::exists(c, "companies", i.company_id)? {
        return Err(Error::validation("order.company_id", format!("Company #{} does not exist. Pick the client.", i.company_id)));
    }
    must_exist(c, "contacts", "Contact", "order.contact_id", i.contact_id)?;
    must_exist(c, "deals", "Deal", "order.deal_id", i.deal_id)?;
    let amount = validate::non_negative("order.amount_minor", i.amount_minor)?;
    if i.margin_minor > amount {
        return Err(Error::validation("order.margin_minor", "The margin cannot be larger than the order amount."));
    }
    let currency = match i.currency.as_deref().map(str::trim) {
        None | Some("") => meta::currency(c)?,
        Some(cur) => validate::currency("order.currency", cur)?,
    };
    let notes = validate::optional("order.notes", i.notes.as_deref(), TEXT_MAX)?;
    f(&orders::OrderRow {
        company_id: i.company_id,
        contact_id: i.contact_id,
        deal_id: i.deal_id,
        order_date: i.order_date,
        amount_minor: amount,
        margin_minor: i.margin_minor,
        currency: &currency,
        notes: notes.as_deref(),
    })
}

pub fn create_order(s: &mut Store, clock: &dyn Clock, i: &OrderInput) -> Result<Order> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let id = with_clean_order(tx, i, |row| orders::insert(tx, &now, row))?;
        orders::get(tx, id)
    })
}

pub fn update_order(s: &mut Store, clock: &dyn Clock, id: i64, i: &OrderInput) -> Result<Order> {
    let now = stamp(clock.now());
    s.write(|tx| {
        with_clean_order(tx, i, |row| orders::update(tx, id, &now, row))?;
        orders::get(tx, id)
    })
}

pub fn get_order(s: &Store, id: i64) -> Result<Order> {
    orders::get(s.conn(), id)
}

// ---- undo -----------------------------------------------------------------

/// What can be archived and brought back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Archivable {
    Company,
    Contact,
    Deal,
    Activity,
    Order,
}

impl Archivable {
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Archivable::Company => ("companies", "Company"),
            Archivable::Contact => ("contacts", "Contact"),
            Archivable::Deal => ("deals", "Deal"),
            Archivable::Activity => ("activities", "Activity"),
            Archivable::Order => ("orders", "Order"),
        }
    }
}

/// Archives a record (the UI's "delete"): it leaves every list but is kept.
pub fn archive(s: &mut Store, clock: &dyn Clock, what: Archivable, id: i64) -> Result<()> {
    let now = stamp(clock.now());
    let (table, name) = what.table();
    s.write(|tx| {
        store::archive_row(tx, table, name, id, &now)?;
        after_archive_change(tx, what, id)
    })
}

/// Brings an archived record back (undo of archive).
pub fn restore(s: &mut Store, clock: &dyn Clock, what: Archivable, id: i64) -> Result<()> {
    let now = stamp(clock.now());
    let (table, name) = what.table();
    s.write(|tx| {
        store::restore_row(tx, table, name, id, &now)?;
        after_archive_change(tx, what, id)
    })
}

fn after_archive_change(tx: &Connection, what: Archivable, id: i64) -> Result<()> {
    match what {
        Archivable::Deal => companies::refresh_stage(tx, deals::get(tx, id)?.company_id),
        Archivable::Order => store::orders::refresh_expected(tx, orders::get(tx, id)?.company_id),
        _ => Ok(()),
    }
}

/// A record in the archive ("trash"), restorable with [`restore`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct TrashItem {
    pub what: Archivable,
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub archived_at: String,
}

/// The newest archived records (at most 500), for the trash view.
pub fn trash_list(s: &Store) -> Result<Vec<TrashItem>> {
    store::stats::archived(s.conn(), 500)?
        .into_iter()
        .map(|(kind, id, title, archived_at)| {
            let what = match kind.as_str() {
                "company" => Archivable::Company,
                "contact" => Archivable::Contact,
                "deal" => Archivable::Deal,
                "activity" => Archivable::Activity,
                _ => Archivable::Order,
            };
            Ok(TrashItem { what, id, title, archived_at })
        })
        .collect()
}
