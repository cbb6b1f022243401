//! The list of known workspaces (`isms ls`) holds what the user opened or made, not every file a
//! command looked at; `isms ls --forget` takes an entry off it and never touches the file.

mod common;

use common::{Sandbox, bytes};
use isms::store::Store;
use serde_json::Value;

/// The files `isms ls --format json` lists.
fn listed(sb: &Sandbox) -> Vec<String> {
    let out = sb.run(&["ls", "--format", "json"]);
    let json: Value = serde_json::from_str(&out.success().stdout()).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap().to_string())
        .collect()
}

/// `path` as the list spells it: absolute, links resolved.
fn spelled(path: &std::path::Path) -> String {
    std::fs::canonicalize(path).unwrap().display().to_string()
}

#[test]
fn files_a_command_only_inspects_or_writes_to_do_not_enter_the_list() {
    let sb = Sandbox::new();
    // Someone else's workspace, made outside the command line: not known yet.
    let theirs = sb.path("colleague.isms");
    drop(Store::create(&theirs, "Kollegen GmbH").unwrap());
    let t = theirs.to_str().unwrap();
    let backup = sb.path("copy.isms");
    let b = backup.to_str().unwrap();

    sb.run(&["info", t]).success();
    let check = sb.run(&["check", t]);
    assert!(matches!(check.code(), Some(0 | 1)), "{}", check.stderr());
    sb.run(&["--db", t, "list", "assets"]).success();
    sb.run(&["log", t]).success();
    let csv = sb.path("assets.csv");
    sb.run(&["--db", t, "export", "assets", "-o", csv.to_str().unwrap()])
        .success();
    sb.run(&["backup", t, b]).success();
    // And the backup itself, looked at and exported from.
    sb.run(&["info", b]).success();
    sb.run(&["--db", b, "list", "assets"]).success();
    let md = sb.path("soa.md");
    sb.run(&["--db", b, "export", "soa", "-o", md.to_str().unwrap()])
        .success();

    assert_eq!(listed(&sb), Vec::<String>::new());
    assert!(
        !sb.path("data")
            .join("isms")
            .join("workspaces.json")
            .exists(),
        "no list was even written"
    );

    // Opening it is what makes it known; creating one too.
    sb.run(&["open", t]).success();
    let demo = sb.demo();
    assert_eq!(listed(&sb), [spelled(&demo), spelled(&theirs)]);
    // Looking at the older one again does not move it up.
    sb.run(&["info", t]).success();
    assert_eq!(listed(&sb), [spelled(&demo), spelled(&theirs)]);
}

#[test]
fn ls_forget_takes_an_entry_off_the_list_and_leaves_the_file() {
    let sb = Sandbox::new();
    let demo = sb.demo();
    let d = demo.to_str().unwrap();
    let other = sb.path("other.isms");
    sb.run(&["new", other.to_str().unwrap(), "--org", "Beta AG"])
        .success();
    let before = bytes(&demo);

    let out = sb.run(&["ls", "--forget", d]);
    let said = out.success().stdout();
    assert!(said.contains("Took "), "{said}");
    assert!(said.contains("Nordwind Logistik GmbH"), "{said}");
    assert!(
        said.contains("off the list of known workspaces; the file itself stays where it is"),
        "{said}"
    );
    assert!(bytes(&demo) == before, "the file is untouched");
    assert_eq!(listed(&sb), [spelled(&other)]);

    // Forgetting it again, or a path never known, is a clear error that changes nothing.
    sb.run(&["ls", "--forget", d])
        .fails_with("not in the list of known workspaces");
    sb.run(&["ls", "--forget", sb.path("never.isms").to_str().unwrap()])
        .fails_with("never.isms: not in the list of known workspaces (`isms ls` shows them)");
    assert_eq!(listed(&sb), [spelled(&other)]);

    // A file that is gone is forgotten by the path it was known under, even relative.
    std::fs::remove_file(&other).unwrap();
    let mut cmd = sb.command(&["ls", "--forget", "other.isms"]);
    let out = common::Run(cmd.current_dir(sb.dir.path()).output().unwrap());
    assert!(
        out.success().stdout().contains("the file was gone already"),
        "{}",
        out.stdout()
    );
    assert_eq!(listed(&sb), Vec::<String>::new());
}
