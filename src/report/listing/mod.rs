//! `isms list REGISTER`: one register as rows with stable snake_case columns, printed as an
//! aligned table, JSON (an array of objects) or CSV. A CSV cell a spreadsheet would evaluate is
//! neutralised ([`crate::report::csv_cell`]); a table cell shows control characters and
//! bidirectional controls escaped, so that no name can act on the terminal.
//!
//! An asset's protection need per objective is an object in JSON, `{"own": "high", "effective":
//! "very high", "source": "AS-003"}` (source `own`, `override`, the supplying asset's reference,
//! or null when unrated); in a table or CSV it is the effective level with where it comes from:
//! `very high ↑AS-003`, `normal (override)`, or just `high` when rated on the asset itself.
//!
//! A risk's latest acceptance is an object in JSON, `{"accepted_by", "authority", "accepted_on",
//! "level", "until", "expired"}` (null when never accepted); in a table or CSV it reads
//! `by Karin Nordmann until 2027-03-31` or `expired 2026-01-31`. A risk's flags are the codes
//! of [`crate::domain::evaluation::RiskFlag`], judged on the same today as overdue actions.
//!
//! An SoA row's `reasons` start with the derived `risk_treatment` when an action that is not
//! cancelled implements the control for a risk (those risks are its `risks`); `covered_by` is
//! the custom control that covers an excluded control, or null; `documents` are the documents
//! of the register that evidence the control (`D-001`), as an action's `documents` are those it
//! names. A clause lists the `mandatory_documents` it requires next to the `documents` of the
//! register that hold them and the parts of the workspace that hold them (`held_in_workspace`:
//! an issued SoA, a reported internal audit, recorded nonconformities...); a document lists its `clauses`, `controls` and `actions`, and its
//! `next_review`. A workshop question lists open ones first and the answered ones after:
//! `resolved_at` is null while it is open,
//! `workshop` the workshop it was noted in (`W-001`) and `overdue` whether it is open past its
//! `due` date. A workshop lists its `attendees` and the assets it `walked` (arrays in JSON,
//! joined with ", " in a table or CSV) and counts what its minutes hold. A person lists the
//! `roles` they held (`{"role", "from", "until"}` in JSON, `Risk owner from 2024-05-01` in a
//! table or CSV) and whether their awareness is current (`aware`, null once they left). A
//! management review lists its period (`period_from` is the previous held review's day, null
//! for the first; `period_to` the day held, or today while prepared) and the `missing_inputs`
//! of a held one (codes of [`crate::domain::review::Input`]); its actions are `review-actions`.

mod audits;
mod documents;
pub mod due;
mod objectives;
mod people;
mod questions;
mod reviews;
mod risks;
mod workshops;

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use crate::domain::audit::any_internal_reported;
use crate::domain::clause::Holdings;
use crate::domain::objective::any_pursued;
use crate::domain::protection::{EffectiveNeed, NeedSource, effective_needs};
use crate::domain::reference::RefKind;
use crate::domain::soa::{
    Applicability, applicability, reasons_with_derived, status_code, treated_risks_by_control,
};
use crate::domain::text;
use crate::store::{Store, StoreError};
use crate::string_enum;

string_enum!(
    Register {
        Scope => "scope", "Scope items",
        Parties => "parties", "Interested parties",
        Issues => "issues", "Context issues",
        Assets => "assets", "Assets",
        Risks => "risks", "Risks",
        Actions => "actions", "Treatment actions",
        Controls => "controls", "Controls",
        Soa => "soa", "Statement of Applicability",
        Clauses => "clauses", "Clauses",
        Questions => "questions", "Open questions",
        Workshops => "workshops", "Workshops",
        People => "people", "People",
        Roles => "roles", "Roles",
        Competence => "competence", "Competence and awareness",
        Documents => "documents", "Documents",
        Audits => "audits", "Audits",
        AuditFindings => "findings", "Audit findings",
        Nonconformities => "nonconformities", "Nonconformities",
        Objectives => "objectives", "Information security objectives",
        Measurements => "measurements", "Measurements",
        Reviews => "reviews", "Management reviews",
        ReviewActions => "review-actions", "Management review actions",
        Baselines => "baselines", "Baselines",
    }
);

