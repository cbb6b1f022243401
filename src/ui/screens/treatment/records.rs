//! Treatment actions and acceptance records as the Treatment screen shows and edits them.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::control::display_ref;
use crate::domain::evaluation::{acceptance_needs, is_proposed_until, proposed_until};
use crate::domain::methodology::{Authority, Methodology, Rating};
use crate::domain::person::People;
use crate::domain::readiness::Place;
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, Risk, acceptance_field};
use crate::domain::text;
use crate::domain::treatment::{Action, ActionStatus, field as action_field};
use crate::domain::{Field, ValidationError};
use crate::ui::legend;
use crate::ui::screens::documents::DocumentChoices;
use crate::ui::screens::register::Record;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The facets the records can be filtered by (`f`): the keys of the facet form.
mod facet {
    use crate::domain::Field;

    pub const STATUS: Field = Field::new("status");
    pub const OWNER: Field = Field::new("owner");
    pub const OVERDUE: Field = Field::new("overdue");
    pub const EXPIRED: Field = Field::new("expired");
}

/// The note under the acceptance form's risk: its level and who may accept it.
const NEEDS: Field = Field::new("acceptance needs");

/// What treatment rows offer to choose: risks and controls, and today for overdue and expiry.
pub struct TreatmentContext {
    pub risks: Vec<(i64, String)>,
    /// Position in `risks` by row id, so thousands of rows find their risks' names at once.
    risk_at: HashMap<i64, usize>,
    /// Control keys with their labels; a picker refers to them by position.
    pub controls: Vec<(String, String)>,
    pub today: NaiveDate,
    /// What the acceptance form says a risk's acceptance takes: the methodology, and each
    /// risk's ratings by row id.
    methodology: Methodology,
    ratings: HashMap<i64, (Option<Rating>, Option<Rating>, String)>,
    /// The people an owner or an acceptor is picked from.
    pub people: Vec<String>,
    /// The people register, whose roles decide an acceptor's authority.
    register: People,
    /// The register's documents, to name.
    docs: DocumentChoices,
}

impl TreatmentContext {
    fn load(data: &Reader<'_>) -> Result<Arc<Self>, Error> {
        let risks = data.risk_labels()?;
        Ok(Arc::new(Self {
            risk_at: risks
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (*id, i))
                .collect(),
            risks,
            controls: data
                .controls()?
                .into_iter()
                .map(|c| {
                    let label = format!("{} {}", display_ref(&c.key), c.title);
                    (c.key, label)
                })
                .collect(),
            today: data.today(),
            methodology: data.methodology()?,
            ratings: data
                .risk_ratings()?
                .into_iter()
                .map(|r| (r.id, (r.inherent, r.residual, r.owner)))
                .collect(),
            people: data.person_names()?,
            register: data.people()?,
            docs: DocumentChoices::load(data)?,
        }))
    }

    /// The risk of row id `id` as far as accepting it goes: its ratings.
    fn rated_risk(&self, id: i64) -> Option<Risk> {
        let (inherent, residual, owner) = self.ratings.get(&id)?;
        Some(Risk {
            id,
            inherent: *inherent,
            residual: *residual,
            owner: owner.clone(),
            ..Risk::new("")
        })
    }

    /// The authority `acceptor` has to accept risk `risk` on `on`, from the roles they hold
    /// (and owning the risk), as the acceptance form shows it; or why they have none.
    fn acceptor_authority(
        &self,
        risk: Option<i64>,
        acceptor: &str,
        on: Option<NaiveDate>,
    ) -> Result<Authority, ValidationError> {
        let owner = risk
            .and_then(|id| self.ratings.get(&id))
            .map_or("", |(_, _, owner)| owner.as_str());
        self.register
            .acceptance_authority(acceptor, owner, on.unwrap_or(self.today))
    }

    fn authority_note(&self, risk: Option<i64>, acceptor: &str, on: Option<NaiveDate>) -> String {
        if acceptor.trim().is_empty() {
            return "choose who accepts: their roles on the day decide".to_string();
        }
        match self.acceptor_authority(risk, acceptor, on) {
            Ok(authority) => format!("{}, from the roles they hold on the day", authority.label()),
            Err(e) => e.message,
        }
    }

    /// What accepting the risk `id` takes (its level and the authority), for the form.
    fn acceptance_needs(&self, id: Option<i64>) -> String {
        match id.and_then(|id| self.rated_risk(id)) {
            Some(risk) => acceptance_needs(&self.methodology, &risk),
            None => "choose the risk first".to_string(),
        }
    }

    fn risk_name(&self, id: i64) -> String {
        self.risk_at
            .get(&id)
            .and_then(|&i| self.risks.get(i))
            .map_or_else(|| format!("#{id}"), |(_, n)| n.clone())
    }

    fn risk_ref(&self, id: i64) -> String {
        self.risk_name(id)
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    }

    fn control_options(&self) -> Vec<(i64, String)> {
        self.controls
            .iter()
            .enumerate()
            .map(|(i, (_, label))| (i64::try_from(i).unwrap_or(0), label.clone()))
            .collect()
    }

    fn control_positions(&self, keys: &[String]) -> Vec<i64> {
        keys.iter()
            .filter_map(|k| self.controls.iter().position(|(c, _)| c == k))
            .map(|i| i64::try_from(i).unwrap_or(0))
            .collect()
    }

    fn control_keys(&self, positions: &[i64]) -> Vec<String> {
        positions
            .iter()
            .filter_map(|&p| {
                usize::try_from(p)
                    .ok()
                    .and_then(|p| self.controls.get(p))
                    .map(|(k, _)| k.clone())
            })
            .collect()
    }
}

