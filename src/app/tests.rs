use chrono::NaiveDate;

use super::*;
use crate::domain::asset::{Asset, AssetKind};
use crate::domain::methodology::Methodology;
use crate::domain::protection::{EffectiveNeed, Objective, ProtectionNeed};
use crate::domain::scope::{ScopeItem, ScopeItemKind};

fn session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::Fixed(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    let store = Store::create_with_clock(&dir.path().join("t.isms"), "Acme", None, clock).unwrap();
    (dir, Session::new(store))
}

fn add_asset(app: &mut Session, kind: AssetKind, name: &str) -> Asset {
    match app.apply(Command::SaveAsset {
        asset: Asset::new(kind, name),
        depends_on: LinkChange::default(),
        serves: LinkChange::default(),
    }) {
        Ok(Saved::Asset(a)) => a,
        other => panic!("not saved: {other:?}"),
    }
}

fn rate(asset: i64, level: u8) -> Command {
    Command::RateNeeds(vec![ProtectionNeed {
        asset,
        objective: Objective::Confidentiality,
        level,
        rationale: "customer data".into(),
        rationale_stale: false,
    }])
}

fn confidentiality(app: &Session, asset: i64) -> Option<EffectiveNeed> {
    let model = app.reader().asset_model().unwrap();
    let (_, needs) = model
        .effective
        .iter()
        .find(|(o, _)| *o == Objective::Confidentiality)
        .unwrap();
    needs.get(&asset).copied()
}

#[test]
fn a_save_returns_the_record_as_stored_and_logs_one_change() {
    let (_dir, mut app) = session();
    let before = app.store().changes().unwrap().len();
    let saved = app
        .apply(Command::SaveScopeItem(ScopeItem::new(
            ScopeItemKind::Location,
            "Warehouse",
        )))
        .unwrap();
    let Saved::ScopeItem(item) = saved else {
        panic!("{saved:?}")
    };
    assert!(item.id > 0);
    assert_eq!(item.number, 1);
    assert_eq!(app.store().changes().unwrap().len(), before + 1);
}

#[test]
fn shared_models_are_read_once_until_a_command_changes_them() {
    let (_dir, mut app) = session();
    add_asset(&mut app, AssetKind::Information, "Customer data");
    let data = app.reader();
    let first = data.model_reads();
    data.methodology().unwrap();
    data.methodology().unwrap();
    data.actions().unwrap();
    data.actions().unwrap();
    data.asset_model().unwrap();
    data.asset_model().unwrap();
    let reads = data.model_reads();
    assert_eq!(
        reads.lists,
        first.lists + 2,
        "methodology and actions once each"
    );
    assert_eq!(reads.assets, first.assets + 1, "the asset model once");

    let mut m = app.reader().methodology().unwrap();
    m.levels[0].name = "Fine".into();
    app.apply(Command::ChangeMethodology(m)).unwrap();
    assert_eq!(app.reader().methodology().unwrap().levels[0].name, "Fine");
    assert_eq!(app.reader().model_reads().lists, reads.lists + 1);
}

#[test]
fn a_rating_reads_the_needs_again_and_not_the_assets() {
    let (_dir, mut app) = session();
    let data_asset = add_asset(&mut app, AssetKind::Information, "Customer data");
    let server = add_asset(&mut app, AssetKind::Hardware, "Server");
    app.apply(Command::SaveAsset {
        asset: server.clone(),
        depends_on: LinkChange::default(),
        serves: LinkChange {
            was: vec![],
            now: vec![data_asset.id],
        },
    })
    .unwrap();
    assert_eq!(confidentiality(&app, server.id), None);
    let before = app.reader().model_reads();

    app.apply(rate(data_asset.id, 3)).unwrap();
    let after = app.reader().asset_model().unwrap();
    assert_eq!(after.needs.len(), 1, "the rating is read");
    let reads = app.reader().model_reads();
    assert_eq!(reads.assets, before.assets, "the assets are not read again");
    assert_eq!(reads.needs, before.needs + 1);
    let inherited = confidentiality(&app, server.id).unwrap();
    assert_eq!(inherited.level, 3, "the server inherits the new rating");
    assert_eq!(
        app.reader().asset_model().unwrap().needs.len(),
        1,
        "and is kept"
    );
}

