//! The limits a spreadsheet import reads within, checked before anything is allocated for what
//! a file declares: a register nobody keeps by hand is refused with a message instead of
//! exhausting memory. The limits are generous for a register (twice the 100,000 assets the
//! budgets look ahead to, at twenty columns) and far below what a crafted file can claim.

use std::cell::Cell;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

use super::ImportError;

/// The largest file read: CSV text or a zipped workbook.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// The most a workbook may unpack to, all its parts together.
pub const MAX_UNZIPPED_BYTES: u64 = 128 * 1024 * 1024;
/// The most parts a workbook may hold.
pub const MAX_ENTRIES: usize = 1_000;
/// The highest row a sheet may use or declare (CSV: the most lines), the header included.
pub const MAX_ROWS: u32 = 200_000;
/// The most columns a sheet may use or declare (CSV: the most cells of a line).
pub const MAX_COLUMNS: u32 = 256;
/// The most cells a sheet or CSV file may hold.
pub const MAX_CELLS: u64 = 4_000_000;

/// `12,345,678`: limits read as people write them.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A refusal naming the file and what is too large.
pub fn too_large(path: &Path, what: impl std::fmt::Display) -> ImportError {
    ImportError::Read(format!(
        "{}: {what}; an import reads at most {} rows, {} columns, {} cells and {} MiB",
        path.display(),
        grouped(u64::from(MAX_ROWS)),
        MAX_COLUMNS,
        grouped(MAX_CELLS),
        MAX_FILE_BYTES / (1024 * 1024),
    ))
}

/// Checks that `path` is a regular file, without opening it: opening a FIFO would wait for a
/// writer, and a device never ends.
pub fn check_regular(path: &Path) -> Result<fs::Metadata, ImportError> {
    let shown = path.display();
    let meta = fs::metadata(path).map_err(|e| ImportError::Read(format!("{shown}: {e}")))?;
    if !meta.is_file() {
        return Err(ImportError::Read(format!(
            "{shown}: {}, not a file",
            crate::store::special_kind(&meta)
        )));
    }
    Ok(meta)
}

/// Checks that `path` is a regular file within [`MAX_FILE_BYTES`]; its size.
pub fn check_file(path: &Path) -> Result<u64, ImportError> {
    let meta = check_regular(path)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(
            path,
            format_args!("the file holds {} bytes", grouped(meta.len())),
        ));
    }
    Ok(meta.len())
}

/// A reader that fails once more than `limit` bytes have gone through it, counting into a
/// total shared by every part of one file.
pub struct Bounded<'c, R> {
    pub inner: R,
    pub total: &'c Cell<u64>,
    pub limit: u64,
}

impl<R: Read> Read for Bounded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let total = self.total.get().saturating_add(n as u64);
        self.total.set(total);
        if total > self.limit {
            return Err(io::Error::other("beyond the size limit"));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(2_000_000), "2,000,000");
    }

    #[test]
    fn a_bounded_reader_stops_past_its_limit() {
        let total = Cell::new(0);
        let mut r = Bounded {
            inner: &[7u8; 100][..],
            total: &total,
            limit: 64,
        };
        let mut sink = Vec::new();
        assert!(r.read_to_end(&mut sink).is_err());
        assert!(sink.len() <= 100);
        assert!(total.get() > 64);
    }
}
