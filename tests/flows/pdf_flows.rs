//! PDF documents through the real `conveyor` binary, checked with qpdf and
//! pdftotext (poppler-utils). Missing tools fail the test with a clear message.

use conveyor_core::{FixedClock, Store};
use conveyor_flow_tests::{conveyor, stderr, stdout};
use std::path::Path;
use std::process::Command;

fn clock() -> FixedClock {
    FixedClock::at("2026-11-24T09:00:00+00:00")
}

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("`{name}` is needed by the PDF flow tests ({e}). Install poppler-utils and qpdf (./dev setup does)."))
}

/// qpdf --check passes; returns pdftotext's text (pages split by form feeds).
fn checked_text(pdf: &Path) -> String {
    let p = pdf.to_str().unwrap();
    let out = tool("qpdf", &["--check", p]);
    assert!(out.status.success(), "qpdf --check {p}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let out = tool("pdftotext", &["-enc", "UTF-8", p, "-"]);
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn pages(text: &str) -> Vec<&str> {
    text.split('\x0c').filter(|p| !p.trim().is_empty()).collect()
}

fn assert_in_order(hay: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        match hay[at..].find(n) {
            Some(i) => at += i + n.len(),
            None => panic!("“{n}” not found in order (after byte {at}) in:\n{hay}"),
        }
    }
}

/// A demo company with open deals and orders, and its name.
fn busy_company(file: &Path) -> (i64, String) {
    let s = Store::open(file, &clock()).unwrap();
    s.conn()
        .query_row(
            "SELECT c.id, c.name FROM companies c
             WHERE EXISTS (SELECT 1 FROM deals d WHERE d.company_id = c.id AND d.status = 'open')
               AND EXISTS (SELECT 1 FROM orders o WHERE o.company_id = c.id)
             ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the demo has a client with open deals and orders")
}

fn demo(dir: &Path, lang: &str) -> std::path::PathBuf {
    let file = dir.join(format!("{lang}.conveyor"));
    let out = conveyor(&["demo", file.to_str().unwrap(), "--lang", lang, "--seed", "7"]);
    assert!(out.status.success(), "{}", stderr(&out));
    file
}

#[test]
fn client_profile_in_english_and_russian_reads_back_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, heads) in [
        ("en", ["Client profile", "Next step", "Company card", "Contacts", "Open deals", "Orders", "Activity history", "Page 1 of"]),
        (
            "ru",
            [
                "Профиль клиента",
                "Следующий шаг",
                "Карточка компании",
                "Контактные лица",
                "Открытые сделки",
                "Заказы",
                "История взаимодействия",
                "Страница 1 из",
            ],
        ),
    ] {
        let file = demo(dir.path(), lang);
        let (id, name) = busy_company(&file);
        let out_pdf = dir.path().join(format!("profile-{lang}.pdf"));
        // No --lang: the workspace's language.
        let out = conveyor(&["pdf", "profile", file.to_str().unwrap(), "--company", &id.to_string(), "--out", out_pdf.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out).contains("Wrote"), "{}", stdout(&out));
        assert!(stderr(&out).is_empty(), "no warnings: {}", stderr(&out));
        let text = checked_text(&out_pdf);
        let (footer, heads) = heads.split_last().unwrap();
        assert_in_order(&text, heads);
        assert!(pages(&text)[0].contains(footer), "translated footer “{footer}”");
        assert!(text.contains(&name), "the company's name: {name}");
        let size = std::fs::metadata(&out_pdf).unwrap().len();
        assert!(size < 100_000, "{size} bytes");
    }
}

