//! Assets from a spreadsheet: fields, scope item, dependencies and protection needs per
//! objective, each checked by the same domain rules the app applies.

use std::collections::HashMap;

use super::columns::{Header, Spec, header_preferring, level, list, normalise};
use super::table::{Line, Table};
use super::{BadLine, ImportError, ImportPlan, Names, REF, Register, numbering, refuse_bad};
use super::{Prepared, Rows};
use crate::domain::asset::{Asset, AssetKind, Dependency, check_new_dependency};
use crate::domain::protection::{
    NeedSource, Objective, ProtectionNeed, ProtectionScale, effective_needs, is_confirmation,
};
use crate::domain::reference::RefKind;
use crate::store::{Store, StoreError, Writer};

const SPECS: &[Spec] = &[
    REF,
    Spec {
        names: &[
            "name",
            "asset",
            "asset name",
            "title",
            "bezeichnung",
            "asset bezeichnung",
            "objekt",
            "zielobjekt",
        ],
        required: true,
    },
    Spec {
        names: &[
            "kind",
            "type",
            "category",
            "asset type",
            "asset kind",
            "asset category",
            "typ",
            "art",
            "kategorie",
            "asset typ",
            "assettyp",
            "objekttyp",
        ],
        required: true,
    },
    Spec {
        names: &[
            "owner",
            "asset owner",
            "responsible",
            "owned by",
            "responsible person",
            "verantwortlicher",
            "verantwortliche r",
            "verantwortlich",
            "eigentuemer",
            "besitzer",
        ],
        required: false,
    },
    Spec {
        names: &["description", "details", "beschreibung", "erlaeuterung"],
        required: false,
    },
    Spec {
        names: &[
            "location",
            "where held",
            "storage",
            "stored",
            "stored in",
            "held",
            "standort",
            "ort",
            "speicherort",
            "aufbewahrungsort",
        ],
        required: false,
    },
    Spec {
        names: &[
            "classification",
            "label",
            "information classification",
            "klassifizierung",
            "klassifikation",
            "einstufung",
        ],
        required: false,
    },
    Spec {
        names: &[
            "scope item",
            "scope",
            "in scope item",
            "geltungsbereich",
            "anwendungsbereich",
        ],
        required: false,
    },
    Spec {
        names: &[
            "depends on",
            "dependencies",
            "depends",
            "relies on",
            "uses",
            "abhaengig von",
            "abhaengigkeiten",
            "haengt ab von",
            "benoetigt",
            "nutzt",
        ],
        required: false,
    },
    Spec {
        names: &["confidentiality", "c", "vertraulichkeit", "v"],
        required: false,
    },
    Spec {
        names: &["integrity", "i", "integritaet"],
        required: false,
    },
    Spec {
        names: &["availability", "a", "verfuegbarkeit"],
        required: false,
    },
    Spec {
        names: &["authenticity", "au", "authentizitaet"],
        required: false,
    },
    Spec {
        // Not `nr`: German sheets number their rows in a column `Nr.`.
        names: &["non repudiation", "nichtabstreitbarkeit"],
        required: false,
    },
    Spec {
        names: &["accountability", "ac", "zurechenbarkeit"],
        required: false,
    },
    Spec {
        names: &["privacy", "p", "datenschutz"],
        required: false,
    },
    Spec {
        names: &[
            "rationale",
            "protection rationale",
            "protection need rationale",
            "justification",
            "begruendung",
            "schutzbedarfsbegruendung",
            "begruendung schutzbedarf",
        ],
        required: false,
    },
    Spec {
        names: &["confidentiality rationale"],
        required: false,
    },
    Spec {
        names: &["integrity rationale"],
        required: false,
    },
    Spec {
        names: &["availability rationale"],
        required: false,
    },
    Spec {
        names: &["authenticity rationale"],
        required: false,
    },
    Spec {
        names: &["non repudiation rationale"],
        required: false,
    },
    Spec {
        names: &["accountability rationale"],
        required: false,
    },
    Spec {
        names: &["privacy rationale"],
        required: false,
    },
];

/// Synonyms of a column that an export derives from another: `Category` comes from `Kind`.
const DERIVED: &[&str] = &["category", "asset category", "kategorie"];

