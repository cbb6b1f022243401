//! The command line: every subcommand and option, as clap definitions.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// The exit codes, as `--help` and the man page print them (the README repeats them).
pub const EXIT_CODES: &str = "\
Exit codes:
  0  done; for `isms check`: nothing at or above --fail-on was found
  1  failed, with one line `isms: <what failed>: <why>` on stderr (and the fix, where there is
     one); for `isms check`: something at or above --fail-on was found
  2  the command line is wrong; for `isms check`: the workspace could not be read";

#[derive(Debug, Parser)]
#[command(
    name = "isms",
    version,
    about = "A keyboard-first workbench for an ISO/IEC 27001:2022 ISMS",
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// The workspace file; else ISMS_DB, else the default workspace in the data directory.
    #[arg(long, global = true, env = "ISMS_DB", value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// Open the workspace without writing to it.
    #[arg(long, global = true)]
    pub read_only: bool,

    /// The app's colours: auto (any background), dark, light or high-contrast; NO_COLOR
    /// keeps bold, dim and reverse video only.
    #[arg(long, global = true, env = "ISMS_THEME", value_name = "THEME")]
    pub theme: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty workspace (`.isms` is the suggested extension).
    New {
        /// Where to create it; defaults to --db, ISMS_DB, else a file named after the
        /// organisation in the data directory (`Acme GmbH` → `acme-gmbh.isms`).
        file: Option<PathBuf>,
        /// The organisation's name.
        #[arg(long)]
        org: String,
        /// Encrypt the file; the passphrase is asked twice (or taken from ISMS_PASSPHRASE).
        #[arg(long)]
        encrypt: bool,
    },
    /// Encrypt a plain workspace with a new passphrase (asked twice, or ISMS_PASSPHRASE).
    ///
    /// A new, encrypted file is written beside it, opened and checked, then put in its place:
    /// an interruption leaves either the old file or the new one, never half of each.
    Encrypt { file: Option<PathBuf> },
    /// Decrypt an encrypted workspace into a plain SQLite file (its passphrase is asked, or
    /// taken from ISMS_PASSPHRASE), as safely as `encrypt`.
    Decrypt { file: Option<PathBuf> },
    /// Change the passphrase of an encrypted workspace: the old one is asked (or taken from
    /// ISMS_PASSPHRASE), then the new one twice (or ISMS_NEW_PASSPHRASE), as safely as
    /// `encrypt`.
    Rekey { file: Option<PathBuf> },
    /// Write a demo ISMS of a fictional 40-person company, or a large synthetic one; without
    /// FILE (and --db), named after its organisation in the data directory, like `new`.
    Demo {
        file: Option<PathBuf>,
        /// Write N synthetic assets, 2N risks and N/2 actions instead, for benchmarks.
        #[arg(long, value_name = "N")]
        scale: Option<u32>,
    },
    /// List the known workspaces: organisation, file, last opened, size, encrypted.
    Ls {
        #[arg(long, value_enum, default_value_t = LsFormat::Text)]
        format: LsFormat,
        /// Take FILE off the list instead; the file itself stays where it is.
        #[arg(long, value_name = "FILE")]
        forget: Option<PathBuf>,
    },
    /// Pick a known workspace and open it in the app; with FILE, remember that workspace and
    /// open it (without a terminal, only remember it).
    Open { file: Option<PathBuf> },
    /// Print organisation, schema version, file size and the count of each register.
    Info { file: Option<PathBuf> },
    /// The look of the deliverables: a name ("Prepared by NAME", a consultancy) and a PNG logo
    /// on the title page of Word exports and the cover of HTML exports, kept in the workspace.
    /// Without options, print what is set.
    Brand {
        /// The workspace; defaults to --db, ISMS_DB or the default workspace.
        file: Option<PathBuf>,
        /// A PNG image, at most 512 KiB and 4096 pixels a side.
        #[arg(long, value_name = "PNG")]
        logo: Option<PathBuf>,
        /// The name shown as "Prepared by NAME"; an empty name takes it off.
        #[arg(long, value_name = "NAME")]
        organisation: Option<String>,
        /// Take the name and the logo off.
        #[arg(long, conflicts_with_all = ["logo", "organisation"])]
        clear: bool,
    },
    /// Check the workspace as an auditor would, and list what to fix, gravest first.
    ///
    /// Exit code 0 when nothing at or above the --fail-on grade remains (major by default), 1
    /// when something does, 2 when the file cannot be read (or the command line is wrong).
    /// Each finding names the clause or Annex A control it rests on.
    Check {
        /// The workspace to check; defaults to --db, ISMS_DB or the default workspace.
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// The gravest grade that still passes is the one above this: `minor` fails on a minor
        /// finding or a major one, `observation` on any finding.
        #[arg(long, value_enum, default_value_t = FailOn::Major)]
        fail_on: FailOn,
        /// List the rules the check applies instead (no workspace needed).
        #[arg(long)]
        rules: bool,
    },
    /// The yearly cycle: `close --name 2026` freezes the ISMS as it stands into a named,
    /// read-only baseline and opens the next cycle, in which every risk and every primary
    /// asset's protection needs are to be re-assessed; `status` says how far that has got.
    Cycle {
        #[command(subcommand)]
        action: CycleAction,
    },
    /// What changed between two baselines, or a baseline and `now` (the workspace as it
    /// stands): new, changed (field by field, before → after) and removed assets, protection
    /// needs, risks, treatment actions, SoA decisions and objectives. Without names: the last
    /// baseline against now.
    Diff {
        /// A baseline's name, or `now`.
        from: Option<String>,
        /// A baseline's name, or `now` (the default).
        to: Option<String>,
        /// text, json or md.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// List what falls due or is overdue, oldest first, with its owner: risk reviews, treatment
    /// and corrective actions, the end of acceptances, document reviews, competence evidence
    /// and awareness, audits, questions. For a weekly mail from cron.
    Due {
        /// The workspace; defaults to --db, ISMS_DB or the default workspace.
        file: Option<PathBuf>,
        /// Days ahead of today to include; what is overdue is always listed.
        #[arg(long, default_value_t = 30)]
        within: u32,
        /// text (an aligned table), json or csv.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// Print a register: scope, parties, issues, assets, risks, actions, controls, soa, clauses,
    /// questions (the questions of workshops, open ones first, answered ones included),
    /// workshops (when each ran, who attended, what it changed), people (with the roles they
    /// hold and their awareness), roles, competence (the competence and awareness records),
    /// documents (the register of documented information: version, approval, next review, what
    /// each serves), audits (scope, auditors, status, report), findings (the audit findings,
    /// each graded, with its evidence and the nonconformity it raised; also `audit-findings`),
    /// nonconformities (actions, effectiveness review, state), objectives (measure, target,
    /// plan, latest result, trend), measurements, reviews (the management reviews: period,
    /// participants, inputs missing, decisions), review-actions or baselines (the closed
    /// cycles, and what the open one still has to re-assess).
    List {
        register: String,
        /// table, json or csv.
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Write a deliverable: soa (a draft after the latest issued version, or with --version the
    /// version as approved), risks (with every acceptance), treatment-plan, methodology (the
    /// risk methodology of 6.1.2), assets, scope, report, questions, people (with roles and
    /// competence records), documents, nonconformities (with their corrective actions and
    /// effectiveness review), objectives (with their measurements), audit (one audit's report),
    /// minutes (of a workshop), review (the minutes of a management review) or workspace.
    ///
    /// Formats: xlsx, csv, md, html, json, docx (the workspace: json only; minutes, audit,
    /// review and diff: xlsx, md, html or docx; methodology and soa --version: xlsx, md, html,
    /// json or docx). csv writes one file per register; several registers go into the
    /// directory -o names. docx is a Word document with a title page, headings, repeated table
    /// headers and page numbers. Minutes are of the latest workshop unless --workshop names one; the
    /// audit report is of the latest audit by date unless --audit names one, a review's minutes
    /// of the latest review unless --review does. Reads the workspace only.
    /// Never writes onto the workspace or its own files, through a symbolic link, into a
    /// missing folder, or over an existing file unless --force replaces it.
    Export {
        what: String,
        /// xlsx, csv, md, html, json or docx; defaults to the extension of -o.
        #[arg(long)]
        format: Option<String>,
        /// The file to write, or a directory to write into.
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: PathBuf,
        /// For `minutes`: the workshop, `W-001` (else the latest).
        #[arg(long, value_name = "W-NNN")]
        workshop: Option<String>,
        /// For `review`: the management review, `MR-001` (else the latest).
        #[arg(long, value_name = "MR-NNN")]
        review: Option<String>,
        /// For `audit`: the audit, `AU-001` (else the latest by date).
        #[arg(long, value_name = "AU-NNN")]
        audit: Option<String>,
        /// For `soa`: an issued version, `1` or `v1`, exactly as it was approved (else the
        /// SoA as it stands, a draft after the latest version).
        #[arg(long, value_name = "N")]
        version: Option<String>,
        /// For `diff`: the baseline to compare from (else the last one).
        #[arg(long, value_name = "BASELINE")]
        from: Option<String>,
        /// For `diff`: the baseline to compare to, or `now` (the default).
        #[arg(long, value_name = "BASELINE")]
        to: Option<String>,
        /// Replace files that exist already (else the export refuses and writes nothing).
        #[arg(long)]
        force: bool,
    },
    /// Bring data in: `workspace FILE.json` into a new workspace file (--db or -o), or
    /// `assets|risks|scope FILE.csv|FILE.xlsx` into the workspace. A bad row imports nothing.
    Import {
        /// workspace, assets, risks or scope.
        what: String,
        /// The file to read; for a register also a directory a csv export wrote (its
        /// `<register>.csv` is read, e.g. `scope.csv` of `export scope`).
        file: PathBuf,
        /// For `workspace`: the new workspace file to create (else --db, ISMS_DB or the default).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Check everything and show what would be created, without writing.
        #[arg(long)]
        dry_run: bool,
        /// For `workspace`: replace an existing file at the new workspace's path (one no
        /// other isms has open).
        #[arg(long)]
        force: bool,
    },
    /// Copy the workspace to a new file, consistently even while the app has it open.
    ///
    /// FILE defaults to --db, ISMS_DB or the default workspace. DEST must not exist unless
    /// --force replaces it; it is written beside, then renamed into place, readable by its owner
    /// only and checked with SQLite's integrity check.
    #[command(override_usage = "isms backup [FILE] DEST")]
    Backup {
        /// [FILE] DEST: the workspace (optional) and the new file to write.
        #[arg(value_name = "PATH", num_args = 1..=2, required = true)]
        paths: Vec<PathBuf>,
        /// Of an encrypted workspace, write a plain copy (else it is encrypted like the
        /// workspace, with the same passphrase).
        #[arg(long)]
        plain: bool,
        /// Replace DEST if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print shell completions to stdout (the README says where each shell reads them).
    ///
    /// bash: `isms completions bash > ~/.local/share/bash-completion/completions/isms`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the man page (roff) to stdout, or to FILE with -o: `man -l isms.1` reads it.
    Man {
        /// The file to write, e.g. `~/.local/share/man/man1/isms.1`.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the change log, oldest first: when, who, which item (with the workshop it was
    /// made in, `[W-001]`), and each changed field as before → after.
    Log {
        /// The workspace; defaults to --db, ISMS_DB or the default workspace.
        file: Option<PathBuf>,
        /// Only the changes made from this day on, or from this time on: `2026-03-31`,
        /// `2026-03-31 14:00` or `2026-03-31T14:00` (local time, as the log keeps it).
        #[arg(long, value_name = "YYYY-MM-DD[ HH:MM]")]
        since: Option<String>,
        /// Only the changes made while this workshop ran: `W-001`.
        #[arg(long, value_name = "W-NNN")]
        workshop: Option<String>,
        #[arg(long, value_enum, default_value_t = LogFormat::Text)]
        format: LogFormat,
    },
}

/// How `isms ls` prints the known workspaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LsFormat {
    /// Aligned columns with a header line.
    Text,
    /// A JSON array, one object per workspace.
    Json,
}

/// How `isms log` prints the changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One line per change, then one indented line per changed field.
    Text,
    /// A JSON array: each change with its before and after and the changed fields.
    Json,
}

/// The grade from which `isms check` exits with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on a major finding (the default).
    Major,
    /// Fail on a major or minor finding.
    Minor,
    /// Fail on any finding.
    Observation,
}

/// What `isms cycle` does.
#[derive(Debug, Subcommand)]
pub enum CycleAction {
    /// Freeze the ISMS as it stands into the baseline NAME and open the next cycle.
    Close {
        /// The workspace; defaults to --db, ISMS_DB or the default workspace.
        file: Option<PathBuf>,
        /// The cycle's name, e.g. the year: 2026.
        #[arg(long)]
        name: String,
    },
    /// How many risks and assets' needs the open cycle has re-assessed, and what is left.
    Status {
        /// The workspace; defaults to --db, ISMS_DB or the default workspace.
        file: Option<PathBuf>,
    },
}

/// How `isms check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Grouped by severity, each finding with its fix.
    Text,
    /// One JSON document: organisation, date, summary and findings.
    Json,
}
