//! Inheritance of protection needs, overrides, scale changes and ranking.

use super::*;
use crate::domain::asset::AssetKind;

fn asset(id: i64, kind: AssetKind) -> Asset {
    Asset {
        id,
        ..Asset::new(kind, "x")
    }
}

fn need(asset: i64, level: u8) -> ProtectionNeed {
    ProtectionNeed {
        asset,
        objective: Objective::Confidentiality,
        level,
        rationale: String::new(),
        rationale_stale: false,
    }
}

fn dep(asset: i64, depends_on: i64) -> Dependency {
    Dependency { asset, depends_on }
}

#[test]
fn supporting_asset_takes_the_maximum_through_chains() {
    // 1 info (high), 2 process (normal) -> 3 software -> 4 server
    let assets = [
        asset(1, AssetKind::Information),
        asset(2, AssetKind::Process),
        asset(3, AssetKind::Software),
        asset(4, AssetKind::Hardware),
    ];
    let deps = [dep(1, 3), dep(2, 3), dep(3, 4)];
    let needs = [need(1, 2), need(2, 1)];
    let e = effective_needs(&assets, &deps, &needs, Objective::Confidentiality);
    assert_eq!(
        e[&3],
        EffectiveNeed {
            level: 2,
            source: NeedSource::Inherited { from: 1 }
        }
    );
    assert_eq!(e[&4].level, 2);
    assert_eq!(e[&4].source, NeedSource::Inherited { from: 3 });
    assert_eq!(e[&1].source, NeedSource::Own);
}

#[test]
fn override_names_its_effect() {
    let assets = [
        asset(1, AssetKind::Information),
        asset(3, AssetKind::Hardware),
    ];
    let deps = [dep(1, 3)];
    let e = effective_needs(
        &assets,
        &deps,
        &[need(1, 1), need(3, 3)],
        Objective::Confidentiality,
    );
    assert_eq!(
        e[&3],
        EffectiveNeed {
            level: 3,
            source: NeedSource::Override {
                inherited: Some(1),
                from: Some(1),
                effect: OverrideEffect::Cumulation
            }
        }
    );
    let e = effective_needs(
        &assets,
        &deps,
        &[need(1, 3), need(3, 2)],
        Objective::Confidentiality,
    );
    assert!(matches!(
        e[&3].source,
        NeedSource::Override {
            effect: OverrideEffect::Distribution,
            ..
        }
    ));
}

#[test]
fn unrated_and_other_objectives_are_absent() {
    let assets = [asset(1, AssetKind::Information), asset(2, AssetKind::Site)];
    let e = effective_needs(
        &assets,
        &[dep(1, 2)],
        &[need(1, 2)],
        Objective::Availability,
    );
    assert!(e.is_empty());
}

#[test]
fn a_cycle_in_damaged_data_does_not_loop() {
    let assets = [asset(1, AssetKind::Software), asset(2, AssetKind::Hardware)];
    let e = effective_needs(
        &assets,
        &[dep(1, 2), dep(2, 1)],
        &[],
        Objective::Confidentiality,
    );
    assert!(e.is_empty());
}

#[test]
fn level_must_fit_the_scale() {
    let scale = ProtectionScale::default();
    assert!(need(1, 4).validated(&scale, true).is_err());
    assert_eq!(
        need(1, 0).validated(&scale, true).unwrap_err().to_string(),
        "level: must be between 1 and 3"
    );
    assert!(need(1, 3).validated(&scale, true).is_ok());
    assert_eq!(scale.name(3), Some("very high"));
    assert_eq!(scale.name(0), None);
}

#[test]
fn several_primaries_feeding_one_supporting_asset_the_highest_wins() {
    // 1 info (normal), 2 process (very high), 3 info (high) all use 10 software.
    let assets = [
        asset(1, AssetKind::Information),
        asset(2, AssetKind::Process),
        asset(3, AssetKind::Information),
        asset(10, AssetKind::Software),
    ];
    let deps = [dep(1, 10), dep(2, 10), dep(3, 10)];
    let e = effective_needs(
        &assets,
        &deps,
        &[need(1, 1), need(2, 3), need(3, 2)],
        Objective::Confidentiality,
    );
    assert_eq!(
        e[&10],
        EffectiveNeed {
            level: 3,
            source: NeedSource::Inherited { from: 2 }
        }
    );
}

#[test]
fn a_tie_between_primaries_is_credited_to_the_lowest_id() {
    let assets = [
        asset(5, AssetKind::Information),
        asset(2, AssetKind::Process),
        asset(9, AssetKind::Information),
        asset(10, AssetKind::CloudService),
    ];
    // Listed in an order that would favour the higher ids if the tie were not broken.
    let deps = [dep(9, 10), dep(5, 10), dep(2, 10)];
    let needs = [need(5, 2), need(2, 2), need(9, 2)];
    let e = effective_needs(&assets, &deps, &needs, Objective::Confidentiality);
    assert_eq!(e[&10].source, NeedSource::Inherited { from: 2 });
    assert_eq!(e[&10].level, 2);
}

