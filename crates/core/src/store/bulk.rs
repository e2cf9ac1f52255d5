//! Bulk loading: secondary indexes are cheaper to build once after a large
//! insert than to maintain row by row.

use crate::error::Result;
use rusqlite::Connection;

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
    for (_, sql) in &indexes {
        c.execute_batch(sql)?;
    }
    Ok(out)
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
