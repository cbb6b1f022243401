//! Risk evaluation (6.1.2 e, 8.2): each risk against the acceptance criteria, what an auditor
//! would flag on it, whether an acceptance has the authority its level needs, and what a change
//! of the methodology does to the register.

use chrono::NaiveDate;

use super::methodology::{Methodology, Rating, RiskLevel};
use super::risk::{Acceptance, Risk, TreatmentOption, acceptance_field};
use super::text::ValidationError;
use super::treatment::Action;
use crate::string_enum;

string_enum!(
    /// Something about a risk that the next review or an auditor would pick up.
    RiskFlag {
        NoOwner => "no_owner", "no risk owner",
        NotAssessed => "not_assessed", "not assessed",
        AboveCriteria => "above_criteria", "above the acceptance criteria",
        NoTreatment => "no_treatment", "above the criteria without treatment",
        ReduceWithoutActions => "reduce_without_actions", "reduce without actions",
        AcceptedWithoutRecord => "accepted_without_record", "accepted without an acceptance record",
        AcceptanceExpired => "acceptance_expired", "acceptance expired",
        ReviewOverdue => "review_overdue", "review overdue",
    }
);

/// The level that counts now: that of the residual rating once assessed, else the inherent one.
/// `None` for a risk not assessed or rated off the scales.
pub fn current_level<'m>(m: &'m Methodology, risk: &Risk) -> Option<&'m RiskLevel> {
    m.level(risk.current_rating()?)
}

/// A rating in words, as a form shows it while likelihood and impact are chosen:
/// `high: above the acceptance criteria`, `not rated`, or `off the scales` for a rating the
/// methodology has no cell for.
pub fn rating_in_words(m: &Methodology, rating: Option<Rating>) -> String {
    let Some(rating) = rating else {
        return "not rated".to_string();
    };
    match m.level_of(rating).and_then(|i| Some((i, m.levels.get(i)?))) {
        Some((i, level)) => format!(
            "{}: {} the acceptance criteria",
            level.name,
            if m.is_acceptable(i) {
                "within"
            } else {
                "above"
            }
        ),
        None => "off the scales".to_string(),
    }
}

/// Whether the risk's current level lies outside the acceptance criteria; an unassessed risk
/// is not (it is flagged as not assessed instead).
pub fn is_above_criteria(m: &Methodology, risk: &Risk) -> bool {
    risk.current_rating()
        .and_then(|r| m.level_of(r))
        .is_some_and(|level| !m.is_acceptable(level))
}

/// The latest acceptance of `risk` (by date of acceptance; the later record on the same day).
pub fn latest_acceptance(risk: i64, acceptances: &[Acceptance]) -> Option<&Acceptance> {
    acceptances
        .iter()
        .filter(|a| a.risk == risk)
        .max_by_key(|a| (a.accepted_on, a.id))
}

string_enum!(
    /// Where a recorded acceptance stands on a day: the one that holds, one whose date has
    /// passed, or one a later acceptance of the same risk replaced.
    AcceptanceState {
        Current => "current", "Current",
        Expired => "expired", "Expired",
        Superseded => "superseded", "Superseded by a later acceptance",
    }
);

/// Where `acceptance` stands on `today` among `acceptances` (those of other risks may be
/// there too): superseded when a later one of its risk exists, else expired after its date.
pub fn acceptance_state(
    acceptance: &Acceptance,
    acceptances: &[Acceptance],
    today: NaiveDate,
) -> AcceptanceState {
    let latest = latest_acceptance(acceptance.risk, acceptances);
    if latest.is_some_and(|l| (l.accepted_on, l.id) != (acceptance.accepted_on, acceptance.id)) {
        AcceptanceState::Superseded
    } else if acceptance.is_expired(today) {
        AcceptanceState::Expired
    } else {
        AcceptanceState::Current
    }
}

/// Everything to flag on `risk` at `today`, in the order of [`RiskFlag::ALL`]. `actions` and
/// `acceptances` may hold those of other risks too; only the risk's own count, and a cancelled
/// action does not treat anything.
pub fn risk_flags(
    m: &Methodology,
    risk: &Risk,
    actions: &[Action],
    acceptances: &[Acceptance],
    today: NaiveDate,
) -> Vec<RiskFlag> {
    let mut flags = Vec::new();
    if risk.owner.trim().is_empty() {
        flags.push(RiskFlag::NoOwner);
    }
    if risk.current_rating().is_none() {
        flags.push(RiskFlag::NotAssessed);
    }
    if is_above_criteria(m, risk) {
        flags.push(RiskFlag::AboveCriteria);
        if risk.treatment.is_none() {
            flags.push(RiskFlag::NoTreatment);
        }
    }
    let treated = actions
        .iter()
        .any(|a| a.treats() && a.risks.contains(&risk.id));
    if risk.treatment == Some(TreatmentOption::Reduce) && !treated {
        flags.push(RiskFlag::ReduceWithoutActions);
    }
    let latest = latest_acceptance(risk.id, acceptances);
    if risk.treatment == Some(TreatmentOption::Accept) && latest.is_none() {
        flags.push(RiskFlag::AcceptedWithoutRecord);
    }
    if latest.is_some_and(|a| a.is_expired(today)) {
        flags.push(RiskFlag::AcceptanceExpired);
    }
    if review_due(m, risk).is_some_and(|d| d < today) {
        flags.push(RiskFlag::ReviewOverdue);
    }
    flags
}

