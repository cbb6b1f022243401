//! How a register goes on a page, for every format that prints: the columns an auditor looks
//! at first (the reference, the title, then the short columns: owner, levels, treatment,
//! status, dates) before the long texts, and, when the whole row would not fit an A4
//! landscape page, the long texts moved out of the table into a block per item. Widths are
//! counted in characters of the body text; a column is drawn at most [`WIDEST`] wide, longer
//! text wrapping at word boundaries.

use super::tables::{Cell, Table};

/// A column whose longest line is longer than this holds long text (a description, a note).
const LONG: usize = 40;
/// A column at most this wide is narrow (a date, a number, a code).
const NARROW: usize = 16;
/// The narrowest and widest a column is drawn, in characters.
pub const NARROWEST: usize = 6;
pub const WIDEST: usize = 40;
/// What a cell adds to its text: padding and rules.
const PAD: usize = 2;
/// The width of an A4 landscape page in characters of the HTML's 9 pt body text, margins off.
pub const PAGE: usize = 165;

/// The order of a table's columns on the page, and the ones that go to a block per item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The columns kept in the table, by index, in the order printed.
    pub columns: Vec<usize>,
    /// The long texts (and, on a very wide register, the short columns past the page) printed
    /// under the table, one block per item; empty when the table fits.
    pub details: Vec<usize>,
    /// The columns that name an item's block: the reference and title, and as many of the
    /// table's next columns as tell apart items that share them (a person's several records).
    pub label: Vec<usize>,
    /// How wide each column is drawn, by index.
    pub widths: Vec<usize>,
}

impl Layout {
    /// Every column, in the order printed: those in the table, then those of the blocks.
    pub fn order(&self) -> Vec<usize> {
        self.columns.iter().chain(&self.details).copied().collect()
    }
}

/// The longest line of a cell, in characters.
fn cell_width(cell: &Cell) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Date(_) => 10,
        Cell::Number(n) => n.to_string().len(),
        Cell::Text(text) | Cell::Level { text, .. } => text
            .split('\n')
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0),
    }
}

/// What column `c` needs to show its longest line on one line: a header wraps at its spaces,
/// so only its longest word counts.
pub fn natural(table: &Table, c: usize) -> usize {
    let header = table.columns.get(c).map_or(0, |col| {
        col.header
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    });
    table
        .rows
        .iter()
        .filter_map(|row| row.get(c))
        .map(cell_width)
        .max()
        .unwrap_or(0)
        .max(header)
}

/// How early column `c` claims a place in a table too wide for the page: levels (a risk level,
/// a protection need) and the owner, treatment and status first, then narrow columns (dates,
/// numbers, codes), then the rest.
fn rank(table: &Table, c: usize, natural: usize) -> u8 {
    let header = table
        .columns
        .get(c)
        .map_or(String::new(), |col| col.header.to_lowercase());
    let levels = table
        .rows
        .iter()
        .any(|row| matches!(row.get(c), Some(Cell::Level { .. })));
    let first = ["owner", "treatment", "status", "applicability"].contains(&header.as_str())
        || header.ends_with(" level")
        || header.starts_with("changed since");
    if levels || first {
        0
    } else if natural <= NARROW {
        1
    } else {
        2
    }
}

/// The layout of `table` on a page `page` characters wide. The first two columns (the
/// reference and the title or name) always lead and stay in the table.
pub fn layout(table: &Table, page: usize) -> Layout {
    let n = table.columns.len();
    // Each column's text is measured once: a register may hold tens of thousands of rows.
    let naturals: Vec<usize> = (0..n).map(|c| natural(table, c)).collect();
    let widths: Vec<usize> = naturals
        .iter()
        .map(|w| (*w).clamp(NARROWEST, WIDEST))
        .collect();
    let width = |columns: &[usize]| columns.iter().map(|&c| widths[c] + PAD).sum::<usize>();
    let lead: Vec<usize> = (0..n.min(2)).collect();
    let (long, short): (Vec<usize>, Vec<usize>) =
        (lead.len()..n).partition(|&c| naturals[c] > LONG);
    let mut columns: Vec<usize> = lead.iter().chain(&short).chain(&long).copied().collect();
    if width(&columns) <= page {
        return Layout {
            columns,
            details: Vec::new(),
            label: Vec::new(),
            widths,
        };
    }
    // What an auditor reads first (owner, levels, treatment, status), then the narrow
    // columns, then the rest, while the page has room; the table shows them in their order.
    let mut kept = lead.clone();
    // A long text still fits when the short ones leave room for it (a finding's statement);
    // one an auditor reads first (what changed since the issued SoA) claims its place early.
    let mut by_rank: Vec<usize> = short.iter().chain(&long).copied().collect();
    by_rank.sort_by_cached_key(|&c| match rank(table, c, naturals[c]) {
        0 => 0,
        _ if long.contains(&c) => 3,
        r => r,
    });
    let mut used = width(&kept);
    for &c in &by_rank {
        if used + widths[c] + PAD <= page {
            kept.push(c);
            used += widths[c] + PAD;
        }
    }
    columns = lead;
    columns.extend(short.iter().chain(&long).filter(|c| kept.contains(c)));
    let details: Vec<usize> = short
        .iter()
        .chain(&long)
        .filter(|c| !kept.contains(c))
        .copied()
        .collect();
    let label = label_columns(table, &columns);
    Layout {
        columns,
        details,
        label,
        widths,
    }
}

