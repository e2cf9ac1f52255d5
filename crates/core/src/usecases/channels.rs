//! A contact's phones and e-mails, each with its kind and which one is
//! preferred: shown and edited in the profile. The preferred phone is the
//! one Conveyor offers for a call, so it is never a fax or a pager.

use crate::channels::ChannelKind;
use crate::clock::{Clock, stamp};
use crate::error::{Error, Result};
use crate::interop as io;
use crate::store::{self, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most phones or e-mails one contact keeps.
pub const CHANNELS_MAX: usize = 30;

/// A phone or e-mail as the profile shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelItem {
    #[ts(type = "number")]
    pub contact_id: i64,
    /// True for a phone, false for an e-mail.
    pub is_phone: bool,
    pub value: String,
    pub kind: ChannelKind,
    /// The one used first: for a phone, the number offered for a call.
    pub preferred: bool,
    /// False for fax and pager numbers: never offered for a call.
    pub callable: bool,
}

/// A contact's phones and e-mails, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactChannels {
    pub phones: Vec<ChannelItem>,
    pub emails: Vec<ChannelItem>,
}

/// A phone or e-mail as edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelInput {
    pub value: String,
    pub kind: ChannelKind,
    pub preferred: bool,
}

fn item(ch: store::channels::StoredChannel) -> ChannelItem {
    let kind = ChannelKind::from_label(ch.label.as_deref());
    let is_phone = ch.kind == "phone";
    ChannelItem { contact_id: ch.contact_id, is_phone, value: ch.value, kind, preferred: ch.primary, callable: !is_phone || kind.callable() }
}

/// The phones and e-mails of a company's live contacts (the profile).
pub fn of_company(c: &rusqlite::Connection, company_id: i64) -> Result<Vec<ChannelItem>> {
    Ok(store::channels::of_company(c, company_id)?.into_iter().map(item).collect())
}

/// One contact's phones and e-mails.
pub fn contact_channels(s: &Store, contact_id: i64) -> Result<ContactChannels> {
    store::contacts::get(s.conn(), contact_id)?;
    let mut out = ContactChannels::default();
    for ch in store::channels::of_contact(s.conn(), contact_id)? {
        if ch.kind == "phone" { out.phones.push(item(ch)) } else { out.emails.push(item(ch)) }
    }
    Ok(out)
}

