//! The Audits screen (9.2): the register of audits `AU-001`, every audit's findings
//! (`AU-001/2`) and the programme over the certification cycle, switched with ← and →. `a` on
//! an audit records a finding in it (grade, clause or control, statement: a few keys); `r` on a
//! major or minor finding raises its nonconformity in one key.

mod context;
mod findings;
mod programme;
mod records;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use findings::FindingRow;
pub use programme::ProgrammeRow;
pub use records::AuditRow;

use super::register::RegisterView;
use super::views::{self, ViewBar};
use super::{Ctx, Handled, Screen, Status};
use crate::app::{Command, Error, Reader, Saved};
use crate::domain::readiness::Place;
use crate::ui::keymap::{self, Action, Active, Context};

views::views!(
    /// The views of the Audits screen.
    AuditsView {
        Audits => "Audits",
        Findings => "Findings",
        Programme => "Programme",
    }
);

pub struct AuditsScreen {
    views: ViewBar<AuditsView>,
    audits: RegisterView<AuditRow>,
    findings: RegisterView<FindingRow>,
    programme: RegisterView<ProgrammeRow>,
}

/// Calls `$body` with the register view of the current view bound to `$v`.
macro_rules! current {
    ($self:ident, $v:ident => $body:expr) => {
        match $self.views.current {
            AuditsView::Audits => {
                let $v = &mut $self.audits;
                $body
            }
            AuditsView::Findings => {
                let $v = &mut $self.findings;
                $body
            }
            AuditsView::Programme => {
                let $v = &mut $self.programme;
                $body
            }
        }
    };
}

const READ_ONLY: &str = "Opened read-only: nothing can be added, changed or deleted.";

impl AuditsScreen {
    pub fn new(data: &Reader<'_>) -> Result<Self, Error> {
        Ok(Self {
            views: ViewBar::new(true),
            audits: RegisterView::new("Audits (9.2; a records a finding)", data)?,
            findings: RegisterView::new("Audit findings (r raises a nonconformity)", data)?,
            programme: RegisterView::new(
                "Audit programme: the certification cycle of three years (9.2.2)",
                data,
            )?,
        })
    }

    fn captures(&self) -> bool {
        match self.views.current {
            AuditsView::Audits => self.audits.captures_input(),
            AuditsView::Findings => self.findings.captures_input(),
            AuditsView::Programme => self.programme.captures_input(),
        }
    }

    /// `a`: the Findings view, with a new finding of the selected audit in its form.
    fn record_finding(&mut self, ctx: &mut Ctx<'_>) {
        if ctx.app.is_read_only() {
            *ctx.status = Status::Error(READ_ONLY.into());
            return;
        }
        let Some(audit) = self.audits.selected().map(|a| a.audit.id) else {
            return;
        };
        let mut base = self.findings.blank().clone();
        base.finding.audit = audit;
        self.views.current = AuditsView::Findings;
        self.findings.open_new_from(base, ctx.today);
    }

    /// `r`: the nonconformity the selected finding records, or why it is not raised.
    fn raise(&mut self, ctx: &mut Ctx<'_>) {
        if ctx.app.is_read_only() {
            *ctx.status = Status::Error(READ_ONLY.into());
            return;
        }
        let Some(finding) = self.findings.selected() else {
            return;
        };
        let (id, reference) = (
            finding.finding.id,
            finding.ctx.finding_ref(&finding.finding),
        );
        match ctx.app.apply(Command::RaiseNonconformity(id)) {
            Ok(Saved::Nonconformity(nc)) => {
                *ctx.status = Status::Saved(format!(
                    "Raised {} from {reference}; it is on the Nonconformities screen.",
                    nc.reference()
                ));
            }
            Ok(_) => {}
            Err(Error::Invalid(e)) => *ctx.status = Status::Error(format!("{}.", e.message)),
            Err(e) => *ctx.status = Status::Error(format!("Not raised: {e}")),
        }
    }
}

