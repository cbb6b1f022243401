//! The reusable table: only visible rows are rendered; selection, paging, filter-as-you-type
//! across all columns (with a `12/140` count), sort by any column, and columns as wide as their
//! content (up to the width they like) that shrink and then drop by priority on narrow
//! terminals; spare width goes to the cut columns that matter most (titles and names).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell as TableCell, Paragraph, Row, Scrollbar, ScrollbarOrientation,
    ScrollbarState, StatefulWidget, Table, Widget,
};

pub use crate::domain::order::natural_cmp;

use super::fit;
use super::scroll::Scroll;
use crate::ui::keymap::{self, Action, Context};
use crate::ui::legend::Legend;
use crate::ui::theme;
use unicode_width::UnicodeWidthStr;

/// A column: its header, the width it likes, the width it can shrink to, and its priority
/// (columns with the lowest priority are dropped first when even the minimum does not fit).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub width: u16,
    pub min: u16,
    pub priority: u8,
    /// Short codes for the column's words, shown where a word does not fit.
    pub legend: Option<&'static Legend>,
    /// Cut in the middle when too long, as paths are: their ends say the most.
    pub path: bool,
}

impl Column {
    pub const fn new(title: &'static str, width: u16, min: u16, priority: u8) -> Self {
        Self {
            title,
            width,
            min,
            priority,
            legend: None,
            path: false,
        }
    }

    /// The column of file paths, cut in the middle (`/home/…/clients/acme.isms`).
    pub const fn paths(self) -> Self {
        Self { path: true, ..self }
    }

    /// The column with short codes for words that do not fit.
    pub const fn coded(self, legend: &'static Legend) -> Self {
        Self {
            legend: Some(legend),
            ..self
        }
    }

    /// A cell's text as shown in `width` columns: where the column is too narrow for the
    /// longest of its words, every word as its short code, so that a column never mixes the two.
    pub fn shown(&self, text: &str, width: u16) -> String {
        let code = self
            .legend
            .filter(|l| l.widest() > usize::from(width))
            .and_then(|l| l.short(text));
        if self.path {
            return super::fit_path(text, width);
        }
        fit(code.unwrap_or(text), width)
    }
}

/// What a key did to the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableEvent {
    Ignored,
    Moved,
    Changed,
}

/// The frame of a filterable list: its title, the `shown/total` count and the filter line.
pub struct FilteredList<'a> {
    pub title: &'a str,
    pub focused: bool,
    pub shown: usize,
    pub total: usize,
    pub filter: &'a str,
    /// The filter is being typed: it shows a cursor.
    pub filtering: bool,
}

impl FilteredList<'_> {
    /// Draws the frame over `area` and returns the area left for the rows.
    pub fn render_frame(&self, area: Rect, buf: &mut Buffer) -> Rect {
        let (shown, total) = (self.shown, self.total);
        let count = if shown == total {
            format!(" {total} ")
        } else {
            format!(" {shown} of {total} ")
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if self.focused {
                theme::focus_border()
            } else {
                theme::border()
            })
            .title(Span::styled(format!(" {} ", self.title), theme::title()))
            .title_bottom(Line::styled(count, theme::muted()).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        let show_filter = self.filtering || !self.filter.is_empty();
        let [body, filter_line] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(u16::from(show_filter)),
        ])
        .areas(inner);
        if show_filter {
            let cursor = if self.filtering { "█" } else { "" };
            Paragraph::new(Line::from(vec![
                Span::styled("/", theme::key()),
                Span::styled(format!("{}{cursor}", self.filter), theme::value()),
            ]))
            .render(filter_line, buf);
        }
        body
    }
}

/// A scrollbar on the right border of a list longer than its pane: where the selected row
/// lies among all of them.
pub fn render_scrollbar(area: Rect, buf: &mut Buffer, len: usize, selected: usize) {
    let track = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(3),
        ..area
    };
    let mut state = ScrollbarState::new(len).position(selected);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("┃")
        .thumb_style(theme::key())
        .track_style(theme::border())
        .render(track, buf, &mut state);
}

/// Says why a table with a header shows no rows, on the line under the header.
pub fn render_empty(body: Rect, buf: &mut Buffer, message: &str) {
    let line = Rect {
        y: body.y + 1,
        height: 1.min(body.height.saturating_sub(1)),
        ..body
    };
    Paragraph::new(Span::styled(message.to_string(), theme::muted())).render(line, buf);
}

/// Between the cells of a row as the table keeps it; no text a user types contains it.
const SEP: char = '\u{1f}';

