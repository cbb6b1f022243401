//! The Statement of Applicability (6.1.3 d): a decision per control with reasons, justification
//! and implementation status. "Risk treatment" as a reason is derived from the treatment plan,
//! never typed. An excluded Annex A control may name the custom control that covers it.
//! Issued versions of the SoA are snapshots, compared in [`version`].

pub mod version;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::control::{Control, display_ref};
use super::text::{self, ValidationError};
use super::treatment::Action;
use crate::string_enum;

pub use version::{
    Gaps, ReviewDue, SoaChange, SoaSnapshotRow, SoaVersion, changed_since, diff, issued, latest,
    review_due, snapshot,
};

string_enum!(
    Applicability {
        Undecided => "undecided", "Undecided",
        Applicable => "applicable", "Applicable",
        NotApplicable => "not_applicable", "Not applicable",
    }
);

string_enum!(
    /// Reasons a user records; risk treatment is derived and so not among them.
    Reason {
        Legal => "legal", "Legal or regulatory",
        Contractual => "contractual", "Contractual",
        Business => "business", "Business requirement or good practice",
    }
);

string_enum!(
    ImplementationStatus {
        NotStarted => "not_started", "Not started",
        Planned => "planned", "Planned",
        Partial => "partial", "Partially implemented",
        Implemented => "implemented", "Implemented",
    }
);

/// The code of the derived reason, listed before the recorded ones.
pub const RISK_TREATMENT: &str = "risk_treatment";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoaEntry {
    pub control: String,
    pub applicability: Applicability,
    pub reasons: Vec<Reason>,
    pub justification: String,
    pub exclusion_justification: String,
    pub status: ImplementationStatus,
    pub owner: String,
    /// Evidence or records that prove the control works: free text or document references.
    pub evidence: String,
    /// For an excluded control: the custom control (`C-004`) that covers it instead.
    #[serde(default)]
    pub covered_by: Option<String>,
    /// When a planned (or partially implemented) control is to be in place. Kept whatever the
    /// status: an implemented control keeps the date it was due.
    #[serde(default)]
    pub target_date: Option<NaiveDate>,
}

impl SoaEntry {
    pub fn undecided(control: &str) -> Self {
        Self {
            control: control.to_string(),
            applicability: Applicability::Undecided,
            reasons: Vec::new(),
            justification: String::new(),
            exclusion_justification: String::new(),
            status: ImplementationStatus::NotStarted,
            owner: String::new(),
            evidence: String::new(),
            covered_by: None,
            target_date: None,
        }
    }

    /// The text rules only: trimmed fields, reasons sorted once each, an empty "covered by"
    /// as none. The decision rules are [`check_decision`].
    pub fn validated(self) -> Result<Self, ValidationError> {
        let mut reasons = self.reasons;
        reasons.sort();
        reasons.dedup();
        let covered_by = match &self.covered_by {
            Some(key) => Some(text::line(field::COVERED_BY, key)?).filter(|k| !k.is_empty()),
            None => None,
        };
        Ok(Self {
            justification: text::text(field::JUSTIFICATION, &self.justification)?,
            exclusion_justification: text::text(
                field::EXCLUSION_JUSTIFICATION,
                &self.exclusion_justification,
            )?,
            owner: text::line(field::OWNER, &self.owner)?,
            evidence: text::text(field::EVIDENCE, &self.evidence)?,
            reasons,
            covered_by,
            ..self
        })
    }
}

/// The fields of an SoA entry, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const APPLICABILITY: Field = Field::new("applicability");
    pub const JUSTIFICATION: Field = Field::new("justification");
    pub const EXCLUSION_JUSTIFICATION: Field = Field::new("exclusion justification");
    pub const OWNER: Field = Field::new("owner");
    pub const EVIDENCE: Field = Field::new("evidence");
    pub const COVERED_BY: Field = Field::new("covered by");
    pub const REASONS: Field = Field::new("reasons");
    pub const STATUS: Field = Field::new("status");
    pub const TARGET_DATE: Field = Field::new("target date");
    /// The documents of the register that evidence the control.
    pub const DOCUMENTS: Field = Field::new("documents");
}

/// The custom control an entry names as covering it: trimmed, an empty name as none.
pub fn named_cover(entry: &SoaEntry) -> Option<&str> {
    entry
        .covered_by
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
}

