//! The front page: what the service is, and for signed-in people what
//! they can do next, from their own request, mentoring, mentor listing and
//! coordinator's queues (`next`).

#[cfg(feature = "ssr")]
pub mod db;
pub mod next;

use crate::accounts::{CurrentUser, Role};
use crate::dates;
use crate::outcomes::open_list::OpenQuestions;
use crate::relationships::links::RelationshipLinks;
use crate::shell::context::{use_page_context, PageContext};
use crate::shell::error_pages::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use next::{load_next_steps, CoordinatorNext, MentorNext, NextSteps, PairNext, RequestNext};

#[component]
pub fn HomePage() -> impl IntoView {
    let page = use_page_context();
    view! {
        <Title text="Home" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(PageContext { user: Some(user), .. }) => view! { <Dashboard user /> }.into_any(),
                    Ok(_) => view! { <Welcome /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    view! {
        <h1>"Mentoring for health and care staff"</h1>
        <p class="lead">
            "Mentorwell connects staff across the East Midlands with trained, accredited mentors "
            "from outside their own line of management."
        </p>
        <p>
            "Mentoring is a confidential space to think about your work, your career and your "
            "well-being with someone who has been there. It is open to everyone, at any stage."
        </p>
        <p class="actions">
            <a href="/register" class="button">
                "Create an account"
            </a>
            <a href="/sign-in" class="button button-secondary">
                "Sign in"
            </a>
        </p>
    }
}

#[component]
fn Dashboard(user: CurrentUser) -> impl IntoView {
    let coordinator = user.has(Role::Coordinator);
    let mentor = user.has(Role::Mentor);
    let next = Resource::new(|| (), |_| load_next_steps());
    view! {
        <h1>{format!("Welcome, {}", user.display_name)}</h1>
        <p>{format!("You are signed in as {}.", user.roles_text().to_lowercase())}</p>
        <OpenQuestions />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match next.await {
                    Ok(next) => view! { <NextCards next /> }.into_any(),
                    Err(_) => {
                        view! {
                            <p class="notice" role="status">
                                "We could not load what is next for you. Try again in a moment."
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
        <RelationshipLinks />
        <ul class="card-list">
            {mentor
                .then(|| {
                    view! {
                        <li class="card">
                            <h2>
                                <a href="/profile">"Your mentor profile"</a>
                            </h2>
                            <p>
                                "What staff see in the directory, whether you are listed, and pausing new mentees."
                            </p>
                        </li>
                    }
                })}
            {coordinator
                .then(|| {
                    view! {
                        <li class="card">
                            <h2>
                                <a href="/coordinator">"Coordinator overview"</a>
                            </h2>
                            <p>"Profiles to approve, accounts and the email outbox."</p>
                        </li>
                    }
                })} <li class="card">
                <h2>
                    <a href="/directory">"Find a mentor"</a>
                </h2>
                <p>"Search accredited mentors by topic, profession, area and more."</p>
            </li> <li class="card">
                <h2>
                    <a href="/account">"Your account"</a>
                </h2>
                <p>"Your details and password."</p>
            </li>
        </ul>
    }
}

/// "3 requests", "1 request".
fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What is next for this person, most pressing first.
#[component]
fn NextCards(next: NextSteps) -> impl IntoView {
    let new = next.is_new();
    view! {
        <section class="next-steps" aria-labelledby="next-heading">
            <h2 id="next-heading">"What\u{2019}s next"</h2>
            {next.coordinator.map(|c| view! { <CoordinatorCard c /> })}
            {next.mentor.map(|m| view! { <MentorCard m mentees=next.mentees /> })}
            {next.mentors.into_iter().map(|p| view! { <YourMentorCard p /> }).collect_view()}
            {next.request.map(|r| view! { <RequestCard r /> })}
            {new.then(|| view! { <NewStarterCard /> })}
        </section>
    }
}

#[component]
fn NewStarterCard() -> impl IntoView {
    view! {
        <div class="next-card">
            <h3>"Start with a mentor"</h3>
            <p>
                "Tell us what you would like help with and a coordinator will find a mentor well suited to you, from outside your line of management."
            </p>
            <p class="actions">
                <a href="/request" class="button">
                    "Ask for a mentor"
                </a>
                <a href="/directory">"Find a mentor yourself"</a>
                <a href="/courses">"Train to be a mentor"</a>
            </p>
        </div>
    }
}

#[component]
fn RequestCard(r: RequestNext) -> impl IntoView {
    let (title, link) = if r.draft {
        ("Your request is not sent yet", "Finish and send your request")
    } else {
        ("Your request for a mentor", "See your request")
    };
    view! {
        <div class="next-card">
            <h3>{title}</h3>
            <p>{r.status}</p>
            <p>
                <a href="/request">{link}</a>
            </p>
        </div>
    }
}

#[component]
fn YourMentorCard(p: PairNext) -> impl IntoView {
    // The mentoring page is linked from "Your mentoring" below.
    let book = format!("/sessions/book?with={}", p.relationship_id);
    let next = match p.next_session {
        Some(when) => format!("Next session: {when}."),
        None => "No session booked yet.".to_string(),
    };
    view! {
        <div class="next-card">
            <h3>{format!("Your mentor, {}", p.with_name)}</h3>
            <p>{next}</p>
            <p class="actions">
                <a href=book class="button">
                    "Book a session"
                </a>
                <a href="/resources?category=for-mentees">"Resources for mentees"</a>
            </p>
        </div>
    }
}

#[component]
fn MentorCard(m: MentorNext, mentees: Vec<PairNext>) -> impl IntoView {
    let offers = (m.offers_waiting > 0).then(|| {
        let text = format!("{} waiting for your answer", count(m.offers_waiting, "offer", "offers"));
        view! {
            <p>
                <a href="/offers">
                    <strong>{text}</strong>
                </a>
            </p>
        }
    });
    let refresher = m
        .refresher_due_on
        .as_deref()
        .filter(|_| m.listed)
        .map(|due| format!(" Refresher due by {}.", dates::long(due)));
    let sessions: Vec<(String, String)> =
        mentees.into_iter().filter_map(|p| Some((p.with_name, p.next_session?))).collect();
    let availability = if m.has_availability { "Your availability" } else { "Set your availability" };
    view! {
        <div class="next-card">
            <h3>"As a mentor"</h3>
            {offers}
            // Each mentee's page is linked from "Your mentoring" below.
            {(!sessions.is_empty())
                .then(|| {
                    view! {
                        <h4>"Next sessions"</h4>
                        <ul class="plain-list">
                            {sessions
                                .into_iter()
                                .map(|(name, when)| view! { <li>{format!("{name}: {when}")}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            <p>{m.listing}{refresher}</p>
            <p class="actions">
                <a href="/availability">{availability}</a>
                <a href="/sessions">"Your sessions"</a>
                <a href="/profile">"Your mentor profile"</a>
            </p>
        </div>
    }
}

#[component]
fn CoordinatorCard(c: CoordinatorNext) -> impl IntoView {
    let requests = match (c.requests_waiting, c.priority_waiting) {
        (0, _) => "No requests waiting for a mentor.".to_string(),
        (n, 0) => format!("{} waiting for a mentor.", count(n, "request", "requests")),
        (n, p) => format!("{} waiting for a mentor, {p} marked priority.", count(n, "request", "requests")),
    };
    let lapsing =
        format!("{} about to lapse (under two days left).", count(c.offers_lapsing, "offer", "offers"));
    view! {
        <div class="next-card">
            <h3>"Waiting for coordinators"</h3>
            <ul class="plain-list">
                <li>
                    <a href="/coordinator/requests">{requests}</a>
                </li>
                {(c.offers_lapsing > 0)
                    .then(|| {
                        view! {
                            <li>
                                <a href="/coordinator/requests">{lapsing}</a>
                            </li>
                        }
                    })}
                <li>
                    <a href="/coordinator/profiles">
                        {format!("{} to approve.", count(c.profiles_waiting, "profile", "profiles"))}
                    </a>
                </li>
                <li>
                    <a href="/coordinator/relationships">
                        {format!(
                            "{} gone quiet.",
                            count(c.quiet_relationships, "relationship", "relationships"),
                        )}
                    </a>
                </li>
            </ul>
            {(!c.courses.is_empty())
                .then(|| {
                    view! {
                        <h4>"Courses coming up"</h4>
                        <ul class="plain-list">
                            {c
                                .courses
                                .into_iter()
                                .map(|course| {
                                    let href = format!("/coordinator/courses/{}", course.id);
                                    let from = format!(", from {}", dates::long(&course.starts_on));
                                    view! {
                                        <li>
                                            <a href=href>{course.title}</a>
                                            {from}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}
