//! Engine tests through the real tools: `qpdf --check` and `pdftotext`
//! (poppler-utils). They fail, not skip, when the tools are missing.

use super::*;
use crate::clock::{Clock, FixedClock};
use crate::model::Lang;
use std::path::{Path, PathBuf};
use std::process::Command;

fn clock() -> FixedClock {
    FixedClock::at("2026-11-24T09:00:00+01:00")
}

/// Runs a tool of poppler-utils/qpdf, failing with a clear message if absent.
fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("`{name}` is needed by the PDF tests ({e}). Install it: apt-get install poppler-utils qpdf (./dev setup does)."))
}

fn write_tmp(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// `qpdf --check` passes and `pdftotext -layout` gives the text (pages split by \x0c).
fn check_and_extract(bytes: &[u8]) -> String {
    extract(bytes, false)
}

fn extract(bytes: &[u8], layout: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_tmp(dir.path(), "t.pdf", bytes);
    let p = pdf.to_str().unwrap();
    let out = tool("qpdf", &["--check", p]);
    let msg = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "qpdf --check failed:\n{msg}");
    assert!(!msg.to_lowercase().contains("warning"), "qpdf warnings:\n{msg}");
    let mut args = vec!["-enc", "UTF-8", p, "-"];
    if layout {
        args.insert(0, "-layout");
    }
    let out = tool("pdftotext", &args);
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

fn pages_of(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text.split('\x0c').collect();
    if v.last().is_some_and(|s| s.trim().is_empty()) {
        v.pop();
    }
    v
}

/// Asserts that `needles` appear in `hay` in this order.
fn assert_in_order(hay: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        match hay[at..].find(n) {
            Some(i) => at += i + n.len(),
            None => panic!("“{n}” not found (in order) after byte {at} in:\n{hay}"),
        }
    }
}

#[test]
fn unicode_round_trips_through_pdftotext() {
    let samples = [
        "Здравствуйте, коллеги! Съешь же ещё этих мягких французских булок.",
        "Здравейте, благодаря",
        "Γιώργος Παπαδόπουλος",
        "Szőke Ödön, Győr",
        "Crème brûlée — 1 234,56 ₽ · €1,234.56 · №5 «ёлка»",
    ];
    let mut doc = Document::new(Lang::Ru, "Проверка шрифтов", "Тест");
    for s in samples {
        doc.push(Block::para(s));
    }
    // The bold face too: headings and table headers.
    doc.push(Block::h1("Γιώργος Παπαδόπουλος"));
    doc.push(Block::Table(Table {
        columns: vec![Column::left("Szőke Ödön, Győr"), Column::right("Здравейте, благодаря")],
        rows: vec![Row::styled(RowStyle::Total, vec!["Ωραία".into(), "Őrült".into()])],
    }));
    // Decomposed input (e + combining acute) must come out composed (NFC).
    doc.push(Block::para("Cafe\u{301} Go\u{308}del"));
    let out = render(&doc, &clock()).unwrap();
    assert!(out.missing_glyphs.is_empty(), "{:?}", out.missing_glyphs);
    let text = check_and_extract(&out.bytes);
    for s in samples {
        assert!(text.contains(s), "“{s}” did not round-trip:\n{text}");
    }
    assert!(text.contains("Café Gödel"), "NFC: {text}");
    for s in ["Ωραία", "Őrült"] {
        assert!(text.contains(s), "bold “{s}”:\n{text}");
    }
    assert_eq!(text.matches("Γιώργος Παπαδόπουλος").count(), 2, "paragraph and heading");
}

#[test]
fn missing_glyphs_are_reported_and_strict_mode_refuses() {
    let mut doc = Document::new(Lang::En, "Glyphs", "Test");
    doc.push(Block::para("Tokyo 東京 and a smile 😀"));
    let out = render(&doc, &clock()).unwrap();
    assert_eq!(out.missing_glyphs, vec!['東', '京', '😀']);
    assert!(out.warnings.iter().any(|w| w.contains("U+6771")), "{:?}", out.warnings);
    let err = render_with(&doc, &clock(), RenderOptions { strict: true }).unwrap_err();
    assert_eq!(err.code, crate::error::ErrorCode::Validation);
    assert_eq!(err.field.as_deref(), Some("text"));
}

