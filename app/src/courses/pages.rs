//! The course catalogue (`/courses`) and one run (`/courses/:id`) where
//! staff take a place, join the waiting list or give a place up.

use super::certificate_functions::load_my_certificates;
use super::functions::{load_course, load_courses, CancelMyPlace, RegisterForCourse};
use super::lists::{CourseKind, PlaceState, RunStatus};
use super::views::{CourseList, RunCard};
use crate::dates;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::forms::{error_signal, form, notice_signal, ErrorSummary, Notice};
use crate::vocabulary::Area;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CoursesPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |name: &str| query.read().get(name).unwrap_or_default();
    let list =
        Resource::new(move || (get("kind"), get("month"), get("area")), |(k, m, a)| load_courses(k, m, a));
    let certificates = Resource::new(|| (), |_| load_my_certificates());
    view! {
        <Title text="Mentor training courses" />
        <h1>"Mentor training courses"</h1>
        <p class="lead">
            "Train as a mentor on our accredited two-day course, or keep your accreditation current with a refresher."
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let mine = certificates.await.unwrap_or_default();
                match list.await {
                    Ok(list) => {
                        view! {
                            <Catalogue list kind=get("kind") month=get("month") area=get("area") />
                            {(!mine.is_empty())
                                .then(|| {
                                    view! {
                                        <section aria-labelledby="certificates-heading">
                                            <h2 id="certificates-heading">"Your certificates"</h2>
                                            <ul class="link-list">
                                                {mine
                                                    .into_iter()
                                                    .map(|c| {
                                                        let href = format!("/certificates/{}", c.code);
                                                        view! {
                                                            <li>
                                                                <a href=href>
                                                                    {format!(
                                                                        "{}, {}",
                                                                        c.course_title,
                                                                        dates::long(&c.completed_on),
                                                                    )}
                                                                </a>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        </section>
                                    }
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

fn month_label(month: &str) -> String {
    // "2027-03" → "March 2027", through the long date of its first day.
    let long = dates::long(&format!("{month}-01"));
    long.split_once(' ').map_or(long.clone(), |(_, rest)| rest.to_string())
}

#[component]
fn Catalogue(list: CourseList, kind: String, month: String, area: String) -> impl IntoView {
    let option = |value: &str, label: String, chosen: &str| {
        let selected = value == chosen;
        view! {
            <option value=value.to_string() selected=selected>
                {label}
            </option>
        }
    };
    view! {
        <form method="get" action="/courses" class="course-filters">
            <div class="field">
                <label for="kind">"Course"</label>
                <select id="kind" name="kind">
                    {option("", "All courses".into(), &kind)}
                    {CourseKind::ALL.iter().map(|k| option(k.key(), k.label().into(), &kind)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="month">"Month"</label>
                <select id="month" name="month">
                    {option("", "Any month".into(), &month)}
                    {list.months.iter().map(|m| option(m, month_label(m), &month)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="area">"Area"</label>
                <select id="area" name="area">
                    {option("", "Anywhere".into(), &area)}
                    {option("online", "Online".into(), &area)}
                    {Area::ALL.iter().map(|a| option(a.key(), a.label().into(), &area)).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">
                "Show courses"
            </button>
        </form>
        {if list.runs.is_empty() {
            view! { <p>"No courses match. Try another month or area."</p> }.into_any()
        } else {
            view! {
                <ul class="resource-list">
                    {list.runs.into_iter().map(|run| view! { <RunSummary run /> }).collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

fn days_text(run: &RunCard) -> String {
    run.days
        .iter()
        .map(|d| format!("{}, {} to {}", dates::long(&d.day), d.starts_at, d.ends_at))
        .collect::<Vec<_>>()
        .join("; ")
}

fn place_text(place: Option<PlaceState>) -> Option<&'static str> {
    match place? {
        PlaceState::Registered => Some("You have a place on this course."),
        PlaceState::Waitlisted => Some("You are on the waiting list."),
        PlaceState::Cancelled => None,
    }
}

#[component]
fn RunSummary(run: RunCard) -> impl IntoView {
    let href = format!("/courses/{}", run.id);
    let (title, days, hint) =
        (run.title.clone(), days_text(&run), format!("{} · {}", run.area_label, run.status_text()));
    view! {
        <li class="resource-card">
            <h2 class="card-title">
                <a href=href>{title}</a>
            </h2>
            <p>{days}</p>
            <p class="hint">{hint}</p>
            {place_text(run.my_place).map(|t| view! { <p class="tag">{t}</p> })}
        </li>
    }
}

#[component]
pub fn CoursePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let register = ServerAction::<RegisterForCourse>::new();
    let cancel = ServerAction::<CancelMyPlace>::new();
    let page = use_page_context();
    let run = Resource::new(
        move || (id(), register.version().get(), cancel.version().get()),
        |(id, _, _)| load_course(id),
    );
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = context
                    .as_ref()
                    .and_then(|c| c.flash_for_any(&[form::<RegisterForCourse>(), form::<CancelMyPlace>()]));
                let signed_in = context.as_ref().is_some_and(|c| c.user.is_some());
                let last = move || register.value().get().or_else(|| cancel.value().get());
                let error = error_signal(last, flash.clone());
                let notice = notice_signal(last, flash);
                match run.await {
                    Ok(run) => {
                        view! { <CourseDetail run register cancel error notice signed_in /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CourseDetail(
    run: RunCard,
    register: ServerAction<RegisterForCourse>,
    cancel: ServerAction<CancelMyPlace>,
    error: Signal<Option<crate::error::AppError>>,
    notice: Signal<Option<String>>,
    signed_in: bool,
) -> impl IntoView {
    let where_text = match (run.area.as_str(), run.online_link.is_empty()) {
        ("online", true) => "Online: the link is shown here once you have a place.".to_string(),
        (_, false) => format!("Online: {}", run.online_link),
        _ => run.venue.clone(),
    };
    let id = run.id.to_string();
    let can_register = run.status == RunStatus::Open && !run.closed_for_registration;
    let has_place = matches!(run.my_place, Some(PlaceState::Registered | PlaceState::Waitlisted));
    let action = if !signed_in {
        view! {
            <p>
                <a href="/sign-in">"Sign in"</a>
                " to register for this course."
            </p>
        }
        .into_any()
    } else if has_place {
        view! {
            <ActionForm action=cancel attr:class="inline-form">
                <input type="hidden" name="run_id" value=id.clone() />
                <button type="submit" class="button button-secondary">
                    {if run.my_place == Some(PlaceState::Waitlisted) {
                        "Leave the waiting list"
                    } else {
                        "Give up my place"
                    }}
                </button>
            </ActionForm>
        }
        .into_any()
    } else if let Some(why) = run.not_for_reader.clone().filter(|_| can_register) {
        view! {
            <p class="notice-warning">{why}</p>
            <p>
                <a href="/courses?kind=initial">"See the two-day mentor training courses"</a>
            </p>
        }
        .into_any()
    } else if can_register {
        view! {
            <ActionForm action=register attr:class="inline-form">
                <input type="hidden" name="run_id" value=id.clone() />
                <button type="submit" class="button">
                    {if run.full { "Join the waiting list" } else { "Register for this course" }}
                </button>
            </ActionForm>
        }
        .into_any()
    } else {
        // A cancelled run says so at the top of the page.
        let why = match run.status {
            RunStatus::Cancelled => None,
            RunStatus::Closed => Some("Registration is closed: nobody new can register.".to_string()),
            RunStatus::Open => Some(format!("Registration closed on {}.", dates::long(&run.register_by))),
        };
        why.map(|text| view! { <p>{text}</p> }).into_any()
    };
    view! {
        <Title text=run.title.clone() />
        <p class="back-link">
            <a href="/courses">"All courses"</a>
        </p>
        <h1>{run.title.clone()}</h1>
        <p class="lead">{run.kind_label.clone()}</p>
        {(run.status == RunStatus::Cancelled)
            .then(|| {
                view! {
                    <div class="notice-warning" role="status">
                        {format!("This course has been cancelled: {}", run.cancel_reason)}
                    </div>
                }
            })}
        <Notice message=notice />
        <ErrorSummary error />
        {place_text(run.my_place).map(|t| view! { <p class="tag">{t}</p> })}
        <dl class="summary-list">
            <div>
                <dt>"Who it is for"</dt>
                <dd>{run.who_for.clone()}</dd>
            </div>
            <div>
                <dt>"Days"</dt>
                <dd>{days_text(&run)}</dd>
            </div>
            <div>
                <dt>"Where"</dt>
                <dd>{where_text}</dd>
            </div>
            <div>
                <dt>"Area"</dt>
                <dd>{run.area_label.clone()}</dd>
            </div>
            <div>
                <dt>"Facilitators"</dt>
                <dd>{run.facilitators.clone()}</dd>
            </div>
            <div>
                <dt>"Places"</dt>
                <dd>{run.status_text()}</dd>
            </div>
            <div>
                <dt>"Register by"</dt>
                <dd>{dates::long(&run.register_by)}</dd>
            </div>
        </dl>
        {action}
    }
}
