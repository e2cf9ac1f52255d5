//! Every fixed text printed in a document, in every language, through one
//! catalogue; plus dates, numbers and money formatted per locale.
//!
//! Add a key to *every* language's table: a test fails when the tables'
//! key sets differ, and [`t`] panics in debug builds on an unknown key.

use crate::model::{ActivityKind, DealStatus, Lang, Source};
use chrono::{Datelike, NaiveDate};

type Table = &'static [(&'static str, &'static str)];

const EN: Table = &[
    ("page_x_of_y", "Page {x} of {y}"),
    ("contents", "Contents"),
    ("prepared_on", "Prepared on {date}"),
    ("prepared_by", "Prepared by {name}"),
    ("missing", "—"),
    ("total", "Total"),
    ("minutes", "{n}\u{a0}min"),
    // Client profile
    ("profile.title", "Client profile"),
    ("profile.card", "Company card"),
    ("profile.name", "Company"),
    ("profile.industry", "Industry"),
    ("profile.city", "City"),
    ("profile.phone", "Phone"),
    ("profile.email", "E-mail"),
    ("profile.website", "Website"),
    ("profile.abc", "ABC category"),
    ("profile.source", "Source"),
    ("profile.owner", "Account owner"),
    ("profile.notes", "Notes"),
    ("profile.next_step", "Next step"),
    ("profile.no_next_step", "No next step is planned. Agree one with the client and put it in the calendar."),
    ("profile.contacts", "Contacts"),
    ("profile.no_contacts", "No contacts recorded."),
    ("profile.contact_name", "Name"),
    ("profile.contact_title", "Position"),
    ("profile.deals", "Open deals"),
    ("profile.no_deals", "No open deals."),
    ("profile.deal", "Deal"),
    ("profile.step", "Step"),
    ("profile.value", "Value"),
    ("profile.deal_next", "Next step"),
    ("profile.due", "Due"),
    ("profile.orders", "Orders"),
    ("profile.no_orders", "No orders yet."),
    ("profile.orders_by_month", "Orders by month"),
    ("profile.date", "Date"),
    ("profile.amount", "Amount"),
    ("profile.margin", "Margin"),
    ("profile.margin_pct", "Margin, %"),
    ("profile.history", "Activity history"),
    ("profile.history_bounded", "The latest {n} of {total} activities."),
    ("profile.no_history", "No activities recorded."),
    ("profile.kind", "Type"),
    ("profile.subject", "Subject"),
    ("profile.outcome", "Outcome"),
    ("profile.by", "By"),
    ("profile.overdue", "overdue"),
    // Call register
    // Sales plan
    ("plan.title", "Sales plan"),
    ("plan.target", "Target"),
    ("plan.period", "Period"),
    ("plan.working_days", "Working days"),
    ("plan.turnover_target", "Turnover target"),
    ("plan.profit_target", "Profit target"),
    ("plan.margin", "Margin"),
    ("plan.repeat", "Expected repeat orders from clients"),
    ("plan.new", "Needed from new clients"),
    ("plan.first_deal_size", "Average first deal"),
    ("plan.backwards", "From the target to the daily work"),
    ("plan.backwards_note", "Worked backwards: the turnover from new clients gives the first deals; each step before needs more, at the business's conversion rates."),
    ("plan.step", "Step"),
    ("plan.needed", "Needed"),
    ("plan.rate", "Conversion to the next step"),
    ("plan.basis", "Basis"),
    ("plan.first_deals", "First deals"),
    ("plan.offers", "Offers"),
    ("plan.qualified", "Qualified leads"),
    ("plan.leads", "Leads"),
    ("plan.calls", "Calls"),
    ("plan.daily", "What it takes each day"),
    ("plan.calls_per_day", "Calls per working day"),
    ("plan.hours_per_week", "Prospecting hours per week"),
    ("plan.hours_value", "{n} h (6 min a call with notes)"),
    ("plan.cycle", "Sales cycle"),
    ("plan.cycle_value", "{n} days"),
    ("plan.prospect_from", "Prospecting for this period starts by"),
    ("plan.funnel_chart", "The funnel the target needs"),
    ("plan.by_month", "Month by month"),
    ("plan.month", "Month"),
    ("plan.turnover", "Turnover"),
    ("plan.assumptions", "Assumptions"),
    ("plan.measured", "measured, {n} cases"),
    ("plan.default", "default: too little history"),
    ("plan.margin_measured", "measured on the last 12 months' orders"),
    ("plan.covered", "Expected repeat orders cover this target: it needs no new first deals. Keep prospecting on schedule all the same, to keep the pipeline full for the periods after."),
    ("plan.whatif", "What-if: conversion {c}, first-deal size {d}."),
    ("plan.benchmark_note", "Compare these numbers with the middle of your niche, not with the market leaders."),
    ("calls.title", "Call register"),
    ("calls.period", "Period"),
    ("calls.person", "Person"),
    ("calls.everyone", "Everyone"),
    ("calls.summary", "Summary"),
    ("calls.count", "Calls"),
    ("calls.duration_total", "Talk time"),
    ("calls.days", "Days with calls"),
    ("calls.per_day", "Calls per day"),
    ("calls.per_week", "Calls per week"),
    ("calls.by_day", "Calls by day"),
    ("calls.none", "No calls were logged in this period."),
    ("calls.date", "Date"),
    ("calls.time", "Time"),
    ("calls.contact", "Contact"),
    ("calls.company", "Company"),
    ("calls.outcome", "Outcome"),
    ("calls.duration", "Duration"),
    ("calls.next_step", "Next step"),
    ("calls.day_total", "Day total"),
    ("calls.n_calls.one", "{n} call"),
    ("calls.n_calls.few", "{n} calls"),
    ("calls.n_calls.many", "{n} calls"),
    ("calls.week_axis", "Week starting"),
    // Enumerations
    ("source.cold_call", "Cold call"),
    ("source.referral", "Referral"),
    ("source.inbound", "Inbound request"),
    ("source.web_search", "Internet search"),
    ("source.event", "Event"),
    ("source.repeat", "Repeat client"),
    ("source.other", "Other"),
    ("kind.call", "Call"),
    ("kind.meeting", "Meeting"),
    ("kind.task", "Task"),
    ("kind.email", "E-mail"),
    ("kind.note", "Note"),
    ("status.open", "Open"),
    ("status.won", "Won"),
    ("status.lost", "Lost"),
    ("status.disqualified", "Disqualified"),
];

