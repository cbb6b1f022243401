//! Every bad input the other tests try, in one place: the exit code and what stderr says, so
//! that the messages keep one shape (`isms: <what failed>: <why>`, then the fix where there is
//! one), none is printed twice and no library's own words leak through.

mod common;

use common::Sandbox;

const PASS: &str = "correct horse battery";

/// The environment one case runs with, on top of the sandbox's.
type Env<'a> = &'a [(&'a str, &'a str)];

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The transcript of one failing run: the command (paths shortened), its exit code, its stderr.
fn transcript(sb: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = sb.command(args);
    cmd.envs(env.iter().copied());
    let run = common::Run(cmd.output().unwrap());
    assert_ne!(run.code(), Some(0), "isms {args:?} should fail");
    assert_eq!(
        run.stdout(),
        "",
        "isms {args:?} printed to stdout on failure"
    );
    let dir = sb.dir.path().to_str().unwrap();
    let masked = |s: &str| {
        s.replace(dir, "<dir>")
            .replace(env!("CARGO_MANIFEST_DIR"), "<repo>")
    };
    let shown: Vec<String> = args.iter().map(|a| masked(a)).collect();
    format!(
        "$ isms {}\nexit {}\n{}\n",
        shown.join(" "),
        run.code().map_or("signal".into(), |c| c.to_string()),
        masked(run.stderr().trim_end())
    )
}

