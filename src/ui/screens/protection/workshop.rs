//! The workshop view of the Protection screen: one asset at a time, full-screen, with its
//! objectives beside the scale's definitions, so a room can agree on levels at the speed of talk.
//! Ratings go through the grid's own `rate` (same store calls, same override rule); assets named
//! in the room are added at once; an open question (`?`) is saved at once as `Q-001`, about the
//! asset in view. The view lists the asset's open questions, and `c` resolves the first of them
//! when the room has the answer. The summary lists what the session did, questions included.

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
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::screens::{Ctx, Status};
use crate::ui::theme;
use crate::ui::widgets::form::{Form, FormEvent};

/// What one workshop session did, for its summary.
#[derive(Default)]
pub struct Workshop {
    ratings: Vec<String>,
    added: Vec<String>,
    questions: Vec<String>,
    resolved: Vec<String>,
    /// The session has ended and its summary is shown.
    pub(super) ended: bool,
}

impl Workshop {
    pub fn rated(&mut self, what: String) {
        self.ratings.push(what);
    }
}

impl ProtectionScreen {
    /// Starts a session at the current asset (of the filtered list, if a filter is set).
    pub(super) fn start_workshop(&mut self, ctx: &mut Ctx<'_>) {
        self.marked.clear();
        self.col = 0;
        self.workshop = Some(Workshop::default());
        *ctx.status = Status::Info(
            "Workshop: rate with the numbers, Enter for the next asset, Esc ends.".into(),
        );
    }

    pub(super) fn handle_workshop_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) {
        let Some(ended) = self.workshop.as_ref().map(|w| w.ended) else {
            return;
        };
        if ended {
            self.workshop = None;
            *ctx.status = Status::Info("Workshop closed.".into());
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
                } else {
                    *ctx.status = Status::Info(
                        "That was the last asset: a adds one, Esc ends the session.".into(),
                    );
                }
            }
            Some(Action::PrevAsset) => {
                self.row = self.row.saturating_sub(1);
                self.col = 0;
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
                self.modal = Modal::Question {
                    form: Form::new(format!("Note an open question on {about}")).line(
                        question_field::QUESTION,
                        "Question",
                        "",
                    ),
                    asset,
                };
            }
            Some(Action::Resolve) => self.resolve_first_question(ctx),
            Some(Action::EndWorkshop) => {
                if let Some(w) = &mut self.workshop {
                    w.ended = true;
                }
            }
            _ => {}
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
        let whom = self.name(asset);
        self.clear(ctx);
        if let (Some(w), Status::Saved(_)) = (&mut self.workshop, &*ctx.status) {
            w.rated(format!("{whom}: {} cleared", objective.label()));
        }
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
                let text = form.value(question_field::QUESTION);
                let note = Command::NoteQuestion {
                    asset,
                    text: text.clone(),
                };
                match ctx.app.apply(note) {
                    Ok(Saved::Question(q)) => {
                        let about = asset
                            .map(|id| format!(" on {}", self.name(id)))
                            .unwrap_or_default();
                        *ctx.status = Status::Saved(format!(
                            "Saved {}{about}; it stays open until resolved.",
                            q.reference()
                        ));
                        let line = self.question_line(&q);
                        if let Some(w) = &mut self.workshop {
                            w.questions.push(line);
                        }
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

    /// Resolves the first open question about the current asset: the room has its answer.
    fn resolve_first_question(&mut self, ctx: &mut Ctx<'_>) {
        let Some(asset) = self.current().map(|r| r.asset.id) else {
            return;
        };
        let Some(first) = open_about(&self.questions, asset).first().map(|q| q.id) else {
            *ctx.status = Status::Info("No open question on this asset.".into());
            return;
        };
        match ctx.app.apply(Command::AnswerQuestion {
            id: first,
            answer: "Answered in the workshop.".into(),
            answered_by: String::new(),
        }) {
            Ok(Saved::Question(q)) => {
                let line = self.question_line(&q);
                self.reload_questions(ctx);
                let left = open_about(&self.questions, asset).len();
                *ctx.status = Status::Saved(format!(
                    "Resolved {}; {left} still open on this asset.",
                    q.reference()
                ));
                if let Some(w) = &mut self.workshop {
                    w.resolved.push(line);
                }
            }
            Ok(_) => self.reload_questions(ctx),
            Err(e) => *ctx.status = Status::Error(format!("Not resolved: {e}")),
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
                        if let Some(w) = &mut self.workshop {
                            w.added.push(format!("{name} ({}){serving}", kind.label()));
                        }
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
        if self.workshop.as_ref().is_some_and(|w| w.ended) {
            return Active::of(vec![Context::WorkshopEnded]);
        }
        let mut active = Active::of(vec![Context::Workshop]);
        active
            .hidden
            .extend((self.max_level().saturating_add(1)..=9).map(Action::Rate));
        active.hide(
            Action::Resolve,
            self.current()
                .is_none_or(|r| open_about(&self.questions, r.asset.id).is_empty()),
        )
    }

    pub(super) fn render_workshop(&self, w: &Workshop, frame: &mut Frame, area: Rect) {
        if w.ended {
            render_summary(w, frame, area);
            return;
        }
        let [asset_area, scale_area] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        let title = format!(
            " Workshop · asset {} of {} ",
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
                        format!("Open questions: {} (c resolves the first)", open.len()),
                        theme::label(),
                    ));
                    lines.extend(open.iter().map(|q| {
                        Line::styled(format!("  {} {}", q.reference(), q.text), theme::warning())
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

fn render_summary(w: &Workshop, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border())
        .title(Span::styled(" Workshop summary ", theme::title()));
    let mut lines = Vec::new();
    let mut section = |heading: &str, items: &[String]| {
        lines.push(Line::styled(
            format!("{heading}: {}", items.len()),
            theme::label(),
        ));
        lines.extend(
            items
                .iter()
                .map(|i| Line::styled(format!("  {i}"), theme::value())),
        );
        lines.push(Line::raw(""));
    };
    section("Assets added", &w.added);
    section("Ratings set", &w.ratings);
    section("Questions noted", &w.questions);
    if !w.resolved.is_empty() {
        section("Questions resolved", &w.resolved);
    }
    if !w.questions.is_empty() {
        lines.push(Line::styled(
            "Saved in the workspace, open until resolved (c in the workshop view); \
             `isms list questions` lists them.",
            theme::muted(),
        ));
    }
    lines.push(Line::styled("Any key returns to the grid.", theme::muted()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
