//! The Audits and Nonconformities screens: an audit added by keys, a finding recorded in a few
//! keys (a bad clause refused naming the field), a nonconformity raised in one key (refused for
//! an observation and for a finding raised already), the programme's gaps, a corrective action
//! added and marked done, an ineffective review that reopens the nonconformity and a closing it
//! refuses; and findings of `isms check` that open the programme and a nonconformity.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::domain::audit::{AuditStatus, FindingGrade};
use isms::domain::nonconformity::NcState;
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 120;
const H: u16 = 40;

fn fresh(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("t.isms");
    drop(Store::create(&path, "Acme GmbH").unwrap());
    (start_on(&path), path)
}

fn store(path: &std::path::Path) -> Store {
    Store::open_read_only(path).unwrap()
}

/// Goes to a screen past the tenth through the go-to palette.
fn go(app: &mut App, letter: char) {
    press(app, KeyCode::Char(':'));
    press(app, KeyCode::Char(letter));
}

fn status(app: &mut App) -> String {
    let text = screen(app, W, H);
    text.lines()
        .nth(usize::from(H) - 2)
        .unwrap_or_default()
        .to_string()
}

/// AU-001, internal, held 2026-03-16, clause 9 in scope, reported on 2026-03-31.
fn add_audit(app: &mut App) {
    go(app, 'u');
    press(app, KeyCode::Char('n'));
    type_text(app, "Internal audit 2026");
    press(app, KeyCode::Tab); // kind: internal
    press(app, KeyCode::Tab); // planned on
    press(app, KeyCode::Tab); // held on
    type_text(app, "16.03.2026");
    press(app, KeyCode::Tab); // clauses: 9 found, marked
    type_text(app, "9");
    press(app, KeyCode::Char(' '));
    press(app, KeyCode::Enter);
    press(app, KeyCode::Tab); // controls
    press(app, KeyCode::Tab); // criteria
    type_text(app, "ISO/IEC 27001:2022");
    press(app, KeyCode::Tab); // lead auditor, a new person
    type_text(app, "Jonas Becker");
    press(app, KeyCode::Tab); // team
    press(app, KeyCode::Tab); // status: reported
    press(app, KeyCode::Char('r'));
    press(app, KeyCode::Tab); // reported on
    type_text(app, "31.03.2026");
    ctrl(app, 's');
}

/// In the audit selected: grade by its digit, clause or control, statement, Enter.
fn record_finding(app: &mut App, grade: char, requirement: &str, statement: &str) {
    press(app, KeyCode::Char('a'));
    press(app, KeyCode::Char(grade));
    press(app, KeyCode::Tab);
    type_text(app, requirement);
    press(app, KeyCode::Tab);
    type_text(app, statement);
    press(app, KeyCode::Enter);
}

#[test]
fn an_audit_a_finding_in_few_keys_and_a_nonconformity_in_one() {
    let dir = workdir();
    let (mut app, path) = fresh(&dir);
    add_audit(&mut app);
    let audits = store(&path).audits().unwrap();
    assert_eq!(audits.len(), 1, "{}", screen(&mut app, W, H));
    let audit = &audits[0];
    assert_eq!(audit.reference(), "AU-001");
    assert_eq!(audit.clauses, ["9"]);
    assert_eq!(audit.lead_auditor, "Jonas Becker");
    assert_eq!(audit.status, AuditStatus::Reported);

    // A clause that is none is refused, naming the field; the form stays open to fix it.
    record_finding(&mut app, '1', "12.4", "Leavers keep their access");
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Clause or control: '12.4' is neither a clause"),
        "{text}"
    );
    // The focus is on the field named.
    ctrl(&mut app, 'u');
    type_text(&mut app, "9.2");
    ctrl(&mut app, 's');
    let findings = store(&path).audit_findings().unwrap();
    assert_eq!(findings.len(), 1, "{}", screen(&mut app, W, H));
    assert_eq!(findings[0].grade, FindingGrade::Major);
    assert_eq!(findings[0].requirement, "9.2");
    assert_eq!(findings[0].number, 1);
    let text = screen(&mut app, W, H);
    assert!(text.contains("AU-001/1"), "{text}");
    insta::assert_snapshot!("audits_findings", text);

    // One key raises it; again says which it became.
    press(&mut app, KeyCode::Char('r'));
    assert!(
        status(&mut app).contains("Raised NC-001 from AU-001/1"),
        "{}",
        status(&mut app)
    );
    let ncs = store(&path).nonconformities().unwrap();
    assert_eq!(ncs.len(), 1);
    assert_eq!(ncs[0].finding, Some(findings[0].id));
    press(&mut app, KeyCode::Char('r'));
    assert!(
        status(&mut app).contains("AU-001/1 raised NC-001 already"),
        "{}",
        status(&mut app)
    );

    // An observation is recorded but not raised.
    press(&mut app, KeyCode::Char('['));
    record_finding(&mut app, '3', "A.5.15", "Checklists could be shared");
    let findings = store(&path).audit_findings().unwrap();
    assert_eq!(findings[1].grade, FindingGrade::Observation);
    assert_eq!(findings[1].requirement, "5.15");
    press(&mut app, KeyCode::Char('r'));
    assert!(
        status(&mut app).contains("graded observation: only a major or minor"),
        "{}",
        status(&mut app)
    );
    assert_eq!(store(&path).nonconformities().unwrap().len(), 1);
}