#[test]
fn metadata_has_title_author_and_the_clock_s_dates() {
    let mut doc = Document::new(Lang::En, "Quarterly plan", "OfficeLine");
    doc.author = "Alex Morgan".into();
    doc.push(Block::para("Hello."));
    let out = render(&doc, &clock()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_tmp(dir.path(), "m.pdf", &out.bytes);
    let info = tool("pdfinfo", &["-isodates", pdf.to_str().unwrap()]);
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Title:") && info.contains("Quarterly plan"), "{info}");
    assert!(info.contains("Alex Morgan"), "{info}");
    assert!(info.contains("2026-11-24"), "dates from the clock: {info}");
    assert!(!info.contains("1970"), "{info}");
    assert!(info.contains("A4") || info.contains("595.28 x 841.89") || info.contains("595.276"), "{info}");
}

fn long_table(rows: usize) -> Table {
    Table {
        columns: vec![Column::left("Date"), Column::left("Contact"), Column::left("Outcome"), Column::right("Minutes")],
        rows: (0..rows)
            .map(|i| {
                Row::new(vec![
                    format!("2026-11-{:02}", i % 28 + 1),
                    format!("Contact number {i}"),
                    "Interested, call back in a week".into(),
                    format!("{}", i % 15 + 1),
                ])
            })
            .collect(),
    }
}

#[test]
fn table_header_repeats_after_every_page_break_and_footer_counts_pages() {
    let mut doc = Document::new(Lang::En, "Long table", "Test");
    doc.push(Block::h1("Calls"));
    doc.push(Block::Table(long_table(150)));
    doc.push(Block::para("The end."));
    let out = render(&doc, &clock()).unwrap();
    let text = check_and_extract(&out.bytes);
    let pages = pages_of(&text);
    assert_eq!(pages.len(), out.pages);
    assert!(out.pages >= 3, "150 rows take several pages, got {}", out.pages);
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("Outcome"), "page {} lacks the table header:\n{p}", i + 1);
        assert!(p.contains(&format!("Page {} of {}", i + 1, out.pages)), "page {} footer:\n{p}", i + 1);
    }
    assert_in_order(&text, &["Long table", "Calls", "Contact number 0", "Contact number 149", "The end."]);
    // No row is lost or repeated.
    for i in 0..150 {
        assert_eq!(text.matches(&format!("Contact number {i}\n")).count() + text.matches(&format!("Contact number {i} ")).count(), 1, "row {i}");
    }
}

#[test]
fn long_words_break_and_long_paragraphs_paginate() {
    let word = "Donaudampfschifffahrtsgesellschaftskapitänswitwe".repeat(4);
    let mut doc = Document::new(Lang::En, "Long words", "Test");
    doc.push(Block::para(format!("Before {word} after.")));
    doc.push(Block::Table(Table { columns: vec![Column::left("Key"), Column::left("Value")], rows: vec![Row::new(vec!["k".into(), word.clone()])] }));
    let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(400);
    doc.push(Block::para(para));
    let out = render(&doc, &clock()).unwrap();
    assert!(out.pages >= 4, "got {} pages", out.pages);
    let text = check_and_extract(&out.bytes);
    // The word is cut into lines, but every character is still there.
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains(&format!("Before{word}after.")), "the long word survives whole");
    assert_inside_margins(&doc);
}

/// Nothing is drawn outside the page's margins, and no text runs into the
/// next table cell: every text's box stays within the content area.
fn assert_inside_margins(doc: &Document) {
    let laid = layout::lay_out(doc, &clock()).unwrap();
    for (n, page) in laid.pages.iter().enumerate() {
        for d in page {
            if let layout::Draw::Text { x, y, size, bold, text, .. } = d {
                let w = fonts::fonts().face(*bold).width(text, *size);
                assert!(*x >= 56.0 && x + w <= layout::PAGE_W - 56.0, "page {}: “{text}” runs outside the margins", n + 1);
                assert!(*y > 30.0 && *y < layout::PAGE_H - 30.0, "page {}: “{text}” is off the page", n + 1);
            }
        }
    }
}

