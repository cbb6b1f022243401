//! isms: a keyboard-first terminal workbench for an ISO/IEC 27001:2022 ISMS.

pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod demo;
pub mod domain;
pub mod palette;
pub mod registry;
pub mod report;
pub mod store;
pub mod ui;

/// The one clock, built at the edges and handed down (see `clock`).
pub use clock::Clock;
