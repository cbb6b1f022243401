//! Open questions noted in workshops: noted, given to someone, answered, and carried over by
//! an import.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};

use super::sql::{all, next_number};
use super::{Result, Store, StoreError, Writer};
use crate::domain::Field;
use crate::domain::question::{OpenQuestion, field, parse_stamp, stamp};
use crate::domain::reference::RefKind;

const QUESTION: &str = "SELECT id, number, asset, text, noted_by, noted_at, resolved_at,
    answer, answered_by, assignee, due, workshop FROM open_questions";

/// A stored stamp; one that does not read back reports the column as damaged.
fn stamp_at(r: &Row<'_>, idx: usize, field: Field) -> rusqlite::Result<Option<NaiveDateTime>> {
    let Some(text) = r.get::<_, Option<String>>(idx)? else {
        return Ok(None);
    };
    parse_stamp(field, &text)
        .map(Some)
        .map_err(|e| crate::store::sql::bad_value(r, idx, e))
}

fn question(r: &Row<'_>) -> rusqlite::Result<OpenQuestion> {
    Ok(OpenQuestion {
        id: r.get(0)?,
        number: r.get(1)?,
        asset: r.get(2)?,
        text: r.get(3)?,
        noted_by: r.get(4)?,
        // The column is NOT NULL, so a missing stamp is a conversion failure like a bad one.
        noted_at: stamp_at(r, 5, field::NOTED_AT)?.ok_or(rusqlite::Error::InvalidColumnType(
            5,
            "noted_at".into(),
            Type::Null,
        ))?,
        resolved_at: stamp_at(r, 6, field::RESOLVED_AT)?,
        answer: r.get(7)?,
        answered_by: r.get(8)?,
        assignee: r.get(9)?,
        due: r.get(10)?,
        workshop: r.get(11)?,
    })
}

fn one_question(conn: &Connection, id: i64) -> Result<OpenQuestion> {
    conn.prepare_cached(&format!("{QUESTION} WHERE id = ?1"))?
        .query_row([id], question)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("open question #{id}")))
}

impl Store {
    /// Every question, open and resolved, by number: for listings and the workspace export.
    pub fn questions(&self) -> Result<Vec<OpenQuestion>> {
        Ok(all(
            self.conn(),
            &format!("{QUESTION} ORDER BY number"),
            question,
        )?)
    }

    /// The questions not resolved yet, by number.
    pub fn open_questions(&self) -> Result<Vec<OpenQuestion>> {
        Ok(all(
            self.conn(),
            &format!("{QUESTION} WHERE resolved_at IS NULL ORDER BY number"),
            question,
        )?)
    }
}

