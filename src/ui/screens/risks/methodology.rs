//! The risk methodology of clause 6.1.2 on screen: scales, levels and the matrix. Arrows move in
//! the matrix and `+` `-` raise and lower the cell's level (digits stay with the tab bar); `L` and `I` edit the scales, `e` the levels.
//! Every change re-evaluates the risks and says how many changed level.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::heatmap;
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::methodology::field::{
    LEVEL_COLOURS, LEVEL_NAMES, LEVEL_REVIEW, STEP_DEFINITIONS, STEP_NAMES,
};
use crate::domain::methodology::{Authority, Methodology, REVIEW_MONTHS, RiskLevel, ScaleStep};
use crate::domain::{Field, ValidationError};
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::screens::{Ctx, Handled, Status};
use crate::ui::theme;
use crate::ui::widgets::form::{Form, FormEvent};

/// The number of steps a scale has.
const STEPS: Field = Field::new("steps");
const STEP_LABELS: [&str; 5] = ["Step 1", "Step 2", "Step 3", "Step 4", "Step 5"];
/// Form-only keys of each level, by position like the methodology's own field names.
const LEVEL_ACCEPT: [Field; 6] = [
    Field::new("acceptable 1"),
    Field::new("acceptable 2"),
    Field::new("acceptable 3"),
    Field::new("acceptable 4"),
    Field::new("acceptable 5"),
    Field::new("acceptable 6"),
];
const LEVEL_AUTHORITY: [Field; 6] = [
    Field::new("authority 1"),
    Field::new("authority 2"),
    Field::new("authority 3"),
    Field::new("authority 4"),
    Field::new("authority 5"),
    Field::new("authority 6"),
];
const LEVEL_LABELS: [&str; 6] = [
    "Level 1", "Level 2", "Level 3", "Level 4", "Level 5", "Level 6",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Editing {
    Likelihood,
    Impact,
    Levels,
}

pub struct MethodologyView {
    methodology: Methodology,
    cursor: (u8, u8),
    editing: Option<(Editing, Form)>,
}

impl MethodologyView {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            methodology: data.methodology()?,
            cursor: (1, 1),
            editing: None,
        })
    }

    pub fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.methodology = data.methodology()?;
        let (l, i) = (
            self.methodology.likelihood.len(),
            self.methodology.impact.len(),
        );
        self.cursor = (
            self.cursor.0.min(u8::try_from(l).unwrap_or(1)),
            self.cursor.1.min(u8::try_from(i).unwrap_or(1)),
        );
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
            None => Active::of(vec![Context::Methodology]),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if let Some((what, mut form)) = self.editing.take() {
            match form.handle_key(key) {
                FormEvent::None => self.editing = Some((what, form)),
                FormEvent::Cancel => *ctx.status = Status::Info("Nothing changed.".into()),
                FormEvent::Submit => match read(what, &form, &self.methodology) {
                    Err(e) => {
                        form.set_error(e.field, e.message);
                        self.editing = Some((what, form));
                    }
                    Ok(m) => {
                        if let Err(e) = self.save(m, ctx) {
                            match e {
                                Error::Invalid(v) => form.set_error(v.field, v.message),
                                other => form.message = Some(format!("not saved: {other}")),
                            }
                            self.editing = Some((what, form));
                        }
                    }
                },
            }
            return Handled::Yes;
        }
        let (l, i) = (
            self.methodology.likelihood.len(),
            self.methodology.impact.len(),
        );
        let (max_l, max_i) = (u8::try_from(l).unwrap_or(1), u8::try_from(i).unwrap_or(1));
        match keymap::action(Context::Methodology, &key) {
            Some(Action::Up) => self.cursor.0 = (self.cursor.0 + 1).min(max_l),
            Some(Action::Down) => self.cursor.0 = self.cursor.0.saturating_sub(1).max(1),
            Some(Action::Right) => self.cursor.1 = (self.cursor.1 + 1).min(max_i),
            Some(Action::Left) => self.cursor.1 = self.cursor.1.saturating_sub(1).max(1),
            Some(step @ (Action::Raise | Action::Lower)) => {
                let up = step == Action::Raise;
                let top = self.methodology.levels.len().saturating_sub(1);
                let mut m = self.methodology.clone();
                let changed = m
                    .matrix
                    .get_mut(usize::from(self.cursor.0) - 1)
                    .and_then(|row| row.get_mut(usize::from(self.cursor.1) - 1))
                    .is_some_and(|cell| {
                        let next = if up {
                            (*cell + 1).min(top)
                        } else {
                            cell.saturating_sub(1)
                        };
                        std::mem::replace(cell, next) != next
                    });
                if changed {
                    // `save` reports a failure in the status line itself.
                    let _ = self.save(m, ctx);
                }
            }
            Some(Action::EditLikelihood) => {
                self.editing = Some((
                    Editing::Likelihood,
                    scale_form("Edit the likelihood scale", &self.methodology.likelihood),
                ))
            }
            Some(Action::EditImpact) => {
                self.editing = Some((
                    Editing::Impact,
                    scale_form("Edit the impact scale", &self.methodology.impact),
                ))
            }
            Some(Action::EditLevels) => {
                self.editing = Some((Editing::Levels, levels_form(&self.methodology.levels)))
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    /// Stores the methodology; the status says how many risks changed level.
    fn save(&mut self, m: Methodology, ctx: &mut Ctx<'_>) -> Result<(), Error> {
        match ctx.app.apply(Command::ChangeMethodology(m)) {
            Ok(saved) => {
                let summary = match saved {
                    Saved::Summary(summary) => summary,
                    _ => String::new(),
                };
                *ctx.status = Status::Saved(format!("Saved the methodology: {summary}."));
                self.reload(&ctx.app.reader())
            }
            Err(e) => {
                *ctx.status = Status::Error(format!("Not saved: {e}"));
                Err(e)
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let m = &self.methodology;
        let [left, right] = Layout::horizontal([
            Constraint::Length(heatmap::width(m).max(40)),
            Constraint::Min(20),
        ])
        .areas(area);
        let matrix_height = u16::try_from(m.likelihood.len() + 3).unwrap_or(8);
        let [matrix, levels] =
            Layout::vertical([Constraint::Length(matrix_height), Constraint::Min(3)]).areas(left);
        heatmap::render(
            frame,
            matrix,
            m,
            None,
            "Matrix: likelihood × impact",
            Some(self.cursor),
        );
        let mut level_lines = Vec::new();
        for (n, level) in m.levels.iter().enumerate() {
            level_lines.push(Line::from(vec![
                Span::styled(
                    format!(" {} {} ", n + 1, level.name),
                    theme::heat_cell(&level.colour),
                ),
                Span::styled(
                    format!(
                        " {}; accepted by {}; review every {}",
                        if level.acceptable {
                            "acceptable"
                        } else {
                            "above the criteria"
                        },
                        level.authority.label().to_lowercase(),
                        crate::domain::wording::count(level.review_months, "month", "months")
                    ),
                    theme::value(),
                ),
            ]));
        }
        frame.render_widget(
            Paragraph::new(level_lines)
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme::border())
                        .title(Span::styled(" Levels ", theme::title())),
                )
                .wrap(Wrap { trim: false }),
            levels,
        );
        let mut scales = vec![Line::styled("Likelihood", theme::label())];
        for (n, s) in m.likelihood.iter().enumerate() {
            scales.push(Line::from(vec![
                Span::styled(format!("  L{} {}: ", n + 1, s.name), theme::key()),
                Span::styled(s.definition.clone(), theme::value()),
            ]));
        }
        scales.push(Line::raw(""));
        scales.push(Line::styled("Impact", theme::label()));
        for (n, s) in m.impact.iter().enumerate() {
            scales.push(Line::from(vec![
                Span::styled(format!("  I{} {}: ", n + 1, s.name), theme::key()),
                Span::styled(s.definition.clone(), theme::value()),
            ]));
        }
        frame.render_widget(
            Paragraph::new(scales)
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme::border())
                        .title(Span::styled(" Scales (6.1.2) ", theme::title())),
                )
                .wrap(Wrap { trim: false }),
            right,
        );
        if let Some((_, form)) = &self.editing {
            form.render(frame, area);
        }
    }
}

