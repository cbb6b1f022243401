use std::collections::{HashMap, HashSet};

use super::*;
use crate::domain::asset::AssetCategory;
use crate::domain::protection::{NeedSource, Objective, OverrideEffect, effective_needs};
use crate::domain::reference::RefKind;
use crate::domain::risk::TreatmentOption;

fn today() -> NaiveDate {
    date("2026-03-31").unwrap()
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = write_demo(&dir.path().join("demo.isms")).unwrap();
    (dir, store)
}

#[test]
fn every_date_literal_parses() {
    let mut literals = vec![data::SCOPE_CHANGED];
    literals.extend(
        data::RISKS
            .iter()
            .map(|r| r.next_review)
            .filter(|d| !d.is_empty()),
    );
    literals.extend(
        data::RISKS
            .iter()
            .flat_map(|r| [r.assessed_on, r.plan_approved_on])
            .filter(|d| !d.is_empty()),
    );
    literals.extend(data::ACTIONS.iter().map(|a| a.due));
    literals.extend(
        data::ACCEPTANCES
            .iter()
            .flat_map(|a| [a.3, a.4])
            .filter(|d| !d.is_empty()),
    );
    literals.extend(data::TARGET_DATES.iter().map(|t| t.1));
    literals.extend(
        data::QUESTIONS
            .iter()
            .map(|q| q.due)
            .filter(|d| !d.is_empty()),
    );
    for literal in literals {
        assert!(date(literal).is_ok(), "{literal}");
    }
    assert!(date("2026-02-30").is_err());
}

#[test]
fn demo_has_the_designed_counts() {
    let (_dir, store) = demo();
    let c = store.counts().unwrap();
    assert_eq!(store.organisation().unwrap(), "Nordwind Logistik GmbH");
    assert_eq!((c.scope_items, c.context_issues, c.parties), (8, 5, 7));
    assert_eq!(
        (c.assets, c.risks, c.actions, c.acceptances),
        (30, 20, 17, 3)
    );
    assert_eq!(
        (c.annex_a_controls, c.custom_controls, c.soa_decided),
        (93, 2, 95)
    );
    assert_eq!(store.dependencies().unwrap().len(), 38);
    assert_eq!((c.workshops, c.questions, c.open_questions), (1, 4, 3));
    assert_eq!((c.people, c.competence_records), (15, 51));
    assert_eq!(store.questions().unwrap().len(), 4);
    assert_eq!(c.documents, 23);
    assert_eq!((c.audits, c.audit_findings, c.nonconformities), (3, 4, 2));
    assert_eq!(
        (
            c.reviews,
            c.held_reviews,
            c.review_actions,
            c.open_review_actions
        ),
        (1, 1, 3, 1)
    );
    let statements = store.scope_statements().unwrap();
    assert!(statements.certificate_scope.contains("NordDispatch"));
    assert_eq!(
        statements.isms_scope_changed,
        Some(date("2026-02-10").unwrap())
    );
    let clauses = store.clauses().unwrap();
    let status = |n: &str| clauses.iter().find(|c| c.number == n).unwrap().status;
    assert_eq!(status("4.3"), crate::domain::clause::ClauseStatus::Done);
    assert_eq!(
        status("10.2"),
        crate::domain::clause::ClauseStatus::InProgress
    );
    assert_eq!(
        status("10.1"),
        crate::domain::clause::ClauseStatus::NotStarted
    );
}

