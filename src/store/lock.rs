//! One writer per workspace: a process that opens a workspace for writing holds an advisory
//! lock on `FILE.lock` and writes who it is there, so that a second one can say who holds it.
//! The operating system drops the lock when the process ends, however it ends, so a crash or
//! `kill -9` never leaves a workspace locked. A closing writer removes the lock file while it
//! still holds the lock, so that a closed workspace is one file again; whoever locked the file
//! meanwhile finds it gone from its path and locks the one there now, so that two processes
//! never hold two different files of the same name.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::{Result, StoreError};
use crate::Clock;

/// Held while a workspace is open for writing; released, and its file removed, when dropped.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
    path: PathBuf,
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // Before the lock is let go (when `file` closes after this): removed later, it could
        // be a file another process has created and locked meanwhile.
        if cfg!(unix) && still_at(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// How often a lock is taken again after its file was removed under it by a closing holder.
const RACES: usize = 10;

/// Device and inode of a file: renaming another file over it changes them, writing into it
/// does not.
pub type FileIdentity = (u64, u64);

pub fn identity(path: &Path) -> Option<FileIdentity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    // Without inodes a replaced file is not told apart; SQLite's own checks still refuse it.
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Who holds or last held the writer's lock of `workspace`, as its note says.
pub fn last_holder(workspace: &Path) -> String {
    let note = std::fs::read_to_string(lock_path(workspace)).unwrap_or_default();
    describe(&note)
}

/// The lock file of `workspace`, beside the file itself: a symlink or another spelling of the
/// same path names the same lock, so that two writers can never hold one file under two names.
pub fn lock_path(workspace: &Path) -> PathBuf {
    let real = std::fs::canonicalize(workspace).unwrap_or_else(|_| workspace.to_path_buf());
    let mut p = real.into_os_string();
    p.push(".lock");
    PathBuf::from(p)
}

/// Takes the writer's lock of `workspace` for `who`, or says who holds it. (Opening a
/// workspace uses [`acquire_for`], with what it checked of the file.)
#[cfg(test)]
pub fn acquire(workspace: &Path, who: &str) -> Result<Option<WriterLock>> {
    acquire_for(workspace, who, None, identity(workspace), Clock::System)
}

/// [`acquire`] for a `task` that others are told about while it runs ("converting it"), of
/// the file that was checked as `checked` (its [`identity`]) before: when a conversion renamed
/// a new file over it meanwhile, what was checked (plain or encrypted, its salt) is stale, and
/// the lock is refused as busy.
pub fn acquire_for(
    workspace: &Path,
    who: &str,
    task: Option<&str>,
    checked: Option<FileIdentity>,
    clock: Clock,
) -> Result<Option<WriterLock>> {
    let path = lock_path(workspace);
    let io = |e| StoreError::Io {
        path: path.display().to_string(),
        source: e,
    };
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    // What the last holder wrote: its file may be gone (removed as it closed) by the time the
    // lock is taken, and a refusal still names it.
    let mut previous = String::new();
    for _ in 0..RACES {
        let mut file = match options.open(&path) {
            Ok(f) => f,
            // A read-only directory: no other writer can lock it either, so there is nothing to
            // guard against beyond what SQLite itself does.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        match try_lock_for_a_moment(&file) {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(StoreError::InUse {
                    path: workspace.display().to_string(),
                    holder: describe(&holder),
                });
            }
            // A file system without locks: open as before, SQLite still keeps each edit whole.
            Err(TryLockError::Error(_)) => return Ok(None),
        }
        let mut note = String::new();
        let _ = file.read_to_string(&mut note);
        if !note.trim().is_empty() {
            previous = note;
        }
        if !still_at(&file, &path) {
            // Its holder closed and removed it while this process waited for it.
            continue;
        }
        if identity(workspace) != checked {
            return Err(StoreError::Busy {
                path: workspace.display().to_string(),
                why: format!(
                    "another isms ({}) replaced the file just now",
                    describe(&previous)
                ),
            });
        }
        let since = clock.now_minute();
        let host = host_name();
        let task = task.map(|t| format!("task={t}\n")).unwrap_or_default();
        let note = format!(
            "pid={}\nuser={who}\nhost={host}\n{task}since={since}\n",
            std::process::id()
        );
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        file.write_all(note.as_bytes()).map_err(io)?;
        return Ok(Some(WriterLock { file, path }));
    }
    Err(StoreError::InUse {
        path: workspace.display().to_string(),
        holder: describe(&previous),
    })
}

