//! The readiness rules on small hand-built workspaces: a clean one without findings, and for
//! each rule the one change that makes it fire (and what keeps it quiet).

mod assets;
mod audits;
mod clauses;
mod cycle;
mod documents;
mod objectives;
mod people;
mod reviews;
mod risks;
mod scope;
mod soa;

use super::*;
use crate::domain::asset::AssetKind;
use crate::domain::clause::ClauseStatus;
use crate::domain::control::Theme;
use crate::domain::document::Document;
use crate::domain::methodology::Rating;
use crate::domain::party::PartyKind;
use crate::domain::risk::TreatmentOption;
use crate::domain::scope::{ClimateDecision, ContextIssue, IssueKind, ScopeItemKind};
use crate::domain::soa::{Applicability, ImplementationStatus, Reason, snapshot};
use crate::domain::treatment::ActionStatus;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    d("2026-03-31")
}

fn rating(likelihood: u8, impact: u8) -> Option<Rating> {
    Some(Rating { likelihood, impact })
}

fn control(key: &str, theme: Theme, title: &str) -> Control {
    Control {
        key: key.into(),
        theme,
        title: title.into(),
        description: String::new(),
        source: String::new(),
        covers: Vec::new(),
    }
}

fn decided(key: &str, reasons: &[Reason]) -> SoaEntry {
    SoaEntry {
        applicability: Applicability::Applicable,
        reasons: reasons.to_vec(),
        justification: "Needed.".into(),
        status: ImplementationStatus::Implemented,
        owner: "ISB".into(),
        evidence: "D-001".into(),
        ..SoaEntry::undecided(key)
    }
}

fn clause(number: &str, title: &str) -> ClauseItem {
    ClauseItem {
        number: number.into(),
        title: title.into(),
        status: ClauseStatus::Done,
        note: String::new(),
        evidence: String::new(),
        doc_reference: String::new(),
        doc_owner: String::new(),
        doc_date: None,
    }
}

/// The information security policy, approved, reviewed yearly, linked to clause 5.2.
fn policy() -> Document {
    Document {
        id: 1,
        number: 1,
        version: "2.0".into(),
        issued_on: Some(d("2026-01-15")),
        owner: "ISB".into(),
        status: crate::domain::document::DocStatus::Approved,
        approved_by: "Managing director".into(),
        approved_on: Some(d("2026-01-15")),
        review_months: Some(12),
        clauses: vec!["5.2".into()],
        ..Document::new(
            "Information security policy",
            crate::domain::document::DocKind::Policy,
        )
    }
}

