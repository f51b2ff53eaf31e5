use super::context::{use_page_context, use_sign_out, PageContext};
use crate::accounts::functions::SignOut;
use crate::accounts::{CurrentUser, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

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
    // Taken now, while the request is surely alive: the links below are
    // drawn only once the page context has loaded.
    let here = use_location().pathname;
    let sign_out = use_sign_out();
    view! {
        <header class="site-header">
            // Shown by /pwa.js while the device has no connection.
            <p class="offline-banner" role="status">
                "You are offline. Pages you have opened before can still be read; saving and sending wait until you are back online."
            </p>
            <div class="site-header-inner">
                <a href="/" class="brand">
                    <span class="brand-name">"Mentorwell"</span>
                    <span class="brand-tagline">"East Midlands mentoring"</span>
                </a>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let context = page.await.unwrap_or_default();
                        view! { <Navigation context here sign_out /> }
                    })}
                </Transition>
            </div>
        </header>
    }
}

/// Whether `path` is in the section `href` leads to: "/" only for itself,
/// any other link for itself and the pages under it.
fn in_section(path: &str, href: &str) -> bool {
    match href {
        "/" => path == "/",
        _ => path == href || path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/')),
    }
}

/// A main navigation link, marked as the current page while the address
/// is in its section. Reading the address never panics, even on a page
/// still rendering after its client went away.
#[component]
fn NavLink(href: &'static str, here: Memo<String>, children: Children) -> impl IntoView {
    let current = move || here.try_with(|path| in_section(path, href)).unwrap_or(false).then_some("page");
    view! { <a href=href aria-current=current>{children()}</a> }
}

#[component]
fn Navigation(context: PageContext, here: Memo<String>, sign_out: ServerAction<SignOut>) -> impl IntoView {
    match context.user {
        Some(user) => view! { <SignedInNavigation user here sign_out /> }.into_any(),
        None => view! {
            <nav class="site-nav" aria-label="Main">
                <ul>
                    <li><NavLink href="/resources" here>"Resources"</NavLink></li>
                    <li><NavLink href="/courses" here>"Training"</NavLink></li>
                    <li><NavLink href="/sign-in" here>"Sign in"</NavLink></li>
                    <li><NavLink href="/register" here>"Create an account"</NavLink></li>
                </ul>
            </nav>
        }
        .into_any(),
    }
}

#[component]
fn SignedInNavigation(
    user: CurrentUser,
    here: Memo<String>,
    sign_out: ServerAction<SignOut>,
) -> impl IntoView {
    let coordinator = user.has(Role::Coordinator);
    let mentor = user.has(Role::Mentor);
    view! {
        <nav class="site-nav" aria-label="Main">
            <ul>
                <li><NavLink href="/" here>"Home"</NavLink></li>
                <li><NavLink href="/directory" here>"Find a mentor"</NavLink></li>
                <li><NavLink href="/request" here>"Ask for a mentor"</NavLink></li>
                <li><NavLink href="/sessions" here>"Sessions"</NavLink></li>
                <li><NavLink href="/resources" here>"Resources"</NavLink></li>
                <li><NavLink href="/courses" here>"Training"</NavLink></li>
                {mentor.then(|| view! { <li><NavLink href="/offers" here>"Offers and mentees"</NavLink></li> })}
                {mentor.then(|| view! { <li><NavLink href="/profile" here>"Your mentor profile"</NavLink></li> })}
                {coordinator.then(|| view! { <li><NavLink href="/coordinator" here>"Coordinator"</NavLink></li> })}
                <li><NavLink href="/account" here>"Your account"</NavLink></li>
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

#[cfg(test)]
mod tests {
    use super::in_section;

    #[test]
    fn a_link_is_current_in_its_own_section_only() {
        assert!(in_section("/", "/"));
        assert!(!in_section("/directory", "/"));
        assert!(in_section("/directory", "/directory"));
        assert!(in_section("/directory/12", "/directory"));
        assert!(!in_section("/directory-old", "/directory"));
        assert!(!in_section("/courses", "/coordinator"));
        assert!(in_section("/coordinator/requests", "/coordinator"));
    }
}
