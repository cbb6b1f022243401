//! The only place with SQL. Opens and creates workspace files, refuses what is not a workspace,
//! migrates older schemas forward (after copying the file aside), and writes every user edit as
//! one transaction together with its change-log row.

mod assets;
mod audits;
mod baselines;
mod cipher;
mod clauses;
mod controls;
mod documents;
mod draft;
mod file;
mod import;
mod lock;
mod log;
mod meta;
mod nonconformities;
mod objectives;
mod people;
mod questions;
mod reading;
mod reviews;
mod risks;
pub mod schema;
mod scope;
mod soa;
mod sql;
pub mod target;
mod workshops;
mod workspace;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::{Connection, Transaction};

use crate::Clock;
use serde::Serialize;

use crate::domain::ValidationError;

pub use baselines::Closing;
pub use cipher::{ConvertStep, Interruption, Passphrase, converting_path};
pub use draft::Draft;
pub use file::{FileCheck, inspect, special_kind};
pub use lock::lock_path;
pub use log::Change;
pub use meta::Counts;
pub use risks::RiskRatings;
pub use target::{Existing, TargetError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}: no such file; create one with `isms new {0}`")]
    NotFound(String),
    #[error("{0}: is a directory, not a workspace file")]
    IsDirectory(String),
    #[error("{0}: already exists; choose another path or open it with `isms --db {0}`")]
    AlreadyExists(String),
    #[error("{0}: stayed locked by another program for 5 seconds; nothing was copied, try again")]
    Locked(String),
    #[error("{path}: not an isms workspace ({why})")]
    NotWorkspace { path: String, why: String },
    #[error(
        "{path}: written by a newer version of isms (schema {found}, this version knows up to {supported}); update isms to open it"
    )]
    NewerSchema {
        path: String,
        found: i32,
        supported: i32,
    },
    #[error(
        "{path}: busy, open in another isms ({holder}); open it read-only with `isms --read-only --db {path}`, or close the other first"
    )]
    InUse { path: String, holder: String },
    /// Another isms works on the file (a conversion) or replaced it just now: nothing is wrong
    /// with the file, this command only came at the wrong moment.
    #[error("{path}: busy, {why}; nothing was changed, try again once it is done")]
    Busy { path: String, why: String },
    #[error(
        "{path}: could not write ({why}); this edit was not saved, everything saved before it is in the file"
    )]
    NotWritten { path: String, why: String },
    #[error(
        "{0}: encrypted, or not an SQLite database at all; give its passphrase (in a terminal when asked, or in ISMS_PASSPHRASE)"
    )]
    Encrypted(String),
    #[error("{0}: wrong passphrase; nothing was opened or changed")]
    WrongPassphrase(String),
    #[error("{0}: is not encrypted; nothing was changed (`isms encrypt {0}` encrypts it)")]
    NotEncrypted(String),
    #[error(
        "{0}: is encrypted already; nothing was changed (`isms rekey {0}` changes its passphrase)"
    )]
    AlreadyEncrypted(String),
    #[error("{0}: the workspace is open read-only; nothing was changed")]
    ReadOnly(String),
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("{0} was not found in the workspace")]
    Missing(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("database error: {}", sqlite_words(.0))]
    Sqlite(rusqlite::Error),
    #[error("{path}: the file is damaged ({why}); restore it from a backup")]
    Truncated { path: String, why: String },
    #[error("migrating the schema failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("stored data is damaged: {0}")]
    Damaged(String),
    #[error(transparent)]
    Target(#[from] TargetError),
}

/// SQLite's own words for a damaged file repeat themselves ("database disk image is
/// malformed: database disk image is malformed: Error code 11..."): say it once, plainly.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match e.sqlite_error_code() {
            Some(DatabaseCorrupt | NotADatabase) => StoreError::Damaged(
                "the workspace file is malformed; restore it from a backup".to_string(),
            ),
            _ => StoreError::Sqlite(e),
        }
    }
}

