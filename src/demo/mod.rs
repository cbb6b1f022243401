//! Demo workspaces: the ISMS of a fictional company to explore and to test against, and a large
//! synthetic workspace for benchmarks. Both are deterministic: every date is a fixed literal.
//!
//! The demo is Nordwind Logistik GmbH, a 40-person freight-forwarding software and dispatch
//! company in Bremen. Seen on "today" = 2026-03-31 (`ISMS_TODAY`), it contains these deliberate
//! gaps, and no others, for the readiness checker to find:
//!
//! - **No decision whether climate change is a relevant issue** (4.1, Amd 1:2024): the heat
//!   waves and heavy rain are recorded as an external issue, but the decision is not.
//! - **Interested party without addressed requirements**: IP-007 (cyber insurer).
//! - **Asset without owner** (one lapse, minor): AS-028 (Backup NAS).
//! - **Primary asset rated without a rationale** (observation): AS-005 (Financial records),
//!   availability.
//! - **Supporting asset that serves no primary asset**: AS-029 (Legacy FTP server); nothing
//!   depends on it, so it inherits no protection needs.
//! - **Primary asset without protection needs**: AS-011 (Invoicing).
//! - **Risk without owner** (one lapse, minor): R-018 (Exposure of dispatch data at the Hamburg
//!   office); its plan was approved by the managing director.
//! - **Risk without assessment** (no ratings, no treatment; one lapse, minor): R-020 (EU Data
//!   Act obligations).
//! - **Residual risk above the criteria, treatment done, not accepted** (major): R-019 (Denial
//!   of service), residual high (3 x 3) with T-017 done.
//! - **Residual risk above the criteria while its treatment is open** (minor): R-003 (Long
//!   outage of the AWS region), residual high (2 x 4), T-004 planned.
//! - **Treatment plan without the risk owner's approval**: R-010 (Security incident at the
//!   payroll bureau), T-012 planned. Every other risk with actions has its plan approved on
//!   2026-02-12.
//! - **Risk review overdue** by its level's review period: R-007 (Loss or theft of a laptop),
//!   medium (every 12 months), last assessed on 2025-03-15. Every other rated risk was assessed
//!   on 2026-02-05.
//! - **Risk acceptance without an end date**: on R-015 (Financial loss from a major cyber
//!   incident), accepted by the managing director on 2026-02-20.
//! - **Risk above the acceptance criteria without a treatment option**: R-017 (IT service
//!   provider's administrator access), inherent and residual high (3 x 4).
//! - **Risk to be reduced without any treatment action**: R-011 (Loss of key developers).
//! - **Overdue treatment action**: T-010 (temperature alarm and second AC unit), due 2026-03-15,
//!   in progress. Every other open action is due after 2026-06-30.
//! - **Expired risk acceptance**: on R-014 (legacy FTP server), valid until 2026-01-31. The
//!   valid one is on R-013, until 2027-03-31. Both are medium risks, accepted by the managing
//!   director (top management), above the information security officer their level requires.
//! - **Annex A exclusion without justification**: A.7.12 (Cabling security), written as an
//!   import would write it (the app refuses it). The other exclusions (A.7.10, A.8.11, A.8.30)
//!   are justified; A.5.21 is excluded as covered by the custom control C-002, with a
//!   justification too.
//! - **Exclusion resting on a custom control not in place**: A.5.21 is excluded as covered by
//!   C-002, which is planned and has no evidence yet.
//! - **Control implemented without evidence**: A.7.13 (Equipment maintenance).
//! - **Planned control without a target date**: C-002. The other planned controls have one
//!   (A.5.30 2026-12-15, A.5.35 2026-05-31).
//! - **SoA issued with an undecided control**: v1 was issued on 2026-02-10, approved by the
//!   managing director, with A.8.12 undecided (the gap accepted at issue); no complete version
//!   since.
//! - **SoA changed since the last version**: since v1 three decisions changed: A.5.21 (excluded,
//!   covered by C-002; v1 had it applicable and planned), A.8.12 (undecided → applicable, owner
//!   CTO) and C-001 (partially implemented → implemented when T-014 was done).
//! - **A risk rating changed after the SoA's last version**: R-002 (Takeover of the AWS
//!   account) was first recorded with inherent likelihood 2 and raised to 3. The change is
//!   logged when the demo is written (the change log's stamps come from the clock), so it is
//!   always after v1.
//! - **Documented information missing** (minor): 7.2, 7.5.3 and 8.1 name no document. The
//!   audit programme and its results (9.2.2), the nonconformities (10.2) and the management
//!   review's minutes (9.3.3) are held by their registers, 9.1's results by the measurements of
//!   the objectives. MR-001, last year's management review, was held on 2025-11-28 with every
//!   input; of its three actions MR-001/3 (the drivers' awareness, Julia Schmitt) is still
//!   open, due 2026-06-30, so not overdue.
//! - **Corrective action overdue** (10.2): NC-002 (edit rights on the ISMS document library,
//!   raised from AU-001/2), its action due 2026-02-27 with Jonas Klein, in progress. NC-001
//!   (leavers' access, from AU-001/1) was closed on 2026-03-02 after a review by Anna Weber
//!   found its action effective.
//! - **Objective off target** (observation, 9.1): O-002 (no treatment action overdue, at most
//!   0) measured 1 on 2026-03-16, T-010 being overdue. O-001 (awareness, 92.9 % against at
//!   least 90 %) and O-003 (restore within 4 hours, 3.5) are on target; each has a result in
//!   its period.
//! - **Role holder without competence evidence** (7.2): P-009 Felix Wagner took on the control
//!   owner role on 2026-02-01, after the owners' briefing of 2026-01-15, and has no record for
//!   it since. Every other role that states the competence it needs has a current record for
//!   each holder (the briefing, or a qualification).
//! - **Awareness older than twelve months** (7.3, one lapse, minor): P-014 Daniel Schulz missed
//!   the session of 2026-01-20; his last one was on 2025-02-20. Everyone else with the company
//!   attended it.
//! - **Open item in the name of someone who left** (5.3): AS-027 (Hamburg warehouse office) is
//!   still owned by P-015 Stefan Koch, who left on 2026-01-31 (his asset owner role ended that
//!   day).
//! - **Document named as evidence but not approved**: D-007 (Business continuity plan), v0.9
//!   a draft, named by A.5.29 and T-004.
//! - **Document overdue for review**: D-004 (Access control policy), v1.3 approved on
//!   2025-02-20 with a review every 12 months. Every other document in force is reviewed
//!   after 2026-03-31.
//!
//! The audit programme has no gap: AU-001, the internal audit of November 2025 (reported
//! 2025-11-28, lead auditor Michael Hartmann, who owns no control), covered clauses 4 to 10
//! and the applicable organisational and people controls; AU-003, planned for 2026-06-15,
//! covers the technical and physical controls and the custom ones, so every applicable control
//! is covered or planned within the cycle (AUDIT-001 to AUDIT-004 stay quiet). AU-002 is the
//! certification body's stage 1 audit, planned for 2026-05-12.
//!
//! The yearly cycle has no gap: last year's baseline `2025`, closed on 2025-03-10 when the
//! 2025 assessment began, marked 19 risks and 11 rated assets, all re-assessed since
//! (CYCLE-001 stays quiet). Against it, `isms diff` shows R-020 new, R-002's inherent rating
//! raised (2 x 5 → 3 x 5), T-017 done, and AS-029's needs gone since AS-001 stopped depending
//! on the legacy FTP server (`cycle.rs`).
//!
//! Three rules have no case here, as their gap cannot coexist with the ones above: no internal
//! or external issues (SCOPE-006) and no interested parties (SCOPE-007), which a new workspace
//! shows, and evidence missing as a pattern (SOA-008), which would replace A.7.13's single lapse.
//! Nor is any name given that is no person (PEOPLE-005): every name the demo writes is one of
//! its people, as every name the app saves is.
//!
//! No gap is systemic: a third of the risks, assets or people sharing a gap (RISK-010, RISK-011,
//! ASSET-006, PEOPLE-003) would not be the well-run company the demo shows; the unit tests cover those.
//! Nor does the demo hold a value off its scale (ASSET-007, RISK-016): the demo goes through
//! every export and import in the tests, and an import refuses such a value; `tests/check.rs`
//! writes them into the demo file as another tool would, and checks the findings.
//!
//! Not gaps: two overrides on supporting assets, both justified (an override without a
//! justification is refused on write): AS-013 (AWS account), confidentiality raised to very high
//! by cumulation, and AS-016 (Laptop fleet), availability lowered to normal against an inherited
//! very high by distribution (spares in stock; one failed laptop does not stop work).
//!
//! Not gaps but incomplete on purpose: some SoA entries are planned (with a target date) or not
//! started (without evidence), clauses 9.2.2 and 10.2 are in progress, and clauses 6.3, 7.4,
//! 9.1, 9.3.x and 10.1 are not started. Every clause
//! that is done and requires documented information has its document in the register (D-001
//! to D-023), linked to the clause; so do 6.1.3 and 6.2, which are in progress. D-017, the
//! guideline the policy replaced, is withdrawn and named by nothing (not a gap).
//!
//! Counts: 8 scope items (S-008 excluded from the ISMS, S-002 outside the certificate),
//! 5 context issues, 7 interested parties, 30 assets (11 primary, 18 supporting, 1 intangible),
//! 38 dependencies, 35 protection needs, 20 risks (every treatment option used), 17 actions,
//! 3 acceptances, 2 custom controls, 15 people (P-001 Karin Nordmann, managing director and
//! top management; P-002 Anna Weber, ISB; the owners named by their function in `data.rs`;
//! P-012 Michael Hartmann, internal auditor; one who left) holding 22 roles, with 51 competence
//! and awareness records, SoA decided for all 93 Annex A controls (88 applicable,
//! 5 excluded) and both custom controls, 23 documents with 31 versions, 3 objectives with
//! 10 measurements, one issued SoA version (v1, with A.8.12 undecided), 3 audits (AU-001
//! reported with 4 findings: two minor nonconformities, an observation and an opportunity
//! for improvement), 2 nonconformities, one held management review (MR-001, with 3 actions),
//! and
//! one finished workshop:
//! W-001, the protection needs workshop of 2026-01-28 (09:00 to 12:30; Anna Weber, Jonas Klein,
//! Petra Hoffmann), which raised two ratings (AS-003 confidentiality and AS-007 availability,
//! high → very high), rewrote one rationale (AS-001 confidentiality) and noted 4 questions:
//! Q-001 answered by Jonas Klein on 2026-02-06; Q-002 (who owns the Backup NAS) open, given to
//! Jonas Klein, due 2026-04-30, so not yet overdue; Q-003 and Q-004 (about the workshop as a
//! whole) open and given to nobody.

