//! Baselines and what changed between two of them (the yearly cycle).
//!
//! A baseline is the ISMS frozen as it stood on a day: assets with their effective protection
//! needs, risks with their inherent and residual ratings, levels and treatment, the treatment
//! actions, the SoA decisions, and the objectives with their latest result. Each item is kept
//! as its reference, its title and named fields in words, so that a baseline reads the same
//! whatever the registers become later, and two baselines (or a baseline and `now`, frozen on
//! the spot) compare field by field: new, changed (before → after) and removed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::evaluation::current_level;
use super::methodology::{Methodology, Rating};
use super::objective::{format_value, with_unit};
use super::order::natural_cmp;
use super::party::InterestedParty;
use super::protection::effective_needs;
use super::readiness::Workspace;
use super::reference::RefKind;
use super::risk::Risk;
use super::scope::ContextIssue;
use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    /// The parts of the ISMS a baseline keeps, in the order a diff lists them.
    Part {
        Issues => "issues", "Context issues",
        Parties => "parties", "Interested parties",
        Assets => "assets", "Assets",
        Needs => "needs", "Protection needs",
        Risks => "risks", "Risks",
        Treatment => "treatment", "Treatment actions",
        Soa => "soa", "SoA decisions",
        Objectives => "objectives", "Objectives",
    }
);

/// One item as it stood: its reference, its title and its fields in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub part: Part,
    pub reference: String,
    pub title: String,
    /// Field name → value in words; an empty value is kept out.
    pub fields: BTreeMap<String, String>,
}

/// The ISMS frozen on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub taken_on: NaiveDate,
    /// The parts it kept: a diff compares only the parts both sides kept (a baseline closed
    /// before issues and parties were kept holds the six others).
    #[serde(default = "parts_before_context")]
    pub parts: Vec<Part>,
    pub items: Vec<Item>,
}

fn parts_before_context() -> Vec<Part> {
    Part::ALL
        .iter()
        .copied()
        .filter(|p| !matches!(p, Part::Issues | Part::Parties))
        .collect()
}

/// A closed cycle's baseline: its name (`2026`), the day it was closed, what it froze.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub id: i64,
    pub name: String,
    pub closed_on: NaiveDate,
    pub snapshot: Snapshot,
    /// How many risks and primary assets' needs its closing marked to re-assess.
    #[serde(default)]
    pub risks_marked: u32,
    #[serde(default)]
    pub needs_marked: u32,
}

/// The fields of a baseline, as errors name them.
pub mod field {
    use crate::domain::text::Field;

    pub const NAME: Field = Field::new("name");
    pub const BASELINE: Field = Field::new("baseline");
}

impl Baseline {
    /// A name to find it by: one line, not `now` (which means the workspace as it stands).
    pub fn check_name(name: &str) -> Result<String, ValidationError> {
        let name = text::required_line(field::NAME, name)?;
        if name.eq_ignore_ascii_case(NOW) {
            return Err(ValidationError::new(
                field::NAME,
                "'now' means the workspace as it stands; give the cycle a name such as 2026",
            ));
        }
        Ok(name)
    }
}

/// The name that means the workspace as it stands, in `isms diff`.
pub const NOW: &str = "now";

string_enum!(
    /// What the open cycle re-assesses: a risk, or a primary asset's protection needs.
    ReassessKind {
        Risk => "risk", "Risk",
        Needs => "needs", "Protection needs",
    }
);

/// One item still to re-assess in the open cycle, since the baseline that opened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reassessment {
    pub kind: ReassessKind,
    /// The risk's or the asset's row id.
    pub item: i64,
    /// Row id of the baseline whose closing marked it.
    pub baseline: i64,
}

/// How far into a cycle its risks are expected to be re-assessed (CYCLE-001 after that).
pub const REASSESS_MONTHS: u32 = 3;

/// The open cycle's start: the day the latest baseline was closed.
pub fn cycle_start(baselines: &[Baseline]) -> Option<&Baseline> {
    baselines.iter().max_by_key(|b| (b.closed_on, b.id))
}

/// The open cycle's progress for `kind`: `(re-assessed, marked)`: what the baseline's closing
/// marked, and how much of it no longer carries its mark.
pub fn progress(baseline: &Baseline, marks: &[Reassessment], kind: ReassessKind) -> (usize, usize) {
    let marked = match kind {
        ReassessKind::Risk => baseline.risks_marked,
        ReassessKind::Needs => baseline.needs_marked,
    } as usize;
    let open = marks
        .iter()
        .filter(|m| m.kind == kind && m.baseline == baseline.id)
        .count();
    (marked.saturating_sub(open), marked)
}

