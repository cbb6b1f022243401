//! The Risks and Treatment screens: snapshots on the demo, and the journey from a risk on an asset
//! to a planned action against 8.13 and an acceptance by the right authority.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::domain::asset::{Asset, AssetKind};
use isms::domain::methodology::Authority;
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
}

#[test]
fn the_treatment_plan_shows_overdue_actions() {
    let dir = workdir();
    let mut app = demo(&dir);
    press(&mut app, KeyCode::Char('6'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("treatment_plan_demo", text);
    assert!(text.contains("overdue"), "{text}");
    press(&mut app, KeyCode::Right);
    let acceptances = screen(&mut app, W, H);
    assert!(acceptances.contains("expired"), "{acceptances}");
}

#[test]
fn a_risk_is_assessed_treated_with_8_13_and_accepted_by_the_right_authority() {
    let dir = workdir();
    let path = dir.path().join("t.isms");
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let scale = store.protection_scale().unwrap();
    store
        .edit(|w| {
            let a = w.insert_asset(Asset::new(AssetKind::Information, "Customer data"))?;
            w.set_protection_need(
                ProtectionNeed {
                    asset: a.id,
                    objective: Objective::Availability,
                    level: 3,
                    rationale: "SLA".into(),
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

    // The acceptance: the risk owner may not accept a medium risk; the ISB may.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char(' '));
    type_text(&mut app, "loss");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Anna Weber");
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
    press(&mut app, KeyCode::Right); // the error moved the focus to the authority: ISB
    ctrl(&mut app, 's');
    let acceptances = Store::open_read_only(&path).unwrap().acceptances().unwrap();
    assert_eq!(acceptances.len(), 1);
    assert_eq!(acceptances[0].authority, Authority::Isb);
    assert_eq!(acceptances[0].level, "medium");

    // A recorded acceptance is not changed: the store refuses, and the form says what to do.
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Right); // top management
    ctrl(&mut app, 's');
    let refused = screen(&mut app, W, H);
    assert!(refused.contains("add a new one"), "{refused}");
    assert_eq!(
        Store::open_read_only(&path).unwrap().acceptances().unwrap(),
        acceptances
    );
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
