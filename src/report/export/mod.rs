//! `isms export WHAT --format F -o PATH`: the deliverables an auditor and a client use.
//!
//! The registers are built once as [`Table`]s of typed cells (text, date, number, a level with
//! its colour) from the same listings `isms list` prints, so every derived value (effective
//! protection needs, risk levels, flags, derived SoA reasons) is the domain's answer; each format
//! then only renders them:
//!
//! - **xlsx**: one sheet per register (a cover sheet first for `report` and `soa`: the SoA's
//!   names its version, issue date and approver), frozen header row,
//!   autofilter, column widths from the content, wrapped text, levels filled with their colour,
//!   dates as dates; the workbook properties name the organisation and the SoA version.
//! - **csv**: one RFC 4180 UTF-8 file per register; several registers (`scope`, `report`) or a
//!   directory as `-o` write `<register>.csv` files into that directory (`report` adds
//!   `cover.csv` with organisation, date and SoA version).
//! - **md**: GitHub-flavoured Markdown tables under a heading naming the organisation, the date
//!   and the SoA version.
//! - **html**: one self-contained, printable page: inline CSS, no scripts, no external assets,
//!   with the heat maps of the risk register.
//! - **docx**: a Word document (see `docx.rs`): title page with the document control and the
//!   workspace's brand, heading styles, repeated table header rows, landscape sections for wide
//!   registers, page numbers.
//! - **json**: the registers as arrays of objects (the `isms list --format json` rows) in an
//!   envelope, or for `workspace` everything in the file (see [`workspace`]).
//!
//! The minutes of a workshop ([`export_minutes`], xlsx, md or html) are not registers: a cover
//! naming the client, the workshop, when it ran and who attended, then what the room decided
//! (see `minutes.rs`); where the others name the SoA version, they name the workshop. Nor is
//! one audit's report ([`export_audit`], see `audit.rs`): a cover with the audit, its scope
//! and its findings; it names the audit. The nonconformities are followed by their corrective
//! actions, one per row (`corrective.rs`), the risks by every acceptance (`acceptances.rs`).
//! The risk methodology ([`What::Methodology`], `methodology.rs`) is its own document and a
//! part of the report. The SoA exports as a draft after its latest issued version, marking what
//! changed since, or as one issued version exactly ([`export_soa_version`], `issued.rs`).
//!
//! Every export names the organisation, the date and the SoA version it reflects, and is
//! deterministic for the same data and date: no timestamp other than `today` (and a workshop's
//! own stamps in its minutes) is written.

mod acceptances;
mod audit;
mod changes;
mod corrective;
mod csv_files;
mod docx;
mod extras;
mod heading;
mod heatmap;
mod html;
mod issued;
mod layout;
mod markdown;
mod methodology;
mod minutes;
mod review;
mod tables;
pub mod workspace;
mod xlsx;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::enums::join_or;
use crate::domain::readiness::Workspace;
use crate::report::listing::Register;
use crate::store::target::{self, Existing, TargetError};
use crate::store::{Store, StoreError};
use crate::string_enum;

pub use heading::Heading;
pub use heatmap::{HeatCell, HeatMap};
pub use issued::export_soa_version;
pub use tables::{Cell, Column, Table};

string_enum!(
    /// What to export.
    What {
        Soa => "soa", "Statement of Applicability",
        Risks => "risks", "Risk register",
        TreatmentPlan => "treatment-plan", "Risk treatment plan",
        Assets => "assets", "Asset inventory",
        Scope => "scope", "Scope and context",
        Report => "report", "ISMS report",
        Questions => "questions", "Questions",
        People => "people", "People and competence",
        Documents => "documents", "Documented information",
        Nonconformities => "nonconformities", "Nonconformities and corrective actions",
        Audit => "audit", "Audit report",
        Review => "review", "Management review minutes",
        Objectives => "objectives", "Objectives and measurement",
        Minutes => "minutes", "Workshop minutes",
        Diff => "diff", "What changed since the last baseline",
        Methodology => "methodology", "Risk methodology",
        Workspace => "workspace", "Workspace",
    }
);

