//! The Risks and Treatment screens: snapshots on the demo, and the journey from a risk on an asset
//! to a planned action against 8.13 and an acceptance by the right authority.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::domain::asset::{Asset, AssetKind};
use isms::domain::methodology::Authority;
use isms::domain::person::{BuiltinRole, Person, RoleHeld};
use isms::domain::protection::{Objective, ProtectionNeed};
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 130;
const H: u16 = 36;

fn demo(dir: &tempfile::TempDir) -> App {
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    start_on(&path)
}

#[test]
fn the_register_marks_what_an_auditor_would_flag() {
    let dir = workdir();
    let mut app = demo(&dir);
    press(&mut app, KeyCode::Char('5'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("risk_register_demo", text);
    assert!(text.contains("⚠"), "{text}");
    press(&mut app, KeyCode::Char('c'));
    assert!(screen(&mut app, W, H).contains("highest level first"));
}

#[test]
fn a_heat_map_cell_filters_the_register() {
    let dir = workdir();
    let mut app = demo(&dir);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char(']'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("heat_maps_demo", text);
    assert!(
        text.contains("Inherent") && text.contains("Residual"),
        "{text}"
    );
    press(&mut app, KeyCode::Enter);
    let register = screen(&mut app, W, H);
    assert!(register.contains("inherent cell: L3 × I3"), "{register}");
    assert!(register.contains("L3 × I3 · Esc clears"), "{register}");
    let filtered = register.matches("R-0").count();
    // Esc clears the cell's filter: every risk is back, and the chip is gone.
    press(&mut app, KeyCode::Esc);
    let all = screen(&mut app, W, H);
    assert!(!all.contains("inherent cell"), "{all}");
    assert!(all.matches("R-0").count() > filtered, "{all}");
}

#[test]
fn the_treatment_plan_shows_overdue_actions() {
    let dir = workdir();
    let mut app = demo(&dir);
    press(&mut app, KeyCode::Char('6'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("treatment_plan_demo", text);
    // The due date is a date in its column; the detail says it is overdue.
    assert!(text.contains("2026-03-15 Doing"), "{text}");
    let shown_until = |app: &mut isms::ui::App, words: &str| {
        for _ in 0..20 {
            let text = screen(app, W, H);
            if text.contains(words) {
                return text;
            }
            press(app, KeyCode::Down);
        }
        panic!("no row says {words}: {}", screen(app, W, H));
    };
    shown_until(&mut app, "2026-03-15 (overdue)");
    press(&mut app, KeyCode::Right);
    shown_until(&mut app, "(expired:");
}

/// A state the table shows by colour only is still found by its word: `/overdue` keeps the
/// overdue actions, `/expired` the expired acceptances.
#[test]
fn the_filter_finds_overdue_actions_and_expired_acceptances_by_the_word() {
    let dir = workdir();
    let mut app = demo(&dir);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "overdue");
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(text.contains("T-010"), "{text}");
    assert!(text.contains(" 1 of 17 "), "only the overdue one: {text}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "expired");
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(text.contains("R-014"), "{text}");
    assert!(text.contains(" 1 of 3 "), "only the expired one: {text}");
}

#[test]
fn a_risk_is_assessed_treated_with_8_13_and_accepted_by_the_right_authority() {
    let dir = workdir();
    let path = dir.path().join("t.isms");
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let scale = store.protection_scale().unwrap();
    store
        .edit(|w| {
            // Anna Weber is the ISB since 2025: her role, not the form, gives her authority.
            let anna = w.save_person(Person::new("Anna Weber"))?;
            let isb = w.people()?.builtin(BuiltinRole::Isb).map_or(0, |r| r.id);
            w.hold_role(RoleHeld {
                person: anna.id,
                role: isb,
                from: "2025-01-01".parse().unwrap(),
                until: None,
            })?;
            let a = w.insert_asset(Asset::new(AssetKind::Information, "Customer data"))?;
            w.set_protection_need(
                ProtectionNeed {
                    asset: a.id,
                    objective: Objective::Availability,
                    level: 3,
                    rationale: "SLA".into(),
                    rationale_stale: false,
                },
                &scale,
            )
            .map(drop)
        })
        .unwrap();
    drop(store);
    let mut app = start_on(&path);

    // The risk, on the asset, with the asset's needs shown as guidance.
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Loss of customer data");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "cust");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "avail");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    assert!(
        screen(&mut app, W, H).contains("AS-001 Customer data: A very high"),
        "guidance for the impact"
    );
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab); // threat, vulnerability, owner
    }
    type_text(&mut app, "CTO");
    // Inherent likelihood and impact, the treatment, then the residual ratings it enables.
    for (tabs, key) in [(1, '4'), (1, '4'), (1, 'r'), (1, '2'), (1, '3')] {
        for _ in 0..tabs {
            press(&mut app, KeyCode::Tab);
        }
        press(&mut app, KeyCode::Char(key));
    }
    ctrl(&mut app, 's');
    let store = Store::open_read_only(&path).unwrap();
    let risk = store.risks().unwrap().pop().expect("the risk was saved");
    assert_eq!(risk.title, "Loss of customer data");
    assert_eq!(risk.objectives, [Objective::Availability]);
    assert_eq!(
        store
            .methodology()
            .unwrap()
            .level(risk.residual.unwrap())
            .unwrap()
            .name,
        "medium"
    );

    // The action against 8.13.
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Nightly backup with restore test");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "loss");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "8.13");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "CTO");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-06-30");
    ctrl(&mut app, 's');
    let action = Store::open_read_only(&path)
        .unwrap()
        .actions()
        .unwrap()
        .pop()
        .expect("the action was saved");
    assert_eq!(action.controls, ["8.13"]);
    assert_eq!(action.risks, [risk.id]);

    // The acceptance: the risk owner may not accept a medium risk; the ISB may. Who may is
    // decided by the roles the person holds, shown as the form is filled in.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char(' '));
    type_text(&mut app, "loss");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "CTO");
    press(&mut app, KeyCode::Enter);
    assert!(
        screen(&mut app, W, H).contains("Risk owner, from the roles they hold on the day"),
        "the owner's authority is shown"
    );
    ctrl(&mut app, 's');
    let refused = screen(&mut app, W, H);
    insta::assert_snapshot!("acceptance_refused", refused);
    assert!(
        Store::open_read_only(&path)
            .unwrap()
            .acceptances()
            .unwrap()
            .is_empty()
    );
    // The error left the focus on who accepted: the ISB is found by part of her name.
    type_text(&mut app, "weber");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let acceptances = Store::open_read_only(&path).unwrap().acceptances().unwrap();
    assert_eq!(acceptances.len(), 1);
    assert_eq!(acceptances[0].authority, Authority::Isb);
    assert_eq!(acceptances[0].level, "medium");

    // "Valid until" was proposed: one review period of a medium risk (12 months) ahead.
    assert_eq!(acceptances[0].until, Some("2027-03-31".parse().unwrap()));

    // A recorded acceptance is not changed: `e` shows it read-only and says why.
    assert!(screen(&mut app, W, H).contains("e view"));
    press(&mut app, KeyCode::Char('e'));
    let shown = screen(&mut app, W, H);
    assert!(shown.contains("read-only"), "{shown}");
    assert!(shown.contains("n records a new one"), "{shown}");
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        Store::open_read_only(&path).unwrap().acceptances().unwrap(),
        acceptances
    );

    // Deleting it asks why; without a reason nothing is deleted, and the log keeps the reason.
    press(&mut app, KeyCode::Char('d'));
    assert!(screen(&mut app, W, H).contains("Reason for deletion"));
    press(&mut app, KeyCode::Enter);
    let refused = screen(&mut app, W, H);
    assert!(
        refused.contains("Reason for deletion: is required"),
        "{refused}"
    );
    assert_eq!(
        Store::open_read_only(&path).unwrap().acceptances().unwrap(),
        acceptances
    );
    type_text(&mut app, "accepted by mistake");
    press(&mut app, KeyCode::Enter);
    let store = Store::open_read_only(&path).unwrap();
    assert!(store.acceptances().unwrap().is_empty());
    let deleted = store.history(&["acceptance"], "R-001").unwrap();
    let last = deleted.last().unwrap();
    assert_eq!(last.action, "delete");
    assert!(
        last.before
            .as_deref()
            .unwrap()
            .contains("\"deletion_reason\":\"accepted by mistake\""),
        "{last:?}"
    );
}

