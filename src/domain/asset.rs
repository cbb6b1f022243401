//! Assets: information and business processes first (primary), then what holds or processes them
//! (supporting), and intangibles. Dependencies form a directed graph without cycles: an asset
//! depends on the supporting assets it relies on, and that is the way protection needs flow.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::text::{self, ValidationError};
use crate::string_enum;

string_enum!(
    AssetKind {
        Information => "information", "Information",
        Process => "process", "Business process",
        Hardware => "hardware", "Hardware",
        Software => "software", "Software",
        CloudService => "cloud_service", "Cloud service",
        Network => "network", "Network",
        Site => "site", "Site",
        People => "people", "People",
        Supplier => "supplier", "Supplier",
        Intangible => "intangible", "Intangible",
    }
);

string_enum!(
    AssetCategory {
        Primary => "primary", "Primary",
        Supporting => "supporting", "Supporting",
        Intangible => "intangible", "Intangible",
    }
);

impl AssetKind {
    pub fn category(self) -> AssetCategory {
        match self {
            AssetKind::Information | AssetKind::Process => AssetCategory::Primary,
            AssetKind::Intangible => AssetCategory::Intangible,
            _ => AssetCategory::Supporting,
        }
    }

    /// Primary assets and intangibles are rated directly; supporting assets inherit.
    pub fn is_rated_directly(self) -> bool {
        self.category() != AssetCategory::Supporting
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    pub id: i64,
    pub number: u32,
    pub name: String,
    pub kind: AssetKind,
    pub owner: String,
    pub description: String,
    /// Where the asset is held or located.
    pub location: String,
    /// Row id of the scope item it belongs to.
    pub scope_item: Option<i64>,
    pub classification: String,
}

impl Asset {
    pub fn new(kind: AssetKind, name: &str) -> Self {
        Self {
            id: 0,
            number: 0,
            name: name.to_string(),
            kind,
            owner: String::new(),
            description: String::new(),
            location: String::new(),
            scope_item: None,
            classification: String::new(),
        }
    }

    pub fn validated(self) -> Result<Self, ValidationError> {
        Ok(Self {
            name: text::required_line("name", &self.name)?,
            owner: text::line("owner", &self.owner)?,
            description: text::text("description", &self.description)?,
            location: text::line("location", &self.location)?,
            classification: text::line("classification", &self.classification)?,
            ..self
        })
    }
}

/// `asset` relies on `depends_on` (a process on an application, an application on a server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dependency {
    pub asset: i64,
    pub depends_on: i64,
}

/// Refuses a new edge that points to itself, already exists, or would close a cycle.
pub fn check_new_dependency(
    existing: &[Dependency],
    new: Dependency,
) -> Result<(), ValidationError> {
    if new.asset == new.depends_on {
        return Err(ValidationError::new(
            "depends on",
            "an asset cannot depend on itself",
        ));
    }
    if existing.contains(&new) {
        return Err(ValidationError::new(
            "depends on",
            "this dependency exists already",
        ));
    }
    // A cycle appears if `asset` is already reachable from `depends_on`.
    let mut next: HashMap<i64, Vec<i64>> = HashMap::new();
    for d in existing {
        next.entry(d.asset).or_default().push(d.depends_on);
    }
    let mut seen = HashSet::new();
    let mut stack = vec![new.depends_on];
    while let Some(a) = stack.pop() {
        if a == new.asset {
            return Err(ValidationError::new(
                "depends on",
                "this dependency would create a cycle",
            ));
        }
        if seen.insert(a) {
            stack.extend(next.get(&a).into_iter().flatten().copied());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dep(asset: i64, depends_on: i64) -> Dependency {
        Dependency { asset, depends_on }
    }

    #[test]
    fn categories() {
        assert_eq!(AssetKind::Information.category(), AssetCategory::Primary);
        assert_eq!(
            AssetKind::CloudService.category(),
            AssetCategory::Supporting
        );
        assert!(AssetKind::Intangible.is_rated_directly());
        assert!(!AssetKind::Site.is_rated_directly());
    }

    #[test]
    fn refuses_self_duplicate_and_cycles() {
        let edges = [dep(1, 2), dep(2, 3)];
        assert!(check_new_dependency(&edges, dep(4, 4)).is_err());
        assert!(check_new_dependency(&edges, dep(1, 2)).is_err());
        let err = check_new_dependency(&edges, dep(3, 1)).unwrap_err();
        assert!(err.message.contains("cycle"));
        assert!(check_new_dependency(&edges, dep(1, 3)).is_ok());
    }

    #[test]
    fn asset_validation_trims_and_requires_a_name() {
        assert_eq!(
            Asset::new(AssetKind::Site, "  ")
                .validated()
                .unwrap_err()
                .field,
            "name"
        );
        let a = Asset::new(AssetKind::Site, " HQ ").validated().unwrap();
        assert_eq!(a.name, "HQ");
    }
}
