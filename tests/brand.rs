//! `isms brand`: a name and a PNG logo kept in the workspace, refused with a clear message when
//! the file is no PNG or too large, shown on the Word title page and the HTML cover, carried
//! by the workspace JSON.

mod common;

use std::io::Read;
use std::path::Path;

use common::{Sandbox, bytes};

/// A real (tiny, valid) PNG of `w` x `h` pixels: signature, IHDR, one IDAT of stored deflate
/// blocks, IEND; checksums left zero, which no check here reads.
fn png(w: u32, h: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(
        b"IDAT",
        &[0x78, 0x01, 0x01, 0x00, 0x00, 0xff, 0xff, 0, 0, 0, 1],
    ));
    out.extend(chunk(b"IEND", &[]));
    out
}

fn db_arg(db: &Path) -> &str {
    db.to_str().unwrap()
}

fn branded(sb: &Sandbox) -> std::path::PathBuf {
    let db = sb.demo();
    let logo = sb.path("logo.png");
    std::fs::write(&logo, png(300, 100)).unwrap();
    let out = sb.run(&[
        "brand",
        db_arg(&db),
        "--logo",
        logo.to_str().unwrap(),
        "--organisation",
        "Acme Consulting",
    ]);
    assert_eq!(
        out.success().stdout(),
        "Prepared by: Acme Consulting\nLogo: PNG, 300x100 pixels, 1 KiB\n"
    );
    db
}

#[test]
fn a_brand_is_set_shown_and_cleared() {
    let sb = Sandbox::new();
    let db = branded(&sb);
    let shown = sb.run(&["brand", db_arg(&db)]);
    assert!(
        shown
            .success()
            .stdout()
            .contains("Prepared by: Acme Consulting")
    );
    // Changing the name keeps the logo.
    let renamed = sb.run(&["brand", db_arg(&db), "--organisation", "Beta GmbH"]);
    assert!(renamed.success().stdout().contains("300x100"));
    let cleared = sb.run(&["brand", db_arg(&db), "--clear"]);
    assert!(cleared.success().stdout().starts_with("No brand set"));
    // The change log names the logo by its size; its bytes stay out of the log.
    let log = sb.run(&["log", db_arg(&db)]);
    let log = log.success().stdout();
    assert!(log.contains("PNG, 300x100 pixels, 1 KiB"), "{log}");
    assert!(!log.contains("iVBOR"), "the logo's bytes are in the log");
}

#[test]
fn what_is_no_png_or_too_large_is_refused_naming_the_logo() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let before = bytes(&db);
    let gif = sb.path("logo.gif");
    std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00").unwrap();
    sb.run(&["brand", db_arg(&db), "--logo", gif.to_str().unwrap()])
        .fails_with("logo: is not a PNG image");
    let big = sb.path("big.png");
    let mut data = png(10, 10);
    data.resize(600 * 1024, 0);
    std::fs::write(&big, data).unwrap();
    sb.run(&["brand", db_arg(&db), "--logo", big.to_str().unwrap()])
        .fails_with("logo: is larger than 512 KiB");
    let huge = sb.path("huge.png");
    std::fs::write(&huge, png(10_000, 10)).unwrap();
    sb.run(&["brand", db_arg(&db), "--logo", huge.to_str().unwrap()])
        .fails_with("at most 4096 pixels a side");
    sb.run(&["brand", db_arg(&db), "--organisation", "two\nlines"])
        .fails_with("brand name: holds a control character");
    assert!(bytes(&db) == before, "a refused brand writes nothing");
}

#[test]
fn the_word_title_page_and_the_html_cover_carry_the_brand() {
    let sb = Sandbox::new();
    let db = branded(&sb);
    let export = |format: &str, name: &str| {
        let out = sb.path(name);
        sb.run(&[
            "--db",
            db_arg(&db),
            "export",
            "soa",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ])
        .success();
        out
    };
    let docx = export("docx", "a.docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut media = Vec::new();
    zip.by_name("word/media/rIdImage1.png")
        .expect("the logo in the package")
        .read_to_end(&mut media)
        .unwrap();
    assert_eq!(media, png(300, 100));
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("<w:drawing>") && xml.contains("Prepared by Acme Consulting"));
    let again = export("docx", "b.docx");
    assert!(
        bytes(&docx) == bytes(&again),
        "a branded document differs between runs"
    );

    let html = std::fs::read_to_string(export("html", "soa.html")).unwrap();
    assert!(
        html.contains("src=\"data:image/png;base64,iVBORw0KGgo"),
        "{html}"
    );
    assert!(html.contains("Prepared by Acme Consulting"));
    assert!(!html.contains("http"), "the page stays self-contained");
}

#[test]
fn the_brand_goes_through_the_workspace_json() {
    let sb = Sandbox::new();
    let db = branded(&sb);
    let json = sb.path("w.json");
    sb.run(&[
        "--db",
        db_arg(&db),
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
    let shown = sb.run(&["brand", copy.to_str().unwrap()]);
    assert_eq!(
        shown.success().stdout(),
        "Prepared by: Acme Consulting\nLogo: PNG, 300x100 pixels, 1 KiB\n"
    );
}
