//! Promote's copy (docs/TEAM.md §7): a workspace file's tables into an empty
//! PostgreSQL database in one transaction, then verified before the commit.
//!
//! Every table is read from the file once, in primary-key order, and sent
//! with `COPY … FROM STDIN (FORMAT binary)`; the identity sequences are set
//! past the largest ids; `search_text` gets the same folded bodies the file's
//! search index is made of. Then each table is read back from the server in
//! the same order and both sides' rows are hashed (SHA-256) in one canonical
//! encoding: a tag per value (null, integer, real, text, bytes) and the
//! value's bytes, a date or time as exactly the text the file holds. A
//! typed column on the server therefore passes only when its value reads
//! back as the very text of the file. Any difference rolls everything back
//! and names the table. Tables the server keeps by triggers (the monthly
//! order summary) are copied like any other, with the triggers off during
//! the copy and on again before it is verified.

use super::migrate::{self, Column};
use super::{Client, Server, ident};
use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use postgres::Transaction;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use rusqlite::Connection;
use rusqlite::types::{Value, ValueRef};
use sha2::{Digest, Sha256};

/// One table as copied: its rows and the checksum both sides agreed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCopied {
    pub table: String,
    pub rows: u64,
    /// SHA-256 (hex) of the rows in primary-key order, canonical encoding.
    pub checksum: String,
}

/// What promote reports as it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The table's rows were sent to the server.
    Copied,
    /// The table read back from the server matched the file.
    Verified,
}

/// The whole copy, verified and committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promoted {
    pub tables: Vec<TableCopied>,
    /// The search entries made (`search_text`), verified like a table.
    pub search: TableCopied,
    /// The schema version the database was set up at.
    pub schema_version: i64,
}

/// The table whose rows are not copied: the file's list of rows still
/// waiting for search entries. The server gets every entry made at once
/// (`search_text`), so nothing waits there.
pub(super) const NOT_COPIED: &[&str] = &["search_backlog"];

/// The triggers that keep a summary table on the server (table, triggers):
/// off while promote copies the file's rows, summary included.
const SUMMARY_TRIGGERS: &[(&str, &[&str])] = &[("orders", &["order_months_insert", "order_months_delete", "order_months_update"])];

/// The server's column types a file's value is converted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Int,
    Real,
    Text,
    Bytes,
    /// `YYYY-MM-DD`
    Date,
    /// `YYYY-MM-DD HH:MM:SS[.fff]` (a wall-clock time)
    Timestamp,
    /// `YYYY-MM-DDTHH:MM:SS[.fff]Z` (an instant, as the clock stamps it)
    Instant,
}

impl Kind {
    fn of(data_type: &str) -> Option<Kind> {
        Some(match data_type {
            "bigint" | "integer" | "smallint" => Kind::Int,
            "double precision" | "real" => Kind::Real,
            "text" => Kind::Text,
            "bytea" => Kind::Bytes,
            "date" => Kind::Date,
            "timestamp without time zone" => Kind::Timestamp,
            "timestamp with time zone" => Kind::Instant,
            _ => return None,
        })
    }

    fn pg_type(self) -> Type {
        match self {
            Kind::Int => Type::INT8,
            Kind::Real => Type::FLOAT8,
            Kind::Text => Type::TEXT,
            Kind::Bytes => Type::BYTEA,
            Kind::Date => Type::DATE,
            Kind::Timestamp => Type::TIMESTAMP,
            Kind::Instant => Type::TIMESTAMPTZ,
        }
    }

    /// How the file writes values of this kind, for messages.
    fn written(self) -> &'static str {
        match self {
            Kind::Date => "YYYY-MM-DD",
            Kind::Timestamp => "YYYY-MM-DD HH:MM:SS",
            Kind::Instant => "YYYY-MM-DDTHH:MM:SSZ",
            Kind::Int => "INTEGER",
            Kind::Real => "REAL",
            Kind::Text => "TEXT",
            Kind::Bytes => "BLOB",
        }
    }
}

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
fn timestamp_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S%.f").to_string()
}
fn instant_text(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.fZ").to_string()
}

