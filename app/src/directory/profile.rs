//! A mentor's profile as people write and read it, and the checks it must
//! pass. Shared by the browser and the server.

use crate::error::{AppError, FieldError};
use crate::vocabulary::{
    check_length, check_many, Area, MeetingMode, MentoringForm, MentoringModel, Profession, Sector, Topic,
};
use serde::{Deserialize, Serialize};

pub const MAX_SHORT: usize = 100;
pub const MAX_BIO: usize = 2000;
pub const MAX_CAPACITY: i64 = 10;

/// Everything a mentor writes about themselves. Lists hold reference-list
/// keys; languages are free text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileFields {
    pub display_name: String,
    pub pronouns: String,
    pub profession: String,
    pub grade: String,
    pub specialty: String,
    pub sector: String,
    pub organisation: String,
    pub area: String,
    pub models: Vec<String>,
    pub forms: Vec<String>,
    pub topics: Vec<String>,
    pub modes: Vec<String>,
    pub languages: Vec<String>,
    pub bio: String,
    pub capacity: i64,
}

/// A profile as the directory shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorCard {
    pub user_id: i64,
    pub fields: ProfileFields,
    pub accepting: bool,
    pub free_places: i64,
    pub course_completed_on: Option<String>,
    pub refresher_due_on: Option<String>,
}

fn check_one<T>(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    from_key: fn(&str) -> Option<T>,
    what: &str,
) {
    if value.is_empty() {
        errors.push(FieldError { field: field.into(), message: format!("Choose your {what}.") });
    } else if from_key(value).is_none() {
        errors
            .push(FieldError { field: field.into(), message: format!("Choose your {what} from the list.") });
    }
}

/// A choice left empty is fine in a draft; one not on the list never is.
fn check_known<T>(errors: &mut Vec<FieldError>, field: &str, value: &str, from_key: fn(&str) -> Option<T>) {
    if !value.is_empty() && from_key(value).is_none() {
        errors.push(FieldError { field: field.into(), message: "Choose from the list.".into() });
    }
}

impl ProfileFields {
    /// Trims text, drops empty and repeated list entries, and puts lists in
    /// the reference order so two equal profiles compare equal.
    pub fn tidy(mut self) -> Self {
        for text in [
            &mut self.display_name,
            &mut self.pronouns,
            &mut self.grade,
            &mut self.specialty,
            &mut self.organisation,
            &mut self.bio,
        ] {
            *text = text.trim().to_string();
        }
        self.profession = self.profession.trim().to_string();
        self.sector = self.sector.trim().to_string();
        self.area = self.area.trim().to_string();
        fn order<T: Copy + Ord>(keys: &mut Vec<String>, from_key: fn(&str) -> Option<T>) {
            keys.retain(|k| !k.trim().is_empty());
            keys.sort_by_key(|k| (from_key(k), k.clone()));
            keys.dedup();
        }
        order(&mut self.models, MentoringModel::from_key);
        order(&mut self.forms, MentoringForm::from_key);
        order(&mut self.topics, Topic::from_key);
        order(&mut self.modes, MeetingMode::from_key);
        let mut languages: Vec<String> = Vec::new();
        for language in
            self.languages.iter().flat_map(|l| l.split(',')).map(str::trim).filter(|l| !l.is_empty())
        {
            if !languages.iter().any(|seen| seen.eq_ignore_ascii_case(language)) {
                languages.push(language.to_string());
            }
        }
        self.languages = languages;
        self
    }

