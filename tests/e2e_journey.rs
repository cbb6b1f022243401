//! The ISB's first day, end to end: the real binary in a pseudo-terminal on a fresh workspace,
//! driven by the keyboard only, from the scope (and the ISB in the people register) to an
//! exported Statement of Applicability, which is then read back with the XLSX reader.

#[path = "common/pty.rs"]
mod pty;

use calamine::{Reader, Xlsx, open_workbook};
use pty::{Session, Workspace};

/// Types `text` and waits until the screen shows it.
fn type_in(app: &mut Session, text: &str) {
    app.send(text);
    app.wait_for(text);
}

#[test]
fn from_the_scope_to_an_exported_soa_by_keyboard() {
    let ws = Workspace::new();
    let mut app = Session::open(&ws, &[]);
    app.wait_for("1 Dashboard");

    // The ISMS scope statement.
    app.send("2");
    app.wait_for("Statements");
    app.send("e");
    app.wait_for("Edit the ISMS scope");
    type_in(
        &mut app,
        "Acme GmbH develops and runs its booking platform.",
    );
    app.send("\x13"); // Ctrl-S
    app.wait_for("Saved");

    // An information asset: the form starts on its name.
    app.send("3");
    app.wait_for("Nothing here yet");
    app.send("n");
    app.wait_for("Add an asset");
    type_in(&mut app, "Customer bookings");
    app.send("\t\t"); // past the kind to the owner
    type_in(&mut app, "CEO");
    app.send("\x13");
    app.wait_for("Saved AS-001 Customer bookings.");

    // Its protection needs: confidentiality high, integrity very high, availability normal.
    app.send("4");
    app.wait_for("AS-001  Customer bookings");
    app.send("++");
    app.wait_for("Saved Confidentiality high for AS-001");
    app.send("\x1b[C+++");
    app.wait_for("Saved Integrity very high for AS-001");
    app.send("\x1b[C+");
    app.wait_for("Saved Availability normal for AS-001");

    // A risk from identification to a treated residual: each choice's list is searched by a
    // key and Enter takes what it found; the levels show as they are rated.
    app.send("5");
    app.wait_for("Risk register");
    app.send("n");
    app.wait_for("Add a risk");
    type_in(&mut app, "Ransomware on the office network");
    app.send("\t\t\t\t\t"); // assets, objectives, threat, vulnerability, owner
    type_in(&mut app, "CEO");
    app.send("\t4\r\t4\r");
    app.wait_for("critical: above the acceptance criteria");
    app.send("\tr\r\t2\r\t2\r"); // reduce, then residual 2 × 2
    app.wait_for("medium: within the acceptance criteria");
    app.send("\x13");
    app.wait_for("Saved R-001 Ransomware on the office network.");

    // The ISB in the people register: her role, not what a form says, lets her accept a
    // medium risk.
    app.send("9");
    app.wait_for("People (5.3)");
    app.send("n");
    app.wait_for("Add a person");
    type_in(&mut app, "Anna Weber");
    app.send("\x13");
    app.wait_for("Saved P-002 Anna Weber."); // the CEO is P-001, named as an owner
    app.send("r");
    app.wait_for("Add a role held");
    app.send("\tinfor\r"); // the role, searched
    app.wait_for("Information security officer");
    app.send("\x13");
    app.wait_for("Saved Anna Weber as Information security officer from 2026-03-31.");

    // Its residual risk accepted by the information security officer: the form names the
    // level and the authority, and proposes "valid until" one review period ahead.
    app.send("6");
    app.wait_for("Treatment plan");
    app.send("]");
    app.wait_for("Acceptances");
    app.send("n");
    app.wait_for("Add an acceptance");
    app.send(" "); // the risk's list
    app.wait_for("R-001 Ransomware on the office network");
    app.send("\r");
    app.wait_for("the information security officer or");
    app.wait_for("2027-03-31");
    app.send("\t");
    type_in(&mut app, "Anna Weber");
    app.send("\r"); // the person found
    app.wait_for("Information security officer, from the roles they hold");
    app.send("\x13");
    app.wait_for("Saved acceptance of R-001 by Anna Weber.");

    // An SoA exclusion with its justification, the field enabled once "not applicable".
    app.send("7");
    app.wait_for("Statement of Applicability");
    app.send("/Storage media\r");
    app.wait_for("1 of 93");
    app.send("e");
    app.wait_for("Edit A.7.10 Storage media");
    app.send("n\r");
    app.wait_for("Not applicable");
    app.send("\t\t\t");
    type_in(&mut app, "No removable media");
    app.send("\x13");
    app.wait_for("Saved A.7.10 Storage media.");
    app.send("\x1b"); // the filter
    app.wait_for("A.5.1 ");

    // Issuing a version names what is still undecided and asks first.
    app.send("]");
    app.wait_for("Custom controls and other sets");
    app.send("]");
    app.wait_for("i issue a version");
    app.send("i");
    app.wait_for("Issue SoA version 1");
    app.wait_for("Undecided");
    app.wait_for("Issue with these gaps");
    type_in(&mut app, "CEO");
    app.send("\t\ty\r\x13"); // past the note to "issue with these gaps": yes

    app.wait_for("Issued SoA version 1 approved by CEO. It leaves 92 controls undecided.");

    // The export the dialog proposes: named from the organisation, the version and the date,
    // in the folder the app was started from.
    app.send("x");
    app.wait_for("Export to files");
    app.wait_for("acme-soa-draft-after-v1-2026-03-31.xlsx");
    app.send("\x13");
    app.wait_for("Exported Statement of Applicability");
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit: {status}\n{}", app.screen());

    let file = ws
        .dir
        .path()
        .join("acme-soa-draft-after-v1-2026-03-31.xlsx");
    let mut book: Xlsx<_> = open_workbook(&file)
        .unwrap_or_else(|e| panic!("{}: {e}\n{}", file.display(), app.screen()));
    let cover = book.worksheet_range("Cover").unwrap();
    let cover_text: Vec<String> = cover.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cover_text.iter().any(|c| c == "CEO"), "{cover_text:?}");
    let soa = book.worksheet_range("SoA").unwrap();
    let row = soa
        .rows()
        .find(|r| r.iter().any(|c| *c == "A.7.10"))
        .expect("A.7.10 in the sheet");
    let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "Not applicable"), "{cells:?}");
    assert!(cells.iter().any(|c| c == "Excluded"), "{cells:?}");
    assert!(
        cells.iter().any(|c| c.contains("No removable media")),
        "{cells:?}"
    );

    // What the app saved, as the command line reads it.
    let risks = ws.run(&["--db", ws.path(), "list", "risks", "--format", "json"]);
    assert!(
        risks.contains("Ransomware on the office network"),
        "{risks}"
    );
    let assets = ws.run(&["--db", ws.path(), "list", "assets", "--format", "json"]);
    assert!(assets.contains("Customer bookings"), "{assets}");
}
