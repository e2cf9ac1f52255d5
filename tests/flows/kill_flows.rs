//! Crash safety and one writer, with the real `conveyor` binary killed by
//! SIGKILL at random moments (DESIGN.md §5 "Data safety"):
//!
//! - an import of 100,000 contacts is either entirely present or entirely
//!   absent after a kill, and the file passes `PRAGMA integrity_check`;
//! - every edit the CLI acknowledged (printed its id after the commit)
//!   before the kill is in the file;
//! - the lock left behind by a killed holder never locks the user out, and a
//!   second writer meanwhile gets `workspace_locked` naming the holder;
//! - an export killed while writing leaves the old file or the whole new one,
//!   and a killed `conveyor demo` leaves no half workspace.
//!
//! 100 kills in all. The random moments come from a seed printed at the
//! start (set `KILL_SEED` to replay a run). Unix only (SIGKILL).
#![cfg(unix)]

use conveyor_core::store::{search, stats};
use conveyor_core::usecases::import;
use conveyor_core::{ErrorCode, FixedClock, Store};
use conveyor_flow_tests::{conveyor, conveyor_bin, stderr};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CONTACTS: usize = 100_000;
const IMPORT_KILLS: usize = 30;
const EDIT_KILLS: usize = 70;

fn clock() -> FixedClock {
    FixedClock::at("2026-11-24T09:00:00+00:00")
}

/// A small deterministic generator (xorshift), so a failing run can be replayed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn seed() -> u64 {
    let s = std::env::var("KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1);
    eprintln!("kill_flows: KILL_SEED={s}");
    s
}

fn kill(child: &mut Child) {
    // SAFETY: kill(2) on our own child's pid; the child is not reaped yet
    // (we wait below), so the pid cannot have been reused.
    let r = unsafe { libc_kill(child.id() as i32, 9) };
    assert!(r == 0 || child.try_wait().unwrap().is_some(), "SIGKILL failed");
    child.wait().unwrap();
}

unsafe extern "C" {
    #[link_name = "kill"]
    fn libc_kill(pid: i32, sig: i32) -> i32;
}

fn contacts_csv(path: &Path) {
    let mut s = String::from("First Name,Last Name,E-mail Address,Mobile Phone,Company\n");
    for i in 0..CONTACTS {
        s.push_str(&format!("Imp{i},Row{i},imp{i}@kill.example,+7916{i:07},Kill Co {}\n", i % 2_000));
    }
    std::fs::write(path, s).unwrap();
}

/// Opens the file after a kill like a person would (the stale lock is still
/// there), checks it is sound, and returns the number of imported contacts.
fn reopen_and_check(file: &Path) -> Store {
    let s = Store::open(file, &clock()).unwrap_or_else(|e| panic!("reopening after a kill failed: {e:?}"));
    let problems = stats::integrity_problems(s.conn()).unwrap();
    assert!(problems.is_empty(), "integrity_check after a kill: {problems:?}");
    assert!(stats::foreign_key_problems(s.conn()).unwrap().is_empty());
    s
}

fn imported(s: &Store) -> i64 {
    s.conn().query_row("SELECT count(*) FROM contacts WHERE first_name LIKE 'Imp%'", [], |r| r.get(0)).unwrap()
}