mod audits;
mod cycle;
mod data;
mod objectives;
mod people;
mod reviews;

pub use data::ORGANISATION;
mod scaled;

use std::path::Path;

use chrono::NaiveDate;

use crate::Clock;
use crate::domain::ValidationError;
use crate::domain::asset::{Asset, Dependency};
use crate::domain::clause::ClauseItem;
use crate::domain::control::{Control, Theme};
use crate::domain::document::{DocStatus, Document, DocumentVersion};
use crate::domain::methodology::{Methodology, Rating};
use crate::domain::party::InterestedParty;
use crate::domain::protection::{ProtectionNeed, ProtectionScale};
use crate::domain::question::{OpenQuestion, field as question_field, parse_stamp};
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, Risk};
use crate::domain::scope::{ContextIssue, ScopeItem, ScopeStatements};
use crate::domain::soa::{Applicability, ImplementationStatus, SoaEntry};
use crate::domain::treatment::Action;
use crate::domain::workshop::Workshop;
use crate::store::{Existing, Store, StoreError, Writer};

pub use scaled::{
    SCALED_ORGANISATION, scaled_items, write_scaled, write_scaled_with_clock,
    write_scaled_with_progress,
};

/// Writes the demo ISMS into a new workspace file at `path` (refuses an existing path, like
/// [`Store::create`]); the file appears only once it is whole.
pub fn write_demo(path: &Path) -> Result<Store, StoreError> {
    write_demo_with_clock(path, Clock::System)
}