/// A file's value as the server's column takes it; `None` when it is not
/// of that kind or would not read back as the same text.
fn to_pg(kind: Kind, v: ValueRef<'_>) -> Option<Box<dyn ToSql + Sync>> {
    let text = |v: ValueRef<'_>| match v {
        ValueRef::Text(t) => std::str::from_utf8(t).ok().map(str::to_owned),
        _ => None,
    };
    if let ValueRef::Null = v {
        return Some(match kind {
            Kind::Int => Box::new(None::<i64>),
            Kind::Real => Box::new(None::<f64>),
            Kind::Text => Box::new(None::<String>),
            Kind::Bytes => Box::new(None::<Vec<u8>>),
            Kind::Date => Box::new(None::<NaiveDate>),
            Kind::Timestamp => Box::new(None::<NaiveDateTime>),
            Kind::Instant => Box::new(None::<DateTime<Utc>>),
        });
    }
    Some(match kind {
        Kind::Int => match v {
            ValueRef::Integer(i) => Box::new(i),
            _ => return None,
        },
        Kind::Real => match v {
            ValueRef::Real(f) => Box::new(f),
            _ => return None,
        },
        Kind::Text => Box::new(text(v)?),
        Kind::Bytes => match v {
            ValueRef::Blob(b) => Box::new(b.to_vec()),
            _ => return None,
        },
        Kind::Date => {
            let s = text(v)?;
            let d = NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok().filter(|d| date_text(*d) == s)?;
            Box::new(d)
        }
        Kind::Timestamp => {
            let s = text(v)?;
            let t = NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M:%S%.f").ok().filter(|t| timestamp_text(*t) == s)?;
            Box::new(t)
        }
        Kind::Instant => {
            let s = text(v)?;
            let t = NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S%.fZ").ok().map(|t| t.and_utc()).filter(|t| instant_text(*t) == s)?;
            Box::new(t)
        }
    })
}

/// The rows of one table hashed in the canonical encoding.
pub(super) struct Sum {
    hash: Sha256,
    rows: u64,
}

impl Sum {
    pub(super) fn new() -> Sum {
        Sum { hash: Sha256::new(), rows: 0 }
    }
    fn null(&mut self) {
        self.hash.update(b"N");
    }
    fn int(&mut self, i: i64) {
        self.hash.update(b"I");
        self.hash.update(i.to_le_bytes());
    }
    fn real(&mut self, f: f64) {
        self.hash.update(b"R");
        self.hash.update(f.to_bits().to_le_bytes());
    }
    fn bytes(&mut self, tag: &[u8], b: &[u8]) {
        self.hash.update(tag);
        self.hash.update((b.len() as u64).to_le_bytes());
        self.hash.update(b);
    }
    fn text(&mut self, s: &str) {
        self.bytes(b"T", s.as_bytes());
    }
    pub(super) fn value(&mut self, v: ValueRef<'_>) {
        match v {
            ValueRef::Null => self.null(),
            ValueRef::Integer(i) => self.int(i),
            ValueRef::Real(f) => self.real(f),
            ValueRef::Text(t) => self.bytes(b"T", t),
            ValueRef::Blob(b) => self.bytes(b"B", b),
        }
    }
    /// A search entry as one row: kind, id, folded body.
    pub(super) fn entry(&mut self, kind: &str, id: i64, body: &str) {
        self.text(kind);
        self.int(id);
        self.text(body);
        self.end_row();
    }
    pub(super) fn end_row(&mut self) {
        self.rows += 1;
        self.hash.update(b"\n");
    }
    pub(super) fn finish(self, table: &str) -> TableCopied {
        TableCopied { table: table.to_string(), rows: self.rows, checksum: format!("{:x}", self.hash.finalize()) }
    }
}

/// One table to copy: its columns with their kinds on the server, and the
/// order both sides are read in.
pub(super) struct Plan {
    pub(super) table: String,
    pub(super) columns: Vec<(String, Kind)>,
    pub(super) key: Vec<String>,
}

impl Plan {
    pub(super) fn column_list(&self) -> String {
        self.columns.iter().map(|(c, _)| ident(c)).collect::<Vec<_>>().join(", ")
    }

    pub(super) fn file_select(&self) -> String {
        let order: Vec<String> = self.key.iter().map(|c| ident(c)).collect();
        format!("SELECT {} FROM {} ORDER BY {}", self.column_list(), ident(&self.table), order.join(", "))
    }

    /// The same order on the server: text by its bytes (SQLite's BINARY
    /// collation is the C collation of UTF-8) and NULLs first, as SQLite sorts them.
    pub(super) fn server_select(&self) -> String {
        let order: Vec<String> = self
            .key
            .iter()
            .map(|c| {
                let text = self.columns.iter().any(|(n, k)| n == c && *k == Kind::Text);
                format!("{}{} NULLS FIRST", ident(c), if text { " COLLATE \"C\"" } else { "" })
            })
            .collect();
        format!("SELECT {} FROM {} ORDER BY {}", self.column_list(), ident(&self.table), order.join(", "))
    }
}

