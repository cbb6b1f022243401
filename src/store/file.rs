//! Opening and creating workspace files. Every check that can refuse a file runs on its header
//! bytes before SQLite opens it, so a refused file is never touched. An encrypted file shows no
//! header until its key is applied; its checks run on the first read, which writes nothing.

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::cipher::{self, Passphrase};
use super::reading::{cannot_open, connect_reading, journal_exists, open_reading};
use super::schema::{APPLICATION_ID, LATEST_VERSION, migrations};
use super::target::{self, Existing};
use super::{Result, Store, StoreError, current_user};
use crate::Clock;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the header of a workspace file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileCheck {
    /// 0 for an encrypted file: its header can only be read with its key.
    pub schema_version: i32,
    pub size: u64,
    pub writable: bool,
    /// Whether the file looks encrypted: whole pages without SQLite's plain header. Noise
    /// looks the same; only the key tells them apart.
    pub encrypted: bool,
    /// The salt of an encrypted file (not secret), where its plain header would start.
    pub salt: Option<[u8; cipher::SALT_LEN]>,
}

/// Smallest page SQLite (and so SQLCipher) writes.
const MIN_PAGE: u64 = 512;

/// Reads and checks the header of `path` without opening it as a database.
pub fn inspect(path: &Path) -> Result<FileCheck> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound(shown.clone()),
        _ => StoreError::Io {
            path: shown.clone(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        return Err(StoreError::IsDirectory(shown));
    }
    let not_workspace = |why: &str| StoreError::NotWorkspace {
        path: shown.clone(),
        why: why.into(),
    };
    // Opening a FIFO would wait for a writer forever, and a device never ends.
    if !meta.is_file() {
        return Err(not_workspace(&format!(
            "{}, not a file",
            special_kind(&meta)
        )));
    }
    let mut header = [0u8; 100];
    let mut file = File::open(path).map_err(|e| StoreError::Io {
        path: shown.clone(),
        source: e,
    })?;
    let read = read_up_to(&mut file, &mut header).map_err(|e| StoreError::Io {
        path: shown.clone(),
        source: e,
    })?;
    if read == 0 {
        return Err(not_workspace("the file is empty"));
    }
    let magic = read.min(SQLITE_MAGIC.len());
    if read < header.len() && header[..magic] == SQLITE_MAGIC[..magic] {
        return Err(StoreError::Truncated {
            path: shown,
            why: format!("cut short at {read} bytes, less than an SQLite header"),
        });
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        // SQLCipher puts a random salt where the magic would be and encrypts the rest.
        let salted = header[..16].iter().any(|b| *b != 0);
        if salted && meta.len() % MIN_PAGE == 0 && read == header.len() {
            let mut salt = [0u8; cipher::SALT_LEN];
            salt.copy_from_slice(&header[..cipher::SALT_LEN]);
            return Ok(FileCheck {
                schema_version: 0,
                size: meta.len(),
                writable: can_write(path, &meta),
                encrypted: true,
                salt: Some(salt),
            });
        }
        return Err(not_workspace("not an SQLite database"));
    }
    let be32 = |at: usize| {
        i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if be32(68) != APPLICATION_ID {
        return Err(not_workspace("an SQLite database of another program"));
    }
    if let Some(expected) = expected_size(&header)
        && meta.len() < expected
        && !has_write_ahead_log(path)
    {
        return Err(StoreError::Truncated {
            path: shown,
            why: format!(
                "cut short at {} bytes where its header says {expected}",
                meta.len()
            ),
        });
    }
    let schema_version = be32(60);
    if schema_version > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            path: shown,
            found: schema_version,
            supported: LATEST_VERSION,
        });
    }
    Ok(FileCheck {
        schema_version,
        size: meta.len(),
        writable: can_write(path, &meta),
        encrypted: false,
        salt: None,
    })
}

/// Whether this process may write the file: its mode says so (for an ordinary user), and the
/// system agrees (an immutable file or a read-only mount refuse even root). Opening for writing
/// without truncating changes nothing in the file.
fn can_write(path: &Path, meta: &fs::Metadata) -> bool {
    !meta.permissions().readonly() && OpenOptions::new().write(true).open(path).is_ok()
}

