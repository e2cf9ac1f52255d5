//! The domain of the three-stage sales conveyor (DESIGN.md §2–3). These types
//! cross to the UI; their TypeScript twins are generated (see `bindings`).

use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares a string-coded enum once: serde name, `code()`, `parse()`, `ALL`.
macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $code)] $var),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub fn code(self) -> &'static str { match self { $($name::$var => $code),+ } }
            pub fn parse(field: &str, s: &str) -> Result<Self> {
                match s { $($code => Ok($name::$var),)+ _ => Err(Error::validation(field, format!(
                    "“{s}” is not a valid {}. Use one of: {}.", stringify!($name),
                    [$($code),+].join(", ")))) }
            }
        }
        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.code()))
            }
        }
        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                $name::parse(stringify!($name), s).map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.code()) }
        }
    };
}
pub(crate) use coded_enum;

coded_enum!(
    /// The three fixed stages of the conveyor.
    Stage {
        /// Stage 1: finding and qualifying potential clients (hunting).
        LeadGeneration = "lead_generation",
        /// Stage 2: turning a qualified lead into a buyer (closing).
        FirstDeal = "first_deal",
        /// Stage 3: serving and growing regular clients (farming).
        AccountDevelopment = "account_development",
    }
);

impl Stage {
    pub fn number(self) -> u8 {
        match self {
            Stage::LeadGeneration => 1,
            Stage::FirstDeal => 2,
            Stage::AccountDevelopment => 3,
        }
    }
}

coded_enum!(
    /// Where a lead or client came from.
    Source {
        ColdCall = "cold_call",
        Referral = "referral",
        Inbound = "inbound",
        WebSearch = "web_search",
        Event = "event",
        Repeat = "repeat",
        Other = "other",
    }
);

coded_enum!(
    DealStatus { Open = "open", Won = "won", Lost = "lost", Disqualified = "disqualified" }
);

coded_enum!(
    ActivityKind { Call = "call", Meeting = "meeting", Task = "task", Email = "email", Note = "note" }
);

coded_enum!(
    /// Sales roles: one per stage, plus the head of sales (plans and routines).
    Role {
        Hunter = "hunter",
        Closer = "closer",
        AccountManager = "account_manager",
        HeadOfSales = "head_of_sales",
    }
);

impl Role {
    pub fn stage(self) -> Option<Stage> {
        match self {
            Role::Hunter => Some(Stage::LeadGeneration),
            Role::Closer => Some(Stage::FirstDeal),
            Role::AccountManager => Some(Stage::AccountDevelopment),
            Role::HeadOfSales => None,
        }
    }
}

coded_enum!(Abc { A = "A", B = "B", C = "C" });

coded_enum!(
    /// Languages of the UI and of built-in texts.
    Lang { En = "en", Ru = "ru", Bg = "bg", El = "el", Hu = "hu" }
);

