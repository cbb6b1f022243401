//! A whole workspace from the `isms-workspace` JSON that `isms export workspace` writes (the
//! format is documented with [`WorkspaceFile`]), into a new workspace file.
//!
//! Every register goes through the same Writer API the app uses, in number order, so that the
//! numbers the store assigns match the exported ones; where the export had gaps the exported
//! number is given back. Row ids differ and are mapped. The change log is copied, every entry
//! with its author and time, the row ids in its snapshots mapped like the records' (the id of an
//! item deleted before the export is negated, so that it can name no item of the new file); it
//! takes the place of the entries the import wrote. A document without a change log (an older export) leaves those, so that the new
//! file's log records the import itself. Workshops keep their numbers and stamps; their questions
//! keep who noted them, when, when and how they were answered, whom they are given to, and the
//! workshop they were noted in; each entry of the log keeps the workshop it was made in.

use std::collections::HashMap;
use std::path::Path;

use super::ImportError;
use crate::Clock;
use crate::domain::asset::{Asset, Dependency};
use crate::domain::audit::{Audit, AuditFinding};
use crate::domain::baseline::{ReassessKind, Reassessment};
use crate::domain::clause::ClauseItem;
use crate::domain::control::{Control, Theme, key_order};
use crate::domain::document::{DocKind, DocStatus, Document, DocumentVersion};
use crate::domain::imported_history::{deleted_id, relinked};
use crate::domain::nonconformity::Nonconformity;
use crate::domain::objective::Measurement;
use crate::domain::person::{CompetenceRecord, Person, Role, RoleHeld};
use crate::domain::protection::ProtectionNeed;
use crate::domain::question::OpenQuestion;
use crate::domain::reference::RefKind;
use crate::domain::review::ReviewAction;
use crate::domain::risk::{Acceptance, Risk};
use crate::domain::scope::{ContextIssue, ScopeItem};
use crate::domain::soa::SoaEntry;
use crate::domain::treatment::Action;
use crate::domain::workshop::Workshop;
use crate::report::export::workspace::{FORMAT, VERSION};
use crate::store::{Change, Existing, Store, StoreError, TargetError, Writer};

pub use crate::report::export::workspace::WorkspaceFile;

/// Reads `json_path` and writes it into a new workspace file at `target`, which must not exist.
/// The workspace is built beside `target` and put there only once it is whole: on any failure
/// (or a kill) there is no file at `target`, and nothing else is touched. Returns the new
/// workspace opened read-only.
pub fn import_workspace(json_path: &Path, target: &Path) -> Result<Store, ImportError> {
    import_workspace_with(json_path, target, Existing::Refuse, Clock::System)
}

/// [`import_workspace`], replacing an existing file at `target` when `existing` says so.
pub fn import_workspace_with(
    json_path: &Path,
    target: &Path,
    existing: Existing,
    clock: Clock,
) -> Result<Store, ImportError> {
    let shown = json_path.display();
    super::bounds::check_regular(json_path)?;
    let text = std::fs::read_to_string(json_path)
        .map_err(|e| ImportError::Read(format!("{shown}: {e}")))?;
    let file: WorkspaceFile = serde_json::from_str(&text)
        .map_err(|e| ImportError::Read(format!("{shown}: not an {FORMAT} document: {e}")))?;
    if file.format != FORMAT {
        return Err(ImportError::Read(format!(
            "{shown}: format '{}' is not {FORMAT}",
            file.format
        )));
    }
    if file.version != VERSION {
        return Err(ImportError::Read(format!(
            "{shown}: {FORMAT} version {} is not known to this build (it reads version {VERSION})",
            file.version
        )));
    }
    // `isms import workspace` takes --force, which `isms new` does not: say so.
    let forceable = |e| match e {
        StoreError::AlreadyExists(path) => StoreError::Target(TargetError::Exists(path)),
        e => e,
    };
    let mut draft = Store::draft_with_clock(target, &file.organisation, None, existing, clock)
        .map_err(forceable)?;
    let mut at = String::from("settings");
    match draft.store().edit(|w| write_all(w, &file, &mut at)) {
        Ok(()) => Ok(draft.finish(true).map_err(forceable)?),
        Err(e) => Err(ImportError::Read(format!(
            "{shown}: {at}: {e}; no workspace was written"
        ))),
    }
}

