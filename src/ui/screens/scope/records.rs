//! How scope items, interested parties and context issues look and save in a register view.

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::ValidationError;
use crate::domain::party::{InterestedParty, PartyKind, field as party_field};
use crate::domain::readiness::Place;
use crate::domain::reference::RefKind;
use crate::domain::scope::{
    ContextIssue, IssueKind, ScopeItem, ScopeItemKind, field as scope_field, issue_field,
};
use crate::ui::screens::register::{Record, yes_no};
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

fn labels<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|&v| label(v)).collect()
}

fn index_of<T: PartialEq>(all: &[T], v: &T) -> usize {
    all.iter().position(|x| x == v).unwrap_or(0)
}

impl Record for ScopeItem {
    const NOUN: &'static str = "scope item";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 5, 9),
            Column::new("Kind", 16, 8, 4),
            Column::new("Name", 28, 12, 8),
            Column::new("ISMS", 4, 4, 6),
            Column::new("Cert", 4, 4, 5),
            Column::new("Justification", 30, 10, 1),
        ]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            RefKind::ScopeItem.format(self.number),
            self.kind.label().into(),
            self.name.clone(),
            yes_no(self.in_isms),
            yes_no(self.in_certificate),
            self.justification.clone(),
        ]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Reference", RefKind::ScopeItem.format(self.number)),
            ("Kind", self.kind.label().into()),
            ("Name", self.name.clone()),
            ("In ISMS scope", yes_no(self.in_isms)),
            ("In certificate scope", yes_no(self.in_certificate)),
            ("Justification", self.justification.clone()),
            ("Interfaces and dependencies", self.interfaces.clone()),
            ("Description", self.description.clone()),
        ]
    }

    fn label(&self) -> String {
        format!("{} {}", RefKind::ScopeItem.format(self.number), self.name)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["scope_item"], RefKind::ScopeItem.format(self.number))
    }

    fn form(&self, title: String) -> Form {
        // The name first, where typing starts.
        Form::new(title)
            .line(scope_field::NAME, "Name", &self.name)
            .choice(
                scope_field::KIND,
                "Kind",
                labels(ScopeItemKind::ALL, ScopeItemKind::label),
                index_of(ScopeItemKind::ALL, &self.kind),
            )
            .toggle(scope_field::IN_ISMS, "In ISMS scope", self.in_isms)
            .toggle(
                scope_field::IN_CERTIFICATE,
                "In certificate scope",
                self.in_certificate,
            )
            .text(
                scope_field::JUSTIFICATION,
                "Justification",
                &self.justification,
            )
            .text(scope_field::INTERFACES, "Interfaces", &self.interfaces)
            .text(scope_field::DESCRIPTION, "Description", &self.description)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        Ok(ScopeItem {
            kind: ScopeItemKind::ALL[form
                .choice_index(scope_field::KIND)
                .min(ScopeItemKind::ALL.len() - 1)],
            name: form.value(scope_field::NAME),
            in_isms: form.toggled(scope_field::IN_ISMS),
            in_certificate: form.toggled(scope_field::IN_CERTIFICATE),
            justification: form.value(scope_field::JUSTIFICATION),
            interfaces: form.value(scope_field::INTERFACES),
            description: form.value(scope_field::DESCRIPTION),
            ..self.clone()
        })
    }

    /// Unticking "In ISMS scope" unticks "In certificate scope", as the domain says.
    fn form_changed(&self, form: &mut Form) {
        if form.changed() != Some(scope_field::IN_ISMS) {
            return;
        }
        let item = ScopeItem {
            in_isms: form.toggled(scope_field::IN_ISMS),
            in_certificate: form.toggled(scope_field::IN_CERTIFICATE),
            ..self.clone()
        };
        let item = item.clone().with_in_isms(item.in_isms);
        form.set_toggle(scope_field::IN_CERTIFICATE, item.in_certificate);
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        Ok((
            data.scope_items()?,
            ScopeItem::new(ScopeItemKind::Location, ""),
        ))
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::ScopeItem(self.id)
    }

    fn is_new(&self) -> bool {
        self.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveScopeItem(self.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::ScopeItem(stored) => stored,
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteScopeItem(self.id))
    }
}

