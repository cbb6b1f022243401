//! Workshop mode on the Protection screen: one asset at a time, rated by keys, checked against
//! what lands in the file; quick-add of assets named in the room; open questions saved, shown
//! again and answered; the minutes when it ends.

mod common;

use common::{ctrl, press, screen, start_on, type_text, workdir};
use isms::domain::asset::{Asset, AssetKind, Dependency};
use isms::domain::protection::Objective;
use isms::store::Store;
use isms::ui::App;
use ratatui::crossterm::event::KeyCode;

const W: u16 = 130;
const H: u16 = 36;

/// Five information assets and a server that the first depends on.
fn room(dir: &tempfile::TempDir) -> (App, std::path::PathBuf) {
    let path = dir.path().join("room.isms");
    let mut store = Store::create(&path, "Acme GmbH").unwrap();
    store
        .edit(|w| {
            let first = w.insert_asset(Asset::new(AssetKind::Information, "Customer data"))?;
            for name in ["Source code", "Payroll data", "Contracts", "Price list"] {
                w.insert_asset(Asset::new(AssetKind::Information, name))?;
            }
            let server = w.insert_asset(Asset::new(AssetKind::Hardware, "Server"))?;
            w.add_dependency(Dependency {
                asset: first.id,
                depends_on: server.id,
            })
        })
        .unwrap();
    drop(store);
    (start_on(&path), path)
}

fn need(store: &Store, name: &str, objective: Objective) -> Option<(u8, String)> {
    let id = store
        .assets()
        .unwrap()
        .into_iter()
        .find(|a| a.name == name)?
        .id;
    store
        .protection_needs()
        .unwrap()
        .into_iter()
        .find(|n| n.asset == id && n.objective == objective)
        .map(|n| (n.level, n.rationale))
}

/// Starts a workshop with the title proposed and nobody named.
fn start_workshop(app: &mut App) {
    press(app, KeyCode::Char('w'));
    press(app, KeyCode::Enter);
}

fn level(store: &Store, name: &str, objective: Objective) -> Option<u8> {
    need(store, name, objective).map(|(l, _)| l)
}

#[test]
fn five_assets_are_rated_one_at_a_time_and_the_minutes_count_them() {
    let dir = workdir();
    let (mut app, path) = room(&dir);
    press(&mut app, KeyCode::Char('4'));
    start_workshop(&mut app);
    // Each digit rates the objective in focus and moves on to the next one.
    let plan = [
        ("Customer data", ['3', '2', '2']),
        ("Source code", ['2', '3', '1']),
        ("Payroll data", ['3', '3', '1']),
        ("Contracts", ['2', '2', '1']),
        ("Price list", ['1', '1', '2']),
    ];
    for (_, digits) in &plan {
        for d in digits {
            press(&mut app, KeyCode::Char(*d));
        }
        press(&mut app, KeyCode::Enter);
    }
    // The server inherits from customer data, shown as the grid shows it.
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("workshop_view", text);
    assert!(text.contains("asset 6 of 6"), "{text}");
    assert!(text.contains("↑ very high"), "{text}");
    assert!(text.contains("The damage could be considerable."), "{text}");

    let store = Store::open_read_only(&path).unwrap();
    let objectives = [
        Objective::Confidentiality,
        Objective::Integrity,
        Objective::Availability,
    ];
    for (name, digits) in &plan {
        for (o, d) in objectives.iter().zip(digits) {
            assert_eq!(
                level(&store, name, *o),
                Some(*d as u8 - b'0'),
                "{name} {o:?}"
            );
        }
    }
    assert_eq!(level(&store, "Server", Objective::Confidentiality), None);
    drop(store);

    // An override on the server asks for its justification, as in the grid.
    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, "Is the server shared with the subsidiary?");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("an override needs a justification"), "{text}");
    type_text(&mut app, "Holds only encrypted copies: distribution.");
    ctrl(&mut app, 's');
    assert_eq!(
        need(
            &Store::open_read_only(&path).unwrap(),
            "Server",
            Objective::Confidentiality
        ),
        Some((1, "Holds only encrypted copies: distribution.".into()))
    );

    press(&mut app, KeyCode::Esc);
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("workshop_summary", text);
    assert!(text.contains("Minutes of W-001"), "{text}");
    assert!(text.contains("Ratings changed: 16"), "{text}");
    assert!(text.contains("Questions still open: 1"), "{text}");
    assert!(
        text.contains("AS-006 Server: confidentiality — → normal"),
        "{text}"
    );
    assert!(
        text.contains("Why: Holds only encrypted copies: distribution."),
        "{text}"
    );
    assert!(text.contains("more ↓"), "{text}");
    // What does not fit scrolls into view.
    press(&mut app, KeyCode::Char('G'));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Q-001 Is the server shared with the subsidiary? (AS-006 Server)"),
        "{text}"
    );
    assert!(text.contains("To be answered by nobody yet"), "{text}");

    // The minutes stay until closed.
    press(&mut app, KeyCode::Char('z'));
    assert!(screen(&mut app, W, H).contains("Minutes of W-001"));
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, W, H);
    assert!(text.contains("Protection needs"), "{text}");
    assert!(!text.contains("Minutes of"), "{text}");

    // The question outlives the session: in the file, about the server, noted by the user.
    drop(app);
    let store = Store::open_read_only(&path).unwrap();
    let questions = store.open_questions().unwrap();
    assert_eq!(questions.len(), 1, "{questions:?}");
    let server = store
        .assets()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "Server");
    assert_eq!(questions[0].asset, server.map(|a| a.id));
    assert_eq!(
        questions[0].text,
        "Is the server shared with the subsidiary?"
    );
    assert_eq!(questions[0].noted_by, "tester");
}

