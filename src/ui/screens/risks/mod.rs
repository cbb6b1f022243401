//! The Risks screen (clauses 6.1.2, 8.2): the register, the inherent and residual heat maps
//! (Enter on a cell shows its risks), and the methodology. `[` and `]` switch views.

mod heatmap;
mod methodology;
mod record;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub use heatmap::{counts as heat_counts, render as render_heatmap, width as heat_width};
pub use record::RiskRow;

use super::register::RegisterView;
use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen, Status};
use crate::app::{Command, Error, Reader};
use crate::domain::baseline::ReassessKind;
use crate::domain::methodology::Rating;
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::theme;
use methodology::MethodologyView;

views::views!(
    /// The views of the Risks screen.
    RiskView {
        Register => "Register",
        HeatMaps => "Heat maps",
        Methodology => "Methodology",
    }
);

pub struct RisksScreen {
    views: ViewBar<RiskView>,
    register: RegisterView<RiskRow>,
    /// The heat-map cursor: residual side or not, likelihood, impact.
    cell: (bool, u8, u8),
    methodology: MethodologyView,
}

impl RisksScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(false),
            register: RegisterView::new("Risk register (6.1.2, 8.2)", data)?,
            cell: (false, 3, 3),
            methodology: MethodologyView::new(data)?,
        })
    }

    fn captures(&self) -> bool {
        match self.views.current {
            RiskView::Register => self.register.captures_input(),
            RiskView::Methodology => self.methodology.captures_input(),
            RiskView::HeatMaps => false,
        }
    }

    fn heat_key(&mut self, key: KeyEvent) -> Handled {
        let Some(m) = self
            .register
            .items()
            .first()
            .map(|r| r.ctx.methodology.clone())
        else {
            return Handled::No;
        };
        let (max_l, max_i) = (
            u8::try_from(m.likelihood.len()).unwrap_or(1),
            u8::try_from(m.impact.len()).unwrap_or(1),
        );
        let (residual, l, i) = &mut self.cell;
        match keymap::action(Context::Matrix, &key) {
            Some(Action::Up) => *l = (*l + 1).min(max_l),
            Some(Action::Down) => *l = l.saturating_sub(1).max(1),
            Some(Action::Right) => {
                if *i < max_i {
                    *i += 1;
                } else if !*residual {
                    *residual = true;
                    *i = 1;
                }
            }
            Some(Action::Left) => {
                if *i > 1 {
                    *i -= 1;
                } else if *residual {
                    *residual = false;
                    *i = max_i;
                }
            }
            Some(Action::Open) => {
                let facet = if *residual {
                    record::facet::RESIDUAL_CELL
                } else {
                    record::facet::INHERENT_CELL
                };
                self.register
                    .show_only(vec![(facet, format!("L{l} × I{i}"))]);
                self.views.current = RiskView::Register;
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn render_heatmaps(&self, frame: &mut Frame, area: Rect) {
        let rows = self.register.items();
        let Some(first) = rows.first() else {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    "No risks yet: n on the register adds one.",
                    theme::muted(),
                )),
                area,
            );
            return;
        };
        let m = &first.ctx.methodology;
        let width = render_width(m);
        let height = u16::try_from(m.likelihood.len() + 3).unwrap_or(8);
        let [maps, legend] =
            Layout::vertical([Constraint::Length(height), Constraint::Min(1)]).areas(area);
        let [left, right, _] = Layout::horizontal([
            Constraint::Length(width),
            Constraint::Length(width),
            Constraint::Min(0),
        ])
        .spacing(2)
        .areas(maps);
        let inherent = heat_counts(rows.iter().map(|r| r.risk.inherent));
        let residual = heat_counts(rows.iter().map(|r| r.risk.residual));
        let (on_residual, l, i) = self.cell;
        let cursor = |side: bool| (side == on_residual).then_some((l, i));
        render_heatmap(frame, left, m, Some(&inherent), "Inherent", cursor(false));
        render_heatmap(frame, right, m, Some(&residual), "Residual", cursor(true));
        let selected = Rating {
            likelihood: l,
            impact: i,
        };
        let level = m
            .level(selected)
            .map_or("?".to_string(), |lv| lv.name.clone());
        let n = if on_residual { &residual } else { &inherent }
            .get(&(l, i))
            .copied()
            .unwrap_or(0);
        let side = if on_residual { "residual" } else { "inherent" };
        let mut lines = vec![Line::from(vec![
            Span::styled(format!(" {side} L{l} × I{i}: "), theme::key()),
            Span::styled(
                format!(
                    "{level}, {}. Enter shows them in the register.",
                    crate::domain::wording::count(n, "risk", "risks")
                ),
                theme::value(),
            ),
        ])];
        lines.push(Line::raw(""));
        for lv in &m.levels {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" {} {} ", heatmap::initial(&lv.name), lv.name),
                    theme::heat_cell(&lv.colour),
                ),
                Span::styled(
                    format!(
                        " {}",
                        if lv.acceptable {
                            "within the acceptance criteria"
                        } else {
                            "above the acceptance criteria: treat"
                        }
                    ),
                    theme::muted(),
                ),
            ]));
        }
        frame.render_widget(Paragraph::new(lines), legend);
    }
}