#[test]
fn scope_soa_and_core_document_findings_are_exactly_the_documented_gaps() {
    use crate::domain::readiness::{self, Severity};
    let (_dir, store) = demo();
    let findings = readiness::check(&store.workspace().unwrap(), today());
    let found: Vec<(&str, Severity, String)> = findings
        .iter()
        .filter(|f| {
            f.rule.starts_with("SCOPE-")
                || f.rule.starts_with("SOA-")
                || f.rule.starts_with("DOC-")
                || f.rule.starts_with("AUDIT-")
                || f.rule.starts_with("NC-")
                || f.rule.starts_with("OBJ-")
                || f.rule.starts_with("MR-")
                || f.rule == "CLAUSE-003"
        })
        .map(|f| (f.rule, f.severity, f.basis()))
        .collect();
    let expected = [
        ("SOA-002", Severity::Major, "A.7.12"),
        ("SOA-010", Severity::Major, "6.1.3"),
        ("DOC-001", Severity::Minor, "7.5.2"),
        ("DOC-002", Severity::Minor, "7.5.2"),
        ("NC-002", Severity::Minor, "10.2"),
        ("SCOPE-005", Severity::Minor, "4.2"),
        ("SCOPE-008", Severity::Minor, "4.1"),
        ("SOA-007", Severity::Minor, "A.7.13"),
        ("SOA-009", Severity::Minor, "C-002"),
        ("SOA-012", Severity::Minor, "A.5.21"),
        ("OBJ-004", Severity::Observation, "9.1"),
        ("SOA-006", Severity::Observation, "6.1.3"),
        ("SOA-011", Severity::Observation, "6.1.3"),
    ]
    .map(|(rule, severity, basis)| (rule, severity, basis.to_string()));
    assert_eq!(found, expected);
    // The re-rating after v1 is the change log's only change of a rating.
    assert!(store.last_rating_change().unwrap().is_some());
    let v1 = &store.soa_versions().unwrap()[0];
    assert_eq!(v1.undecided(), 1);
}

#[test]
fn the_workshop_left_three_open_questions_as_noted_then() {
    let (_dir, store) = demo();
    let assets: HashMap<i64, u32> = store
        .assets()
        .unwrap()
        .iter()
        .map(|a| (a.id, a.number))
        .collect();
    let open: Vec<(String, Option<String>)> = store
        .open_questions()
        .unwrap()
        .iter()
        .map(|q| {
            let asset = q.asset.map(|id| RefKind::Asset.format(assets[&id]));
            (q.reference(), asset)
        })
        .collect();
    assert_eq!(
        open,
        [
            ("Q-002".into(), Some("AS-028".into())),
            ("Q-003".into(), Some("AS-011".into())),
            ("Q-004".into(), None),
        ]
    );
    let all = store.questions().unwrap();
    assert!(all.iter().all(|q| q.noted_by == "anna.weber"));
    assert_eq!(
        crate::domain::question::stamp(all[0].resolved_at.unwrap()),
        "2026-02-06T09:00:00"
    );
}

#[test]
fn one_finished_workshop_raised_two_ratings_and_left_one_question_given_to_someone() {
    use crate::domain::question::stamp;
    use crate::domain::workshop::minutes;
    let (_dir, store) = demo();
    let workshops = store.workshops().unwrap();
    assert_eq!(workshops.len(), 1);
    let w = &workshops[0];
    assert_eq!(w.reference(), "W-001");
    assert_eq!(stamp(w.started_at), "2026-01-28T09:00:00");
    assert_eq!(
        w.ended_at.map(stamp).as_deref(),
        Some("2026-01-28T12:30:00")
    );
    assert_eq!(w.attendees, ["Anna Weber", "Jonas Klein", "Petra Hoffmann"]);
    assert_eq!(w.walked.len(), 6);
    assert_eq!(store.running_workshop(), None);
    let log = store.workshop_changes(w.id).unwrap();
    let logged: Vec<_> = log.iter().map(crate::store::Change::logged).collect();
    let m = minutes(w, &logged, &store.questions().unwrap());
    let rated: Vec<(&str, Objective, Option<u8>, Option<u8>)> = m
        .rated
        .iter()
        .map(|r| (r.asset.as_str(), r.objective, r.before, r.after))
        .collect();
    assert_eq!(
        rated,
        [
            ("AS-003", Objective::Confidentiality, Some(2), Some(3)),
            ("AS-007", Objective::Availability, Some(2), Some(3)),
            ("AS-001", Objective::Confidentiality, Some(2), Some(2)),
        ]
    );
    assert!(m.rated[2].rationale_only());
    assert!(m.added.is_empty());
    let answered: Vec<(String, &str)> = m
        .answered
        .iter()
        .map(|q| (q.reference(), q.answered_by.as_str()))
        .collect();
    assert_eq!(answered, [("Q-001".to_string(), "Jonas Klein")]);
    let given: Vec<(String, &str, Option<NaiveDate>)> = m
        .open
        .iter()
        .filter(|q| !q.assignee.is_empty())
        .map(|q| (q.reference(), q.assignee.as_str(), q.due))
        .collect();
    assert_eq!(
        given,
        [(
            "Q-002".to_string(),
            "Jonas Klein",
            Some(date("2026-04-30").unwrap())
        )]
    );
    assert_eq!(m.open.len(), 3);
    // Nothing is overdue on the documented day: no gap comes from the workshop.
    assert!(
        store
            .questions()
            .unwrap()
            .iter()
            .all(|q| !q.is_overdue(today()))
    );
    // Only the ratings of the room belong to it; the rest of the demo to no workshop.
    let in_workshop = store
        .changes()
        .unwrap()
        .iter()
        .filter(|c| c.workshop.is_some())
        .count();
    assert_eq!(in_workshop, log.len());
    assert_eq!(log.len(), 3 + 4);
}