#[test]
fn a_refused_command_changes_nothing_and_names_its_field() {
    let (_dir, mut app) = session();
    let asset = add_asset(&mut app, AssetKind::Information, "Customer data");
    let before = app.store().changes().unwrap().len();
    let err = app.apply(rate(asset.id, 9)).unwrap_err();
    match &err {
        Error::Invalid(v) => assert_eq!(v.field, "level", "{err}"),
        other => panic!("{other}"),
    }
    assert_eq!(app.store().changes().unwrap().len(), before);
    assert_eq!(confidentiality(&app, asset.id), None);
}

#[test]
fn commands_applied_together_are_all_or_nothing_and_name_the_refused_one() {
    let (_dir, mut app) = session();
    let a = add_asset(&mut app, AssetKind::Information, "Customer data");
    let b = add_asset(&mut app, AssetKind::Information, "Payroll");
    let before = app.store().changes().unwrap().len();
    let err = app
        .apply_all(vec![
            ("AS-001".into(), rate(a.id, 2)),
            ("AS-002".into(), rate(b.id, 9)),
        ])
        .unwrap_err();
    match err {
        Error::Invalid(v) => assert!(v.message.starts_with("AS-002: "), "{}", v.message),
        other => panic!("{other}"),
    }
    assert_eq!(app.store().changes().unwrap().len(), before);
    assert_eq!(
        confidentiality(&app, a.id),
        None,
        "the first was rolled back"
    );

    let done = app
        .apply_all(vec![
            ("AS-001".into(), rate(a.id, 2)),
            ("AS-002".into(), rate(b.id, 3)),
        ])
        .unwrap();
    assert_eq!(done, 2);
    assert_eq!(confidentiality(&app, b.id).map(|n| n.level), Some(3));
}

#[test]
fn an_soa_version_is_issued_on_the_sessions_day() {
    let (_dir, mut app) = session();
    let saved = app
        .apply(Command::IssueSoa {
            approver: "CEO".into(),
            note: String::new(),
            gaps_accepted: true,
        })
        .unwrap();
    let Saved::SoaVersion(v) = saved else {
        panic!("{saved:?}")
    };
    assert_eq!(v.issued_on, app.today());
    let mut m = Methodology::default();
    m.levels.clear();
    let refused = app.apply(Command::ChangeMethodology(m));
    assert!(refused.is_err(), "a methodology without levels is refused");
}

