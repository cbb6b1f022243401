//! The SoA as issued and the SoA as a draft. `isms export soa --version 1` prints version v1
//! exactly as it was approved (its stored rows, not today's decisions) under its approval block;
//! the live SoA (`isms export soa`) is a draft after the latest issued version, and its table
//! marks each control changed since that version (`soa::changed_since` decides which).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::heading::item_value_table;
use super::tables::{self, Cell, Column, Table, label};
use super::{
    Document, ExportError, ExportFormat, Heading, Sink, What, check_format, one_document,
    single_file_named,
};
use crate::domain::control::display_ref;
use crate::domain::enums::join_or;
use crate::domain::readiness::Workspace;
use crate::domain::soa::{SoaVersion, changed_since, latest, snapshot};
use crate::report::listing::{Listing, Register};
use crate::store::Store;
use crate::store::target::{self, Existing};

/// Writes issued version `v<number>` of the SoA exactly as it was approved, with its approval
/// block, as `format` (xlsx, md, html, json or docx) to `out`, a file or a directory that receives
/// `soa-v1.<ext>`, and returns the file written. A version never issued is a clear error naming
/// those that were, and writes nothing.
pub fn export_soa_version(
    store: &Store,
    number: u32,
    format: ExportFormat,
    out: &Path,
    existing: Existing,
) -> Result<Vec<PathBuf>, ExportError> {
    check_format(What::Soa, format)?;
    if format == ExportFormat::Csv {
        return Err(ExportError::Unsupported {
            what: "soa --version",
            format: format.as_str(),
            allowed: join_or(&["xlsx", "md", "html", "json", "docx"]),
        });
    }
    let versions = store.soa_versions()?;
    let version =
        crate::domain::soa::issued(&versions, number).map_err(ExportError::UnknownSoaVersion)?;
    let doc = document(&store.organisation()?, version, &versions);
    let sink = Sink {
        workspace: store.path(),
        existing,
    };
    let path = single_file_named(out, &format!("soa-{}", version.label()), format);
    target::check(&path, Some(sink.workspace), existing)?;
    let bytes = match format {
        ExportFormat::Json => tables::to_json(&doc, What::Soa)?,
        _ => one_document(store, &doc, format, &path, doc.heading.date)?,
    };
    sink.write(&path, &bytes)?;
    Ok(vec![path])
}

/// `Statement of Applicability v1`.
pub fn title(version: &SoaVersion) -> String {
    format!("Statement of Applicability {}", version.label())
}

/// `Statement of Applicability (draft after v1)`, or `(draft, not yet issued)`: the live SoA
/// never reads as an issued version.
pub fn draft_title(ws: &Workspace) -> String {
    match latest(&ws.versions) {
        Some(v) => format!("Statement of Applicability (draft after {})", v.label()),
        None => "Statement of Applicability (draft, not yet issued)".to_string(),
    }
}

/// Version `version` as a document: its approval block, then its rows as they were issued.
pub fn document(organisation: &str, version: &SoaVersion, versions: &[SoaVersion]) -> Document {
    let heading = Heading {
        title: title(version),
        organisation: organisation.to_string(),
        // The document is dated by its issue: the same version prints the same on any day.
        date: version.issued_on,
        soa_version: format!(
            "SoA {} issued on {}, approved by {}",
            version.label(),
            version.issued_on,
            version.approver
        ),
        // The issued version names its approver; its author is not recorded with it.
        author: String::new(),
    };
    let text = Cell::text_or_empty;
    let superseded = version
        .superseded_by(versions)
        .map_or("no: the latest issued version".to_string(), |v| {
            format!("yes, by {} of {}", v.label(), v.issued_on)
        });
    let mut cover = item_value_table(vec![
        ("Organisation", text(organisation)),
        ("Document", text("Statement of Applicability")),
        ("Version", text(&version.label())),
        ("Issued on", Cell::Date(version.issued_on)),
        ("Approved by", text(&version.approver)),
        ("Approval note", text(&version.note)),
        ("Controls", Cell::Number(version.rows.len() as f64)),
        (
            "Undecided when issued",
            Cell::Number(version.undecided() as f64),
        ),
        ("Superseded", text(&superseded)),
    ]);
    cover.title = "Approval".to_string();
    Document {
        heading,
        cover: Some(cover),
        tables: vec![rows(version)],
        heat_maps: Vec::new(),
    }
}

