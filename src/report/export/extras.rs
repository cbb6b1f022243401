//! Free text a deliverable shows but `isms list` leaves out to stay one line per item
//! (descriptions, threat and vulnerability, the treatment rationale), each placed after the
//! column it explains. Rows are matched by their reference in the first column.

use std::collections::HashMap;

use super::tables::{Cell, Column, Table};
use crate::domain::asset::Asset;
use crate::domain::readiness::Workspace;
use crate::domain::reference::RefKind;
use crate::domain::risk::Risk;
use crate::domain::treatment::Action;
use crate::report::listing::Register;

type Field<T> = (&'static str, fn(&T) -> &str);

pub fn add(ws: &Workspace, register: Register, table: &mut Table) {
    match register {
        Register::Risks => {
            let risks: HashMap<String, _> = ws
                .risks
                .iter()
                .map(|r| (RefKind::Risk.format(r.number), r))
                .collect();
            insert(
                table,
                "Title",
                &[
                    ("Description", |r: &Risk| &r.description),
                    ("Threat", |r: &Risk| &r.threat),
                    ("Vulnerability", |r: &Risk| &r.vulnerability),
                ],
                &risks,
            );
            insert(
                table,
                "Treatment",
                &[("Treatment rationale", |r: &Risk| &r.treatment_rationale)],
                &risks,
            );
        }
        Register::Assets => {
            let assets: HashMap<String, _> = ws
                .assets
                .iter()
                .map(|a| (RefKind::Asset.format(a.number), a))
                .collect();
            insert(
                table,
                "Name",
                &[("Description", |a: &Asset| &a.description)],
                &assets,
            );
            rationales(ws, table);
        }
        Register::Actions => {
            let actions: HashMap<String, _> = ws
                .actions
                .iter()
                .map(|a| (RefKind::Action.format(a.number), a))
                .collect();
            insert(
                table,
                "Title",
                &[("Description", |a: &Action| &a.description)],
                &actions,
            );
        }
        _ => {}
    }
}

/// The rationale of the needs set on assets, as a column after each objective's column that
/// has one (`Confidentiality rationale`): an override is only valid with its justification,
/// so an import needs it back. Inherited needs have none of their own.
fn rationales(ws: &Workspace, table: &mut Table) {
    let numbers: HashMap<i64, String> = ws
        .assets
        .iter()
        .map(|a| (a.id, RefKind::Asset.format(a.number)))
        .collect();
    for &objective in &ws.objectives {
        let by_ref: HashMap<String, &str> = ws
            .needs
            .iter()
            .filter(|n| n.objective == objective && !n.rationale.is_empty())
            .filter_map(|n| Some((numbers.get(&n.asset)?.clone(), n.rationale.as_str())))
            .collect();
        if by_ref.is_empty() {
            continue;
        }
        let header = format!("{} rationale", objective.label());
        let Some(at) = table
            .columns
            .iter()
            .position(|c| c.header == objective.label())
        else {
            continue;
        };
        table.columns.insert(at + 1, Column::new(&header));
        for row in &mut table.rows {
            let cell = reference(row)
                .and_then(|r| by_ref.get(r))
                .map_or(Cell::Empty, |text| Cell::Text(text.to_string()));
            row.insert((at + 1).min(row.len()), cell);
        }
    }
}

/// Inserts `fields` as columns after the column headed `after` (at the end when there is none).
fn insert<T>(table: &mut Table, after: &str, fields: &[Field<T>], items: &HashMap<String, &T>) {
    let at = table
        .columns
        .iter()
        .position(|c| c.header == after)
        .map_or(table.columns.len(), |i| i + 1);
    for (offset, (header, _)) in fields.iter().enumerate() {
        table.columns.insert(at + offset, Column::new(header));
    }
    for row in &mut table.rows {
        let item = reference(row).and_then(|r| items.get(r)).copied();
        for (offset, (_, get)) in fields.iter().enumerate() {
            let cell = match item.map(get) {
                Some(text) if !text.is_empty() => Cell::Text(text.to_string()),
                _ => Cell::Empty,
            };
            row.insert((at + offset).min(row.len()), cell);
        }
    }
}

/// The reference in a row's first column, read in place: a register has a row per item.
fn reference(row: &[Cell]) -> Option<&str> {
    match row.first()? {
        Cell::Text(reference) => Some(reference),
        _ => None,
    }
}