/// The fewest of `columns` (in order, at least the first two) whose texts tell each row apart.
fn label_columns(table: &Table, columns: &[usize]) -> Vec<usize> {
    let mut label: Vec<usize> = columns.iter().take(2).copied().collect();
    let unique = |label: &[usize]| {
        let mut seen = std::collections::HashSet::new();
        table.rows.iter().all(|row| {
            let key: Vec<String> = label
                .iter()
                .map(|&c| row.get(c).map(Cell::text).unwrap_or_default())
                .collect();
            seen.insert(key)
        })
    };
    for &c in columns.iter().skip(2) {
        if unique(&label) {
            break;
        }
        label.push(c);
    }
    label
}

/// The label of an item's block: its reference and title, and what tells it apart.
pub fn item_label(row: &[Cell], layout: &Layout) -> String {
    layout
        .label
        .iter()
        .map(|&c| row.get(c).map(Cell::text).unwrap_or_default())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The fields of an item's block that hold something: header and cell.
pub fn item_fields<'t>(
    table: &'t Table,
    row: &'t [Cell],
    layout: &Layout,
) -> Vec<(&'t str, &'t Cell)> {
    layout
        .details
        .iter()
        .filter_map(|&c| Some((table.columns.get(c)?.header.as_str(), row.get(c)?)))
        .filter(|(_, cell)| !cell.text().trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        Table::plain("t", "T", headers, rows)
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn a_narrow_table_keeps_its_columns_with_the_long_texts_last() {
        let t = table(
            &["Ref", "Title", "Description", "Owner", "Status"],
            vec![vec![
                text("R-001"),
                text("Ransomware"),
                text(&"encrypts the file server ".repeat(3)),
                text("CTO"),
                text("Open"),
            ]],
        );
        let l = layout(&t, PAGE);
        assert_eq!(l.columns, [0, 1, 3, 4, 2]);
        assert!(l.details.is_empty());
    }

    #[test]
    fn a_wide_table_moves_its_long_texts_to_blocks_and_keeps_what_fits() {
        let long = "a sentence of some length that wraps on paper ".repeat(2);
        let mut headers = vec!["Ref", "Title"];
        let mut row = vec![text("R-001"), text("Ransomware")];
        for h in ["Description", "Cause", "Consequence", "Note"] {
            headers.push(h);
            row.push(text(&long));
        }
        for h in ["Area", "Kind", "Grade", "Mark"] {
            headers.push(h);
            row.push(text("medium"));
        }
        let t = table(&headers, vec![row.clone()]);
        let l = layout(&t, PAGE);
        // The short columns first; then the long texts while the page has room.
        assert_eq!(l.columns, [0, 1, 6, 7, 8, 9, 2, 3]);
        assert_eq!(l.details, [4, 5]);
        let drawn: usize = l.columns.iter().map(|&c| l.widths[c] + PAD).sum();
        assert!(drawn <= PAGE, "{drawn}");
        assert_eq!(item_label(&row, &l), "R-001 · Ransomware");
        // Two records of one person are told apart by the next columns.
        let mut twice = t.clone();
        let mut second = row.clone();
        second[6] = text("CEO");
        twice.rows.push(second.clone());
        let l = layout(&twice, PAGE);
        assert_eq!(item_label(&second, &l), "R-001 · Ransomware · CEO");
        let fields: Vec<&str> = item_fields(&t, &row, &l).iter().map(|f| f.0).collect();
        assert_eq!(fields, ["Consequence", "Note"]);
        // A narrow page leaves short columns to the blocks too, never the reference, and
        // keeps a level before the plain texts.
        let mut levelled = t.clone();
        levelled.rows[0][9] = Cell::Level {
            text: "high".into(),
            fill: 0,
        };
        let narrow = layout(&levelled, 40);
        assert_eq!(&narrow.columns[..2], &[0, 1]);
        assert!(narrow.columns.contains(&9), "{narrow:?}");
        assert!(narrow.details.contains(&8), "{narrow:?}");
        assert_eq!(narrow.order().len(), t.columns.len());
    }

    #[test]
    fn a_header_wraps_at_its_spaces_so_only_its_longest_word_counts() {
        let t = table(&["Inherent likelihood"], vec![vec![text("3")]]);
        assert_eq!(natural(&t, 0), "likelihood".len());
    }
}
