//! Risks with their assets and acceptances; the treatment actions live in [`actions`].

mod actions;

pub(in crate::store) use actions::all_actions;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Params, Row, ToSql};
use serde::Serialize;

use super::sql::{all, join, maybe_level, next_number, parse, parse_list, rows};
use super::{Result, Store, StoreError, Writer};
use crate::domain::evaluation::{check_acceptance, rerated};
use crate::domain::methodology::{Methodology, Rating};
use crate::domain::reference::RefKind;
use crate::domain::risk::{Acceptance, Risk, assessed_on_saved};

const RISK: &str =
    "SELECT id, number, title, description, threat, vulnerability, objectives, owner,
        inherent_likelihood, inherent_impact, residual_likelihood, residual_impact,
        treatment, treatment_rationale, status, next_review,
        assessed_on, plan_approved_by, plan_approved_on
    FROM risks";
const ACCEPTANCE: &str =
    "SELECT id, risk, accepted_by, authority, accepted_on, level, until, note FROM acceptances";

fn rating(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<Rating>> {
    let (l, i) = (maybe_level(r, at)?, maybe_level(r, at + 1)?);
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
        assessed_on: r.get(16)?,
        plan_approved_by: r.get(17)?,
        plan_approved_on: r.get(18)?,
    })
}

fn acceptance(r: &Row<'_>) -> rusqlite::Result<Acceptance> {
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
}

/// `(owner, member)` link rows sorted by owner, looked up per owner by binary search: cheaper
/// than a map when every owner of a large table is looked up once.
struct Links(Vec<(i64, i64)>);

impl Links {
    fn of(&self, owner: i64) -> Vec<i64> {
        let start = self.0.partition_point(|(o, _)| *o < owner);
        self.0[start..]
            .iter()
            .take_while(|(o, _)| *o == owner)
            .map(|(_, member)| *member)
            .collect()
    }
}

/// Reads `(owner, member)` link rows; `sql` orders them by owner, then member.
fn links(conn: &Connection, sql: &str) -> Result<Links> {
    Ok(Links(all(conn, sql, |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    })?))
}

/// Every risk with its assets, by number.
pub(in crate::store) fn all_acceptances(conn: &Connection) -> Result<Vec<Acceptance>> {
    Ok(all(
        conn,
        &format!("{ACCEPTANCE} ORDER BY risk, accepted_on, id"),
        acceptance,
    )?)
}

pub(in crate::store) fn all_risks(conn: &Connection) -> Result<Vec<Risk>> {
    let assets = links(
        conn,
        "SELECT risk, asset FROM risk_assets ORDER BY risk, asset",
    )?;
    let mut risks = all(conn, &format!("{RISK} ORDER BY number"), risk)?;
    for r in &mut risks {
        r.assets = assets.of(r.id);
    }
    Ok(risks)
}

fn one_risk(conn: &Connection, id: i64) -> Result<Risk> {
    let mut found = conn
        .prepare_cached(&format!("{RISK} WHERE id = ?1"))?
        .query_row([id], risk)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("risk #{id}")))?;
    found.assets = rows(
        conn,
        "SELECT asset FROM risk_assets WHERE risk = ?1 ORDER BY asset",
        [id],
        |r| r.get(0),
    )?;
    Ok(found)
}

fn one_acceptance(conn: &Connection, id: i64) -> Result<Acceptance> {
    conn.prepare_cached(&format!("{ACCEPTANCE} WHERE id = ?1"))?
        .query_row([id], acceptance)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("acceptance #{id}")))
}

/// `R-004` for a row id; `Missing` if there is no such risk.
pub(in crate::store) fn risk_ref(conn: &Connection, id: i64) -> Result<String> {
    let number: Option<u32> = conn
        .prepare_cached("SELECT number FROM risks WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    number
        .map(|n| RefKind::Risk.format(n))
        .ok_or_else(|| StoreError::Missing(format!("risk #{id}")))
}

/// A risk's reference and ratings alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskRatings {
    pub id: i64,
    pub number: u32,
    pub inherent: Option<Rating>,
    pub residual: Option<Rating>,
    /// Who owns the risk: they may accept it at the lowest authority.
    pub owner: String,
}

