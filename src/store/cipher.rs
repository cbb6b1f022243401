//! Encryption at rest with SQLCipher: the whole file, change log included, is encrypted with a
//! key derived from the workspace's passphrase. A plain workspace stays an ordinary SQLite file.
//!
//! Converting between the two (and changing the passphrase) never rewrites the file in place:
//! a new file is written beside it, opened again and checked, and only then renamed over the
//! old one, so that an interruption at any moment leaves either the old file or the new one.

use std::fmt;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use super::file::{FileCheck, checked_header, create_private, inspect, remove_with_journals};
use super::schema::APPLICATION_ID;
use super::{Result, StoreError, current_user};
use crate::Clock;

/// How long a wrong passphrase waits before it is said to be wrong, to slow down guessing.
const WRONG_PASSPHRASE_DELAY: Duration = Duration::from_millis(800);

/// SQLCipher 4's key derivation: PBKDF2-HMAC-SHA512 over the passphrase and the file's salt
/// (its first 16 bytes), 256,000 rounds, a 256-bit key.
const KDF_ROUNDS: usize = 256_000;
pub const SALT_LEN: usize = 16;

/// A workspace passphrase, wiped from memory when the last copy is dropped and never printed.
/// Once opened, a workspace holds the key derived from it instead, so that the readers beside
/// it skip the deliberately slow derivation.
#[derive(Clone)]
pub struct Passphrase(Arc<Zeroizing<String>>);

impl Passphrase {
    /// A passphrase as typed to open a workspace (see [`crate::domain::passphrase`]).
    pub fn new(text: String) -> Result<Passphrase> {
        let text = Zeroizing::new(text);
        crate::domain::passphrase::check_given(&text)?;
        Ok(Passphrase(Arc::new(text)))
    }

    /// A new passphrase, typed twice.
    pub fn new_checked(text: String, repeated: &str) -> Result<Passphrase> {
        let text = Zeroizing::new(text);
        crate::domain::passphrase::check_new(&text, repeated)?;
        Ok(Passphrase(Arc::new(text)))
    }

    /// The key SQLCipher would derive from this passphrase for a file with `salt`, in the form
    /// `PRAGMA key` takes a raw key: `x'<key><salt>'` in hex.
    pub(super) fn derived(&self, salt: &[u8; SALT_LEN]) -> Result<Passphrase> {
        let mut key = Zeroizing::new([0u8; 32]);
        let digest = openssl::hash::MessageDigest::sha512();
        openssl::pkcs5::pbkdf2_hmac(
            self.secret().as_bytes(),
            salt,
            KDF_ROUNDS,
            digest,
            &mut *key,
        )
        .map_err(|e| StoreError::Damaged(format!("deriving the key failed: {e}")))?;
        let mut raw = Zeroizing::new(String::with_capacity(3 + 2 * (32 + SALT_LEN)));
        raw.push_str("x'");
        for byte in key.iter().chain(salt) {
            raw.push(char::from(HEX[usize::from(byte >> 4)]));
            raw.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        raw.push('\'');
        Ok(Passphrase(Arc::new(raw)))
    }

    fn secret(&self) -> &str {
        &self.0
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// Keys `conn` with `key`; must come before anything reads the file.
pub(super) fn apply_key(conn: &Connection, key: &Passphrase) -> Result<()> {
    silence_log(conn)?;
    conn.pragma_update(None, "key", key.secret())?;
    Ok(())
}

/// SQLCipher writes its own errors (a wrong key is one) to the terminal, over the app's screen.
/// The level is global to the process; every error it would log reaches the caller anyway.
fn silence_log(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(()),
            e => Err(e),
        })?;
    Ok(())
}

/// What page 1 of an encrypted workspace says once it can be read.
pub(super) struct Header {
    pub application_id: i32,
    pub schema_version: i32,
}

/// Keys `conn` and reads the header through it: the first read is where SQLCipher finds out
/// whether the key fits. A wrong key has read nothing and written nothing.
pub(super) fn unlock(conn: &Connection, key: &Passphrase, path: &Path) -> Result<Header> {
    apply_key(conn, key)?;
    let read = conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0));
    match read {
        Ok(application_id) => Ok(Header {
            application_id,
            schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        }),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            std::thread::sleep(WRONG_PASSPHRASE_DELAY);
            Err(StoreError::WrongPassphrase(path.display().to_string()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Where a conversion can be interrupted, in the order it passes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConvertStep {
    /// Writing the converted copy beside the workspace.
    Copy,
    /// Opening the copy with its new key and checking its integrity.
    Verify,
    /// Flushing the copy to the disk.
    Sync,
    /// Renaming the copy over the workspace.
    Replace,
}

/// An interruption of a conversion, for tests: fail with an error at a step (the conversion
/// cleans up as it would after a real error), or stop dead right after a step (as a `kill -9`
/// or a power cut would, leaving whatever was on disk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interruption {
    FailAt(ConvertStep),
    StopAfter(ConvertStep),
}

/// The file a conversion writes before it replaces the workspace with it.
pub fn converting_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".converting");
    PathBuf::from(p)
}

