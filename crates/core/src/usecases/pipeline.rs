//! Working the conveyor: moving deals, hand-offs between stages with their
//! cards, winning a first deal, logging calls with the next step, and undo.

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::*;
use crate::store::cards::{self, CardKind, Handoff};
use crate::store::{self, Store, activities, companies, deals, people, steps};
use crate::validate;
use chrono::{Duration, NaiveDate, Timelike};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Moves an open deal to another step of the same stage. A move to another
/// stage is a hand-off and is refused with `handoff_required`.
pub fn move_deal(s: &mut Store, clock: &dyn Clock, deal_id: i64, step_id: i64) -> Result<Deal> {
    let now = stamp(clock.now());
    let today = clock.today();
    s.write(|tx| {
        let d = open_deal(tx, deal_id)?;
        let to = steps::get(tx, step_id).map_err(|_| Error::validation("deal.step_id", format!("Step #{step_id} does not exist.")))?;
        if to.stage != d.stage {
            return Err(Error::new(
                ErrorCode::HandoffRequired,
                format!("Moving “{}” from stage {} to stage {} is a hand-off: fill in its card first.", d.title, d.stage.number(), to.stage.number()),
            ));
        }
        if to.id != d.step_id {
            deals::move_to_step(tx, deal_id, &now, today, step_id)?;
        }
        deals::get(tx, deal_id)
    })
}

pub(crate) fn open_deal(c: &Connection, id: i64) -> Result<Deal> {
    let d = deals::get(c, id)?;
    if d.archived {
        return Err(Error::not_found("Deal", id));
    }
    if d.status != DealStatus::Open {
        return Err(Error::new(ErrorCode::Conflict, format!("Deal #{id} is {}; reopen it first.", d.status)));
    }
    Ok(d)
}

