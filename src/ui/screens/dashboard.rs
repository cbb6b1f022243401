//! The Dashboard: the organisation and its scope in a line, the registers, SoA progress, the
//! heat maps, what is overdue or due soon, and the readiness findings, an auditor's view first.
//! `Enter` on a finding shows its item on its own screen.

use std::cell::Cell;
use std::collections::HashMap;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::risks::{heat_counts, render_heatmap};
use super::{Ctx, Handled, Screen};
use crate::domain::methodology::Methodology;
use crate::domain::readiness::{Finding, Severity, check};
use crate::domain::reference::RefKind;
use crate::domain::soa::{SoaProgress, progress};
use crate::store::{Counts, Store, StoreError};
use crate::ui::theme;
use crate::ui::widgets::fit;
use crate::ui::widgets::table::scroll_offset;

/// How far ahead "due soon" and "expiring soon" look.
const SOON_DAYS: i64 = 30;

pub struct Dashboard {
    headline: String,
    path: String,
    counts: Counts,
    soa: SoaProgress,
    methodology: Methodology,
    inherent: HashMap<(u8, u8), usize>,
    residual: HashMap<(u8, u8), usize>,
    deadlines: Vec<(Style, String)>,
    findings: Vec<Finding>,
    selected: usize,
    offset: Cell<usize>,
}

impl Dashboard {
    pub fn new(store: &Store) -> Result<Self, StoreError> {
        let mut d = Self {
            headline: String::new(),
            path: String::new(),
            counts: Counts::default(),
            soa: SoaProgress::default(),
            methodology: Methodology::default(),
            inherent: HashMap::new(),
            residual: HashMap::new(),
            deadlines: Vec::new(),
            findings: Vec::new(),
            selected: 0,
            offset: Cell::new(0),
        };
        d.reload(store)?;
        Ok(d)
    }

    fn severity_style(s: Severity) -> Style {
        match s {
            Severity::Major => theme::error(),
            Severity::Minor => theme::warning(),
            Severity::Observation => theme::muted(),
        }
    }

