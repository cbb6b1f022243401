//! The minutes of a management review (`isms export review`, `x` on the Reviews screen): the
//! review, its period, who took part and a line to sign, as a cover; then each input a) to g)
//! with its figures, the items behind them and the reviewer's note; the decisions; the actions.
//! A held review shows the inputs it froze; one being prepared shows them as they stand
//! `today`. Nothing else is dated, so the same workspace gives the same minutes.

use chrono::NaiveDate;

use super::heading::item_value_table;
use super::tables::{Cell, Table};
use super::{Document, ExportError, Heading};
use crate::domain::audit::FindingGrade;
use crate::domain::reference::RefKind;
use crate::domain::review::inputs::{ActionItem, ChangeItem, Inputs, Line};
use crate::domain::review::{Input, Review, ReviewAction, action_reference};
use crate::domain::wording::count;
use crate::store::{Store, StoreError};

/// The review `MR-<number>`, or the latest one for `None`; a clear error when there is none.
pub fn review(store: &Store, number: Option<u32>) -> Result<Review, ExportError> {
    let reviews = store.reviews()?;
    match number {
        Some(n) => reviews
            .into_iter()
            .find(|r| r.number == n)
            .ok_or_else(|| ExportError::UnknownReview(RefKind::Review.format(n))),
        None => reviews
            .into_iter()
            .max_by_key(|r| r.number)
            .ok_or(ExportError::NoReview),
    }
}

/// The minutes of `review` as a document: the cover, one table per input, the decisions and
/// the actions.
pub fn document(store: &Store, review: &Review, today: NaiveDate) -> Result<Document, StoreError> {
    let inputs = store.review_inputs(review, today)?;
    let actions: Vec<ReviewAction> = store
        .review_actions()?
        .into_iter()
        .filter(|a| a.review == review.id)
        .collect();
    let organisation = store.organisation()?;
    let heading = Heading {
        title: format!("Management review {}", review.reference()),
        organisation: organisation.clone(),
        date: today,
        soa_version: format!("{}: {}", review.reference(), state(review, &inputs)),
        author: super::heading::author(&store.people()?, today),
    };
    let note = |input: Input| review.note(input).to_string();
    Ok(Document {
        cover: Some(cover(&organisation, review, &inputs)),
        heading,
        tables: vec![
            input_table(
                "a-actions",
                Input::Actions,
                actions_rows(&inputs.actions),
                &note(Input::Actions),
            ),
            input_table(
                "b-issues",
                Input::Issues,
                change_rows(&inputs.issues),
                &note(Input::Issues),
            ),
            input_table(
                "c-parties",
                Input::Parties,
                change_rows(&inputs.parties),
                &note(Input::Parties),
            ),
            input_table(
                "d-performance",
                Input::Performance,
                performance_rows(&inputs),
                &note(Input::Performance),
            ),
            input_table(
                "e-feedback",
                Input::Feedback,
                Vec::new(),
                &note(Input::Feedback),
            ),
            input_table(
                "f-risks",
                Input::Risks,
                risk_rows(&inputs),
                &note(Input::Risks),
            ),
            input_table(
                "g-improvement",
                Input::Improvement,
                lines(&inputs.improvements, "Opportunity for improvement"),
                &note(Input::Improvement),
            ),
            decisions(review),
            actions_table(review, &actions),
        ],
        heat_maps: Vec::new(),
    })
}

/// `held on 2025-11-20`, or `being prepared: inputs as of 2026-03-31`.
fn state(review: &Review, inputs: &Inputs) -> String {
    match review.held_on.filter(|_| review.is_held()) {
        Some(on) => format!("held on {on}"),
        None => format!("being prepared: inputs as of {}", inputs.to),
    }
}

fn text(s: &str) -> Cell {
    Cell::text_or_empty(s)
}

fn date(d: Option<NaiveDate>) -> Cell {
    Cell::date_or_empty(d)
}