/// When `risk` is next due for review: one review period of its current level after it was
/// last assessed ([`Risk::assessed_on`]), or the date typed by hand ([`Risk::next_review`]),
/// whichever comes first: a hand-typed date may bring a review forward, never put it off.
/// `None` when neither applies (never assessed and no date typed, or rated off the scales
/// without a date typed).
pub fn review_due(m: &Methodology, risk: &Risk) -> Option<NaiveDate> {
    let derived = risk.assessed_on.and_then(|on| {
        let level = current_level(m, risk)?;
        on.checked_add_months(chrono::Months::new(level.review_months))
    });
    match (derived, risk.next_review) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// How a risk whose level stays above the acceptance criteria lacks the acceptance of its
/// residual risk: with its treatment still under way, or with nothing left to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidualGap {
    /// Some treatment action is still open: the residual level may yet fall.
    TreatmentOpen,
    /// Every treatment action is done (or it is avoided or transferred without any): what
    /// remains is to be accepted.
    TreatmentDone,
}

/// The residual risk of `risk` lies above the acceptance criteria and nobody with the
/// authority its level needs has accepted it, whatever its treatment option. `None` when it
/// is within the criteria or accepted, and when another predicate already says what is
/// missing, so that one gap makes one finding: no treatment option
/// ([`RiskFlag::NoTreatment`]), to be accepted without a record
/// ([`RiskFlag::AcceptedWithoutRecord`]), or to be reduced without an action
/// ([`RiskFlag::ReduceWithoutActions`]: the plan is missing before its result is). A latest acceptance either holds, or has expired
/// ([`RiskFlag::AcceptanceExpired`]) or lacks authority ([`authority_shortfall`]), each judged
/// as such.
pub fn unaccepted_residual(
    m: &Methodology,
    risk: &Risk,
    actions: &[Action],
    acceptances: &[Acceptance],
) -> Option<ResidualGap> {
    if !is_above_criteria(m, risk) || risk.treatment.is_none() {
        return None;
    }
    let treating: Vec<&Action> = actions
        .iter()
        .filter(|a| a.treats() && a.risks.contains(&risk.id))
        .collect();
    if latest_acceptance(risk.id, acceptances).is_some()
        || risk.treatment == Some(TreatmentOption::Accept)
        || (risk.treatment == Some(TreatmentOption::Reduce) && treating.is_empty())
    {
        return None;
    }
    let open = treating.iter().any(|a| a.status.is_open());
    Some(if open {
        ResidualGap::TreatmentOpen
    } else {
        ResidualGap::TreatmentDone
    })
}

/// Whether the risk owner's approval of `risk`'s treatment plan is missing (6.1.3 f): some
/// action treats it and no approval (who and when) is recorded.
pub fn plan_unapproved(risk: &Risk, actions: &[Action]) -> bool {
    !risk.plan_approved()
        && actions
            .iter()
            .any(|a| a.treats() && a.risks.contains(&risk.id))
}

/// A rating of `risk` that lies outside `m`'s scales (written by another tool, or left from
/// a methodology since changed by hand), as `inherent L9 × I2`; one line per such rating.
pub fn ratings_off_scale(m: &Methodology, risk: &Risk) -> Vec<String> {
    [("inherent", risk.inherent), ("residual", risk.residual)]
        .into_iter()
        .filter_map(|(which, rating)| {
            let r = rating?;
            m.level_of(r)
                .is_none()
                .then(|| format!("{which} L{} × I{}", r.likelihood, r.impact))
        })
        .collect()
}

/// `acceptance` checked against `risk` as it stands: the risk must be assessed, and whoever
/// accepts must have at least the authority its current level requires
/// ([`authority_shortfall`]). The level is recorded from the methodology (whatever the caller
/// put there), then the record is validated.
pub fn check_acceptance(
    m: &Methodology,
    risk: &Risk,
    acceptance: &Acceptance,
) -> Result<Acceptance, ValidationError> {
    let Some(rating) = risk.current_rating() else {
        return Err(ValidationError::new(
            acceptance_field::RISK,
            "assess the risk before accepting it",
        ));
    };
    let Some(level) = m.level(rating) else {
        return Err(ValidationError::new(
            acceptance_field::RISK,
            "its rating lies outside the methodology's scales; assess it again before accepting it",
        ));
    };
    // The authority follows from who accepted (their roles on the day), so a shortfall is
    // about the person named.
    if let Some(shortfall) = level_shortfall(level, acceptance) {
        let who = acceptance.accepted_by.trim();
        let message = if who.is_empty() {
            shortfall
        } else {
            format!(
                "{who} has the authority of {} on {}; {shortfall}",
                acceptance.authority.in_sentence(),
                acceptance.accepted_on
            )
        };
        return Err(ValidationError::new(acceptance_field::ACCEPTED_BY, message));
    }
    Acceptance {
        risk: risk.id,
        level: level.name.clone(),
        ..acceptance.clone()
    }
    .validated()
}

