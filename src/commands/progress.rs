//! Progress on long work (imports, exports, `demo --scale`), drawn on stderr only when stderr
//! is a terminal: piped or redirected, a command prints its result and nothing else, so that
//! scripts and logs never see a bar's control sequences.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar or a spinner that clears itself when dropped, also when the work failed (the error
/// is then printed on a clean line).
pub(crate) struct Progress(ProgressBar);

impl Progress {
    /// A bar of `total` steps, `what` before it: `Writing the demo ━━━━━━── 7,000/35,000`.
    pub fn bar(what: &str, total: u64) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), target());
        bar.set_style(
            ProgressStyle::with_template("{msg} {wide_bar} {human_pos}/{human_len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(what.to_string());
        Progress(bar)
    }

    /// A spinner for work whose size is not known ahead (one export, one import), with the time
    /// it has taken so far.
    pub fn spinner(what: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, target());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(what.to_string());
        // Ticks on its own thread: the work itself never reports to it.
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress(bar)
    }

    /// One step done.
    pub fn tick(&self) {
        self.0.inc(1);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Stderr when it is a terminal, else nowhere. indicatif hides itself on a pipe as well; asked
/// here too, so that the rule does not hang on a library's default.
fn target() -> ProgressDrawTarget {
    if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    }
}
