use super::*;
use std::cmp::Ordering;

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn table() -> DataTable {
    let mut t = DataTable::new(vec![
        Column::new("Ref", 6, 5, 9),
        Column::new("Name", 20, 8, 8),
    ]);
    t.set_rows(vec![
        vec!["S-002".into(), "Warehouse Hamburg".into()],
        vec!["S-010".into(), "Headquarters Bremen".into()],
        vec!["S-001".into(), "Dispatch platform".into()],
    ]);
    t
}

#[test]
fn natural_order() {
    assert_eq!(natural_cmp("AS-2", "AS-10"), Ordering::Less);
    assert_eq!(natural_cmp("5.10", "5.2"), Ordering::Greater);
    assert_eq!(natural_cmp("abc", "ABD"), Ordering::Less);
}

#[test]
fn filter_counts_and_clears() {
    let mut t = table();
    t.handle_key(key(KeyCode::Char('/')));
    for c in "BREM".chars() {
        t.handle_key(key(KeyCode::Char(c)));
    }
    assert_eq!((t.visible_len(), t.len()), (1, 3));
    assert_eq!(t.selected(), Some(1));
    t.handle_key(key(KeyCode::Enter));
    assert!(!t.is_filtering());
    t.handle_key(key(KeyCode::Esc));
    assert_eq!(t.visible_len(), 3);
}

#[test]
fn sort_cycles_and_reverses() {
    let mut t = table();
    t.handle_key(key(KeyCode::Char('s')));
    assert_eq!(t.selected(), Some(2), "S-001 first");
    t.handle_key(key(KeyCode::Char('S')));
    assert_eq!(t.selected(), Some(1), "S-010 first");
}

#[test]
fn movement_stays_in_bounds() {
    let mut t = table();
    assert_eq!(t.handle_key(key(KeyCode::Up)), TableEvent::Changed);
    t.handle_key(key(KeyCode::Char('G')));
    assert_eq!(t.selected(), Some(2));
    t.handle_key(key(KeyCode::Down));
    assert_eq!(t.selected(), Some(2));
    t.handle_key(key(KeyCode::Char('g')));
    assert_eq!(t.selected(), Some(0));
}

#[test]
fn empty_table_has_no_selection() {
    let mut t = DataTable::new(vec![Column::new("Ref", 6, 5, 9)]);
    t.handle_key(key(KeyCode::Down));
    assert_eq!(t.selected(), None);
}

#[test]
fn columns_shrink_then_drop_by_priority() {
    let cols = [
        Column::new("Ref", 6, 6, 9),
        Column::new("Name", 30, 10, 8),
        Column::new("Note", 30, 10, 1),
    ];
    assert_eq!(
        column_widths(&cols, 80),
        vec![6, 42, 30],
        "the first of the widest columns takes the spare width"
    );
    let w = column_widths(&cols, 40);
    assert_eq!(w.iter().sum::<u16>() + 2, 40);
    assert!(w.iter().zip(&cols).all(|(w, c)| *w >= c.min));
    assert_eq!(
        column_widths(&cols, 20),
        vec![6, 13, 0],
        "the note goes first"
    );
}

#[test]
fn a_coded_column_shows_codes_only_where_its_longest_word_does_not_fit() {
    let status = Column::new("Status", 21, 5, 6).coded(&crate::ui::legend::SOA_STATUS);
    assert_eq!(
        status.shown("Partially implemented", 21),
        "Partially implemented"
    );
    assert_eq!(status.shown("Partially implemented", 12), "Part");
    assert_eq!(status.shown("Planned", 12), "Plan", "one column, one form");
    assert_eq!(status.shown("Planned", 21), "Planned");
    assert_eq!(status.shown("Something else", 6), "Somet…", "no code: cut");
    let plain = Column::new("Status", 21, 5, 6);
    assert_eq!(plain.shown("Partially implemented", 12), "Partially i…");
}

#[test]
fn columns_follow_their_content() {
    let cols = [
        Column::new("Ref", 6, 6, 9),
        Column::new("Title", 30, 10, 8),
        Column::new("Due", 20, 10, 7),
        Column::new("Note", 30, 10, 1),
    ];
    // A date column is as wide as a date; the title's cut text gets the room first.
    let content = [5, 60, 10, 40];
    let w = fitted_widths(&cols, &content, 110);
    assert_eq!(w, vec![5, 60, 10, 32], "the title whole, then the note");
    let w = fitted_widths(&cols, &content, 100);
    assert_eq!(w, vec![5, 52, 10, 30], "the title first");
    // Short text keeps a column narrow, and the spare goes to the widest column.
    let w = fitted_widths(&cols, &[5, 12, 10, 8], 80);
    assert_eq!(w, vec![5, 54, 10, 8]);
    // Narrow terminals still shrink and drop as before.
    let w = fitted_widths(&cols, &content, 30);
    assert_eq!(w[3], 0, "{w:?}");
}

#[test]
fn the_table_measures_its_cells_and_header() {
    let mut t = DataTable::new(vec![
        Column::new("Ref", 6, 5, 9),
        Column::new("Name", 20, 8, 8),
    ]);
    t.set_rows(vec![
        vec!["S-1".into(), "Lager".into()],
        vec!["S-10".into(), "Hauptverwaltung Bremen".into()],
    ]);
    assert_eq!(
        t.content,
        vec![5, 22],
        "the header with room for its sort mark"
    );
}