/// [`write_demo`] on the `clock` of the app or command that writes it.
pub fn write_demo_with_clock(path: &Path, clock: Clock) -> Result<Store, StoreError> {
    let mut draft =
        Store::draft_with_clock(path, data::ORGANISATION, None, Existing::Refuse, clock)?;
    let store = draft.store();
    Settings::of(store).and_then(|s| store.edit(|w| fill(w, &s)))?;
    cycle::fill_baseline(store)?;
    draft.finish(false)
}

/// What the writers need from a fresh workspace before they start their one transaction.
struct Settings {
    methodology: Methodology,
    scale: ProtectionScale,
    controls: Vec<Control>,
    clauses: Vec<ClauseItem>,
}

impl Settings {
    fn of(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            methodology: store.methodology()?,
            scale: store.protection_scale()?,
            controls: store.controls()?,
            clauses: store.clauses()?,
        })
    }
}

/// What a bad date literal of the demo data is reported as.
const DATE: crate::domain::Field = crate::domain::Field::new("date");

/// Parses an ISO date literal of the demo data.
fn date(iso: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map_err(|_| ValidationError::new(DATE, format!("'{iso}' is not an ISO date")).into())
}

/// An optional date: the empty literal means none.
fn maybe_date(iso: &str) -> Result<Option<NaiveDate>, StoreError> {
    if iso.is_empty() {
        Ok(None)
    } else {
        date(iso).map(Some)
    }
}

