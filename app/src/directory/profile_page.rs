//! The mentor's own profile: edit a draft, send it for approval, see what
//! is live and why it is or is not listed, pause new mentees.

use super::cards::ProfileDetails;
use super::functions::{load_my_profile, MyProfile, SaveProfile, SetAccepting};
use super::listing::ListingStatus;
use super::profile::{DraftState, ProfileFields};
use crate::dates;
use crate::error::AppError;
use crate::relationships::record::MentorRecordSection;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::fields::{CheckboxGroup, SelectField, TextArea, TextField};
use crate::shell::forms::{
    error_signal, form, notice_signal, outcome_from, ErrorSummary, FormOutcome, Notice,
};
use crate::vocabulary::{Area, MeetingMode, MentoringForm, MentoringModel, Profession, Sector, Topic};
use leptos::prelude::*;
use leptos_meta::Title;

/// What the listing rule's answer means for the mentor, and what to do.
pub fn status_text(status: &ListingStatus) -> String {
    match status {
        ListingStatus::Listed => "Your profile is listed in the directory.".into(),
        ListingStatus::ProfileNotApproved => {
            "Your profile is not listed yet: send it for approval and a coordinator will look at it.".into()
        }
        ListingStatus::AccountInactive => "Your account is not active, so your profile is not listed.".into(),
        ListingStatus::NotAccredited => {
            "We have no record of your mentor accreditation, so your profile is not listed. Please contact your mentoring coordinator.".into()
        }
        ListingStatus::AccreditationLapsed { due_on } => format!(
            "Your accreditation ran out on {}, so your profile is not listed. Book a refresher course to be listed again.",
            dates::long(due_on)
        ),
    }
}

