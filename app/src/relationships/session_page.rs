//! One session of a relationship at `/mentoring/:id/sessions/:session`,
//! for the pair only: the actions carried from earlier sessions, the
//! mentee's goals, and once the session was held the actions agreed at it
//! and the viewer's own private notes, in the template of the model they
//! use. Works without JavaScript; the template is chosen with a plain
//! link-like form, so the page can be bookmarked at it.

use super::goals_section::GoalsSection;
use super::notes::{NoteModel, MAX_ACTION, MAX_PART};
use super::session_notes::{
    load_session_notes, ActionView, AddSessionAction, MarkSessionAction, SaveSessionNotes, SessionNotesPage,
};
use crate::error::AppError;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::fields::FieldMessage;
use crate::shell::forms::{form, outcome_from, ErrorSummary, FormFlash, FormKey, FormOutcome, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn SessionNotesPage() -> impl IntoView {
    let save = ServerAction::<SaveSessionNotes>::new();
    let add = ServerAction::<AddSessionAction>::new();
    let mark = ServerAction::<MarkSessionAction>::new();
    // Notes reload only after a save that worked: a refused one keeps
    // what was typed in the boxes.
    let saved = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            saved.update(|n| *n += 1);
        }
    });
    let params = use_params_map();
    let query = use_query_map();
    let ids = move || {
        let p = params.read();
        let number = |key: &str| p.get(key).and_then(|v| v.parse::<i64>().ok());
        number("id").zip(number("session"))
    };
    let template = move || query.read().get("template");
    let page = use_page_context();
    let session = Resource::new(
        move || (saved.get(), add.version().get(), mark.version().get(), ids(), template()),
        |(_, _, _, ids, template)| async move {
            match ids {
                Some((id, session)) => load_session_notes(id, session, template).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="A session" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash_of = |key: FormKey| context.as_ref().and_then(|c| c.flash_for(key));
                let (notes_flash, action_flash, mark_flash) = (
                    flash_of(form::<SaveSessionNotes>()),
                    flash_of(form::<AddSessionAction>()),
                    flash_of(form::<MarkSessionAction>()),
                );
                let FormOutcome { error: notes_error, notice: notes_notice, .. } = outcome_from(
                    save,
                    notes_flash.clone(),
                );
                let FormOutcome { error: action_error, notice: action_notice, .. } = outcome_from(
                    add,
                    action_flash.clone(),
                );
                let FormOutcome { error: mark_error, notice: mark_notice, .. } = outcome_from(
                    mark,
                    mark_flash,
                );
                match session.await {
                    Ok(s) => {
                        view! {
                            <h1>{format!("Session with {}", s.with_name)}</h1>
                            <p class="session-when">
                                <strong>{s.session.when.clone()}</strong>
                                {format!(" · {}", s.session.state_label)}
                            </p>
                            <p>
                                <a href=format!(
                                    "/mentoring/{}",
                                    s.relationship_id,
                                )>"Back to the mentoring"</a>
                            </p>
                            <Notice message=mark_notice />
                            <ErrorSummary error=mark_error />
                            <Carried s=s.clone() mark />
                            {s.session.upcoming.then(|| view! { <GoalsSection id=s.relationship_id page /> })}
                            {if s.held {
                                view! {
                                    <AgreedHere
                                        s=s.clone()
                                        add
                                        mark
                                        error=action_error
                                        notice=action_notice
                                        flash=action_flash
                                    />
                                    <NotesForm
                                        s=s.clone()
                                        action=save
                                        error=notes_error
                                        notice=notes_notice
                                        flash=notes_flash
                                    />
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <p class="status-box">
                                        "Once the session has been held and the mentor has recorded it, you can each keep private notes here and write down the actions you agree."
                                    </p>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The open actions agreed at earlier sessions.
#[component]
fn Carried(s: SessionNotesPage, mark: ServerAction<MarkSessionAction>) -> impl IntoView {
    (!s.carried.is_empty()).then(|| {
        view! {
            <section aria-labelledby="carried-heading">
                <h2 id="carried-heading">"Actions from earlier sessions"</h2>
                <ActionList id=s.relationship_id actions=s.carried.clone() editable=s.editable mark />
            </section>
        }
    })
}

#[component]
fn ActionList(
    id: i64,
    actions: Vec<ActionView>,
    editable: bool,
    mark: ServerAction<MarkSessionAction>,
) -> impl IntoView {
    view! {
        <ul class="action-list">
            {actions
                .into_iter()
                .map(|a| {
                    let (done, button) = if a.done {
                        ("no", "Open it again")
                    } else {
                        ("yes", "Mark as done")
                    };
                    view! {
                        <li>
                            <span class="preserve-lines">{a.body.clone()}</span>
                            <span class="hint">
                                {format!(" (agreed {}{})", a.agreed_at, if a.done { ", done" } else { "" })}
                            </span>
                            {editable
                                .then(|| {
                                    view! {
                                        <ActionForm action=mark attr:class="form-inline">
                                            <input type="hidden" name="id" value=id.to_string() />
                                            <input type="hidden" name="action_id" value=a.id.to_string() />
                                            <input type="hidden" name="done" value=done />
                                            <button
                                                type="submit"
                                                class="button button-secondary"
                                                aria-label=format!("{button}: {}", a.body)
                                            >
                                                {button}
                                            </button>
                                        </ActionForm>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The actions agreed at this session and the form to add one.
#[component]
fn AgreedHere(
    s: SessionNotesPage,
    add: ServerAction<AddSessionAction>,
    mark: ServerAction<MarkSessionAction>,
    error: Signal<Option<AppError>>,
    notice: Signal<Option<String>>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let typed = flash.filter(|f| f.error.is_some()).and_then(|f| f.value("action")).unwrap_or_default();
    let message = move || error.get().and_then(|e| e.for_field("action"));
    view! {
        <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">"Actions agreed at this session"</h2>
            <p class="hint">"You both see these. Until one is done it is carried to your next session."</p>
            <Notice message=notice />
            {if s.agreed_here.is_empty() {
                view! { <p>"None written down yet."</p> }.into_any()
            } else {
                view! {
                    <ActionList id=s.relationship_id actions=s.agreed_here.clone() editable=s.editable mark />
                }
                    .into_any()
            }}
            {s
                .editable
                .then(|| {
                    view! {
                        <ErrorSummary error />
                        <ActionForm action=add attr:class="form add-action">
                            <input type="hidden" name="id" value=s.relationship_id.to_string() />
                            <input type="hidden" name="session" value=s.session.id.to_string() />
                            <div class="field" class:field-error=move || message().is_some()>
                                <label for="action">"An action you agreed"</label>
                                <FieldMessage name="action" error />
                                <input
                                    type="text"
                                    id="action"
                                    name="action"
                                    value=typed
                                    maxlength=MAX_ACTION.to_string()
                                    aria-describedby=move || message().is_some().then_some("action-error")
                                />
                            </div>
                            <button type="submit" class="button button-secondary">
                                "Add action"
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}

/// The viewer's own notes: the template chooser, then a box per part.
#[component]
fn NotesForm(
    s: SessionNotesPage,
    action: ServerAction<SaveSessionNotes>,
    error: Signal<Option<AppError>>,
    notice: Signal<Option<String>>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let other = if s.i_am_mentor { "Your mentee" } else { "Your mentor" };
    let here = format!("/mentoring/{}/sessions/{}", s.relationship_id, s.session.id);
    let refused = flash.filter(|f| f.error.is_some());
    view! {
        <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">"Your private notes"</h2>
            <p class="hint">
                {format!("Only you can read these notes. {other} and the coordinators never see them.")}
            </p>
            <Notice message=notice />
            {s
                .editable
                .then(|| {
                    view! {
                        <form method="get" action=here class="form form-inline template-choice">
                            <div class="field">
                                <label for="template">"Template"</label>
                                <select id="template" name="template">
                                    {NoteModel::ALL
                                        .iter()
                                        .map(|m| {
                                            view! {
                                                <option value=m.key() selected=m.key() == s.model>
                                                    {m.label()}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="button button-secondary">
                                "Use this template"
                            </button>
                        </form>
                        <p class="hint">
                            "Save your notes before changing template: what you saved is kept."
                        </p>
                    }
                })}
            <ErrorSummary error />
            <ActionForm action attr:class="form notes-form">
                <input type="hidden" name="id" value=s.relationship_id.to_string() />
                <input type="hidden" name="session" value=s.session.id.to_string() />
                <input type="hidden" name="model" value=s.model.clone() />
                {s
                    .boxes
                    .iter()
                    .map(|b| {
                        let field = format!("notes-{}", b.key);
                        let name = format!("parts[{}]", b.key);
                        let text = refused
                            .as_ref()
                            .and_then(|f| f.value(&name))
                            .unwrap_or_else(|| b.text.clone());
                        let error_field = field.clone();
                        let message = move || error.get().and_then(|e| e.for_field(&error_field));
                        let error_id = format!("{field}-error");
                        let described = {
                            let (error_id, message) = (error_id.clone(), message.clone());
                            move || message().is_some().then(|| error_id.clone())
                        };
                        let has_error = message.clone();
                        view! {
                            <div class="field" class:field-error=move || has_error().is_some()>
                                <label for=field.clone()>{b.label.clone()}</label>
                                {move || {
                                    message()
                                        .map(|t| {
                                            view! {
                                                <p class="field-message" id=error_id.clone()>
                                                    <span class="visually-hidden">"Error: "</span>
                                                    {t}
                                                </p>
                                            }
                                        })
                                }}
                                <textarea
                                    id=field.clone()
                                    name=name
                                    rows="4"
                                    maxlength=MAX_PART.to_string()
                                    readonly=!s.editable
                                    aria-describedby=described
                                >
                                    {text}
                                </textarea>
                            </div>
                        }
                    })
                    .collect_view()}
                {s
                    .editable
                    .then(|| {
                        view! {
                            <button type="submit" class="button">
                                "Save my notes"
                            </button>
                        }
                    })}
            </ActionForm>
        </section>
    }
}
