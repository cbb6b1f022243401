//! Counts are spelt as sentences say them (`1 risk`, `3 risks`): no text the app, the commands
//! or the exports print hedges a plural with `(s)`; `domain::wording::count` spells counts.

mod common;

#[test]
fn no_printed_text_hedges_a_plural() {
    let found = common::scan_src("", |source| {
        source
            .lines()
            .enumerate()
            .filter(|(_, line)| {
                let code = line.trim_start();
                // Only text in quotes: `(s)` as a pattern (`Some(s)`) is code.
                !code.starts_with("//")
                    && code.split('"').skip(1).step_by(2).any(|text| {
                        text.contains("(s)") || text.contains("(es)") || text.contains("(ies)")
                    })
            })
            .map(|(i, line)| format!("{}: {}", i + 1, line.trim()))
            .collect()
    });
    assert!(
        found.is_empty(),
        "spell the count instead:\n{}",
        found.join("\n")
    );
}
