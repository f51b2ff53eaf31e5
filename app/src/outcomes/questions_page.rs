//! The questions of one invitation at `/questions/:invitation`, reached
//! from the email's link and from the home page: a radio group per scale
//! in a fieldset, the optional free text, and "don't ask me again". Works
//! without JavaScript (a plain post, with what was chosen kept on error)
//! and with it. Once sent, the page only thanks the person: answers are
//! never shown back, and cannot be changed.

use super::functions::{
    load_questions, InvitationQuestions, QuestionView, SaveNoSurveys, SendAnswers, Standing, THANK_YOU,
};
use super::questionnaires::MAX_TEXT;
use crate::error::AppError;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::forms::{error_signal, form, notice_signal, ErrorSummary, FormFlash, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let send = ServerAction::<SendAnswers>::new();
    let stop = ServerAction::<SaveNoSurveys>::new();
    // The page reloads only after answers were accepted: refused ones keep
    // what was chosen in the form.
    let sent = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(send.value().get(), Some(Ok(_))) {
            sent.update(|n| *n += 1);
        }
    });
    let params = use_params_map();
    let id = move || params.read().get("invitation").and_then(|v| v.parse::<i64>().ok());
    let page = use_page_context();
    let questions = Resource::new(
        move || (sent.get(), stop.version().get(), id()),
        |(_, _, id)| async move {
            match id {
                Some(id) => load_questions(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="A few questions" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let answers_flash = context.as_ref().and_then(|c| c.flash_for(form::<SendAnswers>()));
                let stop_flash = context.as_ref().and_then(|c| c.flash_for(form::<SaveNoSurveys>()));
                let error = error_signal(move || send.value().get(), answers_flash.clone());
                let stop_notice = notice_signal(move || stop.value().get(), stop_flash);
                match questions.await {
                    Ok(q) => {
                        view! {
                            <h1>{q.title.clone()}</h1>
                            <Notice message=stop_notice />
                            {match q.standing {
                                Standing::Answered => {
                                    view! {
                                        <div class="notice" role="status">
                                            {THANK_YOU}
                                        </div>
                                        <p>
                                            "Answers cannot be changed once sent. They are never shown to the other person, and the service reports them only added together with everyone else's."
                                        </p>
                                        <p>
                                            <a href="/">"Back to your home page"</a>
                                        </p>
                                    }
                                        .into_any()
                                }
                                Standing::Lapsed => {
                                    view! {
                                        <p class="status-box">{super::functions::LAPSED}</p>
                                        <p>
                                            <a href="/">"Back to your home page"</a>
                                        </p>
                                    }
                                        .into_any()
                                }
                                Standing::Open => {
                                    view! {
                                        <AnswerForm q=q.clone() action=send error flash=answers_flash />
                                        <StopAsking q action=stop />
                                    }
                                        .into_any()
                                }
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

#[component]
fn AnswerForm(
    q: InvitationQuestions,
    action: ServerAction<SendAnswers>,
    error: Signal<Option<AppError>>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let typed = flash.filter(|f| f.error.is_some());
    view! {
        <p>
            "Your answers help the service show what difference it makes. They are never shown to the other person, "
            "and the service reports them only added together with everyone else's. "
            {format!("These questions are open until {}.", q.closes_on)}
        </p>
        <ActionForm action attr:class="form questions-form">
            <ErrorSummary error />
            <input type="hidden" name="invitation" value=q.id.to_string() />
            {q
                .questions
                .into_iter()
                .map(|question| {
                    let chosen = typed.as_ref().and_then(|f| f.value(&question.key)).unwrap_or_default();
                    view! { <Question question chosen error /> }
                })
                .collect_view()}
            <button type="submit" class="button">
                "Send my answers"
            </button>
        </ActionForm>
    }
}

/// One question, with its message beside it.
#[component]
fn Question(question: QuestionView, chosen: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let key = question.key.clone();
    let message = {
        let key = key.clone();
        move || error.get().and_then(|e| e.for_field(&key))
    };
    let has_error = message.clone();
    let error_id = format!("{key}-error");
    let shown_message = {
        let (message, error_id) = (message.clone(), error_id.clone());
        move || {
            message().map(|t| {
                view! {
                    <p class="field-message" id=error_id.clone()>
                        <span class="visually-hidden">"Error: "</span>
                        {t}
                    </p>
                }
            })
        }
    };
    match question.kind.as_str() {
        "text" => {
            let hint_id = format!("{key}-hint");
            let described = {
                let (hint_id, error_id, message) = (hint_id.clone(), error_id.clone(), message.clone());
                move || if message().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
            };
            view! {
                <div class="field" class:field-error=move || has_error().is_some()>
                    <label for=key.clone()>{question.wording.clone()}</label>
                    <p class="hint" id=hint_id.clone()>
                        {format!("Optional. Up to {MAX_TEXT} characters. Please do not name anyone.")}
                    </p>
                    {shown_message}
                    <textarea
                        id=key.clone()
                        name=key.clone()
                        rows="5"
                        maxlength=MAX_TEXT.to_string()
                        aria-describedby=described
                    >
                        {chosen}
                    </textarea>
                </div>
            }
            .into_any()
        }
        _ => {
            let options: Vec<(String, String)> = match &question.ends {
                Some((low, high)) => (1..=5)
                    .map(|n| {
                        let label = match n {
                            1 => format!("1 – {low}"),
                            5 => format!("5 – {high}"),
                            n => n.to_string(),
                        };
                        (n.to_string(), label)
                    })
                    .collect(),
                None => question.choices.clone(),
            };
            let scale = question.ends.is_some();
            view! {
                <fieldset
                    class="field answer-group"
                    class:scale=scale
                    id=key.clone()
                    tabindex="-1"
                    class:field-error=move || has_error().is_some()
                    aria-describedby=move || message().is_some().then(|| error_id.clone())
                >
                    <legend>{question.wording.clone()}</legend>
                    {shown_message}
                    <div class="answer-options">
                        {options
                            .into_iter()
                            .map(|(value, label)| {
                                let checked = value == chosen;
                                view! {
                                    <label class="check">
                                        <input type="radio" name=key.clone() value=value checked=checked />
                                        {label}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
            }
            .into_any()
        }
    }
}

/// "Don't ask me again", beside the questions.
#[component]
fn StopAsking(q: InvitationQuestions, action: ServerAction<SaveNoSurveys>) -> impl IntoView {
    view! {
        <section aria-labelledby="stop-heading" class="stop-asking">
            <h2 id="stop-heading">"Rather not be asked?"</h2>
            {if q.no_surveys {
                view! {
                    <p>
                        "You have asked us not to send you any more questions. You can still answer these if you wish, and change your mind on "
                        <a href="/account">"your account page"</a>"."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p>
                        "You can stop all questions like these. You can turn them back on from "
                        <a href="/account">"your account page"</a>"."
                    </p>
                    <ActionForm action attr:class="form form-inline">
                        <input type="hidden" name="surveys" value="stop" />
                        <button type="submit" class="button button-secondary">
                            "Don't ask me again"
                        </button>
                    </ActionForm>
                }
                    .into_any()
            }}
        </section>
    }
}
