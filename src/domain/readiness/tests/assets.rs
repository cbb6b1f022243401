use super::*;

#[test]
fn asset_001_asset_without_owner() {
    none(&clean(), "ASSET-001");
    let mut ws = clean();
    ws.assets[1].owner = " ".into();
    let f = only(&ws, "ASSET-001");
    assert_eq!(f.message, "AS-002 Database server has no owner");
    assert_eq!(f.fix, "Name an owner on the Assets screen");
    assert_eq!(f.place, Place::Asset(2));
}

#[test]
fn asset_002_primary_asset_without_needs_for_an_active_objective() {
    none(&clean(), "ASSET-002");
    let mut ws = clean();
    ws.needs.retain(|n| n.objective != Objective::Integrity);
    let f = only(&ws, "ASSET-002");
    assert_eq!(
        f.message,
        "AS-001 Customer data has no protection need for integrity"
    );
    assert_eq!(f.place, Place::Asset(1));
    // Only the active objectives count: without integrity in use, nothing is missing.
    ws.objectives = vec![Objective::Confidentiality, Objective::Availability];
    none(&ws, "ASSET-002");
    // A newly switched-on objective is missing on every primary asset.
    ws.objectives.push(Objective::Privacy);
    assert_eq!(
        only(&ws, "ASSET-002").message,
        "AS-001 Customer data has no protection need for privacy"
    );
    ws.needs.clear();
    assert_eq!(
        only(&ws, "ASSET-002").message,
        "AS-001 Customer data has no protection need for confidentiality, availability and privacy"
    );
}

#[test]
fn asset_003_supporting_asset_serving_no_primary_asset() {
    none(&clean(), "ASSET-003");
    let mut ws = clean();
    ws.assets.push(Asset {
        id: 3,
        number: 3,
        owner: "IT".into(),
        ..Asset::new(AssetKind::Site, "Server room")
    });
    let f = only(&ws, "ASSET-003");
    assert_eq!(
        f.message,
        "AS-003 Server room serves no primary asset, so it inherits no protection needs"
    );
    assert_eq!(f.place, Place::Asset(3));
    // Served through the server, which serves the customer data: reached.
    ws.dependencies.push(Dependency {
        asset: 2,
        depends_on: 3,
    });
    none(&ws, "ASSET-003");
}

#[test]
fn asset_004_override_without_justification() {
    let mut ws = clean();
    ws.needs.push(ProtectionNeed {
        asset: 2,
        objective: Objective::Availability,
        level: 3,
        rationale: "Cumulation: hosts every customer's data.".into(),
        rationale_stale: false,
    });
    none(&ws, "ASSET-004");
    ws.needs[3].rationale = String::new();
    let f = only(&ws, "ASSET-004");
    assert_eq!(
        f.message,
        "AS-002 Database server: the availability override has no justification"
    );
    assert_eq!(f.place, Place::Asset(2));
    // A need on a primary asset is its own rating, not an override.
    ws.needs[3].rationale = "x".into();
    ws.needs[0].rationale.clear();
    none(&ws, "ASSET-004");
}

#[test]
fn asset_005_workshop_question_open_past_its_due_date() {
    use crate::domain::question::{OpenQuestion, field, parse_stamp};
    none(&clean(), "ASSET-005");
    let noted = parse_stamp(field::NOTED_AT, "2026-01-28T11:05:00").unwrap();
    let question = |id: i64, asset: Option<i64>, due: &str| OpenQuestion {
        id,
        number: u32::try_from(id).unwrap(),
        due: Some(d(due)),
        ..OpenQuestion::new(asset, "Who owns it?", "anna.weber", noted)
    };
    let mut ws = clean();
    // Due today, or due later: not overdue.
    ws.questions = vec![
        question(1, Some(2), "2026-03-31"),
        question(2, None, "2026-04-30"),
    ];
    none(&ws, "ASSET-005");
    // Due yesterday and still open.
    ws.questions[0].due = Some(d("2026-03-30"));
    ws.questions[0].assignee = "Jonas Klein".into();
    let f = only(&ws, "ASSET-005");
    assert_eq!(
        f.message,
        "Q-001 about AS-002 Database server was due on 2026-03-30 and is still open (given to Jonas Klein)"
    );
    assert_eq!(f.place, Place::Asset(2));
    // About the workshop as a whole, and given to nobody.
    ws.questions[0].due = Some(d("2026-04-30"));
    ws.questions[1].due = Some(d("2026-03-01"));
    let f = only(&ws, "ASSET-005");
    assert_eq!(
        f.message,
        "Q-002 about the workshop as a whole was due on 2026-03-01 and is still open (given to nobody)"
    );
    assert_eq!(f.place, Place::Question(2));
    // Answered, it is no finding however late.
    ws.questions[1].resolved_at = Some(noted);
    none(&ws, "ASSET-005");
}

#[test]
fn asset_006_a_third_of_the_assets_without_owner_is_one_major_finding() {
    let mut ws = clean();
    for number in 3..=6 {
        ws.assets.push(Asset {
            id: i64::from(number),
            number,
            ..ws.assets[1].clone()
        });
    }
    ws.assets[4].owner.clear();
    // 1 of 6: a lapse.
    only(&ws, "ASSET-001");
    none(&ws, "ASSET-006");
    ws.assets[5].owner.clear();
    let f = only(&ws, "ASSET-006");
    assert_eq!(f.message, "2 of 6 assets have no owner: AS-005 and AS-006");
    assert_eq!(f.place, Place::Asset(5));
    assert_eq!(f.basis(), "A.5.9");
    none(&ws, "ASSET-001");
}

#[test]
fn asset_007_protection_need_outside_the_scale() {
    none(&clean(), "ASSET-007");
    let mut ws = clean();
    // Level 9, written by another tool: the scale has three levels.
    ws.needs[0].level = 9;
    let f = only(&ws, "ASSET-007");
    assert_eq!(
        f.message,
        "AS-001 Customer data: its confidentiality need is level 9, outside the protection \
         scale of 3 levels"
    );
    assert_eq!(f.place, Place::Asset(1));
    ws.needs[0].level = 0;
    only(&ws, "ASSET-007");
    ws.needs[0].level = 3;
    none(&ws, "ASSET-007");
}

#[test]
fn asset_008_primary_asset_rated_without_a_rationale() {
    none(&clean(), "ASSET-008");
    let mut ws = clean();
    ws.needs[2].rationale = " ".into();
    ws.needs[0].rationale.clear();
    let f = only(&ws, "ASSET-008");
    assert_eq!(
        f.message,
        "AS-001 Customer data is rated for confidentiality and availability without a rationale"
    );
    assert_eq!(f.place, Place::Asset(1));
}
