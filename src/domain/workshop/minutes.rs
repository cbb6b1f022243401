//! What one workshop decided, from the changes logged as belonging to it: the ratings that
//! changed (first level before → last level after; a rating set and set back again is no
//! decision), the assets added, and the questions noted or answered in the room with how they
//! stand now. The summary view, `isms export minutes` and the app's `x` all show this.

use std::collections::HashMap;

use super::Workshop;
use crate::domain::protection::{Objective, ProtectionNeed};
use crate::domain::question::OpenQuestion;

/// One change-log entry of the workshop, as the store read it.
#[derive(Debug, Clone, Copy)]
pub struct Logged<'a> {
    pub entity: &'a str,
    pub reference: &'a str,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// A rating the room changed: the asset's reference, the objective, the level before and after
/// (`None`: unrated, or inheriting), and the rationale it ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rated {
    pub asset: String,
    pub objective: Objective,
    pub before: Option<u8>,
    pub after: Option<u8>,
    pub rationale: String,
}

impl Rated {
    /// The level stayed; only its rationale was rewritten.
    pub fn rationale_only(&self) -> bool {
        self.before == self.after
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Minutes {
    /// In the order the room first touched them.
    pub rated: Vec<Rated>,
    /// References of the assets added in the room (and not deleted in it).
    pub added: Vec<String>,
    /// Questions of the workshop (noted or answered in it) that have their answer, by number.
    pub answered: Vec<OpenQuestion>,
    /// Questions noted in the workshop that are still open, by number.
    pub open: Vec<OpenQuestion>,
}

impl Minutes {
    pub fn is_empty(&self) -> bool {
        self.rated.is_empty()
            && self.added.is_empty()
            && self.answered.is_empty()
            && self.open.is_empty()
    }
}

/// The minutes of `workshop` from `log`, its own change-log entries oldest first, and
/// `questions`, every question as it stands now.
pub fn minutes(workshop: &Workshop, log: &[Logged<'_>], questions: &[OpenQuestion]) -> Minutes {
    let need =
        |json: Option<&str>| json.and_then(|j| serde_json::from_str::<ProtectionNeed>(j).ok());
    let mut rated: Vec<Rated> = Vec::new();
    // The rationale each rating had before the room touched it, to tell a rewritten one from
    // one that is what it was.
    let mut first_rationale: Vec<Option<String>> = Vec::new();
    let mut at: HashMap<(String, Objective), usize> = HashMap::new();
    let mut added: Vec<String> = Vec::new();
    let mut answered_here: Vec<&str> = Vec::new();
    for entry in log {
        match (entry.entity, entry.action) {
            ("protection_need", _) => {
                let (before, after) = (need(entry.before), need(entry.after));
                let Some(objective) = after.as_ref().or(before.as_ref()).map(|n| n.objective)
                else {
                    continue;
                };
                let after_rationale = after.as_ref().map(|n| n.rationale.clone());
                let key = (entry.reference.to_string(), objective);
                if let Some(&i) = at.get(&key) {
                    rated[i].after = after.map(|n| n.level);
                    rated[i].rationale = after_rationale.unwrap_or_default();
                } else {
                    at.insert(key, rated.len());
                    rated.push(Rated {
                        asset: entry.reference.to_string(),
                        objective,
                        before: before.as_ref().map(|n| n.level),
                        after: after.as_ref().map(|n| n.level),
                        rationale: after_rationale.unwrap_or_default(),
                    });
                    first_rationale.push(before.map(|n| n.rationale));
                }
            }
            ("asset", "create") => added.push(entry.reference.to_string()),
            ("asset", "delete") => added.retain(|a| a != entry.reference),
            ("question", "answer") => answered_here.push(entry.reference),
            _ => {}
        }
    }
    let kept: Vec<Rated> = rated
        .into_iter()
        .zip(first_rationale)
        .filter(|(r, was)| {
            let rationale_kept = match was {
                Some(was) => *was == r.rationale,
                None => r.rationale.is_empty(),
            };
            !(r.before == r.after && rationale_kept)
        })
        .map(|(r, _)| r)
        .collect();
    let mine = |q: &&OpenQuestion| {
        q.workshop == Some(workshop.id) || answered_here.contains(&q.reference().as_str())
    };
    let mut answered: Vec<OpenQuestion> = questions
        .iter()
        .filter(mine)
        .filter(|q| !q.is_open())
        .cloned()
        .collect();
    let mut open: Vec<OpenQuestion> = questions
        .iter()
        .filter(mine)
        .filter(|q| q.is_open())
        .cloned()
        .collect();
    answered.sort_by_key(|q| q.number);
    open.sort_by_key(|q| q.number);
    Minutes {
        rated: kept,
        added,
        answered,
        open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::{field, parse_stamp};

    fn at(s: &str) -> chrono::NaiveDateTime {
        parse_stamp(field::NOTED_AT, s).unwrap()
    }

    fn need(objective: Objective, level: u8, rationale: &str) -> String {
        serde_json::to_string(&ProtectionNeed {
            asset: 1,
            objective,
            level,
            rationale: rationale.into(),
            rationale_stale: false,
        })
        .unwrap()
    }

    fn entry<'a>(
        entity: &'a str,
        reference: &'a str,
        action: &'a str,
        before: Option<&'a str>,
        after: Option<&'a str>,
    ) -> Logged<'a> {
        Logged {
            entity,
            reference,
            action,
            before,
            after,
        }
    }

    fn question(number: u32, workshop: Option<i64>) -> OpenQuestion {
        let mut q = OpenQuestion::new(None, "Shared?", "ines", at("2026-03-31T09:00:00"));
        q.number = number;
        q.workshop = workshop;
        q
    }

    fn workshop() -> Workshop {
        Workshop {
            id: 7,
            ..Workshop::new("Rating day", vec![], at("2026-03-31T09:00:00"))
        }
    }

    #[test]
    fn a_rating_is_first_before_and_last_after_and_one_set_back_is_no_decision() {
        use Objective::{Availability as A, Confidentiality as C, Integrity as I};
        let (c2, c3, c4) = (
            need(C, 2, "old"),
            need(C, 3, ""),
            need(C, 4, "Payroll data"),
        );
        let (i2, i3) = (need(I, 2, "x"), need(I, 3, "x"));
        let (a2, a2_new) = (need(A, 2, "old"), need(A, 2, "Hours of outage are fine"));
        let log = [
            entry("protection_need", "AS-001", "set", Some(&c2), Some(&c3)),
            entry("protection_need", "AS-002", "set", Some(&i2), Some(&i3)),
            entry("protection_need", "AS-001", "set", Some(&c3), Some(&c4)),
            entry("protection_need", "AS-002", "set", Some(&i3), Some(&i2)),
            entry("protection_need", "AS-003", "set", Some(&a2), Some(&a2_new)),
            entry("protection_need", "AS-004", "clear", Some(&c2), None),
        ];
        let m = minutes(&workshop(), &log, &[]);
        assert_eq!(
            m.rated,
            [
                Rated {
                    asset: "AS-001".into(),
                    objective: C,
                    before: Some(2),
                    after: Some(4),
                    rationale: "Payroll data".into()
                },
                Rated {
                    asset: "AS-003".into(),
                    objective: A,
                    before: Some(2),
                    after: Some(2),
                    rationale: "Hours of outage are fine".into()
                },
                Rated {
                    asset: "AS-004".into(),
                    objective: C,
                    before: Some(2),
                    after: None,
                    rationale: String::new()
                },
            ]
        );
        assert!(m.rated[1].rationale_only());
        assert!(!m.rated[0].rationale_only());
    }

    #[test]
    fn assets_added_and_kept_are_listed_and_other_entries_ignored() {
        let log = [
            entry("asset", "AS-010", "create", None, Some("{}")),
            entry("asset", "AS-011", "create", None, Some("{}")),
            entry("asset", "AS-011", "delete", Some("{}"), None),
            entry("asset", "AS-001", "update", Some("{}"), Some("{}")),
            entry("protection_need", "AS-001", "set", None, Some("not json")),
        ];
        let m = minutes(&workshop(), &log, &[]);
        assert_eq!(m.added, ["AS-010"]);
        assert!(m.rated.is_empty());
        assert!(!m.is_empty());
        assert!(minutes(&workshop(), &[], &[]).is_empty());
    }

    #[test]
    fn questions_noted_or_answered_in_it_are_split_into_answered_and_open() {
        let mut answered_later = question(1, Some(7));
        answered_later.resolved_at = Some(at("2026-04-02T09:00:00"));
        let open_here = question(2, Some(7));
        let elsewhere = question(3, Some(8));
        let mut older_answered_here = question(4, None);
        older_answered_here.resolved_at = Some(at("2026-03-31T10:00:00"));
        let log = [entry("question", "Q-004", "answer", Some("{}"), Some("{}"))];
        let all = [
            older_answered_here.clone(),
            elsewhere,
            open_here.clone(),
            answered_later.clone(),
        ];
        let m = minutes(&workshop(), &log, &all);
        assert_eq!(m.answered, [answered_later, older_answered_here]);
        assert_eq!(m.open, [open_here]);
    }
}
