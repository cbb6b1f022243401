//! Ctrl-T switches the theme on the spot, says so, and remembers it in the list of known
//! workspaces for the next start; an unknown `--theme` is refused by name.

mod common;

use common::{Sandbox, ctrl, start_on, workdir};
use isms::registry::Registry;
use isms::ui::theme::{self, Kind, Theme};

#[test]
fn ctrl_t_cycles_the_themes_and_remembers_the_choice() {
    theme::set(Theme::default());
    let dir = workdir();
    let path = dir.path().join("demo.isms");
    isms::demo::write_demo(&path).unwrap();
    let list = dir.path().join("workspaces.json");
    let mut app = start_on(&path);
    app.set_registry(Some(list.clone()));

    ctrl(&mut app, 't');
    assert_eq!(theme::current().kind, Kind::Dark);
    assert_eq!(Registry::load(&list).0.theme.as_deref(), Some("dark"));
    for _ in 0..3 {
        ctrl(&mut app, 't');
    }
    assert_eq!(theme::current().kind, Kind::Any, "around to auto");
    let (registry, warning) = Registry::load(&list);
    assert_eq!(registry.theme.as_deref(), Some("auto"));
    assert_eq!(warning, None);
    assert_eq!(registry.workspaces.len(), 1, "the workspaces stay listed");
}

#[test]
fn an_unknown_theme_is_refused_by_name() {
    let sandbox = Sandbox::new();
    let demo = sandbox.demo();
    let run = sandbox.run(&["--theme", "solarized", "info", demo.to_str().unwrap()]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert!(
        run.stderr().contains(
            "--theme: 'solarized' is not a theme; use one of auto, dark, light, high-contrast"
        ),
        "{}",
        run.stderr()
    );
}
