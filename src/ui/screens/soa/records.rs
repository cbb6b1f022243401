//! SoA entries and custom controls as the SoA screen shows and edits them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::app::{Command, Error, Reader, Saved};
use crate::domain::control::{Control, Theme, display_ref, field as control_field};
use crate::domain::readiness::Place;
use crate::domain::soa::{self, Applicability, ImplementationStatus, Reason, SoaEntry};
use crate::domain::{Field, ValidationError};
use crate::ui::legend;
use crate::ui::screens::documents::DocumentChoices;
use crate::ui::screens::register::Record;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The note on the derived reason, which the form shows but nobody edits.
const DERIVED: Field = Field::new("derived");
/// The bulk dialog's note on its empty text fields.
const KEEP: Field = Field::new("keep");
/// What refusing to delete a control names: no field of its form, so the form shows the message.
const CONTROL: Field = Field::new("control");

/// The facets the records can be filtered by (`f`): the keys of the facet form.
mod facet {
    use crate::domain::Field;

    pub const THEME: Field = Field::new("theme");
    pub const APPLICABLE: Field = Field::new("applicable");
    pub const STATUS: Field = Field::new("status");
    pub const OWNER: Field = Field::new("owner");
    pub const REASON: Field = Field::new("reason");
}

/// What every SoA row shares: the controls and which risks each one treats.
pub struct SoaContext {
    pub controls: Vec<Control>,
    pub treated: HashMap<String, Vec<String>>,
    /// The people an owner is picked from.
    pub people: Vec<String>,
    /// The register's documents, to name as evidence.
    docs: DocumentChoices,
}

impl SoaContext {
    pub fn load(data: &Reader<'_>) -> Result<Arc<Self>, Error> {
        Ok(Arc::new(Self {
            controls: data.controls()?,
            treated: data.treated_risk_refs()?,
            people: data.person_names()?,
            docs: DocumentChoices::load(data)?,
        }))
    }

    fn customs(&self) -> Vec<(i64, String)> {
        self.controls
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_annex_a())
            .map(|(i, c)| {
                (
                    i64::try_from(i).unwrap_or(0),
                    format!("{} {}", c.key, c.title),
                )
            })
            .collect()
    }

    fn annex(&self) -> Vec<(i64, String)> {
        self.controls
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_annex_a())
            .map(|(i, c)| {
                (
                    i64::try_from(i).unwrap_or(0),
                    format!("{} {}", display_ref(&c.key), c.title),
                )
            })
            .collect()
    }

    fn key_at(&self, position: i64) -> Option<String> {
        usize::try_from(position)
            .ok()
            .and_then(|p| self.controls.get(p))
            .map(|c| c.key.clone())
    }

    fn position_of(&self, key: &str) -> Option<i64> {
        self.controls
            .iter()
            .position(|c| c.key == key)
            .and_then(|p| i64::try_from(p).ok())
    }
}

fn reason_labels(entry: &SoaEntry, treated: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if !treated.is_empty() {
        out.push("risk treatment".to_string());
    }
    out.extend(entry.reasons.iter().map(|r| r.label().to_lowercase()));
    out
}

/// The reasons in a table cell: short codes, so several fit.
fn reason_codes(entry: &SoaEntry, treated: &[String]) -> String {
    let mut out = Vec::new();
    if !treated.is_empty() {
        out.push("risk");
    }
    out.extend(entry.reasons.iter().map(|r| r.as_str()));
    out.join(", ")
}

fn applicability_cell(a: Applicability) -> &'static str {
    match a {
        Applicability::Applicable => "yes",
        Applicability::NotApplicable => "no",
        Applicability::Undecided => "?",
    }
}

#[derive(Clone)]
pub struct SoaRow {
    pub control: Control,
    pub entry: SoaEntry,
    /// The documents of the register that evidence it (row ids).
    pub documents: Vec<i64>,
    pub ctx: Arc<SoaContext>,
}

