//! The typed commands: every change a user can make to a workspace, each carried out in one
//! transaction by `Session::apply`. The store validates with the domain's rules and refuses
//! what they refuse, so a command never needs checking twice.

use chrono::NaiveDate;

use super::Error;
use super::read::Touches;
use crate::domain::ValidationError;
use crate::domain::asset::{Asset, Dependency};
use crate::domain::audit::{Audit, AuditFinding};
use crate::domain::baseline::{Baseline, ReassessKind};
use crate::domain::clause::ClauseItem;
use crate::domain::control::Control;
use crate::domain::document::{Document, DocumentVersion};
use crate::domain::methodology::Methodology;
use crate::domain::nonconformity::Nonconformity;
use crate::domain::objective::{Measurement, SecurityObjective};
use crate::domain::party::InterestedParty;
use crate::domain::person::{CompetenceRecord, Person, Role, RoleHeld};
use crate::domain::protection::{Objective, ProtectionNeed, ProtectionScale};
use crate::domain::question::{OpenQuestion, field as question_field};
use crate::domain::review::{Review, ReviewAction};
use crate::domain::risk::{Acceptance, Risk};
use crate::domain::scope::{ContextIssue, ScopeItem, ScopeStatements};
use crate::domain::soa::{SoaEntry, SoaVersion};
use crate::domain::treatment::Action;
use crate::domain::workshop::Workshop;
use crate::report::import::Rows;
use crate::store::{Closing, Store, StoreError, Writer};

/// A change of one asset's links: the assets linked when it was read, and those wanted now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkChange {
    pub was: Vec<i64>,
    pub now: Vec<i64>,
}

impl LinkChange {
    fn removed(&self) -> impl Iterator<Item = i64> + '_ {
        self.was.iter().copied().filter(|d| !self.now.contains(d))
    }

    fn added(&self) -> impl Iterator<Item = i64> + '_ {
        self.now.iter().copied().filter(|d| !self.was.contains(d))
    }
}

