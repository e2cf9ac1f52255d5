//! The weekly and monthly report: plan vs fact (with the pace the plan
//! needs), forecast and weighted pipeline coverage with the risk signals, the
//! funnel of the period, the issues list with owners and dates; the monthly
//! report adds the ABC migration of the clients.

use crate::clock::Clock;
use crate::error::Result;
use crate::model::Lang;
use crate::pdf::i18n::{self, t, tf};
use crate::pdf::{Block, Chart, ChartKind, Column, Document, ParaStyle, Row, Table};
use crate::store::plans::Fact;
use crate::store::{Store, meta, people, plans};
use crate::usecases::analytics::{self, AnalyticsRequest, MigrationRequest};
use crate::usecases::plan::plan_status;
use crate::usecases::reviews::{self, ReviewKind};
use chrono::{Datelike, Duration, NaiveDate};

fn money(lang: Lang, minor: i64, cur: &str) -> String {
    i18n::money_whole(lang, minor, cur)
}

fn pct(lang: Lang, v: Option<f64>) -> String {
    v.map(|x| i18n::percent(lang, x * 100.0)).unwrap_or_else(|| "—".into())
}

fn fact_rows(lang: Lang, f: &Fact, cur: &str) -> Vec<(String, String)> {
    vec![
        (t(lang, "report.m.calls").into(), i18n::int(lang, f.calls)),
        (t(lang, "report.m.meetings").into(), i18n::int(lang, f.meetings)),
        (t(lang, "report.m.leads").into(), i18n::int(lang, f.leads)),
        (t(lang, "report.m.qualified_leads").into(), i18n::int(lang, f.qualified_leads)),
        (t(lang, "report.m.offers").into(), i18n::int(lang, f.offers)),
        (t(lang, "report.m.first_deals").into(), i18n::int(lang, f.first_deals)),
        (t(lang, "report.m.repeat_orders").into(), i18n::int(lang, f.repeat_orders)),
        (t(lang, "report.m.turnover").into(), money(lang, f.turnover_minor, cur)),
        (t(lang, "report.m.profit").into(), money(lang, f.profit_minor, cur)),
    ]
}