/// Writes an acceptance record as given and returns its row id.
pub(in crate::store) fn insert_acceptance_row(
    conn: &Connection,
    acceptance: &Acceptance,
) -> Result<i64> {
    conn.execute(
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
    Ok(conn.last_insert_rowid())
}

/// What goes with a deleted risk, so that the change log keeps it all.
#[derive(Serialize)]
struct DeletedRisk<'a> {
    #[serde(flatten)]
    risk: &'a Risk,
    asset_refs: Vec<String>,
    actions: Vec<String>,
    acceptances: Vec<Acceptance>,
}

impl Store {
    pub fn risks(&self) -> Result<Vec<Risk>> {
        all_risks(self.conn())
    }

    /// Every risk's number and its inherent and residual ratings, by number: what a heat map
    /// or a reference needs, without reading the texts.
    pub fn risk_ratings(&self) -> Result<Vec<RiskRatings>> {
        Ok(all(
            self.conn(),
            "SELECT id, number, inherent_likelihood, inherent_impact,
                residual_likelihood, residual_impact, owner
            FROM risks ORDER BY number",
            |r| {
                Ok(RiskRatings {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    inherent: rating(r, 2)?,
                    residual: rating(r, 4)?,
                    owner: r.get(6)?,
                })
            },
        )?)
    }

    /// Every risk as `R-004 Title`, by number, with its row id: what a picker shows.
    pub fn risk_labels(&self) -> Result<Vec<(i64, String)>> {
        Ok(all(
            self.conn(),
            "SELECT id, number, title FROM risks ORDER BY number",
            |r| {
                let number: u32 = r.get(1)?;
                let title: String = r.get(2)?;
                Ok((
                    r.get(0)?,
                    format!("{} {title}", RefKind::Risk.format(number)),
                ))
            },
        )?)
    }

    /// One risk by row id, with its assets; `Missing` if there is none.
    pub fn risk_by_id(&self, id: i64) -> Result<Risk> {
        one_risk(self.conn(), id)
    }

    /// Every acceptance record, per risk oldest first.
    pub fn acceptances(&self) -> Result<Vec<Acceptance>> {
        all_acceptances(self.conn())
    }
}

