//! Assets, their dependencies and their protection needs.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::sql::{all, next_number, parse, rows};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::asset::{Asset, AssetKind, Dependency, check_new_dependency};
use crate::domain::protection::{
    Objective, ProtectionNeed, ProtectionScale, is_unchanged, needs_justification, rationale_stale,
    remap_needs,
};
use crate::domain::reference::RefKind;

const ASSET: &str = "SELECT id, number, name, kind, owner, description, location, scope_item, classification FROM assets";
const NEED: &str =
    "SELECT asset, objective, level, rationale, rationale_stale FROM protection_needs";

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

fn need(r: &Row<'_>) -> rusqlite::Result<ProtectionNeed> {
    Ok(ProtectionNeed {
        asset: r.get(0)?,
        objective: parse(r, 1)?,
        level: super::sql::level(r, 2)?,
        rationale: r.get(3)?,
        rationale_stale: r.get(4)?,
    })
}

fn one_asset(conn: &Connection, id: i64) -> Result<Asset> {
    conn.prepare_cached(&format!("{ASSET} WHERE id = ?1"))?
        .query_row([id], asset)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("asset #{id}")))
}

fn one_need(conn: &Connection, asset: i64, objective: Objective) -> Result<Option<ProtectionNeed>> {
    Ok(conn
        .prepare_cached(&format!("{NEED} WHERE asset = ?1 AND objective = ?2"))?
        .query_row((asset, objective.as_str()), need)
        .optional()?)
}

/// `R-004 Ransomware on the file server` for every risk that concerns `asset`.
fn risk_titles(conn: &Connection, asset: i64) -> Result<Vec<String>> {
    Ok(rows(
        conn,
        "SELECT r.number, r.title FROM risks r JOIN risk_assets ra ON ra.risk = r.id
         WHERE ra.asset = ?1 ORDER BY r.number",
        [asset],
        |r| {
            Ok(format!(
                "{} {}",
                RefKind::Risk.format(r.get(0)?),
                r.get::<_, String>(1)?
            ))
        },
    )?)
}

/// What goes with a deleted asset, so that the change log keeps it all.
#[derive(Serialize)]
struct DeletedAsset<'a> {
    #[serde(flatten)]
    asset: &'a Asset,
    depends_on: Vec<String>,
    used_by: Vec<String>,
    protection_needs: Vec<ProtectionNeed>,
    risks: Vec<String>,
    /// The workshop questions about it, which stay without an asset.
    questions: Vec<String>,
}

impl Store {
    pub fn assets(&self) -> Result<Vec<Asset>> {
        Ok(all(
            self.conn(),
            &format!("{ASSET} ORDER BY number"),
            asset,
        )?)
    }

    /// One asset by row id; `Missing` if there is none.
    pub fn asset_by_id(&self, id: i64) -> Result<Asset> {
        one_asset(self.conn(), id)
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
            &format!("{NEED} ORDER BY asset, objective"),
            need,
        )?)
    }

    /// The risks that concern asset `id`, as `R-004 Ransomware on the file server`, by number:
    /// what deleting the asset would unlink.
    pub fn risks_referring_to_asset(&self, id: i64) -> Result<Vec<String>> {
        risk_titles(self.conn(), id)
    }
}

