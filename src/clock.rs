//! The one clock of the app. `ISMS_TODAY=2026-03-31` fixes "today" for tests and demos.

use chrono::{Local, NaiveDate};

pub const TODAY_VAR: &str = "ISMS_TODAY";

/// Today, from `ISMS_TODAY` when it holds a valid ISO date, else the local calendar.
pub fn today() -> NaiveDate {
    std::env::var(TODAY_VAR)
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| Local::now().date_naive())
}

/// Now as an ISO timestamp for the change log; follows `ISMS_TODAY` so fixtures stay fixed.
pub fn now_stamp() -> String {
    match std::env::var(TODAY_VAR) {
        Ok(_) => format!("{}T00:00:00", today()),
        Err(_) => Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
    }
}
