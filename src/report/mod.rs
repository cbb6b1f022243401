//! Everything that turns domain values into text for people and scripts: listings now,
//! exports and imports later. Reads domain values; asks the domain for every derived value.

pub mod export;
pub mod import;
pub mod listing;
