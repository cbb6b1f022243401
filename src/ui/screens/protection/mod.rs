//! The Protection screen: a grid of assets by protection objective, built for a workshop. Move
//! with the arrows, `+` and `-` raise and lower the level shown, `r` for the rationale, Space to
//! mark rows and rate them at once. Digits stay with the tab bar (they switch screens), so that no
//! key meant for navigation ever changes a rating. Supporting assets inherit by the maximum principle; rating one is an
//! override and asks for its justification first. `w` opens the workshop view, one asset at a
//! time, where open questions are noted and resolved (see `workshop`).

mod grid;
mod methodology;
mod minutes;
mod records;
mod workshop;

use crate::ui::widgets::scroll::Scroll;
use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::assets::{AssetRow, load_rows};
use super::cycles::Marks;
use super::register::history::{History, HistoryEvent};
use super::register::{Record, RegisterView};
use super::{Ctx, Handled, Screen, Status, views};
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::baseline::ReassessKind;
use crate::domain::protection::{
    Objective, ProtectionNeed, field as protection_field, is_unchanged, needs_justification,
};
use crate::domain::question::OpenQuestion;
use crate::domain::reference::RefKind;
use crate::ui::export::{ExportChoice, What};
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::widgets::form::{Form, FormEvent};
use records::{QuestionRow, WorkshopRow};
use views::ViewBar;

views::views!(
    /// The views of the Protection screen.
    ProtectionView {
        Needs => "Protection needs",
        Questions => "Questions",
        Workshops => "Workshops",
    }
);

/// Which way `+` and `-` move a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Up,
    Down,
}

enum Modal {
    None,
    /// Rationale or override justification for `level` (None: keep the level) on these assets.
    Rationale {
        form: Form,
        assets: Vec<i64>,
        objective: Objective,
        level: Option<u8>,
    },
    Methodology(Form),
    /// An open question noted in the workshop, about this asset (None: the workshop as a whole).
    Question {
        form: Form,
        asset: Option<i64>,
    },
    /// An asset named in the workshop: name and kind, saved at once.
    QuickAdd(Form),
    /// The title and attendees of a workshop about to start.
    StartWorkshop(Form),
    /// The answer to one of the open questions (`ids`, in the order of the form's choice).
    Answer {
        form: Form,
        ids: Vec<i64>,
    },
    /// A workshop's minutes, shown when it ends and reopened from the Workshops view.
    Minutes {
        view: History,
        /// The workshop's number, for `x`.
        number: u32,
    },
    /// The history of the current asset's protection needs (`h`).
    History(History),
}

pub struct ProtectionScreen {
    views: ViewBar<ProtectionView>,
    /// Every question noted in a workshop, open first.
    question_list: RegisterView<QuestionRow>,
    /// The workshops held, the latest first.
    workshop_list: RegisterView<WorkshopRow>,
    rows: Vec<AssetRow>,
    /// Indices into `rows` that pass the filter.
    shown: Vec<usize>,
    row: usize,
    col: usize,
    /// Where the grid is scrolled to.
    scroll: Scroll,
    marked: BTreeSet<i64>,
    filter: String,
    filtering: bool,
    modal: Modal,
    /// The workshop session, while the workshop view (or its summary) is shown.
    workshop: Option<workshop::Workshop>,
    /// The questions not resolved yet, by number, for the workshop view.
    questions: Vec<OpenQuestion>,
    /// The assets whose needs the open cycle still has to re-assess.
    marks: Marks,
}

