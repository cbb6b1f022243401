//! A large synthetic workspace for benchmarks and scale tests: plausible but generated names,
//! every asset kind, dependency chains from primary to supporting assets, rated risks linked to
//! assets, actions linked to risks and controls, a decided SoA and the documents its evidence
//! names, an audit programme with findings, nonconformities with corrective actions, and
//! objectives with a year of monthly measurements, and a held management review a year with
//! its actions. Deterministic.

use std::path::Path;

use chrono::{Days, NaiveDate};

use super::{Settings, date};
use crate::Clock;
use crate::domain::asset::{Asset, AssetKind, Dependency};
use crate::domain::control::Control;
use crate::domain::document::{DocKind, DocStatus, Document};
use crate::domain::methodology::Rating;
use crate::domain::protection::{Objective, ProtectionNeed};
use crate::domain::risk::{Risk, RiskStatus, TreatmentOption};
use crate::domain::scope::{ScopeItem, ScopeItemKind};
use crate::domain::soa::{Applicability, ImplementationStatus, Reason, SoaEntry};
use crate::domain::treatment::{Action, ActionStatus};
use crate::store::{Existing, Store, StoreError, Writer};

/// Assets come in blocks of ten: four primary, five supporting, one intangible. Slots 7 and 8
/// alternate between blocks (`[even block, odd block]`), so every kind appears.
const SLOTS: [[(AssetKind, &str); 2]; 10] = [
    [
        (AssetKind::Information, "customer records"),
        (AssetKind::Information, "order data"),
    ],
    [
        (AssetKind::Process, "order handling"),
        (AssetKind::Process, "billing"),
    ],
    [
        (AssetKind::Information, "personnel files"),
        (AssetKind::Information, "contract files"),
    ],
    [
        (AssetKind::Process, "customer service"),
        (AssetKind::Process, "procurement"),
    ],
    [
        (AssetKind::Software, "application"),
        (AssetKind::Software, "database"),
    ],
    [
        (AssetKind::CloudService, "cloud tenant"),
        (AssetKind::CloudService, "SaaS service"),
    ],
    [
        (AssetKind::Hardware, "server"),
        (AssetKind::Hardware, "storage system"),
    ],
    [
        (AssetKind::Network, "network segment"),
        (AssetKind::Site, "office site"),
    ],
    [
        (AssetKind::People, "operations team"),
        (AssetKind::Supplier, "service provider"),
    ],
    [
        (AssetKind::Intangible, "brand reputation"),
        (AssetKind::Intangible, "customer trust"),
    ],
];

/// Dependencies inside each block, by slot: `(asset, depends_on)`. Every supporting asset
/// serves a primary one; 0 -> 4 -> 6 -> 7 is three deep. Kept to one edge per supporting asset
/// because each `add_dependency` re-reads all edges for its cycle check.
const EDGES: [(usize, usize); 5] = [(0, 4), (1, 8), (3, 5), (4, 6), (6, 7)];

const OWNERS: [&str; 6] = [
    "CTO",
    "CFO",
    "Head of Operations",
    "HR Manager",
    "IT Coordinator",
    "ISB",
];
const CLASSIFICATIONS: [&str; 4] = [
    "internal",
    "confidential",
    "strictly confidential",
    "public",
];
const TREATMENTS: [TreatmentOption; 6] = [
    TreatmentOption::Reduce,
    TreatmentOption::Reduce,
    TreatmentOption::Reduce,
    TreatmentOption::Avoid,
    TreatmentOption::Transfer,
    TreatmentOption::Accept,
];
const ACTION_STATUSES: [ActionStatus; 5] = [
    ActionStatus::Planned,
    ActionStatus::InProgress,
    ActionStatus::Done,
    ActionStatus::InProgress,
    ActionStatus::Cancelled,
];
const IMPLEMENTATION: [ImplementationStatus; 4] = [
    ImplementationStatus::Implemented,
    ImplementationStatus::Partial,
    ImplementationStatus::Planned,
    ImplementationStatus::Implemented,
];
const REASONS: [&[Reason]; 3] = [
    &[Reason::Legal],
    &[Reason::Contractual, Reason::Business],
    &[Reason::Business],
];
/// Annex A controls excluded in the synthetic SoA; actions never implement them.
const EXCLUDED: [&str; 2] = ["7.10", "8.30"];

