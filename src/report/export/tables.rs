//! The registers as tables of typed cells, built once from the listings of `isms list` and
//! rendered by every format: human headers, labels instead of codes, dates as dates, levels with
//! the colour the methodology gives them.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

use super::{Document, What};
use crate::domain::asset::{AssetCategory, AssetKind};
use crate::domain::audit::{AuditKind, AuditStatus, FindingGrade, names_clause};
use crate::domain::clause::ClauseStatus;
use crate::domain::control::{Theme, display_ref};
use crate::domain::document::{DocKind, DocStatus};
use crate::domain::evaluation::RiskFlag;
use crate::domain::methodology::Methodology;
use crate::domain::nonconformity::{NcGrade, NcSource, NcState};
use crate::domain::objective::{BuiltinMeasure, Direction, ObjectiveStatus, Trend};
use crate::domain::party::PartyKind;
use crate::domain::protection::{Objective, ProtectionScale};
use crate::domain::readiness::{Finding, Severity, Workspace};
use crate::domain::risk::{RiskStatus, TreatmentOption};
use crate::domain::scope::{IssueKind, ScopeItemKind};
use crate::domain::soa::{Applicability, EXCLUDED, ImplementationStatus, RISK_TREATMENT, Reason};
use crate::domain::treatment::ActionStatus;
use crate::palette;
use crate::report::listing::{self, Listing, Objects, Register};
use crate::store::{Store, StoreError};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Date(NaiveDate),
    Number(f64),
    /// A risk level or a protection need, shown as `text`, filled with the RGB [`colour_rgb`]
    /// gives the colour its scale names (green, yellow, orange, red, purple, blue, gray).
    Level {
        text: String,
        fill: u32,
    },
}

impl Cell {
    /// Free text, or an empty cell for blank text.
    pub fn text_or_empty(s: &str) -> Cell {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }

    /// A date, or an empty cell for none.
    pub fn date_or_empty(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// The cell as plain text: dates in ISO 8601, whole numbers without a fraction.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => d.to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Level { text, .. } => text.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
}

impl Column {
    pub fn new(header: &str) -> Self {
        Self {
            header: header.to_string(),
        }
    }
}

/// A register: its file name stem (`soa`), its sheet title, its columns and rows, and the
/// rows as `isms list --format json` gives them (stable codes, no long free text).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Only the JSON export reads these rows; for the other formats a register's listing is
    /// dropped once it is turned into cells (a large register would otherwise be held twice),
    /// and this is empty.
    pub json: Listing,
}

impl Table {
    /// A table of a document that is not a register (minutes, a report's parts): its headers
    /// as given, no JSON rows.
    pub fn plain(name: &'static str, title: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Self {
        Table {
            name,
            title: title.to_string(),
            columns: headers.iter().map(|h| Column::new(h)).collect(),
            rows,
            json: Listing::default(),
        }
    }
}

/// The scales the colours of levels come from, and whether tables keep their JSON rows.
pub struct Context {
    methodology: Methodology,
    scale: ProtectionScale,
    with_json: bool,
}

/// Columns that hold dates.
const DATES: &[&str] = &[
    "next_review",
    "assessed_on",
    "review_due",
    "plan_approved_on",
    "due",
    "doc_date",
    "accepted_on",
    "until",
    "left_on",
    "last_awareness",
    "on",
    "valid_until",
    "target_date",
    "issued_on",
    "approved_on",
    "reviewed_on",
    "planned_on",
    "held_on",
    "reported_on",
    "raised_on",
    "closed_on",
];

/// Columns that hold stamps to the second (`2026-03-31T09:15:00`), shown as `2026-03-31 09:15`.
const STAMPS: &[&str] = &["noted_at", "resolved_at", "started_at", "ended_at"];

impl Context {
    pub fn of(store: &Store, with_json: bool) -> Result<Self, StoreError> {
        Ok(Self {
            methodology: store.methodology()?,
            scale: store.protection_scale()?,
            with_json,
        })
    }

