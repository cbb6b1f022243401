//! The yearly cycle from the command line: `isms cycle close` and `status`, `isms diff` as
//! text, JSON and Markdown, and baselines and the open cycle's marks through the workspace
//! JSON.

mod common;

use chrono::NaiveDate;
use common::Sandbox;
use isms::domain::methodology::Rating;
use isms::store::Store;
use serde_json::Value;

fn day(iso: &str) -> NaiveDate {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap()
}

/// R-007 re-rated and saved, AS-028 renamed, R-020 deleted: one of each kind of change.
fn change_the_demo(path: &std::path::Path) {
    let mut store = Store::open(path).unwrap();
    store.set_clock(isms::Clock::Fixed(day("2026-03-31")));
    let m = store.methodology().unwrap();
    let risks = store.risks().unwrap();
    let mut r7 = risks.iter().find(|r| r.number == 7).unwrap().clone();
    r7.residual = Some(Rating {
        likelihood: 1,
        impact: 2,
    });
    let r20 = risks.iter().find(|r| r.number == 20).unwrap().id;
    let mut nas = store
        .assets()
        .unwrap()
        .into_iter()
        .find(|a| a.number == 28)
        .unwrap();
    nas.name = "Backup NAS (Bremen)".into();
    store
        .edit(|w| {
            w.save_risk(r7, &m, day("2026-03-31"), true)?;
            w.delete_risk(r20)?;
            w.update_asset(nas)?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn closing_a_cycle_then_changing_the_isms_shows_in_status_and_diff() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    // A new workspace has no cycle closed yet.
    let new = sb.path("new.isms");
    let n = new.to_str().unwrap();
    sb.run(&["new", n, "--org", "Acme GmbH"]).success();
    assert!(
        sb.run(&["cycle", "status", n])
            .success()
            .stdout()
            .starts_with("No cycle closed yet")
    );
    sb.run(&["--db", n, "diff"])
        .fails_with("baseline: none to compare with yet");
    // The demo's last cycle was closed a year ago, and everything it marked is re-assessed.
    assert_eq!(
        sb.run(&["cycle", "status", f]).success().stdout(),
        "Cycle opened by closing 2025 on 2025-03-10.\n  risks: 19 of 19 re-assessed, 0 to do\n  \
         assets' protection needs: 11 of 11 re-assessed, 0 to do\n"
    );
    let closed = sb.run(&["cycle", "close", f, "--name", "2026"]);
    assert_eq!(
        closed.success().stdout(),
        "Closed the cycle 2026 on 2026-03-31: the baseline keeps 205 items. The next cycle \
         re-assesses 20 risks and the protection needs of 11 assets.\n"
    );
    sb.run(&["cycle", "close", f, "--name", "2026"])
        .fails_with("name: a baseline named '2026' exists already");
    change_the_demo(&file);
    let status = sb.run(&["cycle", "status", f]);
    assert_eq!(
        status.success().stdout(),
        "Cycle opened by closing 2026 on 2026-03-31.\n  risks: 2 of 20 re-assessed, 18 to do\n  \
         assets' protection needs: 0 of 11 re-assessed, 11 to do\n"
    );
    let text = sb.run(&["--db", f, "diff"]);
    insta::assert_snapshot!("diff_demo_text", text.success().stdout());
    let md = sb.run(&["--db", f, "diff", "2026", "now", "--format", "md"]);
    insta::assert_snapshot!("diff_demo_md", md.success().stdout());
    let json: Value =
        serde_json::from_str(&sb.run(&["--db", f, "diff", "--format", "json"]).stdout()).unwrap();
    let changes = json["changes"].as_array().unwrap();
    let kinds: Vec<(&str, &str, &str)> = changes
        .iter()
        .map(|c| {
            (
                c["part"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
                c["ref"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(kinds.contains(&("risks", "changed", "R-007")), "{kinds:?}");
    assert!(kinds.contains(&("risks", "removed", "R-020")), "{kinds:?}");
    assert!(
        kinds.contains(&("assets", "changed", "AS-028")),
        "{kinds:?}"
    );
    sb.run(&["--db", f, "diff", "2024"])
        .fails_with("baseline: no baseline '2024'; the baselines are 2025, 2026");
    sb.run(&["--db", f, "diff", "--format", "pdf"])
        .fails_with("--format: 'pdf' is not known; expected text, json or md");
}

#[test]
fn baselines_and_the_open_cycle_travel_through_the_workspace_json() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    sb.run(&["cycle", "close", f, "--name", "2026"]).success();
    change_the_demo(&file);
    let json = sb.path("ws.json");
    sb.run(&[
        "--db",
        f,
        "export",
        "workspace",
        "-o",
        json.to_str().unwrap(),
    ])
    .success();
    let copy = sb.path("copy.isms");
    sb.run(&[
        "import",
        "workspace",
        json.to_str().unwrap(),
        "-o",
        copy.to_str().unwrap(),
    ])
    .success();
    let c = copy.to_str().unwrap();
    for args in [vec!["cycle", "status"], vec!["diff"]] {
        let run = |file: &str| {
            let mut full: Vec<&str> = vec!["--db", file];
            full.extend(args.iter().copied());
            if args[0] == "cycle" {
                full = vec![args[0], args[1], file];
            }
            sb.run(&full).success().stdout()
        };
        assert_eq!(run(f), run(c), "{args:?}");
    }
}

#[test]
fn export_diff_writes_last_years_changes_for_the_client() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    let dir = sb.path("out");
    std::fs::create_dir(&dir).unwrap();
    let d = dir.to_str().unwrap();
    let written = sb.run(&["--db", f, "export", "diff", "-o", d, "--format", "md"]);
    let path = dir.join("diff-2025-now.md");
    assert_eq!(written.success().stdout(), format!("{}\n", path.display()));
    insta::assert_snapshot!("export_diff_md", std::fs::read_to_string(&path).unwrap());
    sb.run(&["--db", f, "export", "diff", "-o", d, "--format", "csv"])
        .fails_with("diff cannot be exported as csv");
    sb.run(&[
        "--db", f, "export", "diff", "-o", d, "--format", "md", "--from", "2024", "--force",
    ])
    .fails_with("baseline: no baseline '2024'; the baselines are 2025");
    sb.run(&[
        "--db", f, "export", "soa", "-o", d, "--format", "md", "--from", "2025",
    ])
    .fails_with("--from and --to: only a diff compares baselines");
}
