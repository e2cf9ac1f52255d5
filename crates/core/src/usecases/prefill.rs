//! Answers flow forward: what a hand-off card opens with. The answers the
//! script runner captured for the card come first; then what the deal
//! already knows (the qualification card's answers under the same key, the
//! deal's contact, its value and its current next step).

use crate::clock::Clock;
use crate::error::Result;
use crate::store::cards::{self, CardKind};
use crate::store::{Store, contacts, deals};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CardPrefill {
    /// Field key → the value the card opens with (only the card's own live fields).
    pub values: BTreeMap<String, String>,
    /// The deal's current next step, when its date is not past (the card's next step opens with it).
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
    /// The deal's value (the win card asks the final amount, starting from it).
    #[ts(type = "number")]
    pub value_minor: i64,
    pub currency: String,
}

/// Keys of the hand-over card that the deal's contact fills when nothing was captured for them.
const CONTACT_KEYS: [&str; 3] = ["key_contacts", "contacts", "contact"];

pub fn card_prefill(s: &Store, clock: &dyn Clock, deal_id: i64, card: CardKind) -> Result<CardPrefill> {
    let c = s.conn();
    let deal = deals::get(c, deal_id)?;
    let fields = cards::fields(c, card)?;
    let draft = cards::draft(c, deal_id, card)?;
    // The qualification card this deal was handed over with, for the hand-over card.
    let earlier = match card {
        CardKind::Handover => cards::last_handoff_of_deal(c, deal_id)?.filter(|h| h.to_stage == crate::model::Stage::FirstDeal).map(|h| h.card),
        CardKind::Qualification => None,
    }
    .unwrap_or_default();
    let contact = deal.contact_id.map(|id| contacts::get(c, id)).transpose()?;
    let contact_line = contact.map(|ct| {
        let mut parts = vec![ct.display_name()];
        parts.extend(ct.title.filter(|x| !x.trim().is_empty()));
        parts.extend(ct.phone.filter(|x| !x.trim().is_empty()));
        parts.extend(ct.email.filter(|x| !x.trim().is_empty()));
        parts.join(", ")
    });
    let mut values = BTreeMap::new();
    for f in &fields {
        let known = draft
            .get(&f.key)
            .or_else(|| earlier.get(&f.key))
            .filter(|v| !v.trim().is_empty())
            .cloned()
            .or_else(|| (card == CardKind::Handover && CONTACT_KEYS.contains(&f.key.as_str())).then(|| contact_line.clone()).flatten());
        if let Some(v) = known {
            values.insert(f.key.clone(), v);
        }
    }
    let current = deal.next_step_date.filter(|d| *d >= clock.today()).and(deal.next_step.clone());
    Ok(CardPrefill {
        values,
        next_step_date: current.as_ref().and(deal.next_step_date),
        next_step: current,
        value_minor: deal.value_minor,
        currency: deal.currency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::store::testing::{clock, store};
    use crate::usecases::pipeline;
    use chrono::Duration;

    fn lead(s: &mut Store) -> Deal {
        let i = pipeline::LeadInput {
            company_name: "Romashka".into(),
            first_name: "Anna".into(),
            last_name: "Smirnova".into(),
            phone: Some("+7 912 345 67 89".into()),
            email: None,
            source: Source::ColdCall,
            referred_by_id: None,
            title: String::new(),
            value_minor: 250_000,
            next_step: "Call back".into(),
            next_step_date: clock().today() + Duration::days(2),
            company_id: None,
            contact_id: None,
        };
        pipeline::create_lead(s, &clock(), &i).unwrap()
    }

    fn keys(s: &Store, card: CardKind) -> Vec<String> {
        cards::fields(s.conn(), card).unwrap().into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn captured_answers_prefill_the_qualification_card_and_travel_on_to_the_hand_over_card() {
        let mut s = store();
        let q = keys(&s, CardKind::Qualification);
        assert!(q.len() >= 2, "the built-in qualification card has fields: {q:?}");
        let d = lead(&mut s);

        // Nothing captured yet: only the deal's next step and value.
        let p = card_prefill(&s, &clock(), d.id, CardKind::Qualification).unwrap();
        assert!(p.values.is_empty());
        assert_eq!((p.next_step.as_deref(), p.next_step_date, p.value_minor), (Some("Call back"), d.next_step_date, 250_000));

        // What the runner writes "into the card" (run_finish → card drafts), and a key the card does not have.
        let now = "2026-11-24T08:00:00Z";
        cards::upsert_draft(s.conn(), now, d.id, CardKind::Qualification, &q[0], "Paper every week").unwrap();
        cards::upsert_draft(s.conn(), now, d.id, CardKind::Qualification, &q[1], "  ").unwrap();
        cards::upsert_draft(s.conn(), now, d.id, CardKind::Qualification, "gone_field", "old").unwrap();
        let p = card_prefill(&s, &clock(), d.id, CardKind::Qualification).unwrap();
        assert_eq!(p.values, BTreeMap::from([(q[0].clone(), "Paper every week".to_string())]), "blank and foreign answers stay out");

        // Handed over: the hand-over card opens with the qualification answers under the same
        // key and who is who from the deal's contact; its own captured answers win.
        let mut card: BTreeMap<String, String> =
            cards::fields(s.conn(), CardKind::Qualification).unwrap().into_iter().map(|f| (f.key, "x".to_string())).collect();
        card.insert(q[0].clone(), "Paper every week".into());
        pipeline::hand_off_qualified_lead(
            &mut s,
            &clock(),
            &pipeline::HandOffInput { deal_id: d.id, to_step_id: None, to_person_id: None, card, next_step: "Offer".into(), next_step_date: clock().today() },
        )
        .unwrap();
        let h = keys(&s, CardKind::Handover);
        s.conn().execute("INSERT INTO card_fields (card, key, label, required, position) VALUES ('handover', ?1, 'Need', 0, 99)", [&q[0]]).unwrap();
        let p = card_prefill(&s, &clock(), d.id, CardKind::Handover).unwrap();
        assert_eq!(p.values.get(&q[0]).map(String::as_str), Some("Paper every week"));
        if h.iter().any(|k| k == "key_contacts") {
            assert_eq!(p.values.get("key_contacts").map(String::as_str), Some("Anna Smirnova, +7 912 345 67 89"));
        }
        assert_eq!((p.next_step.as_deref(), p.value_minor, p.currency.as_str()), (Some("Offer"), 250_000, "EUR"));
        cards::upsert_draft(s.conn(), now, d.id, CardKind::Handover, &q[0], "Paper and toner").unwrap();
        let p = card_prefill(&s, &clock(), d.id, CardKind::Handover).unwrap();
        assert_eq!(p.values.get(&q[0]).map(String::as_str), Some("Paper and toner"));
    }

    #[test]
    fn a_past_next_step_is_not_offered_again() {
        let mut s = store();
        let d = lead(&mut s);
        let later = crate::clock::FixedClock::at("2026-12-24T09:00:00+01:00");
        let p = card_prefill(&s, &later, d.id, CardKind::Qualification).unwrap();
        assert_eq!((p.next_step, p.next_step_date), (None, None));
    }

    #[test]
    fn the_win_records_the_final_amount_it_asks_for() {
        let mut s = store();
        let d = lead(&mut s);
        let all = |k: CardKind, s: &Store| -> BTreeMap<String, String> {
            cards::fields(s.conn(), k).unwrap().into_iter().map(|f| (f.key, "x".to_string())).collect()
        };
        let card = all(CardKind::Qualification, &s);
        let input =
            pipeline::HandOffInput { deal_id: d.id, to_step_id: None, to_person_id: None, card, next_step: "Offer".into(), next_step_date: clock().today() };
        pipeline::hand_off_qualified_lead(&mut s, &clock(), &input).unwrap();
        let mut win = pipeline::WinInput { deal_id: d.id, to_person_id: None, card: all(CardKind::Handover, &s), value_minor: Some(-1) };
        assert_eq!(pipeline::win_first_deal(&mut s, &clock(), &win).unwrap_err().field.as_deref(), Some("deal.value_minor"));
        assert_eq!(deals::get(s.conn(), d.id).unwrap().value_minor, 250_000, "refused: nothing changed");
        win.value_minor = Some(700_400);
        let out = pipeline::win_first_deal(&mut s, &clock(), &win).unwrap();
        assert_eq!((out.deal.status, out.deal.value_minor), (DealStatus::Won, 700_400));
    }
}
