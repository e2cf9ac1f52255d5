//! Writes laid-out pages as PDF with printpdf: graphics first, then one text
//! section per page; fonts embedded and subset; metadata from the clock.

use super::fonts::{Run, fonts, runs};
use super::layout::{Draw, Laid, PAGE_H, PAGE_W, Rgb};
use super::{Document, normalise};
use crate::clock::Clock;
use crate::error::{Error, Result};
use printpdf::{
    Color, DictItem, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect,
    TextItem, TextMatrix,
};

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r: c.0, g: c.1, b: c.2, icc_profile: None })
}

fn date(clock: &dyn Clock) -> printpdf::OffsetDateTime {
    printpdf::OffsetDateTime::from_unix_timestamp(clock.now().timestamp())
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("the epoch"))
}

fn pt_to_mm(p: f32) -> Mm {
    Mm(p * 25.4 / 72.0)
}

pub(crate) fn write_pdf(doc: &Document, laid: &Laid, clock: &dyn Clock, warnings: &mut Vec<String>) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&normalise(&doc.title));
    let now = date(clock);
    {
        let info = &mut pdf.metadata.info;
        info.author = normalise(&doc.author);
        info.creator = "Conveyor".into();
        info.producer = "Conveyor (printpdf 0.12)".into();
        info.subject = normalise(doc.subtitle.as_deref().unwrap_or(&doc.title));
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;
    }
    let f = fonts();
    let regular = pdf.add_font(&f.regular.parsed);
    let bold = pdf.add_font(&f.bold.parsed);

    let pages: Vec<PdfPage> = laid.pages.iter().map(|draws| page(draws, &regular, &bold)).collect();
    pdf.with_pages(pages);
    // An outline (bookmarks) of the level-1 headings for long documents.
    if doc.toc {
        for (title, page) in &laid.outline {
            pdf.add_bookmark(title, page + 1);
        }
    }
    let mut msgs = Vec::new();
    let bytes = pdf.save(&PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None }, &mut msgs);
    for m in msgs {
        if m.severity == PdfParseErrorSeverity::Error {
            warnings.push(format!("PDF writer: {}", m.msg));
        }
    }
    if bytes.is_empty() {
        return Err(Error::internal("The PDF writer produced an empty file."));
    }
    Ok(bytes)
}

/// `<< /ActualText <FEFF…> >>`: the text as UTF-16BE with its byte-order mark.
fn actual_text(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        data.extend_from_slice(&u.to_be_bytes());
    }
    DictItem::Dict { map: [("ActualText".to_string(), DictItem::String { data, literal: false })].into_iter().collect() }
}

fn page(draws: &[Draw], regular: &FontId, bold: &FontId) -> PdfPage {
    let flip = |y: f32| Pt(PAGE_H - y);
    let mut ops = Vec::with_capacity(draws.len() * 2 + 8);
    let mut fill: Option<Rgb> = None;
    // Graphics underneath…
    for d in draws {
        match d {
            Draw::Rect { x, y, w, h, color: c } => {
                if fill != Some(*c) {
                    ops.push(Op::SetFillColor { col: color(*c) });
                    fill = Some(*c);
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect { x: Pt(*x), y: flip(y + h), width: Pt(*w), height: Pt(*h), mode: Some(PaintMode::Fill), winding_order: None },
                });
            }
            Draw::Line { points, width, color: c } => {
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: points.iter().map(|(x, y)| LinePoint { p: Point { x: Pt(*x), y: flip(*y) }, bezier: false }).collect(),
                        is_closed: false,
                    },
                });
            }
            Draw::Text { .. } => {}
        }
    }
    // …then all text on top, in one text section.
    ops.push(Op::StartTextSection);
    let mut font: Option<(bool, f32)> = None;
    fill = None;
    for d in draws {
        if let Draw::Text { x, y, size, bold: b, color: c, text } = d {
            if font != Some((*b, *size)) {
                let id = if *b { bold } else { regular };
                ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(*size) });
                font = Some((*b, *size));
            }
            if fill != Some(*c) {
                ops.push(Op::SetFillColor { col: color(*c) });
                fill = Some(*c);
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), flip(*y)) });
            for run in runs(fonts().face(*b), text) {
                match run {
                    Run::Plain(t) => ops.push(Op::ShowText { items: vec![TextItem::Text(t)] }),
                    // A character the font lacks: its stand-in prints, and the
                    // character itself is the span's /ActualText, which copy,
                    // search and text extraction use.
                    Run::Stand { shown, actual } => {
                        ops.push(Op::BeginMarkedContentWithProperties { tag: "Span".into(), properties: actual_text(&actual) });
                        if !shown.is_empty() {
                            ops.push(Op::ShowText { items: vec![TextItem::Text(shown)] });
                        }
                        ops.push(Op::EndMarkedContent);
                    }
                }
            }
        }
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(pt_to_mm(PAGE_W), pt_to_mm(PAGE_H), ops)
}
