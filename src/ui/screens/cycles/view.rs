//! Drawing the Cycles screen: the open cycle's progress, the list of baselines, and beside it
//! what changed since the selected one (with the heat maps of the risks' moves) or its items.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{CyclesScreen, fields_in_words};
use crate::domain::baseline::{self, ChangeKind, Part, ReassessKind, moves_between};
use crate::domain::wording::count;
use crate::ui::screens::risks::{heat_counts, render_heatmap};
use crate::ui::theme;
use crate::ui::widgets::fit;

const LIST_WIDTH: u16 = 34;

fn boxed(title: String, focused: bool) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme::focus_border()
        } else {
            theme::border()
        })
        .title(Span::styled(format!(" {title} "), theme::title()))
}

impl CyclesScreen {
    /// The open cycle's progress above; the baselines and `pane` side by side below.
    fn frame_with(&self, frame: &mut Frame, area: Rect) -> Rect {
        let [top, rest] = Layout::vertical([Constraint::Length(4), Constraint::Min(3)]).areas(area);
        frame.render_widget(
            Paragraph::new(self.progress_lines())
                .block(boxed("Open cycle".into(), false))
                .wrap(Wrap { trim: false }),
            top,
        );
        let [list, pane] =
            Layout::horizontal([Constraint::Length(LIST_WIDTH), Constraint::Min(10)]).areas(rest);
        let lines: Vec<Line> = if self.data.baselines.is_empty() {
            vec![Line::styled(
                "None yet: C closes the cycle.",
                theme::muted(),
            )]
        } else {
            self.data
                .baselines
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let text = format!(
                        "{} {} {}",
                        b.closed_on,
                        b.name,
                        count(b.snapshot.items.len(), "item", "items")
                    );
                    let style = if i == self.selected {
                        theme::selected()
                    } else {
                        theme::value()
                    };
                    Line::styled(fit(&text, LIST_WIDTH.saturating_sub(2)), style)
                })
                .collect()
        };
        frame.render_widget(
            Paragraph::new(lines).block(boxed("Baselines".into(), true)),
            list,
        );
        pane
    }

    fn progress_lines(&self) -> Vec<Line<'static>> {
        let Some(start) = baseline::cycle_start(&self.data.baselines) else {
            return vec![Line::styled(
                "No cycle closed yet: C freezes the ISMS as it stands into a baseline and \
                 opens the next cycle.",
                theme::muted(),
            )];
        };
        let mut parts = Vec::new();
        for (kind, what) in [
            (ReassessKind::Risk, "risks"),
            (ReassessKind::Needs, "assets' protection needs"),
        ] {
            let (done, marked) = baseline::progress(start, &self.data.marks, kind);
            parts.push(format!(
                "{what}: {done} of {marked} re-assessed, {} to do",
                marked - done
            ));
        }
        vec![
            Line::from(vec![
                Span::styled("Opened by closing ", theme::label()),
                Span::styled(
                    format!("{} on {}", start.name, start.closed_on),
                    theme::value(),
                ),
            ]),
            Line::styled(parts.join("; "), theme::value()),
        ]
    }

    pub(super) fn render_changes(&mut self, frame: &mut Frame, area: Rect) {
        let pane = self.frame_with(frame, area);
        let Some(chosen) = self.selected() else {
            frame.render_widget(
                Paragraph::new("").block(boxed("Changes".into(), false)),
                pane,
            );
            return;
        };
        let title = format!(
            "Since {} ({}) → now ({})",
            chosen.name, chosen.closed_on, self.today
        );
        let block = boxed(title, false);
        let inner = block.inner(pane);
        frame.render_widget(block, pane);
        let m = &self.data.methodology;
        let width = crate::ui::screens::risks::heat_width(m);
        let height = u16::try_from(m.likelihood.len() + 3).unwrap_or(8);
        let text_area = if self.data.movements.is_empty() || inner.width < 2 * width + 2 {
            inner
        } else {
            let [maps, text] =
                Layout::vertical([Constraint::Length(height), Constraint::Min(1)]).areas(inner);
            let [from, to, _] = Layout::horizontal([
                Constraint::Length(width),
                Constraint::Length(width),
                Constraint::Min(0),
            ])
            .spacing(2)
            .areas(maps);
            let moved = &self.data.movements;
            let counts = |to_side: bool| -> HashMap<(u8, u8), usize> {
                heat_counts(
                    moved
                        .iter()
                        .map(|mv| Some(if to_side { mv.to } else { mv.from })),
                )
            };
            render_heatmap(frame, from, m, Some(&counts(false)), "Moved from", None);
            render_heatmap(frame, to, m, Some(&counts(true)), "Moved to", None);
            text
        };
        frame.render_widget(
            Paragraph::new(self.change_lines())
                .wrap(Wrap { trim: false })
                .scroll((self.offset, 0)),
            text_area,
        );
    }

    fn change_lines(&self) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        if !self.data.movements.is_empty() {
            lines.push(Line::styled("Risk movements", theme::title()));
            for ((from, to), n) in moves_between(&self.data.movements) {
                let refs: Vec<&str> = self
                    .data
                    .movements
                    .iter()
                    .filter(|mv| {
                        (mv.from.likelihood, mv.from.impact) == from
                            && (mv.to.likelihood, mv.to.impact) == to
                    })
                    .map(|mv| mv.reference.as_str())
                    .collect();
                lines.push(Line::styled(
                    format!(
                        "  L{} × I{} → L{} × I{}: {} ({})",
                        from.0,
                        from.1,
                        to.0,
                        to.1,
                        count(n, "risk", "risks"),
                        refs.join(", ")
                    ),
                    theme::value(),
                ));
            }
            lines.push(Line::raw(""));
        }
        if self.data.changes.is_empty() {
            lines.push(Line::styled(
                "Nothing changed since this baseline.",
                theme::muted(),
            ));
        }
        for &part in Part::ALL {
            let changes: Vec<_> = self
                .data
                .changes
                .iter()
                .filter(|c| c.part == part)
                .collect();
            if changes.is_empty() {
                continue;
            }
            lines.push(Line::styled(part.label().to_string(), theme::title()));
            for c in changes {
                let style = match c.kind {
                    ChangeKind::New => theme::success(),
                    ChangeKind::Changed => theme::value(),
                    ChangeKind::Removed => theme::warning(),
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<8}", c.kind.label().to_lowercase()), style),
                    Span::styled(format!("{} {}", c.reference, c.title), theme::value()),
                ]));
                for f in &c.fields {
                    let word = |v: &str| {
                        if v.is_empty() {
                            "(none)".to_string()
                        } else {
                            v.to_string()
                        }
                    };
                    lines.push(Line::from(vec![
                        Span::styled(format!("      {}: ", f.field), theme::label()),
                        Span::styled(
                            format!("{} → {}", word(&f.before), word(&f.after)),
                            theme::value(),
                        ),
                    ]));
                }
            }
        }
        lines
    }

    pub(super) fn render_items(&mut self, frame: &mut Frame, area: Rect) {
        let pane = self.frame_with(frame, area);
        let Some(chosen) = self.selected() else {
            frame.render_widget(Paragraph::new("").block(boxed("Items".into(), false)), pane);
            return;
        };
        let title = format!("{} as it stood on {}", chosen.name, chosen.closed_on);
        let mut lines = Vec::new();
        for &part in Part::ALL {
            let items: Vec<_> = chosen
                .snapshot
                .items
                .iter()
                .filter(|i| i.part == part)
                .collect();
            if items.is_empty() {
                continue;
            }
            lines.push(Line::styled(
                format!("{} ({})", part.label(), items.len()),
                theme::title(),
            ));
            for item in items {
                lines.push(Line::styled(
                    format!("  {} {}", item.reference, item.title),
                    theme::value(),
                ));
                let fields = fields_in_words(item);
                if !fields.is_empty() {
                    lines.push(Line::styled(format!("      {fields}"), theme::muted()));
                }
            }
        }
        frame.render_widget(
            Paragraph::new(lines)
                .block(boxed(title, false))
                .wrap(Wrap { trim: false })
                .scroll((self.offset, 0)),
            pane,
        );
    }
}
