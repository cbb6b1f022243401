//! What the register asks of people: evidence of the competence each role they hold needs
//! (7.2), awareness renewed within twelve months (7.3), and, when someone leaves, the open items
//! still in their name to hand over. The caller gives plain lists; nothing here reads a store.

use crate::domain::document::Document;
use chrono::{Months, NaiveDate};

use super::{CompetenceKind, CompetenceRecord, People, Person, Role};
use crate::domain::asset::Asset;
use crate::domain::control::display_ref;
use crate::domain::objective::SecurityObjective;
use crate::domain::question::OpenQuestion;
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, Risk, RiskStatus};
use crate::domain::soa::{SoaEntry, SoaVersion};
use crate::domain::treatment::Action;
use crate::string_enum;

/// How long an awareness session counts: the usual yearly refresher.
pub const AWARENESS_MONTHS: u32 = 12;

string_enum!(
    /// What kind of item names a person as its owner (or gives it to them).
    ItemKind {
        Asset => "asset", "Asset",
        Risk => "risk", "Risk",
        Action => "action", "Treatment action",
        Control => "control", "SoA control",
        Question => "question", "Question",
        Document => "document", "Document",
        Acceptance => "acceptance", "Accepted",
        Approval => "approval", "Approved",
        Objective => "objective", "Objective",
    }
);

/// An item of a register that names someone: its kind, its reference with its title
/// (`R-003 Ransomware`), the name it gives, and whether it is still open (a risk not closed,
/// an action not done or cancelled, a question unanswered; an asset, a control and a document
/// are open as long as they exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedItem {
    pub kind: ItemKind,
    pub label: String,
    pub named: String,
    pub open: bool,
}

impl NamedItem {
    pub fn new(kind: ItemKind, label: impl Into<String>, named: &str, open: bool) -> Self {
        Self {
            kind,
            label: label.into(),
            named: named.trim().to_string(),
            open,
        }
    }

    /// Whether it names `person` (letter case aside).
    pub fn names(&self, person: &Person) -> bool {
        !self.named.is_empty() && self.named.eq_ignore_ascii_case(person.name.trim())
    }
}

/// Every item of the registers that names someone as its owner (or gives a question to them),
/// in register order: assets, risks, treatment actions, SoA controls, questions.
pub fn named_items(
    assets: &[Asset],
    risks: &[Risk],
    actions: &[Action],
    soa: &[SoaEntry],
    questions: &[OpenQuestion],
    documents: &[Document],
) -> Vec<NamedItem> {
    let assets = assets.iter().map(|a| {
        let label = format!("{} {}", RefKind::Asset.format(a.number), a.name);
        NamedItem::new(ItemKind::Asset, label, &a.owner, true)
    });
    let risks = risks.iter().map(|r| {
        let label = format!("{} {}", RefKind::Risk.format(r.number), r.title);
        NamedItem::new(
            ItemKind::Risk,
            label,
            &r.owner,
            r.status != RiskStatus::Closed,
        )
    });
    let actions = actions.iter().map(|a| {
        let label = format!("{} {}", RefKind::Action.format(a.number), a.title);
        NamedItem::new(ItemKind::Action, label, &a.owner, a.status.is_open())
    });
    let soa = soa
        .iter()
        .map(|e| NamedItem::new(ItemKind::Control, display_ref(&e.control), &e.owner, true));
    let questions = questions
        .iter()
        .map(|q| NamedItem::new(ItemKind::Question, q.reference(), &q.assignee, q.is_open()));
    // A withdrawn document needs no one to keep it any more.
    let documents = documents
        .iter()
        .map(|d| NamedItem::new(ItemKind::Document, d.label(), &d.owner, d.is_in_force()));
    assets
        .chain(risks)
        .chain(actions)
        .chain(soa)
        .chain(questions)
        .chain(documents)
        .filter(|i| !i.named.is_empty())
        .collect()
}

/// The information security objectives in their owners' names; open while pursued.
pub fn objective_items(objectives: &[SecurityObjective]) -> Vec<NamedItem> {
    objectives
        .iter()
        .filter(|o| !o.owner.trim().is_empty())
        .map(|o| NamedItem::new(ItemKind::Objective, o.label(), &o.owner, o.status.is_open()))
        .collect()
}

