//! A register on screen: a table of records with a detail pane, and the forms and delete
//! confirmation to add, edit and remove them. Each kind of record says how it looks and saves by
//! implementing `Record`; the view does the rest the same way for all of them: facet filters
//! (`f`), a ranked view (`c`), and jumping to linked records from the detail pane.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Ctx, Handled, Status};
use crate::domain::ValidationError;
use crate::store::{Store, StoreError, Writer};
use crate::ui::theme;
use crate::ui::widgets::form::{Form, FormEvent};
use crate::ui::widgets::table::{Column, DataTable, TableEvent};
use crate::ui::widgets::{Confirm, fit};

pub trait Record: Clone + Sized {
    /// What one record is called: "scope item".
    const NOUN: &'static str;
    /// The name of the ranked view (`c`), if the record has one: "crown jewels".
    const RANKED: Option<&'static str> = None;
    /// How many detail entries come before the links.
    const LINKS_AFTER: usize = usize::MAX;
    fn columns() -> Vec<Column>;
    fn cells(&self) -> Vec<String>;
    /// The detail pane, as label and value pairs.
    fn detail(&self) -> Vec<(&'static str, String)>;
    /// Lines shown under the detail, each optionally linking to another record by id.
    fn links(&self) -> Vec<(String, Option<i64>)> {
        Vec::new()
    }
    /// Facets for `f`: a name and this record's value for each.
    fn facets(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// Higher ranks first in the ranked view.
    fn rank(&self) -> (u8, u32) {
        (0, 0)
    }
    fn id(&self) -> i64;
    /// How a confirmation names it: `S-003 Warehouse Hamburg`.
    fn label(&self) -> String;
    /// Whether records can be added (`n`) and removed (`d`): a fixed catalog cannot.
    const CAN_ADD: bool = true;
    const CAN_DELETE: bool = true;
    /// Whether several records can be marked (Space) and changed at once (`b`).
    const BULK: bool = false;
    /// The form for changing all marked records at once.
    fn bulk_form(_count: usize) -> Option<Form> {
        None
    }
    /// This record as the bulk form says it should be.
    fn with_bulk(&self, _form: &Form) -> Result<Self, ValidationError> {
        Ok(self.clone())
    }
    /// What deleting it would affect, said in the confirmation.
    fn delete_warning(&self, _store: &Store) -> Result<Option<String>, StoreError> {
        Ok(None)
    }
    fn form(&self, title: String) -> Form;
    /// The record as the form says it should be (may refuse a malformed date, say).
    fn with_form(&self, form: &Form) -> Result<Self, ValidationError>;
    /// Called after each key in the form, to update guidance that depends on what was chosen.
    fn form_changed(&self, _form: &mut Form) {}
    /// The records, and a blank one that new records start from.
    fn load(store: &Store) -> Result<(Vec<Self>, Self), StoreError>;
    fn is_new(&self) -> bool;
    fn save(self, w: &mut Writer<'_>) -> Result<Self, StoreError>;
    fn delete(&self, w: &mut Writer<'_>) -> Result<(), StoreError>;
}

enum Modal<T> {
    None,
    Form { form: Form, base: T },
    Bulk(Form),
    Facets(Form),
    Confirm { confirm: Confirm, item: T },
}

pub struct RegisterView<T: Record> {
    title: &'static str,
    items: Vec<T>,
    /// Indices into `items` after facets and ranking, in the table's row order.
    shown: Vec<usize>,
    table: DataTable,
    modal: Modal<T>,
    /// Chosen value per facet name; absent means any.
    facets: Vec<(&'static str, String)>,
    ranked: bool,
    /// The highlighted link while the detail pane has the focus.
    link: Option<usize>,
    /// What a new record starts from.
    blank: T,
    /// Records marked for a bulk change, by id.
    marked: std::collections::BTreeSet<i64>,
}

impl<T: Record> RegisterView<T> {
    pub fn new(title: &'static str, store: &Store) -> Result<Self, StoreError> {
        let (items, blank) = T::load(store)?;
        let mut view = Self {
            title,
            items,
            shown: Vec::new(),
            table: DataTable::new(T::columns()),
            modal: Modal::None,
            facets: Vec::new(),
            ranked: false,
            link: None,
            blank,
            marked: Default::default(),
        };
        view.refresh();
        Ok(view)
    }

    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        (self.items, self.blank) = T::load(store)?;
        self.refresh();
        Ok(())
    }

    /// Applies facets and ranking and hands the rows to the table.
    fn refresh(&mut self) {
        let mut shown: Vec<usize> = (0..self.items.len())
            .filter(|&i| {
                let values = self.items[i].facets();
                self.facets
                    .iter()
                    .all(|(name, wanted)| values.iter().any(|(n, v)| n == name && v == wanted))
            })
            .collect();
        if self.ranked {
            shown.sort_by_key(|&i| std::cmp::Reverse(self.items[i].rank()));
        }
        let rows = shown
            .iter()
            .map(|&i| {
                let mut cells = self.items[i].cells();
                if T::BULK
                    && let Some(first) = cells.first_mut()
                {
                    let mark = if self.marked.contains(&self.items[i].id()) {
                        "● "
                    } else {
                        "  "
                    };
                    first.insert_str(0, mark);
                }
                cells
            })
            .collect();
        self.table.set_rows(rows);
        self.table.set_total(Some(self.items.len()));
        self.shown = shown;
        self.link = None;
    }

    pub fn selected(&self) -> Option<&T> {
        self.table
            .selected()
            .and_then(|row| self.shown.get(row))
            .and_then(|&i| self.items.get(i))
    }

    /// Selects the record with this id, clearing filters that hide it.
    pub fn select_id(&mut self, id: i64) -> bool {
        let Some(index) = self.items.iter().position(|t| t.id() == id) else {
            return false;
        };
        if !self.shown.contains(&index) {
            self.facets.clear();
            self.refresh();
        }
        if let Some(row) = self.shown.iter().position(|&i| i == index) {
            self.table.select_row(row);
            if self.table.selected() != Some(row) {
                self.table.clear_filter();
                self.table.select_row(row);
            }
        }
        self.link = None;
        true
    }

    /// Shows only the records with these facet values (e.g. from a heat-map cell).
    pub fn show_only(&mut self, facets: Vec<(&'static str, String)>) {
        self.facets = facets;
        self.table.clear_filter();
        self.refresh();
    }

    pub fn items(&self) -> &[T] {
        &self.items
    }

    pub fn captures_input(&self) -> bool {
        !matches!(self.modal, Modal::None) || self.table.is_filtering()
    }

    pub fn open_new(&mut self) {
        let base = self.blank.clone();
        self.modal = Modal::Form {
            form: base.form(format!("New {}", T::NOUN)),
            base,
        };
    }

    pub fn handle_paste(&mut self, text: &str) {
        if let Modal::Form { form, .. } | Modal::Bulk(form) = &mut self.modal {
            form.paste(text);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        match std::mem::replace(&mut self.modal, Modal::None) {
            Modal::Form { mut form, base } => {
                match form.handle_key(key) {
                    FormEvent::None => {
                        base.form_changed(&mut form);
                        self.modal = Modal::Form { form, base };
                    }
                    FormEvent::Cancel => *ctx.status = Status::Info("Nothing changed.".into()),
                    FormEvent::Submit => self.submit(form, base, ctx),
                }
                return Handled::Yes;
            }
            Modal::Bulk(mut form) => {
                match form.handle_key(key) {
                    FormEvent::None => self.modal = Modal::Bulk(form),
                    FormEvent::Cancel => *ctx.status = Status::Info("Nothing changed.".into()),
                    FormEvent::Submit => self.submit_bulk(form, ctx),
                }
                return Handled::Yes;
            }
            Modal::Facets(mut form) => {
                match form.handle_key(key) {
                    FormEvent::None => self.modal = Modal::Facets(form),
                    FormEvent::Cancel => {}
                    FormEvent::Submit => self.apply_facets(&form),
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
        if let Some(link) = self.link {
            return self.handle_link_key(key, link);
        }
        if !self.table.is_filtering() {
            match key.code {
                KeyCode::Char('n') if T::CAN_ADD => {
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
                KeyCode::Char('d') | KeyCode::Delete if T::CAN_DELETE => {
                    if let Some(item) = self.selected().cloned() {
                        let mut question = format!("Delete {} {}?", T::NOUN, item.label());
                        match item.delete_warning(ctx.store) {
                            Ok(Some(warning)) => question.push_str(&format!(" {warning}")),
                            Ok(None) => {}
                            Err(e) => {
                                *ctx.status =
                                    Status::Error(format!("Could not check what refers to it: {e}"))
                            }
                        }
                        question.push_str(" This cannot be undone.");
                        self.modal = Modal::Confirm {
                            confirm: Confirm { question },
                            item,
                        };
                    }
                    return Handled::Yes;
                }
                KeyCode::Char('f') if self.has_facets() => {
                    self.modal = Modal::Facets(self.facet_form());
                    return Handled::Yes;
                }
                KeyCode::Char(' ') if T::BULK => {
                    if let Some(id) = self.selected().map(T::id) {
                        if !self.marked.remove(&id) {
                            self.marked.insert(id);
                        }
                        let row = self.table.selected();
                        self.refresh();
                        if let Some(row) = row {
                            self.table.select_row(row);
                        }
                        self.table.handle_key(KeyEvent::from(KeyCode::Down));
                    }
                    return Handled::Yes;
                }
                KeyCode::Char('b') if T::BULK => {
                    let count = if self.marked.is_empty() {
                        usize::from(self.selected().is_some())
                    } else {
                        self.marked.len()
                    };
                    if count > 0
                        && let Some(form) = T::bulk_form(count)
                    {
                        self.modal = Modal::Bulk(form);
                    }
                    return Handled::Yes;
                }
                KeyCode::Esc if T::BULK && !self.marked.is_empty() => {
                    self.marked.clear();
                    self.refresh();
                    return Handled::Yes;
                }
                KeyCode::Char('c') if T::RANKED.is_some() => {
                    self.ranked = !self.ranked;
                    self.refresh();
                    return Handled::Yes;
                }
                KeyCode::Right | KeyCode::Char('l') if self.has_links() => {
                    self.link = self.next_link(None, true);
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

    fn has_facets(&self) -> bool {
        self.items.first().is_some_and(|i| !i.facets().is_empty())
    }

    fn has_links(&self) -> bool {
        self.selected()
            .is_some_and(|s| s.links().iter().any(|(_, id)| id.is_some()))
    }

    /// The next (or previous) linking line after `from`.
    fn next_link(&self, from: Option<usize>, forward: bool) -> Option<usize> {
        let links = self.selected()?.links();
        let candidates: Vec<usize> = (0..links.len()).filter(|&i| links[i].1.is_some()).collect();
        match (from, forward) {
            (None, _) => candidates.first().copied(),
            (Some(f), true) => candidates.iter().copied().find(|&i| i > f).or(Some(f)),
            (Some(f), false) => candidates
                .iter()
                .rev()
                .copied()
                .find(|&i| i < f)
                .or(Some(f)),
        }
    }

    fn handle_link_key(&mut self, key: KeyEvent, link: usize) -> Handled {
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => self.link = self.next_link(Some(link), true),
            KeyCode::Up | KeyCode::Char('k') => self.link = self.next_link(Some(link), false),
            KeyCode::Left | KeyCode::Char('h') | KeyCode::Esc => self.link = None,
            KeyCode::Enter => {
                let target = self
                    .selected()
                    .and_then(|s| s.links().get(link).and_then(|(_, id)| *id));
                if let Some(id) = target {
                    self.select_id(id);
                }
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn facet_form(&self) -> Form {
        let mut form = Form::new(format!("Show only {}s with", T::NOUN));
        let Some(first) = self.items.first() else {
            return form;
        };
        for (name, _) in first.facets() {
            let mut values: Vec<String> = self
                .items
                .iter()
                .filter_map(|i| {
                    i.facets()
                        .into_iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| v)
                })
                .collect();
            values.sort();
            values.dedup();
            let chosen = self
                .facets
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone());
            let selected = chosen
                .and_then(|c| values.iter().position(|v| *v == c))
                .map_or(0, |p| p + 1);
            let mut options: Vec<(i64, String)> = vec![(0, "any".to_string())];
            options.extend(
                values
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (i64::try_from(i + 1).unwrap_or(i64::MAX), v)),
            );
            form = form.pick(
                name,
                name,
                options,
                Some(i64::try_from(selected).unwrap_or(0)),
            );
        }
        form
    }

    fn apply_facets(&mut self, form: &Form) {
        let Some(first) = self.items.first() else {
            return;
        };
        let mut chosen = Vec::new();
        for (name, _) in first.facets() {
            let mut values: Vec<String> = self
                .items
                .iter()
                .filter_map(|i| {
                    i.facets()
                        .into_iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| v)
                })
                .collect();
            values.sort();
            values.dedup();
            let picked = form.picked(name).unwrap_or(0);
            if let Some(v) = usize::try_from(picked)
                .ok()
                .filter(|&p| p > 0)
                .and_then(|p| values.get(p - 1))
            {
                chosen.push((name, v.clone()));
            }
        }
        self.facets = chosen;
        self.refresh();
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
                self.select_id(saved.id());
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

    /// Applies the bulk form to every marked record (or the selected one) in one transaction:
    /// all of them change, or none.
    fn submit_bulk(&mut self, mut form: Form, ctx: &mut Ctx<'_>) {
        form.clear_errors();
        let targets: Vec<T> = if self.marked.is_empty() {
            self.selected().cloned().into_iter().collect()
        } else {
            self.items
                .iter()
                .filter(|i| self.marked.contains(&i.id()))
                .cloned()
                .collect()
        };
        let mut changed = Vec::new();
        for t in &targets {
            match t.with_bulk(&form) {
                Ok(r) => changed.push(r),
                Err(e) => {
                    form.set_error(e.field, format!("{}: {}", t.label(), e.message));
                    self.modal = Modal::Bulk(form);
                    return;
                }
            }
        }
        let count = changed.len();
        let result = ctx.store.edit(|w| {
            for r in changed {
                let label = r.label();
                r.save(w).map_err(|e| match e {
                    StoreError::Invalid(v) => StoreError::Invalid(ValidationError::new(
                        v.field,
                        format!("{label}: {}", v.message),
                    )),
                    other => other,
                })?;
            }
            Ok(())
        });
        match result {
            Ok(()) => {
                *ctx.status = Status::Saved(format!("Saved {count} {}(s).", T::NOUN));
                self.marked.clear();
                self.reload_or_report(ctx);
            }
            Err(StoreError::Invalid(e)) => {
                form.message = Some(format!("nothing saved: {}", e.message));
                *ctx.status = Status::Error("Not saved: see the form.".into());
                self.modal = Modal::Bulk(form);
            }
            Err(e) => {
                form.message = Some(format!("not saved: {e}"));
                self.modal = Modal::Bulk(form);
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
        self.link = None;
        self.table.click(table_area, column, row)
    }

    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        match &self.modal {
            Modal::Form { form, .. } | Modal::Facets(form) | Modal::Bulk(form) => {
                form.keys().to_vec()
            }
            Modal::Confirm { .. } => vec![("y", "delete"), ("n Esc", "keep")],
            Modal::None if self.table.is_filtering() => {
                vec![
                    ("type", "filter"),
                    ("Enter", "keep filter"),
                    ("Esc", "clear filter"),
                ]
            }
            Modal::None if self.link.is_some() => vec![
                ("↑↓", "choose a link"),
                ("Enter", "go there"),
                ("← Esc", "back to the table"),
            ],
            Modal::None => {
                let mut keys = Vec::new();
                if T::CAN_ADD {
                    keys.push(("n", "new"));
                }
                keys.push(("e", "edit"));
                if T::CAN_DELETE {
                    keys.push(("d", "delete"));
                }
                if self.has_facets() {
                    keys.push(("f", "filter by"));
                }
                if let Some(name) = T::RANKED {
                    keys.push(("c", name));
                }
                if T::BULK {
                    keys.push(("Space", "mark"));
                    keys.push(("b", "change marked"));
                }
                if self.has_links() {
                    keys.push(("→", "links"));
                }
                keys.extend_from_slice(DataTable::keys());
                keys
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, focused: bool) {
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
                let entry = |(label, value): (&'static str, String)| {
                    let mut lines = vec![Line::styled(label, theme::label())];
                    lines.extend(
                        value
                            .lines()
                            .map(|l| Line::styled(format!("  {l}"), theme::value())),
                    );
                    lines
                };
                let mut detail: Vec<(&'static str, String)> = item
                    .detail()
                    .into_iter()
                    .filter(|(_, value)| !value.is_empty())
                    .collect();
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
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            detail_area,
        );
        match &self.modal {
            Modal::Form { form, .. } | Modal::Facets(form) | Modal::Bulk(form) => {
                form.render(frame, area)
            }
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

/// A screen that is one register and nothing else.
pub struct RegisterScreen<T: Record> {
    title: &'static str,
    view: RegisterView<T>,
}

impl<T: Record> RegisterScreen<T> {
    pub fn new(
        title: &'static str,
        table_title: &'static str,
        store: &Store,
    ) -> Result<Self, StoreError> {
        Ok(Self {
            title,
            view: RegisterView::new(table_title, store)?,
        })
    }
}

impl<T: Record> super::Screen for RegisterScreen<T> {
    fn title(&self) -> &'static str {
        self.title
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        self.view.handle_key(key, ctx)
    }

    fn handle_paste(&mut self, text: &str) {
        self.view.handle_paste(text);
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        self.view.handle_click(area, column, row)
    }

    fn captures_input(&self) -> bool {
        self.view.captures_input()
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.view.reload(store)
    }

    fn keys(&self) -> Vec<(&'static str, &'static str)> {
        self.view.keys()
    }

    fn render(&self, frame: &mut Frame, area: Rect) {
        self.view.render(frame, area, true);
    }
}
