//! Use cases: `fn(&mut Store, &dyn Clock, Input) -> Result<Output>`. The shell
//! and the CLI call only these; every write is one transaction.

pub mod analytics;
pub mod backup;
pub mod board;
pub mod clients;
pub mod crm;
pub mod pipeline;
pub mod plan;
pub mod playbook;
pub mod roles;
pub mod reviews;
pub mod security;
pub mod today;
pub mod interop;
pub mod documents;
pub mod session;
pub mod workspace;

#[cfg(test)]
mod daily_tests;
#[cfg(test)]
mod playbook_tests;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod fuzz_regressions;
