//! `isms log`: the change log, oldest first like a journal, each change with the fields it
//! changed; as text for people or JSON for scripts.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::cli::LogFormat;
use crate::domain::history::{Links, describe, field_changes, what_happened};
use crate::domain::text::{self, Field};

/// The option a bad date is reported against.
const SINCE: Field = Field::new("--since");
use crate::store::Change;

/// The day `--since` names; a clear one-line error for anything else.
pub fn parse_since(value: &str) -> Result<NaiveDate> {
    match text::date(SINCE, value)? {
        Some(day) => Ok(day),
        None => bail!("--since: expected a date as YYYY-MM-DD, e.g. 2026-03-31"),
    }
}

pub fn print(
    out: &mut impl Write,
    changes: &[Change],
    links: &Links,
    format: LogFormat,
) -> Result<()> {
    match format {
        LogFormat::Text => {
            if changes.is_empty() {
                writeln!(out, "No changes.")?;
            }
            // Every part of an entry comes from the file: shown, never acted on, so that no
            // name or author can clear the screen or forge a line of the log.
            for c in changes {
                writeln!(
                    out,
                    "{}  {}  {}",
                    text::shown(&c.at.replacen('T', " ", 1)),
                    text::shown(&c.who),
                    text::shown(&what_happened(&c.entity, &c.reference, &c.action))
                )?;
                for field in
                    field_changes(&c.entity, c.before.as_deref(), c.after.as_deref(), links)
                {
                    writeln!(out, "    {}", text::shown(&describe(&field)))?;
                }
            }
        }
        LogFormat::Json => {
            let rows: Vec<Value> = changes.iter().map(|c| as_json(c, links)).collect();
            // Written as text, so that a reader that stops early is an io error (main ignores it).
            writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        }
    }
    Ok(())
}

fn as_json(c: &Change, links: &Links) -> Value {
    // The snapshots as JSON values, not strings in strings; kept as text if not JSON.
    let parsed = |s: &Option<String>| {
        s.as_deref().map_or(Value::Null, |s| {
            serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.to_string()))
        })
    };
    let fields: Vec<Value> =
        field_changes(&c.entity, c.before.as_deref(), c.after.as_deref(), links)
            .into_iter()
            .map(|f| json!({"field": f.field, "before": f.before, "after": f.after}))
            .collect();
    json!({
        "at": c.at,
        "who": c.who,
        "entity": c.entity,
        "reference": c.reference,
        "action": c.action,
        "changed": fields,
        "before": parsed(&c.before),
        "after": parsed(&c.after),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_names_itself_and_the_format() {
        assert_eq!(
            parse_since("2026-03-01").unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        );
        assert_eq!(
            parse_since("01.03.2026").unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        );
        let err = parse_since("01/03/2026").unwrap_err().to_string();
        assert!(err.starts_with("--since: "), "{err}");
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(
            parse_since(" ")
                .unwrap_err()
                .to_string()
                .contains("--since")
        );
    }
}
