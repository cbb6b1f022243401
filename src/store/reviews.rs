//! Management reviews (`MR-001`) with their participants, notes and decisions, the inputs they
//! froze when held (JSON), and their actions (`MR-001/2`). A review's changes are logged under
//! its reference as `review`, an action's under its own as `review_action`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use super::audits::{all_audits, all_findings};
use super::baselines::all_baselines;
use super::meta::methodology_on;
use super::nonconformities::all_nonconformities;
use super::objectives::{all_measurements, all_objectives};
use super::risks::{all_acceptances, all_actions, all_risks};
use super::scope::{all_issues, all_parties};
use super::sql::{all, next_number, parse, rows};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::objective::ObjectiveStatus;
use crate::domain::reference::RefKind;
use crate::domain::review::inputs::{self, Logged, Sources};
use crate::domain::review::{Inputs, Review, ReviewAction, action_reference, field};

const REVIEW: &str = "SELECT id, number, title, planned_on, held_on, status, notes, improvements,
    changes, resources, inputs FROM reviews";

const ACTION: &str = "SELECT a.id, a.review, a.number, a.description, a.owner, a.due_on,
    a.status, a.note FROM review_actions a JOIN reviews r ON r.id = a.review";

/// A change-log row as the inputs read it: stamp, entity, reference, action, before, after.
type LogRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// The entities whose change-log rows a review's inputs read.
const LOGGED: &str = "('context_issue', 'party', 'risk')";

fn json<T: serde::de::DeserializeOwned>(r: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = r.get(idx)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn review(r: &Row<'_>) -> rusqlite::Result<Review> {
    let inputs: Option<String> = r.get(10)?;
    Ok(Review {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        planned_on: r.get(3)?,
        held_on: r.get(4)?,
        status: parse(r, 5)?,
        participants: Vec::new(),
        notes: json(r, 6)?,
        improvements: r.get(7)?,
        changes: r.get(8)?,
        resources: r.get(9)?,
        inputs: match inputs {
            Some(text) => Some(serde_json::from_str(&text).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    10,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?),
            None => None,
        },
    })
}

fn action(r: &Row<'_>) -> rusqlite::Result<ReviewAction> {
    Ok(ReviewAction {
        id: r.get(0)?,
        review: r.get(1)?,
        number: r.get(2)?,
        description: r.get(3)?,
        owner: r.get(4)?,
        due_on: r.get(5)?,
        status: parse(r, 6)?,
        note: r.get(7)?,
    })
}

fn with_participants(conn: &Connection, mut reviews: Vec<Review>) -> Result<Vec<Review>> {
    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    for (review, name) in all(
        conn,
        "SELECT review, name FROM review_participants ORDER BY review, position",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )? {
        names.entry(review).or_default().push(name);
    }
    for r in &mut reviews {
        r.participants = names.remove(&r.id).unwrap_or_default();
    }
    Ok(reviews)
}

fn one_review(conn: &Connection, id: i64) -> Result<Review> {
    let found = conn
        .prepare_cached(&format!("{REVIEW} WHERE id = ?1"))?
        .query_row([id], review)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("management review #{id}")))?;
    Ok(Review {
        participants: rows(
            conn,
            "SELECT name FROM review_participants WHERE review = ?1 ORDER BY position",
            [id],
            |r| r.get(0),
        )?,
        ..found
    })
}

fn one_action(conn: &Connection, id: i64) -> Result<ReviewAction> {
    conn.prepare_cached(&format!("{ACTION} WHERE a.id = ?1"))?
        .query_row([id], action)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("review action #{id}")))
}

fn to_json<T: serde::Serialize>(what: &str, value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Damaged(format!("{what}: {e}")))
}

impl Store {
    /// Every management review with its participants, by number.
    pub fn reviews(&self) -> Result<Vec<Review>> {
        let reviews = all(self.conn(), &format!("{REVIEW} ORDER BY number"), review)?;
        with_participants(self.conn(), reviews)
    }

    pub fn review_by_id(&self, id: i64) -> Result<Review> {
        one_review(self.conn(), id)
    }

    /// Every review action: by review number, then action number.
    pub fn review_actions(&self) -> Result<Vec<ReviewAction>> {
        Ok(all(
            self.conn(),
            &format!("{ACTION} ORDER BY r.number, a.number"),
            action,
        )?)
    }

    /// The inputs of `review`: frozen once held, else assembled from the registers as they
    /// stand `today` (the domain gathers them; this reads the lists it gathers from).
    pub fn review_inputs(&self, review: &Review, today: NaiveDate) -> Result<Inputs> {
        inputs_on(self.conn(), review, today)
    }
}

