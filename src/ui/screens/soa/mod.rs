//! The SoA screen (clause 6.1.3 d): every Annex A control and custom control with its decision,
//! the custom controls themselves, and the issued versions. `[` and `]` switch views.

mod records;
mod versions;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use records::{CustomRow, SoaRow};

use super::register::RegisterView;
use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen, Status};
use crate::app::{Error, Reader};
use versions::Versions;

views::views!(
    /// The views of the SoA screen.
    SoaView {
        Decisions => "Statement of Applicability",
        Customs => "Custom controls",
        Versions => "Versions",
    }
);

pub struct SoaScreen {
    views: ViewBar<SoaView>,
    soa: RegisterView<SoaRow>,
    customs: RegisterView<CustomRow>,
    versions: Versions,
}

impl SoaScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(false),
            soa: RegisterView::new("Controls (Annex A 2022 and custom)", data)?,
            customs: RegisterView::new("Custom controls and other sets", data)?,
            versions: Versions::new(data)?,
        })
    }

    fn captures(&self) -> bool {
        match self.views.current {
            SoaView::Decisions => self.soa.captures_input(),
            SoaView::Customs => self.customs.captures_input(),
            SoaView::Versions => self.versions.captures_input(),
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
            SoaView::Decisions => self.soa.handle_key(key, ctx),
            SoaView::Customs => self.customs.handle_key(key, ctx),
            SoaView::Versions => self.versions.handle_key(key, ctx),
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
            SoaView::Decisions => self.soa.handle_paste(text),
            SoaView::Customs => self.customs.handle_paste(text),
            SoaView::Versions => self.versions.handle_paste(text),
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = views::split(area);
        if row == bar.y {
            return false;
        }
        match self.views.current {
            SoaView::Decisions => self.soa.handle_click(body, column, row),
            SoaView::Customs => self.customs.handle_click(body, column, row),
            SoaView::Versions => false,
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
            self.views.current = SoaView::Versions;
            return true;
        }
        if self.soa.focus(place) {
            self.views.current = SoaView::Decisions;
            return true;
        }
        false
    }

    fn contexts(&self) -> crate::ui::keymap::Active {
        let view = match self.views.current {
            SoaView::Decisions => self.soa.contexts(),
            SoaView::Customs => self.customs.contexts(),
            SoaView::Versions => self.versions.contexts(),
        };
        self.views.over(view, self.captures())
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::register::legends::<SoaRow>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        match self.views.current {
            SoaView::Decisions => self.soa.render(frame, body, true),
            SoaView::Customs => self.customs.render(frame, body, true),
            SoaView::Versions => self.versions.render(frame, body),
        }
    }
}