    /// The register as a table, with the listing's derived values.
    pub fn table(
        &self,
        store: &Store,
        ws: &Workspace,
        register: Register,
        today: NaiveDate,
    ) -> Result<Table, StoreError> {
        let Listing { columns, rows } = listing::build(store, register, today)?;
        let cells = |row: &[Value]| {
            columns
                .iter()
                .zip(row)
                .map(|(c, v)| self.cell(register, c, v))
                .collect()
        };
        let (cells, json_rows) = if self.with_json {
            (rows.iter().map(|row| cells(row)).collect(), rows)
        } else {
            // Each row's values are freed once they are cells: a large register is never held
            // twice.
            (
                rows.into_iter().map(|row| cells(&row)).collect(),
                Vec::new(),
            )
        };
        let (name, title) = names(register);
        let mut table = Table {
            name,
            title: title.to_string(),
            columns: columns
                .iter()
                .map(|c| Column {
                    header: header(register, c),
                })
                .collect(),
            rows: cells,
            json: Listing {
                columns: if self.with_json { columns } else { Vec::new() },
                rows: json_rows,
            },
        };
        super::extras::add(ws, register, &mut table);
        Ok(table)
    }

    fn risk_colour(&self, name: &str) -> Option<u32> {
        self.methodology
            .levels
            .iter()
            .find(|l| l.name == name)
            .map(|l| colour_rgb(&l.colour))
    }

    /// A protection level coloured by its place on the scale, as on the screen: the top red,
    /// the one below orange (the colour of "high" among the risk levels).
    fn need_colour(&self, name: &str) -> Option<u32> {
        let position = self.scale.levels.iter().position(|l| l.name == name)?;
        let level = u8::try_from(position + 1).ok()?;
        Some(palette::LEVELS[palette::level_step(level, self.scale.max_level())].hex())
    }