/// What names someone as acceptor or approver: acceptances, the approvals of treatment plans and
/// of SoA versions. Records of what was decided, so never open: nothing to hand over.
pub fn decisions(
    risks: &[Risk],
    acceptances: &[Acceptance],
    versions: &[SoaVersion],
) -> Vec<NamedItem> {
    let risk_ref = |id: i64| {
        risks
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| format!("#{id}"), |r| RefKind::Risk.format(r.number))
    };
    let accepted = acceptances.iter().map(|a| {
        let label = format!("{} on {}", risk_ref(a.risk), a.accepted_on);
        NamedItem::new(ItemKind::Acceptance, label, &a.accepted_by, false)
    });
    let plans = risks.iter().map(|r| {
        let label = format!("treatment plan of {}", RefKind::Risk.format(r.number));
        NamedItem::new(ItemKind::Approval, label, &r.plan_approved_by, false)
    });
    let soa = versions.iter().map(|v| {
        let label = format!("SoA {} of {}", v.label(), v.issued_on);
        NamedItem::new(ItemKind::Approval, label, &v.approver, false)
    });
    accepted
        .chain(plans)
        .chain(soa)
        .filter(|i| !i.named.is_empty())
        .collect()
}

/// The open items in `person`'s name, to hand over when they leave: in the order given.
pub fn open_items<'a>(person: &Person, items: &'a [NamedItem]) -> Vec<&'a NamedItem> {
    items.iter().filter(|i| i.open && i.names(person)).collect()
}

/// The names items give that are no person of the register (an old import, a typo), each
/// once, in the order first met.
pub fn unknown_names<'a>(people: &People, items: &'a [NamedItem]) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    for item in items {
        let name = item.named.as_str();
        if !name.is_empty()
            && people.named(name).is_none()
            && !names.iter().any(|n| n.eq_ignore_ascii_case(name))
        {
            names.push(name);
        }
    }
    names
}

/// Whether the records show that `person` has the competence `role` needs on `day`: a record
/// for that role, of any kind but awareness, valid on the day.
pub fn has_competence_evidence(
    person: &Person,
    role: &Role,
    records: &[CompetenceRecord],
    day: NaiveDate,
) -> bool {
    records.iter().any(|r| {
        r.person == person.id
            && r.role == Some(role.id)
            && r.kind != CompetenceKind::Awareness
            && r.is_valid_on(day)
    })
}

/// Whether a role asks for evidence: it says what competence it needs.
pub fn needs_evidence(role: &Role) -> bool {
    !role.competence.trim().is_empty()
}

/// The roles `person` holds on `day` that need competence and have no evidence of it.
pub fn roles_without_evidence<'a>(
    people: &'a People,
    person: &Person,
    records: &[CompetenceRecord],
    day: NaiveDate,
) -> Vec<&'a Role> {
    people
        .roles_on(person, day)
        .into_iter()
        .filter(|role| needs_evidence(role) && !has_competence_evidence(person, role, records, day))
        .collect()
}

/// The day `person` last took part in an awareness session, on or before `day`.
pub fn last_awareness(
    person: &Person,
    records: &[CompetenceRecord],
    day: NaiveDate,
) -> Option<NaiveDate> {
    records
        .iter()
        .filter(|r| r.person == person.id && r.kind == CompetenceKind::Awareness && r.on <= day)
        .map(|r| r.on)
        .max()
}

/// Whether `person` is aware on `day`: an awareness session within the last twelve months
/// (one on the same day a year ago still counts).
pub fn is_aware_on(person: &Person, records: &[CompetenceRecord], day: NaiveDate) -> bool {
    last_awareness(person, records, day).is_some_and(|on| {
        on.checked_add_months(Months::new(AWARENESS_MONTHS))
            .is_none_or(|due| due >= day)
    })
}

/// The day awareness falls due again for `person`, if they ever had a session.
pub fn awareness_due(
    person: &Person,
    records: &[CompetenceRecord],
    day: NaiveDate,
) -> Option<NaiveDate> {
    last_awareness(person, records, day)
        .and_then(|on| on.checked_add_months(Months::new(AWARENESS_MONTHS)))
}

#[cfg(test)]
mod tests {
    use super::super::{BuiltinRole, RoleHeld};
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn people() -> People {
        People {
            people: vec![
                Person {
                    id: 1,
                    number: 1,
                    ..Person::new("Anna Weber")
                },
                Person {
                    id: 2,
                    number: 2,
                    left_on: Some(day("2026-01-31")),
                    ..Person::new("Tom Berg")
                },
            ],
            roles: vec![
                Role {
                    id: 2,
                    builtin: Some(BuiltinRole::Isb),
                    name: "Information security officer".into(),
                    authority: None,
                    competence: "ISO/IEC 27001".into(),
                },
                Role {
                    id: 3,
                    builtin: Some(BuiltinRole::Board),
                    name: "Board".into(),
                    authority: None,
                    competence: String::new(),
                },
            ],
            held: vec![
                RoleHeld {
                    person: 1,
                    role: 2,
                    from: day("2024-05-01"),
                    until: None,
                },
                RoleHeld {
                    person: 1,
                    role: 3,
                    from: day("2024-05-01"),
                    until: None,
                },
            ],
        }
    }

