//! The team workspace's store on PostgreSQL (docs/TEAM.md). For now: the
//! connection (TLS when the server offers it), the schema series,
//! promote's copy with its verification, and pull (the copy back to a file). The use cases still run on the
//! file store only; the `Db` seam over both comes next (TEAM.md §9).

pub mod copy;
pub mod migrate;
pub mod pull;

use crate::error::{Error, ErrorCode, Result};
use postgres::error::SqlState;
use std::sync::Arc;
use std::time::Duration;

pub use postgres::Client;

/// Where a team workspace lives: a server, a database and a login. The
/// password is used for the connection and never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub password: Option<String>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("host", &self.host).field("port", &self.port).field("database", &self.database).field("user", &self.user).finish()
    }
}

impl Server {
    /// Reads `postgres://user[:password]@host[:port]/database` (also
    /// `postgresql://`; user and password percent-encoded as in libpq's
    /// URLs; port 5432 when none is given). `field` names the input in errors.
    pub fn parse(field: &str, url: &str) -> Result<Server> {
        let bad = |_why: &str| {
            Error::validation(
                field,
                format!(
                    "“{url}” is not a server address ({_why}). Write it as postgres://user:password@host:port/database, for example postgres://anna@sales.example.com/shop."
                ),
            )
        };
        let rest = url.strip_prefix("postgres://").or_else(|| url.strip_prefix("postgresql://")).ok_or_else(|| bad("it must start with postgres://"))?;
        if rest.contains('?') || rest.contains('#') {
            return Err(bad("options after ? are not supported"));
        }
        let (login, rest) = rest.rsplit_once('@').ok_or_else(|| bad("the user name is missing"))?;
        let (host_port, database) = rest.split_once('/').ok_or_else(|| bad("the database name is missing"))?;
        let (user, password) = match login.split_once(':') {
            Some((u, p)) => (u, Some(p)),
            None => (login, None),
        };
        let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
            let (h, after) = v6.split_once(']').ok_or_else(|| bad("the address in [ ] is not closed"))?;
            (h, after.strip_prefix(':'))
        } else {
            match host_port.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (host_port, None),
            }
        };
        let port = match port {
            Some(p) => p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| bad("the port is not a number from 1 to 65535"))?,
            None => 5432,
        };
        let user = percent_decode(user).ok_or_else(|| bad("the user name has a broken %-escape"))?;
        let database = percent_decode(database).ok_or_else(|| bad("the database name has a broken %-escape"))?;
        let password = match password {
            Some(p) => Some(percent_decode(p).ok_or_else(|| bad("the password has a broken %-escape"))?),
            None => None,
        };
        if host.is_empty() {
            return Err(bad("the host is missing"));
        }
        if user.is_empty() {
            return Err(bad("the user name is missing"));
        }
        if database.is_empty() {
            return Err(bad("the database name is missing"));
        }
        Ok(Server { host: host.to_string(), port, database, user, password })
    }

    /// `host:port` as people read it in messages.
    pub fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// `%41` → `A`; `None` when an escape is broken or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// How long to wait for a server that does not answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// TLS through rustls with the platform's trusted roots. `sslmode=prefer`:
/// TLS when the server offers it (its certificate must then be trusted),
/// plain TCP when it offers none; a local socket never uses TLS.
/// The *ring* provider: it builds with a C compiler alone (aws-lc-rs needs
/// CMake and more); rustls marks it deprecated only for offering no
/// post-quantum key exchange, which PostgreSQL servers do not ask for yet.
#[allow(deprecated)]
fn tls() -> tokio_postgres_rustls::MakeRustlsConnect {
    let mut roots = rustls::RootCertStore::empty();
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map(|b| b.with_root_certificates(roots).with_no_client_auth())
        .unwrap_or_else(|_| unreachable!("ring supports the default TLS versions"));
    tokio_postgres_rustls::MakeRustlsConnect::new(config)
}