fn rating((likelihood, impact): (u8, u8)) -> Rating {
    Rating { likelihood, impact }
}

/// The row id behind a 1-based reference number in `ids`.
fn id_of(ids: &[i64], number: u32, what: &str) -> Result<i64, StoreError> {
    usize::try_from(number)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| ids.get(i).copied())
        .ok_or_else(|| StoreError::Missing(format!("{what} number {number} in the demo data")))
}

fn ids_of(ids: &[i64], numbers: &[u32], what: &str) -> Result<Vec<i64>, StoreError> {
    numbers.iter().map(|&n| id_of(ids, n, what)).collect()
}

fn fill(w: &mut Writer<'_>, s: &Settings) -> Result<(), StoreError> {
    let changed = Some(date(data::SCOPE_CHANGED)?);
    w.set_scope_statements(ScopeStatements {
        isms_scope: data::ISMS_SCOPE.into(),
        isms_scope_changed: changed,
        certificate_scope: data::CERTIFICATE_SCOPE.into(),
        certificate_scope_changed: changed,
        // A documented gap: the climate issue is recorded, the 4.1 decision is not.
        climate_change: None,
    })?;
    people::fill_people(w)?;
    let scope_ids = fill_context(w)?;
    let asset_ids = fill_assets(w, s, &scope_ids)?;
    let risk_ids = fill_risks(w, s, &asset_ids)?;
    let (custom, action_ids) = fill_treatment(w, &risk_ids)?;
    fill_soa(w, s, &custom)?;
    fill_clauses(w, s)?;
    fill_documents(w, &action_ids)?;
    audits::fill_audits(w)?;
    fill_workshop(w, s, &asset_ids)?;
    objectives::fill_objectives(w)?;
    reviews::fill_reviews(w)
}

/// Scope items, context issues and interested parties; returns the scope items' row ids.
fn fill_context(w: &mut Writer<'_>) -> Result<Vec<i64>, StoreError> {
    let mut scope_ids = Vec::new();
    for row in data::SCOPE_ITEMS {
        let item = ScopeItem {
            description: row.description.into(),
            in_isms: row.in_isms,
            in_certificate: row.in_certificate,
            justification: row.justification.into(),
            interfaces: row.interfaces.into(),
            ..ScopeItem::new(row.kind, row.name)
        };
        scope_ids.push(w.insert_scope_item(item)?.id);
    }
    for &(kind, title, note) in data::CONTEXT_ISSUES {
        w.insert_context_issue(ContextIssue {
            note: note.into(),
            ..ContextIssue::new(kind, title)
        })?;
    }
    for &(kind, name, requirements, addressed) in data::PARTIES {
        let party = InterestedParty {
            requirements: requirements.into(),
            addressed,
            ..InterestedParty::new(kind, name)
        };
        w.insert_party(party)?;
    }
    Ok(scope_ids)
}

