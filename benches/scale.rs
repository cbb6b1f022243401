//! Performance at scale (DESIGN §6): a workspace written by `isms demo --scale N` (N assets,
//! 2N risks, N/2 actions; N from `ISMS_BENCH_SCALE`, default 10,000), measured against the
//! storage floor of a bare rusqlite query reading the same rows.
//!
//! Run with `cargo bench --bench scale`; `cargo test` does not run it.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use isms::report::export::{self, ExportFormat, What};
use isms::report::listing::{self, Format, Register};
use isms::store::{Existing, Passphrase, Store};
use isms::ui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// The screens in tab order, with the key that selects each.
const SCREENS: [(char, &str); 8] = [
    ('1', "dashboard"),
    ('2', "scope"),
    ('3', "assets"),
    ('4', "protection"),
    ('5', "risks"),
    ('6', "treatment"),
    ('7', "soa"),
    ('8', "clauses"),
];

struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
    scale: u32,
}

fn fixture() -> Fixture {
    let scale = std::env::var("ISMS_BENCH_SCALE")
        .ok()
        .and_then(|s| s.replace(['_', ','], "").parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("scale-{scale}.isms"));
    let started = Instant::now();
    isms::demo::write_scaled(&path, scale).expect("scaled workspace");
    eprintln!(
        "workspace: {scale} assets, written in {:.1?} to {}",
        started.elapsed(),
        path.display()
    );
    Fixture { dir, path, scale }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::from(code)
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal")
}

fn draw(term: &mut Terminal<TestBackend>, app: &mut App) {
    term.draw(|f| app.render(f)).expect("draw");
}

fn open(path: &Path) -> App {
    App::start(path, true, false).expect("open workspace")
}

fn wait_until_prepared(app: &App) {
    while !app.prepared() {
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The app with `keys` pressed and a frame drawn.
fn app_at(path: &Path, keys: &[KeyCode]) -> (App, Terminal<TestBackend>) {
    let mut app = open(path);
    for k in keys {
        app.handle_key(key(*k));
    }
    let mut term = terminal();
    draw(&mut term, &mut app);
    (app, term)
}

fn configure<'a>(
    c: &'a mut Criterion,
    name: &str,
    slow: bool,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(if slow { 4 } else { 2 }));
    if slow {
        g.sampling_mode(SamplingMode::Flat);
    }
    g
}

/// The storage floor: every column of every row, read by a bare query.
fn floor(c: &mut Criterion, fx: &Fixture) {
    let conn =
        rusqlite::Connection::open_with_flags(&fx.path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open");
    let read = |conn: &rusqlite::Connection, sql: &str| -> usize {
        let mut stmt = conn.prepare_cached(sql).expect("prepare");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("query");
        let mut cells = 0;
        while let Some(row) = rows.next().expect("row") {
            for i in 0..n {
                black_box(row.get_ref(i).expect("cell"));
                cells += 1;
            }
        }
        cells
    };
    let mut g = configure(c, "floor", false);
    for table in ["assets", "risks", "actions"] {
        let sql = format!("SELECT * FROM {table}");
        g.bench_function(table, |b| b.iter(|| black_box(read(&conn, &sql))));
    }
    g.bench_function("all", |b| {
        b.iter(|| {
            let mut cells = 0;
            for table in [
                "assets",
                "asset_dependencies",
                "protection_needs",
                "risks",
                "risk_assets",
                "actions",
                "action_risks",
                "action_controls",
                "controls",
                "soa_entries",
            ] {
                cells += read(&conn, &format!("SELECT * FROM {table}"));
            }
            black_box(cells)
        })
    });
    g.bench_function("open", |b| {
        b.iter(|| {
            let conn = rusqlite::Connection::open(&fx.path).expect("open");
            black_box(read(&conn, "SELECT * FROM assets"))
        })
    });
    g.finish();
}

/// Open the workspace and draw the first frame of each screen.
fn first_frame(c: &mut Criterion, fx: &Fixture) {
    let mut g = configure(c, "first_frame", true);
    for (k, name) in SCREENS {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    let mut app = open(&fx.path);
                    if k != '1' {
                        app.handle_key(key(KeyCode::Char(k)));
                    }
                    let mut term = terminal();
                    draw(&mut term, &mut app);
                    total += t.elapsed();
                    // Untimed: let the background finish, so it does not slow the next round.
                    wait_until_prepared(&app);
                }
                total
            })
        });
    }
    g.finish();
}

/// From opening to everything the background computes at start: the Dashboard's readiness
/// findings, and every other screen built so that its first visit is a redraw.
fn background(c: &mut Criterion, fx: &Fixture) {
    let mut g = configure(c, "background", true);
    let mut timed = |name: &str, until: fn(&App)| {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    let mut app = open(&fx.path);
                    draw(&mut terminal(), &mut app);
                    until(&app);
                    total += t.elapsed();
                    wait_until_prepared(&app);
                }
                total
            })
        });
    };
    timed("findings_ready", App::settle);
    timed("all_screens_ready", wait_until_prepared);
    g.finish();
}

