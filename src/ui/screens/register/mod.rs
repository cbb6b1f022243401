//! A register on screen: a table of records with a detail pane, and the forms and delete
//! confirmation to add, edit and remove them. Each kind of record says how it looks and saves by
//! implementing `Record`; the view does the rest the same way for all of them: facet filters
//! (`f`), a ranked view (`c`), jumping to linked records from the detail pane, and the history
//! of the selected record from the change log (`h`).

mod edits;
pub(super) mod history;
mod render;
mod screen;

pub use screen::RegisterScreen;

/// An item with its noun, for questions and titles: "risk R-001 Ransomware", or the label
/// alone where it already says what it is ("acceptance of R-001 by Anna Weber").
fn named<T: Record>(item: &T) -> String {
    let label = item.label();
    if label.starts_with(T::NOUN) {
        label
    } else {
        format!("{} {label}", T::NOUN)
    }
}

/// The short codes a register's columns may show.
pub fn legends<T: Record>() -> Vec<&'static crate::ui::legend::Legend> {
    T::columns().iter().filter_map(|c| c.legend).collect()
}

use ratatui::crossterm::event::KeyEvent;

use self::history::{History, HistoryEvent};
use super::{Ctx, Handled, Status};
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::readiness::Place;
use crate::domain::{Field, ValidationError};
use crate::ui::keymap::{self, Action, Context};
use crate::ui::widgets::Confirm;
use crate::ui::widgets::form::{Form, FormEvent};
use crate::ui::widgets::table::{Column, DataTable, TableEvent};

pub trait Record: Clone + Sized + Send {
    /// What one record is called: "scope item".
    const NOUN: &'static str;
    /// The name of the ranked view (`c`), if the record has one: "crown jewels".
    const RANKED: Option<&'static str> = None;
    /// How many detail entries come before the links.
    const LINKS_AFTER: usize = usize::MAX;
    fn columns() -> Vec<Column>;
    fn cells(&self) -> Vec<String>;
    /// Cells whose text has a meaning of its own (a level, a status), as column and tone.
    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        Vec::new()
    }
    /// Words the filter (`/`) finds this record by beyond its cells: a state the table shows
    /// by colour only, such as `overdue` or `expired`.
    fn found_by(&self) -> String {
        String::new()
    }
    /// The detail pane, as label and value pairs.
    fn detail(&self) -> Vec<(&'static str, String)>;
    /// A series drawn under the detail as a small chart, oldest first: its caption, the
    /// values, and whether the latest is where it should be (drawn as a warning if not).
    fn chart(&self) -> Option<Chart> {
        None
    }
    /// Lines shown under the detail, each optionally linking to another record by id.
    fn links(&self) -> Vec<(String, Option<i64>)> {
        Vec::new()
    }
    /// Facets for `f`: a name (the facet form's key and label) and this record's value for each.
    fn facets(&self) -> Vec<(Field, String)> {
        Vec::new()
    }
    /// Higher ranks first in the ranked view.
    fn rank(&self) -> (u8, u32) {
        (0, 0)
    }
    fn id(&self) -> i64;
    /// How a confirmation names it: `S-003 Warehouse Hamburg`.
    fn label(&self) -> String;
    /// Where the change log keeps its history (`h`): the entities it is logged under (with
    /// what is logged apart from it, such as an asset's protection needs) and its reference.
    fn history(&self) -> (&'static [&'static str], String);
    /// Whether this record is the item a readiness finding points at.
    fn is_at(&self, _place: &Place) -> bool {
        false
    }
    /// Whether records can be added (`n`) and removed (`d`): a fixed catalog cannot.
    const CAN_ADD: bool = true;
    const CAN_DELETE: bool = true;
    /// Whether several records can be marked (Space) and changed at once (`b`).
    const BULK: bool = false;
    /// The form for changing all marked records at once (asked of the blank record, which
    /// carries what the forms pick from).
    fn bulk_form(&self, _count: usize) -> Option<Form> {
        None
    }
    /// This record as the bulk form says it should be.
    fn with_bulk(&self, _form: &Form) -> Result<Self, ValidationError> {
        Ok(self.clone())
    }
    /// What deleting it would affect, said in the confirmation.
    fn delete_warning(&self, _data: &Reader<'_>) -> Result<Option<String>, Error> {
        Ok(None)
    }
    fn form(&self, title: String) -> Form;
    /// The record as the form says it should be (may refuse a malformed date, say).
    fn with_form(&self, form: &Form) -> Result<Self, ValidationError>;
    /// Called when the form opens and after each key in it, to update guidance that depends on
    /// what was chosen and to follow up on a change (`Form::changed` names the field the key
    /// changed). Fields that apply only sometimes are the form's own (`Form::disabled_when`).
    fn form_changed(&self, _form: &mut Form) {}
    /// The records, and a blank one that new records start from.
    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error>;
    fn is_new(&self) -> bool;
    /// The command that saves this record as it is.
    fn save(&self) -> Command;
    /// This record as the store saved it (numbered, with its id).
    fn saved(self, saved: Saved) -> Self;
    /// The command that deletes it, or why it cannot be deleted.
    fn delete(&self) -> Result<Command, ValidationError>;
    /// Why it cannot be changed, if it cannot: `e` then shows it read-only with this reason.
    fn read_only(&self) -> Option<&'static str> {
        None
    }
    /// The field a deletion's reason is asked in, for records whose deletion must say why
    /// (the change log keeps the reason); `None` asks yes or no.
    fn deletion_reason(&self) -> Option<Field> {
        None
    }
    /// The command that deletes it for `reason` (see `deletion_reason`).
    fn delete_because(&self, _reason: &str) -> Result<Command, ValidationError> {
        self.delete()
    }
}

