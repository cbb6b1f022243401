//! Protection needs per asset and objective, and the maximum principle: a supporting asset takes
//! the highest need among the assets that depend on it, unless an override with a justification
//! says otherwise (cumulation: higher; distribution: lower). Every effective value names its source.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::asset::{Asset, Dependency};
use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    Objective {
        Confidentiality => "confidentiality", "Confidentiality",
        Integrity => "integrity", "Integrity",
        Availability => "availability", "Availability",
        Authenticity => "authenticity", "Authenticity",
        NonRepudiation => "non_repudiation", "Non-repudiation",
        Accountability => "accountability", "Accountability",
        Privacy => "privacy", "Privacy",
    }
);

impl Objective {
    pub const TRIAD: [Objective; 3] = [
        Objective::Confidentiality,
        Objective::Integrity,
        Objective::Availability,
    ];

    /// One letter for grid headers.
    pub fn letter(self) -> &'static str {
        match self {
            Objective::Confidentiality => "C",
            Objective::Integrity => "I",
            Objective::Availability => "A",
            Objective::Authenticity => "Au",
            Objective::NonRepudiation => "NR",
            Objective::Accountability => "Ac",
            Objective::Privacy => "P",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLevel {
    pub name: String,
    pub definition: String,
}

/// The protection-need scale; level numbers start at 1 (the lowest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtectionScale {
    pub levels: Vec<ScaleLevel>,
}

impl Default for ProtectionScale {
    fn default() -> Self {
        let level = |name: &str, definition: &str| ScaleLevel {
            name: name.into(),
            definition: definition.into(),
        };
        Self {
            levels: vec![
                level("normal", "The damage would be limited and manageable."),
                level("high", "The damage could be considerable."),
                level(
                    "very high",
                    "The damage could threaten the organisation's existence; catastrophic.",
                ),
            ],
        }
    }
}

impl ProtectionScale {
    pub fn name(&self, level: u8) -> Option<&str> {
        self.levels
            .get(usize::from(level).checked_sub(1)?)
            .map(|l| l.name.as_str())
    }

    pub fn max_level(&self) -> u8 {
        u8::try_from(self.levels.len()).unwrap_or(u8::MAX)
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        if !(3..=4).contains(&self.levels.len()) {
            return Err(ValidationError::new("scale", "needs 3 or 4 levels"));
        }
        let levels = self
            .levels
            .into_iter()
            .map(|l| {
                Ok(ScaleLevel {
                    name: text::required_line("level name", &l.name)?,
                    definition: text::text("level definition", &l.definition)?,
                })
            })
            .collect::<Result<_, ValidationError>>()?;
        Ok(Self { levels })
    }
}

/// A need set on an asset for one objective. On a supporting asset it is an override of the
/// inherited value, and its rationale is the justification the override requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtectionNeed {
    pub asset: i64,
    pub objective: Objective,
    pub level: u8,
    pub rationale: String,
}

impl ProtectionNeed {
    pub fn validated(self, scale: &ProtectionScale) -> Result<Self, ValidationError> {
        if self.level == 0 || self.level > scale.max_level() {
            return Err(ValidationError::new(
                "level",
                format!("must be between 1 and {}", scale.max_level()),
            ));
        }
        Ok(Self {
            rationale: text::text("rationale", &self.rationale)?,
            ..self
        })
    }
}

string_enum!(
    OverrideEffect {
        Cumulation => "cumulation", "Cumulation (higher)",
        Distribution => "distribution", "Distribution (lower)",
        Confirmed => "confirmed", "Confirmed (equal)",
        NothingInherited => "nothing_inherited", "Set without inheritance",
    }
);