impl Register {
    /// The register `name` names: its code or label, or `audit-findings`, the name the audit
    /// findings were first listed under.
    pub fn named(name: &str) -> Result<Self, crate::domain::enums::UnknownValue> {
        if name.trim().eq_ignore_ascii_case("audit-findings") {
            return Ok(Register::AuditFindings);
        }
        name.parse()
    }
}

string_enum!(
    Format {
        Table => "table", "Table",
        Json => "json", "JSON",
        Csv => "csv", "CSV",
    }
);

/// A register as named columns and rows of JSON values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Listing {
    fn new(columns: &[&str]) -> Self {
        Self {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }
}

impl Listing {
    /// The rows as an array of objects keyed by the column codes, serialized straight from the
    /// rows: no copy of the register is made as one big JSON value first.
    pub fn objects(&self) -> Objects<'_> {
        Objects(self)
    }
}

/// A listing serialized as `[{"column": value, ...}, ...]`, in column order.
pub struct Objects<'a>(&'a Listing);

impl serde::Serialize for Objects<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Listing { columns, rows } = self.0;
        serializer.collect_seq(rows.iter().map(|row| Object { columns, row }))
    }
}

struct Object<'a> {
    columns: &'a [String],
    row: &'a [Value],
}

impl serde::Serialize for Object<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.columns.iter().zip(self.row))
    }
}

fn refs(kind: RefKind, ids: &[i64], numbers: &HashMap<i64, u32>) -> Value {
    json!(
        ids.iter()
            .filter_map(|id| numbers.get(id))
            .map(|&n| kind.format(n))
            .collect::<Vec<_>>()
    )
}

fn opt<T: serde::Serialize>(v: Option<T>) -> Value {
    v.map_or(Value::Null, |v| json!(v))
}

pub fn build(store: &Store, register: Register, today: NaiveDate) -> Result<Listing, StoreError> {
    match register {
        Register::Scope => {
            let mut l = Listing::new(&[
                "ref",
                "kind",
                "name",
                "in_isms",
                "in_certificate",
                "justification",
                "interfaces",
                "description",
            ]);
            for s in store.scope_items()? {
                l.rows.push(vec![
                    json!(RefKind::ScopeItem.format(s.number)),
                    json!(s.kind),
                    json!(s.name),
                    json!(s.in_isms),
                    json!(s.in_certificate),
                    json!(s.justification),
                    json!(s.interfaces),
                    json!(s.description),
                ]);
            }
            Ok(l)
        }
        Register::Parties => {
            let mut l = Listing::new(&["ref", "name", "kind", "requirements", "addressed"]);
            for p in store.parties()? {
                l.rows.push(vec![
                    json!(RefKind::Party.format(p.number)),
                    json!(p.name),
                    json!(p.kind),
                    json!(p.requirements),
                    json!(p.addressed),
                ]);
            }
            Ok(l)
        }
        Register::Issues => {
            let mut l = Listing::new(&["ref", "kind", "title", "note"]);
            for i in store.context_issues()? {
                l.rows.push(vec![
                    json!(RefKind::ContextIssue.format(i.number)),
                    json!(i.kind),
                    json!(i.title),
                    json!(i.note),
                ]);
            }
            Ok(l)
        }
        Register::Assets => assets(store),
        Register::Risks => risks::risks(store, today),
        Register::Actions => risks::actions(store, today),
        Register::Controls => {
            let mut l = Listing::new(&["number", "theme", "title", "source", "covers"]);
            for c in store.controls()? {
                l.rows.push(vec![
                    json!(c.key),
                    json!(c.theme),
                    json!(c.title),
                    json!(c.source),
                    json!(c.covers),
                ]);
            }
            Ok(l)
        }
        Register::Soa => soa(store),
        Register::Clauses => clauses(store),
        Register::Questions => questions::questions(store, today),
        Register::Workshops => workshops::workshops(store),
        Register::People => people::people(store, today),
        Register::Roles => people::roles(store, today),
        Register::Competence => people::competence(store, today),
        Register::Documents => documents::documents(store, today),
        Register::Audits => audits::audits(store),
        Register::AuditFindings => audits::audit_findings(store),
        Register::Nonconformities => audits::nonconformities(store, today),
        Register::Objectives => objectives::objectives(store, today),
        Register::Measurements => objectives::measurements(store),
        Register::Reviews => reviews::reviews(store, today),
        Register::ReviewActions => reviews::review_actions(store, today),
        Register::Baselines => baselines(store),
    }
}