/// The header check of `path`, refused unless the file is encrypted (or plain, for
/// `encrypted: false`): what a conversion needs before any passphrase is asked for.
pub(super) fn expect_encryption(path: &Path, encrypted: bool) -> Result<FileCheck> {
    let check = inspect(path)?;
    let shown = path.display().to_string();
    match (check.encrypted, encrypted) {
        (false, true) => Err(StoreError::NotEncrypted(shown)),
        (true, false) => Err(StoreError::AlreadyEncrypted(shown)),
        _ => Ok(check),
    }
}

/// Rewrites the workspace at `path` from key `from` to key `to` (`None`: plain SQLite), with
/// the writer's lock held throughout. `from` must match how the file is now.
pub(super) fn convert(
    path: &Path,
    from: Option<&Passphrase>,
    to: Option<&Passphrase>,
    interruption: Option<Interruption>,
    clock: Clock,
) -> Result<()> {
    let before = super::lock::identity(path);
    let check = expect_encryption(path, from.is_some())?;
    // The rename would replace the link and leave the file it points to as it was (plain,
    // after an "encrypt").
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(super::TargetError::Symlink(path.display().to_string()).into());
    }
    if !check.writable {
        return Err(StoreError::ReadOnly(path.display().to_string()));
    }
    // A conversion never runs beside another isms: whoever has the file (the app, an import,
    // another conversion) makes this one say so, instead of failing on a file in mid-change.
    let task = Some("converting it");
    let _lock = super::lock::acquire_for(path, &current_user()?, task, before, clock).map_err(
        |e| match e {
            StoreError::InUse { path, holder } => StoreError::Busy {
                path,
                why: format!("open in another isms ({holder})"),
            },
            e => e,
        },
    )?;
    // Derived once, for the check here and the copy's reading of the source.
    let from = match (check.salt, from) {
        (Some(salt), Some(key)) => Some(key.derived(&salt)?),
        _ => None,
    };
    let source = super::sql::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let version = match &from {
        Some(key) => checked_header(path, unlock(&source, key, path)?)?,
        None => check.schema_version,
    };
    let temp = converting_path(path);
    // A copy left by a conversion that was cut off: the lock says none is running now.
    remove_with_journals(&temp);
    let stop = |step| interruption == Some(Interruption::StopAfter(step));
    let fail = |step| {
        if interruption == Some(Interruption::FailAt(step)) {
            Err(StoreError::Io {
                path: temp.display().to_string(),
                source: std::io::Error::other(format!("interrupted at {step:?} on purpose")),
            })
        } else {
            Ok(())
        }
    };
    let steps = (|| {
        fail(ConvertStep::Copy)?;
        create_private(&temp).map_err(|e| io(&temp, e))?;
        drop(copy_into(path, false, from.as_ref(), &temp, to)?);
        // Closing the last connection folds its write-ahead log into the file.
        source.close().map_err(|(_, e)| StoreError::from(e))?;
        if stop(ConvertStep::Copy) {
            return Ok(false);
        }
        fail(ConvertStep::Verify)?;
        verify(&temp, to, version)?;
        if stop(ConvertStep::Verify) {
            return Ok(false);
        }
        fail(ConvertStep::Sync)?;
        File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(|e| io(&temp, e))?;
        if stop(ConvertStep::Sync) {
            return Ok(false);
        }
        fail(ConvertStep::Replace)?;
        // `temp` was made 0600 (`create_private`): the workspace ends private whatever its mode
        // was, by the same rename every file isms writes is put in place with.
        fs::rename(&temp, path).map_err(|e| io(path, e))?;
        super::target::sync_folder(path);
        Ok(true)
    })();
    match steps {
        Ok(_) => Ok(()),
        Err(e) => {
            remove_with_journals(&temp);
            Err(e)
        }
    }
}

