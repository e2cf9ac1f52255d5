//! Heavy figures (ABC, its migration, analytics, the plan's measured
//! history, the average sales cycle) kept between screen opens, and dropped
//! precisely when a table they read changes.
//!
//! SQLite tells the connection of every row it inserts, updates or deletes
//! and in which table (the update hook); each table has a counter here. A
//! figure is kept with the counters of the tables it reads, and served again
//! only while all of them are unchanged, the day is the same (the figure's
//! key names it) and no other connection committed in between (`PRAGMA
//! data_version`). Nothing is kept or served inside a transaction: what a
//! transaction reads may still be rolled back.

use crate::error::Result;
use rusqlite::Connection;
use rusqlite::hooks::Action;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// Change counters by table name.
type Versions = Arc<Mutex<HashMap<Box<str>, u64>>>;

struct Entry {
    stamp: Vec<u64>,
    data_version: i64,
    value: Box<dyn Any + Send>,
}

/// The figures of one connection and the counters that say when they are stale.
#[derive(Default)]
pub struct Cache {
    versions: Versions,
    entries: Mutex<HashMap<String, Entry>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain data behind: keep using it.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Cache {
    /// Counts `conn`'s row changes per table from now on and forgets every
    /// kept figure (a new connection may be another file).
    pub fn attach(&self, conn: &mut Connection) -> Result<()> {
        let versions = self.versions.clone();
        conn.update_hook(Some(move |_: Action, _db: &str, table: &str, _row: i64| {
            let mut v = lock(&versions);
            match v.get_mut(table) {
                Some(n) => *n += 1,
                None => {
                    v.insert(table.into(), 1);
                }
            }
        }))?;
        lock(&self.entries).clear();
        Ok(())
    }

    fn stamp(&self, tables: &[&str]) -> Vec<u64> {
        let v = lock(&self.versions);
        tables.iter().map(|t| v.get(*t).copied().unwrap_or(0)).collect()
    }

    /// The figure kept under `key` while none of `tables` changed; else
    /// `compute` runs and its result is kept. `key` must name everything
    /// else the figure depends on (the request, the day).
    pub fn get_or<T: Clone + Send + 'static>(&self, conn: &Connection, key: &str, tables: &[&str], compute: impl FnOnce() -> Result<T>) -> Result<T> {
        if !conn.is_autocommit() {
            return compute();
        }
        let data_version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let stamp = self.stamp(tables);
        if let Some(e) = lock(&self.entries).get(key)
            && e.stamp == stamp
            && e.data_version == data_version
            && let Some(v) = e.value.downcast_ref::<T>()
        {
            return Ok(v.clone());
        }
        let value = compute()?;
        // Reading changes nothing; a figure whose tables moved meanwhile is not kept.
        if self.stamp(tables) == stamp {
            lock(&self.entries).insert(key.to_owned(), Entry { stamp, data_version, value: Box::new(value.clone()) });
        }
        Ok(value)
    }

    /// Forgets every kept figure.
    pub fn clear(&self) {
        lock(&self.entries).clear();
    }

    /// How many figures are kept (for tests).
    pub fn len(&self) -> usize {
        lock(&self.entries).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cache({} figures)", self.len())
    }
}