pub(super) fn schema_mismatch(table: &str, what: &str) -> Error {
    Error::new(
        ErrorCode::Internal,
        format!("The team workspace's table {table} does not match the file's ({what}). Nothing was copied; update Conveyor and try again."),
    )
}

/// Matches a file table's columns to the server's, by name and in the file's order.
pub(super) fn plan(file: &Connection, tx: &mut Transaction<'_>, table: &str) -> Result<Plan> {
    let theirs: Vec<Column> = migrate::columns(tx, table)?;
    if theirs.is_empty() {
        return Err(schema_mismatch(table, "the server has no such table"));
    }
    let ours = migrate::sqlite::columns(file, table)?;
    let mut columns = vec![];
    for c in &ours {
        let Some(pg) = theirs.iter().find(|p| p.name == c.name) else {
            return Err(schema_mismatch(table, &format!("the server has no column {}", c.name)));
        };
        let kind = Kind::of(&pg.data_type).ok_or_else(|| schema_mismatch(table, &format!("column {} is of type {}", c.name, pg.data_type)))?;
        columns.push((c.name.clone(), kind));
    }
    if let Some(extra) = theirs.iter().find(|p| !ours.iter().any(|c| c.name == p.name)) {
        return Err(schema_mismatch(table, &format!("the file has no column {}", extra.name)));
    }
    let mut key = migrate::sqlite::primary_key(file, table)?;
    if key.is_empty() {
        key = ours.iter().map(|c| c.name.clone()).collect();
    }
    Ok(Plan { table: table.to_string(), columns, key })
}

/// Sends one table's rows; returns the file side's sum.
fn copy_table(file: &Connection, tx: &mut Transaction<'_>, plan: &Plan) -> Result<TableCopied> {
    let types: Vec<Type> = plan.columns.iter().map(|(_, k)| k.pg_type()).collect();
    let sink = tx.copy_in(&format!("COPY {} ({}) FROM STDIN (FORMAT binary)", ident(&plan.table), plan.column_list()))?;
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    let mut st = file.prepare(&plan.file_select())?;
    let mut rows = st.query([])?;
    let mut sum = Sum::new();
    let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::with_capacity(plan.columns.len());
    while let Some(r) = rows.next()? {
        values.clear();
        for (i, (column, kind)) in plan.columns.iter().enumerate() {
            let v = r.get_ref(i)?;
            sum.value(v);
            let Some(pg) = to_pg(*kind, v) else {
                let key = plan.key.iter().filter_map(|k| plan.columns.iter().position(|(c, _)| c == k)).map(|i| shown(r.get_ref(i))).collect::<Vec<_>>();
                let (table, key, value, written) = (&plan.table, key.join(", "), shown(Ok(v)), kind.written());
                return Err(Error::new(
                    ErrorCode::InvalidFile,
                    format!(
                        "The file's table {table}, row {key}, column {column} holds {value}, which is not written as {written}. Nothing was copied; repair the value in the app and try again."
                    ),
                ));
            };
            values.push(pg);
        }
        sum.end_row();
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|b| b.as_ref()).collect();
        writer.write(&refs)?;
    }
    writer.finish()?;
    Ok(sum.finish(&plan.table))
}

/// A value as a message shows it.
fn shown(v: rusqlite::Result<ValueRef<'_>>) -> String {
    match v {
        Ok(ValueRef::Null) => "NULL".into(),
        Ok(ValueRef::Integer(i)) => i.to_string(),
        Ok(ValueRef::Real(f)) => f.to_string(),
        Ok(ValueRef::Text(t)) => format!("“{}”", String::from_utf8_lossy(t)),
        Ok(ValueRef::Blob(b)) => format!("{} bytes", b.len()),
        Err(_) => "?".into(),
    }
}

/// Reads one table back from the server in the file's order and hashes it.
pub(super) fn server_sum(tx: &mut Transaction<'_>, plan: &Plan) -> Result<TableCopied> {
    let portal = tx.bind(&plan.server_select(), &[])?;
    let mut sum = Sum::new();
    loop {
        let rows = tx.query_portal(&portal, 5000)?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            for (i, (_, kind)) in plan.columns.iter().enumerate() {
                sum.value((&server_value(r, i, *kind)?).into());
            }
            sum.end_row();
        }
    }
    Ok(sum.finish(&plan.table))
}

