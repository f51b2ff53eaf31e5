//! The service's shared vocabulary: the reference lists from its research
//! (see `shared/domain.md`) that every domain speaks in, and the checks on
//! words they share. Each value has a stable key (stored in the database
//! and used in URLs) and a label for people. Adding a value is safe;
//! renaming a key is a migration. Lists only one domain uses stay in that
//! domain (`courses::lists`, `resources::lists`), built with
//! [`reference_list`].

use crate::error::FieldError;

macro_rules! reference_list {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $key:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable key, as stored and as written in URLs.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// (key, label) for every value in order: a form's choices.
            pub fn options() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|v| (v.key(), v.label())).collect()
            }

            /// Labels for a list of keys, skipping any no longer known.
            pub fn labels(keys: &[String]) -> Vec<&'static str> {
                keys.iter().filter_map(|k| Self::from_key(k)).map(Self::label).collect()
            }

            /// The value for a key; `None` for anything unknown.
            pub fn from_key(key: &str) -> Option<$name> {
                match key {
                    $($key => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use reference_list;

reference_list! {
    /// What a member of staff does.
    Profession {
        Doctor = "doctor", "Doctor";
        Nurse = "nurse", "Nurse";
        Midwife = "midwife", "Midwife";
        AlliedHealth = "allied-health", "Allied health professional";
        Pharmacist = "pharmacist", "Pharmacist";
        Dentist = "dentist", "Dentist";
        HealthcareScientist = "healthcare-scientist", "Healthcare scientist";
        Manager = "manager", "Manager or administrator";
        MedicalStudent = "medical-student", "Medical student";
        Other = "other", "Other";
    }
}

reference_list! {
    /// Where in the health service someone works.
    Sector {
        PrimaryCare = "primary-care", "Primary care";
        SecondaryCare = "secondary-care", "Secondary care";
        Community = "community", "Community";
        MentalHealth = "mental-health", "Mental health";
        MedicalSchool = "medical-school", "Medical school";
        Other = "other", "Other";
    }
}

reference_list! {
    /// The East Midlands counties and cities the service covers.
    Area {
        Derbyshire = "derbyshire", "Derbyshire";
        Nottinghamshire = "nottinghamshire", "Nottinghamshire";
        Leicestershire = "leicestershire", "Leicestershire";
        Lincolnshire = "lincolnshire", "Lincolnshire";
        Northamptonshire = "northamptonshire", "Northamptonshire";
        Rutland = "rutland", "Rutland";
        Derby = "derby", "Derby";
        Nottingham = "nottingham", "Nottingham";
        Leicester = "leicester", "Leicester";
        Lincoln = "lincoln", "Lincoln";
        Northampton = "northampton", "Northampton";
    }
}

reference_list! {
    /// What people bring to mentoring: the research questionnaire's list,
    /// used for requests and for what mentors are happy to discuss.
    Topic {
        Assessments = "assessments-education", "Assessments/education";
        Bullying = "bullying-harassment", "Bullying/harassment";
        CareerChoice = "career-choice", "Career choice";
        CareerDevelopment = "career-development", "Career development";
        CopingAfterInjury = "coping-after-injury-illness", "Coping with work after injury or illness";
        DealingWithIllness = "dealing-with-illness", "Dealing with illness";
        DealingWithInjury = "dealing-with-injury", "Dealing with injury";
        DevelopingTeams = "developing-teams-services", "Developing teams/services";
        Engagement = "engagement", "Engagement";
        ManagingCrisis = "managing-a-crisis", "Managing a crisis";
        ManagingChange = "managing-change", "Managing change";
        MentalHealth = "mental-health-issues", "Mental health issues (e.g. depression, substance misuse, addictions)";
        Morale = "morale", "Morale";
        NegativeThoughts = "negative-thoughts", "Negative thoughts or suicidal ideation";
        PersonalRelationships = "personal-relationships", "Personal relationships";
        PhysicalHealth = "physical-health", "Physical health";
        ColleagueRelationships = "relationships-with-colleagues", "Relationships with colleagues";
        ReturnToWork = "return-to-work", "Return to work after injury or illness";
        SelfConfidence = "self-confidence", "Self-confidence";
        Stress = "stress", "Stress";
        TakingAnOpportunity = "taking-an-opportunity", "Taking an opportunity";
        ClinicalSituations = "clinical-situations", "Thinking through clinical situations";
        WorkLifeBalance = "work-life-balance", "Work-life balance";
        Workload = "workload", "Workload";
    }
}

impl Topic {
    /// Topics that call for urgent or specialist support to be shown at
    /// once, and for the request to be triaged first.
    pub fn needs_signposting(self) -> bool {
        matches!(
            self,
            Topic::NegativeThoughts | Topic::MentalHealth | Topic::ManagingCrisis | Topic::Bullying
        )
    }
}

reference_list! {
    /// Mentoring models taught on the accredited course.
    MentoringModel {
        SkilledHelper = "skilled-helper", "The Skilled Helper (Egan)";
        Grow = "grow", "GROW";
        Oskar = "oskar", "OSKAR";
        Clear = "clear", "CLEAR";
    }
}

reference_list! {
    /// Forms of mentoring a mentor offers.
    MentoringForm {
        OneToOne = "one-to-one", "One-to-one";
        Peer = "peer", "Peer";
        Reverse = "reverse", "Reverse";
        Group = "group", "Group";
        EMentoring = "e-mentoring", "E-mentoring";
        CrossOrganisational = "cross-organisational", "Cross-organisational";
    }
}

reference_list! {
    /// How a pair meets.
    MeetingMode {
        InPerson = "in-person", "In person";
        Video = "video", "Video";
        Phone = "phone", "Phone";
    }
}

reference_list! {
    /// Days a mentee could meet.
    Day {
        Monday = "mon", "Monday";
        Tuesday = "tue", "Tuesday";
        Wednesday = "wed", "Wednesday";
        Thursday = "thu", "Thursday";
        Friday = "fri", "Friday";
        Saturday = "sat", "Saturday";
        Sunday = "sun", "Sunday";
    }
}

reference_list! {
    /// Times of day a mentee could meet; "night" is for night-shift staff.
    TimeOfDay {
        Morning = "morning", "Mornings";
        Afternoon = "afternoon", "Afternoons";
        Evening = "evening", "Evenings";
        Night = "night", "Nights";
    }
}

/// The longest web address we keep.
pub const MAX_LINK: usize = 500;

/// http(s), a host with a dot, no spaces, not too long.
pub fn is_web_address(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    text.len() <= MAX_LINK
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !text.contains(char::is_whitespace)
        && !text.contains(['"', '<', '>'])
}

/// A list of keys, each on the list `from_key` reads: "Choose only from
/// the options shown" otherwise, and `at_least_one` when none is chosen.
pub fn check_many<T>(
    errors: &mut Vec<FieldError>,
    field: &str,
    values: &[String],
    from_key: fn(&str) -> Option<T>,
    at_least_one: Option<&str>,
) {
    if values.iter().any(|v| from_key(v).is_none()) {
        errors
            .push(FieldError { field: field.into(), message: "Choose only from the options shown.".into() });
    } else if values.is_empty() {
        if let Some(message) = at_least_one {
            errors.push(FieldError { field: field.into(), message: message.into() });
        }
    }
}

/// "… must be N characters or fewer" when `value` is longer than `max`.
pub fn check_length(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize, what: &str) {
    if value.chars().count() > max {
        errors.push(FieldError {
            field: field.into(),
            message: format!("{what} must be {max} characters or fewer."),
        });
    }
}

/// Lists as stored: ",a,b," so a single key can be found with LIKE.
pub fn join_keys(keys: &[String]) -> String {
    if keys.is_empty() {
        String::new()
    } else {
        format!(",{},", keys.join(","))
    }
}

pub fn split_keys(stored: &str) -> Vec<String> {
    stored.split(',').filter(|k| !k.is_empty()).map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn web_addresses() {
        assert!(is_web_address("https://www.nhs.uk/mental-health/"));
        for bad in [
            "javascript:alert(1)",
            "https://nhs",
            "https://",
            "https://a .uk",
            "ftp://x.uk",
            "https://x.uk/\"><",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    fn keys_round_trip_and_are_unique<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        key: fn(T) -> &'static str,
        from_key: fn(&str) -> Option<T>,
    ) {
        let mut seen = HashSet::new();
        for &value in all {
            assert!(seen.insert(key(value)), "duplicate key {}", key(value));
            assert_eq!(from_key(key(value)), Some(value));
            // Keys go into URLs: lower-case words joined by hyphens.
            assert!(key(value).bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", key(value));
        }
    }

    #[test]
    fn every_list_has_unique_url_safe_keys_that_round_trip() {
        keys_round_trip_and_are_unique(Profession::ALL, Profession::key, Profession::from_key);
        keys_round_trip_and_are_unique(Sector::ALL, Sector::key, Sector::from_key);
        keys_round_trip_and_are_unique(Area::ALL, Area::key, Area::from_key);
        keys_round_trip_and_are_unique(Topic::ALL, Topic::key, Topic::from_key);
        keys_round_trip_and_are_unique(MentoringModel::ALL, MentoringModel::key, MentoringModel::from_key);
        keys_round_trip_and_are_unique(MentoringForm::ALL, MentoringForm::key, MentoringForm::from_key);
        keys_round_trip_and_are_unique(MeetingMode::ALL, MeetingMode::key, MeetingMode::from_key);
        keys_round_trip_and_are_unique(Day::ALL, Day::key, Day::from_key);
        keys_round_trip_and_are_unique(TimeOfDay::ALL, TimeOfDay::key, TimeOfDay::from_key);
    }

    #[test]
    fn the_lists_match_the_research() {
        assert_eq!(Topic::ALL.len(), 24);
        assert_eq!(Profession::ALL.len(), 10);
        assert_eq!(Area::ALL.len(), 11);
        assert_eq!(Topic::from_key("no-such-topic"), None);
    }

    #[test]
    fn four_topics_call_for_signposting() {
        let flagged: Vec<_> = Topic::ALL.iter().filter(|t| t.needs_signposting()).collect();
        assert_eq!(flagged.len(), 4);
        assert!(Topic::Bullying.needs_signposting());
        assert!(!Topic::CareerChoice.needs_signposting());
    }

    #[test]
    fn stored_lists_round_trip() {
        let keys = vec!["a".to_string(), "b".to_string()];
        assert_eq!(join_keys(&keys), ",a,b,");
        assert_eq!(split_keys(&join_keys(&keys)), keys);
        assert_eq!(split_keys(&join_keys(&[])), Vec::<String>::new());
    }
}