/// Items of a numbered register in number order.
fn by_number<T: Clone>(items: &[T], number: impl Fn(&T) -> u32) -> Vec<T> {
    let mut sorted = items.to_vec();
    sorted.sort_by_key(|i| number(i));
    sorted
}

/// Exported row ids to the new file's row ids.
struct Ids(HashMap<i64, i64>);

impl Ids {
    fn get(&self, what: &str, id: i64) -> Result<i64, StoreError> {
        self.0
            .get(&id)
            .copied()
            .ok_or_else(|| StoreError::Missing(format!("{what} #{id} of the export")))
    }

    fn all(&self, what: &str, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
        ids.iter().map(|&id| self.get(what, id)).collect()
    }
}

/// The register of documented information with its versions and links, then the documents an
/// older file names in free text on its clauses: one document per name (letter case aside),
/// status unknown, linked to those clauses, as the schema's migration makes them.
fn write_documents(
    w: &mut Writer<'_>,
    f: &WorkspaceFile,
    at: &mut String,
    actions: &Ids,
    key: &dyn Fn(&str) -> String,
) -> Result<(), StoreError> {
    let mut documents = Ids(HashMap::new());
    let mut named: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
    for doc in by_number(&f.documents, |d| d.number) {
        *at = RefKind::Document.format(doc.number);
        let stored = w.insert_document(Document {
            id: 0,
            controls: doc.controls.iter().map(|c| key(c)).collect(),
            actions: Vec::new(),
            ..doc.clone()
        })?;
        w.import_number(RefKind::Document, stored.id, doc.number)?;
        documents.0.insert(doc.id, stored.id);
        for &action in &doc.actions {
            named
                .entry(actions.get("action", action)?)
                .or_default()
                .push(stored.id);
        }
    }
    for (action, linked) in named {
        w.set_action_documents(action, &linked)?;
    }
    for version in &f.document_versions {
        *at = format!(
            "version {} of document #{}",
            version.version, version.document
        );
        w.import_document_version(DocumentVersion {
            id: 0,
            document: documents.get("document", version.document)?,
            ..version.clone()
        })?;
    }
    // Older files: the free-text document of each clause.
    let mut by_name: Vec<(String, Vec<&ClauseItem>)> = Vec::new();
    for clause in f
        .clauses
        .iter()
        .filter(|c| !c.doc_reference.trim().is_empty())
    {
        let name = clause.doc_reference.trim();
        match by_name
            .iter_mut()
            .find(|(n, _)| n.to_lowercase() == name.to_lowercase())
        {
            Some((_, clauses)) => clauses.push(clause),
            None => by_name.push((name.to_string(), vec![clause])),
        }
    }
    for (name, clauses) in by_name {
        *at = format!("clause {} document", clauses[0].number);
        let kind = if clauses.iter().any(|c| c.number == "5.2") {
            DocKind::Policy
        } else {
            DocKind::Record
        };
        w.insert_document(Document {
            owner: clauses
                .iter()
                .map(|c| c.doc_owner.trim())
                .find(|o| !o.is_empty())
                .unwrap_or_default()
                .to_string(),
            status: DocStatus::Unknown,
            issued_on: clauses.iter().filter_map(|c| c.doc_date).max(),
            clauses: clauses.iter().map(|c| c.number.clone()).collect(),
            ..Document::new(&name, kind)
        })?;
    }
    Ok(())
}

