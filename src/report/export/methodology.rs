//! The risk methodology of 6.1.2 on paper (`isms export methodology`, and a section of the
//! report): the likelihood and impact scales with their definitions, the matrix (the level each
//! cell gives, highest likelihood first, as a risk matrix is read), the levels with their
//! acceptance criterion, who may accept and how often a risk is reviewed, and the
//! protection-need scale. Every value is the stored methodology's or the domain's answer
//! (`Methodology::level`, `RiskLevel::criterion`); nothing is derived here.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::heading::item_value_table;
use super::tables::{self, Cell, Column, Table, colour_rgb};
use super::{Document, ExportError, ExportFormat, Heading, Sink, What, one_document, single_file};
use crate::domain::methodology::{Methodology, Rating, ScaleStep};
use crate::domain::protection::ProtectionScale;
use crate::domain::readiness::Workspace;
use crate::palette;
use crate::report::listing::Listing;
use crate::store::Store;
use crate::store::target::{self, Existing};

/// Writes the risk methodology (6.1.2) as `format` (xlsx, md, html or json) to `out`, a file
/// or a directory that receives `methodology.<ext>`, and returns the file written.
pub(super) fn export(
    store: &Store,
    format: ExportFormat,
    out: &Path,
    today: NaiveDate,
    existing: Existing,
) -> Result<Vec<PathBuf>, ExportError> {
    let sink = Sink {
        workspace: store.path(),
        existing,
    };
    let path = single_file(out, What::Methodology, format);
    target::check(&path, Some(sink.workspace), existing)?;
    let doc = document(&store.organisation()?, today, &store.workspace()?);
    let bytes = match format {
        ExportFormat::Json => tables::to_json(&doc, What::Methodology)?,
        _ => one_document(store, &doc, format, &path, today)?,
    };
    sink.write(&path, &bytes)?;
    Ok(vec![path])
}

/// The methodology as its own document: a cover, then [`tables`].
pub fn document(organisation: &str, today: NaiveDate, ws: &Workspace) -> Document {
    let heading = Heading::of(organisation, What::Methodology, today, ws);
    let m = &ws.methodology;
    let (steps_l, steps_i) = m.size();
    let objectives: Vec<&str> = ws.objectives.iter().map(|o| o.label()).collect();
    let text = |s: &str| Cell::Text(s.to_string());
    let mut cover = item_value_table(vec![
        ("Organisation", text(organisation)),
        ("Document", text("Risk assessment methodology (6.1.2)")),
        ("Date", Cell::Date(today)),
        (
            "Risk matrix",
            text(&format!(
                "{steps_l} likelihood steps × {steps_i} impact steps, {} risk levels",
                m.levels.len()
            )),
        ),
        (
            "Protection needs",
            text(&format!(
                "{} levels for {}",
                ws.scale.levels.len(),
                objectives.join(", ")
            )),
        ),
    ]);
    cover.title = "Risk methodology".to_string();
    Document {
        heading,
        cover: Some(cover),
        tables: tables(m, &ws.scale),
        heat_maps: Vec::new(),
    }
}

/// The scales, the matrix, the levels and the protection-need scale as tables.
pub fn tables(m: &Methodology, scale: &ProtectionScale) -> Vec<Table> {
    vec![
        steps("likelihood-scale", "Likelihood scale", &m.likelihood),
        steps("impact-scale", "Impact scale", &m.impact),
        matrix(m),
        levels(m),
        protection(scale),
    ]
}

fn text(s: &str) -> Cell {
    Cell::text_or_empty(s)
}

/// A table whose JSON rows are its cells' text under `codes` (numbers stay numbers).
fn table(name: &'static str, title: &str, columns: &[(&str, &str)], rows: Vec<Vec<Cell>>) -> Table {
    let json = Listing {
        columns: columns.iter().map(|(code, _)| code.to_string()).collect(),
        rows: rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Cell::Empty => Value::Null,
                        Cell::Number(n) => json!(n),
                        other => json!(other.text()),
                    })
                    .collect()
            })
            .collect(),
    };
    Table {
        name,
        title: title.to_string(),
        columns: columns
            .iter()
            .map(|(_, header)| Column::new(header))
            .collect(),
        rows,
        json,
    }
}

