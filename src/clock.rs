//! The one clock of the app: a value built once where the app or a command starts (see
//! [`Clock::at_start`]) and handed down to the store and the screens, so that nothing below
//! those edges reads the calendar. `ISMS_TODAY=2026-03-31` fixes "today" for tests and demos;
//! a test driving the app in its own thread may fix the system calendar for that thread alone.

use std::cell::Cell;

use chrono::{Local, NaiveDate};

pub const TODAY_VAR: &str = "ISMS_TODAY";

thread_local! {
    static FIXED: Cell<Option<NaiveDate>> = const { Cell::new(None) };
}

/// Fixes the system calendar for the calling thread (`None` lets it run again): what
/// `ISMS_TODAY` does for a process, for a test that drives the app or a store in its own
/// thread and may move the day between edits.
pub fn fix_today_for_this_thread(today: Option<NaiveDate>) {
    FIXED.with(|f| f.set(today));
}

/// Where today and the change log's timestamps come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The computer's calendar and time (or the day a test fixed for its thread), read anew
    /// each time, so that an app left open past midnight moves on to the next day.
    #[default]
    System,
    /// A fixed day: every "now" is its midnight, so that fixtures and demos stay fixed.
    Fixed(NaiveDate),
}

impl Clock {
    /// The clock of an app or command starting now: the day fixed for this thread, else
    /// `ISMS_TODAY` when it holds a valid ISO date, else the system calendar. Only the edges
    /// (the command line and the app's start) call this; everything below is handed the value,
    /// and threads the app starts share its day.
    pub fn at_start() -> Clock {
        FIXED
            .with(Cell::get)
            .or_else(|| {
                std::env::var(TODAY_VAR)
                    .ok()
                    .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
            })
            .map_or(Clock::System, Clock::Fixed)
    }

    /// Today.
    pub fn today(self) -> NaiveDate {
        match self.fixed() {
            Some(day) => day,
            None => Local::now().date_naive(),
        }
    }

    /// Now as an ISO timestamp, as the change log and the list of known workspaces keep it.
    pub fn now_stamp(self) -> String {
        match self.fixed() {
            Some(day) => format!("{day}T00:00:00"),
            None => Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }

    /// Now to the minute, as a note for people (who holds a workspace since when).
    pub fn now_minute(self) -> String {
        match self.fixed() {
            Some(day) => format!("{day} 00:00"),
            None => Local::now().format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// The day this clock stands still on, if it does.
    fn fixed(self) -> Option<NaiveDate> {
        match self {
            Clock::Fixed(day) => Some(day),
            Clock::System => FIXED.with(Cell::get),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
    }

    #[test]
    fn a_fixed_clock_stands_on_its_day() {
        let clock = Clock::Fixed(day());
        assert_eq!(clock.today(), day());
        assert_eq!(clock.now_stamp(), "2026-03-31T00:00:00");
        assert_eq!(clock.now_minute(), "2026-03-31 00:00");
    }

    #[test]
    fn a_thread_can_fix_the_system_calendar() {
        fix_today_for_this_thread(Some(day()));
        assert_eq!(Clock::System.today(), day());
        assert_eq!(Clock::System.now_stamp(), "2026-03-31T00:00:00");
        fix_today_for_this_thread(None);
    }

    #[test]
    fn a_fixed_clock_wins_over_the_threads_day() {
        fix_today_for_this_thread(Some(day()));
        let other = NaiveDate::from_ymd_opt(2031, 6, 1).unwrap();
        assert_eq!(Clock::Fixed(other).today(), other);
        fix_today_for_this_thread(None);
    }
}
