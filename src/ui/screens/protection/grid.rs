//! The Protection screen's grid view: the table of assets by objective and, beside it, where the
//! current cell's value comes from and what the scale's levels mean.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell as TableCell, Paragraph, Row, Table, Wrap};

use super::ProtectionScreen;
use crate::domain::baseline::{Part, ReassessKind};
use crate::domain::reference::RefKind;
use crate::ui::theme;
use crate::ui::widgets::fit;
use crate::ui::widgets::table::{FilteredList, render_empty, render_scrollbar};

impl ProtectionScreen {
    pub(super) fn render_normal(&mut self, frame: &mut Frame, area: Rect) {
        let (grid_area, detail_area) = if area.width >= 110 {
            let [g, d] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(area);
            (g, d)
        } else {
            let [g, d] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
            (g, d)
        };
        self.render_grid(frame, grid_area);
        self.render_detail(frame, detail_area);
    }
}

impl ProtectionScreen {
    fn render_grid(&mut self, frame: &mut Frame, area: Rect) {
        let objectives = self.objectives();
        let title = if self.marked.is_empty() {
            "Protection needs".to_string()
        } else {
            format!("Protection needs: {} marked", self.marked.len())
        };
        let list = FilteredList {
            title: &title,
            focused: true,
            shown: self.shown.len(),
            total: self.rows.len(),
            filter: &self.filter,
            filtering: self.filtering,
        };
        let body = list.render_frame(area, frame.buffer_mut());
        let height = usize::from(body.height.saturating_sub(1)).max(1);
        let range = self.scroll.follow(self.row, height, self.shown.len());
        if self.shown.len() > height {
            render_scrollbar(area, frame.buffer_mut(), self.shown.len(), self.row);
        }

        let cell_width: u16 = 11;
        let fixed = 2 + 7 + 1 + u16::try_from(objectives.len()).unwrap_or(0) * (cell_width + 1);
        let name_width = body.width.saturating_sub(fixed).max(8);
        let mut header = vec![
            TableCell::from(" "),
            TableCell::from("Ref"),
            TableCell::from("Asset"),
        ];
        header.extend(objectives.iter().map(|o| TableCell::from(o.letter())));
        let max = self.max_level();
        let rows = self.shown[range.clone()]
            .iter()
            .zip(range)
            .map(|(&i, pos)| {
                let r = &self.rows[i];
                // Marked rows first; else whether the open cycle still re-assesses its needs.
                let (mark, mark_style) = if self.marked.contains(&r.asset.id) {
                    ("●", theme::marked())
                } else if self.marks.is_marked(ReassessKind::Needs, r.asset.id) {
                    ("↻", theme::warning())
                } else {
                    (" ", theme::marked())
                };
                let current_row = pos == self.row;
                let base = if current_row {
                    theme::header()
                } else {
                    theme::value()
                };
                let mut cells = vec![
                    TableCell::from(Span::styled(mark, mark_style)),
                    TableCell::from(Span::styled(
                        crate::domain::reference::RefKind::Asset.format(r.asset.number),
                        base,
                    )),
                    TableCell::from(Span::styled(fit(&r.asset.name, name_width), base)),
                ];
                for (c, o) in objectives.iter().enumerate() {
                    let need = r
                        .effective
                        .iter()
                        .find(|(x, _)| x == o)
                        .and_then(|(_, e)| e.as_ref());
                    let mut style =
                        need.map_or(theme::muted(), |n| theme::need_level(n.level, max));
                    if current_row && c == self.col {
                        style = style.patch(theme::cell_cursor());
                    }
                    cells.push(TableCell::from(Span::styled(
                        fit(&r.ctx.cell(need), cell_width),
                        style,
                    )));
                }
                Row::new(cells)
            });
        let mut widths = vec![
            Constraint::Length(1),
            Constraint::Length(7),
            Constraint::Length(name_width),
        ];
        widths.extend(objectives.iter().map(|_| Constraint::Length(cell_width)));
        frame.render_widget(
            Table::new(rows, widths)
                .header(Row::new(header).style(theme::header()))
                .column_spacing(1),
            body,
        );
        if self.shown.is_empty() {
            let text = if self.rows.is_empty() {
                "No assets yet: add them on the Assets screen (3)."
            } else {
                "No asset matches the filter (Esc clears it)."
            };
            render_empty(body, frame.buffer_mut(), text);
        }
    }

    fn render_detail(&self, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(" Where it comes from ", theme::title()));
        let mut lines = Vec::new();
        if let Some(r) = self.current() {
            lines.extend(super::asset_heading(r));
            let reference = RefKind::Asset.format(r.asset.number);
            let note = self
                .marks
                .note(ReassessKind::Needs, r.asset.id, Part::Needs, &reference);
            for line in note.lines() {
                lines.push(Line::styled(line.to_string(), theme::warning()));
            }
            lines.push(Line::raw(""));
            for (o, need) in &r.effective {
                let style = if *o == self.objective() {
                    theme::key()
                } else {
                    theme::label()
                };
                lines.push(Line::styled(o.label().to_string(), style));
                lines.push(Line::styled(
                    format!("  {}", r.ctx.explain(r.asset.id, *o, need.as_ref())),
                    theme::value(),
                ));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled("Scale", theme::label()));
            for (i, level) in r.ctx.scale.levels.iter().enumerate() {
                let n = u8::try_from(i + 1).unwrap_or(u8::MAX);
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("  {n} {}: ", level.name),
                        theme::need_level(n, r.ctx.scale.max_level()),
                    ),
                    Span::styled(level.definition.clone(), theme::muted()),
                ]));
            }
            lines.push(Line::styled(format!("  {}", super::LEGEND), theme::muted()));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            area,
        );
    }
}
