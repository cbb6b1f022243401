//! An asset as the register shows it: the asset, its links both ways, and its effective
//! protection needs, with the workspace context the form and the detail pane need.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::domain::ValidationError;
use crate::domain::asset::{Asset, AssetKind, Dependency};
use crate::domain::protection::{
    EffectiveNeed, NeedSource, Objective, ProtectionNeed, ProtectionScale, crown_jewel_rank,
    effective_needs,
};
use crate::domain::readiness::Place;
use crate::domain::reference::RefKind;
use crate::store::{Store, StoreError, Writer};
use crate::ui::screens::register::Record;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// What every row shares: names, the dependency graph, scope items, the scale.
pub struct AssetContext {
    pub names: HashMap<i64, String>,
    pub depends_on: HashMap<i64, Vec<i64>>,
    pub serves: HashMap<i64, Vec<i64>>,
    pub scope_items: Vec<(i64, String)>,
    pub scale: ProtectionScale,
    pub objectives: Vec<Objective>,
    pub own: HashMap<(i64, Objective), ProtectionNeed>,
}

impl AssetContext {
    pub fn name(&self, id: i64) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    }

    fn scope_label(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.scope_items.iter().find(|(s, _)| *s == id))
            .map_or(String::new(), |(_, l)| l.clone())
    }

    /// The effective level as a short cell: the level's name, `↑` when inherited, `!` when overridden.
    pub fn cell(&self, need: Option<&EffectiveNeed>) -> String {
        match need {
            None => "–".to_string(),
            Some(n) => {
                let name = self.scale.name(n.level).unwrap_or("?");
                // The mark leads, so a narrow cell still shows where the value comes from.
                match n.source {
                    NeedSource::Own => format!("  {name}"),
                    NeedSource::Inherited { .. } => format!("↑ {name}"),
                    NeedSource::Override { .. } => format!("! {name}"),
                }
            }
        }
    }

    /// One sentence on where an effective value comes from.
    pub fn explain(
        &self,
        asset: i64,
        objective: Objective,
        need: Option<&EffectiveNeed>,
    ) -> String {
        let level = |l: u8| self.scale.name(l).unwrap_or("?").to_string();
        let rationale = self
            .own
            .get(&(asset, objective))
            .map(|n| n.rationale.as_str())
            .unwrap_or("");
        let because = if rationale.is_empty() {
            String::new()
        } else {
            format!(". Why: {rationale}")
        };
        match need {
            None => "not rated".to_string(),
            Some(n) => match n.source {
                NeedSource::Own => format!("{}, rated here{because}", level(n.level)),
                NeedSource::Inherited { from } => {
                    format!("{}, inherited from {}", level(n.level), self.name(from))
                }
                NeedSource::Override {
                    inherited,
                    from,
                    effect,
                } => {
                    let base = match (inherited, from) {
                        (Some(i), Some(f)) => format!(" of {} from {}", level(i), self.name(f)),
                        _ => String::new(),
                    };
                    let effect = effect.label().to_lowercase();
                    format!("{}: override{base}, {effect}{because}", level(n.level))
                }
            },
        }
    }
}

#[derive(Clone)]
pub struct AssetRow {
    pub asset: Asset,
    pub depends_on: Vec<i64>,
    pub serves: Vec<i64>,
    /// The links as they were loaded, to know what a save adds and removes.
    loaded_depends_on: Vec<i64>,
    loaded_serves: Vec<i64>,
    pub effective: Vec<(Objective, Option<EffectiveNeed>)>,
    pub ctx: Arc<AssetContext>,
}

fn asset_ref(asset: &Asset) -> String {
    RefKind::Asset.format(asset.number)
}

