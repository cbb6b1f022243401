//! The risk methodology of clause 6.1.2: likelihood and impact scales with definitions, a lookup
//! matrix from each cell to a risk level, and per level the acceptance criteria, who may accept,
//! and the review interval.

use serde::{Deserialize, Serialize};

use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    /// Who may accept a risk; ordered from the lowest authority to the highest.
    Authority {
        RiskOwner => "risk_owner", "Risk owner",
        Isb => "isb", "Information security officer",
        TopManagement => "top_management", "Top management",
        Board => "board", "Board",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleStep {
    pub name: String,
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskLevel {
    pub name: String,
    /// A colour name the theme understands (green, yellow, orange, red...).
    pub colour: String,
    /// Within the acceptance criteria: may be retained without further treatment.
    pub acceptable: bool,
    /// The lowest authority that may accept a residual risk at this level.
    pub authority: Authority,
    pub review_months: u32,
}

/// Likelihood and impact are 1-based steps; the matrix holds a level index per cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Methodology {
    pub likelihood: Vec<ScaleStep>,
    pub impact: Vec<ScaleStep>,
    pub levels: Vec<RiskLevel>,
    /// `matrix[likelihood - 1][impact - 1]` is an index into `levels`.
    pub matrix: Vec<Vec<usize>>,
}

/// A likelihood and impact pair, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rating {
    pub likelihood: u8,
    pub impact: u8,
}

impl Methodology {
    /// The level index of a rating, if it lies on the scales.
    pub fn level_of(&self, rating: Rating) -> Option<usize> {
        let row = self
            .matrix
            .get(usize::from(rating.likelihood).checked_sub(1)?)?;
        row.get(usize::from(rating.impact).checked_sub(1)?).copied()
    }

    pub fn level(&self, rating: Rating) -> Option<&RiskLevel> {
        self.levels.get(self.level_of(rating)?)
    }

    pub fn check_rating(&self, field: &'static str, rating: Rating) -> Result<(), ValidationError> {
        let (l, i) = (self.likelihood.len(), self.impact.len());
        if rating.likelihood == 0 || usize::from(rating.likelihood) > l {
            return Err(ValidationError::new(
                field,
                format!("likelihood must be between 1 and {l}"),
            ));
        }
        if rating.impact == 0 || usize::from(rating.impact) > i {
            return Err(ValidationError::new(
                field,
                format!("impact must be between 1 and {i}"),
            ));
        }
        Ok(())
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        for (field, scale) in [
            ("likelihood scale", &self.likelihood),
            ("impact scale", &self.impact),
        ] {
            if !(3..=5).contains(&scale.len()) {
                return Err(ValidationError::new(field, "needs 3 to 5 steps"));
            }
        }
        if self.levels.is_empty() || self.levels.len() > 6 {
            return Err(ValidationError::new("risk levels", "needs 1 to 6 levels"));
        }
        if self.matrix.len() != self.likelihood.len()
            || self.matrix.iter().any(|row| row.len() != self.impact.len())
        {
            return Err(ValidationError::new(
                "matrix",
                "must have one cell per likelihood and impact step",
            ));
        }
        if self
            .matrix
            .iter()
            .flatten()
            .any(|&l| l >= self.levels.len())
        {
            return Err(ValidationError::new(
                "matrix",
                "names a risk level that does not exist",
            ));
        }
        let steps = |scale: Vec<ScaleStep>| -> Result<Vec<ScaleStep>, ValidationError> {
            scale
                .into_iter()
                .map(|s| {
                    Ok(ScaleStep {
                        name: text::required_line("step name", &s.name)?,
                        definition: text::text("step definition", &s.definition)?,
                    })
                })
                .collect()
        };
        let levels = self
            .levels
            .into_iter()
            .map(|l| {
                Ok(RiskLevel {
                    name: text::required_line("level name", &l.name)?,
                    ..l
                })
            })
            .collect::<Result<_, ValidationError>>()?;
        Ok(Self {
            likelihood: steps(self.likelihood)?,
            impact: steps(self.impact)?,
            levels,
            matrix: self.matrix,
        })
    }
}

