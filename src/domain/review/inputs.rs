//! The inputs of a management review, assembled for its period (the day after the previous
//! held review up to the day it is held, or today while it is prepared) from plain lists the
//! store gives: the change log for the issues and the parties, the review actions, the
//! nonconformities, the audits and their findings, the risks with the treatment plan. Every
//! figure asks the register's own rules (`evaluation`, `treatment`, `nonconformity`, `audit`);
//! this module only gathers. The result is serialisable: holding a review freezes it.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Review, ReviewAction, ReviewActionStatus, action_reference};
use crate::domain::audit::{Audit, AuditFinding, AuditKind, AuditStatus, FindingGrade};
use crate::domain::baseline::{self, Baseline, Part, Snapshot};
use crate::domain::evaluation::{
    current_level, is_above_criteria, latest_acceptance, plan_unapproved,
};
use crate::domain::history::{Links, field_changes};
use crate::domain::methodology::Methodology;
use crate::domain::nonconformity::{NcGrade, NcState, Nonconformity};
use crate::domain::objective::{
    Measurement, ObjectiveStatus, SecurityObjective, Trend, format_value, with_unit,
};
use crate::domain::party::InterestedParty;
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, Risk, RiskStatus};
use crate::domain::scope::ContextIssue;
use crate::domain::treatment::{Action, ActionStatus};
use crate::string_enum;

string_enum!(
    /// What happened to an issue or a party within the period.
    ChangeKind {
        Added => "added", "Added",
        Changed => "changed", "Changed",
        Removed => "removed", "Removed",
    }
);

/// One change-log entry, as the store read it, with the day it was made.
#[derive(Debug, Clone, Copy)]
pub struct Logged<'a> {
    pub on: NaiveDate,
    pub entity: &'a str,
    pub reference: &'a str,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// A referenced item with a line of text: `R-003 Ransomware on the file server`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub reference: String,
    pub text: String,
}

/// a) One action of an earlier review, as it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub reference: String,
    pub description: String,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub status: ReviewActionStatus,
    pub overdue: bool,
}

/// b), c) One issue or party added, changed or removed in the period; a changed one names the
/// fields that differ between the start and the end of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeItem {
    pub reference: String,
    pub title: String,
    pub change: ChangeKind,
    /// The day of its last change in the period.
    pub on: NaiveDate,
    #[serde(default)]
    pub fields: Vec<String>,
}

/// d) One nonconformity open in the period or closed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NcItem {
    pub reference: String,
    pub description: String,
    pub grade: NcGrade,
    pub raised_on: NaiveDate,
    pub state: NcState,
    pub overdue_actions: usize,
}

/// d) One audit with results in the period, with its findings counted by grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditItem {
    pub reference: String,
    pub title: String,
    pub kind: AuditKind,
    pub on: Option<NaiveDate>,
    pub status: AuditStatus,
    /// The number of findings of each grade it recorded, in the order of `FindingGrade::ALL`.
    pub findings: Vec<(FindingGrade, usize)>,
}

/// d) Feedback on the performance: nonconformities and corrective actions, audit results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Performance {
    pub nonconformities: Vec<NcItem>,
    /// Raised within the period.
    pub raised: usize,
    /// Closed within the period.
    pub closed: usize,
    /// Open at the end of the period.
    pub open: usize,
    pub audits: Vec<AuditItem>,
    /// The objectives pursued in the period, with their latest result by its end.
    #[serde(default)]
    pub objectives: Vec<ObjectiveItem>,
}

/// d) One objective: its target, its latest result by the end of the period, whether that
/// meets the target, and the trend from the result before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveItem {
    pub reference: String,
    pub statement: String,
    pub target: String,
    pub status: ObjectiveStatus,
    /// The latest value with its unit (`92.9 %`), and when it was measured.
    pub latest: Option<String>,
    pub measured_on: Option<NaiveDate>,
    pub meets: Option<bool>,
    pub trend: Option<Trend>,
}

/// f) The number of risks at one level of the methodology.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelCount {
    pub level: String,
    pub acceptable: bool,
    pub count: usize,
}

