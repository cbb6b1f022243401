//! Saving from the forms (one record, or the marked ones at once), facet filters and links.

use ratatui::crossterm::event::KeyEvent;

use super::{Modal, Record, RegisterView};
use crate::app::Error;
use crate::ui::keymap::{self, Action, Context};
use crate::ui::screens::{Ctx, Handled, Status};
use crate::ui::widgets::form::Form;

impl<T: Record> RegisterView<T> {
    pub(super) fn has_facets(&self) -> bool {
        self.items.first().is_some_and(|i| !i.facets().is_empty())
    }

    pub(super) fn has_links(&self) -> bool {
        self.selected()
            .is_some_and(|s| s.links().iter().any(|(_, id)| id.is_some()))
    }

    /// The next (or previous) linking line after `from`.
    pub(super) fn next_link(&self, from: Option<usize>, forward: bool) -> Option<usize> {
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

    pub(super) fn handle_link_key(&mut self, key: KeyEvent, link: usize) -> Handled {
        match keymap::action_in(&[Context::Links, Context::LinksArrows], &key) {
            Some(Action::Down) => self.link = self.next_link(Some(link), true),
            Some(Action::Up) => self.link = self.next_link(Some(link), false),
            Some(Action::Back) => self.link = None,
            Some(Action::Open) => {
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

    pub(super) fn facet_form(&self) -> Form {
        let mut form = Form::new(format!(
            "Show only the {} with",
            crate::domain::wording::plural(T::NOUN)
        ));
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
                name.name(),
                options,
                Some(i64::try_from(selected).unwrap_or(0)),
            );
        }
        form
    }

    pub(super) fn apply_facets(&mut self, form: &Form) {
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

    pub(super) fn submit(&mut self, mut form: Form, base: T, ctx: &mut Ctx<'_>) {
        form.clear_errors();
        let record = match base.with_form(&form) {
            Ok(r) => r,
            Err(e) => {
                form.set_error(e.field, e.message);
                self.modal = Modal::Form { form, base };
                return;
            }
        };
        match ctx.app.apply(record.save()) {
            Ok(saved) => {
                let saved = record.saved(saved);
                let label = saved.label();
                *ctx.status =
                    Status::Saved(crate::domain::wording::sentence(&format!("Saved {label}")));
                self.reload_or_report(ctx);
                self.select_id(saved.id());
            }
            Err(Error::Invalid(e)) => {
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
    pub(super) fn submit_bulk(&mut self, mut form: Form, ctx: &mut Ctx<'_>) {
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
        let commands = changed.iter().map(|r| (r.label(), r.save())).collect();
        match ctx.app.apply_all(commands) {
            Ok(_) => {
                *ctx.status = Status::Saved(format!(
                    "Saved {}.",
                    crate::domain::wording::count_of(count, T::NOUN)
                ));
                self.marked.clear();
                self.reload_or_report(ctx);
            }
            Err(Error::Invalid(e)) => {
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

    /// Deletes `item` for the reason typed in `form`; a refused reason stays in the form.
    pub(super) fn delete_because(&mut self, mut form: Form, item: T, ctx: &mut Ctx<'_>) {
        form.clear_errors();
        let Some(field) = item.deletion_reason() else {
            return;
        };
        let label = item.label();
        match item
            .delete_because(&form.value(field))
            .map_err(Error::from)
            .and_then(|c| ctx.app.apply(c))
        {
            Ok(_) => {
                *ctx.status = Status::Saved(format!("Deleted {label}."));
                self.reload_or_report(ctx);
            }
            Err(Error::Invalid(e)) => {
                form.set_error(e.field, e.message);
                *ctx.status = Status::Error("Not deleted: see the form.".into());
                self.modal = Modal::Reason { form, item };
            }
            Err(e) => {
                form.message = Some(format!("not deleted: {e}"));
                *ctx.status = Status::Error(format!("{label} was not deleted: {e}"));
                self.modal = Modal::Reason { form, item };
            }
        }
    }

    pub(super) fn reload_or_report(&mut self, ctx: &mut Ctx<'_>) {
        if let Err(e) = self.reload(&ctx.app.reader()) {
            *ctx.status = Status::Error(format!("Could not reload: {e}"));
        }
    }
}
