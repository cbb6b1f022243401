use super::*;

fn sample() -> Listing {
    Listing {
        columns: vec!["ref".into(), "name".into(), "tags".into()],
        rows: vec![vec![
            json!("AS-001"),
            json!("Kunden, \"A\""),
            json!(["x", "y"]),
        ]],
    }
}

#[test]
fn csv_quotes_and_joins_lists() {
    let mut out = Vec::new();
    write(&mut out, &sample(), Format::Csv).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "ref,name,tags\nAS-001,\"Kunden, \"\"A\"\"\",\"x, y\"\n"
    );
}

#[test]
fn json_keeps_column_order() {
    let mut out = Vec::new();
    write(&mut out, &sample(), Format::Json).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.find("\"ref\"").unwrap() < text.find("\"tags\"").unwrap());
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v[0]["tags"], json!(["x", "y"]));
}

#[test]
fn table_aligns_and_counts() {
    let mut out = Vec::new();
    write(&mut out, &sample(), Format::Table).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().next().unwrap(), "ref     name         tags");
    assert!(text.ends_with("(1 row)\n"));
}

#[test]
fn a_need_shows_its_level_and_source_as_text() {
    let need = |own: Value, effective: Value, source: Value| json!({"own": own, "effective": effective, "source": source});
    assert_eq!(
        cell(&need(json!("high"), json!("high"), json!("own"))),
        "high"
    );
    assert_eq!(
        cell(&need(Value::Null, json!("very high"), json!("AS-003"))),
        "very high ↑AS-003"
    );
    assert_eq!(
        cell(&need(json!("normal"), json!("normal"), json!("override"))),
        "normal (override)"
    );
    assert_eq!(cell(&need(Value::Null, Value::Null, Value::Null)), "");
}

#[test]
fn unknown_register_names_the_choices() {
    let err = "assetz".parse::<Register>().unwrap_err();
    assert!(
        err.to_string().contains("scope, parties, issues, assets"),
        "{err}"
    );
}

#[test]
fn an_acceptance_shows_who_until_when_or_that_it_expired() {
    let acceptance = |until: Value, expired: bool| {
        json!({"accepted_by": "Managing Director", "authority": "top_management",
               "accepted_on": "2026-03-10", "level": "medium", "until": until, "expired": expired})
    };
    assert_eq!(
        cell(&acceptance(json!("2027-03-31"), false)),
        "by Managing Director until 2027-03-31"
    );
    assert_eq!(
        cell(&acceptance(json!("2026-01-31"), true)),
        "expired 2026-01-31"
    );
    assert_eq!(
        cell(&acceptance(Value::Null, false)),
        "by Managing Director"
    );
    assert_eq!(cell(&Value::Null), "");
}

#[test]
fn json_is_written_as_the_array_of_objects_it_always_was() {
    let mut listing = sample();
    listing.rows.push(vec![
        Value::Null,
        json!({"own": null, "effective": "high", "source": "own"}),
        json!([]),
    ]);
    let mut out = Vec::new();
    write(&mut out, &listing, Format::Json).unwrap();
    let objects: Vec<Value> = listing
        .rows
        .iter()
        .map(|row| Value::Object(listing.columns.iter().cloned().zip(row.clone()).collect()))
        .collect();
    let expected = serde_json::to_string_pretty(&objects).unwrap() + "\n";
    assert_eq!(String::from_utf8(out).unwrap(), expected);
    let mut empty = Vec::new();
    write(&mut empty, &Listing::new(&["ref"]), Format::Json).unwrap();
    assert_eq!(String::from_utf8(empty).unwrap(), "[]\n");
}

#[test]
fn a_corrective_action_reads_as_a_sentence() {
    let action = serde_json::json!({
        "description": "Quarterly restore test",
        "owner": "Lars Vogel",
        "due_on": "2026-01-31",
        "status": "in_progress",
    });
    assert_eq!(
        super::cell(&action),
        "Quarterly restore test (Lars Vogel, due 2026-01-31, in progress)"
    );
}
