//! Conveyor's core: the whole domain of the three-stage sales conveyor, with
//! no dependency on any UI toolkit. The Tauri shell and the `conveyor` CLI are
//! thin adapters over the use cases in [`usecases`].

pub mod address;
pub mod amount;
pub mod assessment;
pub mod bindings;
pub mod channels;
pub mod clock;
pub mod contact_details;
pub mod demo;
mod demo_langs;
pub mod error;
pub mod interop;
#[cfg(test)]
mod layout_tests;
pub mod locale;
pub mod messages;
pub mod model;
pub mod output;
pub mod pdf;
pub mod plan;
pub mod playbook;
pub mod settings;
pub mod store;
pub mod text;
pub mod usecases;
pub mod validate;
pub mod views;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, ErrorCode, Result};
pub use store::Store;
