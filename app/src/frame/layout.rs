//! The header with its navigation and sign-out button, the skip link and
//! the footer.

use super::context::use_sign_out;
use crate::accounts::functions::SignOut;
use crate::people::{CurrentUser, Role};
use crate::shell::context::{use_page_context, PageContext};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The first thing a keyboard user reaches: straight to the content.
#[component]
pub fn SkipLink() -> impl IntoView {
    // target="_self" keeps the router from handling the click: the browser
    // then moves focus to the target, which the router's scroll does not.
    view! {
        <a class="skip-link" href="#main-content" target="_self">
            "Skip to main content"
        </a>
    }
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
    view! {
        <a href=href aria-current=current>
            {children()}
        </a>
    }
}

/// The main navigation's links for whoever is signed in (or nobody), in
/// order; sign-out is a button after them.
pub fn links(user: Option<&CurrentUser>) -> Vec<(&'static str, &'static str)> {
    let Some(user) = user else {
        return vec![
            ("/resources", "Resources"),
            ("/courses", "Training"),
            ("/sign-in", "Sign in"),
            ("/register", "Create an account"),
        ];
    };
    let mut links = vec![
        ("/", "Home"),
        ("/directory", "Find a mentor"),
        ("/request", "Ask for a mentor"),
        ("/sessions", "Sessions"),
        ("/resources", "Resources"),
        ("/courses", "Training"),
    ];
    if user.has(Role::Mentor) {
        links.extend([("/offers", "Offers and mentees"), ("/profile", "Your mentor profile")]);
    }
    if user.has(Role::Coordinator) {
        links.push(("/coordinator", "Coordinator"));
    }
    links.push(("/account", "Your account"));
    links
}

/// The links behind a "Menu" button on a phone (a `<details>`, so it opens
/// without JavaScript), in a row on wider screens. The current section
/// stays in sight beside the button.
#[component]
fn Navigation(context: PageContext, here: Memo<String>, sign_out: ServerAction<SignOut>) -> impl IntoView {
    let signed_in = context.user.is_some();
    let links = links(context.user.as_ref());
    let section = {
        let links = links.clone();
        move || {
            here.try_with(|path| {
                links.iter().find(|(href, _)| in_section(path, href)).map(|(_, label)| *label)
            })
            .flatten()
        }
    };
    let menu = NodeRef::<leptos::html::Details>::new();
    // A link followed inside the page keeps the header: close the menu.
    let close = move |_| {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    view! {
        <nav class="site-nav" aria-label="Main">
            <details class="nav-menu" node_ref=menu>
                <summary>
                    <span class="nav-menu-label">"Menu"</span>
                    <span class="nav-section" aria-hidden="true">
                        {section}
                    </span>
                </summary>
                <ul on:click=close>
                    {links
                        .into_iter()
                        .map(|(href, label)| {
                            view! {
                                <li>
                                    <NavLink href here>
                                        {label}
                                    </NavLink>
                                </li>
                            }
                        })
                        .collect_view()}
                    {signed_in
                        .then(|| {
                            view! {
                                <li>
                                    <ActionForm action=sign_out>
                                        <button type="submit" class="link-button">
                                            "Sign out"
                                        </button>
                                    </ActionForm>
                                </li>
                            }
                        })}
                </ul>
            </details>
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
