//! The corrective actions of the nonconformities, one row each, after the register in the
//! `nonconformities` export and the report: the register shows an action in one cell; a
//! deliverable also needs them as rows to sort and filter by owner, due date and status, with
//! whether each is overdue (judged on the export's today, as NC-002 judges it).

use chrono::NaiveDate;
use serde_json::json;

use super::tables::{Cell, Column, Table};
use crate::domain::nonconformity::{CorrectiveAction, Nonconformity};
use crate::report::listing::Listing;

pub fn table(register: &[Nonconformity], today: NaiveDate) -> Table {
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    };
    let actions: Vec<_> = register
        .iter()
        .flat_map(|n| n.actions.iter().map(move |a| (n, a)))
        .collect();
    // A closed nonconformity's actions are never overdue (as `overdue_actions` says).
    let overdue = |n: &Nonconformity, a: &CorrectiveAction| !n.is_closed() && a.is_overdue(today);
    Table {
        name: "corrective-actions",
        title: "Corrective actions".to_string(),
        columns: [
            "Nonconformity",
            "Action",
            "Owner",
            "Due",
            "Status",
            "Overdue",
        ]
        .iter()
        .map(|h| Column::new(h))
        .collect(),
        rows: actions
            .iter()
            .map(|&(n, a)| {
                vec![
                    Cell::Text(n.reference()),
                    Cell::Text(a.description.clone()),
                    text(&a.owner),
                    a.due_on.map_or(Cell::Empty, Cell::Date),
                    Cell::Text(a.status.label().to_string()),
                    Cell::Text(if overdue(n, a) { "yes" } else { "no" }.to_string()),
                ]
            })
            .collect(),
        json: Listing {
            columns: [
                "nonconformity",
                "action",
                "owner",
                "due_on",
                "status",
                "overdue",
            ]
            .iter()
            .map(|c| c.to_string())
            .collect(),
            rows: actions
                .iter()
                .map(|&(n, a)| {
                    vec![
                        json!(n.reference()),
                        json!(a.description),
                        json!(a.owner),
                        json!(a.due_on),
                        json!(a.status),
                        json!(overdue(n, a)),
                    ]
                })
                .collect(),
        },
    }
}
