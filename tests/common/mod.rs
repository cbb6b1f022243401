//! Helpers shared by the integration tests: the real binary in a clean environment.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Each screen's digit with the number of views it has, in the order of the tabs.
pub const SCREEN_VIEWS: [(char, usize); 8] = [
    ('1', 1),
    ('2', 4),
    ('3', 1),
    ('4', 3),
    ('5', 3),
    ('6', 2),
    ('7', 3),
    ('8', 1),
];

/// A new workspace of Acme GmbH with its internal audit AU-001 (reported 2026-01-20, three
/// findings), the external audit AU-002 planned for 2026-06-10 (the latest by date), and two
/// nonconformities: NC-001 raised from AU-001/1 with a corrective action overdue on 2026-03-31
/// and one due soon, NC-002 from an incident, major, closed after an effective review.
pub fn workspace_with_audits(path: &Path) {
    use isms::domain::audit::{Audit, AuditFinding, AuditKind, AuditStatus, FindingGrade};
    use isms::domain::nonconformity::{
        CorrectiveAction, CorrectiveStatus, EffectivenessReview, NcGrade, NcSource, Nonconformity,
    };
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let mut store = isms::store::Store::create(path, "Acme GmbH").unwrap();
    store
        .edit(|w| {
            let audit = w.save_audit(Audit {
                planned_on: Some(d("2026-01-12")),
                held_on: Some(d("2026-01-19")),
                reported_on: Some(d("2026-01-20")),
                status: AuditStatus::Reported,
                clauses: vec!["9.2".into(), "10".into()],
                controls: vec!["A.8.13".into(), "5.15".into()],
                criteria: "ISO/IEC 27001:2022; the backup policy D-004".into(),
                lead_auditor: "Jonas Becker".into(),
                team: vec!["Mia Roth".into()],
                summary: "The ISMS works; backups are taken but restores are not tested.".into(),
                ..Audit::new("Internal audit 2026", AuditKind::Internal)
            })?;
            let finding = |grade, requirement: &str, statement: &str| AuditFinding {
                requirement: requirement.into(),
                evidence: "Backup log January 2026; interview with IT".into(),
                concerns: "AS-002 Database server".into(),
                ..AuditFinding::new(audit.id, grade, statement)
            };
            let restore = w.save_audit_finding(finding(
                FindingGrade::Minor,
                "A.8.13",
                "Restores never tested",
            ))?;
            w.save_audit_finding(finding(
                FindingGrade::Observation,
                "9.2",
                "The audit programme names no auditor for 2027",
            ))?;
            w.save_audit_finding(AuditFinding {
                requirement: "5.15".into(),
                ..AuditFinding::new(
                    audit.id,
                    FindingGrade::Improvement,
                    "Access reviews could be automated",
                )
            })?;
            w.save_audit(Audit {
                planned_on: Some(d("2026-06-10")),
                clauses: vec!["4".into(), "5".into(), "6".into()],
                lead_auditor: "Dr. Eva Klein".into(),
                ..Audit::new("Certification audit stage 2", AuditKind::External)
            })?;
            let nc = w.raise_nonconformity(restore.id, d("2026-01-21"))?;
            w.save_nonconformity(Nonconformity {
                correction: "A restore of the database was tested at once.".into(),
                root_cause: "No one owned restore tests.".into(),
                actions: vec![
                    CorrectiveAction {
                        owner: "Lars Vogel".into(),
                        due_on: Some(d("2026-03-15")),
                        status: CorrectiveStatus::InProgress,
                        ..CorrectiveAction::new("Quarterly restore test in the backup procedure")
                    },
                    CorrectiveAction {
                        owner: "Mia Roth".into(),
                        due_on: Some(d("2026-04-15")),
                        ..CorrectiveAction::new("Train the second administrator")
                    },
                ],
                ..nc
            })?;
            w.save_nonconformity(Nonconformity {
                correction: "The laptop was wiped remotely.".into(),
                root_cause: "Disk encryption was optional.".into(),
                actions: vec![CorrectiveAction {
                    owner: "Lars Vogel".into(),
                    due_on: Some(d("2026-02-01")),
                    status: CorrectiveStatus::Done,
                    ..CorrectiveAction::new("Enforce disk encryption by policy")
                }],
                review: Some(EffectivenessReview {
                    on_date: d("2026-03-01"),
                    by: "Jonas Becker".into(),
                    effective: true,
                    note: "Every laptop reports encryption on.".into(),
                }),
                closed_on: Some(d("2026-03-02")),
                ..Nonconformity::new(
                    NcSource::Incident,
                    NcGrade::Major,
                    d("2026-01-05"),
                    "An unencrypted laptop was lost",
                )
            })?;
            Ok(())
        })
        .unwrap();
}

