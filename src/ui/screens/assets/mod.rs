//! The Assets screen: the inventory with its dependencies both ways, filters by kind, owner and
//! scope item, and the crown jewels first on request.

mod record;

pub use record::{AssetContext, AssetRow, load_rows};