/// What a path that is not a regular file is, in a user's words.
pub fn special_kind(meta: &fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// The file size the header states: page size times page count. SQLite keeps the count valid
/// only while the change counter (offset 24) equals its "version valid for" copy (offset 92).
fn expected_size(header: &[u8; 100]) -> Option<u64> {
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(be32(28));
    (pages > 0 && be32(24) == be32(92)).then_some(page_size * pages)
}

/// A non-empty `-wal` file may hold pages a checkpoint had not yet copied into a shorter file;
/// SQLite recovers those, so the size is only checked without one.
fn has_write_ahead_log(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut total = 0;
    while total < buf.len() {
        match file.read(&mut buf[total..])? {
            0 => break,
            n => total += n,
        }
    }
    Ok(total)
}

pub(super) fn open(
    path: &Path,
    read_only: bool,
    key: Option<&Passphrase>,
    clock: Clock,
) -> Result<Store> {
    let before = super::lock::identity(path);
    match open_checked(path, read_only, key, before, clock) {
        // A conversion renamed a new file over this one between its checks and its opening:
        // what failed to read was a file in mid-change, not a damaged one.
        Err(e)
            if !matches!(e, StoreError::Busy { .. })
                && before.is_some()
                && super::lock::identity(path) != before =>
        {
            Err(StoreError::Busy {
                path: path.display().to_string(),
                why: format!(
                    "another isms ({}) replaced the file just now",
                    super::lock::last_holder(path)
                ),
            })
        }
        opened => opened,
    }
}

fn open_checked(
    path: &Path,
    read_only: bool,
    key: Option<&Passphrase>,
    before: Option<super::lock::FileIdentity>,
    clock: Clock,
) -> Result<Store> {
    let check = inspect(path)?;
    if read_only || !check.writable {
        return open_reading(path, &check, key, clock);
    }
    match open_writing(path, &check, key, before, clock) {
        // Media that take no write-ahead log (see `connect_reading`): as a file that is not
        // writable, it is opened read-only.
        Err(e) if cannot_open(&e) && !journal_exists(path, "-wal") => {
            open_reading(path, &check, key, clock)
        }
        opened => opened,
    }
}

fn open_writing(
    path: &Path,
    check: &FileCheck,
    key: Option<&Passphrase>,
    before: Option<super::lock::FileIdentity>,
    clock: Clock,
) -> Result<Store> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let (unlocked, key, schema_version) = match (check.salt, key) {
        (Some(_), None) => return Err(StoreError::Encrypted(path.display().to_string())),
        (Some(salt), Some(key)) => {
            let key = key.derived(&salt)?;
            let conn = super::sql::open_with_flags(path, flags)?;
            let schema_version = checked_header(path, cipher::unlock(&conn, &key, path)?)?;
            (Some(conn), Some(key), schema_version)
        }
        (None, _) => (None, None, check.schema_version),
    };
    // Before anything is written, migration backups included.
    // Waiting for the lock, the file may have been converted: what was checked is stale.
    let lock = super::lock::acquire_for(path, &current_user()?, None, before, clock)?;
    if lock.is_some() {
        // A copy left by a conversion that was killed: none can be running while we hold the
        // lock, and a decrypted copy must not linger beside an encrypted workspace.
        remove_with_journals(&cipher::converting_path(path));
    }
    let migrate = schema_version < LATEST_VERSION;
    if migrate {
        // Before SQLite touches the file, so the copy is the file exactly as it was.
        back_up_before_migration(path, schema_version)?;
    }
    let mut conn = match unlocked {
        Some(conn) => conn,
        None => super::sql::open_with_flags(path, flags)?,
    };
    configure(&conn, false)?;
    if migrate {
        migrations().to_latest(&mut conn)?;
        settle_header(&conn)?;
    }
    Store::new(conn, path, false, key, lock, clock)
}

/// The checks [`inspect`] makes on a plain header, made on an encrypted one once it is read.
pub(super) fn checked_header(path: &Path, header: cipher::Header) -> Result<i32> {
    if header.application_id != APPLICATION_ID {
        return Err(StoreError::NotWorkspace {
            path: path.display().to_string(),
            why: "an SQLite database of another program".into(),
        });
    }
    if header.schema_version > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.display().to_string(),
            found: header.schema_version,
            supported: LATEST_VERSION,
        });
    }
    Ok(header.schema_version)
}

