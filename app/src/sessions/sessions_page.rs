//! `/sessions`: a person's sessions as mentee and as mentor, with moving,
//! cancelling and (for mentors, afterwards) recording what happened; the
//! time zone times are shown in; and the private calendar address.

use super::functions::{
    load_sessions, BookSession, CancelSession, MakeCalendarFeed, MarkSession, MoveSession, SetTimeZone,
    StopCalendarFeed,
};
use super::rules::TIME_ZONES;
use super::state::SessionState;
use super::views::{SessionCard, SessionsPage as Data};
use crate::error::AppError;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::forms::{error_signal, form, notice_signal, ErrorSummary, FormFlash, FormKey, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy)]
struct Actions {
    cancel: ServerAction<CancelSession>,
    mark: ServerAction<MarkSession>,
    zone: ServerAction<SetTimeZone>,
    make_feed: ServerAction<MakeCalendarFeed>,
    stop_feed: ServerAction<StopCalendarFeed>,
    /// The session the last cancel form was for: its answer shows there.
    cancelling: RwSignal<Option<i64>>,
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let a = Actions {
        cancel: ServerAction::new(),
        mark: ServerAction::new(),
        zone: ServerAction::new(),
        make_feed: ServerAction::new(),
        stop_feed: ServerAction::new(),
        cancelling: RwSignal::new(None),
    };
    // The input is cleared once the answer arrives; keep which session it was.
    Effect::new(move |_| {
        if let Some(input) = a.cancel.input().get() {
            a.cancelling.set(Some(input.id));
        }
    });
    let page = use_page_context();
    let data = Resource::new(
        move || (a.cancel.version().get(), a.mark.version().get(), a.zone.version().get()),
        |_| load_sessions(),
    );
    view! {
        <Title text="Your sessions" />
        <h1>"Your sessions"</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = |keys: &[FormKey]| context.as_ref().and_then(|c| c.flash_for_any(keys));
                let flashes = Flashes {
                    sessions: flash(&[form::<MarkSession>()])
                        .or_else(|| flash(&[form::<BookSession>(), form::<MoveSession>()])),
                    zone: flash(&[form::<SetTimeZone>()]),
                    feed: flash(&[form::<MakeCalendarFeed>(), form::<StopCalendarFeed>()]),
                    cancel: flash(&[form::<CancelSession>()]),
                };
                match data.await {
                    Ok(data) => view! { <Sessions data a flashes /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[derive(Clone)]
struct Flashes {
    sessions: Option<FormFlash>,
    zone: Option<FormFlash>,
    feed: Option<FormFlash>,
    cancel: Option<FormFlash>,
}

#[component]
fn Sessions(data: Data, a: Actions, flashes: Flashes) -> impl IntoView {
    let notice = notice_signal(
        move || a.cancel.value().get().or_else(|| a.mark.value().get()),
        flashes.sessions.clone().or(flashes.cancel.clone().filter(|f| f.notice.is_some())),
    );
    let mark_error = error_signal(move || a.mark.value().get(), flashes.sessions.clone());
    let mentee_pairs: Vec<_> = data.pairs.iter().filter(|p| !p.i_am_mentor).cloned().collect();
    let mentor_pairs: Vec<_> = data.pairs.iter().filter(|p| p.i_am_mentor).cloned().collect();
    let cutoff = data.cutoff_hours;
    view! {
        <Notice message=notice />
        <ErrorSummary error=mark_error />
        {mentee_pairs
            .into_iter()
            .map(|p| {
                let href = format!("/sessions/book?with={}", p.request_id);
                let about = format!("/mentoring/{}", p.request_id);
                view! {
                    <p class="actions">
                        <a href=href class="button">
                            {format!("Book a session with {}", p.with_name)}
                        </a>
                        <a href=about>{format!("Your mentoring with {}", p.with_name)}</a>
                    </p>
                }
            })
            .collect_view()}
        {(data.pairs.is_empty() && !data.is_mentor)
            .then(|| {
                view! {
                    <p>
                        "You can book sessions once you are matched with a mentor. "
                        <a href="/request">"Ask for a mentor"</a>
                    </p>
                }
            })}
        {data
            .is_mentor
            .then(|| {
                view! {
                    <section aria-labelledby="mentees-heading">
                        <h2 id="mentees-heading">"Your mentees"</h2>
                        {if mentor_pairs.is_empty() {
                            view! { <p>"No mentees at the moment."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list">
                                    {mentor_pairs
                                        .into_iter()
                                        .map(|p| {
                                            view! {
                                                <li>
                                                    <a href=format!(
                                                        "/mentoring/{}",
                                                        p.request_id,
                                                    )>{p.with_name.clone()}</a>
                                                    {format!(": {} held", sessions_count(p.held))}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }}
                        <p>
                            <a href="/availability">"Set the times mentees can book"</a>
                        </p>
                    </section>
                }
            })}
        <section aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">"Coming up"</h2>
            {if data.upcoming.is_empty() {
                view! { <p>"No sessions booked."</p> }.into_any()
            } else {
                view! {
                    <ul class="session-list">
                        {data
                            .upcoming
                            .into_iter()
                            .map(|s| view! { <Upcoming s a cutoff flash=flashes.cancel.clone() /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="past-heading">
            <h2 id="past-heading">"Earlier and cancelled"</h2>
            {if data.past.is_empty() {
                view! { <p>"None yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="session-list">
                        {data.past.into_iter().map(|s| view! { <Past s a /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <ZoneForm zone=data.time_zone a flash=flashes.zone />
        <FeedForms since=data.feed_since a flash=flashes.feed />
    }
}

fn sessions_count(n: i64) -> String {
    if n == 1 {
        "1 session".into()
    } else {
        format!("{n} sessions")
    }
}

#[component]
fn Upcoming(s: SessionCard, a: Actions, cutoff: i64, flash: Option<FormFlash>) -> impl IntoView {
    let id = s.id;
    let mine = move || a.cancelling.get() == Some(id);
    let flash = flash
        .filter(|f| f.form == form::<CancelSession>().name() && f.value("session") == Some(id.to_string()));
    let error = error_signal(move || if mine() { a.cancel.value().get() } else { None }, flash.clone());
    let reason_id = format!("reason-{id}");
    let field_error = move || error.get().and_then(|e| e.for_field("reason"));
    let label = if s.i_am_mentor {
        "Reason (your mentee will see it)"
    } else {
        "Reason (optional; your mentor will see it)"
    };
    let move_href = format!("/sessions/book?with={}&moving={id}", s.request_id);
    let typed = flash.and_then(|f| f.value("reason")).unwrap_or_default();
    view! {
        <li class="session-card">
            <SessionFacts s=s.clone() />
            {if s.can_change {
                view! {
                    <p>
                        <a href=move_href>{format!("Move this session (with {})", s.with_name)}</a>
                    </p>
                    <ActionForm action=a.cancel attr:class="cancel-form">
                        <ErrorSummary error=Signal::derive(move || {
                            error.get().filter(|e| !matches!(e, AppError::Invalid(_)))
                        }) />
                        <input type="hidden" name="id" value=id.to_string() />
                        <div class="field" class:field-error=move || field_error().is_some()>
                            <label for=reason_id.clone()>{label}</label>
                            {move || {
                                field_error()
                                    .map(|t| {
                                        view! {
                                            <p class="field-message" id=format!("reason-{id}-error")>
                                                <span class="visually-hidden">"Error: "</span>
                                                {t}
                                            </p>
                                        }
                                    })
                            }}
                            <textarea id=reason_id.clone() name="reason" rows="2">
                                {typed}
                            </textarea>
                        </div>
                        <button type="submit" class="button button-secondary">
                            "Cancel this session"
                        </button>
                    </ActionForm>
                }
                    .into_any()
            } else if !s.i_am_mentor {
                view! {
                    <p class="hint">
                        {format!("It is less than {cutoff} hours away: to change it, contact your mentor.")}
                    </p>
                }
                    .into_any()
            } else {
                ().into_any()
            }}
        </li>
    }
}

#[component]
fn SessionFacts(s: SessionCard) -> impl IntoView {
    let cancelled = s.session_state() == Some(SessionState::Cancelled);
    view! {
        <h3 class="card-title">{s.when.clone()}</h3>
        <p class:notice-warning=cancelled>{s.summary()}</p>
        {cancelled
            .then(|| {
                let why = if s.cancel_reason.is_empty() {
                    "No reason was given.".to_string()
                } else {
                    format!("Reason: {}", s.cancel_reason)
                };
                view! { <p>{why}</p> }
            })}
        {(!s.place.is_empty()).then(|| view! { <p>{s.place.clone()}</p> })}
        {(!s.agenda.is_empty())
            .then(|| {
                view! {
                    <p class="agenda">
                        <strong>"Agenda (only you two see this): "</strong>
                        {s.agenda.clone()}
                    </p>
                }
            })}
        {(!cancelled)
            .then(|| {
                let href = format!("/mentoring/{}/sessions/{}", s.request_id, s.id);
                let held = s.session_state() == Some(SessionState::Held);
                let text = if held {
                    "Your notes and the actions agreed"
                } else {
                    "Actions and goals for this session"
                };
                view! {
                    <p>
                        <a href=href>{text}</a>
                    </p>
                }
            })}
    }
}

#[component]
fn Past(s: SessionCard, a: Actions) -> impl IntoView {
    let id = s.id.to_string();
    view! {
        <li class="session-card">
            <SessionFacts s=s.clone() />
            {s
                .can_mark
                .then(|| {
                    let id2 = id.clone();
                    view! {
                        <div class="inline-forms">
                            <ActionForm action=a.mark attr:class="inline-form">
                                <input type="hidden" name="id" value=id.clone() />
                                <input type="hidden" name="outcome" value="held" />
                                <button type="submit" class="button button-secondary">
                                    "It was held"
                                </button>
                            </ActionForm>
                            <ActionForm action=a.mark attr:class="inline-form">
                                <input type="hidden" name="id" value=id2 />
                                <input type="hidden" name="outcome" value="no_show" />
                                <button type="submit" class="button button-secondary">
                                    "It did not take place"
                                </button>
                            </ActionForm>
                        </div>
                    }
                })}
        </li>
    }
}

#[component]
fn ZoneForm(zone: String, a: Actions, flash: Option<FormFlash>) -> impl IntoView {
    let notice = notice_signal(move || a.zone.value().get(), flash.clone());
    let error = error_signal(move || a.zone.value().get(), flash);
    view! {
        <section aria-labelledby="zone-heading">
            <h2 id="zone-heading">"Time zone"</h2>
            <Notice message=notice />
            <ErrorSummary error />
            <ActionForm action=a.zone attr:class="inline-form">
                <div class="field">
                    <label for="time_zone">"Show times in"</label>
                    <select id="time_zone" name="time_zone">
                        {TIME_ZONES
                            .iter()
                            .map(|(k, l)| {
                                view! {
                                    <option value=*k selected=*k == zone>
                                        {*l}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="button button-secondary">
                    "Save time zone"
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn FeedForms(since: Option<String>, a: Actions, flash: Option<FormFlash>) -> impl IntoView {
    let notice = notice_signal(
        move || {
            a.make_feed
                .value()
                .get()
                .map(|r| {
                    r.map(|url| format!("Your calendar address (copy it now; it is shown only once): {url}"))
                })
                .or_else(|| a.stop_feed.value().get())
        },
        flash.clone(),
    );
    let error = error_signal(move || a.make_feed.value().get().or_else(|| a.stop_feed.value().get()), flash);
    let has_feed = since.is_some();
    view! {
        <section aria-labelledby="feed-heading">
            <h2 id="feed-heading">"Your sessions in your own calendar"</h2>
            <p>
                "Outlook, Google and Apple calendars can subscribe to a private address that lists your sessions. Anyone with the address can see your session times, so keep it to yourself."
            </p>
            {since
                .as_ref()
                .map(|when| view! { <p class="hint">{format!("You made an address on {when}.")}</p> })}
            <Notice message=notice />
            <ErrorSummary error />
            <div class="inline-forms">
                <ActionForm action=a.make_feed attr:class="inline-form">
                    <button type="submit" class="button button-secondary">
                        {if has_feed {
                            "Make a new address (the old one stops working)"
                        } else {
                            "Make a calendar address"
                        }}
                    </button>
                </ActionForm>
                {has_feed
                    .then(|| {
                        view! {
                            <ActionForm action=a.stop_feed attr:class="inline-form">
                                <button type="submit" class="button button-secondary">
                                    "Stop my calendar address"
                                </button>
                            </ActionForm>
                        }
                    })}
            </div>
        </section>
    }
}