/// A small chart under a record's detail (see [`Record::chart`]).
pub struct Chart {
    pub caption: String,
    pub values: Vec<f64>,
    /// Whether the latest value is where it should be; drawn as a warning if not.
    pub good: bool,
}

/// The note over the reason a deletion asks for.
const DELETION_NOTE: Field = Field::new("deletion note");

enum Modal<T> {
    None,
    Form { form: Form, base: T },
    Bulk(Form),
    Facets(Form),
    Confirm { confirm: Confirm, item: T },
    // A deletion that asks for its reason first.
    Reason { form: Form, item: T },
    // The history, or a record that cannot be changed shown read-only.
    History(History),
}

pub struct RegisterView<T: Record> {
    title: &'static str,
    items: Vec<T>,
    /// Indices into `items` after facets and ranking, in the table's row order.
    shown: Vec<usize>,
    table: DataTable,
    modal: Modal<T>,
    /// Chosen value per facet name; absent means any.
    facets: Vec<(Field, String)>,
    ranked: bool,
    /// The highlighted link while the detail pane has the focus.
    link: Option<usize>,
    /// What a new record starts from.
    blank: T,
    /// Records marked for a bulk change, by id.
    marked: std::collections::BTreeSet<i64>,
}

impl<T: Record> RegisterView<T> {
    pub fn new(title: &'static str, data: &Reader<'_>) -> Result<Self, Error> {
        let (items, blank) = T::load(data)?;
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

    pub fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        (self.items, self.blank) = T::load(data)?;
        self.refresh();
        Ok(())
    }