impl SoaRow {
    fn treated(&self) -> &[String] {
        self.ctx
            .treated
            .get(&self.control.key)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The applicability as every view of the SoA shows it: derived from the treatment plan
    /// when nobody decided.
    fn applicability(&self) -> Applicability {
        soa::applicability(&self.entry, !self.treated().is_empty())
    }
}

impl Record for SoaRow {
    const NOUN: &'static str = "control";
    const CAN_ADD: bool = false;
    const CAN_DELETE: bool = false;
    const BULK: bool = true;

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Control", 8, 8, 9),
            Column::new("Title", 34, 14, 8),
            Column::new("Theme", 14, 4, 3).coded(&legend::CONTROL_THEME),
            Column::new("Appl.", 5, 5, 7),
            Column::new("Reasons", 22, 8, 4),
            Column::new("Status", 21, 5, 6).coded(&legend::SOA_STATUS),
            Column::new("Owner", 16, 6, 2),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let e = &self.entry;
        vec![
            display_ref(&self.control.key),
            self.control.title.clone(),
            self.control.theme.label().to_string(),
            applicability_cell(self.applicability()).to_string(),
            reason_codes(e, self.treated()),
            if e.applicability == Applicability::NotApplicable {
                "excluded".into()
            } else {
                e.status.label().to_string()
            },
            e.owner.clone(),
        ]
    }

    /// The implementation status in the colours of the Dashboard's SoA bar.
    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        if self.entry.applicability == Applicability::NotApplicable {
            return Vec::new();
        }
        let part = match self.entry.status {
            ImplementationStatus::Implemented => 0,
            ImplementationStatus::Partial => 1,
            ImplementationStatus::Planned => 2,
            ImplementationStatus::NotStarted => 3,
        };
        vec![(5, crate::ui::theme::Tone::Progress(part))]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let c = &self.control;
        let e = &self.entry;
        let treated = self.treated();
        let mut reasons = reason_labels(e, treated);
        if !treated.is_empty() {
            reasons[0] = format!(
                "risk treatment: {} (from the treatment plan)",
                treated.join(", ")
            );
        }
        let applicable = if soa::applicable_by_treatment(e, !treated.is_empty()) {
            "Applicable (derived: a treatment action implements it)".to_string()
        } else {
            e.applicability.label().to_string()
        };
        // The same predicates the store and the readiness check use.
        let exclusion = if soa::excludes_treatment(e, !treated.is_empty()) {
            format!(
                "contradiction: excluded, but it implements the treatment of {}",
                treated.join(", ")
            )
        } else if soa::exclusion_unjustified(e, &self.ctx.controls) {
            "missing: an auditor will ask".to_string()
        } else {
            match &e.covered_by {
                Some(by) => format!("covered by {by}. {}", e.exclusion_justification),
                None => e.exclusion_justification.clone(),
            }
        };
        vec![
            ("Control", format!("{} {}", display_ref(&c.key), c.title)),
            ("Theme", c.theme.label().to_string()),
            (
                "Source",
                if c.is_annex_a() {
                    String::new()
                } else {
                    c.source.clone()
                },
            ),
            (
                "Covers",
                c.covers
                    .iter()
                    .map(|k| display_ref(k))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ("Applicable", applicable),
            ("Reasons", reasons.join("\n")),
            ("Justification", e.justification.clone()),
            ("Exclusion", exclusion),
            (
                "Implementation",
                if e.applicability == Applicability::NotApplicable {
                    String::new()
                } else {
                    e.status.label().to_string()
                },
            ),
            (
                "Target date",
                e.target_date.map(|d| d.to_string()).unwrap_or_default(),
            ),
            ("Owner", e.owner.clone()),
            ("Evidence", e.evidence.clone()),
            ("Documents", self.ctx.docs.lines(&self.documents)),
            ("Description", c.description.clone()),
        ]
    }