/// A value read from the server as the file holds it: a date or time as
/// exactly the text the file writes (so its hash is the file's).
pub(super) fn server_value(r: &postgres::Row, i: usize, kind: Kind) -> Result<Value> {
    fn or_null<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
        v.map_or(Value::Null, f)
    }
    Ok(match kind {
        Kind::Int => or_null(r.try_get::<_, Option<i64>>(i)?, Value::Integer),
        Kind::Real => or_null(r.try_get::<_, Option<f64>>(i)?, Value::Real),
        Kind::Text => or_null(r.try_get::<_, Option<String>>(i)?, Value::Text),
        Kind::Bytes => or_null(r.try_get::<_, Option<Vec<u8>>>(i)?, Value::Blob),
        Kind::Date => or_null(r.try_get::<_, Option<NaiveDate>>(i)?, |v| Value::Text(date_text(v))),
        Kind::Timestamp => or_null(r.try_get::<_, Option<NaiveDateTime>>(i)?, |v| Value::Text(timestamp_text(v))),
        Kind::Instant => or_null(r.try_get::<_, Option<DateTime<Utc>>>(i)?, |v| Value::Text(instant_text(v))),
    })
}

/// Sets each identity column's sequence past the largest id copied.
fn reset_sequences(tx: &mut Transaction<'_>, table: &str) -> Result<()> {
    let identity = tx.query(
        "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'",
        &[&table],
    )?;
    for r in identity {
        let column: String = r.get(0);
        let sql =
            format!("SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max({c}) FROM {t}), 0) + 1, false)", c = ident(&column), t = ident(table));
        tx.query_one(&sql, &[&table, &column])?;
    }
    Ok(())
}