/// The report of the week (`Weekly`) or month (`Monthly`) that holds `day`,
/// for one person or everybody.
pub fn build(s: &Store, clock: &dyn Clock, kind: ReviewKind, day: NaiveDate, person_id: Option<i64>, lang: Lang) -> Result<Document> {
    let c = s.conn();
    let ws = meta::load(c)?;
    let (start, end) = kind.span(day);
    let last = end - Duration::days(1);
    let period = format!("{:04}-{:02}", day.year(), day.month());
    let status = plan_status(s, clock, &period, person_id)?;
    let cur = status.currency.clone();
    let who = match person_id {
        Some(id) => people::get(c, id)?.name,
        None => t(lang, "report.everyone").to_string(),
    };
    let title = match kind {
        ReviewKind::Monthly => tf(lang, "report.title_month", &[("month", &i18n::month_long(lang, day.year(), day.month0()))]),
        _ => tf(lang, "report.title_week", &[("from", &i18n::date(lang, start)), ("to", &i18n::date(lang, last))]),
    };
    let mut doc = Document::new(lang, &title, &ws.name);
    doc.subtitle = Some(format!("{} · {who}", ws.name));

    // 1. The period's results.
    let f = plans::fact(c, start, end.min(clock.today() + Duration::days(1)), person_id)?;
    doc.push(Block::h1(t(lang, if kind == ReviewKind::Monthly { "report.results_month" } else { "report.results_week" })));
    doc.push(Block::KeyValue(fact_rows(lang, &f, &cur)));

    // 2. Plan vs fact for the month.
    doc.push(Block::h1(tf(lang, "report.plan_vs_fact", &[("month", &i18n::month_long(lang, day.year(), day.month0()))])));
    if status.plan.is_none() {
        doc.push(Block::Paragraph { text: t(lang, "report.no_plan").into(), style: ParaStyle::Callout });
    }
    let is_money = |k: &str| k == "turnover" || k == "profit";
    // Counts print as the plan status has them (whole, or to one decimal for
    // the pace figures), money in whole units: the numbers the app shows.
    let num = |k: &str, v: f64| if is_money(k) { money(lang, v.round() as i64, &cur) } else { i18n::decimal(lang, v, 1) };
    let rows: Vec<Row> = status
        .indicators
        .iter()
        .map(|i| {
            Row::new(vec![
                t(lang, &format!("report.m.{}", i.key)).to_string(),
                num(&i.key, i.planned as f64),
                num(&i.key, i.fact as f64),
                num(&i.key, i.expected_by_now),
                pct(lang, i.pace),
                num(&i.key, i.needed_per_day),
                t(lang, if i.behind { "report.behind" } else { "report.on_pace" }).to_string(),
            ])
        })
        .collect();
    if !rows.is_empty() {
        doc.push(Block::Table(Table {
            columns: vec![
                Column::left(t(lang, "report.col_measure")),
                Column::right(t(lang, "report.col_plan")),
                Column::right(t(lang, "report.col_fact")),
                Column::right(t(lang, "report.col_expected")),
                Column::right(t(lang, "report.col_pace")),
                Column::right(t(lang, "report.col_per_day")),
                Column::nowrap(t(lang, "report.col_state")),
            ],
            rows,
        }));
    }
    let mut kv = vec![
        (t(lang, "report.working_days").to_string(), format!("{} / {}", status.working_days_elapsed, status.working_days)),
        (t(lang, "report.remaining").to_string(), money(lang, status.remaining_minor, &cur)),
        (t(lang, "report.forecast").to_string(), status.forecast_turnover_minor.map(|v| money(lang, v, &cur)).unwrap_or_else(|| "—".into())),
        (t(lang, "report.pipeline").to_string(), format!("{} · {}", i18n::int(lang, status.pipeline.deals), money(lang, status.pipeline.value_minor, &cur))),
        (t(lang, "report.weighted").to_string(), money(lang, status.pipeline.weighted_minor, &cur)),
        (t(lang, "report.coverage").to_string(), pct(lang, status.coverage)),
    ];
    kv.retain(|(_, v)| !v.is_empty());
    doc.push(Block::KeyValue(kv));
    if status.signals.is_empty() {
        doc.push(Block::note(t(lang, "report.no_signals")));
    } else {
        let items = status
            .signals
            .iter()
            .map(|sg| {
                let key = if sg.code.ends_with("_behind_pace") { "report.signal.behind_pace".to_string() } else { format!("report.signal.{}", sg.code) };
                let measure = sg.code.strip_suffix("_behind_pace").map(|m| t(lang, &format!("report.m.{m}")).to_string()).unwrap_or_default();
                tf(lang, &key, &[("measure", &measure)])
            })
            .collect();
        doc.push(Block::h2(t(lang, "report.signals")));
        doc.push(Block::Bullets(items));
    }

    // 3. The funnel of the period.
    let a = analytics::analytics(s, clock, &AnalyticsRequest { from: Some(start), to: Some(last), person_id })?;
    doc.push(Block::h1(t(lang, "report.funnel")));
    doc.push(Block::note(tf(lang, "report.funnel_note", &[("from", &i18n::date(lang, start)), ("to", &i18n::date(lang, last))])));
    if a.funnel.iter().all(|x| x.reached == 0) {
        doc.push(Block::note(t(lang, "report.funnel_empty")));
    } else {
        let rows = a
            .funnel
            .iter()
            .map(|x| {
                Row::new(vec![
                    t(lang, &format!("book.stage.{}", x.stage.code())).to_string(),
                    x.name.clone(),
                    i18n::int(lang, x.reached),
                    i18n::int(lang, x.open),
                    pct(lang, x.conversion),
                ])
            })
            .collect();
        doc.push(Block::Table(Table {
            columns: vec![
                Column::left(t(lang, "book.stage")),
                Column::left(t(lang, "report.col_step")),
                Column::right(t(lang, "report.col_reached")),
                Column::right(t(lang, "report.col_open")),
                Column::right(t(lang, "report.col_conversion")),
            ],
            rows,
        }));
        doc.push(Block::Chart(Chart {
            kind: ChartKind::Bar,
            title: t(lang, "report.funnel_chart").into(),
            labels: a.funnel.iter().map(|x| x.name.clone()).collect(),
            values: a.funnel.iter().map(|x| x.reached as f64).collect(),
            value_labels: a.funnel.iter().map(|x| i18n::int(lang, x.reached)).collect(),
            x_label: t(lang, "report.col_step").into(),
            y_label: t(lang, "report.col_reached").into(),
            y_format: |l, v| i18n::int(l, v.round() as i64),
        }));
    }
    doc.push(Block::KeyValue(vec![
        (t(lang, "report.win_rate").into(), pct(lang, a.win_rate)),
        (t(lang, "report.cycle").into(), a.avg_cycle_days.map(|d| i18n::plural(lang, "report.days", d.round() as i64)).unwrap_or_else(|| "—".into())),
        (t(lang, "report.referral_share").into(), pct(lang, a.referrals.share)),
    ]));

    // 4. The issues list of the period's review.
    doc.push(Block::h1(t(lang, "report.issues")));
    let review = reviews::list_reviews(s, Some(kind), person_id, 50)?.into_iter().find(|r| r.period_on >= start && r.period_on < end);
    match review {
        Some(r) => {
            let r = reviews::get_review(s, clock, r.id)?;
            let issues: Vec<_> = r.issues.iter().chain(r.earlier_open_issues.iter()).collect();
            if issues.is_empty() {
                doc.push(Block::note(t(lang, "report.no_issues")));
            } else {
                let rows = issues
                    .iter()
                    .map(|i| {
                        Row::new(vec![
                            i.text.clone(),
                            i.owner_name.clone().unwrap_or_else(|| "—".into()),
                            i.due_on.map(|d| i18n::date(lang, d)).unwrap_or_else(|| "—".into()),
                            t(lang, &format!("report.issue.{}", i.status)).to_string(),
                        ])
                    })
                    .collect();
                doc.push(Block::Table(Table {
                    columns: vec![
                        Column::left(t(lang, "report.col_issue")),
                        Column::left(t(lang, "report.col_owner")),
                        Column::nowrap(t(lang, "report.col_due")),
                        Column::nowrap(t(lang, "report.col_status")),
                    ],
                    rows,
                }));
            }
        }
        None => {
            doc.push(Block::note(t(lang, "report.no_review")));
        }
    }

    // 5. Monthly: how clients moved between the ABC classes.
    if kind == ReviewKind::Monthly {
        let prev = (start - Duration::days(1)).format("%Y-%m").to_string();
        let m = analytics::abc_migration(s, clock, &MigrationRequest { from_period: Some(prev.clone()), to_period: Some(period.clone()), moved_limit: None })?;
        doc.push(Block::h1(t(lang, "report.abc_migration")));
        let prev_day = start - Duration::days(1);
        let (from_month, to_month) = (i18n::month_long(lang, prev_day.year(), prev_day.month0()), i18n::month_long(lang, day.year(), day.month0()));
        doc.push(Block::note(tf(lang, "report.abc_note", &[("from", &from_month), ("to", &to_month)])));
        let class = |c: Option<crate::model::Abc>| c.map(|x| x.code().to_string()).unwrap_or_else(|| t(lang, "report.no_orders").to_string());
        let classes = [Some(crate::model::Abc::A), Some(crate::model::Abc::B), Some(crate::model::Abc::C), None];
        let rows = classes
            .iter()
            .map(|from| {
                let mut cells = vec![class(*from)];
                for to in classes {
                    let n = m.cells.iter().find(|x| x.from == *from && x.to == to).map(|x| x.clients).unwrap_or(0);
                    cells.push(i18n::int(lang, n));
                }
                Row::new(cells)
            })
            .collect();
        let mut columns = vec![Column::left(t(lang, "report.from_to"))];
        columns.extend(classes.iter().map(|c| Column::right(class(*c))));
        doc.push(Block::Table(Table { columns, rows }));
        if !m.per_person.is_empty() {
            let rows = m
                .per_person
                .iter()
                .map(|p| {
                    Row::new(vec![p.person_name.clone().unwrap_or_else(|| "—".into()), i18n::int(lang, p.up), i18n::int(lang, p.same), i18n::int(lang, p.down)])
                })
                .collect();
            doc.push(Block::Table(Table {
                columns: vec![
                    Column::left(t(lang, "report.col_owner")),
                    Column::right(t(lang, "report.up")),
                    Column::right(t(lang, "report.same")),
                    Column::right(t(lang, "report.down")),
                ],
                rows,
            }));
        }
    }
    Ok(doc)
}