fn scale_form(title: &str, steps: &[ScaleStep]) -> Form {
    let mut form = Form::new(title).choice(
        STEPS,
        "Number of steps",
        vec!["3 steps", "4 steps", "5 steps"],
        steps.len().clamp(3, 5) - 3,
    );
    for i in 0..5 {
        let step = steps.get(i);
        form = form
            .line(
                STEP_NAMES[i],
                STEP_LABELS[i],
                step.map_or("", |s| s.name.as_str()),
            )
            .line(
                STEP_DEFINITIONS[i],
                "  definition",
                step.map_or("", |s| s.definition.as_str()),
            );
    }
    form
}

fn levels_form(levels: &[RiskLevel]) -> Form {
    let mut form = Form::new("Edit the risk levels and acceptance criteria");
    for (i, level) in levels.iter().enumerate().take(6) {
        form = form
            .line(LEVEL_NAMES[i], LEVEL_LABELS[i], &level.name)
            .choice(
                LEVEL_COLOURS[i],
                "  colour",
                theme::LEVEL_COLOURS.to_vec(),
                theme::LEVEL_COLOURS
                    .iter()
                    .position(|c| *c == level.colour)
                    .unwrap_or(0),
            )
            .toggle(LEVEL_ACCEPT[i], "  may be retained", level.acceptable)
            .choice(
                LEVEL_AUTHORITY[i],
                "  accepted by",
                Authority::ALL.iter().map(|a| a.label()).collect(),
                Authority::ALL
                    .iter()
                    .position(|a| *a == level.authority)
                    .unwrap_or(0),
            )
            .line(
                LEVEL_REVIEW[i],
                "  review (months)",
                &level.review_months.to_string(),
            );
    }
    form
}

