//! The Assets screen: the inventory with its dependencies both ways, filters by kind, owner and
//! scope item, and the crown jewels first on request.

mod record;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use record::{AssetContext, AssetRow, load_rows};

use super::register::RegisterView;
use super::{Ctx, Handled, Screen};
use crate::store::{Store, StoreError};

pub struct AssetsScreen {
    view: RegisterView<AssetRow>,
}

impl AssetsScreen {
    pub fn new(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            view: RegisterView::new("Assets", store)?,
        })
    }
}

impl Screen for AssetsScreen {
    fn title(&self) -> &'static str {
        "Assets"
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