/// SQLite's words for a failed statement without the library's framing ("Error code 19: ...",
/// `SqliteFailure(...)`), naming the table and column where SQLite does (a constraint).
fn sqlite_words(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(failure, message) => {
            let words = message
                .clone()
                .unwrap_or_else(|| rusqlite::ffi::code_to_str(failure.extended_code).to_string());
            // "UNIQUE constraint failed: assets.number" (or several `table.column`, comma-separated).
            match words.split_once(" constraint failed: ") {
                Some((rule, columns)) => {
                    let table = columns.split('.').next().unwrap_or(columns);
                    let columns: Vec<&str> = columns
                        .split(", ")
                        .map(|c| c.split_once('.').map_or(c, |(_, column)| column))
                        .collect();
                    format!(
                        "the table {table} refused the row: its {rule} rule on {} failed",
                        columns.join(", ")
                    )
                }
                None => words,
            }
        }
        rusqlite::Error::QueryReturnedNoRows => "a row that should be there is missing".into(),
        // A stored value the code cannot read: `sql::bad_value` says where it is.
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => match inner.downcast_ref() {
            Some(sql::BadValue { .. }) => inner.to_string(),
            None => format!("a stored value this version cannot read ({inner})"),
        },
        rusqlite::Error::InvalidColumnType(_, column, stored) => {
            format!("the column {column} holds {stored}, which this version does not expect there")
        }
        other => other.to_string(),
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The connection's `PRAGMA data_version`: the same number until another connection commits.
fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
}

/// An open workspace file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    who: String,
    /// Handed down from where the app or command started: stamps the change log.
    clock: Clock,
    /// Counts the edits committed through this handle, so screens can tell whether what they
    /// show is still current.
    generation: u64,
    /// SQLite's `data_version` when last looked at: it moves when another connection (a writer
    /// in another window) commits, which is how a read-only window notices that it is stale.
    seen_version: Option<i64>,
    /// The workshop running in this window: the changes made through it belong to it.
    workshop: Option<i64>,
    /// The key of an encrypted workspace, for the readers opened beside this handle.
    key: Option<Passphrase>,
    /// Opened immutable, on media that take no journal (see `file::connect_reading`); so are
    /// the readers beside it.
    frozen: bool,
    /// Shared with the readers opened beside this handle and with what opens them, so that
    /// closing it can wait for them (see [`Store`]'s drop).
    readers: Arc<()>,
    /// Whether this is one of those readers.
    beside: bool,
    /// Held while open for writing; after `conn`, so it is released after the connection closes.
    _lock: Option<lock::WriterLock>,
}

/// How long closing a workspace waits for the readers beside it (screens still being built in
/// the background) to finish.
const READERS_FINISH_WITHIN: Duration = Duration::from_secs(3);