impl Screen for AuditsScreen {
    fn title(&self) -> &'static str {
        "Audits"
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        if !self.captures() && self.views.switch(key) {
            return Handled::Yes;
        }
        if !self.captures() {
            // `n` in Findings records a finding of the audit selected in the register.
            if let Some(id) = self.audits.selected().map(|a| a.audit.id) {
                self.findings.blank_mut().finding.audit = id;
            }
            let action = match self.views.current {
                AuditsView::Audits => keymap::action(Context::Audits, &key),
                AuditsView::Findings => keymap::action(Context::AuditFindings, &key),
                AuditsView::Programme => None,
            };
            match action {
                Some(Action::RecordFinding) => {
                    self.record_finding(ctx);
                    return Handled::Yes;
                }
                Some(Action::RaiseNonconformity) => {
                    self.raise(ctx);
                    self.reload_all(ctx);
                    return Handled::Yes;
                }
                _ => {}
            }
        }
        let before = ctx.app.generation();
        let handled = current!(self, v => v.handle_key(key, ctx));
        // A change in one view shows in the others: a finding in its audit's detail, a scope
        // in the programme.
        if ctx.app.generation() != before {
            self.reload_others(ctx);
        }
        handled
    }

    fn handle_paste(&mut self, text: &str) {
        current!(self, v => v.handle_paste(text));
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        let [bar, body] = views::split(area);
        if row == bar.y {
            return match self.views.at(bar, column) {
                Some(view) => {
                    self.views.current = view;
                    true
                }
                None => false,
            };
        }
        current!(self, v => v.handle_click(body, column, row))
    }

    fn captures_input(&self) -> bool {
        self.captures()
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.audits.reload(data)?;
        self.findings.reload(data)?;
        self.programme.reload(data)
    }

    /// The programme for findings about the audits as a whole (none recent, coverage), the
    /// audit for one about an audit.
    fn focus(&mut self, place: &Place) -> bool {
        if *place == Place::Audits {
            self.views.current = AuditsView::Programme;
            return true;
        }
        if self.audits.focus(place) {
            self.views.current = AuditsView::Audits;
            return true;
        }
        false
    }

    fn contexts(&self) -> Active {
        let (view, extra, action) = match self.views.current {
            AuditsView::Audits => (
                self.audits.contexts(),
                Context::Audits,
                self.audits.selected().is_none(),
            ),
            AuditsView::Findings => (
                self.findings.contexts(),
                Context::AuditFindings,
                self.findings.selected().is_none(),
            ),
            AuditsView::Programme if self.captures() => return self.programme.contexts(),
            AuditsView::Programme => {
                // `e` plans the item into an audit; the rows have no history of their own.
                let mut active = self.programme.contexts().hide(Action::History, true);
                active.renamed.push((Action::Edit, "plan into an audit"));
                return self.views.over(active, false);
            }
        };
        if self.captures() {
            return view;
        }
        let mut active = Active::of(vec![extra]);
        active.contexts.extend(view.contexts);
        active.hidden.extend(view.hidden);
        active.renamed.extend(view.renamed);
        let active = active
            .hide(Action::RecordFinding, action)
            .hide(Action::RaiseNonconformity, action);
        self.views.over(active, false)
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        super::register::legends::<AuditRow>()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        let [bar, body] = views::split(area);
        self.views.render(frame, bar);
        current!(self, v => v.render(frame, body, true));
    }
}

impl AuditsScreen {
    fn reload_all(&mut self, ctx: &mut Ctx<'_>) {
        if let Err(e) = self.reload(&ctx.app.reader()) {
            *ctx.status = Status::Error(format!("Could not read the workspace: {e}"));
        }
    }

    /// Reads the views not shown again (the one shown read itself after its change).
    fn reload_others(&mut self, ctx: &mut Ctx<'_>) {
        let reader = ctx.app.reader();
        let current = self.views.current;
        let mut read = || -> Result<(), Error> {
            if current != AuditsView::Audits {
                self.audits.reload(&reader)?;
            }
            if current != AuditsView::Findings {
                self.findings.reload(&reader)?;
            }
            if current != AuditsView::Programme {
                self.programme.reload(&reader)?;
            }
            Ok(())
        };
        if let Err(e) = read() {
            *ctx.status = Status::Error(format!("Could not read the workspace: {e}"));
        }
    }
}