/// [`Store::review_inputs`] on `conn`: the store's connection, or a writer's transaction.
fn inputs_on(conn: &Connection, review: &Review, today: NaiveDate) -> Result<Inputs> {
    let changes: Vec<LogRow> = all(
        conn,
        &format!(
            "SELECT at, entity, reference, action, before, after FROM change_log
             WHERE entity IN {LOGGED} ORDER BY id"
        ),
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    // Stamps are `2026-03-31T09:15:00`; a row whose stamp is no date is left out.
    let log: Vec<Logged<'_>> = changes
        .iter()
        .filter_map(|(at, entity, reference, action, before, after)| {
            Some(Logged {
                on: NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()?,
                entity,
                reference,
                action,
                before: before.as_deref(),
                after: after.as_deref(),
            })
        })
        .collect();
    let reviews = all(conn, &format!("{REVIEW} ORDER BY number"), self::review)?;
    let review_actions = all(
        conn,
        &format!("{ACTION} ORDER BY r.number, a.number"),
        action,
    )?;
    let (nonconformities, audits) = (all_nonconformities(conn)?, all_audits(conn)?);
    let (findings, methodology) = (all_findings(conn)?, methodology_on(conn)?);
    let (risks, actions) = (all_risks(conn)?, all_actions(conn)?);
    let acceptances = all_acceptances(conn)?;
    let (issues, parties) = (all_issues(conn)?, all_parties(conn)?);
    let baselines = all_baselines(conn)?;
    let (objectives, measurements) = (all_objectives(conn)?, all_measurements(conn)?);
    Ok(inputs::of(
        review,
        &Sources {
            log: &log,
            reviews: &reviews,
            review_actions: &review_actions,
            nonconformities: &nonconformities,
            audits: &audits,
            findings: &findings,
            methodology: &methodology,
            issues: &issues,
            parties: &parties,
            baselines: &baselines,
            risks: &risks,
            actions: &actions,
            acceptances: &acceptances,
            objectives: &objectives,
            measurements: &measurements,
        },
        today,
    ))
}

impl Writer<'_> {
    /// Adds a review (`id` 0, numbered next) or changes one; its participants are people of the
    /// register. Whether it is held, when, and what it froze change only by holding it
    /// ([`Writer::hold_review`]); a new review may arrive held with its inputs (an import).
    pub fn save_review(&mut self, review: Review) -> Result<Review> {
        let review = review.validated()?;
        let review = Review {
            participants: self.people_named(field::PARTICIPANTS, &review.participants)?,
            ..review
        };
        if review.id == 0 {
            let number = next_number(&self.tx, "reviews")?;
            return self.write_new_review(Review { number, ..review });
        }
        let before = one_review(&self.tx, review.id)?;
        let after = Review {
            number: before.number,
            status: before.status,
            held_on: if before.is_held() {
                before.held_on
            } else {
                review.held_on
            },
            inputs: before.inputs.clone(),
            ..review
        };
        self.write_review(&after)?;
        let after = one_review(&self.tx, after.id)?;
        if after != before {
            self.log(
                "review",
                &after.reference(),
                "update",
                Some(&before),
                Some(&after),
            )?;
        }
        Ok(after)
    }

    /// Holds review `id` on `on`: its inputs, assembled for the period ending that day from
    /// the registers as they stand, are frozen into it (the domain refuses one held already).
    pub fn hold_review(&mut self, id: i64, on: NaiveDate) -> Result<Review> {
        let before = one_review(&self.tx, id)?;
        let inputs = inputs_on(&self.tx, &before, on)?;
        let after = before.clone().hold(inputs, on)?;
        self.write_review(&after)?;
        self.log(
            "review",
            &after.reference(),
            "hold",
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    }

    /// Holds review `id` today as management does: first today's value of every built-in
    /// measure of an objective pursued (9.1, recorded at each management review; one with
    /// nothing to measure yet is left out), then the review with its inputs frozen, all in
    /// this edit.
    pub fn hold_review_today(&mut self, id: i64, today: NaiveDate) -> Result<Review> {
        let objectives = all_objectives(&self.tx)?;
        for o in objectives
            .iter()
            .filter(|o| o.builtin.is_some() && o.status != ObjectiveStatus::Withdrawn)
        {
            match self.record_builtin_measure(o.id, today) {
                Ok(_) | Err(StoreError::Invalid(_)) => {}
                Err(e) => return Err(e),
            }
        }
        self.hold_review(id, today)
    }

    /// A review of an imported workspace: its number kept, its names made people's.
    pub fn import_review(&mut self, review: Review) -> Result<Review> {
        let number = RefKind::Review.check_number(review.number)?;
        let saved = self.save_review(Review { id: 0, ..review })?;
        self.import_number(RefKind::Review, saved.id, number)?;
        Ok(Review { number, ..saved })
    }

    fn write_new_review(&mut self, mut review: Review) -> Result<Review> {
        self.tx.execute(
            "INSERT INTO reviews (number, title, status, notes) VALUES (?1, ?2, ?3, '[]')",
            (review.number, &review.title, review.status.as_str()),
        )?;
        review.id = self.tx.last_insert_rowid();
        self.write_review(&review)?;
        self.log(
            "review",
            &review.reference(),
            "create",
            None::<&()>,
            Some(&review),
        )?;
        Ok(review)
    }

    fn write_review(&mut self, r: &Review) -> Result<()> {
        let inputs = match &r.inputs {
            Some(i) => Some(to_json("review inputs", i)?),
            None => None,
        };
        self.tx
            .prepare_cached(
                "UPDATE reviews SET title = ?2, planned_on = ?3, held_on = ?4, status = ?5,
                    notes = ?6, improvements = ?7, changes = ?8, resources = ?9, inputs = ?10
                 WHERE id = ?1",
            )?
            .execute(rusqlite::params![
                r.id,
                &r.title,
                r.planned_on,
                r.held_on,
                r.status.as_str(),
                to_json("review notes", &r.notes)?,
                &r.improvements,
                &r.changes,
                &r.resources,
                inputs,
            ])?;
        self.tx
            .prepare_cached("DELETE FROM review_participants WHERE review = ?1")?
            .execute([r.id])?;
        for (position, name) in r.participants.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "INSERT INTO review_participants (review, position, name) VALUES (?1, ?2, ?3)",
                )?
                .execute(rusqlite::params![r.id, position as i64, name])?;
        }
        Ok(())
    }

    /// Deletes a review with its actions; a held one is the record of what management decided
    /// and is kept.
    pub fn delete_review(&mut self, id: i64) -> Result<()> {
        let review = one_review(&self.tx, id)?;
        if review.is_held() {
            return Err(ValidationError::new(
                field::STATUS,
                format!(
                    "{} was held: its minutes are a record and stay",
                    review.reference()
                ),
            )
            .into());
        }
        self.log(
            "review",
            &review.reference(),
            "delete",
            Some(&review),
            None::<&()>,
        )?;
        self.tx.execute("DELETE FROM reviews WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Adds an action to its review (`id` 0, numbered next within the review) or changes one;
    /// its owner is a person of the register.
    pub fn save_review_action(&mut self, action: ReviewAction) -> Result<ReviewAction> {
        let action = action.validated()?;
        let action = ReviewAction {
            owner: self.person_named(field::OWNER, &action.owner)?,
            ..action
        };
        let review = one_review(&self.tx, action.review).map_err(|_| {
            StoreError::from(ValidationError::new(
                field::REVIEW,
                format!("management review #{} does not exist", action.review),
            ))
        })?;
        if action.id == 0 {
            let number: u32 = self.tx.query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM review_actions WHERE review = ?1",
                [review.id],
                |r| r.get(0),
            )?;
            self.tx
                .prepare_cached(
                    "INSERT INTO review_actions (review, number, description, owner, due_on,
                        status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(rusqlite::params![
                    review.id,
                    number,
                    &action.description,
                    &action.owner,
                    action.due_on,
                    action.status.as_str(),
                    &action.note,
                ])?;
            let saved = ReviewAction {
                id: self.tx.last_insert_rowid(),
                number,
                ..action
            };
            self.log(
                "review_action",
                &action_reference(review.number, number),
                "create",
                None::<&()>,
                Some(&saved),
            )?;
            return Ok(saved);
        }
        let before = one_action(&self.tx, action.id)?;
        if before.review != action.review {
            return Err(ValidationError::new(
                field::REVIEW,
                "an action stays with the review that decided it",
            )
            .into());
        }
        let after = ReviewAction {
            number: before.number,
            ..action
        };
        self.tx
            .prepare_cached(
                "UPDATE review_actions SET description = ?2, owner = ?3, due_on = ?4,
                    status = ?5, note = ?6 WHERE id = ?1",
            )?
            .execute(rusqlite::params![
                after.id,
                &after.description,
                &after.owner,
                after.due_on,
                after.status.as_str(),
                &after.note,
            ])?;
        if after != before {
            self.log(
                "review_action",
                &action_reference(review.number, after.number),
                "update",
                Some(&before),
                Some(&after),
            )?;
        }
        Ok(after)
    }

    /// An action of an imported workspace: its number within its review kept.
    pub fn import_review_action(&mut self, action: ReviewAction) -> Result<ReviewAction> {
        let number = action.number;
        let saved = self.save_review_action(ReviewAction { id: 0, ..action })?;
        if number == 0 || number == saved.number {
            return Ok(saved);
        }
        let what = format!("action {number} of management review #{}", saved.review);
        self.renumber_child(
            "review_actions",
            "review",
            saved.review,
            saved.id,
            number,
            &what,
        )?;
        Ok(ReviewAction { number, ..saved })
    }

    pub fn delete_review_action(&mut self, id: i64) -> Result<()> {
        let action = one_action(&self.tx, id)?;
        let review = one_review(&self.tx, action.review)?;
        self.log(
            "review_action",
            &action_reference(review.number, action.number),
            "delete",
            Some(&action),
            None::<&()>,
        )?;
        self.tx
            .execute("DELETE FROM review_actions WHERE id = ?1", [id])?;
        Ok(())
    }
}