fn write_all(w: &mut Writer<'_>, f: &WorkspaceFile, at: &mut String) -> Result<(), StoreError> {
    // Settings first: the scale and the methodology check every need and rating after them.
    w.set_objectives(&f.objectives)?;
    let scale = w.set_protection_scale(f.protection_scale.clone())?;
    let methodology = w.set_methodology(f.methodology.clone())?;
    w.set_scope_statements(f.scope_statements.clone())?;
    if !f.brand.is_empty() {
        w.set_brand(f.brand.clone())?;
    }
    // People before every register that names them, so that each name is theirs.
    let people = write_people(w, f, at)?;

    let mut scope = Ids(HashMap::new());
    for item in by_number(&f.scope_items, |s| s.number) {
        *at = RefKind::ScopeItem.format(item.number);
        let stored = w.insert_scope_item(ScopeItem {
            id: 0,
            ..item.clone()
        })?;
        w.import_number(RefKind::ScopeItem, stored.id, item.number)?;
        scope.0.insert(item.id, stored.id);
    }
    for issue in by_number(&f.context_issues, |c| c.number) {
        *at = RefKind::ContextIssue.format(issue.number);
        let stored = w.insert_context_issue(ContextIssue {
            id: 0,
            ..issue.clone()
        })?;
        w.import_number(RefKind::ContextIssue, stored.id, issue.number)?;
    }
    for party in by_number(&f.parties, |p| p.number) {
        *at = RefKind::Party.format(party.number);
        let number = party.number;
        let stored = w.insert_party(party)?;
        w.import_number(RefKind::Party, stored.id, number)?;
    }

    let mut assets = Ids(HashMap::new());
    for asset in by_number(&f.assets, |a| a.number) {
        *at = RefKind::Asset.format(asset.number);
        let scope_item = asset
            .scope_item
            .map(|id| scope.get("scope item", id))
            .transpose()?;
        let stored = w.insert_asset(Asset {
            id: 0,
            scope_item,
            ..asset.clone()
        })?;
        w.import_number(RefKind::Asset, stored.id, asset.number)?;
        assets.0.insert(asset.id, stored.id);
    }
    for need in &f.protection_needs {
        *at = format!("protection need of asset #{}", need.asset);
        let asset = assets.get("asset", need.asset)?;
        w.set_protection_need(
            ProtectionNeed {
                asset,
                ..need.clone()
            },
            &scale,
        )?;
    }
    for d in &f.dependencies {
        *at = format!("dependency of asset #{} on #{}", d.asset, d.depends_on);
        w.add_dependency(Dependency {
            asset: assets.get("asset", d.asset)?,
            depends_on: assets.get("asset", d.depends_on)?,
        })?;
    }

    let mut keys: HashMap<String, String> = HashMap::new();
    let mut custom: Vec<&Control> = f
        .controls
        .iter()
        .filter(|c| c.theme == Theme::Custom)
        .collect();
    custom.sort_by_key(|c| key_order(&c.key));
    for control in custom {
        *at = control.key.clone();
        let stored = w.insert_custom_control(control.clone())?;
        keys.insert(control.key.clone(), stored.key);
    }
    let key = |k: &str| keys.get(k).cloned().unwrap_or_else(|| k.to_string());

    let mut risks = Ids(HashMap::new());
    for risk in by_number(&f.risks, |r| r.number) {
        *at = RefKind::Risk.format(risk.number);
        let linked = assets.all("asset", &risk.assets)?;
        let stored = w.insert_risk(
            Risk {
                id: 0,
                assets: linked,
                ..risk.clone()
            },
            &methodology,
        )?;
        w.import_number(RefKind::Risk, stored.id, risk.number)?;
        risks.0.insert(risk.id, stored.id);
    }
    let mut actions = Ids(HashMap::new());
    for action in by_number(&f.actions, |a| a.number) {
        *at = RefKind::Action.format(action.number);
        let stored = w.insert_action(Action {
            id: 0,
            risks: risks.all("risk", &action.risks)?,
            controls: action.controls.iter().map(|c| key(c)).collect(),
            ..action.clone()
        })?;
        w.import_number(RefKind::Action, stored.id, action.number)?;
        actions.0.insert(action.id, stored.id);
    }
    for a in &f.acceptances {
        *at = format!("acceptance of risk #{}", a.risk);
        w.import_acceptance(Acceptance {
            id: 0,
            risk: risks.get("risk", a.risk)?,
            ..a.clone()
        })?;
    }
    for entry in &f.soa {
        *at = format!("SoA entry {}", entry.control);
        w.import_soa_entry(SoaEntry {
            control: key(&entry.control),
            covered_by: entry.covered_by.as_deref().map(key),
            ..entry.clone()
        })?;
    }
    for clause in &f.clauses {
        *at = format!("clause {}", clause.number);
        w.set_clause(clause.clone())?;
    }
    write_documents(w, f, at, &actions, &key)?;
    let mut versions = f.soa_versions.clone();
    versions.sort_by_key(|v| v.number);
    for version in versions {
        *at = version.label();
        w.import_soa_version(version)?;
    }
    let mut workshops = Ids(HashMap::new());
    for workshop in by_number(&f.workshops, |w| w.number) {
        *at = RefKind::Workshop.format(workshop.number);
        let old = workshop.id;
        let stored = w.import_workshop(Workshop { id: 0, ..workshop })?;
        workshops.0.insert(old, stored.id);
    }
    for question in by_number(&f.questions, |q| q.number) {
        *at = RefKind::Question.format(question.number);
        let asset = question
            .asset
            .map(|id| assets.get("asset", id))
            .transpose()?;
        let workshop = question
            .workshop
            .map(|id| workshops.get("workshop", id))
            .transpose()?;
        w.import_question(OpenQuestion {
            id: 0,
            asset,
            workshop,
            ..question
        })?;
    }
    write_audits(w, f, at, &key)?;
    write_objectives(w, f, at)?;
    write_reviews(w, f, at)?;
    write_baselines(w, f, at, &risks, &assets)?;
    if !f.change_log.is_empty() {
        *at = "change log".to_string();
        let new_id = |kind: RefKind, old: i64| {
            match kind {
                RefKind::Asset => &assets,
                RefKind::ScopeItem => &scope,
                RefKind::Risk => &risks,
                RefKind::Workshop => &workshops,
                RefKind::Person => &people,
                RefKind::Action => &actions,
                _ => return None,
            }
            .0
            .get(&old)
            .copied()
            .or(Some(deleted_id(old)))
        };
        let snapshot =
            |c: &Change, s: &Option<String>| s.as_deref().map(|s| relinked(&c.entity, s, new_id));
        let log: Vec<Change> = f
            .change_log
            .iter()
            .map(|c| Change {
                before: snapshot(c, &c.before),
                after: snapshot(c, &c.after),
                ..c.clone()
            })
            .collect();
        w.import_change_log(&log)?;
    }
    Ok(())
}

