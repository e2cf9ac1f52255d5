//! Document builders: each reads what it needs (queries in
//! `store::reports`) and returns a [`Document`](super::Document) in the
//! requested language; `pdf::render` prints it. The sales plan, the
//! regulation book and the reports will be more builders like these.

pub mod book;
pub mod calls;
pub mod plan;
pub mod profile;

/// The text, or a dash when there is none.
pub(crate) fn or_dash(s: Option<&str>) -> String {
    match s.map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => "—".to_string(),
    }
}
