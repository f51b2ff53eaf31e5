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
//! - where parts sit beside their total (a row of scores and its count of
//!   answers, the professions and all listed mentors), a hidden part could
//!   be worked out by subtraction, so [`protect`] withholds more parts
//!   until the hidden ones are at least two and together cover at least
//!   five people. Those read "withheld".
//!
//! Known limit: a row of scores also shows its mean, and with the count
//! that gives a second sum over the hidden parts; we rely on at least two
//! hidden parts and five people and do not solve for more.

/// Figures about fewer people than this are hidden.
pub const THRESHOLD: i64 = 5;

/// What a hidden figure reads.
pub const HIDDEN: &str = "fewer than 5";

/// What a figure reads when it is hidden only so that a small one beside
/// it cannot be worked out from the total.
pub const WITHHELD: &str = "withheld";

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

    pub fn is_withheld(&self) -> bool {
        self.text == WITHHELD
    }

    fn withheld() -> Cell {
        Cell { text: WITHHELD.into(), value: None }
    }
}

/// Secondary suppression over parts that add up to a total shown beside
/// them: `parts` holds, for each part, how many people it is about and its
/// cells. When any part is hidden, the smallest shown parts (by people,
/// never an empty one) are withheld until the hidden parts are at least two
/// and cover at least [`THRESHOLD`] people, or none is left to withhold.
pub fn protect(parts: &mut [(i64, Vec<&mut Cell>)]) {
    let hidden = |p: &(i64, Vec<&mut Cell>)| p.1.iter().any(|c| c.is_hidden() || c.is_withheld());
    if !parts.iter().any(hidden) {
        return;
    }
    loop {
        let (count, people) =
            parts.iter().filter(|p| hidden(p)).fold((0, 0), |(count, people), p| (count + 1, people + p.0));
        if count >= 2 && people >= THRESHOLD {
            return;
        }
        let smallest =
            (0..parts.len()).filter(|&i| parts[i].0 > 0 && !hidden(&parts[i])).min_by_key(|&i| parts[i].0);
        let Some(i) = smallest else { return };
        for cell in parts[i].1.iter_mut() {
            **cell = Cell::withheld();
        }
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

    fn protected(counts: &[i64]) -> Vec<String> {
        let mut cells: Vec<Cell> = counts.iter().map(|&n| people(n)).collect();
        let mut parts: Vec<_> = counts.iter().zip(cells.iter_mut()).map(|(&n, c)| (n, vec![c])).collect();
        protect(&mut parts);
        cells.into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn a_lone_small_part_takes_the_next_smallest_with_it() {
        // 40 answers: the one 2 could be worked out from 40 − 30 − 8.
        assert_eq!(protected(&[0, 2, 30, 8, 0]), ["0", HIDDEN, "30", WITHHELD, "0"]);
        // Two small parts covering only three people: the 6 goes too.
        assert_eq!(protected(&[1, 2, 6, 20, 9]), [HIDDEN, HIDDEN, WITHHELD, "20", "9"]);
        // Two small parts covering five people are safe as they are.
        assert_eq!(protected(&[0, 0, 0, 3, 2]), ["0", "0", "0", HIDDEN, HIDDEN]);
        // Nothing small: nothing withheld.
        assert_eq!(protected(&[5, 0, 12]), ["5", "0", "12"]);
    }

    #[test]
    fn protecting_never_leaves_one_small_part_alone() {
        // Every row of up to four parts of 0–12 people.
        for code in 0..13i64.pow(4) {
            let counts: Vec<i64> = (0..4).map(|k| code / 13i64.pow(k) % 13).collect();
            let texts = protected(&counts);
            let hidden: Vec<usize> = (0..4).filter(|&i| texts[i] == HIDDEN || texts[i] == WITHHELD).collect();
            if hidden.is_empty() {
                continue;
            }
            let people: i64 = hidden.iter().map(|&i| counts[i]).sum();
            let shown_left = (0..4).any(|i| !hidden.contains(&i) && counts[i] > 0);
            assert!(hidden.len() >= 2 && people >= THRESHOLD || !shown_left, "{counts:?} → {texts:?}");
            for i in 0..4 {
                if (1..THRESHOLD).contains(&counts[i]) {
                    assert_eq!(texts[i], HIDDEN, "{counts:?}");
                }
            }
        }
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
