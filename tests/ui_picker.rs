//! The workspace picker (`o`): the known workspaces, filtered as you type; Enter switches the open
//! workspace and releases the old one, Delete takes an entry off the list after asking (never the
//! file), Esc closes.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::registry::Registry;
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

/// Two workspaces and a third that is gone, known in a registry with fixed times.
fn known(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let acme = dir.join("acme-gmbh.isms");
    let beta = dir.join("beta-ag.isms");
    drop(Store::create(&acme, "Acme GmbH").unwrap());
    drop(Store::create(&beta, "Beta AG").unwrap());
    let registry = dir.join("workspaces.json");
    let mut list = Registry::default();
    list.remember(&dir.join("gone.isms"), "Gone KG", "2026-03-01T08:00:00");
    list.remember(&beta, "Beta AG", "2026-03-30T16:45:00");
    list.remember(&acme, "Acme GmbH", "2026-03-31T09:15:00");
    list.save(&registry).unwrap();
    (acme, beta, registry)
}

/// The sizes of freshly made SQLite files may differ by a page between systems: mask them.
fn masked(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut l = line.to_string();
        for unit in [" KiB", " MiB"] {
            while let Some(at) = l.find(unit) {
                let start = l[..at].rfind(' ').map_or(0, |s| s + 1);
                l.replace_range(start..at + unit.len(), &"#".repeat(at + unit.len() - start));
            }
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[test]
fn o_shows_known_workspaces_filters_as_you_type_and_switches() {
    let dir = workdir();
    let (acme, beta, registry) = known(dir.path());
    let mut app = start_on(&acme);
    app.set_registry(Some(registry.clone()));

    press(&mut app, KeyCode::Char('o'));
    let text = masked(&screen(&mut app, 120, 24));
    insta::assert_snapshot!("picker", text);
    assert!(
        text.contains("missing"),
        "the gone file is listed as missing"
    );

    type_text(&mut app, "beta");
    let filtered = screen(&mut app, 120, 24);
    assert!(filtered.contains("Beta AG"), "{filtered}");
    assert!(!filtered.contains("Gone KG"), "{filtered}");
    assert!(
        filtered.contains("/beta"),
        "the filter is shown: {filtered}"
    );

    press(&mut app, KeyCode::Enter);
    let App::Workspace(shell) = &app else {
        panic!("a workspace is open")
    };
    assert_eq!(shell.session().path(), beta.as_path());
    assert_eq!(shell.session().reader().organisation().unwrap(), "Beta AG");
    // The old workspace is released: it opens for writing again.
    drop(Store::open(&acme).unwrap());
    // And the switch is remembered: Beta AG is now the last opened.
    let (list, _) = Registry::load(&registry);
    assert_eq!(list.workspaces[0].organisation, "Beta AG");
}

#[test]
fn esc_closes_the_picker_and_the_same_workspace_stays_open() {
    let dir = workdir();
    let (acme, _, registry) = known(dir.path());
    let mut app = start_on(&acme);
    app.set_registry(Some(registry));
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Esc);
    let text = screen(&mut app, 120, 24);
    assert!(!text.contains("Open a workspace"), "{text}");
    // Choosing the workspace already open changes nothing.
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Enter);
    let App::Workspace(shell) = &app else {
        panic!("a workspace is open")
    };
    assert_eq!(shell.session().path(), acme.as_path());
    assert!(screen(&mut app, 120, 24).contains("already open"));
}

