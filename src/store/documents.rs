//! The register of documented information: documents with their versions, and what each serves
//! (clauses, controls, treatment actions). Every change to a document, its versions or its links
//! is one change-log row under the document's reference, so its history (`h`) tells it whole.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row};

use super::sql::{all, next_number, parse, rows};
use super::{Result, Store, StoreError, Writer};
use crate::domain::ValidationError;
use crate::domain::document::{Document, DocumentVersion, field};

const DOCUMENT: &str = "SELECT id, number, title, kind, version, issued_on, owner, status,
    approved_by, approved_on, classification, location, review_months, reviewed_on
    FROM documents";

const VERSION: &str =
    "SELECT id, document, version, on_date, change_note, approver FROM document_versions";

/// A document as a new version leaves it, with what the version changed, for the change log.
#[derive(serde::Serialize)]
struct WithVersion<'a> {
    #[serde(flatten)]
    document: &'a Document,
    change_note: &'a str,
}

fn document(r: &Row<'_>) -> rusqlite::Result<Document> {
    Ok(Document {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        kind: parse(r, 3)?,
        version: r.get(4)?,
        issued_on: r.get(5)?,
        owner: r.get(6)?,
        status: parse(r, 7)?,
        approved_by: r.get(8)?,
        approved_on: r.get(9)?,
        classification: r.get(10)?,
        location: r.get(11)?,
        // A period off any sensible range reads as none rather than failing the read.
        review_months: r
            .get::<_, Option<i64>>(12)?
            .and_then(|m| u32::try_from(m).ok()),
        reviewed_on: r.get(13)?,
        clauses: Vec::new(),
        controls: Vec::new(),
        actions: Vec::new(),
    })
}

fn version(r: &Row<'_>) -> rusqlite::Result<DocumentVersion> {
    Ok(DocumentVersion {
        id: r.get(0)?,
        document: r.get(1)?,
        version: r.get(2)?,
        on_date: r.get(3)?,
        change_note: r.get(4)?,
        approver: r.get(5)?,
    })
}

/// The links of every document, keyed by document id, in one query per table.
fn links<T: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
) -> Result<HashMap<i64, Vec<T>>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for (document, member) in all(conn, sql, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, T>(1)?)))? {
        out.entry(document).or_default().push(member);
    }
    Ok(out)
}

/// Clause numbers sorted as the checklist orders them.
const CLAUSE_LINKS: &str = "SELECT dc.document, dc.clause FROM document_clauses dc
    JOIN clauses c ON c.number = dc.clause ORDER BY dc.document, c.position";
const CONTROL_LINKS: &str = "SELECT document, control FROM document_controls
    ORDER BY document, control";
const ACTION_LINKS: &str = "SELECT ad.document, ad.action FROM action_documents ad
    JOIN actions a ON a.id = ad.action ORDER BY ad.document, a.number";

pub(super) fn all_documents(conn: &Connection) -> Result<Vec<Document>> {
    let mut clauses = links::<String>(conn, CLAUSE_LINKS)?;
    let mut controls = links::<String>(conn, CONTROL_LINKS)?;
    let mut actions = links::<i64>(conn, ACTION_LINKS)?;
    let mut documents = all(conn, &format!("{DOCUMENT} ORDER BY number"), document)?;
    for d in &mut documents {
        d.clauses = clauses.remove(&d.id).unwrap_or_default();
        d.controls = controls.remove(&d.id).unwrap_or_default();
        d.actions = actions.remove(&d.id).unwrap_or_default();
    }
    Ok(documents)
}

fn one_document(conn: &Connection, id: i64) -> Result<Document> {
    let mut found = conn
        .prepare_cached(&format!("{DOCUMENT} WHERE id = ?1"))?
        .query_row([id], document)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("document #{id}")))?;
    found.clauses = rows(
        conn,
        "SELECT dc.clause FROM document_clauses dc JOIN clauses c ON c.number = dc.clause
         WHERE dc.document = ?1 ORDER BY c.position",
        [id],
        |r| r.get(0),
    )?;
    found.controls = rows(
        conn,
        "SELECT control FROM document_controls WHERE document = ?1 ORDER BY control",
        [id],
        |r| r.get(0),
    )?;
    found.actions = rows(
        conn,
        "SELECT ad.action FROM action_documents ad JOIN actions a ON a.id = ad.action
         WHERE ad.document = ?1 ORDER BY a.number",
        [id],
        |r| r.get(0),
    )?;
    Ok(found)
}

impl Store {
    /// Every document with what it serves, by number.
    pub fn documents(&self) -> Result<Vec<Document>> {
        all_documents(self.conn())
    }

    /// One document by row id; `Missing` if there is none.
    pub fn document_by_id(&self, id: i64) -> Result<Document> {
        one_document(self.conn(), id)
    }

    /// Every version of every document: by document, then oldest first.
    pub fn document_versions(&self) -> Result<Vec<DocumentVersion>> {
        Ok(all(
            self.conn(),
            &format!("{VERSION} ORDER BY document, on_date, id"),
            version,
        )?)
    }
}

