//! Which listed mentors suit a request, and why: a transparent score a
//! coordinator can read. Plain Rust, no I/O.

use super::overlap::{describe, in_common, FreeTimes};
use crate::vocabulary::{Area, MeetingMode, MentoringForm, Profession, Sector, Topic};
use crate::vocabulary::{Day, TimeOfDay};
use serde::{Deserialize, Serialize};

/// What matching needs to know about a mentor in the directory.
#[derive(Debug, Clone, PartialEq)]
pub struct MentorFacts {
    pub user_id: i64,
    pub listed: bool,
    pub accepting: bool,
    pub capacity: i64,
    pub active_mentees: i64,
    pub organisation: String,
    pub profession: Option<Profession>,
    pub sector: Option<Sector>,
    pub area: Option<Area>,
    pub topics: Vec<Topic>,
    pub modes: Vec<MeetingMode>,
    pub forms: Vec<MentoringForm>,
    /// Free times over the next eight weeks (see `sessions::free_times`).
    pub free: FreeTimes,
}

/// What the mentee asked for. Empty lists mean "no preference".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wishes {
    pub mentee_id: i64,
    pub mentee_organisation: String,
    pub outside_own_organisation: bool,
    pub topics: Vec<Topic>,
    pub professions: Vec<Profession>,
    pub sectors: Vec<Sector>,
    pub areas: Vec<Area>,
    pub modes: Vec<MeetingMode>,
    pub forms: Vec<MentoringForm>,
    /// When they said they could meet.
    pub days: Vec<Day>,
    pub times: Vec<TimeOfDay>,
    pub named_mentor: Option<i64>,
}

/// Why a mentor cannot be suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ineligible {
    NotListed,
    NotAccepting,
    AtCapacity,
    IsTheMentee,
    SameOrganisation,
}

impl Ineligible {
    pub fn message(self) -> &'static str {
        match self {
            Ineligible::NotListed => "This mentor is not in the directory at the moment.",
            Ineligible::NotAccepting => "This mentor is not accepting new mentees at the moment.",
            Ineligible::AtCapacity => "This mentor has no free places at the moment.",
            Ineligible::IsTheMentee => "You cannot be your own mentor.",
            Ineligible::SameOrganisation => {
                "This mentor works in your organisation, and you asked for someone outside it."
            }
        }
    }
}

/// A suggested mentor, its score and the reasons behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub mentor_id: i64,
    pub score: u32,
    pub named_by_mentee: bool,
    /// Free at some time the mentee said they could meet; the ones who are
    /// not come last.
    pub times_in_common: bool,
    pub reasons: Vec<String>,
}

// Weights: topics matter most; then who the mentor is; then practicalities.
const PER_TOPIC: u32 = 10;
const PROFESSION: u32 = 6;
const SECTOR: u32 = 4;
const AREA: u32 = 5;
const PER_MODE: u32 = 3;
const PER_FORM: u32 = 2;
const PER_FREE_PLACE: u32 = 2;
const MAX_FREE_PLACES_COUNTED: u32 = 3;
const PER_TIME_IN_COMMON: u32 = 3;
const MAX_TIMES_COUNTED: u32 = 4;

pub fn eligibility(m: &MentorFacts, w: &Wishes) -> Result<(), Ineligible> {
    if m.user_id == w.mentee_id {
        Err(Ineligible::IsTheMentee)
    } else if !m.listed {
        Err(Ineligible::NotListed)
    } else if !m.accepting {
        Err(Ineligible::NotAccepting)
    } else if m.active_mentees >= m.capacity {
        Err(Ineligible::AtCapacity)
    } else if w.outside_own_organisation
        && m.organisation.trim().eq_ignore_ascii_case(w.mentee_organisation.trim())
    {
        Err(Ineligible::SameOrganisation)
    } else {
        Ok(())
    }
}

