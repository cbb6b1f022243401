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

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
    ])
}

/// The schema version this build writes.
pub const LATEST_VERSION: i32 = 6;

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