/// Opens a connection to `server`. Errors say what went wrong in a person's
/// words: `unavailable` (no answer), `authentication_failed` (login
/// refused), `not_found` (no such database).
pub fn connect(server: &Server) -> Result<Client> {
    let mut config = postgres::Config::new();
    config
        .host(&server.host)
        .port(server.port)
        .dbname(&server.database)
        .user(&server.user)
        .application_name("conveyor")
        .ssl_mode(postgres::config::SslMode::Prefer)
        .connect_timeout(CONNECT_TIMEOUT);
    if let Some(p) = &server.password {
        config.password(p);
    }
    config.connect(tls()).map_err(|e| connect_error(server, &e))
}

fn connect_error(server: &Server, e: &postgres::Error) -> Error {
    let address = server.address();
    let user = &server.user;
    let database = &server.database;
    match e.code() {
        Some(c) if *c == SqlState::INVALID_PASSWORD || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => Error::new(
            ErrorCode::AuthenticationFailed,
            format!("The server at {address} refused the login of {user}: the user name or password is wrong. Check them and try again; nothing was changed."),
        ),
        Some(c) if *c == SqlState::INVALID_CATALOG_NAME => Error::new(
            ErrorCode::NotFound,
            format!("There is no database {database} on the server at {address}. Create it first (for example with createdb) and try again."),
        ),
        Some(_) => from_pg(e),
        // The client asks for a password the server wants and none was given.
        None if e.to_string().contains("password missing") => Error::new(
            ErrorCode::AuthenticationFailed,
            format!("The server at {address} wants a password for {user}. Give the password and try again; nothing was changed."),
        ),
        None => Error::new(
            ErrorCode::Unavailable,
            format!("The team server at {address} cannot be reached ({e}). Check the address and that the server is running; nothing was changed."),
        ),
    }
}

/// Any other refusal of the server, or a connection lost midway.
pub(crate) fn from_pg(e: &postgres::Error) -> Error {
    if e.is_closed() || (e.code().is_none() && e.as_db_error().is_none()) {
        return Error::new(ErrorCode::Unavailable, format!("The connection to the team server was lost ({e}). Nothing was changed; try again."));
    }
    Error::new(ErrorCode::Storage, format!("The team server refused the operation: {e}. Nothing was changed."))
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        from_pg(&e)
    }
}

/// Quotes an identifier for PostgreSQL and SQLite alike.
pub(crate) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A fresh database on the test cluster named by `CONVEYOR_TEST_PG`
/// (docs/TEAM.md §8), dropped again when the value is dropped; `None` when
/// the variable is not set (the caller says the test was skipped).
#[cfg(test)]
pub mod testing {
    use super::*;
    use std::io::Write;

    pub struct TestDb {
        pub server: Server,
        admin: Server,
    }

    impl Drop for TestDb {
        fn drop(&mut self) {
            if let Ok(mut c) = connect(&self.admin) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", ident(&self.server.database)));
            }
        }
    }

    /// The test cluster's address, if one is set.
    pub fn cluster() -> Option<Server> {
        let url = std::env::var("CONVEYOR_TEST_PG").ok().filter(|u| !u.is_empty())?;
        Some(Server::parse("CONVEYOR_TEST_PG", &url).expect("CONVEYOR_TEST_PG is a postgres:// URL"))
    }

    /// A new empty database on the test cluster, or `None` (with a note on
    /// stderr) when `CONVEYOR_TEST_PG` is not set.
    pub fn fresh(test: &str) -> Option<TestDb> {
        let Some(admin) = cluster() else {
            // Written past the test harness's capture, so a passing run still shows it.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: {test} needs PostgreSQL; set CONVEYOR_TEST_PG=postgres://user:password@host:port/db (./dev test starts a cluster)"
            );
            return None;
        };
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let name = format!("conveyor_t{}_{}", std::process::id(), N.fetch_add(1, std::sync::atomic::Ordering::SeqCst));
        let mut c = connect(&admin).expect("the test cluster answers");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {}", ident(&name))).expect("an old test database can be dropped");
        c.batch_execute(&format!("CREATE DATABASE {}", ident(&name))).expect("a test database can be made");
        let server = Server { database: name, ..admin.clone() };
        Some(TestDb { server, admin })
    }
}
