//! The `.docx` package: what `docx-rs` cannot say yet, and fixed bytes.
//!
//! `docx-rs` 0.4 has no setter for a table row's `w:tblHeader` (repeat as header row on each
//! page). Header rows are the only rows these documents keep whole (`w:cantSplit`), so that
//! mark is followed by `w:tblHeader` in the built document part, the one change made to what
//! `docx-rs` writes (text from the data is escaped, `&lt;w:cantSplit`, so data never matches
//! the mark). The package is then written again with our `zip`: compressed, every entry
//! dated 1980-01-01 whatever features the crates' `zip` builds with, so that the same document
//! gives the same bytes.

use std::io::{Cursor, Read, Write};

use docx_rs::{TableRow, XMLDocx};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

const CANT_SPLIT: &str = "<w:cantSplit />";
const HEADER_ROW: &str = "<w:cantSplit /><w:tblHeader />";

/// `row` marked as a header row: kept whole, and repeated on each page (see [`pack`]).
pub fn repeat_as_header(row: TableRow) -> TableRow {
    row.cant_split()
}

/// The built parts as the bytes of a `.docx` file.
pub fn pack(mut xml: XMLDocx) -> std::io::Result<Vec<u8>> {
    let document = String::from_utf8_lossy(&xml.document).replace(CANT_SPLIT, HEADER_ROW);
    xml.document = document.into_bytes();
    let mut built = Cursor::new(Vec::new());
    xml.pack(&mut built).map_err(std::io::Error::other)?;
    let mut archive =
        ZipArchive::new(Cursor::new(built.into_inner())).map_err(std::io::Error::other)?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(std::io::Error::other)?;
        let name = entry.name().to_string();
        if entry.is_dir() {
            // Word needs no folder entries; leaving them out keeps the package minimal.
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        out.start_file(name, options)
            .map_err(std::io::Error::other)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish().map_err(std::io::Error::other)?.into_inner())
}