/// The risk form says the level its likelihood and impact give while they change, and offers
/// the objectives the workspace uses.
#[test]
fn the_risk_form_shows_the_level_as_it_is_rated_and_only_active_objectives() {
    let dir = workdir();
    let path = dir.path().join("t.isms");
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    store
        .edit(|w| {
            w.set_objectives(&[
                Objective::Confidentiality,
                Objective::Integrity,
                Objective::Availability,
                Objective::Privacy,
            ])
            .map(drop)
        })
        .unwrap();
    drop(store);
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('n'));
    let form = screen(&mut app, W, 60);
    assert!(form.contains("Inherent level"), "{form}");
    assert!(form.contains("Residual level"), "{form}");
    assert_eq!(form.matches("not rated").count(), 6, "{form}");

    // The objectives offered: the active four, not authenticity.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    let list = screen(&mut app, W, 60);
    assert!(list.contains("Privacy"), "{list}");
    assert!(!list.contains("Authenticity"), "{list}");
    press(&mut app, KeyCode::Esc);

    // Inherent likelihood 4, then impact 5: half a rating says what is missing, then critical.
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab); // threat, vulnerability, owner, inherent likelihood
    }
    // A digit searches the choice's list; Enter takes what it found.
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    let half = screen(&mut app, W, 60);
    assert!(half.contains("choose both likelihood and impact"), "{half}");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    let rated = screen(&mut app, W, 60);
    insta::assert_snapshot!("risk_form_live_level", rated);
    assert!(
        rated.contains("critical: above the acceptance criteria"),
        "{rated}"
    );
    // Reduce (the treatment option), then residual likelihood 1 and impact 1: low.
    for key in ['r', '1', '1'] {
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char(key));
        press(&mut app, KeyCode::Enter);
    }
    let low = screen(&mut app, W, 60);
    assert!(low.contains("low: within the acceptance criteria"), "{low}");
    assert!(low.contains("critical: above"), "{low}");
}