fn common<T: PartialEq + Copy>(wanted: &[T], offered: &[T]) -> Vec<T> {
    wanted.iter().copied().filter(|w| offered.contains(w)).collect()
}

fn names<T: Copy>(values: &[T], label: fn(T) -> &'static str) -> String {
    values.iter().map(|v| label(*v)).collect::<Vec<_>>().join(", ")
}

/// The score of an eligible mentor for these wishes, with its reasons.
pub fn score(m: &MentorFacts, w: &Wishes) -> Suggestion {
    let mut score = 0;
    let mut reasons = Vec::new();
    let topics = common(&w.topics, &m.topics);
    if !topics.is_empty() {
        score += PER_TOPIC * topics.len() as u32;
        reasons.push(format!(
            "Happy to discuss {} of your {} topics: {}",
            topics.len(),
            w.topics.len(),
            names(&topics, Topic::label)
        ));
    }
    if let Some(p) = m.profession.filter(|p| w.professions.contains(p)) {
        score += PROFESSION;
        reasons.push(format!("{}, as you asked", p.label()));
    }
    if let Some(s) = m.sector.filter(|s| w.sectors.contains(s)) {
        score += SECTOR;
        reasons.push(format!("Works in {}", s.label().to_lowercase()));
    }
    if let Some(a) = m.area.filter(|a| w.areas.contains(a)) {
        score += AREA;
        reasons.push(format!("Based in {}", a.label()));
    }
    let modes = common(&w.modes, &m.modes);
    if !modes.is_empty() {
        score += PER_MODE * modes.len() as u32;
        reasons.push(format!("Meets by {}", names(&modes, MeetingMode::label).to_lowercase()));
    }
    let forms = common(&w.forms, &m.forms);
    if !forms.is_empty() {
        score += PER_FORM * forms.len() as u32;
        reasons.push(format!("Offers {}", names(&forms, MentoringForm::label).to_lowercase()));
    }
    let times = in_common(&m.free, &w.days, &w.times);
    if !times.is_empty() {
        score += PER_TIME_IN_COMMON * (times.len() as u32).min(MAX_TIMES_COUNTED);
        reasons.push(format!("Free when you said you could meet: {}", describe(&times)));
    }
    let free = (m.capacity - m.active_mentees).max(0) as u32;
    score += PER_FREE_PLACE * free.min(MAX_FREE_PLACES_COUNTED);
    reasons.push(match free {
        1 => "Has 1 free place".to_string(),
        n => format!("Has {n} free places"),
    });
    if times.is_empty() {
        reasons.push("No times in common yet".to_string());
    }
    Suggestion {
        mentor_id: m.user_id,
        score,
        named_by_mentee: w.named_mentor == Some(m.user_id),
        times_in_common: !times.is_empty(),
        reasons,
    }
}

