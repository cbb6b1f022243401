//! End to end: the real binary in a pseudo-terminal, driven by keystrokes and read back through a
//! terminal emulator, then checked with the command line.

#[path = "common/pty.rs"]
mod pty;

use pty::{ENTER_ALT, LEAVE_ALT, PANIC_VAR, Session, Workspace};

/// From a freshly started app to the open new-scope-item form.
fn open_new_scope_item_form(app: &mut Session) {
    app.wait_for("1 Dashboard");
    app.send("2");
    app.send("\x1b[C"); // Right: the next view
    app.wait_for("Scope items (4.3)");
    app.send("n");
    app.wait_for("Add a scope item");
}

fn create_lager_koeln(app: &mut Session) {
    open_new_scope_item_form(app);
    app.send("Lager Köln"); // the form starts on the name
    app.send("\r");
    app.wait_for("Saved S-001");
}

fn assert_only_lager_koeln(ws: &Workspace) {
    let items = ws.scope_items();
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["ref"], "S-001", "{items:#?}");
    assert_eq!(items[0]["name"], "Lager Köln", "{items:#?}");
}

#[test]
fn creates_a_scope_item_by_keystrokes_and_it_is_in_the_file_after_quitting() {
    let ws = Workspace::new();
    let mut app = Session::open(&ws, &[]);
    create_lager_koeln(&mut app);
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());
    app.assert_terminal_restored();
    assert_only_lager_koeln(&ws);
}

#[test]
fn a_saved_edit_survives_kill_9() {
    let ws = Workspace::new();
    let mut app = Session::open(&ws, &[]);
    create_lager_koeln(&mut app);
    // SIGKILL, which cannot be caught; portable-pty's `kill` would start with SIGHUP.
    let pid = app.child.process_id().unwrap().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-9", &pid])
        .status();
    assert!(kill.unwrap().success(), "kill -9 {pid} failed");
    let status = app.wait_exit();
    assert!(
        status.signal().is_some(),
        "not killed by a signal: {status}"
    );

    assert_only_lager_koeln(&ws);
    let info = ws.run(&["info", ws.path()]);
    let items = info.lines().find(|l| l.starts_with("Scope items:"));
    assert_eq!(
        items.and_then(|l| l.split_whitespace().last()),
        Some("1"),
        "{info}"
    );
}

#[test]
fn a_panic_restores_the_terminal() {
    let ws = Workspace::new();
    let mut app = Session::open(&ws, &[(PANIC_VAR, "1")]);
    let status = app.wait_exit();
    assert!(!status.success(), "a panic should fail: {status}");
    app.assert_terminal_restored();
    let raw = app.raw();
    let message = format!("{PANIC_VAR} is set");
    let printed = raw
        .find(&message)
        .unwrap_or_else(|| panic!("no panic message: {raw:?}"));
    assert!(
        raw.find(LEAVE_ALT).unwrap() < printed,
        "printed on the alternate screen: {raw:?}"
    );
    assert!(app.screen().contains(&message), "{}", app.screen());
    assert!(
        raw.contains("Reporting a problem") && raw.contains("isms --version"),
        "says where to report it: {raw:?}"
    );
    assert_eq!(
        ws.scope_items(),
        Vec::<serde_json::Value>::new(),
        "the file opens"
    );
}

#[test]
fn ctrl_c_quits_from_inside_a_form() {
    let ws = Workspace::new();
    let mut app = Session::open(&ws, &[]);
    open_new_scope_item_form(&mut app);
    app.send("Halbfertig");
    app.wait_for("Halbfertig");
    app.send("\x03");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());
    app.assert_terminal_restored();
    assert_eq!(ws.scope_items(), Vec::<serde_json::Value>::new());
}

#[test]
fn a_missing_workspace_given_explicitly_fails_without_touching_the_terminal() {
    let ws = Workspace::new();
    let missing = ws.dir.path().join("nope.isms");
    let mut app = Session::spawn(&ws, &["--db", missing.to_str().unwrap()], &[]);
    let status = app.wait_exit();
    assert!(!status.success(), "exit: {status}");
    assert!(app.screen().contains("no such file"), "{}", app.screen());
    assert!(!app.raw().contains(ENTER_ALT), "{:?}", app.raw());
    app.assert_modes_unchanged();
    assert!(!missing.exists(), "the missing file was created");
}

