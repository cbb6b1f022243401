//! One writer per workspace: a process that opens a workspace for writing holds an advisory
//! lock on `FILE.lock` and writes who it is there, so that a second one can say who holds it.
//! The operating system drops the lock when the process ends, however it ends, so a crash or
//! `kill -9` never leaves a workspace locked. The lock file itself stays: removing it would let
//! two processes lock two different files of the same name.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::{Result, StoreError};

/// Held while a workspace is open for writing; released when dropped.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

pub fn lock_path(workspace: &Path) -> PathBuf {
    let mut p = workspace.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Takes the writer's lock of `workspace` for `who`, or says who holds it.
pub fn acquire(workspace: &Path, who: &str) -> Result<Option<WriterLock>> {
    let path = lock_path(workspace);
    let io = |e| StoreError::Io {
        path: path.display().to_string(),
        source: e,
    };
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
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
    let since = chrono::Local::now().format("%Y-%m-%d %H:%M");
    let host = std::env::var("HOSTNAME").unwrap_or_default();
    let note = format!(
        "pid={}\nuser={who}\nhost={host}\nsince={since}\n",
        std::process::id()
    );
    file.set_len(0).map_err(io)?;
    file.rewind().map_err(io)?;
    file.write_all(note.as_bytes()).map_err(io)?;
    Ok(Some(WriterLock { _file: file }))
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
    if let Some(since) = field("since") {
        text.push_str(&format!(", since {since}"));
    }
    text
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

    #[test]
    fn a_garbled_lock_note_still_reads() {
        assert_eq!(describe(""), "another process");
        assert_eq!(describe("pid=7\nuser=\n"), "process 7");
        assert_eq!(
            describe("pid=7\nuser=a\nhost=h\nsince=2026-03-31 09:00\n"),
            "process 7 of a on h, since 2026-03-31 09:00"
        );
    }
}
