//! A risk as the register shows it: levels from the methodology, the flags an auditor would
//! raise, the actions treating it and its acceptance, with what its form offers to choose.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::app::{AssetModel, Command, Error, Reader, Saved};
use crate::domain::baseline::{Part, ReassessKind};
use crate::domain::evaluation::{RiskFlag, rating_in_words, review_due, risk_flags};
use crate::domain::methodology::{Methodology, Rating};
use crate::domain::protection::{EffectiveNeed, Objective, ProtectionScale, effective_needs};
use crate::domain::readiness::Place;
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, Risk, RiskStatus, TreatmentOption, field};
use crate::domain::text;
use crate::domain::treatment::Action;
use crate::domain::{Field, ValidationError};
use crate::ui::legend;
use crate::ui::screens::cycles::Marks;
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The note under the pickers: the protection needs of the chosen assets, as guidance.
const GUIDANCE: Field = Field::new("guidance");
/// The notes under each pair of likelihood and impact: the level they give, kept current while
/// the steps change.
const INHERENT_LEVEL: Field = Field::new("inherent level");
const RESIDUAL_LEVEL: Field = Field::new("residual level");
const ASSESSED: Field = Field::new("assessed");

/// The facets the records can be filtered by (`f`): the keys of the facet form.
pub(super) mod facet {
    use crate::domain::Field;

    pub const INHERENT_CELL: Field = Field::new("inherent cell");
    pub const RESIDUAL_CELL: Field = Field::new("residual cell");
    pub const RESIDUAL_LEVEL: Field = Field::new("residual level");
    pub const TREATMENT: Field = Field::new("treatment");
    pub const STATUS: Field = Field::new("status");
    pub const OWNER: Field = Field::new("owner");
    pub const FLAGGED: Field = Field::new("flagged");
    pub const REASSESS: Field = Field::new("to re-assess");
}

/// What every risk row shares.
pub struct RiskContext {
    pub methodology: Methodology,
    pub assets: Vec<(i64, String)>,
    /// What the effective protection needs are derived from; they are derived only when a
    /// form asks for guidance, which keeps opening the register fast.
    protection: Arc<AssetModel>,
    needs: OnceLock<HashMap<(i64, Objective), EffectiveNeed>>,
    pub scale: ProtectionScale,
    pub actions: Vec<Action>,
    pub acceptances: Vec<Acceptance>,
    pub today: NaiveDate,
    /// The people an owner or approver is picked from.
    pub people: Vec<String>,
    /// What the open cycle still has to re-assess, and last cycle's values.
    pub marks: Marks,
}

impl RiskContext {
    pub fn level_name(&self, rating: Option<Rating>) -> String {
        rating
            .and_then(|r| self.methodology.level(r))
            .map_or("–".to_string(), |l| l.name.clone())
    }

    fn needs(&self) -> &HashMap<(i64, Objective), EffectiveNeed> {
        self.needs.get_or_init(|| {
            let m = &self.protection;
            let mut effective = HashMap::new();
            for o in Objective::ALL {
                for (asset, need) in effective_needs(&m.assets, &m.dependencies, &m.needs, *o) {
                    effective.insert((asset, *o), need);
                }
            }
            effective
        })
    }

    fn asset_name(&self, id: i64) -> String {
        self.assets
            .iter()
            .find(|(a, _)| *a == id)
            .map_or_else(|| format!("#{id}"), |(_, n)| n.clone())
    }

