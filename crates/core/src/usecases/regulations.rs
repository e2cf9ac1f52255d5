//! Regulations: the written rules of each stage and role, with their titles generated from their rules.

use super::routines::bump_revision;
use super::scripts::make_key;
use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::*;
use crate::playbook::template::{self, RegulationDef, RegulationKind, Rule};
use crate::store::regulations::{self, Regulation};
use crate::store::{Store, meta};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A rule in one line in `lang`, as the app, the book and generated titles
/// say it ("Tue, Thu at 09:00 · 120 min · call · 40 calls").
pub fn rule_summary(lang: Lang, rule: &Rule) -> String {
    crate::pdf::docs::book::rule_summary(lang, rule)
}

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
    let was_generated = old.is_some_and(|o| o.rule.as_ref().is_some_and(|r| rule_summary(lang, r) == o.title) && o.title == d.title);
    if d.title.is_empty() || was_generated {
        d.title = rule_summary(lang, rule);
    }
    Ok(())
}

fn check_regulation(d: &RegulationDef) -> Result<()> {
    template::validate_regulation("regulation", "", d).map_err(|e| Error { code: ErrorCode::Validation, ..e })
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