    /// Five letters at most, so the findings line up.
    fn severity_short(s: Severity) -> &'static str {
        match s {
            Severity::Major => "major",
            Severity::Minor => "minor",
            Severity::Observation => "obs.",
        }
    }

    fn render_registers(&self, frame: &mut Frame, area: Rect) {
        let c = &self.counts;
        let pairs = [
            ("Scope items", c.scope_items),
            ("Parties", c.parties),
            ("Assets", c.assets),
            ("Risks", c.risks),
            ("Actions", c.actions),
            ("Acceptances", c.acceptances),
            ("Custom controls", c.custom_controls),
            ("Issues (4.1)", c.context_issues),
        ];
        let lines: Vec<Line> = pairs
            .chunks(2)
            .map(|pair| {
                let mut spans = Vec::new();
                for (label, n) in pair {
                    spans.push(Span::styled(format!(" {label:<15}"), theme::label()));
                    spans.push(Span::styled(format!("{n:>5}  "), theme::value()));
                }
                Line::from(spans)
            })
            .collect();
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(" Registers ", theme::title()));
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn render_soa(&self, frame: &mut Frame, area: Rect) {
        let p = &self.soa;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(
                format!(
                    " SoA: {} applicable, {} excluded, {} undecided ",
                    p.applicable, p.excluded, p.undecided
                ),
                theme::title(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        // One stacked bar over the applicable controls.
        let width = usize::from(inner.width.saturating_sub(2));
        let parts = [
            (p.implemented, theme::gauge(0), "implemented"),
            (p.partial, theme::gauge(1), "partially"),
            (p.planned, theme::gauge(2), "planned"),
            (p.not_started, theme::gauge(3), "not started"),
        ];
        let mut bar = vec![Span::raw(" ")];
        if p.applicable == 0 {
            bar.push(Span::styled("░".repeat(width), theme::muted()));
        } else {
            let mut used = 0;
            for (i, (n, style, _)) in parts.iter().enumerate() {
                let cells = if i + 1 == parts.len() {
                    width.saturating_sub(used)
                } else {
                    (n * width).checked_div(p.applicable).unwrap_or(0)
                };
                used += cells;
                bar.push(Span::styled("█".repeat(cells), *style));
            }
        }
        let legend: Vec<Span> = parts
            .iter()
            .flat_map(|(n, style, label)| {
                [
                    Span::styled(" ■ ", *style),
                    Span::styled(format!("{n} {label}"), theme::value()),
                ]
            })
            .collect();
        frame.render_widget(
            Paragraph::new(vec![Line::from(bar), Line::from(legend)]),
            inner,
        );
    }

    fn render_deadlines(&self, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(
                format!(" Deadlines (overdue and next {SOON_DAYS} days) "),
                theme::title(),
            ));
        let width = area.width.saturating_sub(3);
        let lines: Vec<Line> = if self.deadlines.is_empty() {
            vec![Line::styled(
                " Nothing overdue, nothing due soon.",
                theme::muted(),
            )]
        } else {
            self.deadlines
                .iter()
                .map(|(style, text)| Line::styled(format!(" {}", fit(text, width)), *style))
                .collect()
        };
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn render_findings(&self, frame: &mut Frame, area: Rect) {
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        let title = format!(
            " Readiness: {} major, {} minor, {} observations ",
            count(Severity::Major),
            count(Severity::Minor),
            count(Severity::Observation)
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::focus_border())
            .title(Span::styled(title, theme::title()));
        let all = block.inner(area);
        frame.render_widget(block, area);
        // The selected finding in full, with its fix, under the list.
        let [inner, detail] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(4)]).areas(all);
        if let Some(f) = self.findings.get(self.selected) {
            let text = vec![
                Line::styled(format!(" {}", f.message), theme::value()),
                Line::styled(format!(" → {}", f.fix), theme::muted()),
            ];
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(ratatui::widgets::Wrap { trim: false })
                    .block(
                        Block::default()
                            .borders(Borders::TOP)
                            .border_style(theme::border()),
                    ),
                detail,
            );
        }
        let height = usize::from(inner.height).max(1);
        let offset = scroll_offset(
            self.offset.get(),
            self.selected,
            height,
            self.findings.len(),
        );
        self.offset.set(offset);
        let width = inner.width.saturating_sub(20);
        let lines: Vec<Line> = if self.findings.is_empty() {
            vec![Line::styled(
                " Nothing an auditor would flag.",
                theme::success(),
            )]
        } else {
            self.findings
                .iter()
                .enumerate()
                .skip(offset)
                .take(height)
                .map(|(i, f)| {
                    let base = if i == self.selected {
                        theme::selected()
                    } else {
                        Style::new()
                    };
                    Line::from(vec![
                        Span::styled(
                            format!(" {:<6}", Self::severity_short(f.severity)),
                            Self::severity_style(f.severity).patch(base),
                        ),
                        Span::styled(format!("{:<11}", f.rule), theme::key().patch(base)),
                        Span::styled(fit(&f.message, width), theme::value().patch(base)),
                    ])
                })
                .collect()
        };
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

