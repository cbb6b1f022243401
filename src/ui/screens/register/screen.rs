//! A screen that is one register and nothing else.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Record, RegisterView};
use crate::app::{Error, Reader};
use crate::domain::readiness::Place;
use crate::ui::screens::{Ctx, Handled, Screen, views};

pub struct RegisterScreen<T: Record> {
    title: &'static str,
    view: RegisterView<T>,
}

impl<T: Record> RegisterScreen<T> {
    pub fn new(
        title: &'static str,
        table_title: &'static str,
        data: &Reader<'_>,
    ) -> Result<Self, Error> {
        Ok(Self {
            title,
            view: RegisterView::new(table_title, data)?,
        })
    }
}

impl<T: Record> Screen for RegisterScreen<T> {
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
        let [_, body] = views::split(area);
        self.view.handle_click(body, column, row)
    }

    fn captures_input(&self) -> bool {
        self.view.captures_input()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.view.reload(data)
    }

    fn focus(&mut self, place: &Place) -> bool {
        self.view.focus(place)
    }

    fn contexts(&self) -> crate::ui::keymap::Active {
        self.view.contexts()
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::legends::<T>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        views::heading(frame, bar, self.title, Vec::new());
        self.view.render(frame, body, true);
    }
}
