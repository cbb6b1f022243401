//! SoA versions: the issued versions, what changed since the last one, and issuing a new one
//! (a frozen copy with its number, date and approver). Issuing shows the gaps the SoA still
//! has and asks before issuing them; a newer version supersedes an older one, never deletes it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::Field;
use crate::domain::control::display_ref;
use crate::domain::soa::version::field as version_field;
use crate::domain::soa::{Gaps, SoaChange, SoaVersion, diff, snapshot};
use crate::ui::keymap::{self, Action, Active, Context};
use crate::ui::screens::{Ctx, Handled, Status};
use crate::ui::theme;
use crate::ui::widgets::form::{Form, FormEvent};
use crate::ui::widgets::scroll::Scroll;

/// The notes of the issue form and their labels, one per kind of gap in the order of
/// [`Gaps::kinds`].
const GAP_NOTES: [(Field, &str); 3] = [
    (Field::new("undecided"), "Undecided"),
    (Field::new("unjustified"), "Unjustified exclusions"),
    (Field::new("without reason"), "Without a reason"),
];

pub struct Versions {
    versions: Vec<SoaVersion>,
    /// The version shown on the right, counted from the newest.
    selected: usize,
    changes: Vec<SoaChange>,
    /// What the SoA as it stands leaves open, shown when it is issued.
    gaps: Gaps,
    /// The issue form, and whether it asks about gaps.
    issuing: Option<(Form, bool)>,
    /// Where the list of versions is scrolled to.
    list: Scroll,
    /// Where the changes and the chosen version are scrolled to.
    detail: Scroll,
}

impl Versions {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        let mut v = Self {
            versions: Vec::new(),
            selected: 0,
            changes: Vec::new(),
            gaps: Gaps::default(),
            issuing: None,
            list: Scroll::default(),
            detail: Scroll::default(),
        };
        v.reload(data)?;
        Ok(v)
    }

    pub fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.versions = data.soa_versions()?;
        let controls = data.controls()?;
        let current = snapshot(&controls, &data.soa()?, &data.actions()?);
        self.gaps = Gaps::of(&current, &controls);
        self.changes = match self.versions.last() {
            Some(last) => diff(&last.rows, &current),
            None => Vec::new(),
        };
        Ok(())
    }

    pub fn captures_input(&self) -> bool {
        self.issuing.is_some()
    }

    pub fn handle_paste(&mut self, text: &str) {
        if let Some((form, _)) = &mut self.issuing {
            form.paste(text);
        }
    }

    pub fn contexts(&self) -> Active {
        match &self.issuing {
            Some((form, _)) => form.contexts(),
            None => Active::of(vec![Context::Versions]),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if let Some((mut form, asks)) = self.issuing.take() {
            match form.handle_key(key) {
                FormEvent::None => self.issuing = Some((form, asks)),
                FormEvent::Cancel => *ctx.status = Status::Info("No version issued.".into()),
                FormEvent::Submit => {
                    let issue = Command::IssueSoa {
                        approver: form.value(version_field::APPROVER),
                        note: form.value(version_field::NOTE),
                        gaps_accepted: asks && form.choice_index(version_field::GAPS_ACCEPTED) == 1,
                    };
                    match ctx.app.apply(issue) {
                        Ok(saved) => {
                            if let Saved::SoaVersion(v) = saved {
                                let undecided = match v.undecided() {
                                    0 => String::new(),
                                    n => format!(
                                        " It leaves {} undecided.",
                                        crate::domain::wording::count(n, "control", "controls")
                                    ),
                                };
                                *ctx.status = Status::Saved(format!(
                                    "Issued SoA version {} approved by {}.{undecided}",
                                    v.number, v.approver
                                ));
                            }
                            if let Err(e) = self.reload(&ctx.app.reader()) {
                                *ctx.status = Status::Error(format!("Could not reload: {e}"));
                            }
                        }
                        // Gaps another window made after the form opened: show them, then ask.
                        Err(Error::Invalid(e))
                            if e.field == version_field::GAPS_ACCEPTED && !asks =>
                        {
                            if let Err(e) = self.reload(&ctx.app.reader()) {
                                *ctx.status = Status::Error(format!("Could not reload: {e}"));
                            }
                            let mut form = with_gaps(form, &self.gaps);
                            form.set_error(e.field, e.message);
                            self.issuing = Some((form, true));
                        }
                        Err(Error::Invalid(e)) => {
                            form.set_error(e.field, e.message);
                            self.issuing = Some((form, asks));
                        }
                        Err(e) => {
                            form.message = Some(format!("not issued: {e}"));
                            self.issuing = Some((form, asks));
                        }
                    }
                }
            }
            return Handled::Yes;
        }
        let action = keymap::action(Context::Versions, &key);
        let (lines, page) = (self.detail_len(), self.detail.page().cast_signed());
        match action {
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.versions.len().saturating_sub(1));
                self.detail.scroll_to(true, lines);
                return Handled::Yes;
            }
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                self.detail.scroll_to(true, lines);
                return Handled::Yes;
            }
            Some(Action::PageDown) => {
                self.detail.scroll_by(page, lines);
                return Handled::Yes;
            }
            Some(Action::PageUp) => {
                self.detail.scroll_by(-page, lines);
                return Handled::Yes;
            }
            _ => {}
        }
        if action == Some(Action::Issue) {
            let next = self.versions.last().map_or(1, |v| v.number + 1);
            let people = ctx.app.reader().person_names().unwrap_or_default();
            let form = Form::new(format!("Issue SoA version {next}"))
                .person(version_field::APPROVER, "Approved by", "", &people)
                .text(version_field::NOTE, "Note", "");
            let asks = !self.gaps.is_empty();
            let form = if asks {
                with_gaps(form, &self.gaps)
            } else {
                form
            };
            self.issuing = Some((form, asks));
            return Handled::Yes;
        }
        Handled::No
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(area);
        let mut lines = Vec::new();
        if self.versions.is_empty() {
            lines.push(Line::styled(
                "No version issued yet: i issues the first.",
                theme::muted(),
            ));
        }
        // One line per version, so that the list scrolls by versions; the note is in full on
        // the right.
        for (i, v) in self.versions.iter().rev().enumerate() {
            let style = if i == self.selected {
                theme::selected()
            } else {
                theme::key()
            };
            // What tells versions apart comes first, so that a narrow pane cuts the approver
            // (in full on the right), not them.
            let mut spans = vec![
                Span::styled(format!(" v{} ", v.number), style),
                Span::styled(v.issued_on.to_string(), theme::value()),
            ];
            if let Some(newer) = v.superseded_by(&self.versions) {
                spans.push(Span::styled(
                    format!(" · superseded by {}", newer.label()),
                    theme::muted(),
                ));
            }
            if v.undecided() > 0 {
                spans.push(Span::styled(
                    format!(" · {} undecided", v.undecided()),
                    theme::warning(),
                ));
            }
            spans.push(Span::styled(
                format!(" · approved by {}", v.approver),
                theme::value(),
            ));
            if !v.note.is_empty() {
                spans.push(Span::styled(
                    format!(" · {}", first_line(&v.note)),
                    theme::muted(),
                ));
            }
            lines.push(Line::from(spans));
        }
        let rows = self.list.follow(
            self.selected,
            usize::from(left.height.saturating_sub(2)),
            self.versions.len(),
        );
        frame.render_widget(
            Paragraph::new(lines)
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme::border())
                        .title(Span::styled(" Issued versions ", theme::title())),
                )
                .scroll((u16::try_from(rows.start).unwrap_or(u16::MAX), 0)),
            left,
        );
        let title = match self.versions.last() {
            None => " Changes ".to_string(),
            Some(v) => format!(" Changed since v{} ({}) ", v.number, self.changes.len()),
        };
        let mut changes: Vec<Line> = self
            .changes
            .iter()
            .map(|c| {
                Line::from(vec![
                    Span::styled(format!(" {:<8}", display_ref(&c.control)), theme::key()),
                    Span::styled(c.fields.join(", "), theme::value()),
                ])
            })
            .collect();
        if changes.is_empty() && !self.versions.is_empty() {
            changes.push(Line::styled(
                "Nothing changed since the last version.",
                theme::muted(),
            ));
        }
        // The chosen version as it was issued.
        if let Some(v) = self.versions.iter().rev().nth(self.selected) {
            changes.push(Line::raw(""));
            changes.push(Line::styled(
                format!(
                    " v{} as issued on {}, approved by {}:",
                    v.number, v.issued_on, v.approver
                ),
                theme::label(),
            ));
            changes.push(Line::styled(about_line(v, &self.versions), theme::muted()));
            changes.extend(
                v.note
                    .lines()
                    .map(|l| Line::styled(format!(" {l}"), theme::muted())),
            );
            for row in &v.rows {
                changes.push(Line::from(vec![
                    Span::styled(format!(" {:<8}", display_ref(&row.control)), theme::key()),
                    Span::styled(
                        format!(
                            "{}; {}",
                            row.applicability.label().to_lowercase(),
                            row.status.label().to_lowercase()
                        ),
                        theme::value(),
                    ),
                ]));
            }
        }
        let top = self
            .detail
            .show_text(usize::from(right.height.saturating_sub(2)), changes.len());
        frame.render_widget(
            Paragraph::new(changes)
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme::border())
                        .title(Span::styled(title, theme::title())),
                )
                .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0)),
            right,
        );
        if let Some((form, _)) = &self.issuing {
            form.render(frame, area);
        }
    }
}

