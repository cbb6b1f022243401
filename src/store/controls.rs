//! Controls: Annex A (seeded, fixed) and the workspace's custom controls (`C-001`), which are
//! added, changed and deleted here together with their SoA entry.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::soa::{covered_by, one_entry};
use super::sql::{all, next_number, parse};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::control::{Control, Theme, display_ref};
use crate::domain::reference::RefKind;
use crate::domain::soa::SoaEntry;

const CONTROL: &str = "SELECT key, theme, title, description, source, covers FROM controls";

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

/// Annex A in catalog order, then custom controls by number.
pub(super) fn all_controls(conn: &Connection) -> Result<Vec<Control>> {
    Ok(all(
        conn,
        &format!("{CONTROL} ORDER BY number IS NOT NULL, position, number"),
        control,
    )?)
}

/// The custom controls by number.
pub(super) fn custom_controls(conn: &Connection) -> Result<Vec<Control>> {
    Ok(all(
        conn,
        &format!("{CONTROL} WHERE number IS NOT NULL ORDER BY number"),
        control,
    )?)
}

/// One custom control by key; `Missing` if there is none, refused for an Annex A control.
fn one_custom_control(conn: &Connection, key: &str) -> Result<Control> {
    let found = conn
        .prepare_cached(&format!("{CONTROL} WHERE key = ?1"))?
        .query_row([key], control)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("control {key}")))?;
    if found.is_annex_a() {
        return Err(ValidationError::new(
            crate::domain::treatment::field::CONTROLS,
            format!(
                "{} is an Annex A control; only custom controls can be changed or deleted",
                display_ref(key)
            ),
        )
        .into());
    }
    Ok(found)
}

/// What goes with a deleted custom control, so that the change log keeps it all.
#[derive(Serialize)]
struct DeletedControl<'a> {
    #[serde(flatten)]
    control: &'a Control,
    soa_entry: Option<SoaEntry>,
    /// Controls whose exclusion it covered; they are no longer covered.
    uncovered: Vec<String>,
}

impl Store {
    /// Annex A in catalog order, then custom controls by number.
    pub fn controls(&self) -> Result<Vec<Control>> {
        all_controls(self.conn())
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

    /// Adds a custom control `C-00N` with an undecided SoA entry; `key` and `theme` are
    /// assigned. What it covers must be Annex A controls.
    pub fn insert_custom_control(&mut self, control: Control) -> Result<Control> {
        let number = next_number(&self.tx, "controls")?;
        let control = Control {
            key: RefKind::CustomControl.format(number),
            theme: Theme::Custom,
            ..control.validated()?
        };
        self.check_covers(&control)?;
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

    /// Changes a custom control's title, description, source and what it covers; its key
    /// stays. Refuses to stop covering a control whose exclusion rests on it.
    pub fn update_custom_control(&mut self, control: Control) -> Result<Control> {
        let before = one_custom_control(&self.tx, control.key.trim())?;
        let control = Control {
            key: before.key.clone(),
            theme: Theme::Custom,
            ..control.validated()?
        };
        self.check_covers(&control)?;
        let relying = covered_by(&self.tx, &control.key)?;
        if let Some(dropped) = relying.iter().find(|c| !control.covers.contains(c)) {
            return Err(ValidationError::new(
                crate::domain::control::field::COVERS,
                format!(
                    "{} is excluded as covered by {}; change that SoA decision first",
                    display_ref(dropped),
                    control.key
                ),
            )
            .into());
        }
        self.tx.execute(
            "UPDATE controls SET title = ?2, description = ?3, source = ?4, covers = ?5
             WHERE key = ?1",
            (
                &control.key,
                &control.title,
                &control.description,
                &control.source,
                control.covers.join(","),
            ),
        )?;
        self.log(
            "control",
            &control.key,
            "update",
            Some(&before),
            Some(&control),
        )?;
        Ok(control)
    }

    /// Deletes a custom control with its SoA entry; exclusions it covered lose their "covered
    /// by" (each logged). Refused while a treatment action implements it, naming the actions.
    pub fn delete_custom_control(&mut self, key: &str) -> Result<()> {
        let control = one_custom_control(&self.tx, key.trim())?;
        let actions: Vec<String> = self
            .tx
            .prepare_cached(
                "SELECT a.number FROM action_controls ac JOIN actions a ON a.id = ac.action
                 WHERE ac.control = ?1 ORDER BY a.number",
            )?
            .query_map([&control.key], |r| Ok(RefKind::Action.format(r.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if !actions.is_empty() {
            return Err(ValidationError::new(
                crate::domain::treatment::field::CONTROLS,
                format!(
                    "{} is implemented by {}; remove it there first",
                    control.key,
                    actions.join(", ")
                ),
            )
            .into());
        }
        let uncovered = self.clear_covered_by(&control.key)?;
        let record = DeletedControl {
            control: &control,
            soa_entry: one_entry(&self.tx, &control.key).ok(),
            uncovered,
        };
        self.log(
            "control",
            &control.key,
            "delete",
            Some(&record),
            None::<&()>,
        )?;
        // The SoA entry goes with it (ON DELETE CASCADE).
        self.tx
            .execute("DELETE FROM controls WHERE key = ?1", [&control.key])?;
        Ok(())
    }

    /// Refuses a covered control that is not an Annex A control of the workspace, naming it.
    fn check_covers(&self, control: &Control) -> Result<()> {
        for covered in &control.covers {
            let annex_a = self
                .tx
                .prepare_cached("SELECT 1 FROM controls WHERE key = ?1 AND number IS NULL")?
                .exists([covered])?;
            if !annex_a {
                return Err(ValidationError::new(
                    crate::domain::control::field::COVERS,
                    format!("'{covered}' is not an Annex A control"),
                )
                .into());
            }
        }
        Ok(())
    }

    /// Refuses a control key the workspace does not know, naming it.
    /// Refuses a control key the workspace does not have, naming `field`.
    pub(super) fn check_control(&self, field: crate::domain::Field, key: &str) -> Result<()> {
        let found: Option<String> = self
            .tx
            .query_row("SELECT key FROM controls WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        match found {
            Some(_) => Ok(()),
            None => Err(ValidationError::new(
                field,
                format!(
                    "'{}' is neither an Annex A control nor a custom control",
                    crate::domain::text::shown(key)
                ),
            )
            .into()),
        }
    }
}
