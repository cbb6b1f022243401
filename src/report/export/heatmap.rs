//! The heat maps of the risk register: how many risks lie in each likelihood x impact cell,
//! before treatment (inherent) and after (residual), each cell with its level and colour.

use crate::domain::methodology::{Methodology, Rating, cell_counts};
use crate::domain::risk::Risk;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatCell {
    pub count: usize,
    pub level: String,
    pub colour: String,
}

/// A matrix with the highest likelihood in the first row and the lowest impact in the first
/// column, as a risk matrix is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatMap {
    pub title: String,
    /// Likelihood step names, highest first (the row labels).
    pub likelihood: Vec<String>,
    /// Impact step names, lowest first (the column labels).
    pub impact: Vec<String>,
    pub rows: Vec<Vec<HeatCell>>,
    /// Risks without this rating.
    pub unrated: usize,
}

/// The inherent and the residual heat map.
pub fn heat_maps(m: &Methodology, risks: &[Risk]) -> Vec<HeatMap> {
    vec![
        heat_map(m, "Inherent risk", risks.iter().map(|r| r.inherent)),
        heat_map(m, "Residual risk", risks.iter().map(|r| r.residual)),
    ]
}

fn heat_map(
    m: &Methodology,
    title: &str,
    ratings: impl Iterator<Item = Option<Rating>>,
) -> HeatMap {
    let (steps_l, steps_i) = m.size();
    let ratings: Vec<Option<Rating>> = ratings.collect();
    let by_cell = cell_counts(ratings.iter().copied());
    let count = |l: usize, i: usize| {
        let cell = u8::try_from(l + 1).ok().zip(u8::try_from(i + 1).ok());
        cell.and_then(|c| by_cell.get(&c)).copied().unwrap_or(0)
    };
    // A rating off the matrix (an older, larger methodology) counts as unrated, as before.
    let placed: usize = (0..steps_l)
        .flat_map(|l| (0..steps_i).map(move |i| (l, i)))
        .map(|(l, i)| count(l, i))
        .sum();
    let unrated = ratings.len() - placed;
    let rows = (0..steps_l)
        .rev()
        .map(|l| {
            (0..steps_i)
                .map(|i| {
                    let level = u8::try_from(l + 1)
                        .ok()
                        .zip(u8::try_from(i + 1).ok())
                        .and_then(|(likelihood, impact)| m.level(Rating { likelihood, impact }));
                    HeatCell {
                        count: count(l, i),
                        level: level.map(|x| x.name.clone()).unwrap_or_default(),
                        colour: level.map(|x| x.colour.clone()).unwrap_or_default(),
                    }
                })
                .collect()
        })
        .collect();
    HeatMap {
        title: title.to_string(),
        likelihood: m.likelihood.iter().rev().map(|s| s.name.clone()).collect(),
        impact: m.impact.iter().map(|s| s.name.clone()).collect(),
        rows,
        unrated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_land_in_their_cells_highest_likelihood_first() {
        let m = Methodology::default();
        let mut a = Risk::new("a");
        a.inherent = Some(Rating {
            likelihood: 5,
            impact: 1,
        });
        let b = Risk::new("b");
        let maps = heat_maps(&m, &[a, b]);
        assert_eq!(maps[0].rows[0][0].count, 1);
        assert_eq!(maps[0].unrated, 1);
        assert_eq!(maps[1].unrated, 2);
        assert_eq!(maps[0].likelihood[0], "almost certain");
        assert!(!maps[0].rows[0][0].colour.is_empty());
    }
}
