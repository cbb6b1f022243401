//! Reading a spreadsheet into lines of text cells: CSV (RFC 4180, UTF-8, comma, semicolon or
//! tab, as the header line shows) or the first sheet of an XLSX workbook, within bounds. Every
//! line keeps the number the user sees: the physical line of the CSV file where its record
//! starts, or the spreadsheet's row number.

use std::io::Read;
use std::path::Path;

use calamine::Data;

use super::{BadLine, ImportError, bounds};

/// One record: its line (or row) number and its cells, untrimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// What a file held: its records, and what could not be read (a quote left open, a cell with a
/// spreadsheet error) as bad lines.
#[derive(Debug, Default)]
pub(super) struct Table {
    pub lines: Vec<Line>,
    pub problems: Vec<BadLine>,
}

/// Reads `path` by its extension: `.csv`, `.tsv` or `.txt` as CSV, `.xlsx` or `.xlsm` as a
/// workbook (its first sheet). Only a regular file within the [`bounds`](super::bounds) is
/// read; anything larger is refused before it is read.
pub(super) fn read(path: &Path) -> Result<Table, ImportError> {
    let shown = path.display();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => {
            let size = bounds::check_file(path)?;
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            // The file may have grown since it was measured: never more than the limit.
            std::fs::File::open(path)
                .and_then(|f| f.take(bounds::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
                .map_err(|e| ImportError::Read(format!("{shown}: {e}")))?;
            if bytes.len() as u64 > bounds::MAX_FILE_BYTES {
                return Err(bounds::too_large(path, "the file grew while it was read"));
            }
            let text = String::from_utf8(bytes).map_err(|_| {
                ImportError::Read(format!(
                    "{shown}: not UTF-8 text; save the sheet as \"CSV UTF-8\""
                ))
            })?;
            parse_csv(&text).map_err(|too| bounds::too_large(path, too))
        }
        "xlsx" | "xlsm" => {
            bounds::check_file(path)?;
            super::xlsx::read(path)
        }
        // Their readers allocate whatever the file declares before a limit can be checked.
        "xls" | "ods" => Err(ImportError::Read(format!(
            "{shown}: .{ext} workbooks are not read; save the sheet as .xlsx or as CSV UTF-8"
        ))),
        _ => Err(ImportError::Read(format!(
            "{shown}: expected a .csv or .xlsx file"
        ))),
    }
}

/// A cell as the text a user would type: whole numbers without a fraction, dates as ISO dates.
pub(super) fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// The delimiter the header line uses most: comma, semicolon (European Excel) or tab.
fn sniff_delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let count = |d: char| first.chars().filter(|&c| c == d).count();
    [',', ';', '\t']
        .into_iter()
        .fold((',', 0), |best, d| {
            let n = count(d);
            if n > best.1 { (d, n) } else { best }
        })
        .0
}

/// RFC 4180 with the usual leniencies: `\r\n` or `\n`, a quote inside an unquoted field is
/// kept as it is, text after a closing quote is appended. A quote left open swallows the rest
/// of the file, so it is reported at the line where it opened and that record is dropped.
/// Beyond the [`bounds`] (records, cells of a record, cells in all) it stops and says which.
pub(super) fn parse_csv(text: &str) -> Result<Table, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let mut table = Table::default();
    let mut line = 1;
    let mut start = 1;
    let mut cells: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut open_at = 0;
    let mut at_field_start = true;
    let mut total = 0u64;
    // Counts one more cell of the record starting at `start`, within the bounds.
    let mut count = |cells: &[String], start: usize| {
        total += 1;
        if cells.len() >= bounds::MAX_COLUMNS as usize {
            return Err(format!(
                "line {start} has more than {} cells",
                bounds::MAX_COLUMNS
            ));
        }
        if total > bounds::MAX_CELLS {
            return Err(format!(
                "the file has more than {} cells",
                bounds::grouped(bounds::MAX_CELLS)
            ));
        }
        Ok(())
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                open_at = line;
                at_field_start = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                count(&cells, start)?;
                cells.push(std::mem::take(&mut field));
                if table.lines.len() >= bounds::MAX_ROWS as usize {
                    return Err(format!(
                        "the file has more than {} lines",
                        bounds::grouped(u64::from(bounds::MAX_ROWS))
                    ));
                }
                table.lines.push(Line {
                    line: start,
                    cells: std::mem::take(&mut cells),
                });
                line += 1;
                start = line;
                at_field_start = true;
            }
            _ if c == delimiter => {
                count(&cells, start)?;
                cells.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        table.problems.push(BadLine {
            line: open_at,
            why: "a quote opened here is never closed; the rest of the file cannot be read"
                .to_string(),
        });
    } else if !cells.is_empty() || !field.is_empty() {
        count(&cells, start)?;
        cells.push(field);
        table.lines.push(Line { line: start, cells });
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table) -> Vec<(usize, Vec<&str>)> {
        t.lines
            .iter()
            .map(|l| (l.line, l.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_breaks() {
        let t = parse_csv("\u{feff}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",5\" disk\n")
            .unwrap();
        assert_eq!(
            cells(&t),
            [
                (1, vec!["a", "b"]),
                (2, vec!["x, y", "say \"hi\""]),
                (3, vec!["two\nlines", "5\" disk"]),
            ]
        );
        assert!(t.problems.is_empty());
    }

    #[test]
    fn semicolons_and_a_missing_final_newline() {
        let t = parse_csv("name;owner\nHQ;CEO").unwrap();
        assert_eq!(
            cells(&t),
            [(1, vec!["name", "owner"]), (2, vec!["HQ", "CEO"])]
        );
    }

    #[test]
    fn an_open_quote_is_reported_where_it_opened() {
        let t = parse_csv("a,b\n1,2\n\"3,4\n5,6\n").unwrap();
        assert_eq!(cells(&t), [(1, vec!["a", "b"]), (2, vec!["1", "2"])]);
        assert_eq!(t.problems.len(), 1);
        assert_eq!(t.problems[0].line, 3);
    }

    #[test]
    fn spreadsheet_cells_read_as_typed() {
        assert_eq!(cell_text(&Data::Float(3.0)).unwrap(), "3");
        assert_eq!(cell_text(&Data::Float(2.5)).unwrap(), "2.5");
        assert_eq!(cell_text(&Data::Int(7)).unwrap(), "7");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2026-03-31T00:00:00".into())).unwrap(),
            "2026-03-31"
        );
        assert!(cell_text(&Data::Error(calamine::CellErrorType::NA)).is_err());
    }
}
