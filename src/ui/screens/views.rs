//! The bar of views inside a screen (Scope's statements, items, parties...): drawn the same way
//! everywhere and switched with `[` and `]` (and ← → where the views use no arrows themselves).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::theme;

pub struct ViewBar {
    names: &'static [&'static str],
    pub current: usize,
    /// Whether ← and → switch views too.
    arrows: bool,
}

impl ViewBar {
    pub const fn new(names: &'static [&'static str], arrows: bool) -> Self {
        Self {
            names,
            current: 0,
            arrows,
        }
    }

    /// The bar's context: `[` `]`, and the arrows when enabled.
    pub fn context(&self) -> Context {
        if self.arrows {
            Context::ViewArrows
        } else {
            Context::Views
        }
    }

    /// Switches on `[` `]` (and the arrows when enabled); true when the key was used.
    pub fn switch(&mut self, key: KeyEvent) -> bool {
        let n = self.names.len();
        match keymap::action(self.context(), &key) {
            Some(Action::NextView) => self.current = (self.current + 1) % n,
            Some(Action::PrevView) => self.current = (self.current + n - 1) % n,
            _ => return false,
        }
        true
    }

    /// The keys of the view shown, under the bar's; the bar takes the arrows first when it
    /// switches with them, so the view's own arrow keys are not offered then.
    pub fn over(&self, view: Active, captures: bool) -> Active {
        if captures {
            return view;
        }
        let mut active = view;
        if self.arrows {
            active.contexts.retain(|c| !c.uses_arrows());
        }
        active.under(self.context())
    }

    /// The bar and the area below it.
    pub fn split(area: Rect) -> [Rect; 2] {
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area)
    }

    /// The view whose label lies under a column of the bar.
    pub fn at(&self, bar: Rect, column: u16) -> Option<usize> {
        let mut x = bar.x;
        for (i, name) in self.names.iter().enumerate() {
            let width = u16::try_from(name.chars().count() + 2).unwrap_or(u16::MAX);
            if column >= x && column < x + width {
                return Some(i);
            }
            x += width + 1;
        }
        None
    }

    pub fn render(&self, frame: &mut Frame, bar: Rect) {
        let mut spans = Vec::new();
        for (i, name) in self.names.iter().enumerate() {
            let style = if i == self.current {
                theme::tab_active()
            } else {
                theme::tab()
            };
            spans.push(Span::styled(format!(" {name} "), style));
            spans.push(Span::raw(" "));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), bar);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn brackets_always_switch_arrows_only_when_asked() {
        let mut bar = ViewBar::new(&["A", "B", "C"], false);
        assert!(bar.switch(KeyEvent::from(KeyCode::Char('['))));
        assert_eq!(bar.current, 2);
        assert!(!bar.switch(KeyEvent::from(KeyCode::Right)));
        let mut arrows = ViewBar::new(&["A", "B"], true);
        assert!(arrows.switch(KeyEvent::from(KeyCode::Right)));
        assert_eq!(arrows.current, 1);
    }

    #[test]
    fn labels_are_hit_by_their_columns() {
        let bar = ViewBar::new(&["Statements", "Items"], true);
        let area = Rect::new(0, 0, 80, 1);
        assert_eq!(bar.at(area, 0), Some(0));
        assert_eq!(bar.at(area, 12), None);
        assert_eq!(bar.at(area, 13), Some(1));
    }
}
