//! The playbook's use cases: scripts (edited block by block, each save a new
//! version), the script runner, regulations with the routine engine and the
//! norms, and templates (export, import with a dry run, the first-run setup).

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::*;
use crate::playbook::routines;
use crate::playbook::template::{
    self, Block, BlockKind, Branch, Capture, CardFieldDef, Objection, PlanParams, RegulationDef, RegulationKind, Rule, ScriptBody, ScriptDef, StepDef,
    Template, TemplateCards, TemplateInfo, TemplateSteps,
};
use crate::store::cards::{self, CardKind};
use crate::store::regulations::{self, Regulation};
use crate::store::scripts::{self, Script, ScriptVersion};
use crate::store::{self, Store, activities, contacts, meta, norms, roles, steps};
use crate::validate;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::TS;

// ---- scripts -------------------------------------------------------------------

pub fn list_scripts(s: &Store) -> Result<Vec<Script>> {
    scripts::list(s.conn())
}

pub fn get_script(s: &Store, id: i64) -> Result<Script> {
    scripts::get(s.conn(), id)
}

pub fn script_versions(s: &Store, id: i64) -> Result<Vec<ScriptVersion>> {
    scripts::get(s.conn(), id)?;
    scripts::versions(s.conn(), id)
}

/// What a script is (its content is edited block by block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScriptInput {
    pub stage: Stage,
    pub name: String,
    pub purpose: String,
}

/// A key from a title: ASCII letters and digits joined by dashes, made unique.
fn make_key(title: &str, fallback: &str, taken: impl Fn(&str) -> Result<bool>) -> Result<String> {
    let mut base: String = crate::text::fold(title)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    base.truncate(40);
    let base = base.trim_matches('-').to_string();
    let base = if base.is_empty() || base == template::BRANCH_END { fallback.to_string() } else { base };
    let mut key = base.clone();
    let mut n = 2;
    while taken(&key)? {
        key = format!("{base}-{n}");
        n += 1;
    }
    Ok(key)
}

fn first_block(lang: Lang) -> Block {
    let (title, text) = match lang {
        Lang::En => ("Opening", "Good morning, [Name]. This is [Your name] from [Company]."),
        Lang::Ru => ("Приветствие", "Добрый день, [Имя]. Это [Ваше имя], компания [Компания]."),
    };
    Block { key: "opening".into(), kind: BlockKind::Opening, title: title.into(), text: text.into(), captures: vec![], branches: vec![] }
}

pub fn create_script(s: &mut Store, clock: &dyn Clock, i: &ScriptInput) -> Result<Script> {
    let name = validate::required("script.name", &i.name, 200)?;
    let purpose = validate::optional("script.purpose", Some(&i.purpose), 2_000)?.unwrap_or_default();
    let now = stamp(clock.now());
    let lang = meta::load(s.conn())?.lang;
    s.write(|tx| {
        let key = make_key(&name, "script", |k| Ok(scripts::find_live_by_key(tx, k)?.is_some()))?;
        let id = scripts::insert(tx, &now, &key, i.stage, &name, &purpose, &ScriptBody { blocks: vec![first_block(lang)], objections: vec![] })?;
        bump_revision(tx)?;
        scripts::get(tx, id)
    })
}

pub fn update_script(s: &mut Store, clock: &dyn Clock, id: i64, i: &ScriptInput) -> Result<Script> {
    let name = validate::required("script.name", &i.name, 200)?;
    let purpose = validate::optional("script.purpose", Some(&i.purpose), 2_000)?.unwrap_or_default();
    let now = stamp(clock.now());
    s.write(|tx| {
        scripts::update_meta(tx, id, &now, i.stage, &name, &purpose)?;
        scripts::get(tx, id)
    })
}

pub fn archive_script(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<()> {
    let now = stamp(clock.now());
    s.write(|tx| scripts::archive(tx, id, &now))
}

/// Puts a stage's scripts in the given order (each live script of the stage once).
pub fn reorder_scripts(s: &mut Store, stage: Stage, ids: &[i64]) -> Result<Vec<Script>> {
    s.write(|tx| {
        let mut current: Vec<i64> = scripts::list(tx)?.into_iter().filter(|x| x.stage == stage).map(|x| x.id).collect();
        let mut given = ids.to_vec();
        current.sort_unstable();
        given.sort_unstable();
        if current != given {
            return Err(Error::validation("scripts.order", "List every script of the stage exactly once."));
        }
        for (pos, id) in ids.iter().enumerate() {
            scripts::set_position(tx, *id, pos as i32 + 1)?;
        }
        scripts::list(tx)
    })
}

fn live_card_keys(c: &Connection) -> Result<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    for card in [CardKind::Qualification, CardKind::Handover] {
        keys.extend(cards::fields(c, card)?.into_iter().map(|f| f.key));
    }
    Ok(keys)
}

fn check_body(c: &Connection, body: &ScriptBody) -> Result<()> {
    template::validate_body("script", "", body, &live_card_keys(c)?).map_err(|e| Error { code: ErrorCode::Validation, ..e })
}

/// Saves a whole new content of a script as its next version (nothing is
/// saved when it did not change).
pub fn save_script_body(s: &mut Store, clock: &dyn Clock, id: i64, body: &ScriptBody) -> Result<Script> {
    edit_body(s, clock, id, |b| {
        *b = body.clone();
        Ok(())
    })
}

fn edit_body(s: &mut Store, clock: &dyn Clock, id: i64, f: impl FnOnce(&mut ScriptBody) -> Result<()>) -> Result<Script> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let script = scripts::get(tx, id)?;
        if script.archived {
            return Err(Error::not_found("Script", id));
        }
        let mut body = script.body.clone();
        f(&mut body)?;
        check_body(tx, &body)?;
        if body != script.body {
            scripts::new_version(tx, &now, id, &body)?;
        }
        scripts::get(tx, id)
    })
}

