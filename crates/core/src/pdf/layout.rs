//! Layout: turns a [`Document`] into pages of positioned drawing commands.
//! Coordinates here are points from the page's *top*-left; the writer flips
//! them. Two passes when there is a table of contents: the first finds the
//! headings' pages, the second prints them (the contents take the same room
//! in both, so the pages do not move).

use super::fonts::{Fonts, fonts};
use super::i18n::{self, t, tf};
use super::*;

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.7;
const TOP: f32 = 72.0;
const BOTTOM: f32 = PAGE_H - 64.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// The room a chart takes, title to caption.
const CHART_H: f32 = 18.0 + 128.0 + 14.0 + 14.0 + 16.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub f32, pub f32, pub f32);

const INK: Rgb = Rgb(0.13, 0.15, 0.18);
const MUTED: Rgb = Rgb(0.42, 0.45, 0.50);
const ACCENT: Rgb = Rgb(0.04, 0.40, 0.52);
const TINT: Rgb = Rgb(0.90, 0.95, 0.96);
const BAND: Rgb = Rgb(0.955, 0.96, 0.965);
const RULE: Rgb = Rgb(0.82, 0.84, 0.87);

#[derive(Debug, Clone)]
pub(crate) enum Draw {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
    },
    /// `y` is the top edge.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb,
    },
}

pub(crate) struct Laid {
    pub pages: Vec<Vec<Draw>>,
    /// In order of first appearance.
    pub missing: Vec<char>,
    /// Level-1 headings and their pages (0-based), for the PDF outline.
    pub outline: Vec<(String, usize)>,
}

/// Category labels of a chart, laid out (see `L::x_labels`).
struct XLabels {
    size: f32,
    /// The lines of each label.
    lines: Vec<Vec<String>>,
    /// Print every n-th label (1: all).
    every: usize,
    /// Lines of "1 label · 2 label …" under the chart, when the bars are numbered.
    legend: Vec<String>,
}

struct TableStyle {
    header: bool,
    size: f32,
    line_h: f32,
    pad_x: f32,
    pad_y: f32,
    /// Key–value blocks: first column grey, no rules.
    key_value: bool,
}

const TABLE: TableStyle = TableStyle { header: true, size: 8.8, line_h: 11.5, pad_x: 5.0, pad_y: 3.6, key_value: false };
const KV: TableStyle = TableStyle { header: false, size: 9.8, line_h: 13.5, pad_x: 0.0, pad_y: 2.0, key_value: true };

struct L<'a> {
    f: &'static Fonts,
    lang: Lang,
    pages: Vec<Vec<Draw>>,
    y: f32,
    missing: Vec<char>,
    /// Pages (0-based) of the h1/h2 headings, in order.
    heading_pages: Vec<usize>,
    outline: Vec<(String, usize)>,
    toc_pages: Option<&'a [usize]>,
}

pub(crate) fn lay_out(doc: &Document, clock: &dyn Clock) -> Result<Laid> {
    let first = run(doc, clock, None);
    if !doc.toc {
        return Ok(Laid { pages: first.pages, missing: first.missing, outline: first.outline });
    }
    let pages = first.heading_pages.clone();
    let second = run(doc, clock, Some(&pages));
    if second.heading_pages != pages {
        return Err(Error::internal("The table of contents moved the headings between layout passes."));
    }
    Ok(Laid { pages: second.pages, missing: second.missing, outline: second.outline })
}

fn run<'a>(doc: &Document, clock: &dyn Clock, toc_pages: Option<&'a [usize]>) -> L<'a> {
    let mut l =
        L { f: fonts(), lang: doc.lang, pages: vec![Vec::new()], y: TOP, missing: Vec::new(), heading_pages: Vec::new(), outline: Vec::new(), toc_pages };
    l.title_block(doc);
    if doc.toc {
        l.contents(doc);
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        l.block(b, doc.blocks.get(i + 1), doc.blocks.get(i + 2));
    }
    l.furniture(doc, clock);
    l
}

/// A word split after each hyphen ("встречу-знакомство" → "встречу-", "знакомство").
fn hyphen_parts(word: &str) -> impl Iterator<Item = &str> {
    word.split_inclusive(['-', '‐', '/']).filter(|p| !p.is_empty())
}

/// The smallest of 1, 2, 5 × 10ⁿ that is ≥ `x`.
fn nice_step(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(x.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * mag >= x - 1e-9 {
            return m * mag;
        }
    }
    10.0 * mag
}

