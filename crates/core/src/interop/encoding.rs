//! Text encodings of files from other programs: BOMs, UTF-8, and legacy
//! single-byte code pages chosen by a statistical detector (chardetng).

use encoding_rs::Encoding;

/// Text decoded from bytes, with the encoding it was read as.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name, e.g. `UTF-8`, `UTF-16LE`, `windows-1251`.
    pub encoding: &'static str,
    pub had_bom: bool,
    /// Lines (1-based, ascending) of a UTF-8 file that are not valid UTF-8;
    /// their bad bytes are U+FFFD in `text`. Empty for every other file.
    pub invalid_lines: Vec<u64>,
}

/// Decodes a whole file: a BOM wins; else valid UTF-8 is UTF-8; else a file
/// whose lines are mostly UTF-8 (with letters beyond ASCII) stays UTF-8 and
/// its few invalid lines are listed, never re-decoded in a guessed code page;
/// else the detector chooses among legacy encodings from the statistics of
/// the whole text.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded { text: text.into_owned(), encoding: enc.name(), had_bom: true, invalid_lines: vec![] };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded { text: s.to_string(), encoding: encoding_rs::UTF_8.name(), had_bom: false, invalid_lines: vec![] };
    }
    let (utf8_lines, invalid_lines) = utf8_lines(bytes);
    if utf8_lines > 0 && utf8_lines >= invalid_lines.len() {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Decoded { text, encoding: encoding_rs::UTF_8.name(), had_bom: false, invalid_lines };
    }
    let enc = detect_legacy(bytes);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc.name(), had_bom: false, invalid_lines: vec![] }
}

/// How many lines hold valid UTF-8 beyond ASCII, and which lines are not valid UTF-8.
fn utf8_lines(bytes: &[u8]) -> (usize, Vec<u64>) {
    let (mut good, mut bad) = (0, vec![]);
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(_) => good += 1,
            Err(_) => bad.push(i as u64 + 1),
        }
    }
    (good, bad)
}

/// The most likely legacy (non-UTF) encoding of `bytes`.
pub fn detect_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut d = chardetng::EncodingDetector::new();
    d.feed(bytes, true);
    d.guess(None, false)
}

/// Decodes a value's bytes that came with an explicit charset label, falling
/// back to `fallback` when the label is unknown.
pub fn decode_with_label(bytes: &[u8], label: &str, fallback: &'static Encoding) -> String {
    let enc = Encoding::for_label(label.trim().as_bytes()).unwrap_or(fallback);
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// Decodes bytes of unknown encoding: UTF-8 when valid, else `fallback`.
pub fn decode_unlabelled(bytes: &[u8], fallback: &'static Encoding) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => fallback.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// True when the bytes are clearly not text: a PDF, an image, an archive, or
/// NUL bytes in a file that had no UTF-16 BOM.
pub fn looks_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or an Excel .xlsx file; save it as CSV first)"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"SQLite format 3\0", "an SQLite database"),
        (b"\xD0\xCF\x11\xE0", "an old Office document (save it as CSV first)"),
        (b"GIF8", "a GIF image"),
    ];
    for (m, what) in MAGIC {
        if bytes.starts_with(m) {
            return Some(what);
        }
    }
    if Encoding::for_bom(bytes).is_none() && bytes.iter().take(64 * 1024).any(|b| *b == 0) {
        return Some("a binary file");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_utf8_and_utf16_both_orders() {
        let s = "Имя,Email\nЁжик,ezhik@example.com\n";
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(s.as_bytes());
        let d = decode(&b);
        assert_eq!((d.text.as_str(), d.encoding, d.had_bom), (s, "UTF-8", true));
        let d = decode(s.as_bytes());
        assert_eq!((d.text.as_str(), d.encoding, d.had_bom), (s, "UTF-8", false));
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!((decode(&le).text.as_str(), decode(&le).encoding), (s, "UTF-16LE"));
        assert_eq!((decode(&be).text.as_str(), decode(&be).encoding), (s, "UTF-16BE"));
        assert!(looks_binary(&le).is_none(), "UTF-16 with a BOM has NULs but is text");
    }

    #[test]
    fn legacy_code_pages_are_detected_from_the_text_not_the_first_bytes() {
        for (text, enc) in [
            ("Фамилия;Имя;Телефон\nИванов;Пётр;+7 912 000 00 00\nСмирнова;Анна;+7 913 111 22 33\n", encoding_rs::WINDOWS_1251),
            ("Name,Stadt\nJürgen Müller,Köln\nFrançoise Château,Besançon\nBjörn Größe,Düsseldorf\n", encoding_rs::WINDOWS_1252),
            ("Όνομα,Πόλη\nΓιώργος Παπαδόπουλος,Αθήνα\nΜαρία Ιωάννου,Θεσσαλονίκη\n", encoding_rs::WINDOWS_1253),
        ] {
            let (bytes, _, unmappable) = enc.encode(text);
            assert!(!unmappable);
            let d = decode(&bytes);
            assert_eq!(d.encoding, enc.name(), "{text}");
            assert_eq!(d.text, text);
        }
    }

    #[test]
    fn a_few_bad_lines_in_a_utf8_file_are_listed_and_every_valid_line_kept() {
        let mut bytes = Vec::new();
        for i in 0..1000 {
            bytes.extend_from_slice(if i == 10 { b"M\xFCller\n".as_slice() } else { "Иван Петров\n".as_bytes() });
        }
        let d = decode(&bytes);
        assert_eq!((d.encoding, d.invalid_lines.as_slice()), ("UTF-8", &[11][..]));
        assert_eq!(d.text.lines().next(), Some("Иван Петров"));
        assert_eq!(d.text.lines().nth(10), Some("M\u{FFFD}ller"));
        // A legacy file is still decoded whole in its code page.
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode("Иван Петров\nАнна Смирнова\n");
        let d = decode(&cp);
        assert_eq!((d.encoding, d.invalid_lines.len()), ("windows-1251", 0));
    }

    #[test]
    fn binary_files_are_recognised() {
        assert!(looks_binary(b"%PDF-1.7\n...").unwrap().contains("PDF"));
        assert!(looks_binary(b"abc\0def").is_some());
        assert!(looks_binary(b"Name,Email\n").is_none());
    }
}
