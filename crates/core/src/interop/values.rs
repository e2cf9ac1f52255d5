//! Money and dates as CRMs, spreadsheets and accounting programs write them:
//! `1 500,50`, `1.500,50`, `1,500.50`, `15 000 ₽`, `$1,200`; `2024-03-15`,
//! `15.03.2024 10:22`, `03/15/2024`, `2024-03-15T10:22:11Z`.

use chrono::NaiveDate;

/// An amount in minor units (cents, kopecks) and the currency its text
/// named, if any. `None` when the text is not an amount.
pub fn money(text: &str) -> Option<(i64, Option<&'static str>)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    // A plain number (digits, separators, spaces) names no currency and
    // has nothing else to check: the usual cell of a sales report.
    let plain = t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '+'));
    let mut currency = None;
    let lower = if plain { String::new() } else { t.to_lowercase() };
    for (sym, code) in [
        ("₽", "RUB"),
        ("руб", "RUB"),
        ("р.", "RUB"),
        ("rub", "RUB"),
        ("$", "USD"),
        ("usd", "USD"),
        ("€", "EUR"),
        ("eur", "EUR"),
        ("£", "GBP"),
        ("gbp", "GBP"),
        ("₸", "KZT"),
        ("kzt", "KZT"),
        ("₴", "UAH"),
    ] {
        if !plain && lower.contains(sym) {
            currency = Some(code);
            break;
        }
    }
    let negative = t.starts_with('-') || t.starts_with('(');
    if negative {
        return None;
    }
    // Digits and separators only; spaces (also non-breaking, thin) and
    // apostrophes group thousands.
    let core: String = t.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    // A separator with no digit after it belongs to the text (`руб.`), not the number.
    let core = core.trim_matches(['.', ',']).to_string();
    if core.is_empty() || !core.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest: String = if plain {
        String::new()
    } else {
        t.chars().filter(|c| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '+'))).collect()
    };
    let rest = rest.to_lowercase();
    let known = ["₽", "руб", "руб.", "р.", "р", "rub", "$", "usd", "€", "eur", "£", "gbp", "₸", "kzt", "₴", "uah", "."];
    if !rest.is_empty() && !known.contains(&rest.trim()) && !rest.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // The decimal separator is the last `.` or `,` followed by one or two
    // digits; a separator followed by three digits groups thousands.
    let (int_part, frac_part) = match core.rfind(['.', ',']) {
        Some(i) => {
            let after = &core[i + 1..];
            let sep = core.as_bytes()[i] as char;
            let both_kinds = core.contains('.') && core.contains(',');
            let decimal = both_kinds || (core.matches(sep).count() == 1 && after.len() != 3);
            if decimal { (&core[..i], after) } else { (core.as_str(), "") }
        }
        None => (core.as_str(), ""),
    };
    let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    if digits.len() > 15 {
        return None;
    }
    let whole: i64 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    let mut frac = frac_part.to_string();
    if frac.len() > 2 {
        // Rounds to the minor unit: 1.005 → 1.01.
        let round_up = frac.as_bytes()[2] >= b'5';
        frac.truncate(2);
        let v: i64 = frac.parse().ok()?;
        return Some((whole * 100 + v + i64::from(round_up), currency));
    }
    while frac.len() < 2 {
        frac.push('0');
    }
    Some((whole.checked_mul(100)? + frac.parse::<i64>().ok()?, currency))
}

/// A date as exports write it, with or without a time. `None` when it is
/// not a date.
pub fn date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let d = t.split([' ', 'T']).next().unwrap_or(t);
    // The two shapes nearly every export uses, read without a format parser.
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> { b[r].iter().try_fold(0u32, |n, &x| x.is_ascii_digit().then(|| n * 10 + u32::from(x - b'0'))) };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(day)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return NaiveDate::from_ymd_opt(y as i32, m, day);
    }
    if b.len() == 10
        && b[2] == b'.'
        && b[5] == b'.'
        && let (Some(day), Some(m), Some(y)) = (digits(0..2), digits(3..5), digits(6..10))
    {
        return NaiveDate::from_ymd_opt(y as i32, m, day);
    }
    if let Ok(v) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
        return Some(v);
    }
    let parts: Vec<&str> = d.split(['.', '/', '-']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let (a, b, mut y) = (n(parts[0])?, n(parts[1])?, n(parts[2])? as i32);
    if parts[2].len() == 2 {
        y += 2000;
    }
    if parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(a as i32, b, y as u32);
    }
    // `15.03.2024` and `15-03-2024` are day first; `03/15/2024` is month
    // first unless the first number cannot be a month.
    let (day, month) = if d.contains('/') && a <= 12 { (b, a) } else { (a, b) };
    NaiveDate::from_ymd_opt(y, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_every_shape() {
        assert_eq!(money("1500"), Some((150_000, None)));
        assert_eq!(money("1 500,50"), Some((150_050, None)));
        assert_eq!(money("1\u{a0}500,5"), Some((150_050, None)));
        assert_eq!(money("1.500,50"), Some((150_050, None)));
        assert_eq!(money("1.234.567,89"), Some((123_456_789, None)));
        assert_eq!(money("1,500.50"), Some((150_050, None)));
        assert_eq!(money("1,500"), Some((150_000, None)));
        assert_eq!(money("1.500"), Some((150_000, None)));
        assert_eq!(money("12.5"), Some((1_250, None)));
        assert_eq!(money("15 000 ₽"), Some((1_500_000, Some("RUB"))));
        assert_eq!(money("15 000,00 руб."), Some((1_500_000, Some("RUB"))));
        assert_eq!(money("$1,200"), Some((120_000, Some("USD"))));
        assert_eq!(money("1500.0000"), Some((150_000, None)));
        assert_eq!(money("abc"), None);
        assert_eq!(money("-5"), None);
        assert_eq!(money(""), None);
    }

    /// The quick paths give what the full reading gives.
    #[test]
    fn plain_numbers_and_common_dates_read_as_before() {
        fn full_date(t: &str) -> Option<NaiveDate> {
            let d = t.trim().split([' ', 'T']).next().unwrap_or(t);
            NaiveDate::parse_from_str(d, "%Y-%m-%d").ok().or_else(|| NaiveDate::parse_from_str(d, "%d.%m.%Y").ok())
        }
        for t in ["2024-03-15", "2024-02-30", "2024-13-01", "0000-01-01", "15.03.2024", "31.04.2024", "29.02.2023", "29.02.2024", "2024-0a-15", "1x.03.2024"] {
            assert_eq!(date(t), full_date(t), "{t}");
        }
        for (t, want) in [("1 000,00", 100_000), ("12'345.5", 1_234_550), ("+7", 700), ("1\u{202f}234,56", 123_456), (".5", 500), ("1,2,3", 12_300)] {
            assert_eq!(money(t), Some((want, None)), "{t}");
        }
        assert_eq!(money(" , "), None);
    }

    #[test]
    fn dates_in_every_shape() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 15);
        for t in ["2024-03-15", "2024-03-15 10:22:11", "2024-03-15T10:22:11Z", "15.03.2024", "15.03.2024 10:22", "03/15/2024", "15/03/2024", "15.03.24"] {
            assert_eq!(date(t), d, "{t}");
        }
        assert_eq!(date("31.02.2024"), None);
        assert_eq!(date("soon"), None);
    }
}
