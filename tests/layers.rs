//! The layers keep to their imports (ARCHITECTURE.md, "Layers and imports"): screens reach the
//! workspace only through the application layer, and the domain uses nothing else of the crate.

mod common;

use common::scan_src;

/// Lines of the files under `folder` (comments aside) that name one of `forbidden`, as
/// "file:line: text".
fn uses(folder: &str, forbidden: &[&str]) -> Vec<String> {
    scan_src(folder, |source| lines_using(source, forbidden))
}

fn lines_using(source: &str, forbidden: &[&str]) -> Vec<String> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| forbidden.iter().any(|f| line.contains(f)))
        .map(|(n, line)| format!("{}: {}", n + 1, line.trim()))
        .collect()
}

#[test]
fn the_scan_sees_an_import_and_ignores_a_comment() {
    let source = "//! reads the crate::store\nuse crate::store::{Store, Writer};\n";
    assert_eq!(
        lines_using(source, &["crate::store"]),
        vec!["2: use crate::store::{Store, Writer};"]
    );
}

#[test]
fn no_screen_touches_the_store() {
    let found = uses(
        "ui/screens",
        &["crate::store", "Store::", "&Store", "Writer<", "rusqlite"],
    );
    assert!(
        found.is_empty(),
        "screens read through app::Reader and write through app::Command:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_domain_uses_nothing_else_of_the_crate() {
    let found = uses(
        "domain",
        &[
            "crate::store",
            "crate::app",
            "crate::ui",
            "crate::report",
            "crate::commands",
            "crate::clock",
            "crate::Clock",
            "rusqlite",
            "ratatui",
        ],
    );
    assert!(
        found.is_empty(),
        "the domain is pure:\n{}",
        found.join("\n")
    );
}
