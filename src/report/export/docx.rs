//! DOCX: a Word document built with `docx-rs`. A title page with the document control (the
//! heading, "Confidential", and the cover's rows: version, approver, auditor...), then heat maps
//! and registers under real heading styles (Word's navigation pane lists them), each register a
//! table whose header row repeats on every page, wide registers in landscape sections, levels
//! filled with their colour. Every page carries the organisation and "Confidential" in the
//! header and "Page X of Y" in the footer. Deterministic: the package's dates are `today`, its
//! entries are dated 1980-01-01 (see `package.rs`), and paragraph and picture ids are counted
//! from one per document.

mod package;

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, Header, NumPages, PageMargin, PageNum,
    PageOrientationType, Paragraph, Pic, Run, Section, Shading, Style, StyleType, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use super::Document;
use super::heatmap::HeatMap;
use super::tables::{self, Cell, colour_rgb};
use crate::domain::brand::Brand;

/// The marking every page and the title page carry.
pub const CLASSIFICATION: &str = "Confidential";

/// A4 in twentieths of a point, and the margins.
const A4_SHORT: u32 = 11_906;
const A4_LONG: u32 = 16_838;
const MARGIN: u32 = 1_134;

/// A register with more columns than this is printed on landscape pages.
pub const LANDSCAPE_FROM_COLUMNS: usize = 7;

/// The header row's fill, as the HTML export's.
const HEADER_FILL: &str = "D9E1F2";

/// Font sizes in half-points: body text, table text.
const BODY_SIZE: usize = 20;
const TABLE_SIZE: usize = 16;

/// The logo's box on the title page in EMU (6 x 2.5 cm).
const LOGO_BOX: (u32, u32) = (2_160_000, 900_000);
const EMU_PER_PX: u32 = 9_525;

/// The document as the bytes of a `.docx` file.
pub fn render(doc: &Document, brand: &Brand) -> std::io::Result<Vec<u8>> {
    let mut ids = Ids::default();
    // A section without a header or footer of its own takes the previous section's, so the
    // title page's header and the first body section's footer reach every later page. (A
    // `docx-rs` 0.4 section keeps only one of the two, and the title page needs no page number.)
    let title_page = title_page(doc, brand, &mut ids).header(page_header(doc, &mut ids));
    let mut footer = Some(page_footer(doc, &mut ids));
    let mut docx = Docx::new()
        .styles(styles())
        .created_at(&stamp(doc))
        .updated_at(&stamp(doc))
        // One property only: `docx-rs` keeps them in a hash map, in no fixed order.
        .custom_property("Classification", CLASSIFICATION)
        .add_section(portrait(title_page));
    let mut groups = body(doc, &mut ids);
    // The last group is the document's own final section; the others end in a section break.
    let last = groups.pop();
    for (landscape, blocks) in groups {
        let mut section = Section::new();
        if let Some(footer) = footer.take() {
            section = section.footer(footer);
        }
        for block in blocks {
            section = match block {
                Block::P(p) => section.add_paragraph(*p),
                Block::T(t) => section.add_table(*t),
            };
        }
        docx = docx.add_section(if landscape {
            landscape_section(section)
        } else {
            portrait(section)
        });
    }
    if last.is_none()
        && let Some(footer) = footer.take()
    {
        docx = docx.footer(footer);
    }
    if let Some((landscape, blocks)) = last {
        for block in blocks {
            docx = match block {
                Block::P(p) => docx.add_paragraph(*p),
                Block::T(t) => docx.add_table(*t),
            };
        }
        let (w, h) = if landscape {
            (A4_LONG, A4_SHORT)
        } else {
            (A4_SHORT, A4_LONG)
        };
        docx = docx.page_size(w, h).page_margin(margins());
        if let Some(footer) = footer.take() {
            docx = docx.footer(footer);
        }
        if landscape {
            docx = docx.page_orient(PageOrientationType::Landscape);
        }
    }
    package::pack(docx.build())
}

/// Paragraph ids counted from one per document, so that the same document gives the same bytes
/// (`docx-rs` otherwise counts on across documents in a thread).
#[derive(Default)]
struct Ids(u32);

impl Ids {
    fn p(&mut self) -> Paragraph {
        self.0 += 1;
        // Above the ids `docx-rs` gives the section breaks it writes, which start from one.
        Paragraph::new().id(format!("{:08X}", 0x1000_0000 + self.0))
    }
}

enum Block {
    P(Box<Paragraph>),
    T(Box<Table>),
}

/// `2026-03-31T00:00:00Z`: the export's day, the only date inside the package.
fn stamp(doc: &Document) -> String {
    format!("{}T00:00:00Z", doc.heading.date)
}

fn margins() -> PageMargin {
    let m = MARGIN as i32;
    PageMargin::new()
        .top(m)
        .bottom(m)
        .left(m)
        .right(m)
        .header(567)
        .footer(567)
}

fn portrait(section: Section) -> Section {
    section
        .page_size(docx_rs::PageSize::new().size(A4_SHORT, A4_LONG))
        .page_margin(margins())
}

