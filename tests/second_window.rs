//! A workspace open twice: one writer at a time, the second told who holds the file; readers
//! (the commands that only read, `--read-only`, the app's own background readers) never wait
//! and never write.

mod common;

use common::{Sandbox, bytes};
use isms::domain::scope::{ScopeItem, ScopeItemKind};
use isms::store::{Store, StoreError};

fn holder_pid() -> String {
    format!("process {}", std::process::id())
}

#[test]
fn a_second_writer_is_refused_and_told_who_holds_the_file() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let writer = Store::open(&file).unwrap();
    match Store::open(&file) {
        Err(StoreError::InUse { holder, .. }) => {
            assert!(holder.contains(&holder_pid()), "{holder}")
        }
        other => panic!("expected InUse, got {:?}", other.map(|_| "a store")),
    }
    drop(writer);
    assert!(
        Store::open(&file).is_ok(),
        "free again once the first closed"
    );
}

#[test]
fn a_reader_beside_the_writer_sees_its_saved_edits_and_cannot_write() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let mut writer = Store::open(&file).unwrap();
    let mut reader = Store::open_read_only(&file).unwrap();
    writer
        .edit(|w| w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "Lager Köln")))
        .unwrap();
    let names: Vec<String> = reader
        .scope_items()
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert!(names.contains(&"Lager Köln".to_string()), "{names:?}");
    let refused =
        reader.edit(|w| w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "X")));
    assert!(matches!(refused, Err(StoreError::ReadOnly(_))));
}

#[test]
fn commands_that_read_work_while_the_workspace_is_open_and_writing_ones_are_refused() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let db = file.to_str().unwrap();
    let writer = Store::open(&file).unwrap();
    sb.run(&["--db", db, "list", "scope"]).success();
    // 0 or 1 say whether something major was found; 2 would mean it could not read the file.
    let check = sb.run(&["--db", db, "check"]);
    assert!(matches!(check.code(), Some(0 | 1)), "{}", check.stderr());
    sb.run(&["info", db]).success();
    sb.run(&["--db", db, "log"]).success();
    let csv = sb.path("scope.csv");
    std::fs::write(&csv, "kind,name\nlocation,Lager Köln\n").unwrap();
    let before = bytes(&file);
    sb.run(&["--db", db, "import", "scope", csv.to_str().unwrap()])
        .fails_with(&format!("open in another isms ({}", holder_pid()))
        .fails_with("--read-only");
    assert!(bytes(&file) == before, "the refused import wrote nothing");
    drop(writer);
}

#[test]
fn the_app_outside_a_terminal_says_who_holds_the_file_instead_of_asking() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let writer = Store::open(&file).unwrap();
    let run = sb.run(&["--db", file.to_str().unwrap()]);
    run.fails_with(&holder_pid());
    assert!(!run.stderr().contains("[y/N]"), "{}", run.stderr());
    drop(writer);
}

#[test]
fn a_reader_notices_each_commit_of_the_writer_and_only_those() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let mut writer = Store::open(&file).unwrap();
    let mut reader = Store::open_read_only(&file).unwrap();
    assert!(!reader.changed_elsewhere().unwrap(), "nothing written yet");
    let before = reader.generation();
    writer
        .edit(|w| w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "Lager Köln")))
        .unwrap();
    assert!(reader.changed_elsewhere().unwrap(), "the writer committed");
    assert!(reader.generation() > before, "what was read is stale");
    assert!(!reader.changed_elsewhere().unwrap(), "once per commit");
    // Its own reads are no change.
    reader.scope_items().unwrap();
    assert!(!reader.changed_elsewhere().unwrap());
    assert!(
        !writer.changed_elsewhere().unwrap(),
        "the writer's own commit"
    );
}

#[test]
fn a_read_only_window_redraws_what_the_writer_saves_and_offers_no_write_keys() {
    use common::{press, screen};
    use isms::ui::App;
    use ratatui::crossterm::event::KeyCode;

    let sb = Sandbox::new();
    let file = sb.demo();
    common::fix_clock_and_user();
    let mut writer = Store::open(&file).unwrap();
    let mut window = App::start(&file, true, true).unwrap();
    press(&mut window, KeyCode::Char('2'));
    press(&mut window, KeyCode::Right);
    let before = screen(&mut window, 120, 30);
    assert!(before.contains("Scope items (4.3)"), "{before}");
    assert!(!before.contains("Lager Köln"), "{before}");
    let footer = before.lines().last().unwrap_or_default().to_string();
    for write_key in ["n new", "e edit", "d delete"] {
        assert!(!footer.contains(write_key), "{write_key}: {footer}");
    }
    // `e` shows the item read-only instead of opening a form that could not be saved.
    assert!(footer.contains("e view"), "{footer}");
    press(&mut window, KeyCode::Char('e'));
    let shown = screen(&mut window, 120, 30);
    assert!(shown.contains("read-only"), "{shown}");
    assert!(!shown.contains("Ctrl-S save"), "{shown}");
    press(&mut window, KeyCode::Esc);
    assert!(!window.follow_writer(), "nothing to follow yet");

    writer
        .edit(|w| w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "Lager Köln")))
        .unwrap();
    assert!(window.follow_writer(), "the commit is noticed");
    let after = screen(&mut window, 120, 30);
    assert!(after.contains("Lager Köln"), "{after}");
    assert!(after.contains("Changed in the other window"), "{after}");
    assert!(!window.follow_writer(), "read once");

    // The writer's own window offers the keys that write.
    drop(writer);
    let mut own = common::start_on(&file);
    press(&mut own, KeyCode::Char('2'));
    press(&mut own, KeyCode::Right);
    let footer = screen(&mut own, 120, 30);
    let footer = footer.lines().last().unwrap_or_default();
    assert!(footer.contains("n new"), "{footer}");
}
