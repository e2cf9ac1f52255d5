//! CSV files from other programs: encoding and delimiter detection, quoted
//! fields (embedded newlines, tabs, doubled quotes), ragged rows.

use super::encoding;
use super::mapping::{self, ColumnMapping};
use super::{ImportRecord, Problem};
use crate::error::{Error, ErrorCode, Result};

/// More columns than this in one row is not a contact list.
pub const MAX_COLUMNS: usize = 1_000;

/// A decoded CSV file, ready to be read row by row.
#[derive(Debug)]
pub struct CsvFile {
    pub encoding: &'static str,
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// Line of the header row (1-based).
    pub header_line: u64,
    text: String,
    /// Lines of a UTF-8 file that are not valid UTF-8 (1-based, ascending):
    /// their rows are refused, never re-decoded in another encoding.
    pub invalid_lines: Vec<u64>,
}

/// What reading the rows gave.
#[derive(Debug, Default)]
pub struct Rows {
    pub records: Vec<ImportRecord>,
    /// Problems that refuse the import.
    pub problems: Vec<Problem>,
    /// Things the user should know that do not stop the import (ragged rows).
    pub warnings: Vec<Problem>,
    /// Data rows seen (not counting the header and blank lines).
    pub total_rows: u64,
}

fn reader(text: &str, delimiter: u8) -> ::csv::Reader<&[u8]> {
    ::csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes())
}

/// Picks the delimiter that splits the first rows into the same number (> 1)
/// of fields most consistently: comma, semicolon, tab or pipe.
pub fn detect_delimiter(text: &str) -> u8 {
    let sample = match text.char_indices().nth(256 * 1024) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b';', b'\t', b'|'] {
        let mut r = reader(sample, d);
        let mut rec = ::csv::ByteRecord::new();
        let mut counts = vec![];
        while counts.len() < 30 && r.read_byte_record(&mut rec).unwrap_or(false) {
            counts.push(rec.len());
        }
        let Some(&first) = counts.first() else { continue };
        if first < 2 {
            continue;
        }
        let same = counts.iter().filter(|&&n| n == first).count();
        if (same, first) > (best.1, best.2) {
            best = (d, same, first);
        }
    }
    best.0
}