fn cover(organisation: &str, r: &Review, inputs: &Inputs) -> Table {
    let period = inputs.period();
    let missing: Vec<&str> = r.missing_inputs().iter().map(|i| i.label()).collect();
    let mut cover = item_value_table(vec![
        ("Organisation", text(organisation)),
        ("Review", text(&r.reference())),
        ("Title", text(&r.title)),
        ("Status", text(r.status.label())),
        ("Planned on", date(r.planned_on)),
        ("Held on", date(r.held_on.filter(|_| r.is_held()))),
        ("Period", text(&period)),
        ("Participants", text(&r.participants.join(", "))),
        ("Inputs missing", text(&missing.join("; "))),
        (
            "Approved by top management (name, date, signature)",
            Cell::Empty,
        ),
    ]);
    cover.title = "Management review".to_string();
    cover
}

/// A table of the minutes; only the register exports keep JSON rows.
fn table(name: &'static str, title: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    Table::plain(name, title, headers, rows)
}

fn row(reference: &str, item: &str, detail: String) -> Vec<Cell> {
    vec![text(reference), text(item), text(&detail)]
}

/// One input: its rows, then the reviewer's note; `Nothing in this period` when it has neither.
fn input_table(name: &'static str, input: Input, mut rows: Vec<Vec<Cell>>, note: &str) -> Table {
    if !note.trim().is_empty() {
        rows.push(row("", "Note", note.to_string()));
    }
    if rows.is_empty() {
        let empty = if input.is_typed() {
            "Nothing recorded"
        } else {
            "Nothing in this period"
        };
        rows.push(row("", empty, String::new()));
    }
    table(name, input.label(), &["Ref", "Item", "Detail"], rows)
}

fn actions_rows(actions: &[ActionItem]) -> Vec<Vec<Cell>> {
    actions
        .iter()
        .map(|a| {
            let mut detail = a.status.label().to_string();
            if !a.owner.is_empty() {
                detail.push_str(&format!(", {}", a.owner));
            }
            if let Some(due) = a.due_on {
                detail.push_str(&format!(", due {due}"));
            }
            if a.overdue {
                detail.push_str(", overdue");
            }
            row(&a.reference, &a.description, detail)
        })
        .collect()
}

fn change_rows(changes: &[ChangeItem]) -> Vec<Vec<Cell>> {
    changes
        .iter()
        .map(|c| {
            let mut detail = format!("{} on {}", c.change.label(), c.on);
            if !c.fields.is_empty() {
                detail.push_str(&format!(": {}", c.fields.join(", ")));
            }
            row(&c.reference, &c.title, detail)
        })
        .collect()
}

fn lines(lines: &[Line], what: &str) -> Vec<Vec<Cell>> {
    lines
        .iter()
        .map(|l| row(&l.reference, &l.text, what.to_string()))
        .collect()
}

/// d) The figures, then each nonconformity, audit and objective behind them.
fn performance_rows(inputs: &Inputs) -> Vec<Vec<Cell>> {
    let p = &inputs.performance;
    let mut rows = vec![row(
        "",
        "Nonconformities",
        format!(
            "{} raised, {} closed in the period; {} open",
            p.raised, p.closed, p.open
        ),
    )];
    for nc in &p.nonconformities {
        let mut detail = format!(
            "{}, {}, raised {}",
            nc.grade.label(),
            nc.state.label(),
            nc.raised_on
        );
        if nc.overdue_actions > 0 {
            detail.push_str(&format!(
                ", {} overdue",
                count(
                    nc.overdue_actions,
                    "corrective action",
                    "corrective actions"
                )
            ));
        }
        rows.push(row(&nc.reference, &nc.description, detail));
    }
    rows.push(row(
        "",
        "Audit results",
        count(p.audits.len(), "audit", "audits"),
    ));
    for a in &p.audits {
        let findings: Vec<String> = a
            .findings
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(g, n)| format!("{n} {}", grade_word(*g, *n)))
            .collect();
        let on = a.on.map_or_else(String::new, |d| format!(" on {d}"));
        let findings = if findings.is_empty() {
            "no findings".to_string()
        } else {
            findings.join(", ")
        };
        rows.push(row(
            &a.reference,
            &a.title,
            format!(
                "{}{on}, {}: {findings}",
                a.kind.label(),
                a.status.label().to_lowercase()
            ),
        ));
    }
    rows.push(row(
        "",
        "Objectives and measurement results",
        count(p.objectives.len(), "objective", "objectives"),
    ));
    for o in &p.objectives {
        let result = match (&o.latest, o.measured_on) {
            (Some(v), Some(on)) => format!("{v} on {on}"),
            _ => "no result yet".to_string(),
        };
        let verdict = match o.meets {
            Some(true) => ", on target",
            Some(false) => ", off target",
            None => "",
        };
        let trend = o.trend.map_or_else(String::new, |t| {
            format!(", trend {}", t.label().to_lowercase())
        });
        let target = if o.target.is_empty() {
            String::new()
        } else {
            format!("target {}: ", o.target)
        };
        rows.push(row(
            &o.reference,
            &o.statement,
            format!("{target}{result}{verdict}{trend}"),
        ));
    }
    rows
}

