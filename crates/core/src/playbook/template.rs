//! Template files (`crates/core/templates/FORMAT.md`): the serde types, the
//! strict reader that names the field at fault, and the built-in templates.

use crate::error::{Error, ErrorCode, Result};
use crate::model::{Abc, ActivityKind, Lang, Role, Stage};
use crate::store::cards::CardKind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::TS;

pub const FORMAT: &str = "conveyor-template";
pub const FORMAT_VERSION: u32 = 1;

/// A configured sales system without client data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub format: String,
    pub format_version: u32,
    pub id: String,
    pub lang: Lang,
    pub name: String,
    pub description: String,
    pub steps: TemplateSteps,
    pub cards: TemplateCards,
    pub scripts: Vec<ScriptDef>,
    pub regulations: Vec<RegulationDef>,
    pub plan: PlanParams,
    /// The workspace's custom fields on companies and contacts (their
    /// definitions; values are client data and never in a template).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_fields: Vec<CustomFieldDef>,
}

/// A custom field as a template carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CustomFieldDef {
    pub entity: crate::model::ClientKind,
    pub key: String,
    pub label: String,
    pub kind: crate::model::FieldKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateSteps {
    pub lead_generation: Vec<StepDef>,
    pub first_deal: Vec<StepDef>,
    pub account_development: Vec<StepDef>,
}

