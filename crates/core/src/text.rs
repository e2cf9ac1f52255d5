//! Folding text for search: case, accents (Latin, Greek), ё→е, final sigma,
//! so that `иван` finds `Иван`, `γιωργος` finds `Γιώργος`, `елкина` finds
//! `Ёлкина` and `szoke` finds `Szőke`. FTS5's own folding misses Greek
//! accents and ё; this does it all before the text reaches the index.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases and strips accents. Keeps letters, digits and separators.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    if let Some(out) = fold_plain_cyrillic(s) {
        return out;
    }
    fold_unicode(s)
}

/// The quick path for ASCII, the basic Cyrillic letters and the quotes and
/// dashes Russian names use: none of them decomposes or carries a mark, and
/// each Cyrillic capital lower-cases to the letter 0x20 above it. Й/й
/// decompose (и + breve), so a text with them, or with any other
/// character, takes the full path.
fn fold_plain_cyrillic(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            'Й' | 'й' => return None,
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20)?),
            'а'..='я' | '«' | '»' | '—' | '–' | '„' | '“' | '”' => out.push(c),
            _ => return None,
        }
    }
    Some(out)
}

fn fold_unicode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        for l in c.to_lowercase() {
            match l {
                'ё' => out.push('е'),
                'ς' => out.push('σ'),
                'ß' => out.push_str("ss"),
                other => out.push(other),
            }
        }
    }
    // NFKD split й into и + breve; the breve was dropped above, which is
    // what a searcher typing without it expects.
    out
}

/// Just the digits of a phone number.
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Folded tokens of a search query (letters and digits only). Runs of
/// number groups join into one, as people type phones: `916 123-45`.
pub fn query_tokens(q: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut prev_numeric = false;
    for t in fold(q).split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        let numeric = t.chars().all(|c| c.is_ascii_digit());
        match out.last_mut() {
            Some(last) if numeric && prev_numeric => last.push_str(t),
            _ => out.push(t.to_string()),
        }
        prev_numeric = numeric;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_quick_cyrillic_path_folds_as_the_full_one() {
        use super::{fold_plain_cyrillic, fold_unicode};
        for c in ('\u{0400}'..='\u{04ff}').chain('\u{0020}'..='\u{007e}').chain('\u{2010}'..='\u{2030}').chain(['«', '»']) {
            let t = format!("Ж{c}z");
            if let Some(quick) = fold_plain_cyrillic(&t) {
                assert_eq!(quick, fold_unicode(&t), "{c:?}");
            }
        }
        assert_eq!(fold_plain_cyrillic("ООО «Ромашка» — №1"), None, "№ is N and o in the full path");
        assert_eq!(fold_plain_cyrillic("ООО «Ромашка»").as_deref(), Some("ооо «ромашка»"));
        assert_eq!(fold_plain_cyrillic("Р-17 Иванов").as_deref(), Some("р-17 иванов"));
        assert_eq!(fold_plain_cyrillic("Йошкар-Ола"), None);
        assert_eq!(super::fold("Йошкар-Ола Ёлкина"), "иошкар-ола елкина");
    }

    use super::*;

    #[test]
    fn folds_case_accents_greek_and_yo() {
        assert_eq!(fold("Иван"), "иван");
        assert_eq!(fold("Γιώργος"), "γιωργοσ");
        assert_eq!(fold("Ёлкина"), "елкина");
        assert_eq!(fold("Szőke Ödön"), "szoke odon");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("e\u{301}"), "e", "decomposed input folds too");
    }

    #[test]
    fn greek_accents_diaeresis_and_final_sigma_fold() {
        assert_eq!(fold("Παπαδόπουλος"), fold("ΠΑΠΑΔΟΠΟΥΛΟΣ"), "final ς and capital Σ meet");
        assert_eq!(fold("Παπαδόπουλος"), "παπαδοπουλοσ");
        assert_eq!(fold("Ευάγγελος Σωτηρίου"), "ευαγγελοσ σωτηριου");
        assert_eq!(fold("Ηλεκτρολογικά Είδη Αθηνών"), "ηλεκτρολογικα ειδη αθηνων");
        assert_eq!(fold("Παϊσίου ΐ ΰ"), "παισιου ι υ", "diaeresis with and without the accent");
        assert_eq!(fold("σοφός"), fold("σοφοσ"), "a word typed with σ at the end finds one written with ς");
    }

    #[test]
    fn hungarian_long_and_accented_vowels_fold() {
        assert_eq!(fold("Szőke Ödön"), "szoke odon");
        assert_eq!(fold("Kovácsné Gyűrű Éva"), "kovacsne gyuru eva");
        assert_eq!(fold("ŐRSÉG ÚT Ű"), "orseg ut u");
        assert_eq!(fold("Győri Építő Kft."), "gyori epito kft.");
        // The precomposed letters and their decomposed spellings fold alike.
        assert_eq!(fold("o\u{30b}"), fold("ő"));
    }

    #[test]
    fn bulgarian_hard_and_soft_signs_stay_letters() {
        assert_eq!(fold("Ъглов ЪГЪЛ"), "ъглов ъгъл", "ъ is a vowel in Bulgarian, not a mark");
        assert_eq!(fold("Жельо Пеньов"), "жельо пеньов");
        assert_ne!(fold("ъ"), fold("ь"), "ъ and ь are different letters");
        assert_eq!(fold("Йорданов"), "иорданов", "й folds like ё: typing и finds it");
        assert_eq!(query_tokens("Стоянов, Пловдив"), vec!["стоянов", "пловдив"]);
    }

    #[test]
    fn query_tokens_drop_punctuation() {
        assert_eq!(query_tokens("  Anna.Smith@EXAMPLE "), vec!["anna", "smith", "example"]);
        assert_eq!(query_tokens("+7 (916) 123"), vec!["7916123"]);
        assert_eq!(query_tokens("office 2 anna 5"), vec!["office", "2", "anna", "5"]);
        assert!(query_tokens(" ,; ").is_empty());
    }
}
