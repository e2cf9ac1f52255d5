//! The script runner: what a call starts with, and finishing it (the call logged, the answers written into the profile and the hand-off card draft).

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::*;
use crate::store::cards::{self, CardKind};
use crate::store::scripts::{self, Script, ScriptVersion};
use crate::store::{self, Store, activities, contacts, meta};
use crate::validate;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::TS;

/// What the runner needs to start: the script, and who the call is with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunStart {
    pub script: Script,
    pub deal: Option<Deal>,
    pub contact: Option<Contact>,
    /// The card the captures fill (by the deal's stage), its fields and what was captured before.
    pub card: Option<CardKind>,
    pub card_fields: Vec<cards::CardField>,
    pub card_draft: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunStartInput {
    /// The script to run; empty: the first script of the deal's stage (stage 1 without a deal).
    #[ts(type = "number | null")]
    pub script_id: Option<i64>,
    #[ts(type = "number | null")]
    pub deal_id: Option<i64>,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
}

fn card_for_stage(stage: Stage) -> CardKind {
    if stage == Stage::LeadGeneration { CardKind::Qualification } else { CardKind::Handover }
}

pub fn run_start(s: &Store, i: &RunStartInput) -> Result<RunStart> {
    let c = s.conn();
    let deal = i.deal_id.map(|id| store::deals::get(c, id)).transpose()?;
    let stage = deal.as_ref().map_or(Stage::LeadGeneration, |d| d.stage);
    let script = match i.script_id {
        Some(id) => scripts::get(c, id)?,
        None => scripts::list(c)?.into_iter().find(|x| x.stage == stage).ok_or_else(|| {
            Error::new(ErrorCode::NotFound, format!("Stage {} has no script yet. Write one in the playbook, or import a template.", stage.number()))
        })?,
    };
    let contact_id = i.contact_id.or(deal.as_ref().and_then(|d| d.contact_id));
    let contact = contact_id.map(|id| contacts::get(c, id)).transpose()?;
    let card = deal.as_ref().filter(|d| d.stage != Stage::AccountDevelopment).map(|d| card_for_stage(d.stage));
    let (card_fields, card_draft) = match (card, &deal) {
        (Some(k), Some(d)) => (cards::fields(c, k)?, cards::draft(c, d.id, k)?),
        _ => (vec![], BTreeMap::new()),
    };
    Ok(RunStart { script, deal, contact, card, card_fields, card_draft })
}

/// An answer captured during the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CapturedValue {
    /// `card:<key>` or `profile:notes|title|email|phone`.
    pub target: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunFinishInput {
    #[ts(type = "number")]
    pub script_version_id: i64,
    /// `call` or `meeting`.
    pub kind: ActivityKind,
    #[ts(type = "number | null")]
    pub deal_id: Option<i64>,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    pub outcome: Option<String>,
    pub duration_min: Option<u32>,
    /// The keys of the blocks shown, in order.
    pub path: Vec<String>,
    pub captures: Vec<CapturedValue>,
    pub notes: Option<String>,
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
    /// The objections met in the call and the answer used for each (recorded on the activity).
    #[serde(default)]
    pub objections: Vec<ObjectionUsed>,
}

/// An objection met during a run, and the answer the person used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ObjectionUsed {
    pub objection: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunResult {
    pub activity: Activity,
    pub contact: Option<Contact>,
    /// The card draft after the captures (empty without a deal).
    pub card: Option<CardKind>,
    pub card_draft: BTreeMap<String, String>,
}

