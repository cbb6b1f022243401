//! `isms export --format docx`: each deliverable of the demo read back from its package
//! (`word/document.xml`, the header and the footer): headings in Word's heading styles, every
//! register a table whose header row repeats and whose rows are the register's, wide registers
//! in landscape sections, the title page's document control, page numbers; and the same bytes
//! for the same data and day.

mod common;

use std::io::Read;
use std::path::Path;

use common::{Sandbox, bytes};
use quick_xml::Reader;
use quick_xml::events::Event;

/// What a reader of the document sees, in order.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    /// A paragraph with its style (empty for none) and text.
    Para {
        style: String,
        text: String,
    },
    Table(Tbl),
    /// The end of a section: whether its pages are landscape.
    SectionEnd {
        landscape: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Tbl {
    /// Per row: whether it is marked to repeat as a header row, and its cells' text.
    rows: Vec<(bool, Vec<String>)>,
    /// Fills of the cells, as `RRGGBB`.
    fills: Vec<String>,
}

fn part(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut entry = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {docx:?}"));
    let mut s = String::new();
    entry.read_to_string(&mut s).unwrap();
    s
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The body of `word/document.xml` as paragraphs, tables and section ends.
fn read(xml: &str) -> Vec<Item> {
    let mut reader = Reader::from_str(xml);
    let mut items = Vec::new();
    let (mut in_table, mut style, mut text) = (0usize, String::new(), String::new());
    let mut table = Tbl::default();
    let mut row: Option<(bool, Vec<String>)> = None;
    let mut cell: Option<String> = None;
    let mut in_text = false;
    loop {
        let event = reader.read_event().unwrap();
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    b"w:tbl" => {
                        in_table += 1;
                        table = Tbl::default();
                    }
                    b"w:tr" => row = Some((false, Vec::new())),
                    b"w:tblHeader" => {
                        if let Some(r) = row.as_mut() {
                            r.0 = true;
                        }
                    }
                    b"w:tc" => cell = Some(String::new()),
                    b"w:shd" if in_table > 0 => {
                        table.fills.extend(attr(e, b"w:fill"));
                    }
                    b"w:p" if !empty => {
                        style.clear();
                        text.clear();
                    }
                    b"w:pStyle" => style = attr(e, b"w:val").unwrap_or_default(),
                    b"w:t" if !empty => in_text = true,
                    b"w:br" => text.push('\n'),
                    b"w:pgSz" => {
                        let landscape = attr(e, b"w:orient").as_deref() == Some("landscape");
                        items.push(Item::SectionEnd { landscape });
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().unwrap();
                text.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                });
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    if let Some(c) = cell.as_mut() {
                        c.push_str(&text);
                    } else if in_table == 0 {
                        items.push(Item::Para {
                            style: style.clone(),
                            text: text.clone(),
                        });
                    }
                }
                b"w:tc" => {
                    if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                        r.1.push(c);
                    }
                }
                b"w:tr" => table.rows.extend(row.take()),
                b"w:tbl" => {
                    in_table -= 1;
                    items.push(Item::Table(std::mem::take(&mut table)));
                }
                _ => {}
            },
            _ => {}
        }
    }
    items
}

fn headings(items: &[Item], style: &str) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Para { style: s, text } if s == style => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// Every register: a `Heading1` "Title (n)" followed by its table of one header row, marked to
/// repeat, and n rows; on landscape pages exactly when it has seven columns or more. Returns
/// the registers as (title, rows) in order.
fn registers(items: &[Item]) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Item::Para { style, text } = item else {
            continue;
        };
        let Some((title, n)) = text
            .strip_suffix(')')
            .and_then(|t| t.rsplit_once(" ("))
            .filter(|_| style == "Heading1")
        else {
            continue;
        };
        let n: usize = n.parse().unwrap();
        let Some(Item::Table(t)) = items.get(i + 1) else {
            panic!("{text} is not followed by its table");
        };
        assert_eq!(t.rows.len(), n + 1, "{title}: a header row and {n} rows");
        assert!(t.rows[0].0, "{title}: the header row repeats on each page");
        assert!(
            t.rows[1..].iter().all(|r| !r.0),
            "{title}: only the header row repeats"
        );
        let landscape = items[i..]
            .iter()
            .find_map(|x| match x {
                Item::SectionEnd { landscape } => Some(*landscape),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            landscape,
            t.rows[0].1.len() >= 7,
            "{title}: {} columns",
            t.rows[0].1.len()
        );
        found.push((title.to_string(), n));
    }
    found
}

