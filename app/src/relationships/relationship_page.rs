//! One relationship at `/mentoring/:id`: who, since when, where it is,
//! session counts, what to do next, the pair's agreement, and the form to
//! end it. Once ended it is read-only and says so. Works without
//! JavaScript.

use super::agreement_form::AgreementSection;
use super::attention_panel::AttentionPanel;
use super::functions::{load_relationship, AgreeToAgreement, EndRelationship};
use super::lifecycle::{EndReason, RelationshipState};
use super::pair_sessions_section::PairSessionsSection;
use super::views::{RelationshipView, Viewer};
use crate::dates;
use crate::error::AppError;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::facts::Facts;
use crate::shell::fields::FieldMessage;
use crate::shell::forms::{outcome_of, ErrorSummary, FormFlash, FormOutcome, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RelationshipPage() -> impl IntoView {
    let end = ServerAction::<EndRelationship>::new();
    let agree = ServerAction::<AgreeToAgreement>::new();
    let typed = RwSignal::new(None);
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let page = use_page_context();
    let relationship = Resource::new(
        move || (end.version().get(), agree.version().get(), id()),
        |(_, _, id)| async move {
            match id {
                Some(id) => load_relationship(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Mentoring" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let FormOutcome { flash, error, notice } = outcome_of(end, context.as_ref());
                let FormOutcome { flash: agree_flash, error: agree_error, notice: agree_notice } = outcome_of(
                    agree,
                    context.as_ref(),
                );
                match relationship.await {
                    Ok(r) => {
                        view! {
                            <h1>"Mentoring"</h1>
                            <Notice message=notice />
                            <Summary r=r.clone() />
                            {(r.state == RelationshipState::Ended)
                                .then(|| view! { <Ended viewer=r.viewer /> })}
                            {r.end_prompt.clone().map(|text| view! { <EndPrompt text /> })}
                            {r.state.is_under_way().then(|| view! { <NextSteps r=r.clone() /> })}
                            {r
                                .agreement
                                .clone()
                                .map(|agreement| {
                                    view! {
                                        <AgreementSection
                                            id=r.id
                                            viewer=r.viewer
                                            agreement
                                            action=agree
                                            typed
                                            error=agree_error
                                            notice=agree_notice
                                            flash=agree_flash
                                        />
                                    }
                                })}
                            {(r.viewer != Viewer::Coordinator)
                                .then(|| view! { <PairSessionsSection id=r.id page /> })}
                            <AttentionPanel id=r.id page />
                            {r
                                .state
                                .is_under_way()
                                .then(|| {
                                    view! { <EndForm id=r.id viewer=r.viewer action=end error flash /> }
                                })}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Who, since when, where it is, and the counts.
#[component]
fn Summary(r: RelationshipView) -> impl IntoView {
    let mut facts = vec![
        ("Mentor".to_string(), r.mentor_name.clone()),
        ("Mentee".to_string(), r.mentee_name.clone()),
        ("Since".to_string(), dates::long(&r.started_on)),
        ("State".to_string(), r.state.describe().to_string()),
    ];
    if let Some(on) = &r.ended_on {
        facts.push(("Ended on".to_string(), dates::long(on)));
    }
    if let Some(reason) = &r.end_reason {
        facts.push(("Why it ended".to_string(), reason.clone()));
    }
    if let Some(by) = &r.ended_by {
        facts.push(("Ended by".to_string(), by.clone()));
    }
    if let Some(said) = &r.can_meet {
        let term = if r.viewer == Viewer::Mentee {
            "You can usually meet".to_string()
        } else {
            format!("{} can usually meet", r.mentee_name)
        };
        facts.push((term, said.clone()));
    }
    facts.push(("Sessions held".to_string(), r.sessions_held.to_string()));
    facts.push(("Sessions booked".to_string(), r.sessions_booked.to_string()));
    if let Some(note) = &r.end_note {
        facts.push(("Note for coordinators".to_string(), note.clone()));
    }
    view! { <Facts facts=facts class="relationship-facts" /> }
}

#[component]
fn NextSteps(r: RelationshipView) -> impl IntoView {
    let book = format!("/sessions/book?with={}", r.id);
    view! {
        <p class="actions">
            {(r.viewer == Viewer::Mentee)
                .then(|| {
                    view! {
                        <a href=book class="button">
                            "Book a session"
                        </a>
                    }
                })}
            {(r.viewer != Viewer::Coordinator)
                .then(|| {
                    view! {
                        <a href="/sessions" class="button button-secondary">
                            "Your sessions"
                        </a>
                    }
                })}
        </p>
    }
}

/// The agreed end is near or past: extend it or end it.
#[component]
fn EndPrompt(text: String) -> impl IntoView {
    view! {
        <div class="status-box agreed-end" role="status">
            <p>
                <strong>{text}</strong>
            </p>
            <p class="actions">
                <a href="#agreement-heading" class="button button-secondary">
                    "Extend it in the agreement"
                </a>
                <a href="#end-heading" class="button button-secondary">
                    "End it"
                </a>
            </p>
        </div>
    }
}

#[component]
fn Ended(viewer: Viewer) -> impl IntoView {
    view! {
        <div class="status-box" role="status">
            <p>
                <strong>"This mentoring relationship has ended."</strong>
            </p>
            <p>
                "It stays here for you to read. No more sessions can be booked in it, and nothing here can be changed."
            </p>
            {(viewer == Viewer::Mentee)
                .then(|| {
                    view! {
                        <p>
                            <a href="/request">"Ask for a mentor again"</a>
                        </p>
                    }
                })}
        </div>
    }
}

/// The end form: a reason from the list and a note only coordinators read.
#[component]
fn EndForm(
    id: i64,
    viewer: Viewer,
    action: ServerAction<EndRelationship>,
    error: Signal<Option<AppError>>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let typed = move |field: &str| flash.as_ref().and_then(|f| f.value(field)).unwrap_or_default();
    let (chosen, note) = (typed("reason"), typed("note"));
    let message = move |field: &'static str| move || error.get().and_then(|e| e.for_field(field));
    let note_hint = match viewer {
        Viewer::Coordinator => "Only coordinators read this note. The pair never see it.",
        _ => "Only the service's coordinators read this note. The other person never sees it.",
    };
    view! {
        <section aria-labelledby="end-heading">
            <h2 id="end-heading">"End the mentoring"</h2>
            <p>
                "Ending cancels any sessions still to come (you will both be emailed) and frees the mentor's place for someone else."
            </p>
            <ErrorSummary error />
            <ActionForm action attr:class="form end-form">
                <input type="hidden" name="id" value=id.to_string() />
                <fieldset
                    class="field"
                    id="reason"
                    tabindex="-1"
                    class:field-error=move || message("reason")().is_some()
                >
                    <legend>"Why is it ending?"</legend>
                    <FieldMessage name="reason" error />
                    {EndReason::ALL
                        .into_iter()
                        .map(|reason| {
                            let key = reason.key();
                            view! {
                                <label class="check">
                                    <input type="radio" name="reason" value=key checked=chosen == key />
                                    {reason.label()}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="field" class:field-error=move || message("note")().is_some()>
                    <label for="note">"A note for the coordinators (optional)"</label>
                    <p class="hint" id="note-hint">
                        {note_hint}
                    </p>
                    <FieldMessage name="note" error />
                    <textarea id="note" name="note" rows="3" aria-describedby="note-hint">
                        {note}
                    </textarea>
                </div>
                <button type="submit" class="button">
                    "End the mentoring"
                </button>
            </ActionForm>
        </section>
    }
}
