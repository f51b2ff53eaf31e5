//! The agreement on the relationship's page: what the pair agree, who has
//! agreed it, and the form to agree or change it (read-only once ended).
//! Works without JavaScript; with it, a refused save keeps what was typed
//! while the page reloads the current version.

use super::agreement::{AgreementFields, Frequency};
use super::functions::AgreeToAgreement;
use super::views::{AgreementView, Viewer};
use crate::dates;
use crate::error::AppError;
use crate::requests::request_form::CONFIDENTIALITY_LIMITS;
use crate::shell::facts::Facts;
use crate::shell::fields::{RadioGroup, SelectField, TextArea, TextField};
use crate::shell::forms::{ErrorSummary, FormFlash, Notice};
use leptos::form::FromFormData;
use leptos::html;
use leptos::prelude::*;

/// What was last sent with JavaScript, to show again if it was refused.
pub type Typed = RwSignal<Option<AgreementFields>>;

fn flashed(flash: &FormFlash) -> AgreementFields {
    let value = |field: &str| flash.value(field).unwrap_or_default();
    AgreementFields {
        frequency: value("frequency"),
        length: value("length"),
        sessions: value("sessions"),
        ends_on: value("ends_on"),
        meeting: value("meeting"),
        contact: value("contact"),
        hopes: value("hopes"),
        protected_time: value("protected_time"),
        protected_on: value("protected_on"),
    }
}

/// Who has agreed, in words for `viewer`.
fn status(a: &AgreementView, viewer: Viewer) -> &'static str {
    let (mine, theirs) = match viewer {
        Viewer::Mentor => (a.mentor_agreed, a.mentee_agreed),
        _ => (a.mentee_agreed, a.mentor_agreed),
    };
    match (mine, theirs) {
        (true, true) => "You have both agreed this.",
        (true, false) => "You have agreed this. The other person has not agreed it yet.",
        (false, true) => "The other person has agreed this. Please read it and agree, or change it.",
        (false, false) => "Neither of you has agreed this yet. Please read it and agree, or change it.",
    }
}

#[component]
pub fn AgreementSection(
    id: i64,
    viewer: Viewer,
    agreement: AgreementView,
    action: ServerAction<AgreeToAgreement>,
    typed: Typed,
    error: Signal<Option<AppError>>,
    notice: Signal<Option<String>>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let saying = status(&agreement, viewer);
    view! {
        <section class="agreement" aria-labelledby="agreement-heading">
            <h2 id="agreement-heading">"Your agreement"</h2>
            <Notice message=notice />
            <p class="agreement-status">
                <strong>{saying}</strong>
            </p>
            {if agreement.editable {
                let from_flash = flash.as_ref().filter(|f| f.error.is_some()).map(flashed);
                let from_script = matches!(action.value().get_untracked(), Some(Err(_)))
                    .then(|| typed.get_untracked())
                    .flatten();
                let fields = from_flash.or(from_script).unwrap_or_else(|| agreement.fields.clone());
                // A refused save shows what was typed: from the plain post's
                // flash, or from the last send with JavaScript.
                view! { <AgreementForm id version=agreement.version viewer fields action typed error /> }
                    .into_any()
            } else {
                view! { <AgreementText viewer fields=agreement.fields.clone() /> }.into_any()
            }}
        </section>
    }
}

/// The agreement as text, once it can no longer change.
#[component]
fn AgreementText(viewer: Viewer, fields: AgreementFields) -> impl IntoView {
    let f = fields;
    let often = Frequency::from_key(&f.frequency).map(|q| q.label()).unwrap_or_default().to_string();
    let length = match f.length.as_str() {
        "sessions" => format!("{} sessions", f.sessions),
        _ => format!("Until {}", dates::long(&f.ends_on)),
    };
    let mut facts = vec![
        ("How often", often),
        ("How long", length),
        ("Where or how", f.meeting.clone()),
        ("Between sessions", f.contact.clone()),
        ("What the mentee hopes for", f.hopes.clone()),
    ];
    if viewer == Viewer::Mentee && !f.protected_time.is_empty() {
        let on = (!f.protected_on.is_empty()).then(|| format!(", {}", dates::long(&f.protected_on)));
        facts.push((
            "Protected time agreed with my manager",
            format!("{}{}", if f.protected_time == "yes" { "Yes" } else { "No" }, on.unwrap_or_default()),
        ));
    }
    view! {
        <Facts facts=facts />
        <p>{CONFIDENTIALITY_LIMITS}</p>
    }
}