impl Writer<'_> {
    pub fn insert_risk(&mut self, risk: Risk, methodology: &Methodology) -> Result<Risk> {
        let mut risk = self.risk_people(risk.validated(methodology)?)?;
        risk.number = next_number(&self.tx, "risks")?;
        self.tx
            .prepare_cached(
                "INSERT INTO risks (number, title, description, threat, vulnerability, objectives, owner,
                    inherent_likelihood, inherent_impact, residual_likelihood, residual_impact,
                    treatment, treatment_rationale, status, next_review,
                    assessed_on, plan_approved_by, plan_approved_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                    ?16, ?17, ?18)",
            )?
            .execute(risk_values(i64::from(risk.number), &risk))?;
        risk.id = self.tx.last_insert_rowid();
        self.link_assets(&risk)?;
        self.log(
            "risk",
            &RefKind::Risk.format(risk.number),
            "create",
            None::<&()>,
            Some(&risk),
        )?;
        Ok(risk)
    }

    /// Saves a risk as the risk form does (new when its row id is 0), recording when it was
    /// assessed ([`assessed_on_saved`]): today when its ratings changed, and today too when
    /// `confirms` (saving the form confirms the assessment as it stands).
    pub fn save_risk(
        &mut self,
        risk: Risk,
        methodology: &Methodology,
        today: NaiveDate,
        confirms: bool,
    ) -> Result<Risk> {
        let before = if risk.id == 0 {
            None
        } else {
            Some(one_risk(&self.tx, risk.id)?)
        };
        let risk = Risk {
            assessed_on: assessed_on_saved(before.as_ref(), &risk, today, confirms),
            ..risk
        };
        if before.is_none() {
            self.insert_risk(risk, methodology)
        } else {
            let saved = self.update_risk(risk, methodology)?;
            // Saving the form re-assesses the risk for the open cycle.
            self.reassessed(crate::domain::baseline::ReassessKind::Risk, saved.id)?;
            Ok(saved)
        }
    }

    /// Confirms a risk's assessment unchanged for the open cycle: dated today as the form's
    /// save would date it, and its mark taken off.
    pub fn confirm_risk(
        &mut self,
        id: i64,
        methodology: &Methodology,
        today: NaiveDate,
    ) -> Result<Risk> {
        let risk = one_risk(&self.tx, id)?;
        self.save_risk(risk, methodology, today, true)
    }

    /// Changes a risk's fields and replaces its asset links; its number stays.
    pub fn update_risk(&mut self, risk: Risk, methodology: &Methodology) -> Result<Risk> {
        let before = one_risk(&self.tx, risk.id)?;
        let risk = self.risk_people(Risk {
            number: before.number,
            ..risk.validated(methodology)?
        })?;
        self.tx
            .prepare_cached(
                "UPDATE risks SET title = ?2, description = ?3, threat = ?4, vulnerability = ?5,
                    objectives = ?6, owner = ?7, inherent_likelihood = ?8, inherent_impact = ?9,
                    residual_likelihood = ?10, residual_impact = ?11, treatment = ?12,
                    treatment_rationale = ?13, status = ?14, next_review = ?15,
                    assessed_on = ?16, plan_approved_by = ?17, plan_approved_on = ?18
                 WHERE id = ?1",
            )?
            .execute(risk_values(risk.id, &risk))?;
        self.tx
            .prepare_cached("DELETE FROM risk_assets WHERE risk = ?1")?
            .execute([risk.id])?;
        self.link_assets(&risk)?;
        self.log(
            "risk",
            &RefKind::Risk.format(risk.number),
            "update",
            Some(&before),
            Some(&risk),
        )?;
        Ok(risk)
    }

    /// Deletes a risk; its asset links, its place in treatment actions and its acceptance
    /// records go with it. The change log keeps all of them in the entry's "before".
    pub fn delete_risk(&mut self, id: i64) -> Result<()> {
        let risk = one_risk(&self.tx, id)?;
        self.reassessed(crate::domain::baseline::ReassessKind::Risk, id)?;
        let refs = |sql: &str, kind: RefKind| -> Result<Vec<String>> {
            Ok(rows(&self.tx, sql, [id], |r| Ok(kind.format(r.get(0)?)))?)
        };
        let record = DeletedRisk {
            risk: &risk,
            asset_refs: refs(
                "SELECT a.number FROM risk_assets ra JOIN assets a ON a.id = ra.asset
                 WHERE ra.risk = ?1 ORDER BY a.number",
                RefKind::Asset,
            )?,
            actions: refs(
                "SELECT a.number FROM action_risks ar JOIN actions a ON a.id = ar.action
                 WHERE ar.risk = ?1 ORDER BY a.number",
                RefKind::Action,
            )?,
            acceptances: rows(
                &self.tx,
                &format!("{ACCEPTANCE} WHERE risk = ?1 ORDER BY accepted_on, id"),
                [id],
                acceptance,
            )?,
        };
        self.log(
            "risk",
            &RefKind::Risk.format(risk.number),
            "delete",
            Some(&record),
            None::<&()>,
        )?;
        self.tx.execute("DELETE FROM risks WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Links a stored risk to its assets, naming an asset that does not exist.
    /// `risk` with its owner and its plan's approver named as people of the register.
    fn risk_people(&mut self, risk: Risk) -> Result<Risk> {
        Ok(Risk {
            owner: self.person_named(crate::domain::risk::field::OWNER, &risk.owner)?,
            plan_approved_by: self.person_named(
                crate::domain::risk::field::PLAN_APPROVED_BY,
                &risk.plan_approved_by,
            )?,
            ..risk
        })
    }

    fn link_assets(&self, risk: &Risk) -> Result<()> {
        for &asset in &risk.assets {
            let exists = self
                .tx
                .prepare_cached("SELECT 1 FROM assets WHERE id = ?1")?
                .exists([asset])?;
            if !exists {
                return Err(StoreError::Missing(format!("asset #{asset}")));
            }
            self.tx
                .prepare_cached("INSERT INTO risk_assets (risk, asset) VALUES (?1, ?2)")?
                .execute((risk.id, asset))?;
        }
        Ok(())
    }

    /// Moves every stored rating from `old`'s scales to `new`'s when their sizes differ,
    /// logging each risk that changed. The caller stores the new methodology.
    pub(in crate::store) fn rerate_risks(
        &mut self,
        old: &Methodology,
        new: &Methodology,
        risks: &[Risk],
    ) -> Result<()> {
        if old.size() == new.size() {
            return Ok(());
        }
        for before in risks {
            let after = rerated(old, new, before);
            if after == *before {
                continue;
            }
            self.tx
                .prepare_cached(
                    "UPDATE risks SET inherent_likelihood = ?2, inherent_impact = ?3,
                        residual_likelihood = ?4, residual_impact = ?5 WHERE id = ?1",
                )?
                .execute((
                    after.id,
                    after.inherent.map(|r| r.likelihood),
                    after.inherent.map(|r| r.impact),
                    after.residual.map(|r| r.likelihood),
                    after.residual.map(|r| r.impact),
                ))?;
            self.log(
                "risk",
                &RefKind::Risk.format(after.number),
                "rerate",
                Some(before),
                Some(&after),
            )?;
        }
        Ok(())
    }

    /// Records that a risk was accepted. The domain decides against the stored methodology:
    /// the risk must be assessed and the authority sufficient for its current level, which is
    /// recorded whatever the caller passed. An acceptance already recorded (one with its row
    /// id) is refused: there is no update of an acceptance, a new one is recorded instead.
    pub fn insert_acceptance(&mut self, acceptance: Acceptance) -> Result<Acceptance> {
        acceptance.check_not_recorded()?;
        let risk = one_risk(&self.tx, acceptance.risk)?;
        let methodology = self.stored_methodology()?;
        // The authority is the acceptor's on the day, from the roles they hold: whatever the
        // caller passed is not trusted.
        let people = super::people::read_people(&self.tx)?;
        let authority = people.acceptance_authority(
            &acceptance.accepted_by,
            &risk.owner,
            acceptance.accepted_on,
        )?;
        let acceptor = people
            .named(&acceptance.accepted_by)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let acceptance = Acceptance {
            accepted_by: acceptor,
            authority,
            ..acceptance
        };
        let mut acceptance = check_acceptance(&methodology, &risk, &acceptance)?;
        acceptance.id = insert_acceptance_row(&self.tx, &acceptance)?;
        self.log(
            "acceptance",
            &RefKind::Risk.format(risk.number),
            "create",
            None::<&()>,
            Some(&acceptance),
        )?;
        Ok(acceptance)
    }

    /// Deletes one acceptance record, keeping it in the change log with why it was deleted
    /// (required: a record of a decision does not vanish without a word).
    pub fn delete_acceptance(&mut self, id: i64, reason: &str) -> Result<()> {
        let reason = Acceptance::deletion_reason(reason)?;
        let before = one_acceptance(&self.tx, id)?;
        let reference = risk_ref(&self.tx, before.risk)?;
        self.log(
            "acceptance",
            &reference,
            "delete",
            Some(&DeletedAcceptance {
                acceptance: &before,
                deletion_reason: &reason,
            }),
            None::<&()>,
        )?;
        self.tx
            .execute("DELETE FROM acceptances WHERE id = ?1", [id])?;
        Ok(())
    }
}

/// A deleted acceptance as the change log keeps it: the record, and why it was deleted.
#[derive(serde::Serialize)]
struct DeletedAcceptance<'a> {
    #[serde(flatten)]
    acceptance: &'a Acceptance,
    deletion_reason: &'a str,
}

/// The 18 values of a risk row in column order, `first` being the number (insert) or the row
/// id (update).
fn risk_values(first: i64, risk: &Risk) -> impl Params + '_ {
    let values: [Box<dyn ToSql + '_>; 18] = [
        Box::new(first),
        Box::new(&risk.title),
        Box::new(&risk.description),
        Box::new(&risk.threat),
        Box::new(&risk.vulnerability),
        Box::new(join(&risk.objectives, |o| o.as_str())),
        Box::new(&risk.owner),
        Box::new(risk.inherent.map(|r| r.likelihood)),
        Box::new(risk.inherent.map(|r| r.impact)),
        Box::new(risk.residual.map(|r| r.likelihood)),
        Box::new(risk.residual.map(|r| r.impact)),
        Box::new(risk.treatment.map(|t| t.as_str())),
        Box::new(&risk.treatment_rationale),
        Box::new(risk.status.as_str()),
        Box::new(risk.next_review),
        Box::new(risk.assessed_on),
        Box::new(&risk.plan_approved_by),
        Box::new(risk.plan_approved_on),
    ];
    rusqlite::params_from_iter(values)
}
