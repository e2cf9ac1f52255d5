//! Scripts, edited block by block (each save a new version), and the objection search.

use super::routines::bump_revision;
use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::*;
use crate::playbook::template::{self, Block, BlockKind, Branch, Capture, Objection, ScriptBody};
use crate::store::cards::{self, CardKind};
use crate::store::scripts::{self, Script, ScriptVersion};
use crate::store::{Store, meta};
use crate::validate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

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
pub(super) fn make_key(title: &str, fallback: &str, taken: impl Fn(&str) -> Result<bool>) -> Result<String> {
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
    let (title, text) = (crate::pdf::i18n::t(lang, "core.script.first_title"), crate::pdf::i18n::t(lang, "core.script.first_text"));
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
