//! How the risk picture moved between two snapshots: each risk kept by both whose current
//! cell (residual where rated, else inherent) differs, for the heat map of movements.

use std::collections::BTreeMap;

use super::{Item, Part, Snapshot};
use crate::domain::methodology::Rating;

/// One risk that moved from one cell of the matrix to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub reference: String,
    pub from: Rating,
    pub to: Rating,
}

/// A rating as `freeze` words it (`3 x 4 (high)`); anything else is no rating.
pub fn parse_rating(words: &str) -> Option<Rating> {
    let cell = words.split(" (").next()?;
    let (l, i) = cell.split_once(" x ")?;
    Some(Rating {
        likelihood: l.trim().parse().ok()?,
        impact: i.trim().parse().ok()?,
    })
}

/// The risk's current cell as frozen: the residual rating where there is one, else inherent.
pub fn current_cell(item: &Item) -> Option<Rating> {
    let field = |name: &str| item.fields.get(name).and_then(|v| parse_rating(v));
    field("residual").or_else(|| field("inherent"))
}

/// The risks rated on both sides whose current cell moved, in reference order.
pub fn movements(from: &Snapshot, to: &Snapshot) -> Vec<Movement> {
    let risks = |s: &'_ Snapshot| -> BTreeMap<String, Rating> {
        s.items
            .iter()
            .filter(|i| i.part == Part::Risks)
            .filter_map(|i| Some((i.reference.clone(), current_cell(i)?)))
            .collect()
    };
    let after = risks(to);
    let mut out: Vec<Movement> = risks(from)
        .into_iter()
        .filter_map(|(reference, from)| {
            let to = *after.get(&reference)?;
            (to != from).then_some(Movement {
                reference,
                from,
                to,
            })
        })
        .collect();
    out.sort_by(|a, b| crate::domain::order::natural_cmp(&a.reference, &b.reference));
    out
}

/// A cell of the matrix: likelihood, impact.
pub type Cell = (u8, u8);

/// How many risks moved from each cell to each other cell: `(from, to)` → count.
pub fn moves_between(movements: &[Movement]) -> BTreeMap<(Cell, Cell), usize> {
    let mut counts = BTreeMap::new();
    for m in movements {
        let key = (
            (m.from.likelihood, m.from.impact),
            (m.to.likelihood, m.to.impact),
        );
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risk(reference: &str, inherent: &str, residual: &str) -> Item {
        Item {
            part: Part::Risks,
            reference: reference.into(),
            title: "t".into(),
            fields: [("inherent", inherent), ("residual", residual)]
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn snapshot(items: Vec<Item>) -> Snapshot {
        Snapshot {
            taken_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            parts: Part::ALL.to_vec(),
            items,
        }
    }

    #[test]
    fn a_rating_in_words_reads_back_and_anything_else_is_none() {
        assert_eq!(
            parse_rating("3 x 4 (high)"),
            Some(Rating {
                likelihood: 3,
                impact: 4
            })
        );
        assert_eq!(parse_rating("2 x 1").map(|r| r.impact), Some(1));
        assert_eq!(parse_rating("high"), None);
        assert_eq!(parse_rating(""), None);
    }

    #[test]
    fn only_risks_on_both_sides_whose_current_cell_differs_moved() {
        let from = snapshot(vec![
            risk("R-1", "4 x 4 (critical)", ""),
            risk("R-2", "3 x 3 (high)", "2 x 2 (low)"),
            risk("R-3", "1 x 1 (low)", ""),
            risk("R-10", "2 x 2 (low)", ""),
        ]);
        let to = snapshot(vec![
            // Treated: the residual rating is now its cell.
            risk("R-1", "4 x 4 (critical)", "2 x 3 (medium)"),
            risk("R-2", "3 x 3 (high)", "2 x 2 (low)"),
            risk("R-10", "4 x 4 (critical)", "2 x 3 (medium)"),
            risk("R-4", "5 x 5 (critical)", ""),
        ]);
        let moved = movements(&from, &to);
        let refs: Vec<&str> = moved.iter().map(|m| m.reference.as_str()).collect();
        assert_eq!(refs, ["R-1", "R-10"]);
        let counts = moves_between(&moved);
        assert_eq!(counts.get(&((4, 4), (2, 3))), Some(&1));
        assert_eq!(counts.get(&((2, 2), (2, 3))), Some(&1));
        assert_eq!(counts.len(), 2);
    }
}
