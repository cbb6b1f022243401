//! Thousands of random keystrokes, paste bursts and terminal sizes fed to the app on the demo
//! workspace: no panic, and afterwards the file passes SQLite's integrity check and opens as a
//! workspace. Seeded, so a failure replays exactly; the seed and the last keys are reported.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::atomic::{AtomicBool, Ordering};

use isms::ui::{App, Step};

/// Keys per seed; with three seeds this runs in well under a minute in a debug build.
const KEYS: usize = 4_000;
const SEEDS: [u64; 3] = [0x0001_5052_7001, 0x5eed_cafe, 0x00dd_ba11];

static PANICKED: AtomicBool = AtomicBool::new(false);

/// xorshift64*: tiny, deterministic, good enough to pick keys.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// What the user does next.
#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
}

const CHARS: &[char] = &[
    'a', 'b', 'k', 'j', 'h', 'l', 'q', 'x', 'n', 'e', 'd', 'y', '/', '?', ' ', '1', '2', '3', '4',
    '5', '6', '7', '8', '9', '0', 'ä', '株', '-', '.',
];
const CODES: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
];
const PASTES: &[&str] = &[
    "Müller & Söhne 株式会社",
    "two\nlines\r\nand a third",
    "\u{1b}[31mred\u{7}",
    "2026-02-30",
    "AS-001; AS-002",
    "",
    "   ",
];

fn input(rng: &mut Rng) -> Input {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    match rng.below(100) {
        0..=44 => Input::Key(plain(KeyCode::Char(rng.pick(CHARS)))),
        45..=84 => Input::Key(plain(rng.pick(CODES))),
        85..=89 => Input::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        90..=93 => {
            let text = if rng.below(4) == 0 {
                "x".repeat(rng.below(25_000))
            } else {
                rng.pick(PASTES).to_string()
            };
            Input::Paste(text)
        }
        // Mostly usable sizes, sometimes below the 80x24 minimum, down to nothing.
        _ => Input::Resize(
            rng.pick(&[0, 1, 20, 79, 80, 100, 132, 200]),
            rng.pick(&[0, 1, 10, 23, 24, 30, 50]),
        ),
    }
}

/// Runs `KEYS` inputs from `seed`; returns how many times the app quit and was started again.
fn run(seed: u64, path: &std::path::Path) -> usize {
    let mut rng = Rng(seed);
    let mut app: App = common::start_on(path);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut recent: Vec<Input> = Vec::new();
    let mut restarts = 0;
    for i in 0..KEYS {
        let next = input(&mut rng);
        recent.push(next.clone());
        if recent.len() > 20 {
            recent.remove(0);
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let step = match &next {
                Input::Key(key) => app.handle_key(*key),
                Input::Paste(text) => {
                    app.handle_paste(text);
                    Step::Continue
                }
                Input::Resize(w, h) => {
                    terminal.backend_mut().resize(*w, *h);
                    Step::Continue
                }
            };
            // Draw now and then as a user would see it, and after every resize.
            if matches!(next, Input::Resize(..)) || i % 7 == 0 {
                app.settle();
                terminal.draw(|f| app.render(f)).unwrap();
            }
            step
        }));
        match outcome {
            Ok(Step::Continue) => {}
            // `q` and Ctrl-C quit: start again on the same file, as the user would.
            Ok(Step::Quit) => {
                app.settle();
                // The app that quit lets go of the file before the next one opens it.
                drop(std::mem::replace(
                    &mut app,
                    App::Welcome(Box::new(isms::ui::Welcome::new(path.to_path_buf()))),
                ));
                app = common::start_on(path);
                restarts += 1;
            }
            Err(_) => panic!("seed {seed:#x}, input {i}; the last inputs were:\n{recent:#?}"),
        }
    }
    app.settle();
    drop(app);
    restarts
}

#[test]
fn random_keys_pastes_and_sizes_never_panic_nor_damage_the_file() {
    // Screens are built on background threads: a panic there must fail the test as well.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        default_hook(info);
    }));
    let dir = common::workdir();
    let path = dir.path().join("demo.isms");
    drop(isms::demo::write_demo(&path).unwrap());
    isms::clock::fix_today_for_this_thread(Some(
        chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
    ));
    let logged = |path: &std::path::Path| {
        isms::store::Store::open(path)
            .unwrap()
            .changes()
            .unwrap()
            .len()
    };
    let before = logged(&path);
    let mut restarts = 0;
    for seed in SEEDS {
        restarts += run(seed, &path);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "after seed {seed:#x}");
        let fk: Vec<String> = conn
            .prepare("PRAGMA foreign_key_check")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            fk.is_empty(),
            "after seed {seed:#x}: dangling rows in {fk:?}"
        );
        drop(conn);
        let store = isms::store::Store::open(&path).unwrap();
        assert!(store.assets().is_ok() && store.risks().is_ok());
    }
    // The keys reached forms and saved edits: the check above had something to check.
    assert!(logged(&path) > before, "no edit was ever saved");
    assert!(
        !PANICKED.load(Ordering::SeqCst),
        "a thread panicked (see above)"
    );
    // The run quit now and then and went on: the restart path was exercised too.
    assert!(restarts > 0, "no key sequence ever quit");
}