/// A risk's rating in words: `3 x 4 (high)`.
fn rating(m: &Methodology, rating: Option<Rating>) -> String {
    match rating {
        Some(r) => match m.level(r) {
            Some(level) => format!("{} x {} ({})", r.likelihood, r.impact, level.name),
            None => format!("{} x {}", r.likelihood, r.impact),
        },
        None => String::new(),
    }
}

fn item(part: Part, reference: String, title: &str, fields: &[(&str, String)]) -> Item {
    Item {
        part,
        reference,
        title: title.to_string(),
        fields: fields
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect(),
    }
}

/// Freezes the workspace as it stands on `today`.
pub fn freeze(ws: &Workspace, today: NaiveDate) -> Snapshot {
    let mut items = context(&ws.issues, &ws.parties);
    let asset_ref = |id: i64| {
        ws.assets
            .iter()
            .find(|a| a.id == id)
            .map(|a| RefKind::Asset.format(a.number))
            .unwrap_or_default()
    };
    for asset in &ws.assets {
        items.push(item(
            Part::Assets,
            RefKind::Asset.format(asset.number),
            &asset.name,
            &[
                ("kind", asset.kind.label().to_string()),
                ("owner", asset.owner.clone()),
                ("classification", asset.classification.clone()),
            ],
        ));
    }
    let mut needs: BTreeMap<i64, Vec<(&str, String)>> = BTreeMap::new();
    for &objective in &ws.objectives {
        for (asset, need) in effective_needs(&ws.assets, &ws.dependencies, &ws.needs, objective) {
            let name = ws.scale.name(need.level).unwrap_or("");
            let source = match need.source {
                super::protection::NeedSource::Own => String::new(),
                super::protection::NeedSource::Inherited { from } => {
                    format!(", inherited from {}", asset_ref(from))
                }
                super::protection::NeedSource::Override { .. } => ", overridden".to_string(),
            };
            needs
                .entry(asset)
                .or_default()
                .push((objective.label(), format!("{} {name}{source}", need.level)));
        }
    }
    for asset in &ws.assets {
        if let Some(fields) = needs.get(&asset.id) {
            items.push(item(
                Part::Needs,
                RefKind::Asset.format(asset.number),
                &asset.name,
                fields,
            ));
        }
    }
    items.extend(risks(&ws.methodology, &ws.risks));
    for action in &ws.actions {
        items.push(item(
            Part::Treatment,
            RefKind::Action.format(action.number),
            &action.title,
            &[
                ("owner", action.owner.clone()),
                ("due", action.due.map_or(String::new(), |d| d.to_string())),
                ("status", action.status.label().to_string()),
            ],
        ));
    }
    for entry in &ws.soa {
        let title = ws
            .controls
            .iter()
            .find(|c| c.key == entry.control)
            .map_or(String::new(), |c| c.title.clone());
        items.push(item(
            Part::Soa,
            super::control::display_ref(&entry.control),
            &title,
            &[
                ("applicability", entry.applicability.label().to_string()),
                ("status", entry.status.label().to_string()),
                ("owner", entry.owner.clone()),
                ("exclusion", entry.exclusion_justification.clone()),
            ],
        ));
    }
    for objective in &ws.security_objectives {
        let latest = objective.latest(&ws.measurements);
        let target = objective.target.map_or(String::new(), |t| {
            format!(
                "{} {}",
                objective.direction.label().to_lowercase(),
                with_unit(&format_value(t), &objective.unit)
            )
        });
        items.push(item(
            Part::Objectives,
            objective.reference(),
            &objective.statement,
            &[
                ("target", target),
                (
                    "result",
                    latest.map_or(String::new(), |l| {
                        format!(
                            "{} on {}",
                            with_unit(&format_value(l.value), &objective.unit),
                            l.on_date
                        )
                    }),
                ),
                ("status", objective.status.label().to_string()),
            ],
        ));
    }
    Snapshot {
        taken_on: today,
        parts: Part::ALL.to_vec(),
        items,
    }
}

