//! Protection needs per asset and objective, and the maximum principle: a supporting asset takes
//! the highest need among the assets that depend on it, unless an override with a justification
//! says otherwise (cumulation: higher; distribution: lower). Every effective value names its source.

use std::collections::{BTreeMap, HashMap};

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

/// The fields of the protection scale and of a protection need, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const SCALE: Field = Field::new("scale");
    pub const LEVEL_NAME: Field = Field::new("level name");
    pub const LEVEL_DEFINITION: Field = Field::new("level definition");
    pub const LEVEL: Field = Field::new("level");
    pub const RATIONALE: Field = Field::new("rationale");
    pub const OBJECTIVES: Field = Field::new("objectives");
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

    /// Whether `level` is one of the scale's levels (1 to the top): what a need is validated
    /// against, and what the check reports a stored need outside of.
    pub fn holds(&self, level: u8) -> bool {
        (1..=self.max_level()).contains(&level)
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        if !(3..=4).contains(&self.levels.len()) {
            return Err(ValidationError::new(field::SCALE, "needs 3 or 4 levels"));
        }
        let levels = self
            .levels
            .into_iter()
            .map(|l| {
                Ok(ScaleLevel {
                    name: text::required_line(field::LEVEL_NAME, &l.name)?,
                    definition: text::text(field::LEVEL_DEFINITION, &l.definition)?,
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
    /// The rationale was written for an earlier level and not rewritten since (see
    /// [`rationale_stale`]); absent from snapshots while false, so older files read the same.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rationale_stale: bool,
}

impl ProtectionNeed {
    /// Checks the level against `scale` and cleans the rationale. On an asset that is not rated
    /// directly (a supporting asset) the need is an override, which needs its justification.
    pub fn validated(
        self,
        scale: &ProtectionScale,
        rated_directly: bool,
    ) -> Result<Self, ValidationError> {
        if !scale.holds(self.level) {
            return Err(ValidationError::new(
                field::LEVEL,
                format!("must be between 1 and {}", scale.max_level()),
            ));
        }
        let rationale = text::text(field::RATIONALE, &self.rationale)?;
        if needs_justification(rated_directly, &rationale) {
            return Err(ValidationError::new(
                field::RATIONALE,
                "an override needs a justification (cumulation or distribution effect)",
            ));
        }
        Ok(Self { rationale, ..self })
    }
}

impl ProtectionNeed {
    /// A need as a register gives it: the level checked and the rationale cleaned, an override
    /// kept even without its justification. An ISB's sheet rates every row; the import takes it
    /// in as it is and the readiness check asks for each missing justification, where refusing
    /// the file would only send the sheet back unchanged.
    pub fn validated_as_found(self, scale: &ProtectionScale) -> Result<Self, ValidationError> {
        self.validated(scale, true)
    }
}

/// Whether a need set on a supporting asset only repeats what it inherits: a register's rating
/// that confirms the maximum principle is not an override and need not be kept as one.
pub fn is_confirmation(effective: &EffectiveNeed) -> bool {
    matches!(
        effective.source,
        NeedSource::Override {
            effect: OverrideEffect::Confirmed,
            ..
        }
    )
}

/// The level one step up (or down) from `shown`, the level a cell shows (its own or inherited),
/// on a scale of `1..=max`: up from no level at all is the lowest level; None past either end.
pub fn stepped(shown: Option<u8>, up: bool, max: u8) -> Option<u8> {
    let next = match (shown, up) {
        (None, true) => 1,
        (None, false) => return None,
        (Some(level), true) => level.checked_add(1)?,
        (Some(level), false) => level.checked_sub(1)?,
    };
    (1..=max).contains(&next).then_some(next)
}

/// Whether writing `need` over `before` (the need stored now, if any) changes nothing: the room
/// re-confirmed the level it has and kept its rationale. Such a write is skipped, with no
/// change-log row.
pub fn is_unchanged(before: Option<&ProtectionNeed>, need: &ProtectionNeed) -> bool {
    before.is_some_and(|b| b == need)
}

/// Whether the rationale of `need`, about to replace `before`, speaks of an earlier level: the
/// level moved while the text stayed. A rationale written (or rewritten) now is current; an
/// empty one cannot be stale; otherwise the need keeps what it says (a new row from a workspace
/// file keeps its flag, an unchanged level keeps the stored flag the caller passed on).
pub fn rationale_stale(before: Option<&ProtectionNeed>, need: &ProtectionNeed) -> bool {
    if need.rationale.trim().is_empty() {
        return false;
    }
    match before {
        Some(b) if b.rationale != need.rationale => false,
        Some(b) if b.level != need.level => true,
        _ => need.rationale_stale,
    }
}

/// Whether a need on an asset lacks the justification it requires: an override on a supporting
/// asset without its rationale. The grid and the workshop view ask this before setting a level,
/// [`ProtectionNeed::validated`] refuses such a need, and the readiness check finds the ones an
/// import kept: one rule everywhere.
pub fn needs_justification(rated_directly: bool, existing_rationale: &str) -> bool {
    !rated_directly && existing_rationale.trim().is_empty()
}

/// The active protection objectives: in the order of [`Objective::ALL`], each once, at least one.
pub fn validate_objectives(objectives: &[Objective]) -> Result<Vec<Objective>, ValidationError> {
    let chosen: Vec<Objective> = Objective::ALL
        .iter()
        .copied()
        .filter(|o| objectives.contains(o))
        .collect();
    if chosen.is_empty() {
        return Err(ValidationError::new(
            field::OBJECTIVES,
            "choose at least one protection objective",
        ));
    }
    Ok(chosen)
}

/// A level of a scale with `from_levels` levels on a scale with `to_levels` levels: spread
/// proportionally, the lowest and the highest level anchored to each other, halves rounded up.
/// From 3 to 4 levels: 1→1, 2→3, 3→4; from 4 to 3: 1→1, 2→2, 3→2, 4→3. A level outside the old
/// scale counts as its nearest end; a scale of one level maps everything to 1.
pub fn map_level(level: u8, from_levels: u8, to_levels: u8) -> u8 {
    if to_levels <= 1 || from_levels <= 1 {
        return to_levels.min(1);
    }
    let (from, to) = (u32::from(from_levels), u32::from(to_levels));
    let steps = u32::from(level).clamp(1, from) - 1;
    // 1 + round_half_up(steps * (to - 1) / (from - 1)), in integers.
    let (num, den) = (steps * (to - 1), from - 1);
    let mapped = 1 + (2 * num + den) / (2 * den);
    u8::try_from(mapped.clamp(1, to)).unwrap_or(to_levels)
}

/// `needs` moved from scale `from` to scale `to` (see [`map_level`]), with one line for people
/// saying what changed: `3 levels → 4 levels: 12 ratings mapped (high → high: 5, very high →
/// very high: 7), 20 unchanged`. With as many levels as before no rating changes.
pub fn remap_needs(
    needs: &[ProtectionNeed],
    from: &ProtectionScale,
    to: &ProtectionScale,
) -> (Vec<ProtectionNeed>, String) {
    let (from_levels, to_levels) = (from.max_level(), to.max_level());
    if from_levels == to_levels {
        let summary = if from == to {
            "scale unchanged; no rating changed"
        } else {
            "names and definitions changed; no rating changed"
        };
        return (needs.to_vec(), summary.to_string());
    }
    let mut moves: BTreeMap<(u8, u8), usize> = BTreeMap::new();
    let mut unchanged = 0;
    let remapped = needs
        .iter()
        .map(|n| {
            let level = map_level(n.level, from_levels, to_levels);
            if level == n.level {
                unchanged += 1;
            } else {
                *moves.entry((n.level, level)).or_default() += 1;
            }
            ProtectionNeed { level, ..n.clone() }
        })
        .collect();
    let mapped: usize = moves.values().sum();
    let name = |scale: &ProtectionScale, level: u8| {
        scale
            .name(level)
            .map_or_else(|| format!("level {level}"), str::to_string)
    };
    let details = moves
        .iter()
        .map(|(&(old, new), count)| format!("{} → {}: {count}", name(from, old), name(to, new)))
        .collect::<Vec<_>>();
    let mut summary = format!(
        "{from_levels} levels → {to_levels} levels: {mapped} {} mapped",
        if mapped == 1 { "rating" } else { "ratings" }
    );
    if !details.is_empty() {
        summary.push_str(&format!(" ({})", details.join(", ")));
    }
    summary.push_str(&format!(", {unchanged} unchanged"));
    (remapped, summary)
}

/// How much an asset matters, from its effective levels across the objectives (`None` where
/// unrated): the highest level first, then the sum of all levels. Sorting descending by this puts
/// the crown jewels on top; an unrated asset ranks `(0, 0)`.
pub fn crown_jewel_rank(effective: &[Option<u8>]) -> (u8, u32) {
    effective
        .iter()
        .flatten()
        .fold((0, 0), |(max, sum), &l| (max.max(l), sum + u32::from(l)))
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
mod tests;
