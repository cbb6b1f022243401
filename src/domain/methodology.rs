//! The risk methodology of clause 6.1.2: likelihood and impact scales with definitions, a lookup
//! matrix from each cell to a risk level, and per level the acceptance criteria, who may accept,
//! and the review interval.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::protection::map_level;
use super::text::{self, Field, ValidationError};
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

impl Authority {
    /// The authority as it reads inside a sentence: "accepted by top management".
    pub fn in_sentence(self) -> &'static str {
        match self {
            Authority::RiskOwner => "the risk owner",
            Authority::Isb => "the information security officer",
            Authority::TopManagement => "top management",
            Authority::Board => "the board",
        }
    }
}

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

impl RiskLevel {
    /// The level's acceptance criterion as a document states it: whether a risk at this level
    /// may be retained, and who decides.
    pub fn criterion(&self) -> String {
        if self.acceptable {
            format!(
                "Within the acceptance criteria: may be retained without further treatment; \
                 accepted by {}",
                self.authority.in_sentence()
            )
        } else {
            format!(
                "Above the acceptance criteria: treated further, or the residual risk accepted \
                 by {} until a set date",
                self.authority.in_sentence()
            )
        }
    }
}

/// How often a risk of a level is reviewed, in months: at least monthly, at most every five years.
pub const REVIEW_MONTHS: std::ops::RangeInclusive<u32> = 1..=60;

/// The fields a methodology's errors name: each step and level by its position, so that a form
/// (which uses the same keys) shows the error at the step or level it is about.
pub mod field {
    use crate::domain::text::Field;

    pub const LIKELIHOOD_SCALE: Field = Field::new("likelihood scale");
    pub const IMPACT_SCALE: Field = Field::new("impact scale");
    pub const RISK_LEVELS: Field = Field::new("risk levels");
    pub const MATRIX: Field = Field::new("matrix");
    pub const STEP_NAMES: [Field; 5] = [
        Field::new("step 1"),
        Field::new("step 2"),
        Field::new("step 3"),
        Field::new("step 4"),
        Field::new("step 5"),
    ];
    pub const STEP_DEFINITIONS: [Field; 5] = [
        Field::new("definition 1"),
        Field::new("definition 2"),
        Field::new("definition 3"),
        Field::new("definition 4"),
        Field::new("definition 5"),
    ];
    pub const LEVEL_NAMES: [Field; 6] = [
        Field::new("level 1"),
        Field::new("level 2"),
        Field::new("level 3"),
        Field::new("level 4"),
        Field::new("level 5"),
        Field::new("level 6"),
    ];
    pub const LEVEL_COLOURS: [Field; 6] = [
        Field::new("colour 1"),
        Field::new("colour 2"),
        Field::new("colour 3"),
        Field::new("colour 4"),
        Field::new("colour 5"),
        Field::new("colour 6"),
    ];
    pub const LEVEL_REVIEW: [Field; 6] = [
        Field::new("review 1"),
        Field::new("review 2"),
        Field::new("review 3"),
        Field::new("review 4"),
        Field::new("review 5"),
        Field::new("review 6"),
    ];
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

    /// The lowest authority that may accept a risk at level index `level`.
    pub fn required_authority(&self, level: usize) -> Option<Authority> {
        self.levels.get(level).map(|l| l.authority)
    }

    /// Whether level index `level` lies within the acceptance criteria; an unknown level does not.
    pub fn is_acceptable(&self, level: usize) -> bool {
        self.levels.get(level).is_some_and(|l| l.acceptable)
    }

    /// The number of likelihood and impact steps.
    pub fn size(&self) -> (usize, usize) {
        (self.likelihood.len(), self.impact.len())
    }

    /// A rating on this methodology's scales moved to the nearest step of `to`'s scales, both
    /// ends anchored (see [`map_level`]); unchanged when the sizes agree.
    pub fn map_rating(&self, rating: Rating, to: &Methodology) -> Rating {
        if self.size() == to.size() {
            return rating;
        }
        let (from_l, from_i) = self.size();
        let (to_l, to_i) = to.size();
        Rating {
            likelihood: map_level(rating.likelihood, steps_u8(from_l), steps_u8(to_l)),
            impact: map_level(rating.impact, steps_u8(from_i), steps_u8(to_i)),
        }
    }

