//! Issued versions of the SoA: each is a snapshot of every decision at the time it was
//! approved, so that the next review can see what changed since.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    Applicability, ImplementationStatus, SoaEntry, applicability, reasons_with_derived,
    treated_risks_by_control,
};
use crate::domain::control::{Control, display_ref, key_order};
use crate::domain::text::{self, ValidationError};
use crate::domain::treatment::Action;

/// The fields of an issued SoA version and its rows, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const APPROVER: Field = Field::new("approver");
    pub const ISSUED_ON: Field = Field::new("issued on");
    pub const NOTE: Field = Field::new("note");
    pub const CONTROL: Field = Field::new("control");
    pub const TITLE: Field = Field::new("title");
    pub const REASONS: Field = Field::new("reasons");
    pub const JUSTIFICATION: Field = Field::new("justification");
    pub const EXCLUSION_JUSTIFICATION: Field = Field::new("exclusion justification");
    pub const COVERED_BY: Field = Field::new("covered by");
    pub const OWNER: Field = Field::new("owner");
    /// Whoever issues an SoA with gaps says so.
    pub const GAPS_ACCEPTED: Field = Field::new("issue with gaps");
}

/// One control's decision as a version recorded it; `reasons` are codes, the derived
/// `risk_treatment` included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoaSnapshotRow {
    pub control: String,
    pub title: String,
    pub applicability: Applicability,
    pub reasons: Vec<String>,
    pub justification: String,
    pub exclusion_justification: String,
    pub covered_by: Option<String>,
    pub status: ImplementationStatus,
    pub owner: String,
}

/// An issued, approved SoA: `v1`, `v2`... with its date, approver and the decisions it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoaVersion {
    pub id: i64,
    pub number: u32,
    pub issued_on: NaiveDate,
    pub approver: String,
    pub note: String,
    pub rows: Vec<SoaSnapshotRow>,
}

impl SoaVersion {
    /// `v3`.
    pub fn label(&self) -> String {
        format!("v{}", self.number)
    }

    /// How many controls this version left undecided.
    pub fn undecided(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.applicability == Applicability::Undecided)
            .count()
    }

    /// Whether this version was issued while controls were undecided (its issuer accepted the
    /// gaps): the SoA is incomplete until a version without them is issued.
    pub fn issued_incomplete(&self) -> bool {
        self.undecided() > 0
    }

    /// The version that replaced this one among `versions`: the next one issued, if any. A
    /// version is never deleted; a newer one supersedes it.
    pub fn superseded_by<'a>(&self, versions: &'a [SoaVersion]) -> Option<&'a SoaVersion> {
        versions
            .iter()
            .filter(|v| v.number > self.number)
            .min_by_key(|v| v.number)
    }

    /// The version with every text checked by the rules of its field, the decisions it holds
    /// included: an imported version is text like any other, whoever wrote the file.
    pub fn validated(self) -> Result<Self, ValidationError> {
        let rows = self
            .rows
            .into_iter()
            .map(SoaSnapshotRow::validated)
            .collect::<Result<_, _>>()?;
        Ok(Self {
            approver: text::required_line(field::APPROVER, &self.approver)?,
            note: text::text(field::NOTE, &self.note)?,
            rows,
            ..self
        })
    }
}

/// Why the last version of the SoA is due for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewDue {
    /// It was issued more than [`REVIEW_MONTHS`] months ago.
    Old,
    /// A risk's rating changed after it was issued, on this day.
    RatingChanged(NaiveDate),
}

/// How long an issued SoA stands before it is reviewed: a year.
pub const REVIEW_MONTHS: u32 = 12;

/// Whether `last`, the SoA's last version, is due for review on `today`: issued more than
/// twelve months ago, or before the latest change of a risk's rating (`last_rating_change`).
/// The age comes first: it is the older reason.
pub fn review_due(
    last: &SoaVersion,
    last_rating_change: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<ReviewDue> {
    let due = last
        .issued_on
        .checked_add_months(chrono::Months::new(REVIEW_MONTHS));
    if due.is_some_and(|due| today > due) {
        return Some(ReviewDue::Old);
    }
    last_rating_change
        .filter(|&changed| changed > last.issued_on)
        .map(ReviewDue::RatingChanged)
}

impl SoaSnapshotRow {
    /// The implementation code a document shows for this row: `excluded` for a control the
    /// version excluded (its stored status means nothing), else the status.
    pub fn status_code(&self) -> &'static str {
        match self.applicability {
            Applicability::NotApplicable => super::EXCLUDED,
            _ => self.status.as_str(),
        }
    }

    fn validated(self) -> Result<Self, ValidationError> {
        let covered_by = self
            .covered_by
            .map(|key| text::line(field::COVERED_BY, &key))
            .transpose()?;
        let reasons = self
            .reasons
            .iter()
            .map(|r| text::line(field::REASONS, r))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            control: text::required_line(field::CONTROL, &self.control)?,
            title: text::line(field::TITLE, &self.title)?,
            reasons,
            justification: text::text(field::JUSTIFICATION, &self.justification)?,
            exclusion_justification: text::text(
                field::EXCLUSION_JUSTIFICATION,
                &self.exclusion_justification,
            )?,
            covered_by,
            owner: text::line(field::OWNER, &self.owner)?,
            ..self
        })
    }
}

