//! Small numbers hidden: the one place that decides whether a figure may
//! be shown. Every cell of the page, every bar of a chart and every value
//! of the CSV is a [`Cell`] made here, so no path can show a figure about
//! one to four people.
//!
//! Rules (see the report page's notes):
//! - a figure about 1 to 4 people (a count, a mean, a share, a median)
//!   reads "fewer than 5" and carries no number a chart could draw;
//! - a figure about nobody reads as it is ("0", or "none" for a mean), as
//!   an empty cell identifies no one;
//! - a figure about no one in particular (courses held) is shown as is.
//!
//! Known limit: no secondary suppression. Where a row total is shown and
//! one cell of it is hidden, the hidden cell can be worked out from the
//! others; tables here show totals only where each part is itself a count
//! of 5 or more, or the parts are means, which cannot be subtracted.

/// Figures about fewer people than this are hidden.
pub const THRESHOLD: i64 = 5;

/// What a hidden figure reads.
pub const HIDDEN: &str = "fewer than 5";

/// One figure as shown: its text, and the number a chart may draw (none
/// when hidden or undefined).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub value: Option<f64>,
}

impl Cell {
    /// Text that is not a figure (a row's label).
    pub fn label(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), value: None }
    }

    pub fn is_hidden(&self) -> bool {
        self.text == HIDDEN
    }
}

/// The figure `value` (written as `text`) about `people` people: hidden
/// when they are 1 to 4, otherwise shown. `people` is `None` for a figure
/// about no one in particular. A `value` of `None` (a mean of nothing)
/// reads "none".
pub fn about(people: Option<i64>, value: Option<f64>, text: impl FnOnce(f64) -> String) -> Cell {
    match (people, value) {
        (Some(n), _) if n > 0 && n < THRESHOLD => Cell { text: HIDDEN.into(), value: None },
        (_, Some(v)) => Cell { text: text(v), value: Some(v) },
        (_, None) => Cell { text: "none".into(), value: None },
    }
}

/// A count of people.
pub fn people(n: i64) -> Cell {
    about(Some(n), Some(n as f64), |v| format!("{v:.0}"))
}

/// A mean of `n` answers, to two places like the study's.
pub fn mean(n: i64, value: Option<f64>) -> Cell {
    about(Some(n), value, |v| format!("{v:.2}"))
}

/// `part` of `whole` people, as a count with its share.
pub fn share(part: i64, whole: i64) -> Cell {
    let value = (whole > 0).then(|| part as f64 * 100.0 / whole as f64);
    // Hidden when either the part or the whole is about 1–4 people.
    let people = if (1..THRESHOLD).contains(&whole) { whole } else { part };
    about(Some(people), value, |v| format!("{part} ({v:.0}%)"))
}

/// A figure about no one in particular.
pub fn plain(n: i64) -> Cell {
    about(None, Some(n as f64), |v| format!("{v:.0}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_four_people_are_hidden_and_carry_no_number() {
        for n in 1..5 {
            let cell = people(n);
            assert_eq!(cell, Cell { text: HIDDEN.into(), value: None });
            assert!(mean(n, Some(4.0)).is_hidden());
        }
        assert_eq!(people(0).text, "0");
        assert_eq!(people(5).text, "5");
        assert_eq!(mean(0, None).text, "none");
        assert_eq!(mean(5, Some(4.284)).text, "4.28");
    }

    #[test]
    fn a_share_is_hidden_when_its_part_or_its_whole_is_small() {
        assert!(share(3, 10).is_hidden());
        assert!(share(3, 3).is_hidden());
        assert_eq!(share(0, 4).text, HIDDEN);
        assert_eq!(share(8, 10).text, "8 (80%)");
        assert_eq!(share(0, 10).text, "0 (0%)");
        assert_eq!(plain(3).text, "3");
    }
}
