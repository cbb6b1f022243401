//! Imports: registers from the spreadsheets people already keep (CSV or XLSX: assets, risks,
//! scope items), and a whole workspace from the JSON that `isms export workspace` writes.
//!
//! A table import matches columns by header name (case-insensitively, with common synonyms),
//! validates every row through the domain, resolves references, and collects every bad line.
//! If any line is bad nothing is written; otherwise all rows are written in one transaction.

mod assets;
mod bounds;
mod columns;
mod risks;
mod scope;
mod table;
pub mod workspace;
mod xlsx;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use columns::{Header, Spec};
use table::Line;

use crate::domain::reference::{MAX_NUMBER, RefKind};
use crate::domain::text;
use crate::store::{Store, StoreError, Writer};
use crate::string_enum;

pub use workspace::{WorkspaceFile, import_workspace, import_workspace_with};

string_enum!(
    /// The registers a spreadsheet can be imported into.
    Register {
        Assets => "assets", "Assets",
        Risks => "risks", "Risks",
        Scope => "scope", "Scope items",
    }
);

/// What an import created, or would create on a dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub register: Register,
    /// Data rows read (blank lines are skipped).
    pub rows: usize,
    /// One line per new item as it is (or would be) created:
    /// `AS-031 Customer data (information, owner CTO)`.
    pub created: Vec<String>,
    /// Header names that match no known column; their values were not imported.
    pub ignored_columns: Vec<String>,
    /// Ratings of supporting assets equal to what they inherit: confirmed, not kept as
    /// overrides.
    pub confirmed: usize,
    /// Overrides of an inherited need that the file gives no justification for; imported, and
    /// reported by the readiness check until justified: `AS-004 Mail server: confidentiality
    /// very high, inherits high`.
    pub unjustified: Vec<String>,
}

/// A line of the input that cannot be imported, with its number as the user sees it (the
/// header is line 1) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub why: String,
}

impl fmt::Display for BadLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A reason may quote a cell, which may hold anything.
        write!(f, "line {}: {}", self.line, text::shown(&self.why))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read at all (missing, not UTF-8, not a workbook, not the format).
    #[error("{0}")]
    Read(String),
    /// Lines that cannot be imported, every problem of each; nothing was written.
    #[error(
        "{}:\n{}",
        crate::domain::wording::count(distinct_lines(.0), "bad line", "bad lines"),
        .0.iter().map(|l| l.to_string()).collect::<Vec<_>>().join("\n")
    )]
    BadLines(Vec<BadLine>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How many lines the problems are on: a line with three problems is one bad line.
fn distinct_lines(bad: &[BadLine]) -> usize {
    let mut lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
    lines.sort_unstable();
    lines.dedup();
    lines.len()
}

/// A register file read and checked, ready to write: what it will create, and the rows.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub plan: ImportPlan,
    pub rows: Rows,
}

/// The new rows of one register, validated and numbered, with their references resolved.
#[derive(Debug, Clone)]
pub enum Rows {
    Assets(assets::NewAssets),
    Risks(Vec<crate::domain::risk::Risk>),
    Scope(Vec<crate::domain::scope::ScopeItem>),
}

impl Rows {
    /// Writes every row; the caller's transaction makes it all or nothing.
    pub fn write(self, w: &mut Writer<'_>) -> Result<(), StoreError> {
        match self {
            Rows::Assets(new) => new.write(w),
            Rows::Risks(risks) => risks::write(risks, w),
            Rows::Scope(items) => scope::write(items, w),
        }
    }
}

/// Reads a CSV or XLSX file (by extension; the first sheet of a workbook) for `register`; a
/// directory (as a csv export of several registers writes) is read as its `<register>.csv`.
/// Every row is validated and its references resolved against the workspace; if any line is
/// bad, every bad line is returned. Nothing is written: the rows are written by
/// `app::Command::Import`.
pub fn prepare_table(
    store: &Store,
    register: Register,
    path: &Path,
) -> Result<Prepared, ImportError> {
    // An export of several registers is a directory of `<register>.csv` files.
    let in_dir;
    let path = if path.is_dir() {
        in_dir = path.join(format!("{}.csv", register.as_str()));
        in_dir.as_path()
    } else {
        path
    };
    let table = table::read(path)?;
    match register {
        Register::Assets => assets::prepare(store, &table),
        Register::Risks => risks::prepare(store, &table),
        Register::Scope => scope::prepare(store, &table),
    }
}