/// One change to the workspace. `Save*` inserts a record whose id is 0 and updates the rest.
#[derive(Debug, Clone)]
pub enum Command {
    SaveScopeItem(ScopeItem),
    DeleteScopeItem(i64),
    SaveParty(InterestedParty),
    DeleteParty(i64),
    SaveContextIssue(ContextIssue),
    DeleteContextIssue(i64),
    SetScopeStatements(ScopeStatements),
    /// An asset with what it depends on and what it serves.
    SaveAsset {
        asset: Asset,
        depends_on: LinkChange,
        serves: LinkChange,
    },
    DeleteAsset(i64),
    /// Needs rated on assets, each on the workspace's protection scale.
    RateNeeds(Vec<ProtectionNeed>),
    /// Removes the rated need of each asset for one objective (it inherits again).
    ClearNeeds {
        assets: Vec<i64>,
        objective: Objective,
    },
    /// A new protection scale and the objectives rated against it.
    ChangeProtectionMethod {
        scale: ProtectionScale,
        objectives: Vec<Objective>,
    },
    SaveRisk(Risk),
    DeleteRisk(i64),
    ChangeMethodology(Methodology),
    /// An action with the documents it names (row ids).
    SaveAction {
        action: Action,
        documents: Vec<i64>,
    },
    DeleteAction(i64),
    /// Records a risk acceptance; a recorded one is never changed, only deleted.
    RecordAcceptance(Acceptance),
    /// An acceptance deleted, with the reason the change log keeps.
    DeleteAcceptance {
        id: i64,
        reason: String,
    },
    /// A control's SoA decision, with the documents that evidence it (row ids).
    DecideControl {
        entry: SoaEntry,
        documents: Vec<i64>,
    },
    SaveCustomControl(Control),
    DeleteCustomControl(String),
    /// Issues the SoA as it stands as its next version, today; with gaps (undecided controls,
    /// unjustified exclusions) only when `gaps_accepted`.
    IssueSoa {
        approver: String,
        note: String,
        gaps_accepted: bool,
    },
    /// A clause's status, note and evidence, with the documents of the register that hold its
    /// documented information (row ids).
    SetClause {
        item: ClauseItem,
        documents: Vec<i64>,
    },
    SaveDocument(Document),
    DeleteDocument(i64),
    /// A new version of a document: it becomes current, and with an approver approves it.
    AddDocumentVersion(DocumentVersion),
    /// An audit added (id 0) or changed: its scope, criteria, auditors, status and report.
    SaveAudit(Audit),
    /// Deletes an audit with its findings (refused while a nonconformity came from one).
    DeleteAudit(i64),
    /// A finding recorded in its audit (id 0) or changed.
    SaveAuditFinding(AuditFinding),
    DeleteAuditFinding(i64),
    /// A nonconformity added (id 0) or changed; closing it needs an effective review.
    SaveNonconformity(Nonconformity),
    DeleteNonconformity(i64),
    /// The nonconformity a major or minor finding records, raised today.
    RaiseNonconformity(i64),
    /// An information security objective added (id 0) or changed.
    SaveObjective(SecurityObjective),
    /// Deletes an objective with its measurements.
    DeleteObjective(i64),
    /// A measurement added (id 0) or changed; one per objective and day.
    SaveMeasurement(Measurement),
    DeleteMeasurement(i64),
    /// Today's value of the objective's built-in measure, computed from the workspace as it
    /// stands and recorded as today's measurement (replacing one recorded earlier today).
    RecordBuiltinMeasure(i64),
    /// A management review prepared (id 0) or changed: participants, notes and decisions; a
    /// held one keeps the inputs it froze.
    SaveReview(Box<Review>),
    /// Holds the review today: the built-in measures of the objectives are recorded, then its
    /// inputs, as the registers stand, are frozen into it.
    HoldReview(i64),
    /// Deletes a review being prepared with its actions (a held one is kept).
    DeleteReview(i64),
    /// An action a review decided, added (id 0) or changed.
    SaveReviewAction(ReviewAction),
    DeleteReviewAction(i64),
    /// A question noted (id 0: about its asset, in the workshop that runs) or changed: whom it
    /// is given to and by when, and its answer once there is one.
    SaveQuestion(OpenQuestion),
    /// The answer to a question, and who gave it (empty: the user).
    AnswerQuestion {
        id: i64,
        answer: String,
        answered_by: String,
    },
    /// Starts a workshop record; the changes after it belong to it until it ends.
    StartWorkshop {
        title: String,
        attendees: Vec<String>,
    },
    /// Corrects a workshop's title and attendees.
    SaveWorkshop(Workshop),
    /// Ends the workshop, with the assets (row ids) the room walked.
    EndWorkshop {
        id: i64,
        walked: Vec<i64>,
    },
    /// A person added (id 0) or changed; a new name renames every reference to them.
    SavePerson(Person),
    /// Deletes a person no record names (one who is named leaves instead).
    DeletePerson(i64),
    /// A role of the workspace's own added (id 0), or a role's name and competence changed.
    SaveRole(Role),
    /// That a person holds a role from a day (the same role from the same day again sets its
    /// end).
    HoldRole(RoleHeld),
    /// Removes a role held entered by mistake.
    RemoveRoleHeld(RoleHeld),
    SaveCompetenceRecord(CompetenceRecord),
    DeleteCompetenceRecord(i64),
    /// New rows from a register file (`isms import`), checked by `report::import`.
    Import(Rows),
    /// Closes the yearly cycle as `name` today: the workspace frozen into a baseline that
    /// never changes, and every risk and rated primary asset marked to re-assess.
    CloseCycle {
        name: String,
    },
    /// Confirms a risk or an asset's protection needs unchanged for the open cycle: its mark
    /// comes off, and a risk's assessment is dated today as saving its form would date it.
    ConfirmReassessed {
        kind: ReassessKind,
        item: i64,
    },
}

