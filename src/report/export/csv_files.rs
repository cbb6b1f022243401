//! CSV: one RFC 4180 UTF-8 file per register (CRLF line ends, `"`-quoted where needed). One register
//! goes to the file `-o` names; several, or a directory as `-o`, go into that directory as
//! `<register>.csv`, together with `cover.csv` naming the organisation, the date and the SoA
//! version (a table file itself has no room for a heading). A text cell a spreadsheet would
//! evaluate as a formula is written as text (see [`crate::report::csv_cell`]).

use std::path::{Path, PathBuf};

use super::tables::{Cell, Column, Table};
use super::{Document, ExportError, Sink, What};
use crate::report::listing::Listing;
use crate::store::target::{self, Existing, TargetError};

/// Writes the CSV files of `doc`. Into a folder, every file is checked before the first is
/// written, so that a refusal (one of them exists, or is the workspace's) writes none.
pub(super) fn write(
    doc: &Document,
    what: What,
    out: &Path,
    sink: &Sink,
) -> Result<Vec<PathBuf>, ExportError> {
    if let ([table], false) = (doc.tables.as_slice(), out.is_dir()) {
        target::check(out, Some(sink.workspace), sink.existing)?;
        sink.write(out, &render(table)?)?;
        return Ok(vec![out.to_path_buf()]);
    }
    let cover = doc.cover.clone().unwrap_or_else(|| about(doc));
    let tables: Vec<&Table> = std::iter::once(&cover).chain(&doc.tables).collect();
    let is_csv_file = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv_file && !out.is_dir() {
        let files: Vec<String> = tables.iter().map(|t| format!("{}.csv", t.name)).collect();
        return Err(ExportError::NeedsDirectory {
            what: what.as_str(),
            path: out.display().to_string(),
            files: files.join(", "),
        });
    }
    let paths: Vec<PathBuf> = tables
        .iter()
        .map(|t| out.join(format!("{}.csv", t.name)))
        .collect();
    if out.is_dir() {
        let mut present = Vec::new();
        for path in &paths {
            match target::check(path, Some(sink.workspace), sink.existing) {
                Ok(_) => {}
                Err(TargetError::Exists(_)) => {
                    present.push(path.file_name().unwrap_or_default().to_string_lossy())
                }
                Err(e) => return Err(e.into()),
            }
        }
        if !present.is_empty() {
            return Err(TargetError::SomeExist {
                folder: out.display().to_string(),
                files: present.join(", "),
            }
            .into());
        }
    } else {
        // A new folder (`-o deliverables/`) is made in an existing one, by the same rule as a
        // file: never a missing parent, a symlink or a name of the workspace's.
        target::check(out, Some(sink.workspace), Existing::Refuse)?;
        std::fs::create_dir(out).map_err(|source| ExportError::Io {
            path: out.display().to_string(),
            source,
        })?;
    }
    for (table, path) in tables.iter().zip(&paths) {
        sink.write(path, &render(table)?)?;
    }
    Ok(paths)
}

/// Organisation, date and SoA version as item and value rows, for an export without a cover.
fn about(doc: &Document) -> Table {
    let h = &doc.heading;
    let row = |item: &str, value: Cell| vec![Cell::Text(item.to_string()), value];
    Table {
        name: "cover",
        title: "Cover".to_string(),
        columns: vec![Column::new("Item"), Column::new("Value")],
        rows: vec![
            row("Organisation", Cell::Text(h.organisation.clone())),
            row("Document", Cell::Text(h.title.clone())),
            row("Date", Cell::Date(h.date)),
            row("SoA version", Cell::Text(h.soa_version.clone())),
        ],
        json: Listing::default(),
    }
}

/// A cell as a CSV field: numbers as they are, text that a spreadsheet would evaluate
/// neutralised.
fn field(cell: &Cell) -> String {
    match cell {
        Cell::Number(_) => cell.text(),
        _ => crate::report::csv_cell(&cell.text()).into_owned(),
    }
}

/// A table as CSV text: the header row, then one record per row.
pub fn render(table: &Table) -> Result<Vec<u8>, ExportError> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(table.columns.iter().map(|c| &c.header))?;
    for row in &table.rows {
        w.write_record(row.iter().map(field))?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Csv(::csv::Error::from(e.into_error())))
}