fn steps(name: &'static str, title: &str, scale: &[ScaleStep]) -> Table {
    let rows = scale
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                Cell::Number((i + 1) as f64),
                text(&s.name),
                text(&s.definition),
            ]
        })
        .collect();
    table(
        name,
        title,
        &[
            ("step", "Step"),
            ("name", "Name"),
            ("definition", "Definition"),
        ],
        rows,
    )
}

/// The level each cell gives: one row per likelihood step, highest first; one column per
/// impact step, lowest first.
fn matrix(m: &Methodology) -> Table {
    let impact: Vec<String> = m
        .impact
        .iter()
        .enumerate()
        .map(|(i, s)| format!("I{} {}", i + 1, s.name))
        .collect();
    let mut columns: Vec<(&str, &str)> = vec![("likelihood", "Likelihood / Impact")];
    columns.extend(impact.iter().map(|h| (h.as_str(), h.as_str())));
    let rows = m
        .likelihood
        .iter()
        .enumerate()
        .rev()
        .map(|(l, step)| {
            let mut row = vec![Cell::Text(format!("L{} {}", l + 1, step.name))];
            row.extend((0..m.impact.len()).map(|i| {
                let rating = u8::try_from(l + 1)
                    .ok()
                    .zip(u8::try_from(i + 1).ok())
                    .map(|(likelihood, impact)| Rating { likelihood, impact });
                match rating.and_then(|r| m.level(r)) {
                    Some(level) => Cell::Level {
                        text: level.name.clone(),
                        fill: colour_rgb(&level.colour),
                    },
                    None => Cell::Empty,
                }
            }));
            row
        })
        .collect();
    table("risk-matrix", "Risk matrix", &columns, rows)
}

fn levels(m: &Methodology) -> Table {
    let rows = m
        .levels
        .iter()
        .map(|l| {
            vec![
                Cell::Level {
                    text: l.name.clone(),
                    fill: colour_rgb(&l.colour),
                },
                Cell::Text(if l.acceptable { "yes" } else { "no" }.to_string()),
                Cell::Text(l.criterion()),
                Cell::Text(l.authority.label().to_string()),
                Cell::Number(f64::from(l.review_months)),
            ]
        })
        .collect();
    table(
        "risk-levels",
        "Risk levels and criteria",
        &[
            ("level", "Level"),
            ("acceptable", "Within the acceptance criteria"),
            ("criterion", "Acceptance criterion"),
            ("authority", "Lowest authority that accepts"),
            ("review_months", "Reviewed every (months)"),
        ],
        rows,
    )
}

/// The protection-need scale, each level coloured by its place on the scale as in the asset
/// inventory.
fn protection(scale: &ProtectionScale) -> Table {
    let top = scale.max_level();
    let rows = scale
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let level = u8::try_from(i + 1).unwrap_or(u8::MAX);
            vec![
                Cell::Number(f64::from(level)),
                Cell::Level {
                    text: l.name.clone(),
                    fill: palette::LEVELS[palette::level_step(level, top)].hex(),
                },
                text(&l.definition),
            ]
        })
        .collect();
    table(
        "protection-scale",
        "Protection-need scale",
        &[
            ("level", "Level"),
            ("name", "Name"),
            ("definition", "Definition"),
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_reads_highest_likelihood_first_with_the_methodology_s_levels() {
        let m = Methodology::default();
        let t = matrix(&m);
        assert_eq!(t.columns[1].header, "I1 negligible");
        assert_eq!(t.rows[0][0].text(), "L5 almost certain");
        // Likelihood 5, impact 1 is the default's medium; likelihood 1, impact 1 its low.
        assert_eq!(t.rows[0][1].text(), "medium");
        assert_eq!(t.rows[4][1].text(), "low");
        assert_eq!(t.rows.len(), 5);
        assert!(t.rows.iter().all(|r| r.len() == 6));
    }

    #[test]
    fn the_levels_name_criterion_authority_and_review() {
        let t = levels(&Methodology::default());
        let critical = &t.rows[3];
        assert_eq!(critical[0].text(), "critical");
        assert_eq!(critical[1].text(), "no");
        assert_eq!(critical[3].text(), "Top management");
        assert_eq!(critical[4], Cell::Number(3.0));
        assert_eq!(t.json.rows[3][4], json!(3.0));
    }
}
