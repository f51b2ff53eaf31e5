//! The request form. Works as a plain form; with JavaScript it also saves
//! the draft a moment after each change, counts the characters of the
//! goal as it is typed, and shows errors without a page load.

use super::form::{RequestFields, MAX_GOAL};
use super::functions::SaveRequest;
use super::support::SupportBox;
use super::times::DaysAndTimes;
use crate::error::AppError;
use crate::shell::fields::{CheckboxGroup, FieldMessage, TextArea, TextField};
use crate::shell::forms::ErrorSummary;
use crate::shell::pause::Pause;
use crate::vocabulary::{Area, MeetingMode, MentoringForm, Profession, Sector, Topic};
use leptos::form::FromFormData;
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

/// The limits of confidentiality, in one macro so both constants below are
/// literals built from the same words.
macro_rules! confidentiality_limits {
    () => {
        "What you and your mentor talk about stays between you. There are limits: \
confidentiality may be broken if there is a risk of harm to you or to others, a breach of professional codes \
or policy, or illegal activity. Mentoring is separate from performance management."
    };
}

/// What mentees are told before they write anything.
pub const CONFIDENTIALITY: &str = concat!(
    "What you write here is seen only by the mentoring coordinators and, if you \
agree below, by the mentor we ask. ",
    confidentiality_limits!()
);

/// The same limits, shown again in the pair's agreement.
pub const CONFIDENTIALITY_LIMITS: &str = confidentiality_limits!();

const SHARE_LABEL: &str =
    "Share my request with the mentor we ask: my name, what I would like from mentoring \
and my topics. If you leave this unticked, they see only how and when you could meet until they accept.";

#[component]
pub fn RequestForm(
    fields: RequestFields,
    /// The mentor the mentee may ask for: (id, name).
    named: Option<(i64, String)>,
    support_routes: String,
    action: ServerAction<SaveRequest>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let f = fields;
    let form = NodeRef::<html::Form>::new();
    let autosave = ServerAction::<SaveRequest>::new();
    let pause = Pause::new();
    // Saves the draft two seconds after the last change, so a closed tab
    // or a dropped connection on a ward loses little.
    let save_soon = move || {
        pause.then(Duration::from_secs(2), move || {
            let Some(el) = form.get_untracked() else { return };
            let Ok(data) = leptos::web_sys::FormData::new_with_form(&el) else { return };
            let _ = data.set_with_str("intent", "autosave");
            if let Ok(args) = SaveRequest::from_form_data(&data) {
                autosave.dispatch(args);
            }
        });
    };
    // A send or save by hand makes any autosave still waiting pointless.
    let cancel_autosave = move |_| pause.cancel();
    let autosaved = move || match autosave.value().get() {
        Some(Ok(_)) | Some(Err(AppError::Invalid(_))) => "Draft saved automatically.",
        _ => "",
    };
    let goal_length = RwSignal::new(f.goal.chars().count());
    let goal_count = move || {
        let n = goal_length.get();
        if n > MAX_GOAL {
            format!("{n} characters: {} too many.", n - MAX_GOAL)
        } else {
            format!("{n} of {MAX_GOAL} characters.")
        }
    };
    let named_id = named.as_ref().map(|(id, _)| *id);
    view! {
        <ActionForm action node_ref=form attr:class="form request-form" attr:novalidate=true>
            <div on:input=move |_| save_soon() class="request-form-fields">
                <ErrorSummary error />
                <section class="confidentiality" aria-labelledby="confidentiality-heading">
                    <h2 id="confidentiality-heading">"Your privacy"</h2>
                    <p>{CONFIDENTIALITY}</p>
                </section>
                <div on:input=move |ev| goal_length.set(event_target_value(&ev).chars().count())>
                    <TextArea
                        name="goal"
                        label="What would you like from mentoring?"
                        hint="A few sentences in your own words: what is going on, and what you would like to be different. Up to 2,000 characters."
                        value=f.goal.clone()
                        error
                    />
                    <p
                        class="hint character-count"
                        aria-live="polite"
                        class:over-limit=move || { goal_length.get() > MAX_GOAL }
                    >
                        {goal_count}
                    </p>
                </div>
                <CheckboxGroup
                    name="topics"
                    legend="What would you like to talk about?"
                    hint="Choose all that apply."
                    options=Topic::options()
                    checked=f.topics.clone()
                    error
                />
                <SupportBox routes=support_routes hidden_until_chosen=true />
                {named
                    .map(|(id, name)| {
                        view! {
                            <NamedMentor
                                id
                                name
                                chosen=f.named_mentor == named_id || f.named_mentor.is_none()
                                error
                            />
                        }
                    })}
                <h2 class="section-heading">"Your mentor (optional)"</h2>
                <p class="hint">
                    "Leave these empty if anyone suitable would do. "
                    <a href="/directory">"You can also choose a mentor in the directory."</a>
                </p>
                <CheckboxGroup
                    name="professions"
                    legend="Professions you would like your mentor to be from"
                    options=Profession::options()
                    checked=f.professions.clone()
                    error
                />
                <CheckboxGroup
                    name="sectors"
                    legend="Sectors"
                    options=Sector::options()
                    checked=f.sectors.clone()
                    error
                />
                <label class="check">
                    <input
                        type="checkbox"
                        name="outside_own_organisation"
                        value="1"
                        checked=f.outside_own_organisation
                    />
                    "I would like a mentor from outside my own organisation"
                </label>
                <TextField
                    name="organisation"
                    label="Your organisation"
                    hint="Needed only if you want a mentor from outside it."
                    error
                    value=Some(f.organisation.clone())
                    autocomplete="organization"
                />
                <CheckboxGroup
                    name="areas"
                    legend="Areas"
                    options=Area::options()
                    checked=f.areas.clone()
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
                    legend="Forms of mentoring"
                    options=MentoringForm::options()
                    checked=f.forms.clone()
                    error
                />
                <h2 class="section-heading">"When you could meet"</h2>
                <DaysAndTimes days=f.days.clone() times=f.times.clone() days_legend="Days" error />
                <h2 class="section-heading">"Sharing"</h2>
                <label class="check" for="share_with_mentor">
                    <input
                        type="checkbox"
                        id="share_with_mentor"
                        name="share_with_mentor"
                        value="1"
                        checked=f.share_with_mentor
                    />
                    {SHARE_LABEL}
                </label>
                <div class="button-row">
                    <button
                        type="submit"
                        name="intent"
                        value="submit"
                        class="button"
                        on:click=cancel_autosave
                    >
                        "Send request"
                    </button>
                    <button
                        type="submit"
                        name="intent"
                        value="save"
                        class="button button-secondary"
                        on:click=cancel_autosave
                    >
                        "Save draft"
                    </button>
                </div>
                <p class="hint" role="status">
                    {autosaved}
                </p>
            </div>
        </ActionForm>
    }
    .into_any()
}

/// "Ask for this mentor" or "let a coordinator suggest one".
#[component]
fn NamedMentor(id: i64, name: String, chosen: bool, error: Signal<Option<AppError>>) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.for_field("named_mentor"));
    view! {
        <fieldset class="field" id="named_mentor" tabindex="-1" class:field-error=move || message().is_some()>
            <legend>"Who to ask"</legend>
            <FieldMessage name="named_mentor" error />
            <label class="check">
                <input type="radio" name="named_mentor" value=id.to_string() checked=chosen />
                {format!("Ask for {name}")}
            </label>
            <label class="check">
                <input type="radio" name="named_mentor" value="" checked=!chosen />
                "Let a coordinator suggest a mentor"
            </label>
        </fieldset>
    }
}
