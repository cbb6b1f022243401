//! The minutes of a workshop (`isms export minutes`, `x` in the app): whose workshop, which,
//! when it ran and who attended, as a cover; then what the room decided, from the domain's
//! [`minutes`]: the ratings it changed (before → after by the scale's level names, rationale-only
//! rewrites marked), the assets it added (with what each serves), the questions answered and the
//! questions still open (with whom they are given to and by when). Nothing but the workshop's
//! own stamps and `today` is dated, so the same workspace gives the same minutes.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::heading::item_value_table;
use super::tables::{Cell, Table, minute};
use super::{Document, ExportError, Heading};
use crate::domain::asset::{Asset, Dependency};
use crate::domain::protection::ProtectionScale;
use crate::domain::question::{OpenQuestion, stamp};
use crate::domain::reference::RefKind;
use crate::domain::workshop::{Minutes, Rated, Workshop, attendees_line, minutes};
use crate::store::{Change, Store, StoreError};

/// Shown for a level that is none: unrated, or inheriting.
const NO_LEVEL: &str = "—";

/// The workshop `W-<number>`, or the latest one for `None`; a clear error when there is none.
pub fn workshop(store: &Store, number: Option<u32>) -> Result<Workshop, ExportError> {
    match number {
        Some(n) => match store.workshop_numbered(n) {
            Ok(w) => Ok(w),
            Err(StoreError::Missing(_)) => {
                Err(ExportError::UnknownWorkshop(RefKind::Workshop.format(n)))
            }
            Err(e) => Err(e.into()),
        },
        None => store
            .workshops()?
            .into_iter()
            .max_by_key(|w| w.number)
            .ok_or(ExportError::NoWorkshop),
    }
}

/// The minutes of `workshop` as a document: the cover and the four tables.
pub fn document(
    store: &Store,
    workshop: &Workshop,
    today: NaiveDate,
) -> Result<Document, StoreError> {
    let log = store.workshop_changes(workshop.id)?;
    let logged: Vec<_> = log.iter().map(Change::logged).collect();
    let questions = store.questions()?;
    let m = minutes(workshop, &logged, &questions);
    let assets = store.assets()?;
    let names = Names::new(&assets, &store.dependencies()?);
    let scale = store.protection_scale()?;
    let organisation = store.organisation()?;
    let heading = Heading {
        title: format!("Workshop minutes {}", workshop.reference()),
        organisation: organisation.clone(),
        date: today,
        soa_version: format!("{} {}", workshop.reference(), when(workshop)),
        author: super::heading::author(&store.people()?, today),
    };
    Ok(Document {
        cover: Some(cover(&organisation, workshop, &m, &names)),
        heading,
        tables: vec![
            rated(&m.rated, &scale, &names),
            added(&m.added, &names),
            answered(&m.answered, &names),
            open(&m.open, &names),
        ],
        heat_maps: Vec::new(),
    })
}

/// `2026-01-28 09:00 to 12:30`, `2026-01-28 09:00 to 2026-01-29 10:00`, or `... (still running)`.
fn when(w: &Workshop) -> String {
    let start = minute(&stamp(w.started_at));
    match w.ended_at {
        Some(end) if end.date() == w.started_at.date() => {
            format!("{start} to {}", end.format("%H:%M"))
        }
        Some(end) => format!("{start} to {}", minute(&stamp(end))),
        None => format!("{start} (still running)"),
    }
}

/// The assets by row id and by reference, with what each serves.
struct Names<'a> {
    by_id: HashMap<i64, &'a Asset>,
    by_ref: HashMap<String, &'a Asset>,
    /// Asset id → the references of the assets that depend on it, by number.
    serves: HashMap<i64, Vec<String>>,
}

impl<'a> Names<'a> {
    fn new(assets: &'a [Asset], dependencies: &[Dependency]) -> Self {
        let by_id: HashMap<i64, &Asset> = assets.iter().map(|a| (a.id, a)).collect();
        let mut serves: HashMap<i64, Vec<(u32, String)>> = HashMap::new();
        for d in dependencies {
            if let Some(served) = by_id.get(&d.asset) {
                serves
                    .entry(d.depends_on)
                    .or_default()
                    .push((served.number, RefKind::Asset.format(served.number)));
            }
        }
        Self {
            by_ref: assets
                .iter()
                .map(|a| (RefKind::Asset.format(a.number), a))
                .collect(),
            by_id,
            serves: serves
                .into_iter()
                .map(|(id, mut refs)| {
                    refs.sort();
                    (id, refs.into_iter().map(|(_, r)| r).collect())
                })
                .collect(),
        }
    }

    /// The current name of the asset `reference`, or a note that it is gone.
    fn name(&self, reference: &str) -> String {
        self.by_ref
            .get(reference)
            .map_or_else(|| "(deleted since)".to_string(), |a| a.name.clone())
    }

    /// `AS-028 Backup NAS`, or the workshop as a whole.
    fn about(&self, question: &OpenQuestion) -> String {
        match question.asset.and_then(|id| self.by_id.get(&id)) {
            Some(a) => format!("{} {}", RefKind::Asset.format(a.number), a.name),
            None if question.asset.is_some() => "an asset deleted since".to_string(),
            None => "the workshop as a whole".to_string(),
        }
    }
}

fn text(s: &str) -> Cell {
    Cell::text_or_empty(s)
}

