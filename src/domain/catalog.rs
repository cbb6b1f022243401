//! The reference data every new workspace starts with: Annex A 2022 and clauses 4-10, as numbers
//! and short titles only, parsed from the plain-text files in `assets/`.

use super::clause::{ClauseItem, ClauseStatus};
use super::control::Control;

const ANNEX_A: &str = include_str!("../../assets/annex_a.txt");
const CLAUSES: &str = include_str!("../../assets/clauses.txt");

fn records(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('|').map(str::trim).collect())
}

/// The 93 Annex A controls in order. The embedded file is checked by the tests below, so a
/// malformed line is a build defect, not user input.
pub fn annex_a() -> Vec<Control> {
    records(ANNEX_A)
        .filter_map(|f| match f.as_slice() {
            [number, theme, title] => Some(Control {
                key: (*number).to_string(),
                theme: theme.parse().ok()?,
                title: (*title).to_string(),
                description: String::new(),
                source: "ISO/IEC 27001:2022 Annex A".to_string(),
                covers: Vec::new(),
            }),
            _ => None,
        })
        .collect()
}

/// Clauses 4 to 10 with their sub-clauses, in order, all not started.
pub fn clauses() -> Vec<ClauseItem> {
    records(CLAUSES)
        .filter_map(|f| match f.as_slice() {
            [number, title] => Some(ClauseItem {
                number: (*number).to_string(),
                title: (*title).to_string(),
                status: ClauseStatus::NotStarted,
                note: String::new(),
                evidence: String::new(),
                doc_reference: String::new(),
                doc_owner: String::new(),
                doc_date: None,
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::control::Theme;

    #[test]
    fn every_catalog_line_parses() {
        assert_eq!(records(ANNEX_A).count(), annex_a().len());
        assert_eq!(records(CLAUSES).count(), clauses().len());
    }

    #[test]
    fn annex_a_has_93_controls_in_four_themes() {
        let controls = annex_a();
        assert_eq!(controls.len(), 93);
        let count = |t| controls.iter().filter(|c| c.theme == t).count();
        assert_eq!(
            [
                count(Theme::Organizational),
                count(Theme::People),
                count(Theme::Physical),
                count(Theme::Technological)
            ],
            [37, 8, 14, 34]
        );
        assert_eq!(controls[0].key, "5.1");
        assert_eq!(controls[92].key, "8.34");
        let mut keys: Vec<_> = controls.iter().map(|c| c.key.as_str()).collect();
        keys.dedup();
        assert_eq!(keys.len(), 93);
    }

    #[test]
    fn new_2022_controls_are_present() {
        let controls = annex_a();
        for key in [
            "5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28",
        ] {
            assert!(controls.iter().any(|c| c.key == key), "{key} missing");
        }
    }

    #[test]
    fn clauses_run_from_4_to_10_2() {
        let clauses = clauses();
        assert_eq!(clauses.first().unwrap().number, "4");
        assert_eq!(clauses.last().unwrap().number, "10.2");
        for n in ["6.1.3", "6.3", "7.5.3", "9.2.2", "9.3.3", "10.1"] {
            assert!(clauses.iter().any(|c| c.number == n), "{n} missing");
        }
    }
}