/// f) The results of the risk assessment and the status of the treatment plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskPicture {
    /// Risks not closed.
    pub risks: usize,
    pub not_assessed: usize,
    pub levels: Vec<LevelCount>,
    /// Risks above the acceptance criteria.
    pub above_criteria: Vec<Line>,
    /// Risks whose latest acceptance has not expired.
    pub accepted: usize,
    /// Risks identified within the period (new since the baseline, when compared with one).
    pub added: Vec<Line>,
    /// Risks changed since the baseline, with what moved (`level high → medium`).
    #[serde(default)]
    pub changed: Vec<Line>,
    /// Risks the baseline held that are gone.
    #[serde(default)]
    pub removed: Vec<Line>,
    /// Risks whose treatment plan waits for its owner's approval.
    pub plan_unapproved: usize,
    /// Treatment actions by status.
    pub actions_open: usize,
    pub actions_done: usize,
    pub overdue: Vec<Line>,
}

/// The baseline a review's changes are counted from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Since {
    pub name: String,
    pub closed_on: NaiveDate,
}

/// Everything a review puts on the table, a) to g) (e is typed only: the review's note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inputs {
    /// The day of the previous held review (excluded); `None`: since the workspace began.
    pub from: Option<NaiveDate>,
    /// The last day of the period (the day held, or the day it was assembled).
    pub to: NaiveDate,
    /// The baseline b), c) and f) are compared with: the one in force when the previous
    /// review was held; `None`: they follow the change log over the period.
    #[serde(default)]
    pub baseline: Option<Since>,
    pub actions: Vec<ActionItem>,
    pub issues: Vec<ChangeItem>,
    pub parties: Vec<ChangeItem>,
    pub performance: Performance,
    pub risks: RiskPicture,
    /// The opportunities for improvement the audits of the period recorded.
    pub improvements: Vec<Line>,
}

/// The lists the inputs are assembled from; each may hold more than the period.
pub struct Sources<'a> {
    /// The change log, oldest first.
    pub log: &'a [Logged<'a>],
    pub reviews: &'a [Review],
    pub review_actions: &'a [ReviewAction],
    pub nonconformities: &'a [Nonconformity],
    pub audits: &'a [Audit],
    pub findings: &'a [AuditFinding],
    pub methodology: &'a Methodology,
    pub issues: &'a [ContextIssue],
    pub parties: &'a [InterestedParty],
    pub baselines: &'a [Baseline],
    pub risks: &'a [Risk],
    pub actions: &'a [Action],
    pub acceptances: &'a [Acceptance],
    pub objectives: &'a [SecurityObjective],
    pub measurements: &'a [Measurement],
}

/// The period of `review`: after the latest other review held on or before its end, up to the
/// day it was held (today while it is prepared).
pub fn period(
    review: &Review,
    reviews: &[Review],
    today: NaiveDate,
) -> (Option<NaiveDate>, NaiveDate) {
    let to = review.held_on.filter(|_| review.is_held()).unwrap_or(today);
    let from = previous(review, reviews, to).and_then(|r| r.held_on);
    (from, to)
}

/// The latest review held before `review` (on or before `to`), other than itself.
fn previous<'r>(review: &Review, reviews: &'r [Review], to: NaiveDate) -> Option<&'r Review> {
    reviews
        .iter()
        .filter(|r| r.id != review.id && r.is_held())
        .filter(|r| r.held_on.is_some_and(|d| d <= to))
        .max_by_key(|r| (r.held_on, r.number))
}

/// The inputs of `review`: those it froze once held, else assembled as they stand `today`.
pub fn of(review: &Review, s: &Sources<'_>, today: NaiveDate) -> Inputs {
    match (&review.inputs, review.is_held()) {
        (Some(frozen), true) => frozen.clone(),
        _ => assemble(review, s, today),
    }
}

/// The inputs of `review` assembled from `s` for its period, as the registers stand.
pub fn assemble(review: &Review, s: &Sources<'_>, today: NaiveDate) -> Inputs {
    let (from, to) = period(review, s.reviews, today);
    let within = |day: NaiveDate| from.is_none_or(|f| day > f) && day <= to;
    let log: Vec<&Logged<'_>> = s.log.iter().filter(|e| within(e.on)).collect();
    let performance = performance(s, to, &within);
    let improvements = improvements(s, &performance);
    let mut inputs = Inputs {
        from,
        to,
        baseline: None,
        actions: earlier_actions(review, s, to),
        issues: changes(&log, "context_issue", "title"),
        parties: changes(&log, "party", "name"),
        performance,
        risks: risk_picture(s, &log, to),
        improvements,
    };
    if let Some(baseline) = previous(review, s.reviews, to)
        .and_then(|prev| prev.held_on)
        .and_then(|held| in_force(s.baselines, held))
    {
        since_baseline(&mut inputs, baseline, s);
    }
    inputs
}

