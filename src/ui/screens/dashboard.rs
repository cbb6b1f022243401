//! The Dashboard: the organisation and its scope in a line, the registers (with the open
//! nonconformities), SoA progress, the heat maps, what is overdue or due soon (`domain::due`,
//! the list `isms due` prints), and the readiness findings, an auditor's view first.
//! `Enter` on a finding shows its item on its own screen.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::NaiveDate;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::risks::{heat_counts, render_heatmap};
use super::{Ctx, Handled, Screen, views};
use crate::app::{Background, Counts, Error, Reader};
use crate::domain::baseline::{self, ReassessKind, cycle_start};
use crate::domain::due::{self, DueItem, DueKind};
use crate::domain::methodology::Methodology;
use crate::domain::nonconformity::{Outstanding, outstanding};
use crate::domain::readiness::{Finding, Severity, check};
use crate::domain::soa::{SoaProgress, progress};
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::theme;
use crate::ui::widgets::fit;
use crate::ui::widgets::scroll::Scroll;

/// How far ahead "due soon" looks.
const SOON_DAYS: u32 = 30;

/// `(re-assessed, marked)` of one kind in the open cycle.
type Progress = (usize, usize);

pub struct Dashboard {
    organisation: String,
    scope_missing: bool,
    path: String,
    counts: Counts,
    soa: SoaProgress,
    methodology: Methodology,
    inherent: HashMap<(u8, u8), usize>,
    residual: HashMap<(u8, u8), usize>,
    /// The day the deadlines count from.
    today: NaiveDate,
    /// What is overdue or due within [`SOON_DAYS`], oldest first; found with the findings.
    deadlines: RefCell<Vec<DueItem>>,
    /// The open nonconformities and their corrective actions.
    nonconformities: Outstanding,
    /// The open cycle: the baseline that opened it, and `(re-assessed, marked)` of its risks
    /// and of its assets' needs.
    cycle: Option<(String, Progress, Progress)>,
    /// The readiness check runs on its own thread and connection: on a large workspace it takes
    /// longer than a frame, and everything else on this screen is ready without it.
    findings: RefCell<Findings>,
    selected: usize,
    /// Where the findings list is scrolled to.
    scroll: Scroll,
    /// The findings grouped by the clause or control they rest on, not gravest first (`c`).
    by_clause: bool,
}

