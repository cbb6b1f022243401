//! Asset rules: every asset owned (a minor lapse per asset, one major finding when a third of
//! the inventory or more has no owner), every primary asset rated for each active objective and
//! with a rationale, every need on its scale, every supporting asset serving some primary
//! asset, every override of an inherited need justified, and no question of a rating workshop
//! left open past its due date.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{
    Basis, Finding, Place, Rule, Severity, Workspace, in_sentence, is_systemic, join_and, join_some,
};
use crate::domain::asset::{Asset, AssetCategory};
use crate::domain::protection::{Objective, ProtectionNeed, needs_justification};
use crate::domain::reference::RefKind;
use crate::domain::wording::count;

pub(super) const NO_OWNER: Rule = Rule {
    id: "ASSET-001",
    severity: Severity::Minor,
    title: "Asset without an owner",
    basis: Basis::Control("5.9"),
};

pub(super) const NO_NEEDS: Rule = Rule {
    id: "ASSET-002",
    severity: Severity::Minor,
    title: "Primary asset without protection needs for an active objective",
    basis: Basis::Clause("6.1.2"),
};

pub(super) const SERVES_NOTHING: Rule = Rule {
    id: "ASSET-003",
    severity: Severity::Observation,
    title: "Supporting asset serving no primary asset",
    basis: Basis::Control("5.9"),
};

pub(super) const OVERRIDE_UNJUSTIFIED: Rule = Rule {
    id: "ASSET-004",
    severity: Severity::Minor,
    title: "Override of an inherited protection need without a justification",
    basis: Basis::Clause("6.1.2"),
};

pub(super) const QUESTION_OVERDUE: Rule = Rule {
    id: "ASSET-005",
    severity: Severity::Observation,
    title: "Workshop question open past its due date",
    basis: Basis::Clause("6.1.2"),
};

pub(super) const NO_OWNER_SYSTEMIC: Rule = Rule {
    id: "ASSET-006",
    severity: Severity::Major,
    title: "Assets without an owner, a third of the inventory or more",
    basis: Basis::Control("5.9"),
};

pub(super) const NEED_OFF_SCALE: Rule = Rule {
    id: "ASSET-007",
    severity: Severity::Minor,
    title: "Protection need outside the protection scale",
    basis: Basis::Clause("6.1.2"),
};

pub(super) const NO_RATIONALE: Rule = Rule {
    id: "ASSET-008",
    severity: Severity::Observation,
    title: "Primary asset rated without a rationale",
    basis: Basis::Clause("6.1.2"),
};

/// A question of a workshop still open after the day it was due ([`crate::domain::question::OpenQuestion::is_overdue`]):
/// the protection needs it was about may rest on a guess.
pub(super) fn check_questions(ws: &Workspace, today: NaiveDate, out: &mut Vec<Finding>) {
    for q in ws.questions.iter().filter(|q| q.is_overdue(today)) {
        let asset = q.asset.and_then(|id| ws.assets.iter().find(|a| a.id == id));
        let about = asset.map_or_else(|| "the workshop as a whole".to_string(), reference);
        let given = if q.assignee.trim().is_empty() {
            "given to nobody".to_string()
        } else {
            format!("given to {}", q.assignee)
        };
        let due = q.due.map(|d| d.to_string()).unwrap_or_default();
        out.push(QUESTION_OVERDUE.finding(
            format!(
                "{} about {about} was due on {due} and is still open ({given})",
                q.reference()
            ),
            "Record the answer, or agree a later due date with whoever is to answer it",
            asset.map_or(Place::Question(q.id), |a| Place::Asset(a.id)),
        ));
    }
}

fn reference(asset: &Asset) -> String {
    format!("{} {}", RefKind::Asset.format(asset.number), asset.name)
}

