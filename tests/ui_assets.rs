//! The Assets and Protection screens: snapshots on the demo, and the workshop journeys by keys,
//! checked against what lands in the file.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::domain::asset::{Asset, AssetKind, Dependency};
use isms::domain::protection::Objective;
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 130;
const H: u16 = 36;

fn demo(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    (start_on(&path), path)
}

/// A workspace with three information assets and one server that the first depends on.
fn small(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("small.isms");
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    store
        .edit(|w| {
            let a = w.insert_asset(Asset::new(AssetKind::Information, "Customer data"))?;
            w.insert_asset(Asset::new(AssetKind::Information, "Source code"))?;
            w.insert_asset(Asset::new(AssetKind::Information, "Payroll data"))?;
            let server = w.insert_asset(Asset::new(AssetKind::Hardware, "Server"))?;
            w.add_dependency(Dependency {
                asset: a.id,
                depends_on: server.id,
            })
        })
        .unwrap();
    drop(store);
    (start_on(&path), path)
}

fn level(store: &Store, asset_number: u32, objective: Objective) -> Option<u8> {
    let id = store
        .assets()
        .unwrap()
        .into_iter()
        .find(|a| a.number == asset_number)?
        .id;
    store
        .protection_needs()
        .unwrap()
        .into_iter()
        .find(|n| n.asset == id && n.objective == objective)
        .map(|n| n.level)
}

#[test]
fn the_assets_screen_shows_the_inventory_and_dependencies_both_ways() {
    let dir = workdir();
    let (mut app, _) = demo(&dir);
    press(&mut app, KeyCode::Char('3'));
    for _ in 0..11 {
        press(&mut app, KeyCode::Down);
    }
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("assets_demo", text);
    assert!(
        text.contains("Serves") && text.contains("Depends on"),
        "{text}"
    );
}

#[test]
fn enter_on_a_linked_asset_jumps_to_it() {
    let dir = workdir();
    let (mut app, _) = demo(&dir);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Right);
    let before = screen(&mut app, W, H);
    assert!(before.contains("↑↓ choose a link"), "{before}");
    press(&mut app, KeyCode::Enter);
    let after = screen(&mut app, W, H);
    // The detail pane now shows the linked asset.
    assert!(
        after
            .lines()
            .any(|l| l.contains("│Asset ") && l.contains("AS-012 NordDispatch SaaS")),
        "{after}"
    );
}

#[test]
fn crown_jewels_come_first_and_facets_filter() {
    let dir = workdir();
    let (mut app, _) = demo(&dir);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('c'));
    insta::assert_snapshot!("assets_crown_jewels", screen(&mut app, W, H));
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Char(' '));
    type_text(&mut app, "hardw");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("Assets · kind: Hardware"), "{text}");
    assert!(text.contains(" 5 of 30 "), "{text}");
}

#[test]
fn an_asset_is_added_with_a_dependency_and_a_cycle_is_refused_by_name() {
    let dir = workdir();
    let (mut app, path) = small(&dir);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Backup job");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('s')); // software
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "server"); // depends on: opens the list filtered
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let store = Store::open_read_only(&path).unwrap();
    let backup = store
        .assets()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "Backup job")
        .unwrap();
    assert_eq!(backup.kind, AssetKind::Software);
    let server = store
        .assets()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "Server")
        .unwrap();
    assert!(store.dependencies().unwrap().contains(&Dependency {
        asset: backup.id,
        depends_on: server.id
    }));

    // Now make the server depend on the backup job: a cycle.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Server");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "backup");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("asset_cycle_refused", text);
    assert!(text.contains("cycle"), "{text}");
    assert_eq!(
        Store::open_read_only(&path)
            .unwrap()
            .dependencies()
            .unwrap()
            .len(),
        2,
        "nothing changed"
    );
}

#[test]
fn deleting_an_asset_that_risks_name_says_what_it_affects() {
    let dir = workdir();
    let (mut app, path) = demo(&dir);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('d'));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Delete asset AS-001 Customer shipment data?"),
        "{text}"
    );
    assert!(text.contains("It is named in 2"), "{text}");
    assert!(text.contains("link goes"), "one link, said once: {text}");
    assert!(!text.contains("(s)"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        Store::open_read_only(&path)
            .unwrap()
            .assets()
            .unwrap()
            .len(),
        30
    );
}