/// One keypress to the next frame. Each timed key is undone by an untimed one, so every
/// iteration starts from the same state.
fn keys(c: &mut Criterion, fx: &Fixture) {
    let mut g = configure(c, "key", false);
    let mut pair = |name: &str, setup: &[KeyCode], timed: KeyCode, undo: KeyCode| {
        let (mut app, mut term) = app_at(&fx.path, setup);
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    app.handle_key(key(timed));
                    draw(&mut term, &mut app);
                    total += t.elapsed();
                    app.handle_key(key(undo));
                    draw(&mut term, &mut app);
                }
                total
            })
        });
    };
    pair(
        "assets_down",
        &[KeyCode::Char('3')],
        KeyCode::Down,
        KeyCode::Up,
    );
    pair(
        "risks_down",
        &[KeyCode::Char('5')],
        KeyCode::Down,
        KeyCode::Up,
    );
    pair(
        "switch_assets_to_risks",
        &[KeyCode::Char('3')],
        KeyCode::Char('5'),
        KeyCode::Char('3'),
    );
    pair(
        "switch_risks_to_assets",
        &[KeyCode::Char('5')],
        KeyCode::Char('3'),
        KeyCode::Char('5'),
    );
    pair(
        "assets_filter_char",
        &[KeyCode::Char('3'), KeyCode::Char('/'), KeyCode::Char('c')],
        KeyCode::Char('u'),
        KeyCode::Backspace,
    );
    pair(
        "risks_filter_char",
        &[KeyCode::Char('5'), KeyCode::Char('/'), KeyCode::Char('c')],
        KeyCode::Char('u'),
        KeyCode::Backspace,
    );
    g.finish();
}

/// The headless commands and the exports.
fn commands(c: &mut Criterion, fx: &Fixture) {
    let store = Store::open_read_only(&fx.path).expect("open");
    let today = isms::clock::Clock::at_start().today();
    let mut g = configure(c, "command", true);
    g.bench_function("check", |b| {
        b.iter(|| {
            let ws = store.workspace().expect("workspace");
            black_box(isms::domain::readiness::check(&ws, today))
        })
    });
    g.bench_function("list_risks_json", |b| {
        b.iter(|| {
            let listing = listing::build(&store, Register::Risks, today).expect("listing");
            let mut out = Vec::new();
            listing::write(&mut out, &listing, Format::Json).expect("write");
            black_box(out)
        })
    });
    let out = fx.dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out dir");
    g.bench_function("export_report_xlsx", |b| {
        b.iter(|| {
            let file = out.join("report.xlsx");
            black_box(
                export::export_with(
                    &store,
                    What::Report,
                    ExportFormat::Xlsx,
                    &file,
                    today,
                    Existing::Replace,
                )
                .expect("xlsx"),
            )
        })
    });
    g.bench_function("export_workspace_json", |b| {
        b.iter(|| black_box(export::workspace::to_json(&store, today).expect("json")))
    });
    let json = fx.dir.path().join("workspace.json");
    std::fs::write(
        &json,
        export::workspace::to_json(&store, today).expect("json"),
    )
    .expect("write json");
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    g.bench_function("import_workspace_json", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let n = NEXT.fetch_add(1, Ordering::Relaxed);
                let target = fx.dir.path().join(format!("imported-{n}.isms"));
                let t = Instant::now();
                let imported =
                    isms::report::import::import_workspace(&json, &target).expect("import");
                drop(imported);
                total += t.elapsed();
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = target.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            total
        })
    });
    g.finish();
}

/// The same workspace encrypted: what the key derivation (deliberately slow, against guessing)
/// and decrypting every page add to opening, to the background and to the full report.
fn encrypted(c: &mut Criterion, fx: &Fixture) {
    let path = fx.dir.path().join("encrypted.isms");
    std::fs::copy(&fx.path, &path).expect("copy");
    let pass = Passphrase::new("bench passphrase".into()).expect("passphrase");
    Store::convert(&path, None, Some(&pass)).expect("encrypt");
    let open = || App::start_with_key(&path, true, false, Some(&pass)).expect("open encrypted");
    let mut g = configure(c, "encrypted", true);
    // Timed from opening to the frame, or on until every screen is built.
    let mut timed = |name: &str, until_prepared: bool| {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    let mut app = open();
                    draw(&mut terminal(), &mut app);
                    if until_prepared {
                        wait_until_prepared(&app);
                    }
                    total += t.elapsed();
                    wait_until_prepared(&app);
                }
                total
            })
        });
    };
    timed("first_frame_dashboard", false);
    timed("all_screens_ready", true);
    let store = Store::open_with(&path, true, Some(&pass)).expect("open encrypted");
    let today = isms::clock::Clock::at_start().today();
    let file = fx.dir.path().join("encrypted-report.xlsx");
    g.bench_function("export_report_xlsx", |b| {
        b.iter(|| {
            black_box(
                export::export_with(
                    &store,
                    What::Report,
                    ExportFormat::Xlsx,
                    &file,
                    today,
                    Existing::Replace,
                )
                .expect("xlsx"),
            )
        })
    });
    g.finish();
}

fn scale(c: &mut Criterion) {
    // The synthetic workspace's dates are set around this day; a fixed clock keeps overdue
    // actions, expired acceptances and so the findings the same from run to run.
    isms::clock::fix_today_for_this_thread(Some(
        chrono::NaiveDate::from_ymd_opt(2026, 3, 31).expect("a date"),
    ));
    let fx = fixture();
    eprintln!("scale {}: benchmarks at {WIDTH}x{HEIGHT}", fx.scale);
    floor(c, &fx);
    first_frame(c, &fx);
    background(c, &fx);
    keys(c, &fx);
    commands(c, &fx);
    encrypted(c, &fx);
}

criterion_group!(benches, scale);
criterion_main!(benches);