#[test]
fn a_workshop_rates_and_records_assets_by_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace {
        file: dir.path().join("n.isms"),
        dir,
    };
    ws.run(&["demo", ws.path()]);
    // A relative path (the session runs in the workspace's directory) leaves the status line
    // room for whole messages at 100 columns.
    let mut app = Session::spawn(&ws, &["--db", "n.isms"], &[]);
    app.wait_for("1 Dashboard");
    app.send("4");
    app.wait_for("┌ Protection needs");

    // Rate the primary asset Invoicing (AS-011) across the row, then explain one cell.
    app.send("/Invoicing\r");
    app.wait_for(" 1 of 30 ");
    app.send("++");
    app.wait_for("Saved Confidentiality high for AS-011 Invoicing.");
    app.send("\x1b[C+++");
    app.wait_for("Saved Integrity very high for AS-011 Invoicing.");
    app.send("\x1b[C+");
    app.wait_for("Saved Availability normal for AS-011 Invoicing.");
    app.send("r");
    app.wait_for("Give the rationale for AS-011 Invoicing: Availability");
    app.send("Invoices carry bank details\x13");
    app.wait_for("Saved the availability rationale for AS-011 Invoicing.");
    app.wait_for("Why: Invoices carry bank details");
    // Esc alone, so that it does not run into the next key as Alt-something.
    app.send("\x1b");
    app.poll("the filter to clear", |s| {
        !s.screen().contains("/Invoicing")
    });

    // Shift-Tab goes back to the Assets screen.
    app.send("\x1b[Z");
    app.wait_for("┌ Assets ");
    app.send("n");
    app.wait_for("Add an asset");
    app.send("Workshop laptop\th\r"); // the kind's list, searched, and Enter picks
    app.wait_for("◂ Hardware ▸");
    app.send("\x13");
    app.wait_for("Saved AS-031 Workshop laptop.");

    // A supporting asset: its rating is an override that needs a justification.
    app.send("4");
    app.wait_for("┌ Protection needs");
    app.send("/Workshop\r");
    app.wait_for(" 1 of 31 ");
    app.send("\x1b[D\x1b[D+"); // back to the Confidentiality column
    app.wait_for("Override the inherited need of AS-031 Workshop laptop: Confidentiality normal");
    app.send("\x13");
    app.wait_for("an override needs a justification");
    app.send("Holds exported customer lists during workshops\x13");
    app.wait_for("Saved Confidentiality normal for AS-031 Workshop laptop.");
    // Justified once, the override is raised like any rating.
    app.send("++");
    app.wait_for("Saved Confidentiality very high for AS-031 Workshop laptop.");
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());
    app.assert_terminal_restored();

    let json = ws.run(&["--db", ws.path(), "list", "assets", "--format", "json"]);
    let assets: Vec<serde_json::Value> =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"));
    let asset = |r: &str| {
        assets
            .iter()
            .find(|a| a["ref"] == r)
            .unwrap_or_else(|| panic!("no {r}: {assets:#?}"))
    };
    let invoicing = asset("AS-011");
    for (objective, level) in [
        ("confidentiality", "high"),
        ("integrity", "very high"),
        ("availability", "normal"),
    ] {
        let need = &invoicing[objective];
        assert_eq!(need["own"], level, "{objective}: {invoicing:#}");
        assert_eq!(need["source"], "own", "{objective}: {invoicing:#}");
    }
    let laptop = asset("AS-031");
    assert_eq!(laptop["name"], "Workshop laptop", "{laptop:#}");
    assert_eq!(laptop["kind"], "hardware", "{laptop:#}");
    let confidentiality = &laptop["confidentiality"];
    assert_eq!(confidentiality["source"], "override", "{laptop:#}");
    assert_eq!(confidentiality["effective"], "very high", "{laptop:#}");

    // The demo's 35 needs and the four set here: no stray key rated anything else.
    let info = ws.run(&["--db", ws.path(), "info"]);
    let needs = info.lines().find(|l| l.starts_with("Protection needs:"));
    assert_eq!(
        needs.and_then(|l| l.split_whitespace().last()),
        Some("39"),
        "{info}"
    );
}