impl Writer<'_> {
    /// Notes a question about `asset` (or the workshop as a whole), by whoever edits, now, in
    /// the workshop that runs.
    pub fn note_question(&mut self, asset: Option<i64>, text: &str) -> Result<OpenQuestion> {
        let noted_at = parse_stamp(field::NOTED_AT, &self.at)?;
        let mut q = OpenQuestion::new(asset, text, self.who, noted_at);
        q.workshop = self.workshop;
        self.insert_question(q.validated()?)
    }

    /// Records the answer to question `id`, given by `answered_by` (empty: whoever edits), now;
    /// `Missing` if there is none, refused if it is answered already.
    pub fn answer_question(
        &mut self,
        id: i64,
        answer: &str,
        answered_by: &str,
    ) -> Result<OpenQuestion> {
        let before = one_question(&self.tx, id)?;
        let at = parse_stamp(field::RESOLVED_AT, &self.at)?;
        // Nobody named: the answer is the editing user's own, under their login name.
        let by = if answered_by.trim().is_empty() {
            self.who.to_string()
        } else {
            self.person_named(field::ANSWERED_BY, answered_by)?
        };
        let after = before.clone().answered(answer, &by, at)?;
        self.tx.execute(
            "UPDATE open_questions SET resolved_at = ?2, answer = ?3, answered_by = ?4
             WHERE id = ?1",
            (
                id,
                after.resolved_at.map(stamp),
                &after.answer,
                &after.answered_by,
            ),
        )?;
        self.log(
            "question",
            &after.reference(),
            "answer",
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    }

    /// Gives question `id` to `assignee` (empty: to nobody), due by `due`.
    pub fn assign_question(
        &mut self,
        id: i64,
        assignee: &str,
        due: Option<NaiveDate>,
    ) -> Result<OpenQuestion> {
        let before = one_question(&self.tx, id)?;
        let assignee = self.person_named(field::ASSIGNEE, assignee)?;
        let after = before.clone().assigned(&assignee, due)?;
        if after == before {
            return Ok(after);
        }
        self.tx.execute(
            "UPDATE open_questions SET assignee = ?2, due = ?3 WHERE id = ?1",
            (id, &after.assignee, after.due),
        )?;
        self.log(
            "question",
            &after.reference(),
            "assign",
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    }

    /// Records a question as it was exported: who noted it and when, resolved or not, under its
    /// own number (given back as [`Writer::import_number`] does for the other registers).
    pub fn import_question(&mut self, q: OpenQuestion) -> Result<OpenQuestion> {
        let number = RefKind::Question.check_number(q.number)?;
        let mut q = q.validated()?;
        q.assignee = self.person_named(field::ASSIGNEE, &q.assignee)?;
        let stored = self.insert_question(q)?;
        self.import_number(RefKind::Question, stored.id, number)?;
        Ok(OpenQuestion { number, ..stored })
    }

    /// Inserts a validated question under the next free number and logs it.
    fn insert_question(&mut self, mut q: OpenQuestion) -> Result<OpenQuestion> {
        if let Some(asset) = q.asset {
            self.asset_ref(asset)?;
        }
        q.number = next_number(&self.tx, "open_questions")?;
        self.tx
            .prepare_cached(
                "INSERT INTO open_questions (number, asset, text, noted_by, noted_at, resolved_at,
                     answer, answered_by, assignee, due, workshop)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(rusqlite::params![
                q.number,
                q.asset,
                &q.text,
                &q.noted_by,
                stamp(q.noted_at),
                q.resolved_at.map(stamp),
                &q.answer,
                &q.answered_by,
                &q.assignee,
                q.due,
                q.workshop,
            ])?;
        q.id = self.tx.last_insert_rowid();
        self.log("question", &q.reference(), "create", None::<&()>, Some(&q))?;
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Clock;
    use crate::domain::asset::{Asset, AssetKind};
    use crate::store::UserFixed;

    fn on(day: &str) -> Clock {
        Clock::Fixed(day.parse().unwrap())
    }

    /// A workspace of one server, edited by `ines` on 2026-03-31.
    fn workspace(dir: &tempfile::TempDir) -> (Store, Asset, UserFixed) {
        let fixed = UserFixed::as_user("ines");
        let path = dir.path().join("q.isms");
        let mut store =
            Store::create_with_clock(&path, "Acme GmbH", None, on("2026-03-31")).unwrap();
        let asset = store
            .edit(|w| w.insert_asset(Asset::new(AssetKind::Hardware, "Server")))
            .unwrap();
        (store, asset, fixed)
    }

    #[test]
    fn a_noted_question_is_stored_numbered_and_logged() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, server, _fixed) = workspace(&dir);
        let q = store
            .edit(|w| w.note_question(Some(server.id), " Shared with the subsidiary? "))
            .unwrap();
        let general = store
            .edit(|w| w.note_question(None, "Who signs the minutes?"))
            .unwrap();
        assert_eq!(
            (q.reference(), general.reference()),
            ("Q-001".into(), "Q-002".into())
        );
        assert_eq!(q.text, "Shared with the subsidiary?");
        assert_eq!(q.noted_by, "ines");
        assert_eq!(stamp(q.noted_at), "2026-03-31T00:00:00");
        assert_eq!(store.questions().unwrap(), [q.clone(), general]);
        let log = store.history(&["question"], "Q-001").unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].action, "create");
        assert_eq!(log[0].who, "ines");
        assert!(log[0].after.as_deref().unwrap().contains("subsidiary"));
    }

    #[test]
    fn a_bad_question_or_unknown_asset_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _, _fixed) = workspace(&dir);
        let changes = store.changes().unwrap().len();
        let err = store.edit(|w| w.note_question(None, "  ")).unwrap_err();
        assert_eq!(err.to_string(), "question: is required");
        let err = store
            .edit(|w| w.note_question(Some(999), "Why?"))
            .unwrap_err();
        assert!(matches!(err, StoreError::Missing(_)), "{err}");
        assert!(store.questions().unwrap().is_empty());
        assert_eq!(store.changes().unwrap().len(), changes);
    }

    #[test]
    fn a_resolved_question_leaves_the_open_ones_once() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, server, _fixed) = workspace(&dir);
        let q = store
            .edit(|w| w.note_question(Some(server.id), "Shared?"))
            .unwrap();
        let other = store.edit(|w| w.note_question(None, "Minutes?")).unwrap();
        store.set_clock(on("2026-04-02"));
        let done = store
            .edit(|w| w.answer_question(q.id, "No, ours alone", "Jonas Klein"))
            .unwrap();
        assert_eq!(
            done.resolved_at.map(stamp).as_deref(),
            Some("2026-04-02T00:00:00")
        );
        assert_eq!(
            (done.answer.as_str(), done.answered_by.as_str()),
            ("No, ours alone", "Jonas Klein")
        );
        assert_eq!(
            store.open_questions().unwrap(),
            std::slice::from_ref(&other)
        );
        assert_eq!(store.questions().unwrap()[0], done);
        let err = store
            .edit(|w| w.answer_question(q.id, "again", ""))
            .unwrap_err();
        assert!(err.to_string().contains("answered already"), "{err}");
        let err = store.edit(|w| w.answer_question(999, "x", "")).unwrap_err();
        assert!(matches!(err, StoreError::Missing(_)), "{err}");
        let err = store
            .edit(|w| w.answer_question(other.id, " ", ""))
            .unwrap_err();
        assert_eq!(err.to_string().split(':').next(), Some("answer"));
        // Nobody named: the user who records the answer gave it.
        let other = store
            .edit(|w| w.answer_question(other.id, "Ines signs", " "))
            .unwrap();
        assert_eq!(other.answered_by, "ines");
        let log = store.history(&["question"], "Q-001").unwrap();
        let actions: Vec<&str> = log.iter().map(|c| c.action.as_str()).collect();
        assert_eq!(actions, ["create", "answer"]);
        assert!(
            log[1]
                .before
                .as_deref()
                .unwrap()
                .contains("\"resolved_at\":null")
        );
    }

    #[test]
    fn a_question_is_given_to_someone_with_a_due_date() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, server, _fixed) = workspace(&dir);
        let q = store
            .edit(|w| w.note_question(Some(server.id), "Shared?"))
            .unwrap();
        let due = NaiveDate::from_ymd_opt(2026, 4, 15);
        let given = store
            .edit(|w| w.assign_question(q.id, "Jonas Klein", due))
            .unwrap();
        assert_eq!((given.assignee.as_str(), given.due), ("Jonas Klein", due));
        assert_eq!(store.questions().unwrap(), std::slice::from_ref(&given));
        let changes = store.changes().unwrap().len();
        store
            .edit(|w| w.assign_question(q.id, "Jonas Klein", due))
            .unwrap();
        assert_eq!(
            store.changes().unwrap().len(),
            changes,
            "the same again writes nothing"
        );
        let log = store.history(&["question"], "Q-001").unwrap();
        assert_eq!(log.last().unwrap().action, "assign");
    }

    #[test]
    fn a_question_outlives_its_asset() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, server, _fixed) = workspace(&dir);
        store
            .edit(|w| w.note_question(Some(server.id), "Shared?"))
            .unwrap();
        store.edit(|w| w.delete_asset(server.id)).unwrap();
        let questions = store.open_questions().unwrap();
        assert_eq!(questions.len(), 1);
        assert_eq!(questions[0].asset, None);
        // The asset's deletion records which questions were about it.
        let delete = store.history(&["asset"], "AS-001").unwrap().pop().unwrap();
        let before: serde_json::Value =
            serde_json::from_str(delete.before.as_deref().unwrap()).unwrap();
        assert_eq!(before["questions"], serde_json::json!(["Q-001"]));
    }

    #[test]
    fn an_import_keeps_who_when_and_the_number() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, server, _fixed) = workspace(&dir);
        let mut q = OpenQuestion::new(
            Some(server.id),
            "Shared?",
            "consultant",
            parse_stamp(field::NOTED_AT, "2025-11-04T14:30:00").unwrap(),
        );
        q.number = 7;
        q.resolved_at = Some(parse_stamp(field::NOTED_AT, "2025-12-01T09:00:00").unwrap());
        q.answer = "Yes".into();
        q.answered_by = "Anna".into();
        let stored = store.edit(|w| w.import_question(q.clone())).unwrap();
        assert_eq!(
            stored,
            OpenQuestion {
                id: stored.id,
                ..q.clone()
            }
        );
        assert_eq!(store.questions().unwrap(), [stored]);
        // A taken number is refused, and so is a resolution before the note.
        let err = store.edit(|w| w.import_question(q.clone())).unwrap_err();
        assert!(err.to_string().contains("Q-007 is taken"), "{err}");
        q.number = 8;
        q.resolved_at = Some(parse_stamp(field::NOTED_AT, "2025-01-01T00:00:00").unwrap());
        let err = store.edit(|w| w.import_question(q)).unwrap_err();
        assert!(err.to_string().starts_with("resolved_at:"), "{err}");
        assert_eq!(store.questions().unwrap().len(), 1);
    }
}