/// A configurable step within a stage, with the probability of winning from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Step {
    #[ts(type = "number")]
    pub id: i64,
    pub stage: Stage,
    pub name: String,
    pub position: i32,
    pub probability_pct: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub is_owner: bool,
    pub roles: Vec<Role>,
    pub archived: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonInput {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Company {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub industry: Option<String>,
    pub city: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub notes: Option<String>,
    pub source: Option<Source>,
    pub abc: Option<Abc>,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub archived: bool,
    /// How many people work there.
    #[ts(type = "number | null")]
    pub employees: Option<i64>,
    /// Yearly revenue in minor units of the workspace's currency.
    #[ts(type = "number | null")]
    pub revenue_minor: Option<i64>,
    /// The company this one belongs to (a group's member, a branch), and its name.
    #[ts(type = "number | null")]
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompanyInput {
    pub name: String,
    pub industry: Option<String>,
    pub city: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub notes: Option<String>,
    pub source: Option<Source>,
    pub abc: Option<Abc>,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    /// How many people work there (not negative).
    #[ts(type = "number | null")]
    pub employees: Option<i64>,
    /// Yearly revenue in minor units of the workspace's currency (not negative).
    #[ts(type = "number | null")]
    pub revenue_minor: Option<i64>,
}

impl From<&Company> for CompanyInput {
    fn from(c: &Company) -> Self {
        CompanyInput {
            name: c.name.clone(),
            industry: c.industry.clone(),
            city: c.city.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            website: c.website.clone(),
            notes: c.notes.clone(),
            source: c.source,
            abc: c.abc,
            owner_id: c.owner_id,
            employees: c.employees,
            revenue_minor: c.revenue_minor,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Contact {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    pub first_name: String,
    pub last_name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
    pub source: Option<Source>,
    #[ts(type = "number | null")]
    pub referred_by_id: Option<i64>,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is unknown.
    pub birthday: Option<String>,
    pub archived: bool,
}

impl Contact {
    pub fn display_name(&self) -> String {
        display_name(&self.first_name, &self.last_name)
    }
}

/// What a deal of a person is called when nothing else names it: their
/// name, else (a contact imported with only a way to reach them) the e-mail,
/// else the phone, else the contact's number.
///
/// ```
/// use conveyor_core::model::person_label;
/// assert_eq!(person_label(7, " ", Some("a@b.org"), Some("+1 555")), "a@b.org");
/// assert_eq!(person_label(7, "", None, Some("+1 555")), "+1 555");
/// assert_eq!(person_label(7, "", Some(""), None), "#7");
/// assert_eq!(person_label(7, "Ann Lee", Some("a@b.org"), None), "Ann Lee");
/// ```
pub fn person_label(id: i64, name: &str, email: Option<&str>, phone: Option<&str>) -> String {
    [Some(name), email, phone].into_iter().flatten().map(str::trim).find(|x| !x.is_empty()).map_or_else(|| format!("#{id}"), str::to_string)
}

pub fn display_name(first: &str, last: &str) -> String {
    match (first.trim(), last.trim()) {
        ("", l) => l.to_string(),
        (f, "") => f.to_string(),
        (f, l) => format!("{f} {l}"),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactInput {
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    pub first_name: String,
    pub last_name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
    pub source: Option<Source>,
    #[ts(type = "number | null")]
    pub referred_by_id: Option<i64>,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is unknown.
    #[serde(default)]
    pub birthday: Option<String>,
}

impl From<&Contact> for ContactInput {
    /// What the editor starts from: the contact as it is.
    fn from(c: &Contact) -> Self {
        ContactInput {
            company_id: c.company_id,
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            title: c.title.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            notes: c.notes.clone(),
            source: c.source,
            referred_by_id: c.referred_by_id,
            owner_id: c.owner_id,
            birthday: c.birthday.clone(),
        }
    }
}

/// An amount of money in integer minor units (cents, kopecks) of a currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Money {
    #[ts(type = "number")]
    pub minor: i64,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Deal {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    pub stage: Stage,
    #[ts(type = "number")]
    pub step_id: i64,
    #[ts(type = "number")]
    pub value_minor: i64,
    pub currency: String,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub source: Source,
    #[ts(type = "number | null")]
    pub referred_by_id: Option<i64>,
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
    /// When the person expects to win the deal (their estimate; empty when not given).
    pub expected_close_on: Option<NaiveDate>,
    pub status: DealStatus,
    /// Why the deal was lost or disqualified.
    pub close_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub step_entered_on: NaiveDate,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DealInput {
    pub title: String,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    #[ts(type = "number")]
    pub step_id: i64,
    #[ts(type = "number")]
    pub value_minor: i64,
    /// Empty means the workspace currency.
    pub currency: Option<String>,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub source: Source,
    #[ts(type = "number | null")]
    pub referred_by_id: Option<i64>,
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
    /// When the person expects to win the deal; not before today when set or changed.
    #[serde(default)]
    pub expected_close_on: Option<NaiveDate>,
}

/// Closing a deal: won, lost or disqualified (the last two need a reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DealClose {
    pub status: DealStatus,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Activity {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: ActivityKind,
    pub subject: String,
    #[ts(type = "number | null")]
    pub deal_id: Option<i64>,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    /// Local wall-clock time, `YYYY-MM-DDTHH:MM:SS`.
    pub due_at: Option<chrono::NaiveDateTime>,
    pub done_at: Option<chrono::NaiveDateTime>,
    pub outcome: Option<String>,
    pub duration_min: Option<u32>,
    pub notes: Option<String>,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivityInput {
    pub kind: ActivityKind,
    pub subject: String,
    #[ts(type = "number | null")]
    pub deal_id: Option<i64>,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub due_at: Option<chrono::NaiveDateTime>,
    pub done_at: Option<chrono::NaiveDateTime>,
    pub outcome: Option<String>,
    pub duration_min: Option<u32>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Order {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub company_id: i64,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    #[ts(type = "number | null")]
    pub deal_id: Option<i64>,
    pub order_date: NaiveDate,
    #[ts(type = "number")]
    pub amount_minor: i64,
    #[ts(type = "number")]
    pub margin_minor: i64,
    pub currency: String,
    pub notes: Option<String>,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderInput {
    #[ts(type = "number")]
    pub company_id: i64,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    #[ts(type = "number | null")]
    pub deal_id: Option<i64>,
    pub order_date: NaiveDate,
    #[ts(type = "number")]
    pub amount_minor: i64,
    #[ts(type = "number")]
    pub margin_minor: i64,
    pub currency: Option<String>,
    pub notes: Option<String>,
}

coded_enum!(
    /// Which kind of client record a tag, custom field or merge is about.
    ClientKind { Company = "company", Contact = "contact" }
);

coded_enum!(
    /// What a custom field holds.
    FieldKind { Text = "text", Number = "number", Money = "money", Date = "date", Choice = "choice", YesNo = "yes_no" }
);
