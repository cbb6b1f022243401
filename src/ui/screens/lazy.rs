//! A screen built the first time it is shown, so that opening a large workspace reads only what
//! the first screen needs. The shell reloads a screen before showing it, and that is when this
//! one is made.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Ctx, Handled, Screen};
use crate::domain::readiness::Place;
use crate::store::{Store, StoreError};

type Make = fn(&Store) -> Result<Box<dyn Screen>, StoreError>;

pub struct Lazy {
    title: &'static str,
    make: Make,
    screen: Option<Box<dyn Screen>>,
}

impl Lazy {
    pub fn new(title: &'static str, make: Make) -> Self {
        Self {
            title,
            make,
            screen: None,
        }
    }
}

impl Screen for Lazy {
    fn title(&self) -> &'static str {
        self.title
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        self.screen
            .as_mut()
            .map_or(Handled::No, |s| s.handle_key(key, ctx))
    }

    fn handle_paste(&mut self, text: &str) {
        if let Some(s) = &mut self.screen {
            s.handle_paste(text);
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        self.screen
            .as_mut()
            .is_some_and(|s| s.handle_click(area, column, row))
    }

    fn render(&self, frame: &mut Frame, area: Rect) {
        if let Some(s) = &self.screen {
            s.render(frame, area);
        }
    }

    fn keys(&self) -> Vec<(&'static str, &'static str)> {
        self.screen.as_ref().map_or_else(Vec::new, |s| s.keys())
    }

    fn captures_input(&self) -> bool {
        self.screen.as_ref().is_some_and(|s| s.captures_input())
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        match &mut self.screen {
            Some(s) => s.reload(store),
            None => {
                self.screen = Some((self.make)(store)?);
                Ok(())
            }
        }
    }

    fn focus(&mut self, place: &Place) -> bool {
        self.screen.as_mut().is_some_and(|s| s.focus(place))
    }
}