/// The column of each objective: its label, normalised (`non repudiation`).
fn objective_column(o: Objective) -> String {
    normalise(o.label())
}

/// Kinds people write that are not the app's own codes or labels.
fn kind(value: &str) -> Result<AssetKind, String> {
    if value.trim().is_empty() {
        return Err(format!(
            "kind: is required; expected {}",
            AssetKind::expected()
        ));
    }
    if let Ok(k) = value.parse::<AssetKind>() {
        return Ok(k);
    }
    // English words first, then German ones (umlauts spelt out by `normalise`).
    Ok(match normalise(value).as_str() {
        "data" | "info" | "document" | "documents" | "records" | "daten" | "informationen"
        | "dokument" | "dokumente" | "unterlagen" => AssetKind::Information,
        "business process" | "processes" | "service" | "prozess" | "geschaeftsprozess"
        | "prozesse" => AssetKind::Process,
        "device" | "server" | "laptop" | "computer" | "it hardware" | "geraet" | "endgeraet"
        | "notebook" | "drucker" | "virtueller server" => AssetKind::Hardware,
        "application" | "app" | "system" | "it system" | "anwendung" | "applikation"
        | "fachanwendung" | "programm" => AssetKind::Software,
        "cloud" | "saas" | "cloud service" | "iaas" | "paas" | "cloud dienst" | "clouddienst"
        | "cloud anwendung" => AssetKind::CloudService,
        "netz" | "netzwerk" | "netzkomponente" => AssetKind::Network,
        "room" | "building" | "office" | "premises" | "raum" | "gebaeude" | "buero"
        | "serverraum" | "rechenzentrum" | "liegenschaft" => AssetKind::Site,
        "person" | "personnel" | "staff" | "employees" | "personal" | "mitarbeiter"
        | "mitarbeitende" | "personen" => AssetKind::People,
        "vendor" | "third party" | "service provider" | "dienstleister" | "lieferant" => {
            AssetKind::Supplier
        }
        "reputation" | "ruf" | "image" | "ansehen" => AssetKind::Intangible,
        _ => {
            return Err(format!(
                "kind: '{}' is not known; expected {}",
                value.trim(),
                AssetKind::expected()
            ));
        }
    })
}

/// One row as it would be written; `id` is a stand-in (negative) until the row is inserted.
#[derive(Debug, Clone)]
struct Draft {
    id: i64,
    asset: Option<Asset>,
    needs: Vec<ProtectionNeed>,
    depends_on: Vec<i64>,
}

/// Asset rows ready to write: new assets under temporary negative ids, their needs, and the
/// links among them and to stored assets.
#[derive(Debug, Clone)]
pub struct NewAssets {
    drafts: Vec<Draft>,
    edges: Vec<Dependency>,
    scale: ProtectionScale,
}