/// Assets, dependencies and protection needs; returns the assets' row ids.
fn fill_assets(
    w: &mut Writer<'_>,
    s: &Settings,
    scope_ids: &[i64],
) -> Result<Vec<i64>, StoreError> {
    let mut asset_ids = Vec::new();
    for &(kind, name, owner, classification, scope, location, description) in data::ASSETS {
        let scope_item = if scope == 0 {
            None
        } else {
            Some(id_of(scope_ids, scope, "scope item")?)
        };
        let asset = Asset {
            owner: owner.into(),
            classification: classification.into(),
            scope_item,
            location: location.into(),
            description: description.into(),
            ..Asset::new(kind, name)
        };
        asset_ids.push(w.insert_asset(asset)?.id);
    }
    for &(asset, depends_on) in data::DEPENDENCIES {
        w.add_dependency(Dependency {
            asset: id_of(&asset_ids, asset, "asset")?,
            depends_on: id_of(&asset_ids, depends_on, "asset")?,
        })?;
    }
    for &(asset, objective, level, rationale) in data::NEEDS {
        // Rated as the spreadsheet had it; the workshop sets what NEEDS says.
        let (level, rationale) = data::PRE_RATINGS
            .iter()
            .find(|r| (r.0, r.1) == (asset, objective))
            .map_or((level, rationale), |r| (r.2, r.3));
        let need = ProtectionNeed {
            asset: id_of(&asset_ids, asset, "asset")?,
            objective,
            level,
            rationale: rationale.into(),
            rationale_stale: false,
        };
        w.set_protection_need(need, &s.scale)?;
    }
    Ok(asset_ids)
}

/// Risks and their acceptances; returns the risks' row ids.
fn fill_risks(w: &mut Writer<'_>, s: &Settings, asset_ids: &[i64]) -> Result<Vec<i64>, StoreError> {
    let mut risk_ids = Vec::new();
    let mut rerated = None;
    let (rerated_number, (likelihood, impact)) = data::RERATED;
    for (row, number) in data::RISKS.iter().zip(1..) {
        let risk = Risk {
            description: row.description.into(),
            assets: ids_of(asset_ids, row.assets, "asset")?,
            threat: row.threat.into(),
            vulnerability: row.vulnerability.into(),
            objectives: row.objectives.to_vec(),
            owner: row.owner.into(),
            inherent: row.inherent.map(rating),
            residual: row.residual.map(rating),
            treatment: row.treatment,
            treatment_rationale: row.rationale.into(),
            status: row.status,
            next_review: maybe_date(row.next_review)?,
            assessed_on: match row.inherent.or(row.residual) {
                Some(_) => maybe_date(row.assessed_on)?,
                None => None,
            },
            plan_approved_by: if row.plan_approved_on.is_empty() {
                String::new()
            } else if row.plan_approved_by.is_empty() {
                row.owner.into()
            } else {
                row.plan_approved_by.into()
            },
            plan_approved_on: maybe_date(row.plan_approved_on)?,
            ..Risk::new(row.title)
        };
        if number == rerated_number {
            let first = Risk {
                inherent: Some(Rating { likelihood, impact }),
                ..risk.clone()
            };
            let stored = w.insert_risk(first, &s.methodology)?;
            risk_ids.push(stored.id);
            rerated = Some(Risk {
                id: stored.id,
                ..risk
            });
            continue;
        }
        risk_ids.push(w.insert_risk(risk, &s.methodology)?.id);
    }
    // One risk was first recorded with a lower rating, and raised after v1 of the SoA.
    if let Some(risk) = rerated {
        w.update_risk(risk, &s.methodology)?;
    }
    // The store records each acceptance's level and refuses one without enough authority.
    for &(number, accepted_by, authority, accepted_on, until, note) in data::ACCEPTANCES {
        w.insert_acceptance(Acceptance {
            id: 0,
            risk: id_of(&risk_ids, number, "risk")?,
            accepted_by: accepted_by.into(),
            authority,
            accepted_on: date(accepted_on)?,
            level: String::new(),
            until: maybe_date(until)?,
            note: note.into(),
        })?;
    }
    Ok(risk_ids)
}

