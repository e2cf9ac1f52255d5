//! Possible duplicates (same e-mail, phone or folded name) and the merge of
//! two clients: every deal, activity, order, referral, channel, tag and
//! custom value of the merged-away record moves to the kept one, empty
//! fields of the kept one are filled, a note goes into the timeline, and the
//! merged-away record is archived. A merge can be undone exactly.

use crate::clock::{Clock, stamp};
use crate::error::{Error, ErrorCode, Result};
use crate::interop::{name_key, norm_email, norm_phone, phone_key};
use crate::model::{ActivityInput, ActivityKind, ClientKind, Company, CompanyInput, Contact, ContactInput};
use crate::store::merge::{self as q, Moved};
use crate::store::{self, Store, companies, contacts};
use crate::text::fold;
use crate::usecases::leads::MatchedBy;
use crate::usecases::tags::{live, reindex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// One side of a possible duplicate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicateRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Two records that look like one client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicatePair {
    pub kind: ClientKind,
    pub a: DuplicateRecord,
    pub b: DuplicateRecord,
    /// What matched, strongest first.
    pub matched_by: Vec<MatchedBy>,
}

/// At most this many pairs are listed (merging them shows the next).
pub const PAIRS_MAX: usize = 500;
/// A key shared by more records than this (a placeholder e-mail, a switchboard
/// number) says nothing about who is who: it is not offered.
const GROUP_MAX: usize = 10;

fn pairs_from_groups(groups: BTreeMap<(MatchedBy, String), Vec<i64>>) -> BTreeMap<(i64, i64), Vec<MatchedBy>> {
    let mut pairs: BTreeMap<(i64, i64), Vec<MatchedBy>> = BTreeMap::new();
    for ((by, _), mut ids) in groups {
        ids.sort_unstable();
        ids.dedup();
        if ids.len() < 2 || ids.len() > GROUP_MAX {
            continue;
        }
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let v = pairs.entry((*a, *b)).or_default();
                if !v.contains(&by) {
                    v.push(by);
                    v.sort();
                }
            }
        }
    }
    pairs
}

