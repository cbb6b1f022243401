//! The risk acceptances in full (6.1.3 f, 8.3): every recorded acceptance, expired and
//! superseded ones too, with who accepted, on which day, with which authority, the residual
//! level accepted, until when and the note. The risk register's listing shows only the latest;
//! an auditor reads the record. Where each stands is `evaluation::acceptance_state`'s answer.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::tables::{Cell, Column, Table, colour_rgb};
use crate::domain::evaluation::acceptance_state;
use crate::domain::readiness::Workspace;
use crate::domain::reference::RefKind;
use crate::domain::risk::Risk;
use crate::report::listing::Listing;

const COLUMNS: [(&str, &str); 9] = [
    ("risk", "Risk"),
    ("title", "Risk title"),
    ("accepted_by", "Accepted by"),
    ("accepted_on", "Accepted on"),
    ("authority", "Authority"),
    ("level", "Residual level accepted"),
    ("until", "Until"),
    ("state", "State"),
    ("note", "Note"),
];

/// Every acceptance, by risk and then by date, as a table (with its JSON rows).
pub fn table(ws: &Workspace, today: NaiveDate) -> Table {
    let risks: HashMap<i64, &Risk> = ws.risks.iter().map(|r| (r.id, r)).collect();
    let mut acceptances: Vec<_> = ws
        .acceptances
        .iter()
        .map(|a| (risks.get(&a.risk).copied(), a))
        .collect();
    acceptances.sort_by_key(|(risk, a)| (risk.map(|r| r.number), a.accepted_on, a.id));
    let text = |s: &str| {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    };
    let colour = |name: &str| {
        ws.methodology
            .levels
            .iter()
            .find(|l| l.name == name)
            .map(|l| colour_rgb(&l.colour))
    };
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for (risk, a) in acceptances {
        let reference = risk.map_or(String::new(), |r| RefKind::Risk.format(r.number));
        let state = acceptance_state(a, &ws.acceptances, today);
        rows.push(vec![
            text(&reference),
            text(risk.map_or("", |r| r.title.as_str())),
            text(&a.accepted_by),
            Cell::Date(a.accepted_on),
            Cell::Text(a.authority.label().to_string()),
            match colour(&a.level) {
                Some(fill) => Cell::Level {
                    text: a.level.clone(),
                    fill,
                },
                None => text(&a.level),
            },
            a.until.map_or(Cell::Empty, Cell::Date),
            Cell::Text(state.label().to_string()),
            text(&a.note),
        ]);
        json_rows.push(vec![
            json!(reference),
            risk.map_or(Value::Null, |r| json!(r.title)),
            json!(a.accepted_by),
            json!(a.accepted_on),
            json!(a.authority),
            json!(a.level),
            json!(a.until),
            json!(state),
            json!(a.note),
        ]);
    }
    Table {
        name: "acceptances",
        title: "Risk acceptances".to_string(),
        columns: COLUMNS.iter().map(|(_, h)| Column::new(h)).collect(),
        rows,
        json: Listing {
            columns: COLUMNS.iter().map(|(c, _)| c.to_string()).collect(),
            rows: json_rows,
        },
    }
}
