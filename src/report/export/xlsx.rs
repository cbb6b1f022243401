//! The workbook: one sheet per register (after a cover sheet for the report), each with the
//! header row and the reference column frozen, the columns an auditor reads first before the
//! long texts, an autofilter, widths from the content (capped, longer text wraps), levels
//! filled with their colour and dates as dates. Each prints on A4: upright when it fits, else
//! landscape, fitted to the width only down to 60 %, the header row repeated on every page. Its properties and print headers name the organisation,
//! the date and the SoA version; its creation date is `today`, so the file is byte-stable.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::Heading;
use super::layout::{PAGE, layout};
use super::tables::{Cell, Table};

/// Excel's paper size code for A4.
const A4: u8 = 9;
/// What an A4 page holds at 100 %, in Excel's column width units, between the default margins.
const LANDSCAPE_WIDTH: usize = 135;
const PORTRAIT_WIDTH: usize = 92;
/// The smallest print scale that stays readable; a wider sheet prints across pages instead,
/// its reference column repeated on each.
const SMALLEST_SCALE: usize = 60;

/// A workbook written a sheet at a time: the cover, then each register as it is built.
pub struct Book<'a> {
    workbook: Workbook,
    heading: &'a Heading,
    formats: Formats,
}

impl<'a> Book<'a> {
    pub fn new(heading: &'a Heading, today: NaiveDate) -> Result<Self, XlsxError> {
        let mut workbook = Workbook::new();
        let h = heading;
        let properties = DocProperties::new()
            .set_title(format!("{} — {}", h.title, h.organisation))
            .set_subject(&h.soa_version)
            .set_company(&h.organisation)
            .set_keywords(format!("ISO/IEC 27001, ISMS, {}", h.soa_version))
            .set_comment(format!(
                "{} of {} as of {}; reflects {}.",
                h.title, h.organisation, h.date, h.soa_version
            ))
            .set_creation_datetime(&excel_date(today)?);
        workbook.set_properties(&properties);
        // Compressing is a quarter of the time of a large workbook; the fastest level exports
        // 10,000 assets and 20,000 risks about 20% faster than level 3 for a file about 40%
        // larger (5 MB instead of 4), which still opens as quickly.
        workbook.set_zip_compression_level(1);
        Ok(Self {
            workbook,
            heading,
            formats: Formats::new(),
        })
    }

    // Constant memory: each sheet goes row by row to an unnamed temporary file rather than
    // being held as cells until the workbook is saved, and strings are stored inline rather than
    // in one shared table. Rows must therefore be written in order, top to bottom.

    pub fn cover(&mut self, cover: &Table) -> Result<(), XlsxError> {
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        write_cover(sheet, self.heading, cover, &self.formats)
    }

    pub fn sheet(&mut self, table: &Table) -> Result<(), XlsxError> {
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        write_table(sheet, self.heading, table, &self.formats)
    }

    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        self.workbook.save_to_buffer()
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    let month =
        u8::try_from(d.month()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    let day = u8::try_from(d.day()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, month, day)
}

struct Formats {
    header: Format,
    text: Format,
    date: Format,
    title: Format,
    label: Format,
}

impl Formats {
    fn new() -> Self {
        let top = Format::new().set_align(FormatAlign::Top);
        Self {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0xD9E1F2)
                .set_border(FormatBorder::Thin),
            text: top.clone().set_text_wrap(),
            date: top.clone().set_num_format("yyyy-mm-dd"),
            title: Format::new().set_bold().set_font_size(16),
            label: top.set_bold(),
        }
    }

    fn level(&self, fill: u32) -> Format {
        self.text.clone().set_background_color(fill)
    }
}

/// `&` starts a code in a print header; a literal one is doubled.
fn print_text(s: &str) -> String {
    s.replace('&', "&&")
}

/// How a sheet `width` units wide prints: on A4, upright when it fits so, fitted to the page's
/// width when that keeps the scale at [`SMALLEST_SCALE`] % or more; the reference column
/// repeats on every page when it spreads across pages.
fn fit(sheet: &mut Worksheet, width: usize) -> Result<(), XlsxError> {
    sheet.set_paper_size(A4);
    if width <= PORTRAIT_WIDTH {
        sheet.set_portrait();
        return Ok(());
    }
    sheet.set_landscape();
    if width <= LANDSCAPE_WIDTH {
        return Ok(());
    }
    if LANDSCAPE_WIDTH * 100 / width >= SMALLEST_SCALE {
        sheet.set_print_fit_to_pages(1, 0);
    } else {
        sheet.set_print_scale(SMALLEST_SCALE as u16);
        sheet.set_repeat_columns(0, 0)?;
    }
    Ok(())
}