/// Custom controls (first, as actions refer to them) and the treatment actions; returns the
/// custom controls, which the settings read before the transaction do not know yet, and the
/// actions' row ids.
fn fill_treatment(
    w: &mut Writer<'_>,
    risk_ids: &[i64],
) -> Result<(Vec<Control>, Vec<i64>), StoreError> {
    let mut action_ids = Vec::new();
    let mut custom = Vec::new();
    for &(title, description, source, covers) in data::CUSTOM_CONTROLS {
        custom.push(w.insert_custom_control(Control {
            key: String::new(),
            theme: Theme::Custom,
            title: title.into(),
            description: description.into(),
            source: source.into(),
            covers: covers.iter().map(|c| (*c).to_string()).collect(),
        })?);
    }
    for row in data::ACTIONS {
        let action = w.insert_action(Action {
            description: row.description.into(),
            risks: ids_of(risk_ids, row.risks, "risk")?,
            controls: row.controls.iter().map(|c| (*c).to_string()).collect(),
            owner: row.owner.into(),
            due: maybe_date(row.due)?,
            status: row.status,
            ..Action::new(row.title)
        })?;
        action_ids.push(action.id);
    }
    Ok((custom, action_ids))
}

/// A decision for every Annex A control and the custom controls; refuses a control that the
/// tables forgot, so the demo never leaves one undecided. The controls that changed after v1
/// get their v1 decision first; then v1 is issued and their current decision replaces it.
fn fill_soa(w: &mut Writer<'_>, s: &Settings, custom: &[Control]) -> Result<(), StoreError> {
    for control in s.controls.iter().chain(custom) {
        let key = control.key.as_str();
        let entry = match data::SOA_AT_V1.iter().find(|row| row.0 == key) {
            Some(row) => applicable(row),
            None if data::UNDECIDED_AT_V1.contains(&key) => SoaEntry::undecided(key),
            None => current_decision(key)?,
        };
        write_decision(w, entry)?;
    }
    let (approver, issued_on, note) = data::SOA_V1;
    w.issue_soa_version(approver, note, date(issued_on)?, true)?;
    let changed = |key: &str| {
        data::SOA_AT_V1.iter().any(|row| row.0 == key) || data::UNDECIDED_AT_V1.contains(&key)
    };
    for control in s.controls.iter().chain(custom) {
        if changed(&control.key) {
            write_decision(w, current_decision(&control.key)?)?;
        }
    }
    Ok(())
}

fn applicable(&(key, reasons, status, owner, justification, evidence): &data::SoaRow) -> SoaEntry {
    SoaEntry {
        applicability: Applicability::Applicable,
        reasons: reasons.to_vec(),
        justification: justification.into(),
        status,
        owner: owner.into(),
        evidence: evidence.into(),
        ..SoaEntry::undecided(key)
    }
}

/// The decision on `key` as the tables state it now.
fn current_decision(key: &str) -> Result<SoaEntry, StoreError> {
    let applicable_row = data::SOA_APPLICABLE.iter().find(|row| row.0 == key);
    let excluded_row = data::SOA_EXCLUDED.iter().find(|row| row.0 == key);
    match (applicable_row, excluded_row) {
        (Some(row), None) => {
            let target = data::TARGET_DATES.iter().find(|(k, _)| *k == key);
            Ok(SoaEntry {
                target_date: target.map(|(_, day)| date(day)).transpose()?,
                ..applicable(row)
            })
        }
        (None, Some(&(_, exclusion, covered_by))) => Ok(SoaEntry {
            applicability: Applicability::NotApplicable,
            exclusion_justification: exclusion.into(),
            covered_by: Some(covered_by.to_string()).filter(|c| !c.is_empty()),
            status: ImplementationStatus::NotStarted,
            ..SoaEntry::undecided(key)
        }),
        _ => Err(StoreError::Missing(format!(
            "one SoA decision for {key} in the demo data"
        ))),
    }
}

/// Every decision passes the app's rules, except the deliberate gap: an exclusion with neither
/// justification nor covering control goes in as an import would.
fn write_decision(w: &mut Writer<'_>, entry: SoaEntry) -> Result<(), StoreError> {
    let gap = entry.applicability == Applicability::NotApplicable
        && entry.exclusion_justification.is_empty()
        && entry.covered_by.is_none();
    if gap {
        w.import_soa_entry(entry)?;
    } else {
        w.set_soa_entry(entry)?;
    }
    Ok(())
}

