//! Promote: a workspace file becomes a team workspace on PostgreSQL
//! (docs/TEAM.md §7). The file is only read, as one consistent snapshot;
//! the database must be empty; the copy is verified table by table before it
//! is committed, and any difference leaves the database as it was.

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::store::pg::copy::{Phase, TableCopied};
use crate::store::pg::{self, Server};
use crate::store::{Passphrase, Store};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// The team server as a person fills it in: address, database, login. The
/// password is used for this connection only and never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PromoteTarget {
    pub host: String,
    /// 5432 when none is given.
    pub port: Option<u16>,
    pub database: String,
    pub user: String,
    pub password: Option<String>,
}

impl PromoteTarget {
    pub(crate) fn server(&self) -> Result<Server> {
        let need = |field: &str, v: &str| -> Result<String> {
            let v = v.trim();
            if v.is_empty() {
                return Err(Error::validation(field, format!("{field} is empty. Fill it in.")));
            }
            Ok(v.to_string())
        };
        Ok(Server {
            host: need("host", &self.host)?,
            port: self.port.unwrap_or(5432),
            database: need("database", &self.database)?,
            user: need("user", &self.user)?,
            password: self.password.clone().filter(|p| !p.is_empty()),
        })
    }
}

/// Reads `postgres://user[:password]@host[:port]/database`.
pub fn parse_url(url: &str) -> Result<PromoteTarget> {
    let s = Server::parse("server", url)?;
    Ok(PromoteTarget { host: s.host, port: Some(s.port), database: s.database, user: s.user, password: s.password })
}

/// One table as copied and verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PromotedTable {
    pub table: String,
    #[ts(type = "number")]
    pub rows: u64,
    /// SHA-256 of the rows in id order (the same on the file and the server).
    pub checksum: String,
}

impl From<&TableCopied> for PromotedTable {
    fn from(t: &TableCopied) -> Self {
        PromotedTable { table: t.table.clone(), rows: t.rows, checksum: t.checksum.clone() }
    }
}

/// What promote did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PromoteReport {
    /// `host:port`
    pub server: String,
    pub database: String,
    pub user: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Every table of the workspace, in the order copied.
    pub tables: Vec<PromotedTable>,
    /// The search entries made on the server (one per live contact and company).
    pub search: PromotedTable,
    /// True: every table read back from the server matched the file (a
    /// difference is an error, so a report always says true).
    pub verified: bool,
}

/// A step of promote, as it happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PromoteProgress {
    pub table: String,
    #[ts(type = "number")]
    pub rows: u64,
    /// `copied`, then `verified`.
    pub phase: String,
}

impl PromoteProgress {
    /// A table copied or verified, as promote and pull report it.
    pub(crate) fn of(t: &TableCopied, phase: Phase) -> PromoteProgress {
        let phase = match phase {
            Phase::Copied => "copied",
            Phase::Verified => "verified",
        };
        PromoteProgress { table: t.table.clone(), rows: t.rows, phase: phase.into() }
    }
}

/// Promotes an open workspace (the app's): reads it as one snapshot while
/// it stays open.
pub fn promote(store: &Store, target: &PromoteTarget, progress: &mut dyn FnMut(PromoteProgress)) -> Result<PromoteReport> {
    let server = target.server()?;
    let mut client = pg::connect(&server)?;
    let done = store.rehearse_read(|file| pg::copy::promote(file, &mut client, &server, &mut |t, phase| progress(PromoteProgress::of(t, phase))))?;
    Ok(PromoteReport {
        server: server.address(),
        database: server.database.clone(),
        user: server.user.clone(),
        schema_version: done.schema_version,
        tables: done.tables.iter().map(PromotedTable::from).collect(),
        search: (&done.search).into(),
        verified: true,
    })
}