pub struct DataTable {
    columns: Vec<Column>,
    /// Each row's cells joined by [`SEP`]: one allocation per row instead of one per cell, which
    /// counts with tens of thousands of rows.
    rows: Vec<Box<str>>,
    /// Each row lowercased, for filtering without allocating per keystroke.
    haystack: Vec<Box<str>>,
    /// The cells whose text has a meaning of its own (a level, a status), by row: column and
    /// tone, styled when drawn (in the theme of the drawing thread).
    styles: Vec<Vec<(usize, theme::Tone)>>,
    /// The widest text of each column, its header and sort mark included: no column is wider.
    content: Vec<u16>,
    /// Indices into `rows` that pass the filter, in display order.
    visible: Vec<usize>,
    selected: usize,
    scroll: Scroll,
    filter: String,
    filtering: bool,
    sort: Option<(usize, bool)>,
    /// The size of the whole register when the rows given are already a selection of it.
    total: Option<usize>,
}

impl DataTable {
    pub fn new(columns: Vec<Column>) -> Self {
        Self {
            columns,
            rows: Vec::new(),
            haystack: Vec::new(),
            styles: Vec::new(),
            content: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            scroll: Scroll::default(),
            filter: String::new(),
            filtering: false,
            sort: None,
            total: None,
        }
    }

    /// Replaces the rows, keeping filter, sort and (as far as possible) the selected position.
    pub fn set_rows(&mut self, rows: Vec<Vec<String>>) {
        self.rows = rows
            .into_iter()
            .map(|cells| {
                let mut joined = String::with_capacity(cells.iter().map(|c| c.len() + 1).sum());
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        joined.push(SEP);
                    }
                    // A cell never holds the separator, or its row would shift.
                    joined.extend(cell.chars().map(|c| if c == SEP { ' ' } else { c }));
                }
                joined.into_boxed_str()
            })
            .collect();
        self.haystack = self
            .rows
            .iter()
            .map(|r| r.to_lowercase().into_boxed_str())
            .collect();
        let width = |s: &str| u16::try_from(s.width()).unwrap_or(u16::MAX);
        // A header has room for its sort mark (` ▲`).
        self.content = self
            .columns
            .iter()
            .map(|c| width(c.title).saturating_add(2))
            .collect();
        for row in &self.rows {
            for (widest, cell) in self.content.iter_mut().zip(row.split(SEP)) {
                *widest = (*widest).max(width(cell));
            }
        }
        self.refresh();
    }

    /// Words each row is also found by, by row as given to `set_rows`, beyond the text of its
    /// cells: a state its cells show by colour only (`overdue`). Never shown.
    pub fn also_find(&mut self, words: Vec<String>) {
        for (hay, words) in self.haystack.iter_mut().zip(words) {
            if !words.is_empty() {
                *hay = format!("{hay}{SEP}{}", words.to_lowercase()).into_boxed_str();
            }
        }
        self.refresh();
    }

    /// The cells whose text has a meaning of its own, by row as given to `set_rows`: column and
    /// tone. Rows without an entry are plain.
    pub fn set_styles(&mut self, styles: Vec<Vec<(usize, theme::Tone)>>) {
        self.styles = styles;
    }

    /// The text of one cell.
    fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.split(SEP).nth(column))
            .unwrap_or("")
    }

    /// Says that the rows are a selection of a register of `total` rows, for the count.
    pub fn set_total(&mut self, total: Option<usize>) {
        self.total = total;
    }

    /// Index into the rows given to `set_rows` of the selected row.
    pub fn selected(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Selects the row with this index into the rows, if it is visible.
    pub fn select_row(&mut self, row: usize) {
        if let Some(pos) = self.visible.iter().position(|&r| r == row) {
            self.selected = pos;
        }
    }

    pub fn clear_filter(&mut self) {
        self.filter.clear();
        self.filtering = false;
        self.refresh();
    }

    /// Sets the filter from outside, for a dialog that takes every typed key as filter text.
    pub fn set_filter(&mut self, text: &str) {
        self.filter = text.to_string();
        self.refresh();
    }

    pub fn is_filtering(&self) -> bool {
        self.filtering
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    fn refresh(&mut self) {
        let needle = self.filter.to_lowercase();
        self.visible = (0..self.rows.len())
            .filter(|&i| needle.is_empty() || self.haystack[i].contains(&needle))
            .collect();
        if let Some((col, descending)) = self.sort {
            let mut visible = std::mem::take(&mut self.visible);
            visible.sort_by(|&a, &b| {
                let o = natural_cmp(self.cell(a, col), self.cell(b, col));
                if descending { o.reverse() } else { o }
            });
            self.visible = visible;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> TableEvent {
        if self.filtering {
            return self.handle_filter_key(key);
        }
        match keymap::action(Context::Table, &key) {
            Some(action) => self.handle_action(action),
            None => TableEvent::Ignored,
        }
    }

    /// Moves, filters or sorts as `action` asks; other actions are not the table's.
    pub fn handle_action(&mut self, action: Action) -> TableEvent {
        let last = self.visible.len().saturating_sub(1);
        let page = self.scroll.page();
        let before = self.selected;
        match action {
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Filter => {
                self.filtering = true;
                return TableEvent::Changed;
            }
            Action::Sort => {
                self.sort = match self.sort {
                    None => Some((0, false)),
                    Some((c, _)) if c + 1 < self.columns.len() => Some((c + 1, false)),
                    Some(_) => None,
                };
                self.refresh();
                return TableEvent::Changed;
            }
            Action::SortReverse => {
                self.sort = Some(self.sort.map_or((0, true), |(c, d)| (c, !d)));
                self.refresh();
                return TableEvent::Changed;
            }
            Action::Clear if !self.filter.is_empty() => {
                self.filter.clear();
                self.refresh();
                return TableEvent::Changed;
            }
            _ => return TableEvent::Ignored,
        }
        if self.selected == before {
            TableEvent::Changed
        } else {
            TableEvent::Moved
        }
    }

    /// Typing goes into the filter; Enter (or an arrow) keeps it, Esc clears it.
    fn handle_filter_key(&mut self, key: KeyEvent) -> TableEvent {
        match keymap::action(Context::Filter, &key) {
            Some(Action::ClearFilter) => {
                self.filtering = false;
                self.filter.clear();
            }
            Some(Action::KeepFilter) => self.filtering = false,
            _ => match key.code {
                KeyCode::Backspace => {
                    self.filter.pop();
                }
                KeyCode::Char(c)
                    if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
                {
                    self.filter.push(c);
                }
                _ => return TableEvent::Ignored,
            },
        }
        self.refresh();
        TableEvent::Changed
    }

    /// Selects the visible row at a screen position (a mouse click), if any.
    pub fn click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let body_top = area.y + 2; // border and header
        if column <= area.x
            || column >= area.right().saturating_sub(1)
            || row < body_top
            || row >= area.bottom().saturating_sub(2)
        {
            return false;
        }
        let pos = self.scroll.offset() + usize::from(row - body_top);
        if pos < self.visible.len() {
            self.selected = pos;
            return true;
        }
        false
    }

    /// Draws the table with a title, the filter line and the `shown/total` count, scrolled so
    /// that the selected row shows.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, title: &str, focused: bool) {
        let view = TableView {
            table: self,
            title,
            focused,
        };
        let mut scroll = self.scroll;
        frame.render_stateful_widget(view, area, &mut scroll);
        self.scroll = scroll;
    }
}

/// A table as drawn: its rows, title and focus; the scroll position is its state.
pub struct TableView<'a> {
    pub table: &'a DataTable,
    pub title: &'a str,
    pub focused: bool,
}