#[test]
fn an_override_without_anything_to_inherit_says_so() {
    let assets = [asset(4, AssetKind::Network)];
    let e = effective_needs(&assets, &[], &[need(4, 2)], Objective::Confidentiality);
    assert_eq!(
        e[&4].source,
        NeedSource::Override {
            inherited: None,
            from: None,
            effect: OverrideEffect::NothingInherited
        }
    );
}

#[test]
fn an_override_needs_a_justification_a_direct_rating_does_not() {
    let scale = ProtectionScale::default();
    let err = need(1, 2).validated(&scale, false).unwrap_err();
    assert_eq!(err.field, "rationale");
    assert_eq!(
        err.message,
        "an override needs a justification (cumulation or distribution effect)"
    );
    let blank = ProtectionNeed {
        rationale: "  \n ".into(),
        ..need(1, 2)
    };
    assert_eq!(
        blank.validated(&scale, false).unwrap_err().field,
        "rationale"
    );
    assert!(need(1, 2).validated(&scale, true).is_ok());
    let justified = ProtectionNeed {
        rationale: " Distribution: spares in stock. ".into(),
        ..need(1, 1)
    };
    assert_eq!(
        justified.validated(&scale, false).unwrap().rationale,
        "Distribution: spares in stock."
    );
    // The level is checked first, whatever the rationale.
    assert_eq!(
        need(1, 9).validated(&scale, false).unwrap_err().field,
        "level"
    );
}

fn four_levels() -> ProtectionScale {
    let level = |name: &str| ScaleLevel {
        name: name.into(),
        definition: String::new(),
    };
    ProtectionScale {
        levels: vec![
            level("normal"),
            level("medium"),
            level("high"),
            level("very high"),
        ],
    }
}

fn objective_need(asset: i64, objective: Objective, level: u8) -> ProtectionNeed {
    ProtectionNeed {
        objective,
        ..need(asset, level)
    }
}

#[test]
fn map_level_anchors_both_ends_and_rounds_halves_up() {
    let map = |from, to| {
        (1..=from)
            .map(|l| map_level(l, from, to))
            .collect::<Vec<_>>()
    };
    assert_eq!(map(3, 4), [1, 3, 4]);
    assert_eq!(map(4, 3), [1, 2, 2, 3]);
    assert_eq!(map(3, 3), [1, 2, 3]);
    assert_eq!(map(4, 4), [1, 2, 3, 4]);
    assert_eq!(map(2, 5), [1, 5]);
    assert_eq!(map(5, 2), [1, 1, 2, 2, 2]);
    assert_eq!(map(5, 3), [1, 2, 2, 3, 3]);
}

#[test]
fn map_level_is_monotone_and_stays_on_the_scale() {
    for from in 2..=10u8 {
        for to in 2..=10u8 {
            let mapped: Vec<u8> = (1..=from).map(|l| map_level(l, from, to)).collect();
            assert_eq!(mapped[0], 1, "{from}->{to}");
            assert_eq!(mapped[usize::from(from) - 1], to, "{from}->{to}");
            assert!(mapped.windows(2).all(|w| w[0] <= w[1]), "{from}->{to}");
            assert!(mapped.iter().all(|&l| (1..=to).contains(&l)));
        }
    }
    // The extremes of u8 do not overflow.
    assert_eq!(map_level(u8::MAX, u8::MAX, u8::MAX), u8::MAX);
    assert_eq!(map_level(128, u8::MAX, 2), 2);
}

#[test]
fn map_level_takes_damaged_or_degenerate_input_calmly() {
    assert_eq!(
        map_level(0, 3, 4),
        1,
        "below the scale counts as the lowest"
    );
    assert_eq!(
        map_level(7, 3, 4),
        4,
        "above the scale counts as the highest"
    );
    assert_eq!(map_level(1, 1, 4), 1);
    assert_eq!(map_level(3, 3, 1), 1);
    assert_eq!(map_level(3, 3, 0), 0);
}