/// Promotes a workspace file (the CLI's): opened for reading only, so the
/// file is left exactly as it was. A file of an older Conveyor is refused
/// rather than upgraded here: opening it in the app once upgrades it.
pub fn promote_file(
    path: &Path,
    clock: &dyn Clock,
    key: Option<&Passphrase>,
    target: &PromoteTarget,
    progress: &mut dyn FnMut(PromoteProgress),
) -> Result<PromoteReport> {
    let store = Store::open_unchanged(path, clock, key)?;
    promote(&store, target, progress)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::error::ErrorCode;
    use crate::store::pg::testing;

    fn clock() -> FixedClock {
        FixedClock::at("2026-11-24T09:00:00+03:00")
    }

    fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.conveyor");
        let spec = crate::demo::DemoSpec { lang: crate::model::Lang::Ru, ..Default::default() };
        crate::demo::create_workspace(&path, &clock(), &spec).unwrap();
        (dir, path)
    }

    fn target(s: &Server) -> PromoteTarget {
        PromoteTarget { host: s.host.clone(), port: Some(s.port), database: s.database.clone(), user: s.user.clone(), password: s.password.clone() }
    }

    #[test]
    fn urls_are_read_with_their_parts_and_bad_ones_name_what_is_wrong() {
        let t = parse_url("postgres://anna:p%40ss@sales.example.com:6543/shop").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.database.as_str(), t.user.as_str(), t.password.as_deref()),
            ("sales.example.com", Some(6543), "shop", "anna", Some("p@ss"))
        );
        let t = parse_url("postgresql://anna@[::1]/shop").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.password), ("::1", Some(5432), None));
        for (bad, why) in [
            ("mysql://a@b/c", "postgres://"),
            ("postgres://host/db", "user name"),
            ("postgres://a@host", "database name"),
            ("postgres://a@host:99999/db", "port"),
            ("postgres://a@host/db?sslmode=require", "options"),
        ] {
            let e = parse_url(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::Validation, "{bad}");
            assert!(e.message.contains(why), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn an_unreachable_server_is_unavailable_and_names_the_address() {
        // A port on this machine nobody listens on: connection refused at once.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let (_dir, path) = demo();
        let t = PromoteTarget { host: "127.0.0.1".into(), port: Some(port), database: "shop".into(), user: "anna".into(), password: None };
        let e = promote_file(&path, &clock(), None, &t, &mut |_| {}).unwrap_err();
        assert_eq!(e.code, ErrorCode::Unavailable, "{e}");
        assert!(e.message.contains(&format!("127.0.0.1:{port}")), "{}", e.message);
        let ru = e.localized(crate::model::Lang::Ru);
        assert!(ru.message.contains("не отвечает") || ru.message.contains("недоступен"), "{}", ru.message);
    }

    #[test]
    fn promote_copies_every_table_and_both_sides_agree() {
        let Some(db) = testing::fresh("promote_copies_every_table_and_both_sides_agree") else { return };
        let (_dir, path) = demo();
        let mut steps = vec![];
        let report = promote_file(&path, &clock(), None, &target(&db.server), &mut |p| steps.push(p)).unwrap();
        assert!(report.verified);
        let reader = Store::open_for_reading(&path, &clock(), None).unwrap();
        let counts = reader.rehearse_read(crate::store::pg::copy::file_counts).unwrap();
        for (table, rows) in &counts {
            let t = report.tables.iter().find(|t| &t.table == table).unwrap_or_else(|| panic!("{table} was not copied"));
            assert_eq!(t.rows, *rows, "{table}");
        }
        assert!(report.tables.iter().find(|t| t.table == "companies").unwrap().rows > 0);
        assert!(report.search.rows > 0);
        // Each table is reported copied, then verified.
        for t in &report.tables {
            let copied = steps.iter().position(|s| s.table == t.table && s.phase == "copied").unwrap();
            let verified = steps.iter().position(|s| s.table == t.table && s.phase == "verified").unwrap();
            assert!(copied < verified);
        }
        // The server's own reading agrees with the report's checksums.
        let mut client = pg::connect(&db.server).unwrap();
        for t in report.tables.iter().chain([&report.search]) {
            let again = reader.rehearse_read(|c| crate::store::pg::copy::checksum(c, &mut client, &t.table)).unwrap();
            assert_eq!((again.rows, again.checksum.as_str()), (t.rows, t.checksum.as_str()), "{}", t.table);
        }
        // The monthly order summary came across once (not summed again by the
        // server's triggers), equal to the server's own orders; the server
        // keeps it from then on.
        const SUMMARY_VS_ORDERS: &str = "WITH s AS (SELECT company_id, month, amount_minor, orders FROM order_months),
                 g AS (SELECT company_id, to_char(order_date, 'YYYY-MM'), sum(amount_minor), count(*) FROM orders WHERE archived_at IS NULL GROUP BY 1, 2)
             SELECT (SELECT count(*) FROM s), (SELECT count(*) FROM ((SELECT * FROM s EXCEPT ALL SELECT * FROM g) UNION ALL (SELECT * FROM g EXCEPT ALL SELECT * FROM s)) d)";
        let r = client.query_one(SUMMARY_VS_ORDERS, &[]).unwrap();
        let (rows, differences): (i64, i64) = (r.get(0), r.get(1));
        assert_eq!((rows as u64, differences), (report.tables.iter().find(|t| t.table == "order_months").unwrap().rows, 0));
        assert!(rows > 10, "the demo's orders are summed ({rows} company-months)");
        client.batch_execute("UPDATE orders SET archived_at = now() WHERE id IN (SELECT id FROM orders ORDER BY id LIMIT 5)").unwrap();
        client
            .batch_execute(
                "UPDATE orders SET amount_minor = amount_minor + 1, order_date = order_date + 40 WHERE id IN (SELECT id FROM orders ORDER BY id DESC LIMIT 5)",
            )
            .unwrap();
        let differences: i64 = client.query_one(SUMMARY_VS_ORDERS, &[]).unwrap().get(1);
        assert_eq!(differences, 0, "the server's triggers keep the summary");
    }

    #[test]
    fn a_database_that_holds_a_workspace_is_refused_and_left_as_it_was() {
        let Some(db) = testing::fresh("a_database_that_holds_a_workspace_is_refused_and_left_as_it_was") else { return };
        let (_dir, path) = demo();
        let first = promote_file(&path, &clock(), None, &target(&db.server), &mut |_| {}).unwrap();
        let e = promote_file(&path, &clock(), None, &target(&db.server), &mut |_| {}).unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict, "{e}");
        assert!(e.message.contains("already holds a Conveyor team workspace"), "{}", e.message);
        let reader = Store::open_for_reading(&path, &clock(), None).unwrap();
        let mut client = pg::connect(&db.server).unwrap();
        let deals = reader.rehearse_read(|c| crate::store::pg::copy::checksum(c, &mut client, "deals")).unwrap();
        let before = first.tables.iter().find(|t| t.table == "deals").unwrap();
        assert_eq!((deals.rows, deals.checksum.as_str()), (before.rows, before.checksum.as_str()));
    }

    #[test]
    fn a_value_changed_on_the_way_fails_verification_naming_the_table_and_nothing_is_kept() {
        let Some(db) = testing::fresh("a_value_changed_on_the_way_fails_verification_naming_the_table_and_nothing_is_kept") else { return };
        let (_dir, path) = demo();
        // A trigger on the server that alters what arrives stands for a copy gone wrong.
        let mut admin = pg::connect(&db.server).unwrap();
        let reader = Store::open_for_reading(&path, &clock(), None).unwrap();
        let e = reader
            .rehearse_read(|c| {
                crate::store::pg::copy::promote_with_hook(c, &mut admin, &db.server, &mut |_, _| {}, "CREATE FUNCTION conveyor_test_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.value_minor := NEW.value_minor + 1; RETURN NEW; END $$; CREATE TRIGGER bump BEFORE INSERT ON deals FOR EACH ROW EXECUTE FUNCTION conveyor_test_bump();")
            })
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::VerificationFailed, "{e}");
        assert!(e.message.contains("table deals"), "{}", e.message);
        let mut c = pg::connect(&db.server).unwrap();
        let n: i64 = c.query_one("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", &[]).unwrap().get(0);
        assert_eq!(n, 0, "the failed promote left nothing on the server");
    }

    #[test]
    fn a_wrong_password_is_authentication_failed_in_the_persons_language() {
        let Some(db) = testing::fresh("a_wrong_password_is_authentication_failed_in_the_persons_language") else { return };
        let (_dir, path) = demo();
        let mut t = target(&db.server);
        t.password = Some("not-the-password".into());
        let e = promote_file(&path, &clock(), None, &t, &mut |_| {}).unwrap_err();
        assert_eq!(e.code, ErrorCode::AuthenticationFailed, "{e}");
        assert!(e.message.contains(&t.user), "{}", e.message);
        for lang in [crate::model::Lang::Ru, crate::model::Lang::Bg, crate::model::Lang::El, crate::model::Lang::Hu] {
            let l = e.clone().localized(lang);
            assert_ne!(l.message, e.message, "{lang}");
            assert!(l.message.contains(&t.user), "{lang}: {}", l.message);
        }
    }

    #[test]
    fn a_file_of_an_older_conveyor_is_refused_and_left_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.conveyor");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v13-demo-ru.conveyor");
        std::fs::copy(&fixture, &path).unwrap();
        let before = std::fs::read(&path).unwrap();
        let t = PromoteTarget { host: "127.0.0.1".into(), port: Some(1), database: "shop".into(), user: "anna".into(), password: None };
        let e = promote_file(&path, &clock(), None, &t, &mut |_| {}).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidFile, "{e}");
        assert!(e.message.contains("Open it in the app once"), "{}", e.message);
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!dir.path().join("old.conveyor-wal").exists());
    }
}
