//! Small helpers for mapping columns to domain values.

use std::str::FromStr;

use rusqlite::types::Type;
use rusqlite::{Connection, OpenFlags, Row};

/// A text column parsed into a domain enum; an unknown code reports the column as damaged.
/// Opens a connection to `path` once SQLite is whole. SQLCipher registers its functions
/// (`sqlcipher_export`, which conversions and backups use) in SQLite's extra initialisation,
/// which SQLite runs outside its own mutex: a connection opened by one thread while another
/// runs that first initialisation can lack them. So the first opening in the process happens
/// once, and every other waits until it is done.
pub fn open_with_flags(
    path: impl AsRef<std::path::Path>,
    flags: OpenFlags,
) -> rusqlite::Result<Connection> {
    static INITIALISED: std::sync::Once = std::sync::Once::new();
    INITIALISED.call_once(|| {
        // Whatever this returns, SQLite has run its initialisation by then.
        let _ = Connection::open_in_memory();
    });
    Connection::open_with_flags(path, flags)
}

/// A stored value this version cannot read, said with where it is: the table (from the
/// statement), the item (its number, reference or name when the statement reads one) and the
/// column, so that the row can be found; SQLite's "conversion error at index 3" names none.
#[derive(Debug)]
pub struct BadValue {
    pub place: String,
    pub why: String,
}

impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: a value this version cannot read ({})",
            self.place, self.why
        )
    }
}

impl std::error::Error for BadValue {}

/// The error for column `idx` of `row`, whose stored value is not what the code expects.
pub fn bad_value(row: &Row<'_>, idx: usize, why: impl std::fmt::Display) -> rusqlite::Error {
    let statement: &rusqlite::Statement<'_> = row.as_ref();
    let column = statement.column_name(idx).unwrap_or("?");
    let table = statement
        .expanded_sql()
        .and_then(|sql| table_of(&sql))
        .unwrap_or_else(|| "?".into());
    let item = ["number", "reference", "name", "id"]
        .iter()
        .find_map(|name| {
            let at = statement.column_index(name).ok()?;
            match row.get::<_, rusqlite::types::Value>(at).ok()? {
                rusqlite::types::Value::Integer(n) => Some(format!("{name} {n}")),
                rusqlite::types::Value::Text(t) => Some(format!("{name} '{t}'")),
                _ => None,
            }
        });
    let place = match item {
        Some(item) => format!("table {table}, the row with {item}, column {column}"),
        None => format!("table {table}, column {column}"),
    };
    let why = why.to_string();
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(BadValue { place, why }))
}

/// The first table a query reads from: the word after its first `FROM`.
fn table_of(sql: &str) -> Option<String> {
    let upper = sql.to_ascii_uppercase();
    let at = upper.find(" FROM ").or_else(|| upper.find("\nFROM "))? + " FROM ".len();
    let table: String = sql[at..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!table.is_empty()).then_some(table)
}

pub fn parse<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s: String = row.get(idx)?;
    s.parse().map_err(|e| bad_value(row, idx, e))
}

/// A text column that may be empty (NULL) parsed into a domain enum, as [`parse`] does.
pub fn parse_optional<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    row.get::<_, Option<String>>(idx)?
        .map(|s| s.parse().map_err(|e| bad_value(row, idx, e)))
        .transpose()
}

/// A comma-separated text column parsed into a list of enums.
pub fn parse_list<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Vec<T>>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s: String = row.get(idx)?;
    s.split(',')
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().map_err(|e| bad_value(row, idx, e)))
        .collect()
}

/// A small level or step as stored, read whatever another tool wrote there: a number past
/// `0..=255` is read as the nearest end, so that it stays off every scale (and the readiness
/// check reports it) instead of making the whole read fail.
pub fn level(row: &Row<'_>, idx: usize) -> rusqlite::Result<u8> {
    Ok(saturated(row.get::<_, i64>(idx)?))
}

/// As [`level`], for a column that may be empty.
pub fn maybe_level(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<u8>> {
    Ok(row.get::<_, Option<i64>>(idx)?.map(saturated))
}

fn saturated(n: i64) -> u8 {
    u8::try_from(n.clamp(0, i64::from(u8::MAX))).unwrap_or(u8::MAX)
}

pub fn join<T: Copy>(items: &[T], code: impl Fn(T) -> &'static str) -> String {
    items.iter().map(|&i| code(i)).collect::<Vec<_>>().join(",")
}

/// The next free reference number in a numbered table.
pub fn next_number(conn: &Connection, table: &str) -> rusqlite::Result<u32> {
    conn.query_row(
        &format!("SELECT COALESCE(MAX(number), 0) + 1 FROM {table}"),
        [],
        |r| r.get(0),
    )
}

/// Runs a query and collects every row through `map`.
pub fn all<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    stmt.query_map([], map)?.collect()
}

/// Runs a query with parameters and collects every row through `map`.
pub fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    conn.prepare_cached(sql)?.query_map(params, map)?.collect()
}

#[cfg(test)]
mod tests {
    use super::table_of;

    #[test]
    fn the_table_is_the_first_one_a_query_reads() {
        assert_eq!(
            table_of("SELECT id, name FROM baselines WHERE id = 3").as_deref(),
            Some("baselines")
        );
        assert_eq!(
            table_of("SELECT a.id\nFROM assets a JOIN risks r").as_deref(),
            Some("assets")
        );
        assert_eq!(table_of("PRAGMA user_version"), None);
    }
}
