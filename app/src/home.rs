//! The front page: what the service is, and for signed-in people what
//! they can do next.

use crate::accounts::{CurrentUser, Role};
use crate::outcomes::open_list::OpenQuestions;
use crate::relationships::links::RelationshipLinks;
use crate::shell::context::{use_page_context, PageContext};
use crate::shell::error_pages::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;

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
            <a href="/register" class="button">"Create an account"</a>
            <a href="/sign-in" class="button button-secondary">"Sign in"</a>
        </p>
    }
}

#[component]
fn Dashboard(user: CurrentUser) -> impl IntoView {
    let coordinator = user.has(Role::Coordinator);
    let mentor = user.has(Role::Mentor);
    view! {
        <h1>{format!("Welcome, {}", user.display_name)}</h1>
        <p>{format!("You are signed in as {}.", user.roles_text().to_lowercase())}</p>
        <OpenQuestions />
        <RelationshipLinks />
        <ul class="card-list">
            {mentor.then(|| view! {
                <li class="card">
                    <h2><a href="/profile">"Your mentor profile"</a></h2>
                    <p>"What staff see in the directory, whether you are listed, and pausing new mentees."</p>
                </li>
            })}
            {coordinator.then(|| view! {
                <li class="card">
                    <h2><a href="/coordinator">"Coordinator overview"</a></h2>
                    <p>"Profiles to approve, accounts and the email outbox."</p>
                </li>
            })}
            <li class="card">
                <h2><a href="/directory">"Find a mentor"</a></h2>
                <p>"Search accredited mentors by topic, profession, area and more."</p>
            </li>
            <li class="card">
                <h2><a href="/account">"Your account"</a></h2>
                <p>"Your details and password."</p>
            </li>
        </ul>
    }
}