    /// The effective protection needs of `assets` for `objectives`, as guidance for the impact.
    pub fn guidance(&self, assets: &[i64], objectives: &[Objective]) -> String {
        if assets.is_empty() {
            return "event-based: no asset concerned".to_string();
        }
        let objectives: Vec<Objective> = if objectives.is_empty() {
            Objective::TRIAD.to_vec()
        } else {
            objectives.to_vec()
        };
        assets
            .iter()
            .map(|&a| {
                let needs: Vec<String> = objectives
                    .iter()
                    .map(|o| {
                        let level = self
                            .needs()
                            .get(&(a, *o))
                            .and_then(|n| self.scale.name(n.level))
                            .unwrap_or("unrated");
                        format!("{} {level}", o.letter())
                    })
                    .collect();
                format!("{}: {}", self.asset_name(a), needs.join(", "))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[derive(Clone)]
pub struct RiskRow {
    pub risk: Risk,
    pub flags: Vec<RiskFlag>,
    pub ctx: Arc<RiskContext>,
}

pub fn load_rows(data: &Reader<'_>) -> Result<(Vec<RiskRow>, RiskRow), Error> {
    let protection = data.asset_model()?;
    let ctx = Arc::new(RiskContext {
        methodology: data.methodology()?,
        assets: protection
            .assets
            .iter()
            .map(|a| {
                (
                    a.id,
                    format!("{} {}", RefKind::Asset.format(a.number), a.name),
                )
            })
            .collect(),
        scale: protection.scale.clone(),
        protection,
        needs: OnceLock::new(),
        actions: data.actions()?,
        acceptances: data.acceptances()?,
        today: data.today(),
        people: data.person_names()?,
        marks: Marks::load(data)?,
    });
    // Each risk's own actions and acceptances, so flagging thousands of risks stays one pass.
    let mut actions: HashMap<i64, Vec<Action>> = HashMap::new();
    for a in &ctx.actions {
        for r in &a.risks {
            actions.entry(*r).or_default().push(a.clone());
        }
    }
    let mut acceptances: HashMap<i64, Vec<Acceptance>> = HashMap::new();
    for a in &ctx.acceptances {
        acceptances.entry(a.risk).or_default().push(a.clone());
    }
    let rows = data
        .risks()?
        .into_iter()
        .map(|risk| {
            let own_actions = actions.get(&risk.id).map_or(&[][..], Vec::as_slice);
            let own_acceptances = acceptances.get(&risk.id).map_or(&[][..], Vec::as_slice);
            RiskRow {
                flags: risk_flags(
                    &ctx.methodology,
                    &risk,
                    own_actions,
                    own_acceptances,
                    ctx.today,
                ),
                risk,
                ctx: Arc::clone(&ctx),
            }
        })
        .collect();
    Ok((
        rows,
        RiskRow {
            risk: Risk::new(""),
            flags: Vec::new(),
            ctx,
        },
    ))
}

/// "not rated", then the steps of a scale as `3 possible`.
fn step_choices(steps: &[crate::domain::methodology::ScaleStep]) -> Vec<String> {
    let mut out = vec!["not rated".to_string()];
    out.extend(
        steps
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{} {}", i + 1, s.name)),
    );
    out
}

fn rating_from(
    form: &Form,
    likelihood: Field,
    impact: Field,
    field: Field,
) -> Result<Option<Rating>, ValidationError> {
    let (l, i) = (form.choice_index(likelihood), form.choice_index(impact));
    match (l, i) {
        (0, 0) => Ok(None),
        (0, _) | (_, 0) => Err(ValidationError::new(
            field,
            "choose both likelihood and impact, or neither",
        )),
        (l, i) => Ok(Some(Rating {
            likelihood: u8::try_from(l).unwrap_or(u8::MAX),
            impact: u8::try_from(i).unwrap_or(u8::MAX),
        })),
    }
}

/// The level the form's likelihood and impact give, in words; half a rating says what is missing.
fn level_note(m: &Methodology, form: &Form, likelihood: Field, impact: Field) -> String {
    match rating_from(form, likelihood, impact, impact) {
        Ok(rating) => rating_in_words(m, rating),
        Err(_) => "choose both likelihood and impact".to_string(),
    }
}

/// The objectives ticked in the form's picker, which lists `Objective::ALL` by position.
fn chosen_objectives(form: &Form) -> Vec<Objective> {
    form.picked_all(field::OBJECTIVES)
        .into_iter()
        .filter_map(|i| {
            usize::try_from(i)
                .ok()
                .and_then(|i| Objective::ALL.get(i))
                .copied()
        })
        .collect()
}

fn cell_name(r: Option<Rating>) -> String {
    r.map_or("not rated".to_string(), |r| {
        format!("L{} × I{}", r.likelihood, r.impact)
    })
}

impl RiskRow {
    /// Whether the open cycle still has to re-assess the risk.
    pub fn to_reassess(&self) -> bool {
        self.ctx.marks.is_marked(ReassessKind::Risk, self.risk.id)
    }
}

impl Record for RiskRow {
    const NOUN: &'static str = "risk";
    const RANKED: Option<&'static str> = Some("highest level");

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 5, 5, 9),
            Column::new("Risk", 30, 14, 8),
            Column::new("Owner", 16, 8, 4),
            Column::new("Inherent", 9, 8, 6),
            Column::new("Residual", 9, 8, 7),
            Column::new("Option", 9, 6, 5),
            Column::new("Status", 12, 6, 1).coded(&legend::RISK_STATUS),
            Column::new("Flags", 26, 8, 3),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let r = &self.risk;
        let mut flags = match self.flags.as_slice() {
            [] => String::new(),
            [one] => format!("⚠ {}", one.label()),
            [first, rest @ ..] => format!("⚠ {} +{}", first.label(), rest.len()),
        };
        if self.to_reassess() {
            flags = format!("↻ re-assess {flags}").trim_end().to_string();
        }
        vec![
            RefKind::Risk.format(r.number),
            r.title.clone(),
            r.owner.clone(),
            self.ctx.level_name(r.inherent),
            self.ctx.level_name(r.residual),
            r.treatment
                .map_or(String::new(), |t| t.as_str().to_string()),
            r.status.label().to_string(),
            flags,
        ]
    }

    /// The inherent and residual levels in their colours, as on the heat maps; flags as
    /// warnings.
    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        let level = |rating: Option<Rating>| {
            rating
                .and_then(|x| self.ctx.methodology.level(x))
                .and_then(|l| crate::ui::theme::colour_step(&l.colour))
                .map(Tone::Level)
        };
        let flags = (!self.flags.is_empty() || self.to_reassess()).then_some(Tone::Warning);
        [
            (3, level(self.risk.inherent)),
            (4, level(self.risk.residual)),
            (7, flags),
        ]
        .into_iter()
        .filter_map(|(c, s)| Some((c, s?)))
        .collect()
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let r = &self.risk;
        let ctx = &self.ctx;
        let actions: Vec<String> = ctx
            .actions
            .iter()
            .filter(|a| a.risks.contains(&r.id))
            .map(|a| {
                let due = a.due.map_or(String::new(), |d| format!(", due {d}"));
                let late = if a.is_overdue(ctx.today) {
                    " (overdue)"
                } else {
                    ""
                };
                format!(
                    "{} {}: {}{due}{late}",
                    RefKind::Action.format(a.number),
                    a.title,
                    a.status.label().to_lowercase()
                )
            })
            .collect();
        let acceptance = ctx
            .acceptances
            .iter()
            .filter(|a| a.risk == r.id)
            .max_by_key(|a| a.accepted_on)
            .map(|a| {
                let until = a.until.map_or(String::new(), |u| format!(" until {u}"));
                let expired = if a.is_expired(ctx.today) {
                    " (expired)"
                } else {
                    ""
                };
                format!(
                    "{} ({}) on {} at level {}{until}{expired}",
                    a.accepted_by,
                    a.authority.label(),
                    a.accepted_on,
                    a.level
                )
            });
        vec![
            (
                "Risk",
                format!("{} {}", RefKind::Risk.format(r.number), r.title),
            ),
            (
                "Re-assess",
                ctx.marks.note(
                    ReassessKind::Risk,
                    r.id,
                    Part::Risks,
                    &RefKind::Risk.format(r.number),
                ),
            ),
            (
                "Flags",
                self.flags
                    .iter()
                    .map(|f| format!("⚠ {}", f.label()))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            (
                "Owner",
                if r.owner.is_empty() {
                    "none: every risk needs an owner".into()
                } else {
                    r.owner.clone()
                },
            ),
            (
                "Inherent",
                format!("{} ({})", ctx.level_name(r.inherent), cell_name(r.inherent)),
            ),
            (
                "Residual",
                format!("{} ({})", ctx.level_name(r.residual), cell_name(r.residual)),
            ),
            (
                "Treatment",
                r.treatment.map_or("not decided".to_string(), |t| {
                    let why = if r.treatment_rationale.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", r.treatment_rationale)
                    };
                    format!("{}{why}", t.label())
                }),
            ),
            ("Actions", actions.join("\n")),
            ("Acceptance", acceptance.unwrap_or_default()),
            (
                "Assets",
                r.assets
                    .iter()
                    .map(|a| ctx.asset_name(*a))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            (
                "Objectives",
                r.objectives
                    .iter()
                    .map(|o| o.label())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ("Threat", r.threat.clone()),
            ("Vulnerability", r.vulnerability.clone()),
            ("Status", r.status.label().to_string()),
            (
                "Next review",
                review_due(&ctx.methodology, r).map_or(String::new(), |d| d.to_string()),
            ),
            (
                "Last assessed",
                r.assessed_on.map_or(String::new(), |d| d.to_string()),
            ),
            ("Plan approved", plan_approval(r)),
            ("Description", r.description.clone()),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        let r = &self.risk;
        vec![
            (facet::INHERENT_CELL, cell_name(r.inherent)),
            (facet::RESIDUAL_CELL, cell_name(r.residual)),
            (facet::RESIDUAL_LEVEL, self.ctx.level_name(r.residual)),
            (
                facet::TREATMENT,
                r.treatment
                    .map_or("not decided".to_string(), |t| t.label().to_string()),
            ),
            (facet::STATUS, r.status.label().to_string()),
            (
                facet::OWNER,
                if r.owner.is_empty() {
                    "(none)".into()
                } else {
                    r.owner.clone()
                },
            ),
            (
                facet::FLAGGED,
                if self.flags.is_empty() {
                    "no".into()
                } else {
                    "yes".into()
                },
            ),
            (
                facet::REASSESS,
                if self.to_reassess() {
                    "yes".into()
                } else {
                    "no".into()
                },
            ),
        ]
    }

    fn rank(&self) -> (u8, u32) {
        let m = &self.ctx.methodology;
        let level = |r: Option<Rating>| r.and_then(|r| m.level_of(r)).map_or(0, |l| l + 1);
        let current = u8::try_from(level(self.risk.current_rating())).unwrap_or(u8::MAX);
        (
            current,
            u32::try_from(level(self.risk.inherent)).unwrap_or(0),
        )
    }

    fn id(&self) -> i64 {
        self.risk.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Risk(self.risk.id)
    }

    fn label(&self) -> String {
        format!(
            "{} {}",
            RefKind::Risk.format(self.risk.number),
            self.risk.title
        )
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (
            &["risk", "acceptance"],
            RefKind::Risk.format(self.risk.number),
        )
    }

    fn form(&self, title: String) -> Form {
        let r = &self.risk;
        let m = &self.ctx.methodology;
        let step = |rating: Option<Rating>, likelihood: bool| {
            rating.map_or(0, |x| {
                usize::from(if likelihood { x.likelihood } else { x.impact })
            })
        };
        // The objectives the workspace uses, and any the risk names already (switched off
        // since), so that saving it does not drop them unseen.
        let objective_ids: Vec<(i64, String)> = Objective::ALL
            .iter()
            .enumerate()
            .filter(|(_, o)| self.ctx.protection.objectives.contains(o) || r.objectives.contains(o))
            .map(|(i, o)| (i64::try_from(i).unwrap_or(0), o.label().to_string()))
            .collect();
        let chosen_objectives: Vec<i64> = r
            .objectives
            .iter()
            .filter_map(|o| Objective::ALL.iter().position(|x| x == o))
            .map(|i| i64::try_from(i).unwrap_or(0))
            .collect();
        let mut treatments = vec!["not decided"];
        treatments.extend(TreatmentOption::ALL.iter().map(|t| t.label()));
        Form::new(title)
            .line(field::TITLE, "Title", &r.title)
            .pick_many(
                field::ASSETS,
                "Assets concerned",
                self.ctx.assets.clone(),
                r.assets.clone(),
            )
            .pick_many(
                field::OBJECTIVES,
                "Objectives affected",
                objective_ids,
                chosen_objectives,
            )
            .note(
                GUIDANCE,
                "Protection needs",
                &self.ctx.guidance(&r.assets, &r.objectives),
            )
            .text(field::THREAT, "Threat", &r.threat)
            .text(field::VULNERABILITY, "Vulnerability", &r.vulnerability)
            .person(field::OWNER, "Risk owner", &r.owner, &self.ctx.people)
            .choice(
                field::INHERENT_LIKELIHOOD,
                "Inherent likelihood",
                step_choices(&m.likelihood),
                step(r.inherent, true),
            )
            .choice(
                field::INHERENT_IMPACT,
                "Inherent impact",
                step_choices(&m.impact),
                step(r.inherent, false),
            )
            .note(
                INHERENT_LEVEL,
                "Inherent level",
                &rating_in_words(m, r.inherent),
            )
            // The treatment before the residual ratings, which apply once it is chosen.
            .choice(
                field::TREATMENT,
                "Treatment option",
                treatments,
                r.treatment
                    .and_then(|t| TreatmentOption::ALL.iter().position(|x| *x == t))
                    .map_or(0, |i| i + 1),
            )
            .choice(
                field::RESIDUAL_LIKELIHOOD,
                "Residual likelihood",
                step_choices(&m.likelihood),
                step(r.residual, true),
            )
            .choice(
                field::RESIDUAL_IMPACT,
                "Residual impact",
                step_choices(&m.impact),
                step(r.residual, false),
            )
            .note(
                RESIDUAL_LEVEL,
                "Residual level",
                &rating_in_words(m, r.residual),
            )
            .text(
                field::TREATMENT_RATIONALE,
                "Treatment rationale",
                &r.treatment_rationale,
            )
            .choice(
                field::STATUS,
                "Status",
                RiskStatus::ALL.iter().map(|s| s.label()).collect(),
                RiskStatus::ALL
                    .iter()
                    .position(|s| *s == r.status)
                    .unwrap_or(0),
            )
            .date(field::NEXT_REVIEW, "Next review", r.next_review)
            .note(
                ASSESSED,
                "Assessment",
                &assessment_note(m, r, self.ctx.today),
            )
            .person(
                field::PLAN_APPROVED_BY,
                "Plan approved by",
                &r.plan_approved_by,
                &self.ctx.people,
            )
            .date(
                field::PLAN_APPROVED_ON,
                "Plan approved on",
                r.plan_approved_on,
            )
            .text(field::DESCRIPTION, "Description", &r.description)
            // A residual rating is disabled until a treatment is chosen; what it held stays.
            .disabled_when(field::RESIDUAL_LIKELIHOOD, residual_applies)
            .disabled_when(field::RESIDUAL_IMPACT, residual_applies)
    }

    fn form_changed(&self, form: &mut Form) {
        let assets = form.picked_all(field::ASSETS);
        let objectives = chosen_objectives(form);
        form.set_note(GUIDANCE, &self.ctx.guidance(&assets, &objectives));
        let m = &self.ctx.methodology;
        let inherent = level_note(m, form, field::INHERENT_LIKELIHOOD, field::INHERENT_IMPACT);
        form.set_note(INHERENT_LEVEL, &inherent);
        let residual = level_note(m, form, field::RESIDUAL_LIKELIHOOD, field::RESIDUAL_IMPACT);
        form.set_note(RESIDUAL_LEVEL, &residual);
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let objectives = chosen_objectives(form);
        let treatment = chosen_treatment(form);
        let risk = Risk {
            title: form.value(field::TITLE),
            assets: form.picked_all(field::ASSETS),
            objectives,
            threat: form.value(field::THREAT),
            vulnerability: form.value(field::VULNERABILITY),
            owner: form.value(field::OWNER),
            inherent: rating_from(
                form,
                field::INHERENT_LIKELIHOOD,
                field::INHERENT_IMPACT,
                field::INHERENT_IMPACT,
            )?,
            residual: rating_from(
                form,
                field::RESIDUAL_LIKELIHOOD,
                field::RESIDUAL_IMPACT,
                field::RESIDUAL_IMPACT,
            )?,
            treatment,
            treatment_rationale: form.value(field::TREATMENT_RATIONALE),
            status: RiskStatus::ALL
                .get(form.choice_index(field::STATUS))
                .copied()
                .unwrap_or(RiskStatus::Identified),
            next_review: text::date(field::NEXT_REVIEW, &form.value(field::NEXT_REVIEW))?,
            plan_approved_by: form.value(field::PLAN_APPROVED_BY),
            plan_approved_on: text::date(
                field::PLAN_APPROVED_ON,
                &form.value(field::PLAN_APPROVED_ON),
            )?,
            description: form.value(field::DESCRIPTION),
            ..self.risk.clone()
        };
        Ok(RiskRow {
            risk,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        load_rows(data)
    }

    fn is_new(&self) -> bool {
        self.risk.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveRisk(self.risk.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Risk(risk) => RiskRow { risk, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteRisk(self.risk.id))
    }
}

/// When the risk was last assessed and when its review is due, and that saving the form
/// confirms the assessment today (the level's review period runs from then).
fn assessment_note(m: &Methodology, r: &Risk, today: NaiveDate) -> String {
    if r.current_rating().is_none() {
        return "no rating yet: saving one dates the assessment".to_string();
    }
    let last = match r.assessed_on {
        Some(on) => format!("last assessed on {on}"),
        None => "not assessed yet".to_string(),
    };
    let due = review_due(m, r).map_or_else(String::new, |d| format!(", review due {d}"));
    format!("{last}{due}; saving confirms the assessment on {today}")
}

/// `CTO on 2026-02-01`, or what is missing of the owner's approval of the plan.
fn plan_approval(r: &Risk) -> String {
    match (r.plan_approved_by.trim(), r.plan_approved_on) {
        ("", None) => String::new(),
        ("", Some(on)) => format!("on {on}, by nobody named"),
        (who, Some(on)) => format!("{who} on {on}"),
        (who, None) => format!("{who}, no date"),
    }
}

/// The treatment option the form names: none while it says "not decided".
fn chosen_treatment(form: &Form) -> Option<TreatmentOption> {
    form.choice_index(field::TREATMENT)
        .checked_sub(1)
        .and_then(|i| TreatmentOption::ALL.get(i))
        .copied()
}

/// Why a residual rating does not apply yet, if it does not.
fn residual_applies(form: &Form) -> Option<&'static str> {
    (!Risk::residual_applies(chosen_treatment(form))).then_some("once a treatment is chosen")
}
