//! The questionnaires as data: each a versioned definition of its items
//! (key, wording, kind, labels). The keys are what the database stores and
//! the service report reads, so they never change within a version; a new
//! wording is a new version (`mentee-v2`), never an edit of this one.
//! Checking a person's answers against a definition is plain Rust here.

use crate::error::{FieldError, Validation};
use serde::{Deserialize, Serialize};

/// The longest free-text answer, in characters.
pub const MAX_TEXT: usize = 2000;

/// The ends of a 1–5 scale.
pub type ScaleEnds = (&'static str, &'static str);

const EFFECT: ScaleEnds = ("Very negatively", "Very positively");
const EXTENT: ScaleEnds = ("Not at all", "Very much");

/// What sort of answer an item takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 1 to 5, required, with the words for each end.
    Scale(ScaleEnds),
    /// One of [`CHOICES`], required.
    Choice,
    /// Optional free text, up to [`MAX_TEXT`].
    Text,
}

/// The answers to a choice item: stored key and label.
pub const CHOICES: [(&str, &str); 3] = [("yes", "Yes"), ("no", "No"), ("not-sure", "Not sure")];

/// One question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub key: &'static str,
    pub wording: &'static str,
    pub kind: Kind,
    /// Asked only at the end of a relationship.
    pub end_only: bool,
}

/// A versioned questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Questionnaire {
    pub id: &'static str,
    pub title: &'static str,
    /// Who answers it: "mentee" or "mentor".
    pub role: &'static str,
    pub items: &'static [Item],
}

const fn scale(key: &'static str, wording: &'static str, ends: ScaleEnds) -> Item {
    Item { key, wording, kind: Kind::Scale(ends), end_only: false }
}

const DIFFERENCE: Item =
    Item { key: "difference", wording: "What difference has it made?", kind: Kind::Text, end_only: false };
const RECOMMEND: Item = Item {
    key: "recommend",
    wording: "Would you recommend mentoring to a colleague?",
    kind: Kind::Choice,
    end_only: true,
};

/// The study's questions, asked of the mentee about themselves.
pub const MENTEE_V1: Questionnaire = Questionnaire {
    id: "mentee-v1",
    title: "How mentoring has been for you",
    role: "mentee",
    items: &[
        scale("wellbeing", "How has being mentored influenced your health and well-being?", EFFECT),
        scale(
            "environment",
            "To what extent has being mentored led to a supportive environment for you?",
            EXTENT,
        ),
        scale("overall", "Overall, how has being mentored affected your health and well-being?", EFFECT),
        DIFFERENCE,
        RECOMMEND,
    ],
};

/// The same questions, asked of the mentor about their own well-being.
pub const MENTOR_V1: Questionnaire = Questionnaire {
    id: "mentor-v1",
    title: "How being a mentor has been for you",
    role: "mentor",
    items: &[
        scale("wellbeing", "How has being a mentor affected your own health and well-being?", EFFECT),
        scale(
            "environment",
            "To what extent has being a mentor led to a supportive environment for you?",
            EXTENT,
        ),
        scale("overall", "Overall, how has being a mentor affected your own health and well-being?", EFFECT),
        DIFFERENCE,
        RECOMMEND,
    ],
};

/// The six-monthly check-in of every listed mentor, with or without a
/// mentee: short, and about the mentor.
pub const MENTOR_CHECK_IN_V1: Questionnaire = Questionnaire {
    id: "mentor-check-in-v1",
    title: "A check-in about you",
    role: "mentor",
    items: &[
        scale(
            "wellbeing",
            "Over the last six months, how has being a mentor affected your own well-being?",
            EFFECT,
        ),
        scale("environment", "To what extent do you feel supported in your mentoring?", EXTENT),
        scale("overall", "Overall, how has being a mentor affected your health and well-being?", EFFECT),
        Item {
            key: "difference",
            wording: "Is there anything you would like to tell us, or any support you need?",
            kind: Kind::Text,
            end_only: false,
        },
    ],
};

/// Every questionnaire, by id.
pub const ALL: [Questionnaire; 3] = [MENTEE_V1, MENTOR_V1, MENTOR_CHECK_IN_V1];

/// When a person is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Point {
    Start,
    End,
    FollowUp,
    CheckIn,
}

impl Point {
    pub const ALL: [Point; 4] = [Point::Start, Point::End, Point::FollowUp, Point::CheckIn];

    /// As stored in `survey_invitations.point`.
    pub fn key(self) -> &'static str {
        match self {
            Point::Start => "start",
            Point::End => "end",
            Point::FollowUp => "follow-up",
            Point::CheckIn => "check-in",
        }
    }

    pub fn from_key(key: &str) -> Option<Point> {
        Point::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Words for a list of open invitations.
    pub fn label(self) -> &'static str {
        match self {
            Point::Start => "as you begin",
            Point::End => "now it has ended",
            Point::FollowUp => "six months on",
            Point::CheckIn => "your six-monthly check-in",
        }
    }
}