/// The SoA as it stands, one row per control in `controls`' order; a control without an entry
/// counts as undecided.
pub fn snapshot(
    controls: &[Control],
    entries: &[SoaEntry],
    actions: &[Action],
) -> Vec<SoaSnapshotRow> {
    let entries: HashMap<&str, &SoaEntry> =
        entries.iter().map(|e| (e.control.as_str(), e)).collect();
    let treated = treated_risks_by_control(actions);
    controls
        .iter()
        .map(|c| {
            let undecided;
            let entry = match entries.get(c.key.as_str()) {
                Some(e) => *e,
                None => {
                    undecided = SoaEntry::undecided(&c.key);
                    &undecided
                }
            };
            SoaSnapshotRow {
                control: c.key.clone(),
                title: c.title.clone(),
                applicability: applicability(entry, treated.contains_key(&c.key)),
                reasons: reasons_with_derived(entry, treated.contains_key(&c.key))
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                justification: entry.justification.clone(),
                exclusion_justification: entry.exclusion_justification.clone(),
                covered_by: entry.covered_by.clone(),
                status: entry.status,
                owner: entry.owner.clone(),
            }
        })
        .collect()
}

/// What an SoA about to be issued leaves open that an auditor will ask about, as control
/// references (`A.5.1`): undecided controls, exclusions without a justification (and no
/// custom control covering them), applicable controls without a reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gaps {
    pub undecided: Vec<String>,
    pub unjustified: Vec<String>,
    pub without_reason: Vec<String>,
}

/// How many references a line of [`Gaps::lines`] lists before `and N more`.
const LISTED: usize = 6;

impl Gaps {
    /// The gaps of `rows` (a [`snapshot`]); `controls` tell which custom control covers what.
    pub fn of(rows: &[SoaSnapshotRow], controls: &[Control]) -> Self {
        let covered = |row: &SoaSnapshotRow| {
            row.covered_by.as_deref().map(str::trim).is_some_and(|key| {
                controls
                    .iter()
                    .any(|c| !c.is_annex_a() && c.key == key && c.covers.contains(&row.control))
            })
        };
        let mut gaps = Self::default();
        for row in rows {
            let list = match row.applicability {
                Applicability::Undecided => &mut gaps.undecided,
                Applicability::NotApplicable
                    if row.exclusion_justification.trim().is_empty() && !covered(row) =>
                {
                    &mut gaps.unjustified
                }
                Applicability::Applicable if row.reasons.is_empty() => &mut gaps.without_reason,
                _ => continue,
            };
            list.push(display_ref(&row.control));
        }
        gaps
    }

    pub fn is_empty(&self) -> bool {
        self.undecided.is_empty() && self.unjustified.is_empty() && self.without_reason.is_empty()
    }