#[test]
fn remap_from_three_to_four_levels_counts_each_move() {
    let mut needs = Vec::new();
    for asset in 1..=20 {
        needs.push(objective_need(asset, Objective::Availability, 1));
    }
    for asset in 21..=25 {
        needs.push(objective_need(asset, Objective::Integrity, 2));
    }
    for asset in 26..=32 {
        needs.push(objective_need(asset, Objective::Confidentiality, 3));
    }
    let (remapped, summary) = remap_needs(&needs, &ProtectionScale::default(), &four_levels());
    assert_eq!(
        summary,
        "3 levels → 4 levels: 12 ratings mapped (high → high: 5, very high → very high: 7), 20 unchanged"
    );
    assert_eq!(remapped.len(), needs.len());
    for (old, new) in needs.iter().zip(&remapped) {
        assert_eq!((old.asset, old.objective), (new.asset, new.objective));
        assert_eq!(old.rationale, new.rationale);
        assert_eq!(new.level, [0, 1, 3, 4][usize::from(old.level)]);
    }
}

#[test]
fn remap_from_four_to_three_levels_merges_the_middle() {
    let needs = [
        objective_need(1, Objective::Confidentiality, 1),
        objective_need(2, Objective::Confidentiality, 2),
        objective_need(3, Objective::Confidentiality, 3),
        objective_need(4, Objective::Confidentiality, 3),
        objective_need(5, Objective::Confidentiality, 4),
    ];
    let (remapped, summary) = remap_needs(&needs, &four_levels(), &ProtectionScale::default());
    assert_eq!(
        remapped.iter().map(|n| n.level).collect::<Vec<_>>(),
        [1, 2, 2, 2, 3]
    );
    assert_eq!(
        summary,
        "4 levels → 3 levels: 3 ratings mapped (high → high: 2, very high → very high: 1), 2 unchanged"
    );
}

#[test]
fn remap_summary_in_the_singular_and_without_moves() {
    let needs = [
        objective_need(1, Objective::Privacy, 1),
        objective_need(2, Objective::Privacy, 3),
    ];
    let (_, summary) = remap_needs(&needs, &ProtectionScale::default(), &four_levels());
    assert_eq!(
        summary,
        "3 levels → 4 levels: 1 rating mapped (very high → very high: 1), 1 unchanged"
    );
    let only_lowest = [objective_need(1, Objective::Privacy, 1)];
    let (same, summary) = remap_needs(&only_lowest, &ProtectionScale::default(), &four_levels());
    assert_eq!(same, only_lowest);
    assert_eq!(
        summary,
        "3 levels → 4 levels: 0 ratings mapped, 1 unchanged"
    );
    let (none, summary) = remap_needs(&[], &four_levels(), &ProtectionScale::default());
    assert!(none.is_empty());
    assert_eq!(
        summary,
        "4 levels → 3 levels: 0 ratings mapped, 0 unchanged"
    );
}

#[test]
fn remap_with_as_many_levels_changes_no_rating() {
    let needs = [
        objective_need(1, Objective::Integrity, 2),
        objective_need(2, Objective::Integrity, 3),
    ];
    let mut renamed = ProtectionScale::default();
    renamed.levels[1].name = "elevated".into();
    renamed.levels[2].definition = "Existence-threatening.".into();
    let (same, summary) = remap_needs(&needs, &ProtectionScale::default(), &renamed);
    assert_eq!(same, needs);
    assert_eq!(summary, "names and definitions changed; no rating changed");
    let (_, summary) = remap_needs(&needs, &renamed, &renamed);
    assert_eq!(summary, "scale unchanged; no rating changed");
}

#[test]
fn objectives_are_ordered_deduplicated_and_never_empty() {
    use Objective::*;
    assert_eq!(
        validate_objectives(&[Privacy, Confidentiality, Availability, Privacy, Integrity]).unwrap(),
        [Confidentiality, Integrity, Availability, Privacy]
    );
    assert_eq!(
        validate_objectives(&[Accountability]).unwrap(),
        [Accountability]
    );
    assert_eq!(validate_objectives(Objective::ALL).unwrap(), Objective::ALL);
    let err = validate_objectives(&[]).unwrap_err();
    assert_eq!(err.field, "objectives");
    assert!(err.message.contains("at least one"), "{err}");
}

#[test]
fn crown_jewels_rank_by_highest_level_then_by_sum() {
    assert_eq!(crown_jewel_rank(&[]), (0, 0));
    assert_eq!(crown_jewel_rank(&[None, None, None]), (0, 0));
    assert_eq!(crown_jewel_rank(&[Some(2), None, Some(3)]), (3, 5));
    assert_eq!(crown_jewel_rank(&[Some(3), Some(3), Some(3)]), (3, 9));
    // One very high objective outranks many high ones; among equals the sum decides.
    let mut ranked = [
        ("all high", crown_jewel_rank(&[Some(2), Some(2), Some(2)])),
        ("one very high", crown_jewel_rank(&[Some(3), Some(1), None])),
        ("unrated", crown_jewel_rank(&[None, None, None])),
        (
            "very high twice",
            crown_jewel_rank(&[Some(3), Some(1), Some(3)]),
        ),
    ];
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    assert_eq!(
        ranked.map(|r| r.0),
        ["very high twice", "one very high", "all high", "unrated"]
    );
    assert_eq!(crown_jewel_rank(&[Some(u8::MAX); 7]), (u8::MAX, 7 * 255));
}