/// A question is saved at once, shown with its asset in the next workshop, and answered there.
#[test]
fn a_question_is_saved_shown_again_and_answered() {
    let dir = workdir();
    let (mut app, path) = room(&dir);
    press(&mut app, KeyCode::Char('4'));
    start_workshop(&mut app);
    press(&mut app, KeyCode::Char('o'));
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("required"),
        "an empty question is refused: {text}"
    );
    type_text(&mut app, "Who may read the customer data?");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("workshop_question", text);
    assert!(
        text.contains("Saved Q-001 on AS-001 Customer data"),
        "{text}"
    );
    assert!(text.contains("Open questions: 1"), "{text}");
    assert!(
        text.contains("Q-001 Who may read the customer data?"),
        "{text}"
    );
    assert!(text.contains("c answer"), "{text}");
    assert!(text.contains("Esc q end workshop"), "{text}");
    // Already in the file while the session goes on.
    assert_eq!(
        Store::open_read_only(&path)
            .unwrap()
            .open_questions()
            .unwrap()[0]
            .text,
        "Who may read the customer data?"
    );
    // The next asset has none of its own; `c` there offers the other assets' open ones.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Answer an open question"), "{text}");
    assert!(
        text.contains("Q-001 AS-001 Customer data: Who may read"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, W, H).contains("No answer recorded."));
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Esc);
    drop(app);

    // The next workshop on the same file shows the question again and answers it.
    let mut app = start_on(&path);
    press(&mut app, KeyCode::Char('4'));
    start_workshop(&mut app);
    assert!(screen(&mut app, W, H).contains("Q-001 Who may read the customer data?"));
    press(&mut app, KeyCode::Char('c'));
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("is required"),
        "an empty answer is refused: {text}"
    );
    type_text(&mut app, "Sales and support only.");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Anna Weber");
    press(&mut app, KeyCode::Enter); // the person found, or new
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Answered Q-001 (by Anna Weber); 0 questions open."),
        "{text}"
    );
    assert!(!text.contains("Open questions"), "{text}");
    press(&mut app, KeyCode::Esc);
    let text = screen(&mut app, W, H);
    assert!(text.contains("Minutes of W-002"), "{text}");
    assert!(text.contains("Questions answered: 1"), "{text}");
    assert!(
        text.contains("Answer (Anna Weber): Sales and support only."),
        "{text}"
    );
    assert!(text.contains("Questions still open: 0"), "{text}");
    let store = Store::open_read_only(&path).unwrap();
    assert!(store.open_questions().unwrap().is_empty());
    let all = store.questions().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].answer, "Sales and support only.");
    assert_eq!(all[0].answered_by, "Anna Weber");
    // Noted in the first workshop, answered in the second.
    let workshops = store.workshops().unwrap();
    assert_eq!(workshops.len(), 2);
    assert_eq!(all[0].workshop, Some(workshops[0].id));
}

