//! The workspace as one JSON document: everything in the file, documented and versioned, so
//! that an importer (or another tool) can rebuild the workspace exactly.
//!
//! Format `isms-workspace`, version 1. One object with these fields, in this order:
//!
//! | field | content |
//! | --- | --- |
//! | `format` | always `"isms-workspace"` |
//! | `version` | the version of this format, `1`; a reader refuses a version it does not know |
//! | `organisation` | the organisation's name |
//! | `exported_on` | the date of the export, `YYYY-MM-DD` |
//! | `schema_version` | the schema version of the workspace file it came from (informative) |
//! | `soa_version` | the SoA version it reflects, as text: `SoA v1 of 2026-02-10` (informative) |
//! | `objectives` | the protection objectives in use: `["confidentiality", ...]` |
//! | `protection_scale` | `{"levels": [{"name", "definition"}]}`, lowest first; a need's `level` is 1-based into it |
//! | `methodology` | `{"likelihood": [{"name", "definition"}], "impact": [...], "levels": [{"name", "colour", "acceptable", "authority", "review_months"}], "matrix": [[level index]]}`, `matrix[likelihood - 1][impact - 1]` |
//! | `scope_statements` | `{"isms_scope", "isms_scope_changed", "certificate_scope", "certificate_scope_changed", "climate_change"}`; `climate_change` is `{"relevant", "note"}` or null while undecided (4.1). Optional: a document without it has no decision |
//! | `scope_items` | `[{"id", "number", "kind", "name", "description", "in_isms", "in_certificate", "justification", "interfaces"}]` |
//! | `context_issues` | `[{"id", "number", "kind", "title", "note"}]` |
//! | `parties` | `[{"id", "number", "name", "kind", "requirements", "addressed"}]` |
//! | `assets` | `[{"id", "number", "name", "kind", "owner", "description", "location", "scope_item" (a scope item id or null), "classification"}]` |
//! | `dependencies` | `[{"asset", "depends_on"}]`: asset ids; the first depends on (is supported by) the second |
//! | `protection_needs` | `[{"asset", "objective", "level", "rationale"}]`: the needs rated or overridden on an asset (effective needs are derived, not stored) |
//! | `risks` | `[{"id", "number", "title", "description", "assets" (asset ids), "threat", "vulnerability", "objectives", "owner", "inherent", "residual" (`{"likelihood", "impact"}` or null), "treatment", "treatment_rationale", "status", "next_review", "assessed_on", "plan_approved_by", "plan_approved_on"}]` (the last three optional on import) |
//! | `acceptances` | `[{"id", "risk" (a risk id), "accepted_by", "authority", "accepted_on", "level", "until", "note"}]` |
//! | `actions` | the treatment plan: `[{"id", "number", "title", "description", "risks" (risk ids), "controls" (control keys), "owner", "due", "status"}]` |
//! | `controls` | every control, Annex A (`theme` other than `custom`; numbers and short titles) and custom (`C-001`): `[{"key", "theme", "title", "description", "source", "covers"}]` |
//! | `soa` | `[{"control" (a control key), "applicability", "reasons" (recorded only; `risk_treatment` is derived), "justification", "exclusion_justification", "status", "owner", "evidence", "covered_by", "target_date"}]`; `target_date` (a date or null) is optional |
//! | `soa_versions` | `[{"id", "number", "issued_on", "approver", "note", "rows": [{"control", "title", "applicability", "reasons" (as recorded, derived included), "justification", "exclusion_justification", "covered_by", "status", "owner"}]}]` |
//! | `clauses` | `[{"number", "title", "status", "note", "evidence"}]`; older documents may carry a free-text `doc_reference`, `doc_owner` and `doc_date`, which the import turns into documents of the register (status unknown) linked to the clause |
//! | `documents` | the register of documented information: `[{"id", "number", "title", "kind", "version", "issued_on", "owner", "status", "approved_by", "approved_on", "classification", "location", "review_months", "reviewed_on", "clauses" (clause numbers), "controls" (control keys), "actions" (action ids)}]`. Optional: a document without it has none |
//! | `document_versions` | `[{"id", "document" (a document id), "version", "on_date", "change_note", "approver"}]`, oldest first. Optional |
//! | `workshops` | `[{"id", "number", "title", "started_at", "ended_at" (null while it runs), "attendees" (names), "walked" (asset references)}]`; stamps are `YYYY-MM-DDTHH:MM:SS`. Optional: a document without it has none |
//! | `questions` | the questions of workshops, resolved ones included: `[{"id", "number", "asset" (an asset id or null), "text", "noted_by", "noted_at", "resolved_at" (null while open), "answer", "answered_by", "assignee", "due" (a date or null), "workshop" (a workshop id or null)}]`; stamps are `YYYY-MM-DDTHH:MM:SS`. Optional: a document without it has none, and a question without the later fields has no answer, nobody assigned and no workshop |
//! | `people` | `[{"id", "number", "name", "function", "unit", "email", "left_on" (a date or null)}]`; every owner, approver, acceptor, assignee and attendee name is one of theirs. Optional: a document without it makes a person of each name it gives |
//! | `roles` | `[{"id", "builtin" (the code of a built-in role, or null for the workspace's own), "name", "authority" (an acceptance authority or null), "competence"}]`. Optional: without it the built-in roles stand as a new workspace has them |
//! | `roles_held` | `[{"person" (a person id), "role" (a role id), "from", "until" (a date or null)}]`. Optional |
//! | `audits` | `[{"id", "number", "title", "kind", "planned_on", "held_on", "clauses", "controls" (control keys), "criteria", "lead_auditor", "team", "status", "reported_on", "summary"}]`. Optional |
//! | `audit_findings` | `[{"id", "audit" (an audit id), "number" (within the audit), "grade", "requirement", "statement", "evidence", "concerns"}]`. Optional |
//! | `security_objectives` | `[{"id", "number", "statement", "serves", "measure", "builtin" (a built-in measure or null), "target", "unit", "direction", "owner", "set_on", "due_on", "every_months", "plan", "resources", "responsible", "evaluation", "status"}]`: the information security objectives (6.2; `objectives` are the protection objectives). Optional |
//! | `measurements` | `[{"id", "objective" (an objective id), "on_date", "value", "note"}]`. Optional |
//! | `nonconformities` | `[{"id", "number", "source", "finding" (a finding id or null), "grade", "raised_on", "description", "correction", "root_cause", "similar_cases", "actions" ([{"description", "owner", "due_on", "status"}]), "review" ({"on_date", "by", "effective", "note"} or null), "closed_on"}]`. Optional |
//! | `reviews` | the management reviews: `[{"id", "number", "title", "planned_on", "held_on", "status", "participants" (names), "notes" (seven texts, inputs a to g), "improvements", "changes", "resources", "inputs" (what a held review froze, as `isms` assembled it; null while prepared)}]`. Optional |
//! | `review_actions` | `[{"id", "review" (a review id), "number" (within the review), "description", "owner", "due_on", "status", "note"}]`. Optional |
//! | `baselines` | the closed cycles' baselines: `[{"id", "name", "closed_on", "snapshot" ({"taken_on", "items": [{"part", "reference", "title", "fields" (name → value in words)}]}), "risks_marked", "needs_marked"}]`; a snapshot holds references and words, no row ids. Optional |
//! | `reassessments` | what the open cycle still re-assesses: `[{"kind" (`risk` or `needs`), "item" (a risk id or an asset id), "baseline" (a baseline id)}]`. Optional |
//! | `competence_records` | `[{"id", "person" (a person id), "role" (a role id or null), "kind", "topic", "on", "evidence", "valid_until" (a date or null)}]`. Optional |
//! | `change_log` | the change log, oldest first: `[{"at" (`YYYY-MM-DDTHH:MM:SS`), "who", "entity", "reference", "action", "before", "after", "workshop" (the number of the workshop the change was made in; left out when none)}]`; `before`/`after` are the item's snapshots as JSON texts (row ids as in this document) or null. `isms import workspace` keeps every entry with its author, time and workshop. Optional: a document without it imports with a log of the import itself |
//! | `brand` | the deliverables' brand (`isms brand`): `{"name", "logo"}`, `logo` being `{"png" (base64), "width", "height"}` or null. Optional: left out when none is set |
//!
//! `id`s are the file's row ids: they only tie records of this document together (a risk's
//! `assets`, a dependency, an acceptance's `risk`); `number`s give the human references
//! (`AS-007`). Codes (kinds, statuses, objectives...) are the stable snake_case codes of
//! `isms list --format json`; dates are ISO 8601.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::heading::soa_version;
use crate::domain::asset::{Asset, Dependency};
use crate::domain::audit::{Audit, AuditFinding};
use crate::domain::baseline::{Baseline, Reassessment};
use crate::domain::brand::Brand;
use crate::domain::clause::ClauseItem;
use crate::domain::control::Control;
use crate::domain::document::{Document, DocumentVersion};
use crate::domain::methodology::Methodology;
use crate::domain::nonconformity::Nonconformity;
use crate::domain::objective::{Measurement, SecurityObjective};
use crate::domain::party::InterestedParty;
use crate::domain::person::{CompetenceRecord, Person, Role, RoleHeld};
use crate::domain::protection::{Objective, ProtectionNeed, ProtectionScale};
use crate::domain::question::OpenQuestion;
use crate::domain::review::{Review, ReviewAction};
use crate::domain::risk::{Acceptance, Risk};
use crate::domain::scope::{ContextIssue, ScopeItem, ScopeStatements};
use crate::domain::soa::{SoaEntry, SoaVersion, snapshot};
use crate::domain::treatment::Action;
use crate::domain::workshop::Workshop;
use crate::store::{Change, Store, StoreError};

