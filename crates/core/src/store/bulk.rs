//! Bulk loading: secondary indexes are cheaper to build once after a large
//! insert than to maintain row by row.

use crate::error::Result;
use crate::model::{CompanyInput, ContactInput};
use rusqlite::{Connection, Statement};

/// The inserts of an import, prepared once and run for every row.
/// `prepare_cached` hashes the SQL text and resets the statement on each
/// call: at 100,000 rows that was a tenth of the import's work.
pub struct ImportWriter<'c> {
    contact: Statement<'c>,
    company: Statement<'c>,
    channel: Option<Statement<'c>>,
    c: &'c Connection,
}

impl<'c> ImportWriter<'c> {
    pub fn new(c: &'c Connection) -> Result<Self> {
        Ok(ImportWriter { contact: super::contacts::prepare_insert(c)?, company: super::companies::prepare_insert(c)?, channel: None, c })
    }

    /// A contact, without its search entries (see [`super::search::defer`]).
    /// The labels are those of its primary phone and e-mail (`mobile`, `work`…).
    pub fn contact(&mut self, now: &str, i: &ContactInput, phone_label: Option<&str>, email_label: Option<&str>) -> Result<i64> {
        super::contacts::insert_with(&mut self.contact, now, i, phone_label, email_label)
    }

    /// A company, without its search entries.
    pub fn company(&mut self, now: &str, i: &CompanyInput) -> Result<i64> {
        super::companies::insert_with(&mut self.company, now, i)
    }

    /// An additional phone or e-mail of a contact.
    pub fn channel(&mut self, contact_id: i64, kind: &str, value: &str, norm: &str, label: Option<&str>, position: i64) -> Result<()> {
        if self.channel.is_none() {
            self.channel = Some(super::interop::prepare_insert_channel(self.c)?);
        }
        let st = self.channel.as_mut().expect("prepared just above");
        super::interop::insert_channel_with(st, contact_id, kind, value, norm, label, position)
    }
}

/// Runs `f` with the secondary indexes of `table` dropped and rebuilds them
/// afterwards, inside the caller's transaction (so a failure or a crash
/// leaves the indexes exactly as they were).
pub fn without_indexes<T>(c: &Connection, table: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let indexes: Vec<(String, String)> = c
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL")?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        c.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    let out = f()?;
    let build = || {
        for (_, sql) in &indexes {
            c.execute_batch(sql)?;
        }
        Ok(())
    };
    // About as many rows as the largest id (a table that has no rowid: none).
    let rows: i64 = c.query_row(&format!("SELECT coalesce(max(rowid), 0) FROM \"{}\"", table.replace('"', "\"\"")), [], |r| r.get(0)).unwrap_or(0);
    if rows >= SORT_IN_RUNS_ROWS {
        sorting_in_runs(c, build)?
    } else {
        build()?
    }
    Ok(out)
}

/// Rows from which an index build sorts in small runs (below, the whole
/// sort fits the workspace's cache and one run is faster: 100,000 deals'
/// fifteen indexes 0.90 s in one run, 1.02 s in small ones; 1,000,000
/// orders' four 5.0 s against 5.8 s the other way round).
const SORT_IN_RUNS_ROWS: i64 = 400_000;

/// Pages of the cache while indexes are built: SQLite sorts a run as large
/// as the cache before writing it out, and a run of about 4 MiB fits the
/// CPU's caches where one of 32 MiB does not (the four indexes over
/// 1,000,000 orders: 2.1 s against 3.0 s). A second thread sorts the next
/// run while one is written. Both are put back afterwards.
const SORT_RUN_KIB: i64 = 4_096;

fn sorting_in_runs<T>(c: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let cache: i64 = c.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    let threads: i64 = c.query_row("PRAGMA threads", [], |r| r.get(0))?;
    c.execute_batch(&format!("PRAGMA cache_size = -{SORT_RUN_KIB}; PRAGMA threads = 2;"))?;
    let out = f();
    c.execute_batch(&format!("PRAGMA cache_size = {cache}; PRAGMA threads = {threads};"))?;
    out
}

/// Runs `f` with the secondary indexes of `tables` dropped, rebuilds them
/// after it inside the same transaction (a failure leaves them as they
/// were), then samples the planner's statistics of the tables again
/// (bounded work), as `PRAGMA optimize` would at the next opening, so the
/// first screens after a large load already plan with the new sizes. With
/// no tables it only runs `f`.
pub fn indexed_after<T>(c: &Connection, tables: &[&str], f: impl FnOnce() -> Result<T>) -> Result<T> {
    let out = rebuilt(c, tables, f)?;
    if !tables.is_empty() {
        analyze(c, tables)?;
    }
    Ok(out)
}

fn rebuilt<T>(c: &Connection, tables: &[&str], f: impl FnOnce() -> Result<T>) -> Result<T> {
    match tables.split_first() {
        Some((t, rest)) => without_indexes(c, t, || rebuilt(c, rest, f)),
        None => f(),
    }
}

/// Resamples the planner's statistics of `tables` after a bulk load (bounded
/// work: a sample of each index).
pub fn analyze(c: &Connection, tables: &[&str]) -> Result<()> {
    c.execute_batch("PRAGMA analysis_limit = 1000")?;
    for t in tables {
        c.execute_batch(&format!("ANALYZE \"{}\"", t.replace('"', "\"\"")))?;
    }
    Ok(())
}

/// Every row of `table`, archived ones included (how large a table a bulk
/// load goes into).
pub fn row_count(c: &Connection, table: &str) -> Result<i64> {
    Ok(c.query_row(&format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\"")), [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::store;

    #[test]
    fn indexes_come_back_after_the_load_and_stay_on_failure() {
        let s = store();
        let names = |c: &Connection| -> Vec<String> {
            c.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities' AND sql IS NOT NULL ORDER BY name")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let before = names(s.conn());
        assert!(before.len() >= 4);
        without_indexes(s.conn(), "activities", || {
            assert!(names(s.conn()).is_empty());
            Ok(())
        })
        .unwrap();
        assert_eq!(names(s.conn()), before);
        let mut s = s;
        let err = s.write(|tx| without_indexes(tx, "activities", || Err::<(), _>(crate::Error::internal("boom"))));
        assert!(err.is_err());
        assert_eq!(names(s.conn()), before, "the transaction rolled the drop back");
    }
}