pub(super) fn check(ws: &Workspace, out: &mut Vec<Finding>) {
    let reached = served_by_primary(ws);
    let rated: HashSet<(i64, Objective)> =
        ws.needs.iter().map(|n| (n.asset, n.objective)).collect();
    let unowned: Vec<&Asset> = ws
        .assets
        .iter()
        .filter(|a| a.owner.trim().is_empty())
        .collect();
    if is_systemic(unowned.len(), ws.assets.len()) {
        let refs: Vec<String> = unowned
            .iter()
            .map(|a| RefKind::Asset.format(a.number))
            .collect();
        out.push(NO_OWNER_SYSTEMIC.finding(
            format!(
                "{} of {} have no owner: {}",
                unowned.len(),
                count(ws.assets.len(), "asset", "assets"),
                join_some(&refs, 5)
            ),
            "Name an owner for each on the Assets screen, and make naming one part of adding an asset",
            Place::Asset(unowned[0].id),
        ));
    } else {
        for asset in unowned {
            out.push(NO_OWNER.finding(
                format!("{} has no owner", reference(asset)),
                "Name an owner on the Assets screen",
                Place::Asset(asset.id),
            ));
        }
    }
    for asset in &ws.assets {
        match asset.kind.category() {
            AssetCategory::Primary => unrated(ws, &rated, asset, out),
            AssetCategory::Supporting if !reached.contains(&asset.id) => {
                out.push(SERVES_NOTHING.finding(
                    format!(
                        "{} serves no primary asset, so it inherits no protection needs",
                        reference(asset)
                    ),
                    "Link the information or processes that rely on it on the Assets screen, or retire it",
                    Place::Asset(asset.id),
                ));
            }
            _ => {}
        }
    }
    let assets: HashMap<i64, &Asset> = ws.assets.iter().map(|a| (a.id, a)).collect();
    needs_as_rated(ws, &assets, out);
    for need in &ws.needs {
        let Some(asset) = assets.get(&need.asset) else {
            continue;
        };
        // A need set on a supporting asset overrides what it inherits.
        if needs_justification(asset.kind.is_rated_directly(), &need.rationale) {
            out.push(OVERRIDE_UNJUSTIFIED.finding(
                format!(
                    "{}: the {} override has no justification",
                    reference(asset),
                    in_sentence(need.objective.label())
                ),
                "Justify the override (cumulation or distribution effect) on the Protection screen",
                Place::Asset(asset.id),
            ));
        }
    }
}

/// ASSET-007 for each need whose level lies outside the scale (written by another tool: the
/// grid has no cell for it), ASSET-008 for each primary asset rated without a rationale (one
/// finding naming its objectives).
fn needs_as_rated(ws: &Workspace, assets: &HashMap<i64, &Asset>, out: &mut Vec<Finding>) {
    let mut without: HashMap<i64, Vec<Objective>> = HashMap::new();
    for need in &ws.needs {
        let Some(asset) = assets.get(&need.asset) else {
            continue;
        };
        if !ws.scale.holds(need.level) {
            out.push(NEED_OFF_SCALE.finding(
                format!(
                    "{}: its {} need is level {}, outside the protection scale of {}",
                    reference(asset),
                    in_sentence(need.objective.label()),
                    need.level,
                    count(ws.scale.max_level(), "level", "levels")
                ),
                "Rate the need again on the scale on the Protection screen",
                Place::Asset(asset.id),
            ));
        }
        if rated_without_rationale(asset, need) {
            without.entry(asset.id).or_default().push(need.objective);
        }
    }
    for asset in &ws.assets {
        let Some(objectives) = without.get_mut(&asset.id) else {
            continue;
        };
        objectives.sort();
        let objectives: Vec<String> = objectives.iter().map(|o| in_sentence(o.label())).collect();
        out.push(NO_RATIONALE.finding(
            format!(
                "{} is rated for {} without a rationale",
                reference(asset),
                join_and(&objectives)
            ),
            "Write down why each level was chosen on the Protection screen",
            Place::Asset(asset.id),
        ));
    }
}

/// Whether `need` rates a primary asset (one rated directly) without saying why.
fn rated_without_rationale(asset: &Asset, need: &ProtectionNeed) -> bool {
    asset.kind.is_rated_directly() && need.rationale.trim().is_empty()
}

/// ASSET-002 for one primary asset: the active objectives it has no need for, in one finding.
fn unrated(
    ws: &Workspace,
    rated: &HashSet<(i64, Objective)>,
    asset: &Asset,
    out: &mut Vec<Finding>,
) {
    let missing: Vec<String> = ws
        .objectives
        .iter()
        .filter(|&&o| !rated.contains(&(asset.id, o)))
        .map(|o| in_sentence(o.label()))
        .collect();
    if !missing.is_empty() {
        out.push(NO_NEEDS.finding(
            format!(
                "{} has no protection need for {}",
                reference(asset),
                join_and(&missing)
            ),
            "Rate its needs with a rationale on the Protection screen",
            Place::Asset(asset.id),
        ));
    }
}

/// The assets that some primary asset relies on, directly or through other assets.
fn served_by_primary(ws: &Workspace) -> HashSet<i64> {
    let mut relies_on: HashMap<i64, Vec<i64>> = HashMap::new();
    for d in &ws.dependencies {
        relies_on.entry(d.asset).or_default().push(d.depends_on);
    }
    let mut reached = HashSet::new();
    let mut stack: Vec<i64> = ws
        .assets
        .iter()
        .filter(|a| a.kind.category() == AssetCategory::Primary)
        .map(|a| a.id)
        .collect();
    while let Some(id) = stack.pop() {
        for &next in relies_on.get(&id).into_iter().flatten() {
            if reached.insert(next) {
                stack.push(next);
            }
        }
    }
    reached
}