impl Writer<'_> {
    pub fn insert_asset(&mut self, asset: Asset) -> Result<Asset> {
        let mut asset = asset.validated()?;
        asset.owner = self.person_named(asset_owner(), &asset.owner)?;
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

    /// Changes an asset's fields; its number stays. Refuses to turn a rated asset into a
    /// supporting one while a need on it lacks the rationale an override requires.
    pub fn update_asset(&mut self, asset: Asset) -> Result<Asset> {
        let before = one_asset(&self.tx, asset.id)?;
        let mut asset = Asset {
            number: before.number,
            ..asset.validated()?
        };
        asset.owner = self.person_named(asset_owner(), &asset.owner)?;
        if !asset.kind.is_rated_directly() {
            self.check_needs_justified(asset.id, asset.kind)?;
        }
        self.tx.execute(
            "UPDATE assets SET name = ?2, kind = ?3, owner = ?4, description = ?5, location = ?6,
             scope_item = ?7, classification = ?8 WHERE id = ?1",
            (
                asset.id,
                &asset.name,
                asset.kind.as_str(),
                &asset.owner,
                &asset.description,
                &asset.location,
                asset.scope_item,
                &asset.classification,
            ),
        )?;
        self.log(
            "asset",
            &RefKind::Asset.format(asset.number),
            "update",
            Some(&before),
            Some(&asset),
        )?;
        Ok(asset)
    }

    /// On a supporting asset every need is an override and needs its justification.
    fn check_needs_justified(&self, id: i64, kind: AssetKind) -> Result<()> {
        let bare: Vec<String> = rows(
            &self.tx,
            "SELECT objective, rationale FROM protection_needs WHERE asset = ?1 ORDER BY objective",
            [id],
            |r| Ok((parse::<Objective>(r, 0)?, r.get::<_, String>(1)?)),
        )?
        .into_iter()
        .filter(|(_, rationale)| needs_justification(kind.is_rated_directly(), rationale))
        .map(|(o, _)| o.label().to_lowercase())
        .collect();
        if bare.is_empty() {
            return Ok(());
        }
        Err(ValidationError::new(
            crate::domain::asset::field::KIND,
            format!(
                "as {} (a supporting asset) its needs are overrides, which need a justification; \
                 give a rationale for {} or clear it first",
                kind.label().to_lowercase(),
                bare.join(", ")
            ),
        )
        .into())
    }

    /// Deletes an asset; its dependencies, protection needs and risk links go with it. The
    /// change log keeps all of them in the entry's "before".
    pub fn delete_asset(&mut self, id: i64) -> Result<()> {
        let asset = one_asset(&self.tx, id)?;
        self.reassessed(crate::domain::baseline::ReassessKind::Needs, id)?;
        let refs = |sql: &str| -> Result<Vec<String>> {
            Ok(rows(&self.tx, sql, [id], |r| {
                Ok(RefKind::Asset.format(r.get(0)?))
            })?)
        };
        let record = DeletedAsset {
            asset: &asset,
            depends_on: refs(
                "SELECT a.number FROM asset_dependencies d JOIN assets a ON a.id = d.depends_on
                 WHERE d.asset = ?1 ORDER BY a.number",
            )?,
            used_by: refs(
                "SELECT a.number FROM asset_dependencies d JOIN assets a ON a.id = d.asset
                 WHERE d.depends_on = ?1 ORDER BY a.number",
            )?,
            protection_needs: rows(
                &self.tx,
                &format!("{NEED} WHERE asset = ?1 ORDER BY objective"),
                [id],
                need,
            )?,
            risks: risk_titles(&self.tx, id)?,
            questions: rows(
                &self.tx,
                "SELECT number FROM open_questions WHERE asset = ?1 ORDER BY number",
                [id],
                |r| Ok(RefKind::Question.format(r.get(0)?)),
            )?,
        };
        self.log(
            "asset",
            &RefKind::Asset.format(asset.number),
            "delete",
            Some(&record),
            None::<&()>,
        )?;
        self.tx.execute("DELETE FROM assets WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Adds `asset depends on depends_on`, refusing cycles and naming the one it would close.
    pub fn add_dependency(&mut self, dependency: Dependency) -> Result<()> {
        let reference = self.asset_ref(dependency.asset)?;
        self.asset_ref(dependency.depends_on)?;
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
        // Only the assets on a cycle are looked up; a failed lookup still leaves a usable label.
        let name = |id: i64| {
            self.tx
                .prepare_cached("SELECT number, name FROM assets WHERE id = ?1")
                .and_then(|mut s| {
                    s.query_row([id], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))
                })
                .map_or_else(
                    |_| format!("asset #{id}"),
                    |(number, name)| format!("{} {name}", RefKind::Asset.format(number)),
                )
        };
        check_new_dependency(&relevant, dependency, name)?;
        self.tx.execute(
            "INSERT INTO asset_dependencies (asset, depends_on) VALUES (?1, ?2)",
            (dependency.asset, dependency.depends_on),
        )?;
        self.log(
            "dependency",
            &reference,
            "create",
            None::<&()>,
            Some(&dependency),
        )
    }

    /// Removes `asset depends on depends_on`; `Missing` if there is no such dependency.
    pub fn remove_dependency(&mut self, dependency: Dependency) -> Result<()> {
        let removed = self.tx.execute(
            "DELETE FROM asset_dependencies WHERE asset = ?1 AND depends_on = ?2",
            (dependency.asset, dependency.depends_on),
        )?;
        if removed == 0 {
            return Err(StoreError::Missing(format!(
                "the dependency of asset #{} on asset #{}",
                dependency.asset, dependency.depends_on
            )));
        }
        let reference = self.asset_ref(dependency.asset)?;
        self.log(
            "dependency",
            &reference,
            "delete",
            Some(&dependency),
            None::<&()>,
        )
    }

    /// Sets (or replaces) the need of one asset for one objective. On a supporting asset it is
    /// an override and is refused without a justification.
    pub fn set_protection_need(
        &mut self,
        need: ProtectionNeed,
        scale: &ProtectionScale,
    ) -> Result<ProtectionNeed> {
        let need = self.write_protection_need(need, scale, false)?;
        // Rating a need re-assesses the asset's needs for the open cycle.
        self.reassessed(crate::domain::baseline::ReassessKind::Needs, need.asset)?;
        Ok(need)
    }

    /// Sets a need as an imported register gives it: an override may lack its justification,
    /// which the readiness check then reports ([`ProtectionNeed::validated_as_found`]).
    pub fn import_protection_need(
        &mut self,
        need: ProtectionNeed,
        scale: &ProtectionScale,
    ) -> Result<ProtectionNeed> {
        self.write_protection_need(need, scale, true)
    }

    fn write_protection_need(
        &mut self,
        need: ProtectionNeed,
        scale: &ProtectionScale,
        as_found: bool,
    ) -> Result<ProtectionNeed> {
        let (number, kind): (u32, AssetKind) = self
            .tx
            .prepare_cached("SELECT number, kind FROM assets WHERE id = ?1")?
            .query_row([need.asset], |r| Ok((r.get(0)?, parse(r, 1)?)))
            .optional()?
            .ok_or_else(|| StoreError::Missing(format!("asset #{}", need.asset)))?;
        let need = if as_found {
            need.validated_as_found(scale)?
        } else {
            need.validated(scale, kind.is_rated_directly())?
        };
        let before = one_need(&self.tx, need.asset, need.objective)?;
        let need = ProtectionNeed {
            rationale_stale: rationale_stale(before.as_ref(), &need),
            ..need
        };
        if is_unchanged(before.as_ref(), &need) {
            return Ok(need);
        }
        self.tx
            .prepare_cached(
                "INSERT INTO protection_needs (asset, objective, level, rationale, rationale_stale)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (asset, objective) DO UPDATE SET level = excluded.level,
                     rationale = excluded.rationale, rationale_stale = excluded.rationale_stale",
            )?
            .execute((
                need.asset,
                need.objective.as_str(),
                need.level,
                &need.rationale,
                need.rationale_stale,
            ))?;
        self.log(
            "protection_need",
            &RefKind::Asset.format(number),
            "set",
            before.as_ref(),
            Some(&need),
        )?;
        Ok(need)
    }

    /// Removes the need of one asset for one objective, if there is one (then a supporting
    /// asset inherits again); logs only when something was removed.
    pub fn clear_protection_need(&mut self, asset: i64, objective: Objective) -> Result<()> {
        let Some(before) = one_need(&self.tx, asset, objective)? else {
            return Ok(());
        };
        self.tx.execute(
            "DELETE FROM protection_needs WHERE asset = ?1 AND objective = ?2",
            (asset, objective.as_str()),
        )?;
        let reference = self.asset_ref(asset)?;
        self.log(
            "protection_need",
            &reference,
            "clear",
            Some(&before),
            None::<&()>,
        )
    }

    /// Moves every stored need from scale `from` to scale `to`, logging each changed one;
    /// returns the summary of [`remap_needs`]. The caller stores the new scale.
    pub(super) fn remap_protection_needs(
        &mut self,
        from: &ProtectionScale,
        to: &ProtectionScale,
    ) -> Result<String> {
        let needs = all(&self.tx, &format!("{NEED} ORDER BY asset, objective"), need)?;
        let (remapped, summary) = remap_needs(&needs, from, to);
        let numbers: HashMap<i64, u32> = all(&self.tx, "SELECT id, number FROM assets", |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .into_iter()
        .collect();
        for (old, new) in needs.iter().zip(&remapped) {
            if old.level == new.level {
                continue;
            }
            self.tx
                .prepare_cached(
                    "UPDATE protection_needs SET level = ?3 WHERE asset = ?1 AND objective = ?2",
                )?
                .execute((new.asset, new.objective.as_str(), new.level))?;
            let reference = numbers.get(&new.asset).map_or_else(
                || format!("asset #{}", new.asset),
                |&n| RefKind::Asset.format(n),
            );
            self.log("protection_need", &reference, "remap", Some(old), Some(new))?;
        }
        Ok(summary)
    }

    /// `AS-007` for a row id; `Missing` if there is no such asset.
    pub(super) fn asset_ref(&self, id: i64) -> Result<String> {
        let number: Option<u32> = self
            .tx
            .prepare_cached("SELECT number FROM assets WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        number
            .map(|n| RefKind::Asset.format(n))
            .ok_or_else(|| StoreError::Missing(format!("asset #{id}")))
    }
}

fn asset_owner() -> crate::domain::Field {
    crate::domain::asset::field::OWNER
}