#[test]
fn contents_list_headings_with_their_page_numbers() {
    let mut doc = Document::new(Lang::Ru, "Регламент", "Тест");
    doc.toc = true;
    let filler = "Текст раздела для проверки оглавления. ".repeat(120);
    for i in 1..=4 {
        doc.push(Block::h1(format!("Раздел {i}")));
        doc.push(Block::para(filler.clone()));
        doc.push(Block::h2(format!("Подраздел {i}.1")));
        doc.push(Block::para("Короткий абзац."));
    }
    let out = render(&doc, &clock()).unwrap();
    if let Some(dir) = std::env::var_os("CONVEYOR_PDF_OUT") {
        std::fs::write(Path::new(&dir).join("contents-ru.pdf"), &out.bytes).unwrap();
    }
    let text = extract(&out.bytes, true);
    let pages = pages_of(&text);
    assert!(pages[0].contains("Содержание"));
    for i in 1..=4 {
        let title = format!("Раздел {i}");
        // The page the contents name is the page the heading is on.
        let line = pages[0].lines().find(|l| l.contains(&title)).expect("in the contents");
        let n: usize = line.split_whitespace().last().unwrap().parse().expect("a page number");
        assert!(pages[n - 1].contains(&title), "{title} is not on page {n}");
    }
    assert!(pages[0].contains("Страница 1 из"), "translated footer");
    // qpdf sees the outline: one bookmark per section.
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_tmp(dir.path(), "toc.pdf", &out.bytes);
    let json = tool("qpdf", &["--json", "--json-key=outlines", pdf.to_str().unwrap()]);
    let json = String::from_utf8_lossy(&json.stdout);
    for i in 1..=4 {
        assert!(json.contains(&format!("Раздел {i}")), "bookmark {i}: {json}");
    }
}

#[test]
fn charts_lists_and_key_values_render() {
    let mut doc = Document::new(Lang::En, "Charts", "Test");
    doc.push(Block::KeyValue(vec![("Client".into(), "Northwind".into()), ("City".into(), "Leeds".into())]));
    doc.push(Block::Bullets(vec!["First point".into(), "Second point".into()]));
    for kind in [ChartKind::Bar, ChartKind::Line] {
        doc.push(Block::Chart(Chart {
            kind,
            title: format!("{kind:?} chart"),
            labels: (1..=12).map(|m| format!("M{m}")).collect(),
            values: (1..=12).map(|m| (m * 7 % 11) as f64 * 1000.0).collect(),
            value_labels: (1..=12).map(|m| format!("{}k", m * 7 % 11)).collect(),
            x_label: "month".into(),
            y_label: "EUR".into(),
            y_format: |lang, v| i18n::int(lang, v as i64),
        }));
    }
    let out = render(&doc, &clock()).unwrap();
    let text = check_and_extract(&out.bytes);
    assert_in_order(&text, &["Client", "Northwind", "First point", "Second point", "Bar chart", "M1", "Line chart", "M12"]);
    assert!(text.contains("10,000"), "y ticks: {text}");
}

#[test]
fn a_three_page_document_is_small() {
    let mut doc = Document::new(Lang::Ru, "Профиль клиента", "ОфисЛайн");
    doc.push(Block::h1("Заказы"));
    doc.push(Block::Table(long_table(90)));
    doc.push(Block::para("Γιώργος Παπαδόπουλος, Szőke Ödön, Здравейте."));
    let out = render(&doc, &clock()).unwrap();
    assert_eq!(out.pages, 3);
    assert!(out.bytes.len() < 100_000, "3 pages take {} bytes", out.bytes.len());
    assert!(out.bytes.len() < 60_000, "fonts are subset: {} bytes", out.bytes.len());
}