/// This machine's name for the note, from the system (gethostname, else the kernel's file):
/// never `$HOSTNAME`, which shells seldom export and which a second window could have set to
/// anything. Only the first line, so the note stays one field a line.
fn host_name() -> String {
    #[cfg(unix)]
    let system = nix::unistd::gethostname()
        .ok()
        .and_then(|h| h.into_string().ok());
    #[cfg(not(unix))]
    let system: Option<String> = None;
    system
        .filter(|h| !h.trim().is_empty())
        .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .and_then(|h| h.lines().next().map(|l| l.trim().to_string()))
        .unwrap_or_default()
}

/// Removes the lock file of `workspace` left by a writer that was killed, so that a closed
/// workspace is one file again; one that a writer holds stays. Best effort: what cannot be
/// opened or locked at once stays.
pub fn remove_stale(workspace: &Path) {
    let path = lock_path(workspace);
    if let Ok(file) = OpenOptions::new().read(true).write(true).open(&path)
        && file.try_lock().is_ok()
        && cfg!(unix)
        && still_at(&file, &path)
    {
        let _ = std::fs::remove_file(&path);
    }
}

/// Whether `path` still names the open `file` (and not a file made after it was removed).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Without inode numbers the lock file is never removed (see [`WriterLock`]'s drop), so the one
/// at the path is the one every process locks.
#[cfg(not(unix))]
fn still_at(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// Who holds the writer's lock of `workspace`, if anyone does; never creates the lock file.
pub fn holder(workspace: &Path) -> Option<String> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(lock_path(workspace))
        .ok()?;
    match file.try_lock() {
        Err(TryLockError::WouldBlock) => {
            let mut note = String::new();
            let _ = file.read_to_string(&mut note);
            Some(describe(&note))
        }
        _ => None,
    }
}

