//! vCard 2.1, 3.0 and 4.0 import: unfolding, quoted-printable (joined as bytes
//! before decoding), CHARSET parameters, raw legacy 8-bit text (detected),
//! escapes, groups, several TEL/EMAIL with types. Never panics; each refused
//! card is reported with its number and line.

use super::encoding;
use super::{FIELD_MAX_CHARS, ImportRecord, Labelled, Problem};
use crate::address::{AddressInput, AddressKind};
use crate::error::{Error, ErrorCode, Result};
use encoding_rs::Encoding;

/// What reading a vCard file gave.
#[derive(Debug, Default)]
pub struct VcardRead {
    /// Encoding assumed for 8-bit text without a CHARSET.
    pub encoding: &'static str,
    pub cards: u64,
    pub records: Vec<ImportRecord>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// True when the bytes look like a vCard file.
pub fn is_vcard(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let s = String::from_utf8_lossy(head).to_ascii_uppercase();
    s.trim_start_matches('\u{feff}').trim_start().starts_with("BEGIN:VCARD")
}

/// Properties that start a line (for telling a quoted-printable soft line
/// break from a value that happens to end in `=`).
const KNOWN: &[&str] = &[
    "BEGIN",
    "END",
    "VERSION",
    "N",
    "FN",
    "TEL",
    "EMAIL",
    "ORG",
    "TITLE",
    "NOTE",
    "BDAY",
    "ADR",
    "LABEL",
    "URL",
    "PHOTO",
    "CATEGORIES",
    "NICKNAME",
    "UID",
    "REV",
    "ROLE",
    "LOGO",
    "SOUND",
    "KEY",
    "GEO",
    "TZ",
    "X-",
];

fn starts_property(line: &[u8]) -> bool {
    let end = line.iter().position(|b| *b == b':' || *b == b';').unwrap_or(0);
    if end == 0 {
        return false;
    }
    let name = String::from_utf8_lossy(&line[..end]).to_ascii_uppercase();
    let name = name.rsplit('.').next().unwrap_or("");
    KNOWN.iter().any(|k| if k.ends_with('-') { name.starts_with(k) } else { name == *k })
}

struct Prop {
    name: String,
    /// Parameters, upper-cased names; bare 2.1 params come as `TYPE`.
    params: Vec<(String, String)>,
    raw: Vec<u8>,
}

impl Prop {
    fn param(&self, n: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str())
    }
    fn is_qp(&self) -> bool {
        self.param("ENCODING").is_some_and(|v| v.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
    }
    fn is_b64(&self) -> bool {
        self.param("ENCODING").is_some_and(|v| matches!(v.to_ascii_uppercase().as_str(), "B" | "BASE64"))
    }
    fn types(&self) -> Option<String> {
        let mut v: Vec<String> = self
            .params
            .iter()
            .filter(|(k, _)| k == "TYPE")
            .flat_map(|(_, v)| v.split(',').map(|s| s.trim().trim_matches('"').to_lowercase()).collect::<Vec<_>>())
            .filter(|t| !t.is_empty() && t != "pref" && t != "internet" && t != "voice")
            .collect();
        v.dedup();
        if v.is_empty() { None } else { Some(v.join(",")) }
    }
    fn text(&self, fallback: &'static Encoding) -> String {
        let bytes = if self.is_qp() { qp_decode(&self.raw) } else { self.raw.clone() };
        let s = match self.param("CHARSET") {
            Some(cs) => encoding::decode_with_label(&bytes, cs, fallback),
            None => encoding::decode_unlabelled(&bytes, fallback),
        };
        // A stray byte at the end of a quoted-printable value (seen in Android
        // exports) decodes to U+FFFD: drop it rather than keep garbage.
        s.replace('\u{FFFD}', "")
    }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Decodes quoted-printable to raw bytes (soft line breaks already joined).
pub fn qp_decode(v: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'=' {
            match (v.get(i + 1).copied().and_then(hex), v.get(i + 2).copied().and_then(hex)) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => {
                    // A lone "=" (trailing soft break or garbage): dropped.
                    i += 1;
                    continue;
                }
            }
        }
        out.push(v[i]);
        i += 1;
    }
    out
}

