//! The yearly cycle: the marks the Risks and Protection screens show.

mod marks;

pub use marks::{Marks, fields_in_words};
