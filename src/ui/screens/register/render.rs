//! Drawing a register: the table, the detail pane with its links, and the open modal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline, Wrap};

use super::{Chart, Modal, Record, RegisterView};
use crate::ui::keymap::{Action, Active, Context};
use crate::ui::theme;
use crate::ui::widgets::{fit, wrap};
use unicode_width::UnicodeWidthStr;

impl<T: Record> RegisterView<T> {
    pub fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        if !matches!(self.modal, Modal::None) {
            return false;
        }
        let (table_area, _) = split(area);
        self.link = None;
        self.table.click(table_area, column, row)
    }

    /// The keys that work now: a dialog's, the filter's, the links' or the register's.
    pub fn contexts(&self) -> Active {
        match &self.modal {
            Modal::Form { form, .. }
            | Modal::Facets(form)
            | Modal::Bulk(form)
            | Modal::Reason { form, .. } => form.contexts(),
            Modal::Confirm { .. } => Active::of(vec![Context::ConfirmDelete]),
            Modal::History(_) => Active::of(vec![Context::History]),
            Modal::None if self.table.is_filtering() => Active::of(vec![Context::Filter]),
            Modal::None if self.link.is_some() => {
                Active::of(vec![Context::Links, Context::LinksArrows])
            }
            Modal::None => {
                let mut active = Active::of(vec![
                    Context::Register,
                    Context::RegisterArrows,
                    Context::Table,
                ])
                // Nothing to edit or delete on an empty list (or one the filter emptied).
                .hide(Action::New, !T::CAN_ADD)
                .hide(Action::Edit, self.selected().is_none())
                .hide(Action::Delete, !T::CAN_DELETE || self.selected().is_none())
                .hide(Action::History, self.selected().is_none())
                .hide(Action::Facets, !self.has_facets())
                .hide(Action::Ranked, T::RANKED.is_none())
                .hide(Action::Mark, !T::BULK || self.selected().is_none())
                .hide(Action::Bulk, !T::BULK || self.selected().is_none())
                .hide(Action::Links, !self.has_links());
                // A record that cannot be changed is only looked at.
                if self.selected().is_some_and(|s| s.read_only().is_some()) {
                    active.renamed.push((Action::Edit, "view"));
                }
                if let Some(name) = T::RANKED {
                    active.renamed.push((Action::Ranked, name));
                }
                match (T::BULK, self.has_facets()) {
                    (true, true) => active.renamed.push((
                        Action::Clear,
                        "clear marks, then 'filter by', then the filter",
                    )),
                    (true, false) => active
                        .renamed
                        .push((Action::Clear, "clear marks, then the filter")),
                    (false, true) => active
                        .renamed
                        .push((Action::Clear, "clear 'filter by', then the filter")),
                    (false, false) => {}
                }
                active
            }
        }
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, focused: bool) {
        let (table_area, detail_area) = split(area);
        let mut title = self.title.to_string();
        if self.ranked
            && let Some(name) = T::RANKED
        {
            title.push_str(&format!(": {name} first"));
        }
        if !self.marked.is_empty() {
            title.push_str(&format!(" · {} marked", self.marked.len()));
        }
        for (name, value) in &self.facets {
            title.push_str(&format!(" · {name}: {value}"));
        }
        if !self.facets.is_empty() {
            title.push_str(" · Esc clears");
        }
        self.table
            .render(frame, table_area, &title, focused && self.link.is_none());
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if self.link.is_some() {
                theme::focus_border()
            } else {
                theme::border()
            })
            .title(Span::styled(" Detail ", theme::title()));
        let inner_width = detail_area.width.saturating_sub(2);
        let lines: Vec<Line> = match self.selected() {
            None => vec![Line::styled(
                format!("No {} selected.", T::NOUN),
                theme::muted(),
            )],
            Some(item) => {
                let mut detail: Vec<(&'static str, String)> = item
                    .detail()
                    .into_iter()
                    .filter(|(_, value)| !value.is_empty())
                    .collect();
                let column = label_column(&detail, inner_width);
                let entry = |(label, value): (&'static str, String)| {
                    detail_entry(label, &value, column, inner_width)
                };
                let tail = detail.split_off(T::LINKS_AFTER.min(detail.len()));
                let mut lines: Vec<Line> = detail.into_iter().flat_map(entry).collect();
                for (i, (text, target)) in item.links().into_iter().enumerate() {
                    let style = match (self.link == Some(i), target) {
                        (true, _) => theme::selected(),
                        (false, Some(_)) => theme::value(),
                        (false, None) => theme::label(),
                    };
                    lines.push(Line::styled(fit(&text, inner_width), style));
                }
                lines.extend(tail.into_iter().flat_map(entry));
                lines
            }
        };
        let chart = self.selected().and_then(T::chart);
        let inner = block.inner(detail_area);
        frame.render_widget(block, detail_area);
        // The chart takes the pane's last rows when there is room for it beside the text.
        let (text_area, chart_area) = match chart {
            Some(chart) if inner.height >= CHART_ROWS + 3 => {
                let [t, c] = Layout::vertical([Constraint::Min(0), Constraint::Length(CHART_ROWS)])
                    .areas(inner);
                (t, Some((c, chart)))
            }
            _ => (inner, None),
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text_area);
        if let Some((area, chart)) = chart_area {
            render_chart(frame, area, &chart);
        }
        match &mut self.modal {
            Modal::Form { form, .. }
            | Modal::Facets(form)
            | Modal::Bulk(form)
            | Modal::Reason { form, .. } => form.render(frame, area),
            Modal::Confirm { confirm, .. } => confirm.render(frame, area),
            Modal::History(history) => history.render(frame, area),
            Modal::None => {}
        }
    }
}