impl L<'_> {
    fn width(&self, s: &str, size: f32, bold: bool) -> f32 {
        self.f.face(bold).width(s, size)
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn at_top(&self) -> bool {
        self.y <= TOP + 0.5
    }

    /// Starts a new page unless `h` points still fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    fn draw(&mut self, d: Draw) {
        self.pages.last_mut().expect("a page").push(d);
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Rgb, s: &str) {
        if s.is_empty() {
            return;
        }
        let face = self.f.face(bold);
        for c in s.chars() {
            if !c.is_control() && !face.has(c) && !self.missing.contains(&c) {
                self.missing.push(c);
            }
        }
        self.draw(Draw::Text { x, y, size, bold, color, text: s.to_string() });
    }

    fn text_right(&mut self, right: f32, y: f32, size: f32, bold: bool, color: Rgb, s: &str) {
        let w = self.width(s, size, bold);
        self.text(right - w, y, size, bold, color, s);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.draw(Draw::Rect { x, y, w, h, color });
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Rgb) {
        self.draw(Draw::Line { points: vec![(x1, y), (x2, y)], width, color });
    }

    /// Greedy word wrap to `width`; words longer than a line are broken.
    /// Explicit newlines are kept; the result has at least one line.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let text = normalise(text);
        let face = self.f.face(bold);
        let space = face.width(" ", size);
        let width = width.max(size); // at least one character per line
        let mut out = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0f32;
            for word in para.split(' ').filter(|w| !w.is_empty()) {
                let ww = face.width(word, size);
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_w + gap + ww <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += gap + ww;
                    continue;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if ww <= width {
                    line.push_str(word);
                    line_w = ww;
                    continue;
                }
                // Wider than the line: break after hyphens where possible,
                // and cut pieces that are still too wide by characters.
                for piece in hyphen_parts(word) {
                    let pw = face.width(piece, size);
                    if line_w + pw <= width {
                        line.push_str(piece);
                        line_w += pw;
                        continue;
                    }
                    if !line.is_empty() {
                        out.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    if pw <= width {
                        line.push_str(piece);
                        line_w = pw;
                        continue;
                    }
                    for c in piece.chars() {
                        let cw = face.width(c.encode_utf8(&mut [0; 4]), size);
                        if line_w + cw > width && !line.is_empty() {
                            out.push(std::mem::take(&mut line));
                            line_w = 0.0;
                        }
                        line.push(c);
                        line_w += cw;
                    }
                }
            }
            out.push(line);
        }
        out
    }

    // ---- blocks -------------------------------------------------------------

    fn title_block(&mut self, doc: &Document) {
        let org = normalise(&doc.organisation);
        self.y = 62.0;
        self.text(MARGIN_X, self.y, 8.5, true, ACCENT, &org);
        self.y += 12.0;
        for line in self.wrap(&doc.title, 22.0, true, CONTENT_W) {
            self.y += 26.0;
            self.text(MARGIN_X, self.y, 22.0, true, INK, &line);
        }
        if let Some(sub) = &doc.subtitle {
            self.y += 4.0;
            for line in self.wrap(sub, 11.0, false, CONTENT_W) {
                self.y += 15.0;
                self.text(MARGIN_X, self.y, 11.0, false, MUTED, &line);
            }
        }
        self.y += 12.0;
        self.rect(MARGIN_X, self.y, 36.0, 2.4, ACCENT);
        self.hline(MARGIN_X + 36.0, MARGIN_X + CONTENT_W, self.y + 1.2, 0.5, RULE);
        self.y += 22.0;
    }

    fn contents(&mut self, doc: &Document) {
        let title = t(self.lang, "contents");
        self.heading(2, title, false, 44.0);
        let mut i = 0;
        for b in &doc.blocks {
            let Block::Heading { level, text } = b else { continue };
            if *level > 2 {
                continue;
            }
            let page = self.toc_pages.and_then(|p| p.get(i)).map(|p| p + 1).unwrap_or(0);
            i += 1;
            let (indent, bold, size) = if *level == 1 { (0.0, true, 10.0) } else { (14.0, false, 9.6) };
            let num = page.to_string();
            let lines = self.wrap(text, size, bold, CONTENT_W - indent - 40.0);
            let lh = size * 1.45;
            self.ensure(lh * lines.len() as f32 + 3.0);
            let n = lines.len();
            for (k, line) in lines.into_iter().enumerate() {
                self.y += lh;
                self.text(MARGIN_X + indent, self.y, size, bold, INK, &line);
                if k + 1 == n {
                    let lw = self.width(&line, size, bold);
                    let nw = self.width(&num, size, bold);
                    // A dotted leader from the text to the number.
                    let (x1, x2) = (MARGIN_X + indent + lw + 6.0, MARGIN_X + CONTENT_W - nw - 6.0);
                    let mut x = x1;
                    while x < x2 {
                        self.rect(x, self.y - 1.2, 0.9, 0.9, RULE);
                        x += 3.2;
                    }
                    self.text_right(MARGIN_X + CONTENT_W, self.y, size, bold, INK, &num);
                }
            }
            self.y += 3.0;
        }
        self.y += 10.0;
    }

    /// How much of `next` must follow a heading on the same page.
    fn lead(next: Option<&Block>) -> f32 {
        match next {
            Some(Block::Chart(_)) => CHART_H,
            // A table's header and a first row of a few lines.
            Some(Block::Table(_)) => 84.0,
            Some(Block::Paragraph { style: ParaStyle::Callout, .. }) => 40.0,
            // A heading and what must follow it in turn (a table's first rows).
            Some(Block::Heading { .. }) => 120.0,
            _ => 44.0,
        }
    }

    fn block(&mut self, b: &Block, next: Option<&Block>, after: Option<&Block>) {
        match b {
            Block::Heading { level, text } => {
                // A short note between a heading and its table or chart stays with both.
                let lead = match (next, after) {
                    (Some(Block::Paragraph { style: ParaStyle::Note, text }), Some(b @ (Block::Table(_) | Block::Chart(_)))) if text.len() < 400 => {
                        Self::lead(next) + Self::lead(Some(b))
                    }
                    _ => Self::lead(next),
                };
                self.heading(*level, text, true, lead)
            }
            Block::Paragraph { text, style } => {
                // A callout that titles what follows (a script block) keeps a few lines of it.
                if *style == ParaStyle::Callout && next.is_some() {
                    let h = self.wrap(text, 10.0, false, CONTENT_W - 19.0).len() as f32 * 14.5 + 24.0 + 70.0;
                    if h <= (BOTTOM - TOP) / 3.0 {
                        self.ensure(h);
                    }
                }
                // A short lead-in ("Say it like this:") stays with the first lines of its list.
                if *style != ParaStyle::Callout && matches!(next, Some(Block::Bullets(_) | Block::Numbered(_))) {
                    let (size, lh) = if *style == ParaStyle::Note { (8.8, 12.5) } else { (10.0, 14.5) };
                    let items = match next {
                        Some(Block::Bullets(items) | Block::Numbered(items)) => items.as_slice(),
                        _ => &[],
                    };
                    // What the list itself keeps together: its first two items.
                    let list_h: f32 = items.iter().take(2).map(|i| self.wrap(i, 10.0, false, CONTENT_W - 30.0).len() as f32 * 14.5 + 2.5).sum();
                    let h = self.wrap(text, size, false, CONTENT_W).len() as f32 * lh + 6.0 + list_h;
                    if h <= (BOTTOM - TOP) / 3.0 {
                        self.ensure(h);
                    }
                }
                self.paragraph(text, *style)
            }
            Block::Bullets(items) => self.list(items, false),
            Block::Numbered(items) => self.list(items, true),
            Block::KeyValue(pairs) => {
                let key_w = pairs.iter().map(|(k, _)| self.width(&normalise(k), KV.size, false)).fold(0.0f32, f32::max).min(CONTENT_W * 0.36) + 16.0;
                let table = Table {
                    columns: vec![Column { title: String::new(), align: Align::Left, min_width: key_w, nowrap: false }, Column::left("")],
                    rows: pairs.iter().map(|(k, v)| Row::new(vec![k.clone(), v.clone()])).collect(),
                };
                self.table(&table, &KV, Some(vec![key_w, CONTENT_W - key_w]));
                self.y += 8.0;
            }
            Block::Table(t) => {
                self.table(t, &TABLE, None);
                self.y += 12.0;
            }
            Block::Chart(c) => self.chart(c),
            Block::Space(h) => {
                if !self.at_top() {
                    self.y = (self.y + h).min(BOTTOM);
                }
            }
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str, in_toc: bool, lead: f32) {
        let (size, before, color) = match level {
            1 => (16.5, 20.0, ACCENT),
            2 => (12.8, 14.0, INK),
            _ => (10.8, 9.0, INK),
        };
        let lh = size * 1.3;
        let lines = self.wrap(text, size, true, CONTENT_W);
        let h = lh * lines.len() as f32 + if level == 1 { 8.0 } else { 4.0 };
        // Keep the heading with at least three lines of what follows.
        self.ensure(before + h + lead);
        if !self.at_top() {
            self.y += before;
        }
        if in_toc && level <= 2 {
            self.heading_pages.push(self.pages.len() - 1);
        }
        if in_toc && level == 1 {
            self.outline.push((normalise(text), self.pages.len() - 1));
        }
        for line in lines {
            self.y += lh;
            self.text(MARGIN_X, self.y, size, true, color, &line);
        }
        if level == 1 {
            self.y += 5.0;
            self.hline(MARGIN_X, MARGIN_X + CONTENT_W, self.y, 0.6, RULE);
            self.y += 3.0;
        } else {
            self.y += 4.0;
        }
    }

    fn paragraph(&mut self, text: &str, style: ParaStyle) {
        let (size, lh, color) = match style {
            ParaStyle::Body => (10.0, 14.5, INK),
            ParaStyle::Note => (8.8, 12.5, MUTED),
            ParaStyle::Callout => (10.0, 14.5, INK),
        };
        if style == ParaStyle::Callout {
            let pad = 8.0;
            let lines = self.wrap(text, size, false, CONTENT_W - 2.0 * pad - 3.0);
            let h = lh * lines.len() as f32 + 2.0 * pad - 2.0;
            if h <= BOTTOM - TOP {
                self.ensure(h + 4.0);
                let top = self.y + 2.0;
                self.rect(MARGIN_X, top, CONTENT_W, h, TINT);
                self.rect(MARGIN_X, top, 3.0, h, ACCENT);
                self.y = top + pad - 3.0;
                for line in lines {
                    self.y += lh;
                    self.text(MARGIN_X + 3.0 + pad, self.y, size, false, color, &line);
                }
                self.y = top + h + 10.0;
                return;
            }
        }
        for line in self.wrap(text, size, false, CONTENT_W) {
            self.ensure(lh);
            self.y += lh;
            self.text(MARGIN_X, self.y, size, false, color, &line);
        }
        self.y += 6.0;
    }

    fn list(&mut self, items: &[String], numbered: bool) {
        let (size, lh) = (10.0, 14.5);
        let indent = if numbered { 8.0 + self.width(&format!("{}.", items.len()), size, true) } else { 14.0 };
        let wrapped: Vec<Vec<String>> = items.iter().map(|item| self.wrap(item, size, false, CONTENT_W - indent)).collect();
        let heights: Vec<f32> = wrapped.iter().map(|l| l.len() as f32 * lh + 2.5).collect();
        let height = |k: usize| heights.get(k).copied().unwrap_or(0.0);
        let count = wrapped.len();
        for (n, lines) in wrapped.into_iter().enumerate() {
            // The first two items start a page together, and the last item
            // never stands alone on one (when two items fit on a page).
            if count >= 2 && (n == 0 || n + 2 == count) {
                let pair = height(n) + height(n + 1);
                if pair <= BOTTOM - TOP {
                    self.ensure(pair);
                }
            }
            for (k, line) in lines.into_iter().enumerate() {
                self.ensure(lh);
                self.y += lh;
                if k == 0 {
                    let marker = if numbered { format!("{}.", n + 1) } else { "•".to_string() };
                    self.text(MARGIN_X + 2.0, self.y, size, true, ACCENT, &marker);
                }
                self.text(MARGIN_X + indent, self.y, size, false, INK, &line);
            }
            self.y += 2.5;
        }
        self.y += 5.0;
    }

    // ---- tables -------------------------------------------------------------

    /// Column widths that fill the line: natural widths when they fit,
    /// otherwise each column gets its longest word and the rest is shared
    /// in proportion to what each still needs.
    fn column_widths(&self, t: &Table, st: &TableStyle) -> Vec<f32> {
        let n = t.columns.len();
        let mut natural = vec![0.0f32; n];
        let mut min = vec![0.0f32; n];
        let pad = 2.0 * st.pad_x;
        let mut consider = |i: usize, text: &str, bold: bool, size: f32| {
            let text = normalise(text);
            for line in text.split('\n') {
                natural[i] = natural[i].max(self.width(line, size, bold) + pad);
                for word in line.split(' ').flat_map(hyphen_parts) {
                    min[i] = min[i].max(self.width(word, size, bold) + pad);
                }
            }
        };
        for (i, c) in t.columns.iter().enumerate() {
            if st.header {
                consider(i, &c.title, true, st.size - 0.6);
            }
        }
        for r in &t.rows {
            for (i, cell) in r.cells.iter().enumerate().take(n) {
                consider(i, cell, r.style != RowStyle::Normal, st.size);
            }
        }
        for (i, c) in t.columns.iter().enumerate() {
            // A single long word must not take the whole table.
            min[i] = min[i].min(CONTENT_W / n as f32).max(c.min_width).max(pad + 14.0);
            if c.nowrap {
                // Numbers and money never wrap (within reason).
                min[i] = natural[i].min(CONTENT_W / 2.0).max(min[i]);
            }
            natural[i] = natural[i].max(min[i]);
        }
        let total_min: f32 = min.iter().sum();
        if total_min >= CONTENT_W {
            return min.iter().map(|m| m * CONTENT_W / total_min).collect();
        }
        let total_nat: f32 = natural.iter().sum();
        if total_nat <= CONTENT_W {
            let extra = CONTENT_W - total_nat;
            return natural.iter().map(|w| w + extra * w / total_nat).collect();
        }
        // Columns narrower than a fair share of what is left keep their
        // natural width (short names, codes stay on one line); the wide ones
        // share the rest in proportion to what they still need.
        let mut widths = vec![0.0f32; n];
        let mut open: Vec<usize> = (0..n).collect();
        let mut avail = CONTENT_W;
        loop {
            let share = avail / open.len() as f32;
            let (fit, rest): (Vec<usize>, Vec<usize>) = open.iter().partition(|&&i| natural[i] <= share);
            if fit.is_empty() {
                break;
            }
            for i in fit {
                widths[i] = natural[i];
                avail -= natural[i];
            }
            open = rest;
            if open.is_empty() {
                return widths;
            }
        }
        let open_min: f32 = open.iter().map(|&i| min[i]).sum();
        let need: f32 = open.iter().map(|&i| natural[i] - min[i]).sum();
        if avail < open_min || need <= 0.0 {
            let need: f32 = natural.iter().zip(&min).map(|(a, b)| a - b).sum();
            let spare = CONTENT_W - total_min;
            return natural.iter().zip(&min).map(|(nat, m)| m + spare * (nat - m) / need).collect();
        }
        let spare = avail - open_min;
        for &i in &open {
            widths[i] = min[i] + spare * (natural[i] - min[i]) / need;
        }
        widths
    }

    fn table(&mut self, t: &Table, st: &TableStyle, widths: Option<Vec<f32>>) {
        if t.columns.is_empty() {
            return;
        }
        let widths = widths.unwrap_or_else(|| self.column_widths(t, st));
        let xs: Vec<f32> = widths
            .iter()
            .scan(MARGIN_X, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        let header_size = st.size - 0.6;
        let header: Vec<Vec<String>> = t.columns.iter().zip(&widths).map(|(c, w)| self.wrap(&c.title, header_size, true, w - 2.0 * st.pad_x)).collect();
        let header_h = if st.header { header.iter().map(Vec::len).max().unwrap_or(1) as f32 * st.line_h + 2.0 * st.pad_y + 2.0 } else { 0.0 };

        let rows: Vec<(RowStyle, Vec<Vec<String>>)> = t
            .rows
            .iter()
            .map(|r| {
                let bold = r.style != RowStyle::Normal;
                let cells = (0..t.columns.len())
                    .map(|i| {
                        let text = r.cells.get(i).map(String::as_str).unwrap_or("");
                        self.wrap(text, st.size, bold, widths[i] - 2.0 * st.pad_x)
                    })
                    .collect();
                (r.style, cells)
            })
            .collect();

        let row_h = |cells: &Vec<Vec<String>>| cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * st.line_h + 2.0 * st.pad_y;
        let heights: Vec<f32> = rows.iter().map(|(_, c)| row_h(c)).collect();
        // Rows that must share a page with the row before them: the second
        // row (a page never ends on a table's first row alone), the last row
        // (a table never spills one row onto a page), and every subtotal or
        // total (never orphaned at the top of a page, away from its rows).
        let n = rows.len();
        let keep_with_prev: Vec<bool> = (0..n).map(|i| i > 0 && (i == 1 || i + 1 == n || rows[i].0 != RowStyle::Normal)).collect();
        // The height of row `i` and the rows chained to it.
        let group_h = |i: usize| {
            let mut h = heights[i];
            let mut j = i + 1;
            while j < n && keep_with_prev[j] {
                h += heights[j];
                j += 1;
            }
            h
        };
        let room = BOTTOM - TOP - header_h;
        // Never leave a header alone at the bottom of a page.
        // (A group taller than a page is split anyway: only ask for what can fit.)
        let first_h = if n > 0 { group_h(0) } else { 0.0 };
        let first_h = if first_h <= room { first_h } else { heights.first().copied().unwrap_or(0.0).min(room) };
        self.ensure(header_h + first_h);
        if st.header {
            self.table_header(t, &header, &xs, &widths, header_h, st);
        }
        for (i, (style, cells)) in rows.into_iter().enumerate() {
            let h = heights[i];
            // A row that starts a group moves to the next page with its group
            // when the group does not fit here but fits on a page of its own.
            let chained = if keep_with_prev[i] { h } else { group_h(i) };
            let need = if chained <= room { chained } else { h };
            if self.y + need > BOTTOM {
                if h <= room {
                    self.new_page();
                    if st.header {
                        self.table_header(t, &header, &xs, &widths, header_h, st);
                    }
                } else {
                    // Taller than a page: print as many lines as fit, then continue.
                    self.split_row(t, style, cells, &xs, &widths, st, &header, header_h);
                    continue;
                }
            }
            self.table_row(t, style, &cells, &xs, &widths, h, st);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn split_row(
        &mut self,
        t: &Table,
        style: RowStyle,
        mut cells: Vec<Vec<String>>,
        xs: &[f32],
        widths: &[f32],
        st: &TableStyle,
        header: &[Vec<String>],
        header_h: f32,
    ) {
        loop {
            let fit = (((BOTTOM - self.y - 2.0 * st.pad_y) / st.line_h).floor().max(0.0)) as usize;
            let left = cells.iter().map(Vec::len).max().unwrap_or(0);
            if fit == 0 {
                self.new_page();
                if st.header {
                    self.table_header(t, header, xs, widths, header_h, st);
                }
                continue;
            }
            let take = fit.min(left);
            let part: Vec<Vec<String>> = cells.iter_mut().map(|c| c.drain(..take.min(c.len())).collect()).collect();
            let h = take as f32 * st.line_h + 2.0 * st.pad_y;
            self.table_row(t, style, &part, xs, widths, h, st);
            if cells.iter().all(Vec::is_empty) {
                return;
            }
            self.new_page();
            if st.header {
                self.table_header(t, header, xs, widths, header_h, st);
            }
        }
    }

    fn table_header(&mut self, t: &Table, header: &[Vec<String>], xs: &[f32], widths: &[f32], h: f32, st: &TableStyle) {
        let total: f32 = widths.iter().sum();
        let top = self.y;
        self.rect(MARGIN_X, top, total, h - 2.0, TINT);
        self.hline(MARGIN_X, MARGIN_X + total, top + h - 2.0, 0.8, ACCENT);
        let size = st.size - 0.6;
        for (i, lines) in header.iter().enumerate() {
            let mut y = top + st.pad_y;
            for line in lines {
                y += st.line_h;
                let y_base = y - 2.6;
                match t.columns[i].align {
                    Align::Left => self.text(xs[i] + st.pad_x, y_base, size, true, ACCENT, line),
                    Align::Right => self.text_right(xs[i] + widths[i] - st.pad_x, y_base, size, true, ACCENT, line),
                }
            }
        }
        self.y = top + h;
    }

    #[allow(clippy::too_many_arguments)]
    fn table_row(&mut self, t: &Table, style: RowStyle, cells: &[Vec<String>], xs: &[f32], widths: &[f32], h: f32, st: &TableStyle) {
        let total: f32 = widths.iter().sum();
        let top = self.y;
        match style {
            RowStyle::Subtotal => self.rect(MARGIN_X, top, total, h, BAND),
            RowStyle::Total => self.hline(MARGIN_X, MARGIN_X + total, top + 0.4, 1.0, ACCENT),
            RowStyle::Normal if !st.key_value => self.hline(MARGIN_X, MARGIN_X + total, top + h, 0.35, RULE),
            RowStyle::Normal => {}
        }
        let bold = style != RowStyle::Normal;
        for (i, lines) in cells.iter().enumerate() {
            let color = if st.key_value && i == 0 { MUTED } else { INK };
            let mut y = top + st.pad_y;
            for line in lines {
                y += st.line_h;
                let y_base = y - st.line_h * 0.24;
                match t.columns[i].align {
                    Align::Left => self.text(xs[i] + st.pad_x, y_base, st.size, bold, color, line),
                    Align::Right => self.text_right(xs[i] + widths[i] - st.pad_x, y_base, st.size, bold, color, line),
                }
            }
        }
        self.y = top + h;
    }

    // ---- charts -------------------------------------------------------------

    /// How a chart's category labels print: every one wrapped under its bar
    /// (up to three lines, shrinking the type if need be), or, when even that
    /// does not fit, a number under each bar and a legend below the chart.
    /// Line charts (a time axis) keep every few labels, as axes do.
    fn x_labels(&self, c: &Chart, labels: &[String], slot: f32) -> XLabels {
        if c.kind == ChartKind::Line {
            let widest = labels.iter().map(|s| self.width(s, 7.2, false)).fold(0.0f32, f32::max);
            let every = ((widest + 6.0) / slot).ceil().max(1.0) as usize;
            return XLabels { size: 7.2, lines: labels.iter().map(|l| vec![l.clone()]).collect(), every, legend: vec![] };
        }
        let room = slot - 3.0;
        for size in [7.2f32, 6.6, 6.0] {
            let fits_words = labels.iter().all(|l| l.split(' ').all(|w| self.width(w, size, false) <= room));
            if !fits_words {
                continue;
            }
            let lines: Vec<Vec<String>> = labels.iter().map(|l| self.wrap(l, size, false, room)).collect();
            if lines.iter().all(|l| l.len() <= 3) {
                return XLabels { size, lines, every: 1, legend: vec![] };
            }
        }
        let numbers: Vec<Vec<String>> = (1..=labels.len()).map(|i| vec![i.to_string()]).collect();
        let legend_text = labels.iter().enumerate().map(|(i, l)| format!("{}\u{a0}{l}", i + 1)).collect::<Vec<_>>().join(" · ");
        let legend = self.wrap(&legend_text, 7.2, false, CONTENT_W);
        XLabels { size: 7.2, lines: numbers, every: 1, legend }
    }

    fn chart(&mut self, c: &Chart) {
        let n = c.values.len().min(c.labels.len());
        if n == 0 {
            return;
        }
        let (title_h, plot_h, xlab_h, caption_h) = (18.0, 128.0, 14.0, 14.0);
        let max = c.values.iter().take(n).cloned().fold(0.0f64, f64::max);
        let step = nice_step(max / 4.0);
        let ticks = ((max / step).ceil() as usize).clamp(1, 6);
        let top_val = step * ticks as f64;
        let tick_labels: Vec<String> = (0..=ticks).map(|k| normalise(&(c.y_format)(self.lang, step * k as f64))).collect();
        let label_w = tick_labels.iter().map(|s| self.width(s, 7.2, false)).fold(0.0f32, f32::max);
        let left = MARGIN_X + label_w + 6.0;
        let right = MARGIN_X + CONTENT_W;
        let slot = (right - left) / n as f32;
        let labels: Vec<String> = (0..n).map(|i| normalise(&c.labels[i])).collect();
        let xl = self.x_labels(c, &labels, slot);
        let x_line_h = xl.size + 1.8;
        let extra_lines = xl.lines.iter().map(Vec::len).max().unwrap_or(1).saturating_sub(1) as f32 * x_line_h;
        let legend_h = xl.legend.len() as f32 * 10.0;
        // Every value above its bar, or none (the table beside the chart has them).
        let value_labels: Vec<String> = (0..n).map(|i| normalise(c.value_labels.get(i).map(String::as_str).unwrap_or(""))).collect();
        let vl_size = [6.8f32, 6.2, 5.6].into_iter().find(|sz| value_labels.iter().all(|v| self.width(v, *sz, false) + 2.0 <= slot));

        self.ensure(CHART_H + extra_lines + legend_h);
        if !self.at_top() {
            self.y += 6.0;
        }
        self.y += 12.0;
        let title = normalise(&c.title);
        self.text(MARGIN_X, self.y, 10.0, true, INK, &title);
        self.y += title_h - 12.0 + 10.0;

        let plot_top = self.y;
        let base = plot_top + plot_h;

        // Y caption above the axis labels.
        let y_cap = normalise(&c.y_label);
        self.text(MARGIN_X, plot_top - 6.0, 7.2, false, MUTED, &y_cap);
        for (k, label) in tick_labels.iter().enumerate() {
            let y = base - plot_h * (k as f32 / ticks as f32);
            if k > 0 {
                self.hline(left, right, y, 0.35, RULE);
            }
            self.text_right(left - 5.0, y + 2.5, 7.2, false, MUTED, label);
        }
        self.hline(left, right, base, 0.7, INK);

        let value_of = |v: f64| (v / top_val) as f32 * plot_h;
        let mut points = Vec::with_capacity(n);
        for (i, value_label) in value_labels.iter().enumerate() {
            let cx = left + slot * (i as f32 + 0.5);
            let h = value_of(c.values[i].max(0.0));
            match c.kind {
                ChartKind::Bar => {
                    let bw = (slot * 0.62).min(42.0);
                    if h > 0.0 {
                        self.rect(cx - bw / 2.0, base - h, bw, h, ACCENT);
                    }
                }
                ChartKind::Line => points.push((cx, base - h)),
            }
            if let Some(size) = vl_size.filter(|_| !value_label.is_empty()) {
                let w = self.width(value_label, size, false);
                let y = base - h - if c.kind == ChartKind::Line { 5.0 } else { 3.0 };
                self.text(cx - w / 2.0, y, size, false, INK, value_label);
            }
            if i % xl.every == 0 {
                for (k, line) in xl.lines[i].iter().enumerate() {
                    let w = self.width(line, xl.size, false);
                    let x = (cx - w / 2.0).max(left - 4.0).min(right - w);
                    self.text(x, base + 11.0 + k as f32 * x_line_h, xl.size, false, MUTED, line);
                }
            }
        }
        if c.kind == ChartKind::Line {
            self.draw(Draw::Line { points: points.clone(), width: 1.4, color: ACCENT });
            for (x, y) in points {
                self.rect(x - 1.8, y - 1.8, 3.6, 3.6, ACCENT);
            }
        }
        let mut y = base + xlab_h + extra_lines + 10.0;
        let cap = normalise(&c.x_label);
        if !cap.is_empty() {
            let w = self.width(&cap, 7.2, false);
            self.text(left + (right - left - w) / 2.0, y, 7.2, false, MUTED, &cap);
        }
        for line in &xl.legend {
            y += 10.0;
            self.text(MARGIN_X, y, 7.2, false, MUTED, line);
        }
        self.y = base + xlab_h + extra_lines + caption_h + legend_h + 14.0;
    }

    // ---- running header and footer -------------------------------------------

    fn furniture(&mut self, doc: &Document, clock: &dyn Clock) {
        let total = self.pages.len();
        let lang = self.lang;
        let prepared = tf(lang, "prepared_on", &[("date", &i18n::date(lang, clock.today()))]);
        let left_footer = normalise(&format!("{} · {}", prepared, doc.author));
        let title = normalise(&doc.title);
        let org = normalise(&doc.organisation);
        let saved_y = self.y;
        // Draw into each page by temporarily making it the last one.
        let mut pages = std::mem::take(&mut self.pages);
        for (i, page) in pages.iter_mut().enumerate() {
            self.pages = vec![std::mem::take(page)];
            let footer_y = PAGE_H - 36.0;
            self.hline(MARGIN_X, MARGIN_X + CONTENT_W, footer_y - 12.0, 0.5, RULE);
            let max_left = CONTENT_W - 90.0;
            let lf = self.fit(&left_footer, 7.5, max_left);
            self.text(MARGIN_X, footer_y, 7.5, false, MUTED, &lf);
            let pg = tf(lang, "page_x_of_y", &[("x", &(i + 1).to_string()), ("y", &total.to_string())]);
            self.text_right(MARGIN_X + CONTENT_W, footer_y, 7.5, false, MUTED, &pg);
            if i > 0 {
                let o = self.fit(&org, 7.5, CONTENT_W * 0.45);
                self.text(MARGIN_X, 40.0, 7.5, true, ACCENT, &o);
                let tt = self.fit(&title, 7.5, CONTENT_W * 0.5);
                self.text_right(MARGIN_X + CONTENT_W, 40.0, 7.5, false, MUTED, &tt);
                self.hline(MARGIN_X, MARGIN_X + CONTENT_W, 47.0, 0.5, RULE);
            }
            *page = self.pages.pop().expect("the page");
        }
        self.pages = pages;
        self.y = saved_y;
    }

    /// A single line shortened with "…" to fit `width` (running header/footer only;
    /// the full text is on page 1).
    fn fit(&self, s: &str, size: f32, width: f32) -> String {
        if self.width(s, size, false) <= width {
            return s.to_string();
        }
        let mut out = String::new();
        for c in s.chars() {
            out.push(c);
            if self.width(&out, size, false) + self.width("…", size, false) > width {
                out.pop();
                break;
            }
        }
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(0.75), 1.0);
        assert_eq!(nice_step(3.2), 5.0);
        assert_eq!(nice_step(12.0), 20.0);
        assert_eq!(nice_step(2500.0), 5000.0);
        assert_eq!(nice_step(0.0), 1.0);
    }
}