#[test]
fn the_programme_shows_what_the_audit_covered_and_what_nothing_did() {
    let dir = workdir();
    let (mut app, _) = fresh(&dir);
    add_audit(&mut app);
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Audit programme"), "{text}");
    let line = |clause: &str| {
        text.lines()
            .find(|l| l.contains(&format!("│Clause {clause} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("9").contains("AU-001"), "{text}");
    assert!(!line("9").contains("not this year"), "{text}");
    assert!(line("4").contains("not this year"), "{text}");
    // The filter finds the gaps, which only a colour and the last column show.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "gap");
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(!text.contains("│Clause 9 "), "{text}");
    assert!(text.contains("│Clause 10 "), "{text}");
}

#[test]
fn corrective_action_done_then_an_ineffective_review_reopens_and_closing_is_refused() {
    let dir = workdir();
    let (mut app, path) = fresh(&dir);
    add_audit(&mut app);
    record_finding(
        &mut app,
        '2',
        "9.2",
        "The audit programme is not documented",
    );
    press(&mut app, KeyCode::Char('r'));
    go(&mut app, 'n');
    let text = screen(&mut app, W, H);
    assert!(text.contains("NC-001"), "{text}");
    assert!(text.contains("none yet (a adds one)"), "{text}");

    // `a`: the action first, the nonconformity preset.
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Write the audit programme");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Jonas Becker");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "15.03.2026");
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(text.contains("2026-03-15 (overdue)"), "{text}");
    let nc = &store(&path).nonconformities().unwrap()[0];
    assert_eq!(nc.actions.len(), 1);
    assert_eq!(nc.actions[0].owner, "Jonas Becker");

    press(&mut app, KeyCode::Char('t'));
    let nc = &store(&path).nonconformities().unwrap()[0];
    assert!(nc.actions[0].is_done(), "{}", status(&mut app));
    assert_eq!(nc.state(), NcState::AwaitingReview);

    // `v`: the review, found ineffective: it reopens.
    press(&mut app, KeyCode::Char('['));
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('t')); // today
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Jonas Becker");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('n')); // not effective
    let text = screen(&mut app, W, H);
    assert!(text.contains("not effective: saving reopens it"), "{text}");
    press(&mut app, KeyCode::Enter);
    let nc = &store(&path).nonconformities().unwrap()[0];
    assert_eq!(nc.state(), NcState::Reopened, "{}", screen(&mut app, W, H));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Reopened: needs a new"), "{text}");

    // Closing over an ineffective review: the domain's reason, at the field.
    press(&mut app, KeyCode::Char('v'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('t'));
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Closed on: the latest review found the actions ineffective"),
        "{text}"
    );
    assert!(
        store(&path).nonconformities().unwrap()[0]
            .closed_on
            .is_none()
    );
}

#[test]
fn a_finding_about_the_programme_opens_it() {
    let dir = workdir();
    let (_, path) = fresh(&dir);
    let today = common::test_today();
    let findings = isms::domain::readiness::check(&store(&path).workspace().unwrap(), today);
    let at = findings
        .iter()
        .position(|f| f.rule == "AUDIT-001")
        .expect("a new workspace has no internal audit");
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('1'));
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(text.contains("Audit programme"), "{text}");
}

#[test]
fn a_finding_about_a_nonconformity_opens_it_with_its_missing_action_marked() {
    use isms::domain::nonconformity::{NcGrade, NcSource, Nonconformity};
    let dir = workdir();
    let path = dir.path().join("t.isms");
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let today = common::test_today();
    for description in ["Backups untested", "Visitors not logged"] {
        store
            .edit(|w| {
                w.save_nonconformity(Nonconformity::new(
                    NcSource::Incident,
                    NcGrade::Major,
                    today,
                    description,
                ))
            })
            .unwrap();
    }
    drop(store);
    let findings = isms::domain::readiness::check(&self::store(&path).workspace().unwrap(), today);
    let at = findings
        .iter()
        .position(|f| f.rule == "NC-001" && f.message.contains("NC-002"))
        .expect("a major nonconformity without a corrective action");
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('1'));
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(text.contains("Nonconformities (10.2"), "{text}");
    assert!(
        text.contains("NC-002 Visitors not logged"),
        "detail of NC-002: {text}"
    );
    assert!(text.contains("Open: a major nonconformity"), "{text}");
}
