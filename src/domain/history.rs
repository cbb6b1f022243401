//! What one change-log entry changed, field by field, in words a reader can scan: the log keeps
//! whole JSON snapshots before and after; people want only the fields that differ.

use std::collections::HashMap;

use serde_json::Value;

use super::reference::RefKind;

mod labels;
pub use labels::Labels;

/// One field of an item as it was and as it became; `None` on the side that did not exist
/// (a created or deleted item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Shown for an empty value, so that `— → Alice` reads as "was empty".
pub const EMPTY: &str = "—";

/// The references of the items that snapshots point at by row id (an asset's scope item, a
/// risk's assets, an action's risks...), as the workspace holds them when the log is shown.
#[derive(Debug, Default)]
pub struct Links(HashMap<(RefKind, i64), String>);

impl Links {
    pub fn insert(&mut self, kind: RefKind, id: i64, number: u32) {
        self.0.insert((kind, id), kind.format(number));
    }

    /// `AS-007`; an item deleted since is said to be so, with the row id the entry holds. An
    /// imported log holds the ids of items deleted before the export negated (see
    /// [`super::imported_history::deleted_id`]): shown as they were in the exported file.
    fn reference(&self, kind: RefKind, id: i64) -> String {
        self.0.get(&(kind, id)).cloned().unwrap_or_else(|| {
            format!(
                "{} #{}, deleted",
                kind.label().to_lowercase(),
                id.unsigned_abs()
            )
        })
    }
}

/// The kind of item a snapshot field names by its row id.
pub(crate) fn link_kind(field: &str) -> Option<RefKind> {
    match field {
        "asset" | "assets" | "depends_on" => Some(RefKind::Asset),
        "scope_item" => Some(RefKind::ScopeItem),
        "risk" | "risks" => Some(RefKind::Risk),
        "workshop" => Some(RefKind::Workshop),
        // A document's treatment actions.
        "actions" => Some(RefKind::Action),
        _ => None,
    }
}

/// Fields a reader does not need: the row id, and the asset of a protection need or the
/// objective of a measurement, which the entry's reference names already.
fn is_internal(entity: &str, field: &str) -> bool {
    field == "id"
        || (entity == "protection_need" && field == "asset")
        || (entity == "measurement" && field == "objective")
}

/// The fields that differ between the `before` and `after` snapshots (JSON text) of an item of
/// `entity`. For a created or deleted item, every field that holds something; internal fields
/// are left out, and row ids of linked items are shown as their references from `links`. A
/// snapshot that is not a JSON object counts as one field, `value`; text that is not JSON at
/// all is shown as it is, so a damaged entry is still readable.
pub fn field_changes(
    entity: &str,
    before: Option<&str>,
    after: Option<&str>,
    links: &Links,
) -> Vec<FieldChange> {
    changes(entity, before, after, links, None)
}

/// [`field_changes`] as a screen shows them: field names and values in words (`scope item`,
/// `Cloud service`, protection level `high`, rating `critical (L4 × I5)`), by `labels`. A
/// protection need's level is named by its objective (`confidentiality: normal → high`), which
/// then needs no line of its own.
pub fn field_changes_in_words(
    entity: &str,
    before: Option<&str>,
    after: Option<&str>,
    links: &Links,
    labels: &Labels,
) -> Vec<FieldChange> {
    let objective = (entity == "protection_need")
        .then(|| need_objective(after.or(before)?))
        .flatten();
    changes(entity, before, after, links, Some(labels))
        .into_iter()
        .filter(|c| objective.is_none() || c.field != "objective")
        .map(|c| {
            let field = match (c.field.as_str(), &objective) {
                ("level", Some(o)) => o.clone(),
                ("rationale_stale", Some(_)) => "rationale from the earlier level".to_string(),
                (name, _) => labels::field_name(name),
            };
            FieldChange { field, ..c }
        })
        .collect()
}

