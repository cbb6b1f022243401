//! Controls (Annex A and custom), the SoA entries and the clause checklist.

use rusqlite::{OptionalExtension, Row};

use super::sql::{all, join, next_number, parse, parse_list};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::clause::ClauseItem;
use crate::domain::control::{Control, Theme};
use crate::domain::reference::RefKind;
use crate::domain::soa::SoaEntry;

fn control(r: &Row<'_>) -> rusqlite::Result<Control> {
    let covers: String = r.get(5)?;
    Ok(Control {
        key: r.get(0)?,
        theme: parse(r, 1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        source: r.get(4)?,
        covers: covers
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

fn soa_entry(r: &Row<'_>) -> rusqlite::Result<SoaEntry> {
    Ok(SoaEntry {
        control: r.get(0)?,
        applicability: parse(r, 1)?,
        reasons: parse_list(r, 2)?,
        justification: r.get(3)?,
        exclusion_justification: r.get(4)?,
        status: parse(r, 5)?,
        owner: r.get(6)?,
        evidence: r.get(7)?,
    })
}

const SOA: &str =
    "SELECT s.control, s.applicability, s.reasons, s.justification, s.exclusion_justification,
                          s.status, s.owner, s.evidence
                   FROM soa_entries s JOIN controls c ON c.key = s.control";

impl Store {
    /// Annex A in catalog order, then custom controls by number.
    pub fn controls(&self) -> Result<Vec<Control>> {
        Ok(all(
            self.conn(),
            "SELECT key, theme, title, description, source, covers FROM controls ORDER BY number IS NOT NULL, position, number",
            control,
        )?)
    }

    pub fn soa(&self) -> Result<Vec<SoaEntry>> {
        Ok(all(
            self.conn(),
            &format!("{SOA} ORDER BY c.number IS NOT NULL, c.position, c.number"),
            soa_entry,
        )?)
    }

    pub fn clauses(&self) -> Result<Vec<ClauseItem>> {
        Ok(all(
            self.conn(),
            "SELECT number, title, status, note, evidence FROM clauses ORDER BY position",
            |r| {
                Ok(ClauseItem {
                    number: r.get(0)?,
                    title: r.get(1)?,
                    status: parse(r, 2)?,
                    note: r.get(3)?,
                    evidence: r.get(4)?,
                })
            },
        )?)
    }
}

impl Writer<'_> {
    pub(super) fn insert_annex_a(&mut self, controls: &[Control]) -> Result<()> {
        for (position, c) in controls.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO controls (key, position, theme, title, source) VALUES (?1, ?2, ?3, ?4, ?5)",
                (&c.key, position as i64, c.theme.as_str(), &c.title, &c.source),
            )?;
            self.insert_soa_row(&SoaEntry::undecided(&c.key))?;
        }
        self.log(
            "catalog",
            "Annex A",
            "create",
            None::<&()>,
            Some(&controls.len()),
        )
    }

    pub(super) fn insert_clauses(&mut self, clauses: &[ClauseItem]) -> Result<()> {
        for (position, c) in clauses.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO clauses (number, position, title, status) VALUES (?1, ?2, ?3, ?4)",
                (&c.number, position as i64, &c.title, c.status.as_str()),
            )?;
        }
        self.log(
            "catalog",
            "Clauses",
            "create",
            None::<&()>,
            Some(&clauses.len()),
        )
    }

    /// Adds a custom control `C-00N` with an undecided SoA entry; `key` and `theme` are assigned.
    pub fn insert_custom_control(&mut self, control: Control) -> Result<Control> {
        let number = next_number(&self.tx, "controls")?;
        let control = Control {
            key: RefKind::CustomControl.format(number),
            theme: Theme::Custom,
            ..control.validated()?
        };
        for covered in &control.covers {
            self.check_control(covered)?;
        }
        let position: i64 = self.tx.query_row(
            "SELECT COALESCE(MAX(position), 0) + 1 FROM controls",
            [],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "INSERT INTO controls (key, number, position, theme, title, description, source, covers)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                control.key,
                number,
                position,
                control.theme.as_str(),
                control.title,
                control.description,
                control.source,
                control.covers.join(",")
            ],
        )?;
        self.insert_soa_row(&SoaEntry::undecided(&control.key))?;
        self.log(
            "control",
            &control.key,
            "create",
            None::<&()>,
            Some(&control),
        )?;
        Ok(control)
    }

    /// Refuses a control key the workspace does not know, naming it.
    pub(super) fn check_control(&self, key: &str) -> Result<()> {
        let found: Option<String> = self
            .tx
            .query_row("SELECT key FROM controls WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        match found {
            Some(_) => Ok(()),
            None => Err(ValidationError::new(
                "controls",
                format!("'{key}' is neither an Annex A control nor a custom control"),
            )
            .into()),
        }
    }

    fn insert_soa_row(&self, e: &SoaEntry) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO soa_entries (control, applicability, reasons, justification, exclusion_justification, status, owner, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute((
                &e.control,
                e.applicability.as_str(),
                join(&e.reasons, |r| r.as_str()),
                &e.justification,
                &e.exclusion_justification,
                e.status.as_str(),
                &e.owner,
                &e.evidence,
            ))?;
        Ok(())
    }

    /// Replaces the SoA decision for one control.
    pub fn set_soa_entry(&mut self, entry: SoaEntry) -> Result<SoaEntry> {
        let entry = entry.validated()?;
        let before = self
            .tx
            .query_row(
                &format!("{SOA} WHERE s.control = ?1"),
                [&entry.control],
                soa_entry,
            )
            .optional()?
            .ok_or_else(|| StoreError::Missing(format!("control {}", entry.control)))?;
        self.tx.execute(
            "UPDATE soa_entries SET applicability = ?2, reasons = ?3, justification = ?4, exclusion_justification = ?5,
             status = ?6, owner = ?7, evidence = ?8 WHERE control = ?1",
            (
                &entry.control,
                entry.applicability.as_str(),
                join(&entry.reasons, |r| r.as_str()),
                &entry.justification,
                &entry.exclusion_justification,
                entry.status.as_str(),
                &entry.owner,
                &entry.evidence,
            ),
        )?;
        self.log(
            "soa_entry",
            &entry.control,
            "update",
            Some(&before),
            Some(&entry),
        )?;
        Ok(entry)
    }

    /// Updates the status, note and evidence of one clause.
    pub fn set_clause(&mut self, item: ClauseItem) -> Result<ClauseItem> {
        let item = item.validated()?;
        let changed = self.tx.execute(
            "UPDATE clauses SET status = ?2, note = ?3, evidence = ?4 WHERE number = ?1",
            (
                &item.number,
                item.status.as_str(),
                &item.note,
                &item.evidence,
            ),
        )?;
        if changed == 0 {
            return Err(StoreError::Missing(format!("clause {}", item.number)));
        }
        self.log("clause", &item.number, "update", None::<&()>, Some(&item))?;
        Ok(item)
    }
}
