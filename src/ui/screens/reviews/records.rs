//! Management reviews and their actions as the Reviews screen shows and edits them. A review's
//! detail shows its inputs a) to g): frozen once held, as the registers stand today while it
//! is prepared.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::readiness::Place;
use crate::domain::review::inputs::Inputs;
use crate::domain::review::{
    Input, Review, ReviewAction, ReviewActionStatus, ReviewStatus, action_reference, field,
};
use crate::domain::text;
use crate::domain::wording::count;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// What the rows of both views share: the reviews by id with their inputs, the people a name
/// is picked from, and today.
pub struct ReviewContext {
    reviews: Vec<(Review, Inputs)>,
    actions: Vec<ReviewAction>,
    pub(super) people: Vec<String>,
    today: NaiveDate,
}

impl ReviewContext {
    fn load(data: &Reader<'_>) -> Result<Arc<Self>, Error> {
        let today = data.today();
        let reviews = data
            .reviews()?
            .into_iter()
            .map(|r| {
                let inputs = data.review_inputs(&r, today)?;
                Ok((r, inputs))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Arc::new(Self {
            reviews,
            actions: data.review_actions()?,
            people: data.person_names()?,
            today,
        }))
    }

    fn number(&self, review: i64) -> u32 {
        self.reviews
            .iter()
            .find(|(r, _)| r.id == review)
            .map_or(0, |(r, _)| r.number)
    }

    /// Every review as a picker offers it: `MR-001 Management review 2025`.
    fn options(&self) -> Vec<(i64, String)> {
        self.reviews
            .iter()
            .map(|(r, _)| (r.id, r.label()))
            .collect()
    }
}

#[derive(Clone)]
pub struct ReviewRow {
    pub review: Review,
    pub ctx: Arc<ReviewContext>,
}

impl ReviewRow {
    fn inputs(&self) -> Option<&Inputs> {
        self.ctx
            .reviews
            .iter()
            .find(|(r, _)| r.id == self.review.id)
            .map(|(_, i)| i)
    }

    fn open_actions(&self) -> usize {
        self.ctx
            .actions
            .iter()
            .filter(|a| a.review == self.review.id && !a.is_done())
            .count()
    }

    /// One line per input: its figures, then the reviewer's note.
    fn input_lines(&self, inputs: &Inputs) -> Vec<(&'static str, String)> {
        let p = &inputs.performance;
        let r = &inputs.risks;
        let overdue = inputs.actions.iter().filter(|a| a.overdue).count();
        let figures = [
            (
                Input::Actions,
                format!(
                    "{}, {overdue} overdue",
                    count(inputs.actions.len(), "action", "actions")
                ),
            ),
            (Input::Issues, changes(&inputs.issues)),
            (Input::Parties, changes(&inputs.parties)),
            (
                Input::Performance,
                format!(
                    "nonconformities {} raised, {} closed, {} open; {}; {}",
                    p.raised,
                    p.closed,
                    p.open,
                    count(p.audits.len(), "audit", "audits"),
                    count(p.objectives.len(), "objective", "objectives")
                ),
            ),
            (Input::Feedback, String::new()),
            (
                Input::Risks,
                format!(
                    "{} risks, {} above the criteria, {}; {} treatment actions open, {} overdue",
                    r.risks,
                    r.above_criteria.len(),
                    match inputs.baseline {
                        Some(_) => format!(
                            "since the baseline {} new, {} changed, {} removed",
                            r.added.len(),
                            r.changed.len(),
                            r.removed.len()
                        ),
                        None => format!("{} new", r.added.len()),
                    },
                    r.actions_open,
                    r.overdue.len()
                ),
            ),
            (
                Input::Improvement,
                count(
                    inputs.improvements.len(),
                    "opportunity from audits",
                    "opportunities from audits",
                ),
            ),
        ];
        figures
            .into_iter()
            .map(|(input, figure)| {
                let note = self.review.note(input);
                let line = match (figure.is_empty(), note.is_empty()) {
                    (_, true) if input.is_typed() => "(no note: typed by the reviewer)".into(),
                    (_, true) => figure,
                    (true, false) => note.to_string(),
                    (false, false) => format!("{figure}. {note}"),
                };
                (input.label(), line)
            })
            .collect()
    }
}

/// `2 added, 1 changed` or `none`.
fn changes(items: &[crate::domain::review::inputs::ChangeItem]) -> String {
    use crate::domain::review::inputs::ChangeKind;
    let parts: Vec<String> = ChangeKind::ALL
        .iter()
        .filter_map(|k| {
            let n = items.iter().filter(|c| c.change == *k).count();
            (n > 0).then(|| format!("{n} {}", k.label().to_lowercase()))
        })
        .collect();
    if parts.is_empty() {
        "no change".into()
    } else {
        parts.join(", ")
    }
}

impl Record for ReviewRow {
    const NOUN: &'static str = "management review";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 6, 9),
            Column::new("Title", 30, 12, 8),
            Column::new("Status", 8, 7, 7),
            Column::new("Date", 10, 10, 6),
            Column::new("Participants", 30, 8, 3),
            Column::new("Missing", 7, 4, 4),
            Column::new("Open actions", 6, 4, 5),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let r = &self.review;
        let day = if r.is_held() { r.held_on } else { r.planned_on };
        let missing = r.missing_inputs().len();
        vec![
            r.reference(),
            r.title.clone(),
            r.status.label().to_string(),
            day.map(|d| d.to_string()).unwrap_or_default(),
            r.participants.join(", "),
            if missing == 0 {
                String::new()
            } else {
                missing.to_string()
            },
            match self.open_actions() {
                0 => String::new(),
                n => n.to_string(),
            },
        ]
    }

    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        use crate::ui::theme::Tone;
        let mut styles = vec![(
            2,
            if self.review.is_held() {
                Tone::Progress(0)
            } else {
                Tone::Progress(1)
            },
        )];
        if !self.review.missing_inputs().is_empty() {
            styles.push((5, Tone::Warning));
        }
        styles
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let r = &self.review;
        let mut out = vec![
            ("Title", r.title.clone()),
            ("Status", r.status.label().to_string()),
            (
                "Planned on",
                r.planned_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
            (
                "Held on",
                match r.held_on.filter(|_| r.is_held()) {
                    Some(d) => format!("{d}: its inputs are frozen as they were that day"),
                    None => format!(
                        "not yet: the inputs below stand as of today, {}; H holds it today",
                        self.ctx.today
                    ),
                },
            ),
            ("Participants", r.participants.join(", ")),
        ];
        if let Some(inputs) = self.inputs() {
            out.push(("Period", inputs.period()));
            out.extend(self.input_lines(inputs));
        }
        let missing: Vec<&str> = r.missing_inputs().iter().map(|i| i.label()).collect();
        if !missing.is_empty() {
            out.push(("Inputs missing", missing.join("; ")));
        }
        out.push(("Decisions on improvement", r.improvements.clone()));
        out.push(("Decisions on changes", r.changes.clone()));
        out.push(("Resource needs", r.resources.clone()));
        out
    }