#[test]
fn scope_has_one_item_outside_the_certificate_and_one_outside_the_isms() {
    let (_dir, store) = demo();
    let items = store.scope_items().unwrap();
    let refs = |f: fn(&ScopeItem) -> bool| -> Vec<String> {
        items
            .iter()
            .filter(|i| f(i))
            .map(|i| RefKind::ScopeItem.format(i.number))
            .collect()
    };
    assert_eq!(refs(|i| i.in_isms && !i.in_certificate), ["S-002"]);
    assert_eq!(refs(|i| !i.in_isms), ["S-008"]);
    assert!(
        items
            .iter()
            .filter(|i| i.is_excluded())
            .all(|i| !i.justification.is_empty())
    );
    let parties = store.parties().unwrap();
    let open: Vec<u32> = parties
        .iter()
        .filter(|p| !p.addressed)
        .map(|p| p.number)
        .collect();
    assert_eq!(open, [7]);
    assert!(
        store
            .context_issues()
            .unwrap()
            .iter()
            .any(|i| i.title.contains("Climate"))
    );
}

#[test]
fn asset_gaps_are_exactly_the_documented_ones() {
    let (_dir, store) = demo();
    let assets = store.assets().unwrap();
    let deps = store.dependencies().unwrap();
    let needs = store.protection_needs().unwrap();
    let number: HashMap<i64, u32> = assets.iter().map(|a| (a.id, a.number)).collect();
    let category = |cat| assets.iter().filter(|a| a.kind.category() == cat).count();
    assert_eq!(
        [
            category(AssetCategory::Primary),
            category(AssetCategory::Supporting),
            category(AssetCategory::Intangible)
        ],
        [11, 18, 1]
    );
    let no_owner: Vec<u32> = assets
        .iter()
        .filter(|a| a.owner.is_empty())
        .map(|a| a.number)
        .collect();
    assert_eq!(no_owner, [28]);
    assert!(assets.iter().filter(|a| a.scope_item.is_some()).count() >= 25);

    let rated: HashSet<i64> = needs.iter().map(|n| n.asset).collect();
    let unrated: Vec<u32> = assets
        .iter()
        .filter(|a| a.kind.is_rated_directly() && !rated.contains(&a.id))
        .map(|a| a.number)
        .collect();
    assert_eq!(unrated, [11]);

    // Supporting assets that no primary asset reaches through the dependencies.
    let mut reached = HashSet::new();
    let mut stack: Vec<i64> = assets
        .iter()
        .filter(|a| a.kind.category() == AssetCategory::Primary)
        .map(|a| a.id)
        .collect();
    while let Some(id) = stack.pop() {
        for d in deps.iter().filter(|d| d.asset == id) {
            if reached.insert(d.depends_on) {
                stack.push(d.depends_on);
            }
        }
    }
    let serving_none: Vec<u32> = assets
        .iter()
        .filter(|a| a.kind.category() == AssetCategory::Supporting && !reached.contains(&a.id))
        .map(|a| a.number)
        .collect();
    assert_eq!(serving_none, [29]);

    // A chain at least three deep: AS-007 -> AS-016 -> AS-020 -> AS-021 -> AS-018 -> AS-019.
    let site = assets.iter().find(|a| a.number == 19).unwrap().id;
    let e = effective_needs(&assets, &deps, &needs, Objective::Availability);
    assert_eq!(e[&site].level, 3);

    // Overrides: one cumulation, one distribution, both justified.
    let mut overrides = Vec::new();
    for objective in Objective::TRIAD {
        for (id, need) in effective_needs(&assets, &deps, &needs, objective) {
            if let NeedSource::Override { effect, .. } = need.source {
                let rationale = &needs
                    .iter()
                    .find(|n| n.asset == id && n.objective == objective)
                    .unwrap()
                    .rationale;
                overrides.push((number[&id], objective, effect, rationale.is_empty()));
            }
        }
    }
    overrides.sort();
    assert_eq!(
        overrides,
        [
            (
                13,
                Objective::Confidentiality,
                OverrideEffect::Cumulation,
                false
            ),
            (
                16,
                Objective::Availability,
                OverrideEffect::Distribution,
                false
            ),
        ]
    );
}

