//! A register on screen: a table of records with a detail pane, and the form and delete
//! confirmation to add, edit and remove them. Each kind of record says how it looks and saves by
//! implementing `Record`; the view does the rest the same way for all of them.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Ctx, Handled, Status};
use crate::domain::ValidationError;
use crate::store::{Store, StoreError, Writer};
use crate::ui::theme;
use crate::ui::widgets::Confirm;
use crate::ui::widgets::form::{Form, FormEvent};
use crate::ui::widgets::table::{Column, DataTable, TableEvent};

pub trait Record: Clone + Sized {
    /// What one record is called: "scope item".
    const NOUN: &'static str;
    fn columns() -> Vec<Column>;
    fn cells(&self) -> Vec<String>;
    /// The detail pane, as label and value pairs.
    fn detail(&self) -> Vec<(&'static str, String)>;
    /// How a confirmation names it: `S-003 Warehouse Hamburg`.
    fn label(&self) -> String;
    fn blank() -> Self;
    fn form(&self, title: String) -> Form;
    /// The record as the form says it should be (may refuse a malformed date, say).
    fn with_form(&self, form: &Form) -> Result<Self, ValidationError>;
    fn load(store: &Store) -> Result<Vec<Self>, StoreError>;
    fn is_new(&self) -> bool;
    fn save(self, w: &mut Writer<'_>) -> Result<Self, StoreError>;
    fn delete(&self, w: &mut Writer<'_>) -> Result<(), StoreError>;
}

enum Modal<T> {
    None,
    Form { form: Form, base: T },
    Confirm { confirm: Confirm, item: T },
}

pub struct RegisterView<T: Record> {
    title: &'static str,
    items: Vec<T>,
    table: DataTable,
    modal: Modal<T>,
}

impl<T: Record> RegisterView<T> {
    pub fn new(title: &'static str, store: &Store) -> Result<Self, StoreError> {
        let mut view = Self {
            title,
            items: Vec::new(),
            table: DataTable::new(T::columns()),
            modal: Modal::None,
        };
        view.reload(store)?;
        Ok(view)
    }

    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.items = T::load(store)?;
        self.table
            .set_rows(self.items.iter().map(T::cells).collect());
        Ok(())
    }

    pub fn selected(&self) -> Option<&T> {
        self.table.selected().and_then(|i| self.items.get(i))
    }

    pub fn captures_input(&self) -> bool {
        !matches!(self.modal, Modal::None) || self.table.is_filtering()
    }

    pub fn open_new(&mut self) {
        let base = T::blank();
        self.modal = Modal::Form {
            form: base.form(format!("New {}", T::NOUN)),
            base,
        };
    }

    pub fn handle_paste(&mut self, text: &str) {
        if let Modal::Form { form, .. } = &mut self.modal {
            form.paste(text);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        match std::mem::replace(&mut self.modal, Modal::None) {
            Modal::Form { mut form, base } => {
                match form.handle_key(key) {
                    FormEvent::None => self.modal = Modal::Form { form, base },
                    FormEvent::Cancel => *ctx.status = Status::Info("Nothing changed.".into()),
                    FormEvent::Submit => self.submit(form, base, ctx),
                }
                return Handled::Yes;
            }
            Modal::Confirm { confirm, item } => {
                if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                    let label = item.label();
                    match ctx.store.edit(|w| item.delete(w)) {
                        Ok(()) => {
                            *ctx.status = Status::Saved(format!("Deleted {label}."));
                            self.reload_or_report(ctx);
                        }
                        Err(e) => {
                            *ctx.status = Status::Error(format!("{label} was not deleted: {e}"))
                        }
                    }
                } else if !matches!(
                    key.code,
                    KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc
                ) {
                    self.modal = Modal::Confirm { confirm, item };
                }
                return Handled::Yes;
            }
            Modal::None => {}
        }
        if !self.table.is_filtering() {
            match key.code {
                KeyCode::Char('n') => {
                    self.open_new();
                    return Handled::Yes;
                }
                KeyCode::Char('e') | KeyCode::Enter => {
                    if let Some(item) = self.selected().cloned() {
                        self.modal = Modal::Form {
                            form: item.form(format!("Edit {}", item.label())),
                            base: item,
                        };
                    }
                    return Handled::Yes;
                }
                KeyCode::Char('d') | KeyCode::Delete => {
                    if let Some(item) = self.selected().cloned() {
                        let question = format!(
                            "Delete {} {}? This cannot be undone.",
                            T::NOUN,
                            item.label()
                        );
                        self.modal = Modal::Confirm {
                            confirm: Confirm { question },
                            item,
                        };
                    }
                    return Handled::Yes;
                }
                _ => {}
            }
        }
        match self.table.handle_key(key) {
            TableEvent::Ignored => Handled::No,
            _ => Handled::Yes,
        }
    }

    fn submit(&mut self, mut form: Form, base: T, ctx: &mut Ctx<'_>) {
        form.clear_errors();
        let record = match base.with_form(&form) {
            Ok(r) => r,
            Err(e) => {
                form.set_error(e.field, e.message);
                self.modal = Modal::Form { form, base };
                return;
            }
        };
        match ctx.store.edit(|w| record.save(w)) {
            Ok(saved) => {
                let label = saved.label();
                *ctx.status = Status::Saved(format!("Saved {label}."));
                self.reload_or_report(ctx);
                if let Some(i) = self.items.iter().position(|i| i.label() == label) {
                    self.table.select_row(i);
                }
            }
            Err(StoreError::Invalid(e)) => {
                form.set_error(e.field, e.message);
                *ctx.status = Status::Error("Not saved: see the form.".into());
                self.modal = Modal::Form { form, base };
            }
            Err(e) => {
                // The edit did not reach the file; keep the user's text.
                form.message = Some(format!("not saved: {e}"));
                *ctx.status = Status::Error(format!("Not saved: {e}"));
                self.modal = Modal::Form { form, base };
            }
        }
    }

    fn reload_or_report(&mut self, ctx: &mut Ctx<'_>) {
        if let Err(e) = self.reload(ctx.store) {
            *ctx.status = Status::Error(format!("Could not reload: {e}"));
        }
    }

    pub fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        if !matches!(self.modal, Modal::None) {
            return false;
        }
        let (table_area, _) = split(area);
        self.table.click(table_area, column, row)
    }

    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        match &self.modal {
            Modal::Form { form, .. } => form.keys().to_vec(),
            Modal::Confirm { .. } => vec![("y", "delete"), ("n Esc", "keep")],
            Modal::None if self.table.is_filtering() => vec![
                ("type", "filter"),
                ("Enter", "keep filter"),
                ("Esc", "clear filter"),
            ],
            Modal::None => {
                let mut keys = vec![("n", "new"), ("e", "edit"), ("d", "delete")];
                keys.extend_from_slice(DataTable::keys());
                keys
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, focused: bool) {
        let (table_area, detail_area) = split(area);
        self.table.render(frame, table_area, self.title, focused);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(Span::styled(" Detail ", theme::title()));
        let lines: Vec<Line> = match self.selected() {
            None => vec![Line::styled(
                format!("No {} selected.", T::NOUN),
                theme::muted(),
            )],
            Some(item) => item
                .detail()
                .into_iter()
                .flat_map(|(label, value)| {
                    let mut lines = vec![Line::styled(label, theme::label())];
                    let value = if value.is_empty() {
                        "—".to_string()
                    } else {
                        value
                    };
                    lines.extend(
                        value
                            .lines()
                            .map(|l| Line::styled(format!("  {l}"), theme::value())),
                    );
                    lines
                })
                .collect(),
        };
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            detail_area,
        );
        match &self.modal {
            Modal::Form { form, .. } => form.render(frame, area),
            Modal::Confirm { confirm, .. } => confirm.render(frame, area),
            Modal::None => {}
        }
    }
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

/// "yes" / "no" for table cells.
pub fn yes_no(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}