/// What a command saved, as the store now holds it (with its number and id).
#[derive(Debug, Clone)]
pub enum Saved {
    Nothing,
    ScopeItem(ScopeItem),
    Party(InterestedParty),
    ContextIssue(ContextIssue),
    Statements(ScopeStatements),
    Asset(Asset),
    Risk(Risk),
    Action(Action),
    Acceptance(Acceptance),
    SoaEntry(SoaEntry),
    Control(Control),
    SoaVersion(SoaVersion),
    Clause(ClauseItem),
    Document(Document),
    Audit(Audit),
    AuditFinding(AuditFinding),
    Nonconformity(Nonconformity),
    Objective(SecurityObjective),
    Measurement(Measurement),
    Review(Box<Review>),
    ReviewAction(ReviewAction),
    Question(OpenQuestion),
    Workshop(Workshop),
    Person(Person),
    Role(Role),
    RoleHeld(RoleHeld),
    CompetenceRecord(CompetenceRecord),
    Baseline(Box<Baseline>),
    /// A change of method, said in a sentence: what it did to the ratings.
    Summary(String),
}

impl Command {
    /// Which read models a command can make stale.
    pub(super) fn touches(&self) -> Touches {
        match self {
            Self::RateNeeds(_) | Self::ClearNeeds { .. } => Touches::Needs,
            Self::SaveQuestion(_)
            | Self::AnswerQuestion { .. }
            | Self::StartWorkshop { .. }
            | Self::SaveWorkshop(_)
            | Self::EndWorkshop { .. }
            | Self::IssueSoa { .. } => Touches::Nothing,
            _ => Touches::Everything,
        }
    }

    /// What the command reads before its edit, as the writer reads rows and not the whole
    /// workspace: closing a cycle freezes the workspace as it stands.
    pub(super) fn read_before(&self, store: &Store, today: NaiveDate) -> Result<Before, Error> {
        Ok(match self {
            Self::CloseCycle { name } => Before(Some(Box::new(store.closing(name, today)?))),
            _ => Before(None),
        })
    }

