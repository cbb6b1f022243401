//! Matching header names to the columns a register knows (case-insensitively, with common
//! synonyms), and reading the cell values every register shares: levels, yes/no, lists.

use std::collections::HashMap;

use super::BadLine;
use super::table::{Line, Table};

/// A column a register knows: its canonical name first, then the synonyms people use.
pub(super) struct Spec {
    pub names: &'static [&'static str],
    pub required: bool,
}

impl Spec {
    pub fn key(&self) -> &'static str {
        self.names.first().copied().unwrap_or("")
    }
}

/// `Asset Owner`, `asset_owner` and `ASSET-OWNER:` all read `asset owner`; umlauts are
/// spelt out as a keyboard without them writes them (`Integrität`, `Integritaet`: `integritaet`).
pub(super) fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.to_lowercase().chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words German registers rate with, by the size of the scale: `hoch` is the second of
/// three levels, the third of four.
fn german_levels(levels: usize) -> &'static [&'static str] {
    match levels {
        3 => &["normal", "hoch", "sehr hoch"],
        4 => &["niedrig", "normal", "hoch", "sehr hoch"],
        _ => &[],
    }
}

/// Where each known column is, the columns nobody knows, and the data lines below the header.
pub(super) struct Header {
    at: HashMap<&'static str, usize>,
    width: usize,
    pub ignored: Vec<String>,
}

impl Header {
    /// The trimmed cell of column `key` on `line`; empty when the column is absent.
    pub fn cell<'a>(&self, line: &'a Line, key: &str) -> &'a str {
        self.at
            .get(key)
            .and_then(|&i| line.cells.get(i))
            .map_or("", |c| c.trim())
    }

    pub fn has(&self, key: &str) -> bool {
        self.at.contains_key(key)
    }

    /// A line with values beyond the header's last column.
    pub fn overflow(&self, line: &Line) -> Option<BadLine> {
        let extra = line
            .cells
            .iter()
            .skip(self.width)
            .filter(|c| !c.trim().is_empty())
            .count();
        (extra > 0).then(|| BadLine {
            line: line.line,
            why: format!(
                "has {} values where the header has {} columns; quote values that contain the delimiter",
                line.cells.len(),
                self.width
            ),
        })
    }
}

/// Finds the header (the first line that is not blank) and the data lines below it. A missing
/// required column, or two columns meaning the same, is a bad header line; with a required
/// column missing no data line is returned.
pub(super) fn header<'t>(
    table: &'t Table,
    specs: &[Spec],
    problems: &mut Vec<BadLine>,
) -> (Header, Vec<&'t Line>) {
    header_preferring(table, specs, &[], problems)
}

/// As [`header`], but a column named as one of the `derived` synonyms gives way to another
/// column of the same meaning instead of clashing with it: it is ignored then. (An export's
/// `Category` is derived from its `Kind`.)
pub(super) fn header_preferring<'t>(
    table: &'t Table,
    specs: &[Spec],
    derived: &[&str],
    problems: &mut Vec<BadLine>,
) -> (Header, Vec<&'t Line>) {
    let mut lines = table.lines.iter().filter(|l| !l.is_blank());
    let Some(first) = lines.next() else {
        problems.push(BadLine {
            line: 1,
            why: "the file is empty; expected a header line naming the columns".to_string(),
        });
        let empty = Header {
            at: HashMap::new(),
            width: 0,
            ignored: Vec::new(),
        };
        return (empty, Vec::new());
    };
    let mut at: HashMap<&'static str, usize> = HashMap::new();
    let mut ignored = Vec::new();
    for (i, raw) in first.cells.iter().enumerate() {
        let name = normalise(raw);
        if name.is_empty() {
            continue;
        }
        let Some(spec) = specs.iter().find(|s| s.names.contains(&name.as_str())) else {
            ignored.push(raw.trim().to_string());
            continue;
        };
        if let Some(&before) = at.get(spec.key()) {
            let before_name = normalise(&first.cells[before]);
            if derived.contains(&name.as_str()) {
                ignored.push(raw.trim().to_string());
                continue;
            }
            if derived.contains(&before_name.as_str()) {
                ignored.push(first.cells[before].trim().to_string());
                at.insert(spec.key(), i);
                continue;
            }
            problems.push(BadLine {
                line: first.line,
                why: format!(
                    "columns '{}' and '{}' both mean {}; keep one",
                    first.cells[before].trim(),
                    raw.trim(),
                    spec.key()
                ),
            });
        } else {
            at.insert(spec.key(), i);
        }
    }
    let mut missing = false;
    for spec in specs
        .iter()
        .filter(|s| s.required && !at.contains_key(s.key()))
    {
        missing = true;
        problems.push(BadLine {
            line: first.line,
            why: format!(
                "no '{}' column; name one of the columns {}",
                spec.key(),
                quoted_or(spec.names)
            ),
        });
    }
    let header = Header {
        at,
        width: first.cells.len(),
        ignored,
    };
    // Without a required column every row would fail for it alone: the header says it once.
    if missing {
        return (header, Vec::new());
    }
    (header, lines.collect())
}

