//! A change log carried from one workspace into another by `isms import workspace`: every entry
//! checked like any text a user gives (the file may have been edited by anyone), and the row ids
//! its snapshots hold given as the new file's, so that `isms log` names the same items.

use chrono::NaiveDateTime;
use serde_json::Value;

use super::history::link_kind;
use super::reference::RefKind;
use super::text::{self, Field, ValidationError};

/// How the log writes a moment: to the second, without a zone.
const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// The fields of a change-log entry, as validation errors name them.
pub mod field {
    use crate::domain::text::Field;

    pub const AT: Field = Field::new("at");
    pub const WHO: Field = Field::new("who");
    pub const ENTITY: Field = Field::new("entity");
    pub const REFERENCE: Field = Field::new("reference");
    pub const ACTION: Field = Field::new("action");
    pub const BEFORE: Field = Field::new("before");
    pub const AFTER: Field = Field::new("after");
}

/// One entry as the exported document holds it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub at: &'a str,
    pub who: &'a str,
    pub entity: &'a str,
    pub reference: &'a str,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// Refuses an entry a log could not have written: a stamp that is not one, an author, item or
/// action that is not a clean single line, a snapshot that is not JSON or holds a text with a
/// control character or bidirectional control. Nothing is changed: a kept entry is copied as it
/// was.
pub fn check(entry: &Entry<'_>) -> Result<(), ValidationError> {
    if NaiveDateTime::parse_from_str(entry.at, STAMP).is_err() {
        return Err(ValidationError::new(
            field::AT,
            format!(
                "'{}' is not a moment; expected YYYY-MM-DDTHH:MM:SS",
                text::shown(entry.at)
            ),
        ));
    }
    text::required_line(field::WHO, entry.who)?;
    text::required_line(field::ENTITY, entry.entity)?;
    text::line(field::REFERENCE, entry.reference)?;
    text::required_line(field::ACTION, entry.action)?;
    for (field, snapshot) in [(field::BEFORE, entry.before), (field::AFTER, entry.after)] {
        if let Some(json) = snapshot {
            let value: Value = serde_json::from_str(json)
                .map_err(|e| ValidationError::new(field, format!("is not JSON ({e})")))?;
            check_texts(field, &value)?;
        }
    }
    Ok(())
}

