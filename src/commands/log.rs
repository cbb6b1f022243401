//! `isms log`: the change log, oldest first like a journal, each change with the fields it
//! changed and the workshop it was made in; all of it, from a moment on (`--since`) or of one
//! workshop (`--workshop W-001`); as text for people or JSON for scripts.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::{NaiveDateTime, NaiveTime};
use serde_json::{Value, json};

use crate::cli::LogFormat;
use crate::domain::history::{
    Labels, Links, describe, field_changes, field_changes_in_words, what_happened,
};
use crate::domain::reference::RefKind;
use crate::domain::text::{self, Field};
use crate::store::{Change, Store, StoreError};

/// The option a bad date is reported against.
const SINCE: Field = Field::new("--since");

/// The moment `--since` names: a day from its start (`2026-03-31`, `31.03.2026`), or a day and
/// a time (`2026-03-31 14:00`, `2026-03-31T14:00`, seconds optional), as the log's stamps are
/// kept: local time. A clear one-line error for anything else.
pub fn parse_since(value: &str) -> Result<NaiveDateTime> {
    let value = value.trim();
    let Some((day, time)) = value.split_once(['T', ' ']) else {
        return match text::date(SINCE, value)? {
            Some(day) => Ok(day.and_time(NaiveTime::MIN)),
            None => bail!("--since: expected a date as YYYY-MM-DD, e.g. 2026-03-31"),
        };
    };
    let day = text::date(SINCE, day).ok().flatten();
    let time = ["%H:%M", "%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(time.trim(), f).ok());
    match (day, time) {
        (Some(day), Some(time)) => Ok(day.and_time(time)),
        _ => bail!(
            "--since: '{}' is not a date and time; expected YYYY-MM-DD HH:MM, e.g. 2026-03-31 14:00",
            text::shown(value)
        ),
    }
}

/// The number of the workshop `--workshop` names (`W-001`, `w-1`); a clear one-line error for
/// anything else.
pub fn parse_workshop(value: &str) -> Result<u32> {
    match RefKind::Workshop.parse(value) {
        Some(number) => Ok(number),
        None => bail!(
            "--workshop: '{}' is not a workshop; expected a reference such as W-001",
            text::shown(value.trim())
        ),
    }
}

/// The changes made while workshop `W-<number>` ran, from `since` on; an unknown workshop is a
/// one-line error naming it.
pub fn workshop_changes(
    store: &Store,
    number: u32,
    since: Option<NaiveDateTime>,
) -> Result<Vec<Change>> {
    let workshop = match store.workshop_numbered(number) {
        Ok(w) => w,
        Err(StoreError::Missing(_)) => bail!(
            "--workshop: there is no workshop {} in this workspace",
            RefKind::Workshop.format(number)
        ),
        Err(e) => return Err(e.into()),
    };
    let since = since.map(crate::domain::question::stamp);
    let mut changes = store.workshop_changes(workshop.id)?;
    if let Some(since) = since {
        // Stamps are ISO 8601, so text order is time order.
        changes.retain(|c| c.at >= since);
    }
    Ok(changes)
}

/// Prints the log: as text in the screens' words (objectives and levels by name, by `labels`),
/// as JSON with the stored values, for scripts.
pub fn print(
    out: &mut impl Write,
    changes: &[Change],
    links: &Links,
    labels: &Labels,
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
                let workshop = c
                    .workshop
                    .map(|n| format!("  [{}]", RefKind::Workshop.format(n)))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}  {}  {}{workshop}",
                    text::shown(&c.at.replacen('T', " ", 1)),
                    text::shown(&c.who),
                    text::shown(&what_happened(&c.entity, &c.reference, &c.action))
                )?;
                let fields = field_changes_in_words(
                    &c.entity,
                    c.before.as_deref(),
                    c.after.as_deref(),
                    links,
                    labels,
                );
                for field in fields {
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
        "workshop": c.workshop.map(|n| RefKind::Workshop.format(n)),
        "changed": fields,
        "before": parsed(&c.before),
        "after": parsed(&c.after),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .unwrap()
    }

    #[test]
    fn since_takes_a_time_after_a_space_or_a_t() {
        assert_eq!(parse_since("2026-03-31 14:00").unwrap(), at(31, 14, 0));
        assert_eq!(parse_since("2026-03-31T14:05").unwrap(), at(31, 14, 5));
        assert_eq!(parse_since("31.03.2026 09:30").unwrap(), at(31, 9, 30));
        assert_eq!(
            parse_since("2026-03-31T14:00:30").unwrap(),
            at(31, 14, 0) + chrono::Duration::seconds(30)
        );
        for bad in [
            "2026-03-31 25:00",
            "2026-03-31 2pm",
            "2026-03-31T",
            "31/03/2026 14:00",
        ] {
            let err = parse_since(bad).unwrap_err().to_string();
            assert!(err.starts_with("--since: "), "{bad}: {err}");
            assert!(err.contains("YYYY-MM-DD HH:MM"), "{bad}: {err}");
        }
    }

    #[test]
    fn workshop_takes_its_reference_and_names_a_bad_one() {
        assert_eq!(parse_workshop("W-001").unwrap(), 1);
        assert_eq!(parse_workshop(" w-12 ").unwrap(), 12);
        for bad in ["1", "W-", "AS-001", "W-0", "W-x\u{1b}"] {
            let err = parse_workshop(bad).unwrap_err().to_string();
            assert!(err.starts_with("--workshop: "), "{bad}: {err}");
            assert!(
                err.contains("expected a reference such as W-001"),
                "{bad}: {err}"
            );
            assert!(!err.contains('\u{1b}'), "{bad}: {err}");
        }
    }

    #[test]
    fn since_names_itself_and_the_format() {
        assert_eq!(parse_since("2026-03-01").unwrap(), at(1, 0, 0));
        assert_eq!(parse_since("01.03.2026").unwrap(), at(1, 0, 0));
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