    fn record(kind: CompetenceKind, role: Option<i64>, on: &str) -> CompetenceRecord {
        CompetenceRecord {
            id: 0,
            person: 1,
            role,
            kind,
            topic: "topic".into(),
            on: day(on),
            evidence: String::new(),
            valid_until: None,
        }
    }

    #[test]
    fn a_role_needing_competence_needs_a_valid_record_for_that_role() {
        let p = people();
        let anna = &p.people[0];
        let today = day("2026-03-31");
        let missing: Vec<&str> = roles_without_evidence(&p, anna, &[], today)
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        // The board states no competence, so it asks for no evidence.
        assert_eq!(missing, ["Information security officer"]);

        let awareness = record(CompetenceKind::Awareness, Some(2), "2026-01-10");
        assert!(!roles_without_evidence(&p, anna, &[awareness], today).is_empty());

        let expired = CompetenceRecord {
            valid_until: Some(day("2026-03-30")),
            ..record(CompetenceKind::Qualification, Some(2), "2023-03-30")
        };
        assert!(
            !roles_without_evidence(&p, anna, std::slice::from_ref(&expired), today).is_empty()
        );
        let current = CompetenceRecord {
            valid_until: Some(day("2026-03-31")),
            ..expired
        };
        assert!(roles_without_evidence(&p, anna, &[current], today).is_empty());
    }

    #[test]
    fn awareness_counts_for_twelve_months() {
        let p = people();
        let anna = &p.people[0];
        let records = [
            record(CompetenceKind::Awareness, None, "2025-03-31"),
            record(CompetenceKind::Training, None, "2026-03-01"),
        ];
        assert!(is_aware_on(anna, &records, day("2026-03-31")));
        assert!(!is_aware_on(anna, &records, day("2026-04-01")));
        assert_eq!(
            awareness_due(anna, &records, day("2026-04-01")),
            Some(day("2026-03-31"))
        );
        assert!(!is_aware_on(anna, &[], day("2026-04-01")));
        // A session planned for later does not count yet.
        let later = [record(CompetenceKind::Awareness, None, "2026-05-01")];
        assert!(!is_aware_on(anna, &later, day("2026-04-01")));
    }

    #[test]
    fn open_items_in_a_name_are_handed_over_and_unknown_names_found() {
        let p = people();
        let tom = &p.people[1];
        let items = [
            NamedItem::new(ItemKind::Risk, "R-001 Ransomware", "tom berg", true),
            NamedItem::new(ItemKind::Action, "T-002 Backups", "Tom Berg", false),
            NamedItem::new(ItemKind::Asset, "AS-003 NAS", "Anna Weber", true),
            NamedItem::new(ItemKind::Document, "D-001 Policy", " Tom Berg ", true),
            NamedItem::new(ItemKind::Control, "A.5.1", "Head of IT", true),
            NamedItem::new(ItemKind::Question, "Q-001", "head of it", true),
            NamedItem::new(ItemKind::Asset, "AS-004", "", true),
        ];
        let open: Vec<&str> = open_items(tom, &items)
            .iter()
            .map(|i| i.label.as_str())
            .collect();
        assert_eq!(open, ["R-001 Ransomware", "D-001 Policy"]);
        assert_eq!(unknown_names(&p, &items), ["Head of IT"]);
    }

    #[test]
    fn the_documents_someone_owns_are_theirs_to_hand_over_until_withdrawn() {
        use crate::domain::document::{DocKind, DocStatus};
        let policy = Document {
            number: 1,
            owner: "Tom Berg".into(),
            ..Document::new("Access control policy", DocKind::Policy)
        };
        let withdrawn = Document {
            number: 2,
            status: DocStatus::Withdrawn,
            ..policy.clone()
        };
        let items = named_items(&[], &[], &[], &[], &[], &[policy, withdrawn]);
        let shown: Vec<_> = items
            .iter()
            .map(|i| (i.kind, i.label.as_str(), i.open))
            .collect();
        assert_eq!(
            shown,
            [
                (ItemKind::Document, "D-001 Access control policy", true),
                (ItemKind::Document, "D-002 Access control policy", false),
            ]
        );
    }
}