#[component]
pub fn MyProfilePage() -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let accepting = ServerAction::<SetAccepting>::new();
    let page = use_page_context();
    let profile =
        Resource::new(move || (save.version().get(), accepting.version().get()), |_| load_my_profile());
    view! {
        <Title text="Your mentor profile" />
        <h1>"Your mentor profile"</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.unwrap_or_default();
                match profile.await {
                    Ok(mine) => {
                        let flash = context.flash.clone();
                        let profile_flash = flash.clone().filter(|f| f.form == form::<SaveProfile>().name());
                        let accepting_flash = flash.filter(|f| f.form == form::<SetAccepting>().name());
                        let FormOutcome { error, notice, .. } = outcome_from(save, profile_flash);
                        let accepting_error = error_signal(
                            move || accepting.value().get(),
                            accepting_flash.clone(),
                        );
                        let accepting_notice = notice_signal(
                            move || accepting.value().get(),
                            accepting_flash,
                        );
                        view! {
                            <Status mine=mine.clone() />
                            <Notice message=accepting_notice />
                            <ErrorSummary error=accepting_error />
                            {mine
                                .live
                                .clone()
                                .map(|live| {
                                    view! { <AcceptingSwitch accepting=live.accepting action=accepting /> }
                                })}
                            <Notice message=notice />
                            <ProfileForm fields=mine.editing.clone() action=save error />
                            {mine
                                .live
                                .map(|live| {
                                    view! {
                                        <details class="live-profile">
                                            <summary>"What staff see now"</summary>
                                            <ProfileDetails fields=live.fields />
                                        </details>
                                    }
                                })}
                            <MentorRecordSection />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Status(mine: MyProfile) -> impl IntoView {
    let listed = mine.status == ListingStatus::Listed;
    let draft_note = mine.draft.as_ref().map(|d| match d.state {
        DraftState::Editing => "You have unsent changes. Send them for approval when ready.".to_string(),
        DraftState::Submitted if mine.live.is_some() => {
            "Your changes are waiting for a coordinator's approval. Until then staff see your approved profile.".to_string()
        }
        DraftState::Submitted => "Your profile is waiting for a coordinator's approval.".to_string(),
        DraftState::Returned => "A coordinator returned your profile with a comment.".to_string(),
    });
    let comment =
        mine.draft.as_ref().filter(|d| d.state == DraftState::Returned).map(|d| d.review_comment.clone());
    let user_id = mine.live.as_ref().map(|l| l.user_id);
    view! {
        <div class="status-box" class:status-listed=listed>
            <p>
                <strong>{status_text(&mine.status)}</strong>
            </p>
            {matches!(mine.status, ListingStatus::AccreditationLapsed { .. })
                .then(|| {
                    view! {
                        <p>
                            <a href="/courses?kind=refresher">"Find a refresher course"</a>
                        </p>
                    }
                })}
            {mine
                .accreditation
                .clone()
                .map(|(completed, due)| {
                    view! {
                        <p>
                            {format!(
                                "Accreditation: course completed on {}; refresher due by {}.",
                                dates::long(&completed),
                                dates::long(&due),
                            )}
                        </p>
                    }
                })}
            {draft_note.map(|note| view! { <p>{note}</p> })}
            {comment
                .map(|c| {
                    view! {
                        <blockquote class="review-comment">
                            <p>"Coordinator's comment:"</p>
                            <p>{c}</p>
                        </blockquote>
                    }
                })}
            {(listed && user_id.is_some())
                .then(|| {
                    view! {
                        <p>
                            <a href=format!(
                                "/directory/{}",
                                user_id.unwrap_or_default(),
                            )>"See your page in the directory"</a>
                        </p>
                    }
                })}
        </div>
    }
}

#[component]
fn AcceptingSwitch(accepting: bool, action: ServerAction<SetAccepting>) -> impl IntoView {
    let (text, value, button) = if accepting {
        ("You are accepting new mentees.", "0", "Pause new mentees")
    } else {
        ("You are not accepting new mentees at the moment.", "1", "Accept new mentees again")
    };
    view! {
        <ActionForm action attr:class="inline-form">
            <p>{text}" This changes at once, with no approval needed."</p>
            <input type="hidden" name="accepting" value=value />
            <button type="submit" class="button button-secondary">
                {button}
            </button>
        </ActionForm>
    }
}

#[component]
fn ProfileForm(
    fields: ProfileFields,
    action: ServerAction<SaveProfile>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let f = fields;
    view! {
        <ActionForm action attr:class="form profile-form" attr:novalidate=true>
            <ErrorSummary error />
            <h2 class="section-heading">"About you"</h2>
            <TextField
                name="display_name"
                label="Name shown to staff"
                error
                value=Some(f.display_name.clone())
                autocomplete="name"
            />
            <TextField
                name="pronouns"
                label="Pronouns (optional)"
                hint="For example she/her, he/him, they/them."
                error
                value=Some(f.pronouns.clone())
            />
            <SelectField
                name="profession"
                label="Profession"
                options=Profession::options()
                selected=f.profession.clone()
                error
            />
            <TextField
                name="grade"
                label="Career stage or grade"
                hint="For example Band 7, consultant, ST3, year 4."
                error
                value=Some(f.grade.clone())
            />
            <TextField
                name="specialty"
                label="Specialty or area of work"
                error
                value=Some(f.specialty.clone())
            />
            <SelectField
                name="sector"
                label="Sector"
                options=Sector::options()
                selected=f.sector.clone()
                error
            />
            <TextField
                name="organisation"
                label="Employing organisation"
                error
                value=Some(f.organisation.clone())
                autocomplete="organization"
            />
            <SelectField name="area" label="Area" options=Area::options() selected=f.area.clone() error />
            <TextArea
                name="bio"
                label="About you, for mentees"
                hint="A few lines: your experience and what you enjoy helping with. Up to 2,000 characters. Please leave out contact details: mentees reach you through a request."
                value=f.bio.clone()
                error
            />
            <h2 class="section-heading">"Your mentoring"</h2>
            <CheckboxGroup
                name="topics"
                legend="Topics you are happy to discuss"
                options=Topic::options()
                checked=f.topics.clone()
                error
            />
            <CheckboxGroup
                name="modes"
                legend="Ways of meeting"
                options=MeetingMode::options()
                checked=f.modes.clone()
                error
            />
            <CheckboxGroup
                name="forms"
                legend="Forms of mentoring you offer"
                options=MentoringForm::options()
                checked=f.forms.clone()
                error
            />
            <CheckboxGroup
                name="models"
                legend="Models you are trained in"
                options=MentoringModel::options()
                checked=f.models.clone()
                error
            />
            <TextField
                name="languages"
                label="Languages you can mentor in"
                hint="Separate them with commas."
                error
                value=Some(f.languages.join(", "))
            />
            <TextField
                name="capacity"
                label="How many mentees can you take at once?"
                kind="number"
                hint="From 1 to 10."
                error
                value=Some(f.capacity.to_string())
            />
            <div class="button-row">
                <button type="submit" name="intent" value="submit" class="button">
                    "Send for approval"
                </button>
                <button type="submit" name="intent" value="save" class="button button-secondary">
                    "Save draft"
                </button>
            </div>
        </ActionForm>
    }
    .into_any()
}
