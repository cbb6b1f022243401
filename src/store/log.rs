//! Reading the change log.

use serde::{Deserialize, Serialize};

use super::sql::all;
use super::{Result, Store};

/// One recorded change: when, who, what, and the item before and after as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub at: String,
    pub who: String,
    pub entity: String,
    pub reference: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Store {
    /// Every change, oldest first.
    pub fn changes(&self) -> Result<Vec<Change>> {
        Ok(all(
            self.conn(),
            "SELECT at, who, entity, reference, action, before, after FROM change_log ORDER BY id",
            |r| {
                Ok(Change {
                    at: r.get(0)?,
                    who: r.get(1)?,
                    entity: r.get(2)?,
                    reference: r.get(3)?,
                    action: r.get(4)?,
                    before: r.get(5)?,
                    after: r.get(6)?,
                })
            },
        )?)
    }
}
