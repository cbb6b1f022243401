//! Encrypted workspaces in a real terminal: passphrases are typed without echo, the app asks
//! for one before it shows anything of the workspace, and SQLCipher's log never reaches the
//! screen.

#[path = "common/pty.rs"]
mod pty;

use pty::{Session, Workspace};

const PASS: &str = "correct horse battery";

fn assert_clean(session: &Session) {
    let raw = session.raw();
    assert!(!raw.contains(PASS), "the passphrase was echoed");
    assert!(
        !raw.contains("ERROR CORE") && !raw.contains("sqlcipher"),
        "SQLCipher's log reached the terminal: {}",
        session.screen()
    );
}

#[test]
fn new_encrypt_asks_twice_without_echo_and_again_when_they_differ() {
    let ws = Workspace::new();
    let file = ws.dir.path().join("geheim.isms");
    let f = file.to_str().unwrap();
    let mut session = Session::spawn(&ws, &["new", f, "--org", "Geheim AG", "--encrypt"], &[]);
    session.wait_for("New passphrase for");
    session.send(&format!("{PASS}\r"));
    session.wait_for("The same again");
    session.send("correct horse batter\r");
    session.wait_for("differ");
    session.poll("a second prompt", |s| {
        s.screen().matches("New passphrase for").count() == 2
    });
    session.send(&format!("{PASS}\r"));
    session.poll("a second repetition prompt", |s| {
        s.screen().matches("The same again").count() == 2
    });
    session.send(&format!("{PASS}\r"));
    assert!(session.wait_exit().success(), "{}", session.screen());
    assert!(session.screen().contains("Created the encrypted workspace"));
    assert_clean(&session);
    assert!(
        !std::fs::read(&file)
            .unwrap()
            .starts_with(b"SQLite format 3")
    );
}

#[test]
fn the_app_asks_for_the_passphrase_says_when_it_is_wrong_and_opens_with_the_right_one() {
    let ws = Workspace::new();
    let mut session = Session::spawn(&ws, &["encrypt", ws.path()], &[]);
    session.wait_for("New passphrase for");
    session.send(&format!("{PASS}\r"));
    session.wait_for("The same again");
    session.send(&format!("{PASS}\r"));
    assert!(session.wait_exit().success(), "{}", session.screen());

    let before = std::fs::read(&ws.file).unwrap();
    let mut app = Session::open(&ws, &[]);
    app.wait_for("Type its passphrase");
    // The client is named from the list of known workspaces (which `isms ls` shows in the
    // clear anyway); nothing from inside the file shows.
    let prompt = app.screen();
    assert!(
        prompt
            .lines()
            .filter(|l| l.contains("Acme"))
            .all(|l| l.contains("Client")),
        "nothing of the workspace shows: {prompt}"
    );
    assert!(prompt.contains("Client"), "{prompt}");
    assert!(!prompt.contains("Dashboard"), "{prompt}");
    app.send("not the passphrase\r");
    app.wait_for("Wrong passphrase");
    assert!(
        std::fs::read(&ws.file).unwrap() == before,
        "the file changed"
    );
    app.send(&format!("{PASS}\r"));
    app.wait_for("1 Dashboard");
    app.wait_for("Acme GmbH");
    // The lock mark is on the status line, which may be drawn a moment after the Dashboard.
    app.wait_for("🔒");
    assert_clean(&app);
    app.send("q");
    assert!(app.wait_exit().success());
}
