//! The one palette of meanings, shared by the terminal theme (`ui::theme`) and the exports
//! (`report::export`), so that "high" or a major finding has the same colour on the screen, in
//! the workbook and on paper.
//!
//! Levels (protection needs, risk levels) are five ordinal steps, calm to alarming, from Okabe
//! and Ito's colour-blind safe set; the blue of "planned" is the set's blue; finding grades have
//! tints of their own, so that a grade never reads as a risk level. Every fill carries dark text
//! (white on the blue) with a contrast of at least 4.5:1.

/// A colour as RGB, with its index in the 256-colour palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    pub rgb: (u8, u8, u8),
    pub indexed: u8,
}

impl Swatch {
    const fn new(r: u8, g: u8, b: u8, indexed: u8) -> Self {
        Self {
            rgb: (r, g, b),
            indexed,
        }
    }

    /// `0xRRGGBB`, as workbooks and style sheets take it.
    pub fn hex(self) -> u32 {
        let (r, g, b) = self.rgb;
        (u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b)
    }
}

/// The ordinal steps of levels: bluish green, yellow, orange, vermillion, reddish purple.
pub const LEVELS: [Swatch; 5] = [
    Swatch::new(0, 158, 115, 36),
    Swatch::new(240, 228, 66, 227),
    Swatch::new(230, 159, 0, 214),
    Swatch::new(213, 94, 0, 166),
    Swatch::new(204, 121, 167, 175),
];

/// The blue of "planned", under white text.
pub const PLANNED: Swatch = Swatch::new(0, 114, 178, 25);

/// The neutral fill of a level whose colour the palette does not know.
pub const NEUTRAL: Swatch = Swatch::new(217, 217, 217, 253);

/// Finding grades, gravest first: major, minor, observation; pale tints under dark text, of
/// other hues than the levels' fills.
pub const GRADES: [Swatch; 3] = [
    Swatch::new(244, 166, 196, 218),
    Swatch::new(253, 216, 168, 223),
    Swatch::new(190, 215, 238, 153),
];

/// The implementation status of a control, from not started to implemented (and excluded):
/// pale tints of the levels' hues under dark text, so that a status reads as progress, not as
/// a risk level's fill.
pub const STATUS: [Swatch; 5] = [
    Swatch::new(244, 199, 170, 216),
    Swatch::new(204, 229, 250, 195),
    Swatch::new(250, 240, 170, 229),
    Swatch::new(179, 226, 205, 158),
    Swatch::new(235, 235, 235, 255),
];

/// The step a methodology's colour name stands for (green, yellow, orange, red, purple).
pub fn colour_step(name: &str) -> Option<usize> {
    match name.trim().to_lowercase().as_str() {
        "green" | "blue" => Some(0),
        "yellow" => Some(1),
        "orange" => Some(2),
        "red" => Some(3),
        "purple" => Some(4),
        _ => None,
    }
}

/// The step of level `level` of a scale of `max` levels: the top is always the alarming step
/// and the one below it "high", as on the risk levels, so that the same word has the same
/// colour everywhere.
pub fn level_step(level: u8, max: u8) -> usize {
    let top = max.max(1);
    let from_top = top.saturating_sub(level.min(top));
    match from_top {
        0 => 3,
        1 => 2,
        2 if top >= 4 => 1,
        _ => 0,
    }
}

/// The fill of a methodology's colour name; neutral for a name the palette does not know.
pub fn named_fill(name: &str) -> Swatch {
    colour_step(name).map_or(NEUTRAL, |step| LEVELS[step])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG's contrast ratio of two colours.
    pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let lum = |(r, g, b): (u8, u8, u8)| {
            let ch = |c: u8| {
                let c = f64::from(c) / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn text_on_every_fill_has_a_contrast_of_at_least_4_5() {
        // The exports' text colour.
        let dark = (0x1a, 0x1a, 0x1a);
        for s in LEVELS
            .iter()
            .chain(&GRADES)
            .chain(&STATUS)
            .chain([&NEUTRAL])
        {
            for text in [(0, 0, 0), dark] {
                let ratio = contrast(s.rgb, text);
                assert!(ratio >= 4.5, "{:?} under {text:?}: {ratio:.2}", s.rgb);
            }
        }
        let planned = contrast(PLANNED.rgb, (255, 255, 255));
        assert!(planned >= 4.5, "white on the planned blue: {planned:.2}");
    }

    #[test]
    fn grades_and_statuses_are_not_levels() {
        for g in GRADES.iter().chain(&STATUS) {
            assert!(!LEVELS.contains(g), "{g:?}");
        }
        for s in STATUS {
            assert!(!GRADES.contains(&s), "{s:?}");
        }
    }

    #[test]
    fn the_top_of_every_scale_is_the_alarming_step() {
        assert_eq!(level_step(3, 3), 3);
        assert_eq!(level_step(4, 4), 3);
        assert_eq!(level_step(3, 4), 2);
        assert_eq!(level_step(2, 4), 1);
        assert_eq!(level_step(1, 4), 0);
        assert_eq!(level_step(1, 3), 0);
        assert_eq!(named_fill("Red"), LEVELS[3]);
        assert_eq!(named_fill("gray"), NEUTRAL);
        assert_eq!(LEVELS[0].hex(), 0x009E73);
    }
}