/// Where an effective value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum NeedSource {
    /// Rated directly on a primary asset or an intangible.
    Own,
    /// The maximum of the assets that depend on it; `from` supplied the value.
    Inherited { from: i64 },
    /// Set on a supporting asset against what it would inherit.
    Override {
        inherited: Option<u8>,
        from: Option<i64>,
        effect: OverrideEffect,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EffectiveNeed {
    pub level: u8,
    #[serde(flatten)]
    pub source: NeedSource,
}

/// Effective needs of every asset for one objective; unrated assets are absent.
pub fn effective_needs(
    assets: &[Asset],
    dependencies: &[Dependency],
    needs: &[ProtectionNeed],
    objective: Objective,
) -> HashMap<i64, EffectiveNeed> {
    let direct: HashMap<i64, u8> = assets
        .iter()
        .filter(|a| a.kind.is_rated_directly())
        .map(|a| (a.id, 0))
        .collect();
    let set: HashMap<i64, u8> = needs
        .iter()
        .filter(|n| n.objective == objective)
        .map(|n| (n.asset, n.level))
        .collect();
    // Who depends on each asset: the assets it serves.
    let mut served_by: HashMap<i64, Vec<i64>> = HashMap::new();
    for d in dependencies {
        served_by.entry(d.depends_on).or_default().push(d.asset);
    }
    let mut out = HashMap::new();
    let mut visiting = Vec::new();
    for a in assets {
        resolve(a.id, &direct, &set, &served_by, &mut out, &mut visiting);
    }
    out
}

fn resolve(
    id: i64,
    direct: &HashMap<i64, u8>,
    set: &HashMap<i64, u8>,
    served_by: &HashMap<i64, Vec<i64>>,
    out: &mut HashMap<i64, EffectiveNeed>,
    visiting: &mut Vec<i64>,
) -> Option<EffectiveNeed> {
    if let Some(e) = out.get(&id) {
        return Some(*e);
    }
    if direct.contains_key(&id) {
        let e = EffectiveNeed {
            level: *set.get(&id)?,
            source: NeedSource::Own,
        };
        out.insert(id, e);
        return Some(e);
    }
    // The graph is kept acyclic on write; this guard keeps a damaged file from looping.
    if visiting.contains(&id) {
        return None;
    }
    visiting.push(id);
    let mut inherited: Option<(u8, i64)> = None;
    for &user in served_by.get(&id).into_iter().flatten() {
        if let Some(e) = resolve(user, direct, set, served_by, out, visiting) {
            let better = match inherited {
                None => true,
                Some((level, from)) => e.level > level || (e.level == level && user < from),
            };
            if better {
                inherited = Some((e.level, user));
            }
        }
    }
    visiting.pop();
    let effective = match (set.get(&id), inherited) {
        (Some(&level), inherited) => {
            let effect = match inherited {
                None => OverrideEffect::NothingInherited,
                Some((i, _)) if level > i => OverrideEffect::Cumulation,
                Some((i, _)) if level < i => OverrideEffect::Distribution,
                Some(_) => OverrideEffect::Confirmed,
            };
            EffectiveNeed {
                level,
                source: NeedSource::Override {
                    inherited: inherited.map(|(l, _)| l),
                    from: inherited.map(|(_, f)| f),
                    effect,
                },
            }
        }
        (None, Some((level, from))) => EffectiveNeed {
            level,
            source: NeedSource::Inherited { from },
        },
        (None, None) => return None,
    };
    out.insert(id, effective);
    Some(effective)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::asset::AssetKind;

    fn asset(id: i64, kind: AssetKind) -> Asset {
        Asset {
            id,
            ..Asset::new(kind, "x")
        }
    }

    fn need(asset: i64, level: u8) -> ProtectionNeed {
        ProtectionNeed {
            asset,
            objective: Objective::Confidentiality,
            level,
            rationale: String::new(),
        }
    }

    fn dep(asset: i64, depends_on: i64) -> Dependency {
        Dependency { asset, depends_on }
    }

    #[test]
    fn supporting_asset_takes_the_maximum_through_chains() {
        // 1 info (high), 2 process (normal) -> 3 software -> 4 server
        let assets = [
            asset(1, AssetKind::Information),
            asset(2, AssetKind::Process),
            asset(3, AssetKind::Software),
            asset(4, AssetKind::Hardware),
        ];
        let deps = [dep(1, 3), dep(2, 3), dep(3, 4)];
        let needs = [need(1, 2), need(2, 1)];
        let e = effective_needs(&assets, &deps, &needs, Objective::Confidentiality);
        assert_eq!(
            e[&3],
            EffectiveNeed {
                level: 2,
                source: NeedSource::Inherited { from: 1 }
            }
        );
        assert_eq!(e[&4].level, 2);
        assert_eq!(e[&4].source, NeedSource::Inherited { from: 3 });
        assert_eq!(e[&1].source, NeedSource::Own);
    }

    #[test]
    fn override_names_its_effect() {
        let assets = [
            asset(1, AssetKind::Information),
            asset(3, AssetKind::Hardware),
        ];
        let deps = [dep(1, 3)];
        let e = effective_needs(
            &assets,
            &deps,
            &[need(1, 1), need(3, 3)],
            Objective::Confidentiality,
        );
        assert_eq!(
            e[&3],
            EffectiveNeed {
                level: 3,
                source: NeedSource::Override {
                    inherited: Some(1),
                    from: Some(1),
                    effect: OverrideEffect::Cumulation
                }
            }
        );
        let e = effective_needs(
            &assets,
            &deps,
            &[need(1, 3), need(3, 2)],
            Objective::Confidentiality,
        );
        assert!(matches!(
            e[&3].source,
            NeedSource::Override {
                effect: OverrideEffect::Distribution,
                ..
            }
        ));
    }

    #[test]
    fn unrated_and_other_objectives_are_absent() {
        let assets = [asset(1, AssetKind::Information), asset(2, AssetKind::Site)];
        let e = effective_needs(
            &assets,
            &[dep(1, 2)],
            &[need(1, 2)],
            Objective::Availability,
        );
        assert!(e.is_empty());
    }

    #[test]
    fn a_cycle_in_damaged_data_does_not_loop() {
        let assets = [asset(1, AssetKind::Software), asset(2, AssetKind::Hardware)];
        let e = effective_needs(
            &assets,
            &[dep(1, 2), dep(2, 1)],
            &[],
            Objective::Confidentiality,
        );
        assert!(e.is_empty());
    }

    #[test]
    fn level_must_fit_the_scale() {
        let scale = ProtectionScale::default();
        assert!(need(1, 4).validated(&scale).is_err());
        assert!(need(1, 0).validated(&scale).is_err());
        assert!(need(1, 3).validated(&scale).is_ok());
        assert_eq!(scale.name(3), Some("very high"));
        assert_eq!(scale.name(0), None);
    }
}
