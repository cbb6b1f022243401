//! The Protection screen's registers besides the grid: the questions noted in workshops (open
//! first; given to someone with a due date, answered with who gave the answer) and the
//! workshops themselves, whose minutes `m` shows (and whose title and attendees `e` corrects).

use std::sync::Arc;

use chrono::NaiveDate;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::question::{OpenQuestion, field, open_first, stamp};
use crate::domain::reference::RefKind;
use crate::domain::text;
use crate::domain::workshop::{Workshop, field as workshop_field};
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::theme::Tone;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The facets questions can be filtered by (`f`).
mod facet {
    use crate::domain::Field;

    pub const STATUS: Field = Field::new("status");
    pub const ASSIGNEE: Field = Field::new("to be answered by");
}

/// The note in place of the question's text, which stays as it was noted.
const NOTED: Field = Field::new("noted");

/// What the question rows share: the assets a question can be about, and today.
#[derive(Debug)]
pub struct QuestionContext {
    /// Row id and `AS-003 Payroll data`, by reference.
    assets: Vec<(i64, String)>,
    /// Row id of a workshop and its reference.
    workshops: Vec<(i64, String)>,
    today: NaiveDate,
    /// The people a question is given to.
    people: Vec<String>,
}

impl QuestionContext {
    fn asset(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.assets.iter().find(|(a, _)| *a == id))
            .map_or_else(String::new, |(_, name)| name.clone())
    }

    fn workshop(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.workshops.iter().find(|(w, _)| *w == id))
            .map_or_else(String::new, |(_, r)| r.clone())
    }
}

#[derive(Debug, Clone)]
pub struct QuestionRow {
    pub question: OpenQuestion,
    ctx: Arc<QuestionContext>,
}

