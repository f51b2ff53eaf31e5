//! How a mentor's profile reads: a short card for results, and the full
//! details for the mentor page and for review. Never an email address or
//! phone number: contact goes through requests.

use super::profile::{MentorCard, ProfileFields};
use crate::vocabulary::{Area, MeetingMode, MentoringForm, MentoringModel, Profession, Sector, Topic};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

fn label_of<T>(key: &str, from_key: fn(&str) -> Option<T>, label: fn(T) -> &'static str) -> &'static str {
    from_key(key).map(label).unwrap_or("")
}

/// "Nurse · Emergency care · Leicester".
pub fn summary_line(f: &ProfileFields) -> String {
    [
        label_of(&f.profession, Profession::from_key, Profession::label),
        &f.specialty,
        label_of(&f.area, Area::from_key, Area::label),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

pub fn places_text(accepting: bool, free_places: i64) -> String {
    if !accepting {
        "Not accepting new mentees at the moment".into()
    } else if free_places == 0 {
        "No free places at the moment".into()
    } else if free_places == 1 {
        "Accepting new mentees: 1 free place".into()
    } else {
        format!("Accepting new mentees: {free_places} free places")
    }
}

/// How much of a bio a result shows.
const BIO_SHOWN: usize = 180;
/// How many topics a result names before "and N more".
const TOPICS_SHOWN: usize = 4;

/// What one result in the directory shows, and nothing more. The results
/// page carries its cards twice, as HTML and again as the data the browser
/// hydrates from, so a whole profile per result (the bio in full, fields
/// the card never shows) would double what a phone downloads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultCard {
    pub user_id: i64,
    pub name: String,
    pub pronouns: String,
    /// "Nurse · Emergency care · Leicester".
    pub summary: String,
    pub organisation: String,
    /// The start of the bio, ending in "…" when there is more.
    pub bio: String,
    /// The first few topics' keys, and how many more there are.
    pub topics: Vec<String>,
    pub more_topics: usize,
    pub accepting: bool,
    pub free_places: i64,
}

impl ResultCard {
    pub fn of(card: MentorCard) -> Self {
        let summary = summary_line(&card.fields);
        let f = card.fields;
        let mut bio: String = f.bio.chars().take(BIO_SHOWN).collect();
        if bio.len() < f.bio.len() {
            bio.push('…');
        }
        // Only topics still on the list, as the full profile shows them.
        let mut topics: Vec<String> =
            f.topics.into_iter().filter(|key| Topic::from_key(key).is_some()).collect();
        let more_topics = topics.len().saturating_sub(TOPICS_SHOWN);
        topics.truncate(TOPICS_SHOWN);
        ResultCard {
            user_id: card.user_id,
            name: f.display_name,
            pronouns: f.pronouns,
            summary,
            organisation: f.organisation,
            bio,
            topics,
            more_topics,
            accepting: card.accepting,
            free_places: card.free_places,
        }
    }
}

/// One result in the directory.
#[component]
pub fn MentorResult(card: ResultCard) -> impl IntoView {
    let href = format!("/directory/{}", card.user_id);
    let topics = Topic::labels(&card.topics);
    let more = card.more_topics;
    let places = places_text(card.accepting, card.free_places);
    let pronouns = card.pronouns;
    view! {
        <li class="result">
            <h3 class="result-name">
                // A plain link: the router follows it all the same, and it
                // needs no router context, which is gone if this renders
                // after the request was abandoned.
                <a href=href>{card.name}</a>
                {(!pronouns.is_empty())
                    .then(|| view! { <span class="pronouns">{format!(" ({pronouns})")}</span> })}
            </h3>
            <p class="result-line">{card.summary}</p>
            <p class="result-org">{card.organisation}</p>
            <p class="result-bio">{card.bio}</p>
            <ul class="tags" aria-label="Happy to discuss">
                {topics.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                {(more > 0).then(|| view! { <li class="tag-more">{format!("and {more} more")}</li> })}
            </ul>
            <p class="result-places" class:not-accepting=!card.accepting>
                {places}
            </p>
        </li>
    }
}

fn list_row(term: &'static str, values: Vec<String>) -> impl IntoView {
    (!values.is_empty()).then(|| {
        view! {
            <div>
                <dt>{term}</dt>
                <dd>{values.join(", ")}</dd>
            </div>
        }
    })
}

fn owned(values: Vec<&'static str>) -> Vec<String> {
    values.into_iter().map(String::from).collect()
}

/// A single value as a row's values: none when it is empty.
fn one(value: &str) -> Vec<String> {
    if value.is_empty() {
        vec![]
    } else {
        vec![value.to_string()]
    }
}

/// Everything on a profile, as a description list. Text is rendered as
/// text, so HTML in a bio shows as typed.
#[component]
pub fn ProfileDetails(fields: ProfileFields) -> impl IntoView {
    let f = fields;
    view! {
        <dl class="profile-details">
            {list_row("Profession", one(label_of(&f.profession, Profession::from_key, Profession::label)))}
            {list_row("Career stage or grade", one(&f.grade))} {list_row("Specialty", one(&f.specialty))}
            {list_row("Sector", one(label_of(&f.sector, Sector::from_key, Sector::label)))}
            {list_row("Organisation", one(&f.organisation))}
            {list_row("Area", one(label_of(&f.area, Area::from_key, Area::label)))}
            {list_row("Happy to discuss", owned(Topic::labels(&f.topics)))}
            {list_row("Ways of meeting", owned(MeetingMode::labels(&f.modes)))}
            {list_row("Forms of mentoring", owned(MentoringForm::labels(&f.forms)))}
            {list_row("Trained in", owned(MentoringModel::labels(&f.models)))}
            {list_row("Languages", f.languages.clone())}
            {list_row("Mentees at once, at most", vec![f.capacity.to_string()])}
        </dl>
        <h2 class="section-heading">"About"</h2>
        <p class="bio">{f.bio.clone()}</p>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(bio: &str, topics: &[&str]) -> MentorCard {
        MentorCard {
            user_id: 7,
            fields: ProfileFields {
                display_name: "Ana Silva".into(),
                profession: "nurse".into(),
                specialty: "Renal".into(),
                area: "derby".into(),
                topics: topics.iter().map(|t| t.to_string()).collect(),
                bio: bio.into(),
                ..Default::default()
            },
            accepting: true,
            free_places: 2,
            course_completed_on: None,
            refresher_due_on: None,
        }
    }

    #[test]
    fn a_result_carries_the_start_of_the_bio_and_the_first_four_topics() {
        let topics = ["stress", "morale", "no-such-topic", "engagement", "managing-change", "career-choice"];
        let long = "é".repeat(200);
        let result = ResultCard::of(card(&long, &topics));
        assert_eq!(result.bio, format!("{}…", "é".repeat(180)));
        assert_eq!(result.topics, vec!["stress", "morale", "engagement", "managing-change"]);
        assert_eq!(result.more_topics, 1, "a key no longer on the list is not counted");
        assert_eq!(result.summary, "Nurse · Renal · Derby");
        assert_eq!(result.name, "Ana Silva");

        let short = ResultCard::of(card("Renal nurse.", &["stress"]));
        assert_eq!(short.bio, "Renal nurse.");
        assert_eq!(short.more_topics, 0);
    }
}