pub(super) fn prepare(store: &Store, table: &Table) -> Result<Prepared, ImportError> {
    let mut bad = table.problems.clone();
    let (head, lines) = header_preferring(table, SPECS, DERIVED, &mut bad);
    let scale = store.protection_scale()?;
    let existing = store.assets()?;
    let scope = store.scope_items()?;
    let last = existing.iter().map(|a| a.number).max().unwrap_or(0);
    let slots = numbering(RefKind::Asset, &head, &lines, last, &mut bad);

    let mut scope_names = Names::new(RefKind::ScopeItem, "scope item");
    for s in &scope {
        scope_names.add(s.id, s.number, &s.name, 1);
    }
    let mut asset_names = Names::new(RefKind::Asset, "asset");
    let mut label_of: HashMap<i64, String> = HashMap::new();
    for a in &existing {
        asset_names.add(a.id, a.number, &a.name, 1);
        label_of.insert(a.id, a.name.clone());
    }
    // A row is named by the reference the file gives it, so that the file's own references
    // (an export's `Depends on`) point at its rows before the workspace's assets.
    for (i, slot) in slots.iter().enumerate() {
        let id = -(i as i64) - 1;
        let name = head.cell(lines[slot.index], "name");
        asset_names.add(id, slot.file_ref.unwrap_or(slot.number), name, 0);
        label_of.insert(id, name.to_string());
    }

    let mut drafts = Vec::new();
    let mut edges: Vec<Dependency> = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        let line = lines[slot.index];
        let id = -(i as i64) - 1;
        if let Some(b) = head.overflow(line) {
            bad.push(b);
        }
        let (draft, mut why) = draft(&head, line, id, &scale, &scope_names, &asset_names);
        // A row's dependencies count even when the row has other faults, so a cycle through
        // it is still named. Cycles can only close among the new rows: no stored asset
        // depends on one of them.
        for &target in &draft.depends_on {
            let edge = Dependency {
                asset: id,
                depends_on: target,
            };
            let name = |id| asset_names.label(id, |id| label_of.get(&id).cloned());
            match check_new_dependency(&edges, edge, name) {
                Ok(()) => edges.push(edge),
                Err(e) => why.push(e.to_string()),
            }
        }
        match draft.asset {
            Some(mut asset) if why.is_empty() => {
                asset.number = slot.number;
                drafts.push(Draft {
                    asset: Some(asset),
                    ..draft
                });
            }
            _ => bad.extend(why.into_iter().map(|why| BadLine {
                line: line.line,
                why,
            })),
        }
    }
    refuse_bad(bad)?;
    let settled = settle(store, &existing, &edges, &mut drafts, &scale)?;

    let created = drafts
        .iter()
        .filter_map(|d| d.asset.as_ref())
        .map(describe)
        .collect();
    let plan = ImportPlan {
        register: Register::Assets,
        rows: lines.len(),
        created,
        ignored_columns: head.ignored.clone(),
        confirmed: settled.confirmed,
        unjustified: settled.unjustified,
    };
    Ok(Prepared {
        plan,
        rows: Rows::Assets(NewAssets {
            drafts,
            edges,
            scale,
        }),
    })
}

impl NewAssets {
    pub(super) fn write(self, w: &mut Writer<'_>) -> Result<(), StoreError> {
        let (drafts, edges, scale) = (self.drafts, self.edges, self.scale);
        let mut real: HashMap<i64, i64> = HashMap::new();
        for d in &drafts {
            let Some(asset) = d.asset.clone() else {
                continue;
            };
            let number = asset.number;
            let stored = w.insert_asset(asset)?;
            // The store numbers on from the last asset; a gap in the file's refs is kept.
            if stored.number != number {
                w.import_number(RefKind::Asset, stored.id, number)?;
            }
            real.insert(d.id, stored.id);
        }
        let id = |v: i64| real.get(&v).copied().unwrap_or(v);
        for d in &drafts {
            for need in &d.needs {
                let need = ProtectionNeed {
                    asset: id(d.id),
                    ..need.clone()
                };
                w.import_protection_need(need, &scale)?;
            }
        }
        for e in &edges {
            w.add_dependency(Dependency {
                asset: id(e.asset),
                depends_on: id(e.depends_on),
            })?;
        }
        Ok(())
    }
}

/// What the ratings of supporting assets came to.
struct Settled {
    confirmed: usize,
    unjustified: Vec<String>,
}

/// Ratings of supporting assets as a register gives them, on every row: one equal to what the
/// asset inherits (from the workspace and the file together) confirms the maximum principle and
/// is not kept; any other stays an override, listed when the file gives no justification.
fn settle(
    store: &Store,
    existing: &[Asset],
    edges: &[Dependency],
    drafts: &mut [Draft],
    scale: &ProtectionScale,
) -> Result<Settled, ImportError> {
    let mut assets = existing.to_vec();
    for d in drafts.iter() {
        if let Some(a) = &d.asset {
            assets.push(Asset {
                id: d.id,
                ..a.clone()
            });
        }
    }
    let mut dependencies = store.dependencies()?;
    dependencies.extend_from_slice(edges);
    let mut needs = store.protection_needs()?;
    needs.extend(drafts.iter().flat_map(|d| d.needs.iter().cloned()));
    let mut settled = Settled {
        confirmed: 0,
        unjustified: Vec::new(),
    };
    // Computed before any rating is dropped: a confirmation changes no effective value.
    let effective: Vec<_> = Objective::ALL
        .iter()
        .copied()
        .filter(|&o| needs.iter().any(|n| n.objective == o && n.asset < 0))
        .map(|o| (o, effective_needs(&assets, &dependencies, &needs, o)))
        .collect();
    for d in drafts.iter_mut() {
        let Some(asset) = d.asset.as_ref().filter(|a| !a.kind.is_rated_directly()) else {
            continue;
        };
        for (o, effective) in &effective {
            let Some(e) = effective.get(&d.id) else {
                continue;
            };
            if is_confirmation(e) {
                let before = d.needs.len();
                d.needs.retain(|n| n.objective != *o);
                settled.confirmed += before - d.needs.len();
                continue;
            }
            let Some(need) = d.needs.iter().find(|n| n.objective == *o) else {
                continue;
            };
            if need.rationale.is_empty() {
                let name = |level| scale.name(level).unwrap_or("?").to_string();
                let inherited = match e.source {
                    NeedSource::Override {
                        inherited: Some(level),
                        ..
                    } => format!("inherits {}", name(level)),
                    _ => "inherits nothing".to_string(),
                };
                settled.unjustified.push(format!(
                    "{} {}: {} {}, {inherited}",
                    RefKind::Asset.format(asset.number),
                    asset.name,
                    o.label().to_lowercase(),
                    name(need.level),
                ));
            }
        }
    }
    Ok(settled)
}

