//! Interested parties and their requirements (clause 4.2).

use serde::{Deserialize, Serialize};

use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    PartyKind {
        Customer => "customer", "Customer",
        Regulator => "regulator", "Regulator",
        Supplier => "supplier", "Supplier",
        Employee => "employee", "Employee",
        Shareholder => "shareholder", "Shareholder",
        Partner => "partner", "Partner",
        Other => "other", "Other",
    }
);

/// The fields of an interested party, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const NAME: Field = Field::new("name");
    pub const REQUIREMENTS: Field = Field::new("requirements");
    pub const ADDRESSED: Field = Field::new("addressed");
    pub const KIND: Field = Field::new("kind");
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestedParty {
    pub id: i64,
    pub number: u32,
    pub name: String,
    pub kind: PartyKind,
    pub requirements: String,
    /// Whether the ISMS addresses these requirements (asked since 2022).
    pub addressed: bool,
}

impl InterestedParty {
    pub fn new(kind: PartyKind, name: &str) -> Self {
        Self {
            id: 0,
            number: 0,
            name: name.to_string(),
            kind,
            requirements: String::new(),
            addressed: false,
        }
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        Ok(Self {
            name: text::required_line(field::NAME, &self.name)?,
            requirements: text::text(field::REQUIREMENTS, &self.requirements)?,
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_is_required_and_trimmed() {
        assert!(
            InterestedParty::new(PartyKind::Customer, "")
                .validated()
                .is_err()
        );
        let p = InterestedParty::new(PartyKind::Regulator, " BSI ")
            .validated()
            .unwrap();
        assert_eq!(p.name, "BSI");
    }
}
