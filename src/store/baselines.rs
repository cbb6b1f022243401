//! Baselines (the ISMS frozen when a yearly cycle is closed: `domain::baseline`, JSON, never
//! changed; a trigger refuses an update) and the marks of what the open cycle still has to
//! re-assess. Saving a risk or a need takes its mark off ([`Writer::reassessed`]).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};

use super::sql::{parse, rows};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::baseline::{Baseline, ReassessKind, Reassessment, Snapshot, field, freeze};
use crate::domain::risk::RiskStatus;

const BASELINE: &str =
    "SELECT id, name, closed_on, snapshot, risks_marked, needs_marked FROM baselines";

fn baseline(r: &Row<'_>) -> rusqlite::Result<Baseline> {
    let text: String = r.get(3)?;
    let snapshot: Snapshot =
        serde_json::from_str(&text).map_err(|e| crate::store::sql::bad_value(r, 3, e))?;
    Ok(Baseline {
        id: r.get(0)?,
        name: r.get(1)?,
        closed_on: r.get(2)?,
        snapshot,
        risks_marked: r.get(4)?,
        needs_marked: r.get(5)?,
    })
}

/// The baselines, oldest first.
pub(super) fn all_baselines(conn: &rusqlite::Connection) -> Result<Vec<Baseline>> {
    Ok(rows(
        conn,
        &format!("{BASELINE} ORDER BY closed_on, id"),
        [],
        baseline,
    )?)
}

impl Store {
    /// The baselines, oldest first.
    pub fn baselines(&self) -> Result<Vec<Baseline>> {
        all_baselines(self.conn())
    }

    /// The baseline of that name, letter case aside; a missing one names the ones there are.
    pub fn baseline_named(&self, name: &str) -> Result<Baseline> {
        let found = self
            .conn()
            .prepare_cached(&format!("{BASELINE} WHERE name = ?1"))?
            .query_row([name.trim()], baseline)
            .optional()?;
        found.ok_or_else(|| {
            let names: Vec<String> = self
                .baselines()
                .map(|b| b.into_iter().map(|b| b.name).collect())
                .unwrap_or_default();
            let known = if names.is_empty() {
                "there is none yet (isms cycle close --name NAME makes one)".to_string()
            } else {
                format!("the baselines are {}", names.join(", "))
            };
            ValidationError::new(
                field::BASELINE,
                format!(
                    "no baseline '{}'; {known}",
                    crate::domain::text::shown(name)
                ),
            )
            .into()
        })
    }

    /// What the open cycle still has to re-assess.
    pub fn reassessments(&self) -> Result<Vec<Reassessment>> {
        Ok(rows(
            self.conn(),
            "SELECT kind, item, baseline FROM reassessments ORDER BY kind, item",
            [],
            |r| {
                Ok(Reassessment {
                    kind: parse(r, 0)?,
                    item: r.get(1)?,
                    baseline: r.get(2)?,
                })
            },
        )?)
    }

    /// Closes the cycle as `name` on `today`: freezes the workspace as it stands into a
    /// baseline, and marks every risk not closed and every primary asset with needs to be
    /// re-assessed in the cycle it opens.
    pub fn close_cycle(&mut self, name: &str, today: NaiveDate) -> Result<Baseline> {
        let closing = self.closing(name, today)?;
        self.edit(|w| w.close_cycle(closing))
    }

    /// What closing the cycle as `name` on `today` writes, read before the edit (a `Writer`
    /// reads rows, not the whole workspace): the workspace frozen, and what it marks.
    pub fn closing(&self, name: &str, today: NaiveDate) -> Result<Closing> {
        let name = Baseline::check_name(name)?;
        let ws = self.workspace()?;
        let snapshot = freeze(&ws, today);
        let risks: Vec<i64> = ws
            .risks
            .iter()
            .filter(|r| r.status != RiskStatus::Closed)
            .map(|r| r.id)
            .collect();
        let assets: Vec<i64> = ws
            .assets
            .iter()
            .filter(|a| a.kind.is_rated_directly() && ws.needs.iter().any(|n| n.asset == a.id))
            .map(|a| a.id)
            .collect();
        Ok(Closing {
            baseline: Baseline {
                id: 0,
                name,
                closed_on: today,
                snapshot,
                risks_marked: 0,
                needs_marked: 0,
            },
            risks,
            assets,
        })
    }
}