impl ProtectionScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        let mut s = Self {
            views: ViewBar::new(false),
            question_list: RegisterView::new("Questions from workshops", data)?,
            workshop_list: RegisterView::new("Workshops", data)?,
            rows: Vec::new(),
            shown: Vec::new(),
            row: 0,
            col: 0,
            scroll: Scroll::default(),
            marked: BTreeSet::new(),
            filter: String::new(),
            filtering: false,
            modal: Modal::None,
            workshop: None,
            questions: Vec::new(),
            marks: Marks::default(),
        };
        s.reload(data)?;
        Ok(s)
    }

    fn refilter(&mut self) {
        let needle = self.filter.to_lowercase();
        self.shown = (0..self.rows.len())
            .filter(|&i| {
                let a = &self.rows[i].asset;
                needle.is_empty()
                    || format!(
                        "{} {} {}",
                        self.rows[i].ctx.name(a.id),
                        a.kind.label(),
                        a.owner
                    )
                    .to_lowercase()
                    .contains(&needle)
            })
            .collect();
        self.row = self.row.min(self.shown.len().saturating_sub(1));
    }

    fn current(&self) -> Option<&AssetRow> {
        self.shown.get(self.row).and_then(|&i| self.rows.get(i))
    }

    /// Whether the open cycle still has to re-assess the current asset's needs.
    fn current_marked(&self) -> bool {
        self.current()
            .is_some_and(|r| self.marks.is_marked(ReassessKind::Needs, r.asset.id))
    }

    /// Confirms the current asset's needs unchanged for the open cycle (its mark comes off).
    fn confirm_unchanged(&mut self, ctx: &mut Ctx<'_>) {
        let Some(r) = self.current() else {
            return;
        };
        let (id, reference) = (r.asset.id, RefKind::Asset.format(r.asset.number));
        if !self.current_marked() {
            *ctx.status = Status::Error(format!(
                "The needs of {reference} are not marked to re-assess in the open cycle."
            ));
            return;
        }
        match ctx.app.apply(Command::ConfirmReassessed {
            kind: ReassessKind::Needs,
            item: id,
        }) {
            Ok(_) => {
                *ctx.status =
                    Status::Saved(format!("The needs of {reference} confirmed unchanged."));
                self.reload_view(ctx);
            }
            Err(e) => *ctx.status = Status::Error(e.to_string()),
        }
    }

    fn objectives(&self) -> Vec<Objective> {
        self.rows
            .first()
            .map(|r| r.ctx.objectives.clone())
            .unwrap_or_else(|| Objective::TRIAD.to_vec())
    }

    fn objective(&self) -> Objective {
        let objectives = self.objectives();
        objectives
            .get(self.col.min(objectives.len().saturating_sub(1)))
            .copied()
            .unwrap_or(Objective::Confidentiality)
    }

    /// The assets a rating applies to: the marked rows, else the current one.
    fn targets(&self) -> Vec<&AssetRow> {
        if self.marked.is_empty() {
            self.current().into_iter().collect()
        } else {
            self.rows
                .iter()
                .filter(|r| self.marked.contains(&r.asset.id))
                .collect()
        }
    }

    fn max_level(&self) -> u8 {
        self.rows.first().map_or(3, |r| r.ctx.scale.max_level())
    }

    fn own_rationale(&self, asset: i64, objective: Objective) -> String {
        self.rows
            .first()
            .and_then(|r| r.ctx.own.get(&(asset, objective)))
            .map(|n| n.rationale.clone())
            .unwrap_or_default()
    }

    /// Rates the targets one level above or below what the current cell shows (its own rating,
    /// or what it inherits: one step from an inherited level is an override).
    fn step(&mut self, step: Step, ctx: &mut Ctx<'_>) {
        let objective = self.objective();
        let shown = self.current().and_then(|r| {
            r.effective
                .iter()
                .find(|(o, _)| *o == objective)
                .and_then(|(_, need)| need.as_ref())
                .map(|need| need.level)
        });
        let max = self.max_level();
        match crate::domain::protection::stepped(shown, step == Step::Up, max) {
            Some(level) => {
                // Marked rows stay marked, so that `+ +` raises them all two levels.
                let marked = self.marked.clone();
                self.rate(level, ctx);
                if matches!(self.modal, Modal::None) {
                    self.marked = marked;
                }
            }
            None => {
                *ctx.status = Status::Info(match step {
                    Step::Up => "This is the scale's highest level already.".into(),
                    Step::Down => {
                        "Nothing lower on the scale; Del clears the cell's own rating.".into()
                    }
                })
            }
        }
    }

    /// Sets `level` on the targets: directly on assets rated directly; for supporting assets
    /// (overrides) only after a justification is written.
    fn rate(&mut self, level: u8, ctx: &mut Ctx<'_>) {
        let objective = self.objective();
        let targets: Vec<(i64, bool)> = self
            .targets()
            .iter()
            .map(|r| (r.asset.id, r.asset.kind.is_rated_directly()))
            .collect();
        if targets.is_empty() {
            return;
        }
        let overrides: Vec<i64> = targets
            .iter()
            .filter(|(id, direct)| {
                needs_justification(*direct, &self.own_rationale(*id, objective))
            })
            .map(|(id, _)| *id)
            .collect();
        if !overrides.is_empty() {
            let level_name = self
                .rows
                .first()
                .and_then(|r| r.ctx.scale.name(level))
                .unwrap_or("?")
                .to_string();
            let whom = match overrides.as_slice() {
                [one] => self.name(*one),
                many => format!("{} supporting assets", many.len()),
            };
            let title = format!(
                "Override the inherited need of {whom}: {} {level_name}",
                objective.label()
            );
            let form = Form::new(title).text(protection_field::RATIONALE, "Justification", "");
            let assets = targets.iter().map(|(id, _)| *id).collect();
            self.modal = Modal::Rationale {
                form,
                assets,
                objective,
                level: Some(level),
            };
            return;
        }
        let assets: Vec<i64> = targets.iter().map(|(id, _)| *id).collect();
        // `write` reports a failure in the status line itself.
        let _ = self.write(assets, objective, Some(level), None, ctx);
    }

    /// Writes one level (and rationale) to several assets in one transaction.
    fn write(
        &mut self,
        assets: Vec<i64>,
        objective: Objective,
        level: Option<u8>,
        rationale: Option<String>,
        ctx: &mut Ctx<'_>,
    ) -> Result<(), Error> {
        let scale = self
            .rows
            .first()
            .map(|r| r.ctx.scale.clone())
            .unwrap_or_default();
        let own = |id: i64| {
            self.rows
                .first()
                .and_then(|r| r.ctx.own.get(&(id, objective)).cloned())
        };
        let needs: Vec<ProtectionNeed> = assets
            .iter()
            .filter_map(|&asset| {
                let own = own(asset);
                let need = ProtectionNeed {
                    asset,
                    objective,
                    level: level.or(own.as_ref().map(|n| n.level))?,
                    // A rationale written in the form is current; one kept says what it said.
                    rationale: rationale.clone().unwrap_or_else(|| {
                        own.as_ref()
                            .map(|n| n.rationale.clone())
                            .unwrap_or_default()
                    }),
                    rationale_stale: rationale.is_none()
                        && own.as_ref().is_some_and(|n| n.rationale_stale),
                };
                (!is_unchanged(own.as_ref(), &need)).then_some(need)
            })
            .collect();
        if needs.is_empty() {
            self.unchanged(objective, level, &scale, ctx);
            return Ok(());
        }
        let result = ctx.app.apply(Command::RateNeeds(needs)).map(|_| ());
        match &result {
            Ok(()) => {
                let what = level.and_then(|l| scale.name(l)).map_or_else(
                    || format!("the {} rationale", objective.label().to_lowercase()),
                    |n| format!("{} {n}", objective.label()),
                );
                let whom = if assets.len() == 1 {
                    self.name(assets[0])
                } else {
                    format!("{} assets", assets.len())
                };
                *ctx.status = Status::Saved(format!("Saved {what} for {whom}."));
                self.marked.clear();
                self.reload_or_report(ctx);
                if level.is_some() && self.workshop.is_some() {
                    self.col = (self.col + 1).min(self.objectives().len().saturating_sub(1));
                }
            }
            Err(e) => *ctx.status = Status::Error(format!("Not saved: {e}")),
        }
        result
    }

    /// Says that a re-confirmed rating changed nothing; the workshop moves on as after a rating,
    /// since the room has agreed on this objective.
    fn unchanged(
        &mut self,
        objective: Objective,
        level: Option<u8>,
        scale: &crate::domain::protection::ProtectionScale,
        ctx: &mut Ctx<'_>,
    ) {
        let what = level.and_then(|l| scale.name(l)).map_or_else(
            || format!("The {} rationale", objective.label().to_lowercase()),
            |n| format!("{} {n}", objective.label()),
        );
        *ctx.status = Status::Info(format!("{what} is what it was already; nothing changed."));
        self.marked.clear();
        if level.is_some() && self.workshop.is_some() {
            self.col = (self.col + 1).min(self.objectives().len().saturating_sub(1));
        }
    }

    /// Every change made while `w` ran, as the history overlay shows an item's.
    fn open_workshop_log(&mut self, w: &crate::domain::workshop::Workshop, ctx: &mut Ctx<'_>) {
        let data = ctx.app.reader();
        let read = || -> Result<History, Error> {
            let labels =
                crate::domain::history::Labels::new(data.protection_scale()?, data.methodology()?);
            let changes = data.workshop_changes(w.id)?;
            let label = format!("{} {}", w.reference(), w.title);
            Ok(History::new(&label, &changes, &data.links()?, &labels))
        };
        match read() {
            Ok(history) => self.modal = Modal::History(history),
            Err(e) => *ctx.status = Status::Error(format!("Could not read the history: {e}")),
        }
    }

    /// Whether the view shown takes typing (a filter, a form).
    fn view_captures(&self) -> bool {
        match self.views.current {
            ProtectionView::Needs => self.filtering,
            ProtectionView::Questions => self.question_list.captures_input(),
            ProtectionView::Workshops => self.workshop_list.captures_input(),
        }
    }

    /// How the minutes name assets, levels and objectives here.
    fn naming(&self) -> minutes::Naming {
        let mut assets = std::collections::HashMap::new();
        let mut ids = std::collections::HashMap::new();
        for r in &self.rows {
            let reference = crate::domain::reference::RefKind::Asset.format(r.asset.number);
            assets.insert(reference, r.ctx.name(r.asset.id));
            ids.insert(r.asset.id, r.ctx.name(r.asset.id));
        }
        minutes::Naming {
            assets,
            ids,
            scale: self
                .rows
                .first()
                .map(|r| r.ctx.scale.clone())
                .unwrap_or_default(),
        }
    }

    fn name(&self, id: i64) -> String {
        self.rows.first().map_or(String::new(), |r| r.ctx.name(id))
    }

    fn clear(&mut self, ctx: &mut Ctx<'_>) {
        let objective = self.objective();
        let assets: Vec<i64> = self.targets().iter().map(|r| r.asset.id).collect();
        let clear = Command::ClearNeeds {
            assets: assets.clone(),
            objective,
        };
        match ctx.app.apply(clear) {
            Ok(_) => {
                *ctx.status = Status::Saved(format!(
                    "Cleared {} for {}.",
                    objective.label(),
                    crate::domain::wording::count(assets.len(), "asset", "assets")
                ));
                self.marked.clear();
                self.reload_or_report(ctx);
            }
            Err(e) => *ctx.status = Status::Error(format!("Not cleared: {e}")),
        }
    }

    /// Opens the rationale of the current cell; only a rated cell has one of its own.
    fn open_rationale(&mut self, ctx: &mut Ctx<'_>) {
        if let Some(row) = self.current() {
            let (id, objective) = (row.asset.id, self.objective());
            if row.ctx.own.contains_key(&(id, objective)) {
                let title = format!(
                    "Give the rationale for {}: {}",
                    row.ctx.name(id),
                    objective.label()
                );
                let form = Form::new(title).text(
                    protection_field::RATIONALE,
                    "Rationale",
                    &self.own_rationale(id, objective),
                );
                self.modal = Modal::Rationale {
                    form,
                    assets: vec![id],
                    objective,
                    level: None,
                };
            } else {
                *ctx.status = Status::Info(
                    "Rate the cell first (+ or -); inherited values explain themselves.".into(),
                );
            }
        }
    }

    /// Opens the history of the current asset: its ratings, and the asset itself.
    fn open_history(&mut self, ctx: &mut Ctx<'_>) {
        let Some(row) = self.current() else {
            return;
        };
        let (entities, reference) = row.history();
        match History::read(&ctx.app.reader(), &row.label(), entities, &reference) {
            Ok(history) => self.modal = Modal::History(history),
            Err(e) => *ctx.status = Status::Error(format!("Could not read the history: {e}")),
        }
    }

    /// Reads the grid again after a rating: the lists of questions and workshops are read when
    /// they are shown, not after every key in the room.
    fn reload_or_report(&mut self, ctx: &mut Ctx<'_>) {
        if let Err(e) = self.reload_grid(&ctx.app.reader()) {
            *ctx.status = Status::Error(format!("Could not reload: {e}"));
        }
    }

    fn reload_grid(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        (self.rows, _) = load_rows(data)?;
        self.questions = data.open_questions()?;
        self.marks = Marks::load(data)?;
        self.refilter();
        Ok(())
    }

    /// Reads the list the view shows, which may have changed while another view was shown.
    fn reload_view(&mut self, ctx: &mut Ctx<'_>) {
        let data = ctx.app.reader();
        let read = match self.views.current {
            ProtectionView::Needs => self.reload_grid(&data),
            ProtectionView::Questions => self.question_list.reload(&data),
            ProtectionView::Workshops => self.workshop_list.reload(&data),
        };
        if let Err(e) = read {
            *ctx.status = Status::Error(format!("Could not reload: {e}"));
        }
    }

    fn handle_modal(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) {
        match std::mem::replace(&mut self.modal, Modal::None) {
            Modal::None => {}
            Modal::Rationale {
                mut form,
                assets,
                objective,
                level,
            } => match form.handle_key(key) {
                FormEvent::None => {
                    self.modal = Modal::Rationale {
                        form,
                        assets,
                        objective,
                        level,
                    }
                }
                FormEvent::Cancel => *ctx.status = Status::Info("Nothing changed.".into()),
                FormEvent::Submit => {
                    let rationale = form.value(protection_field::RATIONALE);
                    if let Err(e) =
                        self.write(assets.clone(), objective, level, Some(rationale), ctx)
                    {
                        match e {
                            Error::Invalid(v) => form.set_error(v.field, v.message),
                            other => form.message = Some(format!("not saved: {other}")),
                        }
                        self.modal = Modal::Rationale {
                            form,
                            assets,
                            objective,
                            level,
                        };
                    }
                }
            },
            Modal::History(mut history) => {
                if let HistoryEvent::Stay = history.handle_key(key) {
                    self.modal = Modal::History(history);
                }
            }
            Modal::Question { form, asset } => self.handle_question(form, asset, key, ctx),
            Modal::QuickAdd(form) => self.handle_quick_add(form, key, ctx),
            Modal::StartWorkshop(form) => self.handle_start(form, key, ctx),
            Modal::Answer { form, ids } => self.handle_answer(form, ids, key, ctx),
            Modal::Minutes { mut view, number } => {
                if keymap::action(Context::Document, &key) == Some(Action::Export) {
                    ctx.export = Some(ExportChoice {
                        what: What::Minutes,
                        workshop: Some(number),
                        review: None,
                    });
                    self.modal = Modal::Minutes { view, number };
                } else if let HistoryEvent::Stay = view.handle_key(key) {
                    self.modal = Modal::Minutes { view, number };
                }
            }
            Modal::Methodology(mut form) => match form.handle_key(key) {
                FormEvent::None => self.modal = Modal::Methodology(form),
                FormEvent::Cancel => *ctx.status = Status::Info("Nothing changed.".into()),
                FormEvent::Submit => {
                    let saved = methodology::read(&form).map_err(Error::from).and_then(
                        |(scale, objectives)| {
                            ctx.app
                                .apply(Command::ChangeProtectionMethod { scale, objectives })
                        },
                    );
                    match saved {
                        Ok(saved) => {
                            let summary = match saved {
                                Saved::Summary(summary) => summary,
                                _ => String::new(),
                            };
                            *ctx.status =
                                Status::Saved(format!("Saved the methodology. {summary}"));
                            self.reload_or_report(ctx);
                            self.col = 0;
                        }
                        Err(Error::Invalid(v)) => {
                            form.set_error(v.field, v.message);
                            self.modal = Modal::Methodology(form);
                        }
                        Err(e) => {
                            form.message = Some(format!("not saved: {e}"));
                            self.modal = Modal::Methodology(form);
                        }
                    }
                }
            },
        }
    }
}

