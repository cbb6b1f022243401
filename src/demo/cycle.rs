//! Last year's baseline of Nordwind Logistik GmbH, closed on 2025-03-10 when the 2025 risk
//! assessment began, so that `isms diff` shows a year's changes: the climate issue (CI-003)
//! and R-020 (EU Data Act) are new,
//! R-002's inherent likelihood rose from 2 to 3, T-017 (DDoS protection) was in progress and is
//! done, and the legacy FTP server (AS-029) no longer inherits protection needs since the
//! customer shipment data (AS-001) stopped going through it. Every risk and rated asset it
//! marked was re-assessed in the cycle since.

use super::date;
use crate::domain::asset::Dependency;
use crate::domain::baseline::{Baseline, freeze};
use crate::domain::methodology::Rating;
use crate::domain::treatment::ActionStatus;
use crate::store::{Store, StoreError};

/// The baseline's name and the day it was closed.
pub const LAST_YEAR: (&str, &str) = ("2025", "2025-03-10");

fn missing(what: &str) -> StoreError {
    StoreError::Missing(format!("{what} in the demo, for last year's baseline"))
}

/// The workspace as it stands, with last year's values put back, frozen as the baseline.
pub(super) fn fill_baseline(store: &mut Store) -> Result<(), StoreError> {
    let mut ws = store.workspace()?;
    // The climate issue was raised at this year's context review.
    ws.issues.retain(|i| !i.title.starts_with("Climate change"));
    ws.risks.retain(|r| r.number != 20);
    let r2 = ws
        .risks
        .iter_mut()
        .find(|r| r.number == 2)
        .ok_or_else(|| missing("R-002"))?;
    r2.inherent = Some(Rating {
        likelihood: 2,
        impact: 5,
    });
    ws.actions
        .iter_mut()
        .find(|a| a.number == 17)
        .ok_or_else(|| missing("T-017"))?
        .status = ActionStatus::InProgress;
    let id_of = |number: u32| {
        ws.assets
            .iter()
            .find(|a| a.number == number)
            .map(|a| a.id)
            .ok_or_else(|| missing(&format!("AS-{number:03}")))
    };
    let (shipment, ftp) = (id_of(1)?, id_of(29)?);
    ws.dependencies.push(Dependency {
        asset: shipment,
        depends_on: ftp,
    });
    let (name, closed_on) = LAST_YEAR;
    let closed_on = date(closed_on)?;
    let rated = ws
        .assets
        .iter()
        .filter(|a| a.kind.is_rated_directly() && ws.needs.iter().any(|n| n.asset == a.id))
        .count();
    let baseline = Baseline {
        id: 0,
        name: name.into(),
        closed_on,
        snapshot: freeze(&ws, closed_on),
        risks_marked: u32::try_from(ws.risks.len()).unwrap_or(u32::MAX),
        needs_marked: u32::try_from(rated).unwrap_or(u32::MAX),
    };
    store.edit(|w| w.import_baseline(baseline)).map(|_| ())
}
