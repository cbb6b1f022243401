//! Markdown: GitHub-flavoured tables that render on common forges, under a heading that names
//! the organisation, the date and the SoA version. Every text is escaped: HTML (`<`, `>`, `&`)
//! as entities, so that a name like `<img src=x onerror=...>` is shown, never run, where a forge
//! or viewer renders the Markdown; `|` and `\\` so that a cell stays one cell. A register too
//! wide for a page is split as on paper: a table of its short columns, then a block per item.

use std::fmt::Write;

use super::Document;
use super::heatmap::HeatMap;
use super::layout::{PAGE, item_fields, item_label, layout};
use super::tables::{Cell, Table};

pub fn render(doc: &Document) -> String {
    let h = &doc.heading;
    let mut s = String::new();
    let _ = writeln!(s, "# {} — {}\n", escape(&h.title), escape(&h.organisation));
    let _ = writeln!(
        s,
        "Organisation: **{}** · Date: **{}** · {}\n",
        escape(&h.organisation),
        h.date,
        escape(&h.soa_version)
    );
    if let Some(cover) = &doc.cover {
        for row in &cover.rows {
            let item = row.first().map(Cell::text).unwrap_or_default();
            let value = row.get(1).map(Cell::text).unwrap_or_default();
            let _ = writeln!(s, "- **{}:** {}", escape(&item), escape(&value));
        }
        s.push('\n');
    }
    for map in &doc.heat_maps {
        heat_map(&mut s, map);
    }
    for table in &doc.tables {
        let _ = writeln!(s, "## {} ({})\n", escape(&table.title), table.rows.len());
        write_table(&mut s, table);
    }
    s
}

fn heat_map(s: &mut String, map: &HeatMap) {
    let _ = writeln!(s, "## {}\n", escape(&map.title));
    let _ = write!(s, "| Likelihood \\ Impact |");
    for impact in &map.impact {
        let _ = write!(s, " {} |", escape(impact));
    }
    let _ = write!(s, "\n| --- |");
    for _ in &map.impact {
        s.push_str(" --- |");
    }
    s.push('\n');
    for (likelihood, row) in map.likelihood.iter().zip(&map.rows) {
        let _ = write!(s, "| {} |", escape(likelihood));
        for cell in row {
            let _ = write!(s, " {} ({}) |", cell.count, escape(&cell.level));
        }
        s.push('\n');
    }
    if map.unrated > 0 {
        let _ = writeln!(s, "\nNot rated: {}", map.unrated);
    }
    s.push('\n');
}

/// The table of the columns that fit a page, then, for a register too wide, a block per item
/// with its long texts (`layout`), as the HTML does.
fn write_table(s: &mut String, table: &Table) {
    let l = layout(table, PAGE);
    s.push('|');
    for &c in &l.columns {
        let _ = write!(s, " {} |", escape(&table.columns[c].header));
    }
    s.push_str("\n|");
    for _ in &l.columns {
        s.push_str(" --- |");
    }
    s.push('\n');
    for row in &table.rows {
        s.push('|');
        for &c in &l.columns {
            let text = row.get(c).map(Cell::text).unwrap_or_default();
            let _ = write!(s, " {} |", escape(&text));
        }
        s.push('\n');
    }
    s.push('\n');
    for row in &table.rows {
        let fields = item_fields(table, row, &l);
        if fields.is_empty() {
            continue;
        }
        let _ = writeln!(s, "### {}\n", escape(&item_label(row, &l)));
        for (header, value) in fields {
            let _ = writeln!(s, "- **{}:** {}", escape(header), escape(&value.text()));
        }
        s.push('\n');
    }
}

/// Text safe inside a table cell: HTML as entities, Markdown's own marks (`|`, links, emphasis,
/// code) escaped so that a name shows as typed and never becomes a link, line breaks as `<br>`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' | '[' | ']' | '*' | '_' | '`' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.replace("\r\n", "<br>").replace(['\n', '\r'], "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_one_line_and_their_pipes() {
        assert_eq!(escape(" a|b\nc\r\nd "), "a\\|b<br>c<br>d");
    }

    #[test]
    fn a_name_never_becomes_a_link_or_emphasis() {
        assert_eq!(
            escape("[click](http://x) *bold* _it_ `code` ~~gone~~"),
            "\\[click\\](http://x) \\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~"
        );
    }

    #[test]
    fn html_is_shown_never_run() {
        assert_eq!(
            escape("<script>alert(1)</script> & <img src=x onerror=alert(2)>"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;"
        );
        assert_eq!(escape("a\n<b>"), "a<br>&lt;b&gt;");
    }
}