/// A block as the editor sends it (the key is made from the title when new).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BlockInput {
    pub kind: BlockKind,
    pub title: String,
    pub text: String,
    pub captures: Vec<Capture>,
    pub branches: Vec<Branch>,
}

fn block_index(body: &ScriptBody, key: &str) -> Result<usize> {
    body.blocks
        .iter()
        .position(|b| b.key == key)
        .ok_or_else(|| Error::validation("block.key", format!("The script has no block “{key}”. Refresh and try again.")))
}

/// Adds a block after the block `after` (at the end when empty).
pub fn add_block(s: &mut Store, clock: &dyn Clock, script_id: i64, i: &BlockInput, after: Option<&str>) -> Result<Script> {
    edit_body(s, clock, script_id, |b| {
        let key = make_key(&i.title, "block", |k| Ok(k == template::BRANCH_END || b.blocks.iter().any(|x| x.key == k)))?;
        let at = match after {
            Some(a) => block_index(b, a)? + 1,
            None => b.blocks.len(),
        };
        b.blocks.insert(
            at,
            Block { key, kind: i.kind, title: i.title.trim().into(), text: i.text.clone(), captures: i.captures.clone(), branches: i.branches.clone() },
        );
        Ok(())
    })
}

pub fn update_block(s: &mut Store, clock: &dyn Clock, script_id: i64, key: &str, i: &BlockInput) -> Result<Script> {
    edit_body(s, clock, script_id, |b| {
        let at = block_index(b, key)?;
        let blk = &mut b.blocks[at];
        blk.kind = i.kind;
        blk.title = i.title.trim().into();
        blk.text = i.text.clone();
        blk.captures = i.captures.clone();
        blk.branches = i.branches.clone();
        Ok(())
    })
}

/// Deletes a block; branches that led to it go with it. A script keeps one block.
pub fn delete_block(s: &mut Store, clock: &dyn Clock, script_id: i64, key: &str) -> Result<Script> {
    edit_body(s, clock, script_id, |b| {
        let at = block_index(b, key)?;
        if b.blocks.len() == 1 {
            return Err(Error::new(ErrorCode::Conflict, "A script needs at least one block. Add another before deleting this one."));
        }
        b.blocks.remove(at);
        for blk in &mut b.blocks {
            blk.branches.retain(|r| r.to != key);
        }
        Ok(())
    })
}

/// Puts the blocks in the given order (every block key once); the runner starts at the first.
pub fn reorder_blocks(s: &mut Store, clock: &dyn Clock, script_id: i64, keys: &[String]) -> Result<Script> {
    edit_body(s, clock, script_id, |b| {
        let mut have: Vec<&str> = b.blocks.iter().map(|x| x.key.as_str()).collect();
        let mut given: Vec<&str> = keys.iter().map(String::as_str).collect();
        have.sort_unstable();
        given.sort_unstable();
        if have != given {
            return Err(Error::validation("blocks.order", "List every block of the script exactly once."));
        }
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            out.push(b.blocks[block_index(b, k)?].clone());
        }
        b.blocks = out;
        Ok(())
    })
}

pub fn add_objection(s: &mut Store, clock: &dyn Clock, script_id: i64, o: &Objection) -> Result<Script> {
    edit_body(s, clock, script_id, |b| {
        b.objections.push(clean_objection(o));
        Ok(())
    })
}

fn clean_objection(o: &Objection) -> Objection {
    Objection {
        objection: o.objection.trim().into(),
        keywords: o.keywords.iter().map(|k| k.trim().to_lowercase()).filter(|k| !k.is_empty()).collect(),
        answers: o.answers.iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
    }
}

fn objection_at(b: &ScriptBody, index: u32) -> Result<usize> {
    let i = index as usize;
    if i < b.objections.len() {
        Ok(i)
    } else {
        Err(Error::validation("objection.index", format!("The script has no objection #{index}. Refresh and try again.")))
    }
}

pub fn update_objection(s: &mut Store, clock: &dyn Clock, script_id: i64, index: u32, o: &Objection) -> Result<Script> {
    edit_body(s, clock, script_id, |b| {
        let i = objection_at(b, index)?;
        b.objections[i] = clean_objection(o);
        Ok(())
    })
}

pub fn delete_objection(s: &mut Store, clock: &dyn Clock, script_id: i64, index: u32) -> Result<Script> {
    edit_body(s, clock, script_id, |b| {
        let i = objection_at(b, index)?;
        b.objections.remove(i);
        Ok(())
    })
}

/// An objection found by the runner's quick search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ObjectionHit {
    #[ts(type = "number")]
    pub script_id: i64,
    pub script_name: String,
    pub stage: Stage,
    /// Index in the script's objections (for editing).
    pub index: u32,
    pub objection: Objection,
}

/// Objections whose text, keywords or answers contain every word typed
/// (folded: case, accents, ё); those matching in the objection or its
/// keywords first. `script_id` narrows to one script, `stage` to one stage.
pub fn search_objections(s: &Store, query: &str, script_id: Option<i64>, stage: Option<Stage>) -> Result<Vec<ObjectionHit>> {
    let words = crate::text::query_tokens(query);
    let mut hits: Vec<(u8, ObjectionHit)> = vec![];
    for sc in scripts::list(s.conn())? {
        if script_id.is_some_and(|id| id != sc.id) || stage.is_some_and(|st| st != sc.stage) {
            continue;
        }
        for (i, o) in sc.body.objections.iter().enumerate() {
            let head = crate::text::fold(&format!("{} {}", o.objection, o.keywords.join(" ")));
            let all = format!("{head} {}", crate::text::fold(&o.answers.join(" ")));
            let rank = if words.iter().all(|w| head.contains(w.as_str())) {
                0
            } else if words.iter().all(|w| all.contains(w.as_str())) {
                1
            } else {
                continue;
            };
            hits.push((rank, ObjectionHit { script_id: sc.id, script_name: sc.name.clone(), stage: sc.stage, index: i as u32, objection: o.clone() }));
        }
    }
    hits.sort_by_key(|(r, h)| (*r, h.stage, h.script_id, h.index));
    Ok(hits.into_iter().map(|(_, h)| h).collect())
}

