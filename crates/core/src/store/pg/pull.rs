//! Pull (docs/TEAM.md §2): a team workspace copied back into a workspace
//! file — the team's own backup on a laptop, and the way back to one file.
//!
//! The server is read in one read-only snapshot (`REPEATABLE READ`), each
//! table in primary-key order; its rows replace those of a workspace file
//! being made (the caller's transaction on a new file, references checked
//! at its commit). Dates and times come back as exactly the text the file
//! writes. The file's search index is made from the copied rows and must
//! equal the server's `search_text` entry for entry. Every table is then
//! read back from the file and both sides' sums (the canonical encoding of
//! promote's verification) must agree, or nothing is kept.

use super::copy::{self, NOT_COPIED, Phase, Promoted, Sum, TableCopied};
use super::migrate;
use super::{Client, Server, ident};
use crate::error::{Error, ErrorCode, Result};
use postgres::IsolationLevel;
use rusqlite::Connection;

/// Copies the team workspace of `client` into `file`, a new workspace's
/// open transaction (its own rows are replaced), and verifies the copy.
/// `progress` hears of each table copied, then of each verified.
pub fn pull(file: &Connection, client: &mut Client, server: &Server, progress: &mut dyn FnMut(&TableCopied, Phase)) -> Result<Promoted> {
    pull_then(file, client, server, progress, "")
}

/// [`pull`] with SQL run on the file after the copy and before it is
/// verified (tests make the copy go wrong with it).
#[cfg(test)]
pub fn pull_with_hook(file: &Connection, client: &mut Client, server: &Server, progress: &mut dyn FnMut(&TableCopied, Phase), hook: &str) -> Result<Promoted> {
    pull_then(file, client, server, progress, hook)
}

fn pull_then(file: &Connection, client: &mut Client, server: &Server, progress: &mut dyn FnMut(&TableCopied, Phase), hook: &str) -> Result<Promoted> {
    let mut tx = client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
    let (database, address) = (&server.database, server.address());
    let latest = crate::store::migrations::latest_version();
    match migrate::version(&mut tx)? {
        None => {
            return Err(Error::new(
                ErrorCode::NotFound,
                format!("The database {database} on {address} holds no Conveyor team workspace. Check the database name; no file was written."),
            ));
        }
        Some(v) if v != latest => {
            return Err(Error::new(
                ErrorCode::InvalidFile,
                format!(
                    "The team workspace on {address} is at schema {v}, and this Conveyor writes schema {latest}. Use the same version of Conveyor as the team and try again; no file was written."
                ),
            ));
        }
        Some(_) => {}
    }
    // The server checked every reference; the file checks them again at commit.
    file.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    // Summaries kept by triggers (order_months) come as the server holds
    // them: the triggers are off while their sources load.
    let triggers: Vec<(String, String)> = file
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &triggers {
        file.execute_batch(&format!("DROP TRIGGER {}", ident(name)))?;
    }
    let tables = migrate::sqlite::tables(file)?;
    for t in &tables {
        file.execute(&format!("DELETE FROM {}", ident(t)), [])?;
    }
    for t in migrate::tables(&mut tx)? {
        let known = tables.contains(&t) || migrate::SERVER_ONLY.contains(&t.as_str());
        if !known {
            return Err(copy::schema_mismatch(&t, "the file has no such table"));
        }
    }
    let copied_tables: Vec<&str> = tables.iter().map(String::as_str).filter(|t| !NOT_COPIED.contains(t)).collect();
    let mut plans = vec![];
    let mut theirs = vec![];
    // A large team's tables load like a large import: indexes built after the rows.
    crate::store::bulk::indexed_after(file, &copied_tables, || {
        for table in &copied_tables {
            let p = copy::plan(file, &mut tx, table)?;
            let sum = copy_back(file, &mut tx, &p)?;
            progress(&sum, Phase::Copied);
            plans.push(p);
            theirs.push(sum);
        }
        Ok(())
    })?;
    for (_, sql) in &triggers {
        file.execute_batch(sql)?;
    }
    crate::store::search::rebuild(file)?;
    if !hook.is_empty() {
        file.execute_batch(hook)?;
    }
    let search_theirs = copy::server_sum(&mut tx, &copy::search_plan())?;
    progress(&search_theirs, Phase::Copied);
    for (p, server) in plans.iter().zip(&theirs) {
        let ours = file_sum(file, p)?;
        if ours != *server {
            return Err(verification_failed(server, &ours));
        }
        progress(server, Phase::Verified);
    }
    let mut sum = Sum::new();
    crate::store::search::each_entry(file, |kind, id, body| {
        sum.entry(kind, id, &body);
        Ok(true)
    })?;
    let search_ours = sum.finish("search_text");
    if search_ours != search_theirs {
        return Err(verification_failed(&search_theirs, &search_ours));
    }
    progress(&search_theirs, Phase::Verified);
    tx.commit()?;
    Ok(Promoted { tables: theirs, search: search_theirs, schema_version: latest })
}

/// Reads one table from the server in key order into the file; returns the server side's sum.
fn copy_back(file: &Connection, tx: &mut postgres::Transaction<'_>, plan: &copy::Plan) -> Result<TableCopied> {
    let marks: Vec<String> = (1..=plan.columns.len()).map(|i| format!("?{i}")).collect();
    let mut insert = file.prepare(&format!("INSERT INTO {} ({}) VALUES ({})", ident(&plan.table), plan.column_list(), marks.join(", ")))?;
    let portal = tx.bind(&plan.server_select(), &[])?;
    let mut sum = Sum::new();
    let mut values = Vec::with_capacity(plan.columns.len());
    loop {
        let rows = tx.query_portal(&portal, 5000)?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            values.clear();
            for (i, (_, kind)) in plan.columns.iter().enumerate() {
                let v = copy::server_value(r, i, *kind)?;
                sum.value((&v).into());
                values.push(v);
            }
            sum.end_row();
            insert.execute(rusqlite::params_from_iter(values.iter()))?;
        }
    }
    Ok(sum.finish(&plan.table))
}

/// One table of the file hashed in the canonical encoding, in key order.
fn file_sum(file: &Connection, plan: &copy::Plan) -> Result<TableCopied> {
    let mut st = file.prepare(&plan.file_select())?;
    let mut rows = st.query([])?;
    let mut sum = Sum::new();
    while let Some(r) = rows.next()? {
        for i in 0..plan.columns.len() {
            sum.value(r.get_ref(i)?);
        }
        sum.end_row();
    }
    Ok(sum.finish(&plan.table))
}

fn verification_failed(server: &TableCopied, file: &TableCopied) -> Error {
    let (table, rows, file_rows) = (&server.table, server.rows, file.rows);
    Error::new(
        ErrorCode::VerificationFailed,
        format!(
            "The file's copy of table {table} does not match the team workspace (the server has {rows} rows, the file read back {file_rows}, or their contents differ). No file was written; the team workspace is unchanged."
        ),
    )
}
