//! The Dashboard on the demo: its snapshot, and jumping from a finding to its item.

mod common;

use chrono::NaiveDate;
use common::{press, screen, start_on, workdir};
use isms::domain::readiness::check;
use isms::domain::soa::{SoaEntry, progress};
use isms::store::Store;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 140;
const H: u16 = 40;

#[test]
fn the_dashboard_shows_the_workspace_at_a_glance() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('1')); // back, so the dashboard reads with today fixed
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("dashboard_demo", text);
    assert!(
        text.contains("Readiness:") && text.contains("major"),
        "{text}"
    );
    assert!(text.contains("overdue since 2026-03-15"), "{text}");
}

#[test]
fn enter_on_a_finding_jumps_to_its_item() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let findings = check(
        &Store::open_read_only(&path).unwrap().workspace().unwrap(),
        today,
    );
    let at = findings
        .iter()
        .position(|f| f.rule == "RISK-001")
        .expect("the demo has a risk without owner");
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('1'));
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Risk register (6.1.2, 8.2)"),
        "on the Risks screen: {text}"
    );
    assert!(text.contains("  R-018 "), "R-018 is selected: {text}");
    assert!(text.contains("none: every risk needs an owner"), "{text}");
}

#[test]
fn the_soa_bar_shows_the_undecided_controls() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut store = Store::open(&path).unwrap();
    store
        .edit(|w| {
            for n in 1..=12 {
                w.import_soa_entry(SoaEntry::undecided(&format!("5.{n}")))?;
            }
            Ok(())
        })
        .unwrap();
    // Undecided as the domain counts it: a control a treatment implements is applicable.
    let ws = store.workspace().unwrap();
    let undecided = progress(&ws.soa, &ws.actions).undecided;
    assert!(undecided > 0);
    drop(store);
    let mut app = start_on(&path);
    let text = screen(&mut app, W, H);
    assert!(text.contains(&format!("{undecided} undecided ")), "{text}");
    assert!(
        text.contains(&format!("░ {undecided} undecided")),
        "legend: {text}"
    );
    let bar = text.lines().find(|l| l.contains('█')).expect("the SoA bar");
    assert!(bar.contains('░'), "a part of the bar: {bar}");
}

/// `c` groups the findings by the clause or control they rest on, each group named on its first
/// row, clauses before controls; `c` again puts the gravest first.
#[test]
fn c_groups_the_findings_by_clause_and_back_by_grade() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('1'));
    let by_grade = screen(&mut app, W, H);
    press(&mut app, KeyCode::Char('c'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Readiness by clause:"), "{text}");
    // The first group is the lowest clause with a finding; its name leads the row.
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let mut findings = check(
        &Store::open_read_only(&path).unwrap().workspace().unwrap(),
        today,
    );
    isms::domain::readiness::by_clause(&mut findings);
    let first = findings[0].basis();
    assert!(text.contains(&format!("│ {first:<7} ")), "{first}: {text}");
    assert!(first.starts_with(|c: char| c.is_ascii_digit()), "{first}");
    // A group's later rows leave the clause out.
    let later = (1..findings.len())
        .find(|&i| findings[i].basis() == findings[i - 1].basis())
        .expect("the demo has a clause with two findings");
    let short = match findings[later].severity {
        isms::domain::readiness::Severity::Major => "major",
        isms::domain::readiness::Severity::Minor => "minor",
        isms::domain::readiness::Severity::Observation => "obs.",
    };
    let row = format!("│{}{short:<5}  {}", " ".repeat(9), findings[later].rule);
    assert!(text.contains(&row), "{row:?} in {text}");
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(screen(&mut app, W, H), by_grade);
}

#[test]
fn open_nonconformities_and_corrective_actions_due_are_on_the_dashboard() {
    use isms::domain::nonconformity::{NcGrade, NcSource, Nonconformity};
    let dir = workdir();
    let path = dir.path().join("acme.isms");
    common::workspace_with_audits(&path);
    // A major one, still open, without an action yet.
    let mut store = Store::open(&path).unwrap();
    store
        .edit(|w| {
            w.save_nonconformity(Nonconformity::new(
                NcSource::Complaint,
                NcGrade::Major,
                NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(),
                "A customer's data went to the wrong customer",
            ))
        })
        .unwrap();
    drop(store);
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('1'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("dashboard_nonconformities", text);
    for needle in [
        // Two open (the closed NC-002 is not), one of them major; one action overdue.
        "Nonconformities    2 open (1 major) · 1 action overdue",
        "1 major nonconformity open",
        "1 corrective action overdue",
        "overdue since 2026-03-15 · Corrective action: NC-001 Quarterly restore t",
        "due 2026-04-15 · Corrective action: NC-001 Train the second administrato",
    ] {
        assert!(text.contains(needle), "{needle}:\n{text}");
    }
}

#[test]
fn the_open_cycle_shows_how_far_its_re_assessment_has_got() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let mut store = Store::open(&path).unwrap();
    store.close_cycle("2026", day).unwrap();
    let m = store.methodology().unwrap();
    let risk = store.risks().unwrap().remove(0);
    store
        .edit(|w| w.save_risk(risk, &m, day, true).map(|_| ()))
        .unwrap();
    drop(store);
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('1'));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("│ Cycle 2026      1/20 risks · 0/11 needs re-assessed "),
        "{text}"
    );
}