/// The context issues and interested parties as they stand (4.1, 4.2).
pub fn context(issues: &[ContextIssue], parties: &[InterestedParty]) -> Vec<Item> {
    let mut items = Vec::new();
    for issue in issues {
        items.push(item(
            Part::Issues,
            RefKind::ContextIssue.format(issue.number),
            &issue.title,
            &[
                ("kind", issue.kind.label().to_string()),
                ("note", issue.note.clone()),
            ],
        ));
    }
    for party in parties {
        items.push(item(
            Part::Parties,
            RefKind::Party.format(party.number),
            &party.name,
            &[
                ("kind", party.kind.label().to_string()),
                ("requirements", party.requirements.clone()),
                (
                    "addressed",
                    if party.addressed { "yes" } else { "no" }.to_string(),
                ),
            ],
        ));
    }
    items
}

/// The risks with their ratings, level, treatment and status, as they stand.
pub fn risks(m: &Methodology, risks: &[Risk]) -> Vec<Item> {
    risks
        .iter()
        .map(|risk| {
            item(
                Part::Risks,
                RefKind::Risk.format(risk.number),
                &risk.title,
                &[
                    ("owner", risk.owner.clone()),
                    ("inherent", rating(m, risk.inherent)),
                    ("residual", rating(m, risk.residual)),
                    (
                        "level",
                        current_level(m, risk).map_or(String::new(), |l| l.name.clone()),
                    ),
                    (
                        "treatment",
                        risk.treatment
                            .map_or(String::new(), |t| t.label().to_string()),
                    ),
                    ("status", risk.status.label().to_string()),
                ],
            )
        })
        .collect()
}

string_enum!(
    /// How an item moved between two snapshots.
    ChangeKind {
        New => "new", "New",
        Changed => "changed", "Changed",
        Removed => "removed", "Removed",
    }
);

/// One field's move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    /// Empty when the field had no value.
    pub before: String,
    pub after: String,
}

/// One item that is new, changed or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub part: Part,
    pub kind: ChangeKind,
    pub reference: String,
    pub title: String,
    /// For a changed item, each field that moved; empty for new and removed ones.
    pub fields: Vec<FieldChange>,
}

/// What changed from `from` to `to`, part by part, each part in reference order.
pub fn diff(from: &Snapshot, to: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    for &part in Part::ALL
        .iter()
        .filter(|p| from.parts.contains(p) && to.parts.contains(p))
    {
        let before: Vec<&Item> = from.items.iter().filter(|i| i.part == part).collect();
        let after: Vec<&Item> = to.items.iter().filter(|i| i.part == part).collect();
        let mut changes = Vec::new();
        for old in &before {
            match after.iter().find(|n| n.reference == old.reference) {
                None => changes.push(Change {
                    part,
                    kind: ChangeKind::Removed,
                    reference: old.reference.clone(),
                    title: old.title.clone(),
                    fields: Vec::new(),
                }),
                Some(new) => {
                    let fields = field_changes(old, new);
                    if !fields.is_empty() {
                        changes.push(Change {
                            part,
                            kind: ChangeKind::Changed,
                            reference: new.reference.clone(),
                            title: new.title.clone(),
                            fields,
                        });
                    }
                }
            }
        }
        for new in after
            .iter()
            .filter(|n| !before.iter().any(|o| o.reference == n.reference))
        {
            changes.push(Change {
                part,
                kind: ChangeKind::New,
                reference: new.reference.clone(),
                title: new.title.clone(),
                fields: Vec::new(),
            });
        }
        changes.sort_by(|a, b| natural_cmp(&a.reference, &b.reference));
        out.extend(changes);
    }
    out
}

/// The fields that differ, the title first (but for needs), then by name.
fn field_changes(old: &Item, new: &Item) -> Vec<FieldChange> {
    let mut fields = Vec::new();
    // An asset's name is its own change; its needs repeat it only as their heading.
    if old.title != new.title && old.part != Part::Needs {
        fields.push(FieldChange {
            field: "title".into(),
            before: old.title.clone(),
            after: new.title.clone(),
        });
    }
    let names: std::collections::BTreeSet<&String> =
        old.fields.keys().chain(new.fields.keys()).collect();
    for name in names {
        let before = old.fields.get(name).cloned().unwrap_or_default();
        let after = new.fields.get(name).cloned().unwrap_or_default();
        if before != after {
            fields.push(FieldChange {
                field: name.clone(),
                before,
                after,
            });
        }
    }
    fields
}

mod movement;
pub use movement::{Movement, current_cell, movements, moves_between, parse_rating};

#[cfg(test)]
mod tests;