/// When a workspace closes, the file alone holds every committed edit, so that copying only
/// the file loses nothing.
impl Drop for Store {
    fn drop(&mut self) {
        if self.beside {
            return;
        }
        // The last connection to close folds the write-ahead log into the file and removes it
        // with the shared-memory file; readers beside this handle close first, so that this
        // one is the last of this process.
        let deadline = Instant::now() + READERS_FINISH_WITHIN;
        while Arc::strong_count(&self.readers) > 1 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        if !self.read_only {
            // Another process may be reading the file still (a read-only window, a command),
            // and then the log stays beside it: but emptied into the file. Best effort: a
            // failure leaves the log, which the next opening folds in.
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
}

impl Store {
    /// Opens an existing workspace; read-only when the file is not writable, or is on read-only
    /// media.
    pub fn open(path: &Path) -> Result<Store> {
        file::open(path, false, None, Clock::System)
    }

    /// Opens an existing workspace without ever changing it. Closing it may fold a write-ahead
    /// log left by a writer into the file, and removes a lock file left by one that was killed.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        file::open(path, true, None, Clock::System)
    }

    /// Opens a workspace that may be encrypted: `key` opens an encrypted one and is ignored
    /// for a plain one. A wrong key is reported after a short delay, with nothing written.
    pub fn open_with(path: &Path, read_only: bool, key: Option<&Passphrase>) -> Result<Store> {
        file::open(path, read_only, key, Clock::System)
    }

    /// [`Store::open_with`] on the `clock` of the app or command that opens it, which stamps
    /// the change log and the writer's lock note. (The shorter openers take the system clock.)
    pub fn open_with_clock(
        path: &Path,
        read_only: bool,
        key: Option<&Passphrase>,
        clock: Clock,
    ) -> Result<Store> {
        file::open(path, read_only, key, clock)
    }

    fn new(
        conn: Connection,
        path: &Path,
        read_only: bool,
        key: Option<Passphrase>,
        lock: Option<lock::WriterLock>,
        clock: Clock,
    ) -> Result<Store> {
        let seen_version = data_version(&conn).ok();
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only,
            who: current_user()?,
            clock,
            generation: 0,
            workshop: None,
            seen_version,
            key,
            frozen: false,
            readers: Arc::new(()),
            beside: false,
            _lock: lock,
        })
    }

    /// What another thread needs to read this workspace beside this handle.
    pub fn read_access(&self) -> ReadAccess {
        ReadAccess {
            path: self.path.clone(),
            key: self.key.clone(),
            frozen: self.frozen,
            readers: Arc::clone(&self.readers),
            clock: self.clock,
        }
    }

    /// Today on the clock this handle was given where the app or command started: what screens
    /// and checks built from it count overdue and expired against.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// The clock this handle stamps the change log with.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Stamps the edits from now on with `clock` (the app's, when its day is fixed).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Whether the file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Writes a consistent copy of the workspace `source` to the new file `dest` (mode 0600)
    /// with SQLite's online backup API, so it works while another connection (the app) has
    /// the file open or is in the middle of an edit. `source` is checked like [`Store::open`]
    /// but only read, never migrated: an older workspace is copied as it is. Refuses an
    /// existing `dest` without touching it, and any file of `source`'s own (see
    /// [`target`]); the copy is built beside `dest` and renamed into place, so a failure or a
    /// kill leaves no half copy. Returns the size of the copy.
    pub fn backup(source: &Path, dest: &Path) -> Result<u64> {
        file::backup(source, dest, None, false, Existing::Refuse)
    }

    /// [`Store::backup`] of a workspace that may be encrypted: `key` opens an encrypted
    /// `source`, whose copy is encrypted with the same key unless `plain` asks for a plain one.
    pub fn backup_with(
        source: &Path,
        dest: &Path,
        key: Option<&Passphrase>,
        plain: bool,
    ) -> Result<u64> {
        file::backup(source, dest, key, plain, Existing::Refuse)
    }

    /// [`Store::backup_with`], replacing an existing `dest` when `existing` says so (never a
    /// file of `source`'s own).
    pub fn backup_to(
        source: &Path,
        dest: &Path,
        key: Option<&Passphrase>,
        plain: bool,
        existing: Existing,
    ) -> Result<u64> {
        file::backup(source, dest, key, plain, existing)
    }

    /// Rewrites the workspace at `path` from key `from` to key `to` (`None` for plain SQLite):
    /// encrypting, decrypting or changing its passphrase. A new file is written beside it,
    /// opened again and checked, then renamed over the old one; on any failure the old file
    /// stays as it was.
    pub fn convert(path: &Path, from: Option<&Passphrase>, to: Option<&Passphrase>) -> Result<()> {
        Store::convert_with_clock(path, from, to, Clock::System)
    }

    /// [`Store::convert`] on the clock the command started with (the lock note's time).
    pub fn convert_with_clock(
        path: &Path,
        from: Option<&Passphrase>,
        to: Option<&Passphrase>,
        clock: Clock,
    ) -> Result<()> {
        cipher::convert(path, from, to, None, clock)
    }

    /// The header check of the workspace at `path`, refused unless it is encrypted (or plain,
    /// for `encrypted: false`): what converting it needs, before a passphrase is asked for.
    pub fn expect_encryption(path: &Path, encrypted: bool) -> Result<FileCheck> {
        cipher::expect_encryption(path, encrypted)
    }

    /// [`Store::convert`] interrupted on purpose, to test that every interruption leaves a
    /// workspace that opens.
    #[doc(hidden)]
    pub fn convert_interrupted(
        path: &Path,
        from: Option<&Passphrase>,
        to: Option<&Passphrase>,
        interruption: Interruption,
    ) -> Result<()> {
        cipher::convert(path, from, to, Some(interruption), Clock::System)
    }

    /// Creates a new workspace file (mode 0600) for `organisation`, seeded with Annex A, the
    /// clauses, the default methodology and scale. Refuses an existing path without touching it.
    pub fn create(path: &Path, organisation: &str) -> Result<Store> {
        Store::create_with(path, organisation, None)
    }

    /// [`Store::create`], encrypted with `key` when one is given.
    pub fn create_with(path: &Path, organisation: &str, key: Option<&Passphrase>) -> Result<Store> {
        Store::create_with_clock(path, organisation, key, Clock::System)
    }

    /// [`Store::create_with`] on the `clock` of the app or command that creates it.
    pub fn create_with_clock(
        path: &Path,
        organisation: &str,
        key: Option<&Passphrase>,
        clock: Clock,
    ) -> Result<Store> {
        Store::draft_with_clock(path, organisation, key, Existing::Refuse, clock)?.finish(false)
    }

    /// A new workspace for `organisation`, built beside `path` and put there by
    /// [`Draft::finish`] once it is filled; `existing` says whether a file at `path` may be
    /// replaced (never one another isms has open).
    pub fn draft(
        path: &Path,
        organisation: &str,
        key: Option<&Passphrase>,
        existing: Existing,
    ) -> Result<Draft> {
        Draft::begin(path, organisation, key, existing, Clock::System)
    }

    /// [`Store::draft`] on the `clock` of the app or command that builds it.
    pub fn draft_with_clock(
        path: &Path,
        organisation: &str,
        key: Option<&Passphrase>,
        existing: Existing,
        clock: Clock,
    ) -> Result<Draft> {
        Draft::begin(path, organisation, key, existing, clock)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs one user edit in one transaction: all of it is in the file when this returns Ok,
    /// none of it when it returns Err.
    pub fn edit<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.display().to_string()));
        }
        let path = &self.path;
        let written = (|| {
            let tx = self.conn.transaction()?;
            let mut writer = Writer {
                tx,
                who: &self.who,
                at: self.clock.now_stamp(),
                workshop: self.workshop,
            };
            let value = f(&mut writer)?;
            let workshop = writer.workshop;
            writer.tx.commit()?;
            Ok((value, workshop))
        })();
        let (value, workshop) = written.map_err(|e| write_failure(path, e))?;
        // A workshop started or ended by the edit runs from now on, or no longer.
        self.workshop = workshop;
        self.generation += 1;
        Ok(value)
    }

    /// Changes with every committed edit: equal numbers mean nothing was written in between.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether another connection (the writer in another window) committed since the last
    /// look; its change counts as an edit here, so that what was read before is read again.
    pub fn changed_elsewhere(&mut self) -> Result<bool> {
        let now = data_version(&self.conn)?;
        let changed = self.seen_version.is_some_and(|seen| seen != now);
        self.seen_version = Some(now);
        if changed {
            self.generation += 1;
        }
        Ok(changed)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Opens read-only connections to a workspace that one handle has opened and checked already,
/// for reading on another thread while the app stays responsive.
#[derive(Debug, Clone)]
pub struct ReadAccess {
    path: PathBuf,
    key: Option<Passphrase>,
    frozen: bool,
    readers: Arc<()>,
    clock: Clock,
}

impl ReadAccess {
    pub fn open(&self) -> Result<Store> {
        let mut store =
            reading::open_reader(&self.path, self.key.as_ref(), self.frozen, self.clock)?;
        store.readers = Arc::clone(&self.readers);
        store.beside = true;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Today on the clock of the handle this was taken from.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }
}

/// The handle every change goes through; it also writes the change log.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    who: &'a str,
    at: String,
    /// The workshop the changes of this edit belong to, if one runs.
    workshop: Option<i64>,
}