impl TemplateSteps {
    pub fn of(&self, stage: Stage) -> &Vec<StepDef> {
        match stage {
            Stage::LeadGeneration => &self.lead_generation,
            Stage::FirstDeal => &self.first_deal,
            Stage::AccountDevelopment => &self.account_development,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    pub name: String,
    pub probability_pct: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateCards {
    pub qualification: Vec<CardFieldDef>,
    pub handover: Vec<CardFieldDef>,
}

impl TemplateCards {
    pub fn of(&self, card: CardKind) -> &Vec<CardFieldDef> {
        match card {
            CardKind::Qualification => &self.qualification,
            CardKind::Handover => &self.handover,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CardFieldDef {
    pub key: String,
    pub label: String,
    pub required: bool,
}

/// A script as a template file holds it: what it is plus its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScriptDef {
    pub key: String,
    pub stage: Stage,
    pub name: String,
    pub purpose: String,
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub objections: Vec<Objection>,
}

impl ScriptDef {
    pub fn body(&self) -> ScriptBody {
        ScriptBody { blocks: self.blocks.clone(), objections: self.objections.clone() }
    }
}

/// The content of one version of a script.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScriptBody {
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub objections: Vec<Objection>,
}

crate::model::coded_enum!(
    /// What a block of a script is for.
    BlockKind {
        Opening = "opening",
        Qualification = "qualification",
        Presentation = "presentation",
        Objections = "objections",
        Close = "close",
        Referral = "referral",
        Other = "other",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Unique within the script, kebab-case.
    pub key: String,
    pub kind: BlockKind,
    pub title: String,
    /// Markdown subset (FORMAT.md); rendered as text, never as HTML.
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captures: Vec<Capture>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<Branch>,
}

/// A field filled during the call: `card:<key>`, `profile:notes|title|email|phone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Capture {
    pub target: String,
    pub label: String,
}

/// "If … go to block …": `to` is a block key of the same script, or `end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub label: String,
    pub to: String,
}

pub const BRANCH_END: &str = "end";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    pub objection: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub answers: Vec<String>,
}

crate::model::coded_enum!(
    /// Routine: generates recurring tasks. Norm: checked continuously. Standard: text.
    RegulationKind { Routine = "routine", Norm = "norm", Standard = "standard" }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RegulationDef {
    pub key: String,
    /// `null` for head-of-sales rules.
    pub stage: Option<Stage>,
    pub role: Role,
    pub kind: RegulationKind,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
}

/// The working documents a standard may require.
pub const DOCUMENTS: &[&str] = &["call_register", "time_table", "client_profile"];

crate::model::coded_enum!(
    /// How often a `schedule` routine recurs.
    Every { Day = "day", Week = "week", Month = "month" }
);

/// A regulation's rule (FORMAT.md, "Rules").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Rule {
    Schedule {
        every: Every,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        days: Vec<i32>,
        at: String,
        minutes: u32,
        activity: ActivityKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target_calls: Option<u32>,
    },
    ClientCheckIn {
        days: BTreeMap<Abc, u32>,
    },
    AfterFirstSale {
        within_days: u32,
        action: String,
    },
    BeforeExpectedOrder {
        days_before: u32,
    },
    InboundResponse {
        hours: u32,
    },
    NextStepRequired {
        days: u32,
    },
    StaleDeal {
        days: u32,
    },
    HandoffCardComplete {
        card: CardKind,
    },
    ClientContact {
        abc: Abc,
        days: u32,
    },
    ProspectingPace {
        calls_per_week: u32,
    },
}

impl Rule {
    pub fn code(&self) -> &'static str {
        match self {
            Rule::Schedule { .. } => "schedule",
            Rule::ClientCheckIn { .. } => "client_check_in",
            Rule::AfterFirstSale { .. } => "after_first_sale",
            Rule::BeforeExpectedOrder { .. } => "before_expected_order",
            Rule::InboundResponse { .. } => "inbound_response",
            Rule::NextStepRequired { .. } => "next_step_required",
            Rule::StaleDeal { .. } => "stale_deal",
            Rule::HandoffCardComplete { .. } => "handoff_card_complete",
            Rule::ClientContact { .. } => "client_contact",
            Rule::ProspectingPace { .. } => "prospecting_pace",
        }
    }
    pub fn kind(&self) -> RegulationKind {
        match self {
            Rule::Schedule { .. } | Rule::ClientCheckIn { .. } | Rule::AfterFirstSale { .. } | Rule::BeforeExpectedOrder { .. } => RegulationKind::Routine,
            _ => RegulationKind::Norm,
        }
    }
}

pub const FIRST_SALE_ACTIONS: &[&str] = &["referral", "welcome_call", "feedback"];

/// Plan parameters used while the workspace has too little history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "TemplatePlanParams")]
pub struct PlanParams {
    /// ISO weekdays, 1 = Monday.
    pub working_days: Vec<u8>,
    pub currency: String,
    #[ts(type = "number")]
    pub avg_first_deal_minor: i64,
    #[ts(type = "number")]
    pub avg_repeat_order_minor: i64,
    pub repeat_orders_per_client_per_month_pct: u32,
    pub margin_pct: u32,
    pub sales_cycle_days: u32,
    pub rates_pct: RatesPct,
    pub niche_benchmark: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RatesPct {
    pub call_to_lead: u32,
    pub lead_to_qualified: u32,
    pub qualified_to_offer: u32,
    pub offer_to_win: u32,
}

impl Default for PlanParams {
    fn default() -> Self {
        PlanParams {
            working_days: vec![1, 2, 3, 4, 5],
            currency: "EUR".into(),
            avg_first_deal_minor: 300_000,
            avg_repeat_order_minor: 150_000,
            repeat_orders_per_client_per_month_pct: 50,
            margin_pct: 35,
            sales_cycle_days: 30,
            rates_pct: RatesPct { call_to_lead: 10, lead_to_qualified: 40, qualified_to_offer: 60, offer_to_win: 30 },
            niche_benchmark: String::new(),
        }
    }
}

// ---- reading ---------------------------------------------------------------

fn bad(file: &str, path: &str, msg: impl std::fmt::Display) -> Error {
    Error { code: ErrorCode::InvalidFile, message: format!("{file}: {path}: {msg}"), field: Some(path.to_string()) }
}

/// Reads a template file's text strictly. `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Template> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Error {
        code: ErrorCode::InvalidFile,
        message: format!("{file}: line {}, column {}: not valid JSON ({e}). Nothing was changed.", e.line(), e.column()),
        field: None,
    })?;
    if value.get("format").and_then(|v| v.as_str()) != Some(FORMAT) {
        return Err(bad(file, "format", format!("this is not a Conveyor template (expected \"format\": \"{FORMAT}\").")));
    }
    match value.get("format_version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(bad(
                file,
                "format_version",
                format!("the file was written by a newer Conveyor (format {v}; this version reads up to {FORMAT_VERSION}). Update Conveyor to read it."),
            ));
        }
        Some(v) if v >= 1 => {}
        _ => return Err(bad(file, "format_version", "must be a whole number, 1 or more.")),
    }
    check_rule_fields(file, &value)?;
    let t: Template = serde_json::from_str(text).map_err(|e| Error {
        code: ErrorCode::InvalidFile,
        message: format!("{file}: line {}, column {}: {e}. Nothing was changed; fix the file and try again.", e.line(), e.column()),
        field: None,
    })?;
    validate(file, &t).map_err(|e| Error { message: format!("{} Nothing was changed; fix the file and try again.", e.message), ..e })?;
    Ok(t)
}