impl CsvFile {
    /// Decodes and looks at a file. `name` is used in messages.
    pub fn read(bytes: &[u8], name: &str) -> Result<CsvFile> {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::new(ErrorCode::InvalidFile, format!("{name} is empty. Export the contacts again and choose the new file.")));
        }
        if let Some(what) = encoding::looks_binary(bytes) {
            return Err(Error::new(
                ErrorCode::InvalidFile,
                format!("{name} is {what}, not a CSV or vCard file. Export the contacts as CSV or vCard and choose that file."),
            ));
        }
        let d = encoding::decode(bytes);
        let delimiter = detect_delimiter(&d.text);
        let mut r = reader(&d.text, delimiter);
        let mut rec = ::csv::ByteRecord::new();
        let mut header_line = 0;
        let mut lines = LineCounter::new(&d.text);
        let mut headers = vec![];
        while r.read_byte_record(&mut rec).map_err(|e| csv_error(name, &e))? {
            if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            header_line = lines.at(rec.position());
            if rec.len() > MAX_COLUMNS {
                return Err(Error::new(
                    ErrorCode::InvalidFile,
                    format!(
                        "{name}:{header_line}: the header row has {} columns; a contact list has at most {MAX_COLUMNS}. Check that this is the right file.",
                        rec.len()
                    ),
                ));
            }
            headers = rec.iter().map(|f| String::from_utf8_lossy(f).trim().trim_start_matches('\u{feff}').to_string()).collect();
            break;
        }
        if headers.is_empty() {
            return Err(Error::new(ErrorCode::InvalidFile, format!("{name} has no header row. The first line must name the columns.")));
        }
        if let Some(bad) = d.invalid_lines.iter().find(|l| **l <= header_line) {
            return Err(Error::new(
                ErrorCode::InvalidFile,
                format!("{name}:{bad}: the header row is not valid UTF-8 (the rest of the file is). Save the file as UTF-8 again and choose it."),
            ));
        }
        check_quotes(&d.text, delimiter, &headers, name)?;
        Ok(CsvFile { encoding: d.encoding, delimiter, headers, header_line, text: d.text, invalid_lines: d.invalid_lines })
    }

    /// Size of the decoded text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Lines after the header: the rows, give or take values that span
    /// lines (a quick count of line ends, without parsing).
    pub fn lines_after_header(&self) -> usize {
        self.text.bytes().filter(|b| *b == b'\n').count().saturating_sub(self.header_line as usize)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The raw values of the first `n` data rows, with their lines: what the
    /// user looks at while choosing the mapping. Long values are cut.
    pub fn samples(&self, n: usize) -> Vec<(u64, Vec<String>)> {
        let mut out = vec![];
        let mut r = reader(&self.text, self.delimiter);
        let mut rec = ::csv::ByteRecord::new();
        let mut lines = LineCounter::new(&self.text);
        let mut past_header = false;
        while out.len() < n && r.read_byte_record(&mut rec).unwrap_or(false) {
            let line = lines.at(rec.position());
            if !past_header {
                past_header = line >= self.header_line;
                continue;
            }
            if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            let cells = rec
                .iter()
                .take(self.headers.len())
                .map(|f| {
                    let v = String::from_utf8_lossy(f);
                    let v = v.trim();
                    if v.chars().count() > 200 { format!("{}…", v.chars().take(200).collect::<String>()) } else { v.to_string() }
                })
                .collect();
            out.push((line, cells));
        }
        out
    }

    /// Reads data rows through a mapping, keeping at most `limit` records.
    pub fn rows(&self, name: &str, mapping: &[ColumnMapping], limit: Option<usize>) -> Result<Rows> {
        let mut records = vec![];
        let mut problems = vec![];
        let (total_rows, warnings) = self.each_row(name, mapping, |r, mut p| {
            problems.append(&mut p);
            if limit.is_none_or(|l| records.len() < l) {
                records.push(r);
            }
            Ok(())
        })?;
        Ok(Rows { records, problems, warnings, total_rows })
    }

    /// Streams data rows through a mapping: `f` gets each record with the
    /// problems of that row (usually none). Returns the number of data rows
    /// and the warnings (ragged rows).
    pub fn each_row(&self, name: &str, mapping: &[ColumnMapping], mut f: impl FnMut(ImportRecord, Vec<Problem>) -> Result<()>) -> Result<(u64, Vec<Problem>)> {
        let headers: Vec<std::sync::Arc<str>> = mapping.iter().map(|m| m.header.as_str().into()).collect();
        self.each_cells(name, |line, fields, mut problems| {
            if fields.is_empty() {
                return f(ImportRecord { line, ..Default::default() }, problems);
            }
            let record = mapping::apply(mapping, &headers, line, fields, &mut problems);
            f(record, problems)
        })
    }

    /// Streams data rows as their cells (any kind of record: contacts,
    /// deals, orders): `f` gets the line, the cells (our export's formula
    /// guard taken off) and the row's problems (a row with too many fields
    /// comes with no cells). Returns the number of data rows and the
    /// warnings (ragged rows).
    pub fn each_cells(&self, name: &str, mut f: impl FnMut(u64, &[&str], Vec<Problem>) -> Result<()>) -> Result<(u64, Vec<Problem>)> {
        let mut warnings = vec![];
        let mut total_rows = 0;
        let mut r = reader(&self.text, self.delimiter);
        // A StringRecord checks each record's UTF-8 once, not field by field.
        let mut rec = ::csv::StringRecord::new();
        let ncols = self.headers.len();
        let mut past_header = false;
        let mut lines = LineCounter::new(&self.text);
        while r.read_record(&mut rec).map_err(|e| csv_error(name, &e))? {
            let line = lines.at(rec.position());
            if !past_header {
                past_header = line >= self.header_line;
                continue;
            }
            if rec.iter().all(|f| f.bytes().all(|b| b.is_ascii_whitespace())) {
                continue;
            }
            total_rows += 1;
            if rec.len() > MAX_COLUMNS {
                f(
                    line,
                    &[],
                    vec![Problem::at(
                        line,
                        None,
                        format!("the row has {} fields; the header has {ncols}. Check the quotes on this line and the one before.", rec.len()),
                    )],
                )?;
                continue;
            }
            if rec.len() != ncols {
                warnings.push(Problem::at(
                    line,
                    None,
                    format!(
                        "the row has {} fields but the header has {ncols}; {}.",
                        rec.len(),
                        if rec.len() < ncols { "the missing ones are read as empty" } else { "the extra ones are ignored" }
                    ),
                ));
            }
            // Cells our own export neutralised against formula injection come back as they were.
            let fields: Vec<&str> = rec.iter().map(super::export::restore).collect();
            let mut problems = vec![];
            if !self.invalid_lines.is_empty() {
                self.invalid_utf8_problems(line, &fields, &mut problems);
            }
            f(line, &fields, problems)?;
        }
        Ok((total_rows, warnings))
    }
}