impl Writer<'_> {
    /// Gives the row `id` of a table numbered within its parent (`audit_findings` within
    /// `audit`) the number an imported file carries; `what` names it when another row of the
    /// parent holds that number already.
    fn renumber_child(
        &mut self,
        table: &str,
        parent_column: &str,
        parent: i64,
        id: i64,
        number: u32,
        what: &str,
    ) -> Result<()> {
        let taken = self
            .tx
            .prepare_cached(&format!(
                "SELECT 1 FROM {table} WHERE {parent_column} = ?1 AND number = ?2"
            ))?
            .exists((parent, number))?;
        if taken {
            return Err(crate::domain::ValidationError::new(
                crate::domain::reference::field::NUMBER,
                format!("{what} is taken already"),
            )
            .into());
        }
        self.tx.execute(
            &format!("UPDATE {table} SET number = ?2 WHERE id = ?1"),
            (id, number),
        )?;
        Ok(())
    }

    /// Appends one change-log row: who changed which item how, with JSON before and after.
    fn log<B: Serialize, A: Serialize>(
        &self,
        entity: &str,
        reference: &str,
        action: &str,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let before = before.map(serde_json::to_string).transpose();
        let after = after.map(serde_json::to_string).transpose();
        let (before, after) = before
            .and_then(|b| Ok((b, after?)))
            .map_err(|e| StoreError::Damaged(format!("change log entry for {reference}: {e}")))?;
        self.tx.execute(
            "INSERT INTO change_log (at, who, entity, reference, action, before, after, workshop)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            (
                &self.at,
                self.who,
                entity,
                reference,
                action,
                before,
                after,
                self.workshop,
            ),
        )?;
        Ok(())
    }
}

