//! How a person types an amount of money: the one rule the app's fields, the
//! CLI's options and custom money fields all read by.

/// An amount typed by a person ("50000", "50 000", "50000,50", "1,234.5",
/// "1.234.567,89") in minor units with `digits` fraction digits; `None` when
/// it is not an amount (letters, a sign, a currency symbol, more fraction
/// digits than the currency has, groups that are not three figures).
///
/// The last separator is the decimal one when 1..=`digits` figures follow it
/// and they are not exactly three ("50000,5", "1,234.50"); any other
/// separator groups thousands ("50,000", "1.234.567") and must be followed by
/// exactly three figures. One mark cannot both group and start the fraction.
pub fn parse(text: &str, digits: u32) -> Option<i64> {
    let s: String = text.chars().filter(|c| !matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '_' | '\'')).collect();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') || !s.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut whole = s.as_str();
    let mut frac = "";
    if let Some(last) = s.rfind(['.', ',']) {
        let after = &s[last + 1..];
        if !after.is_empty() && after.len() <= digits as usize && after.len() != 3 {
            let mark = &s[last..last + 1];
            whole = &s[..last];
            frac = after;
            if whole.contains(mark) {
                return None;
            }
        }
    }
    let mut units: i64 = 0;
    for (i, g) in whole.split(['.', ',']).enumerate() {
        if g.is_empty() || (i > 0 && g.len() != 3) {
            return None;
        }
        for b in g.bytes() {
            units = units.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
    }
    let scale = 10i64.checked_pow(digits)?;
    let mut minor_frac: i64 = 0;
    for k in 0..digits as usize {
        let d = frac.as_bytes().get(k).map_or(0, |b| i64::from(b - b'0'));
        minor_frac = minor_frac * 10 + d;
    }
    // Beyond JavaScript's safe integers the UI could not hold it either.
    const SAFE: i64 = (1 << 53) - 1;
    units.checked_mul(scale)?.checked_add(minor_frac).filter(|n| *n <= SAFE)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_amounts_as_people_type_them() {
        assert_eq!(parse("50000", 2), Some(5_000_000));
        assert_eq!(parse("50 000", 2), Some(5_000_000));
        assert_eq!(parse("50\u{a0}000,50", 2), Some(5_000_050));
        assert_eq!(parse("50000.5", 2), Some(5_000_050));
        assert_eq!(parse("1,234.56", 2), Some(123_456));
        assert_eq!(parse("1.234.567,89", 2), Some(123_456_789));
        assert_eq!(parse("50,000", 2), Some(5_000_000));
        assert_eq!(parse("1,234", 2), Some(123_400));
        assert_eq!(parse("0", 2), Some(0));
        // What the app writes back into a field reads as the same amount.
        assert_eq!(parse("50000.50", 2), Some(5_000_050));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in ["", "abc", "-5", "5e3", "1,2,3", "12.345.6", "1..2", "€50", "1,23,456", "99999999999999999999"] {
            assert_eq!(parse(bad, 2), None, "{bad}");
        }
    }

    #[test]
    fn follows_the_currency_fraction_digits() {
        assert_eq!(parse("1500", 0), Some(1500));
        assert_eq!(parse("1,500", 0), Some(1500));
        assert_eq!(parse("1,5", 0), None);
        assert_eq!(parse("1,5", 2), Some(150));
    }
}
