//! A tab whose screen is not built yet: it says what will be there.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Ctx, Handled, Screen};
use crate::ui::theme;

pub struct Placeholder {
    pub title: &'static str,
    pub what: &'static [&'static str],
}

impl Screen for Placeholder {
    fn title(&self) -> &'static str {
        self.title
    }

    fn handle_key(&mut self, _key: KeyEvent, _ctx: &mut Ctx<'_>) -> Handled {
        Handled::No
    }

    fn render(&self, frame: &mut Frame, area: Rect) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border())
            .title(format!(" {} ", self.title));
        let mut lines = vec![
            Line::styled("This screen is coming. It will show:", theme::label()),
            Line::raw(""),
        ];
        lines.extend(
            self.what
                .iter()
                .map(|w| Line::styled(format!("  • {w}"), theme::value())),
        );
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            area,
        );
    }

    fn keys(&self) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
}
