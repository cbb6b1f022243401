//! What one change-log entry changed, field by field, in words a reader can scan: the log keeps
//! whole JSON snapshots before and after; people want only the fields that differ.

use serde_json::Value;

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

/// The fields that differ between the `before` and `after` snapshots (JSON text). For a
/// created or deleted item, every field that holds something; the row id is internal and left
/// out. A snapshot that is not a JSON object counts as one field, `value`; text that is not
/// JSON at all is shown as it is, so a damaged entry is still readable.
pub fn field_changes(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let before = before.map(fields);
    let after = after.map(fields);
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
        .filter(|name| name != "id")
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

/// A snapshot's fields as name and shown value, in the snapshot's order.
fn fields(json: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), show(v))).collect(),
        Ok(other) => vec![("value".into(), show(&other))],
        Err(_) => vec![("value".into(), one_line(json))],
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
        other => other,
    };
    format!("{} {reference} {action}", entity.replace('_', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_lists_only_the_fields_that_differ() {
        let before = r#"{"id":3,"name":"Customer data","owner":"","tags":["a"],"note":"x"}"#;
        let after = r#"{"id":3,"name":"Customer records","owner":"Alice","tags":["a"],"note":"x"}"#;
        let changes = field_changes(Some(before), Some(after));
        let shown: Vec<String> = changes.iter().map(describe).collect();
        assert_eq!(
            shown,
            ["name: Customer data → Customer records", "owner: — → Alice"]
        );
    }

    #[test]
    fn a_created_item_shows_what_it_holds_without_its_row_id() {
        let after = r#"{"id":7,"number":1,"name":"Server","owner":null,"confidential":true}"#;
        let shown: Vec<String> = field_changes(None, Some(after))
            .iter()
            .map(describe)
            .collect();
        assert_eq!(shown, ["number: 1", "name: Server", "confidential: yes"]);
    }

    #[test]
    fn a_deleted_item_shows_what_it_held() {
        let changes = field_changes(Some(r#"{"name":"Old"}"#), None);
        assert_eq!(
            changes,
            [FieldChange {
                field: "name".into(),
                before: Some("Old".into()),
                after: None
            }]
        );
    }

    #[test]
    fn a_field_added_by_a_newer_schema_counts_only_when_it_holds_something() {
        let changes = field_changes(Some(r#"{"a":1}"#), Some(r#"{"a":1,"b":"","c":"new"}"#));
        assert_eq!(
            changes.iter().map(describe).collect::<Vec<_>>(),
            ["c: — → new"]
        );
    }

    #[test]
    fn line_breaks_stay_on_one_line_and_damaged_text_is_still_shown() {
        let changes = field_changes(Some(r#"{"d":"one\ntwo"}"#), Some("not json"));
        let shown: Vec<String> = changes.iter().map(describe).collect();
        assert_eq!(shown, ["value: — → not json", "d: one ⏎ two → —"]);
        assert_eq!(
            field_changes(Some("3"), Some("4"))
                .iter()
                .map(describe)
                .collect::<Vec<_>>(),
            ["value: 3 → 4"]
        );
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
    }
}
