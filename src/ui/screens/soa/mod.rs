//! The SoA screen (clause 6.1.3 d): every Annex A control and custom control with its decision,
//! the custom controls themselves, and the issued versions. `[` and `]` switch views.

mod records;
mod versions;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use records::{CustomRow, SoaRow};

use super::register::RegisterView;
use super::views::ViewBar;
use super::{Ctx, Handled, Screen, Status};
use crate::app::{Error, Reader};
use versions::Versions;

const VIEWS: [&str; 3] = ["Statement of Applicability", "Custom controls", "Versions"];

pub struct SoaScreen {
    views: ViewBar,
    soa: RegisterView<SoaRow>,
    customs: RegisterView<CustomRow>,
    versions: Versions,
}

impl SoaScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(&VIEWS, false),
            soa: RegisterView::new("Controls (Annex A 2022 and custom)", data)?,
            customs: RegisterView::new("Custom controls and other sets", data)?,
            versions: Versions::new(data)?,
        })
    }

    fn captures(&self) -> bool {
        match self.views.current {
            0 => self.soa.captures_input(),
            1 => self.customs.captures_input(),
            _ => self.versions.captures_input(),
        }
    }
}

impl Screen for SoaScreen {
    fn title(&self) -> &'static str {
        "SoA"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !self.captures() && self.views.switch(key) {
            return Handled::Yes;
        }
        let handled = match self.views.current {
            0 => self.soa.handle_key(key, ctx),
            1 => self.customs.handle_key(key, ctx),
            _ => self.versions.handle_key(key, ctx),
        };
        // A change in one view shows in the others (a new custom control joins the SoA).
        if handled == Handled::Yes && !self.captures() && matches!(ctx.status, Status::Saved(_)) {
            let reloaded = self
                .soa
                .reload(&ctx.app.reader())
                .and_then(|()| self.customs.reload(&ctx.app.reader()))
                .and_then(|()| self.versions.reload(&ctx.app.reader()));
            if let Err(e) = reloaded {
                *ctx.status = Status::Error(format!("Could not reload: {e}"));
            }
        }
        handled
    }

    fn handle_paste(&mut self, text: &str) {
        match self.views.current {
            0 => self.soa.handle_paste(text),
            1 => self.customs.handle_paste(text),
            _ => self.versions.handle_paste(text),
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = ViewBar::split(area);
        if row == bar.y {
            return false;
        }
        match self.views.current {
            0 => self.soa.handle_click(body, column, row),
            1 => self.customs.handle_click(body, column, row),
            _ => false,
        }
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.soa.reload(data)?;
        self.customs.reload(data)?;
        self.versions.reload(data)
    }

    fn focus(&mut self, place: &crate::domain::readiness::Place) -> bool {
        if *place == crate::domain::readiness::Place::SoaVersions {
            self.views.current = 2;
            return true;
        }
        if self.soa.focus(place) {
            self.views.current = 0;
            return true;
        }
        false
    }

    fn contexts(&self) -> crate::ui::keymap::Active {
        let view = match self.views.current {
            0 => self.soa.contexts(),
            1 => self.customs.contexts(),
            _ => self.versions.contexts(),
        };
        self.views.over(view, self.captures())
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = ViewBar::split(area);
        self.views.render(frame, bar);
        match self.views.current {
            0 => self.soa.render(frame, body, true),
            1 => self.customs.render(frame, body, true),
            _ => self.versions.render(frame, body),
        }
    }
}