/// Eligible mentors, best first; the mentor the mentee named comes first
/// whenever eligible, and mentors with no times in common with the mentee
/// come last. Ties go to the lower id, so the order is stable.
pub fn rank(mentors: &[MentorFacts], w: &Wishes) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> =
        mentors.iter().filter(|m| eligibility(m, w).is_ok()).map(|m| score(m, w)).collect();
    out.sort_by(|a, b| {
        b.named_by_mentee
            .cmp(&a.named_by_mentee)
            .then(b.times_in_common.cmp(&a.times_in_common))
            .then(b.score.cmp(&a.score))
            .then(a.mentor_id.cmp(&b.mentor_id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentor(id: i64, topics: &[Topic]) -> MentorFacts {
        MentorFacts {
            user_id: id,
            listed: true,
            accepting: true,
            capacity: 2,
            active_mentees: 0,
            organisation: "Trust A".into(),
            profession: Some(Profession::Nurse),
            sector: Some(Sector::Community),
            area: Some(Area::Derby),
            topics: topics.to_vec(),
            modes: vec![MeetingMode::Video],
            forms: vec![MentoringForm::OneToOne],
            free: FreeTimes::default(),
        }
    }

    fn wishes(topics: &[Topic]) -> Wishes {
        Wishes {
            mentee_id: 1,
            mentee_organisation: "Trust B".into(),
            topics: topics.to_vec(),
            ..Default::default()
        }
    }

    #[test]
    fn eligibility_rules() {
        let w =
            Wishes { outside_own_organisation: true, mentee_organisation: "trust a ".into(), ..wishes(&[]) };
        assert_eq!(eligibility(&mentor(1, &[]), &w), Err(Ineligible::IsTheMentee));
        assert_eq!(eligibility(&mentor(2, &[]), &w), Err(Ineligible::SameOrganisation));
        let full = MentorFacts { active_mentees: 2, ..mentor(3, &[]) };
        assert_eq!(eligibility(&full, &wishes(&[])), Err(Ineligible::AtCapacity));
        let paused = MentorFacts { accepting: false, ..mentor(3, &[]) };
        assert_eq!(eligibility(&paused, &wishes(&[])), Err(Ineligible::NotAccepting));
        let unlisted = MentorFacts { listed: false, ..mentor(3, &[]) };
        assert_eq!(eligibility(&unlisted, &wishes(&[])), Err(Ineligible::NotListed));
    }

    #[test]
    fn reasons_explain_the_score() {
        let w = Wishes {
            areas: vec![Area::Derby],
            modes: vec![MeetingMode::Video],
            ..wishes(&[Topic::Stress, Topic::Morale])
        };
        let s = score(&mentor(5, &[Topic::Stress]), &w);
        assert_eq!(s.score, PER_TOPIC + AREA + PER_MODE + 2 * PER_FREE_PLACE);
        assert_eq!(s.reasons[0], "Happy to discuss 1 of your 2 topics: Stress");
        assert!(s.reasons.contains(&"Based in Derby".to_string()));
        assert!(s.reasons.contains(&"Has 2 free places".to_string()));
    }

    #[test]
    fn the_named_mentor_comes_first_when_eligible() {
        let mentors = [mentor(5, &[Topic::Stress]), mentor(6, &[])];
        let w = Wishes { named_mentor: Some(6), ..wishes(&[Topic::Stress]) };
        assert_eq!(rank(&mentors, &w).iter().map(|s| s.mentor_id).collect::<Vec<_>>(), vec![6, 5]);
        let full = [mentor(5, &[Topic::Stress]), MentorFacts { active_mentees: 2, ..mentor(6, &[]) }];
        assert_eq!(rank(&full, &w).iter().map(|s| s.mentor_id).collect::<Vec<_>>(), vec![5]);
    }

    /// A small deterministic generator for the property below.
    struct Dice(u64);
    impl Dice {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn subset<T: Copy>(&mut self, all: &[T]) -> Vec<T> {
            all.iter().copied().filter(|_| self.next().is_multiple_of(3)).collect()
        }
    }

    /// Property, over 10,000 random mentors and requests: sharing one more
    /// of the mentee's topics, all else equal, always raises the score.
    #[test]
    fn score_rises_with_every_shared_topic() {
        let mut dice = Dice(0x5eed);
        for _ in 0..10_000 {
            let w = Wishes {
                topics: dice.subset(Topic::ALL),
                areas: dice.subset(Area::ALL),
                modes: dice.subset(MeetingMode::ALL),
                professions: dice.subset(Profession::ALL),
                ..wishes(&[])
            };
            let m = MentorFacts {
                topics: dice.subset(Topic::ALL),
                active_mentees: (dice.next() % 3) as i64,
                modes: dice.subset(MeetingMode::ALL),
                ..mentor(9, &[])
            };
            let before = score(&m, &w).score;
            if let Some(extra) = w.topics.iter().find(|t| !m.topics.contains(t)) {
                let mut more = m.clone();
                more.topics.push(*extra);
                assert!(score(&more, &w).score > before, "{m:?} {w:?}");
            }
            let mut fewer = m.clone();
            if let Some(i) = fewer.topics.iter().position(|t| w.topics.contains(t)) {
                fewer.topics.remove(i);
                assert!(score(&fewer, &w).score < before);
            }
        }
    }

    fn free_on(day: usize, starts: i64, ends: i64) -> FreeTimes {
        let mut free = FreeTimes::default();
        free.add(day, starts, ends);
        free
    }

    #[test]
    fn of_two_otherwise_equal_mentors_the_one_free_on_tuesday_evenings_ranks_first() {
        let w =
            Wishes { days: vec![Day::Tuesday], times: vec![TimeOfDay::Evening], ..wishes(&[Topic::Stress]) };
        let mornings = MentorFacts { free: free_on(1, 540, 720), ..mentor(5, &[Topic::Stress]) };
        let evenings = MentorFacts { free: free_on(1, 1080, 1260), ..mentor(6, &[Topic::Stress]) };
        let ranked = rank(&[mornings, evenings], &w);
        assert_eq!(ranked.iter().map(|s| s.mentor_id).collect::<Vec<_>>(), vec![6, 5]);
        assert!(ranked[0]
            .reasons
            .contains(&"Free when you said you could meet: Tuesday evenings".to_string()));
        assert_eq!(ranked[1].reasons.last().map(String::as_str), Some("No times in common yet"));
    }

    #[test]
    fn a_mentor_with_no_times_in_common_comes_last_whatever_else_they_share() {
        let w = Wishes {
            days: vec![Day::Saturday],
            areas: vec![Area::Derby],
            ..wishes(&[Topic::Stress, Topic::Morale, Topic::Workload])
        };
        let close = MentorFacts {
            free: free_on(0, 540, 720),
            ..mentor(5, &[Topic::Stress, Topic::Morale, Topic::Workload])
        };
        let free = MentorFacts { free: free_on(5, 540, 600), area: None, ..mentor(6, &[]) };
        let ranked = rank(&[close, free], &w);
        assert!(ranked[0].score < ranked[1].score, "the other scores higher on everything else");
        assert_eq!(ranked.iter().map(|s| s.mentor_id).collect::<Vec<_>>(), vec![6, 5]);
        assert!(!ranked[1].times_in_common);
    }

    /// Property, over 10,000 random mentors and requests: more free time,
    /// all else equal, never lowers the score or the place in a ranking.
    #[test]
    fn more_overlap_never_lowers_the_score() {
        let mut dice = Dice(0x00de_71a9);
        for _ in 0..10_000 {
            let w = Wishes {
                topics: dice.subset(Topic::ALL),
                days: dice.subset(Day::ALL),
                times: dice.subset(TimeOfDay::ALL),
                ..wishes(&[])
            };
            let mut free = FreeTimes::default();
            for _ in 0..dice.next() % 6 {
                let starts = (dice.next() % 288 * 5) as i64;
                free.add((dice.next() % 7) as usize, starts, starts + (dice.next() % 120 * 5) as i64);
            }
            let m = MentorFacts { topics: dice.subset(Topic::ALL), free, ..mentor(9, &[]) };
            let other =
                MentorFacts { topics: dice.subset(Topic::ALL), free: FreeTimes::default(), ..mentor(8, &[]) };
            let mut more = m.clone();
            let starts = (dice.next() % 288 * 5) as i64;
            more.free.add((dice.next() % 7) as usize, starts, starts + (dice.next() % 120 * 5 + 5) as i64);
            let (before, after) = (score(&m, &w), score(&more, &w));
            assert!(after.score >= before.score, "{m:?} {more:?} {w:?}");
            assert!(after.times_in_common || !before.times_in_common);
            let place = |facts: &MentorFacts| {
                rank(&[facts.clone(), other.clone()], &w).iter().position(|s| s.mentor_id == 9)
            };
            assert!(place(&more) <= place(&m));
        }
    }
}
