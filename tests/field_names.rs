//! Field names are constants (ARCHITECTURE.md, "Field names"): a form finds its fields by the
//! same `Field` constants that the domain's validation errors name, so an error lands on its
//! field and a misspelt name does not compile. The type already refuses a bare string as a form
//! key; these scans catch the way around it, a name spelt out with `Field::new` where it is used.

mod common;

use common::scan_src;

/// The form methods that take a field's key first.
const KEYED: [&str; 15] = [
    "line",
    "text",
    "date",
    "choice",
    "note",
    "toggle",
    "pick",
    "pick_many",
    "value",
    "choice_index",
    "toggled",
    "picked",
    "picked_all",
    "set_error",
    "set_note",
];

/// How a name is spelt out: the domain's type, and the form's name for it.
const SPELT: [&str; 2] = ["Field::new(", "Name::new("];

/// The source with comment lines blanked, so that line numbers stay.
fn code_lines(source: &str) -> Vec<&str> {
    source
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect()
}

/// Calls of a form method whose key is a string or a name spelt out on the spot, the key
/// possibly on the next line (`.choice(\n    "kind",`).
fn literal_keys(source: &str) -> Vec<String> {
    let lines = code_lines(source);
    let code = lines.join("\n");
    let mut found = Vec::new();
    for method in KEYED {
        let call = format!(".{method}(");
        for (at, _) in code.match_indices(&call) {
            let key = code[at + call.len()..].trim_start();
            if key.starts_with('"') || SPELT.iter().any(|s| key.starts_with(s)) {
                found.push(code[..at].matches('\n').count());
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .map(|line| format!("{}: {}", line + 1, lines[line].trim()))
        .collect()
}

/// Names spelt out anywhere but in a `const` item (a constant or an array of them).
fn names_outside_constants(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_const = false;
    for (n, line) in code_lines(source).into_iter().enumerate() {
        let item = line.trim_start();
        let item = item.strip_prefix("pub ").unwrap_or(item);
        let item =
            item.split_once(") ").map_or(
                item,
                |(vis, rest)| {
                    if vis.starts_with("pub(") { rest } else { item }
                },
            );
        if item.starts_with("const ") && !item.starts_with("const fn") {
            in_const = true;
        }
        if !in_const && SPELT.iter().any(|s| line.contains(s)) {
            found.push(format!("{}: {}", n + 1, line.trim()));
        }
        if in_const && line.trim_end().ends_with(';') {
            in_const = false;
        }
    }
    found
}

#[test]
fn the_scans_see_a_spelt_out_key_and_ignore_constants_and_comments() {
    let source = "// form.value(\"name\")\n\
                  const NAME: Field = Field::new(\"name\");\n\
                  pub(super) const BY_POSITION: [Field; 2] = [\n    Field::new(\"a\"),\n    Field::new(\"b\"),\n];\n\
                  let a = form.value(field::NAME);\n\
                  let b = form.value(\"name\");\n\
                  let form = form.choice(\n    \"kind\",\n    \"Kind\",\n);\n\
                  let c = form.toggled(Field::new(\"x\"));\n";
    assert_eq!(
        literal_keys(source),
        vec![
            "8: let b = form.value(\"name\");",
            "9: let form = form.choice(",
            "13: let c = form.toggled(Field::new(\"x\"));",
        ]
    );
    assert_eq!(
        names_outside_constants(source),
        vec!["13: let c = form.toggled(Field::new(\"x\"));"]
    );
}

#[test]
fn no_form_key_is_a_string() {
    let found = scan_src("ui", literal_keys);
    assert!(
        found.is_empty(),
        "a form key is a field constant (the domain's `field` module, or one beside the form):\n{}",
        found.join("\n")
    );
}

#[test]
fn every_field_name_is_a_constant() {
    let found = scan_src("", names_outside_constants);
    assert!(
        found.is_empty(),
        "spell a field name once, as a constant that forms and errors share:\n{}",
        found.join("\n")
    );
}