/// A full disk or a failing device, said as such: SQLite has rolled the edit back.
fn write_failure(path: &Path, error: StoreError) -> StoreError {
    use rusqlite::ErrorCode::{CannotOpen, DiskFull, ReadOnly, SystemIoFailure};
    match &error {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, message))
            if matches!(e.code, DiskFull | SystemIoFailure | CannotOpen | ReadOnly) =>
        {
            let why = match (e.code, message) {
                (DiskFull, _) => "the disk is full".to_string(),
                (_, Some(m)) => format!("write error: {m}"),
                (_, None) => format!("write error: {e}"),
            };
            StoreError::NotWritten {
                path: path.display().to_string(),
                why,
            }
        }
        _ => error,
    }
}

/// The name the change log shows and where it came from: the first of `ISMS_USER`, `USER`,
/// `LOGNAME` and `USERNAME` (Windows) that holds a name, else the login name from the system's
/// user database (a cron job or a container may set none of them), else `unknown`.
fn who_is_editing(
    var: impl Fn(&str) -> Option<String>,
    system: impl FnOnce() -> Option<String>,
) -> (&'static str, String) {
    let named = |s: &String| !s.trim().is_empty();
    ["ISMS_USER", "USER", "LOGNAME", "USERNAME"]
        .into_iter()
        .find_map(|v| var(v).filter(named).map(|s| (v, s)))
        .or_else(|| system().filter(named).map(|s| ("the user database", s)))
        .unwrap_or(("ISMS_USER", "unknown".to_string()))
}

/// The login name of the user running isms, from the system's user database.
#[cfg(unix)]
fn system_login_name() -> Option<String> {
    use nix::unistd::{User, getuid};
    User::from_uid(getuid()).ok().flatten().map(|u| u.name)
}

#[cfg(not(unix))]
fn system_login_name() -> Option<String> {
    None
}