impl CsvFile {
    /// The problems of a record of a UTF-8 file that has lines of another
    /// encoding: each field holding such bytes (decoded as U+FFFD) is named
    /// with its line. The record is refused; nothing is guessed.
    fn invalid_utf8_problems(&self, line: u64, fields: &[&str], problems: &mut Vec<Problem>) {
        for (i, f) in fields.iter().enumerate().filter(|(_, f)| f.contains('\u{FFFD}')) {
            let at = match self.invalid_lines.binary_search(&line) {
                Ok(k) | Err(k) => self.invalid_lines.get(k).copied().unwrap_or(line),
            };
            let value: String = f.chars().take(60).collect();
            problems.push(Problem::at(
                at,
                self.headers.get(i).map(String::as_str),
                format!(
                    "this line is not valid UTF-8, though the rest of the file is: “{value}” has bytes of another encoding (shown as �). Correct the line, or save the whole file as UTF-8 again; nothing was guessed."
                ),
            ));
        }
    }
}

/// Refuses a file whose quotes would swallow other records: a quote that is
/// never closed, or a quoted value running over lines that look like records
/// of their own (as many delimiters as the header) and that leaves its
/// record with another number of fields than the header, or closes in the
/// middle of a value: a stray quote that happened to close further down.
/// A quoted value over several lines of text (notes) is fine. Names the line
/// where the quote opened and its column. Reads the bytes as the csv reader
/// does: a quote is special only at the start of a field.
fn check_quotes(text: &str, delimiter: u8, headers: &[String], name: &str) -> Result<()> {
    let b = text.as_bytes();
    let ncols = headers.len();
    let record_like = ncols.saturating_sub(1).max(1);
    let (mut i, mut line) = (0usize, 1u64);
    let (mut fields, mut field_start, mut empty) = (1usize, true, true);
    // Where a quoted value that swallowed record-like lines opened in this record: (line, column).
    let mut swallowing: Option<(u64, usize)> = None;
    let column = |k: usize| headers.get(k).map(|h| format!("column “{h}”")).unwrap_or_else(|| format!("column {}", k + 1));
    let refuse = |line: u64, k: usize, what: String| Error {
        code: ErrorCode::InvalidFile,
        message: format!(
            "{name}:{line}: the quote that opens here in {} {what}, so it would swallow the lines after it. Nothing was imported; add the missing quote (or remove the stray one) and import again.",
            column(k)
        ),
        field: headers.get(k).cloned(),
    };
    let end_record = |swallowing: Option<(u64, usize)>, fields: usize, empty: bool| -> Result<()> {
        match swallowing {
            Some((l, k)) if !empty && fields != ncols => {
                Err(refuse(l, k, format!("closes only lines later and leaves its row with {fields} fields instead of the header's {ncols}")))
            }
            _ => Ok(()),
        }
    };
    while i < b.len() {
        let c = b[i];
        if field_start && c == b'"' {
            let (open, k) = (line, fields - 1);
            // Delimiters on the current line inside the value, and whether a
            // whole line inside it looked like a record.
            let (mut spans, mut delims, mut swallowed) = (false, 0usize, false);
            i += 1;
            loop {
                match b.get(i) {
                    None => return Err(refuse(open, k, "is never closed".into())),
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        swallowed |= spans && delims >= record_like;
                        i += 1;
                        break;
                    }
                    Some(b'\n') => {
                        swallowed |= spans && delims >= record_like;
                        (spans, delims) = (true, 0);
                        line += 1;
                        i += 1;
                    }
                    Some(&d) => {
                        delims += usize::from(d == delimiter);
                        i += 1;
                    }
                }
            }
            if swallowed {
                if b.get(i).is_some_and(|n| *n != delimiter && *n != b'\n' && *n != b'\r') {
                    return Err(refuse(open, k, "closes only lines later, in the middle of a value".into()));
                }
                // Three columns or more: a whole line with a delimiter
                // between each is a row of its own, not text of a value.
                if ncols >= 3 {
                    return Err(refuse(open, k, "closes only lines later, after lines that are rows of their own".into()));
                }
                swallowing.get_or_insert((open, k));
            }
            field_start = false;
            empty = false;
            continue;
        }
        if c == delimiter {
            fields += 1;
            field_start = true;
            empty = false;
        } else if c == b'\n' || c == b'\r' {
            end_record(swallowing.take(), fields, empty)?;
            (fields, field_start, empty) = (1, true, true);
            if c == b'\n' {
                line += 1;
            }
        } else {
            field_start = false;
            empty = false;
        }
        i += 1;
    }
    end_record(swallowing, fields, empty)
}