/// The objective a protection need's snapshot is about, in words (`confidentiality`).
fn need_objective(json: &str) -> Option<String> {
    let value: Value = serde_json::from_str(json).ok()?;
    let code = value.get("objective")?.as_str()?;
    let objective: super::protection::Objective = code.parse().ok()?;
    Some(objective.label().to_lowercase())
}

fn changes(
    entity: &str,
    before: Option<&str>,
    after: Option<&str>,
    links: &Links,
    labels: Option<&Labels>,
) -> Vec<FieldChange> {
    let before = before.map(|json| fields(entity, json, links, labels));
    let after = after.map(|json| fields(entity, json, links, labels));
    let mut names: Vec<String> = Vec::new();
    for side in [&after, &before].into_iter().flatten() {
        for (name, _) in side {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    let lookup = |side: &Option<Vec<(String, String)>>, name: &str| {
        side.as_ref().map(|fields| {
            fields
                .iter()
                .find(|(n, _)| n == name)
                .map_or_else(|| EMPTY.to_string(), |(_, v)| v.clone())
        })
    };
    names
        .into_iter()
        .filter(|name| !is_internal(entity, name))
        .filter_map(|name| {
            let (b, a) = (lookup(&before, &name), lookup(&after, &name));
            let unchanged = match (&b, &a) {
                (Some(b), Some(a)) => a == b,
                (Some(v), None) | (None, Some(v)) => v == EMPTY,
                (None, None) => true,
            };
            (!unchanged).then_some(FieldChange {
                field: name,
                before: b,
                after: a,
            })
        })
        .collect()
}

/// A snapshot's fields as name and shown value, in the snapshot's order; in words when
/// `labels` are given.
fn fields(
    entity: &str,
    json: &str,
    links: &Links,
    labels: Option<&Labels>,
) -> Vec<(String, String)> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| {
                let worded = labels.and_then(|l| l.value(entity, k, v));
                let shown = match (link_kind(k), worded) {
                    (Some(kind), _) => show(&linked(v, kind, links)),
                    (None, Some(words)) => show(&words),
                    (None, None) => show(v),
                };
                (k.clone(), shown)
            })
            .collect(),
        Ok(other) => vec![("value".into(), show(&other))],
        Err(_) => vec![("value".into(), one_line(json))],
    }
}

/// Row ids (alone or in a list) replaced by the references of what they name.
fn linked(value: &Value, kind: RefKind, links: &Links) -> Value {
    match value {
        Value::Number(n) => n.as_i64().map_or_else(
            || value.clone(),
            |id| Value::String(links.reference(kind, id)),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| linked(v, kind, links)).collect()),
        other => other.clone(),
    }
}