/// The baseline in force on `day`: the latest closed on or before it.
fn in_force(baselines: &[Baseline], day: NaiveDate) -> Option<&Baseline> {
    baselines
        .iter()
        .filter(|b| b.closed_on <= day)
        .max_by_key(|b| (b.closed_on, b.id))
}

/// b), c) and f) as the diff from `baseline` to the registers as they stand: the issues and
/// parties new, changed (the fields that moved) or removed, and the risks new, changed (with
/// the level's move) or removed. The log still dates each change when it holds one.
fn since_baseline(inputs: &mut Inputs, baseline: &Baseline, s: &Sources<'_>) {
    let to = inputs.to;
    let mut items = baseline::context(s.issues, s.parties);
    items.extend(baseline::risks(s.methodology, s.risks));
    let now = Snapshot {
        taken_on: to,
        parts: vec![Part::Issues, Part::Parties, Part::Risks],
        items,
    };
    let changes = baseline::diff(&baseline.snapshot, &now);
    let last_logged = |entity: &str, reference: &str| {
        s.log
            .iter()
            .filter(|e| e.entity == entity && e.reference == reference)
            .filter(|e| e.on > baseline.closed_on && e.on <= to)
            .map(|e| e.on)
            .max()
            .unwrap_or(to)
    };
    let items_of = |part: Part, entity: &str| -> Vec<ChangeItem> {
        changes
            .iter()
            .filter(|c| c.part == part)
            .map(|c| ChangeItem {
                reference: c.reference.clone(),
                title: c.title.clone(),
                change: match c.kind {
                    baseline::ChangeKind::New => ChangeKind::Added,
                    baseline::ChangeKind::Changed => ChangeKind::Changed,
                    baseline::ChangeKind::Removed => ChangeKind::Removed,
                },
                on: last_logged(entity, &c.reference),
                fields: c.fields.iter().map(|f| f.field.clone()).collect(),
            })
            .collect()
    };
    inputs.issues = items_of(Part::Issues, "context_issue");
    inputs.parties = items_of(Part::Parties, "party");
    let risks = changes.iter().filter(|c| c.part == Part::Risks);
    let line = |c: &baseline::Change| Line {
        reference: c.reference.clone(),
        text: c.title.clone(),
    };
    let r = &mut inputs.risks;
    r.added = risks
        .clone()
        .filter(|c| c.kind == baseline::ChangeKind::New)
        .map(line)
        .collect();
    r.removed = risks
        .clone()
        .filter(|c| c.kind == baseline::ChangeKind::Removed)
        .map(line)
        .collect();
    r.changed = risks
        .filter(|c| c.kind == baseline::ChangeKind::Changed)
        .map(|c| Line {
            reference: c.reference.clone(),
            text: format!("{}: {}", c.title, moved(&c.fields)),
        })
        .collect();
    inputs.baseline = Some(Since {
        name: baseline.name.clone(),
        closed_on: baseline.closed_on,
    });
}

/// What moved: the level before → after, then the other fields by name.
fn moved(fields: &[baseline::FieldChange]) -> String {
    let mut out: Vec<String> = fields
        .iter()
        .filter(|f| f.field == "level")
        .map(|f| {
            let word = |v: &str| {
                if v.is_empty() {
                    "none".to_string()
                } else {
                    v.to_string()
                }
            };
            format!("level {} → {}", word(&f.before), word(&f.after))
        })
        .collect();
    let others: Vec<&str> = fields
        .iter()
        .filter(|f| f.field != "level")
        .map(|f| f.field.as_str())
        .collect();
    if !others.is_empty() {
        out.push(format!("{} changed", others.join(", ")));
    }
    out.join("; ")
}

impl Inputs {
    /// The period in words, naming the baseline b), c) and f) are compared with.
    pub fn period(&self) -> String {
        let period = match self.from {
            Some(from) => format!("after {from} up to {}", self.to),
            None => format!("up to {} (the first review)", self.to),
        };
        match &self.baseline {
            Some(b) => format!(
                "{period}; issues, parties and risks compared with baseline {} (closed {})",
                b.name, b.closed_on
            ),
            None => period,
        }
    }
}