/// The runner's objection search: every stage's objections, those of the
/// call's own stage first (a cold call shows stage-1 answers before stage-3 ones).
pub fn search_objections_in_call(s: &Store, query: &str, stage: Stage) -> Result<Vec<ObjectionHit>> {
    let mut hits = search_objections(s, query, None, None)?;
    hits.sort_by_key(|h| h.stage != stage);
    Ok(hits)
}

// ---- the runner ----------------------------------------------------------------

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

        let (l_script, l_path, l_answers) = match lang {
            Lang::En => ("Script", "Path", "Answers"),
            Lang::Ru => ("Скрипт", "Путь", "Ответы"),
        };
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
            let (l_objection, l_answer) = match lang {
                Lang::En => ("Objection", "answered with"),
                Lang::Ru => ("Возражение", "ответ"),
            };
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

// ---- regulations -----------------------------------------------------------------

pub fn list_regulations(s: &Store) -> Result<Vec<Regulation>> {
    regulations::list(s.conn())
}

pub fn get_regulation(s: &Store, id: i64) -> Result<Regulation> {
    regulations::get(s.conn(), id)
}

/// A regulation as the editor sends it (the key is made from the title when new).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegulationInput {
    pub stage: Option<Stage>,
    pub role: Role,
    pub kind: RegulationKind,
    pub title: String,
    pub text: String,
    pub rule: Option<Rule>,
    pub documents: Vec<String>,
}

impl RegulationInput {
    fn def(&self, key: &str) -> RegulationDef {
        RegulationDef {
            key: key.to_string(),
            stage: self.stage,
            role: self.role,
            kind: self.kind,
            title: self.title.trim().to_string(),
            text: self.text.trim().to_string(),
            rule: self.rule.clone(),
            documents: self.documents.clone(),
        }
    }
}

/// A regulation's title is written by the person, or generated from its rule
/// (in the workspace's language) when left empty; a generated title follows
/// its rule when the rule changes. `old` is the regulation before an edit.
fn title_from_rule(c: &Connection, d: &mut RegulationDef, old: Option<&Regulation>) -> Result<()> {
    let Some(rule) = &d.rule else { return Ok(()) };
    let lang = meta::load(c)?.lang;
    let was_generated = old.is_some_and(|o| o.rule.as_ref().is_some_and(|r| crate::pdf::docs::book::rule_summary(lang, r) == o.title) && o.title == d.title);
    if d.title.is_empty() || was_generated {
        d.title = crate::pdf::docs::book::rule_summary(lang, rule);
    }
    Ok(())
}

fn check_regulation(d: &RegulationDef) -> Result<()> {
    template::validate_regulation("regulation", "", d).map_err(|e| Error { code: ErrorCode::Validation, ..e })
}

/// Bumped on every change of the playbook, so the routine engine knows to run again.
fn bump_revision(c: &Connection) -> Result<()> {
    let n: i64 = meta::get_opt(c, "playbook_revision")?.and_then(|v| v.parse().ok()).unwrap_or(0);
    meta::set(c, "playbook_revision", &(n + 1).to_string())
}

pub fn create_regulation(s: &mut Store, clock: &dyn Clock, i: &RegulationInput) -> Result<Regulation> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let key = make_key(&i.title, "rule", |k| Ok(regulations::find_live_by_key(tx, k)?.is_some()))?;
        let mut d = i.def(&key);
        title_from_rule(tx, &mut d, None)?;
        check_regulation(&d)?;
        let id = regulations::insert(tx, &now, &d)?;
        bump_revision(tx)?;
        regulations::get(tx, id)
    })
}

/// Changes a regulation. When its rule or owner changes, the tasks it
/// generated for the future (not done) are replaced; past and done ones stay.
pub fn update_regulation(s: &mut Store, clock: &dyn Clock, id: i64, i: &RegulationInput) -> Result<Regulation> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let old = regulations::get(tx, id)?;
        if old.archived {
            return Err(Error::not_found("Regulation", id));
        }
        let mut d = i.def(&old.key);
        title_from_rule(tx, &mut d, Some(&old))?;
        check_regulation(&d)?;
        regulations::update(tx, id, &now, &d)?;
        if old.rule != d.rule || old.role != d.role || old.kind != d.kind || old.title != d.title {
            regulations::drop_future(tx, id, clock.local_now())?;
        }
        bump_revision(tx)?;
        regulations::get(tx, id)
    })
}

/// Archives a regulation; the tasks it generated for the future (not done) go with it.
pub fn archive_regulation(s: &mut Store, clock: &dyn Clock, id: i64) -> Result<()> {
    let now = stamp(clock.now());
    s.write(|tx| {
        regulations::archive(tx, id, &now)?;
        regulations::drop_future(tx, id, clock.local_now())?;
        bump_revision(tx)
    })
}

pub fn reorder_regulations(s: &mut Store, ids: &[i64]) -> Result<Vec<Regulation>> {
    s.write(|tx| {
        let mut current: Vec<i64> = regulations::list(tx)?.into_iter().map(|x| x.id).collect();
        let mut given = ids.to_vec();
        current.sort_unstable();
        given.sort_unstable();
        if current != given {
            return Err(Error::validation("regulations.order", "List every regulation exactly once."));
        }
        for (pos, id) in ids.iter().enumerate() {
            regulations::set_position(tx, *id, pos as i32 + 1)?;
        }
        regulations::list(tx)
    })
}

// ---- the routine engine --------------------------------------------------------