/// Every need stored on a supporting asset (an override) carries its justification.
fn assert_overrides_justified(store: &Store) {
    let supporting: HashSet<i64> = store
        .assets()
        .unwrap()
        .iter()
        .filter(|a| !a.kind.is_rated_directly())
        .map(|a| a.id)
        .collect();
    for need in store.protection_needs().unwrap() {
        assert!(
            !supporting.contains(&need.asset) || !need.rationale.is_empty(),
            "{need:?}"
        );
    }
}

#[test]
fn every_override_is_justified() {
    let (_dir, store) = demo();
    assert_overrides_justified(&store);
    let laptops = store.assets().unwrap()[15].clone();
    assert_eq!(laptops.name, "Laptop fleet");
    let need = store
        .protection_needs()
        .unwrap()
        .into_iter()
        .find(|n| n.asset == laptops.id)
        .unwrap();
    assert_eq!((need.objective, need.level), (Objective::Availability, 1));
    assert!(need.rationale.starts_with("Distribution"), "{need:?}");
}

#[test]
fn risk_register_has_the_documented_gaps() {
    let (_dir, store) = demo();
    let m = store.methodology().unwrap();
    let risks = store.risks().unwrap();
    let actions = store.actions().unwrap();
    let used: HashSet<TreatmentOption> = risks.iter().filter_map(|r| r.treatment).collect();
    assert_eq!(used.len(), 4, "all four treatment options");
    assert!(
        risks.iter().filter(|r| r.assets.is_empty()).count() >= 2,
        "event-based risks"
    );

    let numbers = |f: &dyn Fn(&Risk) -> bool| -> Vec<u32> {
        risks.iter().filter(|r| f(r)).map(|r| r.number).collect()
    };
    assert_eq!(numbers(&|r| r.owner.is_empty()), [18]);
    assert_eq!(
        numbers(&|r| r.inherent.is_none() && r.residual.is_none()),
        [20]
    );
    let unacceptable = |r: &Risk| {
        r.current_rating()
            .and_then(|x| m.level(x))
            .is_some_and(|l| !l.acceptable)
    };
    assert_eq!(numbers(&|r| unacceptable(r) && r.treatment.is_none()), [17]);
    assert_eq!(
        numbers(&|r| unacceptable(r)),
        [3, 17, 19],
        "every other residual lies within the criteria"
    );
    let treated: HashSet<i64> = actions
        .iter()
        .flat_map(|a| a.risks.iter().copied())
        .collect();
    assert_eq!(
        numbers(&|r| r.treatment == Some(TreatmentOption::Reduce) && !treated.contains(&r.id)),
        [11]
    );
}