/// The audits with their numbers, their findings in their order, and the nonconformities with
/// their numbers and the findings they came from; a nonconformity is written as the file has
/// it, closed or not (the readiness check judges it).
fn write_audits(
    w: &mut Writer<'_>,
    f: &WorkspaceFile,
    at: &mut String,
    key: &dyn Fn(&str) -> String,
) -> Result<(), StoreError> {
    let mut audits = Ids(HashMap::new());
    for audit in by_number(&f.audits, |a| a.number) {
        *at = RefKind::Audit.format(audit.number);
        let stored = w.import_audit(Audit {
            controls: audit.controls.iter().map(|c| key(c)).collect(),
            ..audit.clone()
        })?;
        audits.0.insert(audit.id, stored.id);
    }
    let mut findings = Ids(HashMap::new());
    let mut ordered: Vec<&AuditFinding> = f.audit_findings.iter().collect();
    ordered.sort_by_key(|x| (x.audit, x.number));
    for finding in ordered {
        *at = format!("finding {} of audit #{}", finding.number, finding.audit);
        let stored = w.import_audit_finding(AuditFinding {
            id: 0,
            audit: audits.get("audit", finding.audit)?,
            ..finding.clone()
        })?;
        findings.0.insert(finding.id, stored.id);
    }
    for nc in by_number(&f.nonconformities, |n| n.number) {
        *at = RefKind::Nonconformity.format(nc.number);
        let finding = nc
            .finding
            .map(|id| findings.get("audit finding", id))
            .transpose()?;
        w.import_nonconformity(Nonconformity {
            finding,
            ..nc.clone()
        })?;
    }
    Ok(())
}

