use super::*;

fn with<T>(kind: Kind, depth: Depth, f: impl FnOnce() -> T) -> T {
    let before = current();
    set(Theme { kind, depth });
    let out = f();
    set(before);
    out
}

#[test]
fn the_terminal_says_how_many_colours() {
    assert_eq!(
        Theme::depth_from(Some("1"), Some("truecolor"), None),
        Depth::None
    );
    assert_eq!(
        Theme::depth_from(Some(""), Some("truecolor"), None),
        Depth::TrueColor
    );
    assert_eq!(
        Theme::depth_from(None, Some("24bit"), Some("xterm")),
        Depth::TrueColor
    );
    assert_eq!(
        Theme::depth_from(None, None, Some("xterm-256color")),
        Depth::Ansi256
    );
    assert_eq!(Theme::depth_from(None, None, Some("xterm")), Depth::Ansi16);
    assert_eq!(Theme::depth_from(None, None, Some("dumb")), Depth::None);
}

#[test]
fn themes_are_named() {
    assert_eq!(Kind::named(" Light "), Some(Kind::Light));
    assert_eq!(Kind::named("high-contrast"), Some(Kind::HighContrast));
    assert_eq!(Kind::named("solarized"), None);
}

#[test]
fn body_text_keeps_the_terminals_own_colours_on_every_theme() {
    for (kind, _) in Kind::ALL {
        for depth in [Depth::TrueColor, Depth::Ansi256, Depth::Ansi16, Depth::None] {
            with(kind, depth, || {
                for style in [value(), label(), muted(), header(), title(), key(), tab()] {
                    assert_eq!(style.fg, None, "{kind:?} {depth:?}: {style:?}");
                    assert_eq!(style.bg, None, "{kind:?} {depth:?}: {style:?}");
                }
            });
        }
    }
}

#[test]
fn without_colour_every_cue_is_a_modifier() {
    with(Kind::Any, Depth::None, || {
        for style in [
            selected(),
            tab_active(),
            cursor(),
            cell_cursor(),
            status_bar(),
        ] {
            assert!(style.add_modifier.contains(Modifier::REVERSED), "{style:?}");
        }
        assert!(focus_border().add_modifier.contains(Modifier::BOLD));
        for style in [
            warning(),
            error(),
            success(),
            marked(),
            need_level(3, 3),
            heat_cell("red"),
            gauge(0),
            tone(Tone::Progress(2)),
            tone(Tone::Warning),
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert_ne!(need_level(3, 3), need_level(1, 3), "levels stay apart");
    });
}

#[test]
fn a_level_looks_the_same_on_protection_and_on_risks() {
    for depth in [Depth::TrueColor, Depth::Ansi256, Depth::Ansi16, Depth::None] {
        with(Kind::Any, depth, || {
            // The default protection scale (normal, high, very high) and risk levels (low
            // green, medium yellow, high orange, critical red).
            assert_eq!(need_level(2, 3), heat_cell("orange"), "high, {depth:?}");
            assert_eq!(need_level(3, 3), heat_cell("red"), "very high, {depth:?}");
            assert_eq!(need_level(1, 3), heat_cell("green"), "normal, {depth:?}");
            assert_eq!(need_level(2, 4), heat_cell("yellow"), "{depth:?}");
        });
    }
}

#[test]
fn levels_stay_distinct_when_colours_are_reduced() {
    for depth in [Depth::TrueColor, Depth::Ansi256, Depth::Ansi16] {
        with(Kind::Any, depth, || {
            let fills: Vec<Option<Color>> = ["green", "yellow", "orange", "red", "purple"]
                .iter()
                .map(|c| heat_cell(c).bg)
                .collect();
            for (i, a) in fills.iter().enumerate() {
                assert!(a.is_some());
                assert!(!fills[i + 1..].contains(a), "{depth:?}: {fills:?}");
            }
        });
    }
}

#[test]
fn each_theme_has_its_own_colours_for_meanings() {
    let looks = |kind| {
        with(kind, Depth::TrueColor, || {
            (warning(), error(), focus_border(), success())
        })
    };
    let (auto, dark, light) = (looks(Kind::Any), looks(Kind::Dark), looks(Kind::Light));
    assert_ne!(auto, dark, "dark is not auto");
    assert_ne!(auto, light);
    assert_ne!(dark, light);
    // Auto reads on both backgrounds: no bright variant meant for black, no yellow meant for
    // black either.
    for s in [auto.0, auto.1, auto.3] {
        assert!(
            !matches!(
                s.fg,
                Some(Color::Yellow | Color::LightRed | Color::LightGreen | Color::LightYellow)
            ),
            "{s:?}"
        );
    }
}

#[test]
fn grades_have_their_own_colours() {
    with(Kind::Any, Depth::TrueColor, || {
        let levels: Vec<Style> = (0..5).map(level_fill).collect();
        for g in 0..3 {
            assert!(!levels.iter().any(|l| l.bg == grade(g).bg), "grade {g}");
        }
        assert_ne!(grade(0), grade(1));
        assert_ne!(grade(1), grade(2));
    });
}