/// Writes a large synthetic workspace: `assets` assets, 2*assets risks, assets/2 actions, in
/// one transaction.
pub fn write_scaled(path: &Path, assets: u32) -> Result<Store, StoreError> {
    write_scaled_with_clock(path, assets, Clock::System)
}

/// The organisation of a synthetic workspace.
pub const SCALED_ORGANISATION: &str = "Scaled Test GmbH";

/// [`write_scaled`] on the `clock` of the command that writes it.
pub fn write_scaled_with_clock(
    path: &Path,
    assets: u32,
    clock: Clock,
) -> Result<Store, StoreError> {
    write_scaled_with_progress(path, assets, clock, &|| {})
}

/// How many times [`write_scaled_with_progress`] calls its `tick` for `assets` assets: once per
/// asset, risk and action.
pub fn scaled_items(assets: u32) -> u64 {
    let n = u64::from(assets);
    n + 2 * n + n / 2
}

/// [`write_scaled_with_clock`], calling `tick` after each asset, risk and action it wrote (the
/// command line draws a progress bar from it; [`scaled_items`] is the total).
pub fn write_scaled_with_progress(
    path: &Path,
    assets: u32,
    clock: Clock,
    tick: &dyn Fn(),
) -> Result<Store, StoreError> {
    let mut draft =
        Store::draft_with_clock(path, SCALED_ORGANISATION, None, Existing::Refuse, clock)?;
    let store = draft.store();
    Settings::of(store).and_then(|s| store.edit(|w| fill(w, &s, assets as usize, tick)))?;
    draft.finish(false)
}

/// `base` plus `days`, staying at `base` in the (unreachable) case of overflow.
fn after(base: NaiveDate, days: usize) -> NaiveDate {
    base.checked_add_days(Days::new(days as u64))
        .unwrap_or(base)
}

/// The `i`-th item, cycling; only ever called with non-empty lists.
fn pick<T: Copy>(items: &[T], i: usize) -> T {
    items[i % items.len()]
}

fn kind_of(i: usize) -> (AssetKind, &'static str) {
    SLOTS[i % SLOTS.len()][i / SLOTS.len() % 2]
}

