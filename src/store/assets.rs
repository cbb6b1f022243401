//! Assets, their dependencies and their protection needs.

use rusqlite::Row;

use super::sql::{all, next_number, parse};
use super::{Result, Store, Writer};
use crate::domain::asset::{Asset, Dependency, check_new_dependency};
use crate::domain::protection::ProtectionNeed;
use crate::domain::reference::RefKind;

fn asset(r: &Row<'_>) -> rusqlite::Result<Asset> {
    Ok(Asset {
        id: r.get(0)?,
        number: r.get(1)?,
        name: r.get(2)?,
        kind: parse(r, 3)?,
        owner: r.get(4)?,
        description: r.get(5)?,
        location: r.get(6)?,
        scope_item: r.get(7)?,
        classification: r.get(8)?,
    })
}

impl Store {
    pub fn assets(&self) -> Result<Vec<Asset>> {
        Ok(all(
            self.conn(),
            "SELECT id, number, name, kind, owner, description, location, scope_item, classification
             FROM assets ORDER BY number",
            asset,
        )?)
    }

    pub fn dependencies(&self) -> Result<Vec<Dependency>> {
        Ok(all(
            self.conn(),
            "SELECT asset, depends_on FROM asset_dependencies ORDER BY asset, depends_on",
            |r| {
                Ok(Dependency {
                    asset: r.get(0)?,
                    depends_on: r.get(1)?,
                })
            },
        )?)
    }

    pub fn protection_needs(&self) -> Result<Vec<ProtectionNeed>> {
        Ok(all(
            self.conn(),
            "SELECT asset, objective, level, rationale FROM protection_needs ORDER BY asset, objective",
            |r| {
                Ok(ProtectionNeed {
                    asset: r.get(0)?,
                    objective: parse(r, 1)?,
                    level: r.get(2)?,
                    rationale: r.get(3)?,
                })
            },
        )?)
    }
}

impl Writer<'_> {
    pub fn insert_asset(&mut self, asset: Asset) -> Result<Asset> {
        let mut asset = asset.validated()?;
        asset.number = next_number(&self.tx, "assets")?;
        self.tx
            .prepare_cached(
                "INSERT INTO assets (number, name, kind, owner, description, location, scope_item, classification)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute((
                asset.number,
                &asset.name,
                asset.kind.as_str(),
                &asset.owner,
                &asset.description,
                &asset.location,
                asset.scope_item,
                &asset.classification,
            ))?;
        asset.id = self.tx.last_insert_rowid();
        self.log(
            "asset",
            &RefKind::Asset.format(asset.number),
            "create",
            None::<&()>,
            Some(&asset),
        )?;
        Ok(asset)
    }

    /// Adds `asset depends on depends_on`, refusing cycles.
    pub fn add_dependency(&mut self, dependency: Dependency) -> Result<()> {
        // Only the edges the check can meet: those reachable from the new target, and those
        // leaving the new source (for duplicates). The domain decides on them.
        let mut stmt = self.tx.prepare_cached(
            "WITH RECURSIVE reach(id) AS (
                 SELECT ?1 UNION SELECT d.depends_on FROM asset_dependencies d JOIN reach r ON d.asset = r.id
             )
             SELECT d.asset, d.depends_on FROM asset_dependencies d JOIN reach r ON d.asset = r.id
             UNION SELECT asset, depends_on FROM asset_dependencies WHERE asset = ?2",
        )?;
        let relevant = stmt
            .query_map((dependency.depends_on, dependency.asset), |r| {
                Ok(Dependency {
                    asset: r.get(0)?,
                    depends_on: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        check_new_dependency(&relevant, dependency)?;
        self.tx.execute(
            "INSERT INTO asset_dependencies (asset, depends_on) VALUES (?1, ?2)",
            (dependency.asset, dependency.depends_on),
        )?;
        let reference = self.asset_ref(dependency.asset)?;
        self.log(
            "dependency",
            &reference,
            "create",
            None::<&()>,
            Some(&dependency),
        )
    }

    /// Sets (or replaces) the need of one asset for one objective.
    pub fn set_protection_need(
        &mut self,
        need: ProtectionNeed,
        scale: &crate::domain::protection::ProtectionScale,
    ) -> Result<ProtectionNeed> {
        let need = need.validated(scale)?;
        self.tx
            .prepare_cached(
                "INSERT INTO protection_needs (asset, objective, level, rationale) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (asset, objective) DO UPDATE SET level = excluded.level, rationale = excluded.rationale",
            )?
            .execute((need.asset, need.objective.as_str(), need.level, &need.rationale))?;
        let reference = self.asset_ref(need.asset)?;
        self.log(
            "protection_need",
            &reference,
            "set",
            None::<&()>,
            Some(&need),
        )?;
        Ok(need)
    }

    fn asset_ref(&self, id: i64) -> Result<String> {
        let number: u32 =
            self.tx
                .query_row("SELECT number FROM assets WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        Ok(RefKind::Asset.format(number))
    }
}