fn landscape_section(section: Section) -> Section {
    section
        .page_size(
            docx_rs::PageSize::new()
                .size(A4_LONG, A4_SHORT)
                .orient(PageOrientationType::Landscape),
        )
        .page_orient(PageOrientationType::Landscape)
        .page_margin(margins())
}

/// Title, Heading 1 and Heading 2 as Word's own styles (style ids and names Word knows, with
/// outline levels), so the navigation pane and a table of contents find the headings.
fn styles() -> docx_rs::Styles {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color("1F3864")
            .outline_lvl(level)
    };
    docx_rs::Styles::new()
        .default_size(BODY_SIZE)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .q_format(true)
                .size(52)
                .color("1F3864"),
        )
        .add_style(heading("Heading1", "heading 1", 32, 0))
        .add_style(heading("Heading2", "heading 2", 26, 1))
}

fn text_run(text: &str) -> Run {
    // Line breaks inside a value become Word's line breaks; other control characters, which
    // XML cannot hold, become spaces.
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(xml_safe(line));
    }
    run
}

/// `text` without the characters XML 1.0 cannot hold (control characters but tab).
pub(super) fn xml_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if (c.is_control() && c != '\t') || c == '\u{FFFE}' || c == '\u{FFFF}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn title_page(doc: &Document, brand: &Brand, ids: &mut Ids) -> Section {
    let h = &doc.heading;
    let mut section = Section::new();
    if let Some(logo) = &brand.logo {
        let (w, hgt) = logo.fit(
            LOGO_BOX.0.min(logo.width * EMU_PER_PX),
            LOGO_BOX.1.min(logo.height * EMU_PER_PX),
        );
        let pic = Pic::new_with_dimensions(logo.png.clone(), logo.width, logo.height)
            .id("rIdImage1")
            .size(w, hgt);
        section = section.add_paragraph(ids.p().add_run(Run::new().add_image(pic)));
    }
    if !brand.name.trim().is_empty() {
        section = section.add_paragraph(
            ids.p()
                .add_run(text_run(&format!("Prepared by {}", brand.name)).color("595959")),
        );
    }
    section = section
        .add_paragraph(ids.p().style("Title").add_run(text_run(&h.title)))
        .add_paragraph(ids.p().add_run(text_run(&h.organisation).bold().size(28)))
        .add_paragraph(ids.p());
    let mut rows: Vec<(String, String)> = vec![
        ("Organisation".into(), h.organisation.clone()),
        ("Document".into(), h.title.clone()),
        ("Date".into(), h.date.to_string()),
        ("SoA version".into(), h.soa_version.clone()),
        ("Author".into(), h.author.clone()),
        ("Classification".into(), CLASSIFICATION.into()),
    ];
    if !brand.name.trim().is_empty() {
        rows.push(("Prepared by".into(), brand.name.clone()));
    }
    if let Some(cover) = &doc.cover {
        for row in &cover.rows {
            let item = row.first().map(Cell::text).unwrap_or_default();
            let value = row.get(1).map(Cell::text).unwrap_or_default();
            // The cover repeats the heading's lines; the title page has them already.
            if !rows.iter().any(|(known, _)| *known == item) && item != "Client" {
                rows.push((item, value));
            }
        }
    }
    let table_rows = rows
        .iter()
        .map(|(item, value)| {
            TableRow::new(vec![
                cell(ids, item, None, true).width(3_000, WidthType::Dxa),
                cell(ids, value, None, false).width(6_600, WidthType::Dxa),
            ])
        })
        .collect();
    section.add_table(
        Table::new(table_rows)
            .set_grid(vec![3_000, 6_600])
            .layout(TableLayoutType::Fixed),
    )
}

fn page_header(doc: &Document, ids: &mut Ids) -> Header {
    Header::new().add_paragraph(
        ids.p().align(AlignmentType::Right).add_run(
            text_run(&format!(
                "{} · {} · {}",
                doc.heading.organisation, doc.heading.title, CLASSIFICATION
            ))
            .size(16)
            .color("595959"),
        ),
    )
}

fn page_footer(doc: &Document, ids: &mut Ids) -> Footer {
    let small = |s: &str| Run::new().add_text(s).size(16).color("595959");
    Footer::new().add_paragraph(
        ids.p()
            .align(AlignmentType::Center)
            .add_run(small(&format!("{} · Page ", doc.heading.date)))
            .add_page_num(PageNum::new())
            .add_run(small(" of "))
            .add_num_pages(NumPages::new()),
    )
}