/// Replaces a contact's phones and e-mails. Empty values are dropped; each
/// value is checked and a refusal names "phone 2" or "e-mail 1". The
/// preferred phone must be callable (a fax or pager cannot be); without one
/// marked, the primary phone is chosen by meaning (mobile or work first).
pub fn save_contact_channels(s: &mut Store, clock: &dyn Clock, contact_id: i64, phones: &[ChannelInput], emails: &[ChannelInput]) -> Result<ContactChannels> {
    if phones.len() > CHANNELS_MAX || emails.len() > CHANNELS_MAX {
        return Err(Error::validation("channels", format!("A contact keeps at most {CHANNELS_MAX} phones and {CHANNELS_MAX} e-mails. Remove some.")));
    }
    let phones: Vec<(usize, &ChannelInput)> = phones.iter().enumerate().filter(|(_, p)| !p.value.trim().is_empty()).collect();
    let emails: Vec<(usize, &ChannelInput)> = emails.iter().enumerate().filter(|(_, e)| !e.value.trim().is_empty()).collect();
    let mut checked_phones = vec![];
    for (i, p) in &phones {
        let v = p.value.trim();
        let field = format!("phone {}", i + 1);
        if v.chars().count() > 50 || v.chars().any(char::is_control) || io::norm_phone(v).is_empty() {
            return Err(Error::validation(&field, format!("“{v}” (phone {}) is not a phone number: digits, at most 50 characters.", i + 1)));
        }
        if p.preferred && !p.kind.callable() {
            return Err(Error::validation(
                &field,
                format!("Phone {} is a {}: it cannot be the number to call. Mark another one as preferred.", i + 1, p.kind.as_str()),
            ));
        }
        checked_phones.push((v.to_string(), io::norm_phone(v), p.kind, p.preferred));
    }
    let mut checked_emails = vec![];
    for (i, e) in &emails {
        let v = e.value.trim();
        if !io::plausible_email(v) {
            return Err(Error::validation(&format!("email {}", i + 1), format!("“{v}” (e-mail {}) is not an e-mail address (name@example.com).", i + 1)));
        }
        checked_emails.push((v.to_string(), io::norm_email(v), e.kind, e.preferred));
    }
    let primary_phone = checked_phones.iter().enumerate().filter_map(|(i, (_, _, k, pref))| k.primary_rank().map(|r| (!pref, r, i))).min().map(|(_, _, i)| i);
    let primary_email = checked_emails.iter().position(|e| e.3).or(if checked_emails.is_empty() { None } else { Some(0) });
    let label = |k: ChannelKind| k.vcard_type().map(str::to_string);
    let mut extra: Vec<(&str, String, String, Option<String>)> = vec![];
    let mut phone = None;
    for (i, (v, n, k, _)) in checked_phones.into_iter().enumerate() {
        if Some(i) == primary_phone { phone = Some((v, label(k))) } else { extra.push(("phone", v, n, label(k))) }
    }
    let mut email = None;
    for (i, (v, n, k, _)) in checked_emails.into_iter().enumerate() {
        if Some(i) == primary_email { email = Some((v, label(k))) } else { extra.push(("email", v, n, label(k))) }
    }
    let now = stamp(clock.now());
    s.write(|tx| {
        store::contacts::get(tx, contact_id)?;
        store::channels::replace(
            tx,
            contact_id,
            &now,
            phone.as_ref().map(|(v, l)| (v.as_str(), l.as_deref())),
            email.as_ref().map(|(v, l)| (v.as_str(), l.as_deref())),
            &extra,
        )?;
        store::search::index_contact(tx, contact_id)
    })?;
    contact_channels(s, contact_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CompanyInput, ContactInput};
    use crate::store::testing::{clock, store};
    use crate::usecases::crm;

    fn ch(value: &str, kind: ChannelKind, preferred: bool) -> ChannelInput {
        ChannelInput { value: value.into(), kind, preferred }
    }

    #[test]
    fn phones_keep_their_kinds_and_a_fax_is_never_the_number_to_call() {
        let mut s = store();
        let co = crm::create_company(&mut s, &clock(), &CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
        let ct = crm::create_contact(&mut s, &clock(), &ContactInput { company_id: Some(co.id), first_name: "Ann".into(), ..Default::default() }).unwrap();
        let got = save_contact_channels(
            &mut s,
            &clock(),
            ct.id,
            &[ch("+44 161 555 0100", ChannelKind::Fax, false), ch("", ChannelKind::Home, false), ch("+44 7700 900111", ChannelKind::Mobile, false)],
            &[ch("ann@acme.example", ChannelKind::Work, false), ch("ann@home.example", ChannelKind::Home, true)],
        )
        .unwrap();
        // The mobile is the number to call although the fax came first.
        assert_eq!(crm::get_contact(&s, ct.id).unwrap().phone.as_deref(), Some("+44 7700 900111"));
        assert_eq!(crm::get_contact(&s, ct.id).unwrap().email.as_deref(), Some("ann@home.example"));
        assert_eq!(
            got.phones.iter().map(|p| (p.value.as_str(), p.kind, p.preferred, p.callable)).collect::<Vec<_>>(),
            vec![("+44 7700 900111", ChannelKind::Mobile, true, true), ("+44 161 555 0100", ChannelKind::Fax, false, false)]
        );
        assert_eq!(got.emails.iter().map(|e| (e.kind, e.preferred)).collect::<Vec<_>>(), vec![(ChannelKind::Home, true), (ChannelKind::Work, false)]);
        // Only a fax: the contact has no number to call, and the fax is kept.
        let got = save_contact_channels(&mut s, &clock(), ct.id, &[ch("+44 161 555 0100", ChannelKind::Fax, false)], &[]).unwrap();
        assert_eq!(crm::get_contact(&s, ct.id).unwrap().phone, None);
        assert_eq!(got.phones.len(), 1);
        let e = save_contact_channels(&mut s, &clock(), ct.id, &[ch("+44 161 555 0100", ChannelKind::Fax, true)], &[]).unwrap_err();
        assert!(e.message.contains("cannot be the number to call"), "{}", e.message);
        let e = save_contact_channels(&mut s, &clock(), ct.id, &[ch("+1 555", ChannelKind::Work, false), ch("call me", ChannelKind::Work, false)], &[])
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("phone 2"));
        assert_eq!(contact_channels(&s, ct.id).unwrap().phones.len(), 1, "a refusal changes nothing");
    }
}