/// Loads every asset with its context, in inventory order (information first, then what holds it).
pub fn load_rows(store: &Store) -> Result<(Vec<AssetRow>, AssetRow), StoreError> {
    let assets = store.assets()?;
    let deps = store.dependencies()?;
    let needs = store.protection_needs()?;
    let objectives = store.objectives()?;
    let mut depends_on: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut serves: HashMap<i64, Vec<i64>> = HashMap::new();
    for d in &deps {
        depends_on.entry(d.asset).or_default().push(d.depends_on);
        serves.entry(d.depends_on).or_default().push(d.asset);
    }
    let effective: Vec<(Objective, HashMap<i64, EffectiveNeed>)> = objectives
        .iter()
        .map(|&o| (o, effective_needs(&assets, &deps, &needs, o)))
        .collect();
    let ctx = Arc::new(AssetContext {
        names: assets
            .iter()
            .map(|a| (a.id, format!("{} {}", asset_ref(a), a.name)))
            .collect(),
        depends_on,
        serves,
        scope_items: store
            .scope_items()?
            .into_iter()
            .map(|s| {
                (
                    s.id,
                    format!("{} {}", RefKind::ScopeItem.format(s.number), s.name),
                )
            })
            .collect(),
        scale: store.protection_scale()?,
        objectives: objectives.clone(),
        own: needs
            .into_iter()
            .map(|n| ((n.asset, n.objective), n))
            .collect(),
    });
    let mut rows: Vec<AssetRow> = assets
        .into_iter()
        .map(|asset| {
            let depends_on = ctx.depends_on.get(&asset.id).cloned().unwrap_or_default();
            let serves = ctx.serves.get(&asset.id).cloned().unwrap_or_default();
            AssetRow {
                effective: effective
                    .iter()
                    .map(|(o, e)| (*o, e.get(&asset.id).copied()))
                    .collect(),
                loaded_depends_on: depends_on.clone(),
                loaded_serves: serves.clone(),
                depends_on,
                serves,
                asset,
                ctx: Arc::clone(&ctx),
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.asset.kind.category(), r.asset.number));
    let blank = AssetRow {
        asset: Asset::new(AssetKind::Information, ""),
        depends_on: Vec::new(),
        serves: Vec::new(),
        loaded_depends_on: Vec::new(),
        loaded_serves: Vec::new(),
        effective: Vec::new(),
        ctx,
    };
    Ok((rows, blank))
}

impl AssetRow {
    /// A tree of the assets reached from this one along `next`, at most three levels deep.
    fn tree(
        &self,
        lines: &mut Vec<(String, Option<i64>)>,
        next: &HashMap<i64, Vec<i64>>,
        start: &[i64],
    ) {
        fn walk(
            ctx: &AssetContext,
            next: &HashMap<i64, Vec<i64>>,
            ids: &[i64],
            prefix: &str,
            depth: usize,
            seen: &mut HashSet<i64>,
            lines: &mut Vec<(String, Option<i64>)>,
        ) {
            for (i, &id) in ids.iter().enumerate() {
                let last = i + 1 == ids.len();
                let branch = if last { "└─ " } else { "├─ " };
                lines.push((format!("{prefix}{branch}{}", ctx.name(id)), Some(id)));
                let children = next.get(&id).map(Vec::as_slice).unwrap_or(&[]);
                if children.is_empty() || !seen.insert(id) {
                    continue;
                }
                let deeper = format!("{prefix}{}", if last { "   " } else { "│  " });
                if depth >= 2 {
                    lines.push((format!("{deeper}└─ … {} more", children.len()), None));
                } else {
                    walk(ctx, next, children, &deeper, depth + 1, seen, lines);
                }
            }
        }
        let mut seen = HashSet::from([self.asset.id]);
        walk(&self.ctx, next, start, "  ", 0, &mut seen, lines);
    }

    fn save_links(&self, w: &mut Writer<'_>, id: i64) -> Result<(), StoreError> {
        let edge = |asset, depends_on| Dependency { asset, depends_on };
        let removed = self
            .loaded_depends_on
            .iter()
            .filter(|d| !self.depends_on.contains(d))
            .map(|&d| edge(id, d));
        let removed_serves = self
            .loaded_serves
            .iter()
            .filter(|s| !self.serves.contains(s))
            .map(|&s| edge(s, id));
        for dep in removed.chain(removed_serves).collect::<Vec<_>>() {
            w.remove_dependency(dep)?;
        }
        for &d in self
            .depends_on
            .iter()
            .filter(|d| !self.loaded_depends_on.contains(d))
        {
            w.add_dependency(edge(id, d))?;
        }
        for &s in self
            .serves
            .iter()
            .filter(|s| !self.loaded_serves.contains(s))
        {
            w.add_dependency(edge(s, id)).map_err(|e| match e {
                StoreError::Invalid(v) => {
                    StoreError::Invalid(ValidationError::new("serves", v.message))
                }
                other => other,
            })?;
        }
        Ok(())
    }
}

impl Record for AssetRow {
    const NOUN: &'static str = "asset";
    const RANKED: Option<&'static str> = Some("crown jewels");
    const LINKS_AFTER: usize = 6;

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Ref", 6, 6, 9),
            Column::new("Name", 26, 12, 8),
            Column::new("Kind", 14, 8, 6),
            Column::new("Owner", 18, 8, 4),
            Column::new("C", 11, 11, 7),
            Column::new("I", 11, 11, 7),
            Column::new("A", 11, 11, 7),
            Column::new("Scope item", 20, 8, 2),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let need = |o: Objective| {
            self.ctx.cell(
                self.effective
                    .iter()
                    .find(|(x, _)| *x == o)
                    .and_then(|(_, e)| e.as_ref()),
            )
        };
        vec![
            asset_ref(&self.asset),
            self.asset.name.clone(),
            self.asset.kind.label().into(),
            self.asset.owner.clone(),
            need(Objective::Confidentiality),
            need(Objective::Integrity),
            need(Objective::Availability),
            self.ctx.scope_label(self.asset.scope_item),
        ]
    }

    fn detail(&self) -> Vec<(&'static str, String)> {
        let a = &self.asset;
        let needs: Vec<String> = self
            .effective
            .iter()
            .map(|(o, e)| format!("{}: {}", o.label(), self.ctx.explain(a.id, *o, e.as_ref())))
            .collect();
        vec![
            ("Asset", format!("{} {}", asset_ref(a), a.name)),
            ("Kind", a.kind.with_category()),
            (
                "Owner",
                if a.owner.is_empty() {
                    "none: every asset needs an owner".into()
                } else {
                    a.owner.clone()
                },
            ),
            ("Location", a.location.clone()),
            ("Scope item", self.ctx.scope_label(a.scope_item)),
            ("Classification", a.classification.clone()),
            ("Protection needs", needs.join("\n")),
            ("Description", a.description.clone()),
        ]
    }

    fn links(&self) -> Vec<(String, Option<i64>)> {
        let mut lines = Vec::new();
        if !self.serves.is_empty() {
            lines.push(("Serves".to_string(), None));
            self.tree(&mut lines, &self.ctx.serves, &self.serves);
        }
        if !self.depends_on.is_empty() {
            lines.push(("Depends on".to_string(), None));
            self.tree(&mut lines, &self.ctx.depends_on, &self.depends_on);
        }
        lines
    }

    fn facets(&self) -> Vec<(&'static str, String)> {
        let or_none = |s: String| {
            if s.is_empty() {
                "(none)".to_string()
            } else {
                s
            }
        };
        vec![
            ("kind", self.asset.kind.label().to_string()),
            ("owner", or_none(self.asset.owner.clone())),
            (
                "scope item",
                or_none(self.ctx.scope_label(self.asset.scope_item)),
            ),
        ]
    }

    fn rank(&self) -> (u8, u32) {
        let levels: Vec<Option<u8>> = self
            .effective
            .iter()
            .map(|(_, e)| e.map(|n| n.level))
            .collect();
        crown_jewel_rank(&levels)
    }

    fn id(&self) -> i64 {
        self.asset.id
    }

    fn is_at(&self, place: &Place) -> bool {
        *place == Place::Asset(self.asset.id)
    }

    fn label(&self) -> String {
        format!("{} {}", asset_ref(&self.asset), self.asset.name)
    }

    fn history(&self) -> (&'static [&'static str], String) {
        (
            &["asset", "protection_need", "dependency"],
            asset_ref(&self.asset),
        )
    }

    fn delete_warning(&self, store: &Store) -> Result<Option<String>, StoreError> {
        let risks = store.risks_referring_to_asset(self.asset.id)?;
        let links = self.depends_on.len() + self.serves.len();
        let mut parts = Vec::new();
        if !risks.is_empty() {
            parts.push(format!(
                "It is named in {} risk(s), which will no longer refer to it: {}.",
                risks.len(),
                risks.join(", ")
            ));
        }
        if links > 0 {
            parts.push(format!("Its {links} dependency link(s) go with it."));
        }
        Ok((!parts.is_empty()).then(|| parts.join(" ")))
    }

    fn form(&self, title: String) -> Form {
        let a = &self.asset;
        let others: Vec<(i64, String)> = {
            let mut v: Vec<(i64, String)> = self
                .ctx
                .names
                .iter()
                .filter(|(id, _)| **id != a.id)
                .map(|(id, n)| (*id, n.clone()))
                .collect();
            v.sort_by(|x, y| crate::ui::widgets::table::natural_cmp(&x.1, &y.1));
            v
        };
        Form::new(title)
            .line("name", "Name", &a.name)
            .choice(
                "kind",
                "Kind",
                AssetKind::ALL.iter().map(|k| k.label()).collect(),
                AssetKind::ALL
                    .iter()
                    .position(|k| *k == a.kind)
                    .unwrap_or(0),
            )
            .line("owner", "Owner", &a.owner)
            .line("location", "Location, where held", &a.location)
            .pick(
                "scope item",
                "Scope item",
                self.ctx.scope_items.clone(),
                a.scope_item,
            )
            .line("classification", "Classification", &a.classification)
            .pick_many(
                "depends on",
                "Depends on",
                others.clone(),
                self.depends_on.clone(),
            )
            .pick_many("serves", "Serves", others, self.serves.clone())
            .text("description", "Description", &a.description)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let kind = AssetKind::ALL
            .get(form.choice_index("kind"))
            .copied()
            .unwrap_or(AssetKind::Information);
        Ok(AssetRow {
            asset: Asset {
                name: form.value("name"),
                kind,
                owner: form.value("owner"),
                location: form.value("location"),
                scope_item: form.picked("scope item"),
                classification: form.value("classification"),
                description: form.value("description"),
                ..self.asset.clone()
            },
            depends_on: form.picked_all("depends on"),
            serves: form.picked_all("serves"),
            ..self.clone()
        })
    }

    fn load(store: &Store) -> Result<(Vec<Self>, Self), StoreError> {
        load_rows(store)
    }

    fn is_new(&self) -> bool {
        self.asset.id == 0
    }

    fn save(self, w: &mut Writer<'_>) -> Result<Self, StoreError> {
        let asset = if self.is_new() {
            w.insert_asset(self.asset.clone())?
        } else {
            w.update_asset(self.asset.clone())?
        };
        self.save_links(w, asset.id)?;
        Ok(AssetRow { asset, ..self })
    }

    fn delete(&self, w: &mut Writer<'_>) -> Result<(), StoreError> {
        w.delete_asset(self.asset.id)
    }
}