fn page_setup(sheet: &mut Worksheet, h: &Heading) {
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_header(format!(
            "&L{}&C{}&R{}",
            print_text(&h.organisation),
            print_text(&h.title),
            h.date
        ))
        .set_footer(format!("&L{}&RPage &P of &N", print_text(&h.soa_version)));
}

fn write_cover(
    sheet: &mut Worksheet,
    heading: &Heading,
    cover: &Table,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(sheet_name(&cover.title))?;
    page_setup(sheet, heading);
    sheet.set_column_width(0, 36)?;
    sheet.set_column_width(1, 90)?;
    sheet.set_column_format(1, &f.text)?;
    sheet.write_string_with_format(
        0,
        0,
        format!("{} — {}", heading.title, heading.organisation),
        &f.title,
    )?;
    sheet.write_string(1, 0, heading.line())?;
    for (i, row) in cover.rows.iter().enumerate() {
        let r = u32::try_from(i + 3).map_err(|_| XlsxError::RowColumnLimitError)?;
        if let Some(label) = row.first() {
            sheet.write_string_with_format(r, 0, label.text(), &f.label)?;
        }
        if let Some(value) = row.get(1) {
            write_cell(sheet, r, 1, value, f, &mut HashMap::new())?;
        }
    }
    Ok(())
}

fn write_table(
    sheet: &mut Worksheet,
    heading: &Heading,
    table: &Table,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(sheet_name(&table.title))?;
    page_setup(sheet, heading);
    sheet.set_repeat_rows(0, 0)?;
    // The reference, the title and the short columns first, the long texts last.
    let l = layout(table, PAGE);
    let order = l.order();
    let mut total = 0;
    for (col, &c) in order.iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, col, &table.columns[c].header, &f.header)?;
        let width = l.widths[c] + 2;
        total += width;
        sheet.set_column_width(col, width as f64)?;
        // Text and numbers take the column's format: one lookup per column, not per cell.
        sheet.set_column_format(col, &f.text)?;
    }
    fit(sheet, total)?;
    let mut levels = HashMap::new();
    for (i, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, &c) in order.iter().enumerate() {
            let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
            if let Some(cell) = row.get(c) {
                write_cell(sheet, r, col, cell, f, &mut levels)?;
            }
        }
    }
    let last_row = u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = u16::try_from(table.columns.len().saturating_sub(1))
        .map_err(|_| XlsxError::RowColumnLimitError)?;
    // The header row and the reference column stay in view.
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_print_area(0, 0, last_row, last_col)?;
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    f: &Formats,
    levels: &mut HashMap<u32, Format>,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) if s.is_empty() => {}
        Cell::Text(s) => {
            sheet.write_string(r, c, within_cell_limit(s).as_ref())?;
        }
        Cell::Date(d) => {
            sheet.write_datetime_with_format(r, c, excel_date(*d)?, &f.date)?;
        }
        Cell::Number(n) => {
            sheet.write_number(r, c, *n)?;
        }
        Cell::Level { text, fill } => {
            let format = levels.entry(*fill).or_insert_with(|| f.level(*fill));
            sheet.write_string_with_format(r, c, text, format)?;
        }
    }
    Ok(())
}

/// The most characters Excel holds in one cell.
const CELL_LIMIT: usize = 32_767;
const CUT_NOTE: &str = " … [cut here: a spreadsheet cell holds at most 32,767 characters; \
the CSV, Markdown, HTML and JSON exports have the whole text]";

/// `s`, or as much of it as a cell holds with a note saying where the rest is: a very large
/// workspace (a control treating tens of thousands of risks) must still export.
fn within_cell_limit(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= CELL_LIMIT {
        return s.into();
    }
    let keep = CELL_LIMIT - CUT_NOTE.chars().count();
    let mut cut: String = s.chars().take(keep).collect();
    cut.push_str(CUT_NOTE);
    cut.into()
}

/// A title as Excel takes it for a sheet: without the characters it forbids (`[]:*?/\\`) and
/// at most 31 characters long (a review's `a) Actions from previous reviews` is cut).
fn sheet_name(title: &str) -> String {
    title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_beyond_a_cell_is_cut_with_a_note_and_shorter_text_is_not() {
        let long = "R-00001, ".repeat(5_000);
        let cut = within_cell_limit(&long);
        assert_eq!(cut.chars().count(), CELL_LIMIT);
        assert!(cut.ends_with(CUT_NOTE));
        assert!(long.starts_with(cut.trim_end_matches(CUT_NOTE)));
        let fits = "ä".repeat(CELL_LIMIT);
        assert_eq!(within_cell_limit(&fits), fits.as_str());
    }
}