/// Writes the demo documents to $CONVEYOR_PDF_OUT for a look (not a check).
#[test]
fn demo_documents_render_in_both_languages() {
    use crate::demo::{DemoSpec, generate};
    use crate::usecases::documents::{self, CallRegisterRequest, ProfileRequest};
    use chrono::Duration;
    for lang in [Lang::En, Lang::Ru] {
        let mut s = crate::store::testing::store();
        generate(&mut s, &clock(), &DemoSpec { lang, contacts: 300, activities: 2000, seed: 42 }).unwrap();
        let company: i64 =
            s.conn().query_row("SELECT company_id FROM orders GROUP BY company_id ORDER BY count(*) DESC, company_id LIMIT 1", [], |r| r.get(0)).unwrap();
        let profile = documents::client_profile(&s, &clock(), &ProfileRequest { company_id: company, lang: Some(lang) }).unwrap();
        let today = clock().today();
        let calls =
            documents::call_register(&s, &clock(), &CallRegisterRequest { from: today - Duration::days(13), to: today, person_id: None, lang: Some(lang) })
                .unwrap();
        assert_inside_margins(&crate::pdf::docs::profile::build(&s, today, company, lang).unwrap());
        assert_inside_margins(&crate::pdf::docs::calls::build(&s, today - Duration::days(13), today, None, lang).unwrap());
        for (name, d) in [("profile", &profile), ("calls", &calls)] {
            assert!(d.missing_glyphs.is_empty(), "{name} {lang}: {:?}", d.missing_glyphs);
            let text = check_and_extract(&d.bytes);
            assert_eq!(pages_of(&text).len(), d.pages);
            if let Some(dir) = std::env::var_os("CONVEYOR_PDF_OUT") {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(Path::new(&dir).join(format!("{name}-{lang}.pdf")), &d.bytes).unwrap();
            }
        }
    }
}

#[test]
fn a_table_header_never_stays_alone_at_the_bottom_of_a_page() {
    // Fill a page almost to the bottom, then start a table whose first row is tall.
    for filler in 30..46 {
        let mut doc = Document::new(Lang::En, "Orphans", "Test");
        for i in 0..filler {
            doc.push(Block::para(format!("Filler line {i}.")));
        }
        let tall = "A first cell long enough to wrap over several lines of the narrow column, and then some more words to make it tall.";
        doc.push(Block::Table(Table {
            columns: vec![Column::left("Rulehead"), Column::left("Whenhead")],
            rows: vec![Row::new(vec![tall.into(), "Firstrow end".into()]), Row::new(vec!["x".into(), "y".into()])],
        }));
        let out = render(&doc, &clock()).unwrap();
        let text = check_and_extract(&out.bytes);
        for (i, page) in pages_of(&text).iter().enumerate() {
            if page.contains("Rulehead") {
                assert!(page.contains("Firstrow end"), "filler {filler}: page {} has the header without the first row:\n{page}", i + 1);
            }
        }
    }
}

/// The regulation book of the demo: every role's chapter with its sections in
/// order, every block of the hunter's script and every objection answer, in
/// both languages; the one-role book is a part of the whole.
#[test]
fn the_regulation_book_prints_every_role_script_block_and_answer() {
    use crate::demo::{DemoSpec, generate};
    use crate::model::Role;
    use crate::pdf::docs::book;
    for lang in [Lang::En, Lang::Ru] {
        let init = crate::store::meta::NewWorkspace::new("Book Ltd", lang, "EUR").with_template("generic-b2b");
        let mut s = crate::usecases::workspace::in_memory(&clock(), &init).unwrap();
        generate(&mut s, &clock(), &DemoSpec { lang, contacts: 60, activities: 200, seed: 7 }).unwrap();
        let data = book::load(&s).unwrap();
        let all = render(&book::build(&data, None, lang), &clock()).unwrap();
        assert!(all.missing_glyphs.is_empty(), "{lang}: {:?}", all.missing_glyphs);
        assert_inside_margins(&book::build(&data, None, lang));
        let text = check_and_extract(&all.bytes).replace('\n', " ");
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = squash(&text);
        assert_eq!(pages_of(&check_and_extract(&all.bytes)).len(), all.pages);
        assert!(all.pages >= 8, "{lang}: {} pages", all.pages);
        let t = |k: &str| crate::pdf::i18n::t(lang, k).to_string();
        assert_in_order(
            &text,
            &[
                &t("book.title_all"),
                &t("contents"),
                &t("book.role.hunter"),
                &t("book.duties"),
                &t("book.scripts"),
                &t("book.regulations"),
                &t("book.kpis"),
                &t("book.role.closer"),
                &t("book.role.account_manager"),
                &t("book.role.head_of_sales"),
            ],
        );
        let hunter_script = data.scripts.iter().find(|x| x.stage == crate::model::Stage::LeadGeneration).unwrap();
        let titles: Vec<String> = hunter_script.body.blocks.iter().enumerate().map(|(i, b)| squash(&format!("{}. {}", i + 1, b.title))).collect();
        assert_in_order(&text, &titles.iter().map(String::as_str).collect::<Vec<_>>());
        for o in &hunter_script.body.objections {
            for a in &o.answers {
                let words: Vec<&str> = a.split_whitespace().filter(|w| !w.contains('*')).take(6).collect();
                assert!(text.contains(&words.join(" ")), "{lang}: answer “{a}” missing");
            }
        }
        let hunter = render(&book::build(&data, Some(Role::Hunter), lang), &clock()).unwrap();
        let htext = squash(&check_and_extract(&hunter.bytes).replace('\n', " "));
        assert!(hunter.pages < all.pages);
        assert!(htext.contains(&t("book.role.hunter")) && !htext.contains(&format!("{} — ", t("book.role.closer"))));
    }
}

