//! Closing a yearly cycle through the store: what the baseline keeps, that it never changes,
//! the marks of what the next cycle re-assesses and how saving takes them off, and the diff
//! of a baseline against the workspace as it stands.

use chrono::NaiveDate;
use isms::domain::baseline::{ChangeKind, Part, ReassessKind, diff, freeze, progress};
use isms::domain::methodology::Rating;
use isms::store::Store;

use super::temp;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn demo() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp();
    let mut store =
        isms::demo::write_demo_with_clock(&path, isms::Clock::Fixed(d("2026-03-31"))).unwrap();
    store.set_clock(isms::Clock::Fixed(d("2026-03-31")));
    (dir, store)
}

#[test]
fn closing_a_cycle_keeps_a_baseline_and_marks_every_risk_and_rated_asset() {
    let (_dir, mut store) = demo();
    let closed = store.close_cycle(" 2026 ", d("2026-03-31")).unwrap();
    assert_eq!(closed.name, "2026");
    let ws = store.workspace().unwrap();
    assert_eq!(closed.snapshot, freeze(&ws, d("2026-03-31")));
    let risks = closed
        .snapshot
        .items
        .iter()
        .filter(|i| i.part == Part::Risks)
        .count();
    assert_eq!(risks, 20);
    let marks = store.reassessments().unwrap();
    assert_eq!(
        marks
            .iter()
            .filter(|m| m.kind == ReassessKind::Risk)
            .count(),
        20
    );
    assert_eq!(closed.needs_marked, 11);
    // After the demo's own baseline of last year.
    let baselines = store.baselines().unwrap();
    assert_eq!(baselines.len(), 2);
    assert_eq!(baselines[1], closed);
    assert_eq!(store.baseline_named("2026").unwrap(), closed);
    assert_eq!(progress(&closed, &marks, ReassessKind::Risk), (0, 20));
    // isms info counts both baselines and the marks.
    let counts = store.counts().unwrap();
    assert_eq!((counts.baselines, counts.to_reassess), (2, 31));
}

#[test]
fn a_baseline_never_changes_and_its_name_is_not_taken_twice() {
    let (_dir, mut store) = demo();
    store.close_cycle("2026", d("2026-03-31")).unwrap();
    let err = store
        .close_cycle("2026", d("2026-04-01"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("name: a baseline named '2026' exists already"),
        "{err}"
    );
    let err = store
        .close_cycle("NOW", d("2026-04-01"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("name: 'now' means the workspace as it stands"),
        "{err}"
    );
    // Not even SQL written by hand changes it.
    let path = store.path().to_path_buf();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let err = conn
        .execute("UPDATE baselines SET name = 'changed'", [])
        .unwrap_err()
        .to_string();
    assert!(err.contains("a baseline never changes"), "{err}");
}

#[test]
fn saving_a_risk_or_rating_a_need_re_assesses_it_and_the_diff_shows_the_move() {
    let (_dir, mut store) = demo();
    let closed = store.close_cycle("2026", d("2026-03-31")).unwrap();
    let m = store.methodology().unwrap();
    let mut risk = store
        .risks()
        .unwrap()
        .into_iter()
        .find(|r| r.number == 7)
        .unwrap();
    risk.residual = Some(Rating {
        likelihood: 1,
        impact: 2,
    });
    let scale = store.protection_scale().unwrap();
    let need = store
        .protection_needs()
        .unwrap()
        .into_iter()
        .find(|n| n.rationale.len() > 3)
        .unwrap();
    store
        .edit(|w| {
            w.save_risk(risk.clone(), &m, d("2026-04-02"), true)?;
            w.set_protection_need(need.clone(), &scale)
        })
        .unwrap();
    let marks = store.reassessments().unwrap();
    assert!(
        !marks
            .iter()
            .any(|k| k.kind == ReassessKind::Risk && k.item == risk.id)
    );
    assert!(
        !marks
            .iter()
            .any(|k| k.kind == ReassessKind::Needs && k.item == need.asset)
    );
    assert_eq!(progress(&closed, &marks, ReassessKind::Risk), (1, 20));
    assert_eq!(progress(&closed, &marks, ReassessKind::Needs), (1, 11));
    let now = freeze(&store.workspace().unwrap(), d("2026-04-02"));
    let changes = diff(&closed.snapshot, &now);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        (
            changes[0].part,
            changes[0].kind,
            changes[0].reference.as_str()
        ),
        (Part::Risks, ChangeKind::Changed, "R-007")
    );
    assert!(changes[0].fields.iter().any(|f| f.field == "residual"));
}