/// A small workspace an auditor would pass: both scope statements, one scope item, a rated
/// primary asset on an owned server, one assessed and treated risk, three decided controls
/// (A.5.1 included only through the treatment), an issued SoA that matches, done clauses.
pub(crate) fn clean() -> Workspace {
    let assets = vec![
        Asset {
            id: 1,
            number: 1,
            owner: "Head of Operations".into(),
            ..Asset::new(AssetKind::Information, "Customer data")
        },
        Asset {
            id: 2,
            number: 2,
            owner: "IT".into(),
            ..Asset::new(AssetKind::Hardware, "Database server")
        },
    ];
    let needs = Objective::TRIAD
        .iter()
        .map(|&objective| ProtectionNeed {
            asset: 1,
            objective,
            level: 2,
            rationale: "Under NDA.".into(),
            rationale_stale: false,
        })
        .collect();
    let risks = vec![Risk {
        id: 1,
        number: 1,
        owner: "CTO".into(),
        inherent: rating(4, 5),
        residual: rating(2, 2),
        treatment: Some(TreatmentOption::Reduce),
        next_review: Some(d("2026-09-30")),
        assessed_on: Some(d("2026-02-01")),
        plan_approved_by: "CTO".into(),
        plan_approved_on: Some(d("2026-02-01")),
        ..Risk::new("Ransomware")
    }];
    let actions = vec![Action {
        id: 1,
        number: 1,
        risks: vec![1],
        controls: vec!["5.1".into()],
        owner: "IT".into(),
        due: Some(d("2026-09-30")),
        status: ActionStatus::InProgress,
        ..Action::new("Offline backup")
    }];
    let controls = vec![
        control(
            "5.1",
            Theme::Organizational,
            "Policies for information security",
        ),
        control("8.13", Theme::Technological, "Information backup"),
        Control {
            covers: vec!["8.13".into()],
            ..control("C-001", Theme::Custom, "Backup questionnaire")
        },
    ];
    let soa = vec![
        decided("5.1", &[]),
        decided("8.13", &[Reason::Business]),
        decided("C-001", &[Reason::Contractual]),
    ];
    let versions = vec![SoaVersion {
        id: 1,
        number: 1,
        issued_on: d("2026-02-10"),
        approver: "Managing Director".into(),
        note: String::new(),
        rows: snapshot(&controls, &soa, &actions),
    }];
    Workspace {
        statements: ScopeStatements {
            isms_scope: "All of Acme GmbH.".into(),
            certificate_scope: "The Acme platform.".into(),
            climate_change: Some(ClimateDecision {
                relevant: false,
                note: "Offices and cloud regions are not exposed.".into(),
            }),
            ..ScopeStatements::default()
        },
        issues: vec![
            ContextIssue {
                id: 1,
                number: 1,
                ..ContextIssue::new(IssueKind::Internal, "Growth of the platform team")
            },
            ContextIssue {
                id: 2,
                number: 2,
                ..ContextIssue::new(IssueKind::External, "NIS2 in force")
            },
        ],
        parties: vec![InterestedParty {
            id: 1,
            number: 1,
            addressed: true,
            ..InterestedParty::new(PartyKind::Customer, "Shippers")
        }],
        scope_items: vec![ScopeItem {
            id: 1,
            number: 1,
            ..ScopeItem::new(ScopeItemKind::Location, "Headquarters")
        }],
        assets,
        dependencies: vec![Dependency {
            asset: 1,
            depends_on: 2,
        }],
        needs,
        scale: ProtectionScale::default(),
        objectives: Objective::TRIAD.to_vec(),
        methodology: Methodology::default(),
        risks,
        actions,
        acceptances: Vec::new(),
        controls,
        soa,
        versions,
        clauses: vec![
            clause("4", "Context of the organization"),
            clause("4.3", "Scope"),
            clause("5.2", "Policy"),
            clause("6.1", "Actions to address risks and opportunities"),
            clause("6.1.2", "Risk assessment"),
            clause("7.3", "Awareness"),
        ],
        documents: vec![policy()],
        questions: Vec::new(),
        last_rating_change: None,
        people: staff(&[
            "ISB",
            "Head of Operations",
            "IT",
            "CTO",
            "Managing Director",
        ]),
        competence: (1..=5)
            .map(|person| awareness(person, "2026-01-15"))
            .collect(),
        audits: vec![internal_audit()],
        audit_findings: Vec::new(),
        nonconformities: Vec::new(),
        reviews: vec![held_review()],
        review_actions: Vec::new(),
        security_objectives: vec![objective()],
        measurements: vec![crate::domain::objective::Measurement {
            id: 1,
            ..crate::domain::objective::Measurement::new(1, d("2026-03-01"), 0.0)
        }],
        baselines: Vec::new(),
        reassessments: Vec::new(),
    }
}

/// An objective measured every quarter, on target this month.
fn objective() -> crate::domain::objective::SecurityObjective {
    use crate::domain::objective::{BuiltinMeasure, ObjectiveStatus, SecurityObjective};
    SecurityObjective {
        id: 1,
        number: 1,
        builtin: Some(BuiltinMeasure::ActionsOverdue),
        target: Some(0.0),
        direction: crate::domain::objective::Direction::AtMost,
        owner: "ISB".into(),
        status: ObjectiveStatus::InProgress,
        ..SecurityObjective::new("No treatment action overdue", d("2025-06-01"))
    }
}

/// Last autumn's management review, held with every input (the typed ones noted).
fn held_review() -> crate::domain::review::Review {
    use crate::domain::review::{Input, Review, ReviewStatus};
    Review {
        id: 1,
        number: 1,
        status: ReviewStatus::Held,
        held_on: Some(d("2025-11-20")),
        inputs: Some(crate::domain::review::Inputs {
            from: None,
            to: d("2025-11-20"),
            baseline: None,
            actions: Vec::new(),
            issues: Vec::new(),
            parties: Vec::new(),
            performance: Default::default(),
            risks: Default::default(),
            improvements: Vec::new(),
        }),
        ..Review::new("Management review 2025")
    }
    .with_note(Input::Feedback, "No complaints from customers")
    .with_note(Input::Improvement, "Automate the access review")
}

