//! Spreadsheet imports on hostile files: crafted XLSX (a cell at the far corner of the grid,
//! references that overflow, ranges that run backwards, a zip bomb, a renamed text file, cut
//! and damaged archives), oversized CSV, and special files. Each is refused with a message
//! naming the file and what is wrong: no panic, no abort, no hang, nothing written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use zip::write::SimpleFileOptions;

use isms::app::import_table;
use isms::report::import::{ImportError, ImportPlan, Register};
use isms::store::{Store, StoreError};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Assets" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// A cell of inline text at `at` (`B7`).
fn cell(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A sheet with the given declared range (none if empty) and rows of cells.
fn sheet(dimension: &str, rows: &[(&str, Vec<String>)]) -> String {
    let dimension = if dimension.is_empty() {
        String::new()
    } else {
        format!(r#"<dimension ref="{dimension}"/>"#)
    };
    let rows: String = rows
        .iter()
        .map(|(r, cells)| format!(r#"<row r="{r}">{}</row>"#, cells.concat()))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// The header and one asset, as a well-formed sheet.
fn good_sheet() -> String {
    sheet(
        "A1:B2",
        &[
            ("1", vec![cell("A1", "Name"), cell("B1", "Kind")]),
            ("2", vec![cell("A2", "Server"), cell("B2", "hardware")]),
        ],
    )
}

/// The bytes of a workbook whose first sheet is `sheet_xml`.
fn workbook(sheet_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Imports `path` as assets into a fresh workspace; a refusal must have written nothing.
fn import(path: &Path) -> Result<ImportPlan, ImportError> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("w.isms"), "Acme").unwrap();
    let outcome = import_table(&mut store, Register::Assets, path, false);
    if outcome.is_err() {
        assert_eq!(store.counts().unwrap().assets, 0, "a refused file wrote");
    }
    outcome
}

/// The refusal of `path`, which must name the file.
fn refusal(path: &Path) -> String {
    match import(path) {
        Err(ImportError::Read(message)) => {
            assert!(
                message.contains(&path.display().to_string()),
                "the message names the file: {message}"
            );
            message
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_crafted_workbook_of_the_right_shape_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "assets.xlsx", &workbook(&good_sheet()));
    let plan = import(&path).unwrap();
    assert_eq!(plan.created, ["AS-001 Server (hardware, no owner)"]);
}

#[test]
fn a_cell_at_the_far_corner_of_the_grid_is_refused_without_allocating_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let xml = sheet(
        "",
        &[
            ("1", vec![cell("A1", "Name"), cell("B1", "Kind")]),
            ("1048576", vec![cell("XFD1048576", "x")]),
        ],
    );
    let path = write(dir.path(), "corner.xlsx", &workbook(&xml));
    let message = refusal(&path);
    assert!(message.contains("row 1,048,576"), "{message}");
    assert!(
        message.contains("200,000 rows"),
        "the limit is named: {message}"
    );
}

#[test]
fn a_declared_range_beyond_the_limits_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let xml = sheet(
        "A1:XFD1048576",
        &[("1", vec![cell("A1", "Name"), cell("B1", "Kind")])],
    );
    let path = write(dir.path(), "declared.xlsx", &workbook(&xml));
    let message = refusal(&path);
    assert!(message.contains("declares a range"), "{message}");
}

#[test]
fn a_row_far_below_the_limit_is_refused_even_when_it_is_the_only_one() {
    let dir = tempfile::tempdir().unwrap();
    let xml = sheet("", &[("300000", vec![cell("A300000", "Name")])]);
    let path = write(dir.path(), "deep.xlsx", &workbook(&xml));
    assert!(refusal(&path).contains("row 300,000"));
}

#[test]
fn references_that_overflow_or_run_backwards_are_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        sheet("", &[("1", vec![cell("A99999999999", "x")])]),
        sheet("", &[("99999999999", vec![cell("A1", "x")])]),
        sheet("", &[("1", vec![cell("ZZZZZZZZZZZZZZ1", "x")])]),
        sheet("A1:A99999999999", &[("1", vec![cell("A1", "x")])]),
        sheet("C3:A1", &[("1", vec![cell("A1", "x")])]),
        sheet("A1:B2:C3", &[("1", vec![cell("A1", "x")])]),
    ];
    for (i, xml) in cases.iter().enumerate() {
        let path = write(dir.path(), &format!("ref{i}.xlsx"), &workbook(xml));
        let message = refusal(&path);
        assert!(
            message.contains("is not a cell reference within A1:XFD1048576"),
            "{message}"
        );
    }
}

#[test]
fn a_zip_bomb_stops_at_the_unpacked_limit() {
    let dir = tempfile::tempdir().unwrap();
    // 129 MiB of spaces inside the sheet pack into a few hundred kilobytes.
    let mut xml = sheet("A1:B2", &[]);
    let at = xml.find("<sheetData>").unwrap();
    xml.insert_str(at, &" ".repeat(129 * 1024 * 1024));
    let bytes = workbook(&xml);
    assert!(bytes.len() < 2 * 1024 * 1024, "{}", bytes.len());
    let path = write(dir.path(), "bomb.xlsx", &bytes);
    let message = refusal(&path);
    assert!(
        message.contains("unpacks to more than 128 MiB"),
        "{message}"
    );
}

#[test]
fn a_renamed_text_file_and_a_cut_workbook_are_not_readable_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let text = write(dir.path(), "text.xlsx", b"Name,Kind\nServer,hardware\n");
    assert!(refusal(&text).contains("not a readable XLSX workbook"));
    let whole = workbook(&good_sheet());
    for cut in [0, 4, 30, whole.len() / 2, whole.len() - 10] {
        let path = write(dir.path(), &format!("cut{cut}.xlsx"), &whole[..cut]);
        refusal(&path);
    }
}

