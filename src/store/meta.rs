//! Workspace-wide settings kept as JSON values in `meta`: organisation, scope statements,
//! methodology, protection scale, active objectives. Also seeding and register counts.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Result, Store, StoreError, Writer};
use crate::domain::brand::Brand;
use crate::domain::catalog;
use crate::domain::evaluation::reevaluation_summary;
use crate::domain::methodology::Methodology;
use crate::domain::protection::{Objective, ProtectionScale, validate_objectives};
use crate::domain::scope::ScopeStatements;
use crate::domain::text::{self, Field};

/// The scope statements as the settings name them.
mod field {
    use super::Field;

    pub const ISMS_SCOPE: Field = Field::new("ISMS scope");
    pub const CERTIFICATE_SCOPE: Field = Field::new("certificate scope");
}

const ORGANISATION: &str = "organisation";
const SCOPE: &str = "scope_statements";
const METHODOLOGY: &str = "methodology";
const SCALE: &str = "protection_scale";
const OBJECTIVES: &str = "objectives";
const BRAND: &str = "brand";

fn get<T: DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let raw: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?;
    raw.map(|s| {
        serde_json::from_str(&s).map_err(|e| StoreError::Damaged(format!("setting {key}: {e}")))
    })
    .transpose()
}

/// The number of items in each register, for `isms info` and the summary screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub scope_items: u64,
    pub context_issues: u64,
    pub parties: u64,
    pub assets: u64,
    pub protection_needs: u64,
    pub risks: u64,
    pub actions: u64,
    pub acceptances: u64,
    pub annex_a_controls: u64,
    pub custom_controls: u64,
    pub soa_decided: u64,
    pub clauses: u64,
    /// Questions of workshops, open and answered, and those still open.
    pub questions: u64,
    pub open_questions: u64,
    pub workshops: u64,
    /// People of the register (those who left included) and their competence records.
    pub people: u64,
    pub competence_records: u64,
    pub documents: u64,
    /// Audits of every kind, and their findings.
    pub audits: u64,
    pub audit_findings: u64,
    /// Nonconformities, closed and open, and those still open.
    pub nonconformities: u64,
    pub open_nonconformities: u64,
    /// Information security objectives and their measurements.
    pub objectives: u64,
    pub measurements: u64,
    /// Management reviews, those held, and their actions still open.
    pub reviews: u64,
    pub held_reviews: u64,
    pub review_actions: u64,
    pub open_review_actions: u64,
    /// Closed cycles' baselines, and what the open cycle still has to re-assess.
    pub baselines: u64,
    pub to_reassess: u64,
    pub changes: u64,
}

pub(super) fn methodology_on(conn: &Connection) -> Result<Methodology> {
    Ok(get(conn, METHODOLOGY)?.unwrap_or_default())
}

impl Store {
    pub fn organisation(&self) -> Result<String> {
        Ok(get(self.conn(), ORGANISATION)?.unwrap_or_default())
    }

    pub fn scope_statements(&self) -> Result<ScopeStatements> {
        Ok(get(self.conn(), SCOPE)?.unwrap_or_default())
    }

    /// The name and logo of the deliverables' title pages (`isms brand`); empty when unset.
    pub fn brand(&self) -> Result<Brand> {
        Ok(get(self.conn(), BRAND)?.unwrap_or_default())
    }

    pub fn methodology(&self) -> Result<Methodology> {
        methodology_on(self.conn())
    }

    pub fn protection_scale(&self) -> Result<ProtectionScale> {
        Ok(get(self.conn(), SCALE)?.unwrap_or_default())
    }

    /// The protection objectives in use; the triad unless the workspace switched on more.
    pub fn objectives(&self) -> Result<Vec<Objective>> {
        Ok(get(self.conn(), OBJECTIVES)?.unwrap_or_else(|| Objective::TRIAD.to_vec()))
    }

