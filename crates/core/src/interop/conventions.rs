//! What each program means by the values it writes: Outlook's `M/D/YYYY`
//! dates and `0/0/00` for "no date", Google's `--MM-DD` with a leading space
//! and `0000-` for an unknown year, a Russian spreadsheet's `DD.MM.YYYY`.
//! Pure: a raw cell in, Conveyor's form (or "no value") out.

use super::mapping::Preset;
use crate::error::Result;
use crate::validate;

/// A birthday cell as the program that wrote `preset` means it: `Ok(None)`
/// for its "no date" placeholders, the date as `YYYY-MM-DD` or `--MM-DD`, or
/// the usual refusal naming `field` when it cannot be read.
pub fn birthday(preset: Preset, field: &str, raw: &str) -> Result<Option<String>> {
    let v = raw.trim();
    if v.is_empty() || is_placeholder(v) {
        return Ok(None);
    }
    // Google writes an unknown year as 0000 (or as --MM-DD), Apple as 1604.
    if let Some(md) = v.strip_prefix("0000-").or_else(|| v.strip_prefix("0000")).or_else(|| v.strip_prefix("1604-")) {
        return validate::birthday(field, &format!("--{md}")).map(Some);
    }
    if let Some(d) = slashed(preset, v) {
        return Ok(Some(d));
    }
    if let Some(d) = dotted(v) {
        return Ok(Some(d));
    }
    validate::birthday(field, v).map(Some)
}

/// Outlook writes `0/0/00` (or `0/0/0000`, `00.00.0000`) where a contact has no date.
/// A birthday given in three columns (Thunderbird's Birth Year, Birth Month,
/// Birth Day): `YYYY-MM-DD`, or `--MM-DD` without a year (as Google's are
/// kept). `None` when all three are empty.
pub fn birthday_parts(field: &str, year: &str, month: &str, day: &str) -> Result<Option<String>> {
    let (y, m, d) = (year.trim(), month.trim(), day.trim());
    if y.is_empty() && m.is_empty() && d.is_empty() {
        return Ok(None);
    }
    let num = |v: &str| v.parse::<u32>().ok().filter(|n| *n > 0);
    let (Some(m), Some(d)) = (num(m), num(d)) else {
        return Err(crate::error::Error::validation(
            field,
            format!("“{year}/{month}/{day}” (year/month/day) is not a birthday: it needs a month and a day. Fix it in the file or leave it out."),
        ));
    };
    let text = match num(y) {
        None if y.chars().all(|c| c == '0') => format!("--{m:02}-{d:02}"),
        Some(y) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("{y}-{m:02}-{d:02}"),
    };
    validate::birthday(field, &text).map(Some)
}

fn is_placeholder(v: &str) -> bool {
    v.chars().any(|c| c.is_ascii_digit()) && v.chars().all(|c| c == '0' || c == '/' || c == '.' || c == '-')
}

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|x| x.format("%Y-%m-%d").to_string())
}

/// `M/D/YYYY` (Outlook, Outlook.com: the US order); in other files a
/// slashed date is read as `D/M/YYYY` when the first number cannot be a
/// month, and as `M/D/YYYY` otherwise only for Outlook.
fn slashed(preset: Preset, v: &str) -> Option<String> {
    let date = v.split([' ', 'T']).next()?;
    let mut it = date.split('/');
    let (a, b, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 {
        return None;
    }
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    match preset {
        Preset::Outlook => ymd(y, a, b),
        _ if a > 12 => ymd(y, b, a),
        _ if b > 12 => ymd(y, a, b),
        _ => None,
    }
}

/// `DD.MM.YYYY` (Russian and German spreadsheets).
fn dotted(v: &str) -> Option<String> {
    let mut it = v.split('.');
    let (d, m, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 {
        return None;
    }
    ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thunderbird_birthdays_in_three_columns() {
        assert_eq!(birthday_parts("Birth Year", "1979", "04", "23").unwrap().as_deref(), Some("1979-04-23"));
        assert_eq!(birthday_parts("Birth Year", "", "11", "2").unwrap().as_deref(), Some("--11-02"), "no year: a partial birthday");
        assert_eq!(birthday_parts("Birth Year", "0000", "7", "4").unwrap().as_deref(), Some("--07-04"));
        assert_eq!(birthday_parts("Birth Year", " ", "", "").unwrap(), None);
        let e = birthday_parts("Birth Year", "1980", "", "").unwrap_err();
        assert!(e.message.contains("“1980//”"), "{}", e.message);
        assert!(birthday_parts("Birth Year", "1981", "2", "30").is_err(), "there is no 30 February");
    }

    #[test]
    fn outlook_dates_and_placeholders() {
        assert_eq!(birthday(Preset::Outlook, "Birthday", "3/15/1980").unwrap().as_deref(), Some("1980-03-15"));
        assert_eq!(birthday(Preset::Outlook, "Birthday", "12/1/1975").unwrap().as_deref(), Some("1975-12-01"));
        for none in ["0/0/00", "0/0/0000", "00.00.0000", "  "] {
            assert_eq!(birthday(Preset::Outlook, "Birthday", none).unwrap(), None, "{none}");
        }
        assert!(birthday(Preset::Outlook, "Birthday", "15/3/1980").is_err(), "Outlook writes month first: there is no month 15");
        assert!(birthday(Preset::Outlook, "Birthday", "soon").unwrap_err().message.contains("soon"));
    }

    #[test]
    fn google_partial_dates_and_others() {
        assert_eq!(birthday(Preset::Google, "Birthday", " --03-15").unwrap().as_deref(), Some("--03-15"));
        assert_eq!(birthday(Preset::Google, "Birthday", "0000-03-15").unwrap().as_deref(), Some("--03-15"));
        assert_eq!(birthday(Preset::Vcard, "BDAY", "1604-02-29").unwrap().as_deref(), Some("--02-29"), "Apple's year for none");
        assert_eq!(birthday(Preset::Google, "Birthday", "1980-03-15").unwrap().as_deref(), Some("1980-03-15"));
        assert_eq!(birthday(Preset::Generic, "ДР", "15.03.1980").unwrap().as_deref(), Some("1980-03-15"));
        assert_eq!(birthday(Preset::Generic, "DOB", "15/3/1980").unwrap().as_deref(), Some("1980-03-15"));
        assert!(birthday(Preset::Generic, "DOB", "3/4/1980").is_err(), "3 April or 4 March: not guessed");
    }
}