/// The value of `format`.
pub const FORMAT: &str = "isms-workspace";
/// The version of the format this build writes and reads.
pub const VERSION: u32 = 1;

/// The whole workspace as the `isms-workspace` JSON document (see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceFile {
    pub format: String,
    pub version: u32,
    pub organisation: String,
    pub exported_on: NaiveDate,
    #[serde(default)]
    pub schema_version: Option<i32>,
    #[serde(default)]
    pub soa_version: Option<String>,
    pub objectives: Vec<Objective>,
    pub protection_scale: ProtectionScale,
    pub methodology: Methodology,
    pub scope_statements: ScopeStatements,
    pub scope_items: Vec<ScopeItem>,
    pub context_issues: Vec<ContextIssue>,
    pub parties: Vec<InterestedParty>,
    pub assets: Vec<Asset>,
    pub dependencies: Vec<Dependency>,
    pub protection_needs: Vec<ProtectionNeed>,
    pub risks: Vec<Risk>,
    pub acceptances: Vec<Acceptance>,
    pub actions: Vec<Action>,
    pub controls: Vec<Control>,
    pub soa: Vec<SoaEntry>,
    pub soa_versions: Vec<SoaVersion>,
    pub clauses: Vec<ClauseItem>,
    /// Added after version 1 was first published, so optional on reading.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Added after version 1 was first published, so optional on reading.
    #[serde(default)]
    pub document_versions: Vec<DocumentVersion>,
    /// Added after version 1 was first published, so optional on reading.
    #[serde(default)]
    pub workshops: Vec<Workshop>,
    /// Added after version 1 was first published, so optional on reading.
    #[serde(default)]
    pub questions: Vec<OpenQuestion>,
    /// Added after version 1 was first published, so optional on reading.
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub roles_held: Vec<RoleHeld>,
    #[serde(default)]
    pub competence_records: Vec<CompetenceRecord>,
    /// Added after version 1 was first published, so optional on reading.
    #[serde(default)]
    pub audits: Vec<Audit>,
    #[serde(default)]
    pub audit_findings: Vec<AuditFinding>,
    #[serde(default)]
    pub nonconformities: Vec<Nonconformity>,
    /// Added after version 1 was first published, so optional on reading.
    #[serde(default)]
    pub security_objectives: Vec<SecurityObjective>,
    #[serde(default)]
    pub measurements: Vec<Measurement>,
    /// Added after version 1 was first published, so optional on reading.
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(default)]
    pub review_actions: Vec<ReviewAction>,
    /// Added after version 1 was first published, so optional on reading.
    #[serde(default)]
    pub baselines: Vec<Baseline>,
    #[serde(default)]
    pub reassessments: Vec<Reassessment>,
    /// Optional on reading too: without it the import's own entries make the log.
    #[serde(default)]
    pub change_log: Vec<Change>,
    /// Added after version 1 was first published: optional, and left out when none is set.
    #[serde(default, skip_serializing_if = "Brand::is_empty")]
    pub brand: Brand,
}

