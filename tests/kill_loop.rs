//! `kill -9` at random moments while the app saves edits in a loop, through a pseudo-terminal.
//! After each kill the file passes SQLite's integrity check and holds every edit the app
//! reported as saved. An edit whose report was still on its way when the kill came may be in
//! the file too, whole; nothing else is, and nothing is half written.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::collections::BTreeSet;
use std::time::Duration;

use common::Dice;
use pty::{Session, Workspace};

/// Kills in one run; each round saves one to four edits and kills during the last.
const ROUNDS: u32 = 10;

fn integrity(ws: &Workspace) -> String {
    let conn = rusqlite::Connection::open(&ws.file).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// The scope items in the file: (name, kind, justification) of each.
fn items(ws: &Workspace) -> Vec<(String, String, String)> {
    ws.scope_items()
        .into_iter()
        .map(|i| {
            let text = |k: &str| i[k].as_str().unwrap_or_default().to_string();
            (text("name"), text("kind"), text("justification"))
        })
        .collect()
}

#[test]
fn kill_9_while_saving_loses_no_reported_edit_and_leaves_none_half_written() {
    let ws = Workspace::new();
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let mut saved: BTreeSet<String> = BTreeSet::new();
    let mut next = 0;
    for round in 0..ROUNDS {
        let mut app = Session::open(&ws, &[]);
        app.wait_for("1 Dashboard");
        app.send("2");
        app.send("\x1b[C");
        app.wait_for("Scope items (4.3)");
        let edits = 1 + dice.roll(4);
        let mut in_flight = None;
        for i in 0..edits {
            next += 1;
            let name = format!("K{next:03}");
            app.send("n");
            app.wait_for("Add a scope item");
            // Name, then past the kind and the two toggles to the justification, which makes
            // the row long.
            app.send(&format!("{name}\t\t\t\tJustified at length for {name}"));
            app.wait_for(&format!("Justified at length for {name}"));
            app.send("\x13"); // Ctrl-S
            if i + 1 == edits {
                std::thread::sleep(Duration::from_millis(dice.roll(25)));
                in_flight = Some(name);
                break;
            }
            app.poll(&format!("{name} reported saved"), |s| {
                s.screen().contains("Saved S-") && s.screen().contains(&format!("{name}."))
            });
            saved.insert(name);
        }
        app.kill_9();

        assert_eq!(integrity(&ws), "ok", "round {round}");
        let found = items(&ws);
        let names: BTreeSet<String> = found.iter().map(|(n, _, _)| n.clone()).collect();
        let lost: Vec<_> = saved.difference(&names).collect();
        assert!(
            lost.is_empty(),
            "round {round}: reported saved, not in the file: {lost:?}"
        );
        for (name, kind, justification) in &found {
            let expected = saved.contains(name) || in_flight.as_ref() == Some(name);
            assert!(expected, "round {round}: {name} was never saved");
            assert_eq!(kind, "location", "round {round}: {name} whole");
            assert_eq!(
                justification,
                &format!("Justified at length for {name}"),
                "round {round}: {name} whole"
            );
        }
        // The edit in flight counts from now on if it made it.
        saved = names;
    }
    assert!(saved.len() >= ROUNDS as usize, "{saved:?}");
}
