//! A workshop's minutes as the app shows them: who was there, what was rated (before → after,
//! with the rationale), the assets added, the questions answered and those still open. What
//! counts as a decision is the domain's (`domain::workshop::minutes`); this only words it.

use std::collections::HashMap;

use crate::domain::protection::ProtectionScale;
use crate::domain::question::{OpenQuestion, stamp};
use crate::domain::wording::count;
use crate::domain::workshop::{Minutes, Workshop};

/// How the minutes name assets and levels.
pub struct Naming {
    /// `AS-003` → `AS-003 Payroll data`.
    pub assets: HashMap<String, String>,
    /// Row id → `AS-003 Payroll data`.
    pub ids: HashMap<i64, String>,
    pub scale: ProtectionScale,
}

impl Naming {
    fn asset(&self, reference: &str) -> String {
        self.assets
            .get(reference)
            .cloned()
            .unwrap_or_else(|| format!("{reference} (deleted since)"))
    }

    fn level(&self, level: Option<u8>) -> String {
        level.map_or_else(
            || "—".to_string(),
            |l| self.scale.name(l).unwrap_or("?").to_string(),
        )
    }

    fn about(&self, q: &OpenQuestion) -> String {
        q.asset
            .and_then(|id| self.ids.get(&id))
            .map_or_else(String::new, |name| format!(" ({name})"))
    }
}

/// Minutes to the minute: `2026-03-31 09:15`.
fn minute(at: chrono::NaiveDateTime) -> String {
    stamp(at).replacen('T', " ", 1).chars().take(16).collect()
}

/// The lines of the minutes: headings (true) and their entries.
pub fn lines(w: &Workshop, m: &Minutes, naming: &Naming) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let ended = w
        .ended_at
        .map_or_else(|| "still running".to_string(), minute);
    out.push((true, format!("{} {}", w.reference(), w.title)));
    out.push((false, format!("  From {} to {ended}", minute(w.started_at))));
    let attendees = if w.attendees.is_empty() {
        "not recorded".to_string()
    } else {
        w.attendees.join(", ")
    };
    out.push((false, format!("  Attendees: {attendees}")));
    if !w.walked.is_empty() {
        out.push((
            false,
            format!("  Walked: {}", count(w.walked.len(), "asset", "assets")),
        ));
    }
    out.push((false, String::new()));

    out.push((true, format!("Ratings changed: {}", m.rated.len())));
    for r in &m.rated {
        let change = if r.rationale_only() {
            format!("{} (rationale rewritten)", naming.level(r.after))
        } else {
            format!("{} → {}", naming.level(r.before), naming.level(r.after))
        };
        out.push((
            false,
            format!(
                "  {}: {} {change}",
                naming.asset(&r.asset),
                r.objective.label().to_lowercase()
            ),
        ));
        if !r.rationale.is_empty() {
            out.push((false, format!("    Why: {}", r.rationale)));
        }
    }
    out.push((false, String::new()));

    out.push((true, format!("Assets added: {}", m.added.len())));
    out.extend(
        m.added
            .iter()
            .map(|a| (false, format!("  {}", naming.asset(a)))),
    );
    out.push((false, String::new()));

    out.push((true, format!("Questions answered: {}", m.answered.len())));
    for q in &m.answered {
        out.push((
            false,
            format!("  {} {}{}", q.reference(), q.text, naming.about(q)),
        ));
        let by = if q.answered_by.is_empty() {
            String::new()
        } else {
            format!(" ({})", q.answered_by)
        };
        out.push((false, format!("    Answer{by}: {}", q.answer)));
    }
    out.push((false, String::new()));

    out.push((true, format!("Questions still open: {}", m.open.len())));
    for q in &m.open {
        out.push((
            false,
            format!("  {} {}{}", q.reference(), q.text, naming.about(q)),
        ));
        let who = if q.assignee.is_empty() {
            "nobody yet".to_string()
        } else {
            q.assignee.clone()
        };
        let due = q.due.map_or_else(String::new, |d| format!(", due {d}"));
        out.push((false, format!("    To be answered by {who}{due}")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::protection::Objective;
    use crate::domain::question::{field, parse_stamp};
    use crate::domain::workshop::Rated;

    fn at(s: &str) -> chrono::NaiveDateTime {
        parse_stamp(field::NOTED_AT, s).unwrap()
    }

    #[test]
    fn the_minutes_word_every_decision_and_every_question() {
        let mut w = Workshop::new(
            "Rating day",
            vec!["Anna Weber".into(), "Jonas Klein".into()],
            at("2026-03-31T09:00:00"),
        );
        w.number = 1;
        w.ended_at = Some(at("2026-03-31T11:30:00"));
        let mut answered = OpenQuestion::new(Some(1), "Shared?", "ines", at("2026-03-31T09:10:00"));
        answered.number = 1;
        answered.resolved_at = Some(at("2026-03-31T09:20:00"));
        answered.answer = "No".into();
        answered.answered_by = "Jonas Klein".into();
        let mut open = OpenQuestion::new(None, "Who signs?", "ines", at("2026-03-31T09:30:00"));
        open.number = 2;
        open.assignee = "Petra".into();
        open.due = chrono::NaiveDate::from_ymd_opt(2026, 4, 15);
        let m = Minutes {
            rated: vec![
                Rated {
                    asset: "AS-001".into(),
                    objective: Objective::Confidentiality,
                    before: Some(1),
                    after: Some(2),
                    rationale: "Salaries".into(),
                },
                Rated {
                    asset: "AS-009".into(),
                    objective: Objective::Integrity,
                    before: None,
                    after: Some(1),
                    rationale: String::new(),
                },
            ],
            added: vec!["AS-001".into()],
            answered: vec![answered],
            open: vec![open],
        };
        let naming = Naming {
            assets: HashMap::from([("AS-001".into(), "AS-001 Payroll".into())]),
            ids: HashMap::from([(1, "AS-001 Payroll".into())]),
            scale: ProtectionScale::default(),
        };
        let text: Vec<String> = lines(&w, &m, &naming).into_iter().map(|(_, l)| l).collect();
        let text = text.join("\n");
        for expected in [
            "W-001 Rating day",
            "From 2026-03-31 09:00 to 2026-03-31 11:30",
            "Attendees: Anna Weber, Jonas Klein",
            "AS-001 Payroll: confidentiality normal → high",
            "Why: Salaries",
            "AS-009 (deleted since): integrity — → normal",
            "Q-001 Shared? (AS-001 Payroll)",
            "Answer (Jonas Klein): No",
            "To be answered by Petra, due 2026-04-15",
        ] {
            assert!(text.contains(expected), "{expected:?} missing in\n{text}");
        }
    }
}