fn count(sb: &Sandbox, db: &Path, register: &str) -> usize {
    let out = sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "list",
        register,
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&out.success().stdout()).unwrap();
    rows.as_array().unwrap().len()
}

fn export(sb: &Sandbox, db: &Path, what: &str, name: &str) -> std::path::PathBuf {
    let out = sb.path(name);
    sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "export",
        what,
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ])
    .success();
    out
}

/// The title page, the running header and the footer's page numbers, as every deliverable has.
fn check_frame(docx: &Path, title: &str) -> Vec<Item> {
    let items = read(&part(docx, "word/document.xml"));
    let titles = headings(&items, "Title");
    assert!(
        titles.len() == 1 && titles[0].starts_with(title),
        "{titles:?}"
    );
    let Some(Item::Table(control)) = items.iter().find(|i| matches!(i, Item::Table(_))) else {
        panic!("no document control table");
    };
    let row = |item: &str| {
        control
            .rows
            .iter()
            .find(|r| r.1[0] == item)
            .map(|r| r.1[1].clone())
    };
    assert_eq!(
        row("Organisation").as_deref(),
        Some("Nordwind Logistik GmbH")
    );
    assert_eq!(row("Classification").as_deref(), Some("Confidential"));
    assert_eq!(row("Date").as_deref(), Some("2026-03-31"));
    // The title page ends its own portrait section.
    let first_section = items
        .iter()
        .position(|i| matches!(i, Item::SectionEnd { .. }))
        .unwrap();
    assert_eq!(items[first_section], Item::SectionEnd { landscape: false });
    let header = part(docx, "word/header1.xml");
    assert!(header.contains("Nordwind Logistik GmbH") && header.contains("Confidential"));
    let footer = part(docx, "word/footer1.xml");
    assert!(
        footer.contains(">PAGE<") && footer.contains(">NUMPAGES<"),
        "{footer}"
    );
    let styles = part(docx, "word/styles.xml");
    assert!(
        styles.contains(r#"w:styleId="Heading1""#) && styles.contains(r#"w:outlineLvl w:val="0""#)
    );
    for id in ["Normal", "Title", "Heading1", "Heading2"] {
        let defined = styles.matches(&format!(r#"w:styleId="{id}""#)).count();
        assert_eq!(defined, 1, "style {id} is defined once");
    }
    let core = part(docx, "docProps/core.xml");
    assert!(
        core.contains("2026-03-31T00:00:00Z") && !core.contains("1970"),
        "{core}"
    );
    items
}

#[test]
fn the_registers_of_the_demo_read_back_with_their_rows() {
    let sb = Sandbox::new();
    let db = sb.demo();
    for (what, title, register, table) in [
        ("soa", "Statement of Applicability", "soa", "SoA"),
        ("risks", "Risk register", "risks", "Risks"),
        (
            "treatment-plan",
            "Risk treatment plan",
            "actions",
            "Treatment plan",
        ),
    ] {
        let docx = export(&sb, &db, what, &format!("{what}.docx"));
        let items = check_frame(&docx, title);
        let found = registers(&items);
        assert_eq!(
            found[0],
            (table.to_string(), count(&sb, &db, register)),
            "{what}"
        );
        // The risks and the treatment plan are followed by every acceptance in full.
        let rest: Vec<&str> = found[1..].iter().map(|(t, _)| t.as_str()).collect();
        match what {
            "soa" => assert!(rest.is_empty(), "{found:?}"),
            _ => assert_eq!(rest, ["Risk acceptances"], "{what}"),
        }
    }
    // The live SoA's title page names the issued version it is a draft after and its approver,
    // from the SoA's own cover.
    let items = read(&part(&sb.path("soa.docx"), "word/document.xml"));
    let Some(Item::Table(control)) = items.iter().find(|i| matches!(i, Item::Table(_))) else {
        panic!("no document control");
    };
    let row = |item: &str| {
        control
            .rows
            .iter()
            .find(|r| r.1[0] == item)
            .map(|r| r.1[1].clone())
    };
    assert_eq!(row("Last issued version").as_deref(), Some("v1"));
    assert_eq!(row("v1 approved by").as_deref(), Some("Karin Nordmann"));
}

#[test]
fn the_report_has_every_register_heat_maps_and_landscape_sections() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let docx = export(&sb, &db, "report", "report.docx");
    let items = check_frame(&docx, "ISMS report");
    assert_eq!(
        headings(&items, "Heading2"),
        ["Inherent risk", "Residual risk"]
    );
    let found = registers(&items);
    let rows = |title: &str| found.iter().find(|(t, _)| t == title).map(|(_, n)| *n);
    assert_eq!(rows("Risks"), Some(count(&sb, &db, "risks")));
    assert_eq!(rows("SoA"), Some(count(&sb, &db, "soa")));
    assert_eq!(rows("Assets"), Some(count(&sb, &db, "assets")));
    assert_eq!(found.last().unwrap().0, "Readiness self-check");
    assert!(found.len() >= 15, "{found:?}");
    let sections: Vec<bool> = items
        .iter()
        .filter_map(|i| match i {
            Item::SectionEnd { landscape } => Some(*landscape),
            _ => None,
        })
        .collect();
    assert!(
        sections.contains(&true) && sections.contains(&false),
        "{sections:?}"
    );
    // Levels are filled with their colour: the heat maps and the risk levels.
    let fills: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Table(t) => Some(t.fills.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let level = format!("{:06X}", isms::palette::LEVELS[3].hex());
    assert!(fills.contains(&level), "no fill of a high level");
}

#[test]
fn minutes_review_audit_and_methodology_read_back() {
    let sb = Sandbox::new();
    let db = sb.demo();
    for (what, title) in [
        ("minutes", "Workshop minutes"),
        ("review", "Management review MR-001"),
        ("audit", "Audit report"),
        ("methodology", "Risk methodology"),
    ] {
        let docx = export(&sb, &db, what, &format!("{what}.docx"));
        let items = check_frame(&docx, title);
        assert!(!registers(&items).is_empty(), "{what} has no table");
    }
    // The audit's lead auditor is on the title page, from the audit's own cover.
    let items = read(&part(&sb.path("audit.docx"), "word/document.xml"));
    let Some(Item::Table(control)) = items.iter().find(|i| matches!(i, Item::Table(_))) else {
        panic!("no document control");
    };
    assert!(
        control
            .rows
            .iter()
            .any(|r| r.1[0] == "Lead auditor" && !r.1[1].is_empty())
    );
}

#[test]
fn the_same_data_and_day_give_the_same_bytes() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let a = export(&sb, &db, "report", "a.docx");
    let b = export(&sb, &db, "report", "b.docx");
    assert!(bytes(&a) == bytes(&b), "the report differs between runs");
    let file = std::fs::File::open(&a).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let stamp = entry.last_modified().unwrap();
        assert_eq!((stamp.year(), stamp.month(), stamp.day()), (1980, 1, 1));
    }
}

/// LibreOffice, where it is installed, converts the report to PDF: it opens it.
#[test]
fn libreoffice_opens_the_report_where_it_is_installed() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|s| {
        std::process::Command::new(s)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        return;
    };
    let sb = Sandbox::new();
    let db = sb.demo();
    let docx = export(&sb, &db, "report", "report.docx");
    let status = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(sb.path(""))
        .arg(&docx)
        .env("HOME", sb.path(""))
        .status()
        .unwrap();
    assert!(status.success());
    assert!(sb.path("report.pdf").exists());
}