/// How far ahead routines generate their tasks.
pub const HORIZON_DAYS: i64 = 7;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GenerateReport {
    /// Tasks created by this run.
    pub created: u32,
    /// Whether the engine ran (false: nothing could be due since its last run).
    pub ran: bool,
}

fn throttle_key(c: &Connection, today: NaiveDate) -> Result<String> {
    Ok(format!("{today}|{}", meta::get_opt(c, "playbook_revision")?.unwrap_or_default()))
}

/// Runs the engine unless it already ran today for the same playbook: the
/// cheap check (two settings read) keeps opening Today fast.
pub fn generate_if_due(s: &mut Store, clock: &dyn Clock) -> Result<GenerateReport> {
    let key = throttle_key(s.conn(), clock.today())?;
    if meta::get_opt(s.conn(), "routines_checked")?.as_deref() == Some(key.as_str()) {
        return Ok(GenerateReport::default());
    }
    generate(s, clock)
}

/// Creates the tasks of every routine's occurrences from today to
/// [`HORIZON_DAYS`] ahead, each occurrence exactly once (also across
/// restarts and clock changes: an occurrence is claimed by its key).
pub fn generate(s: &mut Store, clock: &dyn Clock) -> Result<GenerateReport> {
    s.write(|tx| {
        let created = generate_in(tx, clock)?;
        meta::set(tx, "routines_checked", &throttle_key(tx, clock.today())?)?;
        Ok(GenerateReport { created, ran: true })
    })
}

fn generate_in(tx: &Connection, clock: &dyn Clock) -> Result<u32> {
    let now = stamp(clock.now());
    let today = clock.today();
    let until = today + Duration::days(HORIZON_DAYS);
    let plan = plan_params(tx)?;
    let ten = NaiveTime::from_hms_opt(10, 0, 0).expect("valid time");
    let mut created = 0;
    for r in regulations::list_kind(tx, RegulationKind::Routine)? {
        let Some(rule) = &r.rule else { continue };
        let owner = roles::holders(tx, r.role)?.first().copied();
        let mut make = |key: &str,
                        kind: ActivityKind,
                        subject: String,
                        due: NaiveDateTime,
                        minutes: Option<u32>,
                        notes: Option<String>,
                        company: Option<i64>|
         -> Result<()> {
            if !regulations::claim_occurrence(tx, &now, r.id, key)? {
                return Ok(());
            }
            let (company_id, contact_id) = match company {
                Some(co) => (Some(co), regulations::company_brief(tx, co)?.1),
                None => (None, None),
            };
            let id = activities::insert(
                tx,
                &now,
                &ActivityInput {
                    kind,
                    subject,
                    deal_id: None,
                    contact_id,
                    company_id,
                    owner_id: owner,
                    due_at: Some(due),
                    done_at: None,
                    outcome: None,
                    duration_min: minutes,
                    notes,
                },
            )?;
            regulations::set_occurrence_activity(tx, r.id, key, id)?;
            created += 1;
            Ok(())
        };
        let with_company = |co: i64| -> Result<String> { Ok(format!("{}: {}", r.title, regulations::company_brief(tx, co)?.0)) };
        match rule {
            Rule::Schedule { every, days, at, minutes, activity, target_calls } => {
                let time = template::parse_hhmm(at).unwrap_or(ten);
                let target_label = if meta::load(tx)?.lang == Lang::Ru { "Цель, звонков:" } else { "Target calls:" };
                for d in routines::dates(*every, days, &plan.working_days, today, until) {
                    let notes = target_calls.map(|n| format!("{target_label} {n}"));
                    make(&d.to_string(), *activity, r.title.clone(), d.and_time(time), Some(*minutes), notes, None)?;
                }
            }
            Rule::ClientCheckIn { days } => {
                for (abc, n) in days {
                    let n = Duration::days(i64::from(*n));
                    for (co, last) in regulations::clients_due_checkin(tx, Some(*abc), until - n + Duration::days(1))? {
                        let due = last.map_or(today, |l| (l + n).max(today));
                        let key = format!("company-{co}-{}", last.map(|l| l.to_string()).unwrap_or_default());
                        make(&key, ActivityKind::Call, with_company(co)?, due.and_time(ten), None, None, Some(co))?;
                    }
                }
            }
            Rule::AfterFirstSale { within_days, .. } => {
                let n = Duration::days(i64::from(*within_days));
                for (co, since) in regulations::first_sales_since(tx, today - n)? {
                    let due = (since + n).max(today).min(until);
                    make(&format!("company-{co}"), ActivityKind::Task, with_company(co)?, due.and_time(ten), None, None, Some(co))?;
                }
            }
            Rule::BeforeExpectedOrder { days_before } => {
                let n = Duration::days(i64::from(*days_before));
                for (co, expected) in regulations::orders_expected_between(tx, today + n, until + n)? {
                    let key = format!("company-{co}-{expected}");
                    make(&key, ActivityKind::Call, with_company(co)?, (expected - n).and_time(ten), None, None, Some(co))?;
                }
            }
            _ => {}
        }
    }
    Ok(created)
}

// ---- norms: violations on Today ---------------------------------------------------

/// What kind of record breaks a norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Deal,
    Company,
    Person,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NormViolation {
    #[ts(type = "number")]
    pub regulation_id: i64,
    pub regulation_title: String,
    /// The norm's rule type, e.g. `stale_deal`.
    pub rule: String,
    pub record_kind: RecordKind,
    #[ts(type = "number")]
    pub record_id: i64,
    pub record_name: String,
    /// When the norm started to be broken: a local `YYYY-MM-DDTHH:MM:SS`.
    pub since: NaiveDateTime,
    /// For how long, in minutes.
    #[ts(type = "number")]
    pub minutes: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ViolationList {
    pub violations: Vec<NormViolation>,
    #[ts(type = "number")]
    pub total: i64,
    /// Norms with too little time behind them to judge: neither broken nor kept yet.
    pub not_yet_judged: Vec<PendingNorm>,
}

/// A norm that is not judged yet, and from when it will be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PendingNorm {
    #[ts(type = "number")]
    pub regulation_id: i64,
    pub regulation_title: String,
    pub rule: String,
    pub role: Role,
    /// The first local moment the norm is judged; `null` while nobody holds its role.
    pub judged_from: Option<NaiveDateTime>,
}