/// The rows of `version` with the labels the live SoA uses.
fn rows(version: &SoaVersion) -> Table {
    const COLUMNS: [(&str, &str); 9] = [
        ("number", "Control"),
        ("title", "Title"),
        ("applicable", "Applicability"),
        ("reasons", "Reasons"),
        ("justification", "Justification"),
        ("exclusion_justification", "Exclusion justification"),
        ("covered_by", "Covered by"),
        ("status", "Status"),
        ("owner", "Owner"),
    ];
    let labels = |column: &str, codes: &[&str]| -> String {
        codes
            .iter()
            .map(|code| label(Register::Soa, column, code))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = Cell::text_or_empty;
    let rows: Vec<Vec<Cell>> = version
        .rows
        .iter()
        .map(|r| {
            let reasons: Vec<&str> = r.reasons.iter().map(String::as_str).collect();
            vec![
                Cell::Text(display_ref(&r.control)),
                text(&r.title),
                Cell::Text(r.applicability.label().to_string()),
                text(&labels("reasons", &reasons)),
                text(&r.justification),
                text(&r.exclusion_justification),
                r.covered_by.as_deref().map_or(Cell::Empty, text),
                Cell::Text(labels("status", &[r.status_code()])),
                text(&r.owner),
            ]
        })
        .collect();
    let json = Listing {
        columns: COLUMNS.iter().map(|(code, _)| code.to_string()).collect(),
        rows: version
            .rows
            .iter()
            .map(|r| {
                vec![
                    json!(r.control),
                    json!(r.title),
                    json!(r.applicability),
                    json!(r.reasons),
                    json!(r.justification),
                    json!(r.exclusion_justification),
                    r.covered_by.as_ref().map_or(Value::Null, |c| json!(c)),
                    json!(r.status_code()),
                    json!(r.owner),
                ]
            })
            .collect(),
    };
    Table {
        name: "soa",
        title: format!("SoA {}", version.label()),
        columns: COLUMNS.iter().map(|(_, h)| Column::new(h)).collect(),
        rows,
        json,
    }
}

/// Adds `Changed since vN` after the control and its title in the live SoA's table: what
/// changed for each control since the latest issued version, empty for the rest. Nothing
/// without a version. The JSON rows stay those of `isms list soa`.
pub fn mark_changes(ws: &Workspace, table: &mut Table) {
    let Some(version) = latest(&ws.versions) else {
        return;
    };
    let current = snapshot(&ws.controls, &ws.soa, &ws.actions);
    let changed = changed_since(version, &current);
    // Rows show `A.5.1`; the comparison keys controls as stored (`5.1`).
    let by_ref: std::collections::HashMap<String, &String> = changed
        .iter()
        .map(|(key, what)| (display_ref(key), what))
        .collect();
    let header = format!("Changed since {}", version.label());
    let at = table.columns.len().min(2);
    table.columns.insert(at, Column::new(&header));
    for row in &mut table.rows {
        let what = match row.first() {
            Some(Cell::Text(reference)) => by_ref.get(reference).copied(),
            _ => None,
        };
        let cell = what.map_or(Cell::Empty, |w| Cell::Text(w.clone()));
        row.insert(at.min(row.len()), cell);
    }
}

/// The cover of the live SoA: a draft after the latest issued version, which it names with its
/// approval, how many controls changed since, and how far the SoA is now.
pub fn draft_cover(heading: &Heading, ws: &Workspace, progress: String) -> Table {
    let text = |s: &str| Cell::Text(s.to_string());
    let mut rows: Vec<(String, Cell)> = vec![
        ("Organisation".into(), text(&heading.organisation)),
        ("Document".into(), text(&heading.title)),
        ("Date".into(), Cell::Date(heading.date)),
    ];
    match latest(&ws.versions) {
        Some(v) => {
            let current = snapshot(&ws.controls, &ws.soa, &ws.actions);
            let changed = changed_since(v, &current).len();
            let l = v.label();
            rows.extend([
                (
                    "Status".into(),
                    text(&format!(
                        "Draft: the SoA as it stands on {}, not approved; the issued version is {l}",
                        heading.date
                    )),
                ),
                ("Last issued version".into(), text(&l)),
                (format!("{l} issued on"), Cell::Date(v.issued_on)),
                (format!("{l} approved by"), text(&v.approver)),
                (
                    format!("Undecided when {l} was issued"),
                    Cell::Number(v.undecided() as f64),
                ),
            ]);
            if !v.note.trim().is_empty() {
                rows.push((format!("{l} approval note"), text(&v.note)));
            }
            rows.push((
                format!("Controls changed since {l}"),
                Cell::Number(changed as f64),
            ));
        }
        None => rows.push((
            "Status".into(),
            text("Draft: no version has been issued and approved yet"),
        )),
    }
    rows.push(("SoA progress".into(), text(&progress)));
    item_value_table(rows.iter().map(|(k, v)| (k.as_str(), v.clone())).collect())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_issued_version_is_dated_by_its_issue_and_names_its_approver() {
        let version = SoaVersion {
            id: 1,
            number: 2,
            issued_on: date("2026-02-10"),
            approver: "Karin".into(),
            note: "With the scope.".into(),
            rows: Vec::new(),
        };
        let doc = document("Acme", &version, std::slice::from_ref(&version));
        assert_eq!(doc.heading.title, "Statement of Applicability v2");
        assert_eq!(doc.heading.date, date("2026-02-10"));
        let cover = doc.cover.unwrap();
        let value = |item: &str| {
            cover
                .rows
                .iter()
                .find(|r| r[0].text() == item)
                .map(|r| r[1].text())
        };
        assert_eq!(value("Approved by").as_deref(), Some("Karin"));
        assert_eq!(value("Approval note").as_deref(), Some("With the scope."));
        assert_eq!(
            value("Superseded").as_deref(),
            Some("no: the latest issued version")
        );
    }
}
