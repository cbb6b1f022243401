//! `h` in a register: the history of the selected record from the change log, newest first,
//! with the fields each change changed; scrolls and closes with Esc.

mod common;

use common::{press, screen, start_on, type_text, workdir};
use isms::domain::asset::{Asset, AssetKind};
use isms::domain::protection::{Objective, ProtectionNeed};
use isms::domain::scope::{ScopeItem, ScopeItemKind};
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 110;
const H: u16 = 30;

/// The asset AS-001 added on 2026-01-10 by `consultant`, rated on 2026-02-15, its
/// confidentiality raised on 2026-02-20, and the scope item S-001; then the app, today 2026-03-31, run by `tester`.
fn workspace(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("t.isms");
    let day = |d: &str| isms::clock::fix_today_for_this_thread(Some(d.parse().unwrap()));
    isms::store::fix_user_for_this_thread(Some("consultant"));
    day("2026-01-10");
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    let asset = store
        .edit(|w| {
            let hq = w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "HQ"))?;
            let mut asset = Asset::new(AssetKind::Information, "Customer data");
            asset.scope_item = Some(hq.id);
            w.insert_asset(asset)
        })
        .unwrap();
    day("2026-02-15");
    let scale = store.protection_scale().unwrap();
    store
        .edit(|w| {
            for (objective, level) in [
                (Objective::Confidentiality, 2),
                (Objective::Integrity, 1),
                (Objective::Availability, 1),
            ] {
                let need = ProtectionNeed {
                    asset: asset.id,
                    objective,
                    level,
                    rationale: "Contracts".into(),
                    rationale_stale: false,
                };
                w.set_protection_need(need, &scale)?;
            }
            Ok(())
        })
        .unwrap();
    day("2026-02-20");
    // Raised later, the rationale kept: the history says it is from the earlier level.
    let mut needs = store.protection_needs().unwrap();
    needs.retain(|n| n.objective == Objective::Confidentiality);
    let raised = ProtectionNeed {
        level: 3,
        ..needs.remove(0)
    };
    store
        .edit(|w| w.set_protection_need(raised, &scale))
        .unwrap();
    let mut owned = store.asset_by_id(asset.id).unwrap();
    owned.owner = "Head of Sales".into();
    owned.location = "CRM".into();
    store.edit(|w| w.update_asset(owned)).unwrap();
    drop(store);
    (start_on(&path), path)
}

#[test]
fn h_shows_who_changed_what_newest_first_and_esc_closes() {
    let dir = workdir();
    let (mut app, path) = workspace(&dir);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " and contracts");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        Store::open_read_only(&path).unwrap().assets().unwrap()[0].name,
        "Customer data and contracts"
    );
    assert!(screen(&mut app, W, H).contains(" h history "));

    press(&mut app, KeyCode::Char('h'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("asset_history", text);
    let edited = text
        .find("2026-03-31 00:00  tester  asset AS-001 changed")
        .expect(&text);
    let rated = text.find("protection need AS-001 set").expect(&text);
    let created = text
        .find("2026-01-10 00:00  consultant  asset AS-001 created")
        .expect(&text);
    assert!(edited < rated && rated < created, "newest first: {text}");
    assert!(
        text.contains("name: Customer data → Customer data and contracts"),
        "{text}"
    );
    // Linked items by their references, not by row ids; values and names in words.
    assert!(text.contains("scope item: S-001"), "{text}");
    assert!(!text.contains("asset: 1"), "{text}");
    assert!(text.contains("kind: Information"), "{text}");
    assert!(text.contains("confidentiality: high → very high"), "{text}");
    assert!(
        text.contains("rationale from the earlier level: — → yes"),
        "{text}"
    );
    assert!(!text.contains("  level: "), "{text}");

    // On a short terminal the list scrolls; Esc closes.
    let short = screen(&mut app, W, 24);
    assert!(short.contains("more ↓"), "{short}");
    assert!(!short.contains("asset AS-001 created"), "{short}");
    press(&mut app, KeyCode::End);
    let end = screen(&mut app, W, 24);
    assert!(end.contains("asset AS-001 created"), "{end}");
    assert!(!end.contains("asset AS-001 changed"), "{end}");
    press(&mut app, KeyCode::Esc);
    let closed = screen(&mut app, W, H);
    assert!(!closed.contains("History of"), "{closed}");
}

#[test]
fn h_works_on_screens_whose_views_switch_with_the_arrows() {
    let dir = workdir();
    let (mut app, _) = workspace(&dir);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Right); // scope items
    press(&mut app, KeyCode::Char('h'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("History of S-001 HQ"), "{text}");
    assert!(text.contains("scope item S-001 created"), "{text}");
    press(&mut app, KeyCode::Char('h'));
    assert!(!screen(&mut app, W, H).contains("History of"));
}

#[test]
fn h_on_protection_shows_the_history_of_the_asset_in_the_grid() {
    let dir = workdir();
    let (mut app, _) = workspace(&dir);
    press(&mut app, KeyCode::Char('4'));
    let grid = screen(&mut app, W, H);
    assert!(grid.contains("h history"), "{grid}");
    press(&mut app, KeyCode::Char('h'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("History of AS-001 Customer data"), "{text}");
    assert!(
        text.contains("2026-02-15 00:00  consultant  protection need AS-001 set"),
        "{text}"
    );
    assert!(text.contains("  confidentiality: high"), "{text}");
    assert!(!text.contains("  level: "), "{text}");
    // Esc closes; the grid's cursor did not move (h no longer moves left).
    press(&mut app, KeyCode::Esc);
    assert_eq!(screen(&mut app, W, H), grid);
}
