//! Freezing the readiness checker's clean workspace, and the diff of each kind of change.

use super::*;
use crate::domain::readiness::tests::clean;
use crate::domain::risk::{Risk, TreatmentOption};
use crate::domain::soa::Applicability;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn of<'a>(snapshot: &'a Snapshot, part: Part, reference: &str) -> &'a Item {
    snapshot
        .items
        .iter()
        .find(|i| i.part == part && i.reference == reference)
        .unwrap_or_else(|| panic!("{part:?} {reference}"))
}

#[test]
fn a_snapshot_keeps_each_part_in_words() {
    let ws = clean();
    let s = freeze(&ws, d("2026-03-31"));
    assert_eq!(s.taken_on, d("2026-03-31"));
    let risk = of(&s, Part::Risks, "R-001");
    assert_eq!(risk.title, "Ransomware");
    let level = |r: Rating| ws.methodology.level(r).unwrap().name.clone();
    assert_eq!(
        risk.fields["inherent"],
        format!(
            "4 x 5 ({})",
            level(Rating {
                likelihood: 4,
                impact: 5
            })
        )
    );
    assert_eq!(risk.fields["treatment"], "Reduce (modify)");
    assert_eq!(risk.fields["owner"], "CTO");
    let needs = of(&s, Part::Needs, "AS-001");
    assert!(
        needs.fields["Confidentiality"].starts_with("2 "),
        "{needs:?}"
    );
    // The server inherits from the customer data it holds.
    let server = of(&s, Part::Needs, "AS-002");
    assert!(
        server.fields["Confidentiality"].ends_with(", inherited from AS-001"),
        "{server:?}"
    );
    assert_eq!(
        of(&s, Part::Soa, "A.5.1").fields["applicability"],
        "Applicable"
    );
    assert_eq!(
        of(&s, Part::Treatment, "T-001").fields["status"],
        "In progress"
    );
    // A snapshot reads back as it was written.
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<Snapshot>(&json).unwrap(), s);
}

#[test]
fn issues_and_parties_are_kept_and_an_older_snapshot_without_them_compares_the_rest() {
    let ws = clean();
    let s = freeze(&ws, d("2026-03-31"));
    let issue = &ws.issues[0];
    let kept = of(
        &s,
        Part::Issues,
        &RefKind::ContextIssue.format(issue.number),
    );
    assert_eq!(kept.title, issue.title);
    assert_eq!(kept.fields["kind"], issue.kind.label());
    let party = &ws.parties[0];
    let kept = of(&s, Part::Parties, &RefKind::Party.format(party.number));
    assert_eq!(kept.title, party.name);
    // A baseline written before issues and parties were kept has no `parts`: it holds the
    // six others, and a diff against it reports no issue or party as new.
    let mut json: serde_json::Value = serde_json::to_value(&s).unwrap();
    let object = json.as_object_mut().unwrap();
    object.remove("parts");
    let items = object["items"].as_array_mut().unwrap();
    items.retain(|i| i["part"] != "issues" && i["part"] != "parties");
    let older: Snapshot = serde_json::from_value(json).unwrap();
    assert!(!older.parts.contains(&Part::Issues));
    assert!(older.parts.contains(&Part::Risks));
    assert!(diff(&older, &s).is_empty(), "{:?}", diff(&older, &s));
}

#[test]
fn the_same_workspace_twice_has_no_change() {
    let ws = clean();
    let before = freeze(&ws, d("2025-03-31"));
    let after = freeze(&ws, d("2026-03-31"));
    assert!(diff(&before, &after).is_empty());
}

#[test]
fn new_changed_and_removed_items_with_each_field_before_and_after() {
    let mut ws = clean();
    let before = freeze(&ws, d("2025-03-31"));
    // A risk re-rated and its treatment changed, a new risk, an action gone, a control excluded.
    ws.risks[0].residual = Some(Rating {
        likelihood: 3,
        impact: 4,
    });
    ws.risks[0].treatment = Some(TreatmentOption::Accept);
    ws.risks.push(Risk {
        id: 2,
        number: 2,
        ..Risk::new("Phishing")
    });
    ws.actions.clear();
    ws.soa[1].applicability = Applicability::NotApplicable;
    let after = freeze(&ws, d("2026-03-31"));
    let changes = diff(&before, &after);
    let summary: Vec<(Part, ChangeKind, &str)> = changes
        .iter()
        .map(|c| (c.part, c.kind, c.reference.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (Part::Risks, ChangeKind::Changed, "R-001"),
            (Part::Risks, ChangeKind::New, "R-002"),
            (Part::Treatment, ChangeKind::Removed, "T-001"),
            (Part::Soa, ChangeKind::Changed, "A.8.13"),
        ]
    );
    let risk = &changes[0];
    let moved: Vec<(&str, &str, &str)> = risk
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.before.as_str(), f.after.as_str()))
        .collect();
    let m = &ws.methodology;
    let low = m
        .level(Rating {
            likelihood: 2,
            impact: 2,
        })
        .unwrap()
        .name
        .clone();
    let higher = m
        .level(Rating {
            likelihood: 3,
            impact: 4,
        })
        .unwrap()
        .name
        .clone();
    assert_eq!(
        moved,
        [
            ("level", low.as_str(), higher.as_str()),
            (
                "residual",
                format!("2 x 2 ({low})").as_str(),
                format!("3 x 4 ({higher})").as_str()
            ),
            ("treatment", "Reduce (modify)", "Accept (retain)"),
        ]
    );
    assert_eq!(
        changes[3].fields[0],
        FieldChange {
            field: "applicability".into(),
            before: "Applicable".into(),
            after: "Not applicable".into(),
        }
    );
}

#[test]
fn a_renamed_asset_shows_its_title_first_and_its_needs_do_not_repeat_it() {
    let mut ws = clean();
    let before = freeze(&ws, d("2025-03-31"));
    ws.assets[0].name = "Customer and carrier data".into();
    let changes = diff(&before, &freeze(&ws, d("2026-03-31")));
    // Once, on the asset: its needs did not change.
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].fields[0].field, "title");
    assert_eq!(changes[0].part, Part::Assets);
}