/// Unknown fields of a rule are refused (serde's internally tagged enums cannot).
fn check_rule_fields(file: &str, value: &serde_json::Value) -> Result<()> {
    let Some(regs) = value.get("regulations").and_then(|v| v.as_array()) else { return Ok(()) };
    for (i, r) in regs.iter().enumerate() {
        let Some(rule) = r.get("rule").and_then(|v| v.as_object()) else { continue };
        let allowed: &[&str] = match rule.get("type").and_then(|v| v.as_str()) {
            Some("schedule") => &["every", "days", "at", "minutes", "activity", "target_calls"],
            Some("client_check_in") => &["days"],
            Some("after_first_sale") => &["within_days", "action"],
            Some("before_expected_order") => &["days_before"],
            Some("inbound_response") => &["hours"],
            Some("next_step_required") | Some("stale_deal") => &["days"],
            Some("handoff_card_complete") => &["card"],
            Some("client_contact") => &["abc", "days"],
            Some("prospecting_pace") => &["calls_per_week"],
            Some(other) => {
                return Err(bad(
                    file,
                    &format!("regulations[{i}].rule.type"),
                    format!(
                        "“{other}” is not a rule type. Use one of schedule, client_check_in, after_first_sale, before_expected_order, inbound_response, next_step_required, stale_deal, handoff_card_complete, client_contact, prospecting_pace."
                    ),
                ));
            }
            None => return Err(bad(file, &format!("regulations[{i}].rule.type"), "a rule needs its type.")),
        };
        if let Some(k) = rule.keys().find(|k| k.as_str() != "type" && !allowed.contains(&k.as_str())) {
            return Err(bad(file, &format!("regulations[{i}].rule.{k}"), format!("is not a field of a {} rule.", rule["type"].as_str().unwrap_or_default())));
        }
    }
    Ok(())
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty() && s.len() <= 60 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') && !s.starts_with('-') && !s.ends_with('-')
}

fn is_snake(s: &str) -> bool {
    !s.is_empty() && s.len() <= 60 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') && s.as_bytes()[0].is_ascii_lowercase()
}

fn text(file: &str, path: &str, v: &str, max: usize) -> Result<()> {
    if v.trim().is_empty() {
        return Err(bad(file, path, "is empty; fill it in."));
    }
    if v.chars().count() > max {
        return Err(bad(file, path, format!("is longer than {max} characters.")));
    }
    Ok(())
}