    pub fn schema_version(&self) -> Result<i32> {
        Ok(self
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self
                .conn()
                .query_row(sql, [], |r| r.get::<_, i64>(0))?
                .max(0)
                .unsigned_abs())
        };
        Ok(Counts {
            scope_items: count("SELECT COUNT(*) FROM scope_items")?,
            context_issues: count("SELECT COUNT(*) FROM context_issues")?,
            parties: count("SELECT COUNT(*) FROM parties")?,
            assets: count("SELECT COUNT(*) FROM assets")?,
            protection_needs: count("SELECT COUNT(*) FROM protection_needs")?,
            risks: count("SELECT COUNT(*) FROM risks")?,
            actions: count("SELECT COUNT(*) FROM actions")?,
            acceptances: count("SELECT COUNT(*) FROM acceptances")?,
            annex_a_controls: count("SELECT COUNT(*) FROM controls WHERE number IS NULL")?,
            custom_controls: count("SELECT COUNT(*) FROM controls WHERE number IS NOT NULL")?,
            soa_decided: count(
                "SELECT COUNT(*) FROM soa_entries WHERE applicability <> 'undecided'",
            )?,
            clauses: count("SELECT COUNT(*) FROM clauses")?,
            questions: count("SELECT COUNT(*) FROM open_questions")?,
            open_questions: count("SELECT COUNT(*) FROM open_questions WHERE resolved_at IS NULL")?,
            workshops: count("SELECT COUNT(*) FROM workshops")?,
            people: count("SELECT COUNT(*) FROM people")?,
            competence_records: count("SELECT COUNT(*) FROM competence_records")?,
            documents: count("SELECT COUNT(*) FROM documents")?,
            audits: count("SELECT COUNT(*) FROM audits")?,
            audit_findings: count("SELECT COUNT(*) FROM audit_findings")?,
            nonconformities: count("SELECT COUNT(*) FROM nonconformities")?,
            open_nonconformities: count(
                "SELECT COUNT(*) FROM nonconformities WHERE closed_on IS NULL",
            )?,
            objectives: count("SELECT COUNT(*) FROM objectives")?,
            measurements: count("SELECT COUNT(*) FROM measurements")?,
            reviews: count("SELECT COUNT(*) FROM reviews")?,
            baselines: count("SELECT COUNT(*) FROM baselines")?,
            to_reassess: count("SELECT COUNT(*) FROM reassessments")?,
            held_reviews: count("SELECT COUNT(*) FROM reviews WHERE status = 'held'")?,
            review_actions: count("SELECT COUNT(*) FROM review_actions")?,
            open_review_actions: count(
                "SELECT COUNT(*) FROM review_actions WHERE status <> 'done'",
            )?,
            changes: count("SELECT COUNT(*) FROM change_log")?,
        })
    }
}

