//! What each subcommand does: find the workspace, ask the store and the domain, print.

mod brand;
mod check;
mod cycle;
mod export;
mod import;
mod log;
mod passphrase;
mod progress;
mod shell;
mod workspaces;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::Clock;
use crate::cli::{Cli, Command};
use crate::domain::history::Labels;
use crate::domain::wording::count;
use crate::registry::human_size;
use crate::report::listing::{self, Format, Register};
use crate::store::{Store, StoreError, inspect};

pub use check::Unreadable;

/// Where the default workspace lives: the platform data directory.
pub fn default_workspace() -> Result<PathBuf> {
    Ok(data_dir()?.join("workspace.isms"))
}

fn data_dir() -> Result<PathBuf> {
    crate::registry::data_dir()
        .context("no home directory found for the default workspace; pass --db FILE")
}

/// The file a command works on: its own argument, else --db / ISMS_DB, else the workspace opened
/// last, else the default.
pub(crate) fn workspace(file: Option<PathBuf>, db: Option<PathBuf>) -> Result<PathBuf> {
    match file.or(db) {
        Some(p) => Ok(p),
        None => match workspaces::last_opened() {
            Some(p) => Ok(p),
            None => default_workspace(),
        },
    }
}

/// The file a command creates: its own argument, else --db / ISMS_DB, else the default.
pub(crate) fn new_workspace(file: Option<PathBuf>, db: Option<PathBuf>) -> Result<PathBuf> {
    match file.or(db) {
        Some(p) => Ok(p),
        None => Ok(made_data_dir()?.join("workspace.isms")),
    }
}

/// The data directory, made when missing: the one folder isms creates itself, for a workspace
/// the user did not name. A folder the user named must exist.
fn made_data_dir() -> Result<PathBuf> {
    let dir = data_dir()?;
    std::fs::create_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
    Ok(dir)
}

/// Opens the workspace for a command that only reads: read-only, so that it works beside an
/// open app and never keeps the app from opening it; for writing only when its schema must be
/// migrated first (unless `--read-only` forbids that).
/// Such a command only inspects the file, so it does not enter the list of known workspaces:
/// that list holds what the user opened (the app, `isms open`) or made (`new`, `demo`,
/// `import workspace`), not every backup or colleague's file looked at once.
fn open_to_read(path: &Path, read_only: bool) -> Result<Store> {
    match passphrase::open(path, true) {
        Err(e) if !read_only && matches!(e.downcast_ref(), Some(StoreError::ReadOnly(_))) => {
            passphrase::open(path, false)
        }
        opened => opened,
    }
}

/// Sets the app's theme from `--theme` (or `ISMS_THEME`) and what the terminal says it shows.
fn choose_theme(name: Option<&str>) -> Result<()> {
    use crate::ui::theme::{self, Kind, Theme};
    // Else the theme last chosen in the app, if it is still one.
    let remembered = || {
        crate::registry::default_path()
            .and_then(|list| crate::registry::Registry::load(&list).0.theme)
            .and_then(|n| Kind::named(&n))
    };
    let kind = match name {
        None => remembered().unwrap_or(Kind::Any),
        Some(n) => Kind::named(n).ok_or_else(|| {
            let names: Vec<&str> = Kind::ALL.iter().map(|(_, n)| *n).collect();
            anyhow::anyhow!(
                "--theme: '{}' is not a theme; use one of {}",
                crate::domain::text::shown(n),
                names.join(", ")
            )
        })?,
    };
    let var = |name: &str| std::env::var(name).ok();
    theme::set(Theme {
        kind,
        depth: Theme::depth_from(
            var("NO_COLOR").as_deref(),
            var("COLORTERM").as_deref(),
            var("TERM").as_deref(),
        ),
    });
    Ok(())
}

