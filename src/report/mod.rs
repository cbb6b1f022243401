//! Everything that turns domain values into text for people and scripts: listings now,
//! exports and imports later. Reads domain values; asks the domain for every derived value.

pub mod diff;
pub mod export;
pub mod import;
pub mod listing;

use std::borrow::Cow;

/// A CSV cell a spreadsheet cannot evaluate. Excel and LibreOffice read a cell that begins with
/// `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(...)` phones home, `=cmd|...` runs a program),
/// and a tab or carriage return first can hide such a beginning; as OWASP's CSV injection
/// guidance recommends, such a cell gets a leading `'`, which makes it text. The CSV writer
/// quotes the cell as it needs to, so the `'` stays inside the field.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_evaluate_become_text() {
        for formula in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(csv_cell(formula), format!("'{formula}"));
        }
        for plain in ["Server", "", "1+1", "a=b", "'quoted", "2026-03-31", "—"] {
            assert_eq!(csv_cell(plain), plain);
        }
    }
}