    pub(super) fn run(
        self,
        w: &mut Writer<'_>,
        today: NaiveDate,
        before: Before,
    ) -> Result<Saved, Error> {
        Ok(match self {
            Self::SaveScopeItem(item) if item.id == 0 => {
                Saved::ScopeItem(w.insert_scope_item(item)?)
            }
            Self::SaveScopeItem(item) => Saved::ScopeItem(w.update_scope_item(item)?),
            Self::DeleteScopeItem(id) => nothing(w.delete_scope_item(id))?,
            Self::SaveParty(p) if p.id == 0 => Saved::Party(w.insert_party(p)?),
            Self::SaveParty(p) => Saved::Party(w.update_party(p)?),
            Self::DeleteParty(id) => nothing(w.delete_party(id))?,
            Self::SaveContextIssue(i) if i.id == 0 => {
                Saved::ContextIssue(w.insert_context_issue(i)?)
            }
            Self::SaveContextIssue(i) => Saved::ContextIssue(w.update_context_issue(i)?),
            Self::DeleteContextIssue(id) => nothing(w.delete_context_issue(id))?,
            Self::SetScopeStatements(s) => Saved::Statements(w.set_scope_statements(s)?),
            Self::SaveAsset {
                asset,
                depends_on,
                serves,
            } => save_asset(w, asset, &depends_on, &serves)?,
            Self::DeleteAsset(id) => nothing(w.delete_asset(id))?,
            Self::RateNeeds(needs) => {
                let scale = w.stored_scale()?;
                for need in needs {
                    w.set_protection_need(need, &scale)?;
                }
                Saved::Nothing
            }
            Self::ClearNeeds { assets, objective } => {
                for asset in assets {
                    w.clear_protection_need(asset, objective)?;
                }
                Saved::Nothing
            }
            Self::ChangeProtectionMethod { scale, objectives } => {
                let summary = w.change_protection_scale(scale)?;
                w.set_objectives(&objectives)?;
                Saved::Summary(summary)
            }
            Self::SaveRisk(risk) => {
                let m = w.stored_methodology()?;
                // Saving the risk form confirms its assessment as it stands.
                Saved::Risk(w.save_risk(risk, &m, today, true)?)
            }
            Self::DeleteRisk(id) => nothing(w.delete_risk(id))?,
            Self::ChangeMethodology(m) => Saved::Summary(w.change_methodology(m)?),
            Self::SaveAction { action, documents } => {
                let action = if action.id == 0 {
                    w.insert_action(action)?
                } else {
                    w.update_action(action)?
                };
                w.set_action_documents(action.id, &documents)?;
                Saved::Action(action)
            }
            Self::DeleteAction(id) => nothing(w.delete_action(id))?,
            Self::RecordAcceptance(a) => Saved::Acceptance(w.insert_acceptance(a)?),
            Self::DeleteAcceptance { id, reason } => nothing(w.delete_acceptance(id, &reason))?,
            Self::DecideControl { entry, documents } => {
                let entry = w.set_soa_entry(entry)?;
                w.set_control_documents(&entry.control, &documents)?;
                Saved::SoaEntry(entry)
            }
            Self::SaveCustomControl(c) if c.key.trim().is_empty() => {
                Saved::Control(w.insert_custom_control(c)?)
            }
            Self::SaveCustomControl(c) => Saved::Control(w.update_custom_control(c)?),
            Self::DeleteCustomControl(key) => nothing(w.delete_custom_control(&key))?,
            Self::IssueSoa {
                approver,
                note,
                gaps_accepted,
            } => Saved::SoaVersion(w.issue_soa_version(&approver, &note, today, gaps_accepted)?),
            Self::SetClause { item, documents } => {
                let item = w.set_clause(item)?;
                w.set_clause_documents(&item.number, &documents)?;
                Saved::Clause(item)
            }
            Self::SaveDocument(d) if d.id == 0 => Saved::Document(w.insert_document(d)?),
            Self::SaveDocument(d) => Saved::Document(w.update_document(d)?),
            Self::DeleteDocument(id) => nothing(w.delete_document(id))?,
            Self::AddDocumentVersion(v) => Saved::Document(w.add_document_version(v)?.0),
            Self::SaveAudit(a) => Saved::Audit(w.save_audit(a)?),
            Self::DeleteAudit(id) => nothing(w.delete_audit(id))?,
            Self::SaveAuditFinding(f) => Saved::AuditFinding(w.save_audit_finding(f)?),
            Self::DeleteAuditFinding(id) => nothing(w.delete_audit_finding(id))?,
            Self::SaveNonconformity(n) => Saved::Nonconformity(w.save_nonconformity(n)?),
            Self::DeleteNonconformity(id) => nothing(w.delete_nonconformity(id))?,
            Self::RaiseNonconformity(finding) => {
                Saved::Nonconformity(w.raise_nonconformity(finding, today)?)
            }
            Self::SaveObjective(o) => Saved::Objective(w.save_security_objective(o)?),
            Self::DeleteObjective(id) => nothing(w.delete_security_objective(id))?,
            Self::SaveMeasurement(m) => Saved::Measurement(w.save_measurement(m)?),
            Self::DeleteMeasurement(id) => nothing(w.delete_measurement(id))?,
            Self::RecordBuiltinMeasure(id) => {
                Saved::Measurement(w.record_builtin_measure(id, today)?)
            }
            Self::SaveReview(r) => Saved::Review(Box::new(w.save_review(*r)?)),
            Self::HoldReview(id) => Saved::Review(Box::new(w.hold_review_today(id, today)?)),
            Self::DeleteReview(id) => nothing(w.delete_review(id))?,
            Self::SaveReviewAction(a) => Saved::ReviewAction(w.save_review_action(a)?),
            Self::DeleteReviewAction(id) => nothing(w.delete_review_action(id))?,
            Self::SaveQuestion(q) => Saved::Question(save_question(w, q)?),
            Self::AnswerQuestion {
                id,
                answer,
                answered_by,
            } => Saved::Question(w.answer_question(id, &answer, &answered_by)?),
            Self::StartWorkshop { title, attendees } => {
                Saved::Workshop(w.start_workshop(&title, attendees)?)
            }
            Self::SaveWorkshop(workshop) => Saved::Workshop(w.update_workshop(workshop)?),
            Self::EndWorkshop { id, walked } => Saved::Workshop(w.end_workshop(id, &walked)?),
            Self::SavePerson(p) => Saved::Person(w.save_person(p)?),
            Self::DeletePerson(id) => nothing(w.delete_person(id))?,
            Self::SaveRole(r) => Saved::Role(w.save_role(r)?),
            Self::HoldRole(h) => Saved::RoleHeld(w.hold_role(h)?),
            Self::RemoveRoleHeld(h) => nothing(w.remove_role_held(&h))?,
            Self::SaveCompetenceRecord(r) => Saved::CompetenceRecord(w.save_competence_record(r)?),
            Self::DeleteCompetenceRecord(id) => nothing(w.delete_competence_record(id))?,
            Self::Import(rows) => nothing(rows.write(w))?,
            Self::CloseCycle { .. } => match before.0 {
                Some(closing) => Saved::Baseline(Box::new(w.close_cycle(*closing)?)),
                None => {
                    return Err(StoreError::Missing(
                        "the workspace frozen before closing the cycle".into(),
                    ));
                }
            },
            Self::ConfirmReassessed { kind, item } => match kind {
                ReassessKind::Risk => {
                    let m = w.stored_methodology()?;
                    Saved::Risk(w.confirm_risk(item, &m, today)?)
                }
                ReassessKind::Needs => nothing(w.reassessed(kind, item))?,
            },
        })
    }
}