impl RisksScreen {
    /// Whether the register's table takes keys (no form, filter or links open), where `u`
    /// confirms the selected risk unchanged.
    fn on_table(&self) -> bool {
        !self.captures()
            && self
                .register
                .contexts()
                .contexts
                .contains(&Context::Register)
    }

    /// Confirms the selected risk unchanged for the open cycle: its assessment dated today,
    /// its mark taken off. A risk without a mark says so and stays as it is.
    fn confirm_unchanged(&mut self, ctx: &mut Ctx<'_>) {
        let Some(row) = self.register.selected() else {
            return;
        };
        let reference = crate::domain::reference::RefKind::Risk.format(row.risk.number);
        if !row.to_reassess() {
            *ctx.status = Status::Error(format!(
                "{reference} is not marked to re-assess in the open cycle."
            ));
            return;
        }
        let command = Command::ConfirmReassessed {
            kind: ReassessKind::Risk,
            item: row.risk.id,
        };
        match ctx.app.apply(command) {
            Ok(_) => {
                *ctx.status = Status::Saved(format!(
                    "{reference} confirmed unchanged: re-assessed on {}.",
                    ctx.today
                ));
                if let Err(e) = self.register.reload(&ctx.app.reader()) {
                    *ctx.status = Status::Error(format!("Could not reload: {e}"));
                }
            }
            Err(e) => *ctx.status = Status::Error(e.to_string()),
        }
    }
}

fn render_width(m: &crate::domain::methodology::Methodology) -> u16 {
    heatmap::width(m)
}

impl Screen for RisksScreen {
    fn title(&self) -> &'static str {
        "Risks"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !self.captures() && self.views.switch(key) {
            return Handled::Yes;
        }
        match self.views.current {
            RiskView::Register
                if self.on_table()
                    && keymap::action(Context::RiskRegister, &key)
                        == Some(Action::ConfirmUnchanged) =>
            {
                self.confirm_unchanged(ctx);
                Handled::Yes
            }
            RiskView::Register => self.register.handle_key(key, ctx),
            RiskView::HeatMaps => self.heat_key(key),
            RiskView::Methodology => {
                let handled = self.methodology.handle_key(key, ctx);
                if handled == Handled::Yes && !self.methodology.captures_input() {
                    // Levels may have changed: the register shows them.
                    if let Err(e) = self.register.reload(&ctx.app.reader()) {
                        *ctx.status = super::Status::Error(format!("Could not reload: {e}"));
                    }
                }
                handled
            }
        }
    }

    fn handle_paste(&mut self, text: &str) {
        match self.views.current {
            RiskView::Register => self.register.handle_paste(text),
            RiskView::Methodology => self.methodology.handle_paste(text),
            RiskView::HeatMaps => {}
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = views::split(area);
        if row == bar.y {
            return false;
        }
        self.views.current == RiskView::Register && self.register.handle_click(body, column, row)
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.register.reload(data)?;
        self.methodology.reload(data)
    }

    fn focus(&mut self, place: &crate::domain::readiness::Place) -> bool {
        let found = self.register.focus(place);
        if found {
            self.views.current = RiskView::Register;
        }
        found
    }

    fn contexts(&self) -> Active {
        let view = match self.views.current {
            RiskView::Register if !self.on_table() => self.register.contexts(),
            RiskView::Register => {
                let list = self.register.contexts();
                let mut active = Active::of(vec![Context::RiskRegister]);
                active.contexts.extend(list.contexts);
                active.hidden.extend(list.hidden);
                active.renamed.extend(list.renamed);
                let marked = self.register.selected().is_some_and(RiskRow::to_reassess);
                active.hide(Action::ConfirmUnchanged, !marked)
            }
            RiskView::HeatMaps => Active::of(vec![Context::Matrix]),
            RiskView::Methodology => self.methodology.contexts(),
        };
        self.views.over(view, self.captures())
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::register::legends::<RiskRow>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        match self.views.current {
            RiskView::Register => self.register.render(frame, body, true),
            RiskView::HeatMaps => self.render_heatmaps(frame, body),
            RiskView::Methodology => self.methodology.render(frame, body),
        }
    }
}