fn assets(store: &Store) -> Result<Listing, StoreError> {
    let assets = store.assets()?;
    let deps = store.dependencies()?;
    let needs = store.protection_needs()?;
    let scale = store.protection_scale()?;
    let objectives = store.objectives()?;
    let scope: HashMap<i64, u32> = store
        .scope_items()?
        .iter()
        .map(|s| (s.id, s.number))
        .collect();
    let numbers: HashMap<i64, u32> = assets.iter().map(|a| (a.id, a.number)).collect();
    let effective: Vec<_> = objectives
        .iter()
        .map(|&o| effective_needs(&assets, &deps, &needs, o))
        .collect();
    let own: HashMap<(i64, _), u8> = needs
        .iter()
        .map(|n| ((n.asset, n.objective), n.level))
        .collect();
    let level_name = |level: u8| opt(scale.name(level));
    let need_cell = |id: i64, objective, effective: Option<&EffectiveNeed>| {
        let source = effective.map(|e| match e.source {
            NeedSource::Own => "own".to_string(),
            NeedSource::Override { .. } => "override".to_string(),
            NeedSource::Inherited { from } => numbers
                .get(&from)
                .map_or_else(|| format!("#{from}"), |&n| RefKind::Asset.format(n)),
        });
        json!({
            "own": own.get(&(id, objective)).map_or(Value::Null, |&l| level_name(l)),
            "effective": effective.map_or(Value::Null, |e| level_name(e.level)),
            "source": opt(source),
        })
    };
    let mut columns = vec![
        "ref",
        "name",
        "kind",
        "category",
        "owner",
        "location",
        "scope_item",
        "classification",
        "depends_on",
    ];
    columns.extend(objectives.iter().map(|o| o.as_str()));
    let mut l = Listing::new(&columns);
    for a in &assets {
        let depends_on: Vec<i64> = deps
            .iter()
            .filter(|d| d.asset == a.id)
            .map(|d| d.depends_on)
            .collect();
        let mut row = vec![
            json!(RefKind::Asset.format(a.number)),
            json!(a.name),
            json!(a.kind),
            json!(a.kind.category()),
            json!(a.owner),
            json!(a.location),
            opt(a
                .scope_item
                .and_then(|s| scope.get(&s))
                .map(|&n| RefKind::ScopeItem.format(n))),
            json!(a.classification),
            refs(RefKind::Asset, &depends_on, &numbers),
        ];
        row.extend(
            objectives
                .iter()
                .zip(&effective)
                .map(|(&o, e)| need_cell(a.id, o, e.get(&a.id))),
        );
        l.rows.push(row);
    }
    Ok(l)
}