/// What a command read before its edit ([`Command::read_before`]).
#[derive(Debug, Default)]
pub struct Before(Option<Box<Closing>>);

/// Notes a new question, then gives it to its assignee and records its answer, if the form
/// says so: one edit, so a refused answer leaves no question noted.
fn save_question(w: &mut Writer<'_>, q: OpenQuestion) -> Result<OpenQuestion, Error> {
    if q.answer.trim().is_empty() && !q.answered_by.trim().is_empty() {
        return Err(ValidationError::new(
            question_field::ANSWER,
            "is missing: give the answer, or leave who answered empty",
        )
        .into());
    }
    let id = if q.id == 0 {
        w.note_question(q.asset, &q.text)?.id
    } else {
        q.id
    };
    let mut saved = w.assign_question(id, &q.assignee, q.due)?;
    if saved.is_open() && !q.answer.trim().is_empty() {
        saved = w.answer_question(id, &q.answer, &q.answered_by)?;
    }
    Ok(saved)
}

fn nothing(done: Result<(), Error>) -> Result<Saved, Error> {
    done.map(|()| Saved::Nothing)
}

/// Saves the asset, then its links: removed ones first, so that a link turned around (A on B
/// becomes B on A) never looks like a cycle.
fn save_asset(
    w: &mut Writer<'_>,
    asset: Asset,
    depends_on: &LinkChange,
    serves: &LinkChange,
) -> Result<Saved, Error> {
    let asset = if asset.id == 0 {
        w.insert_asset(asset)?
    } else {
        w.update_asset(asset)?
    };
    let id = asset.id;
    let edge = |asset, depends_on| Dependency { asset, depends_on };
    let removed: Vec<Dependency> = depends_on
        .removed()
        .map(|d| edge(id, d))
        .chain(serves.removed().map(|s| edge(s, id)))
        .collect();
    for dependency in removed {
        w.remove_dependency(dependency)?;
    }
    for d in depends_on.added() {
        w.add_dependency(edge(id, d))?;
    }
    for s in serves.added() {
        // The store names the link from the other asset's side; the form calls it "serves".
        w.add_dependency(edge(s, id)).map_err(|e| match e {
            Error::Invalid(v) => Error::Invalid(ValidationError::new(
                crate::domain::asset::field::SERVES,
                v.message,
            )),
            other => other,
        })?;
    }
    Ok(Saved::Asset(asset))
}
