//! Reading the first sheet of an XLSX workbook within [`bounds`](super::bounds), on any file.
//!
//! Two passes. First the archive itself: every part's declared and actual unpacked size (a zip
//! bomb stops at the limit, whatever its header claims), and every cell reference a sheet holds
//! parsed with checked arithmetic, so that nothing past it meets a reference that overflows
//! (`A99999999999`) or a range that runs backwards. Then calamine streams the first sheet's
//! cells one by one, each position checked against the limits as it comes: the declared range
//! (`A1:XFD1048576`) is never allocated.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use quick_xml::events::{BytesStart, Event};

use super::bounds::{
    Bounded, MAX_CELLS, MAX_COLUMNS, MAX_ENTRIES, MAX_ROWS, MAX_UNZIPPED_BYTES, grouped, too_large,
};
use super::table::{Line, Table, cell_text};
use super::{BadLine, ImportError};

/// Excel's own grid: rows 1 to 1,048,576, columns A to XFD.
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;

pub(super) fn read(path: &Path) -> Result<Table, ImportError> {
    check_archive(path)?;
    read_first_sheet(path)
}

fn unreadable(path: &Path, why: impl std::fmt::Display) -> ImportError {
    ImportError::Read(format!(
        "{}: not a readable XLSX workbook ({why}); save it again as .xlsx or as CSV UTF-8",
        path.display()
    ))
}

/// The first pass: sizes and cell references of every part.
fn check_archive(path: &Path) -> Result<(), ImportError> {
    let file =
        File::open(path).map_err(|e| ImportError::Read(format!("{}: {e}", path.display())))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| unreadable(path, e))?;
    if zip.len() > MAX_ENTRIES {
        return Err(too_large(
            path,
            format_args!("the workbook has {} parts", grouped(zip.len() as u64)),
        ));
    }
    let total = Cell::new(0u64);
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| unreadable(path, e))?;
        let name = entry.name().to_string();
        if entry.size() > MAX_UNZIPPED_BYTES {
            return Err(unpacks_too_large(path, &name, entry.size()));
        }
        let mut part = Bounded {
            inner: entry,
            total: &total,
            limit: MAX_UNZIPPED_BYTES,
        };
        // Every part, whatever its name: a sheet's path is whatever the workbook says.
        let checked = check_references(&mut part);
        // The rest of a part that is not XML (a picture) still counts towards the size.
        let drained = io::copy(&mut part, &mut io::sink());
        if total.get() > MAX_UNZIPPED_BYTES {
            return Err(unpacks_too_large(path, &name, total.get()));
        }
        let why = match (checked, drained) {
            (Err(Refusal::Reference(why)), _) => why,
            (Err(Refusal::Xml(why)), _) if name.ends_with(".xml") => why,
            (_, Err(e)) => e.to_string(),
            _ => continue,
        };
        return Err(unreadable(path, format_args!("{name}: {why}")));
    }
    Ok(())
}

/// Why a part fails the first pass: a reference is refused whatever the part; text that is
/// not XML only where XML is expected.
enum Refusal {
    Reference(String),
    Xml(String),
}

fn unpacks_too_large(path: &Path, part: &str, bytes: u64) -> ImportError {
    too_large(
        path,
        format_args!(
            "the workbook unpacks to more than {} MiB ({part}: {} bytes and more)",
            MAX_UNZIPPED_BYTES / (1024 * 1024),
            grouped(bytes)
        ),
    )
}

/// Parses every cell reference in one XML part: a cell's and a row's `r`, a sheet's declared
/// `dimension`. Other parts hold none of these and pass as they are.
fn check_references(part: &mut impl Read) -> Result<(), Refusal> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    // As leniently as calamine reads, so that whatever it would get past, this pass checks.
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                check_element(&e).map_err(Refusal::Reference)?
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(Refusal::Xml(e.to_string())),
        }
    }
}

/// Whether an attribute's value parses as the reference it must be.
type Parses = fn(&[u8]) -> Option<()>;

fn check_element(e: &BytesStart<'_>) -> Result<(), String> {
    let (key, parse): (&[u8], Parses) = match e.local_name().as_ref() {
        b"c" => (b"r", |v| cell_ref(v).map(|_| ())),
        b"row" => (b"r", |v| row_number(v).map(|_| ())),
        b"dimension" => (b"ref", |v| range_ref(v).map(|_| ())),
        _ => return Ok(()),
    };
    for attribute in e.attributes() {
        let Ok(attribute) = attribute else {
            // calamine refuses a malformed attribute itself, without a panic.
            continue;
        };
        if attribute.key.local_name().as_ref() == key && parse(&attribute.value).is_none() {
            return Err(format!(
                "'{}' is not a cell reference within A1:XFD1048576",
                String::from_utf8_lossy(&attribute.value)
            ));
        }
    }
    Ok(())
}

/// A row number, 1 to 1,048,576; zero-based.
fn row_number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 7 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits.iter().try_fold(0u32, |n, d| {
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })?;
    (1..=EXCEL_ROWS).contains(&n).then(|| n - 1)
}

/// `B7` as (row, column), zero-based, within Excel's grid; anything else is None.
fn cell_ref(text: &[u8]) -> Option<(u32, u32)> {
    let letters = text.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    let (column, row) = text.split_at(letters);
    let column = column.iter().try_fold(0u32, |n, c| {
        n.checked_mul(26)?
            .checked_add(u32::from(c.to_ascii_uppercase() - b'A') + 1)
    })?;
    if column > EXCEL_COLUMNS {
        return None;
    }
    Some((row_number(row)?, column - 1))
}