/// A path as ATTACH takes it: text.
fn sql_path(path: &Path) -> Result<&str> {
    path.to_str()
        .ok_or_else(|| io(path, std::io::Error::other("the path is not valid UTF-8")))
}

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Opens the converted copy with its own key, as a workspace will be opened, and checks it.
fn verify(temp: &Path, key: Option<&Passphrase>, version: i32) -> Result<()> {
    let conn = super::sql::open_with_flags(
        temp,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let header = match key {
        Some(key) => unlock(&conn, key, temp)?,
        None => Header {
            application_id: conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
            schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        },
    };
    let integrity: String = conn.pragma_query_value(None, "integrity_check", |r| r.get(0))?;
    if integrity != "ok" || header.application_id != APPLICATION_ID {
        return Err(StoreError::Damaged(format!(
            "the converted copy failed its check ({integrity}); the workspace is unchanged"
        )));
    }
    if header.schema_version != version {
        return Err(StoreError::Damaged(format!(
            "the converted copy has schema {} instead of {version}; the workspace is unchanged",
            header.schema_version
        )));
    }
    Ok(())
}

/// Copies the workspace `source` (opened with `source_key`, plain without one) into the new,
/// empty file `dest`, keyed with `dest_key` (plain without one), in one read transaction of the
/// source, and returns the copy's connection for checks. The source is attached to the copy's
/// connection, so that it is only ever read; `frozen` attaches it immutable, for a source on
/// media that take no journal.
pub(super) fn copy_into(
    source: &Path,
    frozen: bool,
    source_key: Option<&Passphrase>,
    dest: &Path,
    dest_key: Option<&Passphrase>,
) -> Result<Connection> {
    let (source, flags, dest) = if frozen {
        // Attaching by URI needs URIs turned on, which a plain path then must not look like.
        let dest = std::path::absolute(dest).map_err(|e| io(dest, e))?;
        (
            super::reading::immutable_uri(source)?,
            OpenFlags::SQLITE_OPEN_URI,
            dest,
        )
    } else {
        (
            sql_path(source)?.to_string(),
            OpenFlags::empty(),
            dest.to_path_buf(),
        )
    };
    let to = super::sql::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | flags,
    )?;
    silence_log(&to)?;
    if let Some(dest_key) = dest_key {
        apply_key(&to, dest_key)?;
    }
    let source_key = source_key.map_or("", Passphrase::secret);
    to.execute("ATTACH DATABASE ?1 AS source KEY ?2", (source, source_key))?;
    // A failure drops the connection, which rolls back and detaches.
    to.execute_batch("BEGIN")?;
    let version: i32 = to.pragma_query_value(Some("source"), "user_version", |r| r.get(0))?;
    to.query_row("SELECT sqlcipher_export('main', 'source')", [], |_| Ok(()))?;
    to.pragma_update(None, "application_id", APPLICATION_ID)?;
    to.pragma_update(None, "user_version", version)?;
    to.execute_batch("COMMIT")?;
    to.execute("DETACH DATABASE source", [])?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_key_is_sqlciphers_raw_key_form_and_depends_on_passphrase_and_salt() {
        let pass = Passphrase::new("correct horse battery".into()).unwrap();
        let salt = [7u8; SALT_LEN];
        let derived = pass.derived(&salt).unwrap();
        let raw = derived.secret();
        assert!(raw.starts_with("x'") && raw.ends_with('\''), "{raw}");
        let hex = &raw[2..raw.len() - 1];
        assert_eq!(hex.len(), 2 * (32 + SALT_LEN));
        assert!(hex.ends_with(&"07".repeat(SALT_LEN)), "the salt comes last");
        assert_eq!(pass.derived(&salt).unwrap().secret(), raw, "deterministic");
        assert_ne!(pass.derived(&[8u8; SALT_LEN]).unwrap().secret(), raw);
        let other = Passphrase::new("correct horse battery!".into()).unwrap();
        assert_ne!(other.derived(&salt).unwrap().secret(), raw);
        assert_eq!(format!("{derived:?}"), "Passphrase(hidden)");
    }
}
