//! Every screen and view (and help, a form, the export dialog, workshop mode) drawn as a user
//! sees it, colours included: body text never has a fixed light foreground, a level has the
//! same style on the Protection grid and on the Risks heat maps, and under `NO_COLOR` nothing
//! is coloured yet the selection and the focus still show.

mod common;

use common::{SCREEN_VIEWS, press, start_on, workdir};
use isms::ui::App;
use isms::ui::theme::{self, Depth, Kind, Theme};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

const W: u16 = 120;
const H: u16 = 36;

fn draw(app: &mut App) -> Buffer {
    app.settle();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(W, H)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    terminal.backend().buffer().clone()
}

/// Each screen, each of its views, and the overlays, as (what, drawn).
fn every_view(theme: Theme) -> Vec<(String, Buffer)> {
    theme::set(theme);
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    let mut drawn = Vec::new();
    for (digit, views) in SCREEN_VIEWS {
        press(&mut app, KeyCode::Char(digit));
        for view in 0..views {
            drawn.push((format!("screen {digit}, view {view}"), draw(&mut app)));
            press(&mut app, KeyCode::Char(']'));
        }
    }
    // The screens past the tenth, through the go-to palette.
    for (letter, views) in [('u', 3), ('n', 2)] {
        press(&mut app, KeyCode::Char(':'));
        press(&mut app, KeyCode::Char(letter));
        for view in 0..views {
            drawn.push((format!("screen {letter}, view {view}"), draw(&mut app)));
            press(&mut app, KeyCode::Char(']'));
        }
    }
    press(&mut app, KeyCode::Char('?'));
    drawn.push(("help".into(), draw(&mut app)));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('e'));
    drawn.push(("asset form".into(), draw(&mut app)));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('x'));
    drawn.push(("export dialog".into(), draw(&mut app)));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('w'));
    drawn.push(("workshop start".into(), draw(&mut app)));
    press(&mut app, KeyCode::Enter);
    drawn.push(("workshop".into(), draw(&mut app)));
    drawn
}

/// A foreground that is only readable on a dark background.
fn light_only(c: Color) -> bool {
    match c {
        Color::White | Color::Gray | Color::DarkGray | Color::LightYellow | Color::LightCyan => {
            true
        }
        Color::Rgb(r, g, b) => u32::from(r) + u32::from(g) + u32::from(b) > 3 * 170,
        _ => false,
    }
}

#[test]
fn body_text_has_no_fixed_light_colour_on_any_screen() {
    for (what, buf) in every_view(Theme::default()) {
        for cell in buf.content() {
            let unfilled = cell.bg == Color::Reset;
            assert!(
                !(unfilled && light_only(cell.fg)),
                "{what}: '{}' is {:?} on the terminal's background",
                cell.symbol(),
                cell.fg
            );
            if !unfilled {
                assert_ne!(
                    cell.fg,
                    Color::Reset,
                    "{what}: a fill sets its own text colour"
                );
            }
        }
    }
}

#[test]
fn without_colour_selection_and_focus_still_show() {
    let theme = Theme {
        kind: Kind::Any,
        depth: Depth::None,
    };
    for (what, buf) in every_view(theme) {
        for cell in buf.content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{what}: '{}' is coloured under NO_COLOR",
                cell.symbol()
            );
        }
        // Below the tab bar: a selected row, a cursor or a focused (bold) pane border.
        let below_tabs = usize::from(W)..usize::from(W) * usize::from(H - 2);
        let cue = buf.content()[below_tabs].iter().any(|cell| {
            cell.modifier.contains(Modifier::REVERSED)
                || cell.modifier.contains(Modifier::UNDERLINED)
                || (cell.modifier.contains(Modifier::BOLD) && "┌─┐│└┘".contains(cell.symbol()))
        });
        assert!(cue, "{what}: no visible selection or focus without colour");
    }
}

/// The style of the first cell that shows `text` in `buf`.
fn style_of(buf: &Buffer, text: &str) -> Option<ratatui::style::Style> {
    for y in 0..H {
        let line: String = (0..W).map(|x| buf[(x, y)].symbol().to_string()).collect();
        if let Some(at) = line.find(text) {
            let x = u16::try_from(line[..at].chars().count()).ok()?;
            return Some(buf[(x, y)].style());
        }
    }
    None
}

#[test]
fn a_level_has_one_style_on_every_screen() {
    for depth in [Depth::TrueColor, Depth::Ansi256, Depth::Ansi16, Depth::None] {
        let views = every_view(Theme {
            kind: Kind::Any,
            depth,
        });
        let find = |name: &str| {
            views
                .iter()
                .find(|(w, _)| w == name)
                .map(|(_, b)| b)
                .unwrap()
        };
        let grid = style_of(find("screen 4, view 0"), "very high").expect("a need rated very high");
        let legend = style_of(find("screen 5, view 1"), " critical ").expect("the level legend");
        assert_eq!(
            (grid.fg, grid.bg, grid.add_modifier),
            (legend.fg, legend.bg, legend.add_modifier),
            "very high on Protection and critical on Risks, {depth:?}"
        );
        // The registers colour the same cells the same way (the selected row reverses them).
        let register = style_of(find("screen 5, view 0"), "critical").expect("a critical risk");
        let assets = style_of(find("screen 3, view 0"), "very high").expect("a very high need");
        for (what, s) in [("the risk register", register), ("the assets", assets)] {
            assert_eq!((s.fg, s.bg), (legend.fg, legend.bg), "{what}, {depth:?}");
        }
    }
}

/// The text of row `y`.
fn row(buf: &Buffer, y: u16) -> String {
    (0..W).map(|x| buf[(x, y)].symbol().to_string()).collect()
}

#[test]
fn panes_start_at_the_same_height_on_every_screen() {
    for (what, buf) in every_view(Theme::default()) {
        if !(what.starts_with("screen") || what == "workshop") {
            continue;
        }
        // The tab bar, then the row naming the view (or the screen), then the panes.
        assert!(
            !row(&buf, 1).trim().is_empty(),
            "{what}: no row names what is shown"
        );
        assert!(
            row(&buf, 2).starts_with('┌'),
            "{what}: the panes start elsewhere:\n{}",
            row(&buf, 2)
        );
    }
}

#[test]
fn the_dashboard_opens_with_what_needs_attention() {
    let views = every_view(Theme::default());
    let (_, dashboard) = views.iter().find(|(w, _)| w == "screen 1, view 0").unwrap();
    let heading = row(dashboard, 1);
    // The demo company has major findings and an overdue action on its fixed date.
    assert!(heading.contains("Needs attention:"), "{heading}");
    assert!(heading.contains("major finding"), "{heading}");
    assert!(heading.contains("overdue"), "{heading}");
}
