//! The Statement of Applicability: one entry per control, decided under the domain's rules
//! (see [`check_decision`]), and the issued versions with their snapshots.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use super::controls::{all_controls, custom_controls};
use super::risks::all_actions;
use super::sql::{all, join, parse, parse_list};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::reference::RefKind;
use crate::domain::soa::version::field as version_field;
use crate::domain::soa::{
    Gaps, SoaEntry, SoaSnapshotRow, SoaVersion, check_decision, field, snapshot, treated_risks,
    treated_risks_by_control,
};
use crate::domain::text;
use crate::domain::treatment::Action;

const SOA: &str =
    "SELECT s.control, s.applicability, s.reasons, s.justification, s.exclusion_justification,
        s.status, s.owner, s.evidence, s.covered_by, s.target_date
    FROM soa_entries s JOIN controls c ON c.key = s.control";

const VERSION: &str = "SELECT id, number, issued_on, approver, note, snapshot FROM soa_versions";

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
        covered_by: r.get(8)?,
        target_date: r.get(9)?,
    })
}

/// Every SoA entry in control order (Annex A, then custom controls by number).
pub(super) fn all_soa(conn: &Connection) -> Result<Vec<SoaEntry>> {
    Ok(all(
        conn,
        &format!("{SOA} ORDER BY c.number IS NOT NULL, c.position, c.number"),
        soa_entry,
    )?)
}

/// The SoA entry of one control; `Missing` if the workspace has no such control.
pub(super) fn one_entry(conn: &Connection, control: &str) -> Result<SoaEntry> {
    conn.prepare_cached(&format!("{SOA} WHERE s.control = ?1"))?
        .query_row([control], soa_entry)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("control {control}")))
}