/// Checks a script's content (used for files and for edits in the app):
/// block keys, branch targets, capture targets, objections.
pub fn validate_body(file: &str, at: &str, body: &ScriptBody, card_keys: &BTreeSet<String>) -> Result<()> {
    if body.blocks.is_empty() {
        return Err(bad(file, &format!("{at}blocks"), "a script needs at least one block."));
    }
    let mut keys = BTreeSet::new();
    for (bi, b) in body.blocks.iter().enumerate() {
        let p = format!("{at}blocks[{bi}]");
        if !is_kebab(&b.key) || b.key == BRANCH_END {
            return Err(bad(file, &format!("{p}.key"), format!("“{}” is not a block key: use lower-case letters, digits and dashes (not “end”).", b.key)));
        }
        if !keys.insert(b.key.as_str()) {
            return Err(bad(file, &format!("{p}.key"), format!("“{}” is used by two blocks of the script.", b.key)));
        }
        text(file, &format!("{p}.title"), &b.title, 200)?;
        if b.text.chars().count() > 20_000 {
            return Err(bad(file, &format!("{p}.text"), "is longer than 20000 characters."));
        }
    }
    for (bi, b) in body.blocks.iter().enumerate() {
        for (ci, c) in b.captures.iter().enumerate() {
            let p = format!("{at}blocks[{bi}].captures[{ci}]");
            check_capture_target(file, &format!("{p}.target"), &c.target, card_keys)?;
            text(file, &format!("{p}.label"), &c.label, 200)?;
        }
        for (ri, r) in b.branches.iter().enumerate() {
            let p = format!("{at}blocks[{bi}].branches[{ri}]");
            text(file, &format!("{p}.label"), &r.label, 200)?;
            if r.to != BRANCH_END && !keys.contains(r.to.as_str()) {
                return Err(bad(file, &format!("{p}.to"), format!("“{}” is not a block of this script (nor “end”).", r.to)));
            }
        }
    }
    for (oi, o) in body.objections.iter().enumerate() {
        let p = format!("{at}objections[{oi}]");
        text(file, &format!("{p}.objection"), &o.objection, 300)?;
        if o.answers.is_empty() {
            return Err(bad(file, &format!("{p}.answers"), "an objection needs at least one answer."));
        }
        for (ai, a) in o.answers.iter().enumerate() {
            text(file, &format!("{p}.answers[{ai}]"), a, 5_000)?;
        }
        for (ki, k) in o.keywords.iter().enumerate() {
            text(file, &format!("{p}.keywords[{ki}]"), k, 60)?;
        }
    }
    Ok(())
}

pub const PROFILE_TARGETS: &[&str] = &["profile:notes", "profile:title", "profile:email", "profile:phone"];

fn check_capture_target(file: &str, path: &str, target: &str, card_keys: &BTreeSet<String>) -> Result<()> {
    if PROFILE_TARGETS.contains(&target) {
        return Ok(());
    }
    match target.strip_prefix("card:") {
        Some(k) if card_keys.contains(k) => Ok(()),
        Some(k) => Err(bad(file, path, format!("“{k}” is not a field of the hand-off cards."))),
        None => Err(bad(file, path, format!("“{target}” is not a capture target. Use card:<field key>, or one of {}.", PROFILE_TARGETS.join(", ")))),
    }
}

