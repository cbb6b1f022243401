//! Controls: the 93 of Annex A 2022 (numbers and short titles only) and the workspace's own
//! custom controls (`C-001`), which may come from another set and say which Annex A controls they cover.

use serde::{Deserialize, Serialize};

use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    Theme {
        Organizational => "organizational", "Organizational",
        People => "people", "People",
        Physical => "physical", "Physical",
        Technological => "technological", "Technological",
        Custom => "custom", "Custom",
    }
);

/// The fields of a custom control, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const TITLE: Field = Field::new("title");
    pub const DESCRIPTION: Field = Field::new("description");
    pub const SOURCE: Field = Field::new("source");
    pub const COVERS: Field = Field::new("covers");
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Control {
    /// `5.1` for Annex A, `C-001` for a custom control.
    pub key: String,
    pub theme: Theme,
    pub title: String,
    pub description: String,
    /// Where a custom control comes from: own, NIST CSF 2.0, a customer requirement...
    pub source: String,
    /// For a custom control: the Annex A controls it covers.
    pub covers: Vec<String>,
}

impl Control {
    pub fn is_annex_a(&self) -> bool {
        self.theme != Theme::Custom
    }

    /// `A.5.1` for Annex A; the custom reference as it is.
    pub fn display_ref(&self) -> String {
        display_ref(&self.key)
    }

    /// Trimmed texts; the covered controls trimmed, each once, blanks dropped, never the
    /// control itself.
    pub fn validated(self) -> Result<Self, ValidationError> {
        let mut covers: Vec<String> = Vec::new();
        for c in &self.covers {
            let c = text::line(field::COVERS, c)?;
            if !self.key.is_empty() && c == self.key {
                return Err(ValidationError::new(
                    field::COVERS,
                    format!("{} cannot cover itself", self.key),
                ));
            }
            if !c.is_empty() && !covers.contains(&c) {
                covers.push(c);
            }
        }
        Ok(Self {
            title: text::required_line(field::TITLE, &self.title)?,
            description: text::text(field::DESCRIPTION, &self.description)?,
            source: text::line(field::SOURCE, &self.source)?,
            covers,
            ..self
        })
    }
}

/// `A.5.1` for an Annex A key; other keys unchanged.
pub fn display_ref(key: &str) -> String {
    if key.starts_with(|c: char| c.is_ascii_digit()) {
        format!("A.{key}")
    } else {
        key.to_string()
    }
}

/// Orders Annex A keys numerically (5.2 before 5.10), custom controls after them.
pub fn key_order(key: &str) -> (u8, u32, u32, String) {
    match key.split_once('.') {
        Some((a, b)) => match (a.parse(), b.parse()) {
            (Ok(a), Ok(b)) => (0, a, b, String::new()),
            _ => (1, 0, 0, key.to_string()),
        },
        None => (1, 0, 0, key.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_references() {
        assert_eq!(display_ref("5.1"), "A.5.1");
        assert_eq!(display_ref("C-004"), "C-004");
    }

    #[test]
    fn covers_are_trimmed_unique_and_never_itself() {
        let control = Control {
            key: "C-001".into(),
            theme: Theme::Custom,
            title: " Questionnaires ".into(),
            description: String::new(),
            source: String::new(),
            covers: vec![" 5.20".into(), "".into(), "5.20".into(), "5.31 ".into()],
        };
        let valid = control.clone().validated().unwrap();
        assert_eq!(valid.title, "Questionnaires");
        assert_eq!(valid.covers, ["5.20", "5.31"]);
        let err = Control {
            covers: vec!["C-001".into()],
            ..control
        }
        .validated()
        .unwrap_err();
        assert_eq!(
            (err.field.name(), err.message.as_str()),
            ("covers", "C-001 cannot cover itself")
        );
    }

    #[test]
    fn numeric_order() {
        let mut keys = vec!["C-001", "5.10", "8.1", "5.2"];
        keys.sort_by_key(|k| key_order(k));
        assert_eq!(keys, ["5.2", "5.10", "8.1", "C-001"]);
    }
}
