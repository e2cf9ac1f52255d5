//! Tags on companies and contacts: put on and taken off in the profile (or
//! on a selection), read from Google's group lists and vCard CATEGORIES,
//! found by search, a filter of the clients list, written into exports.

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::model::ClientKind;
use crate::store::{self, Store, tags as q};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const TAG_MAX: usize = 100;

/// A tag and how many live records carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TagCount {
    pub name: String,
    #[ts(type = "number")]
    pub companies: i64,
    #[ts(type = "number")]
    pub contacts: i64,
}

/// A tag name as typed: trimmed, inner spaces collapsed, not empty, no
/// comma or semicolon (they separate tags in CSV cells and vCard CATEGORIES).
pub fn clean(name: &str) -> Result<String> {
    let v = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let v = crate::validate::required("tag.name", &v, TAG_MAX)?;
    if v.contains([',', ';']) {
        return Err(Error::validation(
            "tag.name",
            format!("The tag “{v}” contains a comma or semicolon; they separate tags in exported files. Leave them out."),
        ));
    }
    Ok(v)
}

/// Checks that the record exists and is not archived.
pub(crate) fn live(c: &rusqlite::Connection, kind: ClientKind, id: i64) -> Result<()> {
    let archived = match kind {
        ClientKind::Company => store::companies::get(c, id)?.archived,
        ClientKind::Contact => store::contacts::get(c, id)?.archived,
    };
    if archived {
        let what = if kind == ClientKind::Company { "Company" } else { "Contact" };
        return Err(Error::not_found(what, id));
    }
    Ok(())
}

/// Makes the record's search entry again (its tags and custom values are part of it).
pub(crate) fn reindex(c: &rusqlite::Connection, kind: ClientKind, id: i64) -> Result<()> {
    match kind {
        ClientKind::Company => store::search::index_company(c, id, false),
        ClientKind::Contact => store::search::index_contact(c, id),
    }
}

/// Puts tags on a record, within the caller's transaction (imports use it too).
pub(crate) fn add_in(c: &rusqlite::Connection, kind: ClientKind, id: i64, names: &[String]) -> Result<()> {
    for n in names {
        let t = q::ensure(c, &clean(n)?)?;
        q::link(c, kind, id, t)?;
    }
    reindex(c, kind, id)
}

/// Puts a tag on records (one, or a selection on Clients); their tags after.
pub fn add_tag(s: &mut Store, _clock: &dyn Clock, kind: ClientKind, ids: &[i64], name: &str) -> Result<Vec<String>> {
    let name = clean(name)?;
    s.write(|tx| {
        for id in ids {
            live(tx, kind, *id)?;
            add_in(tx, kind, *id, std::slice::from_ref(&name))?;
        }
        ids.first().map_or(Ok(vec![]), |id| q::of(tx, kind, *id))
    })
}

/// Takes a tag off records; their tags after. A tag nobody carries is forgotten.
pub fn remove_tag(s: &mut Store, _clock: &dyn Clock, kind: ClientKind, ids: &[i64], name: &str) -> Result<Vec<String>> {
    let key = q::key(name);
    s.write(|tx| {
        let tag = q::find(tx, &key)?;
        for id in ids {
            live(tx, kind, *id)?;
            if let Some(t) = tag {
                q::unlink(tx, kind, *id, t)?;
                reindex(tx, kind, *id)?;
            }
        }
        ids.first().map_or(Ok(vec![]), |id| q::of(tx, kind, *id))
    })
}

pub fn tags_of(s: &Store, kind: ClientKind, id: i64) -> Result<Vec<String>> {
    q::of(s.conn(), kind, id)
}

/// Every tag in the workspace with its counts, by name.
/// Every tag's name, in the order of [`list_tags`], without counting what
/// carries it (a filter's choices).
pub fn tag_names(s: &Store) -> Result<Vec<String>> {
    q::names(s.conn())
}

pub fn list_tags(s: &Store) -> Result<Vec<TagCount>> {
    Ok(q::all(s.conn())?.into_iter().map(|(name, companies, contacts)| TagCount { name, companies, contacts }).collect())
}

/// Google's "Labels"/"Group Membership" cell (`* myContacts ::: Clients ::: VIP`)
/// as tags: Google's own system groups (written with a leading `* `:
/// `* myContacts`, `* starred`, …) are left out.
pub fn google_groups(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for g in cell.split(":::").map(str::trim) {
        if g.is_empty() || g.starts_with('*') {
            continue;
        }
        push_unique(&mut out, g);
    }
    out
}

/// A vCard CATEGORIES value (already unescaped, commas separating) or a
/// CSV tags cell (commas or semicolons) as tags.
pub fn split_list(value: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for g in value.split([',', ';']).map(str::trim) {
        if !g.is_empty() {
            push_unique(&mut out, g);
        }
    }
    out
}