fn fill(w: &mut Writer<'_>, s: &Settings, n: usize, tick: &dyn Fn()) -> Result<(), StoreError> {
    let base = date("2026-01-01")?;
    let mut scope_ids = Vec::new();
    for (kind, name) in [
        (ScopeItemKind::Location, "Headquarters"),
        (ScopeItemKind::Location, "Branch office"),
        (ScopeItemKind::Technology, "Cloud platform"),
        (ScopeItemKind::Product, "Customer portal"),
    ] {
        scope_ids.push(w.insert_scope_item(ScopeItem::new(kind, name))?.id);
    }

    let mut asset_ids = Vec::with_capacity(n);
    for i in 0..n {
        let (kind, noun) = kind_of(i);
        let asset = Asset {
            owner: pick(&OWNERS, i).into(),
            classification: pick(&CLASSIFICATIONS, i).into(),
            scope_item: Some(pick(&scope_ids, i)),
            location: format!("Site {}", i % 7 + 1),
            description: format!("Synthetic {noun} for scale tests."),
            ..Asset::new(kind, &format!("Asset {:05} {noun}", i + 1))
        };
        let id = w.insert_asset(asset)?.id;
        asset_ids.push(id);
        tick();
        if kind.is_rated_directly() {
            for (o, objective) in Objective::TRIAD.into_iter().enumerate() {
                let need = ProtectionNeed {
                    asset: id,
                    objective,
                    level: ((i + o) % 3 + 1) as u8,
                    rationale: format!("Synthetic {} rating.", objective.label().to_lowercase()),
                    rationale_stale: false,
                };
                w.set_protection_need(need, &s.scale)?;
            }
        }
    }
    for block in (0..n).step_by(SLOTS.len()) {
        for (a, d) in EDGES {
            if let (Some(&asset), Some(&depends_on)) =
                (asset_ids.get(block + a), asset_ids.get(block + d))
            {
                w.add_dependency(Dependency { asset, depends_on })?;
            }
        }
    }

    let mut risk_ids = Vec::with_capacity(2 * n);
    for j in 0..2 * n {
        let (likelihood, impact) = ((j % 5 + 1) as u8, (j / 5 % 5 + 1) as u8);
        let treatment = pick(&TREATMENTS, j);
        let risk = Risk {
            description: "Synthetic risk for scale tests.".into(),
            assets: [j % n, (j * 7 + 3) % n]
                .iter()
                .filter_map(|&a| asset_ids.get(a).copied())
                .collect(),
            threat: format!("Threat scenario {}", j % 40 + 1),
            vulnerability: format!("Weakness {}", j % 25 + 1),
            objectives: vec![pick(&Objective::TRIAD, j)],
            owner: pick(&OWNERS, j).into(),
            inherent: Some(Rating { likelihood, impact }),
            residual: Some(Rating {
                likelihood: likelihood.saturating_sub(1).max(1),
                impact: impact.saturating_sub(1).max(1),
            }),
            treatment: Some(treatment),
            treatment_rationale: format!(
                "{} as decided in the synthetic assessment.",
                treatment.label()
            ),
            status: if treatment == TreatmentOption::Accept {
                RiskStatus::Accepted
            } else {
                RiskStatus::InTreatment
            },
            next_review: Some(after(base, 90 + j % 365)),
            ..Risk::new(&format!(
                "Risk {:05}: {noun} compromised",
                j + 1,
                noun = kind_of(j).1
            ))
        };
        risk_ids.push(w.insert_risk(risk, &s.methodology)?.id);
        tick();
    }

    let applicable: Vec<&Control> = s
        .controls
        .iter()
        .filter(|c| c.is_annex_a() && !EXCLUDED.contains(&c.key.as_str()))
        .collect();
    for k in 0..n / 2 {
        let controls = match applicable.len() {
            0 => Vec::new(),
            len => {
                vec![
                    applicable[k % len].key.clone(),
                    applicable[(k * 7 + 1) % len].key.clone(),
                ]
            }
        };
        let action = Action {
            description: "Synthetic treatment action.".into(),
            risks: [4 * k, 4 * k + 1]
                .iter()
                .filter_map(|&r| risk_ids.get(r).copied())
                .collect(),
            controls,
            owner: pick(&OWNERS, k).into(),
            due: Some(after(base, k % 540)),
            status: pick(&ACTION_STATUSES, k),
            ..Action::new(&format!("Action {:05}", k + 1))
        };
        w.insert_action(action)?;
        tick();
    }

    for (i, control) in s.controls.iter().enumerate() {
        let entry = if EXCLUDED.contains(&control.key.as_str()) {
            SoaEntry {
                applicability: Applicability::NotApplicable,
                exclusion_justification: "Not relevant to the synthetic scope.".into(),
                ..SoaEntry::undecided(&control.key)
            }
        } else {
            SoaEntry {
                applicability: Applicability::Applicable,
                reasons: pick(&REASONS, i).to_vec(),
                justification: format!("Needed for the synthetic scope ({}).", control.key),
                status: pick(&IMPLEMENTATION, i),
                owner: pick(&OWNERS, i).into(),
                evidence: format!("D-{:03}", i % 30 + 1),
                ..SoaEntry::undecided(&control.key)
            }
        };
        w.set_soa_entry(entry)?;
    }

    fill_check_and_act(w, s, n, base)?;

    // The documents the SoA's evidence names (D-001 to D-030), each evidencing its controls.
    for d in 0..DOCUMENTS {
        let controls = s
            .controls
            .iter()
            .enumerate()
            .filter(|(i, c)| i % DOCUMENTS == d && !EXCLUDED.contains(&c.key.as_str()))
            .map(|(_, c)| c.key.clone())
            .collect();
        let approved = after(base, d);
        w.insert_document(Document {
            version: "1.0".into(),
            issued_on: Some(approved),
            owner: pick(&OWNERS, d).into(),
            status: DocStatus::Approved,
            approved_by: pick(&OWNERS, d + 1).into(),
            approved_on: Some(approved),
            review_months: Some(12),
            controls,
            ..Document::new(&format!("Document {:03}", d + 1), DocKind::Procedure)
        })?;
    }
    Ok(())
}

/// How many documents the SoA's evidence names.
const DOCUMENTS: usize = 30;

