//! The whole workspace at once, as plain domain values, for the readiness checker.

use super::{Result, Store};
use crate::domain::readiness::Workspace;

impl Store {
    /// Everything the readiness rules look at, read from the file as it stands.
    pub fn workspace(&self) -> Result<Workspace> {
        Ok(Workspace {
            statements: self.scope_statements()?,
            scope_items: self.scope_items()?,
            issues: self.context_issues()?,
            parties: self.parties()?,
            assets: self.assets()?,
            dependencies: self.dependencies()?,
            needs: self.protection_needs()?,
            scale: self.protection_scale()?,
            objectives: self.objectives()?,
            methodology: self.methodology()?,
            risks: self.risks()?,
            actions: self.actions()?,
            acceptances: self.acceptances()?,
            controls: self.controls()?,
            soa: self.soa()?,
            versions: self.soa_versions()?,
            clauses: self.clauses()?,
            documents: self.documents()?,
            questions: self.questions()?,
            last_rating_change: self.last_rating_change()?,
            people: self.people()?,
            competence: self.competence_records()?,
            audits: self.audits()?,
            audit_findings: self.audit_findings()?,
            nonconformities: self.nonconformities()?,
            reviews: self.reviews()?,
            review_actions: self.review_actions()?,
            security_objectives: self.security_objectives()?,
            measurements: self.measurements()?,
            baselines: self.baselines()?,
            reassessments: self.reassessments()?,
        })
    }
}