fn grade_word(grade: FindingGrade, n: usize) -> &'static str {
    match (grade, n == 1) {
        (FindingGrade::Major, true) => "major nonconformity",
        (FindingGrade::Major, false) => "major nonconformities",
        (FindingGrade::Minor, true) => "minor nonconformity",
        (FindingGrade::Minor, false) => "minor nonconformities",
        (FindingGrade::Observation, true) => "observation",
        (FindingGrade::Observation, false) => "observations",
        (FindingGrade::Improvement, true) => "opportunity for improvement",
        (FindingGrade::Improvement, false) => "opportunities for improvement",
    }
}

/// f) The risk picture's figures, the risks above the criteria, those identified in the
/// period, and the treatment plan with its overdue actions.
fn risk_rows(inputs: &Inputs) -> Vec<Vec<Cell>> {
    let r = &inputs.risks;
    let levels: Vec<String> = r
        .levels
        .iter()
        .map(|l| format!("{} {}", l.count, l.level))
        .collect();
    let mut rows = vec![
        row(
            "",
            "Risks",
            format!(
                "{} ({}), {} not assessed",
                r.risks,
                levels.join(", "),
                r.not_assessed
            ),
        ),
        row(
            "",
            "Above the acceptance criteria",
            r.above_criteria.len().to_string(),
        ),
    ];
    rows.extend(lines(&r.above_criteria, "Above the acceptance criteria"));
    rows.push(row(
        "",
        "Accepted (acceptance in force)",
        r.accepted.to_string(),
    ));
    let new = match inputs.baseline {
        Some(_) => "New since the baseline",
        None => "Identified in the period",
    };
    rows.push(row("", new, r.added.len().to_string()));
    rows.extend(lines(&r.added, new));
    if inputs.baseline.is_some() {
        for (label, items) in [
            ("Changed since the baseline", &r.changed),
            ("Removed since the baseline", &r.removed),
        ] {
            rows.push(row("", label, items.len().to_string()));
            rows.extend(lines(items, label));
        }
    }
    rows.push(row(
        "",
        "Treatment plan",
        format!(
            "{} open, {} done, {} overdue; {} awaiting the owner's approval",
            r.actions_open,
            r.actions_done,
            r.overdue.len(),
            count(r.plan_unapproved, "risk's plan", "risks' plans")
        ),
    ));
    rows.extend(lines(&r.overdue, "Overdue"));
    rows
}

fn decisions(r: &Review) -> Table {
    let mut t = item_value_table(vec![
        ("Decisions on continual improvement", text(&r.improvements)),
        ("Decisions on changes to the ISMS", text(&r.changes)),
        ("Resource needs", text(&r.resources)),
    ]);
    t.name = "decisions";
    t.title = "Decisions".to_string();
    t
}

fn actions_table(r: &Review, actions: &[ReviewAction]) -> Table {
    let rows = actions
        .iter()
        .map(|a| {
            vec![
                Cell::Text(action_reference(r.number, a.number)),
                Cell::Text(a.description.clone()),
                text(&a.owner),
                date(a.due_on),
                Cell::Text(a.status.label().to_string()),
                text(&a.note),
            ]
        })
        .collect();
    table(
        "actions",
        "Actions decided",
        &["Ref", "Action", "Owner", "Due", "Status", "Note"],
        rows,
    )
}