/// Fills `search_text` with the file's search bodies; returns their sum.
fn copy_search(file: &Connection, tx: &mut Transaction<'_>) -> Result<TableCopied> {
    let sink = tx.copy_in("COPY search_text (kind, id, body) FROM STDIN (FORMAT binary)")?;
    let mut writer = BinaryCopyInWriter::new(sink, &[Type::TEXT, Type::INT8, Type::TEXT]);
    let mut sum = Sum::new();
    let mut failed = None;
    crate::store::search::each_entry(file, |kind, id, body| {
        sum.entry(kind, id, &body);
        if let Err(e) = writer.write(&[&kind, &id, &body]) {
            failed = Some(e);
            return Ok(false);
        }
        Ok(true)
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    writer.finish()?;
    Ok(sum.finish("search_text"))
}

pub(super) fn search_plan() -> Plan {
    Plan {
        table: "search_text".into(),
        columns: vec![("kind".into(), Kind::Text), ("id".into(), Kind::Int), ("body".into(), Kind::Text)],
        key: vec!["kind".into(), "id".into()],
    }
}

fn verification_failed(ours: &TableCopied, theirs: &TableCopied) -> Error {
    let (table, rows, server_rows) = (&ours.table, ours.rows, theirs.rows);
    Error::new(
        ErrorCode::VerificationFailed,
        format!(
            "The copy of table {table} does not match the file (the file has {rows} rows, the server read back {server_rows}, or their contents differ). Nothing was kept on the server; the file is unchanged."
        ),
    )
}

/// Refuses a database that is not empty: promote never merges into a team
/// workspace, nor writes beside another program's tables.
fn refuse_unless_empty(tx: &mut Transaction<'_>, server: &Server) -> Result<()> {
    let (database, address) = (&server.database, server.address());
    if migrate::version(tx)?.is_some() {
        return Err(Error::new(
            ErrorCode::Conflict,
            format!("The database {database} on {address} already holds a Conveyor team workspace. Nothing was changed; promote into a new, empty database."),
        ));
    }
    let tables = migrate::table_count(tx)?;
    if tables > 0 {
        return Err(Error::new(
            ErrorCode::Conflict,
            format!("The database {database} on {address} is not empty ({tables} tables). Nothing was changed; promote into a new, empty database."),
        ));
    }
    Ok(())
}

/// Copies the workspace read through `file` (one consistent snapshot: the
/// caller holds a read transaction) into the empty database of `client`,
/// verifies it and commits; any failure leaves the database as it was.
/// `progress` hears of each table copied, then of each verified.
pub fn promote(file: &Connection, client: &mut Client, server: &Server, progress: &mut dyn FnMut(&TableCopied, Phase)) -> Result<Promoted> {
    promote_after(file, client, server, progress, "")
}

/// [`promote`] with SQL run on the server after the schema is made and
/// before anything is copied (tests make the copy go wrong with it).
#[cfg(test)]
pub fn promote_with_hook(
    file: &Connection,
    client: &mut Client,
    server: &Server,
    progress: &mut dyn FnMut(&TableCopied, Phase),
    hook: &str,
) -> Result<Promoted> {
    promote_after(file, client, server, progress, hook)
}

fn promote_after(file: &Connection, client: &mut Client, server: &Server, progress: &mut dyn FnMut(&TableCopied, Phase), hook: &str) -> Result<Promoted> {
    let mut tx = client.transaction()?;
    migrate::lock(&mut tx)?;
    refuse_unless_empty(&mut tx, server)?;
    let schema_version = migrate::migrate(&mut tx)?;
    if !hook.is_empty() {
        tx.batch_execute(hook)?;
    }
    // References are checked once every table is in (rows may point forwards).
    tx.batch_execute("SET CONSTRAINTS ALL DEFERRED")?;
    // Summaries the server keeps by triggers (order_months) are copied as the
    // file holds them: the triggers are off while their sources load, or the
    // orders would fill the summary twice.
    summary_triggers(&mut tx, "DISABLE")?;
    let mut plans = vec![];
    let mut copied = vec![];
    for table in migrate::sqlite::tables(file)?.into_iter().filter(|t| !NOT_COPIED.contains(&t.as_str())) {
        let p = plan(file, &mut tx, &table)?;
        let sum = copy_table(file, &mut tx, &p)?;
        reset_sequences(&mut tx, &table)?;
        progress(&sum, Phase::Copied);
        plans.push(p);
        copied.push(sum);
    }
    let server_tables = migrate::tables(&mut tx)?;
    for t in &server_tables {
        let known = copied.iter().any(|c| &c.table == t) || NOT_COPIED.contains(&t.as_str()) || migrate::SERVER_ONLY.contains(&t.as_str());
        if !known {
            return Err(schema_mismatch(t, "the file has no such table"));
        }
    }
    let search = copy_search(file, &mut tx)?;
    progress(&search, Phase::Copied);
    tx.batch_execute("SET CONSTRAINTS ALL IMMEDIATE")?;
    // (Not before: a table with reference checks still pending cannot be altered.)
    summary_triggers(&mut tx, "ENABLE")?;
    for (p, ours) in plans.iter().zip(&copied) {
        let theirs = server_sum(&mut tx, p)?;
        if theirs != *ours {
            return Err(verification_failed(ours, &theirs));
        }
        progress(ours, Phase::Verified);
    }
    let theirs = server_sum(&mut tx, &search_plan())?;
    if theirs != search {
        return Err(verification_failed(&search, &theirs));
    }
    progress(&search, Phase::Verified);
    tx.commit()?;
    Ok(Promoted { tables: copied, search, schema_version })
}

/// Switches the summary triggers on or off (`ENABLE` / `DISABLE`).
fn summary_triggers(tx: &mut Transaction<'_>, how: &str) -> Result<()> {
    for (table, triggers) in SUMMARY_TRIGGERS {
        for t in *triggers {
            tx.batch_execute(&format!("ALTER TABLE {} {how} TRIGGER {}", ident(table), ident(t)))?;
        }
    }
    Ok(())
}

/// Reads a table of a promoted database back in the canonical encoding, for
/// checks after the fact (tests, `conveyor check` later).
pub fn checksum(file: &Connection, client: &mut Client, table: &str) -> Result<TableCopied> {
    let mut tx = client.transaction()?;
    let p = if table == "search_text" { search_plan() } else { plan(file, &mut tx, table)? };
    server_sum(&mut tx, &p)
}

/// The rows of each table promote copies, counted in the file.
pub fn file_counts(file: &Connection) -> Result<Vec<(String, u64)>> {
    let mut out = vec![];
    for table in migrate::sqlite::tables(file)?.into_iter().filter(|t| !NOT_COPIED.contains(&t.as_str())) {
        let n: i64 = file.query_row(&format!("SELECT count(*) FROM {}", ident(&table)), [], |r| r.get(0))?;
        out.push((table, n as u64));
    }
    Ok(out)
}
