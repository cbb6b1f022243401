//! Reading the workspace: the `Reader` screens load from, and the read models several screens
//! derive from (the methodology, the treatment actions, the controls, assets with their
//! effective needs). A model is read at most once per change and kept until a command touches
//! what it was built from; a rating re-reads the protection needs only.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Change, Counts, Error, RiskRatings};
use crate::domain::asset::{Asset, Dependency};
use crate::domain::audit::{Audit, AuditFinding};
use crate::domain::baseline::{Baseline, Reassessment};
use crate::domain::clause::ClauseItem;
use crate::domain::control::Control;
use crate::domain::document::{Document, DocumentVersion};
use crate::domain::history::Links;
use crate::domain::methodology::Methodology;
use crate::domain::nonconformity::Nonconformity;
use crate::domain::objective::{Measurement, SecurityObjective};
use crate::domain::party::InterestedParty;
use crate::domain::person::{CompetenceRecord, People};
use crate::domain::protection::{
    EffectiveNeed, Objective, ProtectionNeed, ProtectionScale, effective_needs,
};
use crate::domain::question::OpenQuestion;
use crate::domain::readiness::Workspace;
use crate::domain::review::{Inputs, Review, ReviewAction};
use crate::domain::risk::{Acceptance, Risk};
use crate::domain::scope::{ContextIssue, ScopeItem, ScopeStatements};
use crate::domain::soa::{SoaEntry, SoaVersion};
use crate::domain::treatment::Action;
use crate::domain::workshop::{Minutes, Workshop, minutes};
use crate::store::{ReadAccess, Store};

type Result<T> = std::result::Result<T, Error>;

/// Assets with what their protection needs derive from, and the needs they end up with.
pub struct AssetModel {
    pub assets: Vec<Asset>,
    pub dependencies: Vec<Dependency>,
    /// The needs rated on the assets themselves.
    pub needs: Vec<ProtectionNeed>,
    pub objectives: Vec<Objective>,
    pub scale: ProtectionScale,
    pub scope_items: Vec<ScopeItem>,
    /// Per objective, each asset's need after inheritance (maximum principle).
    pub effective: Vec<(Objective, HashMap<i64, EffectiveNeed>)>,
}

impl AssetModel {
    fn read(store: &Store) -> Result<Self> {
        let mut model = Self {
            assets: store.assets()?,
            dependencies: store.dependencies()?,
            needs: store.protection_needs()?,
            objectives: store.objectives()?,
            scale: store.protection_scale()?,
            scope_items: store.scope_items()?,
            effective: Vec::new(),
        };
        model.derive();
        Ok(model)
    }

    /// The same assets with the needs as they are now.
    fn with_needs(&self, needs: Vec<ProtectionNeed>) -> Self {
        let mut model = Self {
            assets: self.assets.clone(),
            dependencies: self.dependencies.clone(),
            needs,
            objectives: self.objectives.clone(),
            scale: self.scale.clone(),
            scope_items: self.scope_items.clone(),
            effective: Vec::new(),
        };
        model.derive();
        model
    }

    fn derive(&mut self) {
        self.effective = self
            .objectives
            .iter()
            .map(|&o| {
                (
                    o,
                    effective_needs(&self.assets, &self.dependencies, &self.needs, o),
                )
            })
            .collect();
    }
}

/// What a command may have changed, so that only models built from it are read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touches {
    Nothing,
    /// Only protection needs rated on assets.
    Needs,
    Everything,
}

impl Touches {
    pub fn and(self, other: Self) -> Self {
        match (self, other) {
            (Self::Everything, _) | (_, Self::Everything) => Self::Everything,
            (Self::Needs, _) | (_, Self::Needs) => Self::Needs,
            _ => Self::Nothing,
        }
    }
}

/// The read models as last read; `None` is read on first use.
#[derive(Default)]
pub struct Models {
    methodology: Option<Methodology>,
    actions: Option<Vec<Action>>,
    controls: Option<Vec<Control>>,
    treated: Option<HashMap<String, Vec<String>>>,
    assets: Option<Arc<AssetModel>>,
    /// The asset model is current except for the rated needs.
    needs_changed: bool,
    reads: Reads,
}