/// Splits on unescaped `sep`, then unescapes `\\ \, \; \n \N`.
fn split_unescape(s: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => parts.last_mut().map(|p| p.push('\n')).unwrap_or(()),
                Some(o) => parts.last_mut().map(|p| p.push(o)).unwrap_or(()),
                None => {}
            }
        } else if c == sep {
            parts.push(String::new());
        } else if let Some(p) = parts.last_mut() {
            p.push(c);
        }
    }
    parts
}

fn unescape(s: &str) -> String {
    split_unescape(s, '\u{0}').concat()
}

/// Parses one unfolded line `[group.]NAME[;params]:value`.
fn parse_line(l: &[u8]) -> Option<Prop> {
    // The first ':' outside double quotes ends the name and parameters.
    let mut in_q = false;
    let mut colon = None;
    for (i, b) in l.iter().enumerate() {
        match b {
            b'"' => in_q = !in_q,
            b':' if !in_q => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let head = String::from_utf8_lossy(&l[..colon]).into_owned();
    let mut parts = vec![];
    let (mut cur, mut q) = (String::new(), false);
    for c in head.chars() {
        match c {
            '"' => {
                q = !q;
                cur.push(c)
            }
            ';' if !q => parts.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    let name = parts[0].trim().to_ascii_uppercase();
    let name = name.rsplit('.').next().unwrap_or("").to_string();
    if name.is_empty() {
        return None;
    }
    let params = parts[1..]
        .iter()
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_uppercase(), v.trim().trim_matches('"').to_string()),
            None => {
                let bare = p.trim().to_ascii_uppercase();
                match bare.as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "8BIT" | "7BIT" => ("ENCODING".into(), bare),
                    _ => ("TYPE".into(), bare),
                }
            }
        })
        .collect();
    Some(Prop { name, params, raw: l[colon + 1..].to_vec() })
}

/// A card being read: its number, its BEGIN line, and its lines.
type OpenCard<'a> = (u64, u64, Vec<(u64, &'a [u8])>);

/// Reads every card of a file.
pub fn read(bytes: &[u8], name: &str) -> Result<VcardRead> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorCode::InvalidFile, format!("{name} is empty. Export the contacts again and choose the new file.")));
    }
    if let Some(what) = encoding::looks_binary(bytes) {
        return Err(Error::new(ErrorCode::InvalidFile, format!("{name} is {what}, not a vCard file. Export the contacts as vCard (.vcf).")));
    }
    // UTF-16 files are turned into UTF-8 first; 8-bit text without a CHARSET
    // is read as UTF-8 when valid, else in the encoding the detector picks.
    let owned;
    let bytes = match Encoding::for_bom(bytes) {
        Some((enc, n)) if enc != encoding_rs::UTF_8 => {
            owned = enc.decode_without_bom_handling(&bytes[n..]).0.into_owned().into_bytes();
            &owned[..]
        }
        Some((_, n)) => &bytes[n..],
        None => bytes,
    };
    let fallback = if std::str::from_utf8(bytes).is_ok() { encoding_rs::UTF_8 } else { encoding::detect_legacy(bytes) };
    let mut out = VcardRead { encoding: fallback.name(), ..Default::default() };

    // Lines end in LF, CR LF, or CR CR LF (written by a CR LF conversion run twice).
    let physical: Vec<&[u8]> = bytes.split(|b| *b == b'\n').map(strip_crs).collect();
    let mut i = 0;
    let mut depth = 0usize;
    let mut card: Option<OpenCard> = None;
    while i < physical.len() {
        let l = physical[i];
        let lineno = i as u64 + 1;
        i += 1;
        let upper = String::from_utf8_lossy(&l[..l.len().min(16)]).trim().to_ascii_uppercase();
        if upper.starts_with("BEGIN:VCARD") {
            depth += 1;
            if depth == 1 {
                if let Some((n, at, _)) = card.take() {
                    out.problems.push(Problem {
                        line: at,
                        card: Some(n),
                        field: None,
                        message: "the card has no END:VCARD. Check that the file is complete.".into(),
                    });
                }
                out.cards += 1;
                card = Some((out.cards, lineno, vec![]));
                continue;
            }
        } else if upper.starts_with("END:VCARD") && depth > 0 {
            depth -= 1;
            if depth == 0 {
                if let Some((n, at, lines)) = card.take() {
                    card_record(n, at, &lines, fallback, &mut out);
                }
                continue;
            }
        }
        if let (1.., Some((_, _, lines))) = (depth, card.as_mut()) {
            lines.push((lineno, l));
        }
    }
    if let Some((n, at, _)) = card {
        out.problems.push(Problem {
            line: at,
            card: Some(n),
            field: None,
            message: "the card has no END:VCARD; the file seems cut short. Export it again.".into(),
        });
    }
    if out.cards == 0 {
        return Err(Error::new(
            ErrorCode::InvalidFile,
            format!("{name} contains no vCard (no BEGIN:VCARD line). Choose a .vcf file exported by a phone or mail program."),
        ));
    }
    Ok(out)
}

