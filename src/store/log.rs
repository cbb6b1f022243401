//! Reading the change log: all of it, from a day on (`isms log --since`), or one item's history
//! (`h` in a register).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::sql::rows;
use super::{Result, Store};
use crate::domain::history::Links;
use crate::domain::reference::RefKind;

/// One recorded change: when, who, what, and the item before and after as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub at: String,
    pub who: String,
    pub entity: String,
    pub reference: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The number of the workshop the change was made in (`W-001` is 1), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workshop: Option<u32>,
}

pub(super) const COLUMNS: &str = "SELECT c.at, c.who, c.entity, c.reference, c.action, c.before,
    c.after, w.number FROM change_log c LEFT JOIN workshops w ON w.id = c.workshop";

pub(super) fn change(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    Ok(Change {
        at: r.get(0)?,
        who: r.get(1)?,
        entity: r.get(2)?,
        reference: r.get(3)?,
        action: r.get(4)?,
        before: r.get(5)?,
        after: r.get(6)?,
        workshop: r.get(7)?,
    })
}

impl Change {
    /// The entry as the domain reads it (see `domain::workshop::minutes`).
    pub fn logged(&self) -> crate::domain::workshop::Logged<'_> {
        crate::domain::workshop::Logged {
            entity: &self.entity,
            reference: &self.reference,
            action: &self.action,
            before: self.before.as_deref(),
            after: self.after.as_deref(),
        }
    }
}

impl Store {
    /// The day of the latest change-log entry that changed a risk's inherent or residual
    /// rating (an edit or a re-rating by a new methodology; a risk first recorded with its
    /// ratings is not a change), if there is one.
    pub fn last_rating_change(&self) -> Result<Option<NaiveDate>> {
        let at: Option<String> = self.conn().query_row(
            "SELECT MAX(at) FROM change_log
             WHERE entity = 'risk' AND action IN ('update', 'rerate')
               AND (json_extract(before, '$.inherent') IS NOT json_extract(after, '$.inherent')
                 OR json_extract(before, '$.residual') IS NOT json_extract(after, '$.residual'))",
            [],
            |r| r.get(0),
        )?;
        // Stamps are `2026-03-31T09:15:00`; one that does not read as a date is no change.
        Ok(at.and_then(|at| NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()))
    }

    /// Every change, oldest first.
    pub fn changes(&self) -> Result<Vec<Change>> {
        self.changes_since(None)
    }

    /// The changes made at `since` or later (all of them for `None`), oldest first.
    pub fn changes_since(&self, since: Option<NaiveDateTime>) -> Result<Vec<Change>> {
        // Stamps are ISO 8601 (`2026-03-31T09:15:00`), so text order is time order.
        let since = since.map_or_else(String::new, |t| t.format("%Y-%m-%dT%H:%M:%S").to_string());
        Ok(rows(
            self.conn(),
            &format!("{COLUMNS} WHERE c.at >= ?1 ORDER BY c.id"),
            [since],
            change,
        )?)
    }