#[test]
fn the_soa_as_issued_names_its_approver_on_the_title_page() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("soa-v1.docx");
    sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "export",
        "soa",
        "--version",
        "1",
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ])
    .success();
    let items = read(&part(&out, "word/document.xml"));
    assert_eq!(headings(&items, "Title"), ["Statement of Applicability v1"]);
    let text = part(&out, "word/document.xml");
    assert!(text.contains("Karin Nordmann"), "the approver of v1");
    let found = registers(&items);
    assert!(
        found
            .iter()
            .any(|(title, rows)| title == "SoA v1" && *rows == 95),
        "{found:?}"
    );
}

#[test]
fn a_word_document_too_large_for_memory_is_refused_with_what_holds_it() {
    let sb = Sandbox::new();
    let file = sb.path("big.isms");
    sb.run(&["demo", file.to_str().unwrap(), "--scale", "300"])
        .success();
    let out = sb.path("big.docx");
    let run = sb.run(&[
        "--db",
        file.to_str().unwrap(),
        "export",
        "report",
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code(), Some(1));
    let e = run.stderr();
    assert!(
        e.starts_with(&format!(
            "isms: --format: a Word document holds at most {} table rows",
            isms::report::export::DOCX_ROWS
        )),
        "{e}"
    );
    assert!(e.contains("export it as xlsx or html"), "{e}");
    assert!(!out.exists());
}