#[test]
fn the_messages_of_every_bad_input() {
    let sb = Sandbox::new();
    // Leaked: a test's handful of paths, borrowed by the table of cases below.
    let p = |name: &str| -> &'static str { sb.path(name).to_str().unwrap().to_string().leak() };
    let (demo, acme, enc, notes, empty, folder, future, taken, out) = (
        p("demo.isms"),
        p("acme.isms"),
        p("enc.isms"),
        p("notes.isms"),
        p("empty.isms"),
        p("folder.isms"),
        p("future.isms"),
        p("taken.isms"),
        p("out"),
    );
    sb.run(&["demo", demo]).success();
    sb.run(&["new", acme, "--org", "Acme GmbH"]).success();
    let mut new_enc = sb.command(&["new", enc, "--org", "Acme GmbH", "--encrypt"]);
    common::Run(new_enc.env("ISMS_PASSPHRASE", PASS).output().unwrap()).success();
    std::fs::write(notes, "Meeting notes: not a database, but long enough to have a header of a hundred bytes, which it needs.").unwrap();
    std::fs::write(empty, "").unwrap();
    std::fs::create_dir(folder).unwrap();
    std::fs::create_dir(out).unwrap();
    std::fs::write(taken, "my notes").unwrap();
    std::fs::copy(acme, future).unwrap();
    {
        let conn = rusqlite::Connection::open(future).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    sb.run(&["cycle", "close", demo, "--name", "2026"])
        .success();
    // A row another tool wrote: an asset kind this version does not know.
    let foreign = p("foreign.isms");
    std::fs::copy(demo, foreign).unwrap();
    {
        let conn = rusqlite::Connection::open(foreign).unwrap();
        conn.execute("UPDATE assets SET kind = 'spaceship' WHERE number = 3", [])
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let missing = p("nope.isms");
    let json = p("demo.json");
    sb.run(&["--db", demo, "export", "workspace", "-o", json])
        .success();
    // A workspace document edited by hand: a name with a bidi override, a measurement of an
    // objective the document does not hold.
    let forged = |name: &str, edit: &dyn Fn(&mut serde_json::Value)| -> &'static str {
        let mut doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
        edit(&mut doc);
        let path = p(name);
        std::fs::write(path, doc.to_string()).unwrap();
        path
    };
    let bidi = forged("bidi.json", &|doc| {
        doc["assets"][0]["name"] = "Invoice\u{202E}fdp.exe".into();
    });
    let orphan = forged("orphan.json", &|doc| {
        doc["measurements"][0]["objective"] = serde_json::json!(999);
    });
    let csv_file = p("soa.csv");
    let bare = p("noext");
    let (bad_assets, bad_risks, wrong_header) = (
        fixture("assets_bad.csv"),
        fixture("risks_bad.csv"),
        fixture("risks_wrong_header.csv"),
    );
    let no_pass: Env = &[];
    let cases: Vec<(Vec<&str>, Env)> = vec![
        // Files that are not (readable) workspaces.
        (vec!["info", missing], no_pass),
        (vec!["--db", missing, "list", "assets"], no_pass),
        (vec!["info", notes], no_pass),
        (vec!["--db", notes, "list", "risks"], no_pass),
        (vec!["info", empty], no_pass),
        (vec!["info", folder], no_pass),
        (vec!["info", future], no_pass),
        (vec!["check", missing], no_pass),
        (vec!["--db", foreign, "list", "assets"], no_pass),
        // Creating.
        (vec!["new", acme, "--org", "Other AG"], no_pass),
        (vec!["new", p("x.isms"), "--org", "   "], no_pass),
        (vec!["new", "--org", "!!!"], no_pass),
        (vec!["new", folder, "--org", "X"], no_pass),
        (vec!["demo", p("zero.isms"), "--scale", "0"], no_pass),
        // Encryption.
        (
            vec!["new", p("e2.isms"), "--org", "A", "--encrypt"],
            no_pass,
        ),
        (
            vec!["new", p("e3.isms"), "--org", "A", "--encrypt"],
            &[("ISMS_PASSPHRASE", "too short")],
        ),
        (vec!["info", enc], no_pass),
        (
            vec!["info", enc],
            &[("ISMS_PASSPHRASE", "not the passphrase")],
        ),
        (vec!["decrypt", acme], no_pass),
        (vec!["encrypt", enc], &[("ISMS_PASSPHRASE", PASS)]),
        (vec!["rekey", enc], &[("ISMS_PASSPHRASE", PASS)]),
        // Listing and the log.
        (vec!["--db", acme, "list", "vendors"], no_pass),
        (
            vec!["--db", acme, "list", "soa", "--format", "pdf"],
            no_pass,
        ),
        (vec!["due", acme, "--format", "pdf"], no_pass),
        (vec!["log", acme, "--since", "31/03/2026"], no_pass),
        (vec!["log", acme, "--since", "2026-03-31 2pm"], no_pass),
        (vec!["log", acme, "--workshop", "W-009"], no_pass),
        (vec!["--theme", "purple", "info", acme], no_pass),
        // The yearly cycle.
        (vec!["--db", acme, "diff"], no_pass),
        (vec!["cycle", "close", demo, "--name", "2026"], no_pass),
        (vec!["--db", demo, "diff", "2024"], no_pass),
        (vec!["--db", demo, "diff", "--format", "pdf"], no_pass),
        (
            vec!["--read-only", "cycle", "close", demo, "--name", "2027"],
            no_pass,
        ),
        // Exports.
        (
            vec![
                "--db",
                demo,
                "export",
                "workspace",
                "--format",
                "xlsx",
                "-o",
                out,
            ],
            no_pass,
        ),
        (
            vec!["--db", demo, "export", "soa", "--format", "pdf", "-o", out],
            no_pass,
        ),
        (
            vec![
                "--db", demo, "export", "vendors", "--format", "csv", "-o", out,
            ],
            no_pass,
        ),
        (
            vec![
                "--db", demo, "export", "report", "--format", "csv", "-o", csv_file,
            ],
            no_pass,
        ),
        (vec!["--db", demo, "export", "soa", "-o", bare], no_pass),
        (vec!["--db", demo, "export", "soa", "-o", taken], no_pass),
        (
            vec!["--db", demo, "export", "soa", "-o", p("no/such/dir/soa.md")],
            no_pass,
        ),
        (
            vec![
                "--db", demo, "export", "audit", "--audit", "AU-009", "--format", "md", "-o", out,
            ],
            no_pass,
        ),
        (
            vec![
                "--db", demo, "export", "audit", "--audit", "W-001", "-o", out,
            ],
            no_pass,
        ),
        (
            vec![
                "--db", demo, "export", "risks", "--audit", "AU-001", "-o", out,
            ],
            no_pass,
        ),
        (
            vec!["--db", acme, "export", "audit", "--format", "md", "-o", out],
            no_pass,
        ),
        (
            vec!["--db", demo, "export", "soa", "--from", "2025", "-o", out],
            no_pass,
        ),
        // Imports.
        (vec!["--db", acme, "import", "vendors", &bad_risks], no_pass),
        (vec!["--db", acme, "import", "risks", &bad_risks], no_pass),
        (
            vec!["--db", acme, "import", "risks", &wrong_header],
            no_pass,
        ),
        (vec!["--db", acme, "import", "assets", &bad_assets], no_pass),
        (vec!["--db", acme, "import", "risks", missing], no_pass),
        (vec!["import", "workspace", json, "-o", acme], no_pass),
        (
            vec!["import", "workspace", notes, "-o", p("n.isms")],
            no_pass,
        ),
        (
            vec!["import", "workspace", bidi, "-o", p("b.isms")],
            no_pass,
        ),
        (
            vec!["import", "workspace", orphan, "-o", p("o.isms")],
            no_pass,
        ),
        // Backups and the list of known workspaces.
        (vec!["backup", demo, taken], no_pass),
        (vec!["backup", notes, p("other.isms")], no_pass),
        (vec!["ls", "--forget", p("never.isms")], no_pass),
        (vec!["open"], no_pass),
        (vec!["--db", demo], no_pass),
        // The command line itself (clap's own words; exit code 2).
        (vec!["frobnicate"], no_pass),
        (vec!["new"], no_pass),
    ];
    let all: Vec<String> = cases
        .iter()
        .map(|(args, env)| transcript(&sb, args, env))
        .collect();
    insta::assert_snapshot!("errors", all.join("\n"));
}