/// Whether a custom control among `controls` covers the entry's control: the entry names it,
/// and it lists the control among those it covers.
pub fn is_covered(entry: &SoaEntry, controls: &[Control]) -> bool {
    let Some(key) = named_cover(entry) else {
        return false;
    };
    controls
        .iter()
        .any(|c| !c.is_annex_a() && c.key == key && c.covers.contains(&entry.control))
}

/// Whether an exclusion justification applies to a control decided so: to an excluded one, and
/// to one not yet decided (it may be about to be excluded); not to an applicable one.
pub fn exclusion_justification_applies(applicability: Applicability) -> bool {
    applicability != Applicability::Applicable
}

/// Whether the entry excludes its control without a justification, and no custom control
/// among `controls` covers it instead.
pub fn exclusion_unjustified(entry: &SoaEntry, controls: &[Control]) -> bool {
    entry.applicability == Applicability::NotApplicable
        && entry.exclusion_justification.trim().is_empty()
        && !is_covered(entry, controls)
}

/// Whether the entry says its control works without evidence that it does: applicable (as
/// decided, or derived from a treatment: `treated`), implemented or partially implemented, and
/// no evidence named.
pub fn lacks_evidence(entry: &SoaEntry, treated: bool) -> bool {
    applicability(entry, treated) == Applicability::Applicable
        && claims_implementation(entry)
        && entry.evidence.trim().is_empty()
}

/// Whether the entry says its control is implemented, in full or in part.
pub fn claims_implementation(entry: &SoaEntry) -> bool {
    matches!(
        entry.status,
        ImplementationStatus::Implemented | ImplementationStatus::Partial
    )
}

/// Whether the entry plans its applicable control without saying by when.
pub fn planned_without_target(entry: &SoaEntry, treated: bool) -> bool {
    applicability(entry, treated) == Applicability::Applicable
        && entry.status == ImplementationStatus::Planned
        && entry.target_date.is_none()
}

/// Whether a custom control, as its own SoA entry among `entries` says, is in place: applicable,
/// implemented or partially implemented, with evidence. A custom control without an entry is not.
pub fn custom_in_place(key: &str, entries: &[SoaEntry]) -> bool {
    entries.iter().any(|e| {
        e.control == key
            && e.applicability == Applicability::Applicable
            && claims_implementation(e)
            && !e.evidence.trim().is_empty()
    })
}

/// The custom control an excluded entry names as covering it (see [`is_covered`]) when that
/// control is not in place ([`custom_in_place`]): planned, not started, excluded itself, or
/// without evidence. The exclusion then rests on something that does not exist yet.
pub fn cover_not_in_place<'a>(
    entry: &'a SoaEntry,
    controls: &[Control],
    entries: &[SoaEntry],
) -> Option<&'a str> {
    if entry.applicability != Applicability::NotApplicable || !is_covered(entry, controls) {
        return None;
    }
    named_cover(entry).filter(|key| !custom_in_place(key, entries))
}

/// Whether the entry excludes a control that implements a risk treatment (`treats`: some
/// action that is not cancelled names it for a risk), which cannot be.
pub fn excludes_treatment(entry: &SoaEntry, treats: bool) -> bool {
    entry.applicability == Applicability::NotApplicable && treats
}

/// The strict rules for a decision saved from the app. `treated_risks` are the human
/// references of the risks whose treatment the control implements (`R-001`, or `R-001 Title`:
/// only the reference is quoted); `custom_controls` are the workspace's custom controls.
///
/// - a control that implements a risk treatment cannot be excluded ([`excludes_treatment`]);
/// - an exclusion needs its justification, unless a custom control covers the control
///   ([`exclusion_unjustified`]);
/// - only an excluded control can be covered, and only by a custom control that lists it.
pub fn check_decision(
    entry: &SoaEntry,
    treated_risks: &[String],
    custom_controls: &[Control],
) -> Result<(), ValidationError> {
    let shown = display_ref(&entry.control);
    if excludes_treatment(entry, !treated_risks.is_empty()) {
        let refs: Vec<&str> = treated_risks
            .iter()
            .filter_map(|r| r.split_whitespace().next())
            .collect();
        return Err(ValidationError::new(
            field::APPLICABILITY,
            format!(
                "{shown} cannot be excluded: it implements the treatment of {}",
                refs.join(", ")
            ),
        ));
    }
    if let Some(key) = named_cover(entry) {
        if entry.applicability != Applicability::NotApplicable {
            return Err(ValidationError::new(
                field::COVERED_BY,
                "only an excluded control can be covered by a custom control",
            ));
        }
        if !custom_controls
            .iter()
            .any(|c| !c.is_annex_a() && c.key == key)
        {
            return Err(ValidationError::new(
                field::COVERED_BY,
                format!("{key} is not a custom control of this workspace"),
            ));
        }
        if !is_covered(entry, custom_controls) {
            return Err(ValidationError::new(
                field::COVERED_BY,
                format!("{key} does not cover {shown}"),
            ));
        }
    }
    if exclusion_unjustified(entry, custom_controls) {
        return Err(ValidationError::new(
            field::EXCLUSION_JUSTIFICATION,
            "required for an excluded control (or name the custom control that covers it)",
        ));
    }
    Ok(())
}