impl Record for InterestedParty {
    const NOUN: &'static str = "interested party";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 6, 9),
            Column::new("Kind", 12, 8, 4),
            Column::new("Name", 26, 12, 8),
            Column::new("Addressed", 9, 5, 6),
            Column::new("Requirements", 40, 10, 2),
        ]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            RefKind::Party.format(self.number),
            self.kind.label().into(),
            self.name.clone(),
            yes_no(self.addressed),
            self.requirements.clone(),
        ]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Reference", RefKind::Party.format(self.number)),
            ("Kind", self.kind.label().into()),
            ("Name", self.name.clone()),
            ("Addressed by the ISMS", yes_no(self.addressed)),
            ("Requirements", self.requirements.clone()),
        ]
    }

    fn label(&self) -> String {
        format!("{} {}", RefKind::Party.format(self.number), self.name)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["party"], RefKind::Party.format(self.number))
    }

    fn form(&self, title: String) -> Form {
        Form::new(title)
            .line(party_field::NAME, "Name", &self.name)
            .choice(
                party_field::KIND,
                "Kind",
                labels(PartyKind::ALL, PartyKind::label),
                index_of(PartyKind::ALL, &self.kind),
            )
            .text(
                party_field::REQUIREMENTS,
                "Requirements",
                &self.requirements,
            )
            .toggle(
                party_field::ADDRESSED,
                "Addressed by the ISMS",
                self.addressed,
            )
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        Ok(InterestedParty {
            name: form.value(party_field::NAME),
            kind: PartyKind::ALL[form
                .choice_index(party_field::KIND)
                .min(PartyKind::ALL.len() - 1)],
            requirements: form.value(party_field::REQUIREMENTS),
            addressed: form.toggled(party_field::ADDRESSED),
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        Ok((
            data.parties()?,
            InterestedParty::new(PartyKind::Customer, ""),
        ))
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Party(self.id)
    }

    fn is_new(&self) -> bool {
        self.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveParty(self.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Party(stored) => stored,
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteParty(self.id))
    }
}

impl Record for ContextIssue {
    const NOUN: &'static str = "issue";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 6, 9),
            Column::new("Kind", 8, 8, 5),
            Column::new("Issue", 36, 12, 8),
            Column::new("Note", 40, 10, 2),
        ]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            RefKind::ContextIssue.format(self.number),
            self.kind.label().into(),
            self.title.clone(),
            self.note.clone(),
        ]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Reference", RefKind::ContextIssue.format(self.number)),
            ("Kind", self.kind.label().into()),
            ("Issue", self.title.clone()),
            ("Note", self.note.clone()),
        ]
    }

    fn label(&self) -> String {
        format!(
            "{} {}",
            RefKind::ContextIssue.format(self.number),
            self.title
        )
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (
            &["context_issue"],
            RefKind::ContextIssue.format(self.number),
        )
    }

    fn form(&self, title: String) -> Form {
        // The issue first, where typing starts.
        Form::new(title)
            .line(issue_field::TITLE, "Issue", &self.title)
            .choice(
                issue_field::KIND,
                "Kind",
                labels(IssueKind::ALL, IssueKind::label),
                index_of(IssueKind::ALL, &self.kind),
            )
            .text(issue_field::NOTE, "Note", &self.note)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        Ok(ContextIssue {
            kind: IssueKind::ALL[form
                .choice_index(issue_field::KIND)
                .min(IssueKind::ALL.len() - 1)],
            title: form.value(issue_field::TITLE),
            note: form.value(issue_field::NOTE),
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        Ok((
            data.context_issues()?,
            ContextIssue::new(IssueKind::Internal, ""),
        ))
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn is_new(&self) -> bool {
        self.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveContextIssue(self.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::ContextIssue(stored) => stored,
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteContextIssue(self.id))
    }
}
