//! Printed documents: build (see `pdf::docs`), render, and save. The shell
//! and the CLI call these; neither lays out anything itself.

use crate::clock::Clock;
use crate::error::{Error, ErrorCode, Result};
use crate::model::Lang;
use crate::pdf::{self, docs, Rendered};
use crate::store::{meta, people, Store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The longest period a call register covers (about ten years).
pub const CALLS_MAX_DAYS: i64 = 3_700;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRequest {
    pub company_id: i64,
    /// `None`: the workspace's language.
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRegisterRequest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub person_id: Option<i64>,
    pub lang: Option<Lang>,
}

fn lang_of(s: &Store, lang: Option<Lang>) -> Result<Lang> {
    match lang {
        Some(l) => Ok(l),
        None => Ok(meta::load(s.conn())?.lang),
    }
}

/// The client profile of one company.
pub fn client_profile(s: &Store, clock: &dyn Clock, req: &ProfileRequest) -> Result<Rendered> {
    let lang = lang_of(s, req.lang)?;
    if !crate::store::exists(s.conn(), "companies", req.company_id)? {
        return Err(Error::validation(
            "company_id",
            format!("Company #{} does not exist (or is archived). Pick a company from the list.", req.company_id),
        ));
    }
    let doc = docs::profile::build(s, clock.today(), req.company_id, lang)?;
    pdf::render(&doc, clock)
}

/// The call register for a period (both ends included), of one person or everyone.
pub fn call_register(s: &Store, clock: &dyn Clock, req: &CallRegisterRequest) -> Result<Rendered> {
    let lang = lang_of(s, req.lang)?;
    check_call_register(s, req)?;
    let doc = docs::calls::build(s, req.from, req.to, req.person_id, lang)?;
    pdf::render(&doc, clock)
}

/// The call register's rows, for the app's working view of it.
pub fn call_register_rows(s: &Store, req: &CallRegisterRequest) -> Result<Vec<crate::store::reports::CallRow>> {
    check_call_register(s, req)?;
    crate::store::reports::calls(s.conn(), req.from, req.to, req.person_id)
}

fn check_call_register(s: &Store, req: &CallRegisterRequest) -> Result<()> {
    if req.from > req.to {
        return Err(Error::validation("to", format!("The period ends ({}) before it starts ({}). Swap the dates.", req.to, req.from)));
    }
    if (req.to - req.from).num_days() > CALLS_MAX_DAYS {
        return Err(Error::validation("to", format!("Choose a period of at most {CALLS_MAX_DAYS} days.")));
    }
    if let Some(id) = req.person_id {
        match people::get(s.conn(), id) {
            Ok(_) => {}
            Err(e) if e.code == ErrorCode::NotFound => {
                return Err(Error::validation("person_id", format!("Person #{id} does not exist. Pick someone from the team list.")));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Writes a rendered PDF: a temporary file beside `path`, then a rename, so a
/// reader never sees half a document.
pub fn save(path: &Path, doc: &Rendered) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "document.pdf".into());
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&tmp, &doc.bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })?;
    Ok(())
}

/// The sales plan for a period, derived from a target (see `usecases::plan`);
/// periods longer than a month get a month-by-month table (the target split
/// evenly over the months).
pub fn sales_plan(s: &Store, clock: &dyn Clock, req: &crate::usecases::plan::DeriveRequest, lang: Option<Lang>) -> Result<Rendered> {
    use crate::usecases::plan::{derive_from, measure, DeriveRequest, Target};
    let lang = lang_of(s, lang)?;
    let history = measure(s, clock)?;
    let whole = derive_from(&history, req)?;
    let period = whole.inputs.period;
    let mut months = vec![];
    if period.months() > 1.5 {
        let mut start = period.start;
        let n = period.months().round() as i64;
        let share = |v: i64| (v as f64 / n as f64).round() as i64;
        while start < period.end {
            let target = match req.target {
                Target::Turnover(v) => Target::Turnover(share(v)),
                Target::Profit(v) => Target::Profit(share(v)),
            };
            months.push(derive_from(&history, &DeriveRequest { period: start.format("%Y-%m").to_string(), target, ..req.clone() })?);
            start = start.checked_add_months(chrono::Months::new(1)).unwrap_or(period.end);
        }
    }
    let doc = docs::plan::build(&meta::load(s.conn())?.name, &whole, &months, lang)?;
    pdf::render(&doc, clock)
}
