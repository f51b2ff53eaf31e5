//! `/sessions/book?with=…`: a mentee's free times with their mentor for
//! the next eight weeks, one week at a time (a grid on a wide screen, a
//! list on a phone) or as a month overview; choosing a time opens the form
//! that books it. `moving=…` moves an existing session instead.

use super::booking_month::Month;
use super::booking_times::{MeetingTimes, Suiting, SHOWN};
use super::functions::{load_booking, BookSession, MoveSession};
use super::views::BookingPage as Data;
use crate::error::AppError;
use crate::requests::times::SaveMeetingTimes;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::fields::FieldMessage;
use crate::shell::forms::{error_signal, form, notice_signal, ErrorSummary, FormFlash, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The query in the address. Without a week the page opens on the first
/// week that has a free time.
#[derive(Clone, PartialEq)]
struct Query {
    with: i64,
    moving: Option<i64>,
    at: Option<i64>,
    week: Option<usize>,
    month: bool,
}

impl Query {
    fn place(&self, first_free_week: usize) -> Place {
        Place {
            with: self.with,
            moving: self.moving,
            at: self.at,
            week: self.week.unwrap_or(first_free_week),
            month: self.month,
        }
    }
}

/// Where on this journey a page is, with the week to show settled.
#[derive(Clone, PartialEq)]
pub struct Place {
    with: i64,
    moving: Option<i64>,
    at: Option<i64>,
    week: usize,
    month: bool,
}

impl Place {
    pub fn href(&self, at: Option<i64>, week: usize, month: bool) -> String {
        let mut href = format!("/sessions/book?with={}", self.with);
        if let Some(id) = self.moving {
            href.push_str(&format!("&moving={id}"));
        }
        // Always named, even the first: without it the page would open
        // on the first week with free times instead.
        if month {
            href.push_str("&view=month");
        } else {
            href.push_str(&format!("&week={week}"));
        }
        if let Some(t) = at {
            href.push_str(&format!("&at={t}"));
        }
        href
    }
}

#[component]
pub fn BookingPage() -> impl IntoView {
    let query = use_query_map();
    let place = Memo::new(move |_| {
        let q = query.read();
        let number = |name: &str| q.get(name).and_then(|v| v.parse::<i64>().ok());
        Query {
            with: number("with").unwrap_or(0),
            moving: number("moving"),
            at: number("at"),
            week: number("week").map(|w| w.clamp(0, 7) as usize),
            month: q.get("view").as_deref() == Some("month"),
        }
    });
    let book = ServerAction::<BookSession>::new();
    let shift = ServerAction::<MoveSession>::new();
    let save_times = ServerAction::<SaveMeetingTimes>::new();
    let page = use_page_context();
    // The week and view are part of the key so that moving between them
    // draws the page again (the data is the same eight weeks).
    let data = Resource::new(
        move || {
            let p = place.get();
            let versions = (book.version().get(), shift.version().get(), save_times.version().get());
            (p.with, p.moving, p.at, p.week, p.month, versions)
        },
        |(with, moving, at, ..)| async move {
            // No relationship number, or not a number: an address to nothing.
            if with == 0 {
                return Err(AppError::NotFound);
            }
            load_booking(with, moving, at).await
        },
    );
    view! {
        <Title text="Book a mentoring session" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = context
                    .as_ref()
                    .and_then(|c| c.flash_for_any(&[form::<BookSession>(), form::<MoveSession>()]));
                let times_flash = context.as_ref().and_then(|c| c.flash_for(form::<SaveMeetingTimes>()));
                match data.await {
                    Ok(data) => {
                        let place = place.get_untracked().place(data.first_free_week());
                        view! { <Booking data place book shift save_times flash times_flash /> }.into_any()
                    }
                    Err(error) => {
                        view! {
                            <h1>"Book a mentoring session"</h1>
                            <ErrorPage error />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Booking(
    data: Data,
    place: Place,
    book: ServerAction<BookSession>,
    shift: ServerAction<MoveSession>,
    save_times: ServerAction<SaveMeetingTimes>,
    flash: Option<FormFlash>,
    times_flash: Option<FormFlash>,
) -> impl IntoView {
    let last = move || book.value().get().or_else(|| shift.value().get());
    let error = error_signal(last, flash.clone());
    let notice = notice_signal(last, flash.clone());
    let done = move || notice.get().is_some();
    let heading = match &data.moving {
        Some((_, now)) => format!("Move your session of {now}"),
        None => format!("Book a session with {}", data.mentor_name),
    };
    let intro =
        format!("Sessions last {} minutes. Times are shown in {}.", data.session_minutes, data.zone_label);
    let picker = {
        let (data, place) = (data.clone(), place.clone());
        move || {
            (!done()).then(|| {
                view! { <Picker data=data.clone() place=place.clone() book shift error flash=flash.clone() /> }
            })
        }
    };
    view! {
        <p class="back-link">
            <a href="/sessions">"Your sessions"</a>
        </p>
        <h1>{heading}</h1>
        <Notice message=notice />
        {move || {
            done()
                .then(|| {
                    view! {
                        <p>
                            <a href="/sessions">"See your sessions"</a>
                        </p>
                    }
                })
        }}
        {(!done()).then(|| view! { <MeetingTimes data=data.clone() save=save_times flash=times_flash /> })}
        {if data.open {
            view! {
                <p class="lead">{intro}</p>
                {picker}
            }
                .into_any()
        } else {
            view! {
                <p>
                    {format!(
                        "{} has not opened any times for booking yet. Please try again later, or contact them.",
                        data.mentor_name,
                    )}
                </p>
            }
                .into_any()
        }}
    }
}

#[component]
fn Picker(
    data: Data,
    place: Place,
    book: ServerAction<BookSession>,
    shift: ServerAction<MoveSession>,
    error: Signal<Option<crate::error::AppError>>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    if let Some((starts, when)) = data.chosen.clone() {
        return view! { <Confirm data place starts when book shift error flash /> }.into_any();
    }
    let views = view! {
        <nav class="view-switch" aria-label="How to show the times">
            <a href=place.href(None, place.week, false) aria-current=(!place.month).then_some("page")>
                "Week"
            </a>
            <a href=place.href(None, 0, true) aria-current=place.month.then_some("page")>
                "Month"
            </a>
        </nav>
    };
    let next = data.next_free_time().map(|when| view! { <p>{format!("The next free time is {when}.")}</p> });
    let picks = data
        .suiting(SHOWN)
        .into_iter()
        .map(|(w, day, slot)| {
            (place.href(Some(slot.starts), w, false), format!("{}, {}", day.label, slot.time))
        })
        .collect();
    let suiting = view! { <Suiting heading=data.suiting_heading() picks /> };
    let body = if place.month {
        view! { <Month data=data.clone() place=place.clone() /> }.into_any()
    } else {
        view! { <Week data=data.clone() place=place.clone() /> }.into_any()
    };
    view! {
        {suiting}
        {views}
        {next}
        {body}
    }
    .into_any()
}

#[component]
fn Week(data: Data, place: Place) -> impl IntoView {
    let weeks = &data.weeks;
    let Some(week) = weeks.get(place.week).cloned() else { return ().into_any() };
    let total: usize = weeks.iter().map(|w| w.days.iter().map(|d| d.slots.len()).sum::<usize>()).sum();
    view! {
        <nav class="week-pager" aria-label="Weeks">
            {(place.week > 0)
                .then(|| view! { <a href=place.href(None, place.week - 1, false)>"Earlier week"</a> })}
            <h2 class="week-label">{week.label.clone()}</h2>
            {(place.week + 1 < weeks.len())
                .then(|| view! { <a href=place.href(None, place.week + 1, false)>"Later week"</a> })}
        </nav>
        {(total == 0)
            .then(|| {
                view! {
                    <p>"There are no free times in the next eight weeks. Please contact your mentor."</p>
                }
            })}
        <ol class="slot-week">
            {week
                .days
                .into_iter()
                .map(|d| {
                    let id = format!("day-{}", d.date);
                    view! {
                        <li class="slot-day" id=id>
                            <h3 class="slot-day-label">{d.label.clone()}</h3>
                            {if d.slots.is_empty() {
                                view! { <p class="hint">"No free times"</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="slot-list">
                                        {d
                                            .slots
                                            .iter()
                                            .map(|s| {
                                                let href = place.href(Some(s.starts), place.week, false);
                                                let label = data.slot_label(&d, s);
                                                view! {
                                                    <li>
                                                        <a
                                                            href=href
                                                            class="slot"
                                                            class:slot-suits=s.suits
                                                            aria-label=label
                                                        >
                                                            {s.time.clone()}
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn Confirm(
    data: Data,
    place: Place,
    starts: i64,
    when: String,
    book: ServerAction<BookSession>,
    shift: ServerAction<MoveSession>,
    error: Signal<Option<crate::error::AppError>>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let back = place.href(None, place.week, place.month);
    let message = move |field: &'static str| move || error.get().and_then(|e| e.for_field(field));
    let typed = |name: &str| flash.as_ref().and_then(|f| f.value(name)).unwrap_or_default();
    let agenda = typed("agenda");
    let form = if let Some((id, _)) = data.moving {
        view! {
            <ActionForm action=shift attr:class="confirm-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="starts" value=starts.to_string() />
                <button type="submit" class="button">
                    "Move the session to this time"
                </button>
            </ActionForm>
        }
        .into_any()
    } else {
        let chosen = typed("location");
        let first = data.locations.first().map(|(k, _)| k.clone()).unwrap_or_default();
        let chosen = if chosen.is_empty() { first } else { chosen };
        view! {
            <ActionForm action=book attr:class="confirm-form">
                <input type="hidden" name="with" value=data.request_id.to_string() />
                <input type="hidden" name="starts" value=starts.to_string() />
                <fieldset
                    class="field"
                    id="location"
                    class:field-error=move || message("location")().is_some()
                >
                    <legend>"How you will meet"</legend>
                    <FieldMessage name="location" error />
                    {data
                        .locations
                        .iter()
                        .map(|(key, label)| {
                            view! {
                                <label class="check">
                                    <input
                                        type="radio"
                                        name="location"
                                        value=key.clone()
                                        checked=*key == chosen
                                    />
                                    {label.clone()}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="field" class:field-error=move || message("agenda")().is_some()>
                    <label for="agenda">"Agenda (optional)"</label>
                    <p class="hint" id="agenda-hint">
                        "What you would like to talk about. Only you and your mentor see it; it is never emailed."
                    </p>
                    <FieldMessage name="agenda" error />
                    <textarea id="agenda" name="agenda" rows="4" aria-describedby="agenda-hint">
                        {agenda}
                    </textarea>
                </div>
                <button type="submit" class="button">
                    "Book this session"
                </button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <h2>{format!("Your chosen time: {when}")}</h2>
        <ErrorSummary error />
        {form}
        <p>
            <a href=back>"Choose another time"</a>
        </p>
    }
}
