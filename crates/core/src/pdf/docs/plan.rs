//! The sales plan for a period: the target, the backwards calculation from
//! turnover to calls per working day, a funnel chart, a month-by-month table
//! for longer periods, and the assumptions (which rates were measured).

use crate::error::Result;
use crate::model::Lang;
use crate::pdf::i18n::{self, t, tf};
use crate::pdf::{Block, Chart, ChartKind, Column, Document, ParaStyle, Row, RowStyle, Table};
use crate::plan::{PlanDerivation, Rate};
use chrono::{Datelike, NaiveDate};

fn rate_basis(lang: Lang, r: &Rate) -> String {
    if r.measured { tf(lang, "plan.measured", &[("n", &i18n::int(lang, r.sample))]) } else { t(lang, "plan.default").to_string() }
}

fn signed_percent(lang: Lang, v: f64) -> String {
    let p = i18n::percent(lang, v.abs() * 100.0);
    if v < 0.0 { format!("−{p}") } else { format!("+{p}") }
}

/// The plan as printed: every figure is the derivation's own (the same the
/// app shows and `plan derive --json` returns), formatted once per locale;
/// `today` decides whether the date to start prospecting has passed.
pub fn build(organisation: &str, p: &PlanDerivation, today: NaiveDate, lang: Lang) -> Result<Document> {
    let tr = |k: &str| t(lang, k).to_string();
    let i = &p.inputs;
    let cur = i.currency.as_str();
    let money = |m: i64| i18n::money_whole(lang, m, cur);
    let last_day = i.period.end - chrono::Duration::days(1);
    let period = format!("{} – {}", i18n::date(lang, i.period.start), i18n::date(lang, last_day));

    let mut doc = Document::new(lang, &tr("plan.title"), organisation);
    doc.subtitle = Some(period.clone());

    doc.push(Block::h1(tr("plan.target")));
    let mut kv = vec![(tr("plan.period"), period), (tr("plan.working_days"), i18n::int(lang, i64::from(p.working_days)))];
    if let Some(profit) = i.target_profit_minor {
        kv.push((tr("plan.profit_target"), money(profit)));
        kv.push((
            tr("plan.margin"),
            format!("{} ({})", i18n::percent(lang, i.margin * 100.0), if i.margin_measured { tr("plan.margin_measured") } else { tr("plan.default") }),
        ));
    }
    kv.push((tr("plan.turnover_target"), money(i.target_turnover_minor)));
    kv.push((tr("plan.repeat"), money(i.repeat_turnover_minor)));
    kv.push((tr("plan.new"), money(p.new_turnover_minor)));
    kv.push((tr("plan.first_deal_size"), money(p.first_deal_size_minor)));
    doc.push(Block::KeyValue(kv));
    if p.first_deals == 0 {
        // Say why everything below is zero, before the reader wonders.
        doc.push(Block::Paragraph {
            text: tf(lang, "plan.covered", &[("repeat", &money(i.repeat_turnover_minor)), ("target", &money(i.target_turnover_minor))]),
            style: ParaStyle::Callout,
        });
    } else if p.prospect_from < today {
        doc.push(Block::Paragraph {
            text: tf(lang, "plan.late", &[("date", &i18n::date(lang, p.prospect_from)), ("days", &i18n::int(lang, i64::from(i.cycle_days)))]),
            style: ParaStyle::Callout,
        });
    }

    doc.push(Block::h1(tr("plan.backwards")));
    doc.push(Block::note(tr("plan.backwards_note")));
    let rate = |key: &str| i.rates.iter().find(|r| r.key == key).cloned();
    let steps: [(&str, i64, Option<&str>); 5] = [
        ("plan.calls", p.calls, Some("call_to_lead")),
        ("plan.leads", p.leads, Some("lead_to_qualified")),
        ("plan.qualified", p.qualified_leads, Some("qualified_to_offer")),
        ("plan.offers", p.offers, Some("offer_to_won")),
        ("plan.first_deals", p.first_deals, None),
    ];
    let rows = steps
        .iter()
        .map(|(label, n, key)| {
            let r = key.and_then(rate);
            Row::styled(
                if key.is_none() { RowStyle::Total } else { RowStyle::Normal },
                vec![
                    tr(label),
                    i18n::int(lang, *n),
                    r.as_ref().map(|r| i18n::percent(lang, r.value * 100.0)).unwrap_or_else(|| tr("missing")),
                    r.as_ref().map(|r| rate_basis(lang, r)).unwrap_or_default(),
                ],
            )
        })
        .collect();
    doc.push(Block::Table(Table {
        columns: vec![Column::left(tr("plan.step")), Column::right(tr("plan.needed")), Column::right(tr("plan.rate")), Column::left(tr("plan.basis"))],
        rows,
    }));

    doc.push(Block::h2(tr("plan.daily")));
    doc.push(Block::KeyValue(vec![
        (tr("plan.calls_per_day"), i18n::decimal(lang, p.calls_per_day, 1)),
        (tr("plan.hours_per_week"), tf(lang, "plan.hours_value", &[("n", &i18n::decimal(lang, p.prospecting_hours_per_week, 1))])),
        (tr("plan.cycle"), i18n::plural(lang, "plan.cycle_value", i64::from(i.cycle_days))),
        (tr("plan.prospect_from"), i18n::date(lang, p.prospect_from)),
    ]));
    let funnel: Vec<(String, f64)> = steps.iter().map(|(label, n, _)| (tr(label), *n as f64)).collect();
    if p.first_deals > 0 {
        doc.push(Block::Chart(Chart {
            kind: ChartKind::Bar,
            title: tr("plan.funnel_chart"),
            value_labels: funnel.iter().map(|(_, v)| i18n::int(lang, *v as i64)).collect(),
            labels: funnel.iter().map(|(l, _)| l.clone()).collect(),
            values: funnel.iter().map(|(_, v)| *v).collect(),
            x_label: String::new(),
            y_label: String::new(),
            y_format: |lang, v| i18n::int(lang, v.round() as i64),
        }));
    }

    if p.months.len() > 1 {
        doc.push(Block::h1(tr("plan.by_month")));
        doc.push(Block::note(tr("plan.by_month_note")));
        let mut rows: Vec<Row> = p
            .months
            .iter()
            .map(|m| {
                Row::new(vec![
                    i18n::month(lang, m.start.year(), m.start.month0()),
                    i18n::int(lang, i64::from(m.working_days)),
                    money(m.target_turnover_minor),
                    i18n::int(lang, m.first_deals),
                    i18n::int(lang, m.calls),
                    i18n::decimal(lang, m.calls_per_day, 1),
                ])
            })
            .collect();
        // The total row is the headline itself; the months add up to it by construction.
        rows.push(Row::styled(
            RowStyle::Total,
            vec![
                tr("total"),
                i18n::int(lang, i64::from(p.working_days)),
                money(i.target_turnover_minor),
                i18n::int(lang, p.first_deals),
                i18n::int(lang, p.calls),
                i18n::decimal(lang, p.calls_per_day, 1),
            ],
        ));
        doc.push(Block::Table(Table {
            columns: vec![
                Column::nowrap(tr("plan.month")),
                Column::right(tr("plan.working_days")),
                Column::right(tr("plan.turnover")),
                Column::right(tr("plan.first_deals")),
                Column::right(tr("plan.calls")),
                Column::right(tr("plan.calls_per_day")),
            ],
            rows,
        }));
    }

    doc.push(Block::h1(tr("plan.assumptions")));
    let step_pair = |key: &str| match key {
        "call_to_lead" => ("plan.calls", "plan.leads"),
        "lead_to_qualified" => ("plan.leads", "plan.qualified"),
        "qualified_to_offer" => ("plan.qualified", "plan.offers"),
        _ => ("plan.offers", "plan.first_deals"),
    };
    let mut bullets: Vec<String> = i
        .rates
        .iter()
        .map(|r| {
            let (from, to) = step_pair(&r.key);
            format!("{} › {}: {} ({})", tr(from), tr(to), i18n::percent(lang, r.value * 100.0), rate_basis(lang, r))
        })
        .collect();
    if i.conversion_uplift != 0.0 || i.deal_size_uplift != 0.0 {
        bullets.push(tf(lang, "plan.whatif", &[("c", &signed_percent(lang, i.conversion_uplift)), ("d", &signed_percent(lang, i.deal_size_uplift))]));
    }
    bullets.push(tr("plan.benchmark_note"));
    doc.push(Block::Bullets(bullets));
    Ok(doc)
}