/// Every text in a snapshot, keys included, by the rules of a multi-line text.
fn check_texts(field: Field, value: &Value) -> Result<(), ValidationError> {
    match value {
        Value::String(s) => text::text(field, s).map(|_| ()),
        Value::Array(items) => items.iter().try_for_each(|v| check_texts(field, v)),
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            text::text(field, k)?;
            check_texts(field, v)
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

/// The item kind whose own row id an entity's snapshot holds as `id`.
fn own_kind(entity: &str) -> Option<RefKind> {
    match entity {
        "asset" => Some(RefKind::Asset),
        "scope_item" => Some(RefKind::ScopeItem),
        "risk" => Some(RefKind::Risk),
        "workshop" => Some(RefKind::Workshop),
        "person" => Some(RefKind::Person),
        _ => None,
    }
}

/// The id an imported log gives an item deleted before the export, whose row id the new file
/// may well give another item: negated, which SQLite never assigns, so the entry still reads
/// as a deleted item, never as whichever item holds that id now.
pub fn deleted_id(old: i64) -> i64 {
    -old.abs()
}

/// `snapshot` with the row ids of linked items (and of the item itself) as `new_id` gives them;
/// an id it gives `None` for stays as it was. The text is returned unchanged when no id
/// changes, so that a snapshot is copied byte for byte.
pub fn relinked(
    entity: &str,
    snapshot: &str,
    new_id: impl Fn(RefKind, i64) -> Option<i64>,
) -> String {
    let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(snapshot) else {
        return snapshot.to_string();
    };
    let mut changed = false;
    for (field, value) in map.iter_mut() {
        let kind = match field.as_str() {
            "id" => own_kind(entity),
            // A competence record names its person by row id (a role held, by name).
            "person" => Some(RefKind::Person),
            other => link_kind(other),
        };
        if let Some(kind) = kind {
            changed |= relink(value, kind, &new_id);
        }
    }
    if !changed {
        return snapshot.to_string();
    }
    serde_json::to_string(&Value::Object(map)).unwrap_or_else(|_| snapshot.to_string())
}

/// Replaces the row ids in `value` (one, or a list); says whether any changed.
fn relink(value: &mut Value, kind: RefKind, new_id: &impl Fn(RefKind, i64) -> Option<i64>) -> bool {
    match value {
        Value::Number(n) => match n.as_i64().and_then(|old| Some((old, new_id(kind, old)?))) {
            Some((old, new)) if old != new => {
                *value = Value::from(new);
                true
            }
            _ => false,
        },
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, v| relink(v, kind, new_id) | changed),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(who: &'a str, after: Option<&'a str>) -> Entry<'a> {
        Entry {
            at: "2026-03-31T09:15:00",
            who,
            entity: "asset",
            reference: "AS-001",
            action: "update",
            before: None,
            after,
        }
    }

    #[test]
    fn a_clean_entry_passes() {
        assert!(check(&entry("alice", Some(r#"{"id":1,"name":"Server\nrack"}"#))).is_ok());
        assert!(check(&entry("alice", None)).is_ok());
    }

    #[test]
    fn a_forged_entry_is_refused_naming_the_field() {
        let err = check(&entry("alice\u{1b}[2J", None)).unwrap_err();
        assert_eq!(err.field, "who");
        let err = check(&entry("", None)).unwrap_err();
        assert_eq!(err.to_string(), "who: is required");
        let err = check(&entry("alice", Some(r#"{"name":"x\u202Ey"}"#))).unwrap_err();
        assert_eq!(err.field, "after");
        assert!(err.message.contains("U+202E"), "{err}");
        let err = check(&entry("alice", Some("{not json"))).unwrap_err();
        assert!(err.message.starts_with("is not JSON"), "{err}");
        let err = check(&Entry {
            at: "yesterday",
            ..entry("alice", None)
        })
        .unwrap_err();
        assert!(err.message.contains("YYYY-MM-DDTHH:MM:SS"), "{err}");
    }

    #[test]
    fn row_ids_become_the_new_files_and_unknown_ones_stay() {
        let new_id = |kind: RefKind, id: i64| match (kind, id) {
            (RefKind::Asset, 1) => Some(11),
            (RefKind::Asset, 2) => Some(12),
            (RefKind::ScopeItem, 7) => Some(3),
            _ => None,
        };
        assert_eq!(
            relinked(
                "asset",
                r#"{"id":1,"name":"A","scope_item":7,"depends_on":[2,99]}"#,
                new_id
            ),
            r#"{"id":11,"name":"A","scope_item":3,"depends_on":[12,99]}"#
        );
        // Another entity's own id is not an asset's.
        assert_eq!(
            relinked("acceptance", r#"{"id":1,"risk":5}"#, new_id),
            r#"{"id":1,"risk":5}"#
        );
        // Unchanged ids leave the text exactly as it was, spacing included.
        let same = |_: RefKind, id: i64| Some(id);
        assert_eq!(relinked("asset", r#"{ "id": 1 }"#, same), r#"{ "id": 1 }"#);
        assert_eq!(relinked("asset", "not json", same), "not json");
    }

    #[test]
    fn a_deleted_items_id_is_negated_once_and_still_reads_as_deleted() {
        assert_eq!(deleted_id(5), -5);
        assert_eq!(deleted_id(-5), -5, "a copy of a copy keeps it");
        let links = crate::domain::history::Links::default();
        let shown = crate::domain::history::field_changes(
            "dependency",
            None,
            Some(r#"{"asset":-5,"depends_on":12}"#),
            &links,
        );
        assert_eq!(shown[0].after.as_deref(), Some("asset #5, deleted"));
    }
}