impl Screen for Dashboard {
    fn title(&self) -> &'static str {
        "Dashboard"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        let last = self.findings.len().saturating_sub(1);
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::PageDown => self.selected = (self.selected + 10).min(last),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::Char('g') | KeyCode::Home => self.selected = 0,
            KeyCode::Char('G') | KeyCode::End => self.selected = last,
            KeyCode::Enter => match self.findings.get(self.selected) {
                Some(f) => ctx.jump = Some(f.place.clone()),
                None => return Handled::No,
            },
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let today = crate::clock::today();
        let ws = store.workspace()?;
        let scope = ws
            .statements
            .isms_scope
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        self.headline = if scope.is_empty() {
            format!("{}: no ISMS scope statement yet", store.organisation()?)
        } else {
            format!("{}: {scope}", store.organisation()?)
        };
        self.path = store.path().display().to_string();
        self.counts = store.counts()?;
        self.soa = progress(&ws.soa);
        self.inherent = heat_counts(ws.risks.iter().map(|r| r.inherent));
        self.residual = heat_counts(ws.risks.iter().map(|r| r.residual));
        let mut deadlines = Vec::new();
        let risk_ref = |id: i64| {
            ws.risks
                .iter()
                .find(|r| r.id == id)
                .map_or(String::new(), |r| RefKind::Risk.format(r.number))
        };
        for a in ws.actions.iter().filter(|a| a.is_overdue(today)) {
            let due = a.due.map_or(String::new(), |d| d.to_string());
            deadlines.push((
                theme::error(),
                format!(
                    "overdue since {due}: {} {} ({})",
                    RefKind::Action.format(a.number),
                    a.title,
                    a.owner
                ),
            ));
        }
        for a in ws
            .actions
            .iter()
            .filter(|a| a.is_due_within(today, SOON_DAYS))
        {
            let due = a.due.map_or(String::new(), |d| d.to_string());
            deadlines.push((
                theme::warning(),
                format!(
                    "due {due}: {} {} ({})",
                    RefKind::Action.format(a.number),
                    a.title,
                    a.owner
                ),
            ));
        }
        for a in ws
            .acceptances
            .iter()
            .filter(|a| a.expires_within(today, SOON_DAYS))
        {
            let until = a.until.map_or(String::new(), |d| d.to_string());
            deadlines.push((
                theme::warning(),
                format!("acceptance of {} expires {until}", risk_ref(a.risk)),
            ));
        }
        self.deadlines = deadlines;
        self.methodology = ws.methodology.clone();
        self.findings = check(&ws, today);
        self.selected = self.selected.min(self.findings.len().saturating_sub(1));
        Ok(())
    }

    fn keys(&self) -> Vec<(&'static str, &'static str)> {
        vec![("↑↓", "findings"), ("Enter", "go to the item")]
    }

    fn render(&self, frame: &mut Frame, area: Rect) {
        let [head, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&format!(" {}", self.headline), head.width),
                theme::title(),
            )),
            head,
        );
        let maps_height = u16::try_from(self.methodology.likelihood.len() + 3).unwrap_or(8);
        let map_width = u16::try_from(4 + self.methodology.impact.len() * 5 + 2).unwrap_or(31);
        // Both heat maps side by side where there is room; on a narrow terminal the residual one.
        let wide = body.width >= map_width * 2 + 2 + 50;
        let left_width = if wide {
            map_width * 2 + 2
        } else {
            map_width.max(body.width / 2)
        };
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Min(30)]).areas(body);
        let [registers, soa, maps, file] = Layout::vertical([
            Constraint::Length(6),
            Constraint::Length(4),
            Constraint::Length(maps_height),
            Constraint::Min(0),
        ])
        .areas(left);
        self.render_registers(frame, registers);
        self.render_soa(frame, soa);
        if wide {
            let [inherent, residual] =
                Layout::horizontal([Constraint::Length(map_width), Constraint::Length(map_width)])
                    .spacing(2)
                    .areas(maps);
            render_heatmap(
                frame,
                inherent,
                &self.methodology,
                Some(&self.inherent),
                "Inherent risk",
                None,
            );
            render_heatmap(
                frame,
                residual,
                &self.methodology,
                Some(&self.residual),
                "Residual risk",
                None,
            );
        } else {
            let [residual] = Layout::horizontal([Constraint::Length(map_width)]).areas(maps);
            render_heatmap(
                frame,
                residual,
                &self.methodology,
                Some(&self.residual),
                "Residual risk",
                None,
            );
        }
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&format!(" Workspace file: {}", self.path), file.width),
                theme::muted(),
            )),
            file,
        );
        let deadline_rows = u16::try_from(self.deadlines.len().clamp(1, 6) + 2).unwrap_or(8);
        let [deadlines, findings] =
            Layout::vertical([Constraint::Length(deadline_rows), Constraint::Min(3)]).areas(right);
        self.render_deadlines(frame, deadlines);
        self.render_findings(frame, findings);
    }
}