/// The applicability an entry has once the treatment plan is counted: an undecided control that a
/// treatment action implements (`treated`) is applicable, derived like its reason. A recorded
/// decision stands; an exclusion of such a control is a contradiction that
/// [`excludes_treatment`] names, never silently overridden.
pub fn applicability(entry: &SoaEntry, treated: bool) -> Applicability {
    match entry.applicability {
        Applicability::Undecided if treated => Applicability::Applicable,
        decided => decided,
    }
}

/// Whether the entry is applicable only because a treatment action implements it.
pub fn applicable_by_treatment(entry: &SoaEntry, treated: bool) -> bool {
    entry.applicability == Applicability::Undecided && treated
}

/// The code shown for the implementation of an excluded control, which has none.
pub const EXCLUDED: &str = "excluded";

/// The implementation code a listing or an export shows: `excluded` for an excluded control
/// (its stored status means nothing), else the status.
pub fn status_code(entry: &SoaEntry) -> &'static str {
    match entry.applicability {
        Applicability::NotApplicable => EXCLUDED,
        _ => entry.status.as_str(),
    }
}

/// The reason codes of an entry: `risk_treatment` first when the control treats a risk, then
/// the recorded reasons in their order.
pub fn reasons_with_derived(entry: &SoaEntry, treated: bool) -> Vec<&'static str> {
    let derived = treated.then_some(RISK_TREATMENT);
    derived
        .into_iter()
        .chain(entry.reasons.iter().map(|r| r.as_str()))
        .collect()
}

/// How far the SoA is: decisions and, among applicable controls, implementation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SoaProgress {
    pub undecided: usize,
    pub excluded: usize,
    pub applicable: usize,
    pub implemented: usize,
    pub partial: usize,
    pub planned: usize,
    pub not_started: usize,
}

/// [`SoaProgress`] of `entries`, with the applicability derived from the treatment plan
/// (`actions`, see [`applicability`]).
pub fn progress(entries: &[SoaEntry], actions: &[Action]) -> SoaProgress {
    let treated = treated_risks_by_control(actions);
    let mut p = SoaProgress::default();
    for e in entries {
        match applicability(e, treated.contains_key(&e.control)) {
            Applicability::Undecided => p.undecided += 1,
            Applicability::NotApplicable => p.excluded += 1,
            Applicability::Applicable => {
                p.applicable += 1;
                match e.status {
                    ImplementationStatus::Implemented => p.implemented += 1,
                    ImplementationStatus::Partial => p.partial += 1,
                    ImplementationStatus::Planned => p.planned += 1,
                    ImplementationStatus::NotStarted => p.not_started += 1,
                }
            }
        }
    }
    p
}

/// Row ids of the risks treated by the actions that implement `control`, sorted: the derived
/// "risk treatment" reason. Cancelled actions do not count.
pub fn treated_risks(control: &str, actions: &[Action]) -> Vec<i64> {
    let mut risks: Vec<i64> = actions
        .iter()
        .filter(|a| a.treats() && a.controls.iter().any(|c| c == control))
        .flat_map(|a| a.risks.iter().copied())
        .collect();
    risks.sort();
    risks.dedup();
    risks
}

/// [`treated_risks`] for every control at once, in one pass over the actions; controls that
/// treat nothing are absent.
pub fn treated_risks_by_control(actions: &[Action]) -> HashMap<String, Vec<i64>> {
    let mut map: HashMap<String, Vec<i64>> = HashMap::new();
    for a in actions.iter().filter(|a| a.treats() && !a.risks.is_empty()) {
        for c in &a.controls {
            map.entry(c.clone()).or_default().extend(&a.risks);
        }
    }
    for risks in map.values_mut() {
        risks.sort();
        risks.dedup();
    }
    map
}

#[cfg(test)]
mod tests;