    /// Every problem with the profile, each tied to its field. Lenient
    /// enough for a draft: only what would make it unsafe or unreadable.
    pub fn problems_for_draft(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_length(&mut errors, "display_name", &self.display_name, MAX_SHORT, "Your name");
        check_length(&mut errors, "pronouns", &self.pronouns, 30, "Pronouns");
        check_length(&mut errors, "grade", &self.grade, MAX_SHORT, "Career stage or grade");
        check_length(&mut errors, "specialty", &self.specialty, MAX_SHORT, "Specialty");
        check_length(&mut errors, "organisation", &self.organisation, 150, "Organisation");
        check_length(&mut errors, "bio", &self.bio, MAX_BIO, "About you");
        check_known(&mut errors, "profession", &self.profession, Profession::from_key);
        check_known(&mut errors, "sector", &self.sector, Sector::from_key);
        check_known(&mut errors, "area", &self.area, Area::from_key);
        check_many(&mut errors, "models", &self.models, MentoringModel::from_key, None);
        check_many(&mut errors, "forms", &self.forms, MentoringForm::from_key, None);
        check_many(&mut errors, "topics", &self.topics, Topic::from_key, None);
        check_many(&mut errors, "modes", &self.modes, MeetingMode::from_key, None);
        if self.languages.len() > 10 || self.languages.iter().any(|l| l.chars().count() > 40) {
            errors.push(FieldError {
                field: "languages".into(),
                message: "List up to 10 languages, separated by commas.".into(),
            });
        }
        if !(1..=MAX_CAPACITY).contains(&self.capacity) {
            errors.push(FieldError {
                field: "capacity".into(),
                message: format!("Choose how many mentees you can take at once, from 1 to {MAX_CAPACITY}."),
            });
        }
        errors
    }

    /// Everything a profile needs before a coordinator can approve it.
    pub fn problems_for_approval(&self) -> Vec<FieldError> {
        let mut errors = self.problems_for_draft();
        let mut missing = |ok: bool, field: &str, message: &str| {
            if !ok && !errors.iter().any(|e| e.field == field) {
                errors.push(FieldError { field: field.into(), message: message.into() });
            }
        };
        missing(!self.display_name.is_empty(), "display_name", "Enter the name mentees will see.");
        missing(!self.specialty.is_empty(), "specialty", "Enter your specialty or area of work.");
        missing(!self.organisation.is_empty(), "organisation", "Enter the organisation you work for.");
        missing(!self.bio.is_empty(), "bio", "Write a few lines about yourself for mentees.");
        let mut required: Vec<FieldError> = Vec::new();
        check_one(&mut required, "profession", &self.profession, Profession::from_key, "profession");
        check_one(&mut required, "sector", &self.sector, Sector::from_key, "sector");
        check_one(&mut required, "area", &self.area, Area::from_key, "area");
        check_many(
            &mut required,
            "topics",
            &self.topics,
            Topic::from_key,
            Some("Choose at least one topic you are happy to discuss."),
        );
        check_many(
            &mut required,
            "modes",
            &self.modes,
            MeetingMode::from_key,
            Some("Choose at least one way of meeting."),
        );
        check_many(
            &mut required,
            "forms",
            &self.forms,
            MentoringForm::from_key,
            Some("Choose at least one form of mentoring you offer."),
        );
        for error in required {
            if !errors.iter().any(|e| e.field == error.field) {
                errors.push(error);
            }
        }
        errors
    }

    pub fn check_draft(&self) -> Result<(), AppError> {
        as_result(self.problems_for_draft())
    }

    pub fn check_for_approval(&self) -> Result<(), AppError> {
        as_result(self.problems_for_approval())
    }

    /// The words full-text search looks in: name, specialty, organisation,
    /// bio, and the labels of the profession, sector, area and topics (so
    /// "nurse" finds nurses). Only letters and digits, so both engines
    /// split it into the same words (PostgreSQL would otherwise keep
    /// "bullying/harassment" whole, as a file path). Changing what goes in
    /// means raising `reindex::SEARCH_WORDS_VERSION`, so that profiles
    /// already indexed are rewritten.
    pub fn search_body(&self) -> String {
        let topics = Topic::labels(&self.topics).join(" ");
        let profession = Profession::from_key(&self.profession).map(Profession::label).unwrap_or_default();
        let sector = Sector::from_key(&self.sector).map(Sector::label).unwrap_or_default();
        let area = Area::from_key(&self.area).map(Area::label).unwrap_or_default();
        format!(
            "{} {} {} {} {} {profession} {sector} {area}",
            self.display_name, self.specialty, self.organisation, self.bio, topics
        )
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
    }

