//! The keymap as the screens use it: every combination of contexts a screen, a view or a dialog
//! of it reports is one the keymap's tests check for keys bound twice (`keymap::STACKS`).

mod common;

use common::{press, start_on, workdir};
use isms::ui::App;
use isms::ui::keymap::{Context, STACKS};
use ratatui::crossterm::event::KeyCode;

fn active(app: &App) -> Vec<Context> {
    match app {
        App::Workspace(shell) => shell.active().contexts,
        _ => panic!("the workspace is not open"),
    }
}

#[test]
fn every_screen_view_and_dialog_reports_a_checked_combination_of_contexts() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    let mut unchecked = Vec::new();
    let mut seen = Vec::new();
    // Keys that open something (a form, the filter, the links, a dialog) without writing.
    let openers = ['/', 'h', 'n', 'e', 'd', 'f', 'l', 'w', 'm', 'i', 'x', ':'];
    for screen in '1'..='8' {
        for view in 0..4 {
            for opener in std::iter::once(None).chain(openers.iter().copied().map(Some)) {
                press(&mut app, KeyCode::Char(screen));
                for _ in 0..view {
                    press(&mut app, KeyCode::Char(']'));
                }
                if let Some(key) = opener {
                    press(&mut app, KeyCode::Char(key));
                }
                let contexts = active(&app);
                if !STACKS.contains(&contexts.as_slice()) {
                    unchecked.push(format!("{screen}, view {view}, {opener:?}: {contexts:?}"));
                }
                if !seen.contains(&contexts) {
                    seen.push(contexts);
                }
                // Back out of whatever opened (the workshop's summary takes a second key).
                for _ in 0..3 {
                    if active(&app).iter().all(|c| !c.captures()) && !active(&app).is_empty() {
                        break;
                    }
                    press(&mut app, KeyCode::Esc);
                }
                press(&mut app, KeyCode::Esc);
            }
        }
    }
    assert!(
        unchecked.is_empty(),
        "not in STACKS:\n{}",
        unchecked.join("\n")
    );
    assert!(
        seen.len() >= 15,
        "the walk reaches most combinations: {seen:?}"
    );
}

/// The screens past the tenth, reached through the palette, with a record in every view (an
/// audit, its finding, a nonconformity with an action; the Cycles screen): their own keys and
/// forms included.
#[test]
fn the_screens_past_the_tenth_report_checked_combinations_too() {
    use isms::domain::audit::{Audit, AuditFinding, AuditKind, FindingGrade};
    use isms::domain::nonconformity::{CorrectiveAction, NcGrade, NcSource, Nonconformity};
    let dir = workdir();
    let path = dir.path().join("t.isms");
    let mut store = isms::store::Store::create(&path, "Acme GmbH").unwrap();
    let today = common::test_today();
    store
        .edit(|w| {
            let audit = w.save_audit(Audit::new("Internal audit", AuditKind::Internal))?;
            w.save_audit_finding(AuditFinding::new(audit.id, FindingGrade::Minor, "Found"))?;
            w.save_nonconformity(Nonconformity {
                actions: vec![CorrectiveAction::new("Fix it")],
                ..Nonconformity::new(NcSource::Incident, NcGrade::Minor, today, "Broken")
            })
        })
        .unwrap();
    drop(store);
    let mut app = start_on(&path);
    let mut unchecked = Vec::new();
    let openers = ['/', 'h', 'n', 'e', 'd', 'f', 'a', 'v', 'x', 'C'];
    let mut reached = Vec::new();
    for (letter, views) in [('u', 3), ('n', 2), ('y', 2)] {
        for view in 0..views {
            for opener in std::iter::once(None).chain(openers.iter().copied().map(Some)) {
                press(&mut app, KeyCode::Char(':'));
                press(&mut app, KeyCode::Char(letter));
                for _ in 0..view {
                    press(&mut app, KeyCode::Char(']'));
                }
                if let Some(key) = opener {
                    press(&mut app, KeyCode::Char(key));
                }
                let contexts = active(&app);
                if !STACKS.contains(&contexts.as_slice()) {
                    unchecked.push(format!("{letter}, view {view}, {opener:?}: {contexts:?}"));
                }
                reached.extend(contexts.iter().copied());
                for _ in 0..3 {
                    if active(&app).iter().all(|c| !c.captures()) && !active(&app).is_empty() {
                        break;
                    }
                    press(&mut app, KeyCode::Esc);
                }
                // Back to the first view for the next round.
                for _ in 0..view {
                    press(&mut app, KeyCode::Char('['));
                }
            }
        }
    }
    assert!(
        unchecked.is_empty(),
        "not in STACKS:\n{}",
        unchecked.join("\n")
    );
    for own in [
        Context::Audits,
        Context::AuditFindings,
        Context::Nonconformities,
        Context::CorrectiveActions,
        Context::Cycles,
        Context::FormLine,
    ] {
        assert!(reached.contains(&own), "{own:?} was not reached");
    }
}