/// Three yearly internal audits of every clause, each covering a third of the controls, with
/// ten findings; one nonconformity per hundred assets with two corrective actions; five
/// objectives with twelve monthly measurements.
fn fill_check_and_act(
    w: &mut Writer<'_>,
    s: &Settings,
    n: usize,
    base: NaiveDate,
) -> Result<(), StoreError> {
    use crate::domain::audit::{Audit, AuditFinding, AuditKind, AuditStatus, FindingGrade};
    use crate::domain::nonconformity::{
        CorrectiveAction, CorrectiveStatus, NcGrade, NcSource, Nonconformity,
    };
    use crate::domain::objective::{Direction, Measurement, SecurityObjective};
    let clauses: Vec<String> = (4..=10).map(|c| c.to_string()).collect();
    for year in 0..3 {
        let held = after(base, 365 * year);
        let held = held.checked_sub_days(Days::new(3 * 365)).unwrap_or(held);
        let audit = w.save_audit(Audit {
            planned_on: Some(held),
            held_on: Some(held),
            reported_on: Some(after(held, 14)),
            status: AuditStatus::Reported,
            clauses: clauses.clone(),
            controls: s
                .controls
                .iter()
                .enumerate()
                .filter(|(i, c)| i % 3 == year && !EXCLUDED.contains(&c.key.as_str()))
                .map(|(_, c)| c.key.clone())
                .collect(),
            lead_auditor: pick(&OWNERS, year + 3).into(),
            ..Audit::new(
                &format!("Internal audit, year {}", year + 1),
                AuditKind::Internal,
            )
        })?;
        for f in 0..10 {
            w.save_audit_finding(AuditFinding {
                requirement: format!("{}", f % 7 + 4),
                evidence: "Sampled records.".into(),
                ..AuditFinding::new(
                    audit.id,
                    pick(FindingGrade::ALL, f),
                    &format!("Synthetic finding {}", f + 1),
                )
            })?;
        }
    }
    for k in 0..n / 100 {
        let raised = after(base, k % 300);
        w.save_nonconformity(Nonconformity {
            correction: "Contained at once.".into(),
            root_cause: format!("Synthetic cause {}", k % 12 + 1),
            actions: (0..2)
                .map(|a| CorrectiveAction {
                    owner: pick(&OWNERS, k + a).into(),
                    due_on: Some(after(raised, 30 + 30 * a)),
                    status: pick(&[CorrectiveStatus::Done, CorrectiveStatus::Open], k + a),
                    ..CorrectiveAction::new(&format!("Corrective action {}", a + 1))
                })
                .collect(),
            ..Nonconformity::new(
                pick(&[NcSource::Incident, NcSource::OwnObservation], k),
                pick(&[NcGrade::Minor, NcGrade::Major], k / 5),
                raised,
                &format!("Synthetic nonconformity {:04}", k + 1),
            )
        })?;
    }
    for o in 0..5 {
        let objective = w.save_security_objective(SecurityObjective {
            measure: "Counted from the synthetic records".into(),
            target: Some(90.0),
            unit: "%".into(),
            direction: Direction::AtLeast,
            owner: pick(&OWNERS, o).into(),
            every_months: 1,
            ..SecurityObjective::new(&format!("Synthetic objective {}", o + 1), base)
        })?;
        for month in 0..12 {
            let value = 80.0 + ((o * 3 + month) % 15) as f64;
            w.save_measurement(Measurement::new(
                objective.id,
                after(base, 30 * month),
                value,
            ))?;
        }
    }
    fill_reviews(w, base)
}

/// A management review a month after each year's internal audit, held on its day (its inputs
/// frozen from the synthetic registers), with five actions, the latest year's still open.
fn fill_reviews(w: &mut Writer<'_>, base: NaiveDate) -> Result<(), StoreError> {
    use crate::domain::review::{Input, Review, ReviewAction, ReviewActionStatus};
    for year in 0..3 {
        let audited = after(base, 365 * year);
        let audited = audited
            .checked_sub_days(Days::new(3 * 365))
            .unwrap_or(audited);
        let day = after(audited, 30);
        let review = w.save_review(
            Review {
                planned_on: Some(day),
                participants: vec![pick(&OWNERS, 0).into(), pick(&OWNERS, 1).into()],
                improvements: "Synthetic decisions on improvement.".into(),
                ..Review::new(&format!("Management review, year {}", year + 1))
            }
            .with_note(Input::Feedback, "No complaints.")
            .with_note(Input::Improvement, "Automate the synthetic checks."),
        )?;
        w.hold_review(review.id, day)?;
        for a in 0..5 {
            w.save_review_action(ReviewAction {
                owner: pick(&OWNERS, year + a).into(),
                due_on: Some(after(day, 60 * (a + 1))),
                status: if year < 2 {
                    ReviewActionStatus::Done
                } else {
                    ReviewActionStatus::Open
                },
                ..ReviewAction::new(review.id, &format!("Synthetic review action {}", a + 1))
            })?;
        }
    }
    Ok(())
}