/// A client note typed with CJK, emoji, arrows and a flag: it prints inside
/// the margins (each missing character takes its stand-in's width, so lines
/// wrap at the margin) and every character is still in the text layer.
#[test]
fn cjk_and_emoji_in_a_note_wrap_inside_the_margins_and_stay_in_the_text() {
    let note = "王先生は東京の会議で新しい注文について話しました 👍🏽 → 来週もう一度電話します。".repeat(4);
    let mut doc = Document::new(Lang::En, "Client profile — 東京 Trading 😀", "Test");
    doc.push(Block::KeyValue(vec![("Notes".into(), note.clone())]));
    doc.push(Block::para(format!("Paragraph: {note}")));
    doc.push(Block::Table(Table {
        columns: vec![Column::left("Subject"), Column::left("Outcome")],
        rows: vec![Row::new(vec!["電話 ☎ 😀".into(), note.clone()])],
    }));
    assert_inside_margins(&doc);
    let out = render(&doc, &clock()).unwrap();
    assert!(out.missing_glyphs.contains(&'王') && out.missing_glyphs.contains(&'👍'), "{:?}", out.missing_glyphs);
    let text = check_and_extract(&out.bytes);
    let joined: String = text.split_whitespace().collect();
    let want: String = note.split_whitespace().collect();
    // Key-value, paragraph and table cell: three copies, wrapped, all there.
    assert!(joined.matches(&want).count() >= 3, "the note's text is extractable whole:\n{text}");
    assert!(text.contains("東京 Trading 😀"), "the title keeps its characters:\n{text}");
    // What prints is a box for CJK/emoji and an ASCII arrow, never nothing.
    let laid = layout::lay_out(&doc, &clock()).unwrap();
    let shown: String = laid.pages.iter().flatten().filter_map(|d| if let layout::Draw::Text { text, .. } = d { Some(text.as_str()) } else { None }).collect();
    assert!(shown.contains('王'), "the layout keeps the text; the writer swaps in stand-ins");
}

fn table_rows_per_page(text: &str, marker: &str) -> Vec<Vec<String>> {
    pages_of(text).iter().map(|p| p.lines().filter(|l| l.contains(marker)).map(|l| l.trim().to_string()).collect()).collect()
}

/// A table never leaves one row alone on a page (first or last) and a
/// subtotal never opens a page away from its rows, wherever the breaks fall.
#[test]
fn tables_keep_two_rows_together_and_never_orphan_a_subtotal() {
    for filler in 0..40 {
        let mut doc = Document::new(Lang::En, "Register", "Test");
        for i in 0..filler {
            doc.push(Block::para(format!("Filler line {i}.")));
        }
        let mut rows = vec![];
        for day in 1..=14 {
            for k in 1..=3 {
                rows.push(Row::new(vec![format!("Rowday{day} call{k}"), "10".into()]));
            }
            rows.push(Row::styled(RowStyle::Subtotal, vec![format!("Rowday{day} subtotal"), "30".into()]));
        }
        rows.push(Row::styled(RowStyle::Total, vec!["Rowtotal".into(), "420".into()]));
        doc.push(Block::Table(Table { columns: vec![Column::left("What"), Column::right("Minutes")], rows }));
        let out = render(&doc, &clock()).unwrap();
        let text = check_and_extract(&out.bytes);
        let per_page: Vec<Vec<String>> = table_rows_per_page(&text, "Row").into_iter().filter(|p| !p.is_empty()).collect();
        for (i, p) in per_page.iter().enumerate() {
            assert!(p.len() >= 2, "filler {filler}: page {} holds one row of the table: {p:?}", i + 1);
            if i > 0 {
                assert!(!p[0].contains("subtotal") && !p[0].contains("Rowtotal"), "filler {filler}: page {} opens with a subtotal: {p:?}", i + 1);
            }
        }
        assert_eq!(per_page.iter().map(Vec::len).sum::<usize>(), 14 * 4 + 1, "filler {filler}: every row printed once");
    }
}

