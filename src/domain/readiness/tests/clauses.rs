use super::*;

fn at<'a>(ws: &'a mut Workspace, number: &str) -> &'a mut ClauseItem {
    ws.clauses.iter_mut().find(|c| c.number == number).unwrap()
}

#[test]
fn clause_001_mandatory_document_not_named() {
    none(&clean(), "CLAUSE-001");
    let mut ws = clean();
    ws.clauses.push(clause("7.2", "Competence"));
    let f = only(&ws, "CLAUSE-001");
    assert_eq!(
        f.message,
        "7.2 Competence: no document named for evidence of competence"
    );
    assert_eq!(f.place, Place::Clause("7.2".into()));
    assert_eq!(f.basis(), "7.2");
    none(&ws, "CLAUSE-003");
    // A clause without mandatory documented information needs no document.
    ws.clauses.retain(|c| c.number != "7.2");
    ws.clauses.push(clause("7.1", "Resources"));
    none(&ws, "CLAUSE-001");
}

#[test]
fn clause_003_a_core_document_missing_is_major() {
    none(&clean(), "CLAUSE-003");
    let mut ws = clean();
    ws.documents[0].clauses.clear();
    let f = only(&ws, "CLAUSE-003");
    assert_eq!(f.severity, Severity::Major);
    assert_eq!(
        f.message,
        "5.2 Policy: no document named for information security policy"
    );
    assert_eq!(f.place, Place::Clause("5.2".into()));
    assert_eq!(f.basis(), "5.2");
    none(&ws, "CLAUSE-001");
    // A withdrawn document holds nothing any more; one in force does, whatever its state.
    ws.documents[0].clauses = vec!["5.2".into()];
    none(&ws, "CLAUSE-003");
    ws.documents[0].status = crate::domain::document::DocStatus::Withdrawn;
    assert_eq!(only(&ws, "CLAUSE-003").place, Place::Clause("5.2".into()));
    ws.documents[0].status = crate::domain::document::DocStatus::Draft;
    none(&ws, "CLAUSE-003");
    ws.documents[0].clauses.clear();
    // Corrective action is major too; the audit programme without a reported internal audit is
    // AUDIT-001's, the objectives without one pursued OBJ-001's, the management review's
    // results without a held review MR-001's.
    ws.audits.clear();
    ws.reviews.clear();
    ws.security_objectives[0].status = crate::domain::objective::ObjectiveStatus::Withdrawn;
    for (number, title) in [
        ("9.2.2", "Internal audit programme"),
        ("9.3.3", "Management review results"),
        ("10.2", "Nonconformity and corrective action"),
        ("6.2", "Objectives"),
    ] {
        ws.clauses.push(clause(number, title));
    }
    let numbers: Vec<String> = of(&ws, "CLAUSE-003").iter().map(Finding::basis).collect();
    assert_eq!(numbers, ["5.2", "10.2"]);
    only(&ws, "MR-001");
    none(&ws, "CLAUSE-001");
}

#[test]
fn the_objectives_register_holds_6_2_and_its_measurements_9_1() {
    let mut ws = clean();
    ws.clauses.push(clause("6.2", "Objectives"));
    ws.clauses.push(clause("9.1", "Monitoring"));
    none(&ws, "CLAUSE-003");
    none(&ws, "CLAUSE-001");
    ws.measurements.clear();
    assert_eq!(only(&ws, "CLAUSE-001").place, Place::Clause("9.1".into()));
    // Without an objective pursued, OBJ-001 reports the gap of 6.2, once.
    ws.security_objectives.clear();
    none(&ws, "CLAUSE-003");
    assert_eq!(only(&ws, "OBJ-001").basis(), "6.2");
}

#[test]
fn clause_001_the_workspace_itself_holds_some_documents() {
    // 4.3 and 6.1.2 name no document: the scope statement, the methodology and the risk
    // register in this workspace hold them.
    let mut ws = clean();
    none(&ws, "CLAUSE-001");
    ws.statements.isms_scope.clear();
    assert_eq!(only(&ws, "CLAUSE-001").place, Place::Clause("4.3".into()));
    let mut ws = clean();
    ws.risks.clear();
    ws.actions.clear();
    assert_eq!(only(&ws, "CLAUSE-003").place, Place::Clause("6.1.2".into()));
    // 6.1.3 needs both an issued SoA and a treatment plan.
    let mut ws = clean();
    ws.clauses.push(clause("6.1.3", "Risk treatment"));
    none(&ws, "CLAUSE-003");
    ws.versions.clear();
    assert_eq!(
        only(&ws, "CLAUSE-003").message,
        "6.1.3 Risk treatment: no document named for risk treatment process; \
         Statement of Applicability; risk treatment plan and the risk owners' approval of it"
    );
}

#[test]
fn clause_002_clause_not_done() {
    none(&clean(), "CLAUSE-002");
    let mut ws = clean();
    at(&mut ws, "7.3").status = ClauseStatus::NotStarted;
    let f = only(&ws, "CLAUSE-002");
    assert_eq!(f.message, "7.3 Awareness is not started");
    assert_eq!(f.place, Place::Clause("7.3".into()));
    // Headings (4) and groups of sub-clauses (6.1) are not tracked themselves.
    at(&mut ws, "7.3").status = ClauseStatus::Done;
    at(&mut ws, "4").status = ClauseStatus::NotStarted;
    at(&mut ws, "6.1").status = ClauseStatus::InProgress;
    none(&ws, "CLAUSE-002");
    at(&mut ws, "6.1.2").status = ClauseStatus::InProgress;
    assert_eq!(
        only(&ws, "CLAUSE-002").message,
        "6.1.2 Risk assessment is in progress"
    );
}