impl Default for Methodology {
    /// 5x5 with four levels: low, medium, high, critical.
    fn default() -> Self {
        let step = |name: &str, definition: &str| ScaleStep {
            name: name.into(),
            definition: definition.into(),
        };
        let likelihood = vec![
            step(
                "rare",
                "Less than once in ten years; no known occurrence in the sector.",
            ),
            step(
                "unlikely",
                "Once in three to ten years; has happened elsewhere in the sector.",
            ),
            step(
                "possible",
                "Once in one to three years; has happened here or to peers.",
            ),
            step(
                "likely",
                "About once a year; the threat is active and the weakness known.",
            ),
            step(
                "almost certain",
                "Several times a year; happens routinely without controls.",
            ),
        ];
        let impact = vec![
            step(
                "negligible",
                "Under 10,000 EUR; no legal consequence; outage under one hour; no personal data.",
            ),
            step(
                "minor",
                "10,000 to 50,000 EUR; minor contract breach; outage up to one day; few records of personal data.",
            ),
            step(
                "moderate",
                "50,000 to 250,000 EUR; regulator informed; outage up to three days; local press.",
            ),
            step(
                "major",
                "250,000 to 1 million EUR; fine or lost key customer; outage up to a week; national press.",
            ),
            step(
                "severe",
                "Over 1 million EUR or threat to the company's existence; harm to people; outage over a week.",
            ),
        ];
        let level = |name: &str, colour: &str, acceptable, authority, review_months| RiskLevel {
            name: name.into(),
            colour: colour.into(),
            acceptable,
            authority,
            review_months,
        };
        let levels = vec![
            level("low", "green", true, Authority::RiskOwner, 12),
            level("medium", "yellow", true, Authority::Isb, 12),
            level("high", "orange", false, Authority::TopManagement, 6),
            level("critical", "red", false, Authority::Board, 3),
        ];
        // Rows: likelihood 1..5; columns: impact 1..5. Asymmetric on purpose: a severe impact
        // weighs more than a frequent trifle.
        let matrix = vec![
            vec![0, 0, 1, 1, 2],
            vec![0, 1, 1, 2, 3],
            vec![0, 1, 2, 2, 3],
            vec![1, 1, 2, 3, 3],
            vec![1, 2, 3, 3, 3],
        ];
        Self {
            likelihood,
            impact,
            levels,
            matrix,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid_five_by_five_with_four_levels() {
        let m = Methodology::default().validated().unwrap();
        assert_eq!(
            (m.likelihood.len(), m.impact.len(), m.levels.len()),
            (5, 5, 4)
        );
        let authorities: Vec<_> = m.levels.iter().map(|l| l.authority).collect();
        assert_eq!(
            authorities,
            [
                Authority::RiskOwner,
                Authority::Isb,
                Authority::TopManagement,
                Authority::Board
            ]
        );
    }

    #[test]
    fn matrix_lookup() {
        let m = Methodology::default();
        assert_eq!(
            m.level(Rating {
                likelihood: 1,
                impact: 1
            })
            .unwrap()
            .name,
            "low"
        );
        assert_eq!(
            m.level(Rating {
                likelihood: 5,
                impact: 5
            })
            .unwrap()
            .name,
            "critical"
        );
        assert_eq!(
            m.level(Rating {
                likelihood: 1,
                impact: 5
            })
            .unwrap()
            .name,
            "high"
        );
        assert_eq!(
            m.level_of(Rating {
                likelihood: 6,
                impact: 1
            }),
            None
        );
        assert_eq!(
            m.level_of(Rating {
                likelihood: 0,
                impact: 1
            }),
            None
        );
    }

    #[test]
    fn rating_outside_the_scales_is_refused() {
        let m = Methodology::default();
        let err = m
            .check_rating(
                "inherent",
                Rating {
                    likelihood: 6,
                    impact: 2,
                },
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "inherent: likelihood must be between 1 and 5"
        );
    }

    #[test]
    fn malformed_matrix_is_refused() {
        let mut m = Methodology::default();
        m.matrix[2].pop();
        assert_eq!(m.validated().unwrap_err().field, "matrix");
        let mut m = Methodology::default();
        m.matrix[0][0] = 9;
        assert_eq!(m.validated().unwrap_err().field, "matrix");
        let mut m = Methodology::default();
        m.impact.truncate(2);
        assert_eq!(m.validated().unwrap_err().field, "impact scale");
    }

    #[test]
    fn authorities_are_ordered() {
        assert!(Authority::Board > Authority::TopManagement);
        assert!(Authority::Isb > Authority::RiskOwner);
    }
}
