//! Bulgarian, Greek and Hungarian end to end: demo workspaces made by the
//! real `conveyor` binary, every document kind printed in the language and
//! read back with pdftotext, and search folding on the demo's own names.

use conveyor_core::locale;
use conveyor_core::model::Lang;
use conveyor_core::pdf::i18n::t;
use conveyor_core::usecases::clients::{self, SearchHit};
use conveyor_core::{FixedClock, Store};
use conveyor_flow_tests::{conveyor, stderr};
use std::path::{Path, PathBuf};
use std::process::Command;

const NEW: [Lang; 3] = [Lang::Bg, Lang::El, Lang::Hu];

fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed by the flow tests (poppler-utils; ./dev setup installs it)");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

/// pdftotext breaks lines where the layout does: compare with spaces only.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn demo(dir: &Path, lang: Lang) -> PathBuf {
    let file = dir.join(format!("{lang}.conveyor"));
    let out = conveyor(&["demo", file.to_str().unwrap(), "--lang", lang.code(), "--seed", "7", "--contacts", "120", "--activities", "900"]);
    assert!(out.status.success(), "{}", stderr(&out));
    file
}

fn print(args: &[&str], out_pdf: &Path) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--out", out_pdf.to_str().unwrap()]);
    let out = conveyor(&all);
    assert!(out.status.success(), "{all:?}: {}", stderr(&out));
    flat(&text_of(out_pdf))
}

/// "1 call" in the language: every day's subtotal row of the register says it or its plural.
fn i18n_plural(lang: Lang) -> String {
    let one = conveyor_core::pdf::i18n::plural(lang, "calls.n_calls", 1);
    one.trim_start_matches("1 ").to_string()
}

fn assert_has(text: &str, what: &[String], doc: &str) {
    for w in what {
        assert!(text.contains(&flat(w)), "{doc}: “{w}” is not in the text:\n{text}");
    }
}

#[test]
fn every_document_kind_prints_in_bulgarian_greek_and_hungarian() {
    let dir = tempfile::tempdir().unwrap();
    for lang in NEW {
        let file = demo(dir.path(), lang);
        let f = file.to_str().unwrap();
        let tt = |k: &str| t(lang, k).to_string();
        let pdf = |name: &str| dir.path().join(format!("{lang}-{name}.pdf"));

        // The sales plan: headings, and the target as money of the locale.
        let target = if lang == Lang::Hu { "150000000" } else { "400000" };
        let plan = print(&["pdf", "plan", f, "--period", "2027", "--turnover", target], &pdf("plan"));
        let currency = if lang == Lang::Hu { "HUF" } else { "EUR" };
        let target_minor: i64 = target.parse::<i64>().unwrap() * 100;
        assert_has(
            &plan,
            &[tt("plan.title"), tt("plan.backwards"), tt("plan.by_month"), tt("plan.assumptions"), locale::money_whole(lang, target_minor, currency)],
            &format!("{lang} plan"),
        );
        // The regulation book of all roles.
        let book = print(&["pdf", "book", f], &pdf("book"));
        assert_has(
            &book,
            &[
                tt("book.title_all"),
                tt("book.intro"),
                tt("book.role.hunter"),
                tt("book.role.account_manager"),
                tt("book.good_seller"),
                tt("book.working_documents"),
            ],
            &format!("{lang} book"),
        );
        let first_item = t(lang, "book.good_seller.items").split('|').next().unwrap().to_string();
        assert_has(&book, &[first_item], &format!("{lang} book"));

        // The call register, the monthly report, a client profile.
        let calls = print(&["pdf", "calls", f, "--from", "2026-09-01", "--to", "2026-11-30"], &pdf("calls"));
        assert_has(&calls, &[tt("calls.title"), tt("calls.summary"), tt("total"), i18n_plural(lang)], &format!("{lang} calls"));
        let report = print(&["pdf", "report", f, "--every", "monthly", "--date", "2026-11-20"], &pdf("report"));
        assert_has(
            &report,
            &[t(lang, "report.title_month").replace("{month}", &locale::month_long(lang, 2026, 10)), tt("report.results_month"), tt("report.funnel")],
            &format!("{lang} report"),
        );
        let profile = print(&["pdf", "profile", f, "--company", "1"], &pdf("profile"));
        assert_has(&profile, &[tt("profile.title"), tt("profile.card"), tt("profile.contacts")], &format!("{lang} profile"));
    }
}

#[test]
fn demo_workspaces_are_local_and_search_folds_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let clock = FixedClock::at("2026-11-24T09:00:00+00:00");
    for (lang, code, currency, query, finds) in [
        (Lang::Bg, "+359 ", "EUR", "стоянов", "Стоянов"),
        (Lang::El, "+30 ", "EUR", "papadopoulos", ""),
        (Lang::El, "+30 ", "EUR", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "Παπαδόπουλος"),
        (Lang::Hu, "+36 ", "HUF", "szoke", "Szőke"),
    ] {
        let file = dir.path().join(format!("{lang}-{}.conveyor", query.len()));
        let out = conveyor(&["demo", file.to_str().unwrap(), "--lang", lang.code(), "--seed", "7", "--contacts", "200", "--activities", "100"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let s = Store::open(&file, &clock).unwrap();
        let (phone, cur): (String, String) =
            s.conn().query_row("SELECT c.phone, d.currency FROM contacts c, deals d LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert!(phone.starts_with(code), "{lang}: {phone}");
        assert_eq!(cur, currency, "{lang}");
        let names: Vec<String> = clients::search(&s, query)
            .unwrap()
            .into_iter()
            .filter_map(|h| match h {
                SearchHit::Contact { row } => Some(row.name),
                _ => None,
            })
            .collect();
        if finds.is_empty() {
            assert!(names.is_empty(), "{lang}: Latin letters do not find Greek names: {names:?}");
        } else {
            assert!(!names.is_empty() && names.iter().all(|n| n.contains(finds) || n.contains(&finds.replace('ς', "σ"))), "{lang} “{query}”: {names:?}");
        }
    }
}
