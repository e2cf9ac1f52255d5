//! Printed documents: build (see `pdf::docs`), render, and save. The shell
//! and the CLI call these; neither lays out anything itself.

use crate::clock::Clock;
use crate::error::{Error, ErrorCode, Result};
use crate::model::Lang;
use crate::output::Replace;
use crate::pdf::{self, Rendered, docs};
use crate::store::{Store, meta, people};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

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
        return Err(Error::validation("company_id", format!("Company #{} does not exist (or is archived). Pick a company from the list.", req.company_id)));
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

/// Any printable document, as the app asks for it (the CLI builds the same).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentRequest {
    /// The sales plan for a period (`2027-01`, `2027-Q1`, `2027`) derived from a target.
    Plan { period: String, target: crate::usecases::plan::Target, lang: Option<Lang> },
    Profile {
        #[ts(type = "number")]
        company_id: i64,
        lang: Option<Lang>,
    },
    Calls {
        from: NaiveDate,
        to: NaiveDate,
        #[ts(type = "number | null")]
        person_id: Option<i64>,
        lang: Option<Lang>,
    },
    /// The regulation book of one role, or of every role (`role: null`).
    Book { role: Option<crate::model::Role>, lang: Option<Lang> },
    /// The weekly or monthly report of the week/month holding `date`.
    Report {
        every: crate::usecases::reviews::ReviewKind,
        date: NaiveDate,
        #[ts(type = "number | null")]
        person_id: Option<i64>,
        lang: Option<Lang>,
    },
}

impl DocumentRequest {
    /// A file name a person would recognise, for the save dialog.
    pub fn suggested_file_name(&self, s: &Store) -> Result<String> {
        let lang = lang_of(s, self.lang())?;
        let t = |key: &str| pdf::i18n::t(lang, key);
        Ok(match self {
            DocumentRequest::Plan { period, .. } => format!("{} {period}.pdf", t("plan.title")),
            DocumentRequest::Profile { company_id, .. } => {
                let name: String = crate::store::companies::get(s.conn(), *company_id)?.name;
                format!("{} — {}.pdf", t("profile.title"), file_safe(&name))
            }
            DocumentRequest::Calls { from, to, .. } => format!("{} {from} – {to}.pdf", t("calls.title")),
            DocumentRequest::Report { every, date, .. } => format!("{} {} {date}.pdf", t("report.file"), every.code()),
            DocumentRequest::Book { role, .. } => match role {
                Some(r) => format!("{}.pdf", pdf::i18n::tf(lang, "book.title_role", &[("role", t(&format!("book.role.{}", r.code())))])),
                None => format!("{}.pdf", t("book.title_all")),
            },
        })
    }

    fn lang(&self) -> Option<Lang> {
        match self {
            DocumentRequest::Plan { lang, .. }
            | DocumentRequest::Profile { lang, .. }
            | DocumentRequest::Calls { lang, .. }
            | DocumentRequest::Book { lang, .. }
            | DocumentRequest::Report { lang, .. } => *lang,
        }
    }
}

/// A name without the characters file systems refuse.
fn file_safe(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() { ' ' } else { c }).collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    cleaned.chars().take(80).collect()
}

/// Renders any document.
pub fn render(s: &Store, clock: &dyn Clock, req: &DocumentRequest) -> Result<Rendered> {
    match req {
        DocumentRequest::Plan { period, target, lang } => {
            let derive = crate::usecases::plan::DeriveRequest {
                period: period.clone(),
                target: target.clone(),
                conversion_uplift: 0.0,
                deal_size_uplift: 0.0,
                rates: vec![],
            };
            sales_plan(s, clock, &derive, *lang)
        }
        DocumentRequest::Profile { company_id, lang } => client_profile(s, clock, &ProfileRequest { company_id: *company_id, lang: *lang }),
        DocumentRequest::Calls { from, to, person_id, lang } => {
            call_register(s, clock, &CallRegisterRequest { from: *from, to: *to, person_id: *person_id, lang: *lang })
        }
        DocumentRequest::Book { role, lang } => regulation_book(s, clock, *role, *lang),
        DocumentRequest::Report { every, date, person_id, lang } => report(s, clock, *every, *date, *person_id, *lang),
    }
}

/// The weekly or monthly report (a daily one is not a printed document).
pub fn report(
    s: &Store,
    clock: &dyn Clock,
    kind: crate::usecases::reviews::ReviewKind,
    date: NaiveDate,
    person_id: Option<i64>,
    lang: Option<Lang>,
) -> Result<Rendered> {
    use crate::usecases::reviews::ReviewKind;
    if kind == ReviewKind::Daily {
        return Err(Error::validation("kind", "Reports are weekly or monthly. Choose one of them."));
    }
    let lang = lang_of(s, lang)?;
    pdf::render(&docs::report::build(s, clock, kind, date, person_id, lang)?, clock)
}

/// The regulation book of one role, or of every role.
pub fn regulation_book(s: &Store, clock: &dyn Clock, role: Option<crate::model::Role>, lang: Option<Lang>) -> Result<Rendered> {
    let lang = lang_of(s, lang)?;
    let data = docs::book::load(s)?;
    pdf::render(&docs::book::build(&data, role, lang), clock)
}

