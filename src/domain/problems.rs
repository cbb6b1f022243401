//! Every problem of a record, not only the first: a form stops at the first bad field, but an
//! import lists all of a line's problems, so that one pass over the sheet fixes them.

use super::text::{Field, ValidationError};

/// What a record's error names when it has no problem to name.
const RECORD: Field = Field::new("record");

/// The problems found so far in one record.
#[derive(Debug, Default)]
pub struct Problems(Vec<ValidationError>);

impl Problems {
    /// A field's cleaned value; its problem, if any, is collected and the value left empty
    /// (the record is refused anyway).
    pub fn keep(&mut self, checked: Result<String, ValidationError>) -> String {
        checked.unwrap_or_else(|e| {
            self.0.push(e);
            String::new()
        })
    }

    pub fn push(&mut self, problem: ValidationError) {
        self.0.push(problem);
    }

    /// `Ok(value)` when nothing was found, else every problem.
    pub fn settled<T>(self, value: T) -> Result<T, Vec<ValidationError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

/// The first of a record's problems, for the callers that show one.
pub fn first(problems: Vec<ValidationError>) -> ValidationError {
    problems
        .into_iter()
        .next()
        .unwrap_or_else(|| ValidationError::new(RECORD, "is not valid"))
}

#[cfg(test)]
mod tests {
    use crate::domain::asset::{Asset, AssetKind};

    #[test]
    fn every_problem_of_a_record_is_collected() {
        let mut asset = Asset::new(AssetKind::Hardware, "  ");
        asset.owner = "two\nlines".into();
        asset.location = "x".repeat(300);
        let problems = asset.clone().validated_all().unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.name()).collect();
        assert_eq!(fields, ["name", "owner", "location"]);
        assert_eq!(asset.validated().unwrap_err().field, "name");
    }
}
