//! The workshop view of the Protection screen: one asset at a time, full-screen, with its
//! objectives beside the scale's definitions, so a room can agree on levels at the speed of talk.
//! Ratings go through the grid's own `rate` (same store calls, same override rule); assets named
//! in the room are added at once; an open question (`?`) is saved at once as `Q-001`, about the
//! asset in view, optionally given to someone with a due date. The view lists the asset's open
//! questions, and `c` records the answer to one, with who gave it. Starting asks for a title
//! and the attendees and stores the workshop (`W-001`); every change until it ends belongs to
//! it, and ending shows its minutes (see `minutes`).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Modal, ProtectionScreen};
use crate::app::{Command, Error, LinkChange, Saved};
use crate::domain::asset::{Asset, AssetKind, field as asset_field};
use crate::domain::question::{OpenQuestion, field as question_field, open_about};
use crate::domain::reference::RefKind;
use crate::domain::text;
use crate::domain::workshop::{
    Workshop as WorkshopRecord, field as workshop_field, proposed_title,
};
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::screens::register::history::History;
use crate::ui::screens::{Ctx, Screen, Status};
use crate::ui::theme;
use crate::ui::widgets::form::{Form, FormEvent};

/// The workshop running in the room: its stored record and the assets walked so far.
pub struct Workshop {
    pub(super) record: WorkshopRecord,
    /// Row ids of the assets shown in the room, in the order they were shown.
    walked: Vec<i64>,
}

impl Workshop {
    fn walk(&mut self, asset: Option<i64>) {
        if let Some(id) = asset.filter(|id| !self.walked.contains(id)) {
            self.walked.push(id);
        }
    }
}

/// The keys of the forms the workshop opens, for the fields only a form has.
mod form_field {
    use crate::domain::Field;

    pub const ATTENDEES_NOTE: Field = Field::new("attendees note");
    pub const WHICH: Field = Field::new("which question");
    pub const ANSWERED_BY_NOTE: Field = Field::new("answered by note");
}

impl ProtectionScreen {
    /// Asks for the workshop's title and who is in the room; the names of the last workshop
    /// are proposed, since the same people tend to come again.
    pub(super) fn start_workshop(&mut self, ctx: &mut Ctx<'_>) {
        if ctx.app.is_read_only() {
            *ctx.status = Status::Info(
                "This window is read-only: a workshop writes every rating at once. Open the workspace for writing to hold one."
                    .into(),
            );
            return;
        }
        let data = ctx.app.reader();
        let last = data
            .workshops()
            .ok()
            .and_then(|all| all.last().map(|w| w.attendees.clone()))
            .unwrap_or_default();
        let people = data.person_names().unwrap_or_default();
        self.modal = Modal::StartWorkshop(
            Form::new("Start a rating workshop")
                .line(workshop_field::TITLE, "Title", &proposed_title(ctx.today))
                .people(workshop_field::ATTENDEES, "Attendees", &last, &people)
                .note(
                    form_field::ATTENDEES_NOTE,
                    "",
                    "Type part of a name, Enter adds them (a new name: a new person); optional. Every change from now on belongs to the workshop.",
                ),
        );
    }

    /// Stores the workshop and opens the room at the current asset (of the filtered list, if a
    /// filter is set).
    pub(super) fn handle_start(&mut self, mut form: Form, key: KeyEvent, ctx: &mut Ctx<'_>) {
        match form.handle_key(key) {
            FormEvent::None => self.modal = Modal::StartWorkshop(form),
            FormEvent::Cancel => *ctx.status = Status::Info("No workshop started.".into()),
            FormEvent::Submit => {
                let start = Command::StartWorkshop {
                    title: form.value(workshop_field::TITLE),
                    attendees: form.names(workshop_field::ATTENDEES),
                };
                match ctx.app.apply(start) {
                    Ok(Saved::Workshop(record)) => {
                        self.marked.clear();
                        self.col = 0;
                        let mut session = Workshop {
                            record,
                            walked: Vec::new(),
                        };
                        session.walk(self.current().map(|r| r.asset.id));
                        self.reload_questions(ctx);
                        *ctx.status = Status::Info(format!(
                            "{} started: rate with the numbers, Enter for the next asset, Esc ends.",
                            session.record.reference()
                        ));
                        self.workshop = Some(session);
                    }
                    Ok(_) => {}
                    Err(Error::Invalid(v)) => {
                        form.set_error(v.field, v.message);
                        self.modal = Modal::StartWorkshop(form);
                    }
                    Err(e) => {
                        form.message = Some(format!("not started: {e}"));
                        self.modal = Modal::StartWorkshop(form);
                    }
                }
            }
        }
    }