impl Screen for ProtectionScreen {
    fn title(&self) -> &'static str {
        "Protection"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !matches!(self.modal, Modal::None) {
            self.handle_modal(key, ctx);
            return Handled::Yes;
        }
        if self.workshop.is_some() {
            self.handle_workshop_key(key, ctx);
            return Handled::Yes;
        }
        if !self.view_captures() && self.views.switch(key) {
            self.reload_view(ctx);
            return Handled::Yes;
        }
        match self.views.current {
            ProtectionView::Needs => {}
            ProtectionView::Questions => return self.question_list.handle_key(key, ctx),
            ProtectionView::Workshops => {
                if !self.workshop_list.captures_input()
                    && keymap::action(Context::Workshops, &key) == Some(Action::Minutes)
                {
                    if let Some(w) = self.workshop_list.selected().map(|r| r.workshop.clone()) {
                        self.open_minutes(&w, ctx);
                    }
                    return Handled::Yes;
                }
                // A workshop's history is every change made while it ran.
                if !self.workshop_list.captures_input()
                    && keymap::action(Context::Register, &key) == Some(Action::History)
                {
                    if let Some(w) = self.workshop_list.selected().map(|r| r.workshop.clone()) {
                        self.open_workshop_log(&w, ctx);
                    }
                    return Handled::Yes;
                }
                return self.workshop_list.handle_key(key, ctx);
            }
        }
        if self.filtering {
            match keymap::action(Context::Filter, &key) {
                Some(Action::ClearFilter) => {
                    self.filtering = false;
                    self.filter.clear();
                }
                Some(Action::KeepFilter) => self.filtering = false,
                // Typing edits the filter.
                _ => match key.code {
                    KeyCode::Backspace => {
                        self.filter.pop();
                    }
                    KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                        self.filter.push(c)
                    }
                    _ => {}
                },
            }
            self.refilter();
            return Handled::Yes;
        }
        let last = self.shown.len().saturating_sub(1);
        let columns = self.objectives().len();
        match keymap::action(Context::Grid, &key) {
            Some(Action::Down) => self.row = (self.row + 1).min(last),
            Some(Action::Up) => self.row = self.row.saturating_sub(1),
            Some(Action::PageDown) => self.row = (self.row + self.scroll.page()).min(last),
            Some(Action::PageUp) => self.row = self.row.saturating_sub(self.scroll.page()),
            Some(Action::Top) => self.row = 0,
            Some(Action::Bottom) => self.row = last,
            Some(Action::Right) => self.col = (self.col + 1).min(columns.saturating_sub(1)),
            Some(Action::Left) => self.col = self.col.saturating_sub(1),
            Some(Action::Raise) if !self.shown.is_empty() => self.step(Step::Up, ctx),
            Some(Action::Lower) if !self.shown.is_empty() => self.step(Step::Down, ctx),
            Some(Action::ClearLevel) => self.clear(ctx),
            Some(Action::Rationale) => self.open_rationale(ctx),
            Some(Action::History) => self.open_history(ctx),
            Some(Action::Workshop) => self.start_workshop(ctx),
            Some(Action::ConfirmUnchanged) => self.confirm_unchanged(ctx),
            Some(Action::Mark) => {
                if let Some(id) = self.current().map(|r| r.asset.id) {
                    if !self.marked.remove(&id) {
                        self.marked.insert(id);
                    }
                    self.row = (self.row + 1).min(last);
                }
            }
            Some(Action::Clear) if !self.marked.is_empty() => self.marked.clear(),
            Some(Action::Clear) if !self.filter.is_empty() => {
                self.filter.clear();
                self.refilter();
            }
            Some(Action::Filter) => self.filtering = true,
            Some(Action::Methodology) => {
                if let Some(r) = self.rows.first() {
                    self.modal =
                        Modal::Methodology(methodology::form(&r.ctx.scale, &r.ctx.objectives));
                } else {
                    let data = ctx.app.reader();
                    let (scale, objectives) = (data.protection_scale(), data.objectives());
                    if let (Ok(scale), Ok(objectives)) = (scale, objectives) {
                        self.modal = Modal::Methodology(methodology::form(&scale, &objectives));
                    }
                }
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn handle_paste(&mut self, text: &str) {
        if matches!(self.modal, Modal::None) && self.workshop.is_none() {
            match self.views.current {
                ProtectionView::Needs => {}
                ProtectionView::Questions => return self.question_list.handle_paste(text),
                ProtectionView::Workshops => return self.workshop_list.handle_paste(text),
            }
        }
        match &mut self.modal {
            Modal::Rationale { form, .. }
            | Modal::Methodology(form)
            | Modal::Question { form, .. }
            | Modal::QuickAdd(form)
            | Modal::StartWorkshop(form)
            | Modal::Answer { form, .. } => form.paste(text),
            Modal::History(_) | Modal::Minutes { .. } | Modal::None => {}
        }
    }

    fn captures_input(&self) -> bool {
        !matches!(self.modal, Modal::None) || self.workshop.is_some() || self.view_captures()
    }

    fn export_choice(&self) -> Option<ExportChoice> {
        match self.views.current {
            ProtectionView::Needs => None,
            ProtectionView::Questions => Some(ExportChoice {
                what: What::Questions,
                workshop: None,
                review: None,
            }),
            ProtectionView::Workshops => Some(ExportChoice {
                what: What::Minutes,
                workshop: self.workshop_list.selected().map(|r| r.workshop.number),
                review: None,
            }),
        }
    }

    fn badge(&self) -> Option<String> {
        // Where the room is stands in the workshop's own title; the status line keeps its
        // room for what was just saved.
        self.workshop
            .as_ref()
            .map(|w| format!("workshop {}", w.record.reference()))
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.reload_grid(data)?;
        self.question_list.reload(data)?;
        self.workshop_list.reload(data)
    }

    fn contexts(&self) -> Active {
        match &self.modal {
            Modal::Rationale { form, .. }
            | Modal::Methodology(form)
            | Modal::Question { form, .. }
            | Modal::QuickAdd(form)
            | Modal::StartWorkshop(form)
            | Modal::Answer { form, .. } => form.contexts(),
            Modal::History(_) => Active::of(vec![Context::History]),
            Modal::Minutes { .. } => Active::of(vec![Context::Document, Context::History]),
            Modal::None if self.workshop.is_some() => self.workshop_contexts(),
            Modal::None => match self.views.current {
                ProtectionView::Needs if self.filtering => Active::of(vec![Context::Filter]),
                ProtectionView::Needs => self.views.over(
                    Active::of(vec![Context::Grid])
                        .hide(Action::History, self.current().is_none())
                        .hide(Action::ConfirmUnchanged, !self.current_marked()),
                    false,
                ),
                ProtectionView::Questions => self
                    .views
                    .over(self.question_list.contexts(), self.view_captures()),
                ProtectionView::Workshops if self.view_captures() => self.workshop_list.contexts(),
                ProtectionView::Workshops => {
                    let list = self.workshop_list.contexts();
                    let mut active = Active::of(vec![Context::Workshops]);
                    active.contexts.extend(list.contexts);
                    active.hidden.extend(list.hidden);
                    active.renamed.extend(list.renamed);
                    let none = self.workshop_list.selected().is_none();
                    self.views.over(active.hide(Action::Minutes, none), false)
                }
            },
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        if let Some(w) = &self.workshop {
            views::heading(frame, bar, "Rating workshop", Vec::new());
            self.render_workshop(w, frame, body);
        } else {
            self.views.render(frame, bar);
            match self.views.current {
                ProtectionView::Needs => self.render_normal(frame, body),
                ProtectionView::Questions => self.question_list.render(frame, body, true),
                ProtectionView::Workshops => self.workshop_list.render(frame, body, true),
            }
        }
        match &mut self.modal {
            Modal::Rationale { form, .. }
            | Modal::Methodology(form)
            | Modal::Question { form, .. }
            | Modal::QuickAdd(form)
            | Modal::StartWorkshop(form)
            | Modal::Answer { form, .. } => form.render(frame, area),
            Modal::History(history) | Modal::Minutes { view: history, .. } => {
                history.render(frame, area)
            }
            Modal::None => {}
        }
    }
}

/// What the marks beside a level mean.
const LEGEND: &str = "↑ inherited (maximum principle)   ! override";

/// The asset's name over its kind and category, as the detail pane and the workshop view head
/// it.
fn asset_heading(r: &AssetRow) -> [ratatui::text::Line<'static>; 2] {
    use ratatui::text::Line;
    [
        Line::styled(r.ctx.name(r.asset.id), crate::ui::theme::title()),
        Line::styled(r.asset.kind.with_category(), crate::ui::theme::label()),
    ]
}