/// Fails with every bad line, in line order, if there is one.
fn refuse_bad(mut bad: Vec<BadLine>) -> Result<(), ImportError> {
    if bad.is_empty() {
        return Ok(());
    }
    bad.sort_by_key(|b| b.line);
    Err(ImportError::BadLines(bad))
}

/// The column holding a row's own reference (`AS-007`), as an export writes it.
const REF: Spec = Spec {
    names: &["ref", "reference"],
    required: false,
};

/// Where a row goes: its index among the data lines, the number it gets, and the reference
/// the file gives it (if any), which other rows of the file may use to name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    index: usize,
    number: u32,
    file_ref: Option<u32>,
}

/// The order rows are imported in and their numbers. Rows with a `Ref` come first, in the
/// order of their references, then rows without one in file order. When every reference is
/// beyond the last number in use (a new workspace) the rows keep their numbers, so that an
/// export imports back with the same references; otherwise they are numbered on from the
/// last one in use. A reference of the wrong kind or given twice is a bad line.
fn numbering(
    kind: RefKind,
    head: &Header,
    lines: &[&Line],
    last: u32,
    bad: &mut Vec<BadLine>,
) -> Vec<Slot> {
    let mut refs: Vec<Option<u32>> = Vec::with_capacity(lines.len());
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for line in lines {
        let cell = head.cell(line, REF.key());
        if cell.is_empty() {
            refs.push(None);
            continue;
        }
        let Some(n) = kind.parse(cell) else {
            bad.push(BadLine {
                line: line.line,
                why: format!(
                    "ref: '{cell}' is not a reference like {} (numbers 1 to {MAX_NUMBER})",
                    kind.format(7)
                ),
            });
            refs.push(None);
            continue;
        };
        if let Some(before) = seen.insert(n, line.line) {
            bad.push(BadLine {
                line: line.line,
                why: format!("ref: {} is also on line {before}", kind.format(n)),
            });
            refs.push(None);
            continue;
        }
        refs.push(Some(n));
    }
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| (refs[i].is_none(), refs[i]));
    let keep = refs.iter().flatten().all(|&n| n > last);
    let mut next = if keep {
        refs.iter().flatten().copied().max().unwrap_or(0).max(last)
    } else {
        last
    };
    let mut slots = Vec::with_capacity(order.len());
    for index in order {
        let file_ref = refs[index];
        let number = match file_ref {
            Some(n) if keep => n,
            _ => {
                next = next.saturating_add(1);
                next
            }
        };
        if number > MAX_NUMBER {
            bad.push(BadLine {
                line: lines[index].line,
                why: format!(
                    "ref: no number is left after {}; give the row a free reference",
                    kind.format(MAX_NUMBER)
                ),
            });
        }
        slots.push(Slot {
            index,
            number,
            file_ref,
        });
    }
    slots
}

/// Numbered items a cell may name, by reference (`AS-007`) or by name (case-insensitively).
/// Items of a lower tier win a name or a number: the rows of the file being imported before the
/// workspace.
struct Names {
    kind: RefKind,
    what: &'static str,
    items: Vec<Named>,
}

struct Named {
    id: i64,
    number: u32,
    name: String,
    tier: u8,
}

impl Names {
    fn new(kind: RefKind, what: &'static str) -> Self {
        Self {
            kind,
            what,
            items: Vec::new(),
        }
    }

    fn add(&mut self, id: i64, number: u32, name: &str, tier: u8) {
        self.items.push(Named {
            id,
            number,
            name: name.trim().to_lowercase(),
            tier,
        });
    }

