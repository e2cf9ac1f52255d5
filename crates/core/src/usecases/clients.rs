//! Clients: search as you type, the virtualised list, and the profile.

use crate::error::Result;
use crate::model::{Activity, ClientKind, Company, Contact, Order};
use crate::store::board::DealCard;
use crate::store::cards::{self, Handoff};
use crate::store::clients::{self as q, ClientFilter, ClientRow};
use crate::store::search::{self, Hit};
use crate::store::{Store, companies, contacts, orders};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const SEARCH_LIMIT: u32 = 30;
pub const PAGE_MAX: u32 = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SearchHit {
    Contact {
        row: ClientRow,
    },
    Company {
        #[ts(type = "number")]
        id: i64,
        name: String,
        city: Option<String>,
        stage: Option<crate::model::Stage>,
        abc: Option<crate::model::Abc>,
    },
}

/// Contacts and companies matching what was typed so far (every word a
/// prefix; case, accents, ё/е folded), best first.
pub fn search(s: &Store, query: &str) -> Result<Vec<SearchHit>> {
    let c = s.conn();
    let mut out = vec![];
    for hit in search::query(c, query, SEARCH_LIMIT)? {
        match hit {
            Hit::Contact(id) => {
                if let Some(row) = q::by_contact_ids(c, &[id])?.pop() {
                    out.push(SearchHit::Contact { row });
                }
            }
            Hit::Company(id) => {
                if let Some((name, city, stage, abc)) = q::company_summary(c, id)? {
                    out.push(SearchHit::Company { id, name, city, stage, abc });
                }
            }
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClientPage {
    pub rows: Vec<ClientRow>,
    #[ts(type = "number")]
    pub offset: u32,
    #[ts(type = "number")]
    pub total: i64,
}

/// A window of the clients list (the UI virtualises the rest).
pub fn list(s: &Store, filter: &ClientFilter, offset: u32, limit: u32) -> Result<ClientPage> {
    let (rows, total) = q::page(s.conn(), filter, offset, limit.min(PAGE_MAX))?;
    Ok(ClientPage { rows, offset, total })
}

/// Everything about one client company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClientProfile {
    pub company: Company,
    /// The workspace's currency (the company's revenue is in it).
    pub currency: String,
    pub contacts: Vec<Contact>,
    pub deals: Vec<DealCard>,
    pub orders: Vec<Order>,
    pub activities: Vec<Activity>,
    pub handoffs: Vec<Handoff>,
    /// People this client referred to us: (contact id, name, company).
    pub referred: Vec<Referral>,
    /// The contact who referred this client to us, if any.
    pub referred_by: Option<Referral>,
    /// The company's addresses, then its contacts' (each names its owner).
    pub addresses: Vec<crate::address::Address>,
    /// Every phone and e-mail of its live contacts, with kind and preference.
    pub channels: Vec<super::channels::ChannelItem>,
    /// The details of its contacts that have any (display name, additional name, …).
    pub details: Vec<super::contact_details::ContactDetailsOf>,
    /// The company's tags and custom fields (every field, filled or not).
    pub tags: Vec<String>,
    pub custom_fields: Vec<crate::usecases::custom_fields::FieldValue>,
    /// Each contact's tags and custom fields, in the order of `contacts`.
    pub contact_extras: Vec<ContactExtras>,
}

/// A contact's tags and custom fields, for the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactExtras {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub tags: Vec<String>,
    pub custom_fields: Vec<crate::usecases::custom_fields::FieldValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Referral {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub name: String,
    pub company_name: Option<String>,
}

/// Everything about one person, with or without a company (a private
/// buyer, an imported contact not yet placed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonProfile {
    pub contact: Contact,
    /// Their company's name, when they have one (its profile holds the rest).
    pub company_name: Option<String>,
    pub deals: Vec<DealCard>,
    pub activities: Vec<Activity>,
    /// The contact who referred this person to us, if any.
    pub referred_by: Option<Referral>,
}

pub fn person_profile(s: &Store, contact_id: i64) -> Result<PersonProfile> {
    let c = s.conn();
    let contact = contacts::get(c, contact_id)?;
    let company_name = contact.company_id.map(|id| companies::get(c, id).map(|co| co.name)).transpose()?;
    let referred_by = contact
        .referred_by_id
        .map(|rid| -> Result<Referral> {
            let r = contacts::get(c, rid)?;
            let company_name = r.company_id.map(|id| companies::get(c, id).map(|co| co.name)).transpose()?;
            Ok(Referral { contact_id: rid, name: r.display_name(), company_name })
        })
        .transpose()?;
    Ok(PersonProfile {
        deals: q::deals_of_contact(c, contact_id)?,
        activities: q::activities_of_contact(c, contact_id, 200)?,
        company_name,
        referred_by,
        contact,
    })
}

pub fn profile(s: &Store, company_id: i64) -> Result<ClientProfile> {
    let c = s.conn();
    let company = companies::get(c, company_id)?;
    let people = contacts::list_for_company(c, company_id)?;
    let referred_by = people
        .iter()
        .find_map(|p| p.referred_by_id)
        .map(|rid| -> Result<Referral> {
            let r = contacts::get(c, rid)?;
            let company_name = r.company_id.map(|id| companies::get(c, id).map(|co| co.name)).transpose()?;
            Ok(Referral { contact_id: rid, name: r.display_name(), company_name })
        })
        .transpose()?;
    Ok(ClientProfile {
        currency: crate::store::meta::currency(c)?,
        deals: q::deals_of_company(c, company_id)?,
        orders: orders::list_for_company(c, company_id)?,
        activities: q::activities_of_company(c, company_id, 200)?,
        handoffs: cards::handoffs_of_company(c, company_id)?,
        referred: q::referred_by_company(c, company_id)?
            .into_iter()
            .map(|(contact_id, name, company_name)| Referral { contact_id, name, company_name })
            .collect(),
        referred_by,
        addresses: crate::store::addresses::of_company_and_contacts(c, company_id)?,
        channels: super::channels::of_company(c, company_id)?,
        details: super::contact_details::of_company(c, company_id)?,
        tags: crate::store::tags::of(c, ClientKind::Company, company_id)?,
        custom_fields: crate::usecases::custom_fields::values_in(c, ClientKind::Company, company_id)?,
        contact_extras: people
            .iter()
            .map(|p| {
                Ok(ContactExtras {
                    contact_id: p.id,
                    tags: crate::store::tags::of(c, ClientKind::Contact, p.id)?,
                    custom_fields: crate::usecases::custom_fields::values_in(c, ClientKind::Contact, p.id)?,
                })
            })
            .collect::<Result<_>>()?,
        contacts: people,
        company,
    })
}
