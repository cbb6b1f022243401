//! The clauses 4-10 checklist: status, notes and evidence. The documents behind each clause are
//! links of the register of documented information (`documents.rs`).

use rusqlite::{OptionalExtension, Row};

use super::sql::{all, parse};
use super::{Result, Store, StoreError, Writer};
use crate::domain::clause::ClauseItem;

const CLAUSE: &str =
    "SELECT number, title, status, note, evidence, doc_reference, doc_owner, doc_date FROM clauses";

fn clause(r: &Row<'_>) -> rusqlite::Result<ClauseItem> {
    Ok(ClauseItem {
        number: r.get(0)?,
        title: r.get(1)?,
        status: parse(r, 2)?,
        note: r.get(3)?,
        evidence: r.get(4)?,
        doc_reference: r.get(5)?,
        doc_owner: r.get(6)?,
        doc_date: r.get(7)?,
    })
}

impl Store {
    /// Every clause and sub-clause in the standard's order.
    pub fn clauses(&self) -> Result<Vec<ClauseItem>> {
        Ok(all(
            self.conn(),
            &format!("{CLAUSE} ORDER BY position"),
            clause,
        )?)
    }
}

impl Writer<'_> {
    pub(super) fn insert_clauses(&mut self, clauses: &[ClauseItem]) -> Result<()> {
        for (position, c) in clauses.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO clauses (number, position, title, status) VALUES (?1, ?2, ?3, ?4)",
                (&c.number, position as i64, &c.title, c.status.as_str()),
            )?;
        }
        self.log(
            "catalog",
            "Clauses",
            "create",
            None::<&()>,
            Some(&clauses.len()),
        )
    }

    /// Updates the status, note and evidence of one clause; its number and title stay. The change log keeps the clause before and after.
    pub fn set_clause(&mut self, item: ClauseItem) -> Result<ClauseItem> {
        let item = item.validated()?;
        let before = self
            .tx
            .prepare_cached(&format!("{CLAUSE} WHERE number = ?1"))?
            .query_row([&item.number], clause)
            .optional()?
            .ok_or_else(|| StoreError::Missing(format!("clause {}", item.number)))?;
        // The clause's documents are the register's now (`set_clause_documents`); the free-text
        // columns older schemas had stay empty.
        let item = ClauseItem {
            title: before.title.clone(),
            doc_reference: String::new(),
            doc_owner: String::new(),
            doc_date: None,
            ..item
        };
        self.tx.execute(
            "UPDATE clauses SET status = ?2, note = ?3, evidence = ?4, doc_reference = '',
                doc_owner = '', doc_date = NULL
             WHERE number = ?1",
            (
                &item.number,
                item.status.as_str(),
                &item.note,
                &item.evidence,
            ),
        )?;
        self.log("clause", &item.number, "update", Some(&before), Some(&item))?;
        Ok(item)
    }
}
