//! HTML: one self-contained page, printable to PDF from a browser: inline CSS (with print
//! styles), no scripts, no external assets, no links. Heading, cover, heat maps, then the
//! registers as tables with levels filled with their colour.

use std::fmt::Write;

use super::Document;
use super::heatmap::HeatMap;
use super::tables::{Cell, Table, colour_rgb};
use crate::domain::brand::Brand;

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;\
font-size:13px;color:#1a1a1a;margin:2em auto;max-width:1400px;padding:0 1em}\
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.8em;\
border-bottom:1px solid #ccc;padding-bottom:.2em}h3{font-size:1.05em}\
p.meta{color:#444;margin-top:0}\
table{border-collapse:collapse;width:100%;margin:.6em 0}\
th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top;text-align:left;\
white-space:pre-wrap;overflow-wrap:anywhere}\
th{background:#d9e1f2}\
table.cover{width:auto}table.cover th{background:#f2f2f2;white-space:nowrap}\
.maps{display:flex;flex-wrap:wrap;gap:2em}\
table.heat{width:auto}table.heat td{text-align:center;min-width:5.5em}\
table.heat td small{display:block;color:#333}\
td.level{font-weight:600}\
@media print{body{margin:0;max-width:none;font-size:9pt}\
h2{break-after:avoid}thead{display:table-header-group}tr{break-inside:avoid}\
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\
@page{size:A4 landscape;margin:12mm}";

pub fn render(doc: &Document, brand: &Brand) -> String {
    let h = &doc.heading;
    let mut s = String::new();
    let title = format!("{} — {}", h.title, h.organisation);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    brand_block(&mut s, brand);
    let _ = writeln!(s, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        s,
        "<p class=\"meta\">Organisation: <strong>{}</strong> · Date: <strong>{}</strong> · {}</p>",
        escape(&h.organisation),
        h.date,
        escape(&h.soa_version)
    );
    if let Some(cover) = &doc.cover {
        s.push_str("<table class=\"cover\">\n");
        for row in &cover.rows {
            let item = row.first().map(Cell::text).unwrap_or_default();
            let _ = write!(s, "<tr><th>{}</th>", escape(&item));
            if let Some(value) = row.get(1) {
                cell(&mut s, value);
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</table>\n");
    }
    if !doc.heat_maps.is_empty() {
        s.push_str("<h2>Heat maps</h2>\n<div class=\"maps\">\n");
        for map in &doc.heat_maps {
            heat_map(&mut s, map);
        }
        s.push_str("</div>\n");
    }
    for table in &doc.tables {
        write_table(&mut s, table);
    }
    s.push_str("</body>\n</html>\n");
    s
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
        "<section>\n<h3>{}</h3>\n<table class=\"heat\">\n<thead><tr><th>Likelihood \\ Impact</th>",
        escape(&map.title)
    );
    for impact in &map.impact {
        let _ = write!(s, "<th>{}</th>", escape(impact));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for (likelihood, row) in map.likelihood.iter().zip(&map.rows) {
        let _ = write!(s, "<tr><th>{}</th>", escape(likelihood));
        for c in row {
            let _ = write!(
                s,
                "<td style=\"background:#{:06X}\">{}<small>{}</small></td>",
                colour_rgb(&c.colour),
                c.count,
                escape(&c.level)
            );
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    if map.unrated > 0 {
        let _ = writeln!(s, "<p>Not rated: {}</p>", map.unrated);
    }
    s.push_str("</section>\n");
}

fn write_table(s: &mut String, table: &Table) {
    let _ = write!(
        s,
        "<h2>{} ({})</h2>\n<table>\n<thead><tr>",
        escape(&table.title),
        table.rows.len()
    );
    for c in &table.columns {
        let _ = write!(s, "<th>{}</th>", escape(&c.header));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        s.push_str("<tr>");
        for c in row {
            cell(s, c);
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
}

fn cell(s: &mut String, c: &Cell) {
    match c {
        Cell::Level { text, fill } => {
            let _ = write!(
                s,
                "<td class=\"level\" style=\"background:#{fill:06X}\">{}</td>",
                escape(text)
            );
        }
        other => {
            let _ = write!(s, "<td>{}</td>", escape(&other.text()));
        }
    }
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
    fn markup_in_data_stays_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