    /// The methodology with `likelihood_steps` x `impact_steps` scales. Existing steps keep their
    /// names and definitions, new ones are placeholders (`step 4`, no definition), extra ones go.
    /// Every new cell takes the level of the nearest old cell, spread proportionally with both
    /// ends anchored, so the corners keep their levels and no cell is left without one.
    pub fn resized(self, likelihood_steps: usize, impact_steps: usize) -> Methodology {
        let resize = |mut scale: Vec<ScaleStep>, steps: usize| {
            scale.truncate(steps);
            for n in scale.len() + 1..=steps {
                scale.push(ScaleStep {
                    name: format!("step {n}"),
                    definition: String::new(),
                });
            }
            scale
        };
        let old_rows = self.matrix.len();
        let cell = |row: usize, column: usize| -> usize {
            let old_row = nearest(row, likelihood_steps, old_rows);
            let cells = self.matrix.get(old_row).map_or(&[][..], Vec::as_slice);
            let old_column = nearest(column, impact_steps, cells.len());
            cells.get(old_column).copied().unwrap_or(0)
        };
        let matrix = (0..likelihood_steps)
            .map(|row| (0..impact_steps).map(|column| cell(row, column)).collect())
            .collect();
        Methodology {
            likelihood: resize(self.likelihood, likelihood_steps),
            impact: resize(self.impact, impact_steps),
            matrix,
            levels: self.levels,
        }
    }