/// Turns a breach's stored moment into when the violation began.
type SinceOf<'a> = Box<dyn Fn(&str) -> NaiveDateTime + 'a>;

/// Evaluates every norm: the longest-standing violations first (at most
/// `limit`), and how many there are in all.
pub fn violations(c: &Connection, clock: &dyn Clock, owner: Option<i64>, limit: u32) -> Result<ViolationList> {
    let norms_list = regulations::list_kind(c, RegulationKind::Norm)?;
    if norms_list.is_empty() {
        return Ok(ViolationList::default());
    }
    let now_local = clock.local_now();
    let offset = now_local - clock.now().naive_utc();
    let today = clock.today();
    let mut out = vec![];
    let mut total = 0;
    let day = |d: &str| -> NaiveDateTime { d.get(..10).and_then(|x| x.parse::<NaiveDate>().ok()).unwrap_or(today).and_time(NaiveTime::MIN) };
    let local = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok().map(|t| t.naive_utc() + offset);
    let workspace_start = local(&meta::load(c)?.created_at);
    let history_end = store::first_hour::history_ends_on(c)?.map(|d| day(&d) + Duration::days(1));
    let mut not_yet_judged = vec![];
    for r in &norms_list {
        let Some(rule) = &r.rule else { continue };
        let days = |n: u32| Duration::days(i64::from(n));
        // Time before the workspace, the regulation, the role (of the person
        // whose Today this is, else its first holder) or the end of imported
        // history never counts: a norm is judged once its own period has
        // passed since the latest of them.
        let role_since = match owner {
            Some(p) => store::first_hour::role_since_of(c, p, r.role)?.or(store::first_hour::role_since(c, r.role)?),
            None => store::first_hour::role_since(c, r.role)?,
        };
        let pending = |judged_from: Option<NaiveDateTime>| PendingNorm {
            regulation_id: r.id,
            regulation_title: r.title.clone(),
            rule: rule.code().to_string(),
            role: r.role,
            judged_from,
        };
        let Some(role_start) = role_since.as_deref().and_then(local) else {
            not_yet_judged.push(pending(None));
            continue;
        };
        let reg_start = store::first_hour::regulation_created_at(c, r.id)?.as_deref().and_then(local);
        let start = [workspace_start, reg_start, Some(role_start), history_end].into_iter().flatten().max().unwrap_or(role_start);
        // Day-based rules count whole days from the day after the start.
        let start_day = start.date().and_time(NaiveTime::MIN);
        let (judged_from, floor) = match rule {
            Rule::InboundResponse { hours } => (start + Duration::hours(i64::from(*hours)), start + Duration::hours(i64::from(*hours))),
            Rule::NextStepRequired { days: d } | Rule::StaleDeal { days: d } | Rule::ClientContact { days: d, .. } => {
                (start_day + days(*d) + Duration::days(1), start_day + days(*d))
            }
            Rule::HandoffCardComplete { .. } => (start, start_day),
            Rule::ProspectingPace { .. } => (start + Duration::days(7), start + Duration::days(7)),
            _ => continue,
        };
        if now_local < judged_from {
            not_yet_judged.push(pending(Some(judged_from)));
            continue;
        }
        let (rows, n, since_of): (Vec<norms::Breach>, i64, SinceOf<'_>) = match rule {
            Rule::InboundResponse { hours } => {
                let h = Duration::hours(i64::from(*hours));
                let cutoff = stamp(clock.now() - h);
                let (rows, n) = norms::inbound_untouched(c, owner, &cutoff, limit)?;
                let f = move |s: &str| chrono::DateTime::parse_from_rfc3339(s).map(|t| t.naive_utc() + offset + h).unwrap_or(now_local);
                (rows, n, Box::new(f))
            }
            Rule::NextStepRequired { days: d } => {
                let (rows, n) = norms::without_next_step_since(c, owner, today - days(*d), limit)?;
                let dd = days(*d);
                (rows, n, Box::new(move |s: &str| day(s) + dd))
            }
            Rule::StaleDeal { days: d } => {
                let (rows, n) = norms::stale_since(c, owner, today - days(*d), limit)?;
                let dd = days(*d);
                (rows, n, Box::new(move |s: &str| day(s) + dd))
            }
            Rule::ClientContact { abc, days: d } => {
                let (rows, n) = norms::clients_not_contacted(c, owner, *abc, today - days(*d), limit)?;
                let dd = days(*d);
                (rows, n, Box::new(move |s: &str| day(s) + dd))
            }
            Rule::HandoffCardComplete { card } => {
                let (rows, n) = norms::incomplete_cards(c, owner, *card, start.date(), limit)?;
                (rows, n, Box::new(day))
            }
            Rule::ProspectingPace { calls_per_week } => {
                let holders = roles::holders(c, r.role)?;
                let person = match owner {
                    Some(p) if holders.contains(&p) => Some(p),
                    Some(_) => continue,
                    None => holders.first().copied(),
                };
                let wd = plan_params(c)?.working_days;
                let start = routines::week_start(today);
                let week_days = (0..7).filter(|i| wd.contains(&((i + 1) as u8))).count() as i64;
                let elapsed = (0..(today - start).num_days()).filter(|i| wd.contains(&((i + 1) as u8))).count() as i64;
                let expected = if week_days == 0 { 0 } else { i64::from(*calls_per_week) * elapsed / week_days };
                let done = norms::calls_between(c, owner.or(None), start.and_time(NaiveTime::MIN), today.and_time(NaiveTime::MIN) + Duration::days(1))?;
                if done >= expected || expected == 0 {
                    continue;
                }
                // Somebody holds the role (else the norm waits above).
                let Some(p) = person else { continue };
                let name = store::people::get(c, p)?.name;
                let rows = vec![norms::Breach { record_id: p, name, since: start.to_string() }];
                (rows, 1, Box::new(day))
            }
            _ => continue,
        };
        total += n;
        let kind = match rule {
            Rule::ClientContact { .. } => RecordKind::Company,
            Rule::ProspectingPace { .. } => RecordKind::Person,
            _ => RecordKind::Deal,
        };
        for b in rows {
            let since = since_of(&b.since).max(floor);
            out.push(NormViolation {
                regulation_id: r.id,
                regulation_title: r.title.clone(),
                rule: rule.code().to_string(),
                record_kind: kind,
                record_id: b.record_id,
                record_name: b.name,
                since,
                minutes: (now_local - since).num_minutes().max(0),
            });
        }
    }
    out.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.regulation_id.cmp(&b.regulation_id)).then(a.record_id.cmp(&b.record_id)));
    out.truncate(limit as usize);
    Ok(ViolationList { violations: out, total, not_yet_judged })
}

