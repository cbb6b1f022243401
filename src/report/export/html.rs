//! HTML: one self-contained page, printable to PDF from a browser: inline CSS (with print
//! styles), no scripts, no external assets, no links but to its own sections. A title page
//! with the document control block and the contents, then the cover, the heat maps and the
//! registers, levels filled with their colour. On paper: A4 landscape, a running header with
//! the organisation and "Confidential", "Page 7 of 18" at the foot, text wrapping only at word
//! boundaries (references, dates and levels never), a heat map or a table header never alone
//! at a page end, and a register too wide for the page split into a table of its short
//! columns and a block per item for its long texts (`layout`).

use std::fmt::Write;

use super::Document;
use super::heatmap::HeatMap;
use super::layout::{PAGE, item_fields, item_label, layout};
use super::tables::{Cell, Table, colour_rgb};
use crate::domain::brand::Brand;

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;\
font-size:13px;color:#1a1a1a;margin:2em auto;max-width:1400px;padding:0 1em}\
h1{font-size:1.8em;margin:.2em 0 .6em}h2{font-size:1.25em;margin-top:1.8em;\
border-bottom:1px solid #ccc;padding-bottom:.2em;break-after:avoid}\
h3{font-size:1.05em;margin:.8em 0 .3em;break-after:avoid}\
p.org{font-size:1.1em;color:#444;margin:3em 0 0}div.brand p{color:#444;margin:.3em 0}\
table{border-collapse:collapse;width:100%;margin:.6em 0}\
th,td{border:1px solid #bbb;padding:2px 5px;vertical-align:top;text-align:left;\
white-space:pre-line;overflow-wrap:break-word;word-break:normal;hyphens:manual}\
th{background:#d9e1f2}\
td.nw,.nw{white-space:nowrap}\
table.cover,table.control{width:auto;min-width:50%}\
table.cover th,table.control th{background:#f2f2f2;white-space:nowrap;width:14em}\
table.control td.sign{height:2.5em}\
nav.toc ol{columns:2;padding-left:1.4em}nav.toc a{color:inherit;text-decoration:none}\
.maps{display:grid;grid-template-columns:repeat(auto-fill,minmax(24em,max-content));gap:2em}section.map{break-inside:avoid}\
table.heat{width:auto}table.heat td{text-align:center;min-width:5.5em;white-space:nowrap}\
table.heat td small{display:block;color:#333}table.heat td.zero{color:#767676}\
td.level{font-weight:600;white-space:nowrap}\
div.items{columns:2;column-gap:2.5em}\
section.item{break-inside:avoid;border-left:3px solid #d9e1f2;padding:.1em 0 .1em .7em;\
margin:0 0 .7em}\
section.item dl{display:grid;grid-template-columns:minmax(6em,10em) 1fr;gap:.1em .8em;margin:0}\
section.item dt{font-weight:600}section.item dd{margin:0;white-space:pre-line;\
overflow-wrap:break-word}\
@media print{body{margin:0;max-width:none;font-size:9pt}\
header.title-page{break-after:page}\
thead{display:table-header-group}tr{break-inside:avoid}h2+table{break-before:avoid}\
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// The page rules: A4 landscape, the running header and the page numbers.
fn page_rules(organisation: &str, title: &str) -> String {
    let margin = "font-family:system-ui,sans-serif;font-size:8pt;color:#444";
    format!(
        "@page{{size:A4 landscape;margin:15mm 12mm 14mm 12mm;\
         @top-left{{content:{org};{margin}}}\
         @top-right{{content:\"Confidential\";{margin};font-weight:bold}}\
         @bottom-left{{content:{title};{margin}}}\
         @bottom-right{{content:\"Page \" counter(page) \" of \" counter(pages);{margin}}}}}",
        org = css_string(organisation),
        title = css_string(title),
    )
}

pub fn render(doc: &Document, brand: &Brand) -> String {
    let h = &doc.heading;
    let mut s = String::new();
    let title = format!("{} — {}", h.title, h.organisation);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n",
        escape(&title),
        page_rules(&h.organisation, &format!("{} · {}", h.title, h.date)),
    );
    title_page(&mut s, doc, brand);
    if let Some(cover) = &doc.cover {
        let _ = writeln!(
            s,
            "<section id=\"cover\">\n<h2>{}</h2>\n<table class=\"cover\">",
            escape(&cover_title(cover))
        );
        for row in &cover.rows {
            let item = row.first().map(Cell::text).unwrap_or_default();
            let _ = write!(s, "<tr><th>{}</th>", escape(&item));
            if let Some(value) = row.get(1) {
                cell(&mut s, value, false);
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</table>\n</section>\n");
    }
    if !doc.heat_maps.is_empty() {
        s.push_str("<section id=\"heat-maps\">\n<h2>Heat maps</h2>\n<div class=\"maps\">\n");
        for map in &doc.heat_maps {
            heat_map(&mut s, map);
        }
        s.push_str("</div>\n</section>\n");
    }
    for (i, table) in doc.tables.iter().enumerate() {
        write_table(&mut s, table, i);
    }
    s.push_str("</body>\n</html>\n");
    s
}

fn cover_title(cover: &super::tables::Table) -> String {
    if cover.title.trim().is_empty() {
        "Summary".to_string()
    } else {
        cover.title.clone()
    }
}

/// The title page: the brand, the organisation, the title, the document control block and the contents.
fn title_page(s: &mut String, doc: &Document, brand: &Brand) {
    let h = &doc.heading;
    s.push_str("<header class=\"title-page\">\n");
    brand_block(s, brand);
    let _ = writeln!(
        s,
        "<p class=\"org\">{}</p>\n<h1>{}</h1>",
        escape(&h.organisation),
        escape(&h.title)
    );
    s.push_str("<table class=\"control\">\n");
    let rows = [
        ("Document", h.title.as_str()),
        ("Organisation", h.organisation.as_str()),
        ("Version", h.soa_version.as_str()),
        ("Date", &h.date.to_string()),
        ("Author", h.author.as_str()),
        ("Classification", "Confidential"),
    ];
    for (item, value) in rows {
        let _ = writeln!(s, "<tr><th>{item}</th><td>{}</td></tr>", text(value));
    }
    s.push_str(
        "<tr><th>Approved by (name, date, signature)</th><td class=\"sign\"></td></tr>\n</table>\n",
    );
    s.push_str("<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
    if let Some(cover) = &doc.cover {
        let _ = writeln!(
            s,
            "<li><a href=\"#cover\">{}</a></li>",
            escape(&cover_title(cover))
        );
    }
    if !doc.heat_maps.is_empty() {
        s.push_str("<li><a href=\"#heat-maps\">Heat maps</a></li>\n");
    }
    for (i, table) in doc.tables.iter().enumerate() {
        let _ = writeln!(s, "<li><a href=\"#s{i}\">{}</a></li>", escape(&table.title));
    }
    s.push_str("</ol>\n</nav>\n</header>\n");
}

/// The brand above the title: the logo inline as a `data:` URI (the page stays one file) and
/// "Prepared by NAME".
fn brand_block(s: &mut String, brand: &Brand) {
    use base64::Engine;
    if brand.is_empty() {
        return;
    }
    s.push_str("<div class=\"brand\">");
    if let Some(logo) = &brand.logo {
        let (w, h) = logo.fit(240.min(logo.width), 80.min(logo.height));
        let _ = write!(
            s,
            "<img alt=\"{}\" width=\"{w}\" height=\"{h}\" src=\"data:image/png;base64,{}\">",
            escape(format!("Logo {}", brand.name).trim_end()),
            base64::engine::general_purpose::STANDARD.encode(&logo.png)
        );
    }
    if !brand.name.is_empty() {
        let _ = write!(
            s,
            "<p class=\"meta\">Prepared by {}</p>",
            escape(&brand.name)
        );
    }
    s.push_str("</div>\n");
}

fn heat_map(s: &mut String, map: &HeatMap) {
    let _ = write!(
        s,
        "<section class=\"map\">\n<h3>{}</h3>\n<table class=\"heat\">\n<thead><tr><th>Likelihood \\ Impact</th>",
        escape(&map.title)
    );
    for impact in &map.impact {
        let _ = write!(s, "<th>{}</th>", escape(impact));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for (likelihood, row) in map.likelihood.iter().zip(&map.rows) {
        let _ = write!(s, "<tr><th>{}</th>", escape(likelihood));
        for c in row {
            // An empty cell is not coloured as a level: the colour marks where risks lie.
            if c.count == 0 {
                let _ = write!(
                    s,
                    "<td class=\"zero\">0<small>{}</small></td>",
                    escape(&c.level)
                );
            } else {
                let _ = write!(
                    s,
                    "<td class=\"level\" style=\"background:#{:06X}\">{}<small>{}</small></td>",
                    colour_rgb(&c.colour),
                    c.count,
                    escape(&c.level)
                );
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    if map.unrated > 0 {
        let _ = writeln!(s, "<p>Not rated: {}</p>", map.unrated);
    }
    s.push_str("</section>\n");
}

fn write_table(s: &mut String, table: &Table, index: usize) {
    let l = layout(table, PAGE);
    let _ = write!(
        s,
        "<section id=\"s{index}\">\n<h2>{} ({})</h2>\n<table>\n<thead><tr>",
        escape(&table.title),
        table.rows.len()
    );
    for &c in &l.columns {
        let _ = write!(s, "<th>{}</th>", escape(&table.columns[c].header));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        s.push_str("<tr>");
        for (i, &c) in l.columns.iter().enumerate() {
            if let Some(value) = row.get(c) {
                cell(s, value, i == 0);
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    if !l.details.is_empty() {
        s.push_str("<div class=\"items\">\n");
        for row in &table.rows {
            let fields = item_fields(table, row, &l);
            if fields.is_empty() {
                continue;
            }
            let _ = write!(
                s,
                "<section class=\"item\">\n<h3>{}</h3>\n<dl>",
                text(&item_label(row, &l))
            );
            for (header, value) in fields {
                let _ = write!(
                    s,
                    "<dt>{}</dt><dd>{}</dd>",
                    escape(header),
                    text(&value.text())
                );
            }
            s.push_str("</dl>\n</section>\n");
        }
        s.push_str("</div>\n");
    }
    s.push_str("</section>\n");
}

/// One cell; the reference column, dates, numbers and levels never wrap.
fn cell(s: &mut String, c: &Cell, reference: bool) {
    match c {
        Cell::Level { text, fill } => {
            let _ = write!(
                s,
                "<td class=\"level\" style=\"background:#{fill:06X}\">{}</td>",
                escape(text)
            );
        }
        Cell::Date(_) | Cell::Number(_) => {
            let _ = write!(s, "<td class=\"nw\">{}</td>", escape(&c.text()));
        }
        _ if reference => {
            let _ = write!(s, "<td class=\"nw\">{}</td>", escape(&c.text()));
        }
        other => {
            let _ = write!(s, "<td>{}</td>", text(&other.text()));
        }
    }
}

/// Free text as HTML: escaped, with each short hyphenated word (`R-002`, `2026-03-31`,
/// `A.5.1-x`) kept on one line, since a browser breaks a line after a hyphen.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('-') && word.chars().count() <= 16 {
            let _ = write!(out, "<span class=\"nw\">{}</span>", escape(word));
        } else {
            out.push_str(&escape(word));
        }
        word.clear();
    };
    for ch in value.chars() {
        if ch.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(ch);
        } else {
            word.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Text as a CSS string: quoted, with quotes, backslashes, line breaks and `<` escaped (a
/// name must not end the style sheet).
fn css_string(value: &str) -> String {
    let mut out = String::from("\"");
    for ch in value.chars() {
        match ch {
            '"' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push_str("\\A "),
            '<' => out.push_str("\\3C "),
            '>' => out.push_str("\\3E "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text as HTML content or attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cannot_end_the_style_sheet() {
        assert_eq!(
            css_string("A \"B\" </style><script>"),
            "\"A \\\"B\\\" \\3C /style\\3E \\3C script\\3E \""
        );
    }

    #[test]
    fn hyphenated_references_and_dates_stay_on_one_line() {
        assert_eq!(
            text("R-002 and 2026-03-31 <b>"),
            "<span class=\"nw\">R-002</span> and <span class=\"nw\">2026-03-31</span> &lt;b&gt;"
        );
    }

    #[test]
    fn markup_in_data_stays_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