#[derive(Clone)]
pub struct ActionRow {
    pub action: Action,
    /// The documents of the register it names (row ids).
    pub documents: Vec<i64>,
    pub ctx: Arc<TreatmentContext>,
}

impl Record for ActionRow {
    const NOUN: &'static str = "action";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 5, 5, 9),
            Column::new("Action", 30, 14, 8),
            Column::new("Owner", 16, 8, 4),
            Column::new("Due", 10, 10, 7),
            Column::new("Status", 11, 5, 6).coded(&legend::ACTION_STATUS),
            Column::new("Risks", 14, 6, 3),
            Column::new("Controls", 16, 6, 2),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let a = &self.action;
        // A date fills its column; overdue shows as a warning, and in words in the detail.
        let due = a.due.map(|d| d.to_string()).unwrap_or_default();
        vec![
            RefKind::Action.format(a.number),
            a.title.clone(),
            a.owner.clone(),
            due,
            a.status.label().to_string(),
            a.risks
                .iter()
                .map(|r| self.ctx.risk_ref(*r))
                .collect::<Vec<_>>()
                .join(", "),
            a.controls
                .iter()
                .map(|c| display_ref(c))
                .collect::<Vec<_>>()
                .join(", "),
        ]
    }

    fn found_by(&self) -> String {
        if self.action.is_overdue(self.ctx.today) {
            "overdue".into()
        } else {
            String::new()
        }
    }

    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        if self.action.is_overdue(self.ctx.today) {
            vec![(3, crate::ui::theme::Tone::Warning)]
        } else {
            Vec::new()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let a = &self.action;
        let controls: Vec<String> = a
            .controls
            .iter()
            .map(|c| {
                self.ctx
                    .controls
                    .iter()
                    .find(|(k, _)| k == c)
                    .map_or_else(|| c.clone(), |(_, l)| l.clone())
            })
            .collect();
        let overdue = if a.is_overdue(self.ctx.today) {
            " (overdue)"
        } else {
            ""
        };
        vec![
            (
                "Action",
                format!("{} {}", RefKind::Action.format(a.number), a.title),
            ),
            (
                "Owner",
                if a.owner.is_empty() {
                    "none".into()
                } else {
                    a.owner.clone()
                },
            ),
            (
                "Due",
                a.due
                    .map_or("no date".to_string(), |d| format!("{d}{overdue}")),
            ),
            ("Status", a.status.label().to_string()),
            (
                "Treats",
                a.risks
                    .iter()
                    .map(|r| self.ctx.risk_name(*r))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ("Implements", controls.join("\n")),
            ("Documents", self.ctx.docs.lines(&self.documents)),
            ("Description", a.description.clone()),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        let a = &self.action;
        vec![
            (facet::STATUS, a.status.label().to_string()),
            (
                facet::OWNER,
                if a.owner.is_empty() {
                    "(none)".into()
                } else {
                    a.owner.clone()
                },
            ),
            (
                facet::OVERDUE,
                if a.is_overdue(self.ctx.today) {
                    "yes".into()
                } else {
                    "no".into()
                },
            ),
        ]
    }

    fn id(&self) -> i64 {
        self.action.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Action(self.action.id)
    }

    fn label(&self) -> String {
        format!(
            "{} {}",
            RefKind::Action.format(self.action.number),
            self.action.title
        )
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["action"], RefKind::Action.format(self.action.number))
    }

    fn form(&self, title: String) -> Form {
        let a = &self.action;
        Form::new(title)
            .line(action_field::TITLE, "Action", &a.title)
            .pick_many(
                action_field::RISKS,
                "Treats risks",
                self.ctx.risks.clone(),
                a.risks.clone(),
            )
            .pick_many(
                action_field::CONTROLS,
                "Implements controls",
                self.ctx.control_options(),
                self.ctx.control_positions(&a.controls),
            )
            .person(action_field::OWNER, "Owner", &a.owner, &self.ctx.people)
            .date(action_field::DUE, "Due", a.due)
            .choice(
                action_field::STATUS,
                "Status",
                ActionStatus::ALL.iter().map(|s| s.label()).collect(),
                ActionStatus::ALL
                    .iter()
                    .position(|s| *s == a.status)
                    .unwrap_or(0),
            )
            .text(action_field::DESCRIPTION, "Description", &a.description)
            .pick_many(
                action_field::DOCUMENTS,
                "Documents (register)",
                self.ctx.docs.options(),
                self.documents.clone(),
            )
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let action = Action {
            title: form.value(action_field::TITLE),
            risks: form.picked_all(action_field::RISKS),
            controls: self
                .ctx
                .control_keys(&form.picked_all(action_field::CONTROLS)),
            owner: form.value(action_field::OWNER),
            due: text::date(action_field::DUE, &form.value(action_field::DUE))?,
            status: ActionStatus::ALL
                .get(form.choice_index(action_field::STATUS))
                .copied()
                .unwrap_or(ActionStatus::Planned),
            description: form.value(action_field::DESCRIPTION),
            ..self.action.clone()
        };
        Ok(ActionRow {
            action,
            documents: form.picked_all(action_field::DOCUMENTS),
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = TreatmentContext::load(data)?;
        let rows = data
            .actions()?
            .into_iter()
            .map(|action| ActionRow {
                documents: ctx.docs.of_action(action.id),
                action,
                ctx: Arc::clone(&ctx),
            })
            .collect();
        Ok((
            rows,
            ActionRow {
                action: Action::new(""),
                documents: Vec::new(),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.action.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveAction {
            action: self.action.clone(),
            documents: self.documents.clone(),
        }
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Action(action) => ActionRow { action, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteAction(self.action.id))
    }
}

#[derive(Clone)]
pub struct AcceptanceRow {
    pub acceptance: Acceptance,
    pub ctx: Arc<TreatmentContext>,
}

impl Record for AcceptanceRow {
    const NOUN: &'static str = "acceptance";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Risk", 30, 12, 9),
            Column::new("Accepted by", 20, 10, 8),
            Column::new("Authority", 16, 8, 6),
            Column::new("On", 10, 10, 5),
            Column::new("Level", 9, 6, 7),
            Column::new("Until", 10, 10, 7),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let a = &self.acceptance;
        // Expired shows as a warning, and in words in the detail.
        let until = a
            .until
            .map_or_else(|| "open-ended".to_string(), |u| u.to_string());
        vec![
            self.ctx.risk_name(a.risk),
            a.accepted_by.clone(),
            a.authority.label().to_string(),
            a.accepted_on.to_string(),
            a.level.clone(),
            until,
        ]
    }

    fn found_by(&self) -> String {
        if self.acceptance.is_expired(self.ctx.today) {
            "expired".into()
        } else {
            String::new()
        }
    }

    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        if self.acceptance.is_expired(self.ctx.today) {
            vec![(5, crate::ui::theme::Tone::Warning)]
        } else {
            Vec::new()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let a = &self.acceptance;
        let expired = if a.is_expired(self.ctx.today) {
            " (expired: accept again or treat)"
        } else {
            ""
        };
        vec![
            ("Risk", self.ctx.risk_name(a.risk)),
            (
                "Accepted by",
                format!("{} ({})", a.accepted_by, a.authority.label()),
            ),
            ("On", a.accepted_on.to_string()),
            ("Residual level then", a.level.clone()),
            (
                "Until",
                a.until
                    .map_or("open-ended".to_string(), |u| format!("{u}{expired}")),
            ),
            ("Note", a.note.clone()),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![(
            facet::EXPIRED,
            if self.acceptance.is_expired(self.ctx.today) {
                "yes".into()
            } else {
                "no".into()
            },
        )]
    }

    fn id(&self) -> i64 {
        self.acceptance.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Acceptance(self.acceptance.id)
    }

    fn label(&self) -> String {
        format!(
            "acceptance of {} by {}",
            self.ctx.risk_ref(self.acceptance.risk),
            self.acceptance.accepted_by
        )
    }

    /// Acceptances are logged under their risk: this shows every acceptance of that risk.
    fn history(&self) -> (&'static [&'static str], String) {
        (&["acceptance"], self.ctx.risk_ref(self.acceptance.risk))
    }

    fn form(&self, title: String) -> Form {
        let a = &self.acceptance;
        Form::new(title)
            .pick(
                acceptance_field::RISK,
                "Risk",
                self.ctx.risks.clone(),
                (a.risk != 0).then_some(a.risk),
            )
            .note(
                NEEDS,
                "Residual level",
                &self.ctx.acceptance_needs((a.risk != 0).then_some(a.risk)),
            )
            .person(
                acceptance_field::ACCEPTED_BY,
                "Accepted by",
                &a.accepted_by,
                &self.ctx.people,
            )
            .note(
                acceptance_field::AUTHORITY,
                "Their authority",
                &self.ctx.authority_note(
                    (a.risk != 0).then_some(a.risk),
                    &a.accepted_by,
                    Some(a.accepted_on),
                ),
            )
            .date(
                acceptance_field::ACCEPTED_ON,
                "Accepted on",
                Some(a.accepted_on),
            )
            .date(acceptance_field::UNTIL, "Valid until", a.until)
            .text(acceptance_field::NOTE, "Note", &a.note)
    }

    /// The note follows the chosen risk, and "valid until" one review period of its level,
    /// unless the user typed a date of their own.
    fn form_changed(&self, form: &mut Form) {
        let risk = form.picked(acceptance_field::RISK);
        form.set_note(NEEDS, &self.ctx.acceptance_needs(risk));
        let accepted_on = text::date(
            acceptance_field::ACCEPTED_ON,
            &form.value(acceptance_field::ACCEPTED_ON),
        );
        let on = accepted_on.clone().ok().flatten();
        form.set_note(
            acceptance_field::AUTHORITY,
            &self
                .ctx
                .authority_note(risk, &form.value(acceptance_field::ACCEPTED_BY), on),
        );
        let (Some(risk), Ok(Some(accepted_on))) =
            (risk.and_then(|id| self.ctx.rated_risk(id)), accepted_on)
        else {
            return;
        };
        let m = &self.ctx.methodology;
        let until = form.value(acceptance_field::UNTIL);
        let proposed_before = match text::date(acceptance_field::UNTIL, &until) {
            Ok(None) => true,
            Ok(Some(until)) => is_proposed_until(m, accepted_on, until),
            Err(_) => false,
        };
        if proposed_before && let Some(proposal) = proposed_until(m, &risk, accepted_on) {
            form.set_text(acceptance_field::UNTIL, &proposal.to_string());
        }
    }

    fn read_only(&self) -> Option<&'static str> {
        self.acceptance.is_recorded().then_some(
            "An acceptance records a decision as it was taken and is not changed: \
             n records a new one, which supersedes it.",
        )
    }

    fn deletion_reason(&self) -> Option<Field> {
        Some(acceptance_field::DELETION_REASON)
    }

    fn delete_because(&self, reason: &str) -> Result<Command, ValidationError> {
        Ok(Command::DeleteAcceptance {
            id: self.acceptance.id,
            reason: Acceptance::deletion_reason(reason)?,
        })
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let risk = form.picked(acceptance_field::RISK).ok_or_else(|| {
            ValidationError::new(acceptance_field::RISK, "choose the risk that is accepted")
        })?;
        let accepted_on = text::date(
            acceptance_field::ACCEPTED_ON,
            &form.value(acceptance_field::ACCEPTED_ON),
        )?
        .ok_or_else(|| ValidationError::new(acceptance_field::ACCEPTED_ON, "is required"))?;
        let acceptance = Acceptance {
            risk,
            accepted_by: form.value(acceptance_field::ACCEPTED_BY),
            // The store decides it again from the roles held; this is what the form showed.
            authority: self
                .ctx
                .acceptor_authority(
                    Some(risk),
                    &form.value(acceptance_field::ACCEPTED_BY),
                    Some(accepted_on),
                )
                .unwrap_or(Authority::RiskOwner),
            accepted_on,
            until: text::date(
                acceptance_field::UNTIL,
                &form.value(acceptance_field::UNTIL),
            )?,
            note: form.value(acceptance_field::NOTE),
            ..self.acceptance.clone()
        };
        Ok(AcceptanceRow {
            acceptance,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = TreatmentContext::load(data)?;
        let rows = data
            .acceptances()?
            .into_iter()
            .map(|acceptance| AcceptanceRow {
                acceptance,
                ctx: Arc::clone(&ctx),
            })
            .collect();
        let blank = Acceptance {
            id: 0,
            risk: 0,
            accepted_by: String::new(),
            authority: Authority::RiskOwner,
            accepted_on: ctx.today,
            level: String::new(),
            until: None,
            note: String::new(),
        };
        Ok((
            rows,
            AcceptanceRow {
                acceptance: blank,
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        !self.acceptance.is_recorded()
    }

    fn save(&self) -> Command {
        // The store refuses a change of a recorded acceptance.
        Command::RecordAcceptance(self.acceptance.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Acceptance(acceptance) => AcceptanceRow { acceptance, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Err(ValidationError::new(
            acceptance_field::DELETION_REASON,
            "say why the acceptance is deleted",
        ))
    }
}