/// In the methodology view `+` and `-` change the matrix cell under the cursor; digits switch
/// screens, as the tab bar says, and change nothing.
#[test]
fn the_matrix_is_rated_with_plus_and_minus_and_digits_switch_screens() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    let matrix = || {
        Store::open_read_only(&path)
            .unwrap()
            .methodology()
            .unwrap()
            .matrix
    };
    let before = matrix();
    let methodology_view = |app: &mut App| {
        // The screen keeps its view across switches: move on until it is the methodology.
        press(app, KeyCode::Char('5'));
        for _ in 0..3 {
            if screen(app, W, H).contains("L I") {
                return;
            }
            press(app, KeyCode::Char(']'));
        }
        panic!("no methodology view: {}", screen(app, W, H));
    };
    for digit in ['1', '2', '3', '4'] {
        methodology_view(&mut app);
        press(&mut app, KeyCode::Char(digit));
        assert!(
            !screen(&mut app, W, H).contains("edit scales"),
            "{digit} left the Risks screen"
        );
    }
    assert_eq!(matrix(), before, "no digit changed the matrix");

    methodology_view(&mut app);
    let cell = |m: &Vec<Vec<usize>>| m[0][0];
    press(&mut app, KeyCode::Char('+'));
    let raised = matrix();
    assert_eq!(cell(&raised), cell(&before) + 1, "+ raised the cell");
    press(&mut app, KeyCode::Char('-'));
    assert_eq!(matrix(), before, "- lowered it back");
}