    /// Each kind of gap with its controls, always in this order.
    pub fn kinds(&self) -> [(&'static str, &[String]); 3] {
        [
            ("undecided", &self.undecided),
            ("excluded without a justification", &self.unjustified),
            ("applicable without a reason", &self.without_reason),
        ]
    }

    /// The first references and how many more: `A.5.1, A.5.2 and 82 more`.
    pub fn listed(refs: &[String]) -> String {
        let mut listed = refs
            .iter()
            .take(LISTED)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if refs.len() > LISTED {
            listed.push_str(&format!(" and {} more", refs.len() - LISTED));
        }
        listed
    }

    /// One line per kind of gap there is: `88 undecided: A.5.1, A.5.2, … and 82 more`.
    pub fn lines(&self) -> Vec<String> {
        self.kinds()
            .into_iter()
            .filter(|(_, refs)| !refs.is_empty())
            .map(|(what, refs)| format!("{} {what}: {}", refs.len(), Self::listed(refs)))
            .collect()
    }

    /// Issuing with gaps needs whoever issues to say so (`accepted`); without gaps nothing is
    /// asked.
    pub fn check_accepted(&self, accepted: bool) -> Result<(), ValidationError> {
        if accepted || self.is_empty() {
            return Ok(());
        }
        Err(ValidationError::new(
            field::GAPS_ACCEPTED,
            format!(
                "the SoA has gaps ({}): decide them first, or confirm issuing with them",
                self.lines()
                    .iter()
                    .filter_map(|l| l.split(':').next())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ))
    }
}

/// What changed for one control between two snapshots: the names of the fields that differ,
/// or `control` when the control is in only one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SoaChange {
    pub control: String,
    pub fields: Vec<&'static str>,
}

/// The fields of `a` and `b` that differ, by their names on screen.
fn changed_fields(a: &SoaSnapshotRow, b: &SoaSnapshotRow) -> Vec<&'static str> {
    [
        ("applicability", a.applicability != b.applicability),
        ("reasons", a.reasons != b.reasons),
        ("justification", a.justification != b.justification),
        (
            "exclusion justification",
            a.exclusion_justification != b.exclusion_justification,
        ),
        ("covered by", a.covered_by != b.covered_by),
        ("status", a.status != b.status),
        ("owner", a.owner != b.owner),
    ]
    .into_iter()
    .filter_map(|(name, differs)| differs.then_some(name))
    .collect()
}

/// Every control whose decision differs between `previous` and `current`, in control order
/// (Annex A numerically, then custom controls); unchanged controls are left out.
pub fn diff(previous: &[SoaSnapshotRow], current: &[SoaSnapshotRow]) -> Vec<SoaChange> {
    let before: HashMap<&str, &SoaSnapshotRow> =
        previous.iter().map(|r| (r.control.as_str(), r)).collect();
    let now: HashMap<&str, &SoaSnapshotRow> =
        current.iter().map(|r| (r.control.as_str(), r)).collect();
    let mut changes: Vec<SoaChange> = current
        .iter()
        .filter_map(|row| {
            let fields = match before.get(row.control.as_str()) {
                None => vec!["control"],
                Some(old) => changed_fields(old, row),
            };
            (!fields.is_empty()).then(|| SoaChange {
                control: row.control.clone(),
                fields,
            })
        })
        .chain(
            previous
                .iter()
                .filter(|row| !now.contains_key(row.control.as_str()))
                .map(|row| SoaChange {
                    control: row.control.clone(),
                    fields: vec!["control"],
                }),
        )
        .collect();
    changes.sort_by_key(|c| key_order(&c.control));
    changes
}

impl SoaChange {
    /// What changed, as a document's cell says it: `new since v1` for a control the version did
    /// not hold, else the fields (`status, owner`).
    pub fn summary(&self, version: &SoaVersion) -> String {
        if self.fields == ["control"] {
            format!("new since {}", version.label())
        } else {
            self.fields.join(", ")
        }
    }
}

/// The SoA as it stands compared with `version`: each control of `current` that changed since,
/// by its key, with what changed. A control `version` held and `current` no longer does is
/// not among them (it has no row to mark).
pub fn changed_since(version: &SoaVersion, current: &[SoaSnapshotRow]) -> HashMap<String, String> {
    let now: std::collections::HashSet<&str> = current.iter().map(|r| r.control.as_str()).collect();
    diff(&version.rows, current)
        .into_iter()
        .filter(|c| now.contains(c.control.as_str()))
        .map(|c| {
            let summary = c.summary(version);
            (c.control, summary)
        })
        .collect()
}

/// The latest issued version: the one the SoA as it stands is a draft after.
pub fn latest(versions: &[SoaVersion]) -> Option<&SoaVersion> {
    versions.iter().max_by_key(|v| v.number)
}

/// Issued version `number`, or why there is none: the versions that exist, or that none was
/// issued yet.
pub fn issued(versions: &[SoaVersion], number: u32) -> Result<&SoaVersion, String> {
    if let Some(found) = versions.iter().find(|v| v.number == number) {
        return Ok(found);
    }
    let mut numbers: Vec<u32> = versions.iter().map(|v| v.number).collect();
    numbers.sort_unstable();
    let known: Vec<String> = numbers.iter().map(|n| format!("v{n}")).collect();
    Err(match known.as_slice() {
        [] => format!("there is no SoA version v{number}: no version has been issued yet"),
        [one] => format!("there is no SoA version v{number}; the only issued version is {one}"),
        _ => format!(
            "there is no SoA version v{number}; the issued versions are {}",
            known.join(", ")
        ),
    })
}
