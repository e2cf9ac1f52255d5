//! Hand-off cards (their configurable fields) and the hand-off log.

use crate::error::Result;
use crate::model::{Lang, Stage};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Which card a hand-off needs: stage 1→2 qualification, stage 2→3 hand-over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    Qualification,
    Handover,
}

impl CardKind {
    pub fn code(self) -> &'static str {
        match self {
            CardKind::Qualification => "qualification",
            CardKind::Handover => "handover",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CardField {
    #[ts(type = "number")]
    pub id: i64,
    pub card: CardKind,
    pub key: String,
    pub label: String,
    pub required: bool,
}

/// Default fields: (card, key); the label is the document text `core.card.<key>`
/// in the workspace's language.
pub const DEFAULT_FIELDS: &[(CardKind, &str)] = &[
    (CardKind::Qualification, "need"),
    (CardKind::Qualification, "budget"),
    (CardKind::Qualification, "decision_maker"),
    (CardKind::Qualification, "timing"),
    (CardKind::Qualification, "source"),
    (CardKind::Handover, "sold"),
    (CardKind::Handover, "terms"),
    (CardKind::Handover, "contacts"),
    (CardKind::Handover, "expectations"),
];

pub(crate) fn seed_defaults(c: &Connection, lang: Lang) -> Result<()> {
    let mut st = c.prepare("INSERT OR IGNORE INTO card_fields (card, key, label, required, position) VALUES (?1, ?2, ?3, 1, ?4)")?;
    for (i, (card, key)) in DEFAULT_FIELDS.iter().enumerate() {
        let label = crate::pdf::i18n::t(lang, &format!("core.card.{key}"));
        st.execute(params![card.code(), key, label, i as i64])?;
    }
    Ok(())
}

pub fn fields(c: &Connection, card: CardKind) -> Result<Vec<CardField>> {
    let v = c
        .prepare_cached("SELECT id, key, label, required FROM card_fields WHERE card = ?1 AND archived_at IS NULL ORDER BY position, id")?
        .query_map([card.code()], |r| Ok(CardField { id: r.get(0)?, card, key: r.get(1)?, label: r.get(2)?, required: r.get(3)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// A recorded hand-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Handoff {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub deal_id: i64,
    pub from_stage: Stage,
    pub to_stage: Stage,
    #[ts(type = "number | null")]
    pub from_person_id: Option<i64>,
    #[ts(type = "number | null")]
    pub to_person_id: Option<i64>,
    pub card: BTreeMap<String, String>,
    pub created_at: String,
}

#[allow(clippy::too_many_arguments)]
pub fn insert_handoff(
    c: &Connection,
    now: &str,
    deal_id: i64,
    company_id: Option<i64>,
    from: Stage,
    to: Stage,
    from_person: Option<i64>,
    to_person: Option<i64>,
    card: &BTreeMap<String, String>,
) -> Result<i64> {
    let json = serde_json::to_string(card).map_err(|e| crate::Error::internal(e.to_string()))?;
    let missing = match card_of(to) {
        Some(kind) => required_keys(c, kind)?.iter().filter(|k| card.get(*k).is_none_or(|v| v.trim().is_empty())).count(),
        None => 0,
    };
    c.prepare_cached(
        "INSERT INTO handoffs (deal_id, company_id, from_stage, to_stage, from_person_id, to_person_id, card, created_at, missing)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![deal_id, company_id, from, to, from_person, to_person, json, now, missing as i64])?;
    Ok(c.last_insert_rowid())
}

fn handoff_row(r: &rusqlite::Row) -> rusqlite::Result<Handoff> {
    let card: String = r.get(6)?;
    Ok(Handoff {
        id: r.get(0)?,
        deal_id: r.get(1)?,
        from_stage: r.get(2)?,
        to_stage: r.get(3)?,
        from_person_id: r.get(4)?,
        to_person_id: r.get(5)?,
        card: serde_json::from_str(&card).unwrap_or_default(),
        created_at: r.get(7)?,
    })
}

pub fn handoffs_of_company(c: &Connection, company_id: i64) -> Result<Vec<Handoff>> {
    let v = c
        .prepare_cached(
            "SELECT id, deal_id, from_stage, to_stage, from_person_id, to_person_id, card, created_at
             FROM handoffs WHERE company_id = ?1 ORDER BY created_at, id",
        )?
        .query_map([company_id], handoff_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn last_handoff_of_deal(c: &Connection, deal_id: i64) -> Result<Option<Handoff>> {
    Ok(c.prepare_cached(
        "SELECT id, deal_id, from_stage, to_stage, from_person_id, to_person_id, card, created_at
         FROM handoffs WHERE deal_id = ?1 ORDER BY id DESC LIMIT 1",
    )?
    .query_row([deal_id], handoff_row)
    .optional()?)
}

/// A card field by id (archived ones too).
pub fn field(c: &Connection, id: i64) -> Result<CardField> {
    c.prepare_cached("SELECT id, card, key, label, required FROM card_fields WHERE id = ?1")?
        .query_row([id], |r| {
            let card: String = r.get(1)?;
            Ok(CardField {
                id: r.get(0)?,
                card: if card == "handover" { CardKind::Handover } else { CardKind::Qualification },
                key: r.get(2)?,
                label: r.get(3)?,
                required: r.get(4)?,
            })
        })
        .optional()?
        .ok_or_else(|| crate::Error::not_found("Card field", id))
}

/// Whether a key is taken on a card (archived fields keep theirs: old cards use it).
pub fn key_taken(c: &Connection, card: CardKind, key: &str) -> Result<bool> {
    Ok(c.prepare_cached("SELECT EXISTS (SELECT 1 FROM card_fields WHERE card = ?1 AND key = ?2)")?.query_row(params![card.code(), key], |r| r.get(0))?)
}

pub fn insert_field(c: &Connection, card: CardKind, key: &str, label: &str, required: bool) -> Result<i64> {
    c.prepare_cached(
        "INSERT INTO card_fields (card, key, label, required, position)
         VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM card_fields WHERE card = ?1))",
    )?
    .execute(params![card.code(), key, label, required])?;
    let id = c.last_insert_rowid();
    // Only a required field changes what hand-offs leave empty.
    if required {
        recount_missing(c, card)?;
    }
    Ok(id)
}

/// Whether a live field is required now (None: no such live field).
fn live_required(c: &Connection, id: i64) -> Result<Option<bool>> {
    Ok(c.prepare_cached("SELECT required FROM card_fields WHERE id = ?1 AND archived_at IS NULL")?.query_row([id], |r| r.get(0)).optional()?)
}

pub fn update_field(c: &Connection, id: i64, label: &str, required: bool) -> Result<()> {
    let was = live_required(c, id)?;
    let n = c.execute("UPDATE card_fields SET label = ?2, required = ?3 WHERE id = ?1 AND archived_at IS NULL", params![id, label, required])?;
    super::changed(n, "Card field", id)?;
    // A new label alone leaves every hand-off's count of empty fields as it was.
    if was != Some(required) {
        recount_missing(c, field(c, id)?.card)?;
    }
    Ok(())
}

pub fn archive_field(c: &Connection, id: i64, now: &str) -> Result<()> {
    let was = live_required(c, id)?;
    let n = c.execute("UPDATE card_fields SET archived_at = ?2 WHERE id = ?1 AND archived_at IS NULL", params![id, now])?;
    super::changed(n, "Card field", id)?;
    if was == Some(true) {
        recount_missing(c, field(c, id)?.card)?;
    }
    Ok(())
}

pub fn set_field_position(c: &Connection, id: i64, position: i64) -> Result<()> {
    let n = c.execute("UPDATE card_fields SET position = ?2 WHERE id = ?1", params![id, position])?;
    super::changed(n, "Card field", id)
}

// ---- drafts: card answers captured during calls, before the hand-off --------

pub fn upsert_draft(c: &Connection, now: &str, deal_id: i64, card: CardKind, key: &str, value: &str) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO card_drafts (deal_id, card, key, value, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (deal_id, card, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )?
    .execute(params![deal_id, card.code(), key, value, now])?;
    Ok(())
}

/// The captured answers of a deal's card, by field key.
pub fn draft(c: &Connection, deal_id: i64, card: CardKind) -> Result<BTreeMap<String, String>> {
    let v = c
        .prepare_cached("SELECT key, value FROM card_drafts WHERE deal_id = ?1 AND card = ?2")?
        .query_map(params![deal_id, card.code()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Every field (archived too) with its card, for import and export.
pub fn all_fields(c: &Connection) -> Result<Vec<(CardField, bool)>> {
    let v = c
        .prepare_cached("SELECT id, card, key, label, required, archived_at IS NOT NULL FROM card_fields ORDER BY card, position, id")?
        .query_map([], |r| {
            let card: String = r.get(1)?;
            Ok((
                CardField {
                    id: r.get(0)?,
                    card: if card == "handover" { CardKind::Handover } else { CardKind::Qualification },
                    key: r.get(2)?,
                    label: r.get(3)?,
                    required: r.get(4)?,
                },
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Brings an archived field back with a new label (template import).
pub fn revive_field(c: &Connection, id: i64, label: &str, required: bool) -> Result<()> {
    let was = live_required(c, id)?;
    let n = c.execute("UPDATE card_fields SET archived_at = NULL, label = ?2, required = ?3 WHERE id = ?1", params![id, label, required])?;
    super::changed(n, "Card field", id)?;
    // An archived field counted as not required.
    if was.unwrap_or(false) != required {
        recount_missing(c, field(c, id)?.card)?;
    }
    Ok(())
}

/// Required field keys of a card (for the hand-off norm).
pub fn required_keys(c: &Connection, card: CardKind) -> Result<Vec<String>> {
    Ok(fields(c, card)?.into_iter().filter(|f| f.required).map(|f| f.key).collect())
}

/// The card a hand-off into `to` carries.
fn card_of(to: Stage) -> Option<CardKind> {
    match to {
        Stage::FirstDeal => Some(CardKind::Qualification),
        Stage::AccountDevelopment => Some(CardKind::Handover),
        Stage::LeadGeneration => None,
    }
}

/// Counts again, for every hand-off carrying `card`, how many of the card's
/// required fields (as configured now) it leaves empty (`handoffs.missing`,
/// which the hand-off norm reads). Runs after every change of the card's fields.
pub fn recount_missing(c: &Connection, card: CardKind) -> Result<()> {
    let empty: Vec<String> = required_keys(c, card)?
        .iter()
        .filter(|k| k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .map(|k| format!("(coalesce(trim(json_extract(card, '$.{k}')), '') = '')"))
        .collect();
    let count = if empty.is_empty() { "0".to_string() } else { empty.join(" + ") };
    let to = match card {
        CardKind::Qualification => Stage::FirstDeal,
        CardKind::Handover => Stage::AccountDevelopment,
    };
    c.execute(&format!("UPDATE handoffs SET missing = {count} WHERE to_stage = ?1 AND missing <> {count}"), params![to])?;
    Ok(())
}
