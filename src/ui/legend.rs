//! Short codes for statuses and themes where a table column is too narrow for the word, and
//! the legend the help shows for them. A code stands for one word in one column; codes are
//! never shown where the word fits.

use unicode_width::UnicodeWidthStr;

/// What a column's codes stand for, as the help lists them.
#[derive(Debug)]
pub struct Legend {
    pub column: &'static str,
    pub codes: &'static [(&'static str, &'static str)],
}

impl Legend {
    /// The width of the longest word the legend has a code for.
    pub fn widest(&self) -> usize {
        self.codes
            .iter()
            .map(|(full, _)| full.width())
            .max()
            .unwrap_or(0)
    }

    /// The code of `word`, if the legend has one.
    pub fn short(&self, word: &str) -> Option<&'static str> {
        self.codes
            .iter()
            .find(|(full, _)| *full == word)
            .map(|(_, code)| *code)
    }
}

pub const SOA_STATUS: Legend = Legend {
    column: "Status",
    codes: &[
        ("Implemented", "Impl"),
        ("Partially implemented", "Part"),
        ("Planned", "Plan"),
        ("Not started", "Todo"),
        // What the column shows for a control that is not applicable.
        ("excluded", "Excl"),
    ],
};

pub const CONTROL_THEME: Legend = Legend {
    column: "Theme",
    codes: &[
        ("Organizational", "Org"),
        ("People", "Ppl"),
        ("Physical", "Phys"),
        ("Technological", "Tech"),
        ("Custom", "Cust"),
    ],
};

pub const RISK_STATUS: Legend = Legend {
    column: "Status",
    codes: &[
        ("Identified", "New"),
        ("Assessed", "Assd"),
        ("In treatment", "Treat"),
        ("Accepted", "Acc"),
        ("Closed", "Closed"),
    ],
};

pub const ACTION_STATUS: Legend = Legend {
    column: "Status",
    codes: &[
        ("Planned", "Plan"),
        ("In progress", "Doing"),
        ("Done", "Done"),
        ("Cancelled", "Cxl"),
    ],
};

pub const CLAUSE_STATUS: Legend = Legend {
    column: "Status",
    codes: &[
        ("Not started", "Todo"),
        ("In progress", "Doing"),
        ("Done", "Done"),
    ],
};

/// The help's entries for `legends`: the column, then `Impl Implemented`, `Part Partially
/// implemented`...
pub fn help_lines(legends: &[&Legend]) -> Vec<(String, Vec<String>)> {
    legends
        .iter()
        .map(|l| {
            let codes = l
                .codes
                .iter()
                .map(|(full, code)| format!("{code} {full}"))
                .collect();
            (l.column.to_string(), codes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&Legend; 5] = [
        &SOA_STATUS,
        &CONTROL_THEME,
        &RISK_STATUS,
        &ACTION_STATUS,
        &CLAUSE_STATUS,
    ];

    #[test]
    fn codes_are_short_and_tell_the_words_of_a_column_apart() {
        for legend in ALL {
            let codes: Vec<&str> = legend.codes.iter().map(|(_, c)| *c).collect();
            for (i, code) in codes.iter().enumerate() {
                assert!(code.chars().count() <= 6, "{code}");
                assert!(!codes[i + 1..].contains(code), "{code} twice");
            }
        }
    }

    #[test]
    fn the_codes_cover_every_label_of_their_enum() {
        use crate::domain::clause::ClauseStatus;
        use crate::domain::control::Theme;
        use crate::domain::risk::RiskStatus;
        use crate::domain::soa::ImplementationStatus;
        use crate::domain::treatment::ActionStatus;
        let labels: [(&Legend, Vec<&str>); 5] = [
            (
                &SOA_STATUS,
                ImplementationStatus::ALL
                    .iter()
                    .map(|s| s.label())
                    .collect(),
            ),
            (
                &CONTROL_THEME,
                Theme::ALL.iter().map(|s| s.label()).collect(),
            ),
            (
                &RISK_STATUS,
                RiskStatus::ALL.iter().map(|s| s.label()).collect(),
            ),
            (
                &ACTION_STATUS,
                ActionStatus::ALL.iter().map(|s| s.label()).collect(),
            ),
            (
                &CLAUSE_STATUS,
                ClauseStatus::ALL.iter().map(|s| s.label()).collect(),
            ),
        ];
        for (legend, words) in labels {
            for word in words {
                assert!(legend.short(word).is_some(), "{}: {word}", legend.column);
            }
        }
        assert_eq!(SOA_STATUS.short("Planned"), Some("Plan"));
        assert_eq!(SOA_STATUS.short("Excluded"), None);
    }
}
