//! Stored values in the words screens use: the change log keeps codes (`cloud_service`,
//! `top_management`), protection levels as numbers and ratings as step pairs; the history a
//! screen shows says `Cloud service`, `Top management`, `high` and `critical (L4 × I5)`.

use std::str::FromStr;

use serde_json::Value;

use crate::domain::asset::AssetKind;
use crate::domain::clause::ClauseStatus;
use crate::domain::control::Theme;
use crate::domain::methodology::{Authority, Methodology, Rating};
use crate::domain::party::PartyKind;
use crate::domain::protection::{Objective, ProtectionScale};
use crate::domain::risk::{RiskStatus, TreatmentOption};
use crate::domain::scope::{IssueKind, ScopeItemKind};
use crate::domain::soa::{Applicability, ImplementationStatus, Reason};
use crate::domain::treatment::ActionStatus;

/// What numbers in the log mean in this workspace: the protection scale's level names and the
/// risk methodology's levels, as they are when the history is shown.
#[derive(Debug, Default)]
pub struct Labels {
    scale: Option<ProtectionScale>,
    methodology: Option<Methodology>,
}

impl Labels {
    pub fn new(scale: ProtectionScale, methodology: Methodology) -> Self {
        Self {
            scale: Some(scale),
            methodology: Some(methodology),
        }
    }

    /// `value` of `field` of an item of `entity` in words, or `None` to show it as stored
    /// (free text, or a code this workspace no longer knows).
    pub(super) fn value(&self, entity: &str, field: &str, value: &Value) -> Option<Value> {
        let label: fn(&str) -> Option<&'static str> = match (entity, field) {
            ("asset", "kind") => enum_label::<AssetKind>,
            ("scope_item", "kind") => enum_label::<ScopeItemKind>,
            ("party", "kind") => enum_label::<PartyKind>,
            ("context_issue", "kind") => enum_label::<IssueKind>,
            ("risk", "status") => enum_label::<RiskStatus>,
            ("risk", "treatment") => enum_label::<TreatmentOption>,
            ("risk" | "protection_need", "objectives" | "objective") => enum_label::<Objective>,
            ("acceptance", "authority") => enum_label::<Authority>,
            ("action", "status") => enum_label::<ActionStatus>,
            ("soa_entry", "applicability") => enum_label::<Applicability>,
            ("soa_entry", "reasons") => enum_label::<Reason>,
            ("soa_entry", "status") => enum_label::<ImplementationStatus>,
            ("clause", "status") => enum_label::<ClauseStatus>,
            ("control", "theme") => enum_label::<Theme>,
            ("protection_need", "level") => {
                let name = self
                    .scale
                    .as_ref()?
                    .name(u8::try_from(value.as_u64()?).ok()?)?;
                return Some(Value::String(name.to_string()));
            }
            ("risk", "inherent" | "residual") => return self.rating(value),
            _ => return None,
        };
        match value {
            Value::String(code) => label(code).map(|l| Value::String(l.to_string())),
            Value::Array(items) => Some(Value::Array(
                items
                    .iter()
                    .map(|v| match v.as_str().and_then(label) {
                        Some(l) => Value::String(l.to_string()),
                        None => v.clone(),
                    })
                    .collect(),
            )),
            _ => None,
        }
    }

    /// `{"likelihood":4,"impact":5}` as `critical (L4 × I5)`.
    fn rating(&self, value: &Value) -> Option<Value> {
        let step = |name: &str| u8::try_from(value.get(name)?.as_u64()?).ok();
        let rating = Rating {
            likelihood: step("likelihood")?,
            impact: step("impact")?,
        };
        let cell = format!("L{} × I{}", rating.likelihood, rating.impact);
        let shown = match self.methodology.as_ref().and_then(|m| m.level(rating)) {
            Some(level) => format!("{} ({cell})", level.name),
            None => cell,
        };
        Some(Value::String(shown))
    }
}

fn enum_label<E: FromStr + Copy + Labelled>(code: &str) -> Option<&'static str> {
    E::from_str(code).ok().map(Labelled::text)
}

/// The label of a closed set's value (what `string_enum!` gives each).
trait Labelled {
    fn text(self) -> &'static str;
}

macro_rules! labelled {
    ($($t:ty),+) => {
        $(impl Labelled for $t {
            fn text(self) -> &'static str {
                self.label()
            }
        })+
    };
}

labelled!(
    AssetKind,
    ScopeItemKind,
    PartyKind,
    IssueKind,
    RiskStatus,
    TreatmentOption,
    Objective,
    Authority,
    ActionStatus,
    Applicability,
    Reason,
    ImplementationStatus,
    ClauseStatus,
    Theme
);

/// A stored field name as words: `scope_item` as `scope item`.
pub(super) fn field_name(field: &str) -> String {
    field.replace('_', " ")
}