string_enum!(
    /// The file format of an export.
    ExportFormat {
        Xlsx => "xlsx", "Excel workbook",
        Csv => "csv", "CSV",
        Markdown => "md", "Markdown",
        Html => "html", "HTML",
        Json => "json", "JSON",
        Docx => "docx", "Word document",
    }
);

impl ExportFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        self.as_str()
    }
}

impl What {
    /// Whether this export as `format` is a folder of files (CSV of several registers) rather
    /// than one file.
    pub fn writes_folder(self, format: ExportFormat) -> bool {
        format == ExportFormat::Csv
            && matches!(
                self,
                What::Scope
                    | What::Report
                    | What::People
                    | What::Nonconformities
                    | What::Objectives
            )
    }

    /// The formats that make sense for this export.
    pub fn formats(self) -> &'static [ExportFormat] {
        match self {
            What::Workspace => &[ExportFormat::Json],
            What::Minutes | What::Audit | What::Review | What::Diff => &[
                ExportFormat::Xlsx,
                ExportFormat::Markdown,
                ExportFormat::Html,
                ExportFormat::Docx,
            ],
            What::Methodology => &[
                ExportFormat::Xlsx,
                ExportFormat::Markdown,
                ExportFormat::Html,
                ExportFormat::Json,
                ExportFormat::Docx,
            ],
            _ => ExportFormat::ALL,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{what} cannot be exported as {format}; use --format {allowed}")]
    Unsupported {
        what: &'static str,
        format: &'static str,
        allowed: String,
    },
    #[error("{path}: {what} as csv writes {files}; give a directory for -o, not a .csv file")]
    NeedsDirectory {
        what: &'static str,
        path: String,
        files: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: writing the workbook failed: {source}")]
    Xlsx {
        path: String,
        source: rust_xlsxwriter::XlsxError,
    },
    #[error("writing csv failed: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("writing json failed: {0}")]
    Json(#[from] serde_json::Error),
    #[error("there is no workshop in this workspace yet, so there are no minutes to write")]
    NoWorkshop,
    #[error("there is no workshop {0} in this workspace; isms list workshops lists them")]
    UnknownWorkshop(String),
    #[error("there is no audit in this workspace yet, so there is no audit report to write")]
    NoAudit,
    #[error("no audit {wanted}; the audits are {known}")]
    UnknownAudit { wanted: String, known: String },
    #[error(
        "there is no management review in this workspace yet, so there are no minutes to write"
    )]
    NoReview,
    #[error("there is no management review {0} in this workspace; isms list reviews lists them")]
    UnknownReview(String),
    /// `soa --version N` of a version never issued: the domain's sentence, naming those there are.
    #[error("{0}")]
    UnknownSoaVersion(String),
    #[error(
        "a Word document holds at most {DOCX_ROWS} table rows and this export has {rows}; \
         export it as xlsx or html, or one register at a time"
    )]
    TooLargeForDocx { rows: usize },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Target(#[from] TargetError),
}

impl ExportError {
    /// What the export would replace, when that alone stopped it: for the app to ask about.
    pub fn would_replace(&self) -> Option<String> {
        match self {
            ExportError::Target(TargetError::Exists(path)) => Some(path.clone()),
            ExportError::Target(TargetError::SomeExist { folder, files }) => {
                Some(format!("{files} in {folder}"))
            }
            _ => None,
        }
    }
}

/// Everything one export shows: its heading, an optional cover, the registers and, for the risk
/// register, the heat maps.
#[derive(Debug, Clone)]
pub struct Document {
    pub heading: Heading,
    pub cover: Option<Table>,
    pub tables: Vec<Table>,
    pub heat_maps: Vec<HeatMap>,
}