/// Runs the command. Its exit code is 0, except for `isms check`, whose code says whether
/// anything major was found; [`failure_code`] gives the code of an error.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    choose_theme(cli.theme.as_deref())?;
    match cli.command {
        None => {
            // The last workspace opened counts as named: if it is there, it opens.
            let explicit = cli.db.is_some() || workspaces::last_opened().is_some();
            let path = workspace(None, cli.db)?;
            let key = passphrase::given()?;
            match crate::ui::run(&path, explicit, cli.read_only, key.as_ref()) {
                Err(e) if is_in_use(&e) => {
                    if !offer_read_only(&e)? {
                        bail!("not opened");
                    }
                    crate::ui::run(&path, explicit, true, key.as_ref())?;
                }
                ran => ran?,
            }
        }
        Some(Command::New { file, org, encrypt }) => {
            let path = match file.or(cli.db) {
                Some(p) => p,
                None => made_data_dir()?.join(crate::domain::file_name::workspace_file_name(&org)?),
            };
            let key = if encrypt {
                // What `create` would refuse, before a passphrase is typed in vain.
                crate::domain::text::required_line(
                    crate::domain::file_name::field::ORGANISATION,
                    &org,
                )?;
                let shown = path.display().to_string();
                if path.is_dir() {
                    bail!(StoreError::IsDirectory(shown));
                } else if path.exists() {
                    bail!(StoreError::AlreadyExists(shown));
                }
                Some(passphrase::new_passphrase(
                    passphrase::VAR,
                    &path.display().to_string(),
                )?)
            } else {
                None
            };
            let store = Store::create_with_clock(&path, &org, key.as_ref(), Clock::at_start())?;
            workspaces::remember(&store);
            writeln!(
                out,
                "Created {}{} for {}",
                if encrypt {
                    "the encrypted workspace "
                } else {
                    ""
                },
                store.path().display(),
                store.organisation()?
            )?;
        }
        Some(Command::Encrypt { file }) => {
            let path = workspace(file, cli.db)?;
            Store::expect_encryption(&path, false)?;
            let key = passphrase::new_passphrase(passphrase::VAR, &path.display().to_string())?;
            Store::convert_with_clock(&path, None, Some(&key), Clock::at_start())?;
            writeln!(
                out,
                "Encrypted {}; it opens only with its passphrase now",
                path.display()
            )?;
        }
        Some(Command::Decrypt { file }) => {
            let path = workspace(file, cli.db)?;
            Store::expect_encryption(&path, true)?;
            passphrase::with_passphrase(&path, |key| {
                Store::convert_with_clock(&path, Some(key), None, Clock::at_start())
            })?;
            writeln!(
                out,
                "Decrypted {}; it is a plain SQLite file now, readable by anyone who has it",
                path.display()
            )?;
        }
        Some(Command::Rekey { file }) => {
            let path = workspace(file, cli.db)?;
            Store::expect_encryption(&path, true)?;
            // The old passphrase is checked before the new one is asked for.
            let old = passphrase::with_passphrase(&path, |key| {
                Store::open_with(&path, true, Some(key)).map(|_| key.clone())
            })?;
            let new = passphrase::new_passphrase(passphrase::NEW_VAR, &path.display().to_string())?;
            Store::convert_with_clock(&path, Some(&old), Some(&new), Clock::at_start())?;
            writeln!(out, "Changed the passphrase of {}", path.display())?;
        }
        Some(Command::Demo { file, scale }) => {
            // Without a path, named after its organisation, as `isms new` names a workspace.
            let path = match file.or(cli.db) {
                Some(p) => p,
                None => {
                    let org = match scale {
                        Some(_) => crate::demo::SCALED_ORGANISATION,
                        None => crate::demo::ORGANISATION,
                    };
                    made_data_dir()?.join(crate::domain::file_name::workspace_file_name(org)?)
                }
            };
            let store = match scale {
                Some(0) => bail!("--scale: expected a number of assets above 0"),
                Some(n) => {
                    let bar = progress::Progress::bar(
                        "Writing the synthetic workspace",
                        crate::demo::scaled_items(n),
                    );
                    let tick = || bar.tick();
                    crate::demo::write_scaled_with_progress(&path, n, Clock::at_start(), &tick)?
                }
                None => crate::demo::write_demo_with_clock(&path, Clock::at_start())?,
            };
            workspaces::remember(&store);
            let c = store.counts()?;
            writeln!(
                out,
                "Wrote the demo workspace {} for {}: {}, {}, {}",
                store.path().display(),
                store.organisation()?,
                count(c.assets, "asset", "assets"),
                count(c.risks, "risk", "risks"),
                count(c.actions, "action", "actions")
            )?;
        }
        Some(Command::Ls {
            forget: Some(file), ..
        }) => workspaces::forget(&mut out, &file)?,
        Some(Command::Ls { format, .. }) => workspaces::print(&mut out, format)?,
        Some(Command::Open { file }) => workspaces::open(&mut out, file, cli.read_only)?,
        Some(Command::Brand {
            file,
            logo,
            organisation,
            clear,
        }) => {
            let path = workspace(file, cli.db)?;
            let change = brand::Change {
                logo,
                name: organisation,
                clear,
            };
            if change.is_none() {
                let store = open_to_read(&path, cli.read_only)?;
                brand::print(&mut out, &store.brand()?)?;
            } else {
                if cli.read_only {
                    bail!("brand writes the workspace: not with --read-only");
                }
                let mut store = passphrase::open(&path, false)?;
                brand::set(&mut out, &mut store, change)?;
            }
        }
        Some(Command::Info { file }) => {
            let path = workspace(file, cli.db)?;
            let file = inspect(&path)?;
            let store = open_to_read(&path, cli.read_only)?;
            let writable = file.writable && !cli.read_only;
            print_info(&mut out, &store, file.size, writable)?;
        }
        Some(Command::Check {
            rules: true,
            format,
            ..
        }) => check::print_rules(&mut out, format)?,
        Some(Command::Check {
            file,
            format,
            fail_on,
            ..
        }) => {
            let workspace = workspace(file, cli.db).and_then(|path| {
                let store = open_to_read(&path, cli.read_only)?;
                Ok((store.organisation()?, store.workspace()?, store.today()))
            });
            let (organisation, ws, today) = workspace.map_err(Unreadable)?;
            return check::report(&mut out, &organisation, &ws, format, fail_on, today);
        }
        Some(Command::Cycle { action }) => match action {
            crate::cli::CycleAction::Close { file, name } => {
                if cli.read_only {
                    bail!("--read-only: cycle close writes a baseline; leave --read-only out");
                }
                let path = workspace(file, cli.db)?;
                let mut store = passphrase::open(&path, false)?;
                cycle::close(&mut out, &mut store, &name)?;
            }
            crate::cli::CycleAction::Status { file } => {
                let path = workspace(file, cli.db)?;
                let store = open_to_read(&path, cli.read_only)?;
                cycle::status(&mut out, &store)?;
            }
        },
        Some(Command::Diff { from, to, format }) => {
            let path = workspace(None, cli.db)?;
            let store = open_to_read(&path, cli.read_only)?;
            cycle::print_diff(&mut out, &store, from.as_deref(), to.as_deref(), &format)?;
        }
        Some(Command::Due {
            file,
            within,
            format,
        }) => {
            let format = match format.trim().to_lowercase().as_str() {
                "text" | "table" => Format::Table,
                "json" => Format::Json,
                "csv" => Format::Csv,
                other => bail!(
                    "--format: '{}' is not known; expected text, json or csv",
                    crate::domain::text::shown(other)
                ),
            };
            let path = workspace(file, cli.db)?;
            let store = open_to_read(&path, cli.read_only)?;
            let today = store.today();
            let items = crate::domain::due::within(&store.workspace()?, today, within);
            let table = listing::due::due(&items, today);
            let mut buffered = std::io::BufWriter::new(&mut out);
            listing::write(&mut buffered, &table, format)?;
            buffered.flush()?;
        }
        Some(Command::List { register, format }) => {
            // Parsed here, not by clap, so that a wrong name is a one-line error with exit code 1.
            let register = Register::named(&register).context("register")?;
            let format: Format = format.parse().context("--format")?;
            let path = workspace(None, cli.db)?;
            let store = open_to_read(&path, cli.read_only)?;
            let table = listing::build(&store, register, store.today())?;
            // Stdout is line-buffered: one write per line of a large register would dominate.
            let mut buffered = std::io::BufWriter::new(&mut out);
            listing::write(&mut buffered, &table, format)?;
            buffered.flush()?;
        }
        Some(Command::Export {
            what,
            format,
            output,
            workshop,
            review,
            audit,
            version,
            from,
            to,
            force,
        }) => {
            let path = workspace(None, cli.db)?;
            let to = export::To {
                format: format.as_deref(),
                output: &output,
                workshop: workshop.as_deref(),
                review: review.as_deref(),
                audit: audit.as_deref(),
                version: version.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                force,
            };
            export::run(&mut out, &path, &what, to)?;
        }
        Some(Command::Import {
            what,
            file,
            output,
            dry_run,
            force,
        }) => {
            import::run(&mut out, &what, &file, output, cli.db, dry_run, force)?;
        }
        Some(Command::Backup {
            paths,
            plain,
            force,
        }) => {
            let (file, dest) = match paths.as_slice() {
                [dest] => (None, dest),
                [file, dest] => (Some(file.clone()), dest),
                _ => bail!("backup: expected [FILE] DEST"),
            };
            let path = workspace(file, cli.db)?;
            let existing = crate::store::Existing::replace_if(force);
            let size = if inspect(&path)?.encrypted {
                passphrase::with_passphrase(&path, |key| {
                    Store::backup_to(&path, dest, Some(key), plain, existing)
                })?
            } else {
                Store::backup_to(&path, dest, None, false, existing)?
            };
            let how = match (inspect(dest)?.encrypted, plain) {
                (true, _) => ", encrypted with the workspace's passphrase",
                (false, true) => ", NOT encrypted: keep it as safe as the workspace",
                (false, false) => "",
            };
            writeln!(
                out,
                "Backed up {} to {} ({}{how}, integrity check ok)",
                path.display(),
                dest.display(),
                human_size(size)
            )?;
        }
        Some(Command::Completions { shell }) => shell::completions(&mut out, shell)?,
        Some(Command::Man { output, force }) => shell::man(&mut out, output.as_deref(), force)?,
        Some(Command::Log {
            file,
            since,
            workshop,
            format,
        }) => {
            let since = since.as_deref().map(log::parse_since).transpose()?;
            let workshop = workshop.as_deref().map(log::parse_workshop).transpose()?;
            let path = workspace(file, cli.db)?;
            let store = open_to_read(&path, cli.read_only)?;
            let labels = Labels::new(store.protection_scale()?, store.methodology()?);
            let changes = match workshop {
                Some(number) => log::workshop_changes(&store, number, since)?,
                None => store.changes_since(since)?,
            };
            log::print(&mut out, &changes, &store.links()?, &labels, format)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn is_in_use(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<StoreError>(),
        Some(StoreError::InUse { .. })
    )
}

/// Says who holds the workspace and asks whether to open it read-only, on a terminal only;
/// a script gets the error.
fn offer_read_only(error: &anyhow::Error) -> Result<bool> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(anyhow::anyhow!("{error}"));
    }
    let error = crate::domain::text::shown_lines(&error.to_string());
    eprint!("{error}\nOpen it read-only instead? [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "j" | "ja"
    ))
}