/// A JSON value as a reader expects it: text without quotes, lists joined by commas, empty as
/// [`EMPTY`], line breaks as `⏎` so one value stays on one line.
pub fn show(value: &Value) -> String {
    let text = match value {
        Value::Null => String::new(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        Value::Object(_) => value.to_string(),
    };
    let text = one_line(text.trim());
    if text.is_empty() || text == EMPTY {
        EMPTY.into()
    } else {
        text
    }
}

fn one_line(text: &str) -> String {
    text.lines().collect::<Vec<_>>().join(" ⏎ ")
}

/// `name: before → after`, or `name: value` for a created or deleted item.
pub fn describe(change: &FieldChange) -> String {
    match (&change.before, &change.after) {
        (Some(b), Some(a)) => format!("{}: {b} → {a}", change.field),
        (Some(v), None) | (None, Some(v)) => format!("{}: {v}", change.field),
        (None, None) => change.field.clone(),
    }
}

/// The kind of item, which one, and what happened to it, in words: `asset AS-001 update`
/// becomes `asset AS-001 changed`, `protection_need AS-001 set` `protection need AS-001 set`.
pub fn what_happened(entity: &str, reference: &str, action: &str) -> String {
    let action = match action {
        "create" => "created",
        "update" => "changed",
        "delete" => "deleted",
        "import" => "imported",
        "renumber" => "renumbered",
        "answer" => "answered",
        "assign" => "assigned",
        "start" => "started",
        "end" => "ended",
        other => other,
    };
    format!("{} {reference} {action}", entity.replace('_', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
        field_changes("item", before, after, &Links::default())
    }

    #[test]
    fn a_measurement_shows_its_day_and_value_not_its_objective_s_row_id() {
        let after = r#"{"id":4,"objective":2,"on_date":"2026-03-16","value":1.0,"note":""}"#;
        let shown: Vec<String> = field_changes("measurement", None, Some(after), &Links::default())
            .iter()
            .map(|c| c.field.clone())
            .collect();
        assert_eq!(shown, ["on_date", "value"]);
    }

    #[test]
    fn a_question_names_its_workshop_by_reference() {
        let mut links = Links::default();
        links.insert(RefKind::Workshop, 4, 1);
        let after = r#"{"id":2,"text":"Shared?","workshop":4}"#;
        let shown: Vec<String> = field_changes("question", None, Some(after), &links)
            .iter()
            .map(describe)
            .collect();
        assert!(shown.contains(&"workshop: W-001".to_string()), "{shown:?}");
    }

    #[test]
    fn linked_items_show_as_their_references_and_a_need_hides_its_own_asset() {
        let mut links = Links::default();
        links.insert(RefKind::ScopeItem, 7, 2);
        links.insert(RefKind::Asset, 3, 12);
        links.insert(RefKind::Risk, 5, 1);
        let before = r#"{"id":9,"name":"Server","scope_item":null}"#;
        let after = r#"{"id":9,"name":"Server","scope_item":7}"#;
        let shown: Vec<String> = field_changes("asset", Some(before), Some(after), &links)
            .iter()
            .map(describe)
            .collect();
        assert_eq!(shown, ["scope_item: — → S-002"]);

        let action = r#"{"id":1,"title":"Patch","risks":[5,6]}"#;
        let shown: Vec<String> = field_changes("action", None, Some(action), &links)
            .iter()
            .map(describe)
            .collect();
        assert_eq!(shown, ["title: Patch", "risks: R-001, risk #6, deleted"]);

        let need = r#"{"asset":3,"objective":"confidentiality","level":2,"rationale":""}"#;
        let shown: Vec<String> = field_changes("protection_need", None, Some(need), &links)
            .iter()
            .map(describe)
            .collect();
        assert_eq!(shown, ["objective: confidentiality", "level: 2"]);
        let question = r#"{"id":4,"asset":3,"text":"Who owns it?"}"#;
        let shown: Vec<String> = field_changes("question", None, Some(question), &links)
            .iter()
            .map(describe)
            .collect();
        assert_eq!(shown, ["asset: AS-012", "text: Who owns it?"]);
    }

    #[test]
    fn an_update_lists_only_the_fields_that_differ() {
        let before = r#"{"id":3,"name":"Customer data","owner":"","tags":["a"],"note":"x"}"#;
        let after = r#"{"id":3,"name":"Customer records","owner":"Alice","tags":["a"],"note":"x"}"#;
        let found = changes(Some(before), Some(after));
        let shown: Vec<String> = found.iter().map(describe).collect();
        assert_eq!(
            shown,
            ["name: Customer data → Customer records", "owner: — → Alice"]
        );
    }

    #[test]
    fn a_created_item_shows_what_it_holds_without_its_row_id() {
        let after = r#"{"id":7,"number":1,"name":"Server","owner":null,"confidential":true}"#;
        let shown: Vec<String> = changes(None, Some(after)).iter().map(describe).collect();
        assert_eq!(shown, ["number: 1", "name: Server", "confidential: yes"]);
    }

    #[test]
    fn a_deleted_item_shows_what_it_held() {
        let found = changes(Some(r#"{"name":"Old"}"#), None);
        assert_eq!(
            found,
            [FieldChange {
                field: "name".into(),
                before: Some("Old".into()),
                after: None
            }]
        );
    }

    #[test]
    fn a_field_added_by_a_newer_schema_counts_only_when_it_holds_something() {
        let found = changes(Some(r#"{"a":1}"#), Some(r#"{"a":1,"b":"","c":"new"}"#));
        assert_eq!(
            found.iter().map(describe).collect::<Vec<_>>(),
            ["c: — → new"]
        );
    }

    #[test]
    fn line_breaks_stay_on_one_line_and_damaged_text_is_still_shown() {
        let found = changes(Some(r#"{"d":"one\ntwo"}"#), Some("not json"));
        let shown: Vec<String> = found.iter().map(describe).collect();
        assert_eq!(shown, ["value: — → not json", "d: one ⏎ two → —"]);
        assert_eq!(
            changes(Some("3"), Some("4"))
                .iter()
                .map(describe)
                .collect::<Vec<_>>(),
            ["value: 3 → 4"]
        );
    }

    #[test]
    fn a_screen_shows_labels_instead_of_stored_values() {
        let labels = Labels::new(
            crate::domain::protection::ProtectionScale::default(),
            crate::domain::methodology::Methodology::default(),
        );
        let words = |entity: &str, before: Option<&str>, after: &str| -> Vec<String> {
            field_changes_in_words(entity, before, Some(after), &Links::default(), &labels)
                .iter()
                .map(describe)
                .collect()
        };
        assert_eq!(
            words(
                "asset",
                Some(r#"{"kind":"software","scope_item":null}"#),
                r#"{"kind":"cloud_service","scope_item":null}"#
            ),
            ["kind: Software → Cloud service"]
        );
        assert_eq!(
            words(
                "protection_need",
                None,
                r#"{"asset":3,"objective":"confidentiality","level":2}"#
            ),
            ["confidentiality: high"]
        );
        assert_eq!(
            words(
                "protection_need",
                Some(r#"{"asset":3,"objective":"non_repudiation","level":1,"rationale":"x"}"#),
                r#"{"asset":3,"objective":"non_repudiation","level":3,"rationale":"x","rationale_stale":true}"#
            ),
            [
                "non-repudiation: normal → very high",
                "rationale from the earlier level: — → yes"
            ]
        );
        assert_eq!(
            words(
                "risk",
                Some(r#"{"inherent":null,"objectives":["integrity"]}"#),
                r#"{"inherent":{"likelihood":4,"impact":5},"objectives":["integrity","availability"]}"#
            ),
            [
                "inherent: — → critical (L4 × I5)",
                "objectives: Integrity → Integrity, Availability"
            ]
        );
        assert_eq!(
            words(
                "acceptance",
                None,
                r#"{"accepted_by":"MD","authority":"top_management"}"#
            ),
            ["accepted by: MD", "authority: Top management"]
        );
        // A code the workspace does not know, and free text, stay as stored.
        assert_eq!(
            words("action", None, r#"{"status":"someday","title":"planned"}"#),
            ["status: someday", "title: planned"]
        );
        // The command line's log keeps the stored values.
        let stored: Vec<String> = field_changes(
            "asset",
            None,
            Some(r#"{"kind":"cloud_service"}"#),
            &Links::default(),
        )
        .iter()
        .map(describe)
        .collect();
        assert_eq!(stored, ["kind: cloud_service"]);
    }

    #[test]
    fn actions_read_as_words() {
        assert_eq!(
            what_happened("asset", "AS-001", "update"),
            "asset AS-001 changed"
        );
        assert_eq!(
            what_happened("protection_need", "AS-001", "set"),
            "protection need AS-001 set"
        );
        assert_eq!(
            what_happened("question", "Q-002", "answer"),
            "question Q-002 answered"
        );
        assert_eq!(
            what_happened("workshop", "W-001", "start"),
            "workshop W-001 started"
        );
    }
}