/// A read-only window cannot hold a workshop, which writes every rating at once: it says so
/// before anyone types a name.
#[test]
fn a_read_only_window_starts_no_workshop_and_says_why() {
    let dir = workdir();
    let (app, path) = room(&dir);
    drop(app);
    let mut app = isms::ui::App::start(&path, true, true).unwrap();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('w'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("read-only"), "{text}");
    assert!(!text.contains("Start a rating workshop"), "{text}");
    press(&mut app, KeyCode::Char('o'));
    assert!(!screen(&mut app, W, H).contains("Note an open question"));
    let store = Store::open_read_only(&path).unwrap();
    assert!(store.workshops().unwrap().is_empty());
    assert!(store.questions().unwrap().is_empty());
}

#[test]
fn an_asset_named_in_the_room_is_added_at_once_and_the_room_stays_where_it_was() {
    let dir = workdir();
    let (mut app, path) = room(&dir);
    press(&mut app, KeyCode::Char('4'));
    start_workshop(&mut app);
    press(&mut app, KeyCode::Char('a'));
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("required"),
        "an empty name is refused: {text}"
    );
    type_text(&mut app, "Whiteboard photos");
    ctrl(&mut app, 's');
    let store = Store::open_read_only(&path).unwrap();
    let added = store
        .assets()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "Whiteboard photos")
        .expect("saved at once");
    assert_eq!(added.kind, AssetKind::Information);
    drop(store);
    // The room stays where it was; the new asset waits in the list for its turn.
    let text = screen(&mut app, W, H);
    assert!(text.contains("Added AS-007 Whiteboard photos."), "{text}");
    assert!(text.contains("│AS-001 Customer data"), "{text}");
    assert!(text.contains("asset 1 of 7"), "{text}");
    go_to(&mut app, "│AS-007 Whiteboard photos");
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(
        level(
            &Store::open_read_only(&path).unwrap(),
            "Whiteboard photos",
            Objective::Confidentiality
        ),
        Some(2)
    );
    // The rationale of the cell just rated, written in the room.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char('r'));
    type_text(&mut app, "Photos show customer names.");
    ctrl(&mut app, 's');
    assert_eq!(
        need(
            &Store::open_read_only(&path).unwrap(),
            "Whiteboard photos",
            Objective::Confidentiality
        ),
        Some((2, "Photos show customer names.".into()))
    );
    // Digits beyond the scale do not leave the workshop for another screen.
    press(&mut app, KeyCode::Char('5'));
    assert!(screen(&mut app, W, H).contains("W-001 · asset"));
    press(&mut app, KeyCode::Char('q'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Assets added: 1"), "{text}");
    assert!(text.contains("  AS-007 Whiteboard photos"), "{text}");
    assert!(text.contains("Ratings changed: 1"), "{text}");
}

fn stale(store: &Store, name: &str, objective: Objective) -> bool {
    let id = store
        .assets()
        .unwrap()
        .into_iter()
        .find(|a| a.name == name)
        .unwrap()
        .id;
    store
        .protection_needs()
        .unwrap()
        .into_iter()
        .any(|n| n.asset == id && n.objective == objective && n.rationale_stale)
}

fn logged(path: &std::path::Path) -> usize {
    Store::open_read_only(path)
        .unwrap()
        .changes()
        .unwrap()
        .len()
}

#[test]
fn a_re_confirmed_rating_writes_nothing_and_a_new_level_dates_its_rationale() {
    let dir = workdir();
    let (mut app, path) = room(&dir);
    press(&mut app, KeyCode::Char('4'));
    start_workshop(&mut app);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char('r'));
    type_text(&mut app, "Names and addresses of customers.");
    ctrl(&mut app, 's');
    let before = logged(&path);

    // The room agrees on the level it has: nothing is written, and the focus moves on.
    press(&mut app, KeyCode::Char('2'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("nothing changed"), "{text}");
    assert_eq!(
        logged(&path),
        before,
        "no change-log row for a re-confirmed level"
    );
    assert!(text.contains("▶ Integrity"), "{text}");

    // A new level keeps the rationale, shown as from the earlier level until rewritten.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char('3'));
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(
        need(&store, "Customer data", Objective::Confidentiality),
        Some((3, "Names and addresses of customers.".into()))
    );
    assert!(stale(&store, "Customer data", Objective::Confidentiality));
    drop(store);
    assert_eq!(logged(&path), before + 1);
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Why (from the earlier level): Names"),
        "{text}"
    );
    assert!(
        text.contains("from the earlier level: r rewrites it"),
        "{text}"
    );

    // Confirming the text as it stands in the rationale form makes it current again.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char('r'));
    ctrl(&mut app, 's');
    assert!(!stale(
        &Store::open_read_only(&path).unwrap(),
        "Customer data",
        Objective::Confidentiality
    ));
    let text = screen(&mut app, W, H);
    assert!(!text.contains("from the earlier level"), "{text}");
    assert!(text.contains("Why: Names and addresses"), "{text}");
}