/// a) The actions of the previous review, and those of older reviews still not done.
fn earlier_actions(review: &Review, s: &Sources<'_>, to: NaiveDate) -> Vec<ActionItem> {
    let Some(prev) = previous(review, s.reviews, to) else {
        return Vec::new();
    };
    let earlier: HashMap<i64, &Review> = s
        .reviews
        .iter()
        .filter(|r| r.id != review.id && r.is_held())
        .filter(|r| r.held_on.is_some_and(|d| d <= to))
        .map(|r| (r.id, r))
        .collect();
    let mut items: Vec<(u32, u32, ActionItem)> = s
        .review_actions
        .iter()
        .filter_map(|a| Some((a, *earlier.get(&a.review)?)))
        .filter(|(a, r)| r.id == prev.id || !a.is_done())
        .map(|(a, r)| {
            let item = ActionItem {
                reference: action_reference(r.number, a.number),
                description: a.description.clone(),
                owner: a.owner.clone(),
                due_on: a.due_on,
                status: a.status,
                overdue: a.is_overdue(to),
            };
            (r.number, a.number, item)
        })
        .collect();
    items.sort_by_key(|(r, a, _)| (*r, *a));
    items.into_iter().map(|(_, _, i)| i).collect()
}

/// b), c) The items of `entity` added, changed or removed in the period (one entry each, by
/// reference), titled by their `title_key` field as they ended (or as they were, removed).
fn changes(log: &[&Logged<'_>], entity: &str, title_key: &str) -> Vec<ChangeItem> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_ref: HashMap<&str, Vec<&Logged<'_>>> = HashMap::new();
    for e in log.iter().filter(|e| e.entity == entity) {
        if !by_ref.contains_key(e.reference) {
            order.push(e.reference);
        }
        by_ref.entry(e.reference).or_default().push(e);
    }
    let title = |json: Option<&str>| {
        json.and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok())
            .and_then(|v| v.get(title_key)?.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for reference in order {
        let entries = &by_ref[reference];
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            continue;
        };
        let created = first.action == "create";
        let deleted = last.action == "delete";
        let (change, fields) = match (created, deleted) {
            (true, true) => continue,
            (true, false) => (ChangeKind::Added, Vec::new()),
            (false, true) => (ChangeKind::Removed, Vec::new()),
            (false, false) => {
                let fields: Vec<String> =
                    field_changes(entity, first.before, last.after, &Links::default())
                        .into_iter()
                        .map(|c| c.field)
                        .collect();
                if fields.is_empty() {
                    continue;
                }
                (ChangeKind::Changed, fields)
            }
        };
        out.push(ChangeItem {
            reference: reference.to_string(),
            title: title(if deleted { last.before } else { last.after }),
            change,
            on: last.on,
            fields,
        });
    }
    out.sort_by(|a, b| crate::domain::order::natural_cmp(&a.reference, &b.reference));
    out
}

/// d) Nonconformities raised by the end of the period and open then or closed within it; the
/// audits with results dated in the period.
fn performance(s: &Sources<'_>, to: NaiveDate, within: &dyn Fn(NaiveDate) -> bool) -> Performance {
    let mut out = Performance::default();
    for nc in s.nonconformities.iter().filter(|n| n.raised_on <= to) {
        let closed_in = nc.closed_on.is_some_and(within);
        let open_then = nc.closed_on.is_none_or(|c| c > to);
        out.raised += usize::from(within(nc.raised_on));
        out.closed += usize::from(closed_in);
        out.open += usize::from(open_then);
        if closed_in || open_then {
            // As it stood at the end of the period: a later review or closing not yet made.
            let then = Nonconformity {
                closed_on: nc.closed_on.filter(|c| *c <= to),
                review: nc.review.clone().filter(|r| r.on_date <= to),
                ..nc.clone()
            };
            out.nonconformities.push(NcItem {
                reference: nc.reference(),
                description: nc.description.clone(),
                grade: nc.grade,
                raised_on: nc.raised_on,
                state: then.state(),
                overdue_actions: nc.overdue_actions(to).len(),
            });
        }
    }
    out.objectives = objectives(s, to);
    out.nonconformities
        .sort_by(|a, b| crate::domain::order::natural_cmp(&a.reference, &b.reference));
    for audit in s.audits.iter().filter(|a| a.is_reported()) {
        let Some(on) = audit.reported_on.or(audit.date()) else {
            continue;
        };
        if !within(on) {
            continue;
        }
        let findings = FindingGrade::ALL
            .iter()
            .map(|g| {
                let n = s
                    .findings
                    .iter()
                    .filter(|f| f.audit == audit.id && f.grade == *g)
                    .count();
                (*g, n)
            })
            .collect();
        out.audits.push(AuditItem {
            reference: audit.reference(),
            title: audit.title.clone(),
            kind: audit.kind,
            on: audit.date(),
            status: audit.status,
            findings,
        });
    }
    out
}

/// d) The objectives set by the end of the period and not withdrawn, each with its results up
/// to then (the objective's own rules judge them).
fn objectives(s: &Sources<'_>, to: NaiveDate) -> Vec<ObjectiveItem> {
    s.objectives
        .iter()
        .filter(|o| o.set_on <= to && o.status != ObjectiveStatus::Withdrawn)
        .map(|o| {
            let upto: Vec<Measurement> = o
                .series(s.measurements)
                .into_iter()
                .filter(|m| m.on_date <= to)
                .cloned()
                .collect();
            let latest = o.latest(&upto);
            ObjectiveItem {
                reference: o.reference(),
                statement: o.statement.clone(),
                target: o.target_text(),
                status: o.status,
                latest: latest.map(|m| with_unit(&format_value(m.value), &o.unit)),
                measured_on: latest.map(|m| m.on_date),
                meets: latest.and_then(|m| o.meets(m.value)),
                trend: o.trend(&upto),
            }
        })
        .collect()
}

/// g) The opportunities for improvement recorded by the audits of d).
fn improvements(s: &Sources<'_>, performance: &Performance) -> Vec<Line> {
    let mut out = Vec::new();
    for audit in s.audits {
        if !performance
            .audits
            .iter()
            .any(|a| a.reference == audit.reference())
        {
            continue;
        }
        for f in s
            .findings
            .iter()
            .filter(|f| f.audit == audit.id && f.grade == FindingGrade::Improvement)
        {
            out.push(Line {
                reference: crate::domain::audit::finding_reference(audit.number, f.number),
                text: f.statement.clone(),
            });
        }
    }
    out
}

/// f) The risks (not closed) by level, those above the criteria, accepted, identified in the
/// period; the treatment plan's actions by status and those overdue at the end of the period.
fn risk_picture(s: &Sources<'_>, log: &[&Logged<'_>], to: NaiveDate) -> RiskPicture {
    let m = s.methodology;
    let live: Vec<&Risk> = s
        .risks
        .iter()
        .filter(|r| r.status != RiskStatus::Closed)
        .collect();
    let mut out = RiskPicture {
        risks: live.len(),
        levels: m
            .levels
            .iter()
            .map(|l| LevelCount {
                level: l.name.clone(),
                acceptable: l.acceptable,
                count: 0,
            })
            .collect(),
        ..RiskPicture::default()
    };
    for risk in &live {
        match current_level(m, risk) {
            Some(level) => {
                if let Some(c) = out.levels.iter_mut().find(|c| c.level == level.name) {
                    c.count += 1;
                }
            }
            None => out.not_assessed += 1,
        }
        if is_above_criteria(m, risk) {
            out.above_criteria.push(risk_line(risk));
        }
        if latest_acceptance(risk.id, s.acceptances).is_some_and(|a| !a.is_expired(to)) {
            out.accepted += 1;
        }
        if plan_unapproved(risk, s.actions) {
            out.plan_unapproved += 1;
        }
    }
    let added: Vec<&str> = log
        .iter()
        .filter(|e| e.entity == "risk" && e.action == "create")
        .map(|e| e.reference)
        .collect();
    out.added = s
        .risks
        .iter()
        .filter(|r| added.contains(&RefKind::Risk.format(r.number).as_str()))
        .map(risk_line)
        .collect();
    for action in s.actions.iter().filter(|a| a.treats()) {
        if action.status == ActionStatus::Done {
            out.actions_done += 1;
        } else {
            out.actions_open += 1;
        }
        if action.is_overdue(to) {
            out.overdue.push(Line {
                reference: RefKind::Action.format(action.number),
                text: match (action.due, action.owner.as_str()) {
                    (Some(due), "") => format!("{} (due {due})", action.title),
                    (Some(due), owner) => format!("{} (due {due}, {owner})", action.title),
                    (None, _) => action.title.clone(),
                },
            });
        }
    }
    out
}

fn risk_line(risk: &Risk) -> Line {
    Line {
        reference: RefKind::Risk.format(risk.number),
        text: risk.title.clone(),
    }
}