impl Writer<'_> {
    fn put<T: Serialize>(&self, key: &str, value: &T) -> Result<Option<serde_json::Value>> {
        let before: Option<serde_json::Value> = get(&self.tx, key)?;
        let json = serde_json::to_string(value).map_err(|e| StoreError::Damaged(e.to_string()))?;
        self.tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json),
        )?;
        self.log(
            "setting",
            key,
            if before.is_some() { "update" } else { "create" },
            before.as_ref(),
            Some(value),
        )?;
        Ok(before)
    }

    pub fn set_organisation(&mut self, name: &str) -> Result<()> {
        let name = text::required_line(crate::domain::file_name::field::ORGANISATION, name)?;
        self.put(ORGANISATION, &name).map(drop)
    }

    /// Sets the brand, checked as a user's input (a file's logo too); an empty brand clears it.
    pub fn set_brand(&mut self, brand: Brand) -> Result<Brand> {
        let brand = brand.validated()?;
        let before: Option<Brand> = get(&self.tx, BRAND)?;
        let json = serde_json::to_string(&brand).map_err(|e| StoreError::Damaged(e.to_string()))?;
        self.tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (BRAND, json),
        )?;
        self.log(
            "setting",
            BRAND,
            if before.is_some() { "update" } else { "create" },
            before.map(|b| b.logged()).as_ref(),
            Some(&brand.logged()),
        )?;
        Ok(brand)
    }

    pub fn set_scope_statements(&mut self, statements: ScopeStatements) -> Result<ScopeStatements> {
        let statements = ScopeStatements {
            isms_scope: text::text(field::ISMS_SCOPE, &statements.isms_scope)?,
            certificate_scope: text::text(field::CERTIFICATE_SCOPE, &statements.certificate_scope)?,
            ..statements
        };
        let climate = statements.climate_change.clone();
        let statements = statements.with_climate_change(climate)?;
        self.put(SCOPE, &statements)?;
        Ok(statements)
    }

    /// Replaces the methodology (see [`Writer::change_methodology`]); returns it as stored.
    pub fn set_methodology(&mut self, methodology: Methodology) -> Result<Methodology> {
        let methodology = methodology.validated()?;
        self.replace_methodology(&methodology)?;
        Ok(methodology)
    }

    /// Replaces the methodology and re-evaluates the register in the same transaction: when the
    /// scales change size every stored rating moves to the nearest step (both ends anchored),
    /// and levels are looked up anew. Returns one line for people, e.g. `4 of 20 risks changed
    /// level` (see [`reevaluation_summary`]).
    pub fn change_methodology(&mut self, methodology: Methodology) -> Result<String> {
        let methodology = methodology.validated()?;
        self.replace_methodology(&methodology)
    }

    fn replace_methodology(&mut self, methodology: &Methodology) -> Result<String> {
        let old = self.stored_methodology()?;
        let risks = super::risks::all_risks(&self.tx)?;
        let summary = reevaluation_summary(&old, methodology, &risks);
        self.put(METHODOLOGY, methodology)?;
        self.rerate_risks(&old, methodology, &risks)?;
        Ok(summary)
    }

    /// The methodology as stored in this transaction (the default before one is set).
    /// The risk methodology as this transaction sees it.
    pub fn stored_methodology(&self) -> Result<Methodology> {
        Ok(get(&self.tx, METHODOLOGY)?.unwrap_or_default())
    }

    /// The protection scale as this transaction sees it.
    pub fn stored_scale(&self) -> Result<ProtectionScale> {
        Ok(get(&self.tx, SCALE)?.unwrap_or_default())
    }

    /// Replaces the protection scale, moving every stored need onto it (see
    /// [`Writer::change_protection_scale`]); returns the scale as stored.
    pub fn set_protection_scale(&mut self, scale: ProtectionScale) -> Result<ProtectionScale> {
        let scale = scale.validated()?;
        self.replace_scale(&scale)?;
        Ok(scale)
    }

    /// Replaces the protection scale and, in the same transaction, maps every stored need from
    /// the old scale to the new one (lowest and highest level anchored). Returns one line for
    /// people: `3 levels → 4 levels: 12 ratings mapped (high → high: 5, ...), 20 unchanged`.
    pub fn change_protection_scale(&mut self, scale: ProtectionScale) -> Result<String> {
        let scale = scale.validated()?;
        self.replace_scale(&scale)
    }

    fn replace_scale(&mut self, scale: &ProtectionScale) -> Result<String> {
        let from: ProtectionScale = get(&self.tx, SCALE)?.unwrap_or_default();
        self.put(SCALE, scale)?;
        self.remap_protection_needs(&from, scale)
    }

    /// Chooses the protection objectives in use: ordered, each once, at least one. Needs set for
    /// an objective that is switched off stay stored and return when it is switched on again.
    pub fn set_objectives(&mut self, objectives: &[Objective]) -> Result<Vec<Objective>> {
        let objectives = validate_objectives(objectives)?;
        self.put(OBJECTIVES, &objectives)?;
        Ok(objectives)
    }

    /// Fills a new workspace: organisation, default methodology and scale, Annex A with an
    /// undecided SoA entry per control, and the clause checklist.
    pub(super) fn seed(&mut self, organisation: &str) -> Result<()> {
        self.set_organisation(organisation)?;
        self.set_scope_statements(ScopeStatements::default())?;
        self.set_methodology(Methodology::default())?;
        self.set_protection_scale(ProtectionScale::default())?;
        self.set_objectives(&Objective::TRIAD)?;
        self.insert_annex_a(&catalog::annex_a())?;
        self.insert_clauses(&catalog::clauses())?;
        Ok(())
    }
}
