//! Use cases: `fn(&mut Store, &dyn Clock, Input) -> Result<Output>`. The shell
//! and the CLI call only these; every write is one transaction.

pub mod analytics;
pub mod backup;
pub mod board;
pub mod clients;
pub mod crm;
pub mod custom_fields;
pub mod daily;
pub mod documents;
pub mod first_hour;
pub mod interop;
pub mod leads;
pub mod merge;
pub mod pipeline;
pub mod plan;
pub mod playbook;
pub mod prefill;
pub mod reviews;
pub mod roles;
pub mod security;
pub mod session;
pub mod tags;
pub mod targets;
pub mod today;
pub mod workspace;

#[cfg(test)]
mod daily_b_tests;
#[cfg(test)]
mod daily_tests;
#[cfg(test)]
mod fuzz_regressions;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod playbook_tests;