/// The methodology as a form says it should be.
fn read(what: Editing, form: &Form, current: &Methodology) -> Result<Methodology, ValidationError> {
    let m = current.clone();
    match what {
        Editing::Likelihood | Editing::Impact => {
            let count = form.choice_index(STEPS) + 3;
            let steps: Vec<ScaleStep> = (0..count)
                .map(|i| ScaleStep {
                    name: form.value(STEP_NAMES[i]),
                    definition: form.value(STEP_DEFINITIONS[i]),
                })
                .collect();
            let mut m = if what == Editing::Likelihood {
                m.clone().resized(count, current.impact.len())
            } else {
                m.clone().resized(current.likelihood.len(), count)
            };
            if what == Editing::Likelihood {
                m.likelihood = steps;
            } else {
                m.impact = steps;
            }
            Ok(m)
        }
        Editing::Levels => {
            let mut m = m;
            for (i, level) in m.levels.iter_mut().enumerate().take(6) {
                let review = form.value(LEVEL_REVIEW[i]);
                // A number here; whether it is in range is the methodology's rule.
                let review_months = review.trim().parse::<u32>().ok().ok_or_else(|| {
                    ValidationError::new(
                        LEVEL_REVIEW[i],
                        format!(
                            "'{review}' is not a number of months from {} to {}",
                            REVIEW_MONTHS.start(),
                            REVIEW_MONTHS.end()
                        ),
                    )
                })?;
                *level = RiskLevel {
                    name: form.value(LEVEL_NAMES[i]),
                    colour: theme::LEVEL_COLOURS
                        .get(form.choice_index(LEVEL_COLOURS[i]))
                        .unwrap_or(&"gray")
                        .to_string(),
                    acceptable: form.toggled(LEVEL_ACCEPT[i]),
                    authority: Authority::ALL
                        .get(form.choice_index(LEVEL_AUTHORITY[i]))
                        .copied()
                        .unwrap_or(Authority::RiskOwner),
                    review_months,
                };
            }
            Ok(m)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_and_level_forms_round_trip() {
        let m = Methodology::default();
        assert_eq!(
            read(Editing::Likelihood, &scale_form("L", &m.likelihood), &m).unwrap(),
            m
        );
        assert_eq!(
            read(Editing::Levels, &levels_form(&m.levels), &m).unwrap(),
            m
        );
    }

    #[test]
    fn fewer_steps_shrink_the_matrix() {
        let m = Methodology::default();
        let mut form = scale_form("Impact", &m.impact);
        form.handle_key(KeyEvent::from(ratatui::crossterm::event::KeyCode::Left));
        let small = read(Editing::Impact, &form, &m).unwrap();
        assert_eq!(small.impact.len(), 4);
        assert!(small.matrix.iter().all(|row| row.len() == 4));
    }

    #[test]
    fn an_empty_step_name_is_refused_at_its_own_field() {
        let mut m = Methodology::default();
        m.likelihood[1].name.clear();
        let form = scale_form("Likelihood", &m.likelihood);
        let current = Methodology::default();
        let read = read(Editing::Likelihood, &form, &current).unwrap();
        let err = read.validated().unwrap_err();
        assert_eq!(err.field, STEP_NAMES[1]);
        assert!(
            form.focused_key().is_some() && form.value(err.field).is_empty(),
            "the form has the field the error names"
        );
    }
}