fn strip_crs(mut l: &[u8]) -> &[u8] {
    while let Some(x) = l.strip_suffix(b"\r") {
        l = x;
    }
    l
}

/// Unfolds a card's lines: folded continuations (leading space/tab), and
/// quoted-printable soft line breaks (a line ending in `=`), joined as bytes.
fn unfold(lines: &[(u64, &[u8])]) -> Vec<(u64, Vec<u8>)> {
    let v21 = lines.iter().any(|(_, l)| l.eq_ignore_ascii_case(b"VERSION:2.1"));
    let mut out: Vec<(u64, Vec<u8>, bool)> = vec![]; // (line, bytes, is_qp)
    let mut j = 0;
    while j < lines.len() {
        let (n, l) = lines[j];
        j += 1;
        if let (Some(b' ' | b'\t'), Some(last)) = (l.first(), out.last_mut()) {
            // 2.1 folds before a space that is part of the value; 3.0/4.0 add one.
            last.1.extend_from_slice(if v21 { l } else { &l[1..] });
            continue;
        }
        if l.is_empty() {
            continue;
        }
        let head_end = l.iter().position(|b| *b == b':').unwrap_or(l.len());
        let qp = String::from_utf8_lossy(&l[..head_end]).to_ascii_uppercase().contains("QUOTED-PRINTABLE");
        let mut buf = l.to_vec();
        if qp {
            while buf.last() == Some(&b'=') && j < lines.len() && !starts_property(lines[j].1) {
                buf.pop();
                buf.extend_from_slice(lines[j].1);
                j += 1;
            }
        }
        out.push((n, buf, qp));
    }
    out.into_iter().map(|(n, b, _)| (n, b)).collect()
}

