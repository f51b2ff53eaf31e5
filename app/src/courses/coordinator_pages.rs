//! Coordinators run the courses: `/coordinator/courses` lists every run
//! and adds one; `/coordinator/courses/:id` is a run's register, where
//! attendance is marked by day and completion recorded, and where a run
//! is changed or cancelled.

use super::coordinator_functions::{
    load_course_register, load_course_runs, CancelCourseRun, CompleteCourse, RecordAccreditationElsewhere,
    SaveAttendance, SaveCourseRun, SetCourseRegistration,
};
use super::lists::{CourseKind, PlaceState, RunStatus};
use super::views::{RegisterRow, RunCard};
use crate::dates;
use crate::error::AppError;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::fields::{FieldMessage, SelectField, TextArea, TextField};
use crate::shell::forms::{
    error_signal, form, notice_signal, outcome_from, ErrorSummary, FormFlash, FormKey, FormOutcome, Notice,
};
use crate::vocabulary::Area;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CourseRunsPage() -> impl IntoView {
    let save = ServerAction::<SaveCourseRun>::new();
    let page = use_page_context();
    let runs = Resource::new(move || save.version().get(), |_| load_course_runs());
    view! {
        <Title text="Courses" />
        <h1>"Courses"</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = context.as_ref().and_then(|c| c.flash_for(form::<SaveCourseRun>()));
                let elsewhere_flash = context
                    .as_ref()
                    .and_then(|c| c.flash_for(form::<RecordAccreditationElsewhere>()));
                match runs.await {
                    Ok(runs) => {
                        view! {
                            <ul class="resource-list">
                                {runs
                                    .into_iter()
                                    .map(|r| {
                                        let href = format!("/coordinator/courses/{}", r.id);
                                        let first = r
                                            .days
                                            .first()
                                            .map(|d| dates::long(&d.day))
                                            .unwrap_or_default();
                                        view! {
                                            <li class="resource-card">
                                                <h2 class="card-title">
                                                    <a href=href>{format!("{}, {first}", r.title)}</a>
                                                </h2>
                                                <p class="hint">
                                                    {format!(
                                                        "{} · {} registered of {} · {} waiting · {}",
                                                        r.area_label,
                                                        r.capacity - r.places_left,
                                                        r.capacity,
                                                        r.waiting,
                                                        r.status.label(),
                                                    )}
                                                </p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            <h2>"Add a course run"</h2>
                            <RunForm save flash run=None />
                            <h2>"Record training done elsewhere"</h2>
                            <Elsewhere flash=elsewhere_flash />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The form for a run: three rows of days (blank rows are ignored).
#[component]
fn RunForm(
    save: ServerAction<SaveCourseRun>,
    flash: Option<FormFlash>,
    run: Option<RunCard>,
) -> impl IntoView {
    let error = error_signal(move || save.value().get(), flash.clone());
    let notice =
        notice_signal(move || save.value().get().map(|r| r.map(|_| "Saved.".to_string())), flash.clone());
    let value =
        move |name: &str, current: String| flash.as_ref().and_then(|f| f.value(name)).unwrap_or(current);
    let r = run.clone();
    let get = move |f: fn(&RunCard) -> String| r.as_ref().map(f).unwrap_or_default();
    let mut days = run.as_ref().map(|r| r.days.clone()).unwrap_or_default();
    days.resize(days.len().max(3), Default::default());
    let day_message = move || error.get().and_then(|e| e.for_field("days"));
    let areas: Vec<(&'static str, &'static str)> =
        std::iter::once(("online", "Online")).chain(Area::options()).collect();
    view! {
        <Notice message=notice />
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <ErrorSummary error />
            <input type="hidden" name="id" value=run.as_ref().map_or(0, |r| r.id).to_string() />
            <SelectField
                name="kind"
                label="Kind of course"
                options=CourseKind::options()
                selected=value("kind", get(|r| r.kind.clone()))
                error
            />
            <TextField
                name="title"
                label="Title"
                error
                value=Some(value("title", get(|r| r.title.clone())))
            />
            <fieldset class="field" id="days" tabindex="-1" class:field-error=move || day_message().is_some()>
                <legend>"Days"</legend>
                <p class="hint">
                    "Date as YYYY-MM-DD, times as HH:MM. Leave a row blank if the course has fewer days."
                </p>
                <FieldMessage name="days" error />
                {days
                    .into_iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let n = i + 1;
                        view! {
                            <div class="day-row">
                                <label>
                                    {format!("Day {n} date")}<input name="day_date[]" value=d.day />
                                </label>
                                <label>
                                    {format!("Day {n} starts")}<input name="day_starts[]" value=d.starts_at />
                                </label>
                                <label>
                                    {format!("Day {n} ends")}<input name="day_ends[]" value=d.ends_at />
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <TextField
                name="venue"
                label="Venue"
                hint="The room and address; leave blank for an online course."
                error
                value=Some(value("venue", get(|r| r.venue.clone())))
            />
            <TextField
                name="online_link"
                label="Online link (for an online course)"
                error
                value=Some(value("online_link", get(|r| r.online_link.clone())))
            />
            <SelectField
                name="area"
                label="Area"
                options=areas
                selected=value("area", get(|r| r.area.clone()))
                error
            />
            <TextField
                name="facilitators"
                label="Facilitators"
                error
                value=Some(value("facilitators", get(|r| r.facilitators.clone())))
            />
            <TextField
                name="capacity"
                label="Places"
                kind="number"
                error
                value=Some(value("capacity", get(|r| r.capacity.to_string())))
            />
            <TextField
                name="register_by"
                label="Last day to register (YYYY-MM-DD)"
                error
                value=Some(value("register_by", get(|r| r.register_by.clone())))
            />
            <button type="submit" class="button">
                "Save course run"
            </button>
        </ActionForm>
    }
}

#[component]
pub fn CourseRegisterPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    // Set by the redirect after adding a run.
    let query = use_query_map();
    let added = move || query.read_untracked().get("added").is_some();
    let attendance = ServerAction::<SaveAttendance>::new();
    let complete = ServerAction::<CompleteCourse>::new();
    let cancel = ServerAction::<CancelCourseRun>::new();
    let save = ServerAction::<SaveCourseRun>::new();
    let registration = ServerAction::<SetCourseRegistration>::new();
    let page = use_page_context();
    let data = Resource::new(
        move || {
            (
                id(),
                attendance.version().get(),
                complete.version().get(),
                cancel.version().get(),
                save.version().get(),
                registration.version().get(),
            )
        },
        |(id, ..)| load_course_register(id),
    );
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = |key: FormKey| context.as_ref().and_then(|c| c.flash_for(key));
                let last = move || {
                    complete
                        .value()
                        .get()
                        .or_else(|| attendance.value().get())
                        .or_else(|| cancel.value().get())
                        .or_else(|| registration.value().get())
                };
                let register_flash = flash(form::<CompleteCourse>())
                    .or_else(|| flash(form::<SaveAttendance>()))
                    .or_else(|| flash(form::<CancelCourseRun>()))
                    .or_else(|| flash(form::<SetCourseRegistration>()));
                let error = error_signal(last, register_flash.clone());
                let notice = notice_signal(last, register_flash);
                let run_flash = flash(form::<SaveCourseRun>());
                match data.await {
                    Ok((run, rows)) => {
                        let added = added()
                            .then(|| {
                                format!(
                                    "Course run added. Staff can find it on the courses page and register until {}.",
                                    dates::long(&run.register_by),
                                )
                            });
                        let notice = Signal::derive(move || notice.get().or_else(|| added.clone()));
                        view! {
                            <Title text=format!("Register: {}", run.title) />
                            <p class="back-link">
                                <a href="/coordinator/courses">"All courses"</a>
                            </p>
                            <h1>{format!("Register: {}", run.title)}</h1>
                            <p class="lead">
                                {run.days.iter().map(|d| dates::long(&d.day)).collect::<Vec<_>>().join(", ")}
                            </p>
                            <Notice message=notice />
                            <ErrorSummary error />
                            <Register rows days=run.days.len() run_id=run.id attendance complete />
                            <Registration run_id=run.id status=run.status registration />
                            <h2>"Change this run"</h2>
                            <RunForm save flash=run_flash run=Some(run.clone()) />
                            <CancelRun run_id=run.id cancel error />
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
fn Register(
    rows: Vec<RegisterRow>,
    days: usize,
    run_id: i64,
    attendance: ServerAction<SaveAttendance>,
    complete: ServerAction<CompleteCourse>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>"Nobody has registered yet."</p> }.into_any();
    }
    view! {
        <ol class="history-list">
            {rows
                .into_iter()
                .map(|row| {
                    let registered = row.state == PlaceState::Registered;
                    let user = row.user_id.to_string();
                    let run = run_id.to_string();
                    let (user2, run2, name2) = (user.clone(), run.clone(), row.name.clone());
                    let state = match (&row.certificate, row.state) {
                        (Some(code), _) => format!("Completed · certificate {code}"),
                        (None, s) => s.label().to_string(),
                    };
                    view! {
                        <li class="history-entry">
                            <h2 class="card-title">{row.name.clone()}</h2>
                            <p class="hint">{format!("{} · {state}", row.email)}</p>
                            {registered
                                .then(|| {
                                    view! {
                                        <ActionForm action=attendance attr:class="inline-form">
                                            <input type="hidden" name="run_id" value=run.clone() />
                                            <input type="hidden" name="user_id" value=user.clone() />
                                            <fieldset class="field">
                                                <legend>{format!("Attendance of {}", row.name)}</legend>
                                                {(1..=days)
                                                    .map(|day| {
                                                        view! {
                                                            <label class="check">
                                                                <input
                                                                    type="checkbox"
                                                                    name="present[]"
                                                                    value=day.to_string()
                                                                    checked=row.present.get(day - 1).copied().unwrap_or(false)
                                                                />
                                                                {format!("Present on day {day}")}
                                                            </label>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </fieldset>
                                            <button type="submit" class="button button-secondary">
                                                {format!("Save attendance for {}", row.name)}
                                            </button>
                                        </ActionForm>
                                    }
                                })}
                            {(registered && row.certificate.is_none())
                                .then(|| {
                                    view! {
                                        <ActionForm action=complete attr:class="inline-form">
                                            <input type="hidden" name="run_id" value=run2.clone() />
                                            <input type="hidden" name="user_id" value=user2.clone() />
                                            <button type="submit" class="button">
                                                {format!("Mark {} as completed", name2)}
                                            </button>
                                        </ActionForm>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn CancelRun(
    run_id: i64,
    cancel: ServerAction<CancelCourseRun>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <h2>"Cancel this run"</h2>
        <p>"Everyone registered or waiting is emailed with the reason."</p>
        <ActionForm action=cancel attr:class="form">
            <input type="hidden" name="run_id" value=run_id.to_string() />
            <TextArea name="reason" label="Why it is cancelled" value=String::new() error />
            <button type="submit" class="button button-warning">
                "Cancel this run"
            </button>
        </ActionForm>
    }
}

/// Accreditation gained with another provider: who, when, and the
/// evidence the coordinator saw.
#[component]
fn Elsewhere(flash: Option<FormFlash>) -> impl IntoView {
    let record = ServerAction::<RecordAccreditationElsewhere>::new();
    let FormOutcome { error, notice, .. } = outcome_from(record, flash.clone());
    let value = move |name: &str| flash.as_ref().and_then(|f| f.value(name));
    view! {
        <p>"For a mentor trained by another accredited provider. They need an account first."</p>
        <Notice message=notice />
        <ActionForm action=record attr:class="form" attr:novalidate=true>
            <ErrorSummary error />
            <TextField name="email" label="Their email address" kind="email" error value=value("email") />
            <TextField
                name="completed_on"
                label="Date training was completed (YYYY-MM-DD)"
                error
                value=value("completed_on")
            />
            <TextArea
                name="evidence"
                label="Evidence seen"
                hint="For example: certificate from the provider, dated, seen by you."
                value=value("evidence").unwrap_or_default()
                error
            />
            <button type="submit" class="button">
                "Record accreditation"
            </button>
        </ActionForm>
    }
}

/// Closing registration early, or opening it again.
#[component]
fn Registration(
    run_id: i64,
    status: RunStatus,
    registration: ServerAction<SetCourseRegistration>,
) -> impl IntoView {
    (status != RunStatus::Cancelled).then(|| {
        let open = status == RunStatus::Open;
        view! {
            <h2>"Registration"</h2>
            <p>
                {if open {
                    "Open: staff can register until the deadline."
                } else {
                    "Closed: nobody new can register."
                }}
            </p>
            <ActionForm action=registration attr:class="inline-form">
                <input type="hidden" name="run_id" value=run_id.to_string() />
                <input type="hidden" name="open" value=if open { "0" } else { "1" } />
                <button type="submit" class="button button-secondary">
                    {if open { "Close registration" } else { "Reopen registration" }}
                </button>
            </ActionForm>
        }
    })
}