    /// Ends the workshop with the assets walked, and shows its minutes. A failed write keeps
    /// the room open, so nothing of it is lost.
    fn end_workshop(&mut self, ctx: &mut Ctx<'_>) {
        let Some(session) = self.workshop.take() else {
            return;
        };
        let end = Command::EndWorkshop {
            id: session.record.id,
            walked: session.walked.clone(),
        };
        match ctx.app.apply(end) {
            Ok(Saved::Workshop(ended)) => {
                *ctx.status = Status::Saved(format!(
                    "{} ended; its minutes stay in the workspace (Workshops view).",
                    ended.reference()
                ));
                // The questions and the workshops changed too.
                if let Err(e) = Screen::reload(self, &ctx.app.reader()) {
                    *ctx.status = Status::Error(format!("Could not reload: {e}"));
                }
                self.open_minutes(&ended, ctx);
            }
            Ok(_) => {}
            Err(e) => {
                *ctx.status = Status::Error(format!("The workshop did not end: {e}"));
                self.workshop = Some(session);
            }
        }
    }

    /// Shows what `workshop` decided, scrollable, until closed.
    pub(super) fn open_minutes(&mut self, workshop: &WorkshopRecord, ctx: &mut Ctx<'_>) {
        let data = ctx.app.reader();
        match data.minutes(workshop) {
            Ok(m) => {
                let lines = super::minutes::lines(workshop, &m, &self.naming());
                self.modal = Modal::Minutes {
                    view: History::document(
                        format!(" Minutes of {} · {} ", workshop.reference(), workshop.title),
                        lines,
                        "x exports · Esc closes",
                    ),
                    number: workshop.number,
                };
            }
            Err(e) => *ctx.status = Status::Error(format!("Could not read the minutes: {e}")),
        }
    }

