//! Text input rules shared by every field: trimmed, no control characters, bounded length.

/// A value a user typed that breaks a rule; names the field and what is expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: &'static str,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
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
pub fn line(field: &'static str, value: &str) -> Result<String, ValidationError> {
    check(field, value, LINE_MAX, false)
}

/// A single-line value that must not be empty.
pub fn required_line(field: &'static str, value: &str) -> Result<String, ValidationError> {
    let v = line(field, value)?;
    if v.is_empty() {
        return Err(ValidationError::new(field, "is required"));
    }
    Ok(v)
}

/// A multi-line value: trimmed; line breaks and tabs allowed, other control characters refused.
pub fn text(field: &'static str, value: &str) -> Result<String, ValidationError> {
    check(field, value, TEXT_MAX, true)
}

/// An optional ISO date (`2026-03-31`); empty means none.
pub fn date(
    field: &'static str,
    value: &str,
) -> Result<Option<chrono::NaiveDate>, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            ValidationError::new(
                field,
                format!("'{v}' is not a date; expected YYYY-MM-DD, e.g. 2026-03-31"),
            )
        })
}

fn check(
    field: &'static str,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<String, ValidationError> {
    let trimmed = value.trim();
    if let Some(c) = trimmed
        .chars()
        .find(|&c| c.is_control() && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
    {
        let what = if c == '\n' || c == '\r' {
            "must be a single line".to_string()
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
    Ok(trimmed.replace("\r\n", "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_keeps_unicode() {
        assert_eq!(
            line("name", "  Müller & Söhne 株式会社 ").unwrap(),
            "Müller & Söhne 株式会社"
        );
    }

    #[test]
    fn refuses_control_characters_naming_the_field() {
        let err = line("name", "a\u{7}b").unwrap_err();
        assert_eq!(
            err.to_string(),
            "name: contains the control character U+0007"
        );
        assert_eq!(
            line("name", "a\nb").unwrap_err().message,
            "must be a single line"
        );
    }

    #[test]
    fn multiline_allows_breaks_but_not_escape() {
        assert_eq!(text("note", "a\r\nb\tc").unwrap(), "a\nb\tc");
        assert!(text("note", "a\u{1b}[31m").is_err());
    }

    #[test]
    fn length_is_bounded_in_characters() {
        assert!(line("name", &"ä".repeat(LINE_MAX)).is_ok());
        let err = line("name", &"ä".repeat(LINE_MAX + 1)).unwrap_err();
        assert!(err.message.contains("at most 200"), "{err}");
    }

    #[test]
    fn dates_are_iso_or_empty() {
        assert_eq!(date("due", " ").unwrap(), None);
        assert_eq!(
            date("due", "2026-03-31").unwrap().unwrap().to_string(),
            "2026-03-31"
        );
        let err = date("due", "31.03.2026").unwrap_err();
        assert_eq!(
            err.to_string(),
            "due: '31.03.2026' is not a date; expected YYYY-MM-DD, e.g. 2026-03-31"
        );
        assert!(date("due", "2026-02-30").is_err());
    }

    #[test]
    fn required_refuses_whitespace_only() {
        assert_eq!(
            required_line("name", "   ").unwrap_err().to_string(),
            "name: is required"
        );
    }
}