/// A cycle's closing as read before its edit: the baseline to write and the risks and assets
/// (row ids) whose re-assessment the next cycle marks.
#[derive(Debug, Clone)]
pub struct Closing {
    pub baseline: Baseline,
    pub risks: Vec<i64>,
    pub assets: Vec<i64>,
}

impl Writer<'_> {
    /// Writes a closing read by [`Store::closing`]: the baseline and its marks.
    pub fn close_cycle(&mut self, closing: Closing) -> Result<Baseline> {
        self.write_baseline(closing.baseline, &closing.risks, &closing.assets)
    }

    /// Stores a baseline (a new name) and marks `risks` and the needs of `assets` to re-assess
    /// in the cycle it opens; marks of an earlier cycle give way to the new ones.
    pub fn write_baseline(
        &mut self,
        baseline: Baseline,
        risks: &[i64],
        assets: &[i64],
    ) -> Result<Baseline> {
        let name = Baseline::check_name(&baseline.name)?;
        let taken: Option<String> = self
            .tx
            .prepare_cached("SELECT name FROM baselines WHERE name = ?1")?
            .query_row([&name], |r| r.get(0))
            .optional()?;
        if let Some(taken) = taken {
            return Err(ValidationError::new(
                field::NAME,
                format!("a baseline named '{taken}' exists already; a baseline never changes"),
            )
            .into());
        }
        let stored = self.insert_baseline(Baseline {
            name: name.clone(),
            risks_marked: marked(risks),
            needs_marked: marked(assets),
            ..baseline
        })?;
        let id = stored.id;
        self.tx.execute("DELETE FROM reassessments", [])?;
        for (kind, items) in [(ReassessKind::Risk, risks), (ReassessKind::Needs, assets)] {
            for item in items {
                self.tx
                    .prepare_cached(
                        "INSERT INTO reassessments (kind, item, baseline) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(rusqlite::params![kind.as_str(), item, id])?;
            }
        }
        self.log(
            "baseline",
            &name,
            "create",
            None::<&()>,
            Some(&serde_json::json!({
                "name": name,
                "closed_on": stored.closed_on,
                "risks_to_reassess": risks.len(),
                "needs_to_reassess": assets.len(),
            })),
        )?;
        Ok(stored)
    }

    /// Takes the open cycle's mark off a risk or an asset's needs: saved again, or confirmed
    /// unchanged. Nothing happens when it carries none.
    pub fn reassessed(&mut self, kind: ReassessKind, item: i64) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM reassessments WHERE kind = ?1 AND item = ?2")?
            .execute(rusqlite::params![kind.as_str(), item])?;
        Ok(())
    }

    /// A baseline as a file gives it (the workspace JSON): its snapshot and counts kept, no
    /// marks made (the file's own follow).
    pub fn import_baseline(&mut self, baseline: Baseline) -> Result<Baseline> {
        let name = Baseline::check_name(&baseline.name)?;
        self.insert_baseline(Baseline { name, ..baseline })
    }

    /// Inserts `baseline` as it is (its name checked by the caller) and returns it with its id.
    fn insert_baseline(&mut self, baseline: Baseline) -> Result<Baseline> {
        let snapshot = serde_json::to_string(&baseline.snapshot)
            .map_err(|e| StoreError::Missing(format!("the baseline's snapshot: {e}")))?;
        self.tx
            .prepare_cached(
                "INSERT INTO baselines (name, closed_on, snapshot, risks_marked, needs_marked)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(rusqlite::params![
                &baseline.name,
                baseline.closed_on,
                &snapshot,
                baseline.risks_marked,
                baseline.needs_marked
            ])?;
        Ok(Baseline {
            id: self.tx.last_insert_rowid(),
            ..baseline
        })
    }

    /// A mark as a file gives it (the workspace JSON), for a baseline already imported.
    pub fn import_reassessment(&mut self, mark: Reassessment) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO reassessments (kind, item, baseline) VALUES (?1, ?2, ?3)",
            )?
            .execute(rusqlite::params![
                mark.kind.as_str(),
                mark.item,
                mark.baseline
            ])?;
        Ok(())
    }
}

/// How many items a closing marked, as the baseline keeps the count.
fn marked(items: &[i64]) -> u32 {
    u32::try_from(items.len()).unwrap_or(u32::MAX)
}