/// Finishes a run: logs the call or meeting (outcome, duration, the script
/// version, notes with the path taken and the answers), writes the answers
/// into the contact's profile and the deal's hand-off card draft, and sets
/// the deal's next step. All or nothing.
pub fn run_finish(s: &mut Store, clock: &dyn Clock, i: &RunFinishInput) -> Result<RunResult> {
    if !matches!(i.kind, ActivityKind::Call | ActivityKind::Meeting) {
        return Err(Error::validation("run.kind", "A script is run in a call or a meeting."));
    }
    let now = stamp(clock.now());
    let lang = meta::load(s.conn())?.lang;
    s.write(|tx| {
        let version = scripts::version(tx, i.script_version_id)?;
        let script = scripts::get(tx, version.script_id)?;
        let mut titles = vec![];
        for (n, k) in i.path.iter().enumerate() {
            let b = version
                .body
                .blocks
                .iter()
                .find(|b| &b.key == k)
                .ok_or_else(|| Error::validation(&format!("run.path[{n}]"), format!("“{k}” is not a block of this version of the script.")))?;
            titles.push(b.title.clone());
        }
        let deal = i.deal_id.map(|id| super::pipeline::open_deal(tx, id)).transpose()?;
        let contact_id = i.contact_id.or(deal.as_ref().and_then(|d| d.contact_id));
        let card_keys_q: BTreeSet<String> = cards::fields(tx, CardKind::Qualification)?.into_iter().map(|f| f.key).collect();
        let card_keys_h: BTreeSet<String> = cards::fields(tx, CardKind::Handover)?.into_iter().map(|f| f.key).collect();

        use crate::pdf::i18n::t;
        let (l_script, l_path, l_answers) = (t(lang, "core.run.script"), t(lang, "core.run.path"), t(lang, "core.run.answers"));
        let mut notes = i.notes.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(|n| format!("{n}\n\n")).unwrap_or_default();
        notes.push_str(&format!("{l_script}: {} (v{})", script.name, version.number));
        if !titles.is_empty() {
            notes.push_str(&format!("\n{l_path}: {}", titles.join(" › ")));
        }
        let answers: Vec<&CapturedValue> = i.captures.iter().filter(|c| !c.value.trim().is_empty()).collect();
        if !answers.is_empty() {
            notes.push_str(&format!("\n{l_answers}:"));
            for a in &answers {
                notes.push_str(&format!("\n{}: {}", super::daily::capture_label(tx, lang, &a.target)?, a.value.trim()));
            }
        }
        for (n, o) in i.objections.iter().enumerate() {
            let objection = validate::required(&format!("run.objections[{n}].objection"), &o.objection, 500)?;
            let answer = validate::required(&format!("run.objections[{n}].answer"), &o.answer, 2_000)?;
            let (l_objection, l_answer) = (t(lang, "core.run.objection"), t(lang, "core.run.answered_with"));
            notes.push_str(&format!("\n{l_objection}: {objection} — {l_answer}: {answer}"));
        }
        let log = super::pipeline::LogInput {
            kind: i.kind,
            deal_id: i.deal_id,
            contact_id,
            company_id: i.company_id,
            subject: Some(script.name.clone()),
            outcome: i.outcome.clone(),
            duration_min: i.duration_min,
            notes: Some(notes),
            next_step: i.next_step.clone(),
            next_step_date: i.next_step_date,
        };
        let activity_id = super::pipeline::log_in(tx, clock, lang, &log)?;
        scripts::mark_activity(tx, activity_id, version.id)?;

        // The answers: the contact's profile and the deal's card draft.
        let mut contact = contact_id.map(|id| contacts::get(tx, id)).transpose()?;
        let mut profile_changed = false;
        let card = deal.as_ref().map(|d| card_for_stage(d.stage));
        for (n, a) in answers.iter().enumerate() {
            let field = format!("run.captures[{n}]");
            let v = validate::required(&field, &a.value, 2_000)?;
            if let Some(key) = a.target.strip_prefix("card:") {
                let Some(d) = &deal else {
                    return Err(Error::validation(&field, "Card answers need a deal. Run the script from a deal."));
                };
                let kind = match (card_keys_q.contains(key), card_keys_h.contains(key)) {
                    (true, true) => card_for_stage(d.stage),
                    (true, false) => CardKind::Qualification,
                    (false, true) => CardKind::Handover,
                    _ => return Err(Error::validation(&field, format!("“{key}” is not a field of the hand-off cards."))),
                };
                cards::upsert_draft(tx, &now, d.id, kind, key, &v)?;
                continue;
            }
            let Some(ct) = contact.as_mut() else {
                return Err(Error::validation(&field, "Profile answers need a contact. Run the script from a contact or a deal with one."));
            };
            match a.target.as_str() {
                "profile:notes" => {
                    let line = format!("{}: {v}", clock.today());
                    ct.notes = Some(match ct.notes.as_deref().map(str::trim).filter(|x| !x.is_empty()) {
                        Some(old) => format!("{old}\n{line}"),
                        None => line,
                    });
                }
                "profile:title" => ct.title = Some(v),
                "profile:email" => ct.email = Some(v),
                "profile:phone" => ct.phone = Some(v),
                other => return Err(Error::validation(&field, format!("“{other}” is not a capture target."))),
            }
            profile_changed = true;
        }
        if let (true, Some(ct)) = (profile_changed, &contact) {
            let input = ContactInput {
                company_id: ct.company_id,
                first_name: ct.first_name.clone(),
                last_name: ct.last_name.clone(),
                title: ct.title.clone(),
                phone: ct.phone.clone(),
                email: ct.email.clone(),
                notes: ct.notes.clone(),
                source: ct.source,
                referred_by_id: ct.referred_by_id,
                owner_id: ct.owner_id,
                birthday: ct.birthday.clone(),
            };
            let input = super::crm::clean_contact(tx, &input)?;
            contacts::update(tx, ct.id, &now, &input)?;
            contact = Some(contacts::get(tx, ct.id)?);
        }
        let card_draft = match (&deal, card) {
            (Some(d), Some(k)) => cards::draft(tx, d.id, k)?,
            _ => BTreeMap::new(),
        };
        Ok(RunResult { activity: activities::get(tx, activity_id)?, contact, card, card_draft })
    })
}

/// The answers captured for a deal's hand-off card (the hand-off dialog pre-fills them).
pub fn card_draft(s: &Store, deal_id: i64, card: CardKind) -> Result<BTreeMap<String, String>> {
    cards::draft(s.conn(), deal_id, card)
}

/// Which script version an activity was logged with.
pub fn activity_script_version(s: &Store, activity_id: i64) -> Result<Option<ScriptVersion>> {
    scripts::activity_version(s.conn(), activity_id)?.map(|v| scripts::version(s.conn(), v)).transpose()
}