    pub fn check_rating(&self, field: Field, rating: Rating) -> Result<(), ValidationError> {
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
            (field::LIKELIHOOD_SCALE, &self.likelihood),
            (field::IMPACT_SCALE, &self.impact),
        ] {
            if !(3..=5).contains(&scale.len()) {
                return Err(ValidationError::new(field, "needs 3 to 5 steps"));
            }
        }
        if self.levels.is_empty() || self.levels.len() > 6 {
            return Err(ValidationError::new(
                field::RISK_LEVELS,
                "needs 1 to 6 levels",
            ));
        }
        if self.matrix.len() != self.likelihood.len()
            || self.matrix.iter().any(|row| row.len() != self.impact.len())
        {
            return Err(ValidationError::new(
                field::MATRIX,
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
                field::MATRIX,
                "names a risk level that does not exist",
            ));
        }
        let steps = |scale: Vec<ScaleStep>| -> Result<Vec<ScaleStep>, ValidationError> {
            scale
                .into_iter()
                .zip(field::STEP_NAMES.into_iter().zip(field::STEP_DEFINITIONS))
                .map(|(s, (name, definition))| {
                    Ok(ScaleStep {
                        name: text::required_line(name, &s.name)?,
                        definition: text::text(definition, &s.definition)?,
                    })
                })
                .collect()
        };
        let levels = self
            .levels
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                if !REVIEW_MONTHS.contains(&l.review_months) {
                    return Err(ValidationError::new(
                        field::LEVEL_REVIEW[i],
                        format!(
                            "{} is not a number of months from {} to {}",
                            l.review_months,
                            REVIEW_MONTHS.start(),
                            REVIEW_MONTHS.end()
                        ),
                    ));
                }
                Ok(RiskLevel {
                    name: text::required_line(field::LEVEL_NAMES[i], &l.name)?,
                    colour: text::line(field::LEVEL_COLOURS[i], &l.colour)?,
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

/// A scale length as the `u8` that [`map_level`] takes; scales hold at most five steps.
fn steps_u8(steps: usize) -> u8 {
    u8::try_from(steps).unwrap_or(u8::MAX)
}

/// The 0-based index on a scale of `to` steps nearest to index `index` on a scale of `from`.
fn nearest(index: usize, from: usize, to: usize) -> usize {
    let one_based = u8::try_from(index + 1).unwrap_or(u8::MAX);
    usize::from(map_level(one_based, steps_u8(from), steps_u8(to))).saturating_sub(1)
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
        // A small company has a managing director, not a board: top management accepts the
        // two levels above the criteria.
        let levels = vec![
            level("low", "green", true, Authority::RiskOwner, 12),
            level("medium", "yellow", true, Authority::Isb, 12),
            level("high", "orange", false, Authority::TopManagement, 6),
            level("critical", "red", false, Authority::TopManagement, 3),
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

/// How many of `ratings` fall in each matrix cell `(likelihood, impact)`: what a heat map shows.
/// Unrated risks (`None`) are not counted.
pub fn cell_counts(ratings: impl IntoIterator<Item = Option<Rating>>) -> HashMap<(u8, u8), usize> {
    let mut map = HashMap::new();
    for r in ratings.into_iter().flatten() {
        *map.entry((r.likelihood, r.impact)).or_insert(0) += 1;
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_states_its_criterion_and_who_accepts() {
        let m = Methodology::default();
        assert_eq!(
            m.levels[0].criterion(),
            "Within the acceptance criteria: may be retained without further treatment; \
             accepted by the risk owner"
        );
        assert!(
            m.levels[3]
                .criterion()
                .starts_with("Above the acceptance criteria: treated further, or the residual risk accepted by top management"),
            "{}",
            m.levels[3].criterion()
        );
    }

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
                Authority::TopManagement
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
        const INHERENT: Field = Field::new("inherent");
        let m = Methodology::default();
        let err = m
            .check_rating(
                INHERENT,
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
    fn a_review_interval_outside_one_to_sixty_months_is_refused_at_its_level() {
        for months in [0, 61, u32::MAX] {
            let mut m = Methodology::default();
            m.levels[1].review_months = months;
            assert_eq!(
                m.validated().unwrap_err().to_string(),
                format!("review 2: {months} is not a number of months from 1 to 60"),
                "the second level's field"
            );
        }
    }

    #[test]
    fn a_level_colour_follows_the_rules_of_any_text() {
        let mut m = Methodology::default();
        m.levels[0].colour = "green\u{1b}[2J".into();
        let err = m.validated().unwrap_err();
        assert_eq!(err.field, field::LEVEL_COLOURS[0]);
        assert!(err.message.contains("U+001B"), "{err}");
    }

    #[test]
    fn authority_and_acceptability_per_level() {
        let m = Methodology::default();
        assert_eq!(m.required_authority(0), Some(Authority::RiskOwner));
        assert_eq!(m.required_authority(2), Some(Authority::TopManagement));
        assert_eq!(m.required_authority(4), None);
        assert!(m.is_acceptable(1));
        assert!(!m.is_acceptable(2));
        assert!(!m.is_acceptable(9), "an unknown level is never acceptable");
        assert_eq!(
            Authority::Isb.in_sentence(),
            "the information security officer"
        );
    }

    #[test]
    fn shrinking_keeps_names_and_the_corners() {
        let m = Methodology::default().resized(3, 3);
        let names = |s: &[ScaleStep]| s.iter().map(|x| x.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&m.likelihood), ["rare", "unlikely", "possible"]);
        assert_eq!(names(&m.impact), ["negligible", "minor", "moderate"]);
        assert!(m.impact[2].definition.starts_with("50,000"));
        // Rows and columns 1, 3 and 5 of the 5x5 matrix.
        assert_eq!(m.matrix, [[0, 1, 2], [0, 2, 3], [1, 3, 3]]);
        assert!(m.validated().is_ok());
    }

    #[test]
    fn growing_adds_placeholder_steps_and_fills_every_cell() {
        let small = Methodology::default().resized(3, 3);
        let m = small.clone().resized(5, 4);
        assert_eq!(m.likelihood[3].name, "step 4");
        assert_eq!(m.likelihood[4].name, "step 5");
        assert_eq!(m.likelihood[4].definition, "");
        assert_eq!(m.impact[3].name, "step 4");
        assert_eq!(m.matrix.len(), 5);
        assert!(m.matrix.iter().all(|row| row.len() == 4));
        // Both ends anchored: the corners keep the old corners' levels.
        assert_eq!(m.matrix[0][0], small.matrix[0][0]);
        assert_eq!(m.matrix[4][3], small.matrix[2][2]);
        assert_eq!(m.matrix[0][3], small.matrix[0][2]);
        assert_eq!(m.matrix[4][0], small.matrix[2][0]);
        // Rows 1..5 come from old rows 1, 2, 2, 3, 3; columns 1..4 from 1, 2, 2, 3.
        assert_eq!(m.matrix[2], [0, 2, 2, 3]);
        assert!(m.validated().is_ok());
    }

    #[test]
    fn same_size_resize_changes_nothing_and_a_ragged_matrix_still_fills() {
        assert_eq!(Methodology::default().resized(5, 5), Methodology::default());
        let ragged = Methodology {
            matrix: vec![vec![1]],
            ..Methodology::default()
        };
        let m = ragged.resized(3, 3);
        assert_eq!(m.matrix, [[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
    }

    #[test]
    fn a_rating_moves_to_the_nearest_step() {
        let big = Methodology::default();
        let small = big.clone().resized(3, 4);
        let r = |likelihood, impact| Rating { likelihood, impact };
        assert_eq!(big.map_rating(r(5, 5), &small), r(3, 4));
        assert_eq!(big.map_rating(r(1, 1), &small), r(1, 1));
        assert_eq!(big.map_rating(r(3, 2), &small), r(2, 2));
        assert_eq!(small.map_rating(r(3, 4), &big), r(5, 5));
        assert_eq!(big.map_rating(r(4, 2), &big), r(4, 2));
    }

    #[test]
    fn authorities_are_ordered() {
        assert!(Authority::Board > Authority::TopManagement);
        assert!(Authority::Isb > Authority::RiskOwner);
    }

    #[test]
    fn ratings_are_counted_per_cell() {
        let r = |likelihood, impact| Some(Rating { likelihood, impact });
        let counts = cell_counts([r(2, 3), r(2, 3), r(5, 1), None]);
        assert_eq!(counts[&(2, 3)], 2);
        assert_eq!(counts[&(5, 1)], 1);
        assert_eq!(counts.values().sum::<usize>(), 3);
    }
}
