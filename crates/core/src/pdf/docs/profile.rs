//! The client profile: the company card, its contacts, open deals with next
//! steps, orders with totals and a monthly chart, the latest activities and
//! the next step.

use super::or_dash;
use crate::error::Result;
use crate::model::{ClientKind, Lang, display_name};
use crate::pdf::i18n::{self, t, tf};
use crate::pdf::{Block, Chart, ChartKind, Column, Document, ParaStyle, Row, RowStyle, Table};
use crate::store::{Store, meta, reports};
use crate::usecases::custom_fields;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// How many activities the history shows (latest first).
pub const HISTORY_LIMIT: u32 = 40;

pub fn build(s: &Store, today: NaiveDate, company_id: i64, lang: Lang) -> Result<Document> {
    let ws = meta::load(s.conn())?;
    let p = reports::company_profile(s.conn(), company_id, HISTORY_LIMIT)?;
    let c = &p.company;
    let tr = |k: &str| t(lang, k).to_string();

    let mut doc = Document::new(lang, &format!("{} — {}", t(lang, "profile.title"), c.name), &ws.name);
    doc.subtitle = Some([c.industry.as_deref(), c.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ")).filter(|s| !s.is_empty());

    // The next step first: it is what the reader acts on.
    doc.push(Block::h2(tr("profile.next_step")));
    match p.planned.first() {
        Some(n) => {
            let mut text = n.text.clone();
            if let Some(deal) = &n.deal {
                text = format!("{text} ({deal})");
            }
            if let Some(d) = n.date {
                text = format!("{} — {text}", i18n::date(lang, d));
                if d < today {
                    text = format!("{text} · {}", t(lang, "profile.overdue"));
                }
            }
            doc.push(Block::Paragraph { text, style: ParaStyle::Callout });
            let more: Vec<String> = p
                .planned
                .iter()
                .skip(1)
                .take(5)
                .map(|n| match n.date {
                    Some(d) => format!("{} — {}", i18n::date(lang, d), n.text),
                    None => n.text.clone(),
                })
                .collect();
            if !more.is_empty() {
                doc.push(Block::Bullets(more));
            }
        }
        None => {
            doc.push(Block::Paragraph { text: tr("profile.no_next_step"), style: ParaStyle::Callout });
        }
    }

    doc.push(Block::h1(tr("profile.card")));
    let mut card = vec![(tr("profile.name"), c.name.clone()), (tr("profile.industry"), or_dash(c.industry.as_deref()))];
    // A company's size, revenue and parent, when they are known.
    if let Some(n) = c.employees {
        card.push((tr("profile.employees"), crate::locale::count(lang, n)));
    }
    if let Some(r) = c.revenue_minor {
        card.push((tr("profile.revenue"), crate::locale::money(lang, r, &ws.currency)));
    }
    if let Some(parent) = &c.parent_name {
        card.push((tr("profile.parent"), parent.clone()));
    }
    card.extend([
        (tr("profile.city"), or_dash(c.city.as_deref())),
        (tr("profile.phone"), or_dash(c.phone.as_deref())),
        (tr("profile.email"), or_dash(c.email.as_deref())),
        (tr("profile.website"), or_dash(c.website.as_deref())),
        (tr("profile.abc"), or_dash(c.abc.map(|a| a.code()))),
        (tr("profile.source"), or_dash(c.source.map(|s| i18n::source(lang, s)))),
        (tr("profile.owner"), or_dash(p.owner.as_deref())),
    ]);
    if let Some(n) = c.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        card.push((tr("profile.notes"), n.to_string()));
    }
    // The company's tags and the custom fields filled in.
    let tags = crate::store::tags::of(s.conn(), ClientKind::Company, company_id)?;
    if !tags.is_empty() {
        card.push((tr("profile.tags"), tags.join(", ")));
    }
    for v in custom_fields::values_in(s.conn(), ClientKind::Company, company_id)? {
        if let Some(d) = v.display {
            card.push((v.field.label, d));
        }
    }
    doc.push(Block::KeyValue(card));

    doc.push(Block::h2(tr("profile.contacts")));
    if p.contacts.is_empty() {
        doc.push(Block::note(tr("profile.no_contacts")));
    } else {
        doc.push(Block::Table(Table {
            columns: vec![
                Column::left(tr("profile.contact_name")),
                Column::left(tr("profile.contact_title")),
                Column::left(tr("profile.phone")),
                Column::left(tr("profile.email")),
            ],
            rows: p
                .contacts
                .iter()
                .map(|ct| {
                    Row::new(vec![
                        display_name(&ct.first_name, &ct.last_name),
                        or_dash(ct.title.as_deref()),
                        or_dash(ct.phone.as_deref()),
                        or_dash(ct.email.as_deref()),
                    ])
                })
                .collect(),
        }));
    }

    let addresses = crate::store::addresses::of_company_and_contacts(s.conn(), company_id)?;
    if !addresses.is_empty() {
        doc.push(Block::h2(tr("profile.addresses")));
        let whose = |o: crate::address::AddressOwner| match o {
            crate::address::AddressOwner::Company(_) => c.name.clone(),
            crate::address::AddressOwner::Contact(id) => {
                p.contacts.iter().find(|ct| ct.id == id).map(|ct| display_name(&ct.first_name, &ct.last_name)).unwrap_or_default()
            }
        };
        doc.push(Block::Table(Table {
            columns: vec![Column::left(tr("profile.address_whose")), Column::left(tr("profile.address_kind")), Column::left(tr("profile.address"))],
            rows: addresses
                .iter()
                .map(|a| Row::new(vec![whose(a.owner), i18n::address_kind(lang, a.kind).to_string(), crate::address::one_line(&a.input())]))
                .collect(),
        }));
    }

    // Each contact's tags and filled custom fields, one line each.
    let mut more = vec![];
    for ct in &p.contacts {
        let mut parts = vec![];
        let tags = crate::store::tags::of(s.conn(), ClientKind::Contact, ct.id)?;
        if !tags.is_empty() {
            parts.push(format!("{}: {}", tr("profile.tags"), tags.join(", ")));
        }
        for v in custom_fields::values_in(s.conn(), ClientKind::Contact, ct.id)? {
            if let Some(d) = v.display {
                parts.push(format!("{}: {d}", v.field.label));
            }
        }
        if !parts.is_empty() {
            more.push(format!("{} — {}", display_name(&ct.first_name, &ct.last_name), parts.join("; ")));
        }
    }
    if !more.is_empty() {
        doc.push(Block::h2(tr("profile.contact_fields")));
        doc.push(Block::Bullets(more));
    }

    doc.push(Block::h1(tr("profile.deals")));
    if p.open_deals.is_empty() {
        doc.push(Block::note(tr("profile.no_deals")));
    } else {
        doc.push(Block::Table(Table {
            columns: vec![
                Column::left(tr("profile.deal")),
                Column::left(tr("profile.step")),
                Column::right(tr("profile.value")),
                Column::left(tr("profile.deal_next")),
                Column::nowrap(tr("profile.due")),
            ],
            rows: p
                .open_deals
                .iter()
                .map(|d| {
                    Row::new(vec![
                        d.title.clone(),
                        d.step.clone(),
                        i18n::money(lang, d.value_minor, &d.currency),
                        or_dash(d.next_step.as_deref()),
                        d.next_step_date.map(|x| i18n::date(lang, x)).unwrap_or_else(|| "—".into()),
                    ])
                })
                .collect(),
        }));
    }

    doc.push(Block::h1(tr("profile.orders")));
    if p.orders.is_empty() {
        doc.push(Block::note(tr("profile.no_orders")));
    } else {
        // A chart of the last twelve months with orders.
        let mut by_month: BTreeMap<(i32, u32), i64> = BTreeMap::new();
        let first_month = {
            let d = today.with_day(1).unwrap_or(today);
            let m = d.year() * 12 + d.month0() as i32 - 11;
            (m.div_euclid(12), m.rem_euclid(12) as u32)
        };
        for k in 0..12 {
            let m = first_month.0 * 12 + first_month.1 as i32 + k;
            by_month.insert((m.div_euclid(12), m.rem_euclid(12) as u32), 0);
        }
        let currency = p.orders[0].currency.clone();
        for o in p.orders.iter().filter(|o| o.currency == currency) {
            if let Some(v) = by_month.get_mut(&(o.order_date.year(), o.order_date.month0())) {
                *v += o.amount_minor;
            }
        }
        let months: Vec<_> = by_month.into_iter().collect();
        doc.push(Block::Chart(Chart {
            kind: ChartKind::Bar,
            title: tr("profile.orders_by_month"),
            labels: months.iter().map(|((y, m), _)| i18n::month(lang, *y, *m)).collect(),
            values: months.iter().map(|(_, v)| *v as f64 / 100.0).collect(),
            value_labels: months.iter().map(|(_, v)| compact(lang, *v as f64 / 100.0)).collect(),
            x_label: String::new(),
            y_label: currency.clone(),
            y_format: |lang, v| i18n::int(lang, v.round() as i64),
        }));

        let mut rows: Vec<Row> = p
            .orders
            .iter()
            .map(|o| {
                Row::new(vec![
                    i18n::date(lang, o.order_date),
                    i18n::money(lang, o.amount_minor, &o.currency),
                    i18n::money(lang, o.margin_minor, &o.currency),
                    margin_pct(lang, o.margin_minor, o.amount_minor),
                ])
            })
            .collect();
        let mut totals: BTreeMap<&str, (i64, i64, usize)> = BTreeMap::new();
        for o in &p.orders {
            let e = totals.entry(o.currency.as_str()).or_default();
            e.0 += o.amount_minor;
            e.1 += o.margin_minor;
            e.2 += 1;
        }
        for (cur, (amount, margin, n)) in totals {
            rows.push(Row::styled(
                RowStyle::Total,
                vec![
                    format!("{} ({})", t(lang, "total"), i18n::int(lang, n as i64)),
                    i18n::money(lang, amount, cur),
                    i18n::money(lang, margin, cur),
                    margin_pct(lang, margin, amount),
                ],
            ));
        }
        doc.push(Block::Table(Table {
            columns: vec![
                Column::nowrap(tr("profile.date")),
                Column::right(tr("profile.amount")),
                Column::right(tr("profile.margin")),
                Column::right(tr("profile.margin_pct")),
            ],
            rows,
        }));
    }

    doc.push(Block::h1(tr("profile.history")));
    if p.history.is_empty() {
        doc.push(Block::note(tr("profile.no_history")));
    } else {
        if p.history_total > p.history.len() as i64 {
            doc.push(Block::note(tf(lang, "profile.history_bounded", &[("n", &p.history.len().to_string()), ("total", &i18n::int(lang, p.history_total))])));
        }
        doc.push(Block::Table(Table {
            columns: vec![
                Column::nowrap(tr("profile.date")),
                Column::left(tr("profile.kind")),
                Column::left(tr("profile.subject")),
                Column::left(tr("profile.contact_name")),
                Column::left(tr("profile.outcome")),
                Column::left(tr("profile.by")),
            ],
            rows: p
                .history
                .iter()
                .map(|h| {
                    Row::new(vec![
                        h.at.map(|a| i18n::date(lang, a.date())).unwrap_or_else(|| "—".into()),
                        i18n::kind(lang, h.kind).to_string(),
                        h.subject.clone(),
                        or_dash(h.contact.as_deref()),
                        or_dash(h.outcome.as_deref()),
                        or_dash(h.owner.as_deref()),
                    ])
                })
                .collect(),
        }));
    }
    Ok(doc)
}

fn margin_pct(lang: Lang, margin: i64, amount: i64) -> String {
    if amount == 0 { "—".into() } else { i18n::percent(lang, margin as f64 * 100.0 / amount as f64) }
}

/// Chart labels without the currency (the axis names it): `950`, `9.5k`,
/// `1.2M`; ru `9,5 тыс.`, `1,2 млн`.
fn compact(lang: Lang, units: f64) -> String {
    if units.abs() < 1_000.0 {
        return i18n::int(lang, units.round() as i64);
    }
    let (v, suffix) = if units.abs() >= 1_000_000.0 {
        (
            units / 1_000_000.0,
            match lang {
                Lang::En => "M",
                Lang::Ru => "\u{a0}млн",
                Lang::Bg => "\u{a0}млн.",
                Lang::El => "\u{a0}εκ.",
                Lang::Hu => "\u{a0}M",
            },
        )
    } else {
        (
            units / 1_000.0,
            match lang {
                Lang::En => "k",
                Lang::Ru => "\u{a0}тыс.",
                Lang::Bg => "\u{a0}хил.",
                Lang::El => "\u{a0}χιλ.",
                Lang::Hu => "\u{a0}E",
            },
        )
    };
    format!("{}{suffix}", i18n::decimal(lang, v, 1))
}