    pub(super) fn handle_workshop_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) {
        if self.workshop.is_none() {
            return;
        }
        let last_col = self.objectives().len().saturating_sub(1);
        match keymap::action(Context::Workshop, &key) {
            Some(Action::Rate(level)) if self.current().is_some() && level <= self.max_level() => {
                self.rate(level, ctx);
            }
            Some(Action::Down) => self.col = (self.col + 1).min(last_col),
            Some(Action::Up) => self.col = self.col.saturating_sub(1),
            Some(Action::NextAsset) => {
                if self.row + 1 < self.shown.len() {
                    self.row += 1;
                    self.col = 0;
                    self.walked_here();
                } else {
                    *ctx.status = Status::Info(
                        "That was the last asset: a adds one, Esc ends the session.".into(),
                    );
                }
            }
            Some(Action::PrevAsset) => {
                self.row = self.row.saturating_sub(1);
                self.col = 0;
                self.walked_here();
            }
            Some(Action::Rationale) => self.open_rationale(ctx),
            Some(Action::ClearLevel) => self.clear_in_workshop(ctx),
            Some(Action::AddAsset) => {
                let kinds: Vec<&str> = AssetKind::ALL.iter().map(|k| k.label()).collect();
                // What a supporting asset serves, so that it inherits the moment it is saved.
                let mut others: Vec<(i64, String)> = self
                    .rows
                    .iter()
                    .map(|r| (r.asset.id, r.ctx.name(r.asset.id)))
                    .collect();
                others.sort_by(|x, y| crate::domain::order::natural_cmp(&x.1, &y.1));
                self.modal = Modal::QuickAdd(
                    Form::new("Add an asset named in the room")
                        .line(asset_field::NAME, "Name", "")
                        .choice(asset_field::KIND, "Kind", kinds, 0)
                        .pick_many(asset_field::SERVES, "Serves", others, Vec::new()),
                );
            }
            Some(Action::Question) => {
                let asset = self.current().map(|r| r.asset.id);
                let about = self
                    .current()
                    .map_or_else(|| "the workshop".to_string(), |r| r.ctx.name(r.asset.id));
                let people = ctx.app.reader().person_names().unwrap_or_default();
                self.modal = Modal::Question {
                    form: Form::new(format!("Note an open question on {about}"))
                        .line(question_field::QUESTION, "Question", "")
                        .person(question_field::ASSIGNEE, "To be answered by", "", &people)
                        .date(question_field::DUE, "Due", None),
                    asset,
                };
            }
            Some(Action::Resolve) => self.open_answer(ctx),
            Some(Action::EndWorkshop) => self.end_workshop(ctx),
            _ => {}
        }
    }

    /// Notes the asset in view as walked by the room.
    fn walked_here(&mut self) {
        let asset = self.current().map(|r| r.asset.id);
        if let Some(w) = &mut self.workshop {
            w.walk(asset);
        }
    }

    /// Clears the focused objective's own rating: the asset inherits again, or is unrated. A
    /// cell with nothing of its own says so instead of writing.
    fn clear_in_workshop(&mut self, ctx: &mut Ctx<'_>) {
        let Some(asset) = self.current().map(|r| r.asset.id) else {
            return;
        };
        let objective = self.objective();
        let has_own = self
            .current()
            .is_some_and(|r| r.ctx.own.contains_key(&(asset, objective)));
        if !has_own {
            *ctx.status = Status::Info(format!(
                "{} has no rating of its own here; nothing to clear.",
                objective.label()
            ));
            return;
        }
        self.clear(ctx);
    }

    /// Saves the question at once; a refused or failed write keeps the form open with the text.
    pub(super) fn handle_question(
        &mut self,
        mut form: Form,
        asset: Option<i64>,
        key: KeyEvent,
        ctx: &mut Ctx<'_>,
    ) {
        match form.handle_key(key) {
            FormEvent::None => self.modal = Modal::Question { form, asset },
            FormEvent::Cancel => *ctx.status = Status::Info("No question noted.".into()),
            FormEvent::Submit => {
                let due = match text::date(question_field::DUE, &form.value(question_field::DUE)) {
                    Ok(due) => due,
                    Err(e) => {
                        form.set_error(e.field, e.message);
                        self.modal = Modal::Question { form, asset };
                        return;
                    }
                };
                let mut q = OpenQuestion::new(
                    asset,
                    &form.value(question_field::QUESTION),
                    "",
                    chrono::NaiveDateTime::MIN,
                );
                q.assignee = form.value(question_field::ASSIGNEE);
                q.due = due;
                match ctx.app.apply(Command::SaveQuestion(q)) {
                    Ok(Saved::Question(q)) => {
                        let about = asset
                            .map(|id| format!(" on {}", self.name(id)))
                            .unwrap_or_default();
                        *ctx.status = Status::Saved(format!(
                            "Saved {}{about}; it stays open until answered (c).",
                            q.reference()
                        ));
                        self.reload_questions(ctx);
                    }
                    Ok(_) => self.reload_questions(ctx),
                    Err(Error::Invalid(v)) => {
                        form.set_error(v.field, v.message);
                        self.modal = Modal::Question { form, asset };
                    }
                    Err(e) => {
                        form.message = Some(format!("not saved: {e}"));
                        self.modal = Modal::Question { form, asset };
                    }
                }
            }
        }
    }

    /// Asks which question the room has answered (the asset's open ones first, then every
    /// other open one), the answer, and who gave it.
    fn open_answer(&mut self, ctx: &mut Ctx<'_>) {
        let asset = self.current().map(|r| r.asset.id);
        let mut options: Vec<&OpenQuestion> = self
            .questions
            .iter()
            .filter(|q| q.is_open() && q.asset == asset && asset.is_some())
            .collect();
        options.extend(
            self.questions
                .iter()
                .filter(|q| q.is_open() && (q.asset != asset || asset.is_none())),
        );
        if options.is_empty() {
            *ctx.status = Status::Info("No open question to answer.".into());
            return;
        }
        let labels: Vec<String> = options.iter().map(|q| self.question_line(q)).collect();
        let ids = options.iter().map(|q| q.id).collect();
        let people = ctx.app.reader().person_names().unwrap_or_default();
        self.modal = Modal::Answer {
            form: Form::new("Answer an open question")
                .choice(form_field::WHICH, "Question", labels, 0)
                .text(question_field::ANSWER, "Answer", "")
                .person(question_field::ANSWERED_BY, "Answered by", "", &people)
                .note(
                    form_field::ANSWERED_BY_NOTE,
                    "",
                    "Who in the room gave the answer; empty: you.",
                )
                .focus_on(question_field::ANSWER),
            ids,
        };
    }

    /// Stores the answer; a refused one keeps the form open with what was typed.
    pub(super) fn handle_answer(
        &mut self,
        mut form: Form,
        ids: Vec<i64>,
        key: KeyEvent,
        ctx: &mut Ctx<'_>,
    ) {
        match form.handle_key(key) {
            FormEvent::None => self.modal = Modal::Answer { form, ids },
            FormEvent::Cancel => *ctx.status = Status::Info("No answer recorded.".into()),
            FormEvent::Submit => {
                let Some(&id) = ids.get(form.choice_index(form_field::WHICH)) else {
                    return;
                };
                let answer = Command::AnswerQuestion {
                    id,
                    answer: form.value(question_field::ANSWER),
                    answered_by: form.value(question_field::ANSWERED_BY),
                };
                match ctx.app.apply(answer) {
                    Ok(Saved::Question(q)) => {
                        self.reload_questions(ctx);
                        let left = self.questions.iter().filter(|q| q.is_open()).count();
                        *ctx.status = Status::Saved(format!(
                            "Answered {} (by {}); {} open.",
                            q.reference(),
                            q.answered_by,
                            crate::domain::wording::count(left, "question", "questions")
                        ));
                    }
                    Ok(_) => self.reload_questions(ctx),
                    Err(Error::Invalid(v)) => {
                        form.set_error(v.field, v.message);
                        self.modal = Modal::Answer { form, ids };
                    }
                    Err(e) => {
                        form.message = Some(format!("not saved: {e}"));
                        self.modal = Modal::Answer { form, ids };
                    }
                }
            }
        }
    }

    /// `Q-001 AS-006 Server: Is it shared?`, or without the asset for the workshop as a whole.
    fn question_line(&self, q: &OpenQuestion) -> String {
        let about = q
            .asset
            .map(|id| format!("{}: ", self.name(id)))
            .unwrap_or_default();
        format!("{} {about}{}", q.reference(), q.text)
    }

    fn reload_questions(&mut self, ctx: &mut Ctx<'_>) {
        match ctx.app.reader().open_questions() {
            Ok(questions) => self.questions = questions,
            Err(e) => *ctx.status = Status::Error(format!("Could not reload: {e}")),
        }
    }

    /// Saves the asset at once, linked to what it serves, and returns to the asset and objective
    /// the room was on: the new asset waits in the list for its turn.
    pub(super) fn handle_quick_add(&mut self, mut form: Form, key: KeyEvent, ctx: &mut Ctx<'_>) {
        match form.handle_key(key) {
            FormEvent::None => self.modal = Modal::QuickAdd(form),
            FormEvent::Cancel => *ctx.status = Status::Info("No asset added.".into()),
            FormEvent::Submit => {
                let kind = AssetKind::ALL
                    .get(form.choice_index(asset_field::KIND))
                    .copied()
                    .unwrap_or(AssetKind::Information);
                let asset = Asset::new(kind, &form.value(asset_field::NAME));
                let serves = form.picked_all(asset_field::SERVES);
                let add = Command::SaveAsset {
                    asset,
                    depends_on: LinkChange::default(),
                    serves: LinkChange {
                        was: Vec::new(),
                        now: serves.clone(),
                    },
                };
                let (was_on, col) = (self.current().map(|r| r.asset.id), self.col);
                match ctx.app.apply(add) {
                    Ok(Saved::Asset(asset)) => {
                        let name =
                            format!("{} {}", RefKind::Asset.format(asset.number), asset.name);
                        let serving = match serves.as_slice() {
                            [] => String::new(),
                            [one] => format!(", serving {}", self.name(*one)),
                            many => format!(", serving {} assets", many.len()),
                        };
                        *ctx.status = Status::Saved(format!("Added {name}{serving}."));
                        self.reload_or_report(ctx);
                        if let Some(pos) = self
                            .shown
                            .iter()
                            .position(|&i| Some(self.rows[i].asset.id) == was_on)
                        {
                            self.row = pos;
                        }
                        self.col = col;
                    }
                    Ok(_) => self.reload_or_report(ctx),
                    Err(Error::Invalid(v)) => {
                        form.set_error(v.field, v.message);
                        self.modal = Modal::QuickAdd(form);
                    }
                    Err(e) => {
                        form.message = Some(format!("not saved: {e}"));
                        self.modal = Modal::QuickAdd(form);
                    }
                }
            }
        }
    }

    pub(super) fn workshop_contexts(&self) -> Active {
        let mut active = Active::of(vec![Context::Workshop]);
        active
            .hidden
            .extend((self.max_level().saturating_add(1)..=9).map(Action::Rate));
        active.hide(Action::Resolve, !self.questions.iter().any(|q| q.is_open()))
    }

    pub(super) fn render_workshop(&self, w: &Workshop, frame: &mut Frame, area: Rect) {
        let [asset_area, scale_area] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        let title = format!(
            " {} · asset {} of {} ",
            w.record.reference(),
            (self.row + 1).min(self.shown.len()),
            self.shown.len()
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::focus_border())
            .title(Span::styled(title, theme::title()));
        let mut lines = Vec::new();
        match self.current() {
            None => lines.push(Line::styled(
                "No asset to rate: a adds one, Esc ends the session.",
                theme::muted(),
            )),
            Some(r) => {
                let max = r.ctx.scale.max_level();
                lines.extend(super::asset_heading(r));
                if !r.asset.kind.is_rated_directly() {
                    lines.push(Line::styled(
                        "Inherits by the maximum principle; a level set here is an override and needs a justification.",
                        theme::muted(),
                    ));
                }
                lines.push(Line::raw(""));
                for (c, (o, need)) in r.effective.iter().enumerate() {
                    let focus = c == self.col;
                    let marker = if focus { "▶ " } else { "  " };
                    let label_style = if focus { theme::key() } else { theme::label() };
                    let cell_style = need
                        .as_ref()
                        .map_or(theme::muted(), |n| theme::need_level(n.level, max));
                    lines.push(Line::from(vec![
                        Span::styled(format!("{marker}{:<16}", o.label()), label_style),
                        Span::styled(r.ctx.cell(need.as_ref()), cell_style),
                    ]));
                    // The explanation ends with the rationale ("Why: …") when one is written.
                    lines.push(Line::styled(
                        format!("    {}", r.ctx.explain(r.asset.id, *o, need.as_ref())),
                        theme::value(),
                    ));
                    if r.ctx
                        .own
                        .get(&(r.asset.id, *o))
                        .is_some_and(|n| n.rationale_stale)
                    {
                        lines.push(Line::styled(
                            "    The rationale is from the earlier level: r rewrites it.",
                            theme::warning(),
                        ));
                    }
                }
                let open = open_about(&self.questions, r.asset.id);
                if !open.is_empty() {
                    lines.push(Line::raw(""));
                    lines.push(Line::styled(
                        format!("Open questions: {} (c answers one)", open.len()),
                        theme::label(),
                    ));
                    lines.extend(open.iter().map(|q| {
                        let given = if q.assignee.is_empty() {
                            String::new()
                        } else {
                            format!(" → {}", q.assignee)
                        };
                        Line::styled(
                            format!("  {} {}{given}", q.reference(), q.text),
                            theme::warning(),
                        )
                    }));
                }
            }
        }
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            asset_area,
        );
        self.render_scale(frame, scale_area);
    }

    fn render_scale(&self, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(" Scale ", theme::title()));
        let mut lines = Vec::new();
        // The level the objective in focus has now (its own or inherited), marked on the scale.
        let objective = self.objective();
        let focused = self.current().and_then(|r| {
            r.effective
                .iter()
                .find(|(o, _)| *o == objective)
                .and_then(|(_, need)| need.map(|n| n.level))
        });
        if let Some(r) = self.rows.first() {
            let max = r.ctx.scale.max_level();
            for (i, level) in r.ctx.scale.levels.iter().enumerate() {
                let n = u8::try_from(i + 1).unwrap_or(u8::MAX);
                let line = if focused == Some(n) {
                    Line::from(vec![
                        Span::styled(format!("{n} {}", level.name), theme::need_level(n, max)),
                        Span::styled(
                            format!("  ◀ {} now", objective.label().to_lowercase()),
                            theme::key(),
                        ),
                    ])
                } else {
                    Line::styled(format!("{n} {}", level.name), theme::need_level(n, max))
                };
                lines.push(line);
                lines.push(Line::styled(
                    format!("  {}", level.definition),
                    theme::value(),
                ));
                lines.push(Line::raw(""));
            }
        }
        lines.push(Line::styled(super::LEGEND, theme::muted()));
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            area,
        );
    }
}
