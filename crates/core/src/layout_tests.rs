//! The layout rules of the core, checked on its own source: SQL lives only in
//! the store, and the store imports nothing above it.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The file's code before its test module (tests may read the database directly).
fn code(p: &Path) -> String {
    let text = std::fs::read_to_string(p).unwrap();
    let name = p.file_name().unwrap().to_string_lossy();
    if name.ends_with("_tests.rs") || name == "tests.rs" || name.ends_with("_testing.rs") {
        return String::new();
    }
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn sql_text_lives_only_in_the_store() {
    let mut files = vec![];
    sources(&src(), &mut files);
    let store = src().join("store");
    const STATEMENTS: &[&str] = &["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "PRAGMA ", "SAVEPOINT ", "RELEASE ", "ALTER ", "DROP ", "WITH "];
    let mut found = vec![];
    for f in files.iter().filter(|f| !f.starts_with(&store)) {
        for (n, line) in code(f).lines().enumerate() {
            // A statement starts a string literal, or a line of one.
            let starts = line.split('"').skip(1).step_by(2).chain(std::iter::once(line.trim_start()));
            for part in starts {
                if STATEMENTS
                    .iter()
                    .any(|s| part.starts_with(s) && part[s.len()..].chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '*' || c == '('))
                {
                    found.push(format!("{}:{}: {}", f.strip_prefix(src()).unwrap().display(), n + 1, line.trim()));
                    break;
                }
            }
        }
    }
    assert!(found.is_empty(), "SQL outside crates/core/src/store (move it into the store):\n{}", found.join("\n"));
}

#[test]
fn the_text_catalogue_is_a_leaf() {
    let text = code(&src().join("pdf/i18n.rs"));
    for above in ["crate::store", "crate::usecases", "crate::pdf::docs", "crate::views"] {
        assert!(!text.contains(above), "pdf/i18n.rs uses {above}: the store reads its texts, so it must not reach back");
    }
}

#[test]
fn the_store_imports_nothing_above_it() {
    let mut files = vec![];
    sources(&src().join("store"), &mut files);
    let above = ["crate::usecases", "crate::pdf", "crate::views", "crate::demo", "super::super::usecases"];
    // The text catalogue (`pdf::i18n`: a leaf over `locale` and `model`) names
    // the default steps and card fields the store seeds; the document
    // builders beside it are above the store.
    let leaf = "crate::pdf::i18n::";
    let found: Vec<String> = files
        .iter()
        .flat_map(|f| {
            code(f)
                .lines()
                .enumerate()
                .filter(|(_, l)| above.iter().any(|a| l.replace(leaf, "").contains(a)))
                .map(|(n, l)| format!("{}:{}: {}", f.strip_prefix(src()).unwrap().display(), n + 1, l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(found.is_empty(), "the store reaches above itself:\n{}", found.join("\n"));
}