    fn cell(&self, register: Register, column: &str, v: &Value) -> Cell {
        let level = |text: String, fill: Option<u32>| match fill {
            Some(fill) => Cell::Level { text, fill },
            None => Cell::Text(text),
        };
        match (register, column, v) {
            (Register::Soa, "applicable", _) => Cell::Text(
                match v {
                    Value::Bool(true) => Applicability::Applicable,
                    Value::Bool(false) => Applicability::NotApplicable,
                    _ => Applicability::Undecided,
                }
                .label()
                .to_string(),
            ),
            (Register::Soa, "status", Value::String(code)) => Cell::Level {
                text: label(register, column, code),
                fill: soa_status_fill(code),
            },
            (Register::Soa | Register::Controls, "number", Value::String(key)) => {
                Cell::Text(display_ref(key))
            }
            (_, _, Value::Null) => Cell::Empty,
            (Register::Risks, "inherent_level" | "residual_level", Value::String(name)) => {
                level(name.clone(), self.risk_colour(name))
            }
            (Register::Assets, _, Value::Object(need)) => {
                let text = listing::cell(v);
                match need.get("effective").and_then(Value::as_str) {
                    Some(name) => level(text, self.need_colour(name)),
                    None => Cell::Empty,
                }
            }
            (_, _, Value::String(s)) if DATES.contains(&column) => {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_or_else(|_| Cell::Text(s.clone()), Cell::Date)
            }
            (_, _, Value::String(s)) if STAMPS.contains(&column) => Cell::Text(minute(s)),
            (_, _, Value::Number(n)) => n.as_f64().map_or(Cell::Empty, Cell::Number),
            (_, _, Value::String(s)) => Cell::Text(label(register, column, s)),
            (_, _, Value::Array(items)) => Cell::Text(
                items
                    .iter()
                    .map(|item| match item {
                        Value::String(s) => label(register, column, s),
                        other => listing::cell(other),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => match listing::cell(v) {
                s if s.is_empty() => Cell::Empty,
                s => Cell::Text(s),
            },
        }
    }
}

/// The tint of an SoA row's status (implemented, planned, excluded...): progress at a glance in
/// the workbook and on paper.
fn soa_status_fill(code: &str) -> u32 {
    let step = match code.parse::<ImplementationStatus>() {
        Ok(ImplementationStatus::NotStarted) => 0,
        Ok(ImplementationStatus::Planned) => 1,
        Ok(ImplementationStatus::Partial) => 2,
        Ok(ImplementationStatus::Implemented) => 3,
        Err(_) => 4,
    };
    palette::STATUS[step].hex()
}

/// A stamp to the minute, as people read it: `2026-03-31T09:15:00` → `2026-03-31 09:15`; any
/// other text as it is.
pub fn minute(stamp: &str) -> String {
    match crate::domain::question::parse_stamp(crate::domain::question::field::NOTED_AT, stamp) {
        Ok(at) => at.format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => stamp.to_string(),
    }
}

/// The file name stem and the sheet title of a register.
fn names(register: Register) -> (&'static str, &'static str) {
    match register {
        Register::Scope => ("scope", "Scope"),
        Register::Parties => ("parties", "Interested parties"),
        Register::Issues => ("issues", "Context issues"),
        Register::Assets => ("assets", "Assets"),
        Register::Risks => ("risks", "Risks"),
        Register::Actions => ("treatment-plan", "Treatment plan"),
        Register::Controls => ("controls", "Controls"),
        Register::Soa => ("soa", "SoA"),
        Register::Clauses => ("clauses", "Clauses"),
        Register::Questions => ("questions", "Questions"),
        Register::Workshops => ("workshops", "Workshops"),
        Register::People => ("people", "People"),
        Register::Roles => ("roles", "Roles"),
        Register::Competence => ("competence", "Competence and awareness"),
        Register::Documents => ("documents", "Documented information"),
        Register::Audits => ("audits", "Audits"),
        Register::AuditFindings => ("audit-findings", "Audit findings"),
        Register::Nonconformities => ("nonconformities", "Nonconformities"),
        Register::Objectives => ("objectives", "Objectives"),
        Register::Measurements => ("measurements", "Measurements"),
        Register::Reviews => ("reviews", "Management reviews"),
        Register::ReviewActions => ("review-actions", "Management review actions"),
        Register::Baselines => ("baselines", "Baselines"),
    }
}

/// A column's code as a header people read: `next_review` → `Next review`.
fn header(register: Register, column: &str) -> String {
    let fixed = match (register, column) {
        (_, "ref") => Some("Ref"),
        (Register::Soa | Register::Controls, "number") => Some("Control"),
        (Register::Clauses, "number") => Some("Clause"),
        (Register::Clauses, "held_in_workspace") => Some("Held in the workspace"),
        (Register::Documents, "review_months") => Some("Review (months)"),
        (Register::Documents, "location") => Some("Kept at"),
        (Register::Objectives, "builtin") => Some("Built-in measure"),
        (Register::Objectives, "every_months") => Some("Measured every (months)"),
        (Register::Objectives, "result_due") => Some("Result due"),
        (_, "in_isms") => Some("In ISMS scope"),
        (_, "in_certificate") => Some("In certificate scope"),
        (_, "doc_date") => Some("Document date"),
        (_, "doc_reference") => Some("Document"),
        (_, "doc_owner") => Some("Document owner"),
        (_, "due") => Some("Due"),
        (Register::Soa, "applicable") => Some("Applicability"),
        (Register::Roles, "builtin") => Some("Built in"),
        (Register::Roles, "competence") => Some("Competence needed"),
        (Register::Competence, "person") => Some("Person"),
        (Register::Competence, "on") => Some("Date"),
        (Register::People, "aware") => Some("Awareness current"),
        _ => None,
    };
    if let Some(h) = fixed {
        return h.to_string();
    }
    if let Ok(objective) = column.parse::<Objective>() {
        return objective.label().to_string();
    }
    let spaced = column.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The label of a stored code in a column, or the code itself when it is free text.
pub(super) fn label(register: Register, column: &str, code: &str) -> String {
    fn of<T: std::str::FromStr>(code: &str, label: fn(T) -> &'static str) -> Option<&'static str> {
        code.parse::<T>().ok().map(label)
    }
    use Register as R;
    let found = match (register, column) {
        (R::Scope, "kind") => of(code, ScopeItemKind::label),
        (R::Parties, "kind") => of(code, PartyKind::label),
        (R::Issues, "kind") => of(code, IssueKind::label),
        (R::Assets, "kind") => of(code, AssetKind::label),
        (R::Assets, "category") => of(code, AssetCategory::label),
        (R::Risks, "objectives") => of(code, Objective::label),
        (R::Risks, "treatment") => of(code, TreatmentOption::label),
        (R::Risks, "status") => of(code, RiskStatus::label),
        (R::Risks, "flags") => of(code, RiskFlag::label),
        (R::Actions, "status") => of(code, ActionStatus::label),
        (R::Roles, "builtin") => of(code, crate::domain::person::BuiltinRole::label),
        (R::Roles, "authority") => of(code, crate::domain::methodology::Authority::label),
        (R::Competence, "kind") => of(code, crate::domain::person::CompetenceKind::label),
        (R::Soa | R::Controls, "theme") => of(code, Theme::label),
        (R::Soa, "status") if code == EXCLUDED => Some("Excluded"),
        (R::Soa, "status") => of(code, ImplementationStatus::label),
        (R::Soa, "reasons") if code == RISK_TREATMENT => Some("Risk treatment"),
        (R::Soa, "reasons") => of(code, Reason::label),
        (R::Clauses, "status") => of(code, ClauseStatus::label),
        (R::Documents, "kind") => of(code, DocKind::label),
        (R::Documents, "status") => of(code, DocStatus::label),
        (R::Audits, "kind") => of(code, AuditKind::label),
        (R::Audits, "status") => of(code, AuditStatus::label),
        (R::Audits, "controls") => return display_ref(code),
        (R::AuditFindings, "grade") => of(code, FindingGrade::label),
        (R::AuditFindings, "requirement") if !names_clause(code) => {
            return display_ref(code);
        }
        (R::Nonconformities, "source") => of(code, NcSource::label),
        (R::Nonconformities, "grade") => of(code, NcGrade::label),
        (R::Nonconformities, "state") => of(code, NcState::label),
        (R::Objectives, "builtin") => of(code, BuiltinMeasure::label),
        (R::Objectives, "direction") => of(code, Direction::label),
        (R::Objectives, "status") => of(code, ObjectiveStatus::label),
        (R::Objectives, "trend") => of(code, Trend::label),
        _ => None,
    };
    found.map_or_else(|| code.to_string(), str::to_string)
}

/// The readiness findings as a table, grouped by the clause or control each rests on (clauses
/// in their order, then the controls; the gravest first within each). Each fix in a
/// document's words: what to do, not where in the app (`Finding::document_fix`).
pub fn findings(findings: &[Finding]) -> Table {
    let mut findings = findings.to_vec();
    crate::domain::readiness::by_clause(&mut findings);
    // A grade's own tint, as on the Dashboard: never a risk level's colour.
    let colour = |s: Severity| {
        let gravest_first = Severity::ALL.iter().position(|&x| x == s).unwrap_or(0);
        palette::GRADES[gravest_first].hex()
    };
    Table {
        name: "findings",
        // What the workspace checks of itself, never to be read as an audit's findings (an
        // xlsx sheet name holds 31 characters; the cover says "not an audit").
        title: "Readiness self-check".to_string(),
        columns: ["Clause", "Rule", "Severity", "Finding", "Fix"]
            .iter()
            .map(|h| Column::new(h))
            .collect(),
        rows: findings
            .iter()
            .map(|f| {
                vec![
                    Cell::Text(f.basis()),
                    Cell::Text(f.rule.to_string()),
                    Cell::Level {
                        text: f.severity.label().to_string(),
                        fill: colour(f.severity),
                    },
                    Cell::Text(f.message.clone()),
                    Cell::Text(f.document_fix()),
                ]
            })
            .collect(),
        json: Listing {
            columns: ["clause", "rule", "severity", "message", "fix"]
                .iter()
                .map(|c| c.to_string())
                .collect(),
            rows: findings
                .iter()
                .map(|f| {
                    vec![
                        json!(f.basis()),
                        json!(f.rule),
                        json!(f.severity),
                        json!(f.message),
                        json!(f.document_fix()),
                    ]
                })
                .collect(),
        },
    }
}

/// The JSON of a register export: an envelope naming what, who, when and which SoA, with each
/// register as an array of objects keyed by the stable column codes of `isms list`.
///
/// `{"format": "isms-export", "version": 1, "what", "organisation", "date", "soa_version",
/// "cover": [{"item", "value"}] (report and soa only), "registers": {"soa": [...], ...}}`
pub fn to_json(doc: &Document, what: What) -> Result<Vec<u8>, serde_json::Error> {
    let h = &doc.heading;
    let envelope = Envelope {
        format: "isms-export",
        version: 1,
        what: what.as_str(),
        organisation: &h.organisation,
        date: h.date,
        soa_version: &h.soa_version,
        cover: doc.cover.as_ref().map(|c| c.json.objects()),
        registers: Registers(&doc.tables),
    };
    let mut bytes = serde_json::to_vec_pretty(&envelope)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The envelope of [`to_json`], serialized straight from the tables' rows.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    what: &'static str,
    organisation: &'a str,
    date: NaiveDate,
    soa_version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cover: Option<Objects<'a>>,
    registers: Registers<'a>,
}

/// `{"soa": [...], ...}` in the order of the tables.
struct Registers<'a>(&'a [Table]);

impl Serialize for Registers<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|t| (t.name, t.json.objects())))
    }
}

/// The fill of a level colour name as RGB, from the palette the screen uses; neutral for a
/// name the palette does not know.
pub fn colour_rgb(name: &str) -> u32 {
    palette::named_fill(name).hex()
}