thread_local! {
    static FIXED_USER: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Fixes who edits, for workspaces opened afterwards on the calling thread (`None` lets the
/// environment decide again): what `ISMS_USER` does for a process, for a test that drives the
/// app in its own thread, as the clock's `fix_today_for_this_thread` does for today.
pub fn fix_user_for_this_thread(who: Option<&str>) {
    FIXED_USER.with(|u| *u.borrow_mut() = who.map(str::to_string));
}

/// While held, workspaces opened on this thread are edited by a fixed user; dropping it (when a
/// test ends, passed or not) lets the environment decide again.
#[cfg(test)]
pub(crate) struct UserFixed;

#[cfg(test)]
impl UserFixed {
    pub(crate) fn as_user(who: &str) -> Self {
        fix_user_for_this_thread(Some(who));
        Self
    }
}

#[cfg(test)]
impl Drop for UserFixed {
    fn drop(&mut self) {
        fix_user_for_this_thread(None);
    }
}

/// The variable a bad user name is reported against: the one to set, whichever was read.
const ISMS_USER: crate::domain::Field = crate::domain::Field::new("ISMS_USER");

/// Who is editing: the thread's fixed user, else `ISMS_USER`, else the OS user. The name goes
/// into every change-log entry and the lock note, so it follows the rules of any name: a control
/// character or a bidirectional override (which could forge a line of `isms log` or act on the
/// terminal that shows it) is refused, naming the variable it came from.
fn current_user() -> Result<String> {
    let (variable, who) = match FIXED_USER.with(|u| u.borrow().clone()) {
        Some(who) => ("ISMS_USER", who),
        None => who_is_editing(|v| std::env::var(v).ok(), system_login_name),
    };
    crate::domain::text::line(ISMS_USER, &who).map_err(|e| {
        StoreError::Invalid(ValidationError::new(
            ISMS_USER,
            format!(
                "{}{}; set ISMS_USER to your name as the change log should show it",
                if variable == "ISMS_USER" {
                    String::new()
                } else {
                    format!("not set, and the login name ({variable}) ")
                },
                e.message
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::who_is_editing;

    #[test]
    fn a_database_error_names_the_table_and_column_and_never_the_code() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE assets (number INTEGER UNIQUE, name TEXT NOT NULL);
             INSERT INTO assets VALUES (1, 'Server');",
        )
        .unwrap();
        let shown = |sql: &str| super::StoreError::from(conn.execute(sql, []).unwrap_err());
        assert_eq!(
            shown("INSERT INTO assets VALUES (1, 'App')").to_string(),
            "database error: the table assets refused the row: its UNIQUE rule on number failed"
        );
        assert_eq!(
            shown("INSERT INTO assets VALUES (2, NULL)").to_string(),
            "database error: the table assets refused the row: its NOT NULL rule on name failed"
        );
        let bare = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(13), None);
        let words = super::StoreError::from(bare).to_string();
        assert!(!words.contains("Error code"), "{words}");
        assert!(words.contains("full"), "{words}");
    }

    #[test]
    fn the_login_name_comes_from_the_user_database_when_no_variable_names_one() {
        let vars = |set: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                set.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let system = || Some("anna".to_string());
        assert_eq!(
            who_is_editing(vars(&[("USER", "bob"), ("LOGNAME", "carl")]), system),
            ("USER", "bob".to_string())
        );
        assert_eq!(
            who_is_editing(vars(&[("USER", " "), ("LOGNAME", "carl")]), system),
            ("LOGNAME", "carl".to_string())
        );
        assert_eq!(
            who_is_editing(vars(&[("ISMS_USER", "Dora"), ("USER", "bob")]), system),
            ("ISMS_USER", "Dora".to_string())
        );
        assert_eq!(
            who_is_editing(vars(&[]), system),
            ("the user database", "anna".to_string())
        );
        assert_eq!(
            who_is_editing(vars(&[]), || None),
            ("ISMS_USER", "unknown".to_string())
        );
    }
}
