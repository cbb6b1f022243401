//! The ISMS itself: types, validation and derivations (risk levels, inheritance of protection
//! needs, SoA consistency, audit readiness). Pure: no I/O, no SQL, no terminal.

pub mod asset;
pub mod audit;
pub mod baseline;
pub mod brand;
pub mod catalog;
pub mod clause;
pub mod control;
pub mod document;
pub mod due;
pub mod enums;
pub mod evaluation;
pub mod file_name;
pub mod history;
pub mod imported_history;
pub mod methodology;
pub mod nonconformity;
pub mod objective;
pub mod order;
pub mod party;
pub mod passphrase;
pub mod person;
pub mod problems;
pub mod protection;
pub mod question;
pub mod readiness;
pub mod reference;
pub mod review;
pub mod risk;
pub mod scope;
pub mod soa;
pub mod text;
pub mod treatment;
pub mod wording;
pub mod workshop;

pub use text::{Field, ValidationError};