#[test]
fn the_protection_grid_shows_inheritance_and_overrides() {
    let dir = workdir();
    let (mut app, _) = demo(&dir);
    press(&mut app, KeyCode::Char('4'));
    for _ in 0..12 {
        press(&mut app, KeyCode::Down);
    }
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("protection_demo", text);
    assert!(text.contains("override"), "{text}");
}

#[test]
fn three_assets_are_rated_in_the_grid_at_the_speed_of_talk() {
    let dir = workdir();
    let (mut app, path) = small(&dir);
    press(&mut app, KeyCode::Char('4'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('+'));
    }
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('='));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('-'));
    // Mark all three and raise integrity twice at once: the marks stay for the second step.
    press(&mut app, KeyCode::Char('g'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char(' '));
    }
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('+'));
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(level(&store, 1, Objective::Confidentiality), Some(3));
    assert_eq!(level(&store, 2, Objective::Confidentiality), Some(2));
    assert_eq!(level(&store, 3, Objective::Confidentiality), Some(1));
    for n in 1..=3 {
        assert_eq!(
            level(&store, n, Objective::Integrity),
            Some(2),
            "AS-00{n} integrity"
        );
    }
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Saved Integrity high for 3 assets."),
        "{text}"
    );
    assert!(
        text.contains("↑ very high"),
        "the server inherits from customer data: {text}"
    );
}

#[test]
fn an_override_needs_a_justification_before_it_is_saved() {
    let dir = workdir();
    let (mut app, path) = small(&dir);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('G')); // the server, a supporting asset
    press(&mut app, KeyCode::Char('+'));
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("override_needs_justification", text);
    assert!(text.contains("an override needs a justification"), "{text}");
    assert_eq!(
        level(
            &Store::open_read_only(&path).unwrap(),
            4,
            Objective::Confidentiality
        ),
        None
    );
    type_text(&mut app, "Runs twelve services: cumulation.");
    ctrl(&mut app, 's');
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(level(&store, 4, Objective::Confidentiality), Some(1));
    let need = store
        .protection_needs()
        .unwrap()
        .into_iter()
        .find(|n| n.level == 1)
        .unwrap();
    assert_eq!(need.rationale, "Runs twelve services: cumulation.");
}

#[test]
fn the_scale_grows_to_four_levels_and_ratings_follow() {
    let dir = workdir();
    let (mut app, path) = small(&dir);
    press(&mut app, KeyCode::Char('4'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('+')); // customer data: very high
    }
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Right); // 4 levels
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "critical");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "The damage would end the company.");
    ctrl(&mut app, 's');
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.protection_scale().unwrap().levels.len(), 4);
    assert_eq!(
        level(&store, 1, Objective::Confidentiality),
        Some(4),
        "the top stays the top"
    );
    let text = screen(&mut app, W, H);
    assert!(text.contains("3 levels → 4 levels"), "{text}");
}

/// The tab bar offers `1` … `8`: on the grid, a digit switches screens and never rates, even
/// where it is a level of the scale.
#[test]
fn digits_switch_screens_from_the_grid_and_never_rate() {
    let dir = workdir();
    let (mut app, path) = small(&dir);
    let changes = || {
        Store::open_read_only(&path)
            .unwrap()
            .changes()
            .unwrap()
            .len()
    };
    let before = changes();
    for (digit, shows) in [
        ('1', "┌ Registers"),
        ('2', "Scope"),
        ('3', "┌ Assets"),
        ('5', "Risk register (6.1.2, 8.2)"),
    ] {
        press(&mut app, KeyCode::Char('4'));
        assert!(screen(&mut app, W, H).contains("Protection needs"));
        press(&mut app, KeyCode::Char(digit));
        let text = screen(&mut app, W, H);
        assert!(text.contains(shows), "{digit} opens its screen: {text}");
    }
    let store = Store::open_read_only(&path).unwrap();
    assert!(
        store.protection_needs().unwrap().is_empty(),
        "nothing was rated"
    );
    assert_eq!(changes(), before, "nothing was written");
}

/// The other screens are built in the background from the workspace as it was at start; an
/// asset added before the Protection screen is first shown is on it all the same.
#[test]
fn a_screen_built_in_the_background_shows_an_edit_made_since() {
    let dir = workdir();
    let (mut app, _path) = small(&dir);
    // Time for the background to build the other screens from the workspace as it was.
    std::thread::sleep(std::time::Duration::from_millis(300));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Backup job");
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Char('4'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Protection needs"), "{text}");
    assert!(
        text.contains("AS-005  Backup job"),
        "a row of the grid: {text}"
    );
}