#[component]
fn AgreementForm(
    id: i64,
    version: i64,
    viewer: Viewer,
    fields: AgreementFields,
    action: ServerAction<AgreeToAgreement>,
    typed: Typed,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let f = fields;
    let form = NodeRef::<html::Form>::new();
    // Keeps what is sent, for the form to show again if it is refused.
    let remember = move |_| {
        let Some(el) = form.get_untracked() else { return };
        let Ok(data) = leptos::web_sys::FormData::new_with_form(&el) else { return };
        if let Ok(args) = AgreeToAgreement::from_form_data(&data) {
            typed.set(Some(args.typed));
        }
    };
    let by_sessions = f.length == "sessions";
    let hopes_label = match viewer {
        Viewer::Mentee => "What you hope to get from mentoring",
        _ => "What your mentee hopes to get from mentoring",
    };
    view! {
        <ErrorSummary error />
        <p class="hint">
            "Agree this together, usually at your first meeting. If either of you changes it, the other is asked to agree again."
        </p>
        <div on:submit=remember>
            <ActionForm action node_ref=form attr:class="form agreement-form" attr:novalidate=true>
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="version" value=version.to_string() />
                <SelectField
                    name="frequency"
                    label="How often you plan to meet"
                    options=Frequency::options()
                    selected=f.frequency.clone()
                    error
                />
                <RadioGroup
                    name="length"
                    legend="How long you plan to meet for"
                    options=vec![("date", "Until an end date"), ("sessions", "For a number of sessions")]
                    chosen=if by_sessions { "sessions" } else { "date" }
                    error
                />
                <TextField
                    name="ends_on"
                    label="End date"
                    kind="date"
                    hint="Six months from the start unless you agree otherwise, and within two years."
                    value=Some(f.ends_on.clone())
                    error
                />
                <TextField
                    name="sessions"
                    label="Number of sessions"
                    hint="If you chose a number of sessions: from 1 to 50."
                    value=Some(f.sessions.clone())
                    error
                />
                <TextField
                    name="meeting"
                    label="Where or how you will meet"
                    hint="For example: the library at City Hospital, or by video. Up to 200 characters."
                    value=Some(f.meeting.clone())
                    error
                />
                <TextField
                    name="contact"
                    label="How you will contact each other between sessions"
                    hint="For example: work email, replies within a week. Up to 200 characters."
                    value=Some(f.contact.clone())
                    error
                />
                <section class="confidentiality" aria-labelledby="agreement-confidentiality-heading">
                    <h3 id="agreement-confidentiality-heading">"Confidentiality and its limits"</h3>
                    <p>{CONFIDENTIALITY_LIMITS}</p>
                </section>
                <TextArea
                    name="hopes"
                    label=hopes_label
                    hint="In your own words, up to 2,000 characters. It starts from what the mentee wrote when asking for a mentor, if they shared it."
                    value=f.hopes.clone()
                    error
                />
                {(viewer == Viewer::Mentee)
                    .then(|| {
                        view! {
                            <RadioGroup
                                name="protected_time"
                                legend="Protected time agreed with my manager (optional)"
                                hint="Only you see this. Do not name your manager."
                                options=vec![("yes", "Yes"), ("no", "No"), ("", "I would rather not say")]
                                chosen=f.protected_time.clone()
                                error
                            />
                            <TextField
                                name="protected_on"
                                label="Date it was agreed (optional)"
                                kind="date"
                                value=Some(f.protected_on.clone())
                                error
                            />
                        }
                    })}
                <button type="submit" class="button">
                    "Save and agree"
                </button>
            </ActionForm>
        </div>
    }
}