impl Record for QuestionRow {
    const NOUN: &'static str = "question";
    const CAN_DELETE: bool = false;

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 5, 9),
            Column::new("Status", 8, 8, 7),
            Column::new("Question", 34, 12, 8),
            Column::new("About", 22, 8, 3),
            Column::new("To answer", 16, 8, 5),
            Column::new("Due", 10, 10, 6),
            Column::new("Answer", 24, 8, 1),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let q = &self.question;
        vec![
            q.reference(),
            q.status(self.ctx.today).to_string(),
            q.text.clone(),
            self.ctx.asset(q.asset),
            q.assignee.clone(),
            q.due.map(|d| d.to_string()).unwrap_or_default(),
            q.answer.clone(),
        ]
    }

    fn found_by(&self) -> String {
        if self.question.is_overdue(self.ctx.today) {
            "overdue".into()
        } else {
            String::new()
        }
    }

    fn cell_styles(&self) -> Vec<(usize, Tone)> {
        if self.question.is_overdue(self.ctx.today) {
            vec![(1, Tone::Warning), (5, Tone::Warning)]
        } else {
            Vec::new()
        }
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let q = &self.question;
        let minute = |at: chrono::NaiveDateTime| -> String {
            stamp(at).replacen('T', " ", 1).chars().take(16).collect()
        };
        vec![
            ("Reference", q.reference()),
            ("Status", q.status(self.ctx.today).to_string()),
            ("Question", q.text.clone()),
            ("About", self.ctx.asset(q.asset)),
            ("Noted", format!("{} by {}", minute(q.noted_at), q.noted_by)),
            ("In workshop", self.ctx.workshop(q.workshop)),
            ("To be answered by", q.assignee.clone()),
            ("Due", q.due.map(|d| d.to_string()).unwrap_or_default()),
            ("Answer", q.answer.clone()),
            ("Answered by", q.answered_by.clone()),
            ("Answered", q.resolved_at.map(minute).unwrap_or_default()),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        let q = &self.question;
        vec![
            (facet::STATUS, q.status(self.ctx.today).to_string()),
            (
                facet::ASSIGNEE,
                if q.assignee.is_empty() {
                    "(nobody)".into()
                } else {
                    q.assignee.clone()
                },
            ),
        ]
    }

    fn id(&self) -> i64 {
        self.question.id
    }

    fn label(&self) -> String {
        format!("{} {}", self.question.reference(), self.question.text)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["question"], self.question.reference())
    }

    fn read_only(&self) -> Option<&'static str> {
        (!self.question.is_open())
            .then_some("This question is answered; its answer stays as it was given.")
    }

    fn form(&self, title: String) -> Form {
        let q = &self.question;
        let form = Form::new(title);
        let form = if self.is_new() {
            let mut options = vec![(0, "(the workshop as a whole)".to_string())];
            options.extend(self.ctx.assets.iter().cloned());
            form.pick(field::ASSET, "About", options, q.asset).line(
                field::QUESTION,
                "Question",
                &q.text,
            )
        } else {
            form.note(NOTED, "Question", &q.text)
        };
        let form = form
            .person(
                field::ASSIGNEE,
                "To be answered by",
                &q.assignee,
                &self.ctx.people,
            )
            .date(field::DUE, "Due", q.due);
        if self.is_new() {
            form
        } else {
            form.text(field::ANSWER, "Answer", &q.answer).line(
                field::ANSWERED_BY,
                "Answered by",
                &q.answered_by,
            )
        }
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let mut q = self.question.clone();
        if self.is_new() {
            q.asset = form.picked(field::ASSET).filter(|&id| id != 0);
            q.text = form.value(field::QUESTION);
        } else {
            q.answer = form.value(field::ANSWER);
            q.answered_by = form.value(field::ANSWERED_BY);
        }
        q.assignee = form.value(field::ASSIGNEE);
        q.due = text::date(field::DUE, &form.value(field::DUE))?;
        Ok(Self {
            question: q,
            ctx: Arc::clone(&self.ctx),
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let mut assets: Vec<(i64, String)> = data
            .assets()?
            .into_iter()
            .map(|a| {
                (
                    a.id,
                    format!("{} {}", RefKind::Asset.format(a.number), a.name),
                )
            })
            .collect();
        assets.sort_by(|x, y| crate::domain::order::natural_cmp(&x.1, &y.1));
        let workshops = data
            .workshops()?
            .into_iter()
            .map(|w| (w.id, format!("{} {}", w.reference(), w.title)))
            .collect();
        let ctx = Arc::new(QuestionContext {
            assets,
            workshops,
            today: data.today(),
            people: data.person_names()?,
        });
        let mut questions = data.questions()?;
        open_first(&mut questions);
        let row = |question| QuestionRow {
            question,
            ctx: Arc::clone(&ctx),
        };
        let blank = row(OpenQuestion::new(None, "", "", chrono::NaiveDateTime::MIN));
        Ok((questions.into_iter().map(row).collect(), blank))
    }

    fn is_new(&self) -> bool {
        self.question.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveQuestion(self.question.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Question(question) => Self { question, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Err(ValidationError::new(
            field::QUESTION,
            "questions are kept; answer it instead (e)",
        ))
    }
}

/// A workshop with what it decided, counted.
#[derive(Debug, Clone)]
pub struct WorkshopRow {
    pub workshop: Workshop,
    /// The people attendees are picked from.
    people: Arc<Vec<String>>,
    rated: usize,
    added: usize,
    questions: usize,
}

impl Record for WorkshopRow {
    const NOUN: &'static str = "workshop";
    const CAN_ADD: bool = false;
    const CAN_DELETE: bool = false;

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 5, 9),
            Column::new("Started", 16, 16, 8),
            Column::new("Title", 30, 12, 7),
            Column::new("Attendees", 30, 10, 2),
            Column::new("Ratings", 7, 7, 6),
            Column::new("Added", 5, 5, 4),
            Column::new("Questions", 9, 9, 5),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let w = &self.workshop;
        vec![
            w.reference(),
            stamp(w.started_at)
                .replacen('T', " ", 1)
                .chars()
                .take(16)
                .collect(),
            w.title.clone(),
            w.attendees.join(", "),
            self.rated.to_string(),
            self.added.to_string(),
            self.questions.to_string(),
        ]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let w = &self.workshop;
        let at = |at: chrono::NaiveDateTime| -> String {
            stamp(at).replacen('T', " ", 1).chars().take(16).collect()
        };
        vec![
            ("Reference", w.reference()),
            ("Title", w.title.clone()),
            ("Started", at(w.started_at)),
            (
                "Ended",
                w.ended_at.map_or_else(|| "not ended".to_string(), at),
            ),
            ("Attendees", w.attendees.join(", ")),
            ("Assets walked", w.walked.join(", ")),
            ("Ratings changed", self.rated.to_string()),
            ("Assets added", self.added.to_string()),
            ("Questions", self.questions.to_string()),
            ("Minutes", "m shows them.".into()),
        ]
    }

    fn id(&self) -> i64 {
        self.workshop.id
    }

    fn label(&self) -> String {
        format!("{} {}", self.workshop.reference(), self.workshop.title)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["workshop"], self.workshop.reference())
    }

    fn form(&self, title: String) -> Form {
        Form::new(title)
            .line(workshop_field::TITLE, "Title", &self.workshop.title)
            .people(
                workshop_field::ATTENDEES,
                "Attendees",
                &self.workshop.attendees,
                &self.people,
            )
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let mut row = self.clone();
        row.workshop.title = form.value(workshop_field::TITLE);
        row.workshop.attendees = form.names(workshop_field::ATTENDEES);
        Ok(row)
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let mut rows = Vec::new();
        let people = Arc::new(data.person_names()?);
        for workshop in data.workshops()? {
            let m = data.minutes(&workshop)?;
            rows.push(WorkshopRow {
                people: Arc::clone(&people),
                rated: m.rated.len(),
                added: m.added.len(),
                questions: m.answered.len() + m.open.len(),
                workshop,
            });
        }
        // The latest first: the one to hand over today.
        rows.reverse();
        let blank = WorkshopRow {
            people,
            workshop: Workshop::new("", Vec::new(), chrono::NaiveDateTime::MIN),
            rated: 0,
            added: 0,
            questions: 0,
        };
        Ok((rows, blank))
    }

    fn is_new(&self) -> bool {
        self.workshop.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveWorkshop(self.workshop.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Workshop(workshop) => Self { workshop, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Err(ValidationError::new(
            crate::domain::workshop::field::TITLE,
            "a workshop is a record and is kept",
        ))
    }
}