const RU: Table = &[
    ("page_x_of_y", "Страница {x} из {y}"),
    ("contents", "Содержание"),
    ("prepared_on", "Подготовлено {date}"),
    ("prepared_by", "Подготовил(а): {name}"),
    ("missing", "—"),
    ("total", "Итого"),
    ("minutes", "{n}\u{a0}мин"),
    ("profile.title", "Профиль клиента"),
    ("profile.card", "Карточка компании"),
    ("profile.name", "Компания"),
    ("profile.industry", "Отрасль"),
    ("profile.city", "Город"),
    ("profile.phone", "Телефон"),
    ("profile.email", "Эл. почта"),
    ("profile.website", "Сайт"),
    ("profile.abc", "Категория ABC"),
    ("profile.source", "Источник"),
    ("profile.owner", "Ответственный"),
    ("profile.notes", "Заметки"),
    ("profile.next_step", "Следующий шаг"),
    ("profile.no_next_step", "Следующий шаг не запланирован. Договоритесь с клиентом и внесите его в календарь."),
    ("profile.contacts", "Контактные лица"),
    ("profile.no_contacts", "Контактные лица не указаны."),
    ("profile.contact_name", "Имя"),
    ("profile.contact_title", "Должность"),
    ("profile.deals", "Открытые сделки"),
    ("profile.no_deals", "Открытых сделок нет."),
    ("profile.deal", "Сделка"),
    ("profile.step", "Этап"),
    ("profile.value", "Сумма"),
    ("profile.deal_next", "Следующий шаг"),
    ("profile.due", "Срок"),
    ("profile.orders", "Заказы"),
    ("profile.no_orders", "Заказов пока нет."),
    ("profile.orders_by_month", "Заказы по месяцам"),
    ("profile.date", "Дата"),
    ("profile.amount", "Сумма"),
    ("profile.margin", "Маржа"),
    ("profile.margin_pct", "Маржа, %"),
    ("profile.history", "История взаимодействия"),
    ("profile.history_bounded", "Последние {n} из {total} действий."),
    ("profile.no_history", "Действий пока нет."),
    ("profile.kind", "Тип"),
    ("profile.subject", "Тема"),
    ("profile.outcome", "Результат"),
    ("profile.by", "Кто"),
    ("profile.overdue", "просрочено"),
    // Sales plan
    ("plan.title", "План продаж"),
    ("plan.target", "Цель"),
    ("plan.period", "Период"),
    ("plan.working_days", "Рабочих дней"),
    ("plan.turnover_target", "Цель по обороту"),
    ("plan.profit_target", "Цель по прибыли"),
    ("plan.margin", "Маржа"),
    ("plan.repeat", "Ожидаемые повторные заказы клиентов"),
    ("plan.new", "Нужно от новых клиентов"),
    ("plan.first_deal_size", "Средняя первая сделка"),
    ("plan.backwards", "От цели к ежедневной работе"),
    ("plan.backwards_note", "Расчёт от обратного: оборот от новых клиентов даёт число первых сделок; каждому шагу перед ними нужно больше — по конверсиям вашего бизнеса."),
    ("plan.step", "Шаг"),
    ("plan.needed", "Нужно"),
    ("plan.rate", "Конверсия в следующий шаг"),
    ("plan.basis", "Основание"),
    ("plan.first_deals", "Первые сделки"),
    ("plan.offers", "Предложения"),
    ("plan.qualified", "Квалифицированные лиды"),
    ("plan.leads", "Лиды"),
    ("plan.calls", "Звонки"),
    ("plan.daily", "Что это значит каждый день"),
    ("plan.calls_per_day", "Звонков в рабочий день"),
    ("plan.hours_per_week", "Часов на поиск клиентов в неделю"),
    ("plan.hours_value", "{n} ч (6 минут на звонок с записями)"),
    ("plan.cycle", "Цикл сделки"),
    ("plan.cycle_value", "{n} дн."),
    ("plan.prospect_from", "Поиск клиентов для этого периода начать не позже"),
    ("plan.funnel_chart", "Воронка, которая нужна для цели"),
    ("plan.by_month", "По месяцам"),
    ("plan.month", "Месяц"),
    ("plan.turnover", "Оборот"),
    ("plan.assumptions", "Допущения"),
    ("plan.measured", "измерено, случаев: {n}"),
    ("plan.default", "по умолчанию: мало истории"),
    ("plan.margin_measured", "по заказам за последние 12 месяцев"),
    ("plan.covered", "Ожидаемые повторные заказы покрывают эту цель: новые первые сделки для неё не нужны. Поиск клиентов всё равно ведите по расписанию, чтобы воронка была полной для следующих периодов."),
    ("plan.whatif", "Сценарий «что если»: конверсия {c}, размер первой сделки {d}."),
    ("plan.benchmark_note", "Сравнивайте эти числа с серединой вашей ниши, а не с лидерами рынка."),
    ("calls.title", "Журнал звонков"),
    ("calls.period", "Период"),
    ("calls.person", "Сотрудник"),
    ("calls.everyone", "Все сотрудники"),
    ("calls.summary", "Итоги"),
    ("calls.count", "Звонков"),
    ("calls.duration_total", "Время разговоров"),
    ("calls.days", "Дней со звонками"),
    ("calls.per_day", "Звонки по дням"),
    ("calls.per_week", "Звонки по неделям"),
    ("calls.by_day", "Звонки по дням"),
    ("calls.none", "За этот период звонков нет."),
    ("calls.date", "Дата"),
    ("calls.time", "Время"),
    ("calls.contact", "Контакт"),
    ("calls.company", "Компания"),
    ("calls.outcome", "Результат"),
    ("calls.duration", "Длит."),
    ("calls.next_step", "Следующий шаг"),
    ("calls.day_total", "Итого за день"),
    ("calls.n_calls.one", "{n} звонок"),
    ("calls.n_calls.few", "{n} звонка"),
    ("calls.n_calls.many", "{n} звонков"),
    ("calls.week_axis", "Неделя, начиная с"),
    ("source.cold_call", "Холодный звонок"),
    ("source.referral", "Рекомендация"),
    ("source.inbound", "Входящее обращение"),
    ("source.web_search", "Поиск в интернете"),
    ("source.event", "Мероприятие"),
    ("source.repeat", "Повторный клиент"),
    ("source.other", "Другое"),
    ("kind.call", "Звонок"),
    ("kind.meeting", "Встреча"),
    ("kind.task", "Задача"),
    ("kind.email", "Письмо"),
    ("kind.note", "Заметка"),
    ("status.open", "Открыта"),
    ("status.won", "Выиграна"),
    ("status.lost", "Проиграна"),
    ("status.disqualified", "Дисквалифицирована"),
];

