//! What a member of staff writes when they ask for a mentor, and the
//! checks it must pass before it is sent.

use super::matching::Wishes;
use crate::error::FieldError;
use crate::vocabulary::{check_length, check_many};
use crate::vocabulary::{Area, Day, MeetingMode, MentoringForm, Profession, Sector, TimeOfDay, Topic};
use serde::{Deserialize, Serialize};

pub const MAX_GOAL: usize = 2000;
pub const MAX_ORGANISATION: usize = 150;

/// The request form's fields, as the mentee wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFields {
    pub goal: String,
    pub topics: Vec<String>,
    pub professions: Vec<String>,
    pub sectors: Vec<String>,
    pub areas: Vec<String>,
    pub modes: Vec<String>,
    pub forms: Vec<String>,
    pub days: Vec<String>,
    pub times: Vec<String>,
    /// The mentee's own organisation, needed to find someone outside it.
    pub organisation: String,
    pub outside_own_organisation: bool,
    /// A mentor chosen from the directory.
    pub named_mentor: Option<i64>,
    /// Consent to show the request to the mentor it is offered to.
    pub share_with_mentor: bool,
}

fn order<T: Copy + Ord>(keys: &mut Vec<String>, from_key: fn(&str) -> Option<T>) {
    keys.iter_mut().for_each(|k| *k = k.trim().to_string());
    keys.retain(|k| !k.is_empty());
    keys.sort_by_key(|k| (from_key(k), k.clone()));
    keys.dedup();
}

fn known<T>(keys: &[String], from_key: fn(&str) -> Option<T>) -> Vec<T> {
    keys.iter().filter_map(|k| from_key(k)).collect()
}

impl RequestFields {
    /// Trims text and puts lists in reference order without repeats.
    pub fn tidy(mut self) -> Self {
        self.goal = self.goal.trim().to_string();
        self.organisation = self.organisation.trim().to_string();
        order(&mut self.topics, Topic::from_key);
        order(&mut self.professions, Profession::from_key);
        order(&mut self.sectors, Sector::from_key);
        order(&mut self.areas, Area::from_key);
        order(&mut self.modes, MeetingMode::from_key);
        order(&mut self.forms, MentoringForm::from_key);
        order(&mut self.days, Day::from_key);
        order(&mut self.times, TimeOfDay::from_key);
        self
    }

    /// What is wrong even for a draft: values not on our lists, text too
    /// long to keep.
    pub fn problems_for_draft(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_length(&mut errors, "goal", &self.goal, MAX_GOAL, "What you would like from mentoring");
        check_many(&mut errors, "topics", &self.topics, Topic::from_key, None);
        check_many(&mut errors, "professions", &self.professions, Profession::from_key, None);
        check_many(&mut errors, "sectors", &self.sectors, Sector::from_key, None);
        check_many(&mut errors, "areas", &self.areas, Area::from_key, None);
        check_many(&mut errors, "modes", &self.modes, MeetingMode::from_key, None);
        check_many(&mut errors, "forms", &self.forms, MentoringForm::from_key, None);
        check_many(&mut errors, "days", &self.days, Day::from_key, None);
        check_many(&mut errors, "times", &self.times, TimeOfDay::from_key, None);
        check_length(&mut errors, "organisation", &self.organisation, MAX_ORGANISATION, "Your organisation");
        errors
    }

    /// Everything a request needs before a coordinator sees it.
    pub fn problems_for_submit(&self) -> Vec<FieldError> {
        let mut errors = self.problems_for_draft();
        let mut add = |field: &str, message: &str| {
            if !errors.iter().any(|e| e.field == field) {
                errors.push(FieldError { field: field.into(), message: message.into() });
            }
        };
        if self.goal.is_empty() {
            add("goal", "Tell us in a few words what you would like from mentoring.");
        }
        if self.topics.is_empty() {
            add("topics", "Choose at least one topic you would like to talk about.");
        }
        if self.outside_own_organisation && self.organisation.is_empty() {
            add("organisation", "Tell us your organisation, so we can find a mentor outside it.");
        }
        // Keep the order of the form, so the summary reads top to bottom.
        let position = |field: &str| FORM_ORDER.iter().position(|f| *f == field).unwrap_or(usize::MAX);
        errors.sort_by_key(|e| position(&e.field));
        errors
    }

    /// A chosen topic means the mentee may need support beyond mentoring,
    /// so the request goes to the front of the coordinators' queue.
    pub fn is_priority(&self) -> bool {
        known(&self.topics, Topic::from_key).iter().any(|t| t.needs_signposting())
    }

    /// What matching needs to know.
    pub fn wishes(&self, mentee_id: i64) -> Wishes {
        Wishes {
            mentee_id,
            mentee_organisation: self.organisation.clone(),
            outside_own_organisation: self.outside_own_organisation,
            topics: known(&self.topics, Topic::from_key),
            professions: known(&self.professions, Profession::from_key),
            sectors: known(&self.sectors, Sector::from_key),
            areas: known(&self.areas, Area::from_key),
            modes: known(&self.modes, MeetingMode::from_key),
            days: known(&self.days, Day::from_key),
            times: known(&self.times, TimeOfDay::from_key),
            forms: known(&self.forms, MentoringForm::from_key),
            named_mentor: self.named_mentor,
        }
    }
}

const FORM_ORDER: [&str; 13] = [
    "goal",
    "topics",
    "named_mentor",
    "professions",
    "sectors",
    "organisation",
    "areas",
    "modes",
    "forms",
    "days",
    "times",
    "share_with_mentor",
    "request",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> RequestFields {
        RequestFields {
            goal: "Plan my next step".into(),
            topics: vec!["stress".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_goal_and_a_topic_are_enough_to_send() {
        assert!(fields().problems_for_submit().is_empty());
    }

    #[test]
    fn empty_long_and_unknown_input_is_named_by_field() {
        let bad = RequestFields {
            goal: "x".repeat(MAX_GOAL + 1),
            topics: vec!["astrology".into()],
            days: vec!["caturday".into()],
            ..Default::default()
        };
        let fields: Vec<String> = bad.problems_for_submit().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["goal", "topics", "days"]);
        let empty = RequestFields::default().problems_for_submit();
        assert_eq!(empty.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["goal", "topics"]);
        assert!(RequestFields::default().problems_for_draft().is_empty(), "an empty draft may be saved");
    }

    #[test]
    fn outside_my_organisation_needs_my_organisation() {
        let f = RequestFields { outside_own_organisation: true, ..fields() };
        assert_eq!(f.problems_for_submit()[0].field, "organisation");
    }

    #[test]
    fn risk_topics_make_a_request_priority() {
        assert!(!fields().is_priority());
        let f =
            RequestFields { topics: vec!["career-choice".into(), "bullying-harassment".into()], ..fields() };
        assert!(f.is_priority());
    }

    #[test]
    fn tidy_orders_and_removes_repeats() {
        let f = RequestFields {
            goal: "  hello ".into(),
            days: vec!["fri".into(), "mon".into(), "fri".into(), " ".into()],
            ..Default::default()
        }
        .tidy();
        assert_eq!(f.goal, "hello");
        assert_eq!(f.days, ["mon", "fri"]);
    }
}