impl Questionnaire {
    pub fn by_id(id: &str) -> Option<Questionnaire> {
        ALL.into_iter().find(|q| q.id == id)
    }

    /// The questionnaire for `role` at `point`.
    pub fn for_point(point: Point, role: &str) -> Questionnaire {
        match (point, role) {
            (Point::CheckIn, _) => MENTOR_CHECK_IN_V1,
            (_, "mentor") => MENTOR_V1,
            _ => MENTEE_V1,
        }
    }

    /// The items asked at `point` ("would you recommend" only at the end).
    pub fn items_at(&self, point: Point) -> Vec<Item> {
        self.items.iter().copied().filter(|i| !i.end_only || point == Point::End).collect()
    }
}

/// One stored answer: a score, a choice or free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Score(i64),
    Choice(&'static str),
    Text(String),
}

/// Checks what was sent for each item asked at `point` (`sent` returns
/// the form's value for a key) and gives the answers to store, one per
/// item answered. Every problem is named against its item.
pub fn check_answers(
    q: &Questionnaire,
    point: Point,
    sent: impl Fn(&str) -> Option<String>,
) -> Result<Vec<(&'static str, Answer)>, Vec<FieldError>> {
    let mut v = Validation::default();
    let mut answers = Vec::new();
    for item in q.items_at(point) {
        let value = sent(item.key).unwrap_or_default();
        let value = value.trim();
        match item.kind {
            Kind::Scale(_) => match value.parse::<i64>() {
                Ok(n) if (1..=5).contains(&n) => answers.push((item.key, Answer::Score(n))),
                _ if value.is_empty() => {
                    v.check(false, item.key, &format!("Choose an answer from 1 to 5: {}", item.wording))
                }
                _ => v.check(false, item.key, &format!("Answers run from 1 to 5: {}", item.wording)),
            },
            Kind::Choice => match CHOICES.iter().find(|(key, _)| *key == value) {
                Some((key, _)) => answers.push((item.key, Answer::Choice(key))),
                None => v.check(false, item.key, &format!("Choose yes, no or not sure: {}", item.wording)),
            },
            Kind::Text => {
                v.text(item.key, value);
                if value.chars().count() > MAX_TEXT {
                    v.check(false, item.key, &format!("Please keep this to {MAX_TEXT} characters or fewer."));
                } else if !value.is_empty() {
                    answers.push((item.key, Answer::Text(value.to_string())));
                }
            }
        }
    }
    let errors = v.errors();
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_report_keys_are_the_ones_promised() {
        for q in ALL {
            let keys: Vec<_> = q.items.iter().map(|i| i.key).collect();
            assert_eq!(&keys[..3], ["wellbeing", "environment", "overall"], "{}", q.id);
            assert!(keys.contains(&"difference"));
        }
        assert_eq!(MENTEE_V1.items_at(Point::End).len(), 5);
        assert_eq!(MENTEE_V1.items_at(Point::Start).len(), 4, "recommend is asked only at the end");
        assert!(MENTOR_V1.items[0].wording.contains("your own"));
        assert_eq!(Questionnaire::for_point(Point::CheckIn, "mentor").id, "mentor-check-in-v1");
        assert_eq!(Questionnaire::for_point(Point::End, "mentee").id, "mentee-v1");
    }

    #[test]
    fn scores_outside_one_to_five_and_missing_ones_are_named() {
        let err = check_answers(&MENTEE_V1, Point::Start, sent(&[("wellbeing", "6"), ("overall", "0")]))
            .unwrap_err();
        let fields: Vec<_> = err.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["wellbeing", "environment", "overall"]);
        assert!(err[1].message.starts_with("Choose an answer"));
        assert!(check_answers(&MENTEE_V1, Point::Start, sent(&[("wellbeing", "-1")])).is_err());
    }

    #[test]
    fn good_answers_are_kept_and_empty_text_is_not_stored() {
        let good = [
            ("wellbeing", "4"),
            ("environment", "5"),
            ("overall", "1"),
            ("difference", "  "),
            ("recommend", "not-sure"),
        ];
        let answers = check_answers(&MENTOR_V1, Point::End, sent(&good)).unwrap();
        assert_eq!(answers.len(), 4);
        assert_eq!(answers[3], ("recommend", Answer::Choice("not-sure")));
        let long = "x".repeat(MAX_TEXT + 1);
        let too_long =
            [("wellbeing", "4"), ("environment", "5"), ("overall", "1"), ("difference", long.as_str())];
        assert_eq!(
            check_answers(&MENTOR_CHECK_IN_V1, Point::CheckIn, sent(&too_long)).unwrap_err()[0].field,
            "difference"
        );
        let bad_choice = [("wellbeing", "4"), ("environment", "5"), ("overall", "1"), ("recommend", "maybe")];
        assert!(check_answers(&MENTEE_V1, Point::End, sent(&bad_choice)).is_err());
    }
}