#[test]
fn a_long_call_register_repeats_its_header_on_every_page_and_totals_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "en");
    let f = file.to_str().unwrap();
    let out_pdf = dir.path().join("calls.pdf");
    let out = conveyor(&["pdf", "calls", f, "--from", "2026-06-01", "--to", "2026-11-24", "--out", out_pdf.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = checked_text(&out_pdf);
    let pages = pages(&text);
    assert!(pages.len() > 5, "half a year of calls is long: {} pages", pages.len());
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("Next step") && p.contains("Duration"), "page {} lacks the table header", i + 1);
        assert!(p.contains(&format!("Page {} of {}", i + 1, pages.len())), "page {} footer", i + 1);
    }
    assert_in_order(&text, &["Call register", "1 Jun 2026 – 24 Nov 2026", "Summary", "Calls per week", "Calls by day", "Total"]);
    assert!(pages.last().unwrap().contains("Total"));

    // One person, in Russian, for two weeks.
    let ru = dir.path().join("calls-ru.pdf");
    let out = conveyor(&["pdf", "calls", f, "--from", "2026-11-10", "--to", "2026-11-23", "--person", "2", "--out", ru.to_str().unwrap(), "--lang", "ru"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = checked_text(&ru);
    assert_in_order(&text, &["Журнал звонков", "10.11.2026 – 23.11.2026", "Ben Carter", "Звонки по дням", "Итого"]);
    assert!(!text.contains("Chloe Hughes"), "only Ben's calls");
}

#[test]
fn bad_options_are_refused_naming_the_option_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "en");
    let f = file.to_str().unwrap();
    let out_pdf = dir.path().join("never.pdf");
    let o = out_pdf.to_str().unwrap();
    for (args, option) in [
        (vec!["pdf", "calls", f, "--from", "2026-02-30", "--to", "2026-03-01", "--out", o], "--from"),
        (vec!["pdf", "calls", f, "--from", "2026-03-01", "--to", "tomorrow", "--out", o], "--to"),
        (vec!["pdf", "calls", f, "--from", "2026-03-10", "--to", "2026-03-01", "--out", o], "--to"),
        (vec!["pdf", "calls", f, "--from", "2026-03-01", "--to", "2026-03-10", "--person", "99", "--out", o], "--person"),
        (vec!["pdf", "profile", f, "--company", "99999", "--out", o], "--company"),
        (vec!["pdf", "profile", f, "--company", "abc", "--out", o], "--company"),
        (vec!["pdf", "profile", f, "--company", "1", "--out", o, "--lang", "de"], "--lang"),
    ] {
        let out = conveyor(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(option), "{args:?} should name {option}: {}", stderr(&out));
        assert!(!out_pdf.exists(), "{args:?} wrote a file");
    }
    // A missing workspace is refused too, without writing.
    let out = conveyor(&["pdf", "profile", "/nonexistent/x.conveyor", "--company", "1", "--out", o]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_pdf.exists());
}

