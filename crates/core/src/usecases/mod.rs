//! Use cases: `fn(&mut Store, &dyn Clock, Input) -> Result<Output>`. The shell
//! and the CLI call only these; every write is one transaction.

pub mod board;
pub mod crm;
pub mod documents;
pub mod session;
pub mod workspace;
