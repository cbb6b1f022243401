//! isms: a keyboard-first terminal workbench for an ISO/IEC 27001:2022 ISMS.

pub mod clock;
pub mod domain;
pub mod store;