fn table(lang: Lang) -> Table {
    match lang {
        Lang::En => EN,
        Lang::Ru => RU,
    }
}

/// The text of `key` in `lang`. An unknown key is a bug: it panics in debug
/// builds and prints the key itself in release builds.
pub fn t(lang: Lang, key: &str) -> &'static str {
    match table(lang).iter().find(|(k, _)| *k == key) {
        Some((_, v)) => v,
        None => {
            debug_assert!(false, "missing document text “{key}” for {lang}");
            // Leak-free fallback: the key of the English table if there is one.
            EN.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).unwrap_or("?")
        }
    }
}

/// [`t`] with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_string();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// A counted phrase with the right plural form: `key.one`, `key.few` or
/// `key.many` (English uses one/many; Russian 1 звонок, 2 звонка, 5 звонков).
pub fn plural(lang: Lang, key: &str, n: i64) -> String {
    let form = match lang {
        Lang::En => if n == 1 { "one" } else { "many" },
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
    };
    tf(lang, &format!("{key}.{form}"), &[("n", &int(lang, n))])
}

pub fn source(lang: Lang, s: Source) -> &'static str {
    t(lang, &format!("source.{}", s.code()))
}

pub fn kind(lang: Lang, k: ActivityKind) -> &'static str {
    t(lang, &format!("kind.{}", k.code()))
}