/// Copies the write-ahead log into the file, so that its header (application id, schema
/// version) is what another process reads when it inspects the file before opening it.
fn settle_header(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// How long a connection waits for another one to finish with the file.
pub(super) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

pub(super) fn configure(conn: &Connection, read_only: bool) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if read_only {
        // Opened for writing where it can be, to tidy up on close: never to change anything.
        conn.pragma_update(None, "query_only", true)?;
    } else {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit reported as saved survives a power cut, not only a crash.
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    Ok(())
}

/// Copies the file (and its write-ahead log, if one was left) to `FILE.bak-vN` before its
/// schema N is migrated.
fn back_up_before_migration(path: &Path, version: i32) -> Result<()> {
    for suffix in ["", "-wal"] {
        let mut from = path.as_os_str().to_owned();
        from.push(suffix);
        if suffix.is_empty() || Path::new(&from).exists() {
            let mut to = path.as_os_str().to_owned();
            to.push(format!(".bak-v{version}{suffix}"));
            let to = Path::new(&to);
            // Whole and private like every file isms writes; a copy left by an earlier migration
            // from the same schema is the same file as it was then, and is replaced.
            let temp = target::temp_beside(to)?;
            let copied = File::open(&from)
                .and_then(|mut source| std::io::copy(&mut source, &mut temp.as_file()))
                .and_then(|_| temp.as_file().sync_all());
            copied.map_err(|e| StoreError::Io {
                path: to.display().to_string(),
                source: e,
            })?;
            target::put_in_place(temp.into_temp_path(), to, Existing::Replace)?;
        }
    }
    Ok(())
}

/// Creates the empty file `path` readable by its owner only; fails if anything is there.
/// SQLite gives its journal files the same mode.
pub(super) fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

pub(super) fn remove_with_journals(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal", ".lock"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(p);
    }
}

/// `key` opens an encrypted `source_path`; its copy is encrypted with the same key, or
/// plain when `plain` is set. A plain workspace is copied plain.
pub(super) fn backup(
    source_path: &Path,
    dest: &Path,
    key: Option<&Passphrase>,
    plain: bool,
    existing: Existing,
) -> Result<u64> {
    let check = inspect(source_path)?;
    if dest.is_dir() {
        return Err(StoreError::IsDirectory(dest.display().to_string()));
    }
    target::check(dest, Some(source_path), existing)?;
    // The source's key derived once, for the check here and the copy's reading.
    let derived = match (check.salt, key) {
        (Some(_), None) => return Err(StoreError::Encrypted(source_path.display().to_string())),
        (Some(salt), Some(key)) => Some(key.derived(&salt)?),
        (None, _) => None,
    };
    let (source, header, frozen) = connect_reading(source_path, derived.as_ref())?;
    checked_header(source_path, header)?;
    // Built beside DEST and renamed into place: DEST is the old file or the whole copy.
    let temp = target::temp_beside(dest)?.into_temp_path();
    let copied = match derived {
        None => copy_pages(&source, source_path, &temp),
        Some(derived) => {
            drop(source);
            // A copy kept encrypted gets the passphrase itself, so that it has a salt of its own.
            let dest_key = key.filter(|_| !plain);
            cipher::copy_into(source_path, frozen, Some(&derived), &temp, dest_key)
                .and_then(|copy| check_copy(&copy))
        }
    }
    .and_then(|()| {
        let synced = File::open(&temp).and_then(|file| {
            file.sync_all()?;
            Ok(file.metadata()?.len())
        });
        synced.map_err(|source| StoreError::Io {
            path: dest.display().to_string(),
            source,
        })
    });
    match copied {
        Ok(size) => {
            target::put_in_place(temp, dest, existing)?;
            Ok(size)
        }
        Err(e) => {
            remove_with_journals(&temp);
            Err(e)
        }
    }
}

fn copy_pages(source: &Connection, source_path: &Path, dest: &Path) -> Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    let mut to = super::sql::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    {
        let backup = Backup::new(source, &mut to)?;
        // All pages in one step: one read transaction on the source, so the copy is one
        // committed state even if the app commits meanwhile. In WAL mode readers are not
        // blocked by a writer; a busy source (e.g. during a checkpoint) is retried a while.
        let mut waited = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::Busy | StepResult::Locked => {
                    if waited == 50 {
                        return Err(StoreError::Locked(source_path.display().to_string()));
                    }
                    waited += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                // More: not after a step over all pages, but stepping on is always right.
                _ => {}
            }
        }
    }
    // The copy travels as one self-contained file: no write-ahead log beside it. Opening it as
    // a workspace turns WAL on again.
    to.pragma_update(None, "journal_mode", "DELETE")?;
    check_copy(&to)
}

pub(super) fn check_copy(copy: &Connection) -> Result<()> {
    let check: String = copy.pragma_query_value(None, "integrity_check", |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Damaged(format!(
            "the copy failed its integrity check: {check}"
        )));
    }
    Ok(())
}

/// Seeds the new, empty file `path`: a temporary file of its own that no other process knows of,
/// so no writer's lock is taken.
pub(super) fn initialise(
    path: &Path,
    organisation: &str,
    key: Option<&Passphrase>,
    clock: Clock,
) -> Result<Store> {
    let mut conn = super::sql::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(key) = key {
        cipher::apply_key(&conn, key)?;
    }
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    configure(&conn, false)?;
    migrations().to_latest(&mut conn)?;
    let mut store = Store::new(conn, path, false, key.cloned(), None, clock)?;
    store.edit(|w| w.seed(organisation))?;
    settle_header(&store.conn)?;
    Ok(store)
}
