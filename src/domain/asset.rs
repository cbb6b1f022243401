//! Assets: information and business processes first (primary), then what holds or processes them
//! (supporting), and intangibles. Dependencies form a directed graph without cycles: an asset
//! depends on the supporting assets it relies on, and that is the way protection needs flow.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::problems;
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

    /// The kind with its category, as a heading shows it: `Information (primary)`.
    pub fn with_category(self) -> String {
        format!(
            "{} ({})",
            self.label(),
            self.category().label().to_lowercase()
        )
    }

    /// Primary assets and intangibles are rated directly; supporting assets inherit.
    pub fn is_rated_directly(self) -> bool {
        self.category() != AssetCategory::Supporting
    }
}

/// The fields of an asset, as validation errors and forms name them.
pub mod field {
    use crate::domain::text::Field;

    pub const NAME: Field = Field::new("name");
    pub const KIND: Field = Field::new("kind");
    pub const OWNER: Field = Field::new("owner");
    pub const DESCRIPTION: Field = Field::new("description");
    pub const LOCATION: Field = Field::new("location");
    pub const CLASSIFICATION: Field = Field::new("classification");
    pub const SCOPE_ITEM: Field = Field::new("scope item");
    pub const DEPENDS_ON: Field = Field::new("depends on");
    pub const SERVES: Field = Field::new("serves");
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
        self.validated_all().map_err(problems::first)
    }

    /// As [`Asset::validated`], with every problem, not only the first: an import lists them
    /// all for its line.
    pub fn validated_all(self) -> Result<Self, Vec<ValidationError>> {
        let mut found = problems::Problems::default();
        let asset = Self {
            name: found.keep(text::required_line(field::NAME, &self.name)),
            owner: found.keep(text::line(field::OWNER, &self.owner)),
            description: found.keep(text::text(field::DESCRIPTION, &self.description)),
            location: found.keep(text::line(field::LOCATION, &self.location)),
            classification: found.keep(text::line(field::CLASSIFICATION, &self.classification)),
            ..self
        };
        found.settled(asset)
    }
}

/// `asset` relies on `depends_on` (a process on an application, an application on a server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dependency {
    pub asset: i64,
    pub depends_on: i64,
}

/// Refuses a new edge that points to itself, already exists, or would close a cycle. A cycle is
/// named as its path, each asset labelled by `name` (called only for the assets on the path):
/// `AS-003 Dispatch app → AS-007 Server → AS-003 Dispatch app`.
pub fn check_new_dependency(
    existing: &[Dependency],
    new: Dependency,
    name: impl Fn(i64) -> String,
) -> Result<(), ValidationError> {
    if new.asset == new.depends_on {
        return Err(ValidationError::new(
            field::DEPENDS_ON,
            "an asset cannot depend on itself",
        ));
    }
    if existing.contains(&new) {
        return Err(ValidationError::new(
            field::DEPENDS_ON,
            "this dependency exists already",
        ));
    }
    if let Some(path) = path_between(existing, new.depends_on, new.asset) {
        let names: Vec<String> = std::iter::once(new.asset).chain(path).map(&name).collect();
        return Err(ValidationError::new(
            field::DEPENDS_ON,
            format!("this would create a cycle: {}", names.join(" → ")),
        ));
    }
    Ok(())
}

/// The shortest chain of dependencies from `from` to `to` (both included), if there is one.
/// Breadth first over targets in ascending id order, so the same graph always names the same path.
fn path_between(edges: &[Dependency], from: i64, to: i64) -> Option<Vec<i64>> {
    let mut next: HashMap<i64, Vec<i64>> = HashMap::new();
    for d in edges {
        next.entry(d.asset).or_default().push(d.depends_on);
    }
    for targets in next.values_mut() {
        targets.sort_unstable();
    }
    // Each reached asset remembers the asset it was reached from.
    let mut came_from: HashMap<i64, Option<i64>> = HashMap::from([(from, None)]);
    let mut queue = VecDeque::from([from]);
    while let Some(a) = queue.pop_front() {
        if a == to {
            let mut path = vec![a];
            let mut at = a;
            while let Some(&Some(previous)) = came_from.get(&at) {
                path.push(previous);
                at = previous;
            }
            path.reverse();
            return Some(path);
        }
        for &b in next.get(&a).into_iter().flatten() {
            if let std::collections::hash_map::Entry::Vacant(e) = came_from.entry(b) {
                e.insert(Some(a));
                queue.push_back(b);
            }
        }
    }
    None
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

    fn label(id: i64) -> String {
        format!("AS-{id:03}")
    }

    #[test]
    fn refuses_self_and_duplicates() {
        let edges = [dep(1, 2), dep(2, 3)];
        let err = check_new_dependency(&edges, dep(4, 4), label).unwrap_err();
        assert_eq!(
            (err.field.name(), err.message.as_str()),
            ("depends on", "an asset cannot depend on itself")
        );
        let err = check_new_dependency(&edges, dep(1, 2), label).unwrap_err();
        assert_eq!(err.message, "this dependency exists already");
        assert!(check_new_dependency(&edges, dep(1, 3), label).is_ok());
        assert!(check_new_dependency(&[], dep(1, 3), label).is_ok());
    }

    #[test]
    fn a_cycle_is_refused_and_named_as_its_path() {
        let edges = [dep(1, 2), dep(2, 3)];
        let err = check_new_dependency(&edges, dep(3, 1), label).unwrap_err();
        assert_eq!(err.field, "depends on");
        assert_eq!(
            err.message,
            "this would create a cycle: AS-003 → AS-001 → AS-002 → AS-003"
        );
        // The shortest of two ways back is named.
        let edges = [dep(7, 3), dep(7, 8), dep(8, 9), dep(9, 3)];
        let err = check_new_dependency(&edges, dep(3, 7), label).unwrap_err();
        assert_eq!(
            err.message,
            "this would create a cycle: AS-003 → AS-007 → AS-003"
        );
    }

    #[test]
    fn the_cycle_names_only_the_assets_on_its_path() {
        let edges = [dep(3, 7), dep(7, 9), dep(3, 8), dep(8, 20)];
        let asked = std::cell::RefCell::new(Vec::new());
        let name = |id: i64| {
            asked.borrow_mut().push(id);
            match id {
                3 => "AS-003 Dispatch app".to_string(),
                7 => "AS-007 Server".to_string(),
                other => format!("#{other}"),
            }
        };
        let err = check_new_dependency(&edges, dep(7, 3), name).unwrap_err();
        assert_eq!(
            err.message,
            "this would create a cycle: AS-007 Server → AS-003 Dispatch app → AS-007 Server"
        );
        let mut asked = asked.into_inner();
        asked.sort_unstable();
        asked.dedup();
        assert_eq!(asked, [3, 7]);
    }

    #[test]
    fn a_diamond_is_not_a_cycle() {
        // 1 -> 2 -> 4 and 1 -> 3 -> 4: adding 3 -> 2 keeps the graph acyclic.
        let edges = [dep(1, 2), dep(2, 4), dep(1, 3), dep(3, 4)];
        assert!(check_new_dependency(&edges, dep(3, 2), label).is_ok());
        assert!(check_new_dependency(&edges, dep(4, 1), label).is_err());
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
