//! Widgets every screen shares: the table, the form popup, the confirmation and help overlays.

pub mod form;
pub mod scroll;
pub mod table;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme;

/// Cuts `text` to at most `width` terminal columns, ending in `…` when cut; wide characters
/// count double and are never split. Line breaks, other control characters and bidirectional
/// controls (which would reorder the rest of the screen line) become spaces.
pub fn fit(text: &str, width: u16) -> String {
    let width = usize::from(width);
    let flat = flat(text);
    if flat.width() <= width {
        return flat;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in flat.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` on one line: control and bidirectional characters become spaces.
fn flat(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || crate::domain::text::is_bidi_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A path cut to at most `width` columns in the middle, where it says least: the first folder
/// and as many of the last parts as fit (`/home/…/clients/acme.isms`), else `…/` and the file
/// name, else the start and the end of the text around a `…`.
pub fn fit_path(text: &str, width: u16) -> String {
    let flat = flat(text);
    let room = usize::from(width);
    if flat.width() <= room {
        return flat;
    }
    let parts: Vec<&str> = flat.split('/').collect();
    // An absolute path's head is its first folder (`/home`); a relative one's its first part.
    let head_len = if parts.first() == Some(&"") { 2 } else { 1 };
    if parts.len() > head_len + 1 {
        let head = parts[..head_len].join("/");
        let shown = |from: usize| format!("{head}/…/{}", parts[from..].join("/"));
        let mut from = parts.len() - 1;
        if shown(from).width() <= room {
            while from > head_len + 1 && shown(from - 1).width() <= room {
                from -= 1;
            }
            return shown(from);
        }
    }
    if let Some(name) = parts.last().filter(|_| parts.len() > 1) {
        let shown = format!("…/{name}");
        if shown.width() <= room {
            return shown;
        }
    }
    if room == 0 {
        return String::new();
    }
    // Keep a third of the room for the start, the rest for the end: the file's name.
    let keep = room - 1;
    let mut start = String::new();
    for c in flat.chars() {
        if start.width() + c.width().unwrap_or(0) > keep / 3 {
            break;
        }
        start.push(c);
    }
    let mut end: Vec<char> = Vec::new();
    let mut used = start.width();
    for c in flat.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > keep {
            break;
        }
        end.push(c);
        used += w;
    }
    end.reverse();
    format!("{start}…{}", end.into_iter().collect::<String>())
}

/// `text` broken into lines of at most `width` columns at spaces (a word longer than a line is
/// cut with [`fit`]), each line of the text on its own.
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let room = usize::from(width.max(1));
    let mut out = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let word = if word.width() > room {
                fit(word, width.max(1))
            } else {
                word.to_string()
            };
            if !line.is_empty() && line.width() + 1 + word.width() > room {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        out.push(line);
    }
    out
}

/// `items` joined by `sep` into lines of at most `width` columns, never splitting an item.
pub fn pack(items: &[String], sep: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && line.width() + sep.width() + item.width() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(sep);
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// A yes/no question that names what it is about, e.g. before a delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
}

impl Confirm {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let popup = centered(area, 64, 7);
        frame.render_widget(Clear, popup);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::focus_border())
            .title(Span::styled(" Confirm ", theme::title()));
        let text = vec![
            Line::styled(self.question.as_str(), theme::value()),
            Line::raw(""),
            key_line(&[("y", "yes"), ("n Esc", "no")]),
        ];
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            popup,
        );
    }
}

/// The help overlay: every key of the current screen and the short codes its tables use, then
/// the global keys.
pub fn render_help<K: AsRef<str>>(
    frame: &mut Frame,
    area: Rect,
    screen: &str,
    keys: &[(K, &str)],
    global: &[(K, &str)],
    legend: &[(String, Vec<String>)],
) {
    // Each column's codes, wrapped beside its name.
    let mut legend_lines = Vec::new();
    if !legend.is_empty() {
        legend_lines.push(Line::raw(""));
        legend_lines.push(Line::styled(
            "Short codes in narrow columns",
            theme::label(),
        ));
    }
    for (column, codes) in legend {
        for (i, part) in pack(codes, " · ", 74 - 2 - 21).into_iter().enumerate() {
            let name = if i == 0 { column.as_str() } else { "" };
            legend_lines.push(Line::from(vec![
                Span::styled(format!("  {name:<18} "), theme::key()),
                Span::styled(part, theme::value()),
            ]));
        }
    }
    let height =
        u16::try_from(keys.len() + global.len() + legend_lines.len() + 6).unwrap_or(u16::MAX);
    let popup = centered(area, 74, height);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border())
        .title(Span::styled(format!(" Help: {screen} "), theme::title()))
        .title_bottom(Line::styled(" any key closes ", theme::muted()).right_aligned());
    let entry = |(k, what): &(K, &str)| {
        Line::from(vec![
            Span::styled(format!("  {:<18} ", k.as_ref()), theme::key()),
            Span::styled(what.to_string(), theme::value()),
        ])
    };
    let mut lines = vec![Line::styled("This screen", theme::label())];
    lines.extend(keys.iter().map(entry));
    lines.extend(legend_lines);
    lines.push(Line::raw(""));
    lines.push(Line::styled("Everywhere", theme::label()));
    lines.extend(global.iter().map(entry));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// `key action  key action` for footers.
pub fn key_line<K: AsRef<str>>(keys: &[(K, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (k, action) in keys {
        spans.push(Span::styled(format!(" {} ", k.as_ref()), theme::key()));
        spans.push(Span::styled(format!("{action} "), theme::muted()));
    }
    Line::from(spans)
}

/// The key hints that fit in `width` columns, in their order (the screen's own first), always
/// with those labelled as in `keep` (help, quit); `…` marks where hints were left out.
pub fn key_line_within<K: AsRef<str>>(
    keys: &[(K, &str)],
    width: u16,
    keep: &[&str],
) -> Line<'static> {
    let cost = |(k, action): &(K, &str)| k.as_ref().width() + action.width() + 3;
    let kept: usize = keys.iter().filter(|e| keep.contains(&e.1)).map(cost).sum();
    let mut room = usize::from(width).saturating_sub(kept);
    let mut shown: Vec<&(K, &str)> = Vec::new();
    let mut dropped = false;
    for entry in keys.iter().filter(|e| !keep.contains(&e.1)) {
        // Room for the entry, and for the mark should a later one not fit.
        if !dropped && cost(entry) + 2 <= room {
            room -= cost(entry);
            shown.push(entry);
        } else {
            dropped = true;
        }
    }
    let mut line = key_line(
        &shown
            .iter()
            .map(|(k, a)| (k.as_ref(), *a))
            .collect::<Vec<_>>(),
    );
    if dropped {
        line.spans.push(Span::styled(" …", theme::muted()));
    }
    let always: Vec<(&str, &str)> = keys
        .iter()
        .filter(|e| keep.contains(&e.1))
        .map(|(k, a)| (k.as_ref(), *a))
        .collect();
    line.spans.extend(key_line(&always).spans);
    line
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_paths_are_cut_in_the_middle_by_whole_folders_first() {
        let path = "/home/anna/clients/acme.isms";
        assert_eq!(fit_path(path, 40), path);
        assert_eq!(fit_path(path, 28), path);
        assert_eq!(fit_path(path, 27), "/home/…/clients/acme.isms");
        assert_eq!(fit_path(path, 20), "/home/…/acme.isms");
        assert_eq!(fit_path(path, 12), "…/acme.isms");
        assert_eq!(fit_path(path, 10), "/ho…e.isms");
        assert_eq!(
            fit_path("clients/2026/acme.isms", 19),
            "clients/…/acme.isms"
        );
        assert_eq!(fit_path("clients/2026/acme.isms", 18), "…/acme.isms");
        // Whatever the width, the text fits it, wide characters included, never split.
        let wide = "/home/ünï/客户资料/某某公司/acme\u{7}.isms";
        for width in 0..=60u16 {
            for text in [path, wide, "acme.isms", "/"] {
                let shown = fit_path(text, width);
                assert!(shown.width() <= usize::from(width), "{shown:?} in {width}");
                assert!(!shown.contains('\u{7}'), "{shown:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn narrow_hints_keep_help_and_quit_and_mark_what_they_leave_out() {
        let keys = [
            ("↑↓", "move"),
            ("/", "filter"),
            ("n", "new"),
            ("e", "edit"),
            ("d", "delete"),
            ("?", "help"),
            ("q", "quit"),
        ];
        let text = |w| {
            key_line_within(&keys, w, &["help", "quit"])
                .spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        assert_eq!(
            text(200),
            " ↑↓ move  / filter  n new  e edit  d delete  ? help  q quit "
        );
        let narrow = text(40);
        assert!(narrow.width() <= 40, "{narrow}");
        assert!(narrow.starts_with(" ↑↓ move  / filter "), "{narrow}");
        assert!(narrow.contains(" … ? help  q quit "), "{narrow}");
        assert!(!narrow.contains("delete"), "{narrow}");
        assert_eq!(text(10), " … ? help  q quit ", "help and quit stay");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_the_text_s_own_lines() {
        assert_eq!(
            wrap("Head of Operations and Logistics", 12),
            ["Head of", "Operations", "and", "Logistics"]
        );
        assert_eq!(wrap("one\ntwo three", 9), ["one", "two three"]);
        assert_eq!(wrap("Supercalifragilistic", 8), ["Superca…"]);
        assert_eq!(wrap("", 8), Vec::<String>::new());
        assert_eq!(wrap("株式会社 テスト", 8), ["株式会社", "テスト"]);
    }

    #[test]
    fn pack_never_splits_an_item() {
        let items: Vec<String> = [
            "impl Implemented",
            "part Partially implemented",
            "plan Planned",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            pack(&items, " · ", 45),
            [
                "impl Implemented · part Partially implemented",
                "plan Planned"
            ]
        );
        assert_eq!(pack(&items, " · ", 10).len(), 3);
    }

    #[test]
    fn fit_counts_wide_characters_and_adds_an_ellipsis() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("Headquarters Bremen", 8), "Headqua…");
        assert_eq!(fit("株式会社テスト", 7), "株式会…");
        assert_eq!(fit("株式会社", 8), "株式会社");
        assert_eq!(fit("a\nb", 5), "a b");
        assert_eq!(fit("abc", 0), "");
    }
}