#[test]
fn esc_clears_the_filter_first_and_ctrl_u_clears_it_too() {
    let dir = workdir();
    let (acme, _, registry) = known(dir.path());
    let mut app = start_on(&acme);
    app.set_registry(Some(registry));
    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, "beta");
    let filtered = screen(&mut app, 120, 24);
    assert!(!filtered.contains("Gone KG"), "{filtered}");
    assert!(filtered.contains("Esc clear filter"), "{filtered}");

    press(&mut app, KeyCode::Esc);
    let cleared = screen(&mut app, 120, 24);
    assert!(
        cleared.contains("Open a workspace"),
        "still open: {cleared}"
    );
    assert!(cleared.contains("Gone KG"), "every entry again: {cleared}");
    assert!(cleared.contains("Esc close"), "{cleared}");

    type_text(&mut app, "acme");
    ctrl(&mut app, 'u');
    let cleared = screen(&mut app, 120, 24);
    assert!(cleared.contains("Gone KG"), "{cleared}");
    assert!(
        !cleared.contains(" of 3 "),
        "the filter is empty: {cleared}"
    );

    press(&mut app, KeyCode::Esc);
    let closed = screen(&mut app, 120, 24);
    assert!(!closed.contains("Open a workspace"), "{closed}");
}

#[test]
fn long_paths_are_cut_in_the_middle_and_keep_the_file_name() {
    let dir = workdir();
    let deep = dir
        .path()
        .join("home/anna/Documents/consulting/engagements/clients/2026/north")
        .join("nordwind-logistik.isms");
    std::fs::create_dir_all(deep.parent().unwrap()).unwrap();
    drop(Store::create(&deep, "Nordwind Logistik GmbH").unwrap());
    let registry = dir.path().join("workspaces.json");
    let mut list = Registry::default();
    list.remember(&deep, "Nordwind Logistik GmbH", "2026-03-31T09:15:00");
    list.save(&registry).unwrap();
    // The temporary folder is masked on screen: look for the rest.
    let full =
        "/home/anna/Documents/consulting/engagements/clients/2026/north/nordwind-logistik.isms";
    let mut app = App::picker(&registry, false);
    let wide = screen(&mut app, 220, 24);
    assert!(wide.contains(full), "room for the whole path: {wide}");

    for width in [80, 100, 120] {
        let mut app = App::picker(&registry, false);
        let text = screen(&mut app, width, 24);
        let row = text
            .lines()
            .find(|l| l.contains("Nordwind"))
            .unwrap_or_else(|| panic!("the entry shows: {text}"));
        assert!(
            row.contains("…/") && row.contains("/nordwind-logistik.isms "),
            "cut in the middle, the file name whole: {width}: {row}"
        );
        assert!(row.contains("2026-03-31 09:15"), "never cut: {row}");
        if width >= 100 {
            assert!(row.contains("/tmp/…/"), "the first folder stays: {row}");
        }
    }
}

#[test]
fn a_missing_workspace_is_reported_and_the_open_one_stays() {
    let dir = workdir();
    let (acme, _, registry) = known(dir.path());
    let mut app = start_on(&acme);
    app.set_registry(Some(registry));
    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, "gone");
    press(&mut app, KeyCode::Enter);
    let App::Workspace(shell) = &app else {
        panic!("a workspace is open")
    };
    assert_eq!(shell.session().path(), acme.as_path());
    let text = screen(&mut app, 120, 24);
    assert!(text.contains("gone.isms: no such file"), "{text}");
}

#[test]
fn isms_open_without_a_workspace_shows_the_picker_alone() {
    let dir = workdir();
    let (_, beta, registry) = known(dir.path());
    let mut app = App::picker(&registry, false);
    let text = screen(&mut app, 120, 24);
    assert!(text.contains("Open a workspace"), "{text}");
    assert!(text.contains("Enter open"), "{text}");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let App::Workspace(shell) = &app else {
        panic!("the chosen workspace is open")
    };
    assert_eq!(shell.session().path(), beta.as_path());
}

