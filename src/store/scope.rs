//! Scope items, context issues and interested parties.

use rusqlite::{Connection, OptionalExtension, Row};

use super::sql::{all, next_number, parse};
use super::{Result, Store, StoreError, Writer};
use crate::domain::party::InterestedParty;
use crate::domain::reference::RefKind;
use crate::domain::scope::{ContextIssue, ScopeItem};

const SCOPE_ITEM: &str = "SELECT id, number, kind, name, description, in_isms, in_certificate, justification, interfaces FROM scope_items";
const ISSUE: &str = "SELECT id, number, kind, title, note FROM context_issues";
const PARTY: &str = "SELECT id, number, name, kind, requirements, addressed FROM parties";

fn scope_item(r: &Row<'_>) -> rusqlite::Result<ScopeItem> {
    Ok(ScopeItem {
        id: r.get(0)?,
        number: r.get(1)?,
        kind: parse(r, 2)?,
        name: r.get(3)?,
        description: r.get(4)?,
        in_isms: r.get(5)?,
        in_certificate: r.get(6)?,
        justification: r.get(7)?,
        interfaces: r.get(8)?,
    })
}

fn issue(r: &Row<'_>) -> rusqlite::Result<ContextIssue> {
    Ok(ContextIssue {
        id: r.get(0)?,
        number: r.get(1)?,
        kind: parse(r, 2)?,
        title: r.get(3)?,
        note: r.get(4)?,
    })
}

fn party(r: &Row<'_>) -> rusqlite::Result<InterestedParty> {
    Ok(InterestedParty {
        id: r.get(0)?,
        number: r.get(1)?,
        name: r.get(2)?,
        kind: parse(r, 3)?,
        requirements: r.get(4)?,
        addressed: r.get(5)?,
    })
}

