//! What falls due: one list of every dated obligation of the ISMS, each item's next date derived
//! from what the registers record (never typed twice): risk reviews by their level's review
//! months, treatment actions, the end of risk acceptances, document reviews, the validity of
//! competence evidence and of awareness, the next internal audit and the audits planned,
//! corrective actions, the questions given to someone with a due date, the next management
//! review and the actions reviews decided.
//!
//! `isms due` prints it for a weekly mail; the Dashboard's deadlines are the same list.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::audit::AuditStatus;
use super::audit::programme::last_internal_report;
use super::evaluation::review_due;
use super::order::natural_cmp;
use super::person::CompetenceKind;
use super::person::duties::{awareness_due, needs_evidence};
use super::readiness::Workspace;
use super::reference::RefKind;
use super::review::{action_reference, last_held};
use super::risk::RiskStatus;
use crate::string_enum;

string_enum!(
    /// What kind of obligation falls due.
    DueKind {
        RiskReview => "risk_review", "Risk review",
        Action => "action", "Treatment action",
        Acceptance => "acceptance", "Acceptance ends",
        DocumentReview => "document_review", "Document review",
        Competence => "competence", "Competence evidence ends",
        Awareness => "awareness", "Awareness",
        InternalAudit => "internal_audit", "Internal audit",
        Audit => "audit", "Audit planned",
        CorrectiveAction => "corrective_action", "Corrective action",
        Question => "question", "Question",
        ManagementReview => "management_review", "Management review",
        ReviewAction => "review_action", "Review action",
    }
);

/// The months after the last internal audit's report by which the next one is due (9.2: at
/// planned intervals; a certification body expects one a year).
pub const INTERNAL_AUDIT_MONTHS: u32 = 12;

/// The months after the last management review by which the next one is due (9.3: at planned
/// intervals; MR-001 reports none within twelve months).
pub const REVIEW_MONTHS: u32 = 12;

/// One obligation and the day it falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub kind: DueKind,
    pub due_on: NaiveDate,
    /// What it is about: `R-007`, `T-010`, `D-004`, `P-014`, `AU-003`, `NC-002`, `Q-002`.
    pub reference: String,
    /// Its title (a person's name for awareness and competence), or what is due about it.
    pub title: String,
    /// Who sees to it; empty when nobody is named.
    pub owner: String,
}

impl DueItem {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due_on < today
    }

    /// Days from today: negative when overdue.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.due_on - today).num_days()
    }
}

