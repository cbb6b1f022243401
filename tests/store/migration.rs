//! Migration of older workspace files: a copy of the file as it was (`FILE.bak-vN`), then the
//! schema moved forward with the data kept.

use isms::store::Store;
use isms::store::schema::{APPLICATION_ID, LATEST_VERSION};

use super::temp;

#[test]
fn an_older_schema_is_backed_up_then_migrated() {
    let (_dir, path) = temp();
    {
        // A workspace at schema 0: the application id is set, no migration has run.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", isms::store::schema::APPLICATION_ID)
            .unwrap();
        conn.execute_batch("CREATE TABLE placeholder (x INTEGER);")
            .unwrap();
    }
    let original = std::fs::read(&path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let backup = path.with_file_name("t.isms.bak-v0");
    assert!(
        std::fs::read(backup).unwrap() == original,
        "the backup is the file as it was"
    );
}

#[test]
fn a_version_1_workspace_is_backed_up_then_migrated_keeping_its_data() {
    let (_dir, path) = temp();
    {
        // A workspace as version 1 wrote it: only the first migration, with an SoA decision
        // and a clause of its own.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", isms::store::schema::APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 1)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO controls (key, position, theme, title) VALUES ('5.1', 0, 'organizational', 'Policies');
             INSERT INTO soa_entries (control, applicability, reasons, justification, status)
                 VALUES ('5.1', 'applicable', 'legal', 'Required by law.', 'implemented');
             INSERT INTO clauses (number, position, title, status, note)
                 VALUES ('4.3', 0, 'Scope', 'done', 'Approved.');",
        )
        .unwrap();
        let v: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
    }
    let original = std::fs::read(&path).unwrap();
    assert_eq!(isms::store::inspect(&path).unwrap().schema_version, 1);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let backup = path.with_file_name("t.isms.bak-v1");
    assert!(
        std::fs::read(backup).unwrap() == original,
        "the backup is the version-1 file as it was"
    );
    let soa = store.soa().unwrap();
    assert_eq!(soa.len(), 1);
    assert_eq!(soa[0].justification, "Required by law.");
    assert_eq!(soa[0].covered_by, None);
    let clauses = store.clauses().unwrap();
    assert_eq!(
        (
            clauses[0].note.as_str(),
            clauses[0].doc_reference.as_str(),
            clauses[0].doc_date
        ),
        ("Approved.", "", None)
    );
    assert!(store.soa_versions().unwrap().is_empty());
    drop(store);
    // Opened again, nothing is migrated twice.
    let again = Store::open(&path).unwrap();
    assert_eq!(again.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn a_version_2_workspace_is_backed_up_then_migrated_keeping_its_data() {
    let (_dir, path) = temp();
    {
        // A workspace as version 2 wrote it: an asset, a protection need and an issued SoA
        // version, and no place for open questions.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 2)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO assets (id, number, name, kind) VALUES (7, 3, 'Server', 'hardware');
             INSERT INTO protection_needs (asset, objective, level, rationale)
                 VALUES (7, 'confidentiality', 2, 'Holds customer data.');
             INSERT INTO soa_versions (number, issued_on, approver, snapshot)
                 VALUES (1, '2026-02-10', 'Managing Director', '[]');",
        )
        .unwrap();
        let has_questions: bool = conn
            .prepare("SELECT 1 FROM sqlite_master WHERE name = 'open_questions'")
            .unwrap()
            .exists([])
            .unwrap();
        assert!(!has_questions);
    }
    let original = std::fs::read(&path).unwrap();
    assert_eq!(isms::store::inspect(&path).unwrap().schema_version, 2);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let backup = path.with_file_name("t.isms.bak-v2");
    assert!(
        std::fs::read(backup).unwrap() == original,
        "the backup is the version-2 file as it was"
    );
    let assets = store.assets().unwrap();
    assert_eq!(
        (assets[0].id, assets[0].number, assets[0].name.as_str()),
        (7, 3, "Server")
    );
    let needs = store.protection_needs().unwrap();
    assert_eq!(
        (needs[0].level, needs[0].rationale.as_str()),
        (2, "Holds customer data.")
    );
    assert_eq!(
        store.soa_versions().unwrap()[0].approver,
        "Managing Director"
    );
    // The new table is there, empty, and takes a question about the old asset.
    assert!(store.questions().unwrap().is_empty());
    let q = store
        .edit(|w| w.note_question(Some(7), "Is the server shared?"))
        .unwrap();
    assert_eq!(q.reference(), "Q-001");
    drop(store);
    let again = Store::open(&path).unwrap();
    assert_eq!(again.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(again.open_questions().unwrap(), [q]);
}

#[test]
fn a_version_3_workspace_keeps_its_rationales_current_after_migration() {
    let (_dir, path) = temp();
    {
        // A workspace as version 3 wrote it: a rated need with its rationale, and no record of
        // which level a rationale was written for.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 3)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO assets (id, number, name, kind) VALUES (7, 3, 'CRM data', 'information');
             INSERT INTO protection_needs (asset, objective, level, rationale)
                 VALUES (7, 'confidentiality', 2, 'Holds customer data.');",
        )
        .unwrap();
    }
    let original = std::fs::read(&path).unwrap();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let backup = path.with_file_name("t.isms.bak-v3");
    assert!(
        std::fs::read(backup).unwrap() == original,
        "the backup is the version-3 file as it was"
    );
    let needs = store.protection_needs().unwrap();
    assert_eq!(
        (
            needs[0].level,
            needs[0].rationale.as_str(),
            needs[0].rationale_stale
        ),
        (2, "Holds customer data.", false),
        "a rationale from before the migration counts as written for its level"
    );
    // Raising the level keeps the text and marks it as written for the earlier level.
    let scale = store.protection_scale().unwrap();
    let raised = store
        .edit(|w| {
            w.set_protection_need(
                isms::domain::protection::ProtectionNeed {
                    level: 3,
                    ..needs[0].clone()
                },
                &scale,
            )
        })
        .unwrap();
    assert!(raised.rationale_stale);
    drop(store);
    let again = Store::open(&path).unwrap();
    assert!(again.protection_needs().unwrap()[0].rationale_stale);
}

#[test]
fn a_version_4_workspace_keeps_its_questions_open_and_has_no_workshops_after_migration() {
    let (_dir, path) = temp();
    {
        // A workspace as version 4 wrote it: an asset, a question about it still open, one
        // resolved (before answers were kept), and a change logged before workshops existed.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 4)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO assets (id, number, name, kind) VALUES (7, 3, 'Backup NAS', 'hardware');
             INSERT INTO open_questions (number, asset, text, noted_by, noted_at, resolved_at)
                 VALUES (1, 7, 'Who owns the NAS?', 'anna.weber', '2026-01-28T11:05:00', NULL),
                        (2, NULL, 'Shared uplink?', 'anna.weber', '2026-01-28T12:10:00',
                         '2026-02-06T09:00:00');
             INSERT INTO change_log (at, who, entity, reference, action, before, after)
                 VALUES ('2026-01-28T11:05:00', 'anna.weber', 'question', 'Q-001', 'create',
                         NULL, '{}');",
        )
        .unwrap();
        let has_workshops: bool = conn
            .prepare("SELECT 1 FROM sqlite_master WHERE name = 'workshops'")
            .unwrap()
            .exists([])
            .unwrap();
        assert!(!has_workshops);
    }
    let original = std::fs::read(&path).unwrap();
    assert_eq!(isms::store::inspect(&path).unwrap().schema_version, 4);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let backup = path.with_file_name("t.isms.bak-v4");
    assert!(
        std::fs::read(backup).unwrap() == original,
        "the backup is the version-4 file as it was"
    );
    assert!(store.workshops().unwrap().is_empty());
    let questions = store.questions().unwrap();
    let read: Vec<String> = questions
        .iter()
        .map(|q| {
            format!(
                "{} {:?} open={} answer={:?} assignee={:?} workshop={:?}",
                q.reference(),
                q.asset,
                q.is_open(),
                q.answer,
                q.assignee,
                q.workshop
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            "Q-001 Some(7) open=true answer=\"\" assignee=\"\" workshop=None",
            "Q-002 None open=false answer=\"\" assignee=\"\" workshop=None",
        ]
    );
    assert!(questions.iter().all(|q| q.due.is_none()));
    let log = store.changes().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].workshop, None);
    // The open question can be given to someone and answered now.
    let id = questions[0].id;
    store
        .edit(|w| w.assign_question(id, "Jonas Klein", None))
        .unwrap();
    let answered = store
        .edit(|w| w.answer_question(id, "Our IT", "Jonas Klein"))
        .unwrap();
    assert!(!answered.is_open());
    drop(store);
    let again = Store::open(&path).unwrap();
    assert_eq!(again.schema_version().unwrap(), LATEST_VERSION);
    assert!(again.open_questions().unwrap().is_empty());
}

