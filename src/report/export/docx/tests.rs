use super::*;

#[test]
fn control_characters_never_reach_the_xml() {
    assert_eq!(xml_safe("a\u{7}b\tc\u{1b}"), "a b\tc ");
}

fn document(cells: &[&str]) -> Document {
    let table = tables::Table {
        name: "risks",
        title: "Risks".to_string(),
        columns: cells
            .iter()
            .map(|_| tables::Column::new("Header"))
            .collect(),
        rows: vec![cells.iter().map(|c| Cell::Text(c.to_string())).collect(); 3],
        json: Default::default(),
    };
    Document {
        heading: super::super::Heading {
            title: "Risk register".to_string(),
            organisation: "Acme <GmbH> & Co".to_string(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            soa_version: "SoA not yet issued".to_string(),
            author: "Anna Weber".to_string(),
        },
        cover: None,
        tables: vec![table],
        heat_maps: Vec::new(),
    }
}

fn document_xml(bytes: Vec<u8>) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    let mut entry = zip.by_name("word/document.xml").unwrap();
    entry.read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn data_that_looks_like_markup_stays_text_and_never_marks_a_header_row() {
    let doc = document(&["<w:cantSplit />", "a\u{1}b\nc", "x"]);
    let xml = document_xml(render(&doc, &Brand::default()).unwrap());
    assert_eq!(
        xml.matches("<w:tblHeader />").count(),
        1,
        "the header row only"
    );
    assert!(xml.contains("&lt;w:cantSplit /&gt;"));
    assert!(xml.contains("Acme &lt;GmbH&gt; &amp; Co"));
    assert!(!xml.contains('\u{1}'));
    // The XML parses whole.
    let mut reader = quick_xml::Reader::from_str(&xml);
    while reader.read_event().unwrap() != quick_xml::events::Event::Eof {}
}

#[test]
fn a_narrow_register_stays_portrait_and_a_wide_one_turns_landscape() {
    let narrow = document_xml(render(&document(&["a"; 3]), &Brand::default()).unwrap());
    assert!(!narrow.contains("landscape"));
    let wide = document(&["a"; LANDSCAPE_FROM_COLUMNS]);
    let wide = document_xml(render(&wide, &Brand::default()).unwrap());
    assert!(wide.contains(r#"w:orient="landscape""#));
}