/// Every obligation with a next date, overdue ones included, oldest first.
pub fn all(ws: &Workspace, today: NaiveDate) -> Vec<DueItem> {
    let mut items = Vec::new();
    let mut add = |kind, due_on, reference: String, title: &str, owner: &str| {
        items.push(DueItem {
            kind,
            due_on,
            reference,
            title: title.to_string(),
            owner: owner.to_string(),
        });
    };
    for risk in ws.risks.iter().filter(|r| r.status != RiskStatus::Closed) {
        if let Some(on) = review_due(&ws.methodology, risk) {
            add(
                DueKind::RiskReview,
                on,
                RefKind::Risk.format(risk.number),
                &risk.title,
                &risk.owner,
            );
        }
    }
    for action in ws.actions.iter().filter(|a| a.status.is_open()) {
        if let Some(on) = action.due {
            let reference = RefKind::Action.format(action.number);
            add(DueKind::Action, on, reference, &action.title, &action.owner);
        }
    }
    for acceptance in &ws.acceptances {
        let Some(risk) = ws.risks.iter().find(|r| r.id == acceptance.risk) else {
            continue;
        };
        // Only the latest acceptance of a risk ends: an older one was renewed.
        let latest = ws
            .acceptances
            .iter()
            .filter(|a| a.risk == acceptance.risk)
            .max_by_key(|a| (a.accepted_on, a.id));
        if latest.map(|a| a.id) != Some(acceptance.id) || risk.status == RiskStatus::Closed {
            continue;
        }
        if let Some(until) = acceptance.until {
            let reference = RefKind::Risk.format(risk.number);
            add(
                DueKind::Acceptance,
                until,
                reference,
                &risk.title,
                &risk.owner,
            );
        }
    }
    for document in ws.documents.iter().filter(|d| d.is_in_force()) {
        if let Some(on) = document.next_review() {
            add(
                DueKind::DocumentReview,
                on,
                document.reference(),
                &document.title,
                &document.owner,
            );
        }
    }
    people(ws, today, &mut add);
    audits(ws, today, &mut add);
    reviews(ws, &mut add);
    for nc in ws.nonconformities.iter().filter(|n| !n.is_closed()) {
        for action in nc.actions.iter().filter(|a| !a.is_done()) {
            if let Some(on) = action.due_on {
                add(
                    DueKind::CorrectiveAction,
                    on,
                    nc.reference(),
                    &action.description,
                    &action.owner,
                );
            }
        }
    }
    for question in ws.questions.iter().filter(|q| q.is_open()) {
        if let Some(on) = question.due {
            add(
                DueKind::Question,
                on,
                question.reference(),
                &question.text,
                &question.assignee,
            );
        }
    }
    items.sort_by(|a, b| {
        a.due_on
            .cmp(&b.due_on)
            .then_with(|| natural_cmp(&a.reference, &b.reference))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    items
}

/// What is overdue or falls due within `days` days of today, oldest first.
pub fn within(ws: &Workspace, today: NaiveDate, days: u32) -> Vec<DueItem> {
    let last = today + chrono::Days::new(u64::from(days));
    all(ws, today)
        .into_iter()
        .filter(|item| item.due_on <= last)
        .collect()
}

type Add<'a> = dyn FnMut(DueKind, NaiveDate, String, &str, &str) + 'a;

/// Awareness of everyone still with the organisation, and the end of the competence evidence
/// for each role they hold that needs it (the latest record's end: a renewed one replaces it).
fn people(ws: &Workspace, today: NaiveDate, add: &mut Add<'_>) {
    for person in ws.people.people.iter().filter(|p| p.is_active_on(today)) {
        if let Some(on) = awareness_due(person, &ws.competence, today) {
            add(
                DueKind::Awareness,
                on,
                person.reference(),
                &person.name,
                &person.name,
            );
        }
        for role in ws.people.roles_on(person, today) {
            if !needs_evidence(role) {
                continue;
            }
            let records: Vec<_> = ws
                .competence
                .iter()
                .filter(|r| {
                    r.person == person.id
                        && r.role == Some(role.id)
                        && r.kind != CompetenceKind::Awareness
                        && r.on <= today
                })
                .collect();
            // A record without an end keeps the competence shown for good.
            if records.is_empty() || records.iter().any(|r| r.valid_until.is_none()) {
                continue;
            }
            if let Some(until) = records.iter().filter_map(|r| r.valid_until).max() {
                let title = format!("competence as {}", role.name.to_lowercase());
                add(
                    DueKind::Competence,
                    until,
                    person.reference(),
                    &title,
                    &person.name,
                );
            }
        }
    }
}

/// The next internal audit, a year after the last one's report unless one is planned before,
/// and each audit planned or under way by its planned date.
fn audits(ws: &Workspace, today: NaiveDate, add: &mut Add<'_>) {
    let open = |status| matches!(status, AuditStatus::Planned | AuditStatus::InProgress);
    for audit in ws.audits.iter().filter(|a| open(a.status)) {
        if let Some(on) = audit.planned_on {
            add(
                DueKind::Audit,
                on,
                audit.reference(),
                &audit.title,
                &audit.lead_auditor,
            );
        }
    }
    if let Some((audit, reported)) = last_internal_report(&ws.audits, today)
        && let Some(next) = reported.checked_add_months(Months::new(INTERNAL_AUDIT_MONTHS))
    {
        let planned_before = ws.audits.iter().any(|a| {
            a.kind == super::audit::AuditKind::Internal
                && open(a.status)
                && a.planned_on.is_some_and(|on| on <= next)
        });
        if !planned_before {
            let title = format!(
                "next internal audit (the last, {}, reported {reported})",
                audit.reference()
            );
            add(
                DueKind::InternalAudit,
                next,
                audit.reference(),
                &title,
                &audit.lead_auditor,
            );
        }
    }
}

/// The next management review, a year after the last one was held unless one is planned before
/// (each planned by its day), and the actions reviews decided, not done, by their due dates.
fn reviews(ws: &Workspace, add: &mut Add<'_>) {
    let planned = || ws.reviews.iter().filter(|r| !r.is_held());
    for review in planned() {
        if let Some(on) = review.planned_on {
            let chair = review.participants.first().map_or("", String::as_str);
            add(
                DueKind::ManagementReview,
                on,
                review.reference(),
                &review.title,
                chair,
            );
        }
    }
    if let Some(last) = last_held(&ws.reviews)
        && let Some(held) = last.held_on
        && let Some(next) = held.checked_add_months(Months::new(REVIEW_MONTHS))
        && !planned().any(|r| r.planned_on.is_some_and(|on| on <= next))
    {
        let title = format!(
            "next management review (the last, {}, held {held})",
            last.reference()
        );
        let chair = last.participants.first().map_or("", String::as_str);
        add(
            DueKind::ManagementReview,
            next,
            last.reference(),
            &title,
            chair,
        );
    }
    for action in ws.review_actions.iter().filter(|a| !a.is_done()) {
        let review = ws.reviews.iter().find(|r| r.id == action.review);
        if let (Some(on), Some(review)) = (action.due_on, review) {
            add(
                DueKind::ReviewAction,
                on,
                action_reference(review.number, action.number),
                &action.description,
                &action.owner,
            );
        }
    }
}

#[cfg(test)]
mod tests;