/// Tries for half a second: a lock can be held a moment longer than its holder needs it, by a
/// window that is just closing or by a child process between its start and `exec` (it carries
/// a copy of every open file until then).
fn try_lock_for_a_moment(file: &File) -> Result<(), TryLockError> {
    let mut tries = 0;
    loop {
        match file.try_lock() {
            Err(TryLockError::WouldBlock) if tries < 10 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// "process 4711 of alice on laptop, since 2026-03-31 09:12" from what the holder wrote.
fn describe(note: &str) -> String {
    let field = |key: &str| {
        note.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let mut text = match field("pid") {
        Some(pid) => format!("process {pid}"),
        None => "another process".to_string(),
    };
    if let Some(user) = field("user") {
        text.push_str(&format!(" of {user}"));
    }
    if let Some(host) = field("host") {
        text.push_str(&format!(" on {host}"));
    }
    if let Some(task) = field("task") {
        text.push_str(&format!(", {task}"));
    }
    if let Some(since) = field("since") {
        text.push_str(&format!(", since {since}"));
    }
    // Anyone can write the note: what it says is shown, never acted on by a terminal.
    crate::domain::text::shown(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_who_holds_the_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("a.isms");
        let first = acquire(&ws, "alice").unwrap();
        assert!(first.is_some());
        let err = acquire(&ws, "bob").unwrap_err().to_string();
        let pid = std::process::id().to_string();
        assert!(err.contains(&format!("process {pid} of alice")), "{err}");
        assert!(err.contains("--read-only"), "{err}");
        drop(first);
        assert!(acquire(&ws, "bob").unwrap().is_some(), "released on drop");
    }

    #[cfg(unix)]
    #[test]
    fn a_workspace_under_another_name_is_locked_all_the_same() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let ws = dir.path().join("a.isms");
        std::fs::write(&ws, "x").unwrap();
        let link = dir.path().join("b.isms");
        std::os::unix::fs::symlink(&ws, &link).unwrap();
        let first = acquire(&ws, "alice").unwrap();
        assert!(first.is_some());
        for other in [link, dir.path().join("sub/../a.isms")] {
            let err = acquire(&other, "bob").unwrap_err().to_string();
            assert!(err.contains("of alice"), "{}: {err}", other.display());
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_note_names_the_machine() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("a.isms");
        let _held = acquire(&ws, "alice").unwrap();
        let machine = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
        let note = std::fs::read_to_string(lock_path(&ws)).unwrap();
        assert!(
            note.contains(&format!("host={}\n", machine.trim())),
            "{note}"
        );
    }

    #[test]
    fn a_closing_writer_removes_its_lock_file() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("a.isms");
        let lock = acquire(&ws, "alice").unwrap();
        assert!(lock_path(&ws).exists());
        drop(lock);
        assert!(!lock_path(&ws).exists(), "the lock file stayed");
    }

    #[test]
    fn a_writer_waiting_while_the_holder_closes_locks_the_file_at_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("a.isms");
        let first = acquire(&ws, "alice").unwrap();
        let waiting = {
            let ws = ws.clone();
            std::thread::spawn(move || acquire(&ws, "bob"))
        };
        // The second opens the lock file and waits for its lock meanwhile.
        std::thread::sleep(std::time::Duration::from_millis(150));
        drop(first);
        let second = waiting.join().unwrap().unwrap().unwrap();
        assert!(
            still_at(&second.file, &lock_path(&ws)),
            "locked a removed file"
        );
        let err = acquire(&ws, "carol").unwrap_err().to_string();
        assert!(err.contains("of bob"), "{err}");
    }

    #[test]
    fn a_lock_file_left_by_a_killed_writer_is_removed_and_a_held_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("a.isms");
        std::fs::write(lock_path(&ws), "pid=999999\n").unwrap();
        remove_stale(&ws);
        assert!(!lock_path(&ws).exists(), "a stale lock file stayed");
        let held = acquire(&ws, "alice").unwrap();
        // Another process's lock: a second open file description, as `try_lock` sees one.
        remove_stale(&ws);
        assert!(lock_path(&ws).exists(), "a held lock file was removed");
        drop(held);
    }

    #[test]
    fn a_garbled_lock_note_still_reads() {
        assert_eq!(describe(""), "another process");
        assert_eq!(describe("pid=7\nuser=\n"), "process 7");
        assert_eq!(
            describe("pid=7\nuser=a\nhost=h\nsince=2026-03-31 09:00\n"),
            "process 7 of a on h, since 2026-03-31 09:00"
        );
        assert_eq!(
            describe("pid=7\nuser=a\nhost=\ntask=converting it\nsince=2026-03-31 09:00\n"),
            "process 7 of a, converting it, since 2026-03-31 09:00"
        );
        assert_eq!(
            describe("pid=7\u{1b}[2J\nuser=\u{202E}x\u{1b}]0;title\u{7}\n"),
            "process 7\\u{1b}[2J of \\u{202e}x\\u{1b}]0;title\\u{7}"
        );
    }

    #[test]
    fn a_file_replaced_while_the_lock_was_awaited_is_refused_as_busy() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("a.isms");
        std::fs::write(&ws, "old").unwrap();
        let before = identity(&ws);
        assert!(before.is_some());
        drop(acquire_for(&ws, "alice", Some("converting it"), before, Clock::System).unwrap());
        // A conversion that renamed its copy over the workspace and was killed before it
        // could remove its note.
        std::fs::write(
            lock_path(&ws),
            "pid=7\nuser=alice\nhost=\ntask=converting it\nsince=2026-03-31 09:00\n",
        )
        .unwrap();
        let other = dir.path().join("new");
        std::fs::write(&other, "new").unwrap();
        std::fs::rename(&other, &ws).unwrap();
        let err = acquire_for(&ws, "bob", None, before, Clock::System)
            .unwrap_err()
            .to_string();
        assert!(err.contains("busy"), "{err}");
        assert!(err.contains("process 7 of alice, converting it"), "{err}");
        assert!(err.contains("replaced the file just now"), "{err}");
        assert!(last_holder(&ws).starts_with("process 7 of alice"));
        let bob = acquire(&ws, "bob").unwrap();
        assert!(bob.is_some(), "the new file itself");
        let pid = std::process::id().to_string();
        assert!(last_holder(&ws).starts_with(&format!("process {pid} of bob")));
    }
}
