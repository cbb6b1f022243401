//! The Documents screen (7.5): the register of documented information, and the versions its
//! documents went through, switched with ← and →. `v` in the register (or `n` in Versions)
//! records a new version of the document selected in the register. Also the
//! choice of documents the clause, SoA and treatment forms offer.

mod records;
mod versions;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use records::DocumentRow;
pub use versions::VersionRow;

use super::register::RegisterView;
use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen};
use crate::app::{Error, Reader};
use crate::domain::document::Document;
use crate::ui::keymap::{self, Action, Active, Context};

views::views!(
    /// The views of the Documents screen.
    DocumentsView {
        Register => "Documents",
        Versions => "Versions",
    }
);

pub struct DocumentsScreen {
    views: ViewBar<DocumentsView>,
    register: RegisterView<DocumentRow>,
    versions: RegisterView<VersionRow>,
}

impl DocumentsScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(true),
            register: RegisterView::new("Documented information (7.5)", data)?,
            versions: RegisterView::new("Versions (n records a new one)", data)?,
        })
    }

    fn captures(&self) -> bool {
        if self.views.current == DocumentsView::Register {
            self.register.captures_input()
        } else {
            self.versions.captures_input()
        }
    }
}

impl Screen for DocumentsScreen {
    fn title(&self) -> &'static str {
        "Documents"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !self.captures() && self.views.switch(key) {
            return Handled::Yes;
        }
        let selected = self.register.selected().map(|d| d.document.id);
        if !self.captures() {
            // `n` in Versions and `v` in the register record a version of the document
            // selected in the register.
            if let Some(id) = selected {
                self.versions.blank_mut().version.document = id;
            }
            if self.views.current == DocumentsView::Register
                && keymap::action(Context::DocumentRegister, &key) == Some(Action::AddVersion)
            {
                if selected.is_some() {
                    self.views.current = DocumentsView::Versions;
                    self.versions.open_new();
                }
                return Handled::Yes;
            }
        }
        let before = ctx.app.generation();
        let handled = if self.views.current == DocumentsView::Register {
            self.register.handle_key(key, ctx)
        } else {
            self.versions.handle_key(key, ctx)
        };
        // A change in one view shows in the other: a version changes its document, a deleted
        // document takes its versions.
        if ctx.app.generation() != before {
            let reader = ctx.app.reader();
            let reloaded = if self.views.current == DocumentsView::Register {
                self.versions.reload(&reader)
            } else {
                self.register.reload(&reader)
            };
            if let Err(e) = reloaded {
                *ctx.status = super::Status::Error(format!("Could not read the workspace: {e}"));
            }
        }
        handled
    }

    fn handle_paste(&mut self, text: &str) {
        if self.views.current == DocumentsView::Register {
            self.register.handle_paste(text);
        } else {
            self.versions.handle_paste(text);
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = views::split(area);
        if row == bar.y {
            return false;
        }
        if self.views.current == DocumentsView::Register {
            self.register.handle_click(body, column, row)
        } else {
            self.versions.handle_click(body, column, row)
        }
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.register.reload(data)?;
        self.versions.reload(data)
    }

    fn focus(&mut self, place: &crate::domain::readiness::Place) -> bool {
        if self.register.focus(place) {
            self.views.current = DocumentsView::Register;
            return true;
        }
        false
    }

    fn contexts(&self) -> Active {
        if self.captures() {
            return if self.views.current == DocumentsView::Register {
                self.register.contexts()
            } else {
                self.versions.contexts()
            };
        }
        let view = if self.views.current == DocumentsView::Register {
            let list = self.register.contexts();
            let mut active = Active::of(vec![Context::DocumentRegister]);
            active.contexts.extend(list.contexts);
            active.hidden.extend(list.hidden);
            active.renamed.extend(list.renamed);
            active.hide(Action::AddVersion, self.register.selected().is_none())
        } else {
            self.versions.contexts()
        };
        self.views.over(view, false)
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::register::legends::<DocumentRow>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        if self.views.current == DocumentsView::Register {
            self.register.render(frame, body, true);
        } else {
            self.versions.render(frame, body, true);
        }
    }
}

/// The documents a form can name (clause, SoA entry, treatment action), picked by row id.
#[derive(Debug, Clone, Default)]
pub struct DocumentChoices {
    documents: Vec<Document>,
}

impl DocumentChoices {
    pub fn load(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            documents: data.documents()?,
        })
    }

    /// Every document as `D-001 Information security policy v2.0 (approved)`.
    pub fn options(&self) -> Vec<(i64, String)> {
        self.documents
            .iter()
            .map(|d| (d.id, choice_label(d)))
            .collect()
    }

    /// The documents that hold clause `number`'s documented information.
    pub fn of_clause(&self, number: &str) -> Vec<i64> {
        self.ids(|d| d.clauses.iter().any(|c| c == number))
    }

    /// The documents that evidence control `key`.
    pub fn of_control(&self, key: &str) -> Vec<i64> {
        self.ids(|d| d.controls.iter().any(|c| c == key))
    }

    /// The documents treatment action `id` names.
    pub fn of_action(&self, id: i64) -> Vec<i64> {
        self.ids(|d| d.actions.contains(&id))
    }

    /// The documents of `ids`, one line each, for a detail pane.
    pub fn lines(&self, ids: &[i64]) -> String {
        ids.iter()
            .filter_map(|id| self.documents.iter().find(|d| d.id == *id))
            .map(choice_label)
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn ids(&self, serves: impl Fn(&Document) -> bool) -> Vec<i64> {
        self.documents
            .iter()
            .filter(|d| serves(d))
            .map(|d| d.id)
            .collect()
    }
}

/// `D-001 Information security policy v2.0 (approved)`.
fn choice_label(d: &Document) -> String {
    let version = if d.version.is_empty() {
        String::new()
    } else {
        format!(" v{}", d.version)
    };
    format!(
        "{}{version} ({})",
        d.label(),
        d.status.label().to_lowercase()
    )
}