// ---- plan parameters ------------------------------------------------------------

/// The plan parameters of the workspace (from its template), or the defaults.
pub fn plan_params(c: &Connection) -> Result<PlanParams> {
    match meta::get_opt(c, "plan_params")? {
        Some(j) => serde_json::from_str(&j).map_err(|e| {
            Error::new(ErrorCode::InvalidFile, format!("The workspace's plan parameters cannot be read ({e}). Import a template to set them again."))
        }),
        None => Ok(PlanParams { currency: meta::currency(c)?, ..PlanParams::default() }),
    }
}

pub fn get_plan_params(s: &Store) -> Result<PlanParams> {
    plan_params(s.conn())
}

fn store_plan(c: &Connection, p: &PlanParams, now: &str) -> Result<()> {
    meta::set(c, "plan_params", &serde_json::to_string(p).map_err(|e| Error::internal(e.to_string()))?)?;
    // The planning defaults (used while history is thin) follow the template.
    let mut d = crate::store::plans::params(c)?;
    d.call_to_lead = f64::from(p.rates_pct.call_to_lead) / 100.0;
    d.lead_to_qualified = f64::from(p.rates_pct.lead_to_qualified) / 100.0;
    d.qualified_to_offer = f64::from(p.rates_pct.qualified_to_offer) / 100.0;
    d.offer_to_won = f64::from(p.rates_pct.offer_to_win) / 100.0;
    d.avg_first_deal_minor = p.avg_first_deal_minor;
    d.repeat_order_minor = p.avg_repeat_order_minor;
    d.repeat_orders_per_month = f64::from(p.repeat_orders_per_client_per_month_pct) / 100.0;
    d.margin = f64::from(p.margin_pct) / 100.0;
    d.cycle_days = p.sales_cycle_days;
    if !p.working_days.is_empty() {
        d.working_days_per_week = p.working_days.len() as u32;
    }
    d.niche_benchmark = Some(p.niche_benchmark.clone()).filter(|b| !b.trim().is_empty());
    crate::store::plans::set_params(c, &d, now)
}

// ---- templates ----------------------------------------------------------------------

pub fn list_templates(lang: Lang) -> Result<Vec<TemplateInfo>> {
    template::list_builtin(lang)
}

fn template_info(c: &Connection) -> Result<TemplateInfo> {
    match meta::get_opt(c, "template")? {
        Some(j) => serde_json::from_str(&j).map_err(|e| Error::internal(e.to_string())),
        None => {
            let m = meta::load(c)?;
            Ok(TemplateInfo { id: "custom".into(), lang: m.lang, name: m.name, description: String::new() })
        }
    }
}

/// The workspace's configured sales system as a template (never client data).
pub fn export(s: &Store) -> Result<Template> {
    export_in(s.conn())
}

fn export_in(c: &Connection) -> Result<Template> {
    let info = template_info(c)?;
    let all_steps = steps::list(c)?;
    let of = |st: Stage| all_steps.iter().filter(|x| x.stage == st).map(|x| StepDef { name: x.name.clone(), probability_pct: x.probability_pct }).collect();
    let card = |k: CardKind| -> Result<Vec<CardFieldDef>> {
        Ok(cards::fields(c, k)?.into_iter().map(|f| CardFieldDef { key: f.key, label: f.label, required: f.required }).collect())
    };
    Ok(Template {
        format: template::FORMAT.into(),
        format_version: template::FORMAT_VERSION,
        id: info.id,
        lang: info.lang,
        name: info.name,
        description: info.description,
        steps: TemplateSteps {
            lead_generation: of(Stage::LeadGeneration),
            first_deal: of(Stage::FirstDeal),
            account_development: of(Stage::AccountDevelopment),
        },
        cards: TemplateCards { qualification: card(CardKind::Qualification)?, handover: card(CardKind::Handover)? },
        scripts: scripts::list(c)?
            .into_iter()
            .map(|x| ScriptDef { key: x.key, stage: x.stage, name: x.name, purpose: x.purpose, blocks: x.body.blocks, objections: x.body.objections })
            .collect(),
        regulations: regulations::list(c)?.iter().map(Regulation::def).collect(),
        plan: plan_params(c)?,
        custom_fields: crate::usecases::custom_fields::template_defs(c)?,
    })
}