#[test]
fn risk_flags_are_exactly_the_documented_gaps() {
    use crate::domain::evaluation::{RiskFlag, risk_flags};
    let (_dir, store) = demo();
    let m = store.methodology().unwrap();
    let actions = store.actions().unwrap();
    let acceptances = store.acceptances().unwrap();
    let flagged: Vec<(u32, Vec<RiskFlag>)> = store
        .risks()
        .unwrap()
        .iter()
        .map(|r| (r.number, risk_flags(&m, r, &actions, &acceptances, today())))
        .filter(|(_, flags)| !flags.is_empty())
        .collect();
    assert_eq!(
        flagged,
        [
            // Above the criteria with its treatment open (RISK-013) or done (RISK-012, R-019).
            (3, vec![RiskFlag::AboveCriteria]),
            (7, vec![RiskFlag::ReviewOverdue]),
            (11, vec![RiskFlag::ReduceWithoutActions]),
            (14, vec![RiskFlag::AcceptanceExpired]),
            (17, vec![RiskFlag::AboveCriteria, RiskFlag::NoTreatment]),
            (18, vec![RiskFlag::NoOwner]),
            (19, vec![RiskFlag::AboveCriteria]),
            (20, vec![RiskFlag::NotAssessed]),
        ]
    );
}

#[test]
fn every_demo_acceptance_has_the_authority_its_level_needs() {
    let (_dir, store) = demo();
    let m = store.methodology().unwrap();
    let acceptances = store.acceptances().unwrap();
    assert_eq!(acceptances.len(), 3);
    for a in &acceptances {
        let risk = store.risk_by_id(a.risk).unwrap();
        let level = m.level(risk.current_rating().unwrap()).unwrap();
        assert_eq!(a.level, level.name);
        assert!(a.authority >= level.authority, "{a:?}");
        assert!(
            crate::domain::evaluation::check_acceptance(&m, &risk, a).is_ok(),
            "R-{:03}",
            risk.number
        );
    }
}

#[test]
fn exactly_one_overdue_action_and_one_expired_acceptance() {
    let (_dir, store) = demo();
    let actions = store.actions().unwrap();
    let overdue: Vec<u32> = actions
        .iter()
        .filter(|a| a.is_overdue(today()))
        .map(|a| a.number)
        .collect();
    assert_eq!(overdue, [10]);
    // Stays exact for a while: no other open action falls due before July 2026.
    let later = date("2026-06-30").unwrap();
    assert_eq!(actions.iter().filter(|a| a.is_overdue(later)).count(), 1);
    assert!(
        actions
            .iter()
            .any(|a| a.controls.iter().any(|c| c.starts_with("C-")))
    );

    let risks = store.risks().unwrap();
    let m = store.methodology().unwrap();
    let acceptances = store.acceptances().unwrap();
    let expired: Vec<_> = acceptances
        .iter()
        .filter(|a| a.is_expired(today()))
        .collect();
    assert_eq!(expired.len(), 1);
    let valid = acceptances.iter().find(|a| !a.is_expired(today())).unwrap();
    let risk = risks.iter().find(|r| r.id == valid.risk).unwrap();
    assert_eq!(risk.treatment, Some(TreatmentOption::Accept));
    let level = m.level(risk.current_rating().unwrap()).unwrap();
    assert_eq!(valid.level, level.name);
    assert!(valid.authority >= level.authority);
    assert_eq!(valid.until, Some(date("2027-03-31").unwrap()));
}

#[test]
fn scaled_workspace_has_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let store = write_scaled(&dir.path().join("big.isms"), 200).unwrap();
    let c = store.counts().unwrap();
    assert_eq!((c.assets, c.risks, c.actions), (200, 400, 100));
    assert_eq!((c.annex_a_controls, c.soa_decided), (93, 93));
    assert_eq!(c.documents, 30);
    assert_eq!(
        (
            c.reviews,
            c.held_reviews,
            c.review_actions,
            c.open_review_actions
        ),
        (3, 3, 15, 5)
    );
    // Each review looks back to the one before it, and froze its inputs.
    let reviews = store.reviews().unwrap();
    let frozen = reviews[2].inputs.as_ref().unwrap();
    assert_eq!(frozen.from, reviews[1].held_on);
    assert_eq!(
        frozen.actions.len(),
        5,
        "the year before's actions are input a)"
    );
    assert_eq!(store.dependencies().unwrap().len(), 100);
    assert!(
        store
            .risks()
            .unwrap()
            .iter()
            .all(|r| r.inherent.is_some() && !r.assets.is_empty())
    );
    assert!(
        store
            .actions()
            .unwrap()
            .iter()
            .all(|a| !a.risks.is_empty() && !a.controls.is_empty())
    );
    let kinds: HashSet<_> = store.assets().unwrap().iter().map(|a| a.kind).collect();
    assert_eq!(kinds.len(), 10);
    assert_overrides_justified(&store);
}