impl Writer<'_> {
    pub fn insert_document(&mut self, document: Document) -> Result<Document> {
        let mut document = self.document_people(document.validated()?)?;
        self.check_uses(&document)?;
        document.number = next_number(&self.tx, "documents")?;
        self.tx
            .prepare_cached(
                "INSERT INTO documents (number, title, kind, version, issued_on, owner, status,
                    approved_by, approved_on, classification, location, review_months,
                    reviewed_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(document_values(document.number.into(), &document))?;
        document.id = self.tx.last_insert_rowid();
        self.link_uses(&document)?;
        document.actions.clear();
        self.log(
            "document",
            &document.reference(),
            "create",
            None::<&()>,
            Some(&document),
        )?;
        Ok(document)
    }

    /// `document` with its owner and approver named as people of the register.
    fn document_people(&mut self, document: Document) -> Result<Document> {
        Ok(Document {
            owner: self.person_named(field::OWNER, &document.owner)?,
            approved_by: self.person_named(field::APPROVED_BY, &document.approved_by)?,
            ..document
        })
    }

    /// Changes a document's fields and the clauses and controls it serves; its number stays,
    /// and so do the treatment actions that name it (they are changed from the action).
    pub fn update_document(&mut self, document: Document) -> Result<Document> {
        let before = one_document(&self.tx, document.id)?;
        let document = self.document_people(Document {
            number: before.number,
            actions: before.actions.clone(),
            ..document.validated()?
        })?;
        self.check_uses(&document)?;
        self.tx
            .prepare_cached(
                "UPDATE documents SET title = ?2, kind = ?3, version = ?4, issued_on = ?5,
                    owner = ?6, status = ?7, approved_by = ?8, approved_on = ?9,
                    classification = ?10, location = ?11, review_months = ?12, reviewed_on = ?13
                 WHERE id = ?1",
            )?
            .execute(document_values(document.id, &document))?;
        for sql in [
            "DELETE FROM document_clauses WHERE document = ?1",
            "DELETE FROM document_controls WHERE document = ?1",
        ] {
            self.tx.prepare_cached(sql)?.execute([document.id])?;
        }
        self.link_uses(&document)?;
        let after = one_document(&self.tx, document.id)?;
        if after != before {
            self.log(
                "document",
                &after.reference(),
                "update",
                Some(&before),
                Some(&after),
            )?;
        }
        Ok(after)
    }

    /// Deletes a document with its versions and links; the change log keeps it.
    pub fn delete_document(&mut self, id: i64) -> Result<()> {
        let document = one_document(&self.tx, id)?;
        self.log(
            "document",
            &document.reference(),
            "delete",
            Some(&document),
            None::<&()>,
        )?;
        self.tx
            .execute("DELETE FROM documents WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Records a new version of a document: it becomes the document's current version and date,
    /// and with an approver approves it on that date (see [`Document::with_version`]).
    pub fn add_document_version(
        &mut self,
        version: DocumentVersion,
    ) -> Result<(Document, DocumentVersion)> {
        let before = one_document(&self.tx, version.document)?;
        let mut version = version.validated()?;
        version.approver = self.person_named(field::APPROVER, &version.approver)?;
        let known = self
            .tx
            .prepare_cached(
                "SELECT 1 FROM document_versions WHERE document = ?1 AND version = ?2
                 COLLATE NOCASE",
            )?
            .exists((version.document, &version.version))?;
        if known {
            return Err(ValidationError::new(
                field::VERSION,
                format!(
                    "{} of {} is recorded already; give the new version its own number",
                    crate::domain::text::shown(&version.version),
                    before.reference()
                ),
            )
            .into());
        }
        let document = before.clone().with_version(&version)?;
        let version = self.write_version(version)?;
        self.tx
            .prepare_cached(
                "UPDATE documents SET version = ?2, issued_on = ?3, status = ?4, approved_by = ?5,
                    approved_on = ?6, reviewed_on = ?7
                 WHERE id = ?1",
            )?
            .execute(rusqlite::params![
                document.id,
                &document.version,
                document.issued_on,
                document.status.as_str(),
                &document.approved_by,
                document.approved_on,
                document.reviewed_on,
            ])?;
        let after = one_document(&self.tx, document.id)?;
        self.log(
            "document",
            &document.reference(),
            "version",
            Some(&before),
            Some(&WithVersion {
                document: &after,
                change_note: &version.change_note,
            }),
        )?;
        Ok((after, version))
    }

    /// A version as a workspace file carries it, without changing its document (whose fields
    /// come with it); for imports.
    pub fn import_document_version(&mut self, version: DocumentVersion) -> Result<DocumentVersion> {
        let document = one_document(&self.tx, version.document)?;
        let mut version = version.validated()?;
        version.approver = self.person_named(field::APPROVER, &version.approver)?;
        let version = self.write_version(version)?;
        self.log(
            "document",
            &document.reference(),
            "version",
            None::<&()>,
            Some(&version),
        )?;
        Ok(version)
    }

    fn write_version(&mut self, mut version: DocumentVersion) -> Result<DocumentVersion> {
        self.tx
            .prepare_cached(
                "INSERT INTO document_versions (document, version, on_date, change_note, approver)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute((
                version.document,
                &version.version,
                version.on_date,
                &version.change_note,
                &version.approver,
            ))?;
        version.id = self.tx.last_insert_rowid();
        Ok(version)
    }

    /// The documents that hold clause `number`'s documented information are now `documents`.
    pub fn set_clause_documents(&mut self, number: &str, documents: &[i64]) -> Result<()> {
        self.check_clause(number)?;
        self.relink(
            documents,
            "SELECT document FROM document_clauses WHERE clause = ?1",
            "INSERT INTO document_clauses (document, clause) VALUES (?1, ?2)",
            "DELETE FROM document_clauses WHERE document = ?1 AND clause = ?2",
            number,
        )
    }

    /// The documents that evidence control `key` (Annex A or custom) are now `documents`.
    pub fn set_control_documents(&mut self, key: &str, documents: &[i64]) -> Result<()> {
        self.check_control(field::CONTROLS, key)?;
        self.relink(
            documents,
            "SELECT document FROM document_controls WHERE control = ?1",
            "INSERT INTO document_controls (document, control) VALUES (?1, ?2)",
            "DELETE FROM document_controls WHERE document = ?1 AND control = ?2",
            key,
        )
    }

    /// The documents treatment action `action` names are now `documents`.
    pub fn set_action_documents(&mut self, action: i64, documents: &[i64]) -> Result<()> {
        let exists = self
            .tx
            .prepare_cached("SELECT 1 FROM actions WHERE id = ?1")?
            .exists([action])?;
        if !exists {
            return Err(StoreError::Missing(format!("treatment action #{action}")));
        }
        self.relink(
            documents,
            "SELECT document FROM action_documents WHERE action = ?1",
            "INSERT INTO action_documents (document, action) VALUES (?1, ?2)",
            "DELETE FROM action_documents WHERE document = ?1 AND action = ?2",
            action,
        )
    }

    /// Replaces the documents linked to one clause, control or action: each document whose
    /// links change gets its change-log row, before and after.
    fn relink<K: rusqlite::ToSql>(
        &mut self,
        wanted: &[i64],
        linked: &str,
        insert: &str,
        delete: &str,
        key: K,
    ) -> Result<()> {
        let was: Vec<i64> = rows(&self.tx, linked, [&key], |r| r.get(0))?;
        let mut changed: Vec<i64> = Vec::new();
        for &id in wanted.iter().filter(|id| !was.contains(id)) {
            if !changed.contains(&id) {
                changed.push(id);
            }
        }
        changed.extend(was.iter().filter(|id| !wanted.contains(id)));
        for id in changed {
            let before = one_document(&self.tx, id)?;
            if was.contains(&id) {
                self.tx.prepare_cached(delete)?.execute((id, &key))?;
            } else {
                self.tx.prepare_cached(insert)?.execute((id, &key))?;
            }
            let after = one_document(&self.tx, id)?;
            self.log(
                "document",
                &after.reference(),
                "update",
                Some(&before),
                Some(&after),
            )?;
        }
        Ok(())
    }

    /// Refuses a clause or control a document names that is not in the workspace.
    fn check_uses(&self, document: &Document) -> Result<()> {
        for clause in &document.clauses {
            self.check_clause(clause)?;
        }
        for control in &document.controls {
            self.check_control(field::CONTROLS, control)?;
        }
        Ok(())
    }

    fn check_clause(&self, number: &str) -> Result<()> {
        let exists = self
            .tx
            .prepare_cached("SELECT 1 FROM clauses WHERE number = ?1")?
            .exists([number])?;
        if exists {
            return Ok(());
        }
        Err(ValidationError::new(
            field::CLAUSES,
            format!(
                "'{}' is not a clause of the checklist (4.1 to 10.2)",
                crate::domain::text::shown(number)
            ),
        )
        .into())
    }

    /// Links a stored document to its clauses and controls (already checked).
    fn link_uses(&self, document: &Document) -> Result<()> {
        for clause in &document.clauses {
            self.tx
                .prepare_cached("INSERT INTO document_clauses (document, clause) VALUES (?1, ?2)")?
                .execute((document.id, clause))?;
        }
        for control in &document.controls {
            self.tx
                .prepare_cached(
                    "INSERT INTO document_controls (document, control) VALUES (?1, ?2)",
                )?
                .execute((document.id, control))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;

/// The 13 values of a document row in column order, `first` being the number (insert) or the
/// row id (update).
fn document_values(first: i64, document: &Document) -> impl rusqlite::Params + '_ {
    let values: [Box<dyn rusqlite::ToSql + '_>; 13] = [
        Box::new(first),
        Box::new(&document.title),
        Box::new(document.kind.as_str()),
        Box::new(&document.version),
        Box::new(document.issued_on),
        Box::new(&document.owner),
        Box::new(document.status.as_str()),
        Box::new(&document.approved_by),
        Box::new(document.approved_on),
        Box::new(&document.classification),
        Box::new(&document.location),
        Box::new(document.review_months),
        Box::new(document.reviewed_on),
    ];
    rusqlite::params_from_iter(values)
}