    /// `AS-007 Server` for an id, if known.
    fn label(&self, id: i64, names: impl Fn(i64) -> Option<String>) -> String {
        let number = self.items.iter().find(|i| i.id == id).map(|i| i.number);
        match (number, names(id)) {
            (Some(n), Some(name)) => format!("{} {name}", self.kind.format(n)),
            (Some(n), None) => self.kind.format(n),
            _ => format!("#{id}"),
        }
    }

    fn resolve(&self, field: &str, token: &str) -> Result<i64, String> {
        if let Some(number) = self.kind.parse(token) {
            return self
                .items
                .iter()
                .filter(|i| i.number == number)
                .min_by_key(|i| i.tier)
                .map(|i| i.id)
                .ok_or_else(|| format!("{field}: there is no {} {}", self.what, token.trim()));
        }
        let wanted = token.trim().to_lowercase();
        let mut matches: Vec<&Named> = self.items.iter().filter(|i| i.name == wanted).collect();
        if let Some(best) = matches.iter().map(|i| i.tier).min() {
            matches.retain(|i| i.tier == best);
        }
        match matches.as_slice() {
            [one] => Ok(one.id),
            [] => Err(format!(
                "{field}: no {} is called '{}'; give its reference ({}) or its exact name",
                self.what,
                token.trim(),
                self.kind.format(7)
            )),
            many => Err(format!(
                "{field}: '{}' names {} {}s ({}); give the reference instead",
                token.trim(),
                many.len(),
                self.what,
                many.iter()
                    .map(|i| self.kind.format(i.number))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_read_as_a_list() {
        let e = ImportError::BadLines(vec![
            BadLine {
                line: 3,
                why: "title: is required".into(),
            },
            BadLine {
                line: 7,
                why: "impact: 'huge' is not a level".into(),
            },
        ]);
        assert_eq!(
            e.to_string(),
            "2 bad lines:\nline 3: title: is required\nline 7: impact: 'huge' is not a level"
        );
    }

    #[test]
    fn bad_lines_are_counted_as_lines_with_every_problem_listed() {
        let e = ImportError::BadLines(vec![
            BadLine {
                line: 2,
                why: "kind: 'gadget' is not known".into(),
            },
            BadLine {
                line: 2,
                why: "confidentiality: 'huge' is not a level".into(),
            },
            BadLine {
                line: 4,
                why: "name: is required".into(),
            },
        ]);
        assert_eq!(
            e.to_string(),
            "2 bad lines:\nline 2: kind: 'gadget' is not known\n\
             line 2: confidentiality: 'huge' is not a level\nline 4: name: is required"
        );
    }

    #[test]
    fn a_bad_line_quoting_a_cell_cannot_act_on_the_terminal() {
        let line = BadLine {
            line: 2,
            why: "kind: 'esc\u{1b}[2J\nx' is not known".into(),
        };
        assert_eq!(
            line.to_string(),
            "line 2: kind: 'esc\\u{1b}[2J\\nx' is not known"
        );
    }

    #[test]
    fn names_prefer_the_file_and_refuse_ambiguity() {
        let mut n = Names::new(RefKind::Asset, "asset");
        n.add(1, 1, "Server", 1);
        n.add(2, 2, "Laptop", 1);
        n.add(3, 3, "laptop", 1);
        n.add(-1, 4, "Server", 0);
        assert_eq!(n.resolve("depends on", "server"), Ok(-1));
        assert_eq!(n.resolve("depends on", "as-001"), Ok(1));
        assert!(
            n.resolve("depends on", "Laptop")
                .unwrap_err()
                .contains("AS-002, AS-003")
        );
        assert!(
            n.resolve("depends on", "AS-009")
                .unwrap_err()
                .contains("no asset AS-009")
        );
        assert!(n.resolve("depends on", "Printer").is_err());
        assert_eq!(Register::from_str_ok("SCOPE"), Some(Register::Scope));
    }

    impl Register {
        fn from_str_ok(s: &str) -> Option<Self> {
            s.parse().ok()
        }
    }
}
