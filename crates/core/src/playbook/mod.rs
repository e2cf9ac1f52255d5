//! The playbook: template files, scripts, regulations and the pure rules
//! behind them (occurrence dates, objection search, structure advice).

pub mod routines;
pub mod template;
