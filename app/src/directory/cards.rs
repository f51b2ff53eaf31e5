//! How a mentor's profile reads: a short card for results, and the full
//! details for the mentor page and for review. Never an email address or
//! phone number: contact goes through requests.

use super::profile::{MentorCard, ProfileFields};
use crate::vocabulary::{Area, MeetingMode, MentoringForm, MentoringModel, Profession, Sector, Topic};
use leptos::prelude::*;

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

pub fn places_text(card: &MentorCard) -> String {
    if !card.accepting {
        "Not accepting new mentees at the moment".into()
    } else if card.free_places == 0 {
        "No free places at the moment".into()
    } else if card.free_places == 1 {
        "Accepting new mentees: 1 free place".into()
    } else {
        format!("Accepting new mentees: {} free places", card.free_places)
    }
}

/// One result in the directory.
#[component]
pub fn MentorResult(card: MentorCard) -> impl IntoView {
    let href = format!("/directory/{}", card.user_id);
    let topics = Topic::labels(&card.fields.topics);
    let shown: Vec<&str> = topics.iter().take(4).copied().collect();
    let more = topics.len().saturating_sub(shown.len());
    let bio: String = card.fields.bio.chars().take(180).collect();
    let cut = bio.len() < card.fields.bio.len();
    let places = places_text(&card);
    let summary = summary_line(&card.fields);
    let name = card.fields.display_name.clone();
    let pronouns = card.fields.pronouns.clone();
    view! {
        <li class="result">
            <h3 class="result-name">
                // A plain link: the router follows it all the same, and it
                // needs no router context, which is gone if this renders
                // after the request was abandoned.
                <a href=href>{name}</a>
                {(!pronouns.is_empty())
                    .then(|| view! { <span class="pronouns">{format!(" ({pronouns})")}</span> })}
            </h3>
            <p class="result-line">{summary}</p>
            <p class="result-org">{card.fields.organisation}</p>
            <p class="result-bio">{bio}{cut.then_some("…")}</p>
            <ul class="tags" aria-label="Happy to discuss">
                {shown.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
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