    fn id(&self) -> i64 {
        self.review.id
    }

    fn label(&self) -> String {
        self.review.label()
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["review"], self.review.reference())
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Review(self.review.id)
    }

    fn form(&self, title: String) -> Form {
        let r = &self.review;
        let mut form = Form::new(title)
            .line(field::TITLE, "Title", &r.title)
            .date(field::PLANNED_ON, "Planned on", r.planned_on)
            .people(
                field::PARTICIPANTS,
                "Participants",
                &r.participants,
                &self.ctx.people,
            );
        for input in Input::ALL {
            form = form.text(field::NOTES[input.index()], input.short(), r.note(*input));
        }
        form.text(field::IMPROVEMENTS, "On improvement", &r.improvements)
            .text(field::CHANGES, "On changes", &r.changes)
            .text(field::RESOURCES, "Resource needs", &r.resources)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let mut review = Review {
            title: form.value(field::TITLE),
            planned_on: text::date(field::PLANNED_ON, &form.value(field::PLANNED_ON))?,
            participants: form.names(field::PARTICIPANTS),
            improvements: form.value(field::IMPROVEMENTS),
            changes: form.value(field::CHANGES),
            resources: form.value(field::RESOURCES),
            ..self.review.clone()
        };
        for input in Input::ALL {
            review = review.with_note(*input, &form.value(field::NOTES[input.index()]));
        }
        Ok(ReviewRow {
            review,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = ReviewContext::load(data)?;
        let rows = ctx
            .reviews
            .iter()
            .map(|(review, _)| ReviewRow {
                review: review.clone(),
                ctx: Arc::clone(&ctx),
            })
            .collect();
        let year = chrono::Datelike::year(&ctx.today);
        Ok((
            rows,
            ReviewRow {
                review: Review::new(&format!("Management review {year}")),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.review.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveReview(Box::new(self.review.clone()))
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Review(review) => ReviewRow {
                review: *review,
                ..self
            },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        if self.review.status == ReviewStatus::Held {
            return Err(ValidationError::new(
                field::STATUS,
                format!(
                    "{} was held: its minutes are a record and stay",
                    self.review.reference()
                ),
            ));
        }
        Ok(Command::DeleteReview(self.review.id))
    }
}

/// The facet of the actions view: their status.
mod facet {
    use crate::domain::Field;

    pub const STATUS: Field = Field::new("status");
    pub const OVERDUE: Field = Field::new("overdue");
}

#[derive(Clone)]
pub struct ActionRow {
    pub action: ReviewAction,
    pub ctx: Arc<ReviewContext>,
}

impl ActionRow {
    fn reference(&self) -> String {
        action_reference(self.ctx.number(self.action.review), self.action.number)
    }

    fn overdue(&self) -> bool {
        self.action.is_overdue(self.ctx.today)
    }
}

impl Record for ActionRow {
    const NOUN: &'static str = "review action";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 8, 8, 9),
            Column::new("Action", 40, 14, 8),
            Column::new("Owner", 18, 8, 5),
            Column::new("Due", 10, 10, 6),
            Column::new("Status", 11, 8, 7),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let a = &self.action;
        vec![
            self.reference(),
            a.description.clone(),
            a.owner.clone(),
            a.due_on.map(|d| d.to_string()).unwrap_or_default(),
            a.status.label().to_string(),
        ]
    }

    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        use crate::ui::theme::Tone;
        let mut styles = vec![(
            4,
            match self.action.status {
                ReviewActionStatus::Done => Tone::Progress(0),
                ReviewActionStatus::InProgress => Tone::Progress(1),
                ReviewActionStatus::Open => Tone::Progress(2),
            },
        )];
        if self.overdue() {
            styles.push((3, Tone::Warning));
        }
        styles
    }

    fn found_by(&self) -> String {
        if self.overdue() {
            "overdue".into()
        } else {
            String::new()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let a = &self.action;
        let review = self
            .ctx
            .reviews
            .iter()
            .find(|(r, _)| r.id == a.review)
            .map_or_else(String::new, |(r, _)| r.label());
        vec![
            ("Decided by", review),
            ("Action", a.description.clone()),
            ("Owner", a.owner.clone()),
            (
                "Due",
                match a.due_on {
                    Some(d) if self.overdue() => format!("{d} (overdue)"),
                    Some(d) => d.to_string(),
                    None => String::new(),
                },
            ),
            ("Status", a.status.label().to_string()),
            ("Note", a.note.clone()),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        vec![
            (facet::STATUS, self.action.status.label().to_string()),
            (
                facet::OVERDUE,
                if self.overdue() { "yes" } else { "no" }.to_string(),
            ),
        ]
    }

    fn id(&self) -> i64 {
        self.action.id
    }

    fn label(&self) -> String {
        format!("{} {}", self.reference(), self.action.description)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["review_action"], self.reference())
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Review(self.action.review)
    }

    fn form(&self, title: String) -> Form {
        let a = &self.action;
        let selected = (a.review != 0).then_some(a.review);
        Form::new(title)
            .pick(field::REVIEW, "Review", self.ctx.options(), selected)
            .line(field::ACTION, "Action", &a.description)
            .person(field::OWNER, "Owner", &a.owner, &self.ctx.people)
            .date(field::DUE_ON, "Due on", a.due_on)
            .choice(
                field::ACTION_STATUS,
                "Status",
                ReviewActionStatus::ALL.iter().map(|s| s.label()).collect(),
                ReviewActionStatus::ALL
                    .iter()
                    .position(|s| *s == a.status)
                    .unwrap_or(0),
            )
            .text(field::NOTE, "Note", &a.note)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let review = form.picked(field::REVIEW).ok_or_else(|| {
            ValidationError::new(field::REVIEW, "is required: which review decided it?")
        })?;
        let action = ReviewAction {
            review,
            description: form.value(field::ACTION),
            owner: form.value(field::OWNER),
            due_on: text::date(field::DUE_ON, &form.value(field::DUE_ON))?,
            status: ReviewActionStatus::ALL
                .get(form.choice_index(field::ACTION_STATUS))
                .copied()
                .unwrap_or(ReviewActionStatus::Open),
            note: form.value(field::NOTE),
            ..self.action.clone()
        };
        Ok(ActionRow {
            action,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = ReviewContext::load(data)?;
        let rows = ctx
            .actions
            .iter()
            .map(|action| ActionRow {
                action: action.clone(),
                ctx: Arc::clone(&ctx),
            })
            .collect();
        // A new action is the latest review's unless the screen sets the one selected.
        let latest = ctx
            .reviews
            .iter()
            .max_by_key(|(r, _)| r.number)
            .map_or(0, |(r, _)| r.id);
        Ok((
            rows,
            ActionRow {
                action: ReviewAction::new(latest, ""),
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.action.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveReviewAction(self.action.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::ReviewAction(action) => ActionRow { action, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteReviewAction(self.action.id))
    }
}