/// The heat maps and the registers, grouped into runs of the same orientation: each group
/// becomes one section.
fn body(doc: &Document, ids: &mut Ids) -> Vec<(bool, Vec<Block>)> {
    let mut groups: Vec<(bool, Vec<Block>)> = Vec::new();
    let mut push = |landscape: bool, blocks: Vec<Block>| match groups.last_mut() {
        Some((l, b)) if *l == landscape => b.extend(blocks),
        _ => groups.push((landscape, blocks)),
    };
    if !doc.heat_maps.is_empty() {
        let mut blocks = vec![heading(ids, 1, "Heat maps")];
        for map in &doc.heat_maps {
            blocks.extend(heat_map(ids, map));
        }
        push(false, blocks);
    }
    for table in &doc.tables {
        let landscape = table.columns.len() >= LANDSCAPE_FROM_COLUMNS;
        let width = if landscape { A4_LONG } else { A4_SHORT } - 2 * MARGIN;
        push(
            landscape,
            vec![
                heading(ids, 1, &format!("{} ({})", table.title, table.rows.len())),
                Block::T(Box::new(register(ids, table, width))),
                Block::P(Box::new(ids.p())),
            ],
        );
    }
    groups
}

fn heading(ids: &mut Ids, level: u8, text: &str) -> Block {
    let style = if level == 1 { "Heading1" } else { "Heading2" };
    Block::P(Box::new(
        ids.p().style(style).keep_next(true).add_run(text_run(text)),
    ))
}

/// One cell: its text in table size, bold in a header, filled when it shows a level.
fn cell(ids: &mut Ids, text: &str, fill: Option<u32>, bold: bool) -> TableCell {
    let mut run = text_run(text).size(TABLE_SIZE);
    if bold {
        run = run.bold();
    }
    let mut c = TableCell::new().add_paragraph(ids.p().add_run(run));
    if let Some(fill) = fill {
        c = c.shading(Shading::new().fill(format!("{fill:06X}")));
    }
    c
}

/// Column widths from the longest text of each column (header and rows), each between a short
/// code and a long sentence, scaled to the page.
fn widths(table: &tables::Table, page: u32) -> Vec<usize> {
    let weight = |i: usize| {
        let header = table.columns[i].header.chars().count().min(18);
        let longest = table
            .rows
            .iter()
            .filter_map(|r| r.get(i))
            .map(|c| c.text().chars().count())
            .max()
            .unwrap_or(0);
        header.max(longest).clamp(6, 48)
    };
    let weights: Vec<usize> = (0..table.columns.len()).map(weight).collect();
    let total: usize = weights.iter().sum::<usize>().max(1);
    weights.iter().map(|w| w * page as usize / total).collect()
}

/// A register as a table: the header row repeats at the top of every page and is never split.
fn register(ids: &mut Ids, table: &tables::Table, page: u32) -> Table {
    let widths = widths(table, page);
    let header = TableRow::new(
        table
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, &w)| {
                cell(ids, &c.header, None, true)
                    .shading(Shading::new().fill(HEADER_FILL))
                    .width(w, WidthType::Dxa)
            })
            .collect(),
    );
    let mut rows = vec![package::repeat_as_header(header)];
    for row in &table.rows {
        let cells = row
            .iter()
            .zip(&widths)
            .map(|(c, &w)| {
                let (text, fill, bold) = match c {
                    Cell::Level { text, fill } => (text.clone(), Some(*fill), true),
                    other => (other.text(), None, false),
                };
                cell(ids, &text, fill, bold).width(w, WidthType::Dxa)
            })
            .collect();
        rows.push(TableRow::new(cells));
    }
    Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(page as usize, WidthType::Dxa)
}

/// A heat map under its heading: likelihood rows, impact columns, each cell its count and level,
/// on the level's colour where risks lie.
fn heat_map(ids: &mut Ids, map: &HeatMap) -> Vec<Block> {
    let columns = map.impact.len() + 1;
    let w = ((A4_SHORT - 2 * MARGIN) as usize / columns).min(1_700);
    let mut header = vec![cell(ids, "Likelihood \\ Impact", None, true).width(w, WidthType::Dxa)];
    for impact in &map.impact {
        header.push(cell(ids, impact, None, true).width(w, WidthType::Dxa));
    }
    let mut rows = vec![package::repeat_as_header(TableRow::new(header))];
    for (likelihood, row) in map.likelihood.iter().zip(&map.rows) {
        let mut cells = vec![cell(ids, likelihood, None, true).width(w, WidthType::Dxa)];
        for c in row {
            // An empty cell is not coloured as a level: the colour marks where risks lie.
            let fill = (c.count > 0 && !c.level.is_empty()).then(|| colour_rgb(&c.colour));
            let text = format!("{}\n{}", c.count, c.level);
            cells.push(cell(ids, &text, fill, false).width(w, WidthType::Dxa));
        }
        rows.push(TableRow::new(cells));
    }
    let mut blocks = vec![
        heading(ids, 2, &map.title),
        Block::T(Box::new(
            Table::new(rows)
                .set_grid(vec![w; columns])
                .layout(TableLayoutType::Fixed),
        )),
    ];
    if map.unrated > 0 {
        let note = text_run(&format!("Not rated: {}", map.unrated));
        blocks.push(Block::P(Box::new(ids.p().add_run(note))));
    }
    blocks
}

#[cfg(test)]
mod tests;