/// A new workspace of Acme GmbH with one risk and one action treating it that implements
/// A.8.13, and no SoA decision: the control is applicable only by derivation.
pub fn workspace_where_a_treatment_implements_8_13(path: &Path) {
    use isms::domain::methodology::Methodology;
    use isms::domain::risk::Risk;
    use isms::domain::treatment::Action;

    let mut store = isms::store::Store::create(path, "Acme GmbH").unwrap();
    store
        .edit(|w| {
            let risk = w.insert_risk(Risk::new("Ransomware"), &Methodology::default())?;
            w.insert_action(Action {
                risks: vec![risk.id],
                controls: vec!["8.13".into()],
                ..Action::new("Offline backup")
            })
        })
        .unwrap();
}

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `isms ARGS` with HOME and the data directory inside the sandbox and a fixed clock.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_isms"));
        cmd.args(args)
            .env_remove("ISMS_DB")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("ISMS_TODAY", "2026-03-31")
            .env("ISMS_USER", "tester")
            .env("NO_COLOR", "1");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run(self.command(args).output().unwrap())
    }

    /// Writes the demo workspace and returns its path.
    pub fn demo(&self) -> PathBuf {
        let path = self.path("demo.isms");
        self.run(&["demo", path.to_str().unwrap()]).success();
        path
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn code(&self) -> Option<i32> {
        self.0.status.code()
    }

    pub fn success(&self) -> &Self {
        assert!(
            self.0.status.success(),
            "expected success, got {:?}\nstdout:\n{}\nstderr:\n{}",
            self.code(),
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Exit code 1 with a one-line error that contains `needle`.
    pub fn fails_with(&self, needle: &str) -> &Self {
        assert_eq!(
            self.code(),
            Some(1),
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        let err = self.stderr();
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "error should be one line: {err}"
        );
        assert!(err.contains(needle), "expected '{needle}' in: {err}");
        self
    }
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
pub struct Dice(pub u64);

impl Dice {
    pub fn roll(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// A work folder with a fixed-length name, so that paths in snapshots can be masked.
pub fn workdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("isms")
        .tempdir_in("/tmp")
        .unwrap()
}

/// The app drawn into a test backend, as text, with the work folder's random name masked.
pub fn screen(app: &mut isms::ui::App, width: u16, height: u16) -> String {
    app.settle();
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    mask_workdir(&terminal.backend().to_string())
}

fn mask_workdir(text: &str) -> String {
    const PREFIX: &str = "/tmp/isms";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(PREFIX) {
        let (head, tail) = rest.split_at(at + PREFIX.len());
        out.push_str(head);
        let random: String = tail.chars().take(6).collect();
        out.push_str(&"_".repeat(random.chars().count()));
        rest = &tail[random.len()..];
    }
    out.push_str(rest);
    out
}

pub fn press(app: &mut isms::ui::App, code: ratatui::crossterm::event::KeyCode) -> isms::ui::Step {
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        code,
        ratatui::crossterm::event::KeyModifiers::NONE,
    ))
}

pub fn ctrl(app: &mut isms::ui::App, c: char) -> isms::ui::Step {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn type_text(app: &mut isms::ui::App, text: &str) {
    for c in text.chars() {
        press(app, ratatui::crossterm::event::KeyCode::Char(c));
    }
}

/// The day every in-process test of the app lives on.
pub fn test_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
}

/// Fixes today (2026-03-31) and the user (`tester`) for the calling thread, so that an app
/// driven in it, and the threads it starts, never read the real calendar.
pub fn fix_clock_and_user() {
    isms::clock::fix_today_for_this_thread(Some(test_today()));
    isms::store::fix_user_for_this_thread(Some("tester"));
}

/// The app on the workspace at `path`, with today fixed at 2026-03-31 and edits made by
/// `tester`.
pub fn start_on(path: &std::path::Path) -> isms::ui::App {
    fix_clock_and_user();
    let mut app = isms::ui::App::start(path, true, false).unwrap();
    if let isms::ui::App::Workspace(shell) = &mut app {
        shell.set_today(test_today());
    }
    app
}

/// A workspace file damaged in one way, and words the refusal must contain.
pub struct Damaged {
    pub what: &'static str,
    pub path: PathBuf,
    pub says: &'static str,
    /// Refused from its header, before SQLite opens it: not even a `-wal` or `-shm` file may
    /// appear. Damage inside the pages only shows once SQLite reads them.
    pub refused_by_header: bool,
}

/// The demo workspace, written once into `dir` and copied damaged in every way a file travels
/// badly: cut short at several points, zeroed whole or in its first page, overwritten with
/// noise (whole, or pages in the middle), and one from a future schema.
pub fn damaged_workspaces(dir: &Path) -> Vec<Damaged> {
    let good = dir.join("good.isms");
    drop(isms::demo::write_demo(&good).unwrap());
    let bytes = std::fs::read(&good).unwrap();
    assert!(bytes.len() > 8192, "the demo should span many pages");
    // Deterministic noise (xorshift), so that a failure replays.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut noise = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect()
    };
    let cut = |at: usize| bytes[..at].to_vec();
    let mut zero_first_page = bytes.clone();
    zero_first_page[..4096].fill(0);
    let mut noisy_middle = bytes.clone();
    let middle = noise(3 * 4096);
    noisy_middle[4096..4 * 4096].copy_from_slice(&middle);
    let variants: Vec<(&'static str, Vec<u8>, &'static str)> = vec![
        ("cut at 0", cut(0), "the file is empty"),
        ("cut at 50", cut(50), "cut short at 50 bytes"),
        ("cut at 100", cut(100), "cut short at 100 bytes"),
        ("cut at 4096", cut(4096), "cut short at 4096 bytes"),
        ("cut in half", cut(bytes.len() / 2), "cut short"),
        ("zeroed", vec![0; bytes.len()], "not an SQLite database"),
        (
            "first page zeroed",
            zero_first_page,
            "not an SQLite database",
        ),
        ("noise", noise(bytes.len()), "not an SQLite database"),
        ("noise in the middle", noisy_middle, "damaged"),
    ];
    let mut out: Vec<Damaged> = variants
        .into_iter()
        .enumerate()
        .map(|(i, (what, content, says))| {
            let path = dir.join(format!("damaged-{i}.isms"));
            std::fs::write(&path, content).unwrap();
            Damaged {
                what,
                path,
                says,
                refused_by_header: what != "noise in the middle",
            }
        })
        .collect();
    let future = dir.join("future.isms");
    std::fs::write(&future, &bytes).unwrap();
    {
        let conn = rusqlite::Connection::open(&future).unwrap();
        conn.pragma_update(
            None,
            "user_version",
            isms::store::schema::LATEST_VERSION + 1,
        )
        .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    out.push(Damaged {
        what: "schema from the future",
        path: future,
        says: "written by a newer version of isms",
        refused_by_header: true,
    });
    out
}

/// Fails unless `d` holds `before` and, if it was refused by its header, has no `-wal` or
/// `-shm` file beside it.
pub fn assert_untouched(d: &Damaged, before: &[u8]) {
    let what = d.what;
    assert!(
        std::fs::read(&d.path).unwrap() == before,
        "{what}: the file changed"
    );
    if !d.refused_by_header {
        return;
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = d.path.as_os_str().to_owned();
        side.push(suffix);
        assert!(!Path::new(&side).exists(), "{what}: {suffix} left behind");
    }
}

/// Every `.rs` file under `dir`, for the tests that read the source (layers, clock, fields).
pub fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// What `find` reports for every `.rs` file under `src/<folder>`, as "file:line: text".
pub fn scan_src(folder: &str, find: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join(folder), &mut files);
    assert!(!files.is_empty(), "no files under src/{folder}");
    let mut found = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(&root).unwrap().display().to_string();
        found.extend(find(&source).into_iter().map(|l| format!("{shown}:{l}")));
    }
    found
}

/// `isms --db DB export ARGS -o OUT`, which must succeed; the files it wrote, one per line of
/// its output.
pub fn export(sb: &Sandbox, db: &Path, args: &[&str], out: &Path) -> Vec<PathBuf> {
    let mut all = vec!["--db", db.to_str().unwrap(), "export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let run = sb.run(&all);
    run.success();
    run.stdout().lines().map(PathBuf::from).collect()
}

/// A file the test wrote, as text.
pub fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