/// What accepting `risk` as it stands takes, as the acceptance form says it: its current
/// level and the lowest authority for it (`medium (L2 × I3): the information security officer
/// or higher accepts it`), or why it cannot be accepted yet.
pub fn acceptance_needs(m: &Methodology, risk: &Risk) -> String {
    let Some(rating) = risk.current_rating() else {
        return "not assessed: assess the risk before accepting it".to_string();
    };
    // Without a residual rating the inherent one counts (as for the authority); say so.
    let which = if risk.residual.is_none() {
        ", inherent: no residual rating yet"
    } else {
        ""
    };
    match m.level(rating) {
        Some(level) => format!(
            "{} (L{} × I{}{which}): {} or higher accepts it",
            level.name,
            rating.likelihood,
            rating.impact,
            level.authority.in_sentence()
        ),
        None => "rated off the methodology's scales: assess it again first".to_string(),
    }
}

/// The "valid until" an acceptance of `risk` from `accepted_on` is proposed with: one review
/// period of its current level later, when the risk is to be looked at again anyway. `None`
/// when the risk has no current level.
pub fn proposed_until(m: &Methodology, risk: &Risk, accepted_on: NaiveDate) -> Option<NaiveDate> {
    let level = current_level(m, risk)?;
    accepted_on.checked_add_months(chrono::Months::new(level.review_months))
}

/// Every "valid until" [`proposed_until`] could propose from `accepted_on`, one per level: a
/// form replaces such a date when another risk is chosen, but keeps a date the user typed.
pub fn is_proposed_until(m: &Methodology, accepted_on: NaiveDate, until: NaiveDate) -> bool {
    m.levels.iter().any(|l| {
        accepted_on.checked_add_months(chrono::Months::new(l.review_months)) == Some(until)
    })
}

/// What is wrong when `acceptance` was given by a lower authority than the risk's current
/// level requires (the level may have risen since): `a high risk must be accepted by
/// top management or higher`. `None` when the authority suffices, or when the risk has no
/// current level to judge by (not assessed, or rated off the scales).
pub fn authority_shortfall(
    m: &Methodology,
    risk: &Risk,
    acceptance: &Acceptance,
) -> Option<String> {
    level_shortfall(current_level(m, risk)?, acceptance)
}

fn level_shortfall(level: &RiskLevel, acceptance: &Acceptance) -> Option<String> {
    (acceptance.authority < level.authority).then(|| {
        format!(
            "{} {} risk must be accepted by {} or higher",
            article(&level.name),
            level.name,
            level.authority.in_sentence()
        )
    })
}

/// "a" or "an" before a level name, by its first letter.
fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// `risk` with its ratings moved from `old`'s scales to `new`'s (see
/// [`Methodology::map_rating`]); the same risk when the sizes agree.
pub fn rerated(old: &Methodology, new: &Methodology, risk: &Risk) -> Risk {
    Risk {
        inherent: risk.inherent.map(|r| old.map_rating(r, new)),
        residual: risk.residual.map(|r| old.map_rating(r, new)),
        ..risk.clone()
    }
}

/// How many risks change the name of their inherent or residual level when `old` gives way to
/// `new` (each risk counted once). Ratings move to the new scales first when their sizes differ.
pub fn level_changes(old: &Methodology, new: &Methodology, risks: &[Risk]) -> usize {
    fn name(m: &Methodology, rating: Option<Rating>) -> Option<&str> {
        m.level(rating?).map(|l| l.name.as_str())
    }
    risks
        .iter()
        .filter(|risk| {
            let after = rerated(old, new, risk);
            [
                (risk.inherent, after.inherent),
                (risk.residual, after.residual),
            ]
            .into_iter()
            .any(|(before, after)| name(old, before) != name(new, after))
        })
        .count()
}

/// One line for people: `4 of 20 risks changed level`, or `no risk changed level`; led by the
/// change of size when the scales changed (`5x5 → 3x3, ratings moved to the nearest step; ...`).
pub fn reevaluation_summary(old: &Methodology, new: &Methodology, risks: &[Risk]) -> String {
    let changed = level_changes(old, new, risks);
    let levels = if changed == 0 {
        "no risk changed level".to_string()
    } else {
        format!(
            "{changed} of {} changed level",
            crate::domain::wording::count(risks.len(), "risk", "risks")
        )
    };
    if old.size() == new.size() {
        return levels;
    }
    let ((ol, oi), (nl, ni)) = (old.size(), new.size());
    format!("{ol}x{oi} → {nl}x{ni}, ratings moved to the nearest step; {levels}")
}

#[cfg(test)]
mod tests;
