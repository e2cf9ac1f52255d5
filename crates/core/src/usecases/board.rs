//! The conveyor board: every stage with its steps and the open deals in them.

use crate::clock::Clock;
use crate::error::Result;
use crate::model::{Source, Stage, Step};
use crate::store::board::{self as q, DealCard};
use crate::store::{Store, meta, steps};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many cards each column carries; counts and sums always cover all deals.
pub const CARDS_PER_STEP: u32 = 100;

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

pub fn get_board(s: &Store, clock: &dyn Clock, query: &BoardQuery) -> Result<Board> {
    let c = s.conn();
    let currency = meta::currency(c)?;
    let filter = q::Filter { owner_id: query.owner_id, source: query.source, tag: query.tag.as_deref().map(crate::store::tags::key) };
    let sums = q::sums(c, &filter)?;
    let all_steps = steps::list(c)?;
    let stages = Stage::ALL
        .iter()
        .map(|&stage| -> Result<BoardStage> {
            let mut st = BoardStage { stage, count: 0, totals: vec![], steps: vec![] };
            for step in all_steps.iter().filter(|x| x.stage == stage) {
                let mut col = BoardStep { step: step.clone(), count: 0, totals: vec![], deals: q::cards(c, &filter, step.id, CARDS_PER_STEP)? };
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
}
