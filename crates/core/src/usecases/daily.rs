//! Keeping the records every day: what the deal panel shows, ticking tasks
//! off (and the check-ins a logged call answers), every edit written into the
//! timeline in people's words, and a won deal written into the purchase history.

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::*;
use crate::playbook::template::{RegulationKind, Rule};
use crate::store::board::DealCard;
use crate::store::cards::{self, CardKind};
use crate::store::regulations;
use crate::store::today::TaskDue;
use crate::store::{self, Store, activities, companies, contacts, daily, deals, orders};
use crate::usecases::pipeline::{self, LogInput};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything the deal panel shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DealDetails {
    pub card: DealCard,
    pub deal: Deal,
    pub contact: Option<Contact>,
    pub company: Option<Company>,
    /// The deal's history (calls, meetings, notes, edits), newest first.
    pub activities: Vec<Activity>,
    /// Open tasks of the deal and of its client, earliest due first.
    pub open_tasks: Vec<TaskDue>,
    /// Who receives the deal at its hand-off to the next stage by default:
    /// the person holding that stage's role (null in stage 3 or when nobody holds it).
    #[ts(type = "number | null")]
    pub receiver_id: Option<i64>,
    /// What the deal is for, and its own notes (an imported deal brings them).
    pub notes: DealNotes,
}

/// A deal's product and its own notes, beside the client's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DealNotes {
    pub product: Option<String>,
    pub notes: Option<String>,
}

/// Saves a deal's product and notes (empty text clears them); the saved values.
pub fn save_deal_notes(s: &mut Store, clock: &dyn Clock, id: i64, n: &DealNotes) -> Result<DealNotes> {
    let product = crate::validate::optional("deal.product", n.product.as_deref(), crate::validate::NAME_MAX)?;
    let notes = crate::validate::optional("deal.notes", n.notes.as_deref(), crate::validate::TEXT_MAX)?;
    let now = stamp(clock.now());
    s.write(|tx| {
        if deals::get(tx, id)?.archived {
            return Err(Error::not_found("Deal", id));
        }
        deals::set_notes(tx, id, &now, product.as_deref(), notes.as_deref())?;
        let (product, notes) = deals::notes_of(tx, id)?;
        Ok(DealNotes { product, notes })
    })
}

pub fn deal_details(s: &Store, id: i64) -> Result<DealDetails> {
    let c = s.conn();
    let deal = deals::get(c, id)?;
    if deal.archived {
        return Err(Error::not_found("Deal", id));
    }
    let receiver_role = match deal.stage {
        Stage::LeadGeneration => Some(Role::Closer),
        Stage::FirstDeal => Some(Role::AccountManager),
        Stage::AccountDevelopment => None,
    };
    Ok(DealDetails {
        card: daily::card(c, id)?,
        contact: deal.contact_id.map(|x| contacts::get(c, x)).transpose()?,
        company: deal.company_id.map(|x| companies::get(c, x)).transpose()?,
        activities: activities::list_for_deal(c, id)?.into_iter().filter(|a| a.done_at.is_some()).collect(),
        open_tasks: daily::open_tasks(c, Some(id), deal.company_id)?,
        receiver_id: match receiver_role {
            Some(r) => pipeline::holder_of(c, r)?,
            None => None,
        },
        notes: {
            let (product, notes) = deals::notes_of(c, id)?;
            DealNotes { product, notes }
        },
        deal,
    })
}

/// Open tasks a logged call or meeting may answer: those of the deal and of its client.
pub fn open_tasks(s: &Store, deal_id: Option<i64>, company_id: Option<i64>) -> Result<Vec<TaskDue>> {
    let company = match (company_id, deal_id) {
        (Some(c), _) => Some(c),
        (None, Some(d)) => deals::get(s.conn(), d)?.company_id,
        (None, None) => None,
    };
    daily::open_tasks(s.conn(), deal_id, company)
}

fn local_now(clock: &dyn Clock) -> NaiveDateTime {
    let n = clock.local_now();
    n.with_nanosecond(0).unwrap_or(n)
}