#[test]
fn a_rating_is_cleared_in_the_room_and_the_scale_marks_the_level_in_focus() {
    let dir = workdir();
    let (mut app, path) = room(&dir);
    press(&mut app, KeyCode::Char('4'));
    start_workshop(&mut app);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Up);
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("3 very high  ◀ confidentiality now"),
        "{text}"
    );
    assert!(!text.contains("1 normal  ◀"), "{text}");
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&mut app, W, H);
    assert!(
        help.contains("Del x") && help.contains("clear rating"),
        "{help}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, W, H).contains("W-001 · asset 1 of 6"));

    press(&mut app, KeyCode::Delete);
    assert_eq!(
        level(
            &Store::open_read_only(&path).unwrap(),
            "Customer data",
            Objective::Confidentiality
        ),
        None
    );
    let text = screen(&mut app, W, H);
    assert!(text.contains("Cleared Confidentiality"), "{text}");
    assert!(
        !text.contains("◀ confidentiality now"),
        "an unrated objective marks no level: {text}"
    );

    // Nothing of its own to clear: said, and nothing written.
    let before = logged(&path);
    press(&mut app, KeyCode::Char('x'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("nothing to clear"), "{text}");
    assert_eq!(logged(&path), before);

    // An inherited level is marked too: the server inherits from customer data.
    press(&mut app, KeyCode::Char('2'));
    for _ in 0..5 {
        press(&mut app, KeyCode::Enter);
    }
    let text = screen(&mut app, W, H);
    assert!(text.contains("2 high  ◀ confidentiality now"), "{text}");
    press(&mut app, KeyCode::Esc);
    let text = screen(&mut app, W, H);
    // Rated and cleared again in the room: no decision; the level set after it is one.
    assert!(
        text.contains("AS-001 Customer data: confidentiality — → high"),
        "{text}"
    );
    assert!(text.contains("Ratings changed: 1"), "{text}");
}

/// Enter until the workshop shows `heading`, the asset's name as its heading starts.
fn go_to(app: &mut App, heading: &str) {
    for _ in 0..10 {
        if screen(app, W, H).contains(heading) {
            return;
        }
        press(app, KeyCode::Enter);
    }
    panic!("{heading} not reached: {}", screen(app, W, H));
}

#[test]
fn a_supporting_asset_added_in_the_room_serves_what_it_names_and_inherits_at_once() {
    let dir = workdir();
    let (mut app, path) = room(&dir);
    press(&mut app, KeyCode::Char('4'));
    start_workshop(&mut app);
    press(&mut app, KeyCode::Char('3')); // customer data: confidentiality very high
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "File server");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('h')); // hardware
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "customer"); // serves: opens the list filtered
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');

    let store = Store::open_read_only(&path).unwrap();
    let assets = store.assets().unwrap();
    let id = |name: &str| assets.iter().find(|a| a.name == name).unwrap().id;
    let server = assets.iter().find(|a| a.name == "File server").unwrap();
    assert_eq!(server.kind, AssetKind::Hardware);
    assert!(
        store.dependencies().unwrap().contains(&Dependency {
            asset: id("Customer data"),
            depends_on: server.id,
        }),
        "the new asset serves customer data"
    );
    drop(store);

    // Back on customer data, on the objective after the one just rated.
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Added AS-007 File server, serving AS-001 Customer data."),
        "{text}"
    );
    assert!(text.contains("│AS-001 Customer data"), "{text}");
    assert!(text.contains("▶ Integrity"), "{text}");

    // Its turn comes with the level it inherits already there.
    go_to(&mut app, "│AS-007 File server");
    let text = screen(&mut app, W, H);
    assert!(text.contains("↑ very high"), "{text}");
    assert!(
        text.contains("inherited from AS-001 Customer data"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);
    let text = screen(&mut app, W, H);
    assert!(text.contains("Assets added: 1"), "{text}");
    assert!(text.contains("  AS-007 File server"), "{text}");
}

