//! One clock: today is read where the app or a command starts and handed down. No module below
//! those edges reads the system clock or `ISMS_TODAY`; the change log, the writer's lock note,
//! the list of known workspaces and the screens built in the background all follow the clock
//! the edge handed over.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::{Sandbox, rust_files, workdir};
use isms::clock::Clock;
use isms::domain::scope::{ScopeItem, ScopeItemKind};
use isms::store::Store;

/// The files that may read the clock: the clock itself, the command line, and the app's start.
const EDGES: [&str; 4] = ["clock.rs", "main.rs", "commands.rs", "ui/mod.rs"];

/// What reads the calendar or its override, written as the code would call it.
const READS: [&str; 8] = [
    "Local::now",
    "Utc::now",
    "SystemTime::now",
    "ISMS_TODAY",
    "TODAY_VAR",
    "clock::today()",
    "Clock::at_start",
    "fix_today_for_this_thread",
];

fn is_edge(relative: &str) -> bool {
    EDGES.contains(&relative) || relative.starts_with("commands/")
}

/// Lines of `source` (comments aside) that read the clock, as "line: text".
fn clock_reads(source: &str) -> Vec<String> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| READS.iter().any(|r| line.contains(r)))
        .map(|(n, line)| format!("{}: {}", n + 1, line.trim()))
        .collect()
}

#[test]
fn the_scan_sees_a_clock_read_and_ignores_a_comment() {
    assert_eq!(
        clock_reads("/// set ISMS_TODAY\nlet t = chrono::Local::now();\n"),
        ["2: let t = chrono::Local::now();"]
    );
    assert_eq!(clock_reads("let t = crate::clock::today();").len(), 1);
    assert!(clock_reads("let t = store.today();").is_empty());
}

#[test]
fn no_module_below_the_edges_reads_the_clock() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "the scan must see the sources");
    let mut offending = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if is_edge(&relative) {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for read in clock_reads(&source) {
            offending.push(format!("src/{relative}:{read}"));
        }
    }
    assert!(
        offending.is_empty(),
        "read today at the edge and hand it down (Store::today, Ctx.today):\n{}",
        offending.join("\n")
    );
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_change_log_is_stamped_by_the_clock_the_store_was_handed() {
    let dir = workdir();
    let path = dir.path().join("t.isms");
    let clock = Clock::Fixed(day("2031-06-01"));
    let mut store = Store::create_with_clock(&path, "Acme GmbH", None, clock).unwrap();
    assert_eq!(store.today(), day("2031-06-01"));
    store
        .edit(|w| w.insert_scope_item(ScopeItem::new(ScopeItemKind::Location, "HQ")))
        .unwrap();
    store.set_clock(Clock::Fixed(day("2031-06-02")));
    store.edit(|w| w.set_organisation("Acme Group")).unwrap();
    let stamps: Vec<String> = store.changes().unwrap().into_iter().map(|c| c.at).collect();
    assert!(stamps.len() >= 2, "{stamps:?}");
    assert_eq!(stamps[stamps.len() - 2], "2031-06-01T00:00:00");
    assert_eq!(stamps[stamps.len() - 1], "2031-06-02T00:00:00");
    // Readers opened beside the handle (the screens built in the background) share its day.
    let reader = store.read_access();
    assert_eq!(reader.today(), day("2031-06-02"));
    assert_eq!(reader.open().unwrap().today(), day("2031-06-02"));
}

#[test]
fn a_workspace_opened_on_a_clock_notes_its_lock_by_that_clock() {
    let dir = workdir();
    let path = dir.path().join("t.isms");
    drop(Store::create(&path, "Acme GmbH").unwrap());
    let clock = Clock::Fixed(day("2031-06-01"));
    let store = Store::open_with_clock(&path, false, None, clock).unwrap();
    assert_eq!(store.clock(), clock);
    let note = std::fs::read_to_string(format!("{}.lock", path.canonicalize().unwrap().display()))
        .unwrap();
    assert!(note.contains("since=2031-06-01 00:00\n"), "{note}");
}

#[test]
fn the_app_started_on_a_fixed_day_writes_that_day_into_the_log() {
    let dir = workdir();
    let path = dir.path().join("t.isms");
    drop(Store::create(&path, "Acme GmbH").unwrap());
    // The day is fixed for this thread before the app starts: its edge reads it once.
    isms::clock::fix_today_for_this_thread(Some(day("2031-06-01")));
    isms::store::fix_user_for_this_thread(Some("tester"));
    let app = isms::ui::App::start(&path, true, false).unwrap();
    // Moving this thread's day afterwards changes nothing for the app already started.
    isms::clock::fix_today_for_this_thread(Some(day("2031-07-01")));
    let isms::ui::App::Workspace(shell) = &app else {
        panic!("the workspace should open");
    };
    assert_eq!(shell.clock(), Clock::Fixed(day("2031-06-01")));
    assert_eq!(shell.session().today(), day("2031-06-01"));
    isms::clock::fix_today_for_this_thread(None);
}

#[test]
fn the_binary_stamps_its_edits_with_isms_today() {
    let sb = Sandbox::new();
    let file = sb.path("acme.isms");
    let f = file.to_str().unwrap();
    sb.run(&["demo", f]).success();
    let text = sb.run(&["log", f]).success().stdout();
    assert!(
        !text.trim().is_empty(),
        "the new workspace should have a log"
    );
    // Each change is one line; the fields it changed follow indented.
    for line in text.lines().filter(|l| !l.starts_with(' ')) {
        assert!(line.starts_with("2026-03-31 00:00:00  "), "{text}");
    }
}

#[test]
fn a_workspace_switched_to_keeps_the_apps_day_and_the_list_remembers_it_by_that_day() {
    use ratatui::crossterm::event::KeyCode;
    let dir = workdir();
    let acme = dir.path().join("acme.isms");
    let beta = dir.path().join("beta.isms");
    drop(Store::create(&acme, "Acme GmbH").unwrap());
    drop(Store::create(&beta, "Beta AG").unwrap());
    let registry = dir.path().join("workspaces.json");
    let mut list = isms::registry::Registry::default();
    list.remember(&beta, "Beta AG", "2026-03-30T16:45:00");
    list.save(&registry).unwrap();
    let mut app = common::start_on(&acme);
    if let isms::ui::App::Workspace(shell) = &mut app {
        shell.set_today(day("2031-06-01"));
    }
    app.set_registry(Some(registry.clone()));
    common::press(&mut app, KeyCode::Char('o'));
    common::type_text(&mut app, "beta");
    common::press(&mut app, KeyCode::Enter);
    let isms::ui::App::Workspace(shell) = &app else {
        panic!("a workspace is open")
    };
    assert_eq!(shell.session().path(), beta.as_path());
    assert_eq!(shell.clock(), Clock::Fixed(day("2031-06-01")));
    let (list, _) = isms::registry::Registry::load(&registry);
    let stamps: Vec<&str> = list
        .workspaces
        .iter()
        .map(|w| w.last_opened.as_str())
        .collect();
    assert_eq!(stamps[0], "2031-06-01T00:00:00", "{stamps:?}");
}