fn fill_clauses(w: &mut Writer<'_>, s: &Settings) -> Result<(), StoreError> {
    for &(number, status, note, evidence) in data::CLAUSES {
        let item = s
            .clauses
            .iter()
            .find(|c| c.number == number)
            .ok_or_else(|| StoreError::Missing(format!("clause {number}")))?;
        w.set_clause(ClauseItem {
            status,
            note: note.into(),
            evidence: evidence.into(),
            ..item.clone()
        })?;
    }
    Ok(())
}

/// The register of documented information, each document with its versions in order (the
/// last one current) and what it serves; a withdrawn document is withdrawn after its versions.
fn fill_documents(w: &mut Writer<'_>, action_ids: &[i64]) -> Result<(), StoreError> {
    // The documents each action names, by action row id, in action order.
    let mut named: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
    for row in data::DOCUMENTS {
        let document = w.insert_document(Document {
            classification: row.classification.into(),
            location: row.location.into(),
            review_months: (row.review_months > 0).then_some(row.review_months),
            clauses: row.clauses.iter().map(|c| (*c).to_string()).collect(),
            controls: row.controls.iter().map(|c| (*c).to_string()).collect(),
            owner: row.owner.into(),
            ..Document::new(row.title, row.kind)
        })?;
        let mut current = document;
        for &(version, on, note, approver) in row.versions {
            current = w
                .add_document_version(DocumentVersion {
                    change_note: note.into(),
                    approver: approver.into(),
                    ..DocumentVersion::new(current.id, version, date(on)?)
                })?
                .0;
        }
        if row.withdrawn {
            current = w.update_document(Document {
                status: DocStatus::Withdrawn,
                ..current
            })?;
        }
        for &action in row.actions {
            named
                .entry(id_of(action_ids, action, "action")?)
                .or_default()
                .push(current.id);
        }
    }
    for (action, documents) in named {
        w.set_action_documents(action, &documents)?;
    }
    Ok(())
}

/// W-001, recorded as an import records it so that its stamps, who noted each question and
/// when are the literals of the data, not the machine's user and clock; the ratings the room
/// changed and the questions it noted are written into it.
fn fill_workshop(w: &mut Writer<'_>, s: &Settings, asset_ids: &[i64]) -> Result<(), StoreError> {
    let row = &data::WORKSHOP;
    let walked = row
        .walked
        .iter()
        .map(|&n| RefKind::Asset.format(n))
        .collect();
    let workshop = w.import_workshop(Workshop {
        number: 1,
        ended_at: Some(parse_stamp(question_field::RESOLVED_AT, row.ended_at)?),
        walked,
        ..Workshop::new(
            row.title,
            row.attendees.iter().map(|a| (*a).to_string()).collect(),
            parse_stamp(question_field::NOTED_AT, row.started_at)?,
        )
    })?;
    w.continue_workshop(Some(workshop.id))?;
    for &(asset, objective, _, _) in data::PRE_RATINGS {
        let &(_, _, level, rationale) = data::NEEDS
            .iter()
            .find(|n| (n.0, n.1) == (asset, objective))
            .ok_or_else(|| StoreError::Missing(format!("the need of asset {asset} in NEEDS")))?;
        w.set_protection_need(
            ProtectionNeed {
                asset: id_of(asset_ids, asset, "asset")?,
                objective,
                level,
                rationale: rationale.into(),
                rationale_stale: false,
            },
            &s.scale,
        )?;
    }
    for (number, q) in (1..).zip(data::QUESTIONS) {
        let asset = match q.asset {
            0 => None,
            n => Some(id_of(asset_ids, n, "asset")?),
        };
        let resolved_at = match q.resolved_at {
            "" => None,
            at => Some(parse_stamp(question_field::RESOLVED_AT, at)?),
        };
        w.import_question(OpenQuestion {
            number,
            resolved_at,
            answer: q.answer.into(),
            answered_by: q.answered_by.into(),
            assignee: q.assignee.into(),
            due: maybe_date(q.due)?,
            workshop: Some(workshop.id),
            ..OpenQuestion::new(
                asset,
                q.text,
                q.noted_by,
                parse_stamp(question_field::NOTED_AT, q.noted_at)?,
            )
        })?;
    }
    w.continue_workshop(None)
}

#[cfg(test)]
mod tests;