/// Checks a regulation (used for files and for edits in the app).
pub fn validate_regulation(file: &str, at: &str, r: &RegulationDef) -> Result<()> {
    if !is_kebab(&r.key) {
        return Err(bad(file, &format!("{at}key"), format!("“{}” is not a key: use lower-case letters, digits and dashes.", r.key)));
    }
    text(file, &format!("{at}title"), &r.title, 200)?;
    if r.text.chars().count() > 20_000 {
        return Err(bad(file, &format!("{at}text"), "is longer than 20000 characters."));
    }
    match (&r.kind, &r.rule) {
        (RegulationKind::Standard, Some(_)) => return Err(bad(file, &format!("{at}rule"), "a standard has no rule; remove it or make it a routine or norm.")),
        (RegulationKind::Standard, None) => {}
        (k, None) => return Err(bad(file, &format!("{at}rule"), format!("a {} needs a rule.", k.code()))),
        (k, Some(rule)) if rule.kind() != *k => {
            return Err(bad(
                file,
                &format!("{at}rule.type"),
                format!("“{}” is a {} rule, but the regulation is a {}.", rule.code(), rule.kind().code(), k.code()),
            ));
        }
        _ => {}
    }
    if !r.documents.is_empty() && r.kind != RegulationKind::Standard {
        return Err(bad(file, &format!("{at}documents"), "only standards name documents."));
    }
    for (i, d) in r.documents.iter().enumerate() {
        if !DOCUMENTS.contains(&d.as_str()) {
            return Err(bad(file, &format!("{at}documents[{i}]"), format!("“{d}” is not a document. Use one of {}.", DOCUMENTS.join(", "))));
        }
    }
    let p = |f: &str| format!("{at}rule.{f}");
    let positive = |f: &str, v: u32| if v == 0 { Err(bad(file, &p(f), "must be 1 or more.")) } else { Ok(()) };
    match &r.rule {
        Some(Rule::Schedule { every, days, at: time, minutes, activity, .. }) => {
            if parse_hhmm(time).is_none() {
                return Err(bad(file, &p("at"), format!("“{time}” is not a time; write it as HH:MM, e.g. 09:00.")));
            }
            if *minutes == 0 || *minutes > 1440 {
                return Err(bad(file, &p("minutes"), "must be between 1 and 1440."));
            }
            if !matches!(activity, ActivityKind::Call | ActivityKind::Meeting | ActivityKind::Task) {
                return Err(bad(file, &p("activity"), "must be call, meeting or task."));
            }
            match every {
                Every::Day if !days.is_empty() => return Err(bad(file, &p("days"), "a daily routine runs on the working days; leave days out.")),
                Every::Week if days.is_empty() || days.iter().any(|d| !(1..=7).contains(d)) => {
                    return Err(bad(file, &p("days"), "list ISO weekdays 1–7 (1 = Monday), e.g. [2, 4]."));
                }
                Every::Month if days.is_empty() || days.iter().any(|d| !(*d == -1 || (1..=31).contains(d))) => {
                    return Err(bad(file, &p("days"), "list days of the month 1–31, or -1 for the last working day."));
                }
                _ => {}
            }
        }
        Some(Rule::ClientCheckIn { days }) => {
            if days.is_empty() {
                return Err(bad(file, &p("days"), "give the days for at least one category, e.g. {\"A\": 30}."));
            }
            for (abc, d) in days {
                positive(&format!("days.{abc}"), *d)?;
            }
        }
        Some(Rule::AfterFirstSale { within_days, action }) => {
            positive("within_days", *within_days)?;
            if !FIRST_SALE_ACTIONS.contains(&action.as_str()) {
                return Err(bad(file, &p("action"), format!("“{action}” is not an action. Use one of {}.", FIRST_SALE_ACTIONS.join(", "))));
            }
        }
        Some(Rule::BeforeExpectedOrder { .. }) => {}
        Some(Rule::InboundResponse { hours }) => positive("hours", *hours)?,
        Some(Rule::NextStepRequired { .. }) | Some(Rule::StaleDeal { .. }) => {}
        Some(Rule::HandoffCardComplete { .. }) => {}
        Some(Rule::ClientContact { days, .. }) => positive("days", *days)?,
        Some(Rule::ProspectingPace { calls_per_week }) => positive("calls_per_week", *calls_per_week)?,
        None => {}
    }
    Ok(())
}

pub fn parse_hhmm(s: &str) -> Option<chrono::NaiveTime> {
    if s.len() != 5 {
        return None;
    }
    chrono::NaiveTime::parse_from_str(s, "%H:%M").ok()
}