/// Bar charts name every bar (wrapped, smaller, or numbered with a legend)
/// and print every value or none.
#[test]
fn bar_charts_label_every_bar_or_none() {
    let names = ["Cold call", "Reached the decision maker", "Qualified lead", "Needs analysis meeting", "Offer sent", "Negotiation", "Won", "Handed over"];
    for n in [5usize, 8] {
        let mut doc = Document::new(Lang::En, "Funnel", "Test");
        doc.push(Block::Chart(Chart {
            kind: ChartKind::Bar,
            title: "Deals that reached each step".into(),
            labels: names[..n].iter().map(|s| s.to_string()).collect(),
            values: (0..n).map(|i| (1000 / (i + 1)) as f64).collect(),
            value_labels: (0..n).map(|i| i18n::int(Lang::En, (1000 / (i + 1)) as i64)).collect(),
            x_label: String::new(),
            y_label: String::new(),
            y_format: |lang, v| i18n::int(lang, v as i64),
        }));
        let out = render(&doc, &clock()).unwrap();
        let text = check_and_extract(&out.bytes);
        let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, name) in names[..n].iter().enumerate() {
            let words: String = name.split_whitespace().collect();
            let squashed: String = joined.split_whitespace().collect();
            assert!(squashed.contains(&words), "{n} bars: “{name}” is not printed:\n{text}");
            assert!(text.contains(&i18n::int(Lang::En, (1000 / (i + 1)) as i64)), "{n} bars: value of bar {}", i + 1);
        }
        assert_inside_margins(&doc);
    }
}

/// The real client profile, in English and Russian, of a client whose notes
/// and call outcome were typed with CJK and emoji: every line stays inside
/// the margins and the text layer holds the notes whole.
#[test]
fn a_client_profile_with_cjk_and_emoji_notes_prints_inside_the_margins_in_both_languages() {
    use crate::model::{ActivityKind, CompanyInput, ContactInput};
    use crate::usecases::documents::{self, ProfileRequest};
    use crate::usecases::{crm, pipeline};
    let note = "王先生は東京の会議で新しい注文について話しました 👍🏽 → 来週もう一度電話します 🇯🇵。".repeat(3);
    for lang in [Lang::En, Lang::Ru] {
        let mut s = crate::store::testing::store();
        let co =
            crm::create_company(&mut s, &clock(), &CompanyInput { name: "東京 Trading 😀".into(), notes: Some(note.clone()), ..Default::default() }).unwrap();
        let ct = crm::create_contact(
            &mut s,
            &clock(),
            &ContactInput { company_id: Some(co.id), first_name: "王".into(), last_name: "Wang".into(), notes: Some(note.clone()), ..Default::default() },
        )
        .unwrap();
        let call = pipeline::LogInput {
            kind: ActivityKind::Call,
            deal_id: None,
            contact_id: Some(ct.id),
            company_id: Some(co.id),
            subject: Some("電話 ☎".into()),
            outcome: Some(note.clone()),
            duration_min: Some(12),
            notes: None,
            next_step: None,
            next_step_date: None,
        };
        pipeline::log_activity(&mut s, &clock(), &call).unwrap();
        assert_inside_margins(&crate::pdf::docs::profile::build(&s, clock().today(), co.id, lang).unwrap());
        let d = documents::client_profile(&s, &clock(), &ProfileRequest { company_id: co.id, lang: Some(lang) }).unwrap();
        assert!(d.missing_glyphs.contains(&'王') && d.missing_glyphs.contains(&'👍'), "{lang:?}: reported {:?}", d.missing_glyphs);
        let text = check_and_extract(&d.bytes);
        let joined: String = text.split_whitespace().collect();
        let want: String = note.split_whitespace().collect();
        assert!(joined.matches(&want).count() >= 2, "{lang:?}: the notes are extractable whole:\n{text}");
        assert!(text.contains("東京 Trading 😀"), "{lang:?}: the name keeps its characters");
    }
}