#[test]
fn a_re_confirmed_rating_logs_nothing_and_a_new_level_keeps_its_rationale_as_stale() {
    let (_dir, mut app) = session();
    let data = add_asset(&mut app, AssetKind::Information, "CRM data");
    app.apply(rate(data.id, 2)).unwrap();
    let logged = app.store().changes().unwrap().len();
    app.apply(rate(data.id, 2)).unwrap();
    assert_eq!(
        app.store().changes().unwrap().len(),
        logged,
        "the same level and rationale again is no change"
    );
    app.apply(rate(data.id, 3)).unwrap();
    let changes = app.store().changes().unwrap();
    assert_eq!(changes.len(), logged + 1);
    let needs = app.store().protection_needs().unwrap();
    assert_eq!((needs[0].level, needs[0].rationale_stale), (3, true));
    // The change-log row says so too, for the history.
    let after = changes.last().and_then(|c| c.after.clone()).unwrap();
    assert!(after.contains(r#""rationale_stale":true"#), "{after}");
}

#[test]
fn people_roles_held_and_competence_records_go_through_commands() {
    use crate::domain::person::{BuiltinRole, CompetenceKind, CompetenceRecord, Person, RoleHeld};
    let (_dir, mut app) = session();
    let Saved::Person(anna) = app
        .apply(Command::SavePerson(Person {
            function: "Head of IT".into(),
            ..Person::new("Anna Weber")
        }))
        .unwrap()
    else {
        panic!("no person saved")
    };
    assert_eq!(anna.reference(), "P-001");
    let people = app.reader().people().unwrap();
    let isb = people.builtin(BuiltinRole::Isb).unwrap().clone();
    let held = RoleHeld {
        person: anna.id,
        role: isb.id,
        from: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
        until: None,
    };
    app.apply(Command::HoldRole(held.clone())).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let people = app.reader().people().unwrap();
    assert!(people.holds(&anna, BuiltinRole::Isb, day));
    let Saved::CompetenceRecord(record) = app
        .apply(Command::SaveCompetenceRecord(CompetenceRecord {
            id: 0,
            person: anna.id,
            role: Some(isb.id),
            kind: CompetenceKind::Qualification,
            topic: "ISO/IEC 27001 Lead Implementer".into(),
            on: day,
            evidence: "Certificate in the HR file".into(),
            valid_until: None,
        }))
        .unwrap()
    else {
        panic!("no record saved")
    };
    assert_eq!(
        app.reader().competence_records().unwrap(),
        std::slice::from_ref(&record)
    );
    // A named person is not deleted; a role held and a record are.
    app.apply(Command::DeleteCompetenceRecord(record.id))
        .unwrap();
    app.apply(Command::RemoveRoleHeld(held)).unwrap();
    assert!(app.reader().competence_records().unwrap().is_empty());
    assert!(app.reader().people().unwrap().held.is_empty());
    app.apply(Command::DeletePerson(anna.id)).unwrap();
    assert!(app.reader().people().unwrap().people.is_empty());
    // A bad email is refused naming its field.
    let Err(Error::Invalid(e)) = app.apply(Command::SavePerson(Person {
        email: "anna at nordwind".into(),
        ..Person::new("Anna Weber")
    })) else {
        panic!("a bad email was saved")
    };
    assert_eq!(e.field, crate::domain::person::field::EMAIL);
}

#[test]
fn documents_are_saved_versioned_linked_from_a_clause_and_deleted() {
    use crate::domain::clause::ClauseStatus;
    use crate::domain::document::{DocKind, DocStatus, Document, DocumentVersion};
    let (_dir, mut app) = session();
    let Saved::Document(doc) = app
        .apply(Command::SaveDocument(Document {
            owner: "Anna Weber".into(),
            review_months: Some(12),
            ..Document::new("Information security policy", DocKind::Policy)
        }))
        .unwrap()
    else {
        panic!("not a document")
    };
    assert_eq!(doc.reference(), "D-001");
    let Saved::Document(approved) = app
        .apply(Command::AddDocumentVersion(DocumentVersion {
            approver: "Managing Director".into(),
            ..DocumentVersion::new(doc.id, "1.0", NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
        }))
        .unwrap()
    else {
        panic!("not a document")
    };
    assert_eq!(approved.status, DocStatus::Approved);
    let policy = app
        .reader()
        .clauses()
        .unwrap()
        .into_iter()
        .find(|c| c.number == "5.2")
        .unwrap();
    app.apply(Command::SetClause {
        item: crate::domain::clause::ClauseItem {
            status: ClauseStatus::Done,
            ..policy
        },
        documents: vec![doc.id],
    })
    .unwrap();
    let documents = app.reader().documents().unwrap();
    assert_eq!(documents[0].clauses, ["5.2"]);
    assert_eq!(app.reader().document_versions().unwrap().len(), 1);
    // The readiness check sees the policy held by the register.
    let ws = app.reader().workspace().unwrap();
    let findings = crate::domain::readiness::check(&ws, app.reader().today());
    assert!(
        !findings
            .iter()
            .any(|f| f.clause.as_deref() == Some("5.2") && f.rule == "CLAUSE-003"),
        "{findings:#?}"
    );
    // A refused version leaves the document as it was.
    let err = app
        .apply(Command::AddDocumentVersion(DocumentVersion::new(
            doc.id,
            "1.0",
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        )))
        .unwrap_err();
    assert!(err.to_string().starts_with("version:"), "{err}");
    app.apply(Command::DeleteDocument(doc.id)).unwrap();
    assert!(app.reader().documents().unwrap().is_empty());
}

#[test]
fn an_action_and_a_control_name_documents() {
    use crate::domain::document::{DocKind, Document};
    use crate::domain::treatment::Action;
    let (_dir, mut app) = session();
    let Saved::Document(doc) = app
        .apply(Command::SaveDocument(Document::new(
            "Backup concept",
            DocKind::Procedure,
        )))
        .unwrap()
    else {
        panic!("not a document")
    };
    let Saved::Action(action) = app
        .apply(Command::SaveAction {
            action: Action::new("Offline backup"),
            documents: vec![doc.id],
        })
        .unwrap()
    else {
        panic!("not an action")
    };
    let entry = app
        .reader()
        .soa()
        .unwrap()
        .into_iter()
        .find(|e| e.control == "8.13")
        .unwrap();
    app.apply(Command::DecideControl {
        entry,
        documents: vec![doc.id],
    })
    .unwrap();
    let read = &app.reader().documents().unwrap()[0];
    assert_eq!(read.actions, [action.id]);
    assert_eq!(read.controls, ["8.13"]);
    app.apply(Command::SaveAction {
        action,
        documents: Vec::new(),
    })
    .unwrap();
    assert!(app.reader().documents().unwrap()[0].actions.is_empty());
}

#[test]
fn an_audit_records_a_finding_that_raises_a_nonconformity_today() {
    use crate::domain::audit::{Audit, AuditFinding, AuditKind, FindingGrade};
    use crate::domain::nonconformity::NcState;
    let (_dir, mut app) = session();
    let Saved::Audit(audit) = app
        .apply(Command::SaveAudit(Audit {
            lead_auditor: "Jonas Becker".into(),
            clauses: vec!["9.2".into()],
            ..Audit::new("Internal audit 2026", AuditKind::Internal)
        }))
        .unwrap()
    else {
        panic!("not an audit")
    };
    assert_eq!(audit.reference(), "AU-001");
    assert!(
        app.reader()
            .person_names()
            .unwrap()
            .contains(&"Jonas Becker".to_string())
    );
    let Saved::AuditFinding(finding) = app
        .apply(Command::SaveAuditFinding(AuditFinding {
            requirement: "8.13".into(),
            ..AuditFinding::new(audit.id, FindingGrade::Minor, "Restore never tested")
        }))
        .unwrap()
    else {
        panic!("not a finding")
    };
    let Saved::Nonconformity(nc) = app.apply(Command::RaiseNonconformity(finding.id)).unwrap()
    else {
        panic!("not a nonconformity")
    };
    assert_eq!(nc.reference(), "NC-001");
    assert_eq!(nc.raised_on, NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    assert_eq!(nc.state(), NcState::Open);
    let reader = app.reader();
    assert_eq!(reader.audits().unwrap().len(), 1);
    assert_eq!(
        reader.audit_findings().unwrap(),
        std::slice::from_ref(&finding)
    );
    assert_eq!(reader.nonconformities().unwrap(), std::slice::from_ref(&nc));
    // The finding stays while its nonconformity does; then both go, and the audit.
    assert!(app.apply(Command::DeleteAuditFinding(finding.id)).is_err());
    app.apply(Command::DeleteNonconformity(nc.id)).unwrap();
    app.apply(Command::DeleteAuditFinding(finding.id)).unwrap();
    app.apply(Command::DeleteAudit(audit.id)).unwrap();
    assert!(app.reader().audits().unwrap().is_empty());
}

#[test]
fn objectives_and_measurements_go_through_commands_and_a_built_in_measure_is_recorded_today() {
    use crate::domain::objective::{
        BuiltinMeasure, Direction, Measurement, SecurityObjective, field,
    };
    use crate::domain::treatment::{Action, ActionStatus};
    let (_dir, mut app) = session();
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let Saved::Objective(o) = app
        .apply(Command::SaveObjective(SecurityObjective {
            owner: "Anna Weber".into(),
            builtin: Some(BuiltinMeasure::ActionsOverdue),
            target: Some(0.0),
            direction: Direction::AtMost,
            ..SecurityObjective::new("No treatment action overdue", today)
        }))
        .unwrap()
    else {
        panic!("not an objective")
    };
    assert_eq!(o.reference(), "O-001");
    assert_eq!(o.unit, "actions");
    assert!(
        app.reader()
            .person_names()
            .unwrap()
            .contains(&"Anna Weber".to_string())
    );
    // One overdue action: the built-in measure counts it, with the figure in the note.
    app.apply(Command::SaveAction {
        action: Action {
            due: Some(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            status: ActionStatus::InProgress,
            ..Action::new("Second AC unit")
        },
        documents: Vec::new(),
    })
    .unwrap();
    let Saved::Measurement(m) = app.apply(Command::RecordBuiltinMeasure(o.id)).unwrap() else {
        panic!("not a measurement")
    };
    assert_eq!((m.on_date, m.value), (today, 1.0));
    assert_eq!(m.note, "Computed by isms: 1 treatment action overdue");
    // Recorded again the same day, it replaces the day's value rather than adding a second.
    app.apply(Command::RecordBuiltinMeasure(o.id)).unwrap();
    assert_eq!(app.reader().measurements().unwrap().len(), 1);
    // A second typed result on the same day is refused, naming the day.
    let err = app
        .apply(Command::SaveMeasurement(Measurement::new(o.id, today, 3.0)))
        .unwrap_err();
    let Error::Invalid(v) = err else {
        panic!("not refused: {err}")
    };
    assert_eq!(v.field, field::ON_DATE);
    assert!(
        v.message.contains("O-001 has a result on 2026-03-31"),
        "{v}"
    );
    // An objective measured in words has no built-in value to record.
    let Saved::Objective(words) = app
        .apply(Command::SaveObjective(SecurityObjective {
            measure: "Phishing test click rate".into(),
            ..SecurityObjective::new("Fewer clicks", today)
        }))
        .unwrap()
    else {
        panic!("not an objective")
    };
    let Error::Invalid(v) = app
        .apply(Command::RecordBuiltinMeasure(words.id))
        .unwrap_err()
    else {
        panic!("not refused")
    };
    assert_eq!(v.field, field::BUILTIN);
    // A share of nothing is not recorded as a value: it says why.
    let Saved::Objective(share) = app
        .apply(Command::SaveObjective(SecurityObjective {
            builtin: Some(BuiltinMeasure::ControlsImplemented),
            ..SecurityObjective::new("Controls in place", today)
        }))
        .unwrap()
    else {
        panic!("not an objective")
    };
    let Error::Invalid(v) = app
        .apply(Command::RecordBuiltinMeasure(share.id))
        .unwrap_err()
    else {
        panic!("not refused")
    };
    assert_eq!(
        v.message,
        "nothing to measure yet: no applicable controls yet"
    );
    app.apply(Command::DeleteObjective(share.id)).unwrap();
    // Deleting the objective takes its measurements; the change log keeps both.
    app.apply(Command::DeleteObjective(o.id)).unwrap();
    assert!(app.reader().measurements().unwrap().is_empty());
    assert_eq!(app.reader().security_objectives().unwrap(), [words]);
    let history = app
        .reader()
        .history(&["objective", "measurement"], "O-001")
        .unwrap();
    let actions: Vec<(&str, &str)> = history
        .iter()
        .map(|c| (c.entity.as_str(), c.action.as_str()))
        .collect();
    assert!(actions.contains(&("measurement", "delete")), "{actions:?}");
    assert!(actions.contains(&("objective", "delete")), "{actions:?}");
}

#[test]
fn a_review_is_prepared_held_today_with_its_inputs_frozen_and_its_actions_carried() {
    use crate::domain::review::{Input, Inputs, Review, ReviewAction, ReviewActionStatus, field};
    use crate::domain::scope::{ContextIssue, IssueKind};
    let (_dir, mut app) = session();
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let Saved::Review(r) = app
        .apply(Command::SaveReview(Box::new(
            Review {
                participants: vec!["Eva Brandt".into()],
                ..Review::new("Management review 2026")
            }
            .with_note(Input::Feedback, "No complaints"),
        )))
        .unwrap()
    else {
        panic!("not a review")
    };
    let r = *r;
    app.apply(Command::SaveContextIssue(ContextIssue::new(
        IssueKind::External,
        "NIS2 in force",
    )))
    .unwrap();
    // An objective with a built-in measure, not yet measured.
    use crate::domain::objective::{BuiltinMeasure, Direction, SecurityObjective};
    app.apply(Command::SaveObjective(SecurityObjective {
        builtin: Some(BuiltinMeasure::ActionsOverdue),
        target: Some(0.0),
        direction: Direction::AtMost,
        ..SecurityObjective::new("No treatment action overdue", today)
    }))
    .unwrap();
    // Preparing: the inputs as the registers stand, the new issue among them.
    let prepared = app.reader().review_inputs(&r, today).unwrap();
    assert_eq!(prepared.issues.len(), 1);
    assert_eq!(prepared.to, today);
    assert_eq!(prepared.performance.objectives[0].latest, None);
    let Saved::Review(held) = app.apply(Command::HoldReview(r.id)).unwrap() else {
        panic!("not a review")
    };
    assert_eq!(held.held_on, Some(today));
    // Holding recorded today's value of the built-in measure, and froze it with the rest.
    let frozen = held.inputs.clone().unwrap();
    assert_eq!(
        frozen.performance.objectives[0].latest.as_deref(),
        Some("0 actions")
    );
    assert_eq!(frozen.performance.objectives[0].meets, Some(true));
    assert_eq!(app.reader().measurements().unwrap().len(), 1);
    let prepared = Inputs {
        performance: frozen.performance.clone(),
        ..prepared
    };
    assert_eq!(held.inputs, Some(prepared.clone()));
    let held = *held;
    // An issue added after the review reaches the next one, not the held one.
    app.apply(Command::SaveContextIssue(ContextIssue::new(
        IssueKind::Internal,
        "New warehouse",
    )))
    .unwrap();
    assert_eq!(app.reader().review_inputs(&held, today).unwrap(), prepared);
    let Saved::ReviewAction(a) = app
        .apply(Command::SaveReviewAction(ReviewAction {
            owner: "Anna Weber".into(),
            due_on: Some(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()),
            ..ReviewAction::new(held.id, "Budget for a SIEM")
        }))
        .unwrap()
    else {
        panic!("not an action")
    };
    assert_eq!(a.number, 1);
    // The next review puts that action on the table as input a).
    let Saved::Review(next) = app
        .apply(Command::SaveReview(Box::new(Review::new(
            "Management review 2027",
        ))))
        .unwrap()
    else {
        panic!("not a review")
    };
    let inputs = app.reader().review_inputs(&next, today).unwrap();
    assert_eq!(inputs.actions.len(), 1);
    assert_eq!(inputs.actions[0].reference, "MR-001/1");
    assert_eq!(inputs.actions[0].status, ReviewActionStatus::Open);
    // Holding twice is refused, naming the field; deleting a held review too.
    let Error::Invalid(v) = app.apply(Command::HoldReview(held.id)).unwrap_err() else {
        panic!("not refused")
    };
    assert_eq!(v.field, field::HELD_ON);
    let Error::Invalid(v) = app.apply(Command::DeleteReview(held.id)).unwrap_err() else {
        panic!("not refused")
    };
    assert_eq!(v.field, field::STATUS);
    app.apply(Command::DeleteReviewAction(a.id)).unwrap();
    app.apply(Command::DeleteReview(next.id)).unwrap();
    assert_eq!(app.reader().reviews().unwrap().len(), 1);
    assert!(app.reader().review_actions().unwrap().is_empty());
}

fn rated_risk(app: &mut Session, title: &str) -> crate::domain::risk::Risk {
    let risk = crate::domain::risk::Risk {
        inherent: Some(crate::domain::methodology::Rating {
            likelihood: 4,
            impact: 4,
        }),
        ..crate::domain::risk::Risk::new(title)
    };
    match app.apply(Command::SaveRisk(risk)) {
        Ok(Saved::Risk(r)) => r,
        other => panic!("not saved: {other:?}"),
    }
}

#[test]
fn closing_a_cycle_freezes_the_workspace_and_marks_what_the_next_one_re_assesses() {
    use crate::domain::baseline::{Part, ReassessKind, progress};
    let (_dir, mut app) = session();
    let risk = rated_risk(&mut app, "Ransomware");
    let data = add_asset(&mut app, AssetKind::Information, "Customer data");
    app.apply(rate(data.id, 3)).unwrap();

    let Saved::Baseline(closed) = app
        .apply(Command::CloseCycle {
            name: " 2026 ".into(),
        })
        .unwrap()
    else {
        panic!("no baseline")
    };
    assert_eq!(closed.name, "2026");
    assert_eq!(closed.closed_on, app.today());
    let risks: Vec<_> = closed
        .snapshot
        .items
        .iter()
        .filter(|i| i.part == Part::Risks)
        .collect();
    assert_eq!(risks.len(), 1);
    assert_eq!(risks[0].fields["inherent"], "4 x 4 (critical)");
    let marks = app.reader().reassessments().unwrap();
    assert_eq!(marks.len(), 2, "{marks:?}");
    assert_eq!(app.reader().baselines().unwrap().len(), 1);

    // A taken name and `now` are refused, naming the field, and change nothing.
    for name in ["2026", "now"] {
        let Err(Error::Invalid(e)) = app.apply(Command::CloseCycle { name: name.into() }) else {
            panic!("{name} accepted")
        };
        assert_eq!(e.field.to_string(), "name");
    }
    assert_eq!(app.reader().baselines().unwrap().len(), 1);
    assert_eq!(app.reader().reassessments().unwrap().len(), 2);

    // Confirming a risk unchanged dates its assessment today and takes its mark off.
    app.set_clock(Clock::Fixed(NaiveDate::from_ymd_opt(2026, 5, 4).unwrap()));
    let Saved::Risk(confirmed) = app
        .apply(Command::ConfirmReassessed {
            kind: ReassessKind::Risk,
            item: risk.id,
        })
        .unwrap()
    else {
        panic!("no risk")
    };
    assert_eq!(confirmed.assessed_on, NaiveDate::from_ymd_opt(2026, 5, 4));
    assert_eq!(confirmed.inherent, risk.inherent);
    let marks = app.reader().reassessments().unwrap();
    assert_eq!(progress(&closed, &marks, ReassessKind::Risk), (1, 1));
    assert_eq!(progress(&closed, &marks, ReassessKind::Needs), (0, 1));

    app.apply(Command::ConfirmReassessed {
        kind: ReassessKind::Needs,
        item: data.id,
    })
    .unwrap();
    let marks = app.reader().reassessments().unwrap();
    assert!(marks.is_empty(), "{marks:?}");
    assert_eq!(progress(&closed, &marks, ReassessKind::Needs), (1, 1));
}
