//! Risks with their assets, acceptances, and the treatment actions.

use std::collections::HashMap;

use rusqlite::Row;

use super::sql::{all, join, next_number, parse, parse_list};
use super::{Result, Store, Writer};
use crate::domain::methodology::Rating;
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, Risk};
use crate::domain::treatment::Action;

fn rating(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<Rating>> {
    let (l, i): (Option<u8>, Option<u8>) = (r.get(at)?, r.get(at + 1)?);
    Ok(l.zip(i)
        .map(|(likelihood, impact)| Rating { likelihood, impact }))
}

fn risk(r: &Row<'_>) -> rusqlite::Result<Risk> {
    Ok(Risk {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        assets: Vec::new(),
        threat: r.get(4)?,
        vulnerability: r.get(5)?,
        objectives: parse_list(r, 6)?,
        owner: r.get(7)?,
        inherent: rating(r, 8)?,
        residual: rating(r, 10)?,
        treatment: r
            .get::<_, Option<String>>(12)?
            .map(|_| parse(r, 12))
            .transpose()?,
        treatment_rationale: r.get(13)?,
        status: parse(r, 14)?,
        next_review: r.get(15)?,
    })
}

/// Groups `(owner, member)` link rows into lists per owner.
fn links(conn: &rusqlite::Connection, sql: &str) -> Result<HashMap<i64, Vec<i64>>> {
    let mut map: HashMap<i64, Vec<i64>> = HashMap::new();
    for (owner, member) in all(conn, sql, |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    })? {
        map.entry(owner).or_default().push(member);
    }
    Ok(map)
}

impl Store {
    pub fn risks(&self) -> Result<Vec<Risk>> {
        let mut assets = links(
            self.conn(),
            "SELECT risk, asset FROM risk_assets ORDER BY risk, asset",
        )?;
        let mut risks = all(
            self.conn(),
            "SELECT id, number, title, description, threat, vulnerability, objectives, owner,
                    inherent_likelihood, inherent_impact, residual_likelihood, residual_impact,
                    treatment, treatment_rationale, status, next_review
             FROM risks ORDER BY number",
            risk,
        )?;
        for r in &mut risks {
            r.assets = assets.remove(&r.id).unwrap_or_default();
        }
        Ok(risks)
    }

    pub fn acceptances(&self) -> Result<Vec<Acceptance>> {
        Ok(all(
            self.conn(),
            "SELECT id, risk, accepted_by, authority, accepted_on, level, until, note FROM acceptances ORDER BY risk, accepted_on",
            |r| {
                Ok(Acceptance {
                    id: r.get(0)?,
                    risk: r.get(1)?,
                    accepted_by: r.get(2)?,
                    authority: parse(r, 3)?,
                    accepted_on: r.get(4)?,
                    level: r.get(5)?,
                    until: r.get(6)?,
                    note: r.get(7)?,
                })
            },
        )?)
    }

    pub fn actions(&self) -> Result<Vec<Action>> {
        let mut risks = links(
            self.conn(),
            "SELECT action, risk FROM action_risks ORDER BY action, risk",
        )?;
        let mut controls: HashMap<i64, Vec<String>> = HashMap::new();
        for (action, control) in all(
            self.conn(),
            "SELECT action, control FROM action_controls ORDER BY action, rowid",
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )? {
            controls.entry(action).or_default().push(control);
        }
        let mut actions = all(
            self.conn(),
            "SELECT id, number, title, description, owner, due, status FROM actions ORDER BY number",
            |r| {
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
            },
        )?;
        for a in &mut actions {
            a.risks = risks.remove(&a.id).unwrap_or_default();
            a.controls = controls.remove(&a.id).unwrap_or_default();
        }
        Ok(actions)
    }
}

impl Writer<'_> {
    pub fn insert_risk(
        &mut self,
        risk: Risk,
        methodology: &crate::domain::methodology::Methodology,
    ) -> Result<Risk> {
        let mut risk = risk.validated(methodology)?;
        risk.number = next_number(&self.tx, "risks")?;
        let (il, ii) = (
            risk.inherent.map(|r| r.likelihood),
            risk.inherent.map(|r| r.impact),
        );
        let (rl, ri) = (
            risk.residual.map(|r| r.likelihood),
            risk.residual.map(|r| r.impact),
        );
        self.tx
            .prepare_cached(
                "INSERT INTO risks (number, title, description, threat, vulnerability, objectives, owner,
                    inherent_likelihood, inherent_impact, residual_likelihood, residual_impact,
                    treatment, treatment_rationale, status, next_review)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(rusqlite::params![
                risk.number,
                risk.title,
                risk.description,
                risk.threat,
                risk.vulnerability,
                join(&risk.objectives, |o| o.as_str()),
                risk.owner,
                il,
                ii,
                rl,
                ri,
                risk.treatment.map(|t| t.as_str()),
                risk.treatment_rationale,
                risk.status.as_str(),
                risk.next_review,
            ])?;
        risk.id = self.tx.last_insert_rowid();
        for asset in &risk.assets {
            self.tx
                .prepare_cached("INSERT INTO risk_assets (risk, asset) VALUES (?1, ?2)")?
                .execute((risk.id, asset))?;
        }
        self.log(
            "risk",
            &RefKind::Risk.format(risk.number),
            "create",
            None::<&()>,
            Some(&risk),
        )?;
        Ok(risk)
    }

    pub fn insert_acceptance(&mut self, acceptance: Acceptance) -> Result<Acceptance> {
        let mut acceptance = acceptance.validated()?;
        self.tx.execute(
            "INSERT INTO acceptances (risk, accepted_by, authority, accepted_on, level, until, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                acceptance.risk,
                acceptance.accepted_by,
                acceptance.authority.as_str(),
                acceptance.accepted_on,
                acceptance.level,
                acceptance.until,
                acceptance.note
            ],
        )?;
        acceptance.id = self.tx.last_insert_rowid();
        let number: u32 = self.tx.query_row(
            "SELECT number FROM risks WHERE id = ?1",
            [acceptance.risk],
            |r| r.get(0),
        )?;
        self.log(
            "acceptance",
            &RefKind::Risk.format(number),
            "create",
            None::<&()>,
            Some(&acceptance),
        )?;
        Ok(acceptance)
    }

    pub fn insert_action(&mut self, action: Action) -> Result<Action> {
        let mut action = action.validated()?;
        for control in &action.controls {
            self.check_control(control)?;
        }
        action.number = next_number(&self.tx, "actions")?;
        self.tx
            .prepare_cached("INSERT INTO actions (number, title, description, owner, due, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(rusqlite::params![
                action.number,
                action.title,
                action.description,
                action.owner,
                action.due,
                action.status.as_str()
            ])?;
        action.id = self.tx.last_insert_rowid();
        for risk in &action.risks {
            self.tx
                .prepare_cached("INSERT INTO action_risks (action, risk) VALUES (?1, ?2)")?
                .execute((action.id, risk))?;
        }
        for control in &action.controls {
            self.tx
                .prepare_cached("INSERT INTO action_controls (action, control) VALUES (?1, ?2)")?
                .execute((action.id, control))?;
        }
        self.log(
            "action",
            &RefKind::Action.format(action.number),
            "create",
            None::<&()>,
            Some(&action),
        )?;
        Ok(action)
    }
}