fn quoted_or(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let refs: Vec<&str> = quoted.iter().map(String::as_str).collect();
    crate::domain::enums::join_or(&refs)
}

/// A level given as its number (`3`) or its name on the scale (`very high`); empty is none.
pub(super) fn level(field: &str, value: &str, names: &[&str]) -> Result<Option<u8>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let max = names.len();
    if let Ok(n) = v.parse::<usize>()
        && (1..=max).contains(&n)
    {
        return Ok(u8::try_from(n).ok());
    }
    let wanted = normalise(v);
    if let Some(i) = names.iter().position(|n| normalise(n) == wanted) {
        return Ok(u8::try_from(i + 1).ok());
    }
    if let Some(i) = german_levels(max).iter().position(|n| *n == wanted) {
        return Ok(u8::try_from(i + 1).ok());
    }
    Err(format!(
        "{field}: '{v}' is not a level; expected 1 to {max} or {}",
        names.join(", ")
    ))
}

/// Yes or no as spreadsheets write it; an empty cell is no (a column of crosses).
pub(super) fn yes_no(field: &str, value: &str) -> Result<bool, String> {
    match normalise(value).as_str() {
        "yes" | "y" | "true" | "x" | "1" | "in" | "included" => Ok(true),
        "" | "no" | "n" | "false" | "0" | "out" | "excluded" | "-" => Ok(false),
        _ if value.trim() == "✓" || value.trim() == "✔" => Ok(true),
        _ => Err(format!(
            "{field}: '{}' is not yes or no; expected yes, no, true, false or x",
            value.trim()
        )),
    }
}

/// A list in one cell: separated by semicolons, or by commas when there is no semicolon.
pub(super) fn list(value: &str) -> Vec<String> {
    let separator = if value.contains(';') { ';' } else { ',' };
    let mut items: Vec<String> = Vec::new();
    for item in value
        .split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if !items.iter().any(|i| i.eq_ignore_ascii_case(item)) {
            items.push(item.to_string());
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_normalised() {
        assert_eq!(normalise(" Asset_Owner* "), "asset owner");
        assert_eq!(normalise("In ISMS?"), "in isms");
        assert_eq!(normalise("INTEGRITÄT"), "integritaet");
        assert_eq!(normalise("Verfügbarkeit"), normalise("Verfuegbarkeit"));
        assert_eq!(normalise("Abhängig von:"), "abhaengig von");
    }

    #[test]
    fn german_level_words_on_the_default_scales() {
        let three = ["normal", "high", "very high"];
        assert_eq!(level("c", "hoch", &three), Ok(Some(2)));
        assert_eq!(level("c", "Sehr hoch", &three), Ok(Some(3)));
        let four = ["low", "medium", "high", "very high"];
        assert_eq!(level("c", "niedrig", &four), Ok(Some(1)));
        assert_eq!(level("c", "hoch", &four), Ok(Some(3)));
        assert!(level("c", "mittel", &three).is_err());
    }

    #[test]
    fn levels_by_number_or_name() {
        let names = ["normal", "high", "very high"];
        assert_eq!(level("c", "3", &names), Ok(Some(3)));
        assert_eq!(level("c", "Very High", &names), Ok(Some(3)));
        assert_eq!(level("c", " ", &names), Ok(None));
        assert_eq!(
            level("c", "4", &names).unwrap_err(),
            "c: '4' is not a level; expected 1 to 3 or normal, high, very high"
        );
    }

    #[test]
    fn lists_split_on_semicolons_first() {
        assert_eq!(list("AS-001; Müller, Söhne"), ["AS-001", "Müller, Söhne"]);
        assert_eq!(list("AS-001, AS-002, as-001"), ["AS-001", "AS-002"]);
        assert!(list(" ").is_empty());
    }

    #[test]
    fn yes_and_no() {
        assert_eq!(yes_no("in isms", "X"), Ok(true));
        assert_eq!(yes_no("in isms", ""), Ok(false));
        assert!(yes_no("in isms", "maybe").is_err());
    }
}