fn cover(organisation: &str, w: &Workshop, m: &Minutes, names: &Names<'_>) -> Table {
    let walked: Vec<String> = w
        .walked
        .iter()
        .map(|r| format!("{r} {}", names.name(r)))
        .collect();
    let count = |n: usize| Cell::Number(n as f64);
    let mut cover = item_value_table(vec![
        ("Client", text(organisation)),
        ("Workshop", text(&w.reference())),
        ("Title", text(&w.title)),
        ("Started", text(&minute(&stamp(w.started_at)))),
        (
            "Ended",
            match w.ended_at {
                Some(end) => text(&minute(&stamp(end))),
                None => text("still running"),
            },
        ),
        ("Attendees", text(&attendees_line(&w.attendees))),
        ("Assets walked", text(&walked.join(", "))),
        ("Ratings changed", count(m.rated.len())),
        ("Assets added", count(m.added.len())),
        ("Questions answered", count(m.answered.len())),
        ("Questions open", count(m.open.len())),
    ]);
    cover.title = "Workshop".to_string();
    cover
}

/// A table of the minutes; only the register exports keep JSON rows.
fn table(name: &'static str, title: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    Table::plain(name, title, headers, rows)
}

/// `normal → high`, `— → high` for a first rating, `high → —` for one cleared.
pub fn level_change(scale: &ProtectionScale, r: &Rated) -> String {
    let name = |level: Option<u8>| {
        level
            .and_then(|l| scale.name(l))
            .unwrap_or(NO_LEVEL)
            .to_string()
    };
    format!("{} → {}", name(r.before), name(r.after))
}

fn rated(rated: &[Rated], scale: &ProtectionScale, names: &Names<'_>) -> Table {
    let rows = rated
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.asset.clone()),
                Cell::Text(names.name(&r.asset)),
                Cell::Text(r.objective.label().to_string()),
                Cell::Text(level_change(scale, r)),
                text(&r.rationale),
                if r.rationale_only() {
                    Cell::Text("rationale rewritten, level kept".to_string())
                } else {
                    Cell::Empty
                },
            ]
        })
        .collect();
    table(
        "ratings-changed",
        "Ratings changed",
        &[
            "Asset",
            "Name",
            "Objective",
            "Level before → after",
            "Rationale",
            "Note",
        ],
        rows,
    )
}

fn added(added: &[String], names: &Names<'_>) -> Table {
    let rows = added
        .iter()
        .map(|reference| {
            let asset = names.by_ref.get(reference);
            let serves = asset
                .and_then(|a| names.serves.get(&a.id))
                .map(|refs| refs.join(", "))
                .unwrap_or_default();
            vec![
                Cell::Text(reference.clone()),
                Cell::Text(names.name(reference)),
                asset.map_or(Cell::Empty, |a| Cell::Text(a.kind.label().to_string())),
                text(&serves),
            ]
        })
        .collect();
    table(
        "assets-added",
        "Assets added",
        &["Asset", "Name", "Kind", "Serves"],
        rows,
    )
}

fn answered(answered: &[OpenQuestion], names: &Names<'_>) -> Table {
    let rows = answered
        .iter()
        .map(|q| {
            vec![
                Cell::Text(q.reference()),
                Cell::Text(q.text.clone()),
                Cell::Text(names.about(q)),
                text(&q.answer),
                text(&q.answered_by),
                q.resolved_at
                    .map_or(Cell::Empty, |at| Cell::Text(minute(&stamp(at)))),
            ]
        })
        .collect();
    table(
        "questions-answered",
        "Questions answered",
        &["Ref", "Question", "About", "Answer", "Answered by", "When"],
        rows,
    )
}

fn open(open: &[OpenQuestion], names: &Names<'_>) -> Table {
    let rows = open
        .iter()
        .map(|q| {
            vec![
                Cell::Text(q.reference()),
                Cell::Text(q.text.clone()),
                Cell::Text(names.about(q)),
                text(&q.assignee),
                q.due.map_or(Cell::Empty, Cell::Date),
            ]
        })
        .collect();
    table(
        "open-questions",
        "Open questions",
        &["Ref", "Question", "About", "Assignee", "Due"],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::protection::Objective;

    fn rated(before: Option<u8>, after: Option<u8>) -> Rated {
        Rated {
            asset: "AS-001".into(),
            objective: Objective::Confidentiality,
            before,
            after,
            rationale: String::new(),
        }
    }

    #[test]
    fn a_level_change_reads_in_the_scales_names_with_a_dash_for_none() {
        let scale = ProtectionScale::default();
        assert_eq!(
            level_change(&scale, &rated(Some(1), Some(2))),
            "normal → high"
        );
        assert_eq!(level_change(&scale, &rated(None, Some(3))), "— → very high");
        assert_eq!(level_change(&scale, &rated(Some(2), None)), "high → —");
    }

    #[test]
    fn the_time_a_workshop_ran_names_the_day_once() {
        let at = |s: &str| {
            crate::domain::question::parse_stamp(crate::domain::question::field::NOTED_AT, s)
                .unwrap()
        };
        let mut w = Workshop::new("Day", vec![], at("2026-01-28T09:00:00"));
        assert_eq!(when(&w), "2026-01-28 09:00 (still running)");
        w.ended_at = Some(at("2026-01-28T12:30:00"));
        assert_eq!(when(&w), "2026-01-28 09:00 to 12:30");
        w.ended_at = Some(at("2026-01-29T08:15:00"));
        assert_eq!(when(&w), "2026-01-28 09:00 to 2026-01-29 08:15");
    }
}