/// Ticks an open task (or planned call) off now, with what came of it.
pub fn complete_task(s: &mut Store, clock: &dyn Clock, id: i64, outcome: Option<&str>) -> Result<Activity> {
    let outcome = crate::validate::optional("activity.outcome", outcome, 2_000)?;
    let now = stamp(clock.now());
    let at = local_now(clock);
    s.write(|tx| {
        complete_in(tx, &now, at, id, outcome.as_deref())?;
        activities::get(tx, id)
    })
}

fn complete_in(tx: &Connection, now: &str, at: NaiveDateTime, id: i64, outcome: Option<&str>) -> Result<()> {
    let a = activities::get(tx, id)?;
    if a.archived {
        return Err(Error::not_found("Task", id));
    }
    if a.done_at.is_some() {
        return Err(Error::new(ErrorCode::Conflict, format!("“{}” is already done.", a.subject)));
    }
    let input = ActivityInput {
        kind: a.kind,
        subject: a.subject,
        deal_id: a.deal_id,
        contact_id: a.contact_id,
        company_id: a.company_id,
        owner_id: a.owner_id,
        due_at: a.due_at,
        done_at: Some(at),
        outcome: outcome.map(str::to_string).or(a.outcome),
        duration_min: a.duration_min,
        notes: a.notes,
    };
    // Through the store's update, so the client's last contact moves on too.
    activities::update(tx, id, now, &input)
}

/// Opens a task ticked off by mistake again (undo of [`complete_task`]).
pub fn reopen_task(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<Activity> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let a = activities::get(tx, id)?;
        if a.done_at.is_none() {
            return Err(Error::new(ErrorCode::Conflict, format!("“{}” is still open.", a.subject)));
        }
        daily::set_done(tx, id, &now, None, None)?;
        activities::get(tx, id)
    })
}

/// Logs a call or meeting and ticks off the open tasks it answered, in one go.
pub fn log_and_close(s: &mut Store, clock: &dyn Clock, i: &LogInput, close: &[i64]) -> Result<Activity> {
    let lang = store::meta::load(s.conn())?.lang;
    let now = stamp(clock.now());
    let at = local_now(clock);
    s.write(|tx| {
        let id = pipeline::log_in(tx, clock, lang, i)?;
        for t in close {
            if activities::get(tx, *t)?.done_at.is_none() {
                complete_in(tx, &now, at, *t, None)?;
            }
        }
        activities::get(tx, id)
    })
}

/// A call or meeting with a client is its check-in: the open check-in tasks
/// the routines made for that client are done with it, so they do not pile up.
pub(crate) fn answer_checkins(tx: &Connection, now: &str, at: NaiveDateTime, kind: ActivityKind, company_id: Option<i64>) -> Result<u32> {
    let Some(co) = company_id.filter(|_| matches!(kind, ActivityKind::Call | ActivityKind::Meeting)) else { return Ok(0) };
    let checkins: Vec<i64> =
        regulations::list_kind(tx, RegulationKind::Routine)?.into_iter().filter(|r| matches!(r.rule, Some(Rule::ClientCheckIn { .. }))).map(|r| r.id).collect();
    let mut n = 0;
    for t in daily::open_routine_tasks(tx, co, &checkins)? {
        complete_in(tx, now, at, t, None)?;
        n += 1;
    }
    Ok(n)
}

/// A won deal with a value is a purchase: it goes into the client's order
/// history (once), dated the day it was won.
pub(crate) fn record_sale(tx: &Connection, now: &str, today: NaiveDate, deal_id: i64) -> Result<()> {
    let d = deals::get(tx, deal_id)?;
    let Some(company_id) = d.company_id else { return Ok(()) };
    if d.status != DealStatus::Won || d.value_minor <= 0 || daily::deal_has_order(tx, deal_id)? {
        return Ok(());
    }
    orders::insert(
        tx,
        now,
        &orders::OrderRow {
            company_id,
            contact_id: d.contact_id,
            deal_id: Some(deal_id),
            order_date: d.closed_on.unwrap_or(today),
            amount_minor: d.value_minor,
            margin_minor: 0,
            currency: &d.currency,
            notes: Some(&d.title),
        },
    )?;
    Ok(())
}