#[test]
fn an_existing_path_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.isms");
    std::fs::write(&path, b"keep me").unwrap();
    assert!(matches!(
        write_demo(&path),
        Err(StoreError::AlreadyExists(_))
    ));
    assert!(matches!(
        write_scaled(&path, 10),
        Err(StoreError::AlreadyExists(_))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
}

mod soa;

#[test]
fn people_gaps_are_exactly_the_documented_ones() {
    use crate::domain::person::BuiltinRole;
    use crate::domain::readiness::{self, Place, Severity};
    let (_dir, store) = demo();
    let people = store.people().unwrap();
    assert_eq!(people.people.len(), 15);
    assert_eq!(people.held.len(), 22);
    assert_eq!(store.competence_records().unwrap().len(), 51);
    let day = today();
    let md = people.named("Karin Nordmann").unwrap();
    assert_eq!(md.function, "Managing Director");
    assert!(people.holds(md, BuiltinRole::TopManagement, day));
    let isb = people.named("Anna Weber").unwrap();
    assert!(people.holds(isb, BuiltinRole::Isb, day));
    let auditor = people
        .people
        .iter()
        .filter(|p| people.holds(p, BuiltinRole::InternalAuditor, day))
        .count();
    assert_eq!(auditor, 1);
    let findings = readiness::check(&store.workspace().unwrap(), day);
    let found: Vec<(&str, Severity, String)> = findings
        .iter()
        .filter(|f| f.rule.starts_with("PEOPLE-"))
        .map(|f| (f.rule, f.severity, f.message.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "PEOPLE-001",
                Severity::Minor,
                "P-009 Felix Wagner holds the role Control owner without a current record of \
                 the competence it needs"
                    .to_string()
            ),
            (
                "PEOPLE-002",
                Severity::Minor,
                "P-014 Daniel Schulz: their awareness lapsed on 2026-02-20".to_string()
            ),
            (
                "PEOPLE-004",
                Severity::Minor,
                "P-015 Stefan Koch left on 2026-01-31 and still has 1 open item in their name: \
                 AS-027 Hamburg warehouse office"
                    .to_string()
            ),
        ]
    );
    let leaver = people.named("Stefan Koch").unwrap();
    assert!(findings.iter().any(|f| f.place == Place::Person(leaver.id)));
    // Every name the registers give is a person of the register.
    assert!(!findings.iter().any(|f| f.rule == "PEOPLE-005"));
}

