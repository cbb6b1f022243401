//! The schema as numbered, append-only migrations. Never edit a published migration: add one.

use rusqlite_migration::{M, Migrations};

/// Written to `PRAGMA application_id` so that no other program's SQLite file is mistaken for a
/// workspace: "ISMS" in ASCII.
pub const APPLICATION_ID: i32 = 0x4953_4D53;

const V1: &str = r#"
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE scope_items (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    in_isms INTEGER NOT NULL,
    in_certificate INTEGER NOT NULL,
    justification TEXT NOT NULL DEFAULT '',
    interfaces TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE context_issues (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE parties (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    requirements TEXT NOT NULL DEFAULT '',
    addressed INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE assets (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    scope_item INTEGER REFERENCES scope_items(id) ON DELETE SET NULL,
    classification TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX assets_scope_item ON assets(scope_item);

CREATE TABLE asset_dependencies (
    asset INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    depends_on INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    PRIMARY KEY (asset, depends_on)
) STRICT, WITHOUT ROWID;
CREATE INDEX asset_dependencies_depends_on ON asset_dependencies(depends_on);

CREATE TABLE protection_needs (
    asset INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    objective TEXT NOT NULL,
    level INTEGER NOT NULL,
    rationale TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (asset, objective)
) STRICT, WITHOUT ROWID;

CREATE TABLE risks (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    threat TEXT NOT NULL DEFAULT '',
    vulnerability TEXT NOT NULL DEFAULT '',
    objectives TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    inherent_likelihood INTEGER,
    inherent_impact INTEGER,
    residual_likelihood INTEGER,
    residual_impact INTEGER,
    treatment TEXT,
    treatment_rationale TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    next_review TEXT
) STRICT;

CREATE TABLE risk_assets (
    risk INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    asset INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    PRIMARY KEY (risk, asset)
) STRICT, WITHOUT ROWID;
CREATE INDEX risk_assets_asset ON risk_assets(asset);

CREATE TABLE acceptances (
    id INTEGER PRIMARY KEY,
    risk INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    accepted_by TEXT NOT NULL,
    authority TEXT NOT NULL,
    accepted_on TEXT NOT NULL,
    level TEXT NOT NULL,
    until TEXT,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX acceptances_risk ON acceptances(risk);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    status TEXT NOT NULL
) STRICT;

CREATE TABLE action_risks (
    action INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    risk INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    PRIMARY KEY (action, risk)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_risks_risk ON action_risks(risk);

CREATE TABLE controls (
    key TEXT PRIMARY KEY,
    number INTEGER UNIQUE,
    position INTEGER NOT NULL,
    theme TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    covers TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE action_controls (
    action INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    control TEXT NOT NULL REFERENCES controls(key),
    PRIMARY KEY (action, control)
) STRICT;
CREATE INDEX action_controls_control ON action_controls(control);

CREATE TABLE soa_entries (
    control TEXT PRIMARY KEY REFERENCES controls(key) ON DELETE CASCADE,
    applicability TEXT NOT NULL,
    reasons TEXT NOT NULL DEFAULT '',
    justification TEXT NOT NULL DEFAULT '',
    exclusion_justification TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE clauses (
    number TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    entity TEXT NOT NULL,
    reference TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
) STRICT;
CREATE INDEX change_log_item ON change_log(entity, reference);
"#;

/// Controls excluded because a custom control covers them; the document behind each clause;
/// issued SoA versions with their snapshot as JSON.
const V2: &str = r#"
ALTER TABLE soa_entries ADD COLUMN covered_by TEXT REFERENCES controls(key);

ALTER TABLE clauses ADD COLUMN doc_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE clauses ADD COLUMN doc_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE clauses ADD COLUMN doc_date TEXT;

CREATE TABLE soa_versions (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    issued_on TEXT NOT NULL,
    approver TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    snapshot TEXT NOT NULL
) STRICT;
"#;

/// Open questions noted in a workshop; a question outlives the asset it is about.
const V3: &str = r#"
CREATE TABLE open_questions (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    asset INTEGER REFERENCES assets(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    noted_by TEXT NOT NULL,
    noted_at TEXT NOT NULL,
    resolved_at TEXT
) STRICT;
CREATE INDEX open_questions_asset ON open_questions(asset);
"#;

/// A rationale kept while its level changed is marked as written for an earlier level.
const V4: &str = r#"
ALTER TABLE protection_needs ADD COLUMN rationale_stale INTEGER NOT NULL DEFAULT 0;
"#;

/// Workshops as records: every change made while one runs belongs to it. Questions keep their
/// answer, who gave it, whom they are given to and by when, and the workshop they were noted in.
const V5: &str = r#"
CREATE TABLE workshops (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    attendees TEXT NOT NULL DEFAULT '[]',
    walked TEXT NOT NULL DEFAULT '[]'
) STRICT;

ALTER TABLE change_log ADD COLUMN workshop INTEGER REFERENCES workshops(id);
CREATE INDEX change_log_workshop ON change_log(workshop);

ALTER TABLE open_questions ADD COLUMN answer TEXT NOT NULL DEFAULT '';
ALTER TABLE open_questions ADD COLUMN answered_by TEXT NOT NULL DEFAULT '';
ALTER TABLE open_questions ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
ALTER TABLE open_questions ADD COLUMN due TEXT;
ALTER TABLE open_questions ADD COLUMN workshop INTEGER REFERENCES workshops(id);
"#;

/// When a risk was last assessed (its next review follows from its level), its owner's
/// approval of the treatment plan, and the date a planned control is to be implemented by.
const V6: &str = r#"
ALTER TABLE risks ADD COLUMN assessed_on TEXT;
ALTER TABLE risks ADD COLUMN plan_approved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE risks ADD COLUMN plan_approved_on TEXT;
ALTER TABLE soa_entries ADD COLUMN target_date TEXT;
"#;

/// People and the roles they hold (with the competence each role needs and the records that
/// show it), and the register of documented information with its versions and what each
/// document serves. Every free-text name becomes a person (one per name, trimmed, letter case
/// aside) and every name field is rewritten to that person's spelling; a declared acceptance
/// authority becomes the acceptor's role from the first day they accepted with it. The
/// clauses' free-text documents become documents (status unknown until set) linked to their
/// clauses.
const V7: &str = r#"
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    function TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    left_on TEXT
) STRICT;

CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    builtin TEXT UNIQUE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    authority TEXT,
    competence TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO roles (id, builtin, name, authority, competence) VALUES
    (1, 'top_management', 'Top management', 'top_management',
     'Leads the ISMS: sets the policy and objectives, decides on risks and resources.'),
    (2, 'isb', 'Information security officer', 'isb',
     'Runs the ISMS: ISO/IEC 27001 and risk assessment, trained and kept current.'),
    (3, 'board', 'Board', 'board', ''),
    (4, 'risk_owner', 'Risk owner', NULL,
     'Understands the risks they own and the methodology used to rate them.'),
    (5, 'asset_owner', 'Asset owner', NULL,
     'Knows the asset, its protection needs and its classification.'),
    (6, 'control_owner', 'Control owner', NULL,
     'Knows how the control is implemented and how it is shown to work.'),
    (7, 'internal_auditor', 'Internal auditor', NULL,
     'Trained in auditing management systems (ISO 19011) and in ISO/IEC 27001.');

CREATE TABLE person_roles (
    person INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    from_date TEXT NOT NULL,
    until TEXT,
    PRIMARY KEY (person, role, from_date)
) STRICT;
CREATE INDEX person_roles_role ON person_roles(role);

CREATE TABLE competence_records (
    id INTEGER PRIMARY KEY,
    person INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role INTEGER REFERENCES roles(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    topic TEXT NOT NULL,
    on_date TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    valid_until TEXT
) STRICT;
CREATE INDEX competence_records_person ON competence_records(person);

INSERT INTO people (number, name)
SELECT row_number() OVER (ORDER BY min(ord)), name FROM (
    SELECT trim(owner) AS name, 100000000 + number AS ord FROM assets
    UNION ALL SELECT trim(owner), 200000000 + number FROM risks
    UNION ALL SELECT trim(plan_approved_by), 300000000 + number FROM risks
    UNION ALL SELECT trim(accepted_by), 400000000 + id FROM acceptances
    UNION ALL SELECT trim(owner), 500000000 + number FROM actions
    UNION ALL SELECT trim(owner), 600000000 FROM soa_entries
    UNION ALL SELECT trim(doc_owner), 700000000 + position FROM clauses
    UNION ALL SELECT trim(approver), 800000000 + number FROM soa_versions
    UNION ALL SELECT trim(assignee), 900000000 + number FROM open_questions
    UNION ALL SELECT trim(answered_by), 900000000 + number FROM open_questions
    UNION ALL SELECT trim(j.value), 1000000000 + w.number
        FROM workshops w, json_each(CASE WHEN json_valid(w.attendees) THEN w.attendees
            ELSE '[]' END) j
) WHERE name <> '' GROUP BY name COLLATE NOCASE;

UPDATE assets SET owner = (SELECT name FROM people WHERE name = trim(assets.owner))
    WHERE trim(owner) <> '';
UPDATE risks SET owner = (SELECT name FROM people WHERE name = trim(risks.owner))
    WHERE trim(owner) <> '';
UPDATE risks SET plan_approved_by =
    (SELECT name FROM people WHERE name = trim(risks.plan_approved_by))
    WHERE trim(plan_approved_by) <> '';
UPDATE acceptances SET accepted_by =
    (SELECT name FROM people WHERE name = trim(acceptances.accepted_by))
    WHERE trim(accepted_by) <> '';
UPDATE actions SET owner = (SELECT name FROM people WHERE name = trim(actions.owner))
    WHERE trim(owner) <> '';
UPDATE soa_entries SET owner = (SELECT name FROM people WHERE name = trim(soa_entries.owner))
    WHERE trim(owner) <> '';
UPDATE clauses SET doc_owner = (SELECT name FROM people WHERE name = trim(clauses.doc_owner))
    WHERE trim(doc_owner) <> '';
UPDATE soa_versions SET approver =
    (SELECT name FROM people WHERE name = trim(soa_versions.approver))
    WHERE trim(approver) <> '';
UPDATE open_questions SET assignee =
    (SELECT name FROM people WHERE name = trim(open_questions.assignee))
    WHERE trim(assignee) <> '';
UPDATE open_questions SET answered_by =
    (SELECT name FROM people WHERE name = trim(open_questions.answered_by))
    WHERE trim(answered_by) <> '';

INSERT INTO person_roles (person, role, from_date)
SELECT p.id, r.id, min(a.accepted_on)
FROM acceptances a
JOIN people p ON p.name = a.accepted_by
JOIN roles r ON r.authority = a.authority
GROUP BY p.id, r.id;

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    version TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    owner TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    approved_by TEXT NOT NULL DEFAULT '',
    approved_on TEXT,
    classification TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    review_months INTEGER,
    reviewed_on TEXT
) STRICT;

CREATE TABLE document_versions (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    on_date TEXT NOT NULL,
    change_note TEXT NOT NULL DEFAULT '',
    approver TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX document_versions_document ON document_versions(document);

CREATE TABLE document_clauses (
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    clause TEXT NOT NULL REFERENCES clauses(number) ON DELETE CASCADE,
    PRIMARY KEY (document, clause)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_clauses_clause ON document_clauses(clause);

CREATE TABLE document_controls (
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    control TEXT NOT NULL REFERENCES controls(key) ON DELETE CASCADE,
    PRIMARY KEY (document, control)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_controls_control ON document_controls(control);

CREATE TABLE action_documents (
    action INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (action, document)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_documents_document ON action_documents(document);

INSERT INTO documents (number, title, kind, owner, status, issued_on)
SELECT row_number() OVER (ORDER BY min(position)), trim(doc_reference),
       CASE WHEN min(number) = '5.2' THEN 'policy' ELSE 'record' END,
       max(doc_owner), 'unknown', max(doc_date)
FROM clauses WHERE trim(doc_reference) <> '' GROUP BY trim(doc_reference) COLLATE NOCASE;

INSERT INTO document_clauses (document, clause)
SELECT d.id, c.number FROM clauses c JOIN documents d ON d.title = trim(c.doc_reference)
    COLLATE NOCASE;

UPDATE clauses SET doc_reference = '', doc_owner = '', doc_date = NULL;
"#;

/// Audits with their scope, team and graded findings (9.2); nonconformities with their corrective
/// actions and effectiveness review (10.2).
const V8: &str = r#"
CREATE TABLE audits (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    planned_on TEXT,
    held_on TEXT,
    criteria TEXT NOT NULL DEFAULT '',
    lead_auditor TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    reported_on TEXT,
    summary TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE audit_team (
    audit INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (audit, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_scope (
    audit INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('clause', 'control')),
    position INTEGER NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (audit, kind, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_findings (
    id INTEGER PRIMARY KEY,
    audit INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    grade TEXT NOT NULL,
    requirement TEXT NOT NULL DEFAULT '',
    statement TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    concerns TEXT NOT NULL DEFAULT '',
    UNIQUE (audit, number)
) STRICT;

CREATE TABLE nonconformities (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    source TEXT NOT NULL,
    finding INTEGER REFERENCES audit_findings(id),
    grade TEXT NOT NULL,
    raised_on TEXT NOT NULL,
    description TEXT NOT NULL,
    correction TEXT NOT NULL DEFAULT '',
    root_cause TEXT NOT NULL DEFAULT '',
    similar_cases TEXT NOT NULL DEFAULT '',
    reviewed_on TEXT,
    reviewed_by TEXT NOT NULL DEFAULT '',
    effective INTEGER,
    review_note TEXT NOT NULL DEFAULT '',
    closed_on TEXT
) STRICT;
CREATE INDEX nonconformities_finding ON nonconformities(finding);

CREATE TABLE corrective_actions (
    nonconformity INTEGER NOT NULL REFERENCES nonconformities(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    status TEXT NOT NULL,
    PRIMARY KEY (nonconformity, position)
) STRICT, WITHOUT ROWID;
"#;

/// Information security objectives with their measure, target and plan (6.2); their measurements
/// (9.1).
const V9: &str = r#"
CREATE TABLE objectives (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    statement TEXT NOT NULL,
    serves TEXT NOT NULL DEFAULT '',
    measure TEXT NOT NULL DEFAULT '',
    builtin TEXT,
    target REAL,
    unit TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    set_on TEXT NOT NULL,
    due_on TEXT,
    every_months INTEGER NOT NULL,
    plan TEXT NOT NULL DEFAULT '',
    resources TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT '',
    evaluation TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL
) STRICT;

CREATE TABLE measurements (
    id INTEGER PRIMARY KEY,
    objective INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (objective, on_date)
) STRICT;
"#;

/// Management reviews (`MR-001`): participants, a note per input a) to g), the decisions, and
/// the inputs frozen as JSON when the review is held; the review actions (`MR-001/2`).
const V10: &str = r#"
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    planned_on TEXT,
    held_on TEXT,
    status TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '[]',
    improvements TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL DEFAULT '',
    resources TEXT NOT NULL DEFAULT '',
    inputs TEXT
) STRICT;

CREATE TABLE review_participants (
    review INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (review, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE review_actions (
    id INTEGER PRIMARY KEY,
    review INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    description TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (review, number)
) STRICT;
"#;

/// Baselines (the ISMS frozen in words when a yearly cycle is closed, never changed after) and
/// what the open cycle still has to re-assess: each risk and each primary asset's needs, until
/// they are saved again or confirmed unchanged.
const V11: &str = r#"
CREATE TABLE baselines (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    closed_on TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    risks_marked INTEGER NOT NULL DEFAULT 0,
    needs_marked INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE reassessments (
    kind TEXT NOT NULL CHECK (kind IN ('risk', 'needs')),
    item INTEGER NOT NULL,
    baseline INTEGER NOT NULL REFERENCES baselines(id),
    PRIMARY KEY (kind, item)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER baselines_never_change BEFORE UPDATE ON baselines
BEGIN
    SELECT RAISE(ABORT, 'a baseline never changes');
END;
"#;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
        M::up(V7),
        M::up(V8),
        M::up(V9),
        M::up(V10),
        M::up(V11),
    ])
}

/// The schema version this build writes.
pub const LATEST_VERSION: i32 = 11;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_match_the_latest_version() {
        migrations().validate().unwrap();
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let v: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION);
    }
}