#[test]
fn a_version_6_workspace_gains_people_for_its_names_and_documents_for_its_clauses() {
    let (_dir, path) = temp();
    {
        // A workspace as version 6 wrote it: the same person typed three ways, an acceptance
        // declared by the ISB, a clause's document named in free text.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 6)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO assets (id, number, name, kind, owner)
                 VALUES (1, 1, 'Customer data', 'information', ' Anna Berger '),
                        (2, 2, 'CRM', 'software', 'anna berger'),
                        (3, 3, 'NAS', 'hardware', '');
             INSERT INTO risks (id, number, title, owner, status, plan_approved_by)
                 VALUES (1, 1, 'Data leak', 'Jonas Klein', 'open', 'Anna Berger');
             INSERT INTO acceptances (risk, accepted_by, authority, accepted_on, level)
                 VALUES (1, 'Jonas Klein ', 'isb', '2026-02-01', 'medium'),
                        (1, 'Jonas Klein', 'isb', '2025-11-03', 'medium');
             INSERT INTO workshops (number, title, started_at, attendees)
                 VALUES (1, 'Ratings', '2026-01-28T09:00:00', '[\"Anna Berger\",\"Mia Wolf\"]'),
                        (2, 'Damaged by hand', '2026-02-01T09:00:00', 'not a list');
             INSERT INTO clauses (number, position, title, status, doc_reference, doc_owner, doc_date)
                 VALUES ('5.2', 0, 'Policy', 'done', 'IS policy v1.2', 'Mia Wolf', '2026-01-10'),
                        ('4.3', 1, 'Scope', 'done', '', '', NULL);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    // One person per name, numbered in the order the registers name them.
    assert_eq!(
        rows("SELECT number || ' ' || name FROM people ORDER BY number"),
        ["1 Anna Berger", "2 Jonas Klein", "3 Mia Wolf"]
    );
    // Every reference now reads as the person's name; an empty owner stays empty.
    assert_eq!(
        rows("SELECT owner FROM assets ORDER BY number"),
        ["Anna Berger", "Anna Berger", ""]
    );
    assert_eq!(
        rows("SELECT accepted_by FROM acceptances"),
        ["Jonas Klein"; 2]
    );
    // The declared authority is now a role, held from the first acceptance made with it.
    assert_eq!(
        rows(
            "SELECT p.name || ' ' || r.builtin || ' ' || pr.from_date FROM person_roles pr
             JOIN people p ON p.id = pr.person JOIN roles r ON r.id = pr.role"
        ),
        ["Jonas Klein isb 2025-11-03"]
    );
    // The clause's free-text document is a document of unknown status, linked to it.
    assert_eq!(
        rows(
            "SELECT d.number || ' ' || d.title || ' ' || d.kind || ' ' || d.status || ' '
                    || d.owner || ' ' || d.issued_on || ' ' || dc.clause
             FROM documents d JOIN document_clauses dc ON dc.document = d.id"
        ),
        ["1 IS policy v1.2 policy unknown Mia Wolf 2026-01-10 5.2"]
    );
    assert_eq!(
        rows("SELECT doc_reference FROM clauses WHERE number = '5.2'"),
        [""]
    );
}

#[test]
fn the_documents_a_version_6_workspace_gains_read_back_through_the_register() {
    let (_dir, path) = temp();
    {
        // Two clauses naming one document (letter case aside), a third its own.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 6)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO clauses (number, position, title, status, doc_reference, doc_owner, doc_date)
                 VALUES ('5.2', 0, 'Policy', 'done', 'IS policy v1.2', 'Mia Wolf', '2026-01-10'),
                        ('6.1.2', 1, 'Risk assessment', 'done', 'Risk methodology', '', NULL),
                        ('6.1.3', 2, 'Risk treatment', 'done', 'risk METHODOLOGY ', '', '2026-01-15');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let documents = store.documents().unwrap();
    let read: Vec<(String, &str, &str, Vec<String>)> = documents
        .iter()
        .map(|d| {
            (
                d.label(),
                d.kind.as_str(),
                d.status.as_str(),
                d.clauses.clone(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                "D-001 IS policy v1.2".to_string(),
                "policy",
                "unknown",
                vec!["5.2".to_string()]
            ),
            (
                "D-002 Risk methodology".to_string(),
                "record",
                "unknown",
                vec!["6.1.2".to_string(), "6.1.3".to_string()]
            ),
        ]
    );
    assert_eq!(documents[0].owner, "Mia Wolf");
    assert_eq!(documents[1].issued_on, "2026-01-15".parse().ok());
    assert!(store.document_versions().unwrap().is_empty());
    // The clauses carry no free text any more; the register's documents hold them, so the
    // readiness check finds the policy documented.
    assert!(
        store
            .clauses()
            .unwrap()
            .iter()
            .all(|c| c.doc_reference.is_empty())
    );
    let findings =
        isms::domain::readiness::check(&store.workspace().unwrap(), "2026-03-31".parse().unwrap());
    assert!(
        !findings
            .iter()
            .any(|f| f.rule == "CLAUSE-003" && f.clause.as_deref() == Some("5.2")),
        "{findings:#?}"
    );
    // An unknown status is what the migration knew; the store takes it from there.
    let policy = documents[0].clone();
    let (approved, _) = store
        .edit(|w| {
            w.add_document_version(isms::domain::document::DocumentVersion {
                approver: "Mia Wolf".into(),
                ..isms::domain::document::DocumentVersion::new(
                    policy.id,
                    "1.3",
                    "2026-03-01".parse().unwrap(),
                )
            })
        })
        .unwrap();
    assert_eq!(approved.status.as_str(), "approved");
    assert_eq!(approved.clauses, ["5.2"]);
}

#[test]
fn a_version_7_workspace_gains_empty_audit_and_nonconformity_registers() {
    let (_dir, path) = temp();
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 7)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO people (number, name) VALUES (1, 'Anna Weber');
             INSERT INTO documents (number, title, kind, status, owner)
                 VALUES (1, 'Audit programme', 'plan', 'draft', 'Anna Weber');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert!(path.with_file_name("t.isms.bak-v7").exists());
    assert!(store.audits().unwrap().is_empty());
    assert!(store.audit_findings().unwrap().is_empty());
    assert!(store.nonconformities().unwrap().is_empty());
    assert_eq!(store.documents().unwrap()[0].owner, "Anna Weber");
    // The new registers take records at once, their names people of the register.
    let audit = store
        .edit(|w| {
            w.save_audit(isms::domain::audit::Audit {
                lead_auditor: "Anna Weber".into(),
                ..isms::domain::audit::Audit::new(
                    "Internal audit",
                    isms::domain::audit::AuditKind::Internal,
                )
            })
        })
        .unwrap();
    assert_eq!(audit.reference(), "AU-001");
    assert_eq!(store.people().unwrap().people.len(), 1);
}

#[test]
fn a_version_8_workspace_gains_empty_objective_and_measurement_registers() {
    let (_dir, path) = temp();
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 8)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO people (number, name) VALUES (1, 'Anna Weber');
             INSERT INTO nonconformities (number, source, grade, raised_on, description)
                 VALUES (1, 'incident', 'minor', '2026-02-01', 'Restore never tested');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert!(path.with_file_name("t.isms.bak-v8").exists());
    assert!(store.security_objectives().unwrap().is_empty());
    assert!(store.measurements().unwrap().is_empty());
    assert_eq!(store.nonconformities().unwrap()[0].reference(), "NC-001");
    // The new registers take records at once; the owner is the person of the register, and a
    // rename reaches the objective.
    use isms::domain::objective::{Measurement, SecurityObjective};
    let day: chrono::NaiveDate = "2026-01-15".parse().unwrap();
    let o = store
        .edit(|w| {
            w.save_security_objective(SecurityObjective {
                owner: "anna weber".into(),
                target: Some(90.0),
                ..SecurityObjective::new("Everyone aware within the year", day)
            })
        })
        .unwrap();
    assert_eq!(
        (o.reference().as_str(), o.owner.as_str()),
        ("O-001", "Anna Weber")
    );
    store
        .edit(|w| w.save_measurement(Measurement::new(o.id, day, 87.5)))
        .unwrap();
    assert_eq!(store.measurements().unwrap()[0].value, 87.5);
    let mut anna = store.people().unwrap().people[0].clone();
    anna.name = "Anna Weber-Schmidt".into();
    store.edit(|w| w.save_person(anna)).unwrap();
    assert_eq!(
        store.security_objectives().unwrap()[0].owner,
        "Anna Weber-Schmidt"
    );
    assert_eq!(store.counts().unwrap().objectives, 1);
}

#[test]
fn a_version_9_workspace_gains_an_empty_register_of_management_reviews() {
    let (_dir, path) = temp();
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 9)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO people (number, name) VALUES (1, 'Eva Brandt');
             INSERT INTO objectives (number, statement, direction, set_on, every_months, status)
                 VALUES (1, 'Everyone aware', 'at_least', '2026-01-15', 3, 'in_progress');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert!(path.with_file_name("t.isms.bak-v9").exists());
    assert!(store.reviews().unwrap().is_empty());
    assert!(store.review_actions().unwrap().is_empty());
    assert_eq!(store.security_objectives().unwrap()[0].reference(), "O-001");
    // The new register takes a review at once, its participants people of the register.
    use isms::domain::review::Review;
    let review = store
        .edit(|w| {
            w.save_review(Review {
                participants: vec!["eva brandt".into()],
                ..Review::new("Management review 2026")
            })
        })
        .unwrap();
    assert_eq!(review.reference(), "MR-001");
    assert_eq!(review.participants, ["Eva Brandt"]);
    assert_eq!(store.people().unwrap().people.len(), 1);
}

#[test]
fn a_version_10_workspace_gains_baselines_and_closes_its_first_cycle() {
    let (_dir, path) = temp();
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        isms::store::schema::migrations()
            .to_version(&mut conn, 10)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO risks (number, title, description, threat, vulnerability, objectives,
                 owner, treatment_rationale, status)
                 VALUES (1, 'Ransomware', '', '', '', '', '', '', 'identified');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert!(path.with_file_name("t.isms.bak-v10").exists());
    assert!(store.baselines().unwrap().is_empty());
    assert!(store.reassessments().unwrap().is_empty());
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let closed = store.close_cycle("2026", day).unwrap();
    assert_eq!(closed.risks_marked, 1);
    assert_eq!(store.reassessments().unwrap().len(), 1);
}
