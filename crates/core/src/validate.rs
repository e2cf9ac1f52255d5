//! Input checks shared by the use cases. Each names the field it refuses.

use crate::error::{Error, Result};
use crate::model::Lang;

pub const NAME_MAX: usize = 200;
pub const TEXT_MAX: usize = 10_000;

/// A field's name as people read it, in the workspace's language.
pub fn label(lang: Lang, field: &str) -> Option<&'static str> {
    let [en, ru, bg, el, hu] = match field {
        "deal.title" => ["Deal", "Сделка", "Сделка", "Ευκαιρία", "Ügylet"],
        "deal.value_minor" => ["Value", "Сумма", "Сума", "Αξία", "Érték"],
        "deal.currency" => ["Currency", "Валюта", "Валута", "Νόμισμα", "Pénznem"],
        "deal.owner_id" => ["Owner", "Ответственный", "Отговорник", "Υπεύθυνος", "Felelős"],
        "deal.next_step" => ["Next step", "Следующий шаг", "Следваща стъпка", "Επόμενο βήμα", "Következő lépés"],
        "deal.next_step_date" => {
            ["Next step date", "Дата следующего шага", "Дата на следващата стъпка", "Ημερομηνία επόμενου βήματος", "A következő lépés dátuma"]
        }
        "deal.expected_close_on" => ["Expected close", "Ожидаемое закрытие", "Очаквано приключване", "Αναμενόμενο κλείσιμο", "Várható zárás"],
        "deal.contact_id" => ["Contact", "Контакт", "Контакт", "Επαφή", "Kapcsolattartó"],
        "deal.company_id" => ["Company", "Компания", "Фирма", "Εταιρεία", "Cég"],
        "deal.step_id" => ["Step", "Шаг", "Стъпка", "Βήμα", "Lépés"],
        "deal.close_reason" => ["Reason", "Причина", "Причина", "Αιτία", "Ok"],
        "deal.product" => ["Product", "Товар", "Продукт", "Προϊόν", "Termék"],
        "deal.notes" => ["Deal notes", "Заметки сделки", "Бележки по сделката", "Σημειώσεις της ευκαιρίας", "Az ügylet jegyzetei"],
        "contact.first_name" => ["First name", "Имя", "Име", "Όνομα", "Utónév"],
        "contact.last_name" => ["Last name", "Фамилия", "Фамилия", "Επώνυμο", "Vezetéknév"],
        "contact.title" => ["Position", "Должность", "Длъжност", "Θέση", "Beosztás"],
        "contact.phone" => ["Phone", "Телефон", "Телефон", "Τηλέφωνο", "Telefon"],
        "contact.email" => ["E-mail", "E-mail", "Имейл", "E-mail", "E-mail"],
        "contact.notes" => ["Notes", "Заметки", "Бележки", "Σημειώσεις", "Megjegyzések"],
        "contact.birthday" => ["Birthday", "День рождения", "Рожден ден", "Γενέθλια", "Születésnap"],
        "company.name" => ["Company name", "Название компании", "Име на фирмата", "Επωνυμία εταιρείας", "Cégnév"],
        "company.industry" => ["Industry", "Отрасль", "Отрасъл", "Κλάδος", "Iparág"],
        "company.city" => ["City", "Город", "Град", "Πόλη", "Település"],
        "company.phone" => ["Phone", "Телефон", "Телефон", "Τηλέφωνο", "Telefon"],
        "company.email" => ["E-mail", "E-mail", "Имейл", "E-mail", "E-mail"],
        "company.website" => ["Website", "Сайт", "Уебсайт", "Ιστότοπος", "Weboldal"],
        "company.notes" => ["Notes", "Заметки", "Бележки", "Σημειώσεις", "Megjegyzések"],
        "activity.subject" => ["Subject", "Тема", "Тема", "Θέμα", "Tárgy"],
        "activity.outcome" => ["Outcome", "Результат", "Резултат", "Αποτέλεσμα", "Eredmény"],
        "activity.notes" => ["Notes", "Заметки", "Бележки", "Σημειώσεις", "Megjegyzések"],
        "activity.duration_min" => ["Duration", "Длительность", "Продължителност", "Διάρκεια", "Időtartam"],
        "person.name" => ["Name", "Имя", "Име", "Όνομα", "Név"],
        "person.email" => ["E-mail", "E-mail", "Имейл", "E-mail", "E-mail"],
        "person.phone" => ["Phone", "Телефон", "Телефон", "Τηλέφωνο", "Telefon"],
        _ => return None,
    };
    Some(match lang {
        Lang::En => en,
        Lang::Ru => ru,
        Lang::Bg => bg,
        Lang::El => el,
        Lang::Hu => hu,
    })
}

/// The field in people's words (English, like every core message); the key
/// itself only for a field without a name yet.
fn words(field: &str) -> String {
    label(Lang::En, field).map_or_else(|| field.to_string(), |l| format!("“{l}”"))
}

/// A required single-line text: trimmed, not empty, at most `max` characters.
pub fn required(field: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::validation(field, format!("{} is empty. Fill it in.", words(field))));
    }
    bounded(field, v, max)
}