#[test]
fn a_second_window_is_told_who_holds_the_file_and_opens_it_read_only() {
    let ws = Workspace::new();
    // The machine is named from the system, not from a variable anyone can set.
    let mut first = Session::open(&ws, &[("HOSTNAME", "not-this-machine")]);
    first.wait_for("1 Dashboard");
    let pid = first.child.process_id().unwrap();
    let mut second = Session::open(&ws, &[]);
    second.wait_for("Open it read-only instead? [y/N]");
    assert!(
        second
            .screen()
            .contains(&format!("process {pid} of tester")),
        "{}",
        second.screen()
    );
    assert!(
        !second.screen().contains("not-this-machine"),
        "{}",
        second.screen()
    );
    if let Ok(machine) = std::fs::read_to_string("/proc/sys/kernel/hostname") {
        let on = format!("on {}", machine.trim());
        assert!(second.screen().contains(&on), "{on}: {}", second.screen());
    }
    second.send("y\r");
    second.wait_for("Opened read-only");

    // The first window goes on saving; the second cannot write.
    create_lager_koeln(&mut first);
    second.send("2");
    second.send("\x1b[C");
    second.wait_for("Scope items (4.3)");
    second.send("n");
    second.wait_for("nothing can be added, changed or deleted");
    second.send("q");
    assert!(second.wait_exit().success(), "{}", second.screen());
    first.send("q");
    assert!(first.wait_exit().success(), "{}", first.screen());
    assert_only_lager_koeln(&ws);
}

#[test]
fn a_write_error_while_saving_keeps_the_form_open_and_the_file_whole() {
    let ws = Workspace::new();
    // No file may grow past 40 KiB (bash counts in KiB): a few small edits fit in the journal,
    // a long one does not.
    // The app is started by a relative name so that the status line has room for the message.
    let mut app = Session::spawn_in_shell(
        &ws,
        "trap '' XFSZ; ulimit -f 40; exec \"$ISMS_BIN\" --db acme.isms",
    );
    create_lager_koeln(&mut app);
    app.send("n");
    app.wait_for("Add a scope item");
    app.send("Zweites Lager\t\t\t\t");
    let long = "Begründung ".repeat(1700);
    app.send(&format!("\x1b[200~{long}\x1b[201~"));
    app.wait_for("Begründung Begründung");
    app.send("\x13");
    app.wait_for("could not write");
    assert!(
        app.screen().contains("Add a scope item"),
        "{}",
        app.screen()
    );
    assert!(app.screen().contains("Zweites Lager"), "{}", app.screen());
    app.send("\x1b");
    app.wait_for("Discard");
    app.send("y");
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());

    let conn = rusqlite::Connection::open(&ws.file).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    assert_only_lager_koeln(&ws);
}

#[test]
fn isms_opens_the_last_workspace_and_o_switches_to_another() {
    let ws = Workspace::new();
    let demo = ws.dir.path().join("demo.isms");
    ws.run(&["demo", demo.to_str().unwrap()]);
    // No argument: the workspace opened last, the demo.
    let mut app = Session::spawn(&ws, &[], &[]);
    app.wait_for("Nordwind Logistik GmbH · demo.isms");
    app.send("o");
    app.wait_for("Open a workspace");
    app.send("acme");
    app.wait_for("/acme");
    app.send("\r");
    app.wait_for("Acme GmbH · acme.isms");
    app.send("q");
    assert!(app.wait_exit().success(), "{}", app.screen());
    let listed = ws.run(&["ls"]);
    let first = listed.lines().nth(1).unwrap_or_default();
    assert!(first.starts_with("Acme GmbH"), "{listed}");
}

#[test]
fn isms_open_shows_the_picker_and_esc_quits() {
    let ws = Workspace::new();
    let mut app = Session::spawn(&ws, &["open"], &[]);
    app.wait_for("Open a workspace");
    app.wait_for("Acme GmbH");
    app.send("\x1b");
    assert!(app.wait_exit().success(), "{}", app.screen());
    app.assert_terminal_restored();
    let mut app = Session::spawn(&ws, &["open"], &[]);
    app.wait_for("Open a workspace");
    app.send("\r");
    app.wait_for("Acme GmbH · acme.isms");
    app.send("q");
    assert!(app.wait_exit().success(), "{}", app.screen());
}
