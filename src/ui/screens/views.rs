//! The bar of views inside a screen (Scope's statements, items, parties...): drawn the same way
//! everywhere and switched with `[` and `]` (and ← → where the views use no arrows themselves).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::theme;

/// A screen's views: a closed set, in the bar's order, each with the name the bar shows.
pub trait View: Copy + Eq + 'static {
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
}

/// Declares a screen's views as an enum with their names, in the bar's order.
macro_rules! views {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $label:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($variant,)+
        }

        impl $crate::ui::screens::views::View for $name {
            const ALL: &'static [Self] = &[$(Self::$variant,)+];
            fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }
        }
    };
}
pub(crate) use views;

pub struct ViewBar<V: View> {
    pub current: V,
    /// Whether ← and → switch views too.
    arrows: bool,
}

impl<V: View> ViewBar<V> {
    /// The bar showing the first view.
    pub fn new(arrows: bool) -> Self {
        Self {
            current: V::ALL[0],
            arrows,
        }
    }

    fn position(&self) -> usize {
        V::ALL.iter().position(|&v| v == self.current).unwrap_or(0)
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
        let (n, at) = (V::ALL.len(), self.position());
        let next = match keymap::action(self.context(), &key) {
            Some(Action::NextView) => (at + 1) % n,
            Some(Action::PrevView) => (at + n - 1) % n,
            _ => return false,
        };
        self.current = V::ALL[next];
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

    /// The view whose label lies under a column of the bar.
    pub fn at(&self, bar: Rect, column: u16) -> Option<V> {
        let mut x = bar.x;
        for &view in V::ALL {
            let width = u16::try_from(view.name().chars().count() + 2).unwrap_or(u16::MAX);
            if column >= x && column < x + width {
                return Some(view);
            }
            x += width + 1;
        }
        None
    }

    pub fn render(&self, frame: &mut Frame, bar: Rect) {
        let mut spans = Vec::new();
        for &view in V::ALL {
            let name = view.name();
            // Not the main tabs' look: the view shown is underlined, the others dim.
            let style = if view == self.current {
                theme::view_active()
            } else {
                theme::tab()
            };
            spans.push(Span::styled(format!(" {name} "), style));
            spans.push(Span::raw(" "));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), bar);
    }
}

/// The bar and the area below it. Every screen has the row, with views or without, so that
/// panes start at the same height on every screen.
pub fn split(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area)
}

/// The row of a screen without views: its name where a bar shows the view, then `rest`.
pub fn heading(frame: &mut Frame, bar: Rect, name: &str, rest: Vec<Span<'static>>) {
    let mut spans = vec![Span::styled(format!(" {name} "), theme::view_active())];
    if !rest.is_empty() {
        spans.push(Span::raw("  "));
        spans.extend(rest);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), bar);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    views!(Three { A => "A", B => "B", C => "C", });
    views!(Two { Statements => "Statements", Items => "Items", });

    #[test]
    fn brackets_always_switch_arrows_only_when_asked() {
        let mut bar = ViewBar::<Three>::new(false);
        assert!(bar.switch(KeyEvent::from(KeyCode::Char('['))));
        assert_eq!(bar.current, Three::C);
        assert!(bar.switch(KeyEvent::from(KeyCode::Char(']'))));
        assert_eq!(bar.current, Three::A, "around the end");
        assert!(!bar.switch(KeyEvent::from(KeyCode::Right)));
        let mut arrows = ViewBar::<Two>::new(true);
        assert!(arrows.switch(KeyEvent::from(KeyCode::Right)));
        assert_eq!(arrows.current, Two::Items);
    }

    #[test]
    fn labels_are_hit_by_their_columns() {
        let bar = ViewBar::<Two>::new(true);
        let area = Rect::new(0, 0, 80, 1);
        assert_eq!(bar.at(area, 0), Some(Two::Statements));
        assert_eq!(bar.at(area, 12), None);
        assert_eq!(bar.at(area, 13), Some(Two::Items));
    }
}
