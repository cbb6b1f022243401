//! The export menu in the app: `x`, choose, save; the files land next to the workspace.

mod common;

use common::{ctrl, press, screen, start_on, workdir};
use ratatui::crossterm::event::KeyCode;

/// The name the export menu proposes for the demo's SoA on the test day.
const SOA_XLSX: &str = "nordwind-logistik-soa-draft-after-v1-2026-03-31.xlsx";

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
        form.contains("Export to files") && form.contains("Into the folder"),
        "{form}"
    );
    assert!(form.contains(SOA_XLSX), "{form}");
    ctrl(&mut app, 's');
    assert!(
        dir.path().join(SOA_XLSX).is_file(),
        "the SoA workbook was written under the name proposed"
    );
    assert!(screen(&mut app, 120, 34).contains("Exported Statement of Applicability"));

    // The name follows the format chosen.
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right); // Markdown
    let form = screen(&mut app, 120, 34);
    assert!(
        form.contains("nordwind-logistik-soa-draft-after-v1-2026-03-31.md"),
        "{form}"
    );
    ctrl(&mut app, 's');
    let md = std::fs::read_to_string(
        dir.path()
            .join("nordwind-logistik-soa-draft-after-v1-2026-03-31.md"),
    )
    .unwrap();
    assert!(md.contains("Nordwind Logistik GmbH"), "{md}");

    // Escape closes the menu without writing anything.
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 120, 34).contains("Nothing exported."));
}

#[test]
fn a_name_the_user_typed_stays_and_a_folder_of_files_has_no_extension() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('x'));
    // The report as CSV is a folder of files, named without an extension.
    for _ in 0..5 {
        press(&mut app, KeyCode::Right); // ISMS report
    }
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // CSV
    let form = screen(&mut app, 120, 34);
    assert!(
        form.contains("nordwind-logistik-report-v1-2026-03-31")
            && !form.contains("report-v1-2026-03-31."),
        "{form}"
    );
    ctrl(&mut app, 's');
    let folder = dir.path().join("nordwind-logistik-report-v1-2026-03-31");
    assert!(folder.join("cover.csv").is_file(), "{}", folder.display());

    // A typed name is kept when the format changes.
    press(&mut app, KeyCode::Char('x'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    for _ in 0..80 {
        press(&mut app, KeyCode::Backspace);
    }
    common::type_text(&mut app, "for-the-auditor.xlsx");
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Right);
    assert!(screen(&mut app, 120, 34).contains("for-the-auditor.xlsx"));
    // A path is not a file name.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    common::type_text(&mut app, "/x");
    ctrl(&mut app, 's');
    let refused = screen(&mut app, 120, 34);
    assert!(
        refused.contains("expected a file name without folders"),
        "{refused}"
    );
}

#[test]
fn a_missing_folder_is_refused_and_nothing_is_written() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    common::type_text(&mut app, "/no-such-folder");
    ctrl(&mut app, 's');
    let refused = screen(&mut app, 120, 34);
    assert!(refused.contains("no such folder"), "{refused}");
    assert!(
        refused.contains("Export to files"),
        "the menu stays open: {refused}"
    );
    assert!(!dir.path().join("no-such-folder").exists());
}

#[test]
fn the_last_export_folder_is_remembered_per_workspace() {
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let registry = dir.path().join("workspaces.json");
    let out = dir.path().join("deliverables");
    std::fs::create_dir(&out).unwrap();

    let mut app = start_on(&path);
    app.set_registry(Some(registry.clone()));
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    common::type_text(&mut app, "/deliverables");
    ctrl(&mut app, 's');
    assert!(out.join(SOA_XLSX).is_file());
    let (list, _) = isms::registry::Registry::load(&registry);
    assert_eq!(
        list.export_folder(&path),
        Some(std::fs::canonicalize(&out).unwrap().as_path())
    );

    // The next session offers it.
    drop(app);
    let mut again = start_on(&path);
    again.set_registry(Some(registry.clone()));
    press(&mut again, KeyCode::Char('x'));
    let form = screen(&mut again, 120, 34);
    assert!(form.contains("/deliverables"), "{form}");
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
    let soa = dir.path().join(SOA_XLSX);
    std::fs::write(&soa, "my own workbook").unwrap();
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('x'));
    ctrl(&mut app, 's');
    let asked = screen(&mut app, 120, 34);
    assert!(
        // The path wraps in the dialog: its start names the file.
        asked.contains("Replace") && asked.contains(&SOA_XLSX[..40]),
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
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    for _ in 0..80 {
        press(&mut app, KeyCode::Backspace);
    }
    common::type_text(&mut app, "demo.isms-wal");
    // Report as CSV: a folder of files.
    press(&mut app, KeyCode::BackTab);
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

#[test]
fn the_menu_exports_the_latest_audit_report_and_the_nonconformities() {
    let dir = workdir();
    let path = dir.path().join("acme.isms");
    common::workspace_with_audits(&path);
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('x'));
    for _ in 0..10 {
        press(&mut app, KeyCode::Right); // Audit report
    }
    let form = screen(&mut app, 120, 34);
    // Named after the latest audit by date: AU-002, planned for June.
    assert!(form.contains("acme-audit-au-002-2026-03-31.xlsx"), "{form}");
    ctrl(&mut app, 's');
    assert!(
        dir.path()
            .join("acme-audit-au-002-2026-03-31.xlsx")
            .is_file()
    );
    assert!(screen(&mut app, 120, 34).contains("Exported Audit report"));
    press(&mut app, KeyCode::Char('x'));
    for _ in 0..9 {
        press(&mut app, KeyCode::Right); // Nonconformities and corrective actions
    }
    ctrl(&mut app, 's');
    assert!(
        dir.path()
            .join("acme-nonconformities-2026-03-31.xlsx")
            .is_file(),
        "{}",
        screen(&mut app, 120, 34)
    );
}