/// The exit code of a failed command: 2 when `isms check` could not read the workspace, else 1.
pub fn failure_code(error: &anyhow::Error) -> ExitCode {
    if error.chain().any(|c| c.is::<Unreadable>()) {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

fn print_info(out: &mut impl Write, store: &Store, size: u64, writable: bool) -> Result<()> {
    let c = store.counts()?;
    let rows: [(&str, String); 28] = [
        ("Organisation", store.organisation()?),
        ("File", store.path().display().to_string()),
        ("Size", human_size(size)),
        ("Schema version", store.schema_version()?.to_string()),
        (
            "Encryption",
            if store.is_encrypted() {
                "SQLCipher, opened with its passphrase".into()
            } else {
                "none (plain SQLite)".into()
            },
        ),
        (
            "Access",
            if writable {
                "read-write".into()
            } else {
                "read-only".into()
            },
        ),
        ("Scope items", c.scope_items.to_string()),
        ("Context issues", c.context_issues.to_string()),
        ("Interested parties", c.parties.to_string()),
        ("Assets", c.assets.to_string()),
        ("Protection needs", c.protection_needs.to_string()),
        ("Risks", c.risks.to_string()),
        ("Acceptances", c.acceptances.to_string()),
        ("Treatment actions", c.actions.to_string()),
        (
            "Controls",
            format!(
                "{} Annex A, {} custom",
                c.annex_a_controls, c.custom_controls
            ),
        ),
        (
            "SoA decided",
            format!(
                "{} of {}",
                c.soa_decided,
                c.annex_a_controls + c.custom_controls
            ),
        ),
        ("Clauses", c.clauses.to_string()),
        ("Documents", c.documents.to_string()),
        (
            "Audits",
            format!(
                "{} ({})",
                c.audits,
                count(c.audit_findings, "finding", "findings")
            ),
        ),
        (
            "Nonconformities",
            format!("{} ({} open)", c.nonconformities, c.open_nonconformities),
        ),
        (
            "Objectives",
            format!(
                "{} ({})",
                c.objectives,
                count(c.measurements, "measurement", "measurements")
            ),
        ),
        (
            "Management reviews",
            format!(
                "{} ({} held; {}, {} open)",
                c.reviews,
                c.held_reviews,
                count(c.review_actions, "action", "actions"),
                c.open_review_actions
            ),
        ),
        (
            "Baselines",
            format!("{} ({} to re-assess)", c.baselines, c.to_reassess),
        ),
        ("Workshops", c.workshops.to_string()),
        ("People", c.people.to_string()),
        ("Competence records", c.competence_records.to_string()),
        (
            "Questions",
            format!("{} ({} open)", c.questions, c.open_questions),
        ),
        ("Changes logged", c.changes.to_string()),
    ];
    for (label, value) in rows {
        // The organisation and the file name come from the file: shown, never acted on.
        let value = crate::domain::text::shown(&value);
        writeln!(out, "{:<20}{value}", format!("{label}:"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(49_152), "48.0 KiB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MiB");
    }

    #[test]
    fn own_argument_wins_over_db() {
        let p = workspace(Some("a.isms".into()), Some("b.isms".into())).unwrap();
        assert_eq!(p, PathBuf::from("a.isms"));
        assert_eq!(
            workspace(None, Some("b.isms".into())).unwrap(),
            PathBuf::from("b.isms")
        );
    }
}