#[test]
fn an_import_killed_at_any_moment_is_whole_or_absent_and_acknowledged_edits_survive() {
    let mut rng = Rng(seed() | 1);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("contacts.csv");
    contacts_csv(&csv);
    let pristine = dir.path().join("pristine.conveyor");
    assert!(conveyor(&["new", pristine.to_str().unwrap(), "--name", "Kill Ltd"]).status.success());
    let bin = conveyor_bin();

    // One import to the end: how long it takes, so the kills spread over it.
    let file = dir.path().join("w.conveyor");
    std::fs::copy(&pristine, &file).unwrap();
    let t = Instant::now();
    let out = Command::new(&bin).args(["import", "contacts", file.to_str().unwrap(), csv.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let full = t.elapsed();
    let s = reopen_and_check(&file);
    assert_eq!(imported(&s), CONTACTS as i64);
    assert_eq!(search::pending(s.conn()).unwrap(), 0, "the CLI makes the search entries before it exits");
    drop(s);

    let (mut whole, mut absent) = (0, 0);
    for i in 0..IMPORT_KILLS {
        let file: PathBuf = dir.path().join(format!("w{i}.conveyor"));
        std::fs::copy(&pristine, &file).unwrap();
        let mut child = Command::new(&bin)
            .args(["import", "contacts", file.to_str().unwrap(), csv.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere from the start to a little past the usual end.
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 * 11 / 10));
        std::thread::sleep(at);
        kill(&mut child);
        let mut s = reopen_and_check(&file);
        match imported(&s) {
            0 => absent += 1,
            n if n == CONTACTS as i64 => whole += 1,
            n => panic!("kill {i} at {at:?}: {n} of {CONTACTS} contacts imported — a partial import"),
        }
        // Killed while making the search entries (after the commit) or not:
        // the last contact is found once, and the rest of the entries can be made.
        if imported(&s) > 0 {
            let last = CONTACTS - 1;
            let hits = search::query(s.conn(), &format!("imp{last} row{last}"), 10).unwrap();
            assert_eq!(hits.len(), 1, "kill {i} at {at:?}: {hits:?}");
        }
        import::index_all_pending(&mut s).unwrap();
        assert_eq!(search::pending(s.conn()).unwrap(), 0);
        s.conn()
            .execute_batch("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 0)")
            .unwrap_or_else(|e| panic!("kill {i}: search index: {e}"));
        drop(s);
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
    }
    eprintln!("kill_flows: import killed {IMPORT_KILLS} times in ~{full:?}: {whole} whole, {absent} absent");

    // A stream of acknowledged edits, killed again and again on one file.
    let file = dir.path().join("edits.conveyor");
    std::fs::copy(&pristine, &file).unwrap();
    let mut acknowledged = BTreeSet::new();
    for i in 0..EDIT_KILLS {
        let mut child = Command::new(&bin).args(["edit-stream", file.to_str().unwrap()]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader =
            std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).filter_map(|l| l.trim().parse::<i64>().ok()).collect::<Vec<_>>());
        std::thread::sleep(Duration::from_millis(rng.below(400)));
        kill(&mut child);
        let ids = reader.join().unwrap();
        acknowledged.extend(ids);
        let s = reopen_and_check(&file);
        let present: BTreeSet<i64> = {
            let mut st = s.conn().prepare("SELECT id FROM contacts WHERE first_name LIKE 'Edit %'").unwrap();
            st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        let lost: Vec<_> = acknowledged.difference(&present).collect();
        assert!(lost.is_empty(), "kill {i}: acknowledged edits lost: {lost:?}");
    }
    assert!(acknowledged.len() > EDIT_KILLS, "the stream got going ({} edits acknowledged)", acknowledged.len());
    eprintln!("kill_flows: edit stream killed {EDIT_KILLS} times; {} acknowledged edits all present", acknowledged.len());
}

#[test]
fn a_killed_holder_never_locks_the_user_out_and_a_live_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("held.conveyor");
    let f = file.to_str().unwrap();
    assert!(conveyor(&["new", f, "--name", "Held Ltd"]).status.success());

    // A live holder: a second process is refused, told who holds the file.
    let mut holder = Command::new(conveyor_bin()).args(["edit-stream", f]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(holder.stdout.as_mut().unwrap()).read_line(&mut first).unwrap();
    assert!(first.trim().parse::<i64>().is_ok(), "the holder is writing: {first:?}");
    // Reading needs no lock; writing does.
    let out = conveyor(&["info", f]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = conveyor(&["abc", f, "--apply"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[workspace_locked]"), "{err}");
    assert!(err.contains(&format!("process {}", holder.id())) && err.contains("conveyor"), "names the holder: {err}");
    let e = Store::open(&file, &clock()).unwrap_err();
    assert_eq!(e.code, ErrorCode::WorkspaceLocked);

    // Killed: its lock file stays behind, naming a dead process…
    let dead = holder.id();
    kill(&mut holder);
    let lock = dir.path().join("held.conveyor.lock");
    let stale = std::fs::read_to_string(&lock).expect("a killed holder leaves its lock file");
    assert!(stale.contains(&format!("\"pid\":{dead}")), "{stale}");
    // …which does not lock anyone out: the next open takes over.
    let out = conveyor(&["check", f]);
    assert_eq!(out.status.code(), Some(0), "a stale lock locked the user out: {}", stderr(&out));
    let s = reopen_and_check(&file);
    let holder_now = std::fs::read_to_string(&lock).unwrap();
    assert!(holder_now.contains(&format!("\"pid\":{}", std::process::id())), "the lock names the new holder: {holder_now}");
    drop(s);
    assert!(!lock.exists(), "a clean close removes the lock file");
}

/// An export killed at any moment leaves its target as it was (or whole and
/// new), never half-written; a killed `conveyor demo` leaves no workspace.
#[test]
fn an_export_or_a_demo_killed_at_any_moment_never_leaves_a_half_written_file() {
    const KILLS: usize = 20;
    let mut rng = Rng(seed() | 1);
    let dir = tempfile::tempdir().unwrap();
    let bin = conveyor_bin();
    let ws = dir.path().join("big.conveyor");
    let out = Command::new(&bin).args(["demo", ws.to_str().unwrap(), "--contacts", "20000", "--activities", "20000"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for (kind, name, extra) in [("contacts", "c.vcf", &[][..]), ("contacts", "c.csv", &["--format", "csv"][..]), ("activities", "a.csv", &[][..])] {
        // The whole export once: what a finished one looks like, and how long it takes.
        let whole_path = dir.path().join(format!("whole-{name}"));
        let t = Instant::now();
        let out = Command::new(&bin).args(["export", kind, ws.to_str().unwrap(), whole_path.to_str().unwrap()]).args(extra).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let full = t.elapsed();
        let whole = std::fs::read(&whole_path).unwrap();
        let target = dir.path().join(name);
        let old = b"the previous export, which must survive".to_vec();
        let (mut kept, mut replaced) = (0, 0);
        for i in 0..KILLS {
            std::fs::write(&target, &old).unwrap();
            let mut child = Command::new(&bin)
                .args(["export", kind, ws.to_str().unwrap(), target.to_str().unwrap(), "--force"])
                .args(extra)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let at = Duration::from_micros(rng.below(full.as_micros() as u64 * 11 / 10));
            std::thread::sleep(at);
            kill(&mut child);
            let now = std::fs::read(&target).unwrap();
            if now == old {
                kept += 1;
            } else {
                assert!(now == whole, "export {name} killed at {at:?} (kill {i}): {} bytes, neither the old file nor the whole export", now.len());
                replaced += 1;
            }
        }
        eprintln!("kill_flows: export {name} killed {KILLS} times in ~{full:?}: {kept} kept the old file, {replaced} whole new");
    }

    // A killed demo: no workspace, or a whole one.
    let t = Instant::now();
    let probe = dir.path().join("probe.conveyor");
    let out = Command::new(&bin).args(["demo", probe.to_str().unwrap(), "--contacts", "5000", "--activities", "20000"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let full = t.elapsed();
    let whole_demo: i64 = reopen_and_check(&probe).conn().query_row("SELECT count(*) FROM contacts", [], |r| r.get(0)).unwrap();
    for i in 0..KILLS / 2 {
        let file = dir.path().join(format!("demo{i}.conveyor"));
        let mut child = Command::new(&bin)
            .args(["demo", file.to_str().unwrap(), "--contacts", "5000", "--activities", "20000"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 * 11 / 10));
        std::thread::sleep(at);
        kill(&mut child);
        if file.exists() {
            let s = reopen_and_check(&file);
            let n: i64 = s.conn().query_row("SELECT count(*) FROM contacts", [], |r| r.get(0)).unwrap();
            assert_eq!(n, whole_demo, "demo killed at {at:?}: a half workspace");
        }
        // The retry works: a killed run left nothing in its way.
        let _ = std::fs::remove_file(&file);
    }
}