impl Versions {
    /// How many lines the right pane has: the changes, then the chosen version as issued.
    fn detail_len(&self) -> usize {
        let chosen = self.versions.iter().rev().nth(self.selected);
        let changes = self
            .changes
            .len()
            .max(usize::from(!self.versions.is_empty()));
        changes + chosen.map_or(0, |v| 3 + v.note.lines().count() + v.rows.len())
    }
}

/// The issue form with the SoA's gaps listed and the question whether to issue with them.
fn with_gaps(mut form: Form, gaps: &Gaps) -> Form {
    for ((_, refs), (key, label)) in gaps.kinds().into_iter().zip(GAP_NOTES) {
        if !refs.is_empty() {
            let text = format!("{}: {}", refs.len(), Gaps::listed(refs));
            form = form.note(key, label, &text);
        }
    }
    form.choice(
        version_field::GAPS_ACCEPTED,
        "Issue with these gaps",
        vec!["no", "yes"],
        0,
    )
}

/// How many controls a version left undecided, and which version superseded it.
fn about_line(v: &SoaVersion, versions: &[SoaVersion]) -> String {
    let undecided = match v.undecided() {
        0 => "every control decided".to_string(),
        1 => "1 control undecided".to_string(),
        n => format!("{n} controls undecided"),
    };
    match v.superseded_by(versions) {
        Some(newer) => format!(" {undecided}; superseded by {}", newer.label()),
        None => format!(" {undecided}; the current version"),
    }
}

/// The first line of a note, for the one line a version has in the list.
fn first_line(note: &str) -> &str {
    note.lines().next().unwrap_or("")
}
