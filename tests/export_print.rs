//! The deliverables on paper: the workbook's print setup read back from its XML (A4, print
//! titles, the frozen reference column, no scale below 60 %, the columns an auditor reads
//! first), and the HTML's page rules, title page and split of wide registers. The PDF a
//! browser prints is checked by `.ci/print-check` (Chromium), described in the README.

mod common;

use std::io::Read;
use std::path::Path;

use common::{Sandbox, export};

/// One part of a workbook's package, as text.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", path.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The value of `attribute` in the first `<element ...>` of `xml`.
fn attribute(xml: &str, element: &str, attribute: &str) -> Option<String> {
    let start = xml.find(&format!("<{element} "))?;
    let tag = &xml[start..start + xml[start..].find('>')?];
    let key = format!(" {attribute}=\"");
    let from = tag.find(&key)? + key.len();
    Some(tag[from..from + tag[from..].find('"')?].to_string())
}

/// The header row's texts of the first sheet, in column order (inline strings).
fn headers(sheet: &str) -> Vec<String> {
    let row = &sheet[sheet.find("<row r=\"1\"").unwrap()..];
    let row = &row[..row.find("</row>").unwrap()];
    row.split("<t>")
        .skip(1)
        .map(|t| t[..t.find("</t>").unwrap()].to_string())
        .collect()
}

#[test]
fn a_wide_register_prints_on_a4_at_a_readable_scale_with_its_reference_repeated() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("risks.xlsx");
    export(&sb, &db, &["risks", "--format", "xlsx"], &out);
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert_eq!(
        attribute(&sheet, "pageSetup", "paperSize").as_deref(),
        Some("9")
    );
    assert_eq!(
        attribute(&sheet, "pageSetup", "orientation").as_deref(),
        Some("landscape")
    );
    // Too wide to fit at 60 %: printed across pages at 60 %, never smaller.
    let scale: u32 = attribute(&sheet, "pageSetup", "scale")
        .expect("a scale")
        .parse()
        .unwrap();
    assert!(scale >= 60, "{scale}");
    assert_eq!(attribute(&sheet, "pageSetUpPr", "fitToPage"), None);
    // The header row and the reference column stay in view and repeat on every page.
    assert_eq!(attribute(&sheet, "pane", "xSplit").as_deref(), Some("1"));
    assert_eq!(attribute(&sheet, "pane", "ySplit").as_deref(), Some("1"));
    let book = part(&out, "xl/workbook.xml");
    assert!(
        book.contains("_xlnm.Print_Titles\" localSheetId=\"0\">Risks!$A:$A,Risks!$1:$1<"),
        "{book}"
    );
    assert!(book.contains("_xlnm.Print_Area"), "{book}");
    // The reference and title lead; owner, levels, treatment and status come before the long
    // texts.
    let headers = headers(&sheet);
    let at = |h: &str| {
        headers
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h} in {headers:?}"))
    };
    assert_eq!(&headers[..2], ["Ref", "Title"]);
    for first in ["Owner", "Residual level", "Treatment", "Status"] {
        assert!(at(first) < at("Description"), "{first}: {headers:?}");
    }
}

#[test]
fn a_narrow_register_prints_upright_or_fitted_and_the_soa_colours_its_statuses() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("issues.xlsx");
    export(&sb, &db, &["scope", "--format", "xlsx"], &out);
    let book = part(&out, "xl/workbook.xml");
    let sheets = book.matches("<sheet ").count();
    assert!(sheets >= 2, "{book}");
    for n in 1..=sheets {
        let sheet = part(&out, &format!("xl/worksheets/sheet{n}.xml"));
        assert_eq!(
            attribute(&sheet, "pageSetup", "paperSize").as_deref(),
            Some("9"),
            "sheet {n}"
        );
        // Fitted to the width only where the scale stays readable: then no scale is set.
        if let Some(scale) = attribute(&sheet, "pageSetup", "scale") {
            assert!(scale.parse::<u32>().unwrap() >= 60, "sheet {n}: {scale}");
        }
    }
    let out = sb.path("soa.xlsx");
    export(&sb, &db, &["soa", "--format", "xlsx"], &out);
    let styles = part(&out, "xl/styles.xml");
    // The implemented status's tint (palette::STATUS) fills the SoA's status cells.
    assert!(styles.contains("FFB3E2CD"), "{styles}");
}

#[test]
fn the_html_report_has_page_rules_a_title_page_contents_and_splits_wide_registers() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("report.html");
    export(&sb, &db, &["report", "--format", "html"], &out);
    let html = std::fs::read_to_string(&out).unwrap();
    for rule in [
        "size:A4 landscape",
        "@top-left{content:\"Nordwind Logistik GmbH\"",
        "@top-right{content:\"Confidential\"",
        "content:\"Page \" counter(page) \" of \" counter(pages)",
        "thead{display:table-header-group}",
        "section.map{break-inside:avoid}",
    ] {
        assert!(html.contains(rule), "{rule}");
    }
    // Text wraps at word boundaries only: nothing may break a word anywhere.
    assert!(!html.contains("anywhere"));
    assert!(html.contains("<header class=\"title-page\">"));
    assert!(html.contains("<th>Classification</th><td>Confidential</td>"));
    assert!(
        html.contains("<th>Author</th><td>Anna Weber</td>"),
        "the ISB"
    );
    assert!(html.contains("<nav class=\"toc\">"));
    assert!(html.contains("<li><a href=\"#heat-maps\">Heat maps</a></li>"));
    // The risks are too wide for a page: their long texts follow as a block per risk.
    let risks = &html[html.find("<h2>Risks (").unwrap()..];
    let risks = &risks[..risks.find("</section>\n<section id=").unwrap()];
    assert!(risks.contains("<div class=\"items\">"));
    assert!(
        risks.contains("<h3><span class=\"nw\">R-001</span> · "),
        "{risks}"
    );
    // An empty heat-map cell is not coloured as a level.
    assert!(html.contains("<td class=\"zero\">0<small>"));
}
