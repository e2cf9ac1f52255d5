//! The conveyor board: every stage with its steps and the open deals in them.

use crate::clock::Clock;
use crate::error::Result;
use crate::model::{Source, Stage, Step};
use crate::store::board::{self as q, DealCard};
use crate::store::{Store, meta, steps};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many cards each column carries on the board's first answer (more
/// than a column shows without scrolling); counts and sums always cover all
/// deals, and [`get_column`] gives the rest page by page.
pub const CARDS_PER_STEP: u32 = 20;

/// The most cards one [`get_column`] page carries.
pub const MAX_PAGE: u32 = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardQuery {
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub source: Option<Source>,
    /// Only deals of clients with this tag.
    #[serde(default)]
    pub tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Board {
    /// The workspace currency, in which totals are given first.
    pub currency: String,
    pub today: chrono::NaiveDate,
    pub stages: Vec<BoardStage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardStage {
    pub stage: Stage,
    #[ts(type = "number")]
    pub count: i64,
    pub totals: Vec<MoneyTotal>,
    pub steps: Vec<BoardStep>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardStep {
    pub step: Step,
    #[ts(type = "number")]
    pub count: i64,
    /// Sum and weighted sum (value × step probability) per currency,
    /// the workspace currency first.
    pub totals: Vec<MoneyTotal>,
    /// The first cards of the column (at most [`CARDS_PER_STEP`]).
    pub deals: Vec<DealCard>,
}

/// A page of one column's cards, for a column scrolled to its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnPage {
    #[ts(type = "number")]
    pub step_id: i64,
    /// All the column's open deals under the filter (as on the board).
    #[ts(type = "number")]
    pub count: i64,
    #[ts(type = "number")]
    pub offset: u32,
    /// The cards from `offset` on, in the board's order.
    pub deals: Vec<DealCard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MoneyTotal {
    pub currency: String,
    #[ts(type = "number")]
    pub sum_minor: i64,
    #[ts(type = "number")]
    pub weighted_minor: i64,
}

fn add(totals: &mut Vec<MoneyTotal>, t: &MoneyTotal) {
    match totals.iter_mut().find(|x| x.currency == t.currency) {
        Some(x) => {
            x.sum_minor += t.sum_minor;
            x.weighted_minor += t.weighted_minor;
        }
        None => totals.push(t.clone()),
    }
}

fn order_totals(totals: &mut [MoneyTotal], home: &str) {
    totals.sort_by(|a, b| (a.currency != home, &a.currency).cmp(&(b.currency != home, &b.currency)));
}

fn filter(query: &BoardQuery) -> q::Filter {
    q::Filter { owner_id: query.owner_id, source: query.source, tag: query.tag.as_deref().map(crate::store::tags::key) }
}

pub fn get_board(s: &Store, clock: &dyn Clock, query: &BoardQuery) -> Result<Board> {
    let c = s.conn();
    let currency = meta::currency(c)?;
    let filter = filter(query);
    let sums = q::sums(c, &filter)?;
    let all_steps = steps::list(c)?;
    let stages = Stage::ALL
        .iter()
        .map(|&stage| -> Result<BoardStage> {
            let mut st = BoardStage { stage, count: 0, totals: vec![], steps: vec![] };
            for step in all_steps.iter().filter(|x| x.stage == stage) {
                let mut col = BoardStep { step: step.clone(), count: 0, totals: vec![], deals: q::cards(c, &filter, step.id, 0, CARDS_PER_STEP)? };
                for sum in sums.iter().filter(|x| x.step_id == step.id) {
                    col.count += sum.count;
                    // Weighted per step: one probability applies to the whole column.
                    let t = MoneyTotal {
                        currency: sum.currency.clone(),
                        sum_minor: sum.sum_minor,
                        weighted_minor: sum.sum_minor * i64::from(step.probability_pct) / 100,
                    };
                    add(&mut col.totals, &t);
                    add(&mut st.totals, &t);
                }
                order_totals(&mut col.totals, &currency);
                st.count += col.count;
                st.steps.push(col);
            }
            order_totals(&mut st.totals, &currency);
            Ok(st)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Board { currency, today: clock.today(), stages })
}

/// Up to `limit` cards (at most [`MAX_PAGE`]) of one step's column from
/// `offset` on, under the same filter and in the same order as the board,
/// with the column's count; a step that does not exist gives no cards.
pub fn get_column(s: &Store, query: &BoardQuery, step_id: i64, offset: u32, limit: u32) -> Result<ColumnPage> {
    let c = s.conn();
    let filter = filter(query);
    let deals = q::cards(c, &filter, step_id, offset, limit.min(MAX_PAGE))?;
    Ok(ColumnPage { step_id, count: q::count(c, &filter, step_id)?, offset, deals })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::store::testing::{clock, store};
    use crate::usecases::crm;

    fn deal(s: &mut Store, step: i64, company: i64, value: i64, currency: Option<&str>) -> Deal {
        crm::create_deal(
            s,
            &clock(),
            &DealInput {
                title: format!("Deal {value}"),
                company_id: Some(company),
                contact_id: None,
                step_id: step,
                value_minor: value,
                currency: currency.map(String::from),
                owner_id: None,
                source: Source::ColdCall,
                referred_by_id: None,
                next_step: Some("Call back".into()),
                next_step_date: Some(clock().today()),
                expected_close_on: None,
            },
        )
        .unwrap()
    }

    #[test]
    fn columns_count_and_sum_open_deals_with_weighted_values() {
        let mut s = store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
        let steps = crm::list_steps(&s).unwrap();
        let offer = steps.iter().find(|x| x.stage == Stage::FirstDeal && x.position == 2).unwrap().clone();
        deal(&mut s, offer.id, co.id, 100_000, None);
        deal(&mut s, offer.id, co.id, 50_000, None);
        deal(&mut s, offer.id, co.id, 7_000, Some("USD"));
        let lost = deal(&mut s, offer.id, co.id, 999_999, None);
        crm::close_deal(&mut s, &clock(), lost.id, &DealClose { status: DealStatus::Lost, reason: Some("Price".into()) }).unwrap();

        let b = get_board(&s, &clock(), &BoardQuery::default()).unwrap();
        assert_eq!(b.stages.iter().map(|x| x.stage).collect::<Vec<_>>(), Stage::ALL);
        let stage2 = &b.stages[1];
        assert_eq!(stage2.count, 3, "the lost deal is not on the board");
        let col = stage2.steps.iter().find(|c| c.step.id == offer.id).unwrap();
        assert_eq!(col.count, 3);
        assert_eq!(col.deals.len(), 3);
        assert_eq!(col.totals[0], MoneyTotal { currency: "EUR".into(), sum_minor: 150_000, weighted_minor: 150_000 * 55 / 100 });
        assert_eq!(col.totals[1].currency, "USD");
        assert_eq!(b.stages[0].count, 0);
        assert_eq!(b.stages[0].steps.len(), 4);
    }

    #[test]
    fn filters_by_owner_and_source() {
        let mut s = store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
        let step = crm::list_steps(&s).unwrap()[0].id;
        deal(&mut s, step, co.id, 10, None);
        let q = BoardQuery { owner_id: None, source: Some(Source::Referral), tag: None };
        assert_eq!(get_board(&s, &clock(), &q).unwrap().stages[0].count, 0);
        let q = BoardQuery { owner_id: None, source: Some(Source::ColdCall), tag: None };
        assert_eq!(get_board(&s, &clock(), &q).unwrap().stages[0].count, 1);
    }

    #[test]
    fn a_column_pages_through_every_card_once_with_the_boards_counts_and_sums() {
        let mut s = store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
        let step = crm::list_steps(&s).unwrap()[0].clone();
        let today = clock().today();
        let mut ids = vec![];
        for i in 0..57_i64 {
            let input = DealInput {
                title: format!("Deal {i}"),
                company_id: Some(co.id),
                contact_id: None,
                step_id: step.id,
                value_minor: 1_000 + i,
                currency: None,
                owner_id: None,
                // Referrals every third deal, for the filter.
                source: if i % 3 == 0 { Source::Referral } else { Source::ColdCall },
                referred_by_id: None,
                // Many cards share a date (and some have no next step), so the order needs its tie-break.
                next_step: if i % 5 == 0 { None } else { Some("Call".into()) },
                next_step_date: if i % 5 == 0 { None } else { Some(today + chrono::Days::new((i % 4) as u64)) },
                expected_close_on: None,
            };
            ids.push(crm::create_deal(&mut s, &clock(), &input).unwrap().id);
        }
        let lost = deal(&mut s, step.id, co.id, 5, None);
        crm::close_deal(&mut s, &clock(), lost.id, &DealClose { status: DealStatus::Lost, reason: Some("Price".into()) }).unwrap();

        for query in [BoardQuery::default(), BoardQuery { source: Some(Source::Referral), ..Default::default() }] {
            let board = get_board(&s, &clock(), &query).unwrap();
            let col = board.stages[0].steps.iter().find(|c| c.step.id == step.id).unwrap();
            let expected: Vec<i64> = ids.iter().enumerate().filter(|(i, _)| query.source.is_none() || i % 3 == 0).map(|(_, id)| *id).collect();
            assert_eq!(col.count, expected.len() as i64);
            assert_eq!(col.deals.len(), expected.len().min(CARDS_PER_STEP as usize), "the board carries the first cards only");
            let sum: i64 = col.deals.iter().map(|d| d.value_minor).sum::<i64>();
            assert!(sum < col.totals[0].sum_minor || col.deals.len() == expected.len());

            // Page by page from the board's last card, 7 at a time.
            let mut all = col.deals.clone();
            loop {
                let page = get_column(&s, &query, step.id, all.len() as u32, 7).unwrap();
                assert_eq!((page.step_id, page.count, page.offset), (step.id, col.count, all.len() as u32));
                if page.deals.is_empty() {
                    break;
                }
                assert!(page.deals.len() <= 7);
                all.extend(page.deals);
            }
            let mut seen: Vec<i64> = all.iter().map(|d| d.id).collect();
            seen.sort();
            let mut want = expected.clone();
            want.sort();
            assert_eq!(seen, want, "every open card of the column once, the lost deal never");
            // The pages' cards add up to the column's count and sum.
            assert_eq!(all.len() as i64, col.count);
            assert_eq!(all.iter().map(|d| d.value_minor).sum::<i64>(), col.totals[0].sum_minor);
            // In the board's order: no next step date first, then the soonest.
            assert!(all.windows(2).all(|w| (w[0].next_step_date, w[0].id) < (w[1].next_step_date, w[1].id)));
            // The first page equals the board's column.
            assert_eq!(get_column(&s, &query, step.id, 0, CARDS_PER_STEP).unwrap().deals, col.deals);
        }
        // A limit beyond the column is no error; a step that does not exist gives nothing.
        assert_eq!(get_column(&s, &BoardQuery::default(), step.id, 0, 10_000).unwrap().deals.len(), 57);
        let empty = get_column(&s, &BoardQuery::default(), 999_999, 0, 20).unwrap();
        assert_eq!((empty.count, empty.deals.len()), (0, 0));
    }
}