impl Dashboard {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        let mut d = Self {
            organisation: String::new(),
            scope_missing: false,
            path: String::new(),
            counts: Counts::default(),
            soa: SoaProgress::default(),
            methodology: Methodology::default(),
            inherent: HashMap::new(),
            residual: HashMap::new(),
            today: data.today(),
            deadlines: RefCell::new(Vec::new()),
            nonconformities: Outstanding::default(),
            cycle: None,
            findings: RefCell::new(Findings::Ready(Vec::new())),
            selected: 0,
            scroll: Scroll::default(),
            by_clause: false,
        };
        d.reload(data)?;
        Ok(d)
    }

    /// A grade's own tint (not a risk level's), as in the exports.
    fn severity_style(s: Severity) -> Style {
        let gravest_first = Severity::ALL.iter().position(|&x| x == s).unwrap_or(0);
        theme::grade(gravest_first)
    }

    /// Five letters at most, so the findings line up.
    fn severity_short(s: Severity) -> &'static str {
        match s {
            Severity::Major => "major",
            Severity::Minor => "minor",
            Severity::Observation => "obs.",
        }
    }

    /// What needs attention, gravest first, for the heading row: the first thing the eye meets.
    fn attention(&self, width: usize) -> Vec<Span<'static>> {
        let (majors, checked) = match &*self.findings.borrow() {
            Findings::Ready(f) => (
                f.iter().filter(|f| f.severity == Severity::Major).count(),
                true,
            ),
            _ => (0, false),
        };
        let deadlines = self.deadlines.borrow();
        let overdue = |kind: DueKind| {
            deadlines
                .iter()
                .filter(|d| d.kind == kind && d.is_overdue(self.today))
                .count()
        };
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut items = Vec::new();
        if majors > 0 {
            items.push(Span::styled(
                format!(" {} ", plural(majors, "major finding", "major findings")),
                theme::grade(0),
            ));
        }
        let majors_open = self.nonconformities.open_major;
        if majors_open > 0 {
            items.push(Span::styled(
                plural(
                    majors_open,
                    "major nonconformity open",
                    "major nonconformities open",
                ),
                theme::error(),
            ));
        }
        for (kind, one, many) in [
            (DueKind::Action, "action overdue", "actions overdue"),
            (
                DueKind::CorrectiveAction,
                "corrective action overdue",
                "corrective actions overdue",
            ),
            (
                DueKind::DocumentReview,
                "document review overdue",
                "document reviews overdue",
            ),
        ] {
            let n = overdue(kind);
            if n > 0 {
                items.push(Span::styled(plural(n, one, many), theme::error()));
            }
        }
        if self.scope_missing {
            items.push(Span::styled("no ISMS scope statement", theme::error()));
        }
        let soon = deadlines
            .iter()
            .filter(|d| !d.is_overdue(self.today))
            .count();
        if soon > 0 {
            items.push(Span::styled(
                plural(soon, "deadline soon", "deadlines soon"),
                theme::warning(),
            ));
        }
        if items.is_empty() {
            return vec![if checked {
                Span::styled("Nothing needs attention.", theme::success())
            } else {
                Span::styled("Checking readiness…", theme::muted())
            }];
        }
        fitted(items, width)
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
        let mut lines: Vec<Line> = pairs
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
        lines.push(self.nonconformities_line());
        if let Some((name, risks, needs)) = &self.cycle {
            let style = |(done, marked): Progress| {
                if done < marked {
                    theme::warning()
                } else {
                    theme::value()
                }
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {:<15}", format!("Cycle {name}")), theme::label()),
                Span::styled(
                    format!("{:>5}", format!("{}/{}", risks.0, risks.1)),
                    style(*risks),
                ),
                Span::styled(" risks · ", theme::muted()),
                Span::styled(format!("{}/{}", needs.0, needs.1), style(*needs)),
                Span::styled(" needs re-assessed", theme::muted()),
            ]));
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(" Registers ", theme::title()));
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    /// `Nonconformities  2 open (1 major) · 1 action overdue`: the majors and the overdue
    /// corrective actions stand out.
    fn nonconformities_line(&self) -> Line<'static> {
        let n = &self.nonconformities;
        let mut spans = vec![
            Span::styled(format!(" {:<15}", "Nonconformities"), theme::label()),
            Span::styled(format!("{:>5} open", n.open), theme::value()),
        ];
        if n.open_major > 0 {
            spans.push(Span::styled(
                format!(" ({} major)", n.open_major),
                theme::error(),
            ));
        }
        if n.actions_overdue > 0 {
            spans.push(Span::styled(" · ", theme::muted()));
            spans.push(Span::styled(
                crate::domain::wording::count(
                    n.actions_overdue,
                    "action overdue",
                    "actions overdue",
                ),
                theme::error(),
            ));
        } else if n.actions_open > 0 {
            spans.push(Span::styled(" · ", theme::muted()));
            spans.push(Span::styled(
                crate::domain::wording::count(n.actions_open, "action open", "actions open"),
                theme::value(),
            ));
        }
        Line::from(spans)
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
        // One stacked bar over the applicable and the undecided controls: what is still to
        // decide is part of the work. Undecided is drawn in its own glyph, so that it reads
        // without colour too.
        let width = usize::from(inner.width.saturating_sub(2));
        let parts = [
            (p.implemented, theme::gauge(0), "█", "implemented"),
            (p.partial, theme::gauge(1), "█", "partially"),
            (p.planned, theme::gauge(2), "█", "planned"),
            (p.not_started, theme::gauge(3), "█", "not started"),
            (p.undecided, theme::muted(), "░", "undecided"),
        ];
        let total = p.applicable + p.undecided;
        let mut bar = vec![Span::raw(" ")];
        if total == 0 {
            bar.push(Span::styled("░".repeat(width), theme::muted()));
        } else {
            let mut used = 0;
            let last = parts.iter().rposition(|(n, ..)| *n > 0).unwrap_or(0);
            for (i, (n, style, glyph, _)) in parts.iter().enumerate() {
                let cells = if i == last {
                    width.saturating_sub(used)
                } else {
                    (n * width).checked_div(total).unwrap_or(0)
                };
                used += cells;
                bar.push(Span::styled(glyph.repeat(cells), *style));
            }
        }
        let legend = |parts: &[(usize, Style, &str, &str)]| -> Line {
            Line::from(
                parts
                    .iter()
                    .flat_map(|(n, style, glyph, label)| {
                        let key = if *glyph == "░" { " ░ " } else { " ■ " };
                        [
                            Span::styled(key, *style),
                            Span::styled(format!("{n} {label}"), theme::value()),
                        ]
                    })
                    .collect::<Vec<_>>(),
            )
        };
        let (implementation, undecided) = parts.split_at(4);
        let mut lines = vec![Line::from(bar), legend(implementation)];
        // Undecided has a line of its own when there is any (the box grows by it), so that
        // the legend stays whole in a narrow column.
        if p.undecided > 0 {
            lines.push(legend(undecided));
        }
        frame.render_widget(Paragraph::new(lines), inner);
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
        let deadlines = self.deadlines.borrow();
        let lines: Vec<Line> = if deadlines.is_empty() {
            vec![Line::styled(
                " Nothing overdue, nothing due soon.",
                theme::muted(),
            )]
        } else {
            deadlines
                .iter()
                .map(|d| {
                    let (when, style) = if d.is_overdue(self.today) {
                        (format!("overdue since {}", d.due_on), theme::error())
                    } else {
                        (format!("due {}", d.due_on), theme::warning())
                    };
                    let owner = if d.owner.is_empty() || d.owner == d.title {
                        String::new()
                    } else {
                        format!(" ({})", d.owner)
                    };
                    let text = format!(
                        "{when} · {}: {} {}{owner}",
                        d.kind.label(),
                        d.reference,
                        d.title
                    );
                    Line::styled(format!(" {}", fit(&text, width)), style)
                })
                .collect()
        };
        // What does not fit is counted on the last row, not cut off unsaid.
        let room = usize::from(area.height.saturating_sub(2));
        let mut lines = lines;
        if lines.len() > room && room > 0 {
            let hidden = lines.len() - (room - 1);
            lines.truncate(room - 1);
            lines.push(Line::styled(
                format!(" … {hidden} more: `isms due` lists them all"),
                theme::muted(),
            ));
        }
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn render_findings(&mut self, frame: &mut Frame, area: Rect) {
        self.poll_findings();
        let state = self.findings.borrow();
        let findings: &[Finding] = match &*state {
            Findings::Ready(f) => f,
            _ => &[],
        };
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let title = match &*state {
            Findings::Ready(_) => format!(
                " Readiness{}: {} major, {} minor, {} ",
                if self.by_clause { " by clause" } else { "" },
                count(Severity::Major),
                count(Severity::Minor),
                crate::domain::wording::count(
                    count(Severity::Observation),
                    "observation",
                    "observations"
                )
            ),
            Findings::Checking(_) => " Readiness: checking… ".to_string(),
            Findings::Failed(_) => " Readiness: not checked ".to_string(),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::focus_border())
            .title(Span::styled(title, theme::title()));
        let all = block.inner(area);
        frame.render_widget(block, area);
        // The selected finding in full, with its fix, under the list.
        let [inner, detail] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(4)]).areas(all);
        let selected = self.selected.min(findings.len().saturating_sub(1));
        if let Some(f) = findings.get(selected) {
            let text = vec![
                Line::from(vec![
                    Span::styled(format!(" {} ", f.basis()), theme::label()),
                    Span::styled(f.message.clone(), theme::value()),
                ]),
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
        let range = self.scroll.follow(selected, height, findings.len());
        let width = inner
            .width
            .saturating_sub(if self.by_clause { 28 } else { 20 });
        let lines: Vec<Line> = match &*state {
            Findings::Checking(_) => vec![Line::styled(
                " Checking the workspace as an auditor would…",
                theme::muted(),
            )],
            Findings::Failed(e) => vec![Line::styled(
                format!(" Could not check the workspace: {e}"),
                theme::error(),
            )],
            Findings::Ready(_) if findings.is_empty() => vec![Line::styled(
                " Nothing an auditor would flag.",
                theme::success(),
            )],
            Findings::Ready(_) => findings
                .iter()
                .enumerate()
                .skip(range.start)
                .take(range.len())
                .map(|(i, f)| {
                    let base = if i == selected {
                        theme::selected()
                    } else {
                        Style::new()
                    };
                    let mut spans = Vec::new();
                    if self.by_clause {
                        // The clause heads its group: named on the group's first row only.
                        let basis = f.basis();
                        let first = i == range.start
                            || findings.get(i.wrapping_sub(1)).map(Finding::basis)
                                != Some(basis.clone());
                        let shown = if first { basis } else { String::new() };
                        spans.push(Span::styled(
                            format!(" {:<7}", fit(&shown, 7)),
                            theme::label().patch(base),
                        ));
                    }
                    spans.extend([
                        Span::styled(
                            format!(" {:<5} ", Self::severity_short(f.severity)),
                            Self::severity_style(f.severity).patch(base),
                        ),
                        Span::styled(" ", base),
                        Span::styled(format!("{:<11}", f.rule), theme::key().patch(base)),
                        Span::styled(fit(&f.message, width), theme::value().patch(base)),
                    ]);
                    Line::from(spans)
                })
                .collect(),
        };
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// The readiness findings, or the check that is still computing them.
/// The readiness findings and what falls due, both found on one reading of the workspace.
type Checked = (Vec<Finding>, Vec<DueItem>);

enum Findings {
    Checking(Receiver<Result<Checked, String>>),
    Ready(Vec<Finding>),
    Failed(String),
}

impl Findings {
    /// Starts the check of the workspace at `path` as of `today` on its own thread, with its
    /// own read-only connection, so the screen is drawn while it runs.
    fn check(background: Background, today: NaiveDate) -> Self {
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("readiness".into())
            .spawn(move || {
                let found = background
                    .read(|data| data.workspace())
                    .and_then(|read| read)
                    .map(|ws| (check(&ws, today), due::within(&ws, today, SOON_DAYS)))
                    .map_err(|e| e.to_string());
                // The screen may have started a newer check and dropped this receiver.
                let _ = tx.send(found);
            });
        match spawned {
            Ok(_) => Findings::Checking(rx),
            Err(e) => Findings::Failed(e.to_string()),
        }
    }

    /// The check's outcome; what falls due goes into `deadlines`.
    fn received(
        message: Result<Result<Checked, String>, TryRecvError>,
        deadlines: &RefCell<Vec<DueItem>>,
    ) -> Self {
        match message {
            Ok(Ok((found, due))) => {
                *deadlines.borrow_mut() = due;
                Findings::Ready(found)
            }
            Ok(Err(e)) => Findings::Failed(e),
            Err(_) => Findings::Failed("the check stopped unexpectedly".into()),
        }
    }
}

impl Dashboard {
    /// Takes the findings if the check has finished since the last look, in the order shown.
    fn poll_findings(&self) {
        let mut state = self.findings.borrow_mut();
        if let Findings::Checking(rx) = &*state {
            match rx.try_recv() {
                Err(TryRecvError::Empty) => {}
                message => {
                    *state = Findings::received(message, &self.deadlines);
                    if let Findings::Ready(found) = &mut *state {
                        self.order(found);
                    }
                }
            }
        }
    }

    /// Puts the findings in the order shown: by clause, or gravest first.
    fn order(&self, findings: &mut [Finding]) {
        if self.by_clause {
            crate::domain::readiness::by_clause(findings);
        } else {
            crate::domain::readiness::by_grade(findings);
        }
    }
}

impl Screen for Dashboard {
    fn title(&self) -> &'static str {
        "Dashboard"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        let action = keymap::action(Context::Dashboard, &key);
        if action.is_some() {
            // A key meant for the findings waits for them rather than being lost.
            self.settle();
        }
        self.poll_findings();
        let state = self.findings.borrow();
        let findings: &[Finding] = match &*state {
            Findings::Ready(f) => f,
            _ => &[],
        };
        let last = findings.len().saturating_sub(1);
        // Findings may have arrived, or changed, since the selection was made.
        self.selected = self.selected.min(last);
        match action {
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::PageDown) => {
                self.selected = (self.selected + self.scroll.page()).min(last)
            }
            Some(Action::PageUp) => {
                self.selected = self.selected.saturating_sub(self.scroll.page())
            }
            Some(Action::Top) => self.selected = 0,
            Some(Action::Bottom) => self.selected = last,
            Some(Action::Open) => match findings.get(self.selected) {
                Some(f) => ctx.jump = Some(f.place.clone()),
                None => return Handled::No,
            },
            Some(Action::ByClause) => {
                drop(state);
                self.by_clause = !self.by_clause;
                if let Findings::Ready(found) = &mut *self.findings.borrow_mut() {
                    self.order(found);
                }
                self.selected = 0;
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        let today = data.today();
        self.today = today;
        *self.findings.get_mut() = Findings::check(data.background(), today);
        let statements = data.scope_statements()?;
        let scope = statements
            .isms_scope
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        self.organisation = data.organisation()?;
        self.scope_missing = scope.is_empty();
        self.path = data.path().display().to_string();
        self.counts = data.counts()?;
        self.soa = progress(&data.soa()?, &data.actions()?);
        let ratings = data.risk_ratings()?;
        self.inherent = heat_counts(ratings.iter().map(|r| r.inherent));
        self.residual = heat_counts(ratings.iter().map(|r| r.residual));
        self.nonconformities = outstanding(&data.nonconformities()?, today);
        let baselines = data.baselines()?;
        self.cycle = match cycle_start(&baselines) {
            Some(start) => {
                let marks = data.reassessments()?;
                Some((
                    start.name.clone(),
                    baseline::progress(start, &marks, ReassessKind::Risk),
                    baseline::progress(start, &marks, ReassessKind::Needs),
                ))
            }
            None => None,
        };
        self.methodology = data.methodology()?;
        Ok(())
    }

    fn settle(&self) {
        let mut state = self.findings.borrow_mut();
        if let Findings::Checking(rx) = &*state {
            *state = Findings::received(
                rx.recv().map_err(|_| TryRecvError::Disconnected),
                &self.deadlines,
            );
        }
    }

    fn busy(&self) -> bool {
        self.poll_findings();
        matches!(&*self.findings.borrow(), Findings::Checking(_))
    }

    fn contexts(&self) -> Active {
        Active::of(vec![Context::Dashboard])
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        // The heading counts what falls due, found with the findings.
        self.poll_findings();
        let [head, body] = views::split(area);
        // The heading shows the organisation, two spaces, then what needs attention.
        let room = usize::from(head.width).saturating_sub(self.organisation.chars().count() + 4);
        views::heading(frame, head, &self.organisation, self.attention(room));
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
            Constraint::Length(if self.cycle.is_some() { 8 } else { 7 }),
            Constraint::Length(if self.soa.undecided > 0 { 5 } else { 4 }),
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
        let deadline_rows =
            u16::try_from(self.deadlines.borrow().len().clamp(1, 6) + 2).unwrap_or(8);
        let [deadlines, findings] =
            Layout::vertical([Constraint::Length(deadline_rows), Constraint::Min(3)]).areas(right);
        self.render_deadlines(frame, deadlines);
        self.render_findings(frame, findings);
    }
}

/// `Needs attention: ` and `items` joined with ` · `, as many as fit `width` columns; the
/// rest counted as `+2 more` rather than cut mid-word at the edge.
fn fitted(items: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    const SEP: &str = " · ";
    let sep = Span::raw(SEP).width();
    let label = Span::styled("Needs attention: ", theme::label());
    let total = items.len();
    let mut used = label.width();
    let mut spans = vec![label];
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            let rest = total - i;
            // This item, and after it the count of those still left when any are.
            let tail = if rest > 1 {
                sep + format!("+{} more", rest - 1).len()
            } else {
                0
            };
            if used + sep + item.width() + tail > width {
                spans.push(Span::styled(SEP, theme::muted()));
                spans.push(Span::styled(format!("+{rest} more"), theme::warning()));
                return spans;
            }
            spans.push(Span::styled(SEP, theme::muted()));
            used += sep;
        }
        used += item.width();
        spans.push(item);
    }
    spans
}

#[cfg(test)]
mod fitted_tests {
    use super::*;

    fn text(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn what_needs_attention_fits_the_line_and_counts_the_rest() {
        let items = || {
            [
                "5 major findings",
                "1 action overdue",
                "1 corrective action overdue",
            ]
            .map(Span::raw)
            .to_vec()
        };
        let all = text(&fitted(items(), 200));
        assert_eq!(
            all,
            "Needs attention: 5 major findings · 1 action overdue · 1 corrective action overdue"
        );
        let cut = fitted(items(), 62);
        let shown = text(&cut);
        assert_eq!(
            shown,
            "Needs attention: 5 major findings · 1 action overdue · +1 more"
        );
        assert!(Line::from(cut).width() <= 62);
        assert_eq!(
            text(&fitted(items(), 61)),
            "Needs attention: 5 major findings · +2 more"
        );
    }
}