/// The rows a detail's chart takes: its caption and three rows of bars.
const CHART_ROWS: u16 = 4;

/// The caption, then the values as a sparkline scaled between their lowest and highest (all
/// equal: half height), so that a trend shows whatever the unit.
fn render_chart(frame: &mut Frame, area: Rect, chart: &Chart) {
    let [caption, bars] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&chart.caption, area.width),
            theme::label(),
        )),
        caption,
    );
    let (low, high) = chart
        .values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    let data: Vec<u64> = chart
        .values
        .iter()
        .map(|&v| {
            if high > low {
                // 1 to 8: the lowest value still shows as a bar.
                1 + ((v - low) / (high - low) * 7.0).round() as u64
            } else {
                4
            }
        })
        .collect();
    let style = if chart.good {
        theme::success()
    } else {
        theme::warning()
    };
    frame.render_widget(Sparkline::default().data(&data).max(8).style(style), bars);
}

/// The width of the detail pane's labels: the widest label, up to a third of the pane; a
/// longer label stands on a line of its own.
fn label_column(detail: &[(&str, String)], width: u16) -> u16 {
    let widest = detail.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    u16::try_from(widest)
        .unwrap_or(u16::MAX)
        .min(width / 3)
        .min(22)
}

/// One field of the detail pane: the label dim, the value in the default colour beside it, its
/// wrapped lines indented to the value's column.
fn detail_entry(label: &str, value: &str, column: u16, width: u16) -> Vec<Line<'static>> {
    // A label too long for the column stands above its value, which starts two columns in.
    let own_line = label.width() > usize::from(column);
    let column = if own_line { 1 } else { column };
    let indent = " ".repeat(usize::from(column) + 1);
    let mut lines = Vec::new();
    let mut values = wrap(value, width.saturating_sub(column + 1)).into_iter();
    if own_line || label.is_empty() {
        if !label.is_empty() {
            lines.push(Line::styled(label.to_string(), theme::label()));
        }
    } else if let Some(first) = values.next() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{label:<w$} ", w = usize::from(column)),
                theme::label(),
            ),
            Span::styled(first, theme::value()),
        ]));
    }
    lines.extend(values.map(|l| Line::styled(format!("{indent}{l}"), theme::value())));
    lines
}

/// The table and the detail pane: side by side when wide enough, else stacked.
fn split(area: Rect) -> (Rect, Rect) {
    if area.width >= 110 {
        let [t, d] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
            .areas(area);
        (t, d)
    } else {
        let [t, d] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
        (t, d)
    }
}
