//! The treatment actions of the risk treatment plan, with the risks they treat and the controls
//! they implement.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::{links, rows};
use crate::domain::reference::RefKind;
use crate::domain::treatment::Action;
use crate::store::sql::{all, next_number, parse};
use crate::store::{Result, Store, StoreError, Writer};

const ACTION: &str = "SELECT id, number, title, description, owner, due, status FROM actions";

fn action(r: &Row<'_>) -> rusqlite::Result<Action> {
    Ok(Action {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        risks: Vec::new(),
        controls: Vec::new(),
        owner: r.get(4)?,
        due: r.get(5)?,
        status: parse(r, 6)?,
    })
}

fn one_action(conn: &Connection, id: i64) -> Result<Action> {
    let mut found = conn
        .prepare_cached(&format!("{ACTION} WHERE id = ?1"))?
        .query_row([id], action)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("treatment action #{id}")))?;
    found.risks = rows(
        conn,
        "SELECT risk FROM action_risks WHERE action = ?1 ORDER BY risk",
        [id],
        |r| r.get(0),
    )?;
    found.controls = rows(
        conn,
        "SELECT control FROM action_controls WHERE action = ?1 ORDER BY rowid",
        [id],
        |r| r.get(0),
    )?;
    Ok(found)
}

/// What goes with a deleted action: the references of the risks it treated.
#[derive(Serialize)]
struct DeletedAction<'a> {
    #[serde(flatten)]
    action: &'a Action,
    risk_refs: Vec<String>,
}

/// Every action with its risks and controls, by number.
pub(in crate::store) fn all_actions(conn: &Connection) -> Result<Vec<Action>> {
    let risks = links(
        conn,
        "SELECT action, risk FROM action_risks ORDER BY action, risk",
    )?;
    let mut controls: HashMap<i64, Vec<String>> = HashMap::new();
    for (action, control) in all(
        conn,
        "SELECT action, control FROM action_controls ORDER BY action, rowid",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )? {
        controls.entry(action).or_default().push(control);
    }
    let mut actions = all(conn, &format!("{ACTION} ORDER BY number"), action)?;
    for a in &mut actions {
        a.risks = risks.of(a.id);
        a.controls = controls.remove(&a.id).unwrap_or_default();
    }
    Ok(actions)
}

impl Store {
    pub fn actions(&self) -> Result<Vec<Action>> {
        all_actions(self.conn())
    }

    /// One action by row id, with its risks and controls; `Missing` if there is none.
    pub fn action_by_id(&self, id: i64) -> Result<Action> {
        one_action(self.conn(), id)
    }
}

impl Writer<'_> {
    pub fn insert_action(&mut self, action: Action) -> Result<Action> {
        let mut action = action.validated()?;
        action.owner = self.person_named(crate::domain::treatment::field::OWNER, &action.owner)?;
        for control in &action.controls {
            self.check_control(crate::domain::treatment::field::CONTROLS, control)?;
        }
        action.number = next_number(&self.tx, "actions")?;
        self.tx
            .prepare_cached("INSERT INTO actions (number, title, description, owner, due, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute((
                action.number,
                &action.title,
                &action.description,
                &action.owner,
                action.due,
                action.status.as_str(),
            ))?;
        action.id = self.tx.last_insert_rowid();
        self.link_action(&action)?;
        self.log(
            "action",
            &RefKind::Action.format(action.number),
            "create",
            None::<&()>,
            Some(&action),
        )?;
        Ok(action)
    }

    /// Changes an action's fields and replaces the risks and controls it links; its number
    /// stays. Refuses a control that is not in the workspace, like [`Writer::insert_action`].
    pub fn update_action(&mut self, action: Action) -> Result<Action> {
        let before = one_action(&self.tx, action.id)?;
        let mut action = Action {
            number: before.number,
            ..action.validated()?
        };
        action.owner = self.person_named(crate::domain::treatment::field::OWNER, &action.owner)?;
        for control in &action.controls {
            self.check_control(crate::domain::treatment::field::CONTROLS, control)?;
        }
        self.tx
            .prepare_cached(
                "UPDATE actions SET title = ?2, description = ?3, owner = ?4, due = ?5, status = ?6
                 WHERE id = ?1",
            )?
            .execute((
                action.id,
                &action.title,
                &action.description,
                &action.owner,
                action.due,
                action.status.as_str(),
            ))?;
        for sql in [
            "DELETE FROM action_risks WHERE action = ?1",
            "DELETE FROM action_controls WHERE action = ?1",
        ] {
            self.tx.prepare_cached(sql)?.execute([action.id])?;
        }
        self.link_action(&action)?;
        self.log(
            "action",
            &RefKind::Action.format(action.number),
            "update",
            Some(&before),
            Some(&action),
        )?;
        Ok(action)
    }

    /// Deletes an action with its links to risks and controls; the change log keeps it and the
    /// references of the risks it treated.
    pub fn delete_action(&mut self, id: i64) -> Result<()> {
        let action = one_action(&self.tx, id)?;
        let record = DeletedAction {
            action: &action,
            risk_refs: rows(
                &self.tx,
                "SELECT r.number FROM action_risks ar JOIN risks r ON r.id = ar.risk
                 WHERE ar.action = ?1 ORDER BY r.number",
                [id],
                |r| Ok(RefKind::Risk.format(r.get(0)?)),
            )?,
        };
        self.log(
            "action",
            &RefKind::Action.format(action.number),
            "delete",
            Some(&record),
            None::<&()>,
        )?;
        self.tx.execute("DELETE FROM actions WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Links a stored action to its risks (naming one that does not exist) and its controls
    /// (already checked).
    fn link_action(&self, action: &Action) -> Result<()> {
        for &risk in &action.risks {
            let exists = self
                .tx
                .prepare_cached("SELECT 1 FROM risks WHERE id = ?1")?
                .exists([risk])?;
            if !exists {
                return Err(StoreError::Missing(format!("risk #{risk}")));
            }
            self.tx
                .prepare_cached("INSERT INTO action_risks (action, risk) VALUES (?1, ?2)")?
                .execute((action.id, risk))?;
        }
        for control in &action.controls {
            self.tx
                .prepare_cached("INSERT INTO action_controls (action, control) VALUES (?1, ?2)")?
                .execute((action.id, control))?;
        }
        Ok(())
    }
}
