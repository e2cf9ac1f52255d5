//! The first hour in a workspace: the moving-in checklist on Today (each item
//! ticks itself from what the workspace holds) and when the counting of
//! norms and checks may begin.

use crate::clock::{Clock, stamp};
use crate::error::Result;
use crate::model::Role;
use crate::store::{Store, first_hour as q, meta, roles};
use chrono::{DateTime, Duration, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One step of moving into a new workspace, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistStep {
    /// Contacts and companies are in (imported or added).
    ImportContacts,
    /// Deals and sales history are in: an order, a closed deal, or a deal older than the workspace.
    ImportHistory,
    /// The steps of the stages and the hand-off cards were reviewed (their dialogs saved).
    ReviewPlaybook,
    /// A plan with a target covers the current month.
    SetTarget,
    /// Each of the three stages is held by someone.
    AssignStages,
    /// The regulation book of every role was saved as a PDF.
    PrintBooks,
    /// The workspace is protected with a passphrase.
    SetPassphrase,
}

impl ChecklistStep {
    pub const ALL: [ChecklistStep; 7] = [
        ChecklistStep::ImportContacts,
        ChecklistStep::ImportHistory,
        ChecklistStep::ReviewPlaybook,
        ChecklistStep::SetTarget,
        ChecklistStep::AssignStages,
        ChecklistStep::PrintBooks,
        ChecklistStep::SetPassphrase,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChecklistItem {
    pub step: ChecklistStep,
    pub done: bool,
    /// For `assign_stages`: the stages nobody holds; for `print_books`: the roles whose book was never saved.
    pub missing_roles: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
    /// Done items, of `items.len()`.
    pub done: u32,
    /// The person closed the list (it stays closed until they open it again).
    pub dismissed: bool,
    /// Show it on Today: not a demo, not dismissed, something left to do.
    pub show: bool,
}

const DISMISSED: &str = "checklist_dismissed_at";
const REVIEWED_STEPS: &str = "reviewed_steps_at";
const REVIEWED_CARDS: &str = "reviewed_cards_at";

/// The moving-in checklist, computed from the workspace's data.
pub fn checklist(s: &Store, clock: &dyn Clock) -> Result<Checklist> {
    let c = s.conn();
    let m = meta::load(c)?;
    let unheld: Vec<Role> =
        Role::ALL.iter().copied().filter(|r| r.stage().is_some()).filter(|r| roles::holders(c, *r).map(|h| h.is_empty()).unwrap_or(true)).collect();
    let books = q::books_saved(c)?;
    let unprinted: Vec<Role> = Role::ALL.iter().copied().filter(|r| !books.contains_key(r)).collect();
    let item = |step: ChecklistStep, done: bool, missing_roles: Vec<Role>| ChecklistItem { step, done, missing_roles };
    let items = vec![
        item(ChecklistStep::ImportContacts, q::has_contacts(c)?, vec![]),
        item(ChecklistStep::ImportHistory, q::has_sales_history(c, &m.created_at)?, vec![]),
        item(ChecklistStep::ReviewPlaybook, q::stamp_of(c, REVIEWED_STEPS)?.is_some() && q::stamp_of(c, REVIEWED_CARDS)?.is_some(), vec![]),
        item(ChecklistStep::SetTarget, q::has_plan_covering(c, &clock.today().to_string())?, vec![]),
        item(ChecklistStep::AssignStages, unheld.is_empty(), unheld),
        item(ChecklistStep::PrintBooks, unprinted.is_empty(), unprinted),
        item(ChecklistStep::SetPassphrase, s.is_encrypted(), vec![]),
    ];
    let done = items.iter().filter(|i| i.done).count() as u32;
    let dismissed = q::stamp_of(c, DISMISSED)?.is_some();
    let show = !m.is_demo && !dismissed && (done as usize) < items.len();
    Ok(Checklist { items, done, dismissed, show })
}

/// Closes the checklist (`dismissed: true`) or brings it back.
pub fn set_checklist_dismissed(s: &mut Store, clock: &dyn Clock, dismissed: bool) -> Result<Checklist> {
    let now = stamp(clock.now());
    s.write(|tx| if dismissed { q::set_stamp(tx, DISMISSED, &now) } else { q::clear_stamp(tx, DISMISSED) })?;
    checklist(s, clock)
}

/// What a person reviewed and saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Reviewed {
    Steps,
    Cards,
}

/// Records that the steps (or the hand-off cards) were gone through and saved
/// as they should be, in their dialog.
pub fn record_reviewed(s: &mut Store, clock: &dyn Clock, what: Reviewed) -> Result<()> {
    let now = stamp(clock.now());
    let key = match what {
        Reviewed::Steps => REVIEWED_STEPS,
        Reviewed::Cards => REVIEWED_CARDS,
    };
    s.write(|tx| q::set_stamp(tx, key, &now))
}

/// Records that the regulation book of `role` (every role when `None`) was saved.
pub fn record_book_saved(s: &mut Store, clock: &dyn Clock, role: Option<Role>) -> Result<()> {
    let now = stamp(clock.now());
    let roles: Vec<Role> = match role {
        Some(r) => vec![r],
        None => Role::ALL.to_vec(),
    };
    s.write(|tx| q::record_book_saved(tx, &roles, &now))
}

/// Records the last day of history an import brought in (deals, orders):
/// norms and checks count only from the day after it. For the deals and
/// orders import to call inside its transaction; the later day is kept.
pub fn record_history_end(tx: &Connection, last_day: NaiveDate) -> Result<()> {
    q::record_history_end(tx, &last_day.to_string())
}

/// The first local day whose time counts for the checks of Today: the day
/// the workspace was made, or the day after imported history ends if later.
pub fn counting_starts(c: &Connection, clock: &dyn Clock) -> Result<NaiveDate> {
    let offset = clock.local_now() - clock.now().naive_utc();
    let created = meta::load(c)?.created_at;
    let made = DateTime::parse_from_rfc3339(&created).map(|t| (t.naive_utc() + offset).date()).unwrap_or(clock.today());
    let after_history = q::history_ends_on(c)?.and_then(|d| d.parse::<NaiveDate>().ok()).map(|d| d + Duration::days(1));
    Ok(after_history.map_or(made, |h| h.max(made)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::model::*;
    use crate::playbook::template::{RegulationKind, Rule};
    use crate::store::meta::NewWorkspace;
    use crate::usecases::norms::{PendingNorm, RecordKind, ViolationList};
    use crate::usecases::regulations::{self, RegulationInput};
    use crate::usecases::{crm, documents, import, plan, today};
    use chrono::NaiveDateTime;

    fn at(s: &str) -> FixedClock {
        FixedClock::at(&format!("{s}+01:00"))
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn workspace(c: &FixedClock, template: Option<&str>) -> Store {
        let mut init = NewWorkspace::new("Smith Office Supplies", Lang::En, "EUR");
        init.template = template.map(str::to_string);
        crate::usecases::workspace::in_memory(c, &init).unwrap()
    }

    fn person(s: &mut Store, c: &FixedClock, name: &str, roles: &[Role]) -> i64 {
        crm::create_person(s, c, &PersonInput { name: name.into(), roles: roles.to_vec(), ..Default::default() }).unwrap().id
    }

    /// An open first deal without a next step, brought in with dates long before the workspace.
    fn old_deal(s: &mut Store, c: &FixedClock, title: &str) -> i64 {
        let step = crm::list_steps(s).unwrap().into_iter().find(|x| x.stage == Stage::FirstDeal).unwrap().id;
        let co = crm::create_company(s, c, &CompanyInput { name: format!("{title} Ltd"), ..Default::default() }).unwrap().id;
        let d = crm::create_deal(
            s,
            c,
            &DealInput {
                title: title.into(),
                company_id: Some(co),
                contact_id: None,
                step_id: step,
                value_minor: 50_000,
                currency: None,
                owner_id: None,
                source: Source::Inbound,
                referred_by_id: None,
                next_step: None,
                next_step_date: None,
            },
        )
        .unwrap();
        s.write(|tx| {
            tx.execute("UPDATE deals SET step_entered_on = '2025-03-01', created_at = '2025-03-01T10:00:00Z' WHERE id = ?1", [d.id])?;
            tx.execute("UPDATE companies SET client_since = '2025-01-01', abc = 'A', last_activity_on = '2025-02-01' WHERE id = ?1", [co])?;
            Ok(())
        })
        .unwrap();
        d.id
    }

    fn norms(s: &Store, c: &FixedClock, owner: Option<i64>) -> ViolationList {
        today::today(s, c, owner).unwrap().violations
    }

    fn pending_of<'a>(v: &'a ViolationList, rule: &str) -> Option<&'a PendingNorm> {
        v.not_yet_judged.iter().find(|p| p.rule == rule)
    }

    #[test]
    fn a_new_workspace_has_no_broken_norms_on_day_one() {
        // Tuesday 24 November: made with the wholesale template, the owner holds every role.
        let made = at("2026-11-24T09:00:00");
        let mut s = workspace(&made, Some("wholesale"));
        let owner = person(&mut s, &made, "Sam Smith", Role::ALL);
        old_deal(&mut s, &made, "Paper for the year");
        let all_norms = crate::store::regulations::list_kind(s.conn(), RegulationKind::Norm).unwrap();
        // Hand-off cards are judged at once, but only for hand-offs after the start.
        let timed = all_norms.iter().filter(|r| !matches!(r.rule, Some(Rule::HandoffCardComplete { .. }))).count();
        assert!(timed >= 5 && all_norms.len() > timed);

        // Day one: every timed norm waits, and says from when it will be judged.
        let c = at("2026-11-24T09:30:00");
        let v = norms(&s, &c, None);
        assert_eq!((v.total, v.violations.len()), (0, 0), "nothing is broken on day one: {:?}", v.violations);
        assert_eq!(v.not_yet_judged.len(), timed);
        assert_eq!(today::today(&s, &c, Some(owner)).unwrap().violations.total, 0);
        assert_eq!(pending_of(&v, "inbound_response").unwrap().judged_from, Some(local("2026-11-24 10:00")));
        assert_eq!(pending_of(&v, "next_step_required").unwrap().judged_from, Some(local("2026-11-27 00:00")));

        // Six days on (the case): no "100 calls a week" reproach before a whole week has passed.
        let c = at("2026-11-30T09:00:00");
        let v = norms(&s, &c, None);
        assert!(v.violations.iter().all(|x| x.rule != "prospecting_pace"), "{:?}", v.violations);
        assert_eq!(pending_of(&v, "prospecting_pace").unwrap().judged_from, Some(local("2026-12-01 09:00")));
        // Norms with shorter periods are judged by now, counting from the workspace's start, not the deal's old dates.
        let inbound = v.violations.iter().find(|x| x.rule == "inbound_response").expect("the old inbound deal is judged after an hour");
        assert_eq!(inbound.since, local("2026-11-24 10:00"));
        let next = v.violations.iter().find(|x| x.rule == "next_step_required").expect("judged after two whole days");
        assert_eq!(next.since, local("2026-11-26 00:00"));
        assert_eq!(today::today(&s, &c, None).unwrap().stale.total, 0, "quiet time before the workspace does not count");

        // A week and a day on, with no calls made, the pace norm is broken, by the person who holds the role.
        let c = at("2026-12-02T12:00:00");
        let v = norms(&s, &c, None);
        let pace = v.violations.iter().find(|x| x.rule == "prospecting_pace").expect("judged after a whole week");
        assert_eq!((pace.record_kind, pace.record_id, pace.record_name.as_str()), (RecordKind::Person, owner, "Sam Smith"));
        assert_eq!(pace.since, local("2026-12-01 09:00"), "never counted from before the workspace");
        assert!(pending_of(&v, "prospecting_pace").is_none());
    }

    #[test]
    fn a_norm_is_judged_once_its_period_has_passed_since_the_latest_start() {
        let made = at("2026-11-01T09:00:00");
        let mut s = workspace(&made, None);
        let olga = person(&mut s, &made, "Olga Owner", &[Role::Hunter, Role::AccountManager, Role::HeadOfSales]);
        old_deal(&mut s, &made, "Old deal");
        let norm = |s: &mut Store, c: &FixedClock, title: &str, rule: Rule| {
            regulations::create_regulation(
                s,
                c,
                &RegulationInput {
                    stage: Some(Stage::FirstDeal),
                    role: Role::Closer,
                    kind: RegulationKind::Norm,
                    title: title.into(),
                    text: String::new(),
                    rule: Some(rule),
                    documents: vec![],
                },
            )
            .unwrap()
            .id
        };
        let next_step = norm(&mut s, &made, "Every deal has a next step", Rule::NextStepRequired { days: 3 });

        // Nobody holds the closer's role: the norm waits for a holder, naming no role code.
        let v = norms(&s, &at("2026-11-09T09:00:00"), None);
        let p = pending_of(&v, "next_step_required").unwrap();
        assert_eq!((p.regulation_id, p.role, p.judged_from), (next_step, Role::Closer, None));
        assert_eq!(v.total, 0);

        // The role is given on the 10th: three whole days after that day.
        let given = at("2026-11-10T15:00:00");
        let carl = person(&mut s, &given, "Carl Closer", &[Role::Closer]);
        for (when, owner) in [("2026-11-13T23:00:00", None), ("2026-11-13T23:00:00", Some(olga)), ("2026-11-13T23:00:00", Some(carl))] {
            let v = norms(&s, &at(when), owner);
            assert_eq!(pending_of(&v, "next_step_required").unwrap().judged_from, Some(local("2026-11-14 00:00")), "{owner:?}");
            assert_eq!(v.total, 0);
        }
        let v = norms(&s, &at("2026-11-14T09:00:00"), None);
        let broken = v.violations.iter().find(|x| x.regulation_id == next_step).expect("judged from the 14th");
        assert_eq!(broken.since, local("2026-11-13 00:00"), "counted from the role's start, not from the deal's old date");
        assert_eq!(broken.minutes, 24 * 60 + 9 * 60);

        // A regulation written later waits for its own period.
        let stale = norm(&mut s, &at("2026-11-12T10:00:00"), "No quiet deals", Rule::StaleDeal { days: 5 });
        let v = norms(&s, &at("2026-11-17T20:00:00"), None);
        assert_eq!(pending_of(&v, "stale_deal").map(|p| (p.regulation_id, p.judged_from)), Some((stale, Some(local("2026-11-18 00:00")))));
        assert!(norms(&s, &at("2026-11-18T08:00:00"), None).violations.iter().any(|x| x.regulation_id == stale));

        // Imported history ending later than all of them moves the start again.
        s.write(|tx| record_history_end(tx, "2026-11-20".parse().unwrap())).unwrap();
        s.write(|tx| record_history_end(tx, "2026-11-02".parse().unwrap())).unwrap();
        assert_eq!(counting_starts(s.conn(), &at("2026-11-24T09:00:00")).unwrap(), "2026-11-21".parse::<NaiveDate>().unwrap());
        let v = norms(&s, &at("2026-11-24T09:00:00"), None);
        assert_eq!(v.total, 0);
        assert_eq!(pending_of(&v, "next_step_required").unwrap().judged_from, Some(local("2026-11-25 00:00")));
        assert_eq!(pending_of(&v, "stale_deal").unwrap().judged_from, Some(local("2026-11-27 00:00")));
        assert_eq!(norms(&s, &at("2026-11-25T09:00:00"), None).violations.iter().filter(|x| x.regulation_id == next_step).count(), 1);
    }

    fn step_done(s: &Store, c: &FixedClock, step: ChecklistStep) -> bool {
        checklist(s, c).unwrap().items.iter().find(|i| i.step == step).unwrap().done
    }

    #[test]
    fn the_checklist_ticks_itself_from_the_data() {
        let c = at("2026-11-24T09:00:00");
        let mut s = workspace(&c, Some("generic-b2b"));
        let l = checklist(&s, &c).unwrap();
        assert_eq!(l.items.iter().map(|i| i.step).collect::<Vec<_>>(), ChecklistStep::ALL.to_vec());
        assert_eq!((l.done, l.show, l.dismissed), (0, true, false));
        assert_eq!(l.items[4].missing_roles, vec![Role::Hunter, Role::Closer, Role::AccountManager]);

        // Contacts: an import of a small list.
        let csv = "First Name,Last Name,Email,Company\nAnna,Berg,anna@berg.example,Berg Paper\n";
        import::import_contacts(&mut s, &c, csv.as_bytes(), &import::ImportOptions::new("contacts.csv"), true).unwrap();
        assert!(!step_done(&s, &c, ChecklistStep::ImportContacts), "a dry run brings nothing in");
        import::import_contacts(&mut s, &c, csv.as_bytes(), &import::ImportOptions::new("contacts.csv"), false).unwrap();
        assert!(step_done(&s, &c, ChecklistStep::ImportContacts));

        // History: an open deal made today is not history; a closed one is, and so is one older than the workspace.
        let step = crm::list_steps(&s).unwrap()[0].id;
        let co = crm::create_company(&mut s, &c, &CompanyInput { name: "Stone Print".into(), ..Default::default() }).unwrap().id;
        let deal = |title: &str| DealInput {
            title: title.into(),
            company_id: Some(co),
            contact_id: None,
            step_id: step,
            value_minor: 1,
            currency: None,
            owner_id: None,
            source: Source::ColdCall,
            referred_by_id: None,
            next_step: Some("Call".into()),
            next_step_date: Some(c.today()),
        };
        let d = crm::create_deal(&mut s, &c, &deal("New lead")).unwrap();
        assert!(!step_done(&s, &c, ChecklistStep::ImportHistory));
        crm::close_deal(&mut s, &c, d.id, &DealClose { status: DealStatus::Lost, reason: Some("Price".into()) }).unwrap();
        assert!(step_done(&s, &c, ChecklistStep::ImportHistory));
        crm::reopen_deal(&mut s, &c, d.id).unwrap();
        assert!(!step_done(&s, &c, ChecklistStep::ImportHistory));
        s.write(|tx| Ok(tx.execute("UPDATE deals SET created_at = '2025-06-01T10:00:00Z' WHERE id = ?1", [d.id])?)).unwrap();
        assert!(step_done(&s, &c, ChecklistStep::ImportHistory), "a deal older than the workspace came from elsewhere");

        // Steps and cards: both dialogs gone through.
        record_reviewed(&mut s, &c, Reviewed::Steps).unwrap();
        assert!(!step_done(&s, &c, ChecklistStep::ReviewPlaybook));
        record_reviewed(&mut s, &c, Reviewed::Cards).unwrap();
        assert!(step_done(&s, &c, ChecklistStep::ReviewPlaybook));

        // The month's target: next month's plan does not count, this month's does.
        let target = |period: &str| plan::DeriveRequest {
            period: period.into(),
            target: plan::Target::Turnover(2_000_000),
            conversion_uplift: 0.0,
            deal_size_uplift: 0.0,
            rates: vec![],
        };
        plan::save_plan(&mut s, &c, &target("2026-12"), None).unwrap();
        assert!(!step_done(&s, &c, ChecklistStep::SetTarget));
        plan::save_plan(&mut s, &c, &target("2026-11"), None).unwrap();
        assert!(step_done(&s, &c, ChecklistStep::SetTarget));

        // Stages: each held by someone.
        person(&mut s, &c, "Hana Hunter", &[Role::Hunter]);
        let l = checklist(&s, &c).unwrap();
        assert_eq!(l.items[4].missing_roles, vec![Role::Closer, Role::AccountManager]);
        person(&mut s, &c, "Sam Smith", &[Role::Closer, Role::AccountManager]);
        assert!(step_done(&s, &c, ChecklistStep::AssignStages));

        // Books: each role's, saved as a PDF (one book of every role counts for all).
        let dir = tempfile::tempdir().unwrap();
        let book = |role: Option<Role>| documents::DocumentRequest::Book { role, lang: None };
        documents::save_document(&mut s, &c, &book(Some(Role::Hunter)), &dir.path().join("hunter.pdf"), crate::output::Replace::Never).unwrap();
        assert!(dir.path().join("hunter.pdf").exists());
        let l = checklist(&s, &c).unwrap();
        assert_eq!(l.items[5].missing_roles, vec![Role::Closer, Role::AccountManager, Role::HeadOfSales]);
        assert!(documents::render_to(&s, &c, &book(None), &dir.path().join("not-counted.txt"), crate::output::Replace::Never).is_err());
        documents::save_document(&mut s, &c, &book(None), &dir.path().join("all.pdf"), crate::output::Replace::Never).unwrap();
        assert!(step_done(&s, &c, ChecklistStep::PrintBooks));

        // Dismissed, it stays away (stored in the workspace) until brought back.
        let l = set_checklist_dismissed(&mut s, &c, true).unwrap();
        assert_eq!((l.done, l.dismissed, l.show), (6, true, false));
        assert!(checklist(&s, &c).unwrap().dismissed);
        assert!(set_checklist_dismissed(&mut s, &c, false).unwrap().show);
    }

    #[test]
    fn the_passphrase_item_follows_the_encryption_and_all_done_hides_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let c = at("2026-11-24T09:00:00");
        let path = dir.path().join("shop.conveyor");
        let key = crate::store::Passphrase::new("correct horse battery staple");
        let s = Store::create_with(&path, &c, &NewWorkspace::new("Shop", Lang::En, "EUR"), Some(&key)).unwrap();
        assert!(step_done(&s, &c, ChecklistStep::SetPassphrase));
        assert!(!step_done(&workspace(&c, None), &c, ChecklistStep::SetPassphrase));

        // The demo never shows it.
        let mut demo = workspace(&c, Some("wholesale"));
        crate::demo::generate(&mut demo, &c, &crate::demo::DemoSpec::default()).unwrap();
        demo.write(|tx| crate::store::meta::set(tx, "is_demo", "1")).unwrap();
        assert!(!checklist(&demo, &c).unwrap().show);
    }
}