impl WorkspaceFile {
    /// Everything in the workspace, as of `today`.
    pub fn read(store: &Store, today: NaiveDate) -> Result<Self, StoreError> {
        let ws = store.workspace()?;
        let current = snapshot(&ws.controls, &ws.soa, &ws.actions);
        Ok(Self {
            format: FORMAT.to_string(),
            version: VERSION,
            organisation: store.organisation()?,
            exported_on: today,
            schema_version: Some(store.schema_version()?),
            soa_version: Some(soa_version(&ws.versions, &current)),
            objectives: ws.objectives,
            protection_scale: store.protection_scale()?,
            methodology: ws.methodology,
            scope_statements: ws.statements,
            scope_items: ws.scope_items,
            context_issues: store.context_issues()?,
            parties: ws.parties,
            assets: ws.assets,
            dependencies: ws.dependencies,
            protection_needs: ws.needs,
            risks: ws.risks,
            acceptances: ws.acceptances,
            actions: ws.actions,
            controls: ws.controls,
            soa: ws.soa,
            soa_versions: ws.versions,
            clauses: ws.clauses,
            documents: ws.documents,
            document_versions: store.document_versions()?,
            workshops: store.workshops()?,
            questions: store.questions()?,
            people: ws.people.people,
            roles: ws.people.roles,
            roles_held: ws.people.held,
            competence_records: ws.competence,
            audits: ws.audits,
            audit_findings: ws.audit_findings,
            nonconformities: ws.nonconformities,
            security_objectives: ws.security_objectives,
            measurements: ws.measurements,
            reviews: ws.reviews,
            review_actions: ws.review_actions,
            baselines: store.baselines()?,
            reassessments: store.reassessments()?,
            change_log: store.changes()?,
            brand: store.brand()?,
        })
    }
}

/// The workspace as pretty-printed JSON with a final newline.
pub fn to_json(store: &Store, today: NaiveDate) -> Result<Vec<u8>, super::ExportError> {
    let file = WorkspaceFile::read(store, today)?;
    let mut bytes = serde_json::to_vec_pretty(&file)?;
    bytes.push(b'\n');
    Ok(bytes)
}