/// What the app tells a person after saving a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedDocument {
    pub path: String,
    #[ts(type = "number")]
    pub pages: usize,
    #[ts(type = "number")]
    pub bytes: usize,
    pub warnings: Vec<String>,
}

/// Renders `req` and writes it to `path` (which must end in `.pdf`).
pub fn render_to(s: &Store, clock: &dyn Clock, req: &DocumentRequest, path: &Path, replace: Replace) -> Result<SavedDocument> {
    let is_pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !is_pdf {
        return Err(Error::validation("path", format!("{} is not a .pdf file name. Choose a name ending in .pdf.", path.display())));
    }
    crate::output::check_target(path, replace)?;
    let doc = render(s, clock, req)?;
    save(path, &doc, replace)?;
    Ok(SavedDocument { path: path.display().to_string(), pages: doc.pages, bytes: doc.bytes.len(), warnings: doc.warnings })
}

/// [`render_to`], remembering a saved regulation book: the moving-in
/// checklist asks for each role's.
pub fn save_document(s: &mut Store, clock: &dyn Clock, req: &DocumentRequest, path: &Path, replace: Replace) -> Result<SavedDocument> {
    let saved = render_to(s, clock, req, path, replace)?;
    if let DocumentRequest::Book { role, .. } = req {
        crate::usecases::first_hour::record_book_saved(s, clock, *role)?;
    }
    Ok(saved)
}

/// Writes a rendered PDF through the output guard ([`crate::output`]): never
/// over a workspace, over another existing file only when `replace` says so;
/// a temporary file beside `path`, then a rename, so a reader never sees half
/// a document.
pub fn save(path: &Path, doc: &Rendered, replace: Replace) -> Result<()> {
    crate::output::check_target(path, replace)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io_at(dir, &e))?;
    }
    crate::output::write_bytes(path, &doc.bytes, replace)
}

/// The sales plan for a period, derived from a target (see `usecases::plan`);
/// periods longer than a month print the derivation's month-by-month split.
pub fn sales_plan(s: &Store, clock: &dyn Clock, req: &crate::usecases::plan::DeriveRequest, lang: Option<Lang>) -> Result<Rendered> {
    let lang = lang_of(s, lang)?;
    let whole = crate::usecases::plan::derive(s, clock, req)?;
    let doc = docs::plan::build(&meta::load(s.conn())?.name, &whole, clock.today(), lang)?;
    pdf::render(&doc, clock)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{clock, store};
    use crate::usecases::plan::Target;

    #[test]
    fn every_document_kind_renders_to_a_pdf_file_with_a_recognisable_name() {
        let mut s = store();
        crate::demo::generate(&mut s, &clock(), &crate::demo::DemoSpec::default()).unwrap();
        let company_id: i64 = s.conn().query_row("SELECT min(id) FROM companies WHERE client_since IS NOT NULL", [], |r| r.get(0)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let requests = [
            DocumentRequest::Plan { period: "2027-01".into(), target: Target::Turnover(5_000_000), lang: None },
            DocumentRequest::Profile { company_id, lang: Some(Lang::Ru) },
            DocumentRequest::Calls { from: "2026-11-01".parse().unwrap(), to: "2026-11-24".parse().unwrap(), person_id: None, lang: None },
            DocumentRequest::Book { role: None, lang: None },
            DocumentRequest::Book { role: Some(crate::model::Role::Hunter), lang: Some(Lang::Ru) },
            DocumentRequest::Report { every: crate::usecases::reviews::ReviewKind::Weekly, date: "2026-11-20".parse().unwrap(), person_id: None, lang: None },
            DocumentRequest::Report {
                every: crate::usecases::reviews::ReviewKind::Monthly,
                date: "2026-11-20".parse().unwrap(),
                person_id: None,
                lang: Some(Lang::Ru),
            },
        ];
        for req in &requests {
            let name = req.suggested_file_name(&s).unwrap();
            assert!(name.ends_with(".pdf") && !name.contains('/'), "{name}");
            let path = dir.path().join(&name);
            let saved = render_to(&s, &clock(), req, &path, Replace::Never).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            assert!(bytes.starts_with(b"%PDF-"), "{name}");
            assert_eq!(saved.bytes, bytes.len());
            assert!(saved.pages >= 1);
        }
        assert!(requests[1].suggested_file_name(&s).unwrap().starts_with("Профиль клиента — "));
    }

    #[test]
    fn a_document_is_only_written_to_a_pdf_name_and_a_bad_request_writes_nothing() {
        let s = store();
        let dir = tempfile::tempdir().unwrap();
        let req = DocumentRequest::Profile { company_id: 999, lang: None };
        let txt = dir.path().join("profile.txt");
        assert_eq!(render_to(&s, &clock(), &req, &txt, Replace::Never).unwrap_err().field.as_deref(), Some("path"));
        let pdf = dir.path().join("profile.pdf");
        assert_eq!(render_to(&s, &clock(), &req, &pdf, Replace::Never).unwrap_err().field.as_deref(), Some("company_id"));
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing written");
        assert_eq!(file_safe("A/B: \"C\" <D>"), "A B C D");
    }
}