/// What a script's capture target is called on screen and in notes: the
/// card field's label, or the profile field's name (never `card:key`).
pub(crate) fn capture_label(tx: &Connection, lang: Lang, target: &str) -> Result<String> {
    if let Some(key) = target.strip_prefix("card:") {
        for kind in [CardKind::Qualification, CardKind::Handover] {
            if let Some(f) = cards::fields(tx, kind)?.into_iter().find(|f| f.key == key) {
                return Ok(f.label);
            }
        }
        return Ok(key.replace('_', " "));
    }
    let field = match target {
        "profile:notes" => "contact.notes",
        "profile:title" => "contact.title",
        "profile:email" => "contact.email",
        "profile:phone" => "contact.phone",
        other => return Ok(other.to_string()),
    };
    Ok(crate::validate::label(lang, field).unwrap_or(field).to_string())
}

// ---- the timeline of edits ----------------------------------------------------

/// What an edit changed, for the timeline: one `Label: old → new` line per field.
pub(crate) struct Changes {
    lang: Lang,
    labels: Vec<String>,
    lines: Vec<String>,
}

impl Changes {
    pub(crate) fn new(lang: Lang) -> Self {
        Changes { lang, labels: vec![], lines: vec![] }
    }
    /// A text field by its key (`contact.phone`), named in the workspace's language; nothing when it did not change.
    fn text(&mut self, field: &str, old: Option<&str>, new: Option<&str>) {
        let (old, new) = (old.unwrap_or("").trim(), new.unwrap_or("").trim());
        if old == new {
            return;
        }
        let label = crate::validate::label(self.lang, field).unwrap_or(field);
        self.push(label, old, new);
    }
    /// A changed value as people read it (empty: "—").
    pub(crate) fn push(&mut self, label: &str, old: &str, new: &str) {
        let show = |v: &str| if v.is_empty() { "—".to_string() } else { format!("“{v}”") };
        self.lines.push(format!("{label}: {} → {}", show(old), show(new)));
        self.labels.push(label.to_string());
    }
    /// The timeline note, or none when nothing changed.
    fn note(&self) -> Option<(String, String)> {
        if self.lines.is_empty() {
            return None;
        }
        let head = crate::pdf::i18n::t(self.lang, "record.changed");
        Some((format!("{head}: {}", self.labels.join(", ")), self.lines.join("\n")))
    }
}

/// Writes what an edit changed into the timeline of the deal, company or contact (nothing when nothing changed).
pub(crate) fn write_note(
    tx: &Connection,
    now: &str,
    at: NaiveDateTime,
    deal: Option<i64>,
    company: Option<i64>,
    contact: Option<i64>,
    ch: &Changes,
) -> Result<()> {
    let Some((subject, notes)) = ch.note() else { return Ok(()) };
    // A note of what was edited is no contact with the client: it leaves the
    // last-contact dates (check-in cadence, stale deals) as they are.
    activities::insert_row(
        tx,
        now,
        &ActivityInput {
            kind: ActivityKind::Note,
            subject,
            deal_id: deal,
            contact_id: contact,
            company_id: company,
            owner_id: None,
            due_at: Some(at),
            done_at: Some(at),
            outcome: None,
            duration_min: None,
            notes: Some(notes),
        },
    )?;
    Ok(())
}

fn person_name(tx: &Connection, id: Option<i64>) -> Result<Option<String>> {
    id.map(|p| store::people::get(tx, p).map(|p| p.name)).transpose()
}

/// Writes what an edit of a deal changed into its timeline.
pub(crate) fn deal_edited(tx: &Connection, clock: &dyn Clock, before: &Deal, after: &Deal) -> Result<()> {
    let lang = store::meta::load(tx)?.lang;
    let mut ch = Changes::new(lang);
    ch.text("deal.title", Some(&before.title), Some(&after.title));
    if before.value_minor != after.value_minor || before.currency != after.currency {
        let m = |d: &Deal| crate::pdf::i18n::money(lang, d.value_minor, &d.currency);
        ch.text("deal.value_minor", Some(&m(before)), Some(&m(after)));
    }
    ch.text("deal.owner_id", person_name(tx, before.owner_id)?.as_deref(), person_name(tx, after.owner_id)?.as_deref());
    ch.text("deal.next_step", before.next_step.as_deref(), after.next_step.as_deref());
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    ch.text("deal.next_step_date", date(before.next_step_date).as_deref(), date(after.next_step_date).as_deref());
    ch.text("deal.expected_close_on", date(before.expected_close_on).as_deref(), date(after.expected_close_on).as_deref());
    let contact = |id: Option<i64>| -> Result<Option<String>> { id.map(|x| contacts::get(tx, x).map(|c| c.display_name())).transpose() };
    ch.text("deal.contact_id", contact(before.contact_id)?.as_deref(), contact(after.contact_id)?.as_deref());
    write_note(tx, &stamp(clock.now()), local_now(clock), Some(after.id), after.company_id, after.contact_id, &ch)
}

