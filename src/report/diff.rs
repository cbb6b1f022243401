//! What changed between two snapshots (`domain::baseline::diff`) as text for a terminal,
//! Markdown for a client, or JSON for scripts.
//!
//! The JSON is one object: `from` and `to` (each `{"name", "taken_on"}`), `summary` (per part:
//! `new`, `changed`, `removed`) and `changes`, each `{"part", "kind", "ref", "title",
//! "fields": [{"field", "before", "after"}]}`.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::ValidationError;
use crate::domain::baseline::{
    Change, ChangeKind, FieldChange, NOW, Part, Snapshot, cycle_start, field, freeze,
};
use crate::store::{Store, StoreError};
use crate::string_enum;

string_enum!(
    /// How `isms diff` prints.
    DiffFormat {
        Text => "text", "Text",
        Json => "json", "JSON",
        Md => "md", "Markdown",
    }
);

/// The two sides `isms diff FROM TO` compares, each a baseline by name or `now` (the workspace
/// frozen as it stands on `today`): `from` defaults to the last baseline, `to` to now.
pub fn sides(
    store: &Store,
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<[(Side, Snapshot); 2], StoreError> {
    let from = match from {
        Some(name) => name.to_string(),
        None => match cycle_start(&store.baselines()?) {
            Some(last) => last.name.clone(),
            None => {
                return Err(ValidationError::new(
                    field::BASELINE,
                    "none to compare with yet: `isms cycle close --name NAME` makes one",
                )
                .into());
            }
        },
    };
    let side = |name: &str| -> Result<(Side, Snapshot), StoreError> {
        if name.trim().eq_ignore_ascii_case(NOW) {
            let snapshot = freeze(&store.workspace()?, today);
            return Ok((
                Side {
                    name: NOW.into(),
                    taken_on: today,
                },
                snapshot,
            ));
        }
        let b = store.baseline_named(name)?;
        Ok((
            Side {
                name: b.name,
                taken_on: b.closed_on,
            },
            b.snapshot,
        ))
    };
    Ok([side(&from)?, side(to.unwrap_or(NOW))?])
}

/// One side of the comparison: a baseline's name, or `now`.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub name: String,
    pub taken_on: NaiveDate,
}

#[derive(Serialize)]
pub struct Counted {
    pub part: Part,
    pub new: usize,
    pub changed: usize,
    pub removed: usize,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    part: Part,
    kind: ChangeKind,
    #[serde(rename = "ref")]
    reference: &'a str,
    title: &'a str,
    fields: &'a [FieldChange],
}

#[derive(Serialize)]
struct Report<'a> {
    from: &'a Side,
    to: &'a Side,
    summary: Vec<Counted>,
    changes: Vec<JsonChange<'a>>,
}

/// New, changed and removed items per part.
pub fn summary(changes: &[Change]) -> Vec<Counted> {
    Part::ALL
        .iter()
        .map(|&part| {
            let n = |kind| {
                changes
                    .iter()
                    .filter(|c| c.part == part && c.kind == kind)
                    .count()
            };
            Counted {
                part,
                new: n(ChangeKind::New),
                changed: n(ChangeKind::Changed),
                removed: n(ChangeKind::Removed),
            }
        })
        .collect()
}

/// A value as a line shows it: `—` for none.
fn shown(value: &str) -> &str {
    if value.is_empty() { "—" } else { value }
}