#[test]
fn characters_the_font_lacks_are_reported_not_dropped_silently() {
    use conveyor_core::model::CompanyInput;
    use conveyor_core::usecases::crm;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cjk.conveyor");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["new", f, "--name", "Trading Ltd"]).status.success());
    let id = {
        let mut s = Store::open(&file, &clock()).unwrap();
        let input = CompanyInput { name: "東京 Trading".into(), city: Some("Győr".into()), ..Default::default() };
        crm::create_company(&mut s, &clock(), &input).unwrap().id
    };
    let out_pdf = dir.path().join("cjk.pdf");
    let out = conveyor(&["pdf", "profile", f, "--company", &id.to_string(), "--out", out_pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("U+6771") && stderr(&out).contains("U+4EAC"), "warns about 東京: {}", stderr(&out));
    let text = checked_text(&out_pdf);
    assert!(text.contains("Győr"));
}

#[test]
fn the_sales_plan_reads_back_from_target_to_calls_per_day_with_its_months() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, headings) in [
        (
            "en",
            [
                "Sales plan",
                "Target",
                "Turnover target",
                "From the target to the daily work",
                "Calls",
                "First deals",
                "Calls per working day",
                "Month by month",
                "Dec 27",
                "Total",
                "Assumptions",
                "measured",
            ],
        ),
        (
            "ru",
            [
                "План продаж",
                "Цель",
                "Цель по обороту",
                "От цели к ежедневной работе",
                "Звонки",
                "Первые сделки",
                "Звонков в рабочий день",
                "По месяцам",
                "дек 27",
                "Итого",
                "Допущения",
                "измерено",
            ],
        ),
    ] {
        let file = demo(dir.path(), lang);
        let out_pdf = dir.path().join(format!("plan-{lang}.pdf"));
        let target = if lang == "ru" { "150000000" } else { "1500000" };
        let out = conveyor(&["pdf", "plan", file.to_str().unwrap(), "--period", "2027", "--turnover", target, "--out", out_pdf.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).is_empty(), "no missing glyphs or other warnings: {}", stderr(&out));
        let text = checked_text(&out_pdf);
        assert_in_order(&text, &headings);
        let size = std::fs::metadata(&out_pdf).unwrap().len();
        assert!(size < 100 * 1024, "a short plan stays small (fonts subset): {size} bytes");
    }
    let file = dir.path().join("en.conveyor");
    let bad =
        conveyor(&["pdf", "plan", file.to_str().unwrap(), "--period", "next year", "--turnover", "1", "--out", dir.path().join("x.pdf").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("--period"), "{}", stderr(&bad));
    assert!(!dir.path().join("x.pdf").exists(), "nothing written on refusal");
}

#[test]
fn the_regulation_book_of_one_role_and_of_all_roles_in_english_and_russian() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, hunter, contents, title) in [
        ("en", "Hunter — lead generation", "Contents", "Regulation book of the sales team"),
        ("ru", "Охотник — поиск клиентов", "Содержание", "Регламент отдела продаж"),
    ] {
        let file = demo(dir.path(), lang);
        let f = file.to_str().unwrap();
        let all = dir.path().join(format!("book-{lang}.pdf"));
        let out = conveyor(&["pdf", "book", f, "--out", all.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = checked_text(&all);
        assert_in_order(&text, &[title, contents, hunter, hunter]);
        assert!(pages(&text).len() >= 10, "{lang}: {} pages", pages(&text).len());
        let one = dir.path().join(format!("hunter-{lang}.pdf"));
        let out = conveyor(&["pdf", "book", f, "--role", "hunter", "--out", one.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(pages(&checked_text(&one)).len() < pages(&text).len());
    }
    let bad = conveyor(&["pdf", "book", "x.conveyor", "--role", "boss", "--out", dir.path().join("x.pdf").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--role"), "{}", String::from_utf8_lossy(&bad.stderr));
}

#[test]
fn weekly_and_monthly_reports_read_back_plan_vs_fact_funnel_and_issues() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "ru");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["plan", "set", f, "--period", "2026-11", "--turnover", "5000000"]).status.success());
    let month = dir.path().join("m.pdf");
    let out = conveyor(&["pdf", "report", f, "--every", "monthly", "--date", "2026-11-20", "--out", month.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = checked_text(&month);
    assert_in_order(
        &text,
        &[
            "Отчёт за месяц: ноябрь 2026",
            "Итоги месяца",
            "План и факт",
            "ноябрь 2026",
            "Оборот",
            "Воронка за период",
            "Список вопросов",
            "Миграция клиентов по ABC",
        ],
    );
    let week = dir.path().join("w.pdf");
    let out = conveyor(&["pdf", "report", f, "--every", "weekly", "--date", "2026-11-20", "--lang", "en", "--out", week.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = checked_text(&week);
    assert_in_order(&text, &["Weekly report", "Results of the week", "Plan vs fact", "Funnel of the period", "Issues list"]);
    assert!(!text.contains("ABC migration"), "the ABC migration is monthly only");
    let bad = conveyor(&["pdf", "report", f, "--every", "daily", "--out", week.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
}
