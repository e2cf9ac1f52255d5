//! A table from another program: a CSV file (with the contacts' encoding
//! and delimiter detection) or an Excel workbook (XLSX: the chosen sheet or
//! the first one with data; merged header cells spread over their columns).
//! The deal and order imports read their rows through this.

use super::Problem;
use super::csv::{CsvFile, MAX_COLUMNS};
use crate::error::{Error, ErrorCode, Result};
use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use std::io::Cursor;

/// What a table was read from, for the preview.
#[derive(Debug)]
pub struct Table {
    /// `csv` or `xlsx`.
    pub kind: &'static str,
    /// The CSV's encoding, or `xlsx`.
    pub encoding: &'static str,
    /// The CSV's delimiter (none for a workbook).
    pub delimiter: Option<char>,
    /// The workbook's sheet the rows come from.
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    body: Body,
}

#[derive(Debug)]
enum Body {
    Csv(CsvFile),
    /// Rows of a sheet with their row numbers (1-based, as Excel shows them).
    Grid(Vec<(u64, Vec<String>)>),
}

/// Whether the bytes are a ZIP container (XLSX is one).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

impl Table {
    /// Reads a CSV or XLSX file; `sheet` chooses a workbook's sheet by name.
    pub fn read(bytes: &[u8], name: &str, sheet: Option<&str>) -> Result<Table> {
        if is_xlsx(bytes) {
            return read_xlsx(bytes, name, sheet);
        }
        if let Some(s) = sheet {
            return Err(Error::validation("sheet", format!("{name} is a CSV file; it has no sheet “{s}”. Leave the sheet out.")));
        }
        let f = CsvFile::read(bytes, name)?;
        Ok(Table { kind: "csv", encoding: f.encoding, delimiter: Some(f.delimiter as char), sheet: None, headers: f.headers.clone(), body: Body::Csv(f) })
    }

    /// Every data row: `f` gets its line (CSV) or row (XLSX), its cells and
    /// its problems. Returns the number of data rows and the warnings.
    pub fn each(&self, name: &str, mut f: impl FnMut(u64, &[&str], Vec<Problem>) -> Result<()>) -> Result<(u64, Vec<Problem>)> {
        match &self.body {
            Body::Csv(c) => c.each_cells(name, f),
            Body::Grid(rows) => {
                for (line, cells) in rows {
                    let v: Vec<&str> = cells.iter().map(String::as_str).collect();
                    f(*line, &v, vec![])?;
                }
                Ok((rows.len() as u64, vec![]))
            }
        }
    }

    /// About how many data rows there are, without reading them: a
    /// workbook's count, or a CSV's lines after the header.
    pub fn rows_hint(&self) -> usize {
        match &self.body {
            Body::Csv(c) => c.lines_after_header(),
            Body::Grid(rows) => rows.len(),
        }
    }

    /// The first `n` data rows as they are, for the user choosing the mapping.
    pub fn samples(&self, n: usize) -> Vec<(u64, Vec<String>)> {
        match &self.body {
            Body::Csv(c) => c.samples(n),
            Body::Grid(rows) => rows.iter().take(n).cloned().collect(),
        }
    }
}

fn bad(name: &str, what: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::InvalidFile, format!("{name} cannot be read as an Excel workbook ({what}). Save it again as .xlsx or as CSV and choose that file."))
}

fn read_xlsx(bytes: &[u8], name: &str, sheet: Option<&str>) -> Result<Table> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(name, e))?;
    let names = wb.sheet_names();
    let candidates: Vec<String> = match sheet {
        Some(s) => {
            let Some(found) = names.iter().find(|n| n.trim().to_lowercase() == s.trim().to_lowercase()) else {
                return Err(Error::validation("sheet", format!("{name} has no sheet “{s}”. Its sheets: {}.", names.join(", "))));
            };
            vec![found.clone()]
        }
        None => names.clone(),
    };
    for sheet_name in candidates {
        let range = wb.worksheet_range(&sheet_name).map_err(|e| bad(name, e))?;
        let Some((row0, col0)) = range.start() else { continue };
        let (height, width) = range.get_size();
        if width > MAX_COLUMNS {
            return Err(Error::new(
                ErrorCode::InvalidFile,
                format!(
                    "{name}, sheet “{sheet_name}”: it has {width} columns; a table of deals or orders has at most {MAX_COLUMNS}. Check that this is the right file."
                ),
            ));
        }
        let mut grid: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
        let Some(header_at) = grid.iter().position(|r| r.iter().any(|c| !c.trim().is_empty())) else { continue };
        // Merged cells hold their value in the top-left cell only: spread it
        // over the region, so a header over two columns names both, and a
        // header merged over two rows names the column below.
        let merged = wb.merge_cells_by_sheet_name(&sheet_name).unwrap_or_default();
        let mut header_end = header_at;
        for m in &merged {
            let (r0, c0) = (m.start.0.saturating_sub(row0) as usize, m.start.1.saturating_sub(col0) as usize);
            let (r1, c1) = (m.end.0.saturating_sub(row0) as usize, m.end.1.saturating_sub(col0) as usize);
            let v = grid.get(r0).and_then(|r| r.get(c0)).cloned().unwrap_or_default();
            for row in grid.iter_mut().take(r1 + 1).skip(r0) {
                for c in row.iter_mut().take(c1 + 1).skip(c0) {
                    *c = v.clone();
                }
            }
            if r0 == header_at {
                header_end = header_end.max(r1.min(height.saturating_sub(1)));
            }
        }
        // A header of several rows (a group over its columns): each column
        // is named by its lowest non-empty header cell.
        let headers: Vec<String> = (0..width)
            .map(|c| (header_at..=header_end).rev().find_map(|r| grid[r].get(c).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())).unwrap_or_default())
            .collect();
        let rows = grid
            .drain(header_end + 1..)
            .enumerate()
            .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
            .map(|(i, r)| (row0 as u64 + (header_end + 1 + i) as u64 + 1, r))
            .collect();
        return Ok(Table { kind: "xlsx", encoding: "xlsx", delimiter: None, sheet: Some(sheet_name), headers, body: Body::Grid(rows) });
    }
    Err(Error::new(ErrorCode::InvalidFile, format!("{name} has no sheet with data. Export the table again and choose the new file.")))
}

/// A cell as text: numbers as they would be typed, dates as `YYYY-MM-DD`
/// (with the time when there is one).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial date (days since 1899-12-30) as text.
fn excel_date(serial: f64) -> String {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
    let days = serial.floor();
    let Some(date) = base.checked_add_signed(Duration::days(days as i64)) else { return serial.to_string() };
    let secs = ((serial - days) * 86_400.0).round() as i64;
    if secs == 0 { date.to_string() } else { format!("{date} {:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_dates_read_as_dates() {
        assert_eq!(excel_date(45366.0), "2024-03-15");
        assert_eq!(excel_date(45366.5), "2024-03-15 12:00:00");
    }

    #[test]
    fn a_csv_names_no_sheet() {
        let t = Table::read(b"Deal,Amount\nA,10\n", "d.csv", None).unwrap();
        assert_eq!(t.kind, "csv");
        assert_eq!(t.headers, ["Deal", "Amount"]);
        assert!(Table::read(b"Deal,Amount\nA,10\n", "d.csv", Some("Sheet1")).is_err());
    }
}
