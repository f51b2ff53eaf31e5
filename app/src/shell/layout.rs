use super::context::{use_page_context, use_sign_out, PageContext};
use crate::accounts::{CurrentUser, Role};
use leptos::prelude::*;
use leptos_router::components::A;

/// The first thing a keyboard user reaches: straight to the content.
#[component]
pub fn SkipLink() -> impl IntoView {
    // target="_self" keeps the router from handling the click: the browser
    // then moves focus to the target, which the router's scroll does not.
    view! { <a class="skip-link" href="#main-content" target="_self">"Skip to main content"</a> }
}

#[component]
pub fn Header() -> impl IntoView {
    let page = use_page_context();
    view! {
        <header class="site-header">
            // Shown by /pwa.js while the device has no connection.
            <p class="offline-banner" role="status">
                "You are offline. Pages you have opened before can still be read; saving and sending wait until you are back online."
            </p>
            <div class="site-header-inner">
                <A href="/" attr:class="brand">
                    <span class="brand-name">"Mentorwell"</span>
                    <span class="brand-tagline">"East Midlands mentoring"</span>
                </A>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let context = page.await.unwrap_or_default();
                        view! { <Navigation context /> }
                    })}
                </Transition>
            </div>
        </header>
    }
}

#[component]
fn Navigation(context: PageContext) -> impl IntoView {
    match context.user {
        Some(user) => view! { <SignedInNavigation user /> }.into_any(),
        None => view! {
            <nav class="site-nav" aria-label="Main">
                <ul>
                    <li><A href="/resources">"Resources"</A></li>
                    <li><A href="/courses">"Training"</A></li>
                    <li><A href="/sign-in">"Sign in"</A></li>
                    <li><A href="/register">"Create an account"</A></li>
                </ul>
            </nav>
        }
        .into_any(),
    }
}

#[component]
fn SignedInNavigation(user: CurrentUser) -> impl IntoView {
    let sign_out = use_sign_out();
    let coordinator = user.has(Role::Coordinator);
    let mentor = user.has(Role::Mentor);
    view! {
        <nav class="site-nav" aria-label="Main">
            <ul>
                <li><A href="/">"Home"</A></li>
                <li><A href="/directory">"Find a mentor"</A></li>
                <li><A href="/request">"Ask for a mentor"</A></li>
                <li><A href="/sessions">"Sessions"</A></li>
                <li><A href="/resources">"Resources"</A></li>
                <li><A href="/courses">"Training"</A></li>
                {mentor.then(|| view! { <li><A href="/offers">"Offers and mentees"</A></li> })}
                {mentor.then(|| view! { <li><A href="/profile">"Your mentor profile"</A></li> })}
                {coordinator.then(|| view! { <li><A href="/coordinator">"Coordinator"</A></li> })}
                <li><A href="/account">"Your account"</A></li>
                <li>
                    <ActionForm action=sign_out>
                        <button type="submit" class="link-button">"Sign out"</button>
                    </ActionForm>
                </li>
            </ul>
        </nav>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "Mentorwell is the mentoring service for health and care staff in the East Midlands. "
                "If you need urgent support, call NHS 111 or Samaritans on 116 123."
            </p>
        </footer>
    }
}
