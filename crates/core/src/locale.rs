//! How numbers, percentages, money and dates look in each language, read
//! from the one table `pdf/formats.json`. The app's screens
//! (`ui/src/lib/i18n/format.ts`) read the same table and are tested against
//! the same cases, so a figure or a date reads the same on screen, on paper
//! and in a message.

use crate::model::Lang;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
struct Table {
    currencies: Currencies,
    locales: HashMap<String, Locale>,
}

#[derive(Debug, Deserialize)]
struct Currencies {
    symbols: HashMap<String, String>,
    whole_currencies: Vec<String>,
}

/// One language's formats (see `about` in formats.json for the patterns).
#[derive(Debug, Deserialize)]
pub struct Locale {
    pub group: String,
    pub decimal: String,
    percent: String,
    money: String,
    #[serde(default)]
    money_prefix: Option<String>,
    #[serde(default)]
    prefix_currencies: Vec<String>,
    date: String,
    short_date: String,
    weekday_date: String,
    month: String,
    month_long: String,
    months_short: [String; 12],
    months_long: [String; 12],
    weekdays_short: [String; 7],
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| serde_json::from_str(include_str!("pdf/formats.json")).expect("pdf/formats.json is valid (tested)"))
}

/// The formats of `lang`; English for a language the table lacks (tested: none does).
pub fn locale(lang: Lang) -> &'static Locale {
    let t = table();
    t.locales.get(lang.code()).or_else(|| t.locales.get("en")).expect("formats.json has en")
}

fn group_digits(n: u64, sep: &str) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3 * sep.len());
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// A whole number, digits grouped: en `1,234`; ru/bg/hu `1 234` (no-break space); el `1.234`.
pub fn int(lang: Lang, n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_digits(n.unsigned_abs(), &locale(lang).group))
}

/// The one decimal separator of a locale: en `.`, the others `,`.
pub fn decimal_separator(lang: Lang) -> char {
    locale(lang).decimal.chars().next().unwrap_or('.')
}

/// A number rounded to at most `places` decimals, digits grouped, trailing
/// zeros dropped: en `1,234.5`, `94`; ru `1 234,5`; el `1.234,5`.
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let fixed = format!("{:.*}", places, value.abs());
    let (whole, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let negative = value < 0.0 && fixed.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let whole = group_digits(whole.parse::<u64>().unwrap_or(0), &locale(lang).group);
    let sign = if negative { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}{}{frac}", locale(lang).decimal) }
}

/// A value already in per cent, one decimal: en `23.5%`; ru/bg `23,5 %`; el/hu `23,5%`.
pub fn percent(lang: Lang, value: f64) -> String {
    locale(lang).percent.replace("{n}", &decimal(lang, value, 1))
}

/// The symbol printed for a currency code (`€`, `лв.`, `Ft`), or the code itself.
pub fn currency_symbol(currency: &str) -> &str {
    table().currencies.symbols.get(currency).map(String::as_str).unwrap_or(currency)
}

/// Whether amounts in `currency` are shown in whole units (HUF).
pub fn whole_currency(currency: &str) -> bool {
    table().currencies.whole_currencies.iter().any(|c| c == currency)
}

/// Money from minor units (1/100): two decimals, or none for a whole amount
/// (and always none for HUF, rounded): en `€1,234.56`, `€12,000`,
/// `1,234.56 CHF`; ru `1 234,56 ₽`; el `1.234,56 €`; hu `1 235 Ft`.
pub fn money(lang: Lang, minor: i64, currency: &str) -> String {
    let l = locale(lang);
    let minor = if whole_currency(currency) { (minor as f64 / 100.0).round() as i64 * 100 } else { minor };
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let (units, cents) = (abs / 100, abs % 100);
    let frac = if cents == 0 { String::new() } else { format!("{}{cents:02}", l.decimal) };
    let n = format!("{}{frac}", group_digits(units, &l.group));
    let pattern = match &l.money_prefix {
        Some(p) if l.prefix_currencies.iter().any(|c| c == currency) => p,
        _ => &l.money,
    };
    format!("{sign}{}", pattern.replace("{s}", currency_symbol(currency)).replace("{n}", &n))
}

/// A whole number with the language's digit groups: en `1,200`; ru `1 200`.
pub fn count(lang: Lang, n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_digits(n.unsigned_abs(), &locale(lang).group))
}

/// Money rounded to whole units (plans, reports): en `€1,235`; ru `1 235 ₽`.
pub fn money_whole(lang: Lang, minor: i64, currency: &str) -> String {
    let units = (minor as f64 / 100.0).round() as i64;
    money(lang, units * 100, currency)
}

fn fill_date(pattern: &str, l: &Locale, d: NaiveDate) -> String {
    pattern
        .replace("{dd}", &format!("{:02}", d.day()))
        .replace("{d}", &d.day().to_string())
        .replace("{mm}", &format!("{:02}", d.month()))
        .replace("{mon}", &l.months_short[d.month0() as usize])
        .replace("{month}", &l.months_long[d.month0() as usize])
        .replace("{yyyy}", &d.year().to_string())
        .replace("{yy}", &format!("{:02}", d.year().rem_euclid(100)))
}