    fn facets(&self) -> Vec<(Field, String)> {
        let e = &self.entry;
        let mut f = vec![
            (facet::THEME, self.control.theme.label().to_string()),
            (facet::APPLICABLE, self.applicability().label().to_string()),
            (facet::STATUS, e.status.label().to_string()),
            (
                facet::OWNER,
                if e.owner.is_empty() {
                    "(none)".into()
                } else {
                    e.owner.clone()
                },
            ),
        ];
        let reasons = reason_labels(e, self.treated());
        if reasons.is_empty() {
            f.push((facet::REASON, "(none)".into()));
        }
        f.extend(reasons.into_iter().map(|r| (facet::REASON, r)));
        f
    }

    fn id(&self) -> i64 {
        self.ctx.position_of(&self.control.key).unwrap_or(0)
    }

    fn is_at(&self, place: &Place) -> bool {
        matches!(place, Place::Control(key) if *key == self.control.key)
    }

    fn label(&self) -> String {
        format!("{} {}", display_ref(&self.control.key), self.control.title)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["soa_entry"], self.control.key.clone())
    }

    fn form(&self, title: String) -> Form {
        let e = &self.entry;
        let treated = self.treated();
        let derived = if treated.is_empty() {
            "none: no treatment action implements it".to_string()
        } else {
            format!(
                "risk treatment: {} (from the treatment plan)",
                treated.join(", ")
            )
        };
        let reason_ids: Vec<(i64, String)> = Reason::ALL
            .iter()
            .enumerate()
            .map(|(i, r)| (i64::try_from(i).unwrap_or(0), r.label().to_string()))
            .collect();
        let chosen: Vec<i64> = e
            .reasons
            .iter()
            .filter_map(|r| Reason::ALL.iter().position(|x| x == r))
            .map(|i| i64::try_from(i).unwrap_or(0))
            .collect();
        Form::new(title)
            .choice(
                soa::field::APPLICABILITY,
                "Applicable",
                Applicability::ALL.iter().map(|a| a.label()).collect(),
                Applicability::ALL
                    .iter()
                    .position(|a| *a == e.applicability)
                    .unwrap_or(0),
            )
            .note(DERIVED, "Derived reason", &derived)
            .pick_many(soa::field::REASONS, "Other reasons", reason_ids, chosen)
            .text(soa::field::JUSTIFICATION, "Justification", &e.justification)
            .text(
                soa::field::EXCLUSION_JUSTIFICATION,
                "Exclusion justification",
                &e.exclusion_justification,
            )
            .pick(
                soa::field::COVERED_BY,
                "Covered by",
                self.ctx.customs(),
                e.covered_by
                    .as_deref()
                    .and_then(|k| self.ctx.position_of(k)),
            )
            .choice(
                soa::field::STATUS,
                "Implementation",
                ImplementationStatus::ALL
                    .iter()
                    .map(|s| s.label())
                    .collect(),
                ImplementationStatus::ALL
                    .iter()
                    .position(|s| *s == e.status)
                    .unwrap_or(0),
            )
            .date(soa::field::TARGET_DATE, "Target date", e.target_date)
            .person(soa::field::OWNER, "Owner", &e.owner, &self.ctx.people)
            .text(soa::field::EVIDENCE, "Evidence", &e.evidence)
            .pick_many(
                soa::field::DOCUMENTS,
                "Documents (register)",
                self.ctx.docs.options(),
                self.documents.clone(),
            )
            // An applicable control has no exclusion to justify; the text stays.
            .disabled_when(soa::field::EXCLUSION_JUSTIFICATION, |form| {
                let applicability = Applicability::ALL
                    .get(form.choice_index(soa::field::APPLICABILITY))
                    .copied()
                    .unwrap_or(Applicability::Undecided);
                (!soa::exclusion_justification_applies(applicability))
                    .then_some("applies to an excluded control")
            })
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let reasons = form
            .picked_all(soa::field::REASONS)
            .into_iter()
            .filter_map(|i| {
                usize::try_from(i)
                    .ok()
                    .and_then(|i| Reason::ALL.get(i))
                    .copied()
            })
            .collect();
        let entry = SoaEntry {
            applicability: Applicability::ALL
                .get(form.choice_index(soa::field::APPLICABILITY))
                .copied()
                .unwrap_or(Applicability::Undecided),
            reasons,
            justification: form.value(soa::field::JUSTIFICATION),
            exclusion_justification: form.value(soa::field::EXCLUSION_JUSTIFICATION),
            covered_by: form
                .picked(soa::field::COVERED_BY)
                .and_then(|p| self.ctx.key_at(p)),
            status: ImplementationStatus::ALL
                .get(form.choice_index(soa::field::STATUS))
                .copied()
                .unwrap_or(ImplementationStatus::NotStarted),
            target_date: crate::domain::text::date(
                soa::field::TARGET_DATE,
                &form.value(soa::field::TARGET_DATE),
            )?,
            owner: form.value(soa::field::OWNER),
            evidence: form.value(soa::field::EVIDENCE),
            ..self.entry.clone()
        };
        Ok(SoaRow {
            entry,
            documents: form.picked_all(soa::field::DOCUMENTS),
            ..self.clone()
        })
    }

    fn bulk_form(&self, count: usize) -> Option<Form> {
        let mut applicability = vec!["keep"];
        applicability.extend(Applicability::ALL.iter().map(|a| a.label()));
        let mut reasons = vec!["keep"];
        reasons.extend(Reason::ALL.iter().map(|r| r.label()));
        let mut statuses = vec!["keep"];
        statuses.extend(ImplementationStatus::ALL.iter().map(|s| s.label()));
        Some(
            Form::new(format!(
                "Decide {} at once",
                crate::domain::wording::count(count, "control", "controls")
            ))
            .choice(soa::field::APPLICABILITY, "Applicable", applicability, 0)
            .choice(soa::field::REASONS, "Add a reason", reasons, 0)
            .choice(soa::field::STATUS, "Implementation", statuses, 0)
            .person(soa::field::OWNER, "Owner", "", &self.ctx.people)
            // One line each keeps the dialog small: the same words for every marked
            // control, a document reference as evidence.
            .line(soa::field::JUSTIFICATION, "Justification", "")
            .line(soa::field::EVIDENCE, "Evidence", "")
            .note(
                KEEP,
                "Empty fields",
                "keep what each control has: owner, justification and evidence",
            ),
        )
    }

    fn with_bulk(&self, form: &Form) -> Result<Self, ValidationError> {
        let mut entry = self.entry.clone();
        if let Some(a) = form
            .choice_index(soa::field::APPLICABILITY)
            .checked_sub(1)
            .and_then(|i| Applicability::ALL.get(i))
        {
            entry.applicability = *a;
        }
        if let Some(r) = form
            .choice_index(soa::field::REASONS)
            .checked_sub(1)
            .and_then(|i| Reason::ALL.get(i))
            && !entry.reasons.contains(r)
        {
            entry.reasons.push(*r);
        }
        if let Some(s) = form
            .choice_index(soa::field::STATUS)
            .checked_sub(1)
            .and_then(|i| ImplementationStatus::ALL.get(i))
        {
            entry.status = *s;
        }
        // Empty keeps what each control has: the same text for all, or nothing changed.
        for (field, value) in [
            (soa::field::OWNER, &mut entry.owner),
            (soa::field::JUSTIFICATION, &mut entry.justification),
            (soa::field::EVIDENCE, &mut entry.evidence),
        ] {
            let typed = form.value(field);
            if !typed.trim().is_empty() {
                *value = typed;
            }
        }
        Ok(SoaRow {
            entry,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = SoaContext::load(data)?;
        let controls: HashMap<&str, &Control> =
            ctx.controls.iter().map(|c| (c.key.as_str(), c)).collect();
        let rows: Vec<SoaRow> = data
            .soa()?
            .into_iter()
            .filter_map(|entry| {
                let control = (*controls.get(entry.control.as_str())?).clone();
                Some(SoaRow {
                    control,
                    documents: ctx.docs.of_control(&entry.control),
                    entry,
                    ctx: Arc::clone(&ctx),
                })
            })
            .collect();
        let blank = rows.first().cloned().unwrap_or_else(|| SoaRow {
            control: Control {
                key: String::new(),
                theme: Theme::Custom,
                title: String::new(),
                description: String::new(),
                source: String::new(),
                covers: Vec::new(),
            },
            entry: SoaEntry::undecided(""),
            documents: Vec::new(),
            ctx: Arc::clone(&ctx),
        });
        Ok((rows, blank))
    }

    fn is_new(&self) -> bool {
        false
    }

    fn save(&self) -> Command {
        Command::DecideControl {
            entry: self.entry.clone(),
            documents: self.documents.clone(),
        }
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::SoaEntry(entry) => SoaRow { entry, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Err(ValidationError::new(
            CONTROL,
            "a control stays in the SoA: mark it not applicable instead",
        ))
    }
}

/// A custom control (`C-001`), from the organisation or another control set.
#[derive(Clone)]
pub struct CustomRow {
    pub control: Control,
    pub ctx: Arc<SoaContext>,
}

impl Record for CustomRow {
    const NOUN: &'static str = "custom control";

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 6, 9),
            Column::new("Title", 36, 14, 8),
            Column::new("Source", 20, 8, 6),
            Column::new("Covers", 24, 8, 5),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let c = &self.control;
        vec![
            c.key.clone(),
            c.title.clone(),
            c.source.clone(),
            c.covers
                .iter()
                .map(|k| display_ref(k))
                .collect::<Vec<_>>()
                .join(", "),
        ]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let c = &self.control;
        vec![
            ("Control", format!("{} {}", c.key, c.title)),
            ("Source", c.source.clone()),
            (
                "Covers Annex A",
                c.covers
                    .iter()
                    .map(|k| {
                        self.ctx.controls.iter().find(|x| &x.key == k).map_or_else(
                            || display_ref(k),
                            |x| format!("{} {}", display_ref(k), x.title),
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ("Description", c.description.clone()),
        ]
    }

    fn id(&self) -> i64 {
        self.ctx.position_of(&self.control.key).unwrap_or(-1)
    }

    fn label(&self) -> String {
        format!("{} {}", self.control.key, self.control.title)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (&["control", "soa_entry"], self.control.key.clone())
    }

    fn form(&self, title: String) -> Form {
        let c = &self.control;
        Form::new(title)
            .line(control_field::TITLE, "Title", &c.title)
            .line(control_field::SOURCE, "Source", &c.source)
            .pick_many(
                control_field::COVERS,
                "Covers Annex A",
                self.ctx.annex(),
                c.covers
                    .iter()
                    .filter_map(|k| self.ctx.position_of(k))
                    .collect(),
            )
            .text(control_field::DESCRIPTION, "Description", &c.description)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let control = Control {
            title: form.value(control_field::TITLE),
            source: form.value(control_field::SOURCE),
            covers: form
                .picked_all(control_field::COVERS)
                .into_iter()
                .filter_map(|p| self.ctx.key_at(p))
                .collect(),
            description: form.value(control_field::DESCRIPTION),
            ..self.control.clone()
        };
        Ok(CustomRow {
            control,
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        let ctx = SoaContext::load(data)?;
        let rows = ctx
            .controls
            .iter()
            .filter(|c| !c.is_annex_a())
            .map(|c| CustomRow {
                control: c.clone(),
                ctx: Arc::clone(&ctx),
            })
            .collect();
        let blank = Control {
            key: String::new(),
            theme: Theme::Custom,
            title: String::new(),
            description: String::new(),
            source: "own".to_string(),
            covers: Vec::new(),
        };
        Ok((
            rows,
            CustomRow {
                control: blank,
                ctx,
            },
        ))
    }

    fn is_new(&self) -> bool {
        self.control.key.is_empty()
    }

    fn save(&self) -> Command {
        Command::SaveCustomControl(self.control.clone())
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Control(control) => CustomRow { control, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteCustomControl(self.control.key.clone()))
    }
}