pub fn status(lang: Lang, s: DealStatus) -> &'static str {
    t(lang, &format!("status.{}", s.code()))
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_RU: [&str; 12] = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"];

/// en: `24 Nov 2026`; ru: `24.11.2026`.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[d.month0() as usize], d.year()),
        Lang::Ru => d.format("%d.%m.%Y").to_string(),
    }
}

/// A date with its weekday: en `Tue 24 Nov 2026`; ru `вт 24.11.2026`.
pub fn date_with_weekday(lang: Lang, d: NaiveDate) -> String {
    let wd = d.weekday();
    let name = match lang {
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][wd.num_days_from_monday() as usize],
        Lang::Ru => ["пн", "вт", "ср", "чт", "пт", "сб", "вс"][wd.num_days_from_monday() as usize],
    };
    format!("{name} {}", date(lang, d))
}

/// A short date for chart axes and notes: en `24 Nov` (kept on one line); ru `24.11`.
pub fn short_date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::En => format!("{}\u{a0}{}", d.day(), MONTHS_EN[d.month0() as usize]),
        Lang::Ru => d.format("%d.%m").to_string(),
    }
}

/// A month for chart axes: en `Nov 26`; ru `ноя 26`.
pub fn month(lang: Lang, year: i32, month0: u32) -> String {
    let names = match lang {
        Lang::En => &MONTHS_EN,
        Lang::Ru => &MONTHS_RU,
    };
    format!("{} {:02}", names[month0 as usize % 12], year.rem_euclid(100))
}

/// The Monday of `d`'s week.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64)
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

/// A whole number: en `1,234`; ru `1 234` (no-break space).
pub fn int(lang: Lang, n: i64) -> String {
    let sep = match lang {
        Lang::En => ",",
        Lang::Ru => "\u{a0}",
    };
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_digits(n.unsigned_abs(), sep))
}

fn symbol(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "RUB" => "₽",
        "BGN" => "лв",
        "HUF" => "Ft",
        _ => return None,
    })
}

