//! The consultant's workshop, end to end: the real binary in a pseudo-terminal, a workshop with
//! attendees, ten ratings, an asset added in the room and a question noted and answered; then
//! the minutes exported on the command line read as a snapshot, and the list of workshops names
//! the one just held with its attendees.

#[path = "common/pty.rs"]
mod pty;

use pty::{Session, Workspace};

/// Types `text` and waits until the screen shows it.
fn type_in(app: &mut Session, text: &str) {
    app.send(text);
    app.wait_for(text);
}

/// Waits until the workshop shows the asset headed `heading` with `line` (an objective's level).
fn shows(app: &mut Session, heading: &str, line: &str) {
    app.poll(&format!("{heading} with {line}"), |s| {
        let screen = s.screen();
        screen.contains(heading) && screen.contains(line)
    });
}

#[test]
fn a_workshop_is_held_by_keyboard_and_its_minutes_handed_over() {
    let ws = Workspace::new();
    let sheet = ws.dir.path().join("assets.csv");
    std::fs::write(
        &sheet,
        "Asset,Kind\nCustomer data,Information\nPayroll data,Information\n\
         Contracts,Information\nPrice list,Information\n",
    )
    .unwrap();
    ws.run(&[
        "--db",
        ws.path(),
        "import",
        "assets",
        sheet.to_str().unwrap(),
    ]);

    let mut app = Session::open(&ws, &[]);
    app.wait_for("1 Dashboard");
    app.send("4");
    app.wait_for("AS-001  Customer data");

    // Started with a title proposed and the people in the room.
    app.send("w");
    app.wait_for("Start a rating workshop");
    app.wait_for("Protection needs workshop 2026-03-31");
    app.send("\t");
    type_in(&mut app, "Anna Weber, Jonas Klein");
    app.send("\r");
    app.wait_for("W-001 started");

    // Ten ratings, one key each; Enter moves to the next asset.
    app.send("322");
    shows(&mut app, "│AS-001 Customer data", "Availability      high");
    app.send("\r331");
    shows(&mut app, "│AS-002 Payroll data", "Availability      normal");
    app.send("\r221");
    shows(&mut app, "│AS-003 Contracts", "Availability      normal");
    app.send("\r1");
    shows(&mut app, "│AS-004 Price list", "Confidentiality   normal");

    // An asset named in the room is added at once; the room stays on the price list.
    app.send("a");
    app.wait_for("Add an asset named in the room");
    type_in(&mut app, "Whiteboard photos");
    app.send("\x13");
    app.wait_for("Added AS-005 Whiteboard photos.");

    // A question the room cannot answer yet, then its answer when it comes.
    app.send("o");
    app.wait_for("Note an open question on AS-004 Price list");
    type_in(&mut app, "Who may change the prices?");
    app.send("\r");
    app.wait_for("Saved Q-001 on AS-004 Price list");
    app.send("c");
    app.wait_for("Answer an open question");
    type_in(&mut app, "Sales, with the CFO's sign-off.");
    app.send("\t");
    type_in(&mut app, "Jonas Klein");
    app.send("\r");
    app.wait_for("Answered Q-001 (by Jonas Klein)");

    // Ending shows the minutes, which stay until closed.
    app.send("q");
    app.wait_for("Minutes of W-001");
    app.wait_for("Ratings changed: 10");
    app.wait_for("Attendees: Anna Weber, Jonas Klein");
    // Esc alone, so that it does not run into the next key as Alt-something.
    app.send("\x1b");
    app.poll("the minutes to close", |s| {
        !s.screen().contains("Minutes of")
    });
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());
    app.assert_terminal_restored();

    let minutes = ws.dir.path().join("minutes.md");
    ws.run(&[
        "--db",
        ws.path(),
        "export",
        "minutes",
        "--format",
        "md",
        "-o",
        minutes.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&minutes).unwrap();
    insta::assert_snapshot!("workshop_minutes_md", text);

    let json = ws.run(&["--db", ws.path(), "list", "workshops", "--format", "json"]);
    let workshops: Vec<serde_json::Value> =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"));
    assert_eq!(workshops.len(), 1, "{json}");
    assert_eq!(workshops[0]["ref"], "W-001", "{json}");
    assert_eq!(
        workshops[0]["attendees"],
        serde_json::json!(["Anna Weber", "Jonas Klein"]),
        "{json}"
    );
}