/// How often each read model was read from the store, to check that reading stays shared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reads {
    /// The methodology, the actions, the controls and which risks each control treats.
    pub lists: usize,
    /// The assets with everything their needs derive from.
    pub assets: usize,
    /// The rated needs alone, after a rating.
    pub needs: usize,
}

impl Models {
    pub fn changed(&mut self, touched: Touches) {
        match touched {
            Touches::Nothing => {}
            Touches::Needs => self.needs_changed = true,
            Touches::Everything => {
                let reads = self.reads;
                *self = Self {
                    reads,
                    ..Self::default()
                };
            }
        }
    }
}

/// Reads the workspace for the screens. Reads of the shared models come from the models kept
/// since the last change; the rest go to the store.
pub struct Reader<'a> {
    store: &'a Store,
    models: &'a RefCell<Models>,
}

macro_rules! from_store {
    ($($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $out:ty;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(&self, $($arg: $ty),*) -> Result<$out> {
                self.store.$name($($arg),*)
            }
        )*
    };
}

impl<'a> Reader<'a> {
    pub(super) fn cached(store: &'a Store, models: &'a RefCell<Models>) -> Self {
        Self { store, models }
    }

    /// A model kept in `slot`, read with `read` when it is not there.
    fn model<T: Clone>(
        &self,
        slot: fn(&mut Models) -> &mut Option<T>,
        read: fn(&Store) -> Result<T>,
    ) -> Result<T> {
        if let Some(kept) = slot(&mut self.models.borrow_mut()) {
            return Ok(kept.clone());
        }
        let fresh = read(self.store)?;
        let mut models = self.models.borrow_mut();
        models.reads.lists += 1;
        *slot(&mut models) = Some(fresh.clone());
        Ok(fresh)
    }

    pub fn methodology(&self) -> Result<Methodology> {
        self.model(|m| &mut m.methodology, Store::methodology)
    }

    pub fn actions(&self) -> Result<Vec<Action>> {
        self.model(|m| &mut m.actions, Store::actions)
    }

    pub fn controls(&self) -> Result<Vec<Control>> {
        self.model(|m| &mut m.controls, Store::controls)
    }

    /// Per control key, the risks its actions treat (`R-001`).
    pub fn treated_risk_refs(&self) -> Result<HashMap<String, Vec<String>>> {
        self.model(|m| &mut m.treated, Store::treated_risk_refs)
    }

    /// The assets with their needs; after a rating only the needs are read again.
    pub fn asset_model(&self) -> Result<Arc<AssetModel>> {
        let mut models = self.models.borrow_mut();
        let current = match (&models.assets, models.needs_changed) {
            (Some(kept), false) => return Ok(Arc::clone(kept)),
            (Some(kept), true) => {
                let fresh = Arc::new(kept.with_needs(self.store.protection_needs()?));
                models.reads.needs += 1;
                fresh
            }
            (None, _) => {
                let fresh = Arc::new(AssetModel::read(self.store)?);
                models.reads.assets += 1;
                fresh
            }
        };
        models.needs_changed = false;
        models.assets = Some(Arc::clone(&current));
        Ok(current)
    }

    /// How often the shared models were read from the store so far.
    pub fn model_reads(&self) -> Reads {
        self.models.borrow().reads
    }

