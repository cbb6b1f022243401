//! The one clock of the app. `ISMS_TODAY=2026-03-31` fixes "today" for tests and demos; a test
//! driving the app in its own thread may fix it for that thread alone.

use std::cell::Cell;

use chrono::{Local, NaiveDate};

pub const TODAY_VAR: &str = "ISMS_TODAY";

thread_local! {
    static FIXED: Cell<Option<NaiveDate>> = const { Cell::new(None) };
}

/// Fixes today for the calling thread (`None` lets the clock run again).
pub fn fix_today_for_this_thread(today: Option<NaiveDate>) {
    FIXED.with(|f| f.set(today));
}

/// Today: the thread's fixed date, else `ISMS_TODAY` when it holds a valid ISO date, else the
/// local calendar.
pub fn today() -> NaiveDate {
    FIXED.with(Cell::get).unwrap_or_else(|| {
        std::env::var(TODAY_VAR)
            .ok()
            .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
            .unwrap_or_else(|| Local::now().date_naive())
    })
}

/// Now as an ISO timestamp for the change log; follows a fixed today so fixtures stay fixed.
pub fn now_stamp() -> String {
    let fixed = FIXED.with(Cell::get).is_some() || std::env::var(TODAY_VAR).is_ok();
    if fixed {
        format!("{}T00:00:00", today())
    } else {
        Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_can_fix_today() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        fix_today_for_this_thread(Some(day));
        assert_eq!(today(), day);
        assert_eq!(now_stamp(), "2026-03-31T00:00:00");
        fix_today_for_this_thread(None);
    }
}
