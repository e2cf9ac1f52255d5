//! Contacts already in the workspace (imported, typed in) become leads, and
//! quick create finds the company or person a new lead may already be.

use super::pipeline::holder_of;
use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::interop::{name_key, norm_email, norm_phone, phone_key};
use crate::model::{DealInput, Role, Source, Stage};
use crate::store::clients::ClientFilter;
use crate::store::{self, Store, leads as q, steps};
use crate::text::fold;
use crate::validate;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

/// Which contacts to make leads of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LeadsFrom {
    /// Contacts picked one by one.
    Contacts {
        #[ts(type = "number[]")]
        ids: Vec<i64>,
    },
    /// Every contact the clients list shows with this filter.
    Filter { filter: ClientFilter },
    /// The contacts one import created (its summary's id range).
    Imported {
        #[ts(type = "number")]
        first_id: i64,
        #[ts(type = "number")]
        last_id: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MakeLeadsInput {
    pub from: LeadsFrom,
    /// The first next step of every new lead (e.g. "First call") and its date.
    pub next_step: String,
    pub next_step_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MadeLeads {
    /// New stage-1 deals.
    #[ts(type = "number")]
    pub created: u64,
    /// Contacts left alone: they, or their company, already have an open deal.
    #[ts(type = "number")]
    pub already_in_conveyor: u64,
    /// Contacts left alone: their company is a client already (stage 3).
    #[ts(type = "number")]
    pub clients: u64,
}

/// Makes a stage-1 deal (first step, owned by the hunter, with the given next
/// step) of each contact that is not in the conveyor yet; a contact without a
/// company becomes a lead on its own. One transaction: all or nothing.
pub fn make_leads(s: &mut Store, clock: &dyn Clock, i: &MakeLeadsInput) -> Result<MadeLeads> {
    let next_step = validate::required("leads.next_step", &i.next_step, 500)?;
    if i.next_step_date < clock.today() {
        return Err(Error::validation("leads.next_step_date", "The first call's date is in the past. Pick today or later."));
    }
    let now = stamp(clock.now());
    let today = clock.today();
    s.write(|tx| {
        let ids: Vec<i64> = match &i.from {
            LeadsFrom::Contacts { ids } => ids.clone(),
            LeadsFrom::Filter { filter } => store::clients::ids_matching(tx, filter)?,
            LeadsFrom::Imported { first_id, last_id } => q::live_contacts_between(tx, *first_id, *last_id)?,
        };
        if ids.is_empty() {
            return Err(Error::validation("leads.contacts", "No contacts are picked. Pick the contacts to make leads of."));
        }
        let first = steps::list(tx)?
            .into_iter()
            .find(|x| x.stage == Stage::LeadGeneration)
            .ok_or_else(|| Error::new(ErrorCode::Conflict, "Stage 1 has no steps. Add one first."))?;
        let hunter = holder_of(tx, Role::Hunter)?;
        let mut out = MadeLeads { created: 0, already_in_conveyor: 0, clients: 0 };
        let mut companies_done = BTreeSet::new();
        for id in ids {
            let Some(src) = q::lead_source(tx, id)? else {
                return Err(Error::new(ErrorCode::NotFound, format!("Contact #{id} does not exist or is in the trash. Refresh the list and pick again.")));
            };
            if let Some(co) = src.company_id {
                if q::is_client(tx, co)? {
                    out.clients += 1;
                    continue;
                }
                // Two people of one company make one lead (the first one picked is its contact).
                if !companies_done.insert(co) {
                    out.already_in_conveyor += 1;
                    continue;
                }
            }
            if q::in_conveyor(tx, id, src.company_id)? {
                out.already_in_conveyor += 1;
                continue;
            }
            let title = match src.company_name.as_deref().map(str::trim) {
                Some(name) if !name.is_empty() => name.to_string(),
                _ => crate::model::person_label(id, &src.name, src.email.as_deref(), src.phone.as_deref()),
            };
            super::crm::insert_deal(
                tx,
                &now,
                today,
                &DealInput {
                    title,
                    company_id: src.company_id,
                    contact_id: Some(id),
                    step_id: first.id,
                    value_minor: 0,
                    currency: None,
                    owner_id: hunter,
                    source: src.source.unwrap_or(Source::Other),
                    referred_by_id: None,
                    next_step: Some(next_step.clone()),
                    next_step_date: Some(i.next_step_date),
                    expected_close_on: None,
                },
            )?;
            out.created += 1;
        }
        Ok(out)
    })
}

// ---- duplicates quick create warns of ----------------------------------------

/// What a new lead is typed with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LeadProbe {
    pub company_name: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Why an existing record looks like the one being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    Email,
    Phone,
    Name,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompanyCandidate {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactCandidate {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// What matched, strongest first.
    pub matched_by: Vec<MatchedBy>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LeadCandidates {
    /// Live companies whose name folds to the typed one.
    pub companies: Vec<CompanyCandidate>,
    /// Live contacts with the typed e-mail or phone, or the same name (at the same company when one is typed).
    pub contacts: Vec<ContactCandidate>,
}

const CANDIDATES_MAX: usize = 5;

/// The company name as compared: folded (case, accents, ё/е), words joined by one space.
fn company_key(name: &str) -> String {
    fold(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Existing companies and people a new lead may be: same folded company
/// name; same e-mail, phone (last ten digits) or folded name.
pub fn lead_candidates(s: &Store, p: &LeadProbe) -> Result<LeadCandidates> {
    let c = s.conn();
    let mut out = LeadCandidates::default();
    let key = company_key(&p.company_name);
    let mut company_ids = BTreeSet::new();
    if !key.is_empty() {
        for (id, name) in store::interop::company_names(c)? {
            if company_key(&name) == key {
                company_ids.insert(id);
                if out.companies.len() < CANDIDATES_MAX {
                    out.companies.push(CompanyCandidate { id, name });
                }
            }
        }
    }
    let email = p.email.as_deref().map(norm_email).filter(|e| !e.is_empty());
    let phone_norm = p.phone.as_deref().map(norm_phone);
    let phone = phone_norm.as_deref().and_then(phone_key);
    let name = name_key(&p.first_name, &p.last_name).map(|n| fold(&n));
    let mut found: Vec<(i64, Vec<MatchedBy>)> = vec![];
    let mut add = |id: i64, by: MatchedBy| match found.iter_mut().find(|(x, _)| *x == id) {
        Some((_, v)) => {
            if !v.contains(&by) {
                v.push(by)
            }
        }
        None => found.push((id, vec![by])),
    };
    let mut companies_of = std::collections::BTreeMap::new();
    for k in store::interop::contact_keys(c)? {
        if email.is_some() && k.email.as_deref().map(norm_email) == email {
            add(k.id, MatchedBy::Email);
        }
        if phone.is_some() && k.phone.as_deref().map(norm_phone).as_deref().and_then(phone_key) == phone {
            add(k.id, MatchedBy::Phone);
        }
        if name.is_some() && name_key(&k.first_name, &k.last_name).map(|n| fold(&n)) == name {
            add(k.id, MatchedBy::Name);
        }
    }
    if email.is_some() || phone.is_some() {
        for (id, kind, norm) in store::interop::channel_keys(c)? {
            if kind == "email" && Some(&norm) == email.as_ref() {
                add(id, MatchedBy::Email);
            }
            if kind == "phone" && phone_key(&norm) == phone {
                add(id, MatchedBy::Phone);
            }
        }
    }
    for (id, by) in &mut found {
        by.sort();
        let ct = store::contacts::get(c, *id)?;
        companies_of.insert(*id, ct.company_id);
        // A same-named person counts only at the typed company (or when no company is typed).
        if by.as_slice() == [MatchedBy::Name] && !key.is_empty() && !ct.company_id.is_some_and(|co| company_ids.contains(&co)) {
            by.clear();
        }
    }
    found.retain(|(_, by)| !by.is_empty());
    found.sort_by(|a, b| a.1.first().cmp(&b.1.first()).then(a.0.cmp(&b.0)));
    for (id, matched_by) in found.into_iter().take(CANDIDATES_MAX) {
        let ct = store::contacts::get(c, id)?;
        let company_name = match ct.company_id {
            Some(co) => store::clients::company_summary(c, co)?.map(|x| x.0),
            None => None,
        };
        out.contacts.push(ContactCandidate {
            id,
            name: ct.display_name(),
            company_id: ct.company_id,
            company_name,
            phone: ct.phone,
            email: ct.email,
            matched_by,
        });
    }
    Ok(out)
}

// ---- finding a deal (the palette) ----------------------------------------------------

/// Open deals whose title or company contains every word typed (folded: case,
/// accents, ё), those whose title matches first; at most `limit`.
pub fn search_deals(s: &Store, query: &str, limit: usize) -> Result<Vec<crate::store::board::DealCard>> {
    let words = crate::text::query_tokens(query);
    if words.is_empty() {
        return Ok(vec![]);
    }
    let c = s.conn();
    let mut hits: Vec<(u8, i64)> = vec![];
    for (id, title, company) in q::open_deal_titles(c)? {
        let t = fold(&title);
        let all = format!("{t} {}", company.as_deref().map(fold).unwrap_or_default());
        if words.iter().all(|w| t.contains(w.as_str())) {
            hits.push((0, id));
        } else if words.iter().all(|w| all.contains(w.as_str())) {
            hits.push((1, id));
        }
    }
    hits.sort();
    hits.into_iter().take(limit).map(|(_, id)| q::deal_card(c, id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::model::{CompanyInput, ContactInput, PersonInput};
    use crate::store::testing::{clock, store};
    use crate::usecases::import::{DuplicatePolicy, ImportOptions, import_contacts};
    use crate::usecases::{crm, pipeline, today::today};
    use chrono::Duration;

    fn company(s: &mut Store, name: &str) -> i64 {
        crm::create_company(s, &clock(), &CompanyInput { name: name.into(), ..Default::default() }).unwrap().id
    }

    fn contact(s: &mut Store, company: Option<i64>, first: &str, last: &str, phone: Option<&str>, email: Option<&str>) -> i64 {
        let i = ContactInput {
            company_id: company,
            first_name: first.into(),
            last_name: last.into(),
            phone: phone.map(Into::into),
            email: email.map(Into::into),
            ..Default::default()
        };
        crm::create_contact(s, &clock(), &i).unwrap().id
    }

    /// A quick-create lead with no title (the core names the deal), called for today.
    fn quick_lead(company_id: Option<i64>, contact_id: Option<i64>, company_name: &str, first: &str, last: &str) -> pipeline::LeadInput {
        pipeline::LeadInput {
            company_name: company_name.into(),
            first_name: first.into(),
            last_name: last.into(),
            phone: None,
            email: None,
            source: Source::ColdCall,
            referred_by_id: None,
            title: String::new(),
            value_minor: 0,
            next_step: "Call".into(),
            next_step_date: clock().today(),
            company_id,
            contact_id,
        }
    }

    fn input(from: LeadsFrom) -> MakeLeadsInput {
        MakeLeadsInput { from, next_step: "First call".into(), next_step_date: clock().today() }
    }

    fn open_deals(s: &Store) -> i64 {
        s.conn().query_row("SELECT count(*) FROM deals WHERE status = 'open'", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_contact_without_a_name_becomes_a_lead_named_by_its_address() {
        let mut s = store();
        let bare = contact(&mut s, None, "", "", None, Some("nobody.named@example.org"));
        let made = make_leads(&mut s, &clock(), &input(LeadsFrom::Contacts { ids: vec![bare] })).unwrap();
        assert_eq!(made.created, 1);
        let t = today(&s, &clock(), None).unwrap();
        let got: Vec<(String, Option<String>)> = t.leads_to_call.deals.iter().map(|d| (d.title.clone(), d.contact_name.clone())).collect();
        // The title says who it is; the empty contact name tells the window the name is missing.
        assert_eq!(got, [("nobody.named@example.org".to_string(), Some(String::new()))]);
        // Quick create on the same person (no title, no company) names the deal the same way.
        s.conn().execute("UPDATE deals SET status = 'lost', closed_on = '2026-11-01'", []).unwrap();
        let lead = quick_lead(None, Some(bare), "", "", "");
        assert_eq!(pipeline::create_lead(&mut s, &clock(), &lead).unwrap().title, "nobody.named@example.org");
    }

    #[test]
    fn picked_contacts_become_stage_1_leads_on_today_once_per_company() {
        let mut s = store();
        let hunter = crm::create_person(&mut s, &clock(), &PersonInput { name: "Hunter".into(), roles: vec![Role::Hunter], ..Default::default() }).unwrap().id;
        let romashka = company(&mut s, "Romashka");
        let anna = contact(&mut s, Some(romashka), "Anna", "Smirnova", None, None);
        let boris = contact(&mut s, Some(romashka), "Boris", "Ivanov", None, None);
        let alone = contact(&mut s, None, "Vera", "Orlova", Some("+7 912 000 11 22"), None);
        assert_eq!(today(&s, &clock(), None).unwrap().leads_to_call.total, 0);

        let ids = vec![anna, boris, alone];
        let made = make_leads(&mut s, &clock(), &input(LeadsFrom::Contacts { ids: ids.clone() })).unwrap();
        assert_eq!(made, MadeLeads { created: 2, already_in_conveyor: 1, clients: 0 }, "Boris's company is Anna's lead already");
        let t = today(&s, &clock(), None).unwrap();
        assert_eq!(t.leads_to_call.total, 2, "Today shows the new leads waiting");
        let titles: BTreeSet<String> = t.leads_to_call.deals.iter().map(|d| d.title.clone()).collect();
        assert_eq!(titles, BTreeSet::from(["Romashka".to_string(), "Vera Orlova".to_string()]), "a person alone is a lead by name");
        let vera = s.conn().query_row("SELECT id FROM deals WHERE contact_id = ?1", [alone], |r| r.get::<_, i64>(0)).unwrap();
        let d = crm::get_deal(&s, vera).unwrap();
        assert_eq!((d.stage, d.company_id, d.owner_id, d.next_step.as_deref()), (Stage::LeadGeneration, None, Some(hunter), Some("First call")));

        // Again: every one of them is in the conveyor now; nothing new.
        let again = make_leads(&mut s, &clock(), &input(LeadsFrom::Contacts { ids })).unwrap();
        assert_eq!(again, MadeLeads { created: 0, already_in_conveyor: 3, clients: 0 });
        assert_eq!(open_deals(&s), 2);
    }

    #[test]
    fn clients_are_not_leads_and_bad_input_changes_nothing() {
        let mut s = store();
        let client = company(&mut s, "Client Ltd");
        crate::store::companies::mark_client(s.conn(), client, clock().today(), "2026-11-24T08:00:00Z").unwrap();
        let c1 = contact(&mut s, Some(client), "Gleb", "Popov", None, None);
        let c2 = contact(&mut s, None, "Inna", "Lee", None, None);
        let mut i = input(LeadsFrom::Contacts { ids: vec![c1, c2] });
        i.next_step_date = clock().today() - Duration::days(1);
        assert_eq!(make_leads(&mut s, &clock(), &i).unwrap_err().field.as_deref(), Some("leads.next_step_date"));
        i.next_step_date = clock().today();
        i.next_step = "  ".into();
        assert_eq!(make_leads(&mut s, &clock(), &i).unwrap_err().field.as_deref(), Some("leads.next_step"));
        i.next_step = "Call".into();
        i.from = LeadsFrom::Contacts { ids: vec![c2, 999] };
        assert_eq!(make_leads(&mut s, &clock(), &i).unwrap_err().code, ErrorCode::NotFound);
        assert_eq!(open_deals(&s), 0, "all or nothing");
        i.from = LeadsFrom::Contacts { ids: vec![] };
        assert_eq!(make_leads(&mut s, &clock(), &i).unwrap_err().field.as_deref(), Some("leads.contacts"));
        i.from = LeadsFrom::Contacts { ids: vec![c1, c2] };
        assert_eq!(make_leads(&mut s, &clock(), &i).unwrap(), MadeLeads { created: 1, already_in_conveyor: 0, clients: 1 });
    }

    #[test]
    fn an_import_and_a_list_filter_become_leads() {
        let mut s = store();
        let before = contact(&mut s, None, "Old", "Friend", None, None);
        let csv = "First Name,Last Name,Email,Phone,Company\nAnna,Smirnova,anna@x.ru,,Romashka\nBoris,Ivanov,boris@x.ru,,Lyutik\nGleb,Popov,gleb@x.ru,,\n";
        let o = ImportOptions { duplicates: DuplicatePolicy::Skip, ..ImportOptions::new("people.csv") };
        let r = import_contacts(&mut s, &clock(), csv.as_bytes(), &o, false).unwrap();
        let (first_id, last_id) = r.created_ids.expect("the import created contacts");
        assert_eq!(last_id - first_id + 1, 3);
        let dry = import_contacts(&mut s, &clock(), csv.replace("Anna", "Alla").as_bytes(), &o, true).unwrap();
        assert_eq!(dry.created_ids, None, "a dry run created nothing");
        let made = make_leads(&mut s, &clock(), &input(LeadsFrom::Imported { first_id, last_id })).unwrap();
        assert_eq!(made.created, 3);
        assert_eq!(today(&s, &clock(), None).unwrap().leads_to_call.total, 3);
        // The whole list (no filter) holds the older contact too; only it is new.
        let made = make_leads(&mut s, &clock(), &input(LeadsFrom::Filter { filter: ClientFilter::default() })).unwrap();
        assert_eq!(made, MadeLeads { created: 1, already_in_conveyor: 3, clients: 0 });
        assert!(s.conn().query_row("SELECT count(*) FROM deals WHERE contact_id = ?1", [before], |r| r.get::<_, i64>(0)).unwrap() == 1);
    }

    #[test]
    fn quick_create_finds_the_company_and_person_it_may_duplicate() {
        let mut s = store();
        let ski = company(&mut s, "Ёлки-Палки  ООО");
        let other = company(&mut s, "Other Ltd");
        let olga = contact(&mut s, Some(ski), "Ольга", "Ёлкина", Some("+7 (916) 000-00-01"), Some("Olga@Elki.ru"));
        let namesake = contact(&mut s, Some(other), "Ольга", "Ёлкина", None, None);
        let probe = |company: &str, first: &str, last: &str, phone: Option<&str>, email: Option<&str>| LeadProbe {
            company_name: company.into(),
            first_name: first.into(),
            last_name: last.into(),
            phone: phone.map(Into::into),
            email: email.map(Into::into),
        };
        // Folded company name (case, ё/е, punctuation and spaces).
        let c = lead_candidates(&s, &probe("елки палки ооо", "", "", None, None)).unwrap();
        assert_eq!(c.companies.iter().map(|x| x.id).collect::<Vec<_>>(), vec![ski]);
        assert!(c.contacts.is_empty());
        // Same e-mail (any case) and the same phone written another way: strongest match first.
        let c = lead_candidates(&s, &probe("New Co", "O.", "E.", Some("8 916 000 00 01"), Some("olga@elki.ru "))).unwrap();
        assert!(c.companies.is_empty());
        assert_eq!(c.contacts.len(), 1);
        assert_eq!((c.contacts[0].id, c.contacts[0].matched_by.clone()), (olga, vec![MatchedBy::Email, MatchedBy::Phone]));
        assert_eq!(c.contacts[0].company_name.as_deref(), Some("Ёлки-Палки  ООО"));
        // A same-named person counts at the typed company only; with no company typed, both do.
        let c = lead_candidates(&s, &probe("ЁЛКИ-ПАЛКИ ООО", "ольга", "елкина", None, None)).unwrap();
        assert_eq!(c.contacts.iter().map(|x| x.id).collect::<Vec<_>>(), vec![olga]);
        let c = lead_candidates(&s, &probe("", "Ольга", "Елкина", None, None)).unwrap();
        assert_eq!(c.contacts.iter().map(|x| x.id).collect::<Vec<_>>(), vec![olga, namesake]);
        // Nothing typed, nothing found; a short number is not compared.
        assert_eq!(lead_candidates(&s, &probe("", "", "", Some("12"), None)).unwrap(), LeadCandidates::default());
    }

    #[test]
    fn quick_create_uses_the_existing_company_or_person_when_told() {
        let mut s = store();
        let ski = company(&mut s, "Elki");
        let olga = contact(&mut s, Some(ski), "Olga", "Elkina", None, None);
        let alone = contact(&mut s, None, "Vera", "Orlova", None, None);
        let lead = |company_id, contact_id, company_name: &str| quick_lead(company_id, contact_id, company_name, "Olga", "Elkina");
        let count = |s: &Store, t: &str| s.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).unwrap();
        let d = pipeline::create_lead(&mut s, &clock(), &lead(None, Some(olga), "elki")).unwrap();
        assert_eq!((d.company_id, d.contact_id, d.title.as_str()), (Some(ski), Some(olga), "Elki"));
        assert_eq!((count(&s, "companies"), count(&s, "contacts")), (1, 2), "nothing duplicated");
        // The company alone: a new person at it.
        let d = pipeline::create_lead(&mut s, &clock(), &lead(Some(ski), None, "elki")).unwrap();
        assert_eq!(d.company_id, Some(ski));
        assert_eq!((count(&s, "companies"), count(&s, "contacts")), (1, 3));
        // A person without a company stays one; the deal is named after them.
        let d = pipeline::create_lead(&mut s, &clock(), &lead(None, Some(alone), "")).unwrap();
        assert_eq!((d.company_id, d.title.as_str()), (None, "Vera Orlova"));
        let e = pipeline::create_lead(&mut s, &clock(), &lead(Some(999), None, "x")).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("lead.company_id"));
        assert_eq!(count(&s, "companies"), 1);
    }

    #[test]
    fn the_palette_finds_open_deals_by_title_or_company() {
        let mut s = store();
        let co = company(&mut s, "Ёлки-Палки");
        let ct = contact(&mut s, Some(co), "Olga", "Elkina", None, None);
        make_leads(&mut s, &clock(), &input(LeadsFrom::Contacts { ids: vec![ct] })).unwrap();
        let id = s.conn().query_row("SELECT id FROM deals", [], |r| r.get::<_, i64>(0)).unwrap();
        let mut d = crm::get_deal(&s, id).unwrap();
        d.title = "Paper for the year".into();
        s.conn().execute("UPDATE deals SET title = ?2 WHERE id = ?1", rusqlite::params![id, d.title]).unwrap();
        assert_eq!(search_deals(&s, "PAPER year", 8).unwrap().iter().map(|c| c.id).collect::<Vec<_>>(), vec![id]);
        assert_eq!(search_deals(&s, "елки", 8).unwrap().len(), 1, "by its company, folded");
        assert!(search_deals(&s, "toner", 8).unwrap().is_empty());
        assert!(search_deals(&s, " ", 8).unwrap().is_empty());
        crm::close_deal(&mut s, &clock(), id, &crate::model::DealClose { status: crate::model::DealStatus::Lost, reason: Some("No budget".into()) }).unwrap();
        assert!(search_deals(&s, "paper", 8).unwrap().is_empty(), "closed deals are not offered");
    }
}