impl StatefulWidget for TableView<'_> {
    type State = Scroll;

    fn render(self, area: Rect, buf: &mut Buffer, scroll: &mut Scroll) {
        let t = self.table;
        let list = FilteredList {
            title: self.title,
            focused: self.focused,
            shown: t.visible.len(),
            total: t.total.unwrap_or(t.rows.len()),
            filter: &t.filter,
            filtering: t.filtering,
        };
        let body = list.render_frame(area, buf);
        let height = usize::from(body.height.saturating_sub(1));
        let range = scroll.follow(t.selected, height, t.visible.len());
        if t.visible.len() > height {
            render_scrollbar(area, buf, t.visible.len(), t.selected);
        }

        let widths = fitted_widths(&t.columns, &t.content, body.width);
        let shown: Vec<usize> = (0..t.columns.len()).filter(|&i| widths[i] > 0).collect();
        let header = Row::new(shown.iter().map(|&i| {
            let mark = match t.sort {
                Some((c, false)) if c == i => " ▲",
                Some((c, true)) if c == i => " ▼",
                _ => "",
            };
            TableCell::from(fit(&format!("{}{mark}", t.columns[i].title), widths[i]))
        }))
        .style(theme::header());
        let rows = range.map(|pos| {
            let style = if pos == t.selected {
                theme::selected()
            } else {
                theme::value()
            };
            let r = t.visible[pos];
            let own = t.styles.get(r);
            Row::new(shown.iter().map(|&i| {
                let text = t.columns[i].shown(t.cell(r, i), widths[i]);
                match own.and_then(|s| s.iter().find(|(c, _)| *c == i)) {
                    // The meaning's style on the text only, so the fill shows the word.
                    Some((_, tone)) if !text.trim().is_empty() => {
                        TableCell::from(Line::from(Span::styled(text, theme::tone(*tone))))
                    }
                    _ => TableCell::from(text),
                }
            }))
            .style(style)
        });
        let constraints: Vec<Constraint> = shown
            .iter()
            .map(|&i| Constraint::Length(widths[i]))
            .collect();
        Widget::render(
            Table::new(rows, constraints)
                .header(header)
                .column_spacing(1),
            body,
            buf,
        );
        if t.visible.is_empty() {
            let message = if t.rows.is_empty() {
                "Nothing here yet: n adds the first."
            } else {
                "No row matches the filter (Esc clears it)."
            };
            render_empty(body, buf, message);
        }
    }
}