/// The controls whose exclusion `custom` covers, by key.
pub(super) fn covered_by(conn: &Connection, custom: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT control FROM soa_entries WHERE covered_by = ?1 ORDER BY control")?
        .query_map([custom], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Row id to reference number of every risk.
fn risk_numbers(conn: &Connection) -> Result<HashMap<i64, u32>> {
    Ok(all(conn, "SELECT id, number FROM risks", |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?
    .into_iter()
    .collect())
}

/// `R-001`, `R-004` for row ids, ordered by number.
fn risk_refs(ids: &[i64], numbers: &HashMap<i64, u32>) -> Vec<String> {
    let mut found: Vec<u32> = ids
        .iter()
        .filter_map(|id| numbers.get(id).copied())
        .collect();
    found.sort_unstable();
    found.into_iter().map(|n| RefKind::Risk.format(n)).collect()
}

/// The references of the risks whose treatment `control` implements. Only the actions that
/// implement it are read; the domain decides which of them count.
fn treated_refs(conn: &Connection, control: &str) -> Result<Vec<String>> {
    let mut actions: HashMap<i64, Action> = HashMap::new();
    let mut numbers: HashMap<i64, u32> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.status, r.id, r.number
         FROM action_controls ac
         JOIN actions a ON a.id = ac.action
         JOIN action_risks ar ON ar.action = a.id
         JOIN risks r ON r.id = ar.risk
         WHERE ac.control = ?1",
    )?;
    let mut rows = stmt.query([control])?;
    while let Some(r) = rows.next()? {
        let (action, risk): (i64, i64) = (r.get(0)?, r.get(2)?);
        let entry = actions.entry(action).or_insert_with(|| Action {
            id: action,
            controls: vec![control.to_string()],
            ..Action::new("")
        });
        entry.status = parse(r, 1)?;
        entry.risks.push(risk);
        numbers.insert(risk, r.get(3)?);
    }
    let actions: Vec<Action> = actions.into_values().collect();
    Ok(risk_refs(&treated_risks(control, &actions), &numbers))
}

fn version(r: &Row<'_>) -> rusqlite::Result<(SoaVersion, String)> {
    Ok((
        SoaVersion {
            id: r.get(0)?,
            number: r.get(1)?,
            issued_on: r.get(2)?,
            approver: r.get(3)?,
            note: r.get(4)?,
            rows: Vec::new(),
        },
        r.get(5)?,
    ))
}

impl Store {
    /// Every SoA entry in control order (Annex A, then custom controls by number).
    pub fn soa(&self) -> Result<Vec<SoaEntry>> {
        all_soa(self.conn())
    }

    /// The issued SoA versions, oldest first, each with its snapshot.
    pub fn soa_versions(&self) -> Result<Vec<SoaVersion>> {
        all(self.conn(), &format!("{VERSION} ORDER BY number"), version)?
            .into_iter()
            .map(|(mut v, json)| {
                v.rows = serde_json::from_str::<Vec<SoaSnapshotRow>>(&json).map_err(|e| {
                    StoreError::Damaged(format!("snapshot of SoA {}: {e}", v.label()))
                })?;
                Ok(v)
            })
            .collect()
    }

    /// For each control that implements a risk treatment, the references of those risks
    /// (`R-001`), ordered by number. Cancelled actions do not count.
    pub fn treated_risk_refs(&self) -> Result<HashMap<String, Vec<String>>> {
        let numbers = risk_numbers(self.conn())?;
        Ok(treated_risks_by_control(&all_actions(self.conn())?)
            .into_iter()
            .map(|(control, ids)| (control, risk_refs(&ids, &numbers)))
            .collect())
    }
}

impl Writer<'_> {
    pub(super) fn insert_soa_row(&self, e: &SoaEntry) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO soa_entries (control, applicability, reasons, justification,
                    exclusion_justification, status, owner, evidence, covered_by, target_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
                &e.covered_by,
                e.target_date,
            ))?;
        Ok(())
    }

    /// Replaces the SoA decision for one control under the strict rules of
    /// [`check_decision`]: a control that implements a risk treatment (through an action that
    /// is not cancelled) cannot be excluded; an exclusion needs a justification or a custom
    /// control that covers it.
    pub fn set_soa_entry(&mut self, entry: SoaEntry) -> Result<SoaEntry> {
        let mut entry = entry.validated()?;
        entry.owner = self.person_named(field::OWNER, &entry.owner)?;
        let treated = treated_refs(&self.tx, &entry.control)?;
        let custom = custom_controls(&self.tx)?;
        // The control must exist before its decision is judged.
        one_entry(&self.tx, &entry.control)?;
        check_decision(&entry, &treated, &custom)?;
        self.write_soa_entry(entry)
    }

    /// Replaces the SoA decision for one control with only the text rules checked, for
    /// imports and for data that records a gap on purpose. "Covered by" must still name a
    /// control of the workspace.
    pub fn import_soa_entry(&mut self, entry: SoaEntry) -> Result<SoaEntry> {
        let mut entry = entry.validated()?;
        entry.owner = self.person_named(field::OWNER, &entry.owner)?;
        if let Some(key) = &entry.covered_by {
            let known = self
                .tx
                .prepare_cached("SELECT 1 FROM controls WHERE key = ?1")?
                .exists([key])?;
            if !known {
                return Err(ValidationError::new(
                    field::COVERED_BY,
                    format!("'{key}' is not a control of this workspace"),
                )
                .into());
            }
        }
        self.write_soa_entry(entry)
    }

    fn write_soa_entry(&mut self, entry: SoaEntry) -> Result<SoaEntry> {
        let before = one_entry(&self.tx, &entry.control)?;
        self.tx
            .prepare_cached(
                "UPDATE soa_entries SET applicability = ?2, reasons = ?3, justification = ?4,
                    exclusion_justification = ?5, status = ?6, owner = ?7, evidence = ?8,
                    covered_by = ?9, target_date = ?10
                 WHERE control = ?1",
            )?
            .execute((
                &entry.control,
                entry.applicability.as_str(),
                join(&entry.reasons, |r| r.as_str()),
                &entry.justification,
                &entry.exclusion_justification,
                entry.status.as_str(),
                &entry.owner,
                &entry.evidence,
                &entry.covered_by,
                entry.target_date,
            ))?;
        self.log(
            "soa_entry",
            &entry.control,
            "update",
            Some(&before),
            Some(&entry),
        )?;
        Ok(entry)
    }

    /// Removes `custom` as the covering control of every exclusion that names it, logging
    /// each; returns the keys of those controls.
    pub(super) fn clear_covered_by(&mut self, custom: &str) -> Result<Vec<String>> {
        let keys = covered_by(&self.tx, custom)?;
        for key in &keys {
            let before = one_entry(&self.tx, key)?;
            let after = SoaEntry {
                covered_by: None,
                ..before.clone()
            };
            self.tx
                .prepare_cached("UPDATE soa_entries SET covered_by = NULL WHERE control = ?1")?
                .execute([key])?;
            self.log("soa_entry", key, "update", Some(&before), Some(&after))?;
        }
        Ok(keys)
    }

    /// Issues the SoA as it stands as the next version (`v1`, `v2`...), approved by
    /// `approver` on `issued_on`, which may not lie before the previous version's date. An SoA
    /// with gaps (undecided controls, unjustified exclusions: [`Gaps`]) is issued only when
    /// `gaps_accepted` says whoever issues it saw them.
    pub fn issue_soa_version(
        &mut self,
        approver: &str,
        note: &str,
        issued_on: NaiveDate,
        gaps_accepted: bool,
    ) -> Result<SoaVersion> {
        let approver = text::required_line(version_field::APPROVER, approver)?;
        let approver = self.person_named(version_field::APPROVER, &approver)?;
        let note = text::text(version_field::NOTE, note)?;
        let previous: Option<(u32, NaiveDate)> = self
            .tx
            .query_row(
                "SELECT number, issued_on FROM soa_versions ORDER BY number DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((number, on)) = previous.filter(|&(_, on)| issued_on < on) {
            return Err(ValidationError::new(
                version_field::ISSUED_ON,
                format!("{issued_on} is before v{number}, issued on {on}"),
            )
            .into());
        }
        let controls = all_controls(&self.tx)?;
        let rows = snapshot(&controls, &all_soa(&self.tx)?, &all_actions(&self.tx)?);
        Gaps::of(&rows, &controls).check_accepted(gaps_accepted)?;
        let json = serde_json::to_string(&rows)
            .map_err(|e| StoreError::Damaged(format!("SoA snapshot: {e}")))?;
        let number = previous.map_or(1, |(n, _)| n + 1);
        self.tx.execute(
            "INSERT INTO soa_versions (number, issued_on, approver, note, snapshot)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            (number, issued_on, &approver, &note, json),
        )?;
        let version = SoaVersion {
            id: self.tx.last_insert_rowid(),
            number,
            issued_on,
            approver,
            note,
            rows,
        };
        self.log(
            "soa_version",
            &version.label(),
            "create",
            None::<&()>,
            Some(&version),
        )?;
        Ok(version)
    }
}
