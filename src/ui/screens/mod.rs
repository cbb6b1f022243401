//! The screens behind the tabs, and what they share: the context an update gets, the status
//! message, and the `Screen` contract the shell drives.

pub mod assets;
pub mod audits;
pub mod clauses;
pub mod cycles;
pub mod dashboard;
pub mod documents;
pub mod lazy;
pub mod nonconformities;
pub mod objectives;
pub mod people;
pub mod protection;
pub mod register;
pub mod reviews;
pub mod risks;
pub mod scope;
pub mod soa;
pub mod treatment;
pub mod views;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::app::{Error, Reader, Session};
use crate::domain::readiness::Place;
use crate::ui::keymap::Active;

/// The last message, shown in the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Status {
    #[default]
    None,
    Saved(String),
    Info(String),
    Error(String),
}

/// What an update may touch: the workspace (through its commands), today's date, and the
/// status line.
pub struct Ctx<'a> {
    pub app: &'a mut Session,
    pub today: NaiveDate,
    pub status: &'a mut Status,
    /// Set by a screen to ask the shell to show an item on its own screen.
    pub jump: Option<Place>,
    /// Set by a screen to open the export menu on what it shows (a workshop's minutes).
    pub export: Option<crate::ui::export::ExportChoice>,
}

/// Whether a screen used a key; unused keys fall through to the global keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Yes,
    No,
}

pub trait Screen: Send {
    fn title(&self) -> &'static str;
    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled;
    /// Text pasted into the terminal; only forms take it.
    fn handle_paste(&mut self, _text: &str) {}
    /// A click at a screen position inside `area` (the screen's own area).
    fn handle_click(&mut self, _area: Rect, _column: u16, _row: u16) -> bool {
        false
    }
    fn render(&mut self, frame: &mut Frame, area: Rect);
    /// The keymap contexts that take keys now, for the footer and the help screen (the shell
    /// adds the global keys).
    fn contexts(&self) -> Active;
    /// Typing goes to the screen (a form, a filter): `q`, digits and Tab are not global then.
    fn captures_input(&self) -> bool {
        false
    }
    /// Reads what the screen shows from the workspace again.
    fn reload(&mut self, _data: &Reader<'_>) -> Result<(), Error> {
        Ok(())
    }
    /// Shows and selects the item at `place` if it lives on this screen.
    fn focus(&mut self, _place: &Place) -> bool {
        false
    }
    /// Whether work started for this screen is still running in the background; the loop
    /// redraws sooner while it is.
    fn busy(&self) -> bool {
        false
    }
    /// Waits until that work is done, so that the next frame shows its result.
    fn settle(&self) {}
    /// Whether the screen is ready to be shown without reading the workspace first.
    fn prepared(&self) -> bool {
        true
    }
    /// The short codes its tables may show, for the help.
    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        Vec::new()
    }
    /// What `x` exports first here, if not the menu's first entry.
    fn export_choice(&self) -> Option<crate::ui::export::ExportChoice> {
        None
    }
    /// A mode the screen is in, for the status line ("workshop · 12 of 30").
    fn badge(&self) -> Option<String> {
        None
    }
}
