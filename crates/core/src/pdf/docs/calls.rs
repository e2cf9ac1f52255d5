//! The call register for a period: a summary, a chart of calls per day (per
//! week for long periods), and every call by day with daily subtotals and a
//! grand total.

use super::or_dash;
use crate::error::Result;
use crate::model::Lang;
use crate::pdf::i18n::{self, t, tf};
use crate::pdf::{Block, Chart, ChartKind, Column, Document, Row, RowStyle, Table};
use crate::store::{Store, meta, people, reports};
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeMap;

/// Periods up to this many days get one bar per day; longer ones a weekly line.
const DAILY_CHART_MAX_DAYS: i64 = 31;

pub fn build(s: &Store, from: NaiveDate, to: NaiveDate, person_id: Option<i64>, lang: Lang) -> Result<Document> {
    let ws = meta::load(s.conn())?;
    let person = person_id.map(|id| people::get(s.conn(), id)).transpose()?;
    let calls = reports::calls(s.conn(), from, to, person_id)?;
    let tr = |k: &str| t(lang, k).to_string();
    let who = person.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| tr("calls.everyone"));
    let period = format!("{} – {}", i18n::date(lang, from), i18n::date(lang, to));

    let mut doc = Document::new(lang, &tr("calls.title"), &ws.name);
    doc.subtitle = Some(format!("{period} · {who}"));
    if let Some(p) = &person {
        doc.author = format!("{} · {}", p.name, ws.name);
    }

    let total_min: i64 = calls.iter().map(|c| c.duration_min.unwrap_or(0) as i64).sum();
    let mut by_day: BTreeMap<NaiveDate, Vec<&reports::CallRow>> = BTreeMap::new();
    for c in &calls {
        by_day.entry(c.at.date()).or_default().push(c);
    }

    doc.push(Block::h1(tr("calls.summary")));
    doc.push(Block::KeyValue(vec![
        (tr("calls.period"), period.clone()),
        (tr("calls.person"), who),
        (tr("calls.count"), i18n::int(lang, calls.len() as i64)),
        (tr("calls.duration_total"), i18n::minutes(lang, total_min)),
        (tr("calls.days"), i18n::int(lang, by_day.len() as i64)),
    ]));
    if calls.is_empty() {
        doc.push(Block::note(tr("calls.none")));
        return Ok(doc);
    }

    let days = (to - from).num_days() + 1;
    let chart = if days <= DAILY_CHART_MAX_DAYS {
        let mut labels = Vec::new();
        let mut values = Vec::new();
        let mut d = from;
        while d <= to {
            // The day of the month: short enough to label every bar; the caption names the dates.
            labels.push(d.day().to_string());
            values.push(by_day.get(&d).map_or(0, Vec::len) as f64);
            d += Duration::days(1);
        }
        Chart {
            kind: ChartKind::Bar,
            title: tr("calls.per_day"),
            // Every bar labelled, days without calls too (0), so no bar looks unread.
            value_labels: values.iter().map(|v| i18n::int(lang, *v as i64)).collect(),
            labels,
            values,
            x_label: tf(lang, "calls.day_axis", &[("from", &i18n::date(lang, from)), ("to", &i18n::date(lang, to))]),
            y_label: tr("calls.count"),
            y_format: |lang, v| i18n::int(lang, v.round() as i64),
        }
    } else {
        let mut weeks: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let mut w = i18n::week_start(from);
        while w <= to {
            weeks.insert(w, 0);
            w += Duration::days(7);
        }
        for c in &calls {
            *weeks.entry(i18n::week_start(c.at.date())).or_default() += 1;
        }
        Chart {
            kind: ChartKind::Line,
            title: tr("calls.per_week"),
            labels: weeks.keys().map(|d| i18n::short_date(lang, *d)).collect(),
            value_labels: weeks.values().map(|v| i18n::int(lang, *v as i64)).collect(),
            values: weeks.values().map(|v| *v as f64).collect(),
            x_label: tr("calls.week_axis"),
            y_label: tr("calls.count"),
            y_format: |lang, v| i18n::int(lang, v.round() as i64),
        }
    };
    doc.push(Block::Chart(chart));

    doc.push(Block::h1(tr("calls.by_day")));
    let mut rows = Vec::with_capacity(calls.len() + by_day.len() + 1);
    for (day, list) in &by_day {
        let date = i18n::date(lang, *day);
        for c in list {
            let next = match (&c.next_step, c.next_step_date) {
                (Some(n), Some(d)) => format!("{n} ({})", i18n::short_date(lang, d)),
                (Some(n), None) => n.clone(),
                _ => "—".into(),
            };
            rows.push(Row::new(vec![
                date.clone(),
                c.at.format("%H:%M").to_string(),
                or_dash(c.contact.as_deref()),
                or_dash(c.company.as_deref()),
                or_dash(c.outcome.as_deref()),
                c.duration_min.map(|m| i18n::minutes(lang, m as i64)).unwrap_or_else(|| "—".into()),
                next,
            ]));
        }
        let day_min: i64 = list.iter().map(|c| c.duration_min.unwrap_or(0) as i64).sum();
        rows.push(Row::styled(
            RowStyle::Subtotal,
            vec![
                date,
                String::new(),
                i18n::plural(lang, "calls.n_calls", list.len() as i64),
                String::new(),
                String::new(),
                i18n::minutes(lang, day_min),
                String::new(),
            ],
        ));
    }
    rows.push(Row::styled(
        RowStyle::Total,
        vec![
            tr("total"),
            String::new(),
            i18n::plural(lang, "calls.n_calls", calls.len() as i64),
            String::new(),
            String::new(),
            i18n::minutes(lang, total_min),
            String::new(),
        ],
    ));
    doc.push(Block::Table(Table {
        columns: vec![
            Column::nowrap(tr("calls.date")),
            Column::nowrap(tr("calls.time")),
            Column::left(tr("calls.contact")),
            Column::left(tr("calls.company")),
            Column::left(tr("calls.outcome")),
            Column::right(tr("calls.duration")),
            Column::left(tr("calls.next_step")),
        ],
        rows,
    }));
    Ok(doc)
}
