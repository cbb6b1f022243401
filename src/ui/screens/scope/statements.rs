//! The ISMS scope statement and the certificate scope statement, side by side, each edited in a
//! multi-line editor and dated when it changes; under them the decision whether climate change
//! is a relevant issue (4.1), recorded in a small form.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::Field;
use crate::domain::scope::{ClimateDecision, ScopeStatements, statement_field};
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::screens::{Ctx, Handled, Status};
use crate::ui::theme;
use crate::ui::widgets::form::{Form, FormEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Isms,
    Certificate,
    Climate,
}

/// The choices of the climate change form, in their order.
const CLIMATE_CHOICES: [&str; 3] = ["Not decided yet", "Relevant", "Not relevant"];

pub struct Statements {
    statements: ScopeStatements,
    editing: Option<(Which, Form)>,
}

impl Statements {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            statements: data.scope_statements()?,
            editing: None,
        })
    }

    pub fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.statements = data.scope_statements()?;
        Ok(())
    }

    pub fn captures_input(&self) -> bool {
        self.editing.is_some()
    }

    pub fn handle_paste(&mut self, text: &str) {
        if let Some((_, form)) = &mut self.editing {
            form.paste(text);
        }
    }

    pub fn contexts(&self) -> Active {
        match &self.editing {
            Some((_, form)) => form.contexts(),
            None => Active::of(vec![Context::Statements]),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if let Some((which, mut form)) = self.editing.take() {
            match form.handle_key(key) {
                FormEvent::None => self.editing = Some((which, form)),
                FormEvent::Cancel => *ctx.status = Status::Info("Nothing changed.".into()),
                FormEvent::Submit => self.save(which, form, ctx),
            }
            return Handled::Yes;
        }
        let (which, title, value) = match keymap::action(Context::Statements, &key) {
            Some(Action::EditClimateDecision) => {
                self.editing = Some((Which::Climate, self.climate_form()));
                return Handled::Yes;
            }
            Some(Action::EditScope) => {
                (Which::Isms, "ISMS scope (4.3)", &self.statements.isms_scope)
            }
            Some(Action::EditCertificateScope) => (
                Which::Certificate,
                "certificate scope",
                &self.statements.certificate_scope,
            ),
            _ => return Handled::No,
        };
        let key = field_key(which);
        self.editing = Some((
            which,
            Form::new(format!("Edit the {title}")).text(key, "Statement", value),
        ));
        Handled::Yes
    }

    fn climate_form(&self) -> Form {
        let decision = self.statements.climate_change.as_ref();
        let selected = match decision {
            None => 0,
            Some(d) if d.relevant => 1,
            Some(_) => 2,
        };
        Form::new("Is climate change a relevant issue? (4.1)")
            .choice(
                statement_field::CLIMATE_DECISION,
                "Climate change",
                CLIMATE_CHOICES.to_vec(),
                selected,
            )
            .text(
                statement_field::CLIMATE_NOTE,
                "Why",
                decision.map_or("", |d| d.note.as_str()),
            )
    }

    fn save(&mut self, which: Which, mut form: Form, ctx: &mut Ctx<'_>) {
        let text = form.value(field_key(which));
        let current = self.statements.clone();
        let updated = match which {
            Which::Isms => current.with_isms_scope(&text, ctx.today),
            Which::Certificate => current.with_certificate_scope(&text, ctx.today),
            Which::Climate => {
                let note = form.value(statement_field::CLIMATE_NOTE);
                let decision = match form.choice_index(statement_field::CLIMATE_DECISION) {
                    0 => None,
                    chosen => Some(ClimateDecision {
                        relevant: chosen == 1,
                        note,
                    }),
                };
                current.with_climate_change(decision)
            }
        };
        let result = updated
            .map_err(Error::from)
            .and_then(|s| ctx.app.apply(Command::SetScopeStatements(s)));
        match result {
            Ok(saved) => {
                if let Saved::Statements(saved) = saved {
                    self.statements = saved;
                }
                *ctx.status = Status::Saved(match which {
                    Which::Isms => "Saved the ISMS scope.".into(),
                    Which::Certificate => "Saved the certificate scope.".into(),
                    Which::Climate => "Saved the climate change decision.".into(),
                });
            }
            Err(e) => {
                let message = match &e {
                    Error::Invalid(v) => v.message.clone(),
                    other => format!("not saved: {other}"),
                };
                form.set_error(field_key(which), message);
                *ctx.status = Status::Error("Not saved: see the form.".into());
                self.editing = Some((which, form));
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let [panes, climate] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(area);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(panes);
        let s = &self.statements;
        pane(
            frame,
            left,
            "ISMS scope (4.3)",
            "e",
            &s.isms_scope,
            s.isms_scope_changed,
        );
        pane(
            frame,
            right,
            "Certificate scope",
            "c",
            &s.certificate_scope,
            s.certificate_scope_changed,
        );
        climate_pane(frame, climate, s.climate_change.as_ref());
        if let Some((_, form)) = &self.editing {
            form.render(frame, area);
        }
    }
}

fn field_key(which: Which) -> Field {
    match which {
        Which::Isms => statement_field::ISMS_SCOPE,
        Which::Certificate => statement_field::CERTIFICATE_SCOPE,
        // The note is where a refused decision's message belongs.
        Which::Climate => statement_field::CLIMATE_NOTE,
    }
}

fn climate_pane(frame: &mut Frame, area: Rect, decision: Option<&ClimateDecision>) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(" Climate change (4.1) ", theme::title()));
    let line = match decision {
        Some(d) => Line::styled(format!("Climate change is {}", d.summary()), theme::value()),
        None => Line::styled("Not decided yet: m records it.", theme::muted()),
    };
    frame.render_widget(
        Paragraph::new(line).block(block).wrap(Wrap { trim: false }),
        area,
    );
}

fn pane(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    key: &str,
    text: &str,
    changed: Option<chrono::NaiveDate>,
) {
    let changed = changed.map_or("never changed".to_string(), |d| format!("last changed {d}"));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(format!(" {title} "), theme::title()))
        .title_bottom(Line::styled(format!(" {changed} "), theme::muted()).right_aligned());
    let body: Vec<Line> = if text.is_empty() {
        vec![Line::styled(
            format!("Not written yet: {key} edits it."),
            theme::muted(),
        )]
    } else {
        text.lines()
            .map(|l| Line::styled(l.to_string(), theme::value()))
            .collect()
    };
    frame.render_widget(
        Paragraph::new(body).block(block).wrap(Wrap { trim: false }),
        area,
    );
}