/// The template file's text (pretty JSON with a final newline).
pub fn to_json(t: &Template) -> Result<String> {
    let mut s = serde_json::to_string_pretty(t).map_err(|e| Error::internal(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

pub fn export_json(s: &Store) -> Result<String> {
    to_json(&export(s)?)
}

/// Writes the template of `s` to `path` through the output guard
/// ([`crate::output`]): never over a workspace, over another existing file
/// only when `replace` says so, whole or not at all.
pub fn export_file(s: &Store, path: &std::path::Path, replace: crate::output::Replace) -> Result<()> {
    crate::output::check_target(path, replace)?;
    crate::output::write_bytes(path, export_json(s)?.as_bytes(), replace)
}

/// What importing a template does to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    Add,
    Update,
    Archive,
    /// Would be archived, but is still in use (a step with open deals): kept.
    Keep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateChange {
    /// `template`, `steps`, `cards`, `scripts`, `regulations` or `plan`.
    pub section: String,
    /// The item: a step as `stage[index]`, a card field as `card.key`, a script's or regulation's key.
    pub key: String,
    pub action: ChangeAction,
    /// Its name after the import (before it, for archived ones).
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub template: TemplateInfo,
    pub changes: Vec<TemplateChange>,
    /// False for a dry run: nothing was changed.
    pub applied: bool,
}

/// Imports a template file's text: replaces the configured system (steps,
/// cards, scripts, regulations, plan parameters), never client data. With
/// `dry_run` it only reports what would change.
pub fn import(s: &mut Store, clock: &dyn Clock, file: &str, text: &str, dry_run: bool) -> Result<ImportReport> {
    let t = template::parse(file, text)?;
    let info = TemplateInfo { id: t.id.clone(), lang: t.lang, name: t.name.clone(), description: t.description.clone() };
    let changes = if dry_run { s.rehearse(|tx| apply_in(tx, clock, &t))? } else { s.write(|tx| apply_in(tx, clock, &t))? };
    Ok(ImportReport { template: info, changes, applied: !dry_run })
}

fn change(section: &str, key: impl Into<String>, action: ChangeAction, name: impl Into<String>) -> TemplateChange {
    TemplateChange { section: section.into(), key: key.into(), action, name: name.into() }
}

/// Makes the workspace's configured system equal to `t`, item by item;
/// returns what changed. Used by import, new workspaces and the wizard.
pub(crate) fn apply_in(tx: &Connection, clock: &dyn Clock, t: &Template) -> Result<Vec<TemplateChange>> {
    let now = stamp(clock.now());
    let mut out = vec![];
    let info = TemplateInfo { id: t.id.clone(), lang: t.lang, name: t.name.clone(), description: t.description.clone() };
    if meta::get_opt(tx, "template")?.is_none() || template_info(tx)? != info {
        meta::set(tx, "template", &serde_json::to_string(&info).map_err(|e| Error::internal(e.to_string()))?)?;
        out.push(change("template", &t.id, ChangeAction::Update, &t.name));
    }

    // Steps, matched by stage and position (deals keep their step).
    let live = steps::list(tx)?;
    for stage in Stage::ALL {
        let have: Vec<&Step> = live.iter().filter(|x| x.stage == *stage).collect();
        let want = t.steps.of(*stage);
        let mut pos = 0;
        for i in 0..have.len().max(want.len()) {
            let key = format!("{stage}[{i}]");
            match (have.get(i), want.get(i)) {
                (Some(h), Some(w)) => {
                    if h.name != w.name || h.probability_pct != w.probability_pct {
                        steps::update(tx, h.id, &w.name, w.probability_pct)?;
                        out.push(change("steps", key, ChangeAction::Update, &w.name));
                    }
                    pos += 1;
                    steps::set_position(tx, h.id, pos)?;
                }
                (None, Some(w)) => {
                    let id = steps::insert(tx, &now, *stage, &w.name, w.probability_pct)?;
                    pos += 1;
                    steps::set_position(tx, id, pos)?;
                    out.push(change("steps", key, ChangeAction::Add, &w.name));
                }
                (Some(h), None) => {
                    if steps::open_deal_count(tx, h.id)? == 0 {
                        steps::archive(tx, h.id, &now)?;
                        out.push(change("steps", key, ChangeAction::Archive, &h.name));
                    } else {
                        pos += 1;
                        steps::set_position(tx, h.id, pos)?;
                        out.push(change("steps", key, ChangeAction::Keep, &h.name));
                    }
                }
                (None, None) => {}
            }
        }
    }

    // Card fields, matched by key (archived ones come back).
    let all = cards::all_fields(tx)?;
    for kind in [CardKind::Qualification, CardKind::Handover] {
        let want = t.cards.of(kind);
        for (i, w) in want.iter().enumerate() {
            let key = format!("{}.{}", kind.code(), w.key);
            let id = match all.iter().find(|(f, _)| f.card == kind && f.key == w.key) {
                Some((f, false)) => {
                    if f.label != w.label || f.required != w.required {
                        cards::update_field(tx, f.id, &w.label, w.required)?;
                        out.push(change("cards", key, ChangeAction::Update, &w.label));
                    }
                    f.id
                }
                Some((f, true)) => {
                    cards::revive_field(tx, f.id, &w.label, w.required)?;
                    out.push(change("cards", key, ChangeAction::Add, &w.label));
                    f.id
                }
                None => {
                    out.push(change("cards", key, ChangeAction::Add, &w.label));
                    cards::insert_field(tx, kind, &w.key, &w.label, w.required)?
                }
            };
            cards::set_field_position(tx, id, i as i64 + 1)?;
        }
        for (f, archived) in all.iter().filter(|(f, _)| f.card == kind) {
            if !archived && !want.iter().any(|w| w.key == f.key) {
                cards::archive_field(tx, f.id, &now)?;
                out.push(change("cards", format!("{}.{}", kind.code(), f.key), ChangeAction::Archive, &f.label));
            }
        }
    }

    out.extend(crate::usecases::custom_fields::apply_template(tx, &t.custom_fields)?);

    // Scripts, matched by key; a changed content is a new version.
    let live_scripts = scripts::list(tx)?;
    for (i, w) in t.scripts.iter().enumerate() {
        let body = w.body();
        let id = match live_scripts.iter().find(|x| x.key == w.key) {
            Some(x) => {
                let mut changed = false;
                if x.stage != w.stage || x.name != w.name || x.purpose != w.purpose {
                    scripts::update_meta(tx, x.id, &now, w.stage, &w.name, &w.purpose)?;
                    changed = true;
                }
                if x.body != body {
                    scripts::new_version(tx, &now, x.id, &body)?;
                    changed = true;
                }
                if changed {
                    out.push(change("scripts", &w.key, ChangeAction::Update, &w.name));
                }
                x.id
            }
            None => {
                out.push(change("scripts", &w.key, ChangeAction::Add, &w.name));
                scripts::insert(tx, &now, &w.key, w.stage, &w.name, &w.purpose, &body)?
            }
        };
        scripts::set_position(tx, id, i as i32 + 1)?;
    }
    for x in live_scripts.iter().filter(|x| !t.scripts.iter().any(|w| w.key == x.key)) {
        scripts::archive(tx, x.id, &now)?;
        out.push(change("scripts", &x.key, ChangeAction::Archive, &x.name));
    }

    // Regulations, matched by key; a changed rule replaces future tasks only.
    let live_regs = regulations::list(tx)?;
    for (i, w) in t.regulations.iter().enumerate() {
        let id = match live_regs.iter().find(|x| x.key == w.key) {
            Some(x) => {
                if x.def() != *w {
                    regulations::update(tx, x.id, &now, w)?;
                    if x.rule != w.rule || x.role != w.role || x.kind != w.kind || x.title != w.title {
                        regulations::drop_future(tx, x.id, clock.local_now())?;
                    }
                    out.push(change("regulations", &w.key, ChangeAction::Update, &w.title));
                }
                x.id
            }
            None => {
                out.push(change("regulations", &w.key, ChangeAction::Add, &w.title));
                regulations::insert(tx, &now, w)?
            }
        };
        regulations::set_position(tx, id, i as i32 + 1)?;
    }
    for x in live_regs.iter().filter(|x| !t.regulations.iter().any(|w| w.key == x.key)) {
        regulations::archive(tx, x.id, &now)?;
        regulations::drop_future(tx, x.id, clock.local_now())?;
        out.push(change("regulations", &x.key, ChangeAction::Archive, &x.title));
    }

    if meta::get_opt(tx, "plan_params")?.is_none() || plan_params(tx)? != t.plan {
        store_plan(tx, &t.plan, &now)?;
        out.push(change("plan", "plan", ChangeAction::Update, &t.name));
    }
    bump_revision(tx)?;
    Ok(out)
}

// ---- the first-run wizard -----------------------------------------------------------

/// Who holds which roles, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupPerson {
    pub name: String,
    pub roles: Vec<Role>,
}

/// The first-run wizard's answers (the language is the workspace's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupInput {
    /// A built-in template id, e.g. `generic-b2b`.
    pub template_id: String,
    /// The first person is the owner. Every role should be held by someone.
    pub people: Vec<SetupPerson>,
    /// ISO weekdays, 1 = Monday.
    pub working_days: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupResult {
    pub template: TemplateInfo,
    pub people: Vec<Person>,
    pub plan: PlanParams,
}

/// Applies the wizard's answers to a workspace: the template in the
/// workspace's language, the people with their roles, the working days.
pub fn setup(s: &mut Store, clock: &dyn Clock, i: &SetupInput) -> Result<SetupResult> {
    let lang = meta::load(s.conn())?.lang;
    let t = template::builtin(&i.template_id, lang).map_err(|e| Error { field: Some("setup.template_id".into()), ..e })?;
    if i.people.is_empty() {
        return Err(Error::validation("setup.people", "Name at least one person: who runs the sales."));
    }
    let mut wd = i.working_days.clone();
    wd.sort_unstable();
    wd.dedup();
    if wd.is_empty() || wd.iter().any(|d| !(1..=7).contains(d)) {
        return Err(Error::validation("setup.working_days", "Pick at least one working day (1 = Monday … 7 = Sunday)."));
    }
    let mut names = vec![];
    for (n, p) in i.people.iter().enumerate() {
        names.push(validate::required(&format!("setup.people[{n}].name"), &p.name, validate::NAME_MAX)?);
    }
    let now = stamp(clock.now());
    let currency = meta::currency(s.conn())?;
    s.write(|tx| {
        apply_in(tx, clock, &t)?;
        let mut plan = plan_params(tx)?;
        plan.working_days = wd.clone();
        plan.currency = currency.clone();
        store_plan(tx, &plan, &now)?;
        let existing = store::people::list(tx)?;
        let mut ids = vec![];
        for (n, p) in i.people.iter().enumerate() {
            let id = match existing.iter().find(|e| e.name == names[n]) {
                Some(e) => e.id,
                None => {
                    let first = store::stats::count_live(tx, "people")? == 0;
                    store::people::insert(tx, &now, &names[n], None, None, first)?
                }
            };
            ids.push((id, p));
        }
        // Each role named in the wizard is held by exactly the people named for it.
        let named: BTreeSet<Role> = i.people.iter().flat_map(|p| p.roles.iter().copied()).collect();
        for role in &named {
            for h in roles::holders(tx, *role)? {
                roles::take_role(tx, h, *role)?;
            }
        }
        for (id, p) in &ids {
            for role in &p.roles {
                roles::give_role(tx, *id, *role, &now)?;
            }
        }
        bump_revision(tx)?;
        let people = ids.iter().map(|(id, _)| store::people::get(tx, *id)).collect::<Result<Vec<_>>>()?;
        Ok(SetupResult { template: template_info(tx)?, people, plan: plan_params(tx)? })
    })
}
