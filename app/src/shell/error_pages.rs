//! Pages for "not found" and "not allowed", which also set the status code.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(_code) {
            response.set_status(status);
        }
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page not found" />
        <h1>"Page not found"</h1>
        <p>
            "If you typed the web address, check it is correct. If you followed a link, it may be out of date."
        </p>
        <p>
            <a href="/">"Go to the home page"</a>
        </p>
    }
}

#[component]
pub fn ForbiddenPage() -> impl IntoView {
    set_status(403);
    view! {
        <Title text="No access" />
        <h1>"You do not have access to this page"</h1>
        <p>
            "This page is for another role. If you think you should have access, contact your mentoring coordinator."
        </p>
        <p>
            <a href="/">"Go to the home page"</a>
        </p>
    }
}

#[component]
pub fn SignInRequiredPage() -> impl IntoView {
    set_status(401);
    view! {
        <Title text="Sign in" />
        <h1>"Please sign in"</h1>
        <p>"You need to sign in to see this page."</p>
        <p>
            <a href="/sign-in">"Sign in"</a>
        </p>
    }
}

/// The page for an error that stopped a page loading. Its status is the
/// error's own, except that a page whose address names something invalid
/// (an unknown certificate code) is a page not found.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    match error {
        AppError::Forbidden => view! { <ForbiddenPage /> }.into_any(),
        AppError::SignInRequired => view! { <SignInRequiredPage /> }.into_any(),
        AppError::NotFound => view! { <NotFoundPage /> }.into_any(),
        AppError::Invalid(_) => {
            set_status(404);
            let items = error.messages().into_iter().map(|m| view! { <li>{m}</li> }).collect_view();
            view! {
                <Title text="Page not found" />
                <h1>"We could not find that"</h1>
                <ul>{items}</ul>
                <p>
                    <a href="/">"Go to the home page"</a>
                </p>
            }
            .into_any()
        }
        other => {
            set_status(other.status_code());
            view! {
                <Title text="Sorry, there is a problem" />
                <h1>"Sorry, there is a problem"</h1>
                <p>{other.to_string()}</p>
            }
            .into_any()
        }
    }
}