/// Money from minor units (two decimals): en `€1,234.56`, `1,234.56 CHF`;
/// ru `1 234,56 ₽`, `1 234,56 €`.
pub fn money(lang: Lang, minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let (units, cents) = (abs / 100, abs % 100);
    match lang {
        Lang::En => {
            let n = format!("{}.{cents:02}", group_digits(units, ","));
            match symbol(currency) {
                Some(s) if matches!(currency, "EUR" | "USD" | "GBP") => format!("{sign}{s}{n}"),
                Some(s) => format!("{sign}{n} {s}"),
                None => format!("{sign}{n} {currency}"),
            }
        }
        Lang::Ru => {
            let n = format!("{}{},{cents:02}", sign, group_digits(units, "\u{a0}"));
            format!("{n}\u{a0}{}", symbol(currency).unwrap_or(currency))
        }
    }
}

/// Money rounded to whole units, for chart labels: en `€1,235`; ru `1 235 ₽`.
pub fn money_whole(lang: Lang, minor: i64, currency: &str) -> String {
    let units = (minor as f64 / 100.0).round() as i64;
    let full = money(lang, units * 100, currency);
    match lang {
        Lang::En => full.replacen(".00", "", 1),
        Lang::Ru => full.replacen(",00", "", 1),
    }
}

/// A percentage with one decimal: en `23.5%`; ru `23,5 %`.
pub fn percent(lang: Lang, value: f64) -> String {
    match lang {
        Lang::En => format!("{value:.1}%"),
        Lang::Ru => format!("{value:.1}\u{a0}%").replace('.', ","),
    }
}

pub fn minutes(lang: Lang, n: i64) -> String {
    tf(lang, "minutes", &[("n", &int(lang, n))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_language_has_every_key_once() {
        let keys = |t: Table| {
            let set: BTreeSet<_> = t.iter().map(|(k, _)| *k).collect();
            assert_eq!(set.len(), t.len(), "a key is listed twice");
            set
        };
        let en = keys(EN);
        for lang in Lang::ALL {
            let other = keys(table(*lang));
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, extra {extra:?}");
        }
        for lang in Lang::ALL {
            for (k, v) in table(*lang) {
                assert!(!v.trim().is_empty(), "{lang}: {k} is empty");
            }
        }
    }

    #[test]
    fn enumerations_have_texts_in_every_language() {
        for lang in Lang::ALL {
            for s in Source::ALL {
                assert!(!source(*lang, *s).contains('.'));
            }
            for k in ActivityKind::ALL {
                assert!(!kind(*lang, *k).is_empty());
            }
            for s in DealStatus::ALL {
                assert!(!status(*lang, *s).is_empty());
            }
        }
    }

    #[test]
    fn dates_and_money_per_locale() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(date(Lang::Ru, d), "24.11.2026");
        assert_eq!(date(Lang::En, d), "24 Nov 2026");
        assert_eq!(money(Lang::Ru, 123_456, "RUB"), "1\u{a0}234,56\u{a0}₽");
        assert_eq!(money(Lang::En, 123_456, "EUR"), "€1,234.56");
        assert_eq!(money(Lang::En, -5, "EUR"), "-€0.05");
        assert_eq!(money(Lang::En, 100_000_000, "CHF"), "1,000,000.00 CHF");
        assert_eq!(money(Lang::Ru, 99, "EUR"), "0,99\u{a0}€");
        assert_eq!(money_whole(Lang::En, 123_456, "EUR"), "€1,235");
        assert_eq!(int(Lang::Ru, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(int(Lang::En, 999), "999");
        assert_eq!(percent(Lang::Ru, 23.45), "23,4\u{a0}%");
        assert_eq!(plural(Lang::En, "calls.n_calls", 1), "1 call");
        assert_eq!(plural(Lang::En, "calls.n_calls", 2), "2 calls");
        assert_eq!(plural(Lang::Ru, "calls.n_calls", 21), "21 звонок");
        assert_eq!(plural(Lang::Ru, "calls.n_calls", 3), "3 звонка");
        assert_eq!(plural(Lang::Ru, "calls.n_calls", 12), "12 звонков");
        assert_eq!(plural(Lang::Ru, "calls.n_calls", 1005), "1\u{a0}005 звонков");
        assert_eq!(tf(Lang::En, "page_x_of_y", &[("x", "2"), ("y", "7")]), "Page 2 of 7");
        assert_eq!(tf(Lang::Ru, "page_x_of_y", &[("x", "2"), ("y", "7")]), "Страница 2 из 7");
    }
}