fn soa(store: &Store) -> Result<Listing, StoreError> {
    let controls: HashMap<String, _> = store
        .controls()?
        .into_iter()
        .map(|c| (c.key.clone(), c))
        .collect();
    let treated = treated_risks_by_control(&store.actions()?);
    let risk_numbers: HashMap<i64, u32> = store.risks()?.iter().map(|r| (r.id, r.number)).collect();
    let mut l = Listing::new(&[
        "number",
        "title",
        "theme",
        "applicable",
        "reasons",
        "justification",
        "exclusion_justification",
        "covered_by",
        "status",
        "target_date",
        "owner",
        "evidence",
        "risks",
        "documents",
    ]);
    let mut documents: HashMap<String, Vec<String>> = HashMap::new();
    for d in store.documents()? {
        for control in &d.controls {
            documents
                .entry(control.clone())
                .or_default()
                .push(d.reference());
        }
    }
    for e in store.soa()? {
        let Some(c) = controls.get(&e.control) else {
            continue;
        };
        let risks = treated.get(&e.control).map_or(&[][..], Vec::as_slice);
        let applicable = match applicability(&e, !risks.is_empty()) {
            Applicability::Applicable => json!(true),
            Applicability::NotApplicable => json!(false),
            Applicability::Undecided => Value::Null,
        };
        l.rows.push(vec![
            json!(c.key),
            json!(c.title),
            json!(c.theme),
            applicable,
            json!(reasons_with_derived(&e, !risks.is_empty())),
            json!(e.justification),
            json!(e.exclusion_justification),
            opt(e.covered_by.as_ref()),
            json!(status_code(&e)),
            opt(e.target_date),
            json!(e.owner),
            json!(e.evidence),
            refs(RefKind::Risk, risks, &risk_numbers),
            json!(documents.get(&e.control).map_or(&[][..], Vec::as_slice)),
        ]);
    }
    Ok(l)
}

fn clauses(store: &Store) -> Result<Listing, StoreError> {
    let mut l = Listing::new(&[
        "number",
        "title",
        "status",
        "note",
        "evidence",
        "documents",
        "mandatory_documents",
        "held_in_workspace",
    ]);
    // What the workspace itself holds (an issued SoA, a reported internal audit, recorded
    // nonconformities...), by the rule the readiness check applies, read from counts.
    let counts = store.counts()?;
    let holdings = Holdings {
        scope_written: !store.scope_statements()?.isms_scope.trim().is_empty(),
        methodology: !store.methodology()?.levels.is_empty(),
        risks: counts.risks > 0,
        soa_issued: !store.soa_versions()?.is_empty(),
        actions: counts.actions > 0,
        internal_audit_reported: any_internal_reported(&store.audits()?),
        nonconformities: counts.nonconformities > 0,
        objectives: any_pursued(&store.security_objectives()?),
        measurements: counts.measurements > 0,
        reviews_held: counts.held_reviews > 0,
    };
    let documents = store.documents()?;
    for c in store.clauses()? {
        let held: Vec<String> = documents
            .iter()
            .filter(|d| d.clauses.contains(&c.number))
            .map(|d| d.reference())
            .collect();
        l.rows.push(vec![
            json!(c.number),
            json!(c.title),
            json!(c.status),
            json!(c.note),
            json!(c.evidence),
            json!(held),
            json!(c.mandatory_documents()),
            json!(
                holdings
                    .held_for(&c.number)
                    .iter()
                    .map(|part| part.label())
                    .collect::<Vec<_>>()
            ),
        ]);
    }
    Ok(l)
}

/// A cell as plain text: lists joined with ", ", null as empty, a protection need as its
/// effective level and where it comes from, an acceptance as who accepted until when.
pub(crate) fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        Value::Object(need) if need.contains_key("effective") => need_text(need),
        Value::Object(held) if held.contains_key("role") => held_text(held),
        Value::Object(acceptance) if acceptance.contains_key("expired") => {
            acceptance_text(acceptance)
        }
        Value::Object(action) if action.contains_key("due_on") => corrective_text(action),
        other => other.to_string(),
    }
}

/// `Quarterly restore test (Lars Vogel, due 2026-01-31, open)`.
fn corrective_text(action: &Map<String, Value>) -> String {
    let text = |key: &str| action.get(key).and_then(Value::as_str).unwrap_or_default();
    let details: Vec<String> = [
        text("owner").to_string(),
        match text("due_on") {
            "" => String::new(),
            due => format!("due {due}"),
        },
        text("status").replace('_', " "),
    ]
    .into_iter()
    .filter(|d| !d.is_empty())
    .collect();
    format!("{} ({})", text("description"), details.join(", "))
}