    /// Applies facets and ranking and hands the rows to the table.
    fn refresh(&mut self) {
        let mut shown: Vec<usize> = (0..self.items.len())
            .filter(|&i| {
                if self.facets.is_empty() {
                    return true;
                }
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
        self.table
            .also_find(shown.iter().map(|&i| self.items[i].found_by()).collect());
        self.table
            .set_styles(shown.iter().map(|&i| self.items[i].cell_styles()).collect());
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

    /// Selects the record a finding points at; false when it is not in this register.
    pub fn focus(&mut self, place: &Place) -> bool {
        match self.items.iter().find(|i| i.is_at(place)).map(T::id) {
            Some(id) => self.select_id(id),
            None => false,
        }
    }

    /// Shows only the records with these facet values (e.g. from a heat-map cell).
    pub fn show_only(&mut self, facets: Vec<(Field, String)>) {
        self.facets = facets;
        self.table.clear_filter();
        self.refresh();
    }

    /// What a new record starts from.
    pub fn blank(&self) -> &T {
        &self.blank
    }

    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// What a new record (`n`) starts from, to preset from what another view shows.
    pub fn blank_mut(&mut self) -> &mut T {
        &mut self.blank
    }

    pub fn captures_input(&self) -> bool {
        !matches!(self.modal, Modal::None) || self.table.is_filtering()
    }

    pub fn open_new(&mut self) {
        let base = self.blank.clone();
        self.open_form(
            base,
            format!("Add {}", crate::domain::wording::with_article(T::NOUN)),
        );
    }

    /// Opens the form of a new record that starts from `base` rather than the blank one (a role
    /// held for the person selected elsewhere, say).
    pub fn open_new_from(&mut self, base: T, today: chrono::NaiveDate) {
        self.open_form(
            base,
            format!("Add {}", crate::domain::wording::with_article(T::NOUN)),
        );
        self.set_form_today(today);
    }

    /// Opens the edit form of the selected record on the field `key` (the review of a
    /// nonconformity, say); false when nothing is selected or it cannot be changed.
    pub fn edit_selected_at(&mut self, key: Field, today: chrono::NaiveDate) -> bool {
        let Some(item) = self.selected().cloned() else {
            return false;
        };
        if item.read_only().is_some() {
            return false;
        }
        let title = format!("Edit {}", item.label());
        self.open_form(item, title);
        if let Modal::Form { form, .. } = &mut self.modal {
            let opened = std::mem::replace(form, Form::new(""));
            *form = opened.focus_on(key);
        }
        self.set_form_today(today);
        true
    }

    /// Opens the form of `base`, with the fields that do not apply to it disabled from the start.
    fn open_form(&mut self, base: T, title: String) {
        let mut form = base.form(title);
        base.form_changed(&mut form);
        self.modal = Modal::Form { form, base };
    }

    /// Gives the open form the day its date fields' "today" key enters.
    fn set_form_today(&mut self, today: chrono::NaiveDate) {
        if let Modal::Form { form, .. } | Modal::Bulk(form) = &mut self.modal {
            form.set_today(today);
        }
    }

    /// Opens the history of the selected record; a store error goes to the status line.
    fn open_history(&mut self, ctx: &mut Ctx<'_>) {
        let Some(item) = self.selected() else {
            return;
        };
        let (entities, reference) = item.history();
        match History::read(&ctx.app.reader(), &item.label(), entities, &reference) {
            Ok(history) => self.modal = Modal::History(history),
            Err(e) => *ctx.status = Status::Error(format!("Could not read the history: {e}")),
        }
    }

    pub fn handle_paste(&mut self, text: &str) {
        if let Modal::Form { form, .. } | Modal::Bulk(form) | Modal::Reason { form, .. } =
            &mut self.modal
        {
            form.paste(text);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        match std::mem::replace(&mut self.modal, Modal::None) {
            Modal::Form { mut form, base } => {
                form.set_today(ctx.today);
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
                form.set_today(ctx.today);
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
                let answer = keymap::action(Context::ConfirmDelete, &key);
                if answer == Some(Action::Yes) {
                    let label = item.label();
                    match item
                        .delete()
                        .map_err(Error::from)
                        .and_then(|c| ctx.app.apply(c))
                    {
                        Ok(_) => {
                            *ctx.status = Status::Saved(format!("Deleted {label}."));
                            self.reload_or_report(ctx);
                        }
                        Err(e) => {
                            *ctx.status = Status::Error(format!("{label} was not deleted: {e}"))
                        }
                    }
                } else if answer != Some(Action::No) {
                    self.modal = Modal::Confirm { confirm, item };
                }
                return Handled::Yes;
            }
            Modal::Reason { mut form, item } => {
                match form.handle_key(key) {
                    FormEvent::None => self.modal = Modal::Reason { form, item },
                    FormEvent::Cancel => *ctx.status = Status::Info("Nothing deleted.".into()),
                    FormEvent::Submit => self.delete_because(form, item, ctx),
                }
                return Handled::Yes;
            }
            Modal::History(mut history) => {
                if let HistoryEvent::Stay = history.handle_key(key) {
                    self.modal = Modal::History(history);
                }
                return Handled::Yes;
            }
            Modal::None => {}
        }
        if let Some(link) = self.link {
            return self.handle_link_key(key, link);
        }
        if !self.table.is_filtering() {
            match keymap::action_in(&[Context::Register, Context::RegisterArrows], &key) {
                Some(Action::New | Action::Delete | Action::Bulk) if ctx.app.is_read_only() => {
                    *ctx.status = Status::Error(
                        "Opened read-only: nothing can be added, changed or deleted.".into(),
                    );
                    return Handled::Yes;
                }
                Some(Action::New) if T::CAN_ADD => {
                    self.open_new();
                    self.set_form_today(ctx.today);
                    return Handled::Yes;
                }
                Some(Action::Edit) => {
                    if let Some(item) = self.selected().cloned() {
                        let window = ctx.app.is_read_only().then_some(
                            "Opened read-only: shown as it is; changes are made where the \
                             workspace is open for writing.",
                        );
                        match window.or(item.read_only()) {
                            Some(why) => {
                                self.modal = Modal::History(History::read_only(
                                    &named(&item),
                                    why,
                                    &item.detail(),
                                ));
                            }
                            None => {
                                let title = format!("Edit {}", item.label());
                                self.open_form(item, title);
                                self.set_form_today(ctx.today);
                            }
                        }
                    }
                    return Handled::Yes;
                }
                Some(Action::Delete) if T::CAN_DELETE => {
                    if let Some(item) = self.selected().cloned()
                        && let Some(reason) = item.deletion_reason()
                    {
                        let form = Form::new(format!("Delete {}", named(&item)))
                            .note(
                                DELETION_NOTE,
                                "Deleting",
                                "cannot be undone; the change log keeps the record and why",
                            )
                            .line(reason, "Reason for deletion", "");
                        self.modal = Modal::Reason { form, item };
                    } else if let Some(item) = self.selected().cloned() {
                        let mut question = format!("Delete {}?", named(&item));
                        match item.delete_warning(&ctx.app.reader()) {
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
                Some(Action::History) => {
                    self.open_history(ctx);
                    return Handled::Yes;
                }
                Some(Action::Facets) if self.has_facets() => {
                    self.modal = Modal::Facets(self.facet_form());
                    return Handled::Yes;
                }
                Some(Action::Mark) if T::BULK => {
                    if let Some(id) = self.selected().map(T::id) {
                        if !self.marked.remove(&id) {
                            self.marked.insert(id);
                        }
                        let row = self.table.selected();
                        self.refresh();
                        if let Some(row) = row {
                            self.table.select_row(row);
                        }
                        self.table.handle_action(Action::Down);
                    }
                    return Handled::Yes;
                }
                Some(Action::Bulk) if T::BULK => {
                    let count = if self.marked.is_empty() {
                        usize::from(self.selected().is_some())
                    } else {
                        self.marked.len()
                    };
                    if count > 0
                        && let Some(form) = self.blank.bulk_form(count)
                    {
                        self.modal = Modal::Bulk(form);
                    }
                    return Handled::Yes;
                }
                Some(Action::Ranked) if T::RANKED.is_some() => {
                    self.ranked = !self.ranked;
                    self.refresh();
                    return Handled::Yes;
                }
                Some(Action::Links) if self.has_links() => {
                    self.link = self.next_link(None, true);
                    return Handled::Yes;
                }
                _ => {}
            }
            // Esc clears the marks, then the facets (a heat-map cell's, say), then the
            // table's filter.
            if keymap::action(Context::Table, &key) == Some(Action::Clear)
                && (!self.marked.is_empty() || !self.facets.is_empty())
            {
                if self.marked.is_empty() {
                    self.facets.clear();
                } else {
                    self.marked.clear();
                }
                let selected = self.selected().map(T::id);
                self.refresh();
                if let Some(id) = selected {
                    self.select_id(id);
                }
                return Handled::Yes;
            }
        }
        match self.table.handle_key(key) {
            TableEvent::Ignored => Handled::No,
            _ => Handled::Yes,
        }
    }
}

/// "yes" / "no" for table cells.
pub fn yes_no(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}
