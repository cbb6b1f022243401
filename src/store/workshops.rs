//! Workshops: started, ended, and the changes logged while one ran. Starting one makes every
//! later change of the same edit, and of the edits after it through this handle, belong to it
//! until it is ended (see [`Writer::start_workshop`]).

use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};

use super::log::{COLUMNS, Change, change};
use super::sql::{all, next_number, rows};
use super::{Result, Store, StoreError, Writer};
use crate::domain::question::{field as question_field, parse_stamp, stamp};
use crate::domain::reference::RefKind;
use crate::domain::workshop::{Workshop, field};

const WORKSHOP: &str =
    "SELECT id, number, title, started_at, ended_at, attendees, walked FROM workshops";

/// A JSON list of names or references; one that does not read back reports the column damaged.
fn list(r: &Row<'_>, idx: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = r.get(idx)?;
    serde_json::from_str(&text).map_err(|e| crate::store::sql::bad_value(r, idx, e))
}

fn workshop(r: &Row<'_>) -> rusqlite::Result<Workshop> {
    let at = |idx: usize, text: Option<String>| {
        text.map(|t| {
            parse_stamp(question_field::NOTED_AT, &t)
                .map_err(|e| crate::store::sql::bad_value(r, idx, e))
        })
        .transpose()
    };
    Ok(Workshop {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        started_at: at(3, Some(r.get(3)?))?.ok_or(rusqlite::Error::InvalidColumnType(
            3,
            "started_at".into(),
            Type::Null,
        ))?,
        ended_at: at(4, r.get(4)?)?,
        attendees: list(r, 5)?,
        walked: list(r, 6)?,
    })
}

fn one_workshop(conn: &Connection, id: i64) -> Result<Workshop> {
    conn.prepare_cached(&format!("{WORKSHOP} WHERE id = ?1"))?
        .query_row([id], workshop)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("workshop #{id}")))
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

impl Store {
    /// Every workshop, by number.
    pub fn workshops(&self) -> Result<Vec<Workshop>> {
        Ok(all(
            self.conn(),
            &format!("{WORKSHOP} ORDER BY number"),
            workshop,
        )?)
    }

    /// The workshop `W-<number>`; `Missing` names it when there is none.
    pub fn workshop_numbered(&self, number: u32) -> Result<Workshop> {
        self.conn()
            .prepare_cached(&format!("{WORKSHOP} WHERE number = ?1"))?
            .query_row([number], workshop)
            .optional()?
            .ok_or_else(|| StoreError::Missing(RefKind::Workshop.format(number)))
    }

    /// The changes made while workshop `id` ran, oldest first.
    pub fn workshop_changes(&self, id: i64) -> Result<Vec<Change>> {
        Ok(rows(
            self.conn(),
            &format!("{COLUMNS} WHERE c.workshop = ?1 ORDER BY c.id"),
            [id],
            change,
        )?)
    }

    /// The workshop running in this window, if one does.
    pub fn running_workshop(&self) -> Option<i64> {
        self.workshop
    }
}