/// A date: en `5 Mar 2026`; ru `05.03.2026`; bg `05.03.2026 г.`; el `05/03/2026`; hu `2026. 03. 05.`
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let l = locale(lang);
    fill_date(&l.date, l, d)
}

/// A date with its weekday: en `Thu 5 Mar 2026`; hu `2026. 03. 05. Cs`.
pub fn date_with_weekday(lang: Lang, d: NaiveDate) -> String {
    let l = locale(lang);
    l.weekday_date.replace("{wd}", &l.weekdays_short[d.weekday().num_days_from_monday() as usize]).replace("{date}", &date(lang, d))
}

/// The short name of a weekday, Monday = 0.
pub fn weekday_short(lang: Lang, monday0: usize) -> &'static str {
    &locale(lang).weekdays_short[monday0 % 7]
}

/// A day and month for cards and chart axes: en `5 Mar`; ru `05.03`; hu `03. 05.`
pub fn short_date(lang: Lang, d: NaiveDate) -> String {
    let l = locale(lang);
    fill_date(&l.short_date, l, d)
}

/// A month for chart axes: en `Mar 26`; hu `26. márc.`
pub fn month(lang: Lang, year: i32, month0: u32) -> String {
    let l = locale(lang);
    let d = NaiveDate::from_ymd_opt(year, month0 % 12 + 1, 1).expect("the first of a month is a date");
    fill_date(&l.month, l, d)
}

/// A month in full, for titles: en `March 2026`; el `Μάρτιος 2026`; hu `2026. március`.
pub fn month_long(lang: Lang, year: i32, month0: u32) -> String {
    let l = locale(lang);
    let d = NaiveDate::from_ymd_opt(year, month0 % 12 + 1, 1).expect("the first of a month is a date");
    fill_date(&l.month_long, l, d)
}

/// The CLDR plural category of `n` in `lang`: en/bg/el/hu `one`/`other`;
/// ru `one`/`few`/`many` (1 звонок, 2 звонка, 5 звонков).
pub fn plural_category(lang: Lang, n: i64) -> &'static str {
    match lang {
        Lang::Ru => {
            let (m10, m100) = (n.abs() % 10, n.abs() % 100);
            if m10 == 1 && m100 != 11 {
                "one"
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                "few"
            } else {
                "many"
            }
        }
        Lang::En | Lang::Bg | Lang::El | Lang::Hu => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_formats() {
        for lang in Lang::ALL {
            assert!(table().locales.contains_key(lang.code()), "formats.json has no {lang}");
        }
    }

    /// The cases the app's formatting is tested against too (ui/src/tests/formats.test.ts).
    #[test]
    fn formats_look_as_the_shared_cases_say() {
        let doc: serde_json::Value = serde_json::from_str(include_str!("pdf/formats.json")).unwrap();
        let cases = doc["cases"].as_array().unwrap();
        let mut langs = std::collections::BTreeSet::new();
        for c in cases {
            let lang = Lang::parse("lang", c["lang"].as_str().unwrap()).unwrap();
            langs.insert(lang);
            let v = &c["value"];
            let day = || NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap();
            let got = match c["kind"].as_str().unwrap() {
                "int" => int(lang, v.as_i64().unwrap()),
                "decimal" => decimal(lang, v.as_f64().unwrap(), 1),
                "percent" => percent(lang, v.as_f64().unwrap()),
                "money" => money(lang, v.as_i64().unwrap(), c["currency"].as_str().unwrap()),
                "date" => date(lang, day()),
                "short_date" => short_date(lang, day()),
                "weekday_date" => date_with_weekday(lang, day()),
                "month" => month(lang, day().year(), day().month0()),
                "month_long" => month_long(lang, day().year(), day().month0()),
                k => panic!("unknown kind {k}"),
            };
            assert_eq!(got, c["text"].as_str().unwrap(), "{c}");
        }
        assert_eq!(langs.len(), Lang::ALL.len(), "every language has cases");
    }

    #[test]
    fn one_decimal_separator_per_locale() {
        for lang in Lang::ALL {
            let sep = decimal_separator(*lang);
            let texts = [decimal(*lang, 1234.5, 1), percent(*lang, 22.2), money(*lang, 123_456, "EUR")];
            for t in texts {
                assert!(t.contains(sep), "{lang}: {t}");
                let other = if sep == ',' { '.' } else { ',' };
                let group = &locale(*lang).group;
                assert!(!t.contains(other) || group == &other.to_string(), "{lang}: {t} mixes separators");
            }
        }
    }

    #[test]
    fn plural_categories_follow_cldr() {
        assert_eq!([1, 2, 5, 21, 22, 25, 11, 111].map(|n| plural_category(Lang::Ru, n)), ["one", "few", "many", "one", "few", "many", "many", "many"]);
        for lang in [Lang::En, Lang::Bg, Lang::El, Lang::Hu] {
            assert_eq!([0, 1, 2, 21].map(|n| plural_category(lang, n)), ["other", "one", "other", "other"], "{lang}");
        }
    }
}