#[test]
fn the_audit_programme_holds_last_years_audit_its_nonconformities_and_what_is_planned() {
    use crate::domain::audit::programme::{
        CYCLE_YEARS, clauses_not_covered_this_year, controls_not_covered,
        internal_audit_reported_within_a_year,
    };
    use crate::domain::audit::{AuditKind, AuditStatus, FindingGrade};
    use crate::domain::nonconformity::NcState;
    let (_dir, store) = demo();
    let audits = store.audits().unwrap();
    let kinds: Vec<(String, AuditKind, AuditStatus)> = audits
        .iter()
        .map(|a| (a.reference(), a.kind, a.status))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "AU-001".to_string(),
                AuditKind::Internal,
                AuditStatus::Reported
            ),
            (
                "AU-002".to_string(),
                AuditKind::External,
                AuditStatus::Planned
            ),
            (
                "AU-003".to_string(),
                AuditKind::Internal,
                AuditStatus::Planned
            ),
        ]
    );
    assert!(internal_audit_reported_within_a_year(&audits, today()));
    assert!(clauses_not_covered_this_year(&audits, today()).is_empty());
    // Last year's audit and this year's plan cover every applicable control between them.
    let applicable: Vec<String> = store
        .soa()
        .unwrap()
        .iter()
        .filter(|e| e.applicability == crate::domain::soa::Applicability::Applicable)
        .map(|e| e.control.clone())
        .collect();
    let not_covered = controls_not_covered(&audits, &applicable, today(), CYCLE_YEARS);
    assert!(not_covered.contains(&"8.13"));
    assert!(!not_covered.contains(&"5.18"));
    assert!(
        not_covered
            .iter()
            .all(|key| audits[2].controls.iter().any(|c| c == key)),
        "{not_covered:?}"
    );
    let grades: Vec<FindingGrade> = store
        .audit_findings()
        .unwrap()
        .iter()
        .map(|f| f.grade)
        .collect();
    assert_eq!(
        grades,
        [
            FindingGrade::Minor,
            FindingGrade::Minor,
            FindingGrade::Observation,
            FindingGrade::Improvement
        ]
    );
    let ncs = store.nonconformities().unwrap();
    let states: Vec<(String, NcState, usize)> = ncs
        .iter()
        .map(|n| (n.reference(), n.state(), n.overdue_actions(today()).len()))
        .collect();
    assert_eq!(
        states,
        [
            ("NC-001".to_string(), NcState::Closed, 0),
            ("NC-002".to_string(), NcState::ActionsOpen, 1),
        ]
    );
    assert!(ncs[0].reviewed_effective());
}

#[test]
fn last_years_baseline_shows_a_new_a_changed_and_a_removed_item_against_now() {
    use crate::domain::baseline::{ChangeKind, Part, diff, freeze};
    let (_dir, store) = demo();
    let baselines = store.baselines().unwrap();
    assert_eq!(baselines.len(), 1);
    let last_year = &baselines[0];
    assert_eq!(
        (last_year.name.as_str(), last_year.closed_on),
        ("2025", date("2025-03-10").unwrap())
    );
    // Every risk and rated asset it marked was re-assessed since.
    assert!(store.reassessments().unwrap().is_empty());
    let now = freeze(&store.workspace().unwrap(), today());
    let changes: Vec<(Part, ChangeKind, String)> = diff(&last_year.snapshot, &now)
        .into_iter()
        .map(|c| (c.part, c.kind, c.reference))
        .collect();
    assert_eq!(
        changes,
        [
            (Part::Issues, ChangeKind::New, "CI-003".to_string()),
            (Part::Needs, ChangeKind::Removed, "AS-029".to_string()),
            (Part::Risks, ChangeKind::Changed, "R-002".to_string()),
            (Part::Risks, ChangeKind::New, "R-020".to_string()),
            (Part::Treatment, ChangeKind::Changed, "T-017".to_string()),
        ]
    );
}

#[test]
fn the_next_review_compares_issues_and_risks_with_last_years_baseline() {
    use crate::domain::review::inputs::ChangeKind;
    let (_dir, store) = demo();
    let mr1 = store.reviews().unwrap().into_iter().next().unwrap();
    let next = crate::domain::review::Review::new("Management review 2026");
    let inputs = store.review_inputs(&next, today()).unwrap();
    assert_eq!(inputs.from, mr1.held_on);
    let since = inputs
        .baseline
        .expect("last year's baseline was in force at MR-001");
    assert_eq!(since.name, "2025");
    let issues: Vec<(&str, ChangeKind)> = inputs
        .issues
        .iter()
        .map(|c| (c.reference.as_str(), c.change))
        .collect();
    assert_eq!(issues, [("CI-003", ChangeKind::Added)]);
    let refs = |lines: &[crate::domain::review::inputs::Line]| -> Vec<String> {
        lines.iter().map(|l| l.reference.clone()).collect()
    };
    assert_eq!(refs(&inputs.risks.added), ["R-020"]);
    assert_eq!(refs(&inputs.risks.changed), ["R-002"]);
    assert!(inputs.risks.removed.is_empty());
    // MR-001 froze its inputs when it was held: this year's comparison does not reach them.
    assert_eq!(store.review_inputs(&mr1, today()).unwrap().baseline, None);
}