    /// The references of every item a change-log snapshot can link to by row id, to show those
    /// links as a reader knows them.
    pub fn links(&self) -> Result<Links> {
        let mut links = Links::default();
        for (kind, table) in [
            (RefKind::Asset, "assets"),
            (RefKind::ScopeItem, "scope_items"),
            (RefKind::Risk, "risks"),
            (RefKind::Workshop, "workshops"),
            (RefKind::Action, "actions"),
        ] {
            let ids: Vec<(i64, u32)> = rows(
                self.conn(),
                &format!("SELECT id, number FROM {table}"),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            for (id, number) in ids {
                links.insert(kind, id, number);
            }
        }
        Ok(links)
    }

    /// The changes recorded for one item, oldest first: its `reference` (`AS-001`, `5.1`)
    /// under any of `entities`. Several entities, because an item's history includes what is
    /// logged apart from it (an asset's protection needs and dependencies, a risk's acceptances),
    /// and the entity keeps apart items whose references look alike (clause 5.1, control 5.1).
    pub fn history(&self, entities: &[&str], reference: &str) -> Result<Vec<Change>> {
        let entities = serde_json::to_string(entities).unwrap_or_else(|_| "[]".into());
        Ok(rows(
            self.conn(),
            &format!(
                "{COLUMNS} WHERE c.reference = ?1
                   AND c.entity IN (SELECT value FROM json_each(?2)) ORDER BY c.id"
            ),
            (reference, entities),
            change,
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Clock;
    use crate::domain::scope::{ScopeItem, ScopeItemKind};

    fn day(day: &str) -> Option<NaiveDateTime> {
        day.parse::<chrono::NaiveDate>()
            .ok()
            .map(|d| d.and_time(chrono::NaiveTime::MIN))
    }

    fn on(day: &str) -> Clock {
        Clock::Fixed(day.parse().unwrap())
    }

    /// A workspace created on 2026-01-10 whose scope item S-001 is renamed on 2026-02-20, and
    /// clause 5.1 (same reference as control 5.1) changed on 2026-03-31.
    fn workspace(dir: &tempfile::TempDir) -> Store {
        let path = dir.path().join("t.isms");
        let mut store =
            Store::create_with_clock(&path, "Acme GmbH", None, on("2026-01-10")).unwrap();
        let item = store
            .edit(|w| w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "HQ")))
            .unwrap();
        store.set_clock(on("2026-02-20"));
        store
            .edit(|w| {
                w.update_scope_item(ScopeItem {
                    name: "Headquarters".into(),
                    ..item
                })
            })
            .unwrap();
        store.set_clock(on("2026-03-31"));
        let mut clause = store
            .clauses()
            .unwrap()
            .into_iter()
            .find(|c| c.number == "5.1")
            .unwrap();
        clause.note = "Board minutes".into();
        store.edit(|w| w.set_clause(clause)).unwrap();
        store
    }

    #[test]
    fn since_keeps_the_changes_of_that_day_and_later_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = workspace(&dir);
        let all = store.changes_since(None).unwrap();
        assert!(all.len() > 3, "seeding is logged too: {all:?}");
        assert_eq!(all.first().unwrap().at, "2026-01-10T00:00:00");

        let since = store.changes_since(day("2026-02-20")).unwrap();
        let what: Vec<(&str, &str, &str)> = since
            .iter()
            .map(|c| (c.at.as_str(), c.reference.as_str(), c.action.as_str()))
            .collect();
        assert_eq!(
            what,
            [
                ("2026-02-20T00:00:00", "S-001", "update"),
                ("2026-03-31T00:00:00", "5.1", "update"),
            ]
        );
        assert!(store.changes_since(day("2026-04-01")).unwrap().is_empty());
    }

    #[test]
    fn history_is_one_items_changes_and_tells_alike_references_apart() {
        let dir = tempfile::tempdir().unwrap();
        let store = workspace(&dir);
        let item = store.history(&["scope_item"], "S-001").unwrap();
        assert_eq!(
            item.iter().map(|c| c.action.as_str()).collect::<Vec<_>>(),
            ["create", "update"]
        );
        assert!(item[1].after.as_deref().unwrap().contains("Headquarters"));

        let clause = store.history(&["clause"], "5.1").unwrap();
        assert_eq!(clause.len(), 1, "{clause:?}");
        assert_eq!(clause[0].entity, "clause");
        assert!(store.history(&["control"], "5.1").unwrap().is_empty());
        assert!(store.history(&[], "S-001").unwrap().is_empty());
    }

    #[test]
    fn the_last_rating_change_is_the_latest_edit_of_a_rating() {
        use crate::domain::methodology::Rating;
        use crate::domain::risk::Risk;
        let dir = tempfile::tempdir().unwrap();
        let mut store = workspace(&dir);
        assert_eq!(store.last_rating_change().unwrap(), None);
        let m = store.methodology().unwrap();
        let rated = |l, i| {
            Some(Rating {
                likelihood: l,
                impact: i,
            })
        };
        // Recorded with its ratings: not a change.
        let risk = store
            .edit(|w| {
                w.insert_risk(
                    Risk {
                        inherent: rated(2, 2),
                        ..Risk::new("Ransomware")
                    },
                    &m,
                )
            })
            .unwrap();
        assert_eq!(store.last_rating_change().unwrap(), None);
        store.set_clock(on("2026-04-02"));
        let risk = store
            .edit(|w| {
                w.update_risk(
                    Risk {
                        residual: rated(1, 2),
                        ..risk
                    },
                    &m,
                )
            })
            .unwrap();
        store.set_clock(on("2026-04-20"));
        // A change of anything else is not a change of a rating.
        store
            .edit(|w| {
                w.update_risk(
                    Risk {
                        owner: "CTO".into(),
                        ..risk
                    },
                    &m,
                )
            })
            .unwrap();
        assert_eq!(
            store.last_rating_change().unwrap(),
            "2026-04-02".parse().ok()
        );
    }
}
