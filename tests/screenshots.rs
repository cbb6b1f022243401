//! The README's pictures of the themes and the colour fallbacks: the demo's risk register drawn
//! into the test backend under each look, written as SVG with the terminal background it is
//! shown on. The test fails when a picture in `assets/screenshots` no longer matches what the
//! app draws; `ISMS_UPDATE_SCREENSHOTS=1 cargo test --test screenshots` writes them anew.

mod common;

use std::fmt::Write;
use std::path::PathBuf;

use common::{press, start_on, workdir};
use isms::ui::theme::{self, Depth, Kind, Theme};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

const W: u16 = 100;
const H: u16 = 24;

/// A terminal's background, foreground and its 16 named colours (black to white, dark then
/// bright), as common terminal palettes have them.
struct Terminal {
    background: &'static str,
    foreground: &'static str,
    named: [&'static str; 16],
}

const DARK: Terminal = Terminal {
    background: "#1e1e1e",
    foreground: "#d4d4d4",
    named: [
        "#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
        "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
    ],
};

const LIGHT: Terminal = Terminal {
    background: "#ffffff",
    foreground: "#1a1a1a",
    named: [
        "#000000", "#cd3131", "#00bc00", "#949800", "#0451a5", "#bc05bc", "#0598bc", "#555555",
        "#666666", "#cd3131", "#14ce14", "#b5ba00", "#0451a5", "#bc05bc", "#0598bc", "#a5a5a5",
    ],
};

fn named(t: &Terminal, c: Color) -> Option<String> {
    let i = match c {
        Color::Reset => return None,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Rgb(r, g, b) => return Some(format!("#{r:02x}{g:02x}{b:02x}")),
        Color::Indexed(i) => return Some(indexed(i)),
    };
    Some(t.named[i].to_string())
}

/// The xterm 256-colour cube and grey ramp (the 16 named never occur as indices here).
fn indexed(i: u8) -> String {
    if i >= 232 {
        let v = 8 + (i - 232) * 10;
        return format!("#{v:02x}{v:02x}{v:02x}");
    }
    let i = i.saturating_sub(16);
    let level = |x: u8| if x == 0 { 0 } else { 55 + x * 40 };
    format!(
        "#{:02x}{:02x}{:02x}",
        level(i / 36),
        level((i / 6) % 6),
        level(i % 6)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The buffer as an SVG picture on terminal `t`: a rectangle per filled run, a text span per
/// run of one style.
fn svg(buf: &Buffer, t: &Terminal) -> String {
    let (cw, ch) = (8.4_f32, 17.0_f32);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0}\" height=\"{:.0}\" \
         font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>\n",
        cw * f32::from(W) + 16.0,
        ch * f32::from(H) + 16.0,
        t.background
    );
    for y in 0..H {
        let mut x = 0;
        while x < W {
            let first = &buf[(x, y)];
            let style = (first.fg, first.bg, first.modifier);
            let mut text = String::new();
            let start = x;
            while x < W {
                let c = &buf[(x, y)];
                if (c.fg, c.bg, c.modifier) != style {
                    break;
                }
                text.push_str(c.symbol());
                x += 1;
            }
            let (fg, bg, modifier) = style;
            let mut fg = named(t, fg).unwrap_or_else(|| t.foreground.to_string());
            let mut bg = named(t, bg);
            if modifier.contains(Modifier::REVERSED) {
                let back = bg.unwrap_or_else(|| t.background.to_string());
                bg = Some(std::mem::replace(&mut fg, back));
            }
            let left = 8.0 + cw * f32::from(start);
            let top = 8.0 + ch * f32::from(y);
            if let Some(bg) = bg {
                let _ = writeln!(
                    out,
                    "<rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{ch:.1}\" fill=\"{bg}\"/>",
                    cw * f32::from(x - start)
                );
            }
            if text.trim().is_empty() {
                continue;
            }
            let mut attrs = format!("fill=\"{fg}\"");
            if modifier.contains(Modifier::BOLD) {
                attrs.push_str(" font-weight=\"bold\"");
            }
            if modifier.contains(Modifier::DIM) {
                attrs.push_str(" opacity=\"0.6\"");
            }
            if modifier.contains(Modifier::UNDERLINED) {
                attrs.push_str(" text-decoration=\"underline\"");
            }
            let _ = writeln!(
                out,
                "<text x=\"{left:.1}\" y=\"{:.1}\" {attrs} xml:space=\"preserve\" \
                 textLength=\"{:.1}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
                top + ch - 4.0,
                cw * f32::from(x - start),
                escape(&text)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

fn risks(theme: Theme) -> Buffer {
    theme::set(theme);
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Down);
    app.settle();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(W, H)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn the_readme_pictures_show_what_the_app_draws() {
    let looks = [
        ("auto-dark", Kind::Any, Depth::TrueColor, &DARK),
        ("auto-light", Kind::Any, Depth::TrueColor, &LIGHT),
        ("dark", Kind::Dark, Depth::TrueColor, &DARK),
        ("light-16-colours", Kind::Light, Depth::Ansi16, &LIGHT),
        ("high-contrast", Kind::HighContrast, Depth::Ansi256, &DARK),
        ("no-color", Kind::Any, Depth::None, &LIGHT),
    ];
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/screenshots");
    let update = std::env::var_os("ISMS_UPDATE_SCREENSHOTS").is_some();
    let mut stale = Vec::new();
    for (name, kind, depth, terminal) in looks {
        let picture = svg(&risks(Theme { kind, depth }), terminal);
        let file = folder.join(format!("risks-{name}.svg"));
        if update {
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(&file, &picture).unwrap();
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(picture.as_str()) {
            stale.push(file.display().to_string());
        }
    }
    theme::set(Theme::default());
    assert!(
        stale.is_empty(),
        "these pictures differ from what the app draws (ISMS_UPDATE_SCREENSHOTS=1 writes them): {stale:?}"
    );
}
