//! What changed between two baselines, or a baseline and now (`isms export diff`, `x` in the
//! app), for the client or the auditor: a cover with both sides and the counts per part, then a
//! table per part with each new, changed and removed item, a changed item's fields one per row
//! (before → after). The same comparison as `isms diff` (`report::diff::sides`).

use chrono::NaiveDate;

use super::heading::item_value_table;
use super::tables::{Cell, Table};
use super::{Document, Heading};
use crate::domain::baseline::{Change, Part, diff};
use crate::report::diff::{Side, sides, summary};
use crate::store::{Store, StoreError};

fn text(s: &str) -> Cell {
    Cell::text_or_empty(s)
}

fn side(s: &Side) -> String {
    format!("{} ({})", s.name, s.taken_on)
}

/// The document comparing `from` (default: the last baseline) with `to` (default: now), and
/// the names of both sides.
pub fn document(
    store: &Store,
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(Document, [String; 2]), StoreError> {
    let [(from, before), (to, after)] = sides(store, from, to, today)?;
    let changes = diff(&before, &after);
    let organisation = store.organisation()?;
    let counts: Vec<(String, Cell)> = summary(&changes)
        .into_iter()
        .map(|c| {
            (
                c.part.label().to_string(),
                Cell::Text(format!(
                    "{} new, {} changed, {} removed",
                    c.new, c.changed, c.removed
                )),
            )
        })
        .collect();
    let mut rows: Vec<(&str, Cell)> = vec![
        ("Organisation", text(&organisation)),
        ("From", Cell::Text(side(&from))),
        ("To", Cell::Text(side(&to))),
    ];
    rows.extend(
        counts
            .iter()
            .map(|(part, cell)| (part.as_str(), cell.clone())),
    );
    let mut cover = item_value_table(rows);
    cover.title = "What changed".to_string();
    let tables = Part::ALL
        .iter()
        .map(|&part| part_table(part, &changes))
        .collect();
    let names = [from.name.clone(), to.name.clone()];
    let document = Document {
        heading: Heading {
            title: format!("What changed: {} → {}", from.name, to.name),
            organisation,
            date: today,
            soa_version: format!("{} → {}", side(&from), side(&to)),
            author: super::heading::author(&store.people()?, today),
        },
        cover: Some(cover),
        tables,
        heat_maps: Vec::new(),
    };
    Ok((document, names))
}

/// `diff-2025-now`: the file name of a comparison, its sides' names made safe.
pub fn stem([from, to]: &[String; 2]) -> String {
    let safe = |name: &str| -> String {
        name.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    };
    format!("diff-{}-{}", safe(from), safe(to))
}

/// One part's changes: the item on its first row, each further changed field below it.
fn part_table(part: Part, changes: &[Change]) -> Table {
    let mut rows = Vec::new();
    for c in changes.iter().filter(|c| c.part == part) {
        let head = vec![
            Cell::Text(c.reference.clone()),
            text(&c.title),
            Cell::Text(c.kind.label().to_string()),
        ];
        if c.fields.is_empty() {
            rows.push([head.clone(), vec![Cell::Empty, Cell::Empty, Cell::Empty]].concat());
        }
        for (i, f) in c.fields.iter().enumerate() {
            let lead = if i == 0 {
                head.clone()
            } else {
                vec![Cell::Empty, Cell::Empty, Cell::Empty]
            };
            rows.push(
                [
                    lead,
                    vec![Cell::Text(f.field.clone()), text(&f.before), text(&f.after)],
                ]
                .concat(),
            );
        }
    }
    Table::plain(
        part.as_str(),
        part.label(),
        &["Ref", "Title", "Change", "Field", "Before", "After"],
        rows,
    )
}
