//! A screen built the first time it is needed, so that opening a large workspace reads only
//! what the first screen needs. Right after the first frame the other screens are built in the
//! background, on their own read-only connection, so that the first visit of a large register
//! is a redraw rather than a wait; a screen asked for before its turn is built at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Ctx, Handled, Screen};
use crate::app::{Background, Error, Reader};
use crate::domain::readiness::Place;

pub type Make = fn(&Reader<'_>) -> Result<Box<dyn Screen>, Error>;

/// A screen built in the background, with what it was built from.
type Built = Result<Box<dyn Screen>, String>;

pub struct Lazy {
    title: &'static str,
    make: Make,
    state: State,
}

enum State {
    Unbuilt,
    /// Being built in the background from the workspace as of `generation` and `today`; whoever
    /// first sets `claimed` (the background thread or the shell) builds it.
    Building {
        built: Receiver<Built>,
        claimed: Arc<AtomicBool>,
        /// Set once the background has sent the screen.
        sent: Arc<AtomicBool>,
        generation: u64,
        today: NaiveDate,
    },
    Built(Box<dyn Screen>),
}

impl Lazy {
    pub fn new(title: &'static str, make: Make) -> Self {
        Self {
            title,
            make,
            state: State::Unbuilt,
        }
    }

    fn screen(&self) -> Option<&dyn Screen> {
        match &self.state {
            State::Built(s) => Some(s.as_ref()),
            _ => None,
        }
    }

    fn screen_mut(&mut self) -> Option<&mut Box<dyn Screen>> {
        match &mut self.state {
            State::Built(s) => Some(s),
            _ => None,
        }
    }
}

/// One screen for the background to build.
struct Job {
    make: Make,
    built: Sender<Built>,
    claimed: Arc<AtomicBool>,
    sent: Arc<AtomicBool>,
}

/// Builds the unbuilt screens of `screens` one after another on a background thread that reads
/// the workspace through its own read-only connection. The app's store is at
/// `generation`; a screen built from an older state is read again when it is shown.
pub fn build_in_background(screens: &mut [&mut Lazy], background: Background, generation: u64) {
    let today = background.today();
    let mut jobs: Vec<Job> = Vec::new();
    for lazy in screens.iter_mut() {
        if matches!(lazy.state, State::Unbuilt) {
            let (tx, rx) = channel();
            let claimed = Arc::new(AtomicBool::new(false));
            let sent = Arc::new(AtomicBool::new(false));
            jobs.push(Job {
                make: lazy.make,
                built: tx,
                claimed: Arc::clone(&claimed),
                sent: Arc::clone(&sent),
            });
            lazy.state = State::Building {
                built: rx,
                claimed,
                sent,
                generation,
                today,
            };
        }
    }
    let spawned = std::thread::Builder::new()
        .name("screens".into())
        .spawn(move || {
            let mut jobs = jobs.into_iter();
            let read = background.read(|data| {
                for job in jobs.by_ref() {
                    if job.claimed.swap(true, Ordering::AcqRel) {
                        continue;
                    }
                    let built = (job.make)(data).map_err(|e| e.to_string());
                    // A screen that was meanwhile built at once no longer listens.
                    let _ = job.built.send(built);
                    job.sent.store(true, Ordering::Release);
                }
            });
            if let Err(e) = read {
                // Whatever could not be opened is tried again, and reported, when shown.
                for job in jobs.filter(|j| !j.claimed.swap(true, Ordering::AcqRel)) {
                    let _ = job.built.send(Err(e.to_string()));
                    job.sent.store(true, Ordering::Release);
                }
            }
        });
    if spawned.is_err() {
        // No thread: every screen is built when first shown, as without this.
        for lazy in screens.iter_mut() {
            if matches!(lazy.state, State::Building { .. }) {
                lazy.state = State::Unbuilt;
            }
        }
    }
}

impl Screen for Lazy {
    fn title(&self) -> &'static str {
        self.title
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Handled {
        self.screen_mut()
            .map_or(Handled::No, |s| s.handle_key(key, ctx))
    }

    fn handle_paste(&mut self, text: &str) {
        if let Some(s) = self.screen_mut() {
            s.handle_paste(text);
        }
    }

    fn handle_click(&mut self, area: Rect, column: u16, row: u16) -> bool {
        self.screen_mut()
            .is_some_and(|s| s.handle_click(area, column, row))
    }

    fn render(&mut self, frame: &mut Frame, area: Rect) {
        if let Some(s) = self.screen_mut() {
            s.render(frame, area);
        }
    }

    fn contexts(&self) -> crate::ui::keymap::Active {
        self.screen().map(|s| s.contexts()).unwrap_or_default()
    }

    fn captures_input(&self) -> bool {
        self.screen().is_some_and(|s| s.captures_input())
    }

    fn reload(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        match std::mem::replace(&mut self.state, State::Unbuilt) {
            State::Built(mut s) => {
                let read = s.reload(data);
                self.state = State::Built(s);
                read
            }
            State::Building { claimed, .. } if !claimed.swap(true, Ordering::AcqRel) => {
                // Not started in the background yet: quicker to build it here and now.
                self.build(data)
            }
            State::Building {
                built,
                generation,
                today,
                ..
            } => match built.recv() {
                Ok(Ok(mut s)) => {
                    let current = generation == data.generation() && today == data.today();
                    let read = if current { Ok(()) } else { s.reload(data) };
                    self.state = State::Built(s);
                    read
                }
                // Whatever failed in the background is tried again here, where it is reported.
                _ => self.build(data),
            },
            State::Unbuilt => self.build(data),
        }
    }

    fn focus(&mut self, place: &Place) -> bool {
        self.screen_mut().is_some_and(|s| s.focus(place))
    }

    fn busy(&self) -> bool {
        self.screen().is_some_and(|s| s.busy())
    }

    fn prepared(&self) -> bool {
        match &self.state {
            State::Building { sent, .. } => sent.load(Ordering::Acquire),
            _ => true,
        }
    }

    fn settle(&self) {
        if let Some(s) = self.screen() {
            s.settle();
        }
    }

    fn badge(&self) -> Option<String> {
        self.screen().and_then(|s| s.badge())
    }

    fn legends(&self) -> Vec<&'static crate::ui::legend::Legend> {
        self.screen().map_or_else(Vec::new, |s| s.legends())
    }

    fn export_choice(&self) -> Option<crate::ui::export::ExportChoice> {
        self.screen().and_then(|s| s.export_choice())
    }
}

impl Drop for Lazy {
    /// An app that closes leaves the background nothing more to build for it.
    fn drop(&mut self) {
        if let State::Building { claimed, .. } = &self.state {
            claimed.store(true, Ordering::Release);
        }
    }
}

impl Lazy {
    fn build(&mut self, data: &Reader<'_>) -> Result<(), Error> {
        self.state = State::Built((self.make)(data)?);
        Ok(())
    }
}