/// The whole file's meaning: keys unique, targets known, values in range.
pub fn validate(file: &str, t: &Template) -> Result<()> {
    if !is_kebab(&t.id) {
        return Err(bad(file, "id", format!("“{}” is not an id: use lower-case letters, digits and dashes.", t.id)));
    }
    text(file, "name", &t.name, 200)?;
    if t.description.chars().count() > 5_000 {
        return Err(bad(file, "description", "is longer than 5000 characters."));
    }
    for stage in Stage::ALL {
        let list = t.steps.of(*stage);
        if list.is_empty() {
            return Err(bad(file, &format!("steps.{stage}"), "every stage needs at least one step."));
        }
        for (i, s) in list.iter().enumerate() {
            text(file, &format!("steps.{stage}[{i}].name"), &s.name, 200)?;
            if s.probability_pct > 100 {
                return Err(bad(file, &format!("steps.{stage}[{i}].probability_pct"), "must be between 0 and 100."));
            }
        }
    }
    let mut card_keys = BTreeSet::new();
    for card in [CardKind::Qualification, CardKind::Handover] {
        let list = t.cards.of(card);
        if list.is_empty() {
            return Err(bad(file, &format!("cards.{}", card.code()), "a card needs at least one field."));
        }
        let mut seen = BTreeSet::new();
        for (i, f) in list.iter().enumerate() {
            let p = format!("cards.{}[{i}]", card.code());
            if !is_snake(&f.key) {
                return Err(bad(file, &format!("{p}.key"), format!("“{}” is not a field key: use lower-case letters, digits and underscores.", f.key)));
            }
            if !seen.insert(f.key.clone()) {
                return Err(bad(file, &format!("{p}.key"), format!("“{}” is used twice on this card.", f.key)));
            }
            text(file, &format!("{p}.label"), &f.label, 200)?;
            card_keys.insert(f.key.clone());
        }
    }
    let mut script_keys = BTreeSet::new();
    for (si, s) in t.scripts.iter().enumerate() {
        let p = format!("scripts[{si}]");
        if !is_kebab(&s.key) {
            return Err(bad(file, &format!("{p}.key"), format!("“{}” is not a key: use lower-case letters, digits and dashes.", s.key)));
        }
        if !script_keys.insert(s.key.as_str()) {
            return Err(bad(file, &format!("{p}.key"), format!("“{}” is used by two scripts.", s.key)));
        }
        text(file, &format!("{p}.name"), &s.name, 200)?;
        if s.purpose.chars().count() > 2_000 {
            return Err(bad(file, &format!("{p}.purpose"), "is longer than 2000 characters."));
        }
        validate_body(file, &format!("{p}."), &s.body(), &card_keys)?;
    }
    let mut reg_keys = BTreeSet::new();
    for (ri, r) in t.regulations.iter().enumerate() {
        let p = format!("regulations[{ri}].");
        validate_regulation(file, &p, r)?;
        if !reg_keys.insert(r.key.as_str()) {
            return Err(bad(file, &format!("{p}key"), format!("“{}” is used by two regulations.", r.key)));
        }
        if let (Some(stage), Some(rs)) = (r.stage, r.role.stage())
            && stage != rs
        {
            return Err(bad(file, &format!("{p}role"), format!("the {} works stage {}, not stage {}.", r.role, rs.number(), stage.number())));
        }
    }
    validate_plan(file, &t.plan)
}

pub fn validate_plan(file: &str, p: &PlanParams) -> Result<()> {
    if p.working_days.is_empty() || p.working_days.iter().any(|d| !(1..=7).contains(d)) {
        return Err(bad(file, "plan.working_days", "list ISO weekdays 1–7 (1 = Monday), at least one."));
    }
    let mut wd = p.working_days.clone();
    wd.sort_unstable();
    wd.dedup();
    if wd.len() != p.working_days.len() {
        return Err(bad(file, "plan.working_days", "a weekday is listed twice."));
    }
    crate::validate::currency("plan.currency", &p.currency)
        .map_err(|_| bad(file, "plan.currency", format!("“{}” is not a currency code such as EUR.", p.currency)))?;
    for (f, v) in [("plan.avg_first_deal_minor", p.avg_first_deal_minor), ("plan.avg_repeat_order_minor", p.avg_repeat_order_minor)] {
        if v < 0 {
            return Err(bad(file, f, "must not be negative."));
        }
    }
    for (f, v) in [
        ("plan.margin_pct", p.margin_pct),
        ("plan.rates_pct.call_to_lead", p.rates_pct.call_to_lead),
        ("plan.rates_pct.lead_to_qualified", p.rates_pct.lead_to_qualified),
        ("plan.rates_pct.qualified_to_offer", p.rates_pct.qualified_to_offer),
        ("plan.rates_pct.offer_to_win", p.rates_pct.offer_to_win),
    ] {
        if v > 100 {
            return Err(bad(file, f, "must be between 0 and 100."));
        }
    }
    Ok(())
}