/// Line numbers from byte offsets: the csv crate's own line counter is off
/// by one after CRLF-terminated records, so count `\n` ourselves.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text: text.as_bytes(), byte: 0, line: 1 }
    }
    fn at(&mut self, pos: Option<&::csv::Position>) -> u64 {
        let Some(p) = pos else { return self.line };
        let mut to = (p.byte() as usize).min(self.text.len());
        // After "\r\n" the reported start is the "\n": records start after terminators.
        while to < self.text.len() && matches!(self.text[to], b'\r' | b'\n') {
            to += 1;
        }
        if to >= self.byte {
            self.line += self.text[self.byte..to].iter().filter(|b| **b == b'\n').count() as u64;
            self.byte = to;
        }
        self.line
    }
}

fn csv_error(name: &str, e: &::csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    Error::new(ErrorCode::InvalidFile, format!("{name}:{line}: the file cannot be read as CSV ({e}). Export it again as CSV."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::mapping::{Preset, preset_mapping};

    use crate::interop::fixtures;

    fn fixture(rel: &str) -> Vec<u8> {
        fixtures::real(rel)
    }

    fn own(rel: &str) -> Vec<u8> {
        fixtures::own(&format!("csv/{rel}"))
    }

    fn read_all(bytes: &[u8], preset: Preset) -> (CsvFile, Rows) {
        let f = CsvFile::read(bytes, "test.csv").unwrap();
        let m = preset_mapping(preset, &f.headers);
        let rows = f.rows("test.csv", &m, None).unwrap();
        (f, rows)
    }

    #[test]
    fn delimiters_comma_semicolon_tab() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter("Имя;Фамилия;Телефон\nПётр;Иванов;+7 912, доб. 5\n"), b';');
        assert_eq!(detect_delimiter("a\tb\n\"x, y\"\tz\n"), b'\t');
    }

    // The project's own files: each quirk of the address books' exports.

    #[test]
    fn thunderbird_csv_keeps_doubled_quotes_quoted_commas_tabs_and_newlines() {
        let (f, rows) = read_all(&own("thunderbird_quoting.csv"), Preset::Thunderbird);
        assert_eq!(crate::interop::mapping::detect_preset(&f.headers), Preset::Thunderbird);
        assert_eq!((f.encoding, f.delimiter, f.headers.len()), ("UTF-8", b',', 37));
        assert!(rows.problems.is_empty(), "{:?}", rows.problems);
        assert_eq!(rows.records.len(), 2);
        let m = &rows.records[0];
        assert_eq!((m.first_name.as_str(), m.last_name.as_str(), m.full_name.as_str()), ("Marta", "Kowalska", "Marta Anna Kowalska"));
        assert_eq!(m.emails[0].value, "marta@kowalska.example");
        assert_eq!(m.phones.iter().map(|p| p.value.as_str()).collect::<Vec<_>>(), vec!["+48 22 555 01 10", "+48 601 555 010"]);
        let p = &rows.records[1];
        assert_eq!(p.title, "\"buyer\"");
        assert_eq!(p.company, "De Vries, Hoek & Co");
        // An LF inside a quoted field while the records end in CR LF; a TAB; a non-ASCII ellipsis.
        assert_eq!(p.notes, "pays on time, 30 days\ncalls\tafter 10\nlikes the new range…");
        // Thunderbird's Custom 1 keeps its name (a custom field), not merged into the notes.
        assert_eq!(p.custom.iter().map(|(h, v)| (&**h, v.as_str())).collect::<Vec<_>>(), vec![("Custom 1", "route 7")]);
        assert_eq!((m.line, p.line), (2, 3));
    }

    #[test]
    fn google_csv_wide_header_with_group_lists_several_addresses_in_a_cell_and_a_multi_line_address() {
        let (f, rows) = read_all(&own("google_contacts.csv"), Preset::Google);
        assert_eq!(crate::interop::mapping::detect_preset(&f.headers), Preset::Google);
        assert_eq!(f.headers.len(), 58);
        assert!(rows.problems.is_empty(), "{:?}", rows.problems);
        let summary: Vec<(&str, &str, Vec<&str>)> =
            rows.records.iter().map(|r| (r.first_name.as_str(), r.last_name.as_str(), r.emails.iter().map(|e| e.value.as_str()).collect())).collect();
        assert_eq!(
            summary,
            vec![
                ("Jonas", "Berg", vec!["jonas@berg.example", "jonas.berg@berg-soner.example", "inkop@berg-soner.example", "jb@example.org"]),
                ("Mei", "Chen", vec!["mei.chen@harbour.example"]),
            ]
        );
        let j = &rows.records[0];
        assert_eq!(j.notes, "Says \"call me after lunch\".\nMet at the Göteborg fair.");
        assert_eq!((j.company.as_str(), j.title.as_str(), j.birthday.as_str()), ("Berg & Söner AB", "Inköpschef", "1981-07-30"));
        assert_eq!(j.phones.iter().map(|p| p.value.as_str()).collect::<Vec<_>>(), vec!["+46 70 555 01 23", "+46 31 555 02 00"]);
        // Newlines inside the notes and the address cell do not break the record: the next row starts on line 6.
        assert_eq!(rows.records[1].line, 6);
    }

    #[test]
    fn outlook_unicode_csv_utf16le_with_a_bom() {
        let (f, rows) = read_all(&own("outlook_utf16le_bom.csv"), Preset::Outlook);
        assert_eq!(crate::interop::mapping::detect_preset(&f.headers), Preset::Outlook);
        assert_eq!((f.encoding, f.delimiter), ("UTF-16LE", b','));
        assert!(rows.problems.is_empty(), "{:?}", rows.problems);
        let a = &rows.records[0];
        assert_eq!((a.first_name.as_str(), a.last_name.as_str(), a.company.as_str()), ("Анна", "Смирнова", "ООО «Ромашка»"));
        assert_eq!(a.emails[0].value, "anna@romashka.example");
        assert_eq!(rows.records[1].last_name, "Орлов");
    }

    #[test]
    fn russian_excel_csv_in_windows_1251_with_ragged_rows() {
        let (f, rows) = read_all(&own("excel_cp1251_ragged.csv"), Preset::Generic);
        assert_eq!((f.encoding, f.delimiter), ("windows-1251", b';'));
        assert!(rows.problems.is_empty(), "{:?}", rows.problems);
        assert_eq!(rows.records.iter().map(|r| r.last_name.as_str()).collect::<Vec<_>>(), vec!["Иванов", "Сидорова", "Лебедев"]);
        assert_eq!(rows.records[0].company, "ООО «Ромашка»");
        assert_eq!(rows.records[2].emails[0].value, "igor@lebedev.example");
        // A row short of a field and a row with one too many: read, and noted.
        assert_eq!(rows.warnings.iter().map(|w| w.line).collect::<Vec<_>>(), vec![3, 4]);
    }

    // Real third-party exports (../shared/fixtures), when present.

    #[test]
    #[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
    fn real_thunderbird_export_keeps_quotes_tabs_and_newlines() {
        let (f, rows) = read_all(&fixture("csv/thunderbird_export_quoting.csv"), Preset::Thunderbird);
        assert_eq!((f.encoding, f.delimiter, f.headers.len()), ("UTF-8", b',', 37));
        assert_eq!(rows.records.len(), 2);
        assert!(rows.problems.is_empty(), "{:?}", rows.problems);
        let one = &rows.records[0];
        assert_eq!((one.first_name.as_str(), one.last_name.as_str()), ("contact", "one"));
        assert_eq!(one.emails[0].value, "contact1@invalid");
        let two = &rows.records[1];
        assert_eq!(two.emails.len(), 1);
        assert_eq!(two.emails[0].value, "contact2@invalid");
        assert_eq!(two.title, "\"worker\"");
        assert_eq!(two.notes, "here's some unicode text…");
        // Custom 1–4 keep their names (custom fields), each value as the file wrote it.
        assert_eq!(
            two.custom.iter().map(|(h, v)| (&**h, v.as_str())).collect::<Vec<_>>(),
            vec![("Custom 1", "custom, 1"), ("Custom 2", "custom\t2"), ("Custom 3", "custom\r3"), ("Custom 4", "custom\n4")]
        );
        assert_eq!((one.line, two.line), (2, 3));
    }

    #[test]
    #[ignore = "real export: runs when ../shared/fixtures exists (./dev test)"]
    fn real_google_export_gives_each_row_its_own_email() {
        let (f, rows) = read_all(&fixture("csv/google_legacy_export_roundcube.csv"), Preset::Google);
        assert_eq!(crate::interop::mapping::detect_preset(&f.headers), Preset::Google);
        assert!(rows.problems.is_empty(), "{:?}", rows.problems);
        let summary: Vec<(String, String, Vec<String>)> =
            rows.records.iter().map(|r| (r.first_name.clone(), r.last_name.clone(), r.emails.iter().map(|e| e.value.clone()).collect())).collect();
        insta_like(&summary);
    }

    // Exact expectations for the Google fixture, kept beside the test.
    fn insta_like(summary: &[(String, String, Vec<String>)]) {
        let expected = google_expected();
        assert_eq!(summary, expected.as_slice());
    }

    fn google_expected() -> Vec<(String, String, Vec<String>)> {
        GOOGLE.iter().map(|(f, l, e)| (f.to_string(), l.to_string(), e.iter().map(|s| s.to_string()).collect())).collect()
    }

    const GOOGLE: &[(&str, &str, &[&str])] = &[("Firstname", "Lastname", &["home@aaa.pl", "work@email.pl", "unknown@email.com", "other@email.com"])];

    #[test]
    fn a_quote_that_swallows_records_refuses_the_file_naming_its_line_and_column() {
        // Never closed: the rest of the file would be one first name.
        let e = CsvFile::read(b"First Name,Last Name,Email\nAnna,Smirnova,a@x.ru\n\"Boris,Ivanov,b@x.ru\nVera,Orlova,v@x.ru\n", "stray.csv").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidFile, Some("First Name")));
        assert!(e.message.starts_with("stray.csv:3: ") && e.message.contains("never closed"), "{}", e.message);
        // Closed lines later by another stray quote: the record count changes.
        let e = CsvFile::read(b"First Name,Last Name,Email\n\"Anna,Smirnova,a@x.ru\nBoris,Ivanov,b@x.ru\nVera,Orlova\",v@x.ru\nGleb,Popov,g@x.ru\n", "two.csv")
            .unwrap_err();
        assert!(e.message.starts_with("two.csv:2: ") && e.message.contains("rows of their own"), "{}", e.message);
        // Two columns: the row's field count tells.
        let e = CsvFile::read(b"Name,Email\n\"Anna,a@x.ru\nBoris,b@x.ru\nVera\",v@x.ru,extra\n", "narrow.csv").unwrap_err();
        assert!(e.message.starts_with("narrow.csv:2: ") && e.message.contains("fields instead of the header's 2"), "{}", e.message);
        // Closed lines later, in the middle of a value.
        let e = CsvFile::read(b"Name,Notes\nAnna,\"note\nBoris,x\nVera,y\"tail\nGleb,z\n", "mid.csv").unwrap_err();
        assert!(e.message.starts_with("mid.csv:2: ") && e.message.contains("column “Notes”"), "{}", e.message);
        // Legitimate multi-line values (also in a short row), doubled quotes and quotes inside a value are read.
        let (_, rows) = read_all(b"Name,Notes,Email\nAnna,\"line one\r\nline \"\"two\"\"\"\nBo \"the\" boss,x,b@x.ru\n", Preset::Generic);
        assert!(rows.problems.is_empty());
        assert_eq!(rows.warnings.iter().map(|w| w.line).collect::<Vec<_>>(), vec![2]);
        assert_eq!(rows.records.len(), 2);
        assert_eq!(rows.records[0].notes, "line one\r\nline \"two\"");
    }

    #[test]
    fn a_utf8_file_with_a_few_lines_of_another_encoding_is_not_re_decoded_and_names_them() {
        let mut bytes = b"First Name,Last Name\n".to_vec();
        for i in 0..1000 {
            if i == 500 {
                bytes.extend_from_slice(b"J\xFCrgen,M\xFCller\n"); // Latin-1
            } else {
                bytes.extend_from_slice(format!("Иван{i},Петров\n").as_bytes());
            }
        }
        let f = CsvFile::read(&bytes, "mixed.csv").unwrap();
        assert_eq!((f.encoding, f.invalid_lines.as_slice()), ("UTF-8", &[502][..]));
        let m = preset_mapping(Preset::Generic, &f.headers);
        let rows = f.rows("mixed.csv", &m, None).unwrap();
        assert_eq!(rows.records[0].first_name, "Иван0", "valid rows stay as they are");
        let p: Vec<_> = rows.problems.iter().map(|p| (p.line, p.field.clone())).collect();
        assert_eq!(p, vec![(502, Some("First Name".to_string())), (502, Some("Last Name".to_string()))]);
        // A header of another encoding refuses the file.
        let e = CsvFile::read(b"Stra\xDFe,Name\nx,\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD\n", "h.csv").unwrap_err();
        assert!(e.message.starts_with("h.csv:1: "), "{}", e.message);
    }

    #[test]
    fn ragged_rows_are_read_and_reported_not_refused() {
        let (_, rows) = read_all(b"First Name,Last Name,Email\nAnna,Smirnova\nPetr,Ivanov,p@x.ru,extra\n", Preset::Generic);
        assert_eq!(rows.records.len(), 2);
        assert!(rows.problems.is_empty());
        assert_eq!(rows.warnings.iter().map(|w| w.line).collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(rows.records[1].emails[0].value, "p@x.ru");
    }

    #[test]
    fn legacy_and_utf16_files_read_the_same() {
        let text = "Фамилия;Имя;Телефон;Компания\nИванов;Пётр;+7 912 000 00 00;ООО «Ромашка»\nСмирнова;Анна;+7 913 111 22 33;ИП Смирнова\n";
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        for (bytes, enc) in [(cp.to_vec(), "windows-1251"), (le, "UTF-16LE")] {
            let (f, rows) = read_all(&bytes, Preset::Generic);
            assert_eq!((f.encoding, f.delimiter), (enc, b';'));
            assert_eq!(rows.records[0].last_name, "Иванов");
            assert_eq!(rows.records[0].first_name, "Пётр");
            assert_eq!(rows.records[1].company, "ИП Смирнова");
        }
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        for (bytes, needle) in [
            (&b""[..], "empty"),
            (&b"  \n\n"[..], "empty"),
            (&b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"[..], "PDF"),
            (&b"PK\x03\x04\x14\x00"[..], "ZIP"),
            (&b"\x00\x01\x02garbage"[..], "binary"),
        ] {
            let e = CsvFile::read(bytes, "x.csv").unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidFile);
            assert!(e.message.contains(needle), "{}", e.message);
            assert!(e.message.contains("x.csv"));
        }
        let wide = vec!["c"; 1_000_000].join(",");
        let e = CsvFile::read(wide.as_bytes(), "wide.csv").unwrap_err();
        assert!(e.message.contains("wide.csv:1"), "{}", e.message);
    }

    #[test]
    fn a_huge_field_and_a_huge_row_are_problems_with_line_and_field() {
        let mut s = String::from("Name,Email,Notes\nA,a@x.com,short\n");
        s.push_str(&format!("B,b@x.com,\"{}\"\n", "x".repeat(10 * 1024 * 1024)));
        s.push_str(&format!("{}\n", vec!["y"; 1_000_000].join(",")));
        let (_, rows) = read_all(s.as_bytes(), Preset::Generic);
        assert_eq!(rows.problems.len(), 2, "{:?}", rows.problems.iter().map(|p| &p.message).collect::<Vec<_>>());
        assert_eq!((rows.problems[0].line, rows.problems[0].field.as_deref()), (3, Some("Notes")));
        assert_eq!(rows.problems[1].line, 4);
    }
}