/// Said wherever an export of an encrypted workspace is written: the deliverables are plain
/// files, whatever the workspace is.
pub const LEAVES_ENCRYPTION: &str = "Note: the workspace is encrypted, this export is not: it \
leaves the encrypted file. Keep it as safe as the workspace, and delete it when it is delivered.";

/// Writes `what` as `format` to `out` and returns the files written. `out` is a file, or a
/// directory that receives `<what>.<ext>` (and, for csv of several registers, `<register>.csv`
/// files; it is created when missing and its parent exists). Reads the store only. Every file
/// is written by [`target`]'s rule: never onto the store's workspace or its files, never over an
/// existing file.
pub fn export(
    store: &Store,
    what: What,
    format: ExportFormat,
    out: &Path,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, ExportError> {
    export_with(store, what, format, out, today, Existing::Refuse)
}

/// [`export`], replacing existing files when `existing` says so.
pub fn export_with(
    store: &Store,
    what: What,
    format: ExportFormat,
    out: &Path,
    today: NaiveDate,
    existing: Existing,
) -> Result<Vec<PathBuf>, ExportError> {
    check_format(what, format)?;
    if what == What::Minutes {
        return export_minutes(store, None, format, out, today, existing);
    }
    if what == What::Audit {
        return export_audit(store, None, format, out, today, existing);
    }
    if what == What::Review {
        return export_review(store, None, format, out, today, existing);
    }
    if what == What::Diff {
        return export_diff(store, None, None, format, out, today, existing);
    }
    if what == What::Methodology {
        return methodology::export(store, format, out, today, existing);
    }
    let sink = Sink {
        workspace: store.path(),
        existing,
    };
    let single = || -> Result<PathBuf, ExportError> {
        let path = single_file(out, what, format);
        // Refused before the export is built, which can take a while.
        target::check(&path, Some(sink.workspace), existing)?;
        Ok(path)
    };
    if what == What::Workspace {
        let path = single()?;
        let bytes = workspace::to_json(store, today)?;
        sink.write(&path, &bytes)?;
        return Ok(vec![path]);
    }
    if format == ExportFormat::Xlsx {
        let path = single()?;
        let bytes = workbook(store, what, today, &path)?;
        sink.write(&path, &bytes)?;
        return Ok(vec![path]);
    }
    let doc = document(store, what, today, format)?;
    match format {
        ExportFormat::Csv => csv_files::write(&doc, what, out, &sink),
        _ => {
            let path = single()?;
            let bytes = match format {
                ExportFormat::Markdown => markdown::render(&doc).into_bytes(),
                ExportFormat::Html => html::render(&doc, &store.brand()?).into_bytes(),
                ExportFormat::Docx => docx_bytes(&doc, store, &path)?,
                _ => tables::to_json(&doc, what)?,
            };
            sink.write(&path, &bytes)?;
            Ok(vec![path])
        }
    }
}

/// Refuses a format that `what` is not exported as, naming those it is.
fn check_format(what: What, format: ExportFormat) -> Result<(), ExportError> {
    if what.formats().contains(&format) {
        return Ok(());
    }
    let allowed: Vec<&str> = what.formats().iter().map(|f| f.as_str()).collect();
    Err(ExportError::Unsupported {
        what: what.as_str(),
        format: format.as_str(),
        allowed: join_or(&allowed),
    })
}

/// Writes the minutes of workshop `W-<workshop>` (the latest for `None`) as `format` (xlsx, md
/// or html) to `out`, a file or a directory that receives `minutes-w-001.<ext>`, and returns the
/// file written. No workshop, or an unknown one, is a clear error and writes nothing.
pub fn export_minutes(
    store: &Store,
    workshop: Option<u32>,
    format: ExportFormat,
    out: &Path,
    today: NaiveDate,
    existing: Existing,
) -> Result<Vec<PathBuf>, ExportError> {
    check_format(What::Minutes, format)?;
    let workshop = minutes::workshop(store, workshop)?;
    let sink = Sink {
        workspace: store.path(),
        existing,
    };
    let stem = format!("minutes-{}", workshop.reference().to_lowercase());
    let path = single_file_named(out, &stem, format);
    target::check(&path, Some(sink.workspace), existing)?;
    let doc = minutes::document(store, &workshop, today)?;
    sink.write(&path, &one_document(store, &doc, format, &path, today)?)?;
    Ok(vec![path])
}

/// Writes the report of audit `AU-<audit>` (the latest by date for `None`) as `format` (xlsx,
/// md or html) to `out`, a file or a directory that receives `audit-au-001.<ext>`, and returns
/// the file written. No audit, or an unknown one, is a clear error and writes nothing.
pub fn export_audit(
    store: &Store,
    audit: Option<u32>,
    format: ExportFormat,
    out: &Path,
    today: NaiveDate,
    existing: Existing,
) -> Result<Vec<PathBuf>, ExportError> {
    check_format(What::Audit, format)?;
    let audit = audit::audit(store, audit)?;
    let sink = Sink {
        workspace: store.path(),
        existing,
    };
    let stem = format!("audit-{}", audit.reference().to_lowercase());
    let path = single_file_named(out, &stem, format);
    target::check(&path, Some(sink.workspace), existing)?;
    let doc = audit::document(store, &audit, today)?;
    sink.write(&path, &one_document(store, &doc, format, &path, today)?)?;
    Ok(vec![path])
}

/// Writes the minutes of management review `MR-<review>` (the latest for `None`) as `format`
/// (xlsx, md or html) to `out`, a file or a directory that receives `review-mr-001.<ext>`, and
/// returns the file written. No review, or an unknown one, is a clear error and writes nothing.
pub fn export_review(
    store: &Store,
    review: Option<u32>,
    format: ExportFormat,
    out: &Path,
    today: NaiveDate,
    existing: Existing,
) -> Result<Vec<PathBuf>, ExportError> {
    check_format(What::Review, format)?;
    let review = review::review(store, review)?;
    let sink = Sink {
        workspace: store.path(),
        existing,
    };
    let stem = format!("review-{}", review.reference().to_lowercase());
    let path = single_file_named(out, &stem, format);
    target::check(&path, Some(sink.workspace), existing)?;
    let doc = review::document(store, &review, today)?;
    sink.write(&path, &one_document(store, &doc, format, &path, today)?)?;
    Ok(vec![path])
}

/// Writes what changed from baseline `from` (the last one for `None`) to `to` (a baseline, or
/// now for `None`) as `format` (xlsx, md or html) to `out`, a file or a directory that receives
/// `diff-2025-now.<ext>`, and returns the file written. No baseline, or an unknown one, is a
/// clear error and writes nothing.
pub fn export_diff(
    store: &Store,
    from: Option<&str>,
    to: Option<&str>,
    format: ExportFormat,
    out: &Path,
    today: NaiveDate,
    existing: Existing,
) -> Result<Vec<PathBuf>, ExportError> {
    check_format(What::Diff, format)?;
    let (doc, names) = changes::document(store, from, to, today)?;
    let sink = Sink {
        workspace: store.path(),
        existing,
    };
    let stem = changes::stem(&names);
    let path = single_file_named(out, &stem, format);
    target::check(&path, Some(sink.workspace), existing)?;
    sink.write(&path, &one_document(store, &doc, format, &path, today)?)?;
    Ok(vec![path])
}

/// A document that is not a set of registers (minutes, an audit report, a review's minutes) as
/// md, html, docx or xlsx.
fn one_document(
    store: &Store,
    doc: &Document,
    format: ExportFormat,
    path: &Path,
    today: NaiveDate,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ExportFormat::Markdown => markdown::render(doc).into_bytes(),
        ExportFormat::Html => html::render(doc, &store.brand()?).into_bytes(),
        ExportFormat::Docx => docx_bytes(doc, store, path)?,
        _ => {
            let xlsx_error = |source| ExportError::Xlsx {
                path: path.display().to_string(),
                source,
            };
            let mut book = xlsx::Book::new(&doc.heading, today).map_err(xlsx_error)?;
            if let Some(cover) = &doc.cover {
                book.cover(cover).map_err(xlsx_error)?;
            }
            for table in &doc.tables {
                book.sheet(table).map_err(xlsx_error)?;
            }
            book.finish().map_err(xlsx_error)?
        }
    })
}

