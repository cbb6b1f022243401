//! `isms due`, as a cron job would run it on the demo: what is overdue or falls due within the
//! window, oldest first, as text, JSON with its documented fields, and CSV; a bad format is a
//! one-line error.

mod common;

use common::Sandbox;
use serde_json::Value;

#[test]
fn the_demo_lists_its_overdue_items_oldest_first_and_the_month_ahead() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let out = sb.run(&["due", file.to_str().unwrap()]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    insta::assert_snapshot!("due_demo", out.stdout());
}

#[test]
fn json_has_the_documented_fields_and_the_window_widens_the_list() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    let out = sb.run(&["due", f, "--within", "0", "--format", "json"]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    let items: Value = serde_json::from_str(&out.stdout()).unwrap();
    let items = items.as_array().unwrap();
    // Only what is overdue on 2026-03-31: the demo's documented lapses.
    let refs: Vec<&str> = items.iter().map(|i| i["ref"].as_str().unwrap()).collect();
    assert_eq!(
        refs,
        ["R-014", "D-004", "P-014", "NC-002", "R-007", "T-010"]
    );
    let keys: Vec<&str> = items[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "due_on",
            "days_left",
            "state",
            "kind",
            "what",
            "ref",
            "title",
            "owner"
        ]
    );
    assert_eq!(items[3]["kind"], "corrective_action");
    assert_eq!(items[3]["days_left"], -32);
    assert_eq!(items[3]["owner"], "Jonas Klein");
    assert!(items.iter().all(|i| i["state"] == "overdue"));
    let year = sb.run(&["due", f, "--within", "365", "--format", "json"]);
    let year: Value = serde_json::from_str(&year.stdout()).unwrap();
    let year = year.as_array().unwrap();
    assert!(year.len() > items.len() + 5, "{}", year.len());
    assert!(
        year.iter()
            .any(|i| i["kind"] == "audit" && i["ref"] == "AU-003")
    );
    let dates: Vec<&str> = year.iter().map(|i| i["due_on"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn csv_starts_with_its_header_and_a_bad_format_names_the_option() {
    let sb = Sandbox::new();
    let file = sb.demo();
    let f = file.to_str().unwrap();
    let out = sb.run(&["due", f, "--format", "csv"]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr());
    assert!(out.stdout().starts_with(
        "due_on,days_left,state,kind,what,ref,title,owner\n2026-01-31,-59,overdue,acceptance,"
    ));
    let bad = sb.run(&["due", f, "--format", "xml"]);
    assert_eq!(bad.code(), Some(1));
    assert_eq!(
        bad.stderr(),
        "isms: --format: 'xml' is not known; expected text, json or csv\n"
    );
    assert_eq!(bad.stdout(), "");
}
