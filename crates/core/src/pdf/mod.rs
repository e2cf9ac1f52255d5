//! The document engine: a small document model ([`Document`] of [`Block`]s)
//! laid out on A4 pages with our own measuring, wrapping and pagination, and
//! written as PDF through printpdf with the embedded Noto Sans faces.
//!
//! A new document is a *builder*: a function that reads the store (queries in
//! `store::reports`), formats values with [`i18n`], and returns a
//! [`Document`]; [`render`] does the rest. See `docs/` for the client
//! profile and the call register.
//!
//! ```text
//! let mut doc = Document::new(lang, "Sales plan", "OfficeLine");
//! doc.toc = true;
//! doc.push(Block::h1("Targets"));
//! doc.push(Block::para("…"));
//! doc.push(Block::Table(Table::new(cols).rows(rows)));
//! let out = pdf::render(&doc, clock)?;   // out.bytes, out.pages, out.missing_glyphs
//! ```

pub mod docs;
mod fonts;
pub mod i18n;
mod layout;
mod texts_bg;
mod texts_el;
mod texts_hu;
mod write;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::model::Lang;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

pub use fonts::can_print;

/// A document to print: metadata, a title block, then blocks in order.
#[derive(Debug, Clone)]
pub struct Document {
    pub lang: Lang,
    /// Big title on page 1, the PDF title and the running header.
    pub title: String,
    /// A line under the title (e.g. the company, the period).
    pub subtitle: Option<String>,
    /// Who prepared it: the PDF author and the footer.
    pub author: String,
    /// Top-left of the running header (e.g. the workspace's business).
    pub organisation: String,
    /// A table of contents (h1 and h2 with page numbers) after the title.
    pub toc: bool,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(lang: Lang, title: &str, organisation: &str) -> Document {
        Document { lang, title: title.into(), subtitle: None, author: organisation.into(), organisation: organisation.into(), toc: false, blocks: Vec::new() }
    }

    pub fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    /// Level 1–3. Levels 1 and 2 go into the table of contents.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
        style: ParaStyle,
    },
    Bullets(Vec<String>),
    /// A numbered list (1., 2., …), the numbers in the marker column.
    Numbered(Vec<String>),
    /// Label–value pairs in two aligned columns.
    KeyValue(Vec<(String, String)>),
    Table(Table),
    Chart(Chart),
    /// Vertical space in points.
    Space(f32),
    PageBreak,
}

impl Block {
    pub fn h1(text: impl Into<String>) -> Block {
        Block::Heading { level: 1, text: text.into() }
    }
    pub fn h2(text: impl Into<String>) -> Block {
        Block::Heading { level: 2, text: text.into() }
    }
    pub fn h3(text: impl Into<String>) -> Block {
        Block::Heading { level: 3, text: text.into() }
    }
    pub fn para(text: impl Into<String>) -> Block {
        Block::Paragraph { text: text.into(), style: ParaStyle::Body }
    }
    pub fn note(text: impl Into<String>) -> Block {
        Block::Paragraph { text: text.into(), style: ParaStyle::Note }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaStyle {
    Body,
    /// Smaller and grey: explanations, "no data" lines.
    Note,
    /// A highlighted box (e.g. the next step).
    Callout,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Numbers and money.
    Right,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub align: Align,
    /// Never narrower than this many points (unless the page is narrower).
    pub min_width: f32,
    /// Keep the text on one line (dates, times); right-aligned columns never wrap.
    pub nowrap: bool,
}

impl Column {
    pub fn left(title: impl Into<String>) -> Column {
        Column { title: title.into(), align: Align::Left, min_width: 0.0, nowrap: false }
    }
    pub fn right(title: impl Into<String>) -> Column {
        Column { title: title.into(), align: Align::Right, min_width: 0.0, nowrap: true }
    }
    /// A left-aligned column whose cells stay on one line.
    pub fn nowrap(title: impl Into<String>) -> Column {
        Column { title: title.into(), align: Align::Left, min_width: 0.0, nowrap: true }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStyle {
    Normal,
    /// Bold on a light band (daily subtotals).
    Subtotal,
    /// Bold with an accent rule above (grand totals).
    Total,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<String>,
    pub style: RowStyle,
}

impl Row {
    pub fn new(cells: Vec<String>) -> Row {
        Row { cells, style: RowStyle::Normal }
    }
    pub fn styled(style: RowStyle, cells: Vec<String>) -> Row {
        Row { cells, style }
    }
}

/// A table whose header row repeats on every page it spans. Column widths
/// follow the content and never clip: cell text wraps, long words break.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Bar,
    Line,
}

/// A simple vector chart: one series over labelled categories.
#[derive(Debug, Clone)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    /// Category labels along the x axis: bar charts print every one (wrapped,
    /// or numbered with a legend when crowded); line charts every few.
    pub labels: Vec<String>,
    pub values: Vec<f64>,
    /// What is printed above each bar/point (e.g. formatted money): all of
    /// them when they fit their slots, otherwise none.
    pub value_labels: Vec<String>,
    /// Axis captions, e.g. "calls" and "day".
    pub x_label: String,
    pub y_label: String,
    /// Formats the y axis ticks.
    pub y_format: fn(Lang, f64) -> String,
}

/// A rendered PDF.
#[derive(Debug, Clone, Serialize)]
pub struct Rendered {
    #[serde(skip)]
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters the embedded fonts cannot show (printed as stand-ins, kept
    /// in the text layer).
    pub missing_glyphs: Vec<char>,
    /// Problems worth a look (missing glyphs, writer warnings), for people.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Refuse (validation error, field `text`) instead of warning when a
    /// character cannot be printed with the embedded fonts.
    pub strict: bool,
}

/// NFC, and tabs/odd spaces made plain: what every text goes through first.
pub(crate) fn normalise(s: &str) -> String {
    s.nfc()
        .map(|c| match c {
            '\t' => ' ',
            '\r' => '\n',
            '\u{2028}' | '\u{2029}' => '\n',
            c => c,
        })
        .collect()
}

/// Lays out and writes `doc`. Metadata dates come from `clock`.
pub fn render(doc: &Document, clock: &dyn Clock) -> Result<Rendered> {
    render_with(doc, clock, RenderOptions::default())
}

pub fn render_with(doc: &Document, clock: &dyn Clock, opts: RenderOptions) -> Result<Rendered> {
    let laid = layout::lay_out(doc, clock)?;
    let missing = laid.missing.clone();
    let mut warnings = Vec::new();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|c| format!("“{c}” (U+{:04X})", *c as u32)).collect();
        let msg = format!(
            "The document's fonts cannot show {} character(s): {}. They print as a stand-in (the sign �, or -> for an arrow) and stay in the document's text, so copying and searching still find them.",
            missing.len(),
            list.join(", ")
        );
        if opts.strict {
            return Err(Error::validation("text", msg));
        }
        warnings.push(msg);
    }
    let pages = laid.pages.len();
    let bytes = write::write_pdf(doc, &laid, clock, &mut warnings)?;
    Ok(Rendered { bytes, pages, missing_glyphs: missing, warnings })
}

#[cfg(test)]
mod tests;
