//! Text input rules shared by every field: trimmed, no control characters or bidirectional
//! overrides, bounded length; and text as a terminal may show it, with those escaped.

use chrono::Datelike;

/// The name of a field a value is entered in. A `ValidationError` names its field with one, and
/// a form finds its fields by the same constants (each register's `field` module), so an error
/// lands next to the field it is about and a misspelt name does not compile.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Field(&'static str);

impl Field {
    pub const fn new(name: &'static str) -> Self {
        Self(name)
    }

    /// The name as messages, CLI output and import error lines show it.
    pub const fn name(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.0)
    }
}

/// Written as the bare name, as it read when it was a string.
impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

impl PartialEq<&str> for Field {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<Field> for &str {
    fn eq(&self, other: &Field) -> bool {
        *self == other.0
    }
}

/// A value a user typed that breaks a rule; names the field and what is expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: Field,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// Longest single-line value (names, titles, owners).
pub const LINE_MAX: usize = 200;
/// Longest multi-line value (descriptions, justifications, statements).
pub const TEXT_MAX: usize = 20_000;

/// A single-line value: trimmed; any control character (including a line break) is refused.
pub fn line(field: Field, value: &str) -> Result<String, ValidationError> {
    check(field, value, LINE_MAX, false)
}

/// A single-line value that must not be empty.
pub fn required_line(field: Field, value: &str) -> Result<String, ValidationError> {
    let v = line(field, value)?;
    if v.is_empty() {
        return Err(ValidationError::new(field, "is required"));
    }
    Ok(v)
}

/// A multi-line value: trimmed; line breaks and tabs allowed, other control characters refused.
pub fn text(field: Field, value: &str) -> Result<String, ValidationError> {
    check(field, value, TEXT_MAX, true)
}

/// A bidirectional formatting character (embeddings, overrides, isolates, marks): invisible,
/// yet it reorders the text after it on screen, so that a name could read as something else
/// ("Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Whether a terminal must not get `c` raw: a control character (escape sequences, line
/// breaks, bells) or a bidirectional control.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// `value` as a message or a terminal may show it: control characters (line breaks, escape
/// sequences) and bidirectional controls written as escapes such as `\n`, `\u{1b}` or
/// `\u{202e}`, so that showing a bad value can neither break a line nor act on the terminal.
pub fn shown(value: &str) -> String {
    escaped(value, |_| false)
}

/// Like [`shown`], but line breaks stay: for text of several lines, such as an error listing
/// every bad line of an import.
pub fn shown_lines(value: &str) -> String {
    escaped(value, |c| c == '\n')
}

fn escaped(value: &str, keep: impl Fn(char) -> bool) -> String {
    if !value.chars().any(acts_on_terminal) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if acts_on_terminal(c) && !keep(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// How a date is asked for in messages: the forms [`date`] reads.
pub const DATE_FORMATS: &str = "YYYY-MM-DD or DD.MM.YYYY, e.g. 2026-03-31 or 31.03.2026";

/// An optional date, given as ISO (`2026-03-31`) or as written in German-speaking countries
/// (`31.03.2026`, `31.3.2026`); empty means none. It is shown and stored as ISO. The year has
/// four digits: chrono alone would take `0-01-01` or `+12345-01-01`, which no spreadsheet,
/// SQLite date function or export reads as a date.
pub fn date(field: Field, value: &str) -> Result<Option<chrono::NaiveDate>, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    iso_date(v)
        .or_else(|| dotted_date(v))
        .filter(|d| d.year() >= 1)
        .map(Some)
        .ok_or_else(|| {
            ValidationError::new(
                field,
                format!("'{}' is not a date; expected {DATE_FORMATS}", shown(v)),
            )
        })
}

/// `2026-03-31` (or `2026-3-1`), with a year of four digits.
fn iso_date(v: &str) -> Option<chrono::NaiveDate> {
    let four_digit_year =
        v.len() > 4 && v.as_bytes()[..4].iter().all(u8::is_ascii_digit) && v.as_bytes()[4] == b'-';
    four_digit_year
        .then(|| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
        .flatten()
}

/// `31.03.2026` or `31.3.2026`: day and month of one or two digits, a year of four.
fn dotted_date(v: &str) -> Option<chrono::NaiveDate> {
    let mut parts = v.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, lengths: &[usize]| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some()
        || !digits(day, &[1, 2])
        || !digits(month, &[1, 2])
        || !digits(year, &[4])
    {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

fn check(
    field: Field,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<String, ValidationError> {
    let trimmed = value.trim();
    if let Some(c) = trimmed
        .chars()
        .find(|&c| acts_on_terminal(c) && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
    {
        let what = if c == '\n' || c == '\r' {
            "must be a single line".to_string()
        } else if is_bidi_control(c) {
            format!(
                "contains the bidirectional control character U+{:04X}, which would make the \
                 text read differently from what it is",
                c as u32
            )
        } else {
            format!("contains the control character U+{:04X}", c as u32)
        };
        return Err(ValidationError::new(field, what));
    }
    let len = trimmed.chars().count();
    if len > max {
        return Err(ValidationError::new(
            field,
            format!("is {len} characters long; at most {max} are allowed"),
        ));
    }
    // Every kind of line break becomes `\n`, so that a validated text validates to itself.
    Ok(trimmed.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Refuses a date whose year lies outside 0001 to 9999 (what the date columns and ISO dates
/// hold), naming the field.
pub fn check_year(field: Field, date: Option<chrono::NaiveDate>) -> Result<(), ValidationError> {
    use chrono::Datelike;
    match date.filter(|d| !(1..=9999).contains(&d.year())) {
        Some(d) => Err(ValidationError::new(
            field,
            format!(
                "the year {} is out of range; expected 0001 to 9999",
                d.year()
            ),
        )),
        None => Ok(()),
    }
}

/// Each entry a trimmed single line, the first of each kept, in the order given.
pub fn distinct_lines(field: Field, values: &[String]) -> Result<Vec<String>, ValidationError> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v = required_line(field, v)?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: Field = Field::new("name");
    const NOTE: Field = Field::new("note");
    const DUE: Field = Field::new("due");

    #[test]
    fn a_field_reads_as_its_name() {
        assert_eq!(NAME.name(), "name");
        assert_eq!(NAME.to_string(), "name");
        assert_eq!(format!("[{NAME:>6}]"), "[  name]");
        assert_eq!(format!("{NAME:?}"), "\"name\"");
        assert_eq!(NAME, "name");
        assert_eq!("name", NAME);
        assert_ne!(NAME, "note");
    }

    #[test]
    fn trims_and_keeps_unicode() {
        assert_eq!(
            line(NAME, "  Müller & Söhne 株式会社 ").unwrap(),
            "Müller & Söhne 株式会社"
        );
    }

    #[test]
    fn refuses_control_characters_naming_the_field() {
        let err = line(NAME, "a\u{7}b").unwrap_err();
        assert_eq!(
            err.to_string(),
            "name: contains the control character U+0007"
        );
        assert_eq!(
            line(NAME, "a\nb").unwrap_err().message,
            "must be a single line"
        );
    }

    #[test]
    fn multiline_allows_breaks_but_not_escape() {
        assert_eq!(text(NOTE, "a\r\nb\tc").unwrap(), "a\nb\tc");
        assert!(text(NOTE, "a\u{1b}[31m").is_err());
    }

    #[test]
    fn every_line_break_becomes_a_newline_so_text_validates_to_itself() {
        assert_eq!(text(NOTE, "¡\r\r\n0").unwrap(), "¡\n\n0");
        assert_eq!(text(NOTE, "a\rb").unwrap(), "a\nb");
        assert_eq!(text(NOTE, "¡\n\n0").unwrap(), "¡\n\n0");
    }

    #[test]
    fn length_is_bounded_in_characters() {
        assert!(line(NAME, &"ä".repeat(LINE_MAX)).is_ok());
        let err = line(NAME, &"ä".repeat(LINE_MAX + 1)).unwrap_err();
        assert!(err.message.contains("at most 200"), "{err}");
    }

    #[test]
    fn dates_are_iso_or_empty() {
        assert_eq!(date(DUE, " ").unwrap(), None);
        assert_eq!(
            date(DUE, "2026-03-31").unwrap().unwrap().to_string(),
            "2026-03-31"
        );
        let err = date(DUE, "31/03/2026").unwrap_err();
        assert_eq!(
            err.to_string(),
            "due: '31/03/2026' is not a date; expected YYYY-MM-DD or DD.MM.YYYY, e.g. \
             2026-03-31 or 31.03.2026"
        );
        assert!(date(DUE, "2026-02-30").is_err());
    }

    #[test]
    fn dates_are_also_taken_day_first_with_dots_and_come_back_iso() {
        for typed in ["30.09.2026", "30.9.2026", " 2026-09-30 ", "2026-9-30"] {
            assert_eq!(
                date(DUE, typed).unwrap().unwrap().to_string(),
                "2026-09-30",
                "{typed}"
            );
        }
        assert_eq!(
            date(DUE, "1.1.2027").unwrap().unwrap().to_string(),
            "2027-01-01"
        );
        for bad in [
            "31.9.2026",
            "30.09.26",
            "30.09.02026",
            "30.09.2026.",
            "300.9.2026",
            "30..2026",
            "+3.09.2026",
            "30.09",
            "0.09.2026",
            "30.13.2026",
        ] {
            let err = date(DUE, bad).unwrap_err();
            assert!(err.message.contains("DD.MM.YYYY"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_quoted_bad_value_cannot_act_on_the_terminal() {
        assert_eq!(
            shown("esc\u{1b}[2J\nnext\u{7}"),
            "esc\\u{1b}[2J\\nnext\\u{7}"
        );
        assert_eq!(shown("Müller 株式会社"), "Müller 株式会社");
        assert_eq!(
            date(DUE, "\u{1b}[2J").unwrap_err().message,
            format!("'\\u{{1b}}[2J' is not a date; expected {DATE_FORMATS}")
        );
    }

    #[test]
    fn bidirectional_controls_are_refused_naming_the_field_and_the_character() {
        for (c, code) in [
            ('\u{202E}', "U+202E"),
            ('\u{202A}', "U+202A"),
            ('\u{2066}', "U+2066"),
            ('\u{2069}', "U+2069"),
            ('\u{200E}', "U+200E"),
            ('\u{200F}', "U+200F"),
            ('\u{061C}', "U+061C"),
        ] {
            let err = line(NAME, &format!("invoice{c}fdp.exe")).unwrap_err();
            assert_eq!(err.field, "name");
            assert!(err.message.contains(code), "{err}");
            assert!(err.message.contains("bidirectional"), "{err}");
            assert!(text(NOTE, &format!("a\n{c}b")).is_err(), "{code}");
        }
        // Right-to-left text itself is fine: only the invisible controls are refused.
        assert_eq!(line(NAME, "שרת ראשי").unwrap(), "שרת ראשי");
        assert_eq!(line(NAME, "خادم").unwrap(), "خادم");
    }

    #[test]
    fn bidirectional_controls_are_shown_escaped() {
        assert_eq!(shown("a\u{202E}b\u{2066}c"), "a\\u{202e}b\\u{2066}c");
        assert_eq!(
            shown_lines("line 1: \u{1b}]0;title\u{7}\nline 2: \u{202E}x"),
            "line 1: \\u{1b}]0;title\\u{7}\nline 2: \\u{202e}x"
        );
        assert_eq!(shown_lines("plain\ntext"), "plain\ntext");
    }

    #[test]
    fn a_date_has_a_four_digit_year() {
        for bad in [
            "0-01-01",
            "0000-01-01",
            "+12345-01-01",
            "12345-01-01",
            "-001-01-01",
            "26-03-31",
        ] {
            let err = date(DUE, bad).unwrap_err();
            assert!(err.message.contains("expected YYYY-MM-DD"), "{bad}: {err}");
        }
        assert_eq!(
            date(DUE, "0001-01-01").unwrap().unwrap().to_string(),
            "0001-01-01"
        );
        assert_eq!(
            date(DUE, "2026-3-1").unwrap().unwrap().to_string(),
            "2026-03-01"
        );
    }

    #[test]
    fn required_refuses_whitespace_only() {
        assert_eq!(
            required_line(NAME, "   ").unwrap_err().to_string(),
            "name: is required"
        );
    }
}
