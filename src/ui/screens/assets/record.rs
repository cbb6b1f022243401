//! An asset as the register shows it: the asset, its links both ways, and its effective
//! protection needs, with the workspace context the form and the detail pane need.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::app::{Command, Error, LinkChange, Reader, Saved};
use crate::domain::asset::{Asset, AssetKind, field};
use crate::domain::protection::{
    EffectiveNeed, NeedSource, Objective, ProtectionNeed, ProtectionScale, crown_jewel_rank,
};
use crate::domain::readiness::Place;
use crate::domain::reference::RefKind;
use crate::domain::{Field, ValidationError};
use crate::ui::screens::register::Record;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Column;

/// The facets the records can be filtered by (`f`): the keys of the facet form.
mod facet {
    use crate::domain::Field;

    pub const KIND: Field = Field::new("kind");
    pub const OWNER: Field = Field::new("owner");
    pub const SCOPE_ITEM: Field = Field::new("scope item");
}

/// What every row shares: names, the dependency graph, scope items, the scale.
pub struct AssetContext {
    pub names: HashMap<i64, String>,
    pub depends_on: HashMap<i64, Vec<i64>>,
    pub serves: HashMap<i64, Vec<i64>>,
    pub scope_items: Vec<(i64, String)>,
    pub scale: ProtectionScale,
    pub objectives: Vec<Objective>,
    pub own: HashMap<(i64, Objective), ProtectionNeed>,
    /// The people an owner is picked from.
    pub people: Vec<String>,
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
        let own = self.own.get(&(asset, objective));
        let rationale = own.map(|n| n.rationale.as_str()).unwrap_or("");
        let because = match own {
            _ if rationale.is_empty() => String::new(),
            Some(n) if n.rationale_stale => format!(". Why (from the earlier level): {rationale}"),
            _ => format!(". Why: {rationale}"),
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

/// Every asset with its context, in inventory order (information first, then what holds it),
/// from the workspace's shared asset model.
pub fn load_rows(data: &Reader<'_>) -> Result<(Vec<AssetRow>, AssetRow), Error> {
    let model = data.asset_model()?;
    let mut depends_on: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut serves: HashMap<i64, Vec<i64>> = HashMap::new();
    for d in &model.dependencies {
        depends_on.entry(d.asset).or_default().push(d.depends_on);
        serves.entry(d.depends_on).or_default().push(d.asset);
    }
    let effective = &model.effective;
    let ctx = Arc::new(AssetContext {
        names: model
            .assets
            .iter()
            .map(|a| (a.id, format!("{} {}", asset_ref(a), a.name)))
            .collect(),
        depends_on,
        serves,
        scope_items: model
            .scope_items
            .iter()
            .map(|s| {
                (
                    s.id,
                    format!("{} {}", RefKind::ScopeItem.format(s.number), s.name),
                )
            })
            .collect(),
        scale: model.scale.clone(),
        objectives: model.objectives.clone(),
        own: model
            .needs
            .iter()
            .map(|n| ((n.asset, n.objective), n.clone()))
            .collect(),
        people: data.person_names()?,
    });
    let mut rows: Vec<AssetRow> = model
        .assets
        .iter()
        .cloned()
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

    /// The effective needs in their colours, as on the Protection grid.
    fn cell_styles(&self) -> Vec<(usize, crate::ui::theme::Tone)> {
        let max = self.ctx.scale.max_level();
        [
            Objective::Confidentiality,
            Objective::Integrity,
            Objective::Availability,
        ]
        .into_iter()
        .zip(4..)
        .filter_map(|(o, column)| {
            let need = self.effective.iter().find(|(x, _)| *x == o)?.1?;
            let step = crate::ui::theme::level_step(need.level, max);
            Some((column, crate::ui::theme::Tone::Level(step)))
        })
        .collect()
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

    fn facets(&self) -> Vec<(Field, String)> {
        let or_none = |s: String| {
            if s.is_empty() {
                "(none)".to_string()
            } else {
                s
            }
        };
        vec![
            (facet::KIND, self.asset.kind.label().to_string()),
            (facet::OWNER, or_none(self.asset.owner.clone())),
            (
                facet::SCOPE_ITEM,
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

    fn delete_warning(&self, data: &Reader<'_>) -> Result<Option<String>, Error> {
        let risks = data.risks_referring_to_asset(self.asset.id)?;
        let links = self.depends_on.len() + self.serves.len();
        let mut parts = Vec::new();
        if !risks.is_empty() {
            parts.push(format!(
                "It is named in {}, which will no longer refer to it: {}.",
                crate::domain::wording::count(risks.len(), "risk", "risks"),
                risks.join(", ")
            ));
        }
        if links > 0 {
            parts.push(if links == 1 {
                "Its dependency link goes with it.".to_string()
            } else {
                format!("Its {links} dependency links go with it.")
            });
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
            .line(field::NAME, "Name", &a.name)
            .choice(
                field::KIND,
                "Kind",
                AssetKind::ALL.iter().map(|k| k.label()).collect(),
                AssetKind::ALL
                    .iter()
                    .position(|k| *k == a.kind)
                    .unwrap_or(0),
            )
            .person(field::OWNER, "Owner", &a.owner, &self.ctx.people)
            .line(field::LOCATION, "Location, where held", &a.location)
            .pick(
                field::SCOPE_ITEM,
                "Scope item",
                self.ctx.scope_items.clone(),
                a.scope_item,
            )
            .line(field::CLASSIFICATION, "Classification", &a.classification)
            .pick_many(
                field::DEPENDS_ON,
                "Depends on",
                others.clone(),
                self.depends_on.clone(),
            )
            .pick_many(field::SERVES, "Serves", others, self.serves.clone())
            .text(field::DESCRIPTION, "Description", &a.description)
    }

    fn with_form(&self, form: &Form) -> Result<Self, ValidationError> {
        let kind = AssetKind::ALL
            .get(form.choice_index(field::KIND))
            .copied()
            .unwrap_or(AssetKind::Information);
        Ok(AssetRow {
            asset: Asset {
                name: form.value(field::NAME),
                kind,
                owner: form.value(field::OWNER),
                location: form.value(field::LOCATION),
                scope_item: form.picked(field::SCOPE_ITEM),
                classification: form.value(field::CLASSIFICATION),
                description: form.value(field::DESCRIPTION),
                ..self.asset.clone()
            },
            depends_on: form.picked_all(field::DEPENDS_ON),
            serves: form.picked_all(field::SERVES),
            ..self.clone()
        })
    }

    fn load(data: &Reader<'_>) -> Result<(Vec<Self>, Self), Error> {
        load_rows(data)
    }

    fn is_new(&self) -> bool {
        self.asset.id == 0
    }

    fn save(&self) -> Command {
        Command::SaveAsset {
            asset: self.asset.clone(),
            depends_on: LinkChange {
                was: self.loaded_depends_on.clone(),
                now: self.depends_on.clone(),
            },
            serves: LinkChange {
                was: self.loaded_serves.clone(),
                now: self.serves.clone(),
            },
        }
    }

    fn saved(self, saved: Saved) -> Self {
        match saved {
            Saved::Asset(asset) => AssetRow { asset, ..self },
            _ => self,
        }
    }

    fn delete(&self) -> Result<Command, ValidationError> {
        Ok(Command::DeleteAsset(self.asset.id))
    }
}