/// This year's internal audit: every clause and every applicable control, reported, audited by
/// someone who owns none of them.
fn internal_audit() -> crate::domain::audit::Audit {
    use crate::domain::audit::{Audit, AuditKind, AuditStatus};
    Audit {
        id: 1,
        number: 1,
        held_on: Some(d("2026-01-19")),
        reported_on: Some(d("2026-01-20")),
        status: AuditStatus::Reported,
        clauses: ["4", "5", "6", "7", "8", "9", "10"]
            .iter()
            .map(|c| c.to_string())
            .collect(),
        controls: vec!["5.1".into(), "8.13".into(), "C-001".into()],
        lead_auditor: "Managing Director".into(),
        ..Audit::new("Internal audit 2026", AuditKind::Internal)
    }
}

/// The people named in the clean workspace, numbered from 1, holding no role.
fn staff(names: &[&str]) -> People {
    People {
        people: names
            .iter()
            .zip(1..)
            .map(|(name, id)| crate::domain::person::Person {
                id,
                number: u32::try_from(id).unwrap(),
                ..crate::domain::person::Person::new(name)
            })
            .collect(),
        ..People::default()
    }
}

/// An awareness session that `person` attended on `on`.
fn awareness(person: i64, on: &str) -> CompetenceRecord {
    CompetenceRecord {
        id: person,
        person,
        role: None,
        kind: crate::domain::person::CompetenceKind::Awareness,
        topic: "Security awareness".into(),
        on: d(on),
        evidence: String::new(),
        valid_until: None,
    }
}

/// The findings of `rule` on `ws`.
fn of(ws: &Workspace, rule: &str) -> Vec<Finding> {
    check(ws, today())
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// The one finding of `rule` on `ws`, with the severity the catalogue gives the rule.
fn only(ws: &Workspace, rule: &str) -> Finding {
    let mut found = of(ws, rule);
    assert_eq!(found.len(), 1, "{rule}: {found:#?}");
    let finding = found.remove(0);
    let listed = rules().iter().find(|r| r.id == rule).unwrap();
    assert_eq!(finding.severity, listed.severity, "{rule}");
    assert!(!finding.fix.is_empty(), "{rule} says how to fix it");
    finding
}

fn none(ws: &Workspace, rule: &str) {
    assert_eq!(of(ws, rule), [], "{rule}");
}

#[test]
fn a_clean_workspace_has_no_findings() {
    assert_eq!(check(&clean(), today()), []);
}

#[test]
fn the_catalogue_has_unique_ids_and_covers_every_rule() {
    let ids: Vec<&str> = rules().iter().map(|r| r.id).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    assert_eq!(ids.len(), 71);
    assert_eq!(rules()[0].id, "SCOPE-001");
    assert_eq!(rules()[0].severity, Severity::Major);
    assert!(rules().iter().all(|r| !r.title.is_empty()));
}

#[test]
fn findings_come_gravest_first_then_by_rule_and_message() {
    let mut ws = clean();
    ws.statements.isms_scope.clear();
    ws.assets[1].owner.clear();
    ws.assets[0].owner.clear();
    ws.clauses[5].status = ClauseStatus::InProgress;
    ws.risks[0].owner.clear();
    let order: Vec<(Severity, &str, String)> = check(&ws, today())
        .into_iter()
        .map(|f| (f.severity, f.rule, f.message))
        .collect();
    assert_eq!(
        order,
        [
            // Both assets lack an owner: a pattern, one major finding.
            (
                Severity::Major,
                "ASSET-006",
                "2 of 2 assets have no owner: AS-001 and AS-002".to_string()
            ),
            (
                Severity::Major,
                "SCOPE-001",
                "The ISMS scope statement is missing".to_string()
            ),
            // Without a scope statement, the workspace no longer holds 4.3's document.
            (
                Severity::Minor,
                "CLAUSE-001",
                "4.3 Scope: no document named for scope of the ISMS".to_string()
            ),
            (
                Severity::Minor,
                "RISK-001",
                "R-001 Ransomware has no risk owner".to_string()
            ),
            (
                Severity::Observation,
                "CLAUSE-002",
                "7.3 Awareness is in progress".to_string()
            ),
        ]
    );
}

#[test]
fn findings_serialise_with_their_place_and_what_they_rest_on() {
    let mut ws = clean();
    ws.assets[1].owner.clear();
    let json = serde_json::to_value(only(&ws, "ASSET-001")).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "rule": "ASSET-001",
            "severity": "minor",
            "message": "AS-002 Database server has no owner",
            "fix": "Name an owner on the Assets screen",
            "place": {"kind": "asset", "id": 2},
            "control": "5.9"
        })
    );
    let place = |p: Place| serde_json::to_value(p).unwrap();
    assert_eq!(
        place(Place::SoaVersions),
        serde_json::json!({"kind": "soa_versions"})
    );
    assert_eq!(
        place(Place::Control("8.13".into())),
        serde_json::json!({"kind": "control", "id": "8.13"})
    );
    assert_eq!(
        place(Place::ScopeItem(3)),
        serde_json::json!({"kind": "scope_item", "id": 3})
    );
}

