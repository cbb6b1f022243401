//! The passphrase prompt of an encrypted workspace: shown instead of an error, dots for what is
//! typed, "wrong passphrase" without opening, and the workspace once it is right; from the
//! picker, Esc goes back to the workspace that was open.

mod common;

use common::{press, screen, start_on, type_text, workdir};
use isms::registry::Registry;
use isms::store::{Passphrase, Store};
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const PASS: &str = "correct horse battery";

fn encrypted(dir: &std::path::Path, name: &str, organisation: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let key = Passphrase::new(PASS.to_string()).unwrap();
    drop(Store::create_with(&path, organisation, Some(&key)).unwrap());
    path
}

#[test]
fn an_encrypted_workspace_asks_for_its_passphrase_and_opens_with_it() {
    let dir = workdir();
    let path = encrypted(dir.path(), "geheim.isms", "Geheim AG");
    let before = std::fs::read(&path).unwrap();
    let mut app = App::start(&path, true, false).unwrap();
    assert!(
        matches!(app, App::Unlock(_)),
        "the app asks for the passphrase"
    );
    insta::assert_snapshot!("unlock", screen(&mut app, 90, 24));

    type_text(&mut app, "wrong one");
    let typed = screen(&mut app, 90, 24);
    assert!(typed.contains("•••••••••"), "{typed}");
    assert!(
        !typed.contains("wrong one"),
        "the passphrase is echoed: {typed}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.busy(), "the check waits for the next frame");
    assert!(screen(&mut app, 90, 24).contains("Checking"));
    assert!(app.tick());
    let wrong = screen(&mut app, 90, 24);
    assert!(wrong.contains("Wrong passphrase"), "{wrong}");
    assert!(
        !wrong.contains("••"),
        "the field is emptied after a try: {wrong}"
    );
    assert!(std::fs::read(&path).unwrap() == before, "the file changed");

    type_text(&mut app, PASS);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "y");
    press(&mut app, KeyCode::Enter);
    assert!(app.tick());
    let App::Workspace(shell) = &app else {
        panic!("the workspace opens: {}", screen(&mut app, 90, 24))
    };
    assert!(shell.session().is_encrypted());
    assert_eq!(
        shell.session().reader().organisation().unwrap(),
        "Geheim AG"
    );
    let opened = screen(&mut app, 120, 30);
    assert!(opened.contains("geheim.isms 🔒"), "{opened}");
    press(&mut app, KeyCode::Char('x'));
    let export = screen(&mut app, 120, 30);
    assert!(
        export.contains("the workspace is encrypted, this export is not"),
        "the export dialog warns: {export}"
    );
}

#[test]
fn the_prompt_names_the_client_the_list_of_known_workspaces_remembers() {
    let dir = workdir();
    let path = encrypted(dir.path(), "kunde-17.isms", "Geheim AG");
    let mut app = App::start(&path, true, false).unwrap();
    let unknown = screen(&mut app, 90, 24);
    assert!(!unknown.contains("Client"), "{unknown}");

    let registry = dir.path().join("workspaces.json");
    let mut list = Registry::default();
    list.remember(&path, "Geheim AG", "2026-03-30T16:45:00");
    list.save(&registry).unwrap();
    app.set_registry(Some(registry));
    let named = screen(&mut app, 90, 24);
    assert!(
        named
            .lines()
            .any(|l| l.contains("Client") && l.contains("Geheim AG")),
        "{named}"
    );
    assert!(named.contains("kunde-17.isms"), "the path stays: {named}");
}

#[test]
fn a_passphrase_given_in_advance_opens_at_once_and_a_wrong_one_is_asked_again() {
    let dir = workdir();
    let path = encrypted(dir.path(), "geheim.isms", "Geheim AG");
    let right = Passphrase::new(PASS.to_string()).unwrap();
    let app = App::start_with_key(&path, true, false, Some(&right)).unwrap();
    assert!(matches!(app, App::Workspace(_)));
    drop(app);
    let wrong = Passphrase::new("not it at all".to_string()).unwrap();
    let mut app = App::start_with_key(&path, true, false, Some(&wrong)).unwrap();
    assert!(matches!(app, App::Unlock(_)));
    assert!(screen(&mut app, 90, 24).contains("ISMS_PASSPHRASE is wrong"));
}

#[test]
fn esc_from_the_prompt_quits_at_start_and_returns_to_the_workspace_after_the_picker() {
    let dir = workdir();
    let secret = encrypted(dir.path(), "geheim.isms", "Geheim AG");
    let mut app = App::start(&secret, true, false).unwrap();
    assert_eq!(press(&mut app, KeyCode::Esc), isms::ui::Step::Quit);

    let plain = dir.path().join("acme.isms");
    drop(Store::create(&plain, "Acme GmbH").unwrap());
    let registry = dir.path().join("workspaces.json");
    let mut list = Registry::default();
    list.remember(&secret, "Geheim AG", "2026-03-30T16:45:00");
    list.remember(&plain, "Acme GmbH", "2026-03-31T09:15:00");
    list.save(&registry).unwrap();
    let mut app = start_on(&plain);
    app.set_registry(Some(registry.clone()));
    press(&mut app, KeyCode::Char('o'));
    let picker = screen(&mut app, 120, 24);
    assert!(
        picker
            .lines()
            .any(|l| l.contains("Geheim AG") && l.contains("yes")),
        "the picker marks it encrypted: {picker}"
    );
    type_text(&mut app, "geheim");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app, App::Unlock(_)));
    let asking = screen(&mut app, 90, 24);
    assert!(asking.contains("Esc back"), "{asking}");
    assert!(
        asking
            .lines()
            .any(|l| l.contains("Client") && l.contains("Geheim AG")),
        "the prompt names the client the list remembers: {asking}"
    );
    assert_eq!(press(&mut app, KeyCode::Esc), isms::ui::Step::Continue);
    let App::Workspace(shell) = &app else {
        panic!("back on the workspace")
    };
    assert_eq!(
        shell.session().reader().organisation().unwrap(),
        "Acme GmbH"
    );

    // And once more, with the passphrase: the switch happens and is remembered.
    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, "geheim");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, PASS);
    press(&mut app, KeyCode::Enter);
    app.tick();
    let App::Workspace(shell) = &app else {
        panic!(
            "the encrypted workspace opens: {}",
            screen(&mut app, 90, 24)
        )
    };
    assert_eq!(
        shell.session().reader().organisation().unwrap(),
        "Geheim AG"
    );
    drop(Store::open(&plain).expect("the plain workspace is released"));
    let (list, _) = Registry::load(&registry);
    assert_eq!(list.workspaces[0].organisation, "Geheim AG");
}