#[test]
fn the_profile_prints_the_addresses_of_the_company_and_its_contacts() {
    use crate::address::{AddressInput, AddressKind, AddressOwner};
    use crate::model::{CompanyInput, ContactInput};
    use crate::usecases::{addresses, crm, documents};
    for (lang, kind) in [(Lang::En, "Delivery"), (Lang::Ru, "Доставка")] {
        let mut s = crate::store::testing::store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Северный склад".into(), ..Default::default() }).unwrap();
        let ct = crm::create_contact(&mut s, &clock(), &ContactInput { company_id: Some(co.id), first_name: "Ольга".into(), ..Default::default() }).unwrap();
        let a = AddressInput {
            street: "Складской пр., 7".into(),
            city: "Санкт-Петербург".into(),
            postcode: "194100".into(),
            ..AddressInput::new(AddressKind::Delivery)
        };
        addresses::save_addresses(&mut s, &clock(), AddressOwner::Company(co.id), &[a]).unwrap();
        let h = AddressInput { street: "ул. Лесная, 3".into(), city: "Пушкин".into(), ..AddressInput::new(AddressKind::Home) };
        addresses::save_addresses(&mut s, &clock(), AddressOwner::Contact(ct.id), &[h]).unwrap();
        let d = documents::client_profile(&s, &clock(), &documents::ProfileRequest { company_id: co.id, lang: Some(lang) }).unwrap();
        let text = check_and_extract(&d.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&format!("{kind} Складской пр., 7, 194100 Санкт-Петербург")), "{lang}: {text}");
        assert!(text.contains("Ольга") && text.contains("ул. Лесная, 3, Пушкин"), "{lang}: {text}");
    }
}

#[test]
fn the_profile_prints_the_companys_size_revenue_parent_tags_and_custom_fields() {
    use crate::model::{ClientKind, CompanyInput, FieldKind};
    use crate::usecases::custom_fields::{FieldInput, ValueInput, define_field, set_values};
    use crate::usecases::{crm, documents, tags};
    for (lang, employees, revenue, parent, tag_label) in [
        (Lang::En, "Employees 1,200", "Yearly revenue €4,500,000", "Part of Northwind Holdings", "Tags"),
        (Lang::Ru, "Сотрудников 1 200", "Годовая выручка", "Входит в Northwind Holdings", "Теги"),
    ] {
        let mut s = crate::store::testing::store();
        let input = CompanyInput { name: "Northwind Freight".into(), employees: Some(1200), revenue_minor: Some(450_000_000), ..Default::default() };
        let co = crm::create_company(&mut s, &clock(), &input).unwrap();
        crm::set_company_parent(&mut s, &clock(), co.id, Some("Northwind Holdings")).unwrap();
        tags::add_tag(&mut s, &clock(), ClientKind::Company, &[co.id], "Key account").unwrap();
        let f = define_field(
            &mut s,
            &clock(),
            &FieldInput { entity: ClientKind::Company, label: "Framework contract".into(), key: None, kind: FieldKind::Text, choices: vec![] },
        )
        .unwrap();
        set_values(&mut s, &clock(), ClientKind::Company, co.id, &[ValueInput { field_id: f.id, value: "FC-2026/17".into() }]).unwrap();
        let d = documents::client_profile(&s, &clock(), &documents::ProfileRequest { company_id: co.id, lang: Some(lang) }).unwrap();
        let text = check_and_extract(&d.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
        for want in [employees, revenue, parent, "Framework contract FC-2026/17"] {
            assert!(text.contains(want), "{lang}: “{want}” in\n{text}");
        }
        assert!(text.contains(&format!("{tag_label} Key account")), "{lang}: the company's tags\n{text}");
    }
}
