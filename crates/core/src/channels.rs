//! What a phone number or e-mail address is for: its kind (mobile, work,
//! home, fax, pager, other) read from the labels address books write, and
//! which numbers can be called at all. A fax or a pager is never the number
//! Conveyor offers for a call: it is never a contact's primary phone.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Mobile,
    Work,
    Home,
    Fax,
    Pager,
    Other,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 6] = [ChannelKind::Mobile, ChannelKind::Work, ChannelKind::Home, ChannelKind::Fax, ChannelKind::Pager, ChannelKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Mobile => "mobile",
            ChannelKind::Work => "work",
            ChannelKind::Home => "home",
            ChannelKind::Fax => "fax",
            ChannelKind::Pager => "pager",
            ChannelKind::Other => "other",
        }
    }

    /// The kind a label means: vCard `TYPE`s (`cell`, `work,fax`), Google's
    /// `Mobile`/`Work Fax`, a column's name (`Business Fax`, `Pager Number`),
    /// or Conveyor's own kinds. Fax and pager win over work or home (a "work
    /// fax" is a fax); no label is `Other`.
    pub fn from_label(label: Option<&str>) -> Self {
        let Some(l) = label else { return ChannelKind::Other };
        let l = l.to_lowercase();
        let words: Vec<&str> = l.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let has = |xs: &[&str]| words.iter().any(|w| xs.contains(w));
        if has(&["fax", "факс"]) {
            ChannelKind::Fax
        } else if has(&["pager", "beeper", "пейджер"]) {
            ChannelKind::Pager
        } else if has(&["cell", "mobile", "iphone", "cellular", "мобильный", "сотовый"]) {
            ChannelKind::Mobile
        } else if has(&["work", "business", "company", "office", "main", "рабочий"]) {
            ChannelKind::Work
        } else if has(&["home", "домашний"]) {
            ChannelKind::Home
        } else {
            ChannelKind::Other
        }
    }

    /// The vCard `TYPE` this kind is written as (and stored as a label);
    /// `None` for other.
    pub fn vcard_type(self) -> Option<&'static str> {
        match self {
            ChannelKind::Mobile => Some("cell"),
            ChannelKind::Work => Some("work"),
            ChannelKind::Home => Some("home"),
            ChannelKind::Fax => Some("fax"),
            ChannelKind::Pager => Some("pager"),
            ChannelKind::Other => None,
        }
    }

    /// Whether a number of this kind can be called (fax and pager cannot).
    pub fn callable(self) -> bool {
        !matches!(self, ChannelKind::Fax | ChannelKind::Pager)
    }

    /// Which phone becomes the primary one: mobile or business first, then
    /// home and unlabelled ones; `None` for a number never to be called.
    pub fn primary_rank(self) -> Option<u8> {
        match self {
            ChannelKind::Mobile | ChannelKind::Work => Some(0),
            ChannelKind::Home | ChannelKind::Other => Some(1),
            ChannelKind::Fax | ChannelKind::Pager => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ChannelKind::*;
    use super::*;

    #[test]
    fn labels_mean_kinds_and_fax_or_pager_is_never_called() {
        assert_eq!(ChannelKind::from_label(Some("cell")), Mobile);
        assert_eq!(ChannelKind::from_label(Some("work,fax")), Fax);
        assert_eq!(ChannelKind::from_label(Some("Business Fax")), Fax);
        assert_eq!(ChannelKind::from_label(Some("Pager Number")), Pager);
        assert_eq!(ChannelKind::from_label(Some("* Mobile")), Mobile);
        assert_eq!(ChannelKind::from_label(Some("Company Main Phone")), Work);
        assert_eq!(ChannelKind::from_label(Some("home")), Home);
        assert_eq!(ChannelKind::from_label(None), Other);
        assert!(!Fax.callable() && !Pager.callable() && Mobile.callable());
        assert!(Mobile.primary_rank() < Home.primary_rank() && Fax.primary_rank().is_none());
    }
}