/// `AS-031 Customer data (information, owner CTO)`.
fn describe(a: &Asset) -> String {
    let owner = if a.owner.is_empty() {
        "no owner".to_string()
    } else {
        format!("owner {}", a.owner)
    };
    format!(
        "{} {} ({}, {owner})",
        RefKind::Asset.format(a.number),
        a.name,
        a.kind.label().to_lowercase()
    )
}

/// The level set on the asset itself in a protection need cell, as an export writes it: `high`
/// (own), `normal (override)`, or `very high ↑AS-003`, which is inherited from the asset named
/// and not set on this one (None).
fn own_need(value: &str) -> Option<&str> {
    if value.contains('↑') {
        return None;
    }
    Some(
        value
            .trim()
            .strip_suffix("(override)")
            .map_or(value, str::trim_end),
    )
}

fn draft(
    head: &Header,
    line: &Line,
    id: i64,
    scale: &ProtectionScale,
    scope: &Names,
    assets: &Names,
) -> (Draft, Vec<String>) {
    let mut why = Vec::new();
    let cell = |key: &str| head.cell(line, key);
    let kind = kind(cell("kind")).map_err(|e| why.push(e)).ok();
    let mut asset = Asset::new(kind.unwrap_or(AssetKind::Information), cell("name"));
    asset.owner = cell("owner").to_string();
    asset.description = cell("description").to_string();
    asset.location = cell("location").to_string();
    asset.classification = cell("classification").to_string();
    if !cell("scope item").is_empty() {
        asset.scope_item = scope
            .resolve("scope item", cell("scope item"))
            .map_err(|e| why.push(e))
            .ok();
    }
    let asset = asset
        .validated_all()
        .map_err(|problems| why.extend(problems.iter().map(ToString::to_string)))
        .ok();

    let names: Vec<&str> = scale.levels.iter().map(|l| l.name.as_str()).collect();
    let mut needs = Vec::new();
    for o in Objective::ALL.iter().copied() {
        let column = objective_column(o);
        if !head.has(&column) {
            continue;
        }
        let Some(value) = own_need(cell(&column)) else {
            continue;
        };
        match level(&column, value, &names) {
            Ok(None) => {}
            Ok(Some(level)) => {
                let rationale = match cell(&format!("{column} rationale")) {
                    "" => cell("rationale"),
                    own => own,
                };
                let need = ProtectionNeed {
                    asset: id,
                    objective: o,
                    level,
                    rationale: rationale.to_string(),
                    rationale_stale: false,
                };
                // An override without its justification is taken in; `settle` sorts it out.
                match need.validated_as_found(scale) {
                    Ok(n) => needs.push(n),
                    Err(e) => why.push(format!("{column}: {e}")),
                }
            }
            Err(e) => why.push(e),
        }
    }
    let mut depends_on = Vec::new();
    for token in list(cell("depends on")) {
        match assets.resolve("depends on", &token) {
            Ok(target) if !depends_on.contains(&target) => depends_on.push(target),
            Ok(_) => {}
            Err(e) => why.push(e),
        }
    }
    let draft = Draft {
        id,
        asset,
        needs,
        depends_on,
    };
    (draft, why)
}
