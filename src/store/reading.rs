//! Opening a workspace only to read it. A reading connection opens the file for writing where
//! it can, to tidy up when it closes, but never changes it (`query_only`); on read-only media
//! it opens the file immutable. Either way, reading leaves nothing beside the file.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::cipher::{self, Passphrase};
use super::file::{BUSY_TIMEOUT, FileCheck, checked_header, configure};
use super::schema::LATEST_VERSION;
use super::{Result, Store, StoreError};
use crate::Clock;

/// Opens an existing workspace without ever writing to it: see [`connect_reading`].
pub(super) fn open_reading(
    path: &Path,
    check: &FileCheck,
    key: Option<&Passphrase>,
    clock: Clock,
) -> Result<Store> {
    let key = match (check.salt, key) {
        (Some(_), None) => return Err(StoreError::Encrypted(path.display().to_string())),
        (Some(salt), Some(key)) => Some(key.derived(&salt)?),
        (None, _) => None,
    };
    let too_old = |version: i32| {
        StoreError::ReadOnly(format!(
            "{} (schema {version} must be migrated to {LATEST_VERSION} first)",
            path.display(),
        ))
    };
    // Before SQLite touches the file, as a writer migrating it would copy it first.
    if check.salt.is_none() && check.schema_version < LATEST_VERSION {
        return Err(too_old(check.schema_version));
    }
    let (conn, header, frozen) = connect_reading(path, key.as_ref())?;
    let schema_version = checked_header(path, header)?;
    if schema_version < LATEST_VERSION {
        return Err(too_old(schema_version));
    }
    configure(&conn, true)?;
    if !frozen {
        super::lock::remove_stale(path);
    }
    let mut store = Store::new(conn, path, true, key, None, clock)?;
    store.frozen = frozen;
    Ok(store)
}

/// Opens `path` for reading, keyed with `key` (derived already), and reads its header.
///
/// The connection may write the file's journals but never its content (`query_only`): like a
/// writer, it is allowed to fold the write-ahead log into the file and remove it with the
/// shared-memory file when it is the last to close, so that a command that only read leaves the
/// workspace one file. A folder that takes neither (read-only media) shows when the header is
/// read; with no write-ahead log there, nothing can be writing the file, and it is opened
/// immutable (true when returned): read as it is, with no journal or lock at all.
pub(super) fn connect_reading(
    path: &Path,
    key: Option<&Passphrase>,
) -> Result<(Connection, cipher::Header, bool)> {
    let read = |frozen| {
        let conn = reading_connection(path, frozen)?;
        let header = match key {
            Some(key) => cipher::unlock(&conn, key, path)?,
            None => cipher::Header {
                application_id: conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
                schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
            },
        };
        Ok((conn, header, frozen))
    };
    match read(false) {
        Err(e) if cannot_open(&e) && !journal_exists(path, "-wal") => read(true),
        opened => opened,
    }
}

/// SQLite's "unable to open database file": here, its journals.
pub(super) fn cannot_open(error: &StoreError) -> bool {
    matches!(error, StoreError::Sqlite(e)
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen))
}

/// A connection for reading `path`: see [`connect_reading`].
fn reading_connection(path: &Path, frozen: bool) -> Result<Connection> {
    let conn = if frozen {
        super::sql::open_with_flags(
            immutable_uri(path)?,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?
    } else {
        // Without SQLITE_OPEN_CREATE; SQLite falls back to reading a file it may not write.
        super::sql::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// `file:` URI of `path` that SQLite opens without locks or journals, every byte outside the
/// unreserved characters percent-encoded.
pub(super) fn immutable_uri(path: &Path) -> Result<String> {
    let absolute = std::path::absolute(path).map_err(|e| StoreError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let mut uri = String::from("file://");
    for byte in absolute.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(byte) {
            uri.push(char::from(*byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Ok(uri)
}

pub(super) fn journal_exists(path: &Path, suffix: &str) -> bool {
    let mut journal = path.as_os_str().to_owned();
    journal.push(suffix);
    Path::new(&journal).exists()
}

/// A read-only connection to a workspace this process has open and checked already, for work
/// on another thread, opened as that handle was (`frozen`: see [`connect_reading`]). Its header
/// is not inspected again: right after creation it may still be only in the write-ahead log.
pub(super) fn open_reader(
    path: &Path,
    key: Option<&Passphrase>,
    frozen: bool,
    clock: Clock,
) -> Result<Store> {
    let conn = reading_connection(path, frozen)?;
    if let Some(key) = key {
        cipher::apply_key(&conn, key)?;
    }
    configure(&conn, true)?;
    let mut store = Store::new(conn, path, true, key.cloned(), None, clock)?;
    store.frozen = frozen;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_immutable_uri_encodes_what_a_uri_would_read_otherwise() {
        let uri = immutable_uri(Path::new("/media/USB stick/a?b#c%d-ü.isms")).unwrap();
        assert_eq!(
            uri,
            "file:///media/USB%20stick/a%3Fb%23c%25d-%C3%BC.isms?immutable=1"
        );
        let relative = immutable_uri(Path::new("a.isms")).unwrap();
        assert!(relative.starts_with("file:///"), "{relative}");
        assert!(relative.ends_with("/a.isms?immutable=1"), "{relative}");
    }
}
