//! The export menu in the app: `x`, choose, save; the files land next to the workspace.

mod common;

use common::{ctrl, press, screen, start_on, workdir};
use ratatui::crossterm::event::KeyCode;

#[test]
fn x_exports_from_any_screen_into_the_workspace_folder() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('x'));
    let form = screen(&mut app, 120, 34);
    assert!(
        form.contains("Export") && form.contains("Into the folder"),
        "{form}"
    );
    ctrl(&mut app, 's');
    assert!(
        dir.path().join("soa.xlsx").is_file(),
        "the SoA workbook was written"
    );
    assert!(screen(&mut app, 120, 34).contains("Exported Statement of Applicability"));

    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right); // Markdown
    ctrl(&mut app, 's');
    let md = std::fs::read_to_string(dir.path().join("soa.md")).unwrap();
    assert!(md.contains("Nordwind Logistik GmbH"), "{md}");

    // Escape closes the menu without writing anything.
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 120, 34).contains("Nothing exported."));
}

#[cfg(unix)]
#[test]
fn exports_are_private_like_the_workspace() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let store = isms::store::Store::open_read_only(&path).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    use isms::report::export::{ExportFormat, What, export};
    let files = export(
        &store,
        What::Risks,
        ExportFormat::Markdown,
        dir.path(),
        today,
    )
    .unwrap();
    let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{}", files[0].display());
}

#[test]
fn the_export_menu_asks_before_replacing_a_file() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let soa = dir.path().join("soa.xlsx");
    std::fs::write(&soa, "my own workbook").unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('x'));
    ctrl(&mut app, 's');
    let asked = screen(&mut app, 120, 34);
    assert!(
        asked.contains("Replace") && asked.contains("soa.xlsx"),
        "{asked}"
    );
    assert_eq!(std::fs::read(&soa).unwrap(), b"my own workbook");

    // No keeps the file and the menu open.
    press(&mut app, KeyCode::Char('n'));
    let kept = screen(&mut app, 120, 34);
    assert!(kept.contains("Nothing was replaced"), "{kept}");
    assert_eq!(std::fs::read(&soa).unwrap(), b"my own workbook");

    // Yes replaces it.
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Char('y'));
    assert!(screen(&mut app, 120, 34).contains("Exported Statement of Applicability"));
    assert_ne!(std::fs::read(&soa).unwrap(), b"my own workbook");
}

#[test]
fn the_export_menu_never_writes_onto_the_workspace() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    // A folder named like the workspace's write-ahead log would block SQLite: refused too.
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('x'));
    for _ in 0..2 {
        press(&mut app, KeyCode::Tab);
    }
    for _ in 0..80 {
        press(&mut app, KeyCode::Backspace);
    }
    common::type_text(&mut app, &format!("{}-wal", path.display()));
    // Report as CSV: a folder of files.
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::BackTab);
    for _ in 0..5 {
        press(&mut app, KeyCode::Right);
    }
    ctrl(&mut app, 's');
    let refused = screen(&mut app, 120, 34);
    assert!(refused.contains("is the workspace"), "{refused}");
    assert!(!dir.path().join("demo.isms-wal").is_dir());
}