/// An optional text: trimmed; empty becomes `None`.
pub fn optional(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => bounded(field, v, max).map(Some),
    }
}

fn bounded(field: &str, v: &str, max: usize) -> Result<String> {
    let n = v.chars().count();
    if n > max {
        return Err(Error::validation(field, format!("{} is {n} characters long; the limit is {max}. Shorten it.", words(field))));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        return Err(Error::validation(field, format!("{} contains control characters. Remove them.", words(field))));
    }
    Ok(v.to_string())
}

/// An ISO 4217 currency code: three Latin capitals.
pub fn currency(field: &str, value: &str) -> Result<String> {
    let v = value.trim().to_ascii_uppercase();
    if v.len() == 3 && v.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(v)
    } else {
        Err(Error::validation(field, format!("“{value}” is not a currency code. Use three letters such as EUR, USD or RUB.")))
    }
}

pub fn non_negative(field: &str, value: i64) -> Result<i64> {
    if value < 0 { Err(Error::validation(field, format!("{} must not be negative (got {value}).", words(field)))) } else { Ok(value) }
}

/// The longest e-mail address accepted (RFC 5321's path limit).
pub const EMAIL_MAX: usize = 320;

/// The one rule for what counts as an e-mail address, used by the editor and
/// by every import alike (so an imported contact can be opened and saved
/// unchanged): `local@domain`, one `@`, no spaces or control characters, a
/// domain without empty labels. A domain without a dot is accepted: mail
/// programs store intranet and placeholder addresses such as `anna@localhost`
/// or Thunderbird's `contact1@invalid`, and refusing them would lose data.
pub fn is_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else { return false };
    !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && !domain.split('.').any(str::is_empty)
        && if e.is_ascii() {
            // The common case in one pass: no space, no control character.
            e.len() <= EMAIL_MAX && e.bytes().all(|b| (0x21..0x7f).contains(&b))
        } else {
            e.chars().count() <= EMAIL_MAX && !e.chars().any(|c| c.is_whitespace() || c.is_control())
        }
}

/// An optional e-mail address (see [`is_email`]): trimmed; empty becomes `None`.
pub fn email(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let v = optional(field, value, EMAIL_MAX)?;
    if let Some(e) = &v
        && !is_email(e)
    {
        return Err(Error::validation(field, format!("“{e}” does not look like an e-mail address (name@example.com).")));
    }
    Ok(v)
}

/// A birthday as `YYYY-MM-DD`, or `--MM-DD` when the year is unknown. Also
/// accepts the vCard forms `YYYYMMDD`, `--MMDD`, `--MM-DD` and a trailing time.
pub fn birthday(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    let refuse = || Error::validation(field, format!("“{value}” is not a date. Write it as YYYY-MM-DD, or --MM-DD when the year is unknown."));
    let date_part = v.split('T').next().unwrap_or(v);
    if let Some(md) = date_part.strip_prefix("--") {
        let digits: String = md.chars().filter(|c| *c != '-').collect();
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refuse());
        }
        let (m, d) = (digits[..2].parse::<u32>().unwrap_or(0), digits[2..].parse::<u32>().unwrap_or(0));
        // 2000 is a leap year, so 29 February is accepted.
        chrono::NaiveDate::from_ymd_opt(2000, m, d).ok_or_else(refuse)?;
        return Ok(format!("--{m:02}-{d:02}"));
    }
    let parsed =
        chrono::NaiveDate::parse_from_str(date_part, "%Y-%m-%d").or_else(|_| chrono::NaiveDate::parse_from_str(date_part, "%Y%m%d")).map_err(|_| refuse())?;
    Ok(parsed.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_field() {
        assert_eq!(required("contact.first_name", "  ", 10).unwrap_err().field.as_deref(), Some("contact.first_name"));
        let long = "я".repeat(11);
        let e = required("deal.title", &long, 10).unwrap_err();
        assert!(e.message.contains("11 characters"), "{}", e.message);
        assert_eq!(currency("deal.currency", "eur").unwrap(), "EUR");
        assert!(currency("deal.currency", "EURO").is_err());
        assert_eq!(email("contact.email", Some("bob@example")).unwrap().as_deref(), Some("bob@example"), "intranet and placeholder domains");
        for bad in ["bob", "@x.ru", "bob@", "a@b@c", "a b@x.ru", "a@x..ru", "a@.x.ru", "a@x.ru.", "a@x\u{0}.ru"] {
            assert!(email("contact.email", Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(email("contact.email", Some(" a@b.co ")).unwrap().as_deref(), Some("a@b.co"));
        assert_eq!(optional("x", Some("   "), 5).unwrap(), None);
        assert!(required("x", "a\u{0}b", 5).is_err());
        // The message names the field as people know it, never by its key.
        let e = required("deal.next_step", " ", 10).unwrap_err();
        assert_eq!(e.message, "“Next step” is empty. Fill it in.");
        assert_eq!(e.field.as_deref(), Some("deal.next_step"));
        assert!(!non_negative("deal.value_minor", -1).unwrap_err().message.contains("deal."));
        assert_eq!(label(Lang::Ru, "contact.phone"), Some("Телефон"));
    }
}
