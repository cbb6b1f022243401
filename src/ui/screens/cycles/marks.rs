//! What the open cycle still has to re-assess, as the Risks and Protection screens show it:
//! the marks, and the proposal (the item as the baseline that opened the cycle froze it).

use std::collections::HashSet;

use crate::app::{Error, Reader};
use crate::domain::baseline::{Baseline, Item, Part, ReassessKind, cycle_start};

/// The open cycle's marks and the baseline that opened it.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    open: HashSet<(ReassessKind, i64)>,
    /// The baseline that opened the cycle (its name and what it froze).
    pub start: Option<Baseline>,
}

impl Marks {
    pub fn load(data: &Reader<'_>) -> Result<Self, Error> {
        let open = data
            .reassessments()?
            .into_iter()
            .map(|m| (m.kind, m.item))
            .collect::<HashSet<_>>();
        // Without a mark nothing needs the baseline, so a workspace without cycles reads none.
        let start = if open.is_empty() {
            None
        } else {
            cycle_start(&data.baselines()?).cloned()
        };
        Ok(Self { open, start })
    }

    pub fn is_marked(&self, kind: ReassessKind, item: i64) -> bool {
        self.open.contains(&(kind, item))
    }

    /// The item as the baseline froze it: last cycle's values, the proposal.
    pub fn proposal(&self, part: Part, reference: &str) -> Option<&Item> {
        self.start.as_ref().and_then(|b| {
            b.snapshot
                .items
                .iter()
                .find(|i| i.part == part && i.reference == reference)
        })
    }

    /// What the detail says of a marked item: since which baseline, and last cycle's values.
    pub fn note(&self, kind: ReassessKind, item: i64, part: Part, reference: &str) -> String {
        if !self.is_marked(kind, item) {
            return String::new();
        }
        let since = self
            .start
            .as_ref()
            .map_or(String::new(), |b| format!(" since {} closed", b.name));
        let values = self
            .proposal(part, reference)
            .map_or("not in the baseline".to_string(), fields_in_words);
        format!("to re-assess{since} (u confirms unchanged)\nlast cycle: {values}")
    }
}

/// An item's fields as one line: `owner: Kai, inherent: 4 x 4 (critical)`.
pub fn fields_in_words(item: &Item) -> String {
    item.fields
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