/// `Risk owner from 2024-05-01`, `Asset owner from 2024-05-01 until 2026-01-31`.
fn held_text(held: &Map<String, Value>) -> String {
    let text = |key: &str| held.get(key).and_then(Value::as_str).unwrap_or_default();
    let until = match text("until") {
        "" => String::new(),
        until => format!(" until {until}"),
    };
    format!("{} from {}{until}", text("role"), text("from"))
}

/// `by Karin Nordmann until 2027-03-31`, `by the CEO` (no end), or `expired 2026-01-31`.
fn acceptance_text(acceptance: &Map<String, Value>) -> String {
    let text = |key: &str| acceptance.get(key).and_then(Value::as_str);
    let until = text("until");
    match (acceptance.get("expired"), until) {
        (Some(Value::Bool(true)), Some(until)) => format!("expired {until}"),
        (_, Some(until)) => format!("by {} until {until}", text("accepted_by").unwrap_or("?")),
        (_, None) => format!("by {}", text("accepted_by").unwrap_or("?")),
    }
}

/// `very high ↑AS-003` (inherited), `normal (override)`, `high` (own), empty when unrated.
fn need_text(need: &Map<String, Value>) -> String {
    let Some(Value::String(level)) = need.get("effective") else {
        return String::new();
    };
    match need.get("source").and_then(Value::as_str) {
        None | Some("own") => level.clone(),
        Some("override") => format!("{level} (override)"),
        Some(from) => format!("{level} ↑{from}"),
    }
}

pub fn write(out: &mut impl Write, listing: &Listing, format: Format) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &listing.objects())?;
            writeln!(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(&listing.columns)?;
            for row in &listing.rows {
                w.write_record(row.iter().map(csv_field))?;
            }
            w.flush()
        }
        Format::Table => write_table(out, listing),
    }
}

/// A cell as a CSV field: numbers as they are, text that a spreadsheet would evaluate
/// neutralised.
fn csv_field(v: &Value) -> String {
    match v {
        Value::Number(_) => cell(v),
        _ => crate::report::csv_cell(&cell(v)).into_owned(),
    }
}

/// An aligned table for a terminal; long cells are cut with an ellipsis so rows stay one line.
fn write_table(out: &mut impl Write, listing: &Listing) -> std::io::Result<()> {
    const WIDEST: usize = 40;
    let cells: Vec<Vec<String>> = listing
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|v| shorten(&text::shown(&cell(v).replace('\n', " ")), WIDEST))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = listing
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([c.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |values: &[String]| {
        values
            .iter()
            .zip(&widths)
            .map(|(v, &w)| format!("{v}{}", " ".repeat(w.saturating_sub(v.chars().count()))))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(&listing.columns))?;
    for row in &cells {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(
        out,
        "({})",
        crate::domain::wording::count(cells.len(), "row", "rows")
    )
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests;

/// The closed cycles' baselines, oldest first: what each froze, what its closing marked to
/// re-assess, and what of that the open cycle still has to do (the latest baseline only).
fn baselines(store: &Store) -> Result<Listing, StoreError> {
    use crate::domain::baseline::{ReassessKind, progress};
    let mut l = Listing::new(&[
        "name",
        "closed_on",
        "items",
        "risks_marked",
        "needs_marked",
        "risks_to_reassess",
        "needs_to_reassess",
    ]);
    let marks = store.reassessments()?;
    for b in store.baselines()? {
        let left = |kind| {
            let (done, marked) = progress(&b, &marks, kind);
            marked - done
        };
        l.rows.push(vec![
            json!(b.name),
            json!(b.closed_on.to_string()),
            json!(b.snapshot.items.len()),
            json!(b.risks_marked),
            json!(b.needs_marked),
            json!(left(ReassessKind::Risk)),
            json!(left(ReassessKind::Needs)),
        ]);
    }
    Ok(l)
}
