//! Where a list is scrolled to: the state every list and table keeps across frames (the
//! `State` of the table's `StatefulWidget`, and of the grid, the findings, the history and the
//! version lists). Drawing lays the rows out into it; keys read the page size it learnt.

use std::ops::Range;

/// The first row shown, and how many rows the last frame had room for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    offset: usize,
    page: usize,
}

impl Default for Scroll {
    /// Until the first frame, a page is taken to be ten rows.
    fn default() -> Self {
        Self {
            offset: 0,
            page: 10,
        }
    }
}

impl Scroll {
    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How far PgUp and PgDn move: the rows the last frame showed (at least one).
    pub fn page(&self) -> usize {
        self.page.max(1)
    }

    /// Lays out `len` rows in `height` lines with `selected` in view, moving as little as
    /// possible from the last frame; returns the rows to draw.
    pub fn follow(&mut self, selected: usize, height: usize, len: usize) -> Range<usize> {
        self.page = height.max(1);
        self.offset = offset_for(self.offset, selected, height, len);
        self.offset..(self.offset + height).min(len)
    }

    /// Scrolls text of `len` lines by `by` lines (negative: up), as far as it goes in
    /// `page` lines.
    pub fn scroll_by(&mut self, by: isize, len: usize) {
        let last = len.saturating_sub(self.page);
        self.offset = self.offset.saturating_add_signed(by).min(last);
    }

    /// Scrolls text of `len` lines to its top or its end.
    pub fn scroll_to(&mut self, top: bool, len: usize) {
        self.offset = if top {
            0
        } else {
            len.saturating_sub(self.page)
        };
    }

    /// Text of `len` lines shown in `height` lines from the current offset (kept in range).
    pub fn show_text(&mut self, height: usize, len: usize) -> usize {
        self.page = height.max(1);
        self.offset = self.offset.min(len.saturating_sub(self.page));
        self.offset
    }
}

/// The first visible row so that `selected` stays in view, moving as little as possible.
fn offset_for(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return selected;
    }
    let offset = if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selected_row_stays_in_view_moving_as_little_as_possible() {
        let mut s = Scroll::default();
        assert_eq!(s.follow(15, 10, 100), 6..16);
        assert_eq!(s.follow(3, 10, 100), 3..13);
        assert_eq!(s.follow(8, 10, 100), 3..13, "in view: no move");
        assert_eq!(s.follow(99, 10, 100), 90..100);
        assert_eq!(s.page(), 10);
    }

    #[test]
    fn a_short_list_shows_from_the_top_and_a_zero_height_shows_nothing() {
        let mut s = Scroll::default();
        assert_eq!(s.follow(2, 10, 4), 0..4);
        assert_eq!(s.follow(2, 0, 4).len(), 0);
        assert_eq!(s.page(), 1, "a page is never empty");
    }

    #[test]
    fn text_scrolls_within_its_length() {
        let mut s = Scroll::default();
        assert_eq!(s.show_text(5, 12), 0);
        s.scroll_by(4, 12);
        assert_eq!(s.offset(), 4);
        s.scroll_by(10, 12);
        assert_eq!(s.offset(), 7, "the last page");
        s.scroll_by(-20, 12);
        assert_eq!(s.offset(), 0);
        s.scroll_to(false, 12);
        assert_eq!(s.offset(), 7);
        assert_eq!(s.show_text(20, 12), 0, "all of it fits");
    }
}