/// Checks a card against its configured fields: every required field filled,
/// no unknown fields; returns the trimmed card.
fn check_card(c: &Connection, kind: CardKind, card: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>> {
    let fields = cards::fields(c, kind)?;
    let mut out = BTreeMap::new();
    for (k, v) in card {
        if !fields.iter().any(|f| &f.key == k) {
            return Err(Error::validation(&format!("card.{k}"), format!("“{k}” is not a field of the {} card.", kind.code())));
        }
        if let Some(v) = validate::optional(&format!("card.{k}"), Some(v), 2_000)? {
            out.insert(k.clone(), v);
        }
    }
    // Every empty required field at once, so the person fills them in one go.
    let missing: Vec<&cards::CardField> = fields.iter().filter(|f| f.required && !out.contains_key(&f.key)).collect();
    match missing.as_slice() {
        [] => Ok(out),
        [f] => Err(Error::validation(&format!("card.{}", f.key), format!("Fill in “{}”: the card needs it before the hand-off.", f.label))),
        [first, ..] => {
            let names: Vec<String> = missing.iter().map(|f| format!("“{}”", f.label)).collect();
            Err(Error::validation(
                &format!("card.{}", first.key),
                format!("Fill in {} required fields: {}. The card needs them before the hand-off.", names.len(), names.join(", ")),
            ))
        }
    }
}

/// The person who holds a role (the first one), if any.
pub(crate) fn holder_of(c: &Connection, role: Role) -> Result<Option<i64>> {
    Ok(people::list(c)?.into_iter().find(|p| p.roles.contains(&role)).map(|p| p.id))
}

pub fn card_fields(s: &Store, kind: CardKind) -> Result<Vec<cards::CardField>> {
    cards::fields(s.conn(), kind)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandOffInput {
    #[ts(type = "number")]
    pub deal_id: i64,
    /// The stage-2 step to put the deal in; the first step when empty.
    #[ts(type = "number | null")]
    pub to_step_id: Option<i64>,
    /// Who takes it in stage 2; the closer (or the current owner) when empty.
    #[ts(type = "number | null")]
    pub to_person_id: Option<i64>,
    pub card: BTreeMap<String, String>,
    /// The first step in stage 2 (every open deal needs one).
    pub next_step: String,
    pub next_step_date: NaiveDate,
}

/// Stage 1 → 2: a qualified lead handed to the first deal, with its
/// qualification card, from whom to whom and when.
pub fn hand_off_qualified_lead(s: &mut Store, clock: &dyn Clock, i: &HandOffInput) -> Result<Deal> {
    let now = stamp(clock.now());
    let today = clock.today();
    s.write(|tx| {
        let d = open_deal(tx, i.deal_id)?;
        if d.stage != Stage::LeadGeneration {
            return Err(Error::new(ErrorCode::Conflict, format!("“{}” is not in lead generation; only qualified leads are handed to stage 2.", d.title)));
        }
        // The card first: its message lists every empty required field.
        let card = check_card(tx, CardKind::Qualification, &i.card)?;
        let next = validate::required("deal.next_step", &i.next_step, 500)?;
        let stage2: Vec<Step> = steps::list(tx)?.into_iter().filter(|x| x.stage == Stage::FirstDeal).collect();
        let to_step = match i.to_step_id {
            Some(id) => stage2.iter().find(|x| x.id == id).ok_or_else(|| Error::validation("handoff.to_step_id", "Pick a step of stage 2."))?.id,
            None => stage2.first().ok_or_else(|| Error::new(ErrorCode::Conflict, "Stage 2 has no steps. Add one first."))?.id,
        };
        if let Some(p) = i.to_person_id.filter(|p| !people::exists(tx, *p).unwrap_or(false)) {
            return Err(Error::validation("handoff.to_person_id", format!("Person #{p} does not exist.")));
        }
        let to_person = i.to_person_id.or(holder_of(tx, Role::Closer)?).or(d.owner_id);
        cards::insert_handoff(tx, &now, d.id, d.company_id, Stage::LeadGeneration, Stage::FirstDeal, d.owner_id, to_person, &card)?;
        deals::move_to_step(tx, d.id, &now, today, to_step)?;
        deals::set_owner(tx, d.id, &now, to_person)?;
        deals::set_next_step(tx, d.id, &now, Some(&next), Some(i.next_step_date))?;
        deals::get(tx, d.id)
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WinInput {
    #[ts(type = "number")]
    pub deal_id: i64,
    /// Who develops the client in stage 3; the account manager (or the
    /// current owner) when empty.
    #[ts(type = "number | null")]
    pub to_person_id: Option<i64>,
    pub card: BTreeMap<String, String>,
    /// The final amount of the sale (minor units); empty keeps the deal's value.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub value_minor: Option<i64>,
}

/// What winning a first deal produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WinOutcome {
    pub deal: Deal,
    /// The client's stage-3 record.
    pub account_deal: Deal,
    #[ts(type = "number")]
    pub checkin_task_id: i64,
    #[ts(type = "number")]
    pub referral_task_id: i64,
}

/// Stage 2 → 3: the first sale. Needs the hand-over card; makes the company a
/// client, opens its stage-3 record, and plans a first check-in and an
/// "ask for a referral" task.
pub fn win_first_deal(s: &mut Store, clock: &dyn Clock, i: &WinInput) -> Result<WinOutcome> {
    let now = stamp(clock.now());
    let today = clock.today();
    let lang = store::meta::load(s.conn())?.lang;
    s.write(|tx| {
        let d = open_deal(tx, i.deal_id)?;
        if d.stage != Stage::FirstDeal {
            return Err(Error::new(ErrorCode::Conflict, format!("“{}” is not a first deal (stage 2); close it as won from its own stage.", d.title)));
        }
        let company_id =
            d.company_id.ok_or_else(|| Error::validation("deal.company_id", "A first sale needs the client's company. Set it on the deal first."))?;
        let card = check_card(tx, CardKind::Handover, &i.card)?;
        if let Some(p) = i.to_person_id.filter(|p| !people::exists(tx, *p).unwrap_or(false)) {
            return Err(Error::validation("handoff.to_person_id", format!("Person #{p} does not exist.")));
        }
        let to_person = i.to_person_id.or(holder_of(tx, Role::AccountManager)?).or(d.owner_id);
        if let Some(v) = i.value_minor {
            if v < 0 {
                return Err(Error::validation("deal.value_minor", "The final amount cannot be negative. Type what the client pays."));
            }
            deals::set_value(tx, d.id, &now, v)?;
        }
        deals::close(tx, d.id, &now, today, DealStatus::Won, None)?;
        companies::mark_client(tx, company_id, today, &now)?;
        super::daily::record_sale(tx, &now, today, d.id)?;
        cards::insert_handoff(tx, &now, d.id, Some(company_id), Stage::FirstDeal, Stage::AccountDevelopment, d.owner_id, to_person, &card)?;

        let t = texts(lang);
        let first3 = steps::list(tx)?
            .into_iter()
            .find(|x| x.stage == Stage::AccountDevelopment)
            .ok_or_else(|| Error::new(ErrorCode::Conflict, "Stage 3 has no steps. Add one first."))?;
        let checkin_on = today + Duration::days(7);
        let account_id = deals::insert(
            tx,
            &now,
            today,
            &deals::DealRow {
                title: &format!("{}: {}", t.account, d.title),
                company_id: Some(company_id),
                contact_id: d.contact_id,
                step_id: first3.id,
                value_minor: 0,
                currency: &d.currency,
                owner_id: to_person,
                source: Source::Repeat,
                referred_by_id: None,
                next_step: Some(t.checkin),
                next_step_date: Some(checkin_on),
                expected_close_on: None,
            },
        )?;
        let task = |subject: &str, due: NaiveDate, deal: i64| ActivityInput {
            kind: ActivityKind::Task,
            subject: subject.to_string(),
            deal_id: Some(deal),
            contact_id: d.contact_id,
            company_id: Some(company_id),
            owner_id: to_person,
            due_at: Some(due.and_hms_opt(10, 0, 0).expect("valid time")),
            done_at: None,
            outcome: None,
            duration_min: None,
            notes: None,
        };
        let checkin_task_id = activities::insert(tx, &now, &task(t.checkin, checkin_on, account_id))?;
        let referral_task_id = activities::insert(tx, &now, &task(t.referral, today + Duration::days(7), account_id))?;
        Ok(WinOutcome { deal: deals::get(tx, d.id)?, account_deal: deals::get(tx, account_id)?, checkin_task_id, referral_task_id })
    })
}

struct Texts {
    account: &'static str,
    checkin: &'static str,
    referral: &'static str,
}

fn texts(lang: Lang) -> Texts {
    use crate::pdf::i18n::t;
    Texts { account: t(lang, "core.win.account"), checkin: t(lang, "core.win.checkin"), referral: t(lang, "core.win.referral") }
}

/// Logging a call (or meeting, e-mail, note) that happened, with the next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LogInput {
    pub kind: ActivityKind,
    #[ts(type = "number | null")]
    pub deal_id: Option<i64>,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    /// Empty: the kind's name.
    pub subject: Option<String>,
    pub outcome: Option<String>,
    pub duration_min: Option<u32>,
    pub notes: Option<String>,
    /// Required when the deal stays open: every open deal has a next step with a date.
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
}

/// Logs a done activity now and sets the deal's next step, in one go.
pub fn log_activity(s: &mut Store, clock: &dyn Clock, i: &LogInput) -> Result<Activity> {
    let lang = store::meta::load(s.conn())?.lang;
    s.write(|tx| {
        let id = log_in(tx, clock, lang, i)?;
        activities::get(tx, id)
    })
}

/// [`log_activity`] inside a caller's transaction; returns the activity's id.
pub(crate) fn log_in(tx: &Connection, clock: &dyn Clock, lang: Lang, i: &LogInput) -> Result<i64> {
    let now = stamp(clock.now());
    let now_local = clock.local_now();
    let at = now_local.with_nanosecond(0).unwrap_or(now_local);
    let deal = i.deal_id.map(|id| open_deal(tx, id)).transpose()?;
    let next = validate::optional("deal.next_step", i.next_step.as_deref(), 500)?;
    if let Some(d) = &deal {
        match (&next, i.next_step_date) {
            (Some(_), Some(date)) if date < clock.today() => {
                return Err(Error::validation("deal.next_step_date", "The next step's date is in the past. Pick today or later."));
            }
            (Some(_), Some(_)) => {}
            (None, _) => {
                return Err(Error::validation("deal.next_step", format!("What is the next step with “{}”? Every open deal needs one with a date.", d.title)));
            }
            (Some(_), None) => return Err(Error::validation("deal.next_step_date", "Give the next step a date.")),
        }
    }
    let subject = match i.subject.as_deref().map(str::trim).filter(|x| !x.is_empty()) {
        Some(x) => x.to_string(),
        None => kind_name(lang, i.kind).to_string(),
    };
    let input = ActivityInput {
        kind: i.kind,
        subject,
        deal_id: i.deal_id,
        contact_id: i.contact_id.or(deal.as_ref().and_then(|d| d.contact_id)),
        company_id: i.company_id.or(deal.as_ref().and_then(|d| d.company_id)),
        owner_id: deal.as_ref().and_then(|d| d.owner_id),
        due_at: Some(at),
        done_at: Some(at),
        outcome: i.outcome.clone(),
        duration_min: i.duration_min,
        notes: i.notes.clone(),
    };
    let id = super::crm::insert_activity(tx, &now, &input)?;
    super::daily::answer_checkins(tx, &now, at, input.kind, input.company_id)?;
    if let Some(d) = &deal {
        deals::set_next_step(tx, d.id, &now, next.as_deref(), i.next_step_date)?;
    }
    Ok(id)
}

fn kind_name(lang: Lang, k: ActivityKind) -> &'static str {
    crate::pdf::i18n::kind(lang, k)
}

/// Moves a deal's next step to another day (or changes what it is).
pub fn reschedule(s: &mut Store, clock: &dyn Clock, deal_id: i64, next_step: &str, date: NaiveDate) -> Result<Deal> {
    let next = validate::required("deal.next_step", next_step, 500)?;
    if date < clock.today() {
        return Err(Error::validation("deal.next_step_date", "The new date is in the past. Pick today or later."));
    }
    let now = stamp(clock.now());
    s.write(|tx| {
        open_deal(tx, deal_id)?;
        deals::set_next_step(tx, deal_id, &now, Some(&next), Some(date))?;
        deals::get(tx, deal_id)
    })
}

/// Reasons to offer when a deal is lost or disqualified: the defaults, then
/// the ones this workspace has used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseReasons {
    pub lost: Vec<String>,
    pub disqualified: Vec<String>,
}

pub fn close_reasons(s: &Store) -> Result<CloseReasons> {
    let lang = store::meta::load(s.conn())?.lang;
    let said = |keys: &[&str]| keys.iter().map(|k| crate::pdf::i18n::t(lang, k).to_string()).collect::<Vec<_>>();
    let mut lost = said(&["core.lost.price", "core.lost.competitor", "core.lost.budget", "core.lost.decider", "core.lost.timing"]);
    let mut disqualified = said(&["core.disq.target", "core.disq.need", "core.disq.duplicate", "core.disq.closed", "core.disq.unreachable"]);
    for (status, reason) in store::stats::close_reasons(s.conn())? {
        let v = if status == "lost" { &mut lost } else { &mut disqualified };
        if !v.contains(&reason) {
            v.push(reason);
        }
    }
    Ok(CloseReasons { lost, disqualified })
}

/// The hand-offs recorded for a company, oldest first.
pub fn handoffs_of_company(s: &Store, company_id: i64) -> Result<Vec<Handoff>> {
    cards::handoffs_of_company(s.conn(), company_id)
}

/// Puts a stage's steps in the given order (every step of the stage, once).
pub fn reorder_steps(s: &mut Store, stage: Stage, ids: &[i64]) -> Result<Vec<Step>> {
    s.write(|tx| {
        let current: Vec<i64> = steps::list(tx)?.into_iter().filter(|x| x.stage == stage).map(|x| x.id).collect();
        let mut sorted = ids.to_vec();
        sorted.sort_unstable();
        let mut want = current.clone();
        want.sort_unstable();
        if sorted != want {
            return Err(Error::validation("steps.order", "List every step of the stage exactly once."));
        }
        for (pos, id) in ids.iter().enumerate() {
            steps::set_position(tx, *id, pos as i32 + 1)?;
        }
        steps::list(tx)
    })
}

/// A new lead typed in by hand: a company, a person there, and a stage-1 deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LeadInput {
    pub company_name: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub source: Source,
    #[ts(type = "number | null")]
    pub referred_by_id: Option<i64>,
    /// What the deal is about; empty: the company's name.
    pub title: String,
    #[ts(type = "number")]
    pub value_minor: i64,
    pub next_step: String,
    pub next_step_date: NaiveDate,
    /// An existing company to use instead of creating one (quick create's "use it").
    #[serde(default)]
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    /// An existing person to use instead of creating one.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
}

