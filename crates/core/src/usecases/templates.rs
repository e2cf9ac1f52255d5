//! Templates: the plan parameters they carry, export, and import with a dry run (matched item by item, never touching client data).

use super::routines::bump_revision;
use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::model::*;
use crate::playbook::template::{self, CardFieldDef, PlanParams, ScriptDef, StepDef, Template, TemplateCards, TemplateInfo, TemplateSteps};
use crate::store::cards::{self, CardKind};
use crate::store::regulations::{self, Regulation};
use crate::store::scripts;
use crate::store::{Store, meta, steps};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

pub(super) fn store_plan(c: &Connection, p: &PlanParams, now: &str) -> Result<()> {
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

pub(super) fn template_info(c: &Connection) -> Result<TemplateInfo> {
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