/// The company name as compared: folded, words joined by one space.
fn company_key(name: &str) -> String {
    fold(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Possible duplicates among live contacts and companies, e-mail matches first.
pub fn duplicates(s: &Store) -> Result<Vec<DuplicatePair>> {
    let c = s.conn();
    let mut out = vec![];
    // Contacts.
    let mut groups: BTreeMap<(MatchedBy, String), Vec<i64>> = BTreeMap::new();
    let keys = store::interop::contact_keys(c)?;
    for k in &keys {
        if let Some(e) = k.email.as_deref().map(norm_email).filter(|e| !e.is_empty()) {
            groups.entry((MatchedBy::Email, e)).or_default().push(k.id);
        }
        if let Some(p) = k.phone.as_deref().map(norm_phone).as_deref().and_then(phone_key) {
            groups.entry((MatchedBy::Phone, p.to_string())).or_default().push(k.id);
        }
        if let Some(n) = name_key(&k.first_name, &k.last_name).map(|n| fold(&n)).filter(|n| n.contains(' ')) {
            groups.entry((MatchedBy::Name, n)).or_default().push(k.id);
        }
    }
    for (id, kind, norm) in store::interop::channel_keys(c)? {
        match kind.as_str() {
            "email" => groups.entry((MatchedBy::Email, norm)).or_default().push(id),
            _ => {
                if let Some(p) = phone_key(&norm) {
                    groups.entry((MatchedBy::Phone, p.to_string())).or_default().push(id)
                }
            }
        }
    }
    let mut contact_pairs: Vec<_> = pairs_from_groups(groups).into_iter().collect();
    contact_pairs.sort_by(|x, y| x.1.first().cmp(&y.1.first()).then(x.0.cmp(&y.0)));
    let rec = |id: i64| -> Result<DuplicateRecord> {
        let ct = contacts::get(c, id)?;
        let company_name = ct.company_id.map(|co| companies::get(c, co).map(|x| x.name)).transpose()?;
        Ok(DuplicateRecord { id, name: ct.display_name(), company_name, phone: ct.phone, email: ct.email })
    };
    for ((a, b), matched_by) in contact_pairs.into_iter().take(PAIRS_MAX) {
        out.push(DuplicatePair { kind: ClientKind::Contact, a: rec(a)?, b: rec(b)?, matched_by });
    }
    // Companies.
    let mut groups: BTreeMap<(MatchedBy, String), Vec<i64>> = BTreeMap::new();
    for (id, name, email, phone) in q::company_keys(c)? {
        if let Some(e) = email.as_deref().map(norm_email).filter(|e| !e.is_empty()) {
            groups.entry((MatchedBy::Email, e)).or_default().push(id);
        }
        if let Some(p) = phone.as_deref().map(norm_phone).as_deref().and_then(phone_key) {
            groups.entry((MatchedBy::Phone, p.to_string())).or_default().push(id);
        }
        let k = company_key(&name);
        if !k.is_empty() {
            groups.entry((MatchedBy::Name, k)).or_default().push(id);
        }
    }
    let mut company_pairs: Vec<_> = pairs_from_groups(groups).into_iter().collect();
    company_pairs.sort_by(|x, y| x.1.first().cmp(&y.1.first()).then(x.0.cmp(&y.0)));
    let rec = |id: i64| -> Result<DuplicateRecord> {
        let co = companies::get(c, id)?;
        Ok(DuplicateRecord { id, name: co.name, company_name: None, phone: co.phone, email: co.email })
    };
    for ((a, b), matched_by) in company_pairs.into_iter().take(PAIRS_MAX.saturating_sub(out.len())) {
        out.push(DuplicatePair { kind: ClientKind::Company, a: rec(a)?, b: rec(b)?, matched_by });
    }
    Ok(out)
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeResult {
    /// The merge's id, for undo.
    #[ts(type = "number")]
    pub merge_id: i64,
    pub kind: ClientKind,
    #[ts(type = "number")]
    pub kept_id: i64,
    #[ts(type = "number")]
    pub merged_id: i64,
    /// How many rows moved over (deals, activities, orders, referrals, contacts, channels, tags, custom values).
    #[ts(type = "number")]
    pub moved: i64,
}

/// The kept record's fields before the merge (and a company's dates), to put back on undo.
#[derive(Serialize, Deserialize)]
struct Before {
    contact: Option<Contact>,
    company: Option<Company>,
    dates: Option<(Option<String>, Option<String>)>,
    /// The kept contact's details (display name, nickname, …) before the
    /// merge filled its empty ones from the merged contact's.
    #[serde(default)]
    details: Option<crate::contact_details::ContactDetails>,
}

fn fill(kept: &mut Option<String>, other: &Option<String>) {
    if kept.as_deref().is_none_or(|k| k.trim().is_empty()) && other.is_some() {
        kept.clone_from(other);
    }
}

/// Notes of both, the kept record's first.
fn join_notes(kept: &Option<String>, other: &Option<String>) -> Option<String> {
    match (kept.as_deref().map(str::trim).filter(|x| !x.is_empty()), other.as_deref().map(str::trim).filter(|x| !x.is_empty())) {
        (Some(k), Some(o)) if k != o => Some(format!("{k}\n\n{o}")),
        (Some(k), _) => Some(k.to_string()),
        (None, o) => o.map(str::to_string),
    }
}

/// Merges `merged` into `kept` (two contacts or two companies).
pub fn merge(s: &mut Store, clock: &dyn Clock, kind: ClientKind, kept: i64, merged: i64) -> Result<MergeResult> {
    if kept == merged {
        return Err(Error::validation("merge.merged_id", "A record cannot be merged with itself. Choose two different records."));
    }
    let now = stamp(clock.now());
    let at = clock.local_now();
    s.write(|tx| {
        live(tx, kind, kept)?;
        live(tx, kind, merged)?;
        let lang = store::meta::load(tx)?.lang;
        let mut moved = Moved::default();
        let mut count = 0i64;
        for (table, column) in q::references(kind) {
            // The kept record is never made its own referrer or parent company.
            let own_table = match kind {
                ClientKind::Contact => "contacts",
                ClientKind::Company => "companies",
            };
            let except = (*table == own_table).then_some(kept);
            let ids: Vec<i64> = q::move_refs(tx, table, column, merged, kept, except)?;
            count += ids.len() as i64;
            if !ids.is_empty() {
                moved.rows.push((format!("{table}.{column}"), ids));
            }
        }
        moved.tags = q::move_tags(tx, kind, merged, kept)?;
        moved.values = q::move_values(tx, kind, merged, kept)?;
        count += (moved.tags.len() + moved.values.len()) as i64;
        let (before, name_of_merged, name_of_kept) = match kind {
            ClientKind::Contact => {
                let k = contacts::get(tx, kept)?;
                let m = contacts::get(tx, merged)?;
                let mut i = ContactInput::from(&k);
                fill(&mut i.title, &m.title);
                fill(&mut i.birthday, &m.birthday);
                i.notes = join_notes(&k.notes, &m.notes);
                i.company_id = i.company_id.or(m.company_id);
                i.source = i.source.or(m.source);
                i.owner_id = i.owner_id.or(m.owner_id);
                if i.referred_by_id.is_none() && m.referred_by_id != Some(kept) {
                    i.referred_by_id = m.referred_by_id;
                }
                // Every channel is kept: a second phone or e-mail becomes a further channel.
                let have = q::channel_norms(tx, kept)?;
                for (ch, mine, theirs) in [("phone", &mut i.phone, &m.phone), ("email", &mut i.email, &m.email)] {
                    let Some(t) = theirs.as_deref().filter(|t| !t.trim().is_empty()) else { continue };
                    let norm = if ch == "phone" { norm_phone(t) } else { norm_email(t) };
                    let same = |x: &str| if ch == "phone" { norm_phone(x) == norm } else { norm_email(x) == norm };
                    if mine.is_none() {
                        *mine = Some(t.to_string());
                    } else if !mine.as_deref().is_some_and(same) && !have.iter().any(|(k, n)| k == ch && *n == norm) {
                        moved.channels_added.push(q::add_channel(tx, kept, ch, t, &norm)?);
                        count += 1;
                    }
                }
                contacts::update(tx, kept, &now, &i)?;
                // The details the kept contact lacks come from the merged one.
                let kd = store::contact_details::get(tx, kept)?;
                let md = store::contact_details::get(tx, merged)?;
                let mut d = kd.clone();
                for (mine, theirs) in [
                    (&mut d.display_name, &md.display_name),
                    (&mut d.additional, &md.additional),
                    (&mut d.prefix, &md.prefix),
                    (&mut d.suffix, &md.suffix),
                    (&mut d.nickname, &md.nickname),
                    (&mut d.department, &md.department),
                    (&mut d.role, &md.role),
                    (&mut d.website, &md.website),
                ] {
                    if mine.trim().is_empty() && !theirs.trim().is_empty() {
                        mine.clone_from(theirs);
                    }
                }
                if d != kd {
                    store::contact_details::put(tx, kept, &d)?;
                }
                store::archive_row(tx, "contacts", "Contact", merged, &now)?;
                (Before { contact: Some(k.clone()), company: None, dates: None, details: Some(kd) }, m.display_name(), k.display_name())
            }
            ClientKind::Company => {
                let k = companies::get(tx, kept)?;
                let m = companies::get(tx, merged)?;
                let dates = q::company_dates(tx, kept)?;
                let mut i = CompanyInput {
                    source: k.source.or(m.source),
                    abc: k.abc.or(m.abc),
                    owner_id: k.owner_id.or(m.owner_id),
                    employees: k.employees.or(m.employees),
                    revenue_minor: k.revenue_minor.or(m.revenue_minor),
                    ..CompanyInput::from(&k)
                };
                fill(&mut i.industry, &m.industry);
                fill(&mut i.city, &m.city);
                fill(&mut i.website, &m.website);
                // A company has one phone and e-mail: a differing second one is kept in the notes.
                let mut extra = vec![];
                for (label, mine, theirs) in [("company.phone", &mut i.phone, &m.phone), ("company.email", &mut i.email, &m.email)] {
                    match (mine.as_deref(), theirs.as_deref()) {
                        (_, None) => {}
                        (None, Some(t)) => *mine = Some(t.to_string()),
                        (Some(a), Some(t)) if fold(a.trim()) != fold(t.trim()) => {
                            extra.push(format!("{}: {t}", crate::validate::label(lang, label).unwrap_or(label)))
                        }
                        _ => {}
                    }
                }
                let mut notes = join_notes(&k.notes, &m.notes);
                if !extra.is_empty() {
                    notes = join_notes(&notes, &Some(extra.join("\n")));
                }
                i.notes = notes;
                companies::update(tx, kept, &now, &i)?;
                let theirs = q::company_dates(tx, merged)?;
                let min = |a: &Option<String>, b: &Option<String>| match (a, b) {
                    (Some(a), Some(b)) => Some(a.min(b).clone()),
                    _ => a.clone().or(b.clone()),
                };
                let max = |a: &Option<String>, b: &Option<String>| a.clone().max(b.clone());
                q::set_company_dates(tx, kept, &(min(&dates.0, &theirs.0), max(&dates.1, &theirs.1)))?;
                store::archive_row(tx, "companies", "Company", merged, &now)?;
                companies::refresh_stage(tx, Some(kept))?;
                store::orders::refresh_expected(tx, kept)?;
                // Contacts that moved carry the kept company's name in their search text.
                store::search::index_company(tx, kept, true)?;
                (Before { contact: None, company: Some(k.clone()), dates: Some(dates), details: None }, m.name, k.name)
            }
        };
        reindex(tx, kind, kept)?;
        let subject = crate::pdf::i18n::tf(lang, "record.merged", &[("merged", &name_of_merged), ("kept", &name_of_kept)]);
        let body = crate::pdf::i18n::tf(lang, "record.moved", &[("count", &count.to_string())]);
        let (company_id, contact_id) = match kind {
            ClientKind::Company => (Some(kept), None),
            ClientKind::Contact => (contacts::get(tx, kept)?.company_id, Some(kept)),
        };
        let note = store::activities::insert_row(
            tx,
            &now,
            &ActivityInput {
                kind: ActivityKind::Note,
                subject,
                deal_id: None,
                contact_id,
                company_id,
                owner_id: None,
                due_at: Some(at),
                done_at: Some(at),
                outcome: None,
                duration_min: None,
                notes: Some(body),
            },
        )?;
        let before = serde_json::to_string(&before).map_err(|e| Error::internal(e.to_string()))?;
        let merge_id = q::insert(tx, &now, &q::NewMerge { entity: kind, kept, merged, moved: &moved, kept_before: &before, note: Some(note) })?;
        Ok(MergeResult { merge_id, kind, kept_id: kept, merged_id: merged, moved: count })
    })
}

/// Undoes a merge: the merged-away record comes back with everything that
/// moved, and the kept one gets its fields back.
pub fn undo_merge(s: &mut Store, clock: &dyn Clock, merge_id: i64) -> Result<()> {
    let now = stamp(clock.now());
    s.write(|tx| {
        let m = q::get(tx, merge_id)?;
        if m.undone {
            return Err(Error::new(ErrorCode::Conflict, format!("Merge #{merge_id} was already undone.")));
        }
        let before: Before =
            serde_json::from_str(&m.kept_before).map_err(|e| Error::internal(format!("The record of merge {merge_id} cannot be read: {e}")))?;
        let (table, what) = match m.entity {
            ClientKind::Contact => ("contacts", "Contact"),
            ClientKind::Company => ("companies", "Company"),
        };
        store::restore_row(tx, table, what, m.merged_id, &now)?;
        for (col, ids) in &m.moved.rows {
            let (t, c) = col.split_once('.').ok_or_else(|| Error::internal(format!("Merge #{merge_id}: “{col}” names no column.")))?;
            // Only columns a merge moves may be named (the record is ours, but never trust text as SQL).
            if !q::references(m.entity).iter().any(|(rt, rc)| *rt == t && *rc == c) {
                return Err(Error::internal(format!("Merge #{merge_id}: “{col}” is not a column a merge moves.")));
            }
            q::move_back(tx, t, c, ids, m.merged_id)?;
        }
        q::move_tags_back(tx, m.entity, &m.moved.tags, m.kept_id, m.merged_id)?;
        q::move_values_back(tx, &m.moved.values, m.kept_id, m.merged_id)?;
        q::delete_channels(tx, &m.moved.channels_added)?;
        if let Some(k) = &before.contact {
            contacts::update(tx, m.kept_id, &now, &ContactInput::from(k))?;
        }
        if let Some(d) = &before.details {
            store::contact_details::put(tx, m.kept_id, d)?;
        }
        if let Some(k) = &before.company {
            let i = CompanyInput::from(k);
            companies::update(tx, m.kept_id, &now, &i)?;
            if let Some(d) = &before.dates {
                q::set_company_dates(tx, m.kept_id, d)?;
            }
            for id in [m.kept_id, m.merged_id] {
                companies::refresh_stage(tx, Some(id))?;
                store::orders::refresh_expected(tx, id)?;
                store::search::index_company(tx, id, true)?;
            }
        }
        if let Some(note) = m.note_id {
            q::delete_note(tx, note)?;
        }
        reindex(tx, m.entity, m.kept_id)?;
        reindex(tx, m.entity, m.merged_id)?;
        q::mark_undone(tx, merge_id, &now)
    })
}

#[cfg(test)]
mod tests;