pub fn write(
    out: &mut impl Write,
    from: &Side,
    to: &Side,
    changes: &[Change],
    format: DiffFormat,
) -> io::Result<()> {
    match format {
        DiffFormat::Json => {
            let report = Report {
                from,
                to,
                summary: summary(changes),
                changes: changes
                    .iter()
                    .map(|c| JsonChange {
                        part: c.part,
                        kind: c.kind,
                        reference: &c.reference,
                        title: &c.title,
                        fields: &c.fields,
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        DiffFormat::Text => text(out, from, to, changes),
        DiffFormat::Md => markdown(out, from, to, changes),
    }
}

fn heading(from: &Side, to: &Side) -> String {
    format!(
        "{} ({}) → {} ({})",
        from.name, from.taken_on, to.name, to.taken_on
    )
}

fn text(out: &mut impl Write, from: &Side, to: &Side, changes: &[Change]) -> io::Result<()> {
    writeln!(out, "{}", heading(from, to))?;
    if changes.is_empty() {
        return writeln!(out, "\nNothing changed.");
    }
    for counted in summary(changes) {
        let part: Vec<&Change> = changes.iter().filter(|c| c.part == counted.part).collect();
        if part.is_empty() {
            continue;
        }
        writeln!(
            out,
            "\n{} ({} new, {} changed, {} removed)",
            counted.part.label(),
            counted.new,
            counted.changed,
            counted.removed
        )?;
        for change in part {
            let sign = match change.kind {
                ChangeKind::New => '+',
                ChangeKind::Changed => '~',
                ChangeKind::Removed => '-',
            };
            writeln!(out, "  {sign} {} {}", change.reference, change.title)?;
            for f in &change.fields {
                writeln!(
                    out,
                    "      {}: {} → {}",
                    f.field,
                    shown(&f.before),
                    shown(&f.after)
                )?;
            }
        }
    }
    Ok(())
}

/// Markdown text with its markup characters escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

fn markdown(out: &mut impl Write, from: &Side, to: &Side, changes: &[Change]) -> io::Result<()> {
    writeln!(out, "# What changed: {}", md(&heading(from, to)))?;
    if changes.is_empty() {
        return writeln!(out, "\nNothing changed.");
    }
    writeln!(
        out,
        "\n| Part | New | Changed | Removed |\n| --- | ---: | ---: | ---: |"
    )?;
    for c in summary(changes) {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            c.part.label(),
            c.new,
            c.changed,
            c.removed
        )?;
    }
    for part in Part::ALL {
        let of_part: Vec<&Change> = changes.iter().filter(|c| c.part == *part).collect();
        if of_part.is_empty() {
            continue;
        }
        writeln!(out, "\n## {}\n", part.label())?;
        writeln!(out, "| Ref | Title | | Field | Before | After |")?;
        writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
        for change in of_part {
            let (first, rest) = match change.fields.split_first() {
                Some((first, rest)) => (Some(first), rest),
                None => (None, &[][..]),
            };
            let cells = |f: Option<&FieldChange>| match f {
                Some(f) => format!(
                    "{} | {} | {}",
                    md(&f.field),
                    md(shown(&f.before)),
                    md(shown(&f.after))
                ),
                None => " | | ".to_string(),
            };
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                md(&change.reference),
                md(&change.title),
                change.kind.label(),
                cells(first)
            )?;
            for f in rest {
                writeln!(out, "| | | | {} |", cells(Some(f)))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(name: &str, on: &str) -> Side {
        Side {
            name: name.into(),
            taken_on: on.parse().unwrap(),
        }
    }

    fn changes() -> Vec<Change> {
        vec![
            Change {
                part: Part::Risks,
                kind: ChangeKind::Changed,
                reference: "R-001".into(),
                title: "Ransomware".into(),
                fields: vec![FieldChange {
                    field: "level".into(),
                    before: "medium".into(),
                    after: "high".into(),
                }],
            },
            Change {
                part: Part::Risks,
                kind: ChangeKind::New,
                reference: "R-002".into(),
                title: "Phishing | *mail*".into(),
                fields: Vec::new(),
            },
        ]
    }

    fn written(format: DiffFormat, changes: &[Change]) -> String {
        let mut out = Vec::new();
        write(
            &mut out,
            &side("2025", "2025-03-31"),
            &side("now", "2026-03-31"),
            changes,
            format,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_lists_each_part_with_its_counts_and_each_field_before_and_after() {
        assert_eq!(
            written(DiffFormat::Text, &changes()),
            "2025 (2025-03-31) → now (2026-03-31)\n\
             \nRisks (1 new, 1 changed, 0 removed)\n\
             \x20 ~ R-001 Ransomware\n\
             \x20     level: medium → high\n\
             \x20 + R-002 Phishing | *mail*\n"
        );
        assert!(written(DiffFormat::Text, &[]).ends_with("\nNothing changed.\n"));
    }

    #[test]
    fn json_has_the_documented_fields() {
        let v: serde_json::Value =
            serde_json::from_str(&written(DiffFormat::Json, &changes())).unwrap();
        assert_eq!(v["from"]["name"], "2025");
        assert_eq!(v["to"]["taken_on"], "2026-03-31");
        assert_eq!(v["changes"][0]["ref"], "R-001");
        assert_eq!(v["changes"][0]["kind"], "changed");
        assert_eq!(v["changes"][0]["part"], "risks");
        assert_eq!(v["changes"][0]["fields"][0]["before"], "medium");
        let risks = v["summary"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["part"] == "risks")
            .unwrap();
        assert_eq!(
            (risks["new"].as_u64(), risks["changed"].as_u64()),
            (Some(1), Some(1))
        );
    }

    #[test]
    fn markdown_escapes_free_text_and_puts_each_field_on_a_row() {
        let md = written(DiffFormat::Md, &changes());
        assert!(
            md.contains("| R-001 | Ransomware | Changed | level | medium | high |"),
            "{md}"
        );
        assert!(
            md.contains("| R-002 | Phishing \\| \\*mail\\* | New |"),
            "{md}"
        );
    }
}