fn card_record(number: u64, at: u64, lines: &[(u64, &[u8])], fallback: &'static Encoding, out: &mut VcardRead) {
    let mut r = ImportRecord { line: at, card: number, ..Default::default() };
    let mut fn_name = String::new();
    let mut problems = vec![];
    // LABELs (2.1/3.0: a formatted address) count only when no ADR of the card has the same kind.
    let mut labels: Vec<AddressInput> = vec![];
    for (line, l) in unfold(lines) {
        let Some(p) = parse_line(&l) else {
            out.warnings.push(Problem { line, card: Some(number), field: None, message: "a line without a property name was skipped.".into() });
            continue;
        };
        if p.is_b64() || matches!(p.name.as_str(), "PHOTO" | "LOGO" | "SOUND" | "KEY") {
            continue;
        }
        let long = |v: &str| v.chars().count() > FIELD_MAX_CHARS;
        match p.name.as_str() {
            "N" => {
                let parts = split_unescape(&p.text(fallback), ';');
                let part = |i: usize| parts.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
                r.last_name = part(0);
                r.first_name = part(1);
                // Several values of a part are written with commas ("Richter, James").
                r.details.additional = part(2);
                r.details.prefix = part(3);
                r.details.suffix = part(4);
            }
            "FN" => fn_name = unescape(&p.text(fallback)).trim().to_string(),
            "ORG" if r.company.is_empty() => {
                let units = split_unescape(&p.text(fallback), ';');
                r.company = units.first().cloned().unwrap_or_default().trim().to_string();
                r.details.department = units.get(1).cloned().unwrap_or_default().trim().to_string();
            }
            "NICKNAME" if r.details.nickname.is_empty() => r.details.nickname = unescape(&p.text(fallback)).trim().to_string(),
            "ROLE" if r.details.role.is_empty() => r.details.role = unescape(&p.text(fallback)).trim().to_string(),
            "URL" if r.details.website.is_empty() => r.details.website = unescape(&p.text(fallback)).trim().to_string(),
            "TITLE" if r.title.is_empty() => r.title = unescape(&p.text(fallback)).trim().to_string(),
            "NOTE" => {
                let t = unescape(&p.text(fallback)).trim().to_string();
                if !t.is_empty() {
                    if !r.notes.is_empty() {
                        r.notes.push('\n');
                    }
                    r.notes.push_str(&t);
                }
            }
            "BDAY" => {
                let t = p.text(fallback).trim().to_string();
                match super::conventions::birthday(super::mapping::Preset::Vcard, "BDAY", &t) {
                    Ok(b) => r.birthday = b.unwrap_or_default(),
                    Err(_) => out.warnings.push(Problem {
                        line,
                        card: Some(number),
                        field: Some("BDAY".into()),
                        message: format!("“{t}” is not a date; the birthday was left out."),
                    }),
                }
            }
            "ADR" => {
                let parts = split_unescape(&p.text(fallback), ';');
                let part = |i: usize| parts.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
                // PO box, extended address and street are the street lines.
                let street = (0..3).map(part).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n");
                let a = AddressInput {
                    kind: AddressKind::from_label(&p.types().unwrap_or_default()),
                    street,
                    city: part(3),
                    region: part(4),
                    postcode: part(5),
                    country: part(6),
                };
                if !a.is_empty() {
                    r.addresses.push(a);
                }
            }
            "LABEL" => {
                let t = unescape(&p.text(fallback)).trim().to_string();
                if !t.is_empty() {
                    labels.push(AddressInput { street: t, ..AddressInput::new(AddressKind::from_label(&p.types().unwrap_or_default())) });
                }
            }
            "TEL" | "EMAIL" => {
                let mut v = unescape(&p.text(fallback)).trim().to_string();
                if let Some(rest) = v.strip_prefix("tel:").filter(|_| p.name == "TEL") {
                    v = rest.to_string();
                }
                if v.is_empty() {
                    continue;
                }
                let pref = p.params.iter().any(|(k, v)| {
                    (k == "PREF" && v.trim() == "1") || (k == "TYPE" && v.split(',').any(|t| t.trim().trim_matches('"').eq_ignore_ascii_case("pref")))
                });
                let l = Labelled { value: v, label: p.types(), field: p.name.as_str().into(), pref };
                if p.name == "TEL" { r.phones.push(l) } else { r.emails.push(l) }
            }
            "CATEGORIES" => {
                for t in split_unescape(&p.text(fallback), ',') {
                    for t in crate::usecases::tags::split_list(&t) {
                        if !r.tags.contains(&t) {
                            r.tags.push(t);
                        }
                    }
                }
            }
            name if name.starts_with("X-") && name.len() > 2 => {
                let t = unescape(&p.text(fallback)).trim().to_string();
                if !t.is_empty() && !long(&t) {
                    r.custom.push((name.into(), t));
                }
            }
            _ => {}
        }
        for (f, v) in [("N", &r.last_name), ("N", &r.first_name), ("FN", &fn_name), ("ORG", &r.company), ("TITLE", &r.title), ("NOTE", &r.notes)] {
            if long(v) && problems.is_empty() {
                problems.push(Problem {
                    line,
                    card: Some(number),
                    field: Some(f.into()),
                    message: format!("the value is longer than {FIELD_MAX_CHARS} characters. Shorten it in the source program."),
                });
            }
        }
    }
    for l in labels {
        if !r.addresses.iter().any(|a| a.kind == l.kind) {
            r.addresses.push(l);
        }
    }
    if r.first_name.is_empty() && r.last_name.is_empty() {
        r.full_name = fn_name;
    } else {
        // The card's own name is kept whole beside its parts.
        r.details.display_name = fn_name;
    }
    if !problems.is_empty() {
        out.problems.extend(problems);
        return;
    }
    out.records.push(r);
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::interop::fixtures;

    fn fixture(rel: &str) -> Vec<u8> {
        fixtures::real(&format!("vcard/{rel}"))
    }

    fn own(rel: &str) -> Vec<u8> {
        fixtures::own(&format!("vcard/{rel}"))
    }

    fn phones(r: &ImportRecord) -> Vec<(&str, Option<&str>)> {
        r.phones.iter().map(|p| (p.value.as_str(), p.label.as_deref())).collect()
    }

    // The project's own files: each quirk of the phones' and mail programs' exports.

    #[test]
    fn phone_21_quoted_printable_split_inside_a_character_and_a_card_with_only_an_email() {
        let r = read(&own("android_v21_qp.vcf"), "a.vcf").unwrap();
        assert_eq!((r.cards, r.encoding), (3, "UTF-8"));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(names(&r), vec!["||", "Пётр|Кузнецов-Ягудин|", "Lena|Marsh|"]);
        assert_eq!(r.records[0].emails[0].value, "lena.marsh@example.org");
        let p = &r.records[1];
        // "=D0=" + soft break + "=B5...": the bytes are joined before decoding.
        assert_eq!(p.last_name, "Кузнецов-Ягудин");
        assert_eq!(p.notes, "Склад на Заводской, ворота 3.\r\nЗвонить до 17:00.");
        // A stray byte after the last character is dropped, not kept as garbage.
        assert_eq!(p.company, "ООО «Стройпоставка»");
        assert_eq!(
            phones(p),
            vec![
                ("+7 912 000-11-22", Some("cell")),
                ("+7 343 222-33-44", Some("home")),
                ("+7 912 555-66-77", Some("cell")),
                ("+7 343 999-88-77", Some("home"))
            ]
        );
        // The folded base64 photo and its blank terminator line are skipped whole.
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        let l = &r.records[2];
        assert_eq!((l.company.as_str(), l.title.as_str()), ("Marsh Bakery", "Owner"));
        assert_eq!(l.emails.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(), vec!["lena@marsh-bakery.example", "lena.marsh@example.org"]);
        assert_eq!(phones(l), vec![("+44 20 7946 0321", Some("work"))]);
    }

    #[test]
    fn phone_21_raw_windows_1251_without_charset_is_detected() {
        let r = read(&own("phone_v21_cp1251.vcf"), "u.vcf").unwrap();
        assert_eq!((r.encoding, r.cards), ("windows-1251", 1));
        assert_eq!(names(&r), vec!["Віра|Ковальчук|"]);
        assert_eq!(r.records[0].company, "Київська свічка");
        assert_eq!(phones(&r.records[0]), vec![("+380 44 123 45 67", Some("cell"))]);
    }

    #[test]
    fn vcard_30_folded_mid_word_with_escapes_groups_and_categories() {
        let r = read(&own("evolution_v30_folded.vcf"), "e.vcf").unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let a = &r.records[0];
        assert_eq!((a.first_name.as_str(), a.last_name.as_str()), ("Adaeze", "Okonkwo"));
        assert_eq!(a.company, "Lagos Lighting Ltd, Nigeria");
        assert_eq!(a.title, "Head of Procurement");
        // `item1.EMAIL`, folded in the middle of the address.
        assert_eq!(a.emails.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(), vec!["adaeze.okonkwo@lagos-lighting.example"]);
        assert_eq!(phones(a), vec![("+234 803 555 0142", Some("cell")), ("+234 1 555 0100", Some("work"))]);
        assert_eq!(
            a.notes,
            "Prefers calls before noon; never on Fridays. Orders for three warehouses, Lagos, Abuja and Kano, are placed together at the start of each quarter.\nAsk for the annual price list."
        );
        assert_eq!(a.birthday, "1979-11-02");
    }

    #[test]
    fn vcard_40_with_a_bom_beside_charset_and_cr_cr_lf_line_ends() {
        let r = read(&own("v40_bom_crcrlf.vcf"), "z.vcf").unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let z = &r.records[0];
        assert_eq!((z.first_name.as_str(), z.last_name.as_str(), z.company.as_str()), ("Zoë", "Ångström", "Nordljus AB"));
        assert_eq!(phones(z), vec![("+46-8-555-0100;ext=12", Some("work")), ("+46-70-555-0199", Some("cell"))]);
        assert_eq!(z.emails[0].value, "zoe@nordljus.example");
        assert_eq!(z.birthday, "--04-15");
    }

    fn names(r: &VcardRead) -> Vec<String> {
        r.records.iter().map(|x| format!("{}|{}|{}", x.first_name, x.last_name, x.full_name)).collect()
    }

    #[test]
    #[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
    fn real_ukrainian_cp1251_without_charset_decodes_exactly() {
        let r = read(&fixture("v21_ukrainian_cp1251_8bit.vcf"), "u.vcf").unwrap();
        assert_eq!(r.encoding, "windows-1251");
        assert_eq!(r.cards, 1);
        assert_eq!(names(&r), vec!["Віталій|Кличко|"]);
    }

    #[test]
    #[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
    fn real_android_qp_with_split_utf8_and_cards_without_names() {
        let r = read(&fixture("v21_android_multi_qp_photo.vcf"), "a.vcf").unwrap();
        assert_eq!(r.cards, 6);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.records.len(), 6);
        assert_eq!(r.records[0].emails[0].value, "john.doe@company.com");
        assert_eq!(r.records[1].emails[0].value, "jane.doe@company.com");
        assert_eq!(r.records[2].last_name, "Ñ Ñ Ñ Ñ");
        // A soft line break in the middle of "=C3=91=\r\n=20": joined before decoding.
        assert_eq!(r.records[3].last_name, "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ");
        assert_eq!(
            r.records[3].phones.iter().map(|p| (p.value.as_str(), p.label.as_deref())).collect::<Vec<_>>(),
            vec![("123456", Some("cell")), ("234567", Some("home")), ("3456789", Some("cell")), ("45678901", Some("home"))]
        );
        assert_eq!(r.records[4].first_name, "Ñ Ñ Ñ");
        assert_eq!(r.records[4].last_name, "Ñ Ñ");
        assert_eq!(r.records[4].company, "ÑÑÑÑÑÑÑÑÑÑÑÑ");
        assert_eq!(r.records[4].emails[0].value, "bob@company.com");
        assert_eq!(r.records[4].emails[1].value, "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ");
        assert_eq!(r.records[5].company, "Ñ".repeat(44));
    }

    #[test]
    #[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
    fn real_syncevolution_sixteen_cards_with_umlauts_and_escapes() {
        let r = read(&fixture("v21_syncevolution_16_contacts.vcf"), "s.vcf").unwrap();
        assert_eq!(r.cards, 16);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.records.len(), 16);
        let by_nick = |first: &str| r.records.iter().find(|x| x.first_name == first).unwrap_or_else(|| panic!("{first}: {:?}", names(&r)));
        let umlaut = by_nick("Ä");
        assert_eq!(umlaut.last_name, "Ü");
        let special = by_nick("First ; special ;");
        assert_eq!(special.last_name, "Last");
        let john = by_nick("John");
        assert_eq!(john.last_name, "Doe");
        assert_eq!(john.company, "Test Inc.");
        assert_eq!(john.title, "Senior Tester");
        assert_eq!(john.birthday, "2006-01-08");
        assert_eq!(
            john.emails.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(),
            vec!["john.doe@work.com", "john.doe@home.priv", "john.doe@other.world", "john.doe@yet.another.world"]
        );
        assert_eq!(john.phones.len(), 4);
        let incomplete = r.records.iter().find(|x| x.last_name == "incomplete").unwrap();
        assert!(incomplete.emails.is_empty(), "an empty EMAIL: is no address");
        let lines = r.records.iter().find(|x| x.last_name == "breaks").unwrap();
        assert!(lines.notes.contains("This is line 1.\r\nLine 2.\r\n\r\nLine breaks in vcard 2.1 are encoded as =0D=0A."), "{:?}", lines.notes);
        let long = r.records.iter().find(|x| x.last_name == "line").unwrap();
        assert!(long.notes.contains("Does folding insert a crlf before a space"));
    }

    #[test]
    #[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
    fn real_evolution_30_folded_and_rfc6350_40() {
        let r = read(&fixture("v30_evolution_folded.vcf"), "e.vcf").unwrap();
        let j = &r.records[0];
        assert_eq!((j.first_name.as_str(), j.last_name.as_str(), j.company.as_str(), j.title.as_str()), ("John", "Doe", "IBM", "Money Counter"));
        assert_eq!(j.emails[0].value, "john.doe@ibm.com");
        assert_eq!(
            j.phones.iter().map(|p| (p.value.as_str(), p.label.as_deref())).collect::<Vec<_>>(),
            vec![("905-666-1234", Some("cell")), ("905-555-1234", Some("work"))]
        );
        assert!(j.notes.starts_with("THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO,"), "{}", j.notes);
        assert!(j.notes.contains("(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS"));
        assert_eq!(j.birthday, "1980-03-22");

        let r = read(&fixture("v40_rfc6350_example.vcf"), "r.vcf").unwrap();
        let s = &r.records[0];
        assert_eq!((s.first_name.as_str(), s.last_name.as_str(), s.company.as_str()), ("Simon", "Perreault", "Viagenie"));
        assert_eq!(s.birthday, "--02-03");
        assert_eq!(
            s.phones.iter().map(|p| (p.value.as_str(), p.label.as_deref())).collect::<Vec<_>>(),
            vec![("+1-418-656-9254;ext=102", Some("work")), ("+1-418-262-6501", Some("work,cell,video,text"))]
        );
        assert_eq!(s.emails[0].value, "simon.perreault@viagenie.ca");
    }

    #[test]
    fn cut_short_and_garbage_cards_are_reported_with_position() {
        let r = read(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo", "c.vcf").unwrap();
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.problems.len(), 1);
        assert_eq!((r.problems[0].card, r.problems[0].line), (Some(2), 5));
        let long = format!("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nNOTE:{}\nEND:VCARD\n", "x".repeat(10_000_000));
        let r = read(long.as_bytes(), "l.vcf").unwrap();
        assert_eq!((r.problems.len(), r.problems[0].field.as_deref(), r.problems[0].line), (1, Some("NOTE"), 4));
        assert_eq!(read(b"hello world", "h.vcf").unwrap_err().code, ErrorCode::InvalidFile);
    }

    /// Mangled files (truncated, bytes flipped, lines swapped) never panic.
    fn mangle_all(files: &[(&str, Vec<u8>)]) {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for (f, base) in files {
            for _ in 0..200 {
                let mut b = base.clone();
                match next() % 4 {
                    0 => b.truncate((next() as usize) % (b.len() + 1)),
                    1 => {
                        for _ in 0..8 {
                            let i = (next() as usize) % b.len();
                            b[i] = next() as u8;
                        }
                    }
                    2 => {
                        let i = (next() as usize) % b.len();
                        b.insert(i, [b'=', b'\\', b';', b':', b'"', b'\n', b' ', 0xC3][(next() % 8) as usize]);
                    }
                    _ => b.reverse(),
                }
                let _ = read(&b, f);
            }
        }
    }

    #[test]
    fn mangled_input_never_panics() {
        mangle_all(&["android_v21_qp.vcf", "phone_v21_cp1251.vcf", "evolution_v30_folded.vcf", "v40_bom_crcrlf.vcf"].map(|f| (f, own(f))));
    }

    #[test]
    #[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
    fn real_mangled_input_never_panics() {
        mangle_all(
            &[
                "v21_android_multi_qp_photo.vcf",
                "v21_syncevolution_16_contacts.vcf",
                "v21_ukrainian_cp1251_8bit.vcf",
                "v30_evolution_folded.vcf",
                "v40_rfc6350_example.vcf",
            ]
            .map(|f| (f, fixture(f))),
        );
    }
}