fn one<T>(
    conn: &Connection,
    select: &str,
    id: i64,
    map: fn(&Row<'_>) -> rusqlite::Result<T>,
    what: &str,
) -> Result<T> {
    conn.query_row(&format!("{select} WHERE id = ?1"), [id], map)
        .optional()?
        .ok_or_else(|| StoreError::Missing(format!("{what} #{id}")))
}

impl Store {
    pub fn scope_items(&self) -> Result<Vec<ScopeItem>> {
        Ok(all(
            self.conn(),
            &format!("{SCOPE_ITEM} ORDER BY number"),
            scope_item,
        )?)
    }

    pub fn context_issues(&self) -> Result<Vec<ContextIssue>> {
        all_issues(self.conn())
    }

    pub fn parties(&self) -> Result<Vec<InterestedParty>> {
        all_parties(self.conn())
    }
}

pub(super) fn all_issues(conn: &Connection) -> Result<Vec<ContextIssue>> {
    Ok(all(conn, &format!("{ISSUE} ORDER BY number"), issue)?)
}

pub(super) fn all_parties(conn: &Connection) -> Result<Vec<InterestedParty>> {
    Ok(all(conn, &format!("{PARTY} ORDER BY number"), party)?)
}

impl Writer<'_> {
    pub fn insert_scope_item(&mut self, item: ScopeItem) -> Result<ScopeItem> {
        let mut item = item.validated()?;
        item.number = next_number(&self.tx, "scope_items")?;
        self.tx.execute(
            "INSERT INTO scope_items (number, kind, name, description, in_isms, in_certificate, justification, interfaces)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            (item.number, item.kind.as_str(), &item.name, &item.description, item.in_isms, item.in_certificate, &item.justification, &item.interfaces),
        )?;
        item.id = self.tx.last_insert_rowid();
        self.log(
            "scope_item",
            &RefKind::ScopeItem.format(item.number),
            "create",
            None::<&()>,
            Some(&item),
        )?;
        Ok(item)
    }

    pub fn update_scope_item(&mut self, item: ScopeItem) -> Result<ScopeItem> {
        let before = one(&self.tx, SCOPE_ITEM, item.id, scope_item, "scope item")?;
        let item = ScopeItem {
            number: before.number,
            ..item.validated()?
        };
        self.tx.execute(
            "UPDATE scope_items SET kind = ?2, name = ?3, description = ?4, in_isms = ?5, in_certificate = ?6,
             justification = ?7, interfaces = ?8 WHERE id = ?1",
            (item.id, item.kind.as_str(), &item.name, &item.description, item.in_isms, item.in_certificate, &item.justification, &item.interfaces),
        )?;
        self.log(
            "scope_item",
            &RefKind::ScopeItem.format(item.number),
            "update",
            Some(&before),
            Some(&item),
        )?;
        Ok(item)
    }

    pub fn delete_scope_item(&mut self, id: i64) -> Result<()> {
        let before = one(&self.tx, SCOPE_ITEM, id, scope_item, "scope item")?;
        self.tx
            .execute("DELETE FROM scope_items WHERE id = ?1", [id])?;
        self.log(
            "scope_item",
            &RefKind::ScopeItem.format(before.number),
            "delete",
            Some(&before),
            None::<&()>,
        )
    }

    pub fn insert_context_issue(&mut self, issue: ContextIssue) -> Result<ContextIssue> {
        let mut issue = issue.validated()?;
        issue.number = next_number(&self.tx, "context_issues")?;
        self.tx.execute(
            "INSERT INTO context_issues (number, kind, title, note) VALUES (?1, ?2, ?3, ?4)",
            (issue.number, issue.kind.as_str(), &issue.title, &issue.note),
        )?;
        issue.id = self.tx.last_insert_rowid();
        self.log(
            "context_issue",
            &RefKind::ContextIssue.format(issue.number),
            "create",
            None::<&()>,
            Some(&issue),
        )?;
        Ok(issue)
    }

    pub fn update_context_issue(&mut self, issue: ContextIssue) -> Result<ContextIssue> {
        let before = one(&self.tx, ISSUE, issue.id, self::issue, "context issue")?;
        let issue = ContextIssue {
            number: before.number,
            ..issue.validated()?
        };
        self.tx.execute(
            "UPDATE context_issues SET kind = ?2, title = ?3, note = ?4 WHERE id = ?1",
            (issue.id, issue.kind.as_str(), &issue.title, &issue.note),
        )?;
        self.log(
            "context_issue",
            &RefKind::ContextIssue.format(issue.number),
            "update",
            Some(&before),
            Some(&issue),
        )?;
        Ok(issue)
    }

    pub fn delete_context_issue(&mut self, id: i64) -> Result<()> {
        let before = one(&self.tx, ISSUE, id, issue, "context issue")?;
        self.tx
            .execute("DELETE FROM context_issues WHERE id = ?1", [id])?;
        self.log(
            "context_issue",
            &RefKind::ContextIssue.format(before.number),
            "delete",
            Some(&before),
            None::<&()>,
        )
    }

    pub fn insert_party(&mut self, party: InterestedParty) -> Result<InterestedParty> {
        let mut party = party.validated()?;
        party.number = next_number(&self.tx, "parties")?;
        self.tx.execute(
            "INSERT INTO parties (number, name, kind, requirements, addressed) VALUES (?1, ?2, ?3, ?4, ?5)",
            (party.number, &party.name, party.kind.as_str(), &party.requirements, party.addressed),
        )?;
        party.id = self.tx.last_insert_rowid();
        self.log(
            "party",
            &RefKind::Party.format(party.number),
            "create",
            None::<&()>,
            Some(&party),
        )?;
        Ok(party)
    }

    pub fn update_party(&mut self, party: InterestedParty) -> Result<InterestedParty> {
        let before = one(&self.tx, PARTY, party.id, self::party, "interested party")?;
        let party = InterestedParty {
            number: before.number,
            ..party.validated()?
        };
        self.tx.execute(
            "UPDATE parties SET name = ?2, kind = ?3, requirements = ?4, addressed = ?5 WHERE id = ?1",
            (party.id, &party.name, party.kind.as_str(), &party.requirements, party.addressed),
        )?;
        self.log(
            "party",
            &RefKind::Party.format(party.number),
            "update",
            Some(&before),
            Some(&party),
        )?;
        Ok(party)
    }

    pub fn delete_party(&mut self, id: i64) -> Result<()> {
        let before = one(&self.tx, PARTY, id, party, "interested party")?;
        self.tx.execute("DELETE FROM parties WHERE id = ?1", [id])?;
        self.log(
            "party",
            &RefKind::Party.format(before.number),
            "delete",
            Some(&before),
            None::<&()>,
        )
    }
}