/// Widths per column for the available width with the widest text of each column known
/// (`content`): a column is no wider than its text (a date column is 10), and the width left
/// goes first to the columns whose text is cut, the highest priority first (titles and names),
/// up to their text; what is still left goes to the widest column.
pub fn fitted_widths(columns: &[Column], content: &[u16], available: u16) -> Vec<u16> {
    let fitted: Vec<Column> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text = content.get(i).copied().unwrap_or(c.width).max(1);
            Column {
                width: c.width.min(text),
                min: c.min.min(text),
                ..*c
            }
        })
        .collect();
    let preferred: Vec<u16> = columns.iter().map(|c| c.width).collect();
    widths(&fitted, Some(content), &preferred, available)
}

/// Widths per column for the available width: preferred widths when they fit, else shrunk
/// towards their minimum, else the lowest-priority columns dropped (width 0).
pub fn column_widths(columns: &[Column], available: u16) -> Vec<u16> {
    let preferred: Vec<u16> = columns.iter().map(|c| c.width).collect();
    widths(columns, None, &preferred, available)
}

/// `asked` ranks the columns for the width still left at the end: the column that asks for the
/// most (a title, a name) takes it, whatever its rows hold now.
fn widths(columns: &[Column], content: Option<&[u16]>, asked: &[u16], available: u16) -> Vec<u16> {
    let gaps = |n: usize| u16::try_from(n.saturating_sub(1)).unwrap_or(u16::MAX);
    let mut keep: Vec<bool> = vec![true; columns.len()];
    loop {
        let kept: Vec<usize> = (0..columns.len()).filter(|&i| keep[i]).collect();
        let room = available.saturating_sub(gaps(kept.len()));
        let min: u16 = kept.iter().map(|&i| columns[i].min).sum();
        if min <= room || kept.len() <= 1 {
            let mut widths = vec![0u16; columns.len()];
            let preferred: u16 = kept.iter().map(|&i| columns[i].width).sum();
            if preferred <= room {
                for &i in &kept {
                    widths[i] = columns[i].width;
                }
                let mut spare = room - preferred;
                // Cut text first, the most important column first, up to its whole text.
                if let Some(content) = content {
                    let mut cut = kept.clone();
                    cut.sort_by_key(|&i| (std::cmp::Reverse(columns[i].priority), i));
                    for i in cut {
                        let want = content
                            .get(i)
                            .copied()
                            .unwrap_or(0)
                            .saturating_sub(widths[i]);
                        let give = want.min(spare);
                        widths[i] += give;
                        spare -= give;
                    }
                }
                // The widest text column (the first among equals) takes what is left: names
                // and titles, not a status code, get the spare width.
                if let Some(&widest) = kept
                    .iter()
                    .min_by_key(|&&i| (std::cmp::Reverse(asked[i]), i))
                {
                    widths[widest] += spare;
                }
            } else {
                // Share the room above the minimums in proportion to what each column would like.
                let extra = room - min.min(room);
                let wanted: u32 = kept
                    .iter()
                    .map(|&i| u32::from(columns[i].width - columns[i].min.min(columns[i].width)))
                    .sum();
                let mut given = 0u16;
                for &i in &kept {
                    let want = u32::from(columns[i].width - columns[i].min.min(columns[i].width));
                    let share = (u32::from(extra) * want)
                        .checked_div(wanted)
                        .and_then(|s| u16::try_from(s).ok())
                        .unwrap_or(0);
                    widths[i] = columns[i].min.min(room) + share;
                    given += share;
                }
                if let Some(&last) = kept.last() {
                    widths[last] += extra.saturating_sub(given);
                }
            }
            return widths;
        }
        // Drop the lowest-priority column (the rightmost among equals).
        if let Some(drop) = kept
            .iter()
            .copied()
            .min_by_key(|&i| (columns[i].priority, std::cmp::Reverse(i)))
        {
            keep[drop] = false;
        }
    }
}

#[cfg(test)]
mod tests;