/// Creates the company, the contact and a deal in the first step of stage 1
/// (owned by the hunter), all or nothing. A referral must name who referred.
/// An existing company or contact named in the input is used instead of a new one.
pub fn create_lead(s: &mut Store, clock: &dyn Clock, i: &LeadInput) -> Result<Deal> {
    if i.source == Source::Referral && i.referred_by_id.is_none() {
        return Err(Error::validation("lead.referred_by_id", "A referral needs the client who referred them. Pick who it was."));
    }
    if i.next_step_date < clock.today() {
        return Err(Error::validation("deal.next_step_date", "The next step's date is in the past. Pick today or later."));
    }
    let now = stamp(clock.now());
    let today = clock.today();
    s.write(|tx| {
        let hunter = holder_of(tx, Role::Hunter)?;
        let live = |table: &'static str, what: &str, field: &str, id: i64| -> Result<()> {
            if store::exists(tx, table, id)? {
                Ok(())
            } else {
                Err(Error::validation(field, format!("{what} #{id} does not exist (or is archived). Pick another one.")))
            }
        };
        let existing = match i.contact_id {
            Some(id) => {
                live("contacts", "Contact", "lead.contact_id", id)?;
                Some(store::contacts::get(tx, id)?)
            }
            None => None,
        };
        let company = match (i.company_id, existing.as_ref().and_then(|c| c.company_id)) {
            (Some(id), _) => {
                live("companies", "Company", "lead.company_id", id)?;
                Some(id)
            }
            (None, Some(id)) => Some(id),
            (None, None) if existing.is_some() && i.company_name.trim().is_empty() => None,
            (None, None) => Some(super::crm::insert_company(
                tx,
                &now,
                &CompanyInput { name: i.company_name.clone(), source: Some(i.source), owner_id: hunter, ..Default::default() },
            )?),
        };
        let contact = match existing {
            Some(ct) => ct.id,
            None => super::crm::insert_contact(
                tx,
                &now,
                &ContactInput {
                    company_id: company,
                    first_name: i.first_name.clone(),
                    last_name: i.last_name.clone(),
                    phone: i.phone.clone(),
                    email: i.email.clone(),
                    source: Some(i.source),
                    referred_by_id: i.referred_by_id,
                    owner_id: hunter,
                    ..Default::default()
                },
            )?,
        };
        let first = steps::list(tx)?
            .into_iter()
            .find(|x| x.stage == Stage::LeadGeneration)
            .ok_or_else(|| Error::new(ErrorCode::Conflict, "Stage 1 has no steps. Add one first."))?;
        let title = match (i.title.trim(), company) {
            ("", Some(co)) => companies::get(tx, co)?.name,
            ("", None) => {
                let k = store::contacts::get(tx, contact)?;
                crate::model::person_label(k.id, &k.display_name(), k.email.as_deref(), k.phone.as_deref())
            }
            (t, _) => t.to_string(),
        };
        let id = super::crm::insert_deal(
            tx,
            &now,
            today,
            &DealInput {
                title,
                company_id: company,
                contact_id: Some(contact),
                step_id: first.id,
                value_minor: i.value_minor,
                currency: None,
                owner_id: hunter,
                source: i.source,
                referred_by_id: i.referred_by_id,
                next_step: Some(i.next_step.clone()),
                next_step_date: Some(i.next_step_date),
                expected_close_on: None,
            },
        )?;
        deals::get(tx, id)
    })
}