#[test]
fn old_binary_and_open_document_workbooks_are_refused_with_what_to_save_instead() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["old.xls", "sheet.ods"] {
        let path = write(dir.path(), name, b"anything");
        assert!(refusal(&path).contains("save the sheet as .xlsx or as CSV UTF-8"));
    }
}

#[test]
fn a_csv_beyond_the_limits_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let wide = format!("Name,Kind{}\n", ",x".repeat(300));
    let path = write(dir.path(), "wide.csv", wide.as_bytes());
    assert!(refusal(&path).contains("line 1 has more than 256 cells"));

    let long = format!("Name,Kind\n{}", "Server,hardware\n".repeat(200_000));
    let path = write(dir.path(), "long.csv", long.as_bytes());
    assert!(refusal(&path).contains("more than 200,000 lines"));

    // Refused by its size before a byte of it is read.
    let path = dir.path().join("huge.csv");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(33 * 1024 * 1024)
        .unwrap();
    assert!(refusal(&path).contains("the file holds 34,603,008 bytes"));
}

/// Runs `f` on another thread; fails if it has not returned within ten seconds (it would wait
/// forever for a writer to open the FIFO).
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(Duration::from_secs(10))
        .expect("returned at once, without waiting on the special file")
}

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
    path
}

#[test]
fn a_fifo_is_refused_at_once_as_an_import() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["assets.csv", "assets.xlsx"] {
        let path = fifo(dir.path(), name);
        let message = within_seconds(move || refusal(&path));
        assert!(
            message.contains("a named pipe (FIFO), not a file"),
            "{message}"
        );
    }
    let json = fifo(dir.path(), "workspace.json");
    let target = dir.path().join("new.isms");
    let refused = within_seconds(move || {
        isms::report::import::import_workspace(&json, &target)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    assert!(
        refused
            .unwrap_err()
            .contains("a named pipe (FIFO), not a file"),
        "a workspace import is refused too"
    );
    assert!(!dir.path().join("new.isms").exists());
    // A device never ends: refused, not read.
    let zero = dir.path().join("zero.csv");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let message = within_seconds(move || refusal(&zero));
    assert!(message.contains("a device, not a file"), "{message}");
}

#[test]
fn a_fifo_is_refused_at_once_as_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = fifo(dir.path(), "w.isms");
    let inspected = {
        let path = path.clone();
        within_seconds(move || isms::store::inspect(&path).map(|_| ()))
    };
    match inspected {
        Err(StoreError::NotWorkspace { why, .. }) => {
            assert_eq!(why, "a named pipe (FIFO), not a file")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let opened = within_seconds(move || Store::open(&path).map(|_| ()));
    assert!(matches!(opened, Err(StoreError::NotWorkspace { .. })));
    let device = within_seconds(|| isms::store::inspect(Path::new("/dev/zero")).map(|_| ()));
    assert!(
        device
            .unwrap_err()
            .to_string()
            .contains("a device, not a file"),
        "a device never ends"
    );
}

/// Bounded, seeded, without regression files (as the other property tests).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(27001),
        ..ProptestConfig::with_cases(cases)
    }
}

/// Cell references as a crafted file may write them: letters and digits of any length.
fn reference() -> impl Strategy<Value = String> {
    ("[A-Za-z$]{0,5}", "[0-9]{0,14}").prop_map(|(l, d)| format!("{l}{d}"))
}

proptest! {
    #![proptest_config(config(64))]

    /// Any references in cells, rows and the declared range: an import or a refusal, never a
    /// panic.
    #[test]
    fn any_cell_references_import_or_are_refused(
        dimension in reference(),
        row in reference(),
        first in reference(),
        second in reference(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let xml = sheet(
            &dimension,
            &[
                ("1", vec![cell("A1", "Name"), cell("B1", "Kind")]),
                (&row, vec![cell(&first, "Server"), cell(&second, "hardware")]),
            ],
        );
        let path = write(dir.path(), "refs.xlsx", &workbook(&xml));
        let _ = import(&path);
    }

    /// A workbook with bytes overwritten or cut: an import or a refusal, never a panic.
    #[test]
    fn damaged_workbooks_import_or_are_refused(
        spoils in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        keep in any::<prop::sample::Index>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = workbook(&good_sheet());
        for (at, byte) in spoils {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let keep = bytes.len() - keep.index(bytes.len() / 4);
        bytes.truncate(keep);
        let path = write(dir.path(), "damaged.xlsx", &bytes);
        let _ = import(&path);
    }
}

#[test]
fn a_sheet_stored_under_another_name_is_checked_as_well() {
    // The workbook names its sheet's part; a crafted one hides it behind a picture's name and
    // closes its elements wrongly, which calamine reads past.
    let dir = tempfile::tempdir().unwrap();
    let xml = sheet("", &[("1", vec![cell("A99999999999", "x")])]).replace("</row>", "</rw>");
    let bytes = workbook(&xml);
    let renamed = {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = entry
                .name()
                .replace("worksheets/sheet1.xml", "media/image1.png");
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
            let data = String::from_utf8(data)
                .unwrap()
                .replace("worksheets/sheet1.xml", "media/image1.png");
            out.start_file(name, SimpleFileOptions::default()).unwrap();
            out.write_all(data.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    };
    let path = write(dir.path(), "hidden.xlsx", &renamed);
    let message = refusal(&path);
    assert!(message.contains("A99999999999"), "{message}");
}