/// Writes what an edit of a contact changed into the client's timeline.
pub(crate) fn contact_edited(tx: &Connection, clock: &dyn Clock, before: &Contact, after: &Contact) -> Result<()> {
    let mut ch = Changes::new(store::meta::load(tx)?.lang);
    ch.text("contact.first_name", Some(&before.first_name), Some(&after.first_name));
    ch.text("contact.last_name", Some(&before.last_name), Some(&after.last_name));
    ch.text("contact.title", before.title.as_deref(), after.title.as_deref());
    ch.text("contact.phone", before.phone.as_deref(), after.phone.as_deref());
    ch.text("contact.email", before.email.as_deref(), after.email.as_deref());
    ch.text("contact.birthday", before.birthday.as_deref(), after.birthday.as_deref());
    if before.notes != after.notes {
        ch.lines.push(crate::validate::label(ch.lang, "contact.notes").unwrap_or("Notes").to_string() + ": …");
    }
    write_note(tx, &stamp(clock.now()), local_now(clock), None, after.company_id, Some(after.id), &ch)
}

/// Writes what an edit of a company changed into its timeline.
pub(crate) fn company_edited(tx: &Connection, clock: &dyn Clock, before: &Company, after: &Company) -> Result<()> {
    let mut ch = Changes::new(store::meta::load(tx)?.lang);
    ch.text("company.name", Some(&before.name), Some(&after.name));
    ch.text("company.industry", before.industry.as_deref(), after.industry.as_deref());
    ch.text("company.city", before.city.as_deref(), after.city.as_deref());
    ch.text("company.phone", before.phone.as_deref(), after.phone.as_deref());
    ch.text("company.email", before.email.as_deref(), after.email.as_deref());
    ch.text("company.website", before.website.as_deref(), after.website.as_deref());
    if before.notes != after.notes {
        ch.lines.push(crate::validate::label(ch.lang, "company.notes").unwrap_or("Notes").to_string() + ": …");
    }
    write_note(tx, &stamp(clock.now()), local_now(clock), None, Some(after.id), None, &ch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::playbook::template::RegulationKind;
    use crate::store::testing::{clock, store};
    use crate::usecases::regulations::{self, RegulationInput};
    use crate::usecases::{board, clients, crm, today};
    use std::collections::BTreeMap;

    fn at(s: &str) -> FixedClock {
        FixedClock::at(&format!("{s}+01:00"))
    }

    fn lead(s: &mut Store) -> Deal {
        pipeline::create_lead(
            s,
            &clock(),
            &pipeline::LeadInput {
                company_name: "Acme".into(),
                first_name: "Anna".into(),
                last_name: "Berg".into(),
                phone: Some("+49 30 1234".into()),
                email: None,
                source: Source::ColdCall,
                referred_by_id: None,
                title: "Paper".into(),
                value_minor: 100_000,
                next_step: "Call".into(),
                next_step_date: clock().today(),
                company_id: None,
                contact_id: None,
            },
        )
        .unwrap()
    }

    fn input(d: &Deal) -> DealInput {
        DealInput {
            title: d.title.clone(),
            company_id: d.company_id,
            contact_id: d.contact_id,
            step_id: d.step_id,
            value_minor: d.value_minor,
            currency: Some(d.currency.clone()),
            owner_id: d.owner_id,
            source: d.source,
            referred_by_id: d.referred_by_id,
            next_step: d.next_step.clone(),
            next_step_date: d.next_step_date,
            expected_close_on: d.expected_close_on,
        }
    }

    fn contact_input(c: &Contact) -> ContactInput {
        ContactInput::from(c)
    }

    #[test]
    fn an_edited_deal_shows_its_new_value_everywhere_and_the_change_in_its_timeline() {
        let mut s = store();
        let boris = crm::create_person(&mut s, &clock(), &PersonInput { name: "Boris".into(), ..Default::default() }).unwrap();
        let d = lead(&mut s);
        let later = at("2026-11-24T11:30:00");
        let edited = crm::update_deal(&mut s, &later, d.id, &DealInput { value_minor: 250_000, owner_id: Some(boris.id), ..input(&d) }).unwrap();
        assert_eq!(edited.value_minor, 250_000);

        let b = board::get_board(&s, &clock(), &board::BoardQuery::default()).unwrap();
        let card = b.stages.iter().flat_map(|st| &st.steps).flat_map(|st| &st.deals).find(|c| c.id == d.id).unwrap();
        assert_eq!((card.value_minor, card.owner_name.as_deref()), (250_000, Some("Boris")));
        let details = deal_details(&s, d.id).unwrap();
        assert_eq!(details.card.value_minor, 250_000);
        let note = details.activities.iter().find(|a| a.kind == ActivityKind::Note).expect("the edit is in the timeline");
        assert_eq!(note.subject, "Changed: Value, Owner");
        assert_eq!(note.notes.as_deref(), Some("Value: “€1,000” → “€2,500”\nOwner: — → “Boris”"));
        assert_eq!(note.done_at.unwrap().to_string(), "2026-11-24 11:30:00");
        let profile = clients::profile(&s, d.company_id.unwrap()).unwrap();
        assert!(profile.activities.iter().any(|a| a.id == note.id), "and in the client's timeline");
        // An edit is no contact with the client: the deal's last contact stays.
        assert_eq!(details.card.last_activity_on, None);

        // Saving unchanged writes no note; a refused edit changes nothing.
        crm::update_deal(&mut s, &later, d.id, &input(&edited)).unwrap();
        assert_eq!(deal_details(&s, d.id).unwrap().activities.len(), 1);
        let e = crm::update_deal(&mut s, &later, d.id, &DealInput { title: "  ".into(), ..input(&edited) }).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Validation, Some("deal.title")));
        assert!(!e.message.contains("deal.title"), "{}", e.message);
        assert_eq!(crm::get_deal(&s, d.id).unwrap().title, "Paper");
    }

    #[test]
    fn the_expected_close_date_is_edited_validated_kept_in_the_timeline_and_on_the_card() {
        let mut s = store();
        let d = lead(&mut s);
        assert_eq!(d.expected_close_on, None, "a deal starts without an estimate");
        let today = clock().today();
        let later = at("2026-11-24T11:30:00");
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();

        // Refused, naming the field in words, and nothing changes: a day gone, a year typed wrong.
        for bad in [today - chrono::Duration::days(1), day("2046-01-01")] {
            let e = crm::update_deal(&mut s, &later, d.id, &DealInput { expected_close_on: Some(bad), ..input(&d) }).unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Validation, Some("deal.expected_close_on")));
            assert!(e.message.contains(&bad.to_string()), "{}", e.message);
            assert_eq!(crm::get_deal(&s, d.id).unwrap().expected_close_on, None);
        }

        let edited = crm::update_deal(&mut s, &later, d.id, &DealInput { expected_close_on: Some(day("2026-12-18")), ..input(&d) }).unwrap();
        assert_eq!(edited.expected_close_on, Some(day("2026-12-18")));
        let details = deal_details(&s, d.id).unwrap();
        assert_eq!(details.card.expected_close_on, Some(day("2026-12-18")), "the board card and the panel show it");
        let note = details.activities.iter().find(|a| a.kind == ActivityKind::Note).expect("the change is in the timeline");
        assert_eq!(note.subject, "Changed: Expected close");
        assert_eq!(note.notes.as_deref(), Some("Expected close: — → “2026-12-18”"));

        // Once its day has passed, the deal can still be edited in other fields with the old estimate kept…
        let next_year = at("2027-01-05T09:00:00");
        let kept = crm::update_deal(&mut s, &next_year, d.id, &DealInput { value_minor: 9_900, ..input(&edited) }).unwrap();
        assert_eq!(kept.expected_close_on, Some(day("2026-12-18")));
        // …and moved to another past day it is refused.
        let e = crm::update_deal(&mut s, &next_year, d.id, &DealInput { expected_close_on: Some(day("2026-12-30")), ..input(&kept) }).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("deal.expected_close_on"));
        // Cleared, it is gone.
        assert_eq!(crm::update_deal(&mut s, &next_year, d.id, &DealInput { expected_close_on: None, ..input(&kept) }).unwrap().expected_close_on, None);
    }

    #[test]
    fn an_edited_phone_is_in_the_profile_on_the_panel_and_in_the_timeline() {
        let mut s = store();
        let d = lead(&mut s);
        let c = crm::get_contact(&s, d.contact_id.unwrap()).unwrap();
        crm::update_contact(&mut s, &clock(), c.id, &ContactInput { phone: Some("+49 30 9999".into()), ..contact_input(&c) }).unwrap();
        let p = clients::profile(&s, d.company_id.unwrap()).unwrap();
        assert_eq!(p.contacts[0].phone.as_deref(), Some("+49 30 9999"));
        assert_eq!(deal_details(&s, d.id).unwrap().contact.unwrap().phone.as_deref(), Some("+49 30 9999"));
        let note = p.activities.iter().find(|a| a.kind == ActivityKind::Note).unwrap();
        assert_eq!(note.notes.as_deref(), Some("Phone: “+49 30 1234” → “+49 30 9999”"));

        let e = crm::update_contact(&mut s, &clock(), c.id, &ContactInput { email: Some("anna at acme".into()), ..contact_input(&c) }).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("contact.email"));
        assert_eq!(crm::get_contact(&s, c.id).unwrap().phone.as_deref(), Some("+49 30 9999"), "nothing changed");

        let co = crm::get_company(&s, d.company_id.unwrap()).unwrap();
        let edited =
            crm::update_company(&mut s, &clock(), co.id, &CompanyInput { name: "Acme GmbH".into(), city: Some("Berlin".into()), ..Default::default() })
                .unwrap();
        assert_eq!(edited.city.as_deref(), Some("Berlin"));
        let p = clients::profile(&s, co.id).unwrap();
        assert!(p.activities.iter().any(|a| a.subject == "Changed: Company name, City"));
    }

    #[test]
    fn a_task_is_ticked_off_with_one_call_and_undone() {
        let mut s = store();
        let d = lead(&mut s);
        let task = crm::create_activity(
            &mut s,
            &clock(),
            &ActivityInput {
                kind: ActivityKind::Task,
                subject: "Send the price list".into(),
                deal_id: Some(d.id),
                contact_id: None,
                company_id: d.company_id,
                owner_id: None,
                due_at: Some(clock().today().and_hms_opt(8, 0, 0).unwrap()),
                done_at: None,
                outcome: None,
                duration_min: None,
                notes: None,
            },
        )
        .unwrap();
        let due = |s: &Store| today::today(s, &clock(), None).unwrap().tasks_due.tasks.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(due(&s), vec![task.id]);
        let done = complete_task(&mut s, &clock(), task.id, Some("Sent")).unwrap();
        assert_eq!((done.done_at.unwrap().to_string().as_str(), done.outcome.as_deref()), ("2026-11-24 09:00:00", Some("Sent")));
        assert!(due(&s).is_empty());
        assert_eq!(complete_task(&mut s, &clock(), task.id, None).unwrap_err().code, ErrorCode::Conflict);
        reopen_task(&mut s, &clock(), task.id).unwrap();
        assert_eq!(due(&s), vec![task.id]);

        // A logged call offers the task it answers, and closes what was ticked.
        let offered = open_tasks(&s, Some(d.id), None).unwrap();
        assert_eq!(offered.iter().map(|t| t.id).collect::<Vec<_>>(), vec![task.id]);
        let log = LogInput {
            kind: ActivityKind::Call,
            deal_id: Some(d.id),
            contact_id: None,
            company_id: None,
            subject: None,
            outcome: Some("Agreed".into()),
            duration_min: None,
            notes: None,
            next_step: Some("Send the offer".into()),
            next_step_date: Some(clock().today()),
        };
        log_and_close(&mut s, &clock(), &log, &[task.id]).unwrap();
        assert!(due(&s).is_empty());
        let details = deal_details(&s, d.id).unwrap();
        assert_eq!(details.card.next_step.as_deref(), Some("Send the offer"));
        assert_eq!(details.card.last_activity_on, Some(clock().today()));
        assert!(details.open_tasks.is_empty());
    }

    #[test]
    fn checkins_that_were_done_do_not_pile_up() {
        let mut s = store();
        crm::create_person(&mut s, &clock(), &PersonInput { name: "Olga".into(), roles: vec![Role::AccountManager], ..Default::default() }).unwrap();
        regulations::create_regulation(
            &mut s,
            &clock(),
            &RegulationInput {
                stage: Some(Stage::AccountDevelopment),
                role: Role::AccountManager,
                kind: RegulationKind::Routine,
                title: "Check-ins".into(),
                text: "Call every client.".into(),
                rule: Some(Rule::ClientCheckIn { days: BTreeMap::from([(Abc::A, 14), (Abc::B, 30), (Abc::C, 60)]) }),
                documents: vec![],
            },
        )
        .unwrap();
        let mut ids = vec![];
        for n in 0..23 {
            let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: format!("Client {n}"), abc: Some(Abc::B), ..Default::default() }).unwrap();
            s.write(|tx| {
                tx.execute("UPDATE companies SET client_since = '2026-01-01', last_activity_on = '2026-09-01' WHERE id = ?1", [co.id])?;
                Ok(())
            })
            .unwrap();
            ids.push(co.id);
        }
        let open = |s: &mut Store, c: &FixedClock| today::today_fresh(s, c, None).unwrap().tasks_due.total;
        assert_eq!(open(&mut s, &clock()), 23);
        // A check-in call with one client: its check-in is done with it.
        let log = LogInput {
            kind: ActivityKind::Call,
            deal_id: None,
            contact_id: None,
            company_id: Some(ids[0]),
            subject: None,
            outcome: Some("All fine".into()),
            duration_min: None,
            notes: None,
            next_step: None,
            next_step_date: None,
        };
        pipeline::log_activity(&mut s, &clock(), &log).unwrap();
        assert_eq!(open(&mut s, &clock()), 22);
        // A routine task ticked off from Today stays done too.
        let first = today::today(&s, &clock(), None).unwrap().tasks_due.tasks[0].id;
        complete_task(&mut s, &clock(), first, None).unwrap();
        assert_eq!(open(&mut s, &clock()), 21);
        // Days later the engine runs again: nothing done comes back.
        for day in ["2026-11-25T09:00:00", "2026-11-27T09:00:00", "2026-12-01T09:00:00"] {
            assert_eq!(open(&mut s, &at(day)), 21, "{day}");
        }
    }

    #[test]
    fn a_won_deal_is_in_the_purchase_history_once() {
        let mut s = store();
        let d = lead(&mut s);
        crm::close_deal(&mut s, &clock(), d.id, &DealClose { status: DealStatus::Won, reason: None }).unwrap();
        let p = clients::profile(&s, d.company_id.unwrap()).unwrap();
        assert_eq!(p.orders.len(), 1);
        assert_eq!((p.orders[0].amount_minor, p.orders[0].deal_id, p.orders[0].order_date), (100_000, Some(d.id), clock().today()));
        crm::reopen_deal(&mut s, &clock(), d.id).unwrap();
        crm::close_deal(&mut s, &clock(), d.id, &DealClose { status: DealStatus::Won, reason: None }).unwrap();
        assert_eq!(clients::profile(&s, d.company_id.unwrap()).unwrap().orders.len(), 1, "won twice, sold once");
    }

    #[test]
    fn a_deal_panel_names_who_receives_it_at_the_hand_off() {
        let mut s = store();
        crm::create_person(&mut s, &clock(), &PersonInput { name: "Hanna".into(), roles: vec![Role::Hunter], ..Default::default() }).unwrap();
        let closer = crm::create_person(&mut s, &clock(), &PersonInput { name: "Carl".into(), roles: vec![Role::Closer], ..Default::default() }).unwrap();
        let d = lead(&mut s);
        let details = deal_details(&s, d.id).unwrap();
        assert_eq!(details.receiver_id, Some(closer.id));
        assert_eq!(details.contact.unwrap().phone.as_deref(), Some("+49 30 1234"));
    }

    #[test]
    fn captured_answers_are_named_as_people_read_them() {
        let s = store();
        assert_eq!(capture_label(s.conn(), Lang::En, "profile:title").unwrap(), "Position");
        assert_eq!(capture_label(s.conn(), Lang::Ru, "profile:phone").unwrap(), "Телефон");
        assert_eq!(capture_label(s.conn(), Lang::En, "card:budget").unwrap(), "Budget");
    }
}
