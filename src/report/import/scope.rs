//! Scope items from a spreadsheet: in or out of the ISMS and the certificate, with the
//! justification an exclusion needs.

use super::columns::{Header, Spec, header, normalise, yes_no};
use super::table::{Line, Table};
use super::{BadLine, ImportError, ImportPlan, REF, Register, numbering, refuse_bad};
use super::{Prepared, Rows};
use crate::domain::reference::RefKind;
use crate::domain::scope::{ScopeItem, ScopeItemKind};
use crate::store::{Store, StoreError, Writer};

const SPECS: &[Spec] = &[
    REF,
    Spec {
        names: &["name", "scope item", "item", "title"],
        required: true,
    },
    Spec {
        names: &["kind", "type", "category"],
        required: true,
    },
    Spec {
        names: &["in isms", "in scope", "isms", "in isms scope", "isms scope"],
        required: false,
    },
    Spec {
        names: &[
            "in certificate",
            "in certificate scope",
            "certificate",
            "certified",
            "certificate scope",
        ],
        required: false,
    },
    Spec {
        names: &[
            "justification",
            "reason",
            "exclusion justification",
            "exclusion reason",
        ],
        required: false,
    },
    Spec {
        names: &["interfaces", "interfaces and dependencies", "interface"],
        required: false,
    },
    Spec {
        names: &["description", "details"],
        required: false,
    },
];

fn kind(value: &str) -> Result<ScopeItemKind, String> {
    if value.trim().is_empty() {
        return Err(format!(
            "kind: is required; expected {}",
            ScopeItemKind::expected()
        ));
    }
    if let Ok(k) = value.parse() {
        return Ok(k);
    }
    Ok(match normalise(value).as_str() {
        "site" | "office" | "building" | "premises" => ScopeItemKind::Location,
        "unit"
        | "department"
        | "org unit"
        | "organisational unit"
        | "organizational unit"
        | "team" => ScopeItemKind::OrgUnit,
        "service" | "business process" | "business service" => ScopeItemKind::Process,
        "system" | "it system" | "technology" | "application" | "platform" => {
            ScopeItemKind::Technology
        }
        _ => {
            return Err(format!(
                "kind: '{}' is not known; expected {}",
                value.trim(),
                ScopeItemKind::expected()
            ));
        }
    })
}

pub(super) fn prepare(store: &Store, table: &Table) -> Result<Prepared, ImportError> {
    let mut bad = table.problems.clone();
    let (head, lines) = header(table, SPECS, &mut bad);
    let last = store
        .scope_items()?
        .iter()
        .map(|s| s.number)
        .max()
        .unwrap_or(0);
    let mut items = Vec::new();
    for slot in numbering(RefKind::ScopeItem, &head, &lines, last, &mut bad) {
        let line = lines[slot.index];
        if let Some(b) = head.overflow(line) {
            bad.push(b);
        }
        match draft(&head, line) {
            Ok(mut item) => {
                item.number = slot.number;
                items.push(item);
            }
            Err(why) => bad.extend(why.into_iter().map(|why| BadLine {
                line: line.line,
                why,
            })),
        }
    }
    refuse_bad(bad)?;
    let plan = ImportPlan {
        register: Register::Scope,
        rows: lines.len(),
        created: items.iter().map(describe).collect(),
        ignored_columns: head.ignored.clone(),
        confirmed: 0,
        unjustified: Vec::new(),
    };
    Ok(Prepared {
        plan,
        rows: Rows::Scope(items),
    })
}

/// Writes the scope items, each with the number its row gave it.
pub(super) fn write(items: Vec<ScopeItem>, w: &mut Writer<'_>) -> Result<(), StoreError> {
    for item in items {
        let number = item.number;
        let stored = w.insert_scope_item(item)?;
        // The store numbers on from the last item; a gap in the file's refs is kept.
        if stored.number != number {
            w.import_number(RefKind::ScopeItem, stored.id, number)?;
        }
    }
    Ok(())
}

/// `S-004 Branch office (location, in ISMS, not in certificate)`.
fn describe(s: &ScopeItem) -> String {
    let isms = if s.in_isms {
        "in ISMS"
    } else {
        "outside the ISMS"
    };
    let cert = if s.in_certificate {
        "in certificate"
    } else {
        "not in certificate"
    };
    format!(
        "{} {} ({}, {isms}, {cert})",
        RefKind::ScopeItem.format(s.number),
        s.name,
        s.kind.label().to_lowercase()
    )
}

/// A column that is absent leaves the default (in); an empty cell in a present column is no.
fn flag(head: &Header, line: &Line, key: &str, why: &mut Vec<String>) -> bool {
    if !head.has(key) {
        return true;
    }
    yes_no(key, head.cell(line, key))
        .map_err(|e| why.push(e))
        .unwrap_or(true)
}

fn draft(head: &Header, line: &Line) -> Result<ScopeItem, Vec<String>> {
    let mut why = Vec::new();
    let cell = |key: &str| head.cell(line, key);
    let kind = kind(cell("kind")).map_err(|e| why.push(e)).ok();
    let mut item = ScopeItem::new(kind.unwrap_or(ScopeItemKind::Location), cell("name"));
    item.in_isms = flag(head, line, "in isms", &mut why);
    item.in_certificate = flag(head, line, "in certificate", &mut why);
    item.justification = cell("justification").to_string();
    item.interfaces = cell("interfaces").to_string();
    item.description = cell("description").to_string();
    match item.validated_all() {
        Ok(item) if why.is_empty() => Ok(item),
        Ok(_) => Err(why),
        Err(problems) => {
            why.extend(problems.iter().map(ToString::to_string));
            Err(why)
        }
    }
}
