use super::*;
use crate::domain::document::DocStatus;

#[test]
fn doc_001_a_document_named_as_evidence_is_approved() {
    none(&clean(), "DOC-001");
    let mut ws = clean();
    ws.documents[0].status = DocStatus::Draft;
    let f = only(&ws, "DOC-001");
    assert_eq!(
        f.message,
        "D-001 Information security policy is a draft but is named by clause 5.2"
    );
    assert_eq!(f.place, Place::Document(1));
    assert_eq!(f.basis(), "7.5.2");
    ws.documents[0].status = DocStatus::Unknown;
    ws.documents[0].controls = vec!["5.1".into()];
    ws.documents[0].actions = vec![1];
    assert_eq!(
        only(&ws, "DOC-001").message,
        "D-001 Information security policy has no known approval but is named by clause 5.2, A.5.1 and T-001"
    );
    // A draft nothing names is work in progress, not a finding.
    ws.documents[0].clauses.clear();
    ws.documents[0].controls.clear();
    ws.documents[0].actions.clear();
    none(&ws, "DOC-001");
}

#[test]
fn doc_002_a_document_past_its_review_period() {
    none(&clean(), "DOC-002");
    let mut ws = clean();
    ws.documents[0].approved_on = Some(d("2025-03-30"));
    ws.documents[0].issued_on = Some(d("2025-03-30"));
    let f = only(&ws, "DOC-002");
    assert_eq!(
        f.message,
        "D-001 Information security policy was due for review on 2026-03-30"
    );
    assert_eq!(f.place, Place::Document(1));
    // A review on record moves the date on; a withdrawn document is not reviewed.
    ws.documents[0].reviewed_on = Some(d("2026-03-01"));
    none(&ws, "DOC-002");
    ws.documents[0].reviewed_on = None;
    ws.documents[0].status = DocStatus::Withdrawn;
    ws.documents[0].clauses.clear();
    none(&ws, "DOC-002");
}

#[test]
fn doc_003_a_withdrawn_document_still_named_as_evidence() {
    none(&clean(), "DOC-003");
    let mut ws = clean();
    ws.documents[0].status = DocStatus::Withdrawn;
    let f = only(&ws, "DOC-003");
    assert_eq!(
        f.message,
        "D-001 Information security policy is withdrawn but still named by clause 5.2"
    );
    assert_eq!(f.basis(), "7.5.3");
    none(&ws, "DOC-001");
    ws.documents[0].clauses.clear();
    none(&ws, "DOC-003");
}