// ---- configuring the hand-off cards ----------------------------------------

/// A field key from its label: ASCII letters and digits, else `field`; made
/// unique on the card (`_2`, `_3`, …).
fn field_key(c: &Connection, card: CardKind, label: &str) -> Result<String> {
    let mut base: String = crate::text::fold(label)
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    base.truncate(40);
    if base.is_empty() || base.starts_with(|ch: char| ch.is_ascii_digit()) {
        base = format!("field_{base}").trim_end_matches('_').to_string();
    }
    let mut key = base.clone();
    let mut n = 2;
    while cards::key_taken(c, card, &key)? {
        key = format!("{base}_{n}");
        n += 1;
    }
    Ok(key)
}

pub fn add_card_field(s: &mut Store, card: CardKind, label: &str, required: bool) -> Result<cards::CardField> {
    let label = validate::required("card_field.label", label, 200)?;
    s.write(|tx| {
        let key = field_key(tx, card, &label)?;
        let id = cards::insert_field(tx, card, &key, &label, required)?;
        cards::field(tx, id)
    })
}

pub fn update_card_field(s: &mut Store, id: i64, label: &str, required: bool) -> Result<cards::CardField> {
    let label = validate::required("card_field.label", label, 200)?;
    s.write(|tx| {
        cards::update_field(tx, id, &label, required)?;
        cards::field(tx, id)
    })
}

/// Archives a field; cards already recorded keep its value. A card keeps at least one field.
pub fn archive_card_field(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<()> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let f = cards::field(tx, id)?;
        if cards::fields(tx, f.card)?.len() <= 1 {
            return Err(Error::new(ErrorCode::Conflict, "A card needs at least one field. Add another before archiving this one."));
        }
        cards::archive_field(tx, id, &now)
    })
}

/// Puts a card's fields in the given order (every live field once).
pub fn reorder_card_fields(s: &mut Store, card: CardKind, ids: &[i64]) -> Result<Vec<cards::CardField>> {
    s.write(|tx| {
        let mut current: Vec<i64> = cards::fields(tx, card)?.iter().map(|f| f.id).collect();
        let mut given = ids.to_vec();
        current.sort_unstable();
        given.sort_unstable();
        if current != given {
            return Err(Error::validation("card_fields.order", "List every field of the card exactly once."));
        }
        for (pos, id) in ids.iter().enumerate() {
            cards::set_field_position(tx, *id, pos as i64 + 1)?;
        }
        cards::fields(tx, card)
    })
}