/// A CSV tags cell: Google's group list when it looks like one (`:::` or a
/// `* ` system group), else a list with commas or semicolons.
pub fn tag_cell(v: &str) -> Vec<String> {
    if v.contains(":::") || v.trim_start().starts_with('*') { google_groups(v) } else { split_list(v) }
}

fn push_unique(out: &mut Vec<String>, name: &str) {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name: String = name.chars().take(TAG_MAX).collect();
    if !out.iter().any(|o| q::key(o) == q::key(&name)) {
        out.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CompanyInput, ContactInput};
    use crate::store::testing::{clock, store};
    use crate::usecases::{clients, crm};

    fn anna(s: &mut Store) -> (i64, i64) {
        let co = crm::create_company(s, &clock(), &CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
        let ct = crm::create_contact(
            s,
            &clock(),
            &ContactInput { company_id: Some(co.id), first_name: "Anna".into(), last_name: "Berg".into(), ..Default::default() },
        )
        .unwrap();
        (co.id, ct.id)
    }

    #[test]
    fn a_tag_is_put_on_found_by_search_and_taken_off() {
        let mut s = store();
        let (co, ct) = anna(&mut s);
        assert_eq!(add_tag(&mut s, &clock(), ClientKind::Contact, &[ct], "  Trade   fair ").unwrap(), vec!["Trade fair"]);
        // The same tag in another case is the same tag.
        add_tag(&mut s, &clock(), ClientKind::Company, &[co], "trade FAIR").unwrap();
        add_tag(&mut s, &clock(), ClientKind::Company, &[co], "VIP").unwrap();
        assert_eq!(tags_of(&s, ClientKind::Company, co).unwrap(), vec!["Trade fair", "VIP"]);
        let list = list_tags(&s).unwrap();
        assert_eq!(list[0], TagCount { name: "Trade fair".into(), companies: 1, contacts: 1 });

        let hits = clients::search(&s, "vip").unwrap();
        assert!(matches!(hits.as_slice(), [clients::SearchHit::Company { id, .. }] if *id == co), "{hits:?}");
        assert_eq!(clients::search(&s, "trade fa").unwrap().len(), 2);

        remove_tag(&mut s, &clock(), ClientKind::Company, &[co], "vip").unwrap();
        assert!(clients::search(&s, "vip").unwrap().is_empty());
        assert_eq!(list_tags(&s).unwrap().len(), 1, "a tag nobody carries is forgotten");
    }

    #[test]
    fn a_bad_tag_is_refused_naming_it_and_nothing_changes() {
        let mut s = store();
        let (co, ct) = anna(&mut s);
        let e = add_tag(&mut s, &clock(), ClientKind::Contact, &[ct], "a, b").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("tag.name"));
        assert!(e.message.contains("“a, b”"), "{}", e.message);
        assert_eq!(add_tag(&mut s, &clock(), ClientKind::Contact, &[ct], " ").unwrap_err().field.as_deref(), Some("tag.name"));
        // One missing record in a selection refuses the whole selection.
        let e = add_tag(&mut s, &clock(), ClientKind::Company, &[co, 999], "VIP").unwrap_err();
        assert_eq!(e.code, crate::error::ErrorCode::NotFound);
        assert!(tags_of(&s, ClientKind::Company, co).unwrap().is_empty());
    }

    #[test]
    fn a_tag_filters_the_clients_list_and_the_board() {
        use crate::usecases::{board, pipeline};
        let mut s = store();
        let (co, ct) = anna(&mut s);
        crm::create_contact(&mut s, &clock(), &ContactInput { first_name: "Olga".into(), ..Default::default() }).unwrap();
        let deal = pipeline::create_lead(
            &mut s,
            &clock(),
            &pipeline::LeadInput {
                company_name: String::new(),
                first_name: String::new(),
                last_name: String::new(),
                phone: None,
                email: None,
                source: crate::model::Source::ColdCall,
                referred_by_id: None,
                title: "Paper".into(),
                value_minor: 100,
                next_step: "Call".into(),
                next_step_date: clock().today(),
                company_id: Some(co),
                contact_id: Some(ct),
            },
        )
        .unwrap();
        add_tag(&mut s, &clock(), ClientKind::Company, &[co], "Wholesale").unwrap();
        let list = |s: &Store, tag: &str| {
            let f = crate::store::clients::ClientFilter { tag: Some(tag.into()), ..Default::default() };
            clients::list(s, &f, 0, 50).unwrap().rows.into_iter().map(|r| (r.name, r.tags)).collect::<Vec<_>>()
        };
        assert_eq!(list(&s, "WHOLESALE"), vec![("Anna Berg".to_string(), vec!["Wholesale".to_string()])], "the company's tag reaches its people");
        assert!(list(&s, "retail").is_empty());
        let on_board = |s: &Store, tag: &str| {
            let b = board::get_board(s, &clock(), &board::BoardQuery { tag: Some(tag.into()), ..Default::default() }).unwrap();
            b.stages.iter().flat_map(|st| &st.steps).flat_map(|st| &st.deals).map(|d| d.id).collect::<Vec<_>>()
        };
        assert_eq!(on_board(&s, "wholesale"), vec![deal.id]);
        assert!(on_board(&s, "retail").is_empty());
    }

    #[test]
    fn a_tag_narrows_every_list_of_today() {
        use crate::model::{ActivityInput, ActivityKind};
        use crate::usecases::{pipeline, today};
        let mut s = store();
        let (acme, anna) = anna(&mut s);
        let beta = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Beta".into(), ..Default::default() }).unwrap().id;
        let boris =
            crm::create_contact(&mut s, &clock(), &ContactInput { company_id: Some(beta), first_name: "Boris".into(), ..Default::default() }).unwrap().id;
        let lead = |s: &mut Store, co: i64, ct: i64, title: &str| {
            let i = pipeline::LeadInput {
                company_name: String::new(),
                first_name: String::new(),
                last_name: String::new(),
                phone: None,
                email: None,
                source: crate::model::Source::ColdCall,
                referred_by_id: None,
                title: title.into(),
                value_minor: 100,
                next_step: "Call".into(),
                next_step_date: clock().today(),
                company_id: Some(co),
                contact_id: Some(ct),
            };
            pipeline::create_lead(s, &clock(), &i).unwrap().id
        };
        let acme_deal = lead(&mut s, acme, anna, "Paper for Acme");
        lead(&mut s, beta, boris, "Paper for Beta");
        let due = clock().today().and_hms_opt(9, 0, 0);
        for (co, ct, subject) in [(acme, anna, "Send Anna the price list"), (beta, boris, "Send Boris the price list")] {
            let a = ActivityInput {
                kind: ActivityKind::Task,
                subject: subject.into(),
                deal_id: None,
                contact_id: Some(ct),
                company_id: Some(co),
                owner_id: None,
                due_at: due,
                done_at: None,
                outcome: None,
                duration_min: None,
                notes: None,
            };
            crm::create_activity(&mut s, &clock(), &a).unwrap();
        }
        // Both are clients long without contact, both expecting an order.
        s.conn()
            .execute("UPDATE companies SET client_since = '2026-01-01', last_activity_on = '2026-02-01', expected_order_on = ?1", [clock().today()])
            .unwrap();
        // Only Anna carries the tag: her company counts as tagged on the client lists.
        add_tag(&mut s, &clock(), ClientKind::Contact, &[anna], "Trade fair").unwrap();

        let all = today::today(&s, &clock(), None).unwrap();
        assert_eq!((all.leads_to_call.total, all.tasks_due.total, all.checkins_due.total, all.orders_expected.total), (2, 2, 2, 2));
        let t = today::today_tagged(&s, &clock(), None, Some(" TRADE  fair ")).unwrap();
        assert_eq!(t.leads_to_call.deals.iter().map(|d| d.id).collect::<Vec<_>>(), vec![acme_deal]);
        assert_eq!(t.leads_to_call.total, 1);
        assert_eq!(t.tasks_due.tasks.iter().map(|x| x.subject.as_str()).collect::<Vec<_>>(), vec!["Send Anna the price list"]);
        assert_eq!(t.checkins_due.clients.iter().map(|x| x.company_id).collect::<Vec<_>>(), vec![acme]);
        assert_eq!(t.orders_expected.clients.iter().map(|x| x.company_id).collect::<Vec<_>>(), vec![acme]);
        assert_eq!(t.checkins_due.total, 1);
        // "Show all" of a list keeps the tag.
        let page = today::today_list(&s, &clock(), None, Some("trade fair"), today::TodayListKind::TasksDue, 0, 50).unwrap();
        assert_eq!((page.tasks.len(), page.total), (1, 1));
        // A tag nobody carries empties the lists; an empty one narrows nothing.
        let none = today::today_tagged(&s, &clock(), None, Some("retail")).unwrap();
        assert_eq!((none.leads_to_call.total, none.tasks_due.total, none.checkins_due.total, none.orders_expected.total), (0, 0, 0, 0));
        assert_eq!(today::today_tagged(&s, &clock(), None, Some(" ")).unwrap(), all);
    }

    #[test]
    fn google_system_groups_are_left_out_and_lists_are_split() {
        assert_eq!(google_groups("* myContacts ::: Clients ::: * starred ::: VIP ::: clients"), vec!["Clients", "VIP"]);
        assert!(google_groups("* myContacts").is_empty());
        assert_eq!(split_list("Wholesale, VIP;Trade  fair,,"), vec!["Wholesale", "VIP", "Trade fair"]);
        assert_eq!(tag_cell("* myContacts"), Vec::<String>::new());
        assert_eq!(tag_cell("Clients ::: VIP"), vec!["Clients", "VIP"]);
        assert_eq!(tag_cell("Clients, VIP"), vec!["Clients", "VIP"]);
    }
}