#[test]
fn only_a_supporting_asset_without_a_justification_must_be_asked_for_one() {
    assert!(needs_justification(false, ""));
    assert!(needs_justification(false, "   "));
    assert!(!needs_justification(
        false,
        "Runs twelve services: cumulation."
    ));
    assert!(!needs_justification(true, ""));
}

#[test]
fn a_rating_equal_to_the_inherited_level_confirms_it_and_any_other_overrides() {
    let assets = [
        asset(1, AssetKind::Information),
        asset(3, AssetKind::Hardware),
    ];
    let deps = [dep(1, 3)];
    let e = effective_needs(
        &assets,
        &deps,
        &[need(1, 2), need(3, 2)],
        Objective::Confidentiality,
    );
    assert!(is_confirmation(&e[&3]));
    let e = effective_needs(
        &assets,
        &deps,
        &[need(1, 2), need(3, 3)],
        Objective::Confidentiality,
    );
    assert!(!is_confirmation(&e[&3]));
    let e = effective_needs(&assets, &deps, &[need(1, 2)], Objective::Confidentiality);
    assert!(!is_confirmation(&e[&3]), "inherited, not set");
    assert!(!is_confirmation(&e[&1]), "rated directly");
    // Nothing inherited: a rating is an override of nothing.
    let e = effective_needs(&assets, &[], &[need(3, 1)], Objective::Confidentiality);
    assert!(!is_confirmation(&e[&3]));
}

#[test]
fn a_need_as_found_may_be_an_override_without_justification() {
    let scale = ProtectionScale::default();
    assert!(need(3, 2).validated(&scale, false).is_err());
    assert_eq!(need(3, 2).validated_as_found(&scale).unwrap().level, 2);
    assert!(need(3, 4).validated_as_found(&scale).is_err());
}

#[test]
fn a_step_moves_one_level_within_the_scale() {
    use super::stepped;
    assert_eq!(
        stepped(None, true, 3),
        Some(1),
        "an unrated cell starts at the lowest"
    );
    assert_eq!(stepped(None, false, 3), None);
    assert_eq!(stepped(Some(1), true, 3), Some(2));
    assert_eq!(stepped(Some(3), true, 3), None, "nothing above the highest");
    assert_eq!(stepped(Some(2), false, 3), Some(1));
    assert_eq!(stepped(Some(1), false, 3), None, "nothing below the lowest");
    assert_eq!(stepped(Some(3), true, 4), Some(4), "a four-level scale");
    assert_eq!(
        stepped(Some(9), false, 3),
        None,
        "a level off the scale is not stepped into it"
    );
}

fn with_rationale(level: u8, rationale: &str, stale: bool) -> ProtectionNeed {
    ProtectionNeed {
        rationale: rationale.into(),
        rationale_stale: stale,
        ..need(1, level)
    }
}

#[test]
fn a_rationale_goes_stale_when_its_level_moves_and_current_when_rewritten() {
    let high = with_rationale(2, "Customer data.", false);
    // The level moved, the text stayed: written for the earlier level.
    assert!(rationale_stale(
        Some(&high),
        &with_rationale(3, "Customer data.", false)
    ));
    // Rewritten with the change, or afterwards: current again.
    assert!(!rationale_stale(
        Some(&high),
        &with_rationale(3, "Now also payroll.", false)
    ));
    let stale = with_rationale(3, "Customer data.", true);
    assert!(!rationale_stale(
        Some(&stale),
        &with_rationale(3, "Customer data, payroll.", true)
    ));
    // The same level and text keep what the caller says: still stale until someone rewrites
    // it, current when the rationale form confirmed it as it is.
    assert!(rationale_stale(Some(&stale), &stale));
    assert!(!rationale_stale(
        Some(&stale),
        &with_rationale(3, "Customer data.", false)
    ));
    // Nothing written cannot be stale; a new need keeps its flag (a workspace file's).
    assert!(!rationale_stale(
        Some(&high),
        &with_rationale(3, " ", false)
    ));
    assert!(rationale_stale(None, &stale));
    assert!(!rationale_stale(None, &high));
}

#[test]
fn a_re_confirmed_level_is_no_change() {
    let high = with_rationale(2, "Customer data.", false);
    assert!(is_unchanged(Some(&high), &high.clone()));
    assert!(!is_unchanged(None, &high));
    assert!(!is_unchanged(
        Some(&high),
        &with_rationale(3, "Customer data.", false)
    ));
    assert!(!is_unchanged(
        Some(&high),
        &with_rationale(2, "Customer records.", false)
    ));
}
