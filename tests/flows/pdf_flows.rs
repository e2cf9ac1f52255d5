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
    // The characters the font lacks print as stand-ins but stay in the text.
    assert!(text.contains("東京 Trading"), "copy and search find 東京:\n{text}");
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

// ---------------------------------------------------------------------------
// Every printed figure against the core's JSON for the same input.

use conveyor_core::model::Lang;
use conveyor_core::pdf::i18n;
use serde_json::Value;

fn lang_of(code: &str) -> Lang {
    if code == "ru" { Lang::Ru } else { Lang::En }
}

/// `conveyor ARGS… --json`, parsed.
fn json(args: &[&str]) -> Value {
    let out = conveyor(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {}", stdout(&out)))
}

/// qpdf --check passes; pdftotext -layout's text (rows of a table on one line).
fn layout_text(pdf: &Path) -> String {
    checked_text(pdf);
    let out = tool("pdftotext", &["-layout", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Every run of spaces (no-break ones too) as one plain space.
fn flat(s: &str) -> String {
    s.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The figures appear in this order. Spaces are left out on both sides:
/// pdftotext does not always keep the no-break space between an amount and
/// its currency sign, and table cells may wrap.
fn assert_figures_in_order(text: &str, figures: &[String]) {
    let squash = |s: &str| s.split(char::is_whitespace).collect::<String>();
    let hay = squash(text);
    let needles: Vec<String> = figures.iter().map(|f| squash(f)).collect();
    let refs: Vec<&str> = needles.iter().map(String::as_str).collect();
    assert_in_order(&hay, &refs);
}

/// Numbers written with the other locale's decimal separator: en `22,2`
/// (a comma that is not a thousands group), ru `23.5` (a dot outside a
/// date such as 24.11 or 24.11.2026).
fn wrong_decimal_separators(text: &str, lang: &str) -> Vec<String> {
    let is_date = |t: &str| {
        let p: Vec<&str> = t.split('.').collect();
        (p.len() == 2 || p.len() == 3)
            && p[0].len() == 2
            && p[1].len() == 2
            && p[0].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
            && p[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
            && (p.len() == 2 || p[2].len() == 4)
    };
    let mut bad = vec![];
    for raw in text.split(char::is_whitespace) {
        let tok = raw.trim_matches(|c: char| !c.is_ascii_digit());
        if tok.is_empty() || !tok.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            continue;
        }
        let wrong = match lang {
            "ru" => tok.contains('.') && !is_date(tok),
            _ => {
                let whole = tok.split('.').next().unwrap_or("");
                let groups: Vec<&str> = whole.split(',').collect();
                tok.matches('.').count() > 1 || groups[1..].iter().any(|g| g.len() != 3)
            }
        };
        if wrong {
            bad.push(raw.to_string());
        }
    }
    bad
}

/// What a printed page must never hold: a command line for a reader who has none.
fn assert_speaks_to_a_reader(text: &str) {
    for bad in ["conveyor ", "`", "--period", "--turnover"] {
        assert!(!text.contains(bad), "a printed page mentions “{bad}”:\n{text}");
    }
}

fn i(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("not an integer: {v}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn date_of(v: &Value) -> chrono::NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn every_figure_of_the_year_plan_is_the_core_s_and_its_months_add_up_to_the_headline() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["en", "ru"] {
        let lang = lang_of(code);
        let file = demo(dir.path(), code);
        let f_ = file.to_str().unwrap();
        let target = if code == "ru" { "150000000" } else { "1500000" };
        let j = json(&["plan", "derive", f_, "--period", "2027", "--turnover", target, "--json"]);
        let pdf = dir.path().join(format!("plan-{code}.pdf"));
        let out = conveyor(&["pdf", "plan", f_, "--period", "2027", "--turnover", target, "--out", pdf.to_str().unwrap(), "--lang", code]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = layout_text(&pdf);
        let cur = j["inputs"]["currency"].as_str().unwrap();
        let money = |v: &Value| i18n::money_whole(lang, i(v), cur);
        let int = |v: &Value| i18n::int(lang, i(v));
        assert!(i(&j["first_deals"]) > 0, "the example needs new clients");

        // Page 1: the target, then the backwards funnel, then the daily work.
        assert_figures_in_order(
            &text,
            &[
                int(&j["working_days"]),
                money(&j["inputs"]["target_turnover_minor"]),
                money(&j["inputs"]["repeat_turnover_minor"]),
                money(&j["new_turnover_minor"]),
                money(&j["first_deal_size_minor"]),
                int(&j["calls"]),
                int(&j["leads"]),
                int(&j["qualified_leads"]),
                int(&j["offers"]),
                int(&j["first_deals"]),
                i18n::decimal(lang, f(&j["calls_per_day"]), 1),
                i18n::decimal(lang, f(&j["prospecting_hours_per_week"]), 1),
                i18n::date(lang, date_of(&j["prospect_from"])),
            ],
        );

        // The months add up to the headline, column by column…
        let months = j["months"].as_array().expect("a year plan has its months");
        assert_eq!(months.len(), 12);
        for (month_key, whole) in [
            ("target_turnover_minor", &j["inputs"]["target_turnover_minor"]),
            ("repeat_turnover_minor", &j["inputs"]["repeat_turnover_minor"]),
            ("new_turnover_minor", &j["new_turnover_minor"]),
            ("first_deals", &j["first_deals"]),
            ("offers", &j["offers"]),
            ("qualified_leads", &j["qualified_leads"]),
            ("leads", &j["leads"]),
            ("calls", &j["calls"]),
            ("working_days", &j["working_days"]),
        ] {
            assert_eq!(months.iter().map(|m| i(&m[month_key])).sum::<i64>(), i(whole), "{code}: the months' {month_key} add up to the plan's");
        }
        // A whole target splits into whole amounts, so the rounded amounts printed add up too.
        assert!(months.iter().all(|m| i(&m["target_turnover_minor"]) % 100 == 0), "{code}: whole monthly targets");
        // …and the printed table is those months, one line each, and the total line is the headline.
        let lines: Vec<String> = text.lines().map(flat).collect();
        for m in months {
            let start = date_of(&m["start"]);
            let label = i18n::month(lang, chrono::Datelike::year(&start), chrono::Datelike::month0(&start));
            let want = flat(&format!(
                "{label} {} {} {} {} {}",
                int(&m["working_days"]),
                money(&m["target_turnover_minor"]),
                int(&m["first_deals"]),
                int(&m["calls"]),
                i18n::decimal(lang, f(&m["calls_per_day"]), 1)
            ));
            assert!(lines.contains(&want), "{code}: the month line “{want}” is not printed:\n{text}");
        }
        let total = flat(&format!(
            "{} {} {} {} {} {}",
            i18n::t(lang, "total"),
            int(&j["working_days"]),
            money(&j["inputs"]["target_turnover_minor"]),
            int(&j["first_deals"]),
            int(&j["calls"]),
            i18n::decimal(lang, f(&j["calls_per_day"]), 1)
        ));
        assert!(lines.contains(&total), "{code}: the total line “{total}” is not printed:\n{text}");
        // Said how the rounding is done.
        assert!(flat(&text).contains(&flat(i18n::t(lang, "plan.by_month_note")).split(' ').take(8).collect::<Vec<_>>().join(" ")), "{code}: rounding note");
        assert_eq!(wrong_decimal_separators(&text, code), Vec::<String>::new(), "{code}: one decimal separator");
        assert_speaks_to_a_reader(&text);
    }
}

#[test]
fn a_plan_that_needs_no_new_clients_or_starts_too_late_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["en", "ru"] {
        let lang = lang_of(code);
        let file = demo(dir.path(), code);
        let f_ = file.to_str().unwrap();
        // A target below the expected repeat orders (the README's 5,000,000 in the Russian demo).
        let target = if code == "ru" { "5000000" } else { "10000" };
        let j = json(&["plan", "derive", f_, "--period", "2027-01", "--turnover", target, "--json"]);
        assert_eq!(i(&j["first_deals"]), 0, "{code}: repeat orders cover {target}");
        let pdf = dir.path().join(format!("covered-{code}.pdf"));
        let out = conveyor(&["pdf", "plan", f_, "--period", "2027-01", "--turnover", target, "--out", pdf.to_str().unwrap(), "--lang", code]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = layout_text(&pdf);
        let cur = j["inputs"]["currency"].as_str().unwrap();
        let covered = i18n::tf(
            lang,
            "plan.covered",
            &[
                ("repeat", &i18n::money_whole(lang, i(&j["inputs"]["repeat_turnover_minor"]), cur)),
                ("target", &i18n::money_whole(lang, i(&j["inputs"]["target_turnover_minor"]), cur)),
            ],
        );
        assert!(flat(&text).contains(&flat(&covered)), "{code}: the plan says why it is all zero:\n{text}");
        assert_speaks_to_a_reader(&text);

        // This month: its prospecting should have started a sales cycle ago.
        let today = chrono::Utc::now().date_naive();
        let period = today.format("%Y-%m").to_string();
        let j = json(&["plan", "derive", f_, "--period", &period, "--turnover", "900000000", "--json"]);
        assert!(i(&j["first_deals"]) > 0);
        let pdf = dir.path().join(format!("late-{code}.pdf"));
        assert!(
            conveyor(&["pdf", "plan", f_, "--period", &period, "--turnover", "900000000", "--out", pdf.to_str().unwrap(), "--lang", code]).status.success()
        );
        let text = layout_text(&pdf);
        let late = i18n::tf(
            lang,
            "plan.late",
            &[("date", &i18n::date(lang, date_of(&j["prospect_from"]))), ("days", &i18n::int(lang, i(&j["inputs"]["cycle_days"])))],
        );
        assert!(flat(&text).contains(&flat(&late)), "{code}: the plan says its start date has passed:\n{text}");
    }
}

#[test]
fn every_figure_of_the_monthly_and_weekly_report_is_the_core_s() {
    let dir = tempfile::tempdir().unwrap();
    for (code, every) in [("en", "monthly"), ("ru", "monthly"), ("en", "weekly"), ("ru", "weekly")] {
        let lang = lang_of(code);
        let file = dir.path().join(format!("{code}.conveyor"));
        if !file.exists() {
            demo(dir.path(), code);
            assert!(conveyor(&["plan", "set", file.to_str().unwrap(), "--period", "2026-11", "--turnover", "5000000"]).status.success());
        }
        let f_ = file.to_str().unwrap();
        let st = json(&["plan", "status", f_, "--period", "2026-11", "--json"]);
        let (from, to) = if every == "monthly" { ("2026-11-01", "2026-11-30") } else { ("2026-11-16", "2026-11-22") };
        let a = json(&["analytics", f_, "--from", from, "--to", to, "--json"]);
        let pdf = dir.path().join(format!("report-{every}-{code}.pdf"));
        let out = conveyor(&["pdf", "report", f_, "--every", every, "--date", "2026-11-20", "--lang", code, "--out", pdf.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = layout_text(&pdf);
        let cur = st["currency"].as_str().unwrap();
        let money = |v: f64| i18n::money_whole(lang, v.round() as i64, cur);
        let pct = |v: &Value| v.as_f64().map(|x| i18n::percent(lang, x * 100.0)).unwrap_or_else(|| "—".into());
        let is_money = |k: &str| k == "turnover" || k == "profit";
        let num = |k: &str, v: f64| if is_money(k) { money(v) } else { i18n::decimal(lang, v, 1) };

        let mut figures = vec![];
        if every == "monthly" {
            // The month's results are the plan status's facts.
            let fact = &st["fact"];
            for k in ["calls", "meetings", "leads", "qualified_leads", "offers", "first_deals", "repeat_orders"] {
                figures.push(i18n::int(lang, i(&fact[k])));
            }
            figures.push(money(f(&fact["turnover_minor"])));
            figures.push(money(f(&fact["profit_minor"])));
        }
        // Plan vs fact: every indicator's row.
        for ind in st["indicators"].as_array().unwrap() {
            let k = ind["key"].as_str().unwrap();
            figures.extend([
                num(k, f(&ind["planned"])),
                num(k, f(&ind["fact"])),
                num(k, f(&ind["expected_by_now"])),
                pct(&ind["pace"]),
                num(k, f(&ind["needed_per_day"])),
            ]);
        }
        figures.push(format!("{} / {}", st["working_days_elapsed"], st["working_days"]));
        figures.push(money(f(&st["remaining_minor"])));
        if let Some(fc) = st["forecast_turnover_minor"].as_f64() {
            figures.push(money(fc));
        }
        figures.push(format!("{} · {}", i18n::int(lang, i(&st["pipeline"]["deals"])), money(f(&st["pipeline"]["value_minor"]))));
        figures.push(money(f(&st["pipeline"]["weighted_minor"])));
        figures.push(pct(&st["coverage"]));
        // The funnel of the period is the analytics' funnel of the same days, and says what it counts.
        let funnel = a["funnel"].as_array().unwrap();
        if funnel.iter().any(|s| i(&s["reached"]) > 0) {
            for s in funnel {
                figures.extend([i18n::int(lang, i(&s["reached"])), i18n::int(lang, i(&s["open"])), pct(&s["conversion"])]);
            }
        }
        figures.push(pct(&a["win_rate"]));
        figures.push(pct(&a["referrals"]["share"]));
        assert_figures_in_order(&text, &figures);
        let note = i18n::t(lang, "report.funnel_note");
        let head: String = note.split(' ').take(6).collect::<Vec<_>>().join(" ");
        assert!(flat(&text).contains(&flat(&head)), "{code} {every}: the funnel says what it counts");
        assert_eq!(wrong_decimal_separators(&text, code), Vec::<String>::new(), "{code} {every}: one decimal separator");
        assert_speaks_to_a_reader(&text);
    }
}

#[test]
fn every_figure_of_the_call_register_is_the_core_s_and_day_subtotals_add_up() {
    use conveyor_core::usecases::documents::{CallRegisterRequest, call_register_rows};
    let dir = tempfile::tempdir().unwrap();
    for code in ["en", "ru"] {
        let lang = lang_of(code);
        let file = demo(dir.path(), code);
        let (from, to) = ("2026-11-01", "2026-11-24");
        let rows = {
            let s = Store::open(&file, &clock()).unwrap();
            let req = CallRegisterRequest { from: from.parse().unwrap(), to: to.parse().unwrap(), person_id: None, lang: None };
            serde_json::to_value(call_register_rows(&s, &req).unwrap()).unwrap()
        };
        let rows = rows.as_array().unwrap();
        assert!(rows.len() > 20, "{code}: the demo has calls in November");
        let pdf = dir.path().join(format!("calls-{code}.pdf"));
        let out = conveyor(&["pdf", "calls", file.to_str().unwrap(), "--from", from, "--to", to, "--lang", code, "--out", pdf.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = layout_text(&pdf);

        let mut days: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
        for r in rows {
            let e = days.entry(r["at"].as_str().unwrap()[..10].to_string()).or_default();
            e.0 += 1;
            e.1 += r["duration_min"].as_i64().unwrap_or(0);
        }
        let total_min: i64 = days.values().map(|d| d.1).sum();
        let total_n: i64 = days.values().map(|d| d.0).sum();
        assert_eq!(total_n, rows.len() as i64);
        let mut figures = vec![i18n::int(lang, total_n), i18n::minutes(lang, total_min), i18n::int(lang, days.len() as i64)];
        // Each day's subtotal is the sum of its calls; the total is the sum of the days.
        for (day, (n, min)) in &days {
            figures.push(i18n::date(lang, day.parse().unwrap()));
            figures.push(i18n::plural(lang, "calls.n_calls", *n));
            figures.push(i18n::minutes(lang, *min));
        }
        figures.push(i18n::t(lang, "total").to_string());
        figures.push(i18n::plural(lang, "calls.n_calls", total_n));
        figures.push(i18n::minutes(lang, total_min));
        assert_figures_in_order(&text, &figures);
        // Every call's duration is printed on its row.
        let printed = flat(&text);
        for r in rows {
            if let Some(m) = r["duration_min"].as_i64() {
                assert!(printed.contains(&flat(&i18n::minutes(lang, m))));
            }
        }
        // No page opens its part of the table with a day's subtotal: the first
        // row under a repeated header is a call (it has a time, 09:30).
        for (k, page) in pages(&text).iter().enumerate().skip(1) {
            let header = i18n::t(lang, "calls.next_step");
            if let Some(at) = page.find(header) {
                let first_row = page[at..].lines().skip(1).map(flat).find(|l| !l.is_empty()).unwrap_or_default();
                assert!(first_row.contains(':'), "{code}: page {} opens with a subtotal: {first_row}", k + 1);
            }
        }
        assert_eq!(wrong_decimal_separators(&text, code), Vec::<String>::new(), "{code}: one decimal separator");
        assert_speaks_to_a_reader(&text);
    }
}

#[test]
fn every_figure_of_the_client_profile_is_the_core_s_and_order_totals_add_up() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["en", "ru"] {
        let lang = lang_of(code);
        let file = demo(dir.path(), code);
        let (id, _) = busy_company(&file);
        let p = {
            let s = Store::open(&file, &clock()).unwrap();
            serde_json::to_value(conveyor_core::usecases::clients::profile(&s, id).unwrap()).unwrap()
        };
        let pdf = dir.path().join(format!("profile-{code}.pdf"));
        let out = conveyor(&["pdf", "profile", file.to_str().unwrap(), "--company", &id.to_string(), "--lang", code, "--out", pdf.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = layout_text(&pdf);
        let lines: Vec<String> = text.lines().map(flat).collect();
        let orders: Vec<&Value> = p["orders"].as_array().unwrap().iter().filter(|o| !o["archived"].as_bool().unwrap_or(false)).collect();
        assert!(!orders.is_empty());
        let cur = orders[0]["currency"].as_str().unwrap();
        let pct = |m: i64, a: i64| if a == 0 { "—".to_string() } else { i18n::percent(lang, m as f64 * 100.0 / a as f64) };
        for o in &orders {
            let (a, m) = (i(&o["amount_minor"]), i(&o["margin_minor"]));
            let want =
                flat(&format!("{} {} {} {}", i18n::date(lang, date_of(&o["order_date"])), i18n::money(lang, a, cur), i18n::money(lang, m, cur), pct(m, a)));
            assert!(lines.iter().any(|l| l.contains(&want)), "{code}: order line “{want}” not printed");
        }
        let (sa, sm): (i64, i64) = (orders.iter().map(|o| i(&o["amount_minor"])).sum(), orders.iter().map(|o| i(&o["margin_minor"])).sum());
        let total = flat(&format!(
            "{} ({}) {} {} {}",
            i18n::t(lang, "total"),
            i18n::int(lang, orders.len() as i64),
            i18n::money(lang, sa, cur),
            i18n::money(lang, sm, cur),
            pct(sm, sa)
        ));
        assert!(lines.iter().any(|l| l.contains(&total)), "{code}: the total line “{total}” (the sum of the orders) is not printed:\n{text}");
        for d in p["deals"].as_array().unwrap().iter().filter(|d| d["status"] == "open") {
            let v = i18n::money(lang, i(&d["value_minor"]), d["currency"].as_str().unwrap_or(cur));
            assert!(flat(&text).contains(&flat(&v)), "{code}: the open deal's value {v}");
        }
        assert_eq!(wrong_decimal_separators(&text, code), Vec::<String>::new(), "{code}: one decimal separator");
        assert_speaks_to_a_reader(&text);
    }
}

#[test]
fn the_regulation_book_prints_its_rules_and_lists_as_the_core_has_them() {
    use conveyor_core::pdf::docs::book::rule_summary;
    let dir = tempfile::tempdir().unwrap();
    for code in ["en", "ru"] {
        let lang = lang_of(code);
        let file = demo(dir.path(), code);
        let regs = {
            let s = Store::open(&file, &clock()).unwrap();
            conveyor_core::store::regulations::list(s.conn()).unwrap()
        };
        let pdf = dir.path().join(format!("book-{code}.pdf"));
        let out = conveyor(&["pdf", "book", file.to_str().unwrap(), "--lang", code, "--out", pdf.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        // Reading order (a cell's lines together), not the layout of the columns.
        let text = checked_text(&pdf);
        let squashed: String = text.split_whitespace().collect();
        for r in regs.iter().filter(|r| !r.archived) {
            if let Some(rule) = &r.rule {
                let want: String = rule_summary(lang, rule).split_whitespace().collect();
                assert!(squashed.contains(&want), "{code}: the rule of “{}” ({want}) is not printed", r.title);
            }
        }
        assert_eq!(wrong_decimal_separators(&text, code), Vec::<String>::new(), "{code}: one decimal separator");
        assert_speaks_to_a_reader(&text);
    }
}

/// #18: a workspace started from a built-in template in Bulgarian, Greek or Hungarian
/// prints its regulation book with every script's words exactly as the template has them.
#[test]
fn the_regulation_book_of_a_bulgarian_greek_and_hungarian_template_reads_back_every_script() {
    use conveyor_core::playbook::template;
    let dir = tempfile::tempdir().unwrap();
    for (code, id, currency) in [("bg", "generic-b2b", "EUR"), ("el", "wholesale", "EUR"), ("hu", "agency", "HUF")] {
        let file = dir.path().join(format!("{id}-{code}.conveyor"));
        let f = file.to_str().unwrap();
        let out = conveyor(&["new", f, "--name", "Test", "--lang", code, "--currency", currency, "--template", id]);
        assert!(out.status.success(), "{}", stderr(&out));
        let pdf = dir.path().join(format!("{id}-{code}.pdf"));
        let out = conveyor(&["pdf", "book", f, "--lang", code, "--out", pdf.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let squashed: String = checked_text(&pdf).split_whitespace().collect();
        let t = template::builtin(id, Lang::parse("lang", code).unwrap()).unwrap();
        let mut lines = 0;
        for s in &t.scripts {
            for b in &s.blocks {
                for line in b.text.lines().map(printed_line).filter(|l| !l.is_empty()) {
                    assert!(squashed.contains(&line), "{id}.{code}: script “{}”, block “{}”: “{line}” is not printed as written", s.name, b.title);
                    lines += 1;
                }
            }
        }
        assert!(lines > 50, "{id}.{code}: only {lines} lines of script text checked");
    }
}

/// A Markdown line as the book prints it, spaces taken out: no list marker, no emphasis marks.
fn printed_line(line: &str) -> String {
    let l = line.trim_start();
    let l = l.strip_prefix("- ").unwrap_or(l);
    let l = match l.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => l,
    };
    l.replace('*', "").split_whitespace().collect()
}
