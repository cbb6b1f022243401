//! Stable human references shown next to row ids: `S-001`, `IP-001`, `AS-001`, `R-001`, `Q-001`...

use super::text::ValidationError;
use crate::string_enum;

/// The field a reference number is entered in, as validation errors name it.
pub mod field {
    use crate::domain::text::Field;

    pub const NUMBER: Field = Field::new("number");
}

string_enum!(
    /// The kind of numbered item, which fixes its reference prefix.
    RefKind {
        ScopeItem => "S", "Scope item",
        Party => "IP", "Interested party",
        ContextIssue => "CI", "Context issue",
        Asset => "AS", "Asset",
        Risk => "R", "Risk",
        Action => "T", "Treatment action",
        CustomControl => "C", "Custom control",
        Document => "D", "Document",
        Person => "P", "Person",
        Question => "Q", "Open question",
        Workshop => "W", "Workshop",
        Audit => "AU", "Audit",
        Nonconformity => "NC", "Nonconformity",
        Objective => "O", "Objective",
    }
);

/// The highest reference number. Far beyond any register a person keeps, and far enough below
/// `u32::MAX` that numbering on from the last reference can never overflow.
pub const MAX_NUMBER: u32 = 999_999;

impl RefKind {
    /// `AS-007`; numbers past 999 simply grow (`AS-1000`).
    pub fn format(self, number: u32) -> String {
        format!("{}-{:03}", self.as_str(), number)
    }

    /// The number in `AS-007` (prefix case-insensitive), if the reference is of this kind and
    /// its number lies between 1 and [`MAX_NUMBER`].
    pub fn parse(self, reference: &str) -> Option<u32> {
        let (prefix, digits) = reference.trim().split_once('-')?;
        if !prefix.eq_ignore_ascii_case(self.as_str()) || digits.is_empty() {
            return None;
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|n| (1..=MAX_NUMBER).contains(n))
    }

    /// Refuses a number outside 1 to [`MAX_NUMBER`], naming the reference it would make.
    pub fn check_number(self, number: u32) -> Result<u32, ValidationError> {
        if (1..=MAX_NUMBER).contains(&number) {
            return Ok(number);
        }
        Err(ValidationError::new(
            field::NUMBER,
            format!(
                "{} is out of range; numbers run from 1 to {MAX_NUMBER}",
                self.format(number)
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_three_digits_and_grows() {
        assert_eq!(RefKind::Asset.format(7), "AS-007");
        assert_eq!(RefKind::Risk.format(1234), "R-1234");
    }

    #[test]
    fn parses_its_own_kind_only() {
        assert_eq!(RefKind::Asset.parse("as-012"), Some(12));
        assert_eq!(RefKind::Asset.parse("R-012"), None);
        assert_eq!(RefKind::Asset.parse("AS-"), None);
        assert_eq!(RefKind::Asset.parse("AS-0"), None);
        assert_eq!(RefKind::Asset.parse("AS-1x"), None);
    }

    #[test]
    fn numbers_stop_short_of_overflowing() {
        assert_eq!(RefKind::Asset.parse("AS-999999"), Some(MAX_NUMBER));
        assert_eq!(RefKind::Asset.parse("AS-1000000"), None);
        assert_eq!(RefKind::Asset.parse("AS-4294967295"), None);
        assert_eq!(RefKind::Risk.check_number(MAX_NUMBER), Ok(MAX_NUMBER));
        assert_eq!(
            RefKind::Risk
                .check_number(u32::MAX)
                .unwrap_err()
                .to_string(),
            "number: R-4294967295 is out of range; numbers run from 1 to 999999"
        );
        assert_eq!(RefKind::Risk.check_number(0).unwrap_err().field, "number");
    }
}