/// `A1:D20`, or one cell; a range that runs backwards is None.
fn range_ref(text: &[u8]) -> Option<((u32, u32), (u32, u32))> {
    let mut parts = text.split(|&c| c == b':');
    let start = cell_ref(parts.next()?)?;
    let end = match parts.next() {
        Some(p) => cell_ref(p)?,
        None => start,
    };
    if parts.next().is_some() || end.0 < start.0 || end.1 < start.1 {
        return None;
    }
    Some((start, end))
}

/// The second pass: the first sheet's cells, streamed and checked as they come.
fn read_first_sheet(path: &Path) -> Result<Table, ImportError> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).map_err(|e| unreadable(path, e))?;
    let name = book.sheet_names().first().cloned().ok_or_else(|| {
        ImportError::Read(format!("{}: the workbook has no sheet", path.display()))
    })?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| unreadable(path, e))?;
    let declared = cells.dimensions();
    let (rows, columns) = (
        u64::from(declared.end.0) + 1,
        u64::from(declared.end.1.saturating_sub(declared.start.1)) + 1,
    );
    if rows > u64::from(MAX_ROWS) || columns > u64::from(MAX_COLUMNS) || rows * columns > MAX_CELLS
    {
        return Err(too_large(
            path,
            format_args!(
                "sheet '{name}' declares a range to row {} and {} columns",
                grouped(rows),
                grouped(columns)
            ),
        ));
    }
    let mut by_row: BTreeMap<u32, Vec<(u32, Data)>> = BTreeMap::new();
    let mut count = 0u64;
    while let Some(cell) = cells.next_cell().map_err(|e| unreadable(path, e))? {
        let (row, column) = cell.get_position();
        count += 1;
        if row >= MAX_ROWS || column >= MAX_COLUMNS || count > MAX_CELLS {
            return Err(too_large(
                path,
                format_args!(
                    "sheet '{name}' uses cells to row {} and column {}, or more than {} cells",
                    grouped(u64::from(row) + 1),
                    grouped(u64::from(column) + 1),
                    grouped(MAX_CELLS)
                ),
            ));
        }
        let value: Data = cell.get_value().clone().into();
        if value != Data::Empty {
            by_row.entry(row).or_default().push((column, value));
        }
    }
    Ok(lines(by_row))
}

/// Rows as lines, their cells counted from the leftmost column any row uses (as the sheet's
/// used range starts). Lines down to the first that is not blank (the header) reach the
/// rightmost column, so that a value beyond the last named column is ignored, not a stray.
fn lines(by_row: BTreeMap<u32, Vec<(u32, Data)>>) -> Table {
    let first = by_row
        .values()
        .flatten()
        .map(|(c, _)| *c)
        .min()
        .unwrap_or(0);
    let last = by_row
        .values()
        .flatten()
        .map(|(c, _)| *c)
        .max()
        .unwrap_or(0);
    let mut table = Table::default();
    let mut header_seen = false;
    for (row, mut cells) in by_row {
        let line = row as usize + 1;
        cells.sort_by_key(|(c, _)| *c);
        let width = cells.last().map_or(0, |(c, _)| *c - first + 1);
        let width = if header_seen { width } else { last - first + 1 };
        let mut texts = vec![String::new(); width as usize];
        for (column, value) in cells {
            let at = (column - first) as usize;
            match cell_text(&value) {
                Ok(text) => texts[at] = text,
                Err(error) => table.problems.push(BadLine {
                    line,
                    why: format!("column {}: the cell holds the error {error}", at + 1),
                }),
            }
        }
        let line = Line { line, cells: texts };
        header_seen = header_seen || !line.is_blank();
        table.lines.push(line);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_are_parsed_without_overflow() {
        assert_eq!(cell_ref(b"A1"), Some((0, 0)));
        assert_eq!(cell_ref(b"b7"), Some((6, 1)));
        assert_eq!(cell_ref(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref(b"XFE1"), None);
        assert_eq!(cell_ref(b"A1048577"), None);
        assert_eq!(cell_ref(b"A99999999999"), None);
        assert_eq!(cell_ref(b"ZZZZZZZZZZZZ1"), None);
        assert_eq!(cell_ref(b"A0"), None);
        assert_eq!(cell_ref(b"1"), None);
        assert_eq!(cell_ref(b"A"), None);
        assert_eq!(cell_ref(b"$A$1"), None);
        assert_eq!(row_number(b"4294967297"), None);
        assert_eq!(row_number(b"12"), Some(11));
    }

    #[test]
    fn ranges_must_run_forwards() {
        assert_eq!(range_ref(b"A1:C3"), Some(((0, 0), (2, 2))));
        assert_eq!(range_ref(b"B2"), Some(((1, 1), (1, 1))));
        assert_eq!(range_ref(b"C3:A1"), None);
        assert_eq!(range_ref(b"A3:C1"), None);
        assert_eq!(range_ref(b"A1:B2:C3"), None);
        assert_eq!(range_ref(b""), None);
    }

    #[test]
    fn lines_start_at_the_leftmost_column_and_the_header_spans_the_sheet() {
        let mut rows = BTreeMap::new();
        rows.insert(0, vec![(1, Data::String("Name".into()))]);
        rows.insert(
            2,
            vec![(3, Data::Float(3.0)), (1, Data::String("Server".into()))],
        );
        let t = lines(rows);
        assert_eq!(t.lines[0].line, 1);
        assert_eq!(t.lines[0].cells, ["Name", "", ""]);
        assert_eq!(t.lines[1].line, 3);
        assert_eq!(t.lines[1].cells, ["Server", "", "3"]);
    }
}