// ---- built-in templates ------------------------------------------------------

/// A built-in template as offered in the first-run wizard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateInfo {
    pub id: String,
    pub lang: Lang,
    pub name: String,
    pub description: String,
}

/// The default template of a new workspace.
pub const DEFAULT_TEMPLATE: &str = "generic-b2b";

/// (id, lang, file text) of every built-in template.
const BUILTIN: &[(&str, Lang, &str)] = &[
    ("generic-b2b", Lang::En, include_str!("../../templates/generic-b2b.en.json")),
    ("generic-b2b", Lang::Ru, include_str!("../../templates/generic-b2b.ru.json")),
    ("generic-b2b", Lang::Bg, include_str!("../../templates/generic-b2b.bg.json")),
    ("generic-b2b", Lang::El, include_str!("../../templates/generic-b2b.el.json")),
    ("generic-b2b", Lang::Hu, include_str!("../../templates/generic-b2b.hu.json")),
    ("wholesale", Lang::En, include_str!("../../templates/wholesale.en.json")),
    ("wholesale", Lang::Ru, include_str!("../../templates/wholesale.ru.json")),
    ("wholesale", Lang::Bg, include_str!("../../templates/wholesale.bg.json")),
    ("wholesale", Lang::El, include_str!("../../templates/wholesale.el.json")),
    ("wholesale", Lang::Hu, include_str!("../../templates/wholesale.hu.json")),
    ("agency", Lang::En, include_str!("../../templates/agency.en.json")),
    ("agency", Lang::Ru, include_str!("../../templates/agency.ru.json")),
    ("agency", Lang::Bg, include_str!("../../templates/agency.bg.json")),
    ("agency", Lang::El, include_str!("../../templates/agency.el.json")),
    ("agency", Lang::Hu, include_str!("../../templates/agency.hu.json")),
];

/// The built-in template `id` in `lang`; in English when it is not written
/// in `lang` yet (its `lang` then says `en`, so the wizard can label it).
pub fn builtin(id: &str, lang: Lang) -> Result<Template> {
    let found = BUILTIN
        .iter()
        .find(|(i, l, _)| *i == id && *l == lang)
        .or_else(|| BUILTIN.iter().find(|(i, l, _)| *i == id && *l == Lang::En))
        .or_else(|| BUILTIN.iter().find(|(i, _, _)| *i == id));
    match found {
        Some((i, l, text)) => parse(&format!("{i}.{l}.json"), text),
        None => Err(Error::validation("template", format!("There is no built-in template “{id}”. Use one of: {}.", builtin_ids().join(", ")))),
    }
}

pub fn builtin_ids() -> Vec<&'static str> {
    let mut v: Vec<&str> = Vec::new();
    for (i, _, _) in BUILTIN {
        if !v.contains(i) {
            v.push(i);
        }
    }
    v
}