#[test]
fn lists_read_naturally() {
    let s = |items: &[&str]| items.iter().map(|i| i.to_string()).collect::<Vec<_>>();
    assert_eq!(join_and(&s(&["a"])), "a");
    assert_eq!(join_and(&s(&["a", "b", "c"])), "a, b and c");
    assert_eq!(join_some(&s(&["a", "b", "c"]), 3), "a, b and c");
    assert_eq!(join_some(&s(&["a", "b", "c", "d"]), 2), "a, b and 2 more");
    assert_eq!(in_sentence("In progress"), "in progress");
}

#[test]
fn every_rule_rests_on_a_clause_or_a_control_and_findings_name_theirs() {
    for rule in rules() {
        let label = rule.basis.label();
        assert!(
            label.starts_with(|c: char| c.is_ascii_digit()) || label.starts_with("A."),
            "{}: {label}",
            rule.id
        );
    }
    let mut ws = clean();
    ws.assets[1].owner.clear();
    assert_eq!(only(&ws, "ASSET-001").basis(), "A.5.9");
    // A finding about one clause rests on that clause, not on the rule's.
    let mut ws = clean();
    let clause = ws.clauses.iter_mut().find(|c| c.number == "7.3").unwrap();
    clause.status = crate::domain::clause::ClauseStatus::InProgress;
    assert_eq!(only(&ws, "CLAUSE-002").basis(), "7.3");
}

#[test]
fn a_gap_is_systemic_from_two_items_and_a_third_of_them() {
    assert!(!is_systemic(1, 1), "one lapse is one lapse");
    assert!(!is_systemic(1, 2));
    assert!(is_systemic(2, 2));
    assert!(is_systemic(2, 6));
    assert!(!is_systemic(2, 7));
    assert!(is_systemic(10, 30));
    assert!(!is_systemic(9, 30));
    assert!(!is_systemic(0, 0));
}

#[test]
fn by_clause_puts_clauses_in_order_then_controls_gravest_first_within_each() {
    let finding =
        |rule: &'static str, severity, clause: Option<&str>, control: Option<&str>| Finding {
            rule,
            severity,
            message: rule.to_string(),
            fix: String::new(),
            place: Place::SoaVersions,
            clause: clause.map(str::to_string),
            control: control.map(str::to_string),
        };
    let mut findings = vec![
        finding("A", Severity::Minor, None, Some("8.13")),
        finding("B", Severity::Observation, Some("10.2"), None),
        finding("C", Severity::Minor, Some("6.1.3"), None),
        finding("D", Severity::Major, Some("6.1.3"), None),
        finding("E", Severity::Minor, Some("4.3"), None),
        finding("F", Severity::Minor, None, Some("5.9")),
        finding("G", Severity::Minor, None, Some("C-001")),
    ];
    by_clause(&mut findings);
    let order: Vec<&str> = findings.iter().map(|f| f.rule).collect();
    assert_eq!(order, ["E", "D", "C", "B", "F", "A", "G"]);
}