impl Writer<'_> {
    /// Starts a workshop now, by whoever edits; the changes after it belong to it.
    pub fn start_workshop(&mut self, title: &str, attendees: Vec<String>) -> Result<Workshop> {
        let started_at = parse_stamp(question_field::NOTED_AT, &self.at)?;
        let mut w = Workshop::new(title, attendees, started_at).validated()?;
        w.attendees = self.people_named(field::ATTENDEES, &w.attendees)?;
        w.number = next_number(&self.tx, "workshops")?;
        self.insert_workshop(&mut w)?;
        // The start and the end are changes of the workshop too.
        self.workshop = Some(w.id);
        self.log("workshop", &w.reference(), "start", None::<&()>, Some(&w))?;
        Ok(w)
    }

    /// Ends workshop `id` now, having walked the assets `walked` (row ids; deleted ones are
    /// left out). The changes after it belong to no workshop.
    pub fn end_workshop(&mut self, id: i64, walked: &[i64]) -> Result<Workshop> {
        let before = one_workshop(&self.tx, id)?;
        let at = parse_stamp(field::ENDED_AT, &self.at)?;
        let mut references = Vec::new();
        for &asset in walked {
            let number: Option<u32> = self
                .tx
                .prepare_cached("SELECT number FROM assets WHERE id = ?1")?
                .query_row([asset], |r| r.get(0))
                .optional()?;
            if let Some(reference) = number.map(|n| RefKind::Asset.format(n))
                && !references.contains(&reference)
            {
                references.push(reference);
            }
        }
        let after = before.clone().ended(at, references)?;
        self.tx.execute(
            "UPDATE workshops SET ended_at = ?2, walked = ?3 WHERE id = ?1",
            (id, after.ended_at.map(stamp), json(&after.walked)),
        )?;
        self.log(
            "workshop",
            &after.reference(),
            "end",
            Some(&before),
            Some(&after),
        )?;
        if self.workshop == Some(id) {
            self.workshop = None;
        }
        Ok(after)
    }

    /// Corrects the title and the attendees of workshop `w.id` (a name misspelt in the room);
    /// when it ran and what it walked stay as recorded.
    pub fn update_workshop(&mut self, w: Workshop) -> Result<Workshop> {
        let before = one_workshop(&self.tx, w.id)?;
        let mut after = Workshop {
            title: w.title,
            attendees: w.attendees,
            ..before.clone()
        }
        .validated()?;
        after.attendees = self.people_named(field::ATTENDEES, &after.attendees)?;
        if after == before {
            return Ok(after);
        }
        self.tx.execute(
            "UPDATE workshops SET title = ?2, attendees = ?3 WHERE id = ?1",
            (w.id, &after.title, json(&after.attendees)),
        )?;
        self.log(
            "workshop",
            &after.reference(),
            "update",
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    }

    /// Makes the changes after it belong to workshop `id` (`None`: to none), without starting
    /// or ending it: for a workshop recorded as it was ([`Writer::import_workshop`]), whose
    /// changes are then written as they were made in the room (the demo's workshop of fixed
    /// dates). Ending the edit with one set leaves it running in this window.
    pub fn continue_workshop(&mut self, id: Option<i64>) -> Result<()> {
        if let Some(id) = id {
            one_workshop(&self.tx, id)?;
        }
        self.workshop = id;
        Ok(())
    }

    /// Records a workshop as it was exported, under its own number.
    pub fn import_workshop(&mut self, w: Workshop) -> Result<Workshop> {
        let number = RefKind::Workshop.check_number(w.number)?;
        let mut w = w.validated()?;
        w.attendees = self.people_named(field::ATTENDEES, &w.attendees)?;
        w.number = next_number(&self.tx, "workshops")?;
        self.insert_workshop(&mut w)?;
        self.import_number(RefKind::Workshop, w.id, number)?;
        w.number = number;
        self.log("workshop", &w.reference(), "import", None::<&()>, Some(&w))?;
        Ok(w)
    }

    fn insert_workshop(&mut self, w: &mut Workshop) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO workshops (number, title, started_at, ended_at, attendees, walked)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute((
                w.number,
                &w.title,
                stamp(w.started_at),
                w.ended_at.map(stamp),
                json(&w.attendees),
                json(&w.walked),
            ))?;
        w.id = self.tx.last_insert_rowid();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Clock;
    use crate::domain::asset::{Asset, AssetKind};
    use crate::domain::protection::{Objective, ProtectionNeed};
    use crate::store::UserFixed;

    fn workspace(dir: &tempfile::TempDir) -> (Store, Asset, UserFixed) {
        let fixed = UserFixed::as_user("ines");
        let path = dir.path().join("w.isms");
        let mut store = Store::create_with_clock(
            &path,
            "Acme GmbH",
            None,
            Clock::Fixed("2026-03-31".parse().unwrap()),
        )
        .unwrap();
        let asset = store
            .edit(|w| w.insert_asset(Asset::new(AssetKind::Information, "Payroll")))
            .unwrap();
        (store, asset, fixed)
    }

    fn rate(store: &mut Store, asset: i64, level: u8) {
        let scale = store.protection_scale().unwrap();
        store
            .edit(|w| {
                w.set_protection_need(
                    ProtectionNeed {
                        asset,
                        objective: Objective::Confidentiality,
                        level,
                        rationale: "Salaries".into(),
                        rationale_stale: false,
                    },
                    &scale,
                )
            })
            .unwrap();
    }

    #[test]
    fn changes_made_while_a_workshop_runs_belong_to_it_and_no_others() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, payroll, _fixed) = workspace(&dir);
        rate(&mut store, payroll.id, 1);
        let w = store
            .edit(|w| w.start_workshop("Rating day", vec!["Anna Weber".into()]))
            .unwrap();
        assert_eq!(w.reference(), "W-001");
        assert_eq!(store.running_workshop(), Some(w.id));
        rate(&mut store, payroll.id, 3);
        store.edit(|w| w.note_question(None, "Who signs?")).unwrap();
        let ended = store
            .edit(|wr| wr.end_workshop(w.id, &[payroll.id, payroll.id, 999]))
            .unwrap();
        assert_eq!(ended.walked, ["AS-001"]);
        assert!(ended.ended_at.is_some());
        assert_eq!(store.running_workshop(), None);
        rate(&mut store, payroll.id, 2);

        let changes = store.workshop_changes(w.id).unwrap();
        let what: Vec<(&str, &str)> = changes
            .iter()
            .map(|c| (c.entity.as_str(), c.action.as_str()))
            .collect();
        assert_eq!(
            what,
            [
                ("workshop", "start"),
                ("protection_need", "set"),
                ("question", "create"),
                ("workshop", "end")
            ]
        );
        assert!(changes.iter().all(|c| c.workshop == Some(1)));
        let question = store.questions().unwrap().pop().unwrap();
        assert_eq!(question.workshop, Some(w.id));
        let all = store.changes().unwrap();
        assert_eq!(all.last().unwrap().workshop, None);
        assert_eq!(store.workshops().unwrap(), std::slice::from_ref(&ended));
        assert_eq!(store.workshop_numbered(1).unwrap(), ended);
        let err = store.workshop_numbered(2).unwrap_err();
        assert!(err.to_string().contains("W-002"), "{err}");
    }

    #[test]
    fn title_and_attendees_are_corrected_the_rest_stays() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _, _fixed) = workspace(&dir);
        let w = store
            .edit(|w| w.start_workshop("Day", vec!["Ana".into()]))
            .unwrap();
        let ended = store.edit(|wr| wr.end_workshop(w.id, &[])).unwrap();
        let fixed = store
            .edit(|wr| {
                wr.update_workshop(Workshop {
                    title: "Rating day".into(),
                    attendees: vec!["Anna Weber".into()],
                    ended_at: None,
                    ..ended.clone()
                })
            })
            .unwrap();
        assert_eq!(fixed.title, "Rating day");
        assert_eq!(fixed.attendees, ["Anna Weber"]);
        assert_eq!(fixed.ended_at, ended.ended_at, "when it ran stays");
        let log = store.history(&["workshop"], "W-001").unwrap();
        assert_eq!(log.last().unwrap().action, "update");
        let err = store
            .edit(|wr| {
                wr.update_workshop(Workshop {
                    title: " ".into(),
                    ..fixed.clone()
                })
            })
            .unwrap_err();
        assert_eq!(err.to_string(), "title: is required");
    }

    #[test]
    fn a_refused_start_leaves_no_workshop_running() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _, _fixed) = workspace(&dir);
        let err = store.edit(|w| w.start_workshop("  ", vec![])).unwrap_err();
        assert_eq!(err.to_string(), "title: is required");
        assert_eq!(store.running_workshop(), None);
        // Started and refused later in the same edit: nothing runs, nothing is stored.
        let err = store
            .edit(|w| {
                w.start_workshop("Day", vec![])?;
                w.note_question(Some(999), "x")
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::Missing(_)), "{err}");
        assert_eq!(store.running_workshop(), None);
        assert!(store.workshops().unwrap().is_empty());
    }

    #[test]
    fn an_import_keeps_the_number_and_the_stamps() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _, _fixed) = workspace(&dir);
        let at = |s: &str| parse_stamp(field::ENDED_AT, s).unwrap();
        let mut w = Workshop::new("Day", vec!["Anna".into()], at("2025-11-04T09:00:00"));
        w.number = 4;
        w.ended_at = Some(at("2025-11-04T12:00:00"));
        w.walked = vec!["AS-001".into()];
        let stored = store.edit(|wr| wr.import_workshop(w.clone())).unwrap();
        assert_eq!(
            stored,
            Workshop {
                id: stored.id,
                ..w.clone()
            }
        );
        assert_eq!(store.workshops().unwrap(), [stored]);
        assert_eq!(store.running_workshop(), None);
        let err = store.edit(|wr| wr.import_workshop(w)).unwrap_err();
        assert!(err.to_string().contains("W-004 is taken"), "{err}");
    }

    #[test]
    fn changes_can_be_written_into_a_recorded_workshop_and_out_of_it_again() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, payroll, _fixed) = workspace(&dir);
        let at = |s: &str| parse_stamp(field::ENDED_AT, s).unwrap();
        let mut w = Workshop::new("Day", vec![], at("2025-11-04T09:00:00"));
        w.number = 1;
        w.ended_at = Some(at("2025-11-04T12:00:00"));
        let stored = store
            .edit(|wr| {
                let stored = wr.import_workshop(w)?;
                wr.continue_workshop(Some(stored.id))?;
                wr.note_question(Some(payroll.id), "Who signs?")?;
                wr.continue_workshop(None)?;
                Ok(stored)
            })
            .unwrap();
        rate(&mut store, payroll.id, 2);
        assert_eq!(store.running_workshop(), None);
        let what: Vec<(String, String)> = store
            .workshop_changes(stored.id)
            .unwrap()
            .into_iter()
            .map(|c| (c.entity, c.action))
            .collect();
        assert_eq!(what, [("question".into(), "create".into())]);
        assert_eq!(store.questions().unwrap()[0].workshop, Some(stored.id));
        let err = store
            .edit(|wr| wr.continue_workshop(Some(999)))
            .unwrap_err();
        assert!(matches!(err, StoreError::Missing(_)), "{err}");
    }
}