/// The most table rows a Word document is built with. `docx-rs` holds every cell as a tree of
/// structures, about 100 KB a row, so a larger export would pass the memory budget (and make a
/// document of hundreds of pages); a workbook or the HTML holds it instead.
pub const DOCX_ROWS: usize = 1_000;

/// The Word document of `doc`, with the workspace's brand; refused beyond [`DOCX_ROWS`] rows.
fn docx_bytes(doc: &Document, store: &Store, path: &Path) -> Result<Vec<u8>, ExportError> {
    let rows: usize = doc.tables.iter().map(|t| t.rows.len()).sum();
    if rows > DOCX_ROWS {
        return Err(ExportError::TooLargeForDocx { rows });
    }
    docx::render(doc, &store.brand()?).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// The workbook of `what`. Each register is built, written to its sheet and dropped before the
/// next is built, so that only one register is held at a time.
fn workbook(
    store: &Store,
    what: What,
    today: NaiveDate,
    path: &Path,
) -> Result<Vec<u8>, ExportError> {
    let xlsx_error = |source| ExportError::Xlsx {
        path: path.display().to_string(),
        source,
    };
    let parts = Parts::of(store, what, today, ExportFormat::Xlsx)?;
    let mut book = xlsx::Book::new(&parts.heading, today).map_err(xlsx_error)?;
    if let Some(cover) = &parts.cover {
        book.cover(cover).map_err(xlsx_error)?;
    }
    for &register in parts.registers {
        for table in parts.tables(store, register, today)? {
            book.sheet(&table).map_err(xlsx_error)?;
        }
    }
    if let Some(findings) = &parts.findings {
        book.sheet(findings).map_err(xlsx_error)?;
    }
    book.finish().map_err(xlsx_error)
}

/// The registers of `what` as tables, with heading, cover and heat maps as `what` needs; the
/// tables keep their JSON rows only for json.
pub fn document(
    store: &Store,
    what: What,
    today: NaiveDate,
    format: ExportFormat,
) -> Result<Document, StoreError> {
    let parts = Parts::of(store, what, today, format)?;
    let mut tables = Vec::new();
    for &register in parts.registers {
        tables.extend(parts.tables(store, register, today)?);
    }
    tables.extend(parts.findings);
    let heat_maps = if matches!(what, What::Risks | What::Report) {
        heatmap::heat_maps(&parts.ws.methodology, &parts.ws.risks)
    } else {
        Vec::new()
    };
    Ok(Document {
        heading: parts.heading,
        cover: parts.cover,
        tables,
        heat_maps,
    })
}

/// A document before its registers are built: heading, cover and findings, and what the
/// registers are built from.
struct Parts {
    what: What,
    /// Written as csv: one file per table.
    csv: bool,
    heading: Heading,
    cover: Option<Table>,
    findings: Option<Table>,
    registers: &'static [Register],
    ws: Workspace,
    ctx: tables::Context,
}

impl Parts {
    fn of(
        store: &Store,
        what: What,
        today: NaiveDate,
        format: ExportFormat,
    ) -> Result<Self, StoreError> {
        use Register as R;
        let ws = store.workspace()?;
        let mut heading = Heading::of(&store.organisation()?, what, today, &ws);
        let registers: &[R] = match what {
            What::Soa => &[R::Soa],
            What::Risks => &[R::Risks],
            What::TreatmentPlan => &[R::Actions],
            What::Assets => &[R::Assets],
            What::Scope => &[R::Scope, R::Parties, R::Issues],
            What::Report => &[
                R::Scope,
                R::Parties,
                R::Issues,
                R::Assets,
                R::Risks,
                R::Actions,
                R::Soa,
                R::Clauses,
                R::Documents,
                R::Audits,
                R::AuditFindings,
                R::Nonconformities,
                R::Reviews,
                R::ReviewActions,
                R::Questions,
                R::People,
                R::Competence,
            ],
            What::Questions => &[R::Questions],
            What::People => &[R::People, R::Roles, R::Competence],
            What::Documents => &[R::Documents],
            What::Nonconformities => &[R::Nonconformities],
            What::Objectives => &[R::Objectives, R::Measurements],
            // Written by `export_minutes`, `export_audit` and `export_review`, never from registers.
            What::Minutes
            | What::Audit
            | What::Review
            | What::Diff
            | What::Methodology
            | What::Workspace => &[],
        };
        let (mut cover, mut findings) = (None, None);
        if what == What::Report {
            let found = crate::domain::readiness::check(&ws, today);
            cover = Some(heading::cover(&heading, &ws, &found));
            findings = Some(tables::findings(&found));
        }
        if what == What::Soa {
            heading.title = issued::draft_title(&ws);
            cover = Some(issued::draft_cover(
                &heading,
                &ws,
                heading::progress_phrase(&ws),
            ));
        }
        Ok(Self {
            what,
            heading,
            cover,
            findings,
            registers,
            ctx: tables::Context::of(store, format == ExportFormat::Json)?,
            csv: format == ExportFormat::Csv,
            ws,
        })
    }

    /// The register as a table, with the tables that belong with it: the methodology before
    /// the report's assets, the corrective actions after the nonconformities, the acceptances
    /// after the risks (or the treatment plan).
    fn tables(
        &self,
        store: &Store,
        register: Register,
        today: NaiveDate,
    ) -> Result<Vec<Table>, StoreError> {
        let ws = &self.ws;
        let mut tables = Vec::new();
        // The report states the methodology before the assets and risks it rates.
        if self.what == What::Report && register == Register::Assets {
            tables.extend(methodology::tables(&ws.methodology, &ws.scale));
        }
        let mut table = self.ctx.table(store, ws, register, today)?;
        if register == Register::Soa {
            issued::mark_changes(ws, &mut table);
        }
        tables.push(table);
        if register == Register::Nonconformities {
            tables.push(corrective::table(&ws.nonconformities, today));
        }
        // The acceptances in full after the risks (the report, the risk register) or the plan;
        // a csv of one register stays one importable file.
        let acceptances = match register {
            Register::Risks => true,
            Register::Actions => self.what == What::TreatmentPlan,
            _ => false,
        };
        if acceptances && !(self.csv && self.what != What::Report) {
            tables.push(acceptances::table(ws, today));
        }
        Ok(tables)
    }
}

/// `out` itself, or `<what>.<ext>` inside it when it is a directory or written as one
/// (`deliverables/`: a missing folder is then said to be missing, not written as a file).
fn single_file(out: &Path, what: What, format: ExportFormat) -> PathBuf {
    single_file_named(out, what.as_str(), format)
}

/// `out` itself, or `<stem>.<ext>` inside it (see [`single_file`]).
fn single_file_named(out: &Path, stem: &str, format: ExportFormat) -> PathBuf {
    let as_folder = out
        .as_os_str()
        .as_encoded_bytes()
        .last()
        .is_some_and(|&b| std::path::is_separator(char::from(b)));
    if out.is_dir() || as_folder {
        out.join(format!("{stem}.{}", format.extension()))
    } else {
        out.to_path_buf()
    }
}

/// Where the files of one export go: beside, never onto, the workspace it reads.
struct Sink<'a> {
    workspace: &'a Path,
    existing: Existing,
}

impl Sink<'_> {
    /// Writes one file of the export, whole and readable by its owner only.
    fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
        Ok(target::write(
            path,
            Some(self.workspace),
            self.existing,
            bytes,
        )?)
    }
}

#[cfg(test)]
mod tests;