    /// "Lastname Firstname" lower-cased, for sorting by name.
    pub fn sort_name(&self) -> String {
        let name = self.display_name.to_lowercase();
        match name.rsplit_once(' ') {
            Some((first, last)) => format!("{last} {first}"),
            None => name,
        }
    }
}

/// Where a draft is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftState {
    Editing,
    Submitted,
    Returned,
}

impl DraftState {
    /// Reads the stored value.
    pub fn from_db(value: &str) -> DraftState {
        match value {
            "submitted" => DraftState::Submitted,
            "returned" => DraftState::Returned,
            _ => DraftState::Editing,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub user_id: i64,
    pub state: DraftState,
    pub fields: ProfileFields,
    pub review_comment: String,
    pub submitted_at: Option<i64>,
}

fn as_result(errors: Vec<FieldError>) -> Result<(), AppError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> ProfileFields {
        ProfileFields {
            display_name: "Asha Patel".into(),
            pronouns: "she/her".into(),
            profession: "nurse".into(),
            grade: "Band 7".into(),
            specialty: "Emergency care".into(),
            sector: "secondary-care".into(),
            organisation: "University Hospitals of Leicester".into(),
            area: "leicester".into(),
            models: vec!["grow".into(), "skilled-helper".into()],
            forms: vec!["one-to-one".into()],
            topics: vec!["stress".into(), "bullying-harassment".into()],
            modes: vec!["video".into()],
            languages: vec!["English, Gujarati".into()],
            bio: "I have worked in emergency care for fifteen years.".into(),
            capacity: 2,
        }
    }

    #[test]
    fn a_complete_profile_can_be_approved() {
        assert_eq!(complete().tidy().problems_for_approval(), vec![]);
    }

    #[test]
    fn tidy_orders_lists_and_splits_languages() {
        let tidy = complete().tidy();
        assert_eq!(tidy.models, vec!["skilled-helper", "grow"]);
        assert_eq!(tidy.topics, vec!["bullying-harassment", "stress"]);
        assert_eq!(tidy.languages, vec!["English", "Gujarati"]);
    }

    #[test]
    fn unknown_values_and_long_text_are_refused_with_their_field() {
        let mut p = complete();
        p.profession = "wizard".into();
        p.topics.push("astrology".into());
        p.bio = "x".repeat(MAX_BIO + 1);
        let fields: Vec<_> = p.problems_for_draft().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["bio", "profession", "topics"]);
    }

    #[test]
    fn a_draft_may_be_incomplete_but_approval_needs_the_essentials() {
        let p = ProfileFields { capacity: 1, ..Default::default() };
        assert_eq!(p.problems_for_draft(), vec![]);
        let fields: Vec<_> = p.problems_for_approval().into_iter().map(|e| e.field).collect();
        for field in [
            "display_name",
            "specialty",
            "organisation",
            "bio",
            "profession",
            "sector",
            "area",
            "topics",
            "modes",
            "forms",
        ] {
            assert!(fields.contains(&field.to_string()), "{field} missing from {fields:?}");
        }
    }

    #[test]
    fn capacity_must_be_sensible() {
        let mut p = complete();
        p.capacity = 0;
        assert_eq!(p.problems_for_draft()[0].field, "capacity");
        p.capacity = MAX_CAPACITY + 1;
        assert_eq!(p.problems_for_draft()[0].field, "capacity");
    }

    #[test]
    fn search_body_has_topic_labels_and_sort_name_puts_surname_first() {
        let p = complete();
        assert!(p.search_body().contains("Bullying harassment"));
        let words: Vec<String> = p.search_body().split_whitespace().map(str::to_string).collect();
        for (key, label) in [
            (&p.profession, Profession::from_key(&p.profession).map(Profession::label)),
            (&p.sector, Sector::from_key(&p.sector).map(Sector::label)),
            (&p.area, Area::from_key(&p.area).map(Area::label)),
        ] {
            let label = label.unwrap_or_else(|| panic!("{key} has a label"));
            assert!(label.split_whitespace().all(|w| words.iter().any(|x| x == w)), "{label} in {words:?}");
        }
        assert_eq!(p.sort_name(), "patel asha");
    }
}
