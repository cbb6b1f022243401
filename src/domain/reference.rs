//! Stable human references shown next to row ids: `S-001`, `IP-001`, `AS-001`, `R-001`...

use crate::string_enum;

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
    }
);

impl RefKind {
    /// `AS-007`; numbers past 999 simply grow (`AS-1000`).
    pub fn format(self, number: u32) -> String {
        format!("{}-{:03}", self.as_str(), number)
    }

    /// The number in `AS-007` (prefix case-insensitive), if the reference is of this kind.
    pub fn parse(self, reference: &str) -> Option<u32> {
        let (prefix, digits) = reference.trim().split_once('-')?;
        if !prefix.eq_ignore_ascii_case(self.as_str()) || digits.is_empty() {
            return None;
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|&n| n > 0)
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
}