/// The information security objectives with their numbers, then their measurements.
fn write_objectives(
    w: &mut Writer<'_>,
    f: &WorkspaceFile,
    at: &mut String,
) -> Result<(), StoreError> {
    let mut objectives = Ids(HashMap::new());
    for o in by_number(&f.security_objectives, |o| o.number) {
        *at = RefKind::Objective.format(o.number);
        let stored = w.import_security_objective(o.clone())?;
        objectives.0.insert(o.id, stored.id);
    }
    for m in &f.measurements {
        *at = format!("measurement of objective #{} on {}", m.objective, m.on_date);
        w.save_measurement(Measurement {
            id: 0,
            objective: objectives.get("objective", m.objective)?,
            ..m.clone()
        })?;
    }
    Ok(())
}

/// The baselines as they were frozen, then the open cycle's marks on the risks and assets
/// written above.
fn write_baselines(
    w: &mut Writer<'_>,
    f: &WorkspaceFile,
    at: &mut String,
    risks: &Ids,
    assets: &Ids,
) -> Result<(), StoreError> {
    let mut baselines = Ids(HashMap::new());
    for b in &f.baselines {
        *at = format!("baseline {}", b.name);
        let stored = w.import_baseline(b.clone())?;
        baselines.0.insert(b.id, stored.id);
    }
    for mark in &f.reassessments {
        *at = "reassessments".to_string();
        let item = match mark.kind {
            ReassessKind::Risk => risks.get("risk", mark.item)?,
            ReassessKind::Needs => assets.get("asset", mark.item)?,
        };
        w.import_reassessment(Reassessment {
            item,
            baseline: baselines.get("baseline", mark.baseline)?,
            ..*mark
        })?;
    }
    Ok(())
}

/// The management reviews with their numbers (a held one with the inputs it froze), then
/// their actions with their numbers within their review.
fn write_reviews(w: &mut Writer<'_>, f: &WorkspaceFile, at: &mut String) -> Result<(), StoreError> {
    let mut reviews = Ids(HashMap::new());
    for r in by_number(&f.reviews, |r| r.number) {
        *at = RefKind::Review.format(r.number);
        let stored = w.import_review(r.clone())?;
        reviews.0.insert(r.id, stored.id);
    }
    let mut ordered: Vec<&ReviewAction> = f.review_actions.iter().collect();
    ordered.sort_by_key(|a| (a.review, a.number));
    for a in ordered {
        *at = format!("action {} of management review #{}", a.number, a.review);
        w.import_review_action(ReviewAction {
            id: 0,
            review: reviews.get("management review", a.review)?,
            ..a.clone()
        })?;
    }
    Ok(())
}

/// The people with their numbers, the roles (built-in ones updated in place, the workspace's
/// own added), who held which, and the competence records; returns the people's ids.
fn write_people(w: &mut Writer<'_>, f: &WorkspaceFile, at: &mut String) -> Result<Ids, StoreError> {
    let mut people = Ids(HashMap::new());
    for person in by_number(&f.people, |p| p.number) {
        *at = RefKind::Person.format(person.number);
        let stored = w.save_person(Person {
            id: 0,
            ..person.clone()
        })?;
        w.import_number(RefKind::Person, stored.id, person.number)?;
        people.0.insert(person.id, stored.id);
    }
    let mut roles = Ids(HashMap::new());
    let seeded = w.people()?;
    for role in &f.roles {
        *at = format!("role {}", role.name);
        let id = role
            .builtin
            .and_then(|b| seeded.builtin(b))
            .map_or(0, |r| r.id);
        let stored = w.save_role(Role { id, ..role.clone() })?;
        roles.0.insert(role.id, stored.id);
    }
    for held in &f.roles_held {
        *at = format!("role held by person #{}", held.person);
        w.hold_role(RoleHeld {
            person: people.get("person", held.person)?,
            role: roles.get("role", held.role)?,
            ..held.clone()
        })?;
    }
    // In the order they were recorded, so that they read back in the same order.
    let mut records: Vec<&CompetenceRecord> = f.competence_records.iter().collect();
    records.sort_by_key(|r| r.id);
    for record in records {
        *at = format!("competence record #{}", record.id);
        w.save_competence_record(CompetenceRecord {
            id: 0,
            person: people.get("person", record.person)?,
            role: record.role.map(|r| roles.get("role", r)).transpose()?,
            ..record.clone()
        })?;
    }
    Ok(people)
}
