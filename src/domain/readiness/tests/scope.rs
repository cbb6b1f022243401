use super::*;

#[test]
fn scope_001_isms_scope_statement_missing() {
    none(&clean(), "SCOPE-001");
    let mut ws = clean();
    ws.statements.isms_scope = "  \n ".into();
    let f = only(&ws, "SCOPE-001");
    assert_eq!(f.message, "The ISMS scope statement is missing");
    assert_eq!(f.place, Place::ScopeStatements);
    none(&ws, "SCOPE-002");
}

#[test]
fn scope_002_certificate_scope_statement_missing() {
    none(&clean(), "SCOPE-002");
    let mut ws = clean();
    ws.statements.certificate_scope.clear();
    let f = only(&ws, "SCOPE-002");
    assert_eq!(f.message, "The certificate scope statement is missing");
    assert_eq!(f.place, Place::ScopeStatements);
    none(&ws, "SCOPE-001");
}

#[test]
fn scope_003_certified_item_outside_the_isms_scope() {
    let mut ws = clean();
    // Outside both, with a reason: fine.
    ws.scope_items[0].in_isms = false;
    ws.scope_items[0].in_certificate = false;
    ws.scope_items[0].justification = "Run by the landlord.".into();
    none(&ws, "SCOPE-003");
    ws.scope_items[0].in_certificate = true;
    let f = only(&ws, "SCOPE-003");
    assert_eq!(
        f.message,
        "S-001 Headquarters is in the certificate scope but outside the ISMS scope"
    );
    assert_eq!(f.place, Place::ScopeItem(1));
}

#[test]
fn scope_004_excluded_item_without_justification() {
    let mut ws = clean();
    ws.scope_items[0].in_certificate = false;
    ws.scope_items[0].justification = "Certified next year.".into();
    none(&ws, "SCOPE-004");
    ws.scope_items[0].justification = " ".into();
    let f = only(&ws, "SCOPE-004");
    assert_eq!(
        f.message,
        "S-001 Headquarters is excluded from the certificate scope without a justification"
    );
    assert_eq!(f.place, Place::ScopeItem(1));
    ws.scope_items[0].in_isms = false;
    assert_eq!(
        only(&ws, "SCOPE-004").message,
        "S-001 Headquarters is excluded from the ISMS scope without a justification"
    );
}

#[test]
fn scope_005_party_requirements_not_addressed() {
    none(&clean(), "SCOPE-005");
    let mut ws = clean();
    ws.parties[0].addressed = false;
    let f = only(&ws, "SCOPE-005");
    assert_eq!(
        f.message,
        "IP-001 Shippers: the ISMS does not address its requirements"
    );
    assert_eq!(f.place, Place::Party(1));
}

#[test]
fn scope_003_and_004_find_exactly_what_validation_refuses() {
    for (in_isms, in_certificate, justification) in [
        (true, true, ""),
        (true, false, ""),
        (true, false, "Certified next year."),
        (false, true, "Run by the landlord."),
        (false, false, " "),
        (false, false, "Run by the landlord."),
    ] {
        let mut ws = clean();
        let item = &mut ws.scope_items[0];
        item.in_isms = in_isms;
        item.in_certificate = in_certificate;
        item.justification = justification.into();
        let problems = item.clone().validated_all().err().unwrap_or_default();
        let refused = |field| problems.iter().any(|p| p.field == field);
        let case = format!("{in_isms} {in_certificate} {justification:?}");
        assert_eq!(
            !of(&ws, "SCOPE-003").is_empty(),
            refused(crate::domain::scope::field::IN_CERTIFICATE),
            "{case}"
        );
        assert_eq!(
            !of(&ws, "SCOPE-004").is_empty(),
            refused(crate::domain::scope::field::JUSTIFICATION),
            "{case}"
        );
    }
}

#[test]
fn scope_006_no_internal_or_external_issues() {
    none(&clean(), "SCOPE-006");
    let mut ws = clean();
    ws.issues.retain(|i| i.kind == IssueKind::Internal);
    let f = only(&ws, "SCOPE-006");
    assert_eq!(f.message, "No external issues are recorded");
    assert_eq!(f.place, Place::Issues);
    assert_eq!(f.basis(), "4.1");
    ws.issues.clear();
    assert_eq!(
        only(&ws, "SCOPE-006").message,
        "No internal or external issues are recorded"
    );
}

#[test]
fn scope_007_no_interested_parties() {
    none(&clean(), "SCOPE-007");
    let mut ws = clean();
    ws.parties.clear();
    let f = only(&ws, "SCOPE-007");
    assert_eq!(f.message, "No interested parties are recorded");
    assert_eq!(f.place, Place::Parties);
    assert_eq!(f.basis(), "4.2");
    none(&ws, "SCOPE-005");
}

#[test]
fn scope_008_no_climate_change_decision() {
    none(&clean(), "SCOPE-008");
    let mut ws = clean();
    // Not relevant is a decision as good as relevant.
    ws.statements.climate_change = Some(ClimateDecision {
        relevant: true,
        note: String::new(),
    });
    none(&ws, "SCOPE-008");
    ws.statements.climate_change = None;
    let f = only(&ws, "SCOPE-008");
    assert_eq!(
        f.message,
        "No decision is recorded on whether climate change is a relevant issue"
    );
    assert_eq!(f.place, Place::ScopeStatements);
    assert_eq!(f.basis(), "4.1");
}

#[test]
fn scope_002_is_an_observation() {
    let mut ws = clean();
    ws.statements.certificate_scope.clear();
    assert_eq!(only(&ws, "SCOPE-002").severity, Severity::Observation);
}