/// The built-in templates in a language.
pub fn list_builtin(lang: Lang) -> Result<Vec<TemplateInfo>> {
    builtin_ids().into_iter().map(|id| builtin(id, lang).map(|t| TemplateInfo { id: t.id, lang: t.lang, name: t.name, description: t.description })).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const MINI: &str = include_str!("testdata/mini.en.json");

    #[test]
    fn every_built_in_template_reads_strictly() {
        for (id, lang, text) in BUILTIN {
            let t = parse(&format!("{id}.{lang}.json"), text).unwrap_or_else(|e| panic!("{id}.{lang}: {e}"));
            assert_eq!((t.id.as_str(), t.lang), (*id, *lang));
            for stage in Stage::ALL {
                assert!(t.scripts.iter().any(|s| s.stage == *stage), "{id}.{lang}: a script for {stage}");
            }
        }
        for lang in Lang::ALL {
            assert_eq!(list_builtin(*lang).unwrap().len(), 3, "{lang}");
        }
    }

    /// A language without its own built-in templates yet is offered the
    /// English ones, marked as English; one with its own gets only those.
    #[test]
    fn every_language_is_offered_templates() {
        for lang in Lang::ALL {
            let list = list_builtin(*lang).unwrap();
            assert_eq!(list.len(), builtin_ids().len(), "{lang}");
            let own = BUILTIN.iter().any(|(_, l, _)| l == lang);
            for t in list {
                assert!(t.lang == *lang || (!own || !BUILTIN.iter().any(|(i, l, _)| *i == t.id && l == lang)) && t.lang == Lang::En, "{lang}: {t:?}");
            }
        }
    }

    fn refused(text: &str) -> Error {
        parse("t.json", text).unwrap_err()
    }

    #[test]
    fn malformed_templates_are_refused_naming_the_field() {
        parse("mini.json", MINI).unwrap();
        let e = refused(&MINI.replace(r#""label": "Agreed", "to": "end""#, r#""label": "Agreed", "to": "nowhere""#));
        assert_eq!(e.code, ErrorCode::InvalidFile);
        assert_eq!(e.field.as_deref(), Some("scripts[0].blocks[2].branches[0].to"));
        assert!(e.message.contains("nowhere") && e.message.contains("t.json"), "{}", e.message);

        let e = refused(&MINI.replace(r#""key": "callback""#, r#""key": "needs""#));
        assert_eq!(e.field.as_deref(), Some("scripts[0].blocks[2].key"));
        let e = refused(&MINI.replace(r#""target": "card:need""#, r#""target": "card:mood""#));
        assert_eq!(e.field.as_deref(), Some("scripts[0].blocks[1].captures[0].target"));
        let e = refused(&MINI.replace(r#""format_version": 1"#, r#""format_version": 2"#));
        assert_eq!(e.field.as_deref(), Some("format_version"));
        assert!(e.message.contains("newer"), "{}", e.message);
        let e =
            refused(&MINI.replace(r#""key": "stale", "stage": "first_deal", "role": "closer""#, r#""key": "stale", "stage": "first_deal", "role": "hunter""#));
        assert_eq!(e.field.as_deref(), Some("regulations[2].role"));
        let e = refused(&MINI.replace(r#""type": "stale_deal", "days": 14"#, r#""type": "stale_deal", "days": 14, "hours": 2"#));
        assert_eq!(e.field.as_deref(), Some("regulations[2].rule.hours"));
        let e = refused(&MINI.replace(
            r#""stage": "lead_generation",
      "name": "Cold call""#,
            r#""stage": "stage_one",
      "name": "Cold call""#,
        ));
        assert!(e.message.contains("line") && e.message.contains("stage_one"), "{}", e.message);
        let e = refused(&MINI.replace(r#""key": "stale""#, r#""key": "next-step""#));
        assert_eq!(e.field.as_deref(), Some("regulations[2].key"));
        let e = refused(&MINI.replace(r#""at": "09:00""#, r#""at": "9am""#));
        assert_eq!(e.field.as_deref(), Some("regulations[0].rule.at"));
        assert_eq!(refused("{ not json").code, ErrorCode::InvalidFile);
        assert_eq!(refused(r#"{"format": "something-else"}"#).field.as_deref(), Some("format"));
    }
}
