//! Use cases: `fn(&mut Store, &dyn Clock, Input) -> Result<Output>`. The shell
//! and the CLI call only these; every write is one transaction.

pub mod addresses;
pub mod analytics;
pub mod backup;
pub mod board;
pub mod channels;
pub mod clients;
pub mod contact_details;
pub mod crm;
pub mod custom_fields;
pub mod daily;
pub mod documents;
pub mod export;
pub mod first_hour;
pub mod import;
pub mod import_history;
pub mod leads;
pub mod merge;
pub mod norms;
pub mod pipeline;
pub mod plan;
pub mod prefill;
pub mod promote;
pub mod pull;
pub mod regulations;
pub mod reviews;
pub mod roles;
pub mod routines;
pub mod runner;
pub mod scripts;
pub mod security;
pub mod session;
pub mod setup;
pub mod tags;
pub mod targets;
pub mod templates;
pub mod today;
pub mod workspace;

#[cfg(test)]
mod daily_b_tests;
#[cfg(test)]
mod daily_tests;
#[cfg(test)]
mod fuzz_regressions;
#[cfg(test)]
mod norms_tests;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod playbook_testing;
#[cfg(test)]
mod records_tests;
#[cfg(test)]
mod roles_tests;
#[cfg(test)]
mod routines_tests;
#[cfg(test)]
mod runner_tests;
#[cfg(test)]
mod scripts_tests;
#[cfg(test)]
mod setup_tests;
#[cfg(test)]
mod template_langs_tests;
#[cfg(test)]
mod templates_tests;