/// The questions of every workshop are a view of their own, open first, where one is given to
/// someone with a due date or answered; the workshops are another, where `m` shows the minutes
/// again and `e` corrects a name misspelt in the room.
#[test]
fn questions_and_workshops_are_views_that_outlive_the_room() {
    let dir = workdir();
    let (mut app, path) = room(&dir);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('w'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "Rating day");
    press(&mut app, KeyCode::Tab);
    // Each attendee found or added by Enter; a misspelt name becomes a person too.
    for name in ["Ana Weber", "Jonas Klein"] {
        type_text(&mut app, name);
        press(&mut app, KeyCode::Enter);
    }
    ctrl(&mut app, 's');
    for note in ["Who owns the price list?", "Is the source code escrowed?"] {
        press(&mut app, KeyCode::Char('o'));
        type_text(&mut app, note);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
    }
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Esc);

    // Questions: open first, each with what it is about.
    press(&mut app, KeyCode::Char(']'));
    let text = screen(&mut app, W, H);
    insta::assert_snapshot!("questions_view", text);
    assert!(text.contains("Q-001"), "{text}");
    assert!(text.contains("AS-001 Customer data"), "{text}");
    // Given to someone, due by a date, from the question's form.
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, "Petra Sales");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-03-15");
    ctrl(&mut app, 's');
    let text = screen(&mut app, W, H);
    assert!(text.contains("Overdue"), "due before today: {text}");
    let store = Store::open_read_only(&path).unwrap();
    let q = &store.questions().unwrap()[0];
    assert_eq!(q.assignee, "Petra Sales");
    assert_eq!(q.due.map(|d| d.to_string()).as_deref(), Some("2026-03-15"));
    assert!(q.is_open());
    drop(store);
    // Answered from the same form; then it is shown read-only and listed after the open one.
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Sales owns it.");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Jonas Klein");
    ctrl(&mut app, 's');
    let store = Store::open_read_only(&path).unwrap();
    let answered = store.questions().unwrap().remove(0);
    assert_eq!(answered.answer, "Sales owns it.");
    assert_eq!(answered.answered_by, "Jonas Klein");
    drop(store);
    let text = screen(&mut app, W, H);
    let open_row = text.find("│Q-002").unwrap();
    let answered_row = text.find("│Q-001").unwrap();
    assert!(open_row < answered_row, "open first: {text}");

    // Workshops: the latest first; `m` shows its minutes again.
    press(&mut app, KeyCode::Char(']'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("W-001"), "{text}");
    assert!(text.contains("Ana Weber, Jonas Klein"), "{text}");
    assert!(text.contains("m minutes"), "{text}");
    press(&mut app, KeyCode::Char('m'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Minutes of W-001 · Rating day"), "{text}");
    assert!(text.contains("Questions answered: 1"), "{text}");
    assert!(
        text.contains("Answer (Jonas Klein): Sales owns it."),
        "{text}"
    );
    // `x` on the minutes exports them, named after the client and the workshop.
    press(&mut app, KeyCode::Char('x'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("Workshop minutes"), "{text}");
    assert!(
        text.contains("acme-minutes-w-001-2026-03-31.xlsx"),
        "{text}"
    );
    ctrl(&mut app, 's');
    let written = dir.path().join("acme-minutes-w-001-2026-03-31.xlsx");
    assert!(written.is_file(), "{}", screen(&mut app, W, H));
    let text = screen(&mut app, W, H);
    assert!(
        text.contains("Minutes of W-001"),
        "the minutes stay open: {text}"
    );
    press(&mut app, KeyCode::Esc);
    // So does `x` on the list of workshops, for the workshop selected.
    press(&mut app, KeyCode::Char('x'));
    assert!(screen(&mut app, W, H).contains("acme-minutes-w-001-2026-03-31.xlsx"));
    press(&mut app, KeyCode::Esc);
    // Its history is every change made while it ran.
    press(&mut app, KeyCode::Char('h'));
    let text = screen(&mut app, W, H);
    assert!(text.contains("History of W-001 Rating day"), "{text}");
    assert!(text.contains("Q-002"), "{text}");
    press(&mut app, KeyCode::Esc);
    // A misspelt name is corrected; when it ran stays.
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Delete);
    for name in ["Anna Weber", "jonas"] {
        type_text(&mut app, name);
        press(&mut app, KeyCode::Enter);
    }
    ctrl(&mut app, 's');
    let store = Store::open_read_only(&path).unwrap();
    let w = store.workshops().unwrap().remove(0);
    assert_eq!(w.attendees, ["Anna Weber", "Jonas Klein"]);
    assert_eq!(w.title, "Rating day");
    assert!(w.ended_at.is_some());
}