    pub fn today(&self) -> NaiveDate {
        self.store.today()
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// Which state of the workspace this reads (see `Session::generation`).
    pub fn generation(&self) -> u64 {
        self.store.generation()
    }

    /// What `workshop` decided (see `domain::workshop::minutes`).
    pub fn minutes(&self, workshop: &Workshop) -> Result<Minutes> {
        let log = self.workshop_changes(workshop.id)?;
        let logged: Vec<_> = log.iter().map(Change::logged).collect();
        Ok(minutes(workshop, &logged, &self.questions()?))
    }

    /// The names a person field offers: the people who have not left, by name.
    pub fn person_names(&self) -> Result<Vec<String>> {
        let mut names: Vec<String> = self
            .people()?
            .people
            .into_iter()
            .filter(|p| p.left_on.is_none())
            .map(|p| p.name)
            .collect();
        names.sort_by(|a, b| crate::domain::order::natural_cmp(a, b));
        Ok(names)
    }

    /// The workshop running in this window, if one does.
    pub fn running_workshop(&self) -> Option<i64> {
        self.store.running_workshop()
    }

    /// The readiness check on another thread, over what this reader reads.
    pub fn background(&self) -> Background {
        Background::new(self.store.read_access())
    }

    from_store! {
        organisation() -> String;
        counts() -> Counts;
        scope_statements() -> ScopeStatements;
        scope_items() -> Vec<ScopeItem>;
        parties() -> Vec<InterestedParty>;
        context_issues() -> Vec<ContextIssue>;
        assets() -> Vec<Asset>;
        risks() -> Vec<Risk>;
        protection_scale() -> ProtectionScale;
        objectives() -> Vec<Objective>;
        /// The risks that name this asset, as `R-001 title`.
        risks_referring_to_asset(id: i64) -> Vec<String>;
        risk_ratings() -> Vec<RiskRatings>;
        risk_labels() -> Vec<(i64, String)>;
        acceptances() -> Vec<Acceptance>;
        soa() -> Vec<SoaEntry>;
        clauses() -> Vec<ClauseItem>;
        /// The register of documented information, each with what it serves.
        documents() -> Vec<Document>;
        /// Every version of every document, by document, oldest first.
        document_versions() -> Vec<DocumentVersion>;
        /// Audits of every kind with their scope and auditors, by number.
        audits() -> Vec<Audit>;
        /// Every audit's findings, by audit, then finding number.
        audit_findings() -> Vec<AuditFinding>;
        /// The register of nonconformities with their corrective actions, by number.
        nonconformities() -> Vec<Nonconformity>;
        /// The information security objectives, by number.
        security_objectives() -> Vec<SecurityObjective>;
        /// Every objective's measurements, by objective, then date.
        measurements() -> Vec<Measurement>;
        /// The management reviews with their participants, by number.
        reviews() -> Vec<Review>;
        /// Every review's actions, by review, then action number.
        review_actions() -> Vec<ReviewAction>;
        /// The closed cycles' baselines, oldest first.
        baselines() -> Vec<Baseline>;
        /// What the open cycle still has to re-assess.
        reassessments() -> Vec<Reassessment>;
        /// A review's inputs: frozen once held, else as the registers stand `today`.
        review_inputs(review: &Review, today: NaiveDate) -> Inputs;
        soa_versions() -> Vec<SoaVersion>;
        open_questions() -> Vec<OpenQuestion>;
        questions() -> Vec<OpenQuestion>;
        workshops() -> Vec<Workshop>;
        /// The people, the roles and who holds which since when.
        people() -> People;
        competence_records() -> Vec<CompetenceRecord>;
        /// The changes made while a workshop ran, oldest first.
        workshop_changes(id: i64) -> Vec<Change>;
        links() -> Links;
        /// The changes of one item, oldest first (see `Store::history`).
        history(entities: &[&str], reference: &str) -> Vec<Change>;
        workspace() -> Workspace;
    }
}

/// Reads the workspace on another thread, through a read-only connection of its own.
#[derive(Clone)]
pub struct Background {
    access: ReadAccess,
}

impl Background {
    pub(super) fn new(access: ReadAccess) -> Self {
        Self { access }
    }

    pub fn today(&self) -> NaiveDate {
        self.access.today()
    }

    /// Opens the connection and hands `read` a reader over it, with read models of its own.
    pub fn read<T>(&self, read: impl FnOnce(&Reader<'_>) -> T) -> Result<T> {
        let store = self.access.open()?;
        let models = RefCell::default();
        Ok(read(&Reader::cached(&store, &models)))
    }
}