#[test]
fn a_typed_path_opens_a_workspace_from_elsewhere_and_remembers_it() {
    let dir = workdir();
    let (acme, _, registry) = known(dir.path());
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let other = elsewhere.join("gamma.isms");
    drop(Store::create(&other, "Gamma SE").unwrap());
    let mut app = start_on(&acme);
    app.set_registry(Some(registry.clone()));

    press(&mut app, KeyCode::Char('o'));
    type_text(
        &mut app,
        &format!("{}/nothing-here.isms", elsewhere.display()),
    );
    press(&mut app, KeyCode::Enter);
    let refused = screen(&mut app, 120, 24);
    assert!(refused.contains("no such file"), "{refused}");
    let App::Workspace(shell) = &app else {
        panic!("still the workspace")
    };
    assert_eq!(shell.session().path(), acme.as_path());

    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, other.to_str().unwrap());
    press(&mut app, KeyCode::Enter);
    let App::Workspace(shell) = &app else {
        panic!("a workspace is open")
    };
    assert_eq!(shell.session().reader().organisation().unwrap(), "Gamma SE");
    let (list, _) = Registry::load(&registry);
    assert_eq!(list.workspaces[0].path, other);
}

/// The organisations the list at `registry` holds, most recent first.
fn organisations(registry: &std::path::Path) -> Vec<String> {
    Registry::load(registry)
        .0
        .workspaces
        .into_iter()
        .map(|e| e.organisation)
        .collect()
}

#[test]
fn delete_asks_then_takes_the_chosen_entry_off_the_list_and_keeps_the_file() {
    let dir = workdir();
    let (acme, beta, registry) = known(dir.path());
    let mut app = start_on(&acme);
    app.set_registry(Some(registry.clone()));
    press(&mut app, KeyCode::Char('o'));
    assert!(screen(&mut app, 120, 24).contains("Del take off the list"));

    // Typing "d" filters, as every printable key does; Delete asks about the chosen entry.
    type_text(&mut app, "beta");
    press(&mut app, KeyCode::Delete);
    let asking = masked(&screen(&mut app, 120, 24));
    insta::assert_snapshot!("picker_forget", asking);
    assert!(asking.contains("Take Beta AG ("), "{asking}");
    assert!(asking.contains("y take it off the list"), "{asking}");

    // No keeps it; other keys wait for the answer.
    press(&mut app, KeyCode::Char('x'));
    assert!(screen(&mut app, 120, 24).contains("Take Beta AG"));
    press(&mut app, KeyCode::Char('n'));
    assert!(!screen(&mut app, 120, 24).contains("Take Beta AG"));
    assert_eq!(
        organisations(&registry),
        ["Acme GmbH", "Beta AG", "Gone KG"]
    );

    // Yes takes it off the list and leaves the file; the picker stays open with what is left.
    press(&mut app, KeyCode::Delete);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(organisations(&registry), ["Acme GmbH", "Gone KG"]);
    assert!(beta.is_file(), "the file itself stays");
    Store::open(&beta).unwrap();
    let text = screen(&mut app, 120, 24);
    assert!(text.contains("Took Beta AG off the list"), "{text}");
    assert!(text.contains("Open a workspace"), "{text}");
    let App::Workspace(shell) = &app else {
        panic!("the workspace stays open")
    };
    assert_eq!(shell.session().path(), acme.as_path());
}

#[test]
fn isms_open_forgets_a_missing_workspace_after_asking() {
    let dir = workdir();
    let (_, _, registry) = known(dir.path());
    let mut app = App::picker(&registry, false);
    assert!(screen(&mut app, 120, 24).contains("Del take off the list"));
    type_text(&mut app, "gone");
    press(&mut app, KeyCode::Delete);
    assert!(screen(&mut app, 120, 24).contains("Take Gone KG ("));
    press(&mut app, KeyCode::Esc);
    assert_eq!(organisations(&registry).len(), 3, "Esc keeps it");
    assert!(
        screen(&mut app, 120, 24).contains("Open a workspace"),
        "Esc answered the question and left the picker open"
    );
    press(&mut app, KeyCode::Delete);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(organisations(&registry), ["Acme GmbH", "Beta AG"]);
    let text = screen(&mut app, 120, 24);
    assert!(text.contains("Took Gone KG off the list"), "{text}");
    // Nothing left to choose under the filter: Delete does nothing.
    press(&mut app, KeyCode::Delete);
    assert!(!screen(&mut app, 120, 24).contains("Take "));
}
