//! The page context, loaded once for the app and again after signing in
//! or out, so the header and every page follow the session.

use crate::accounts::functions::{SignIn, SignOut};
use crate::error::AppError;
use crate::shell::context::{PageContext, PageResource};
use leptos::prelude::*;

#[server(endpoint = "load_page_context")]
pub async fn load_page_context() -> Result<PageContext, AppError> {
    crate::shell::forms::respond(
        async move {
            let state = crate::state::app_state();
            let user = crate::accounts::session::current_user(&state).await?;
            // Who the page was drawn for, so the offline cache (public/sw.js)
            // can forget pages kept for someone else on a shared phone.
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                let viewer = user.as_ref().map_or("guest".to_string(), |u| u.id.to_string());
                if let Ok(value) = axum::http::HeaderValue::from_str(&viewer) {
                    response.insert_header(axum::http::HeaderName::from_static("x-mentorwell-viewer"), value);
                }
            }
            Ok(PageContext { user, flash: crate::shell::forms::read_flash() })
        }
        .await,
    )
}

/// Creates the page context once for the app. It is fetched again after
/// signing in or out, so the header and pages follow the session.
pub fn provide_page_context() {
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let resource: PageResource =
        Resource::new(move || (sign_in.version().get(), sign_out.version().get()), |_| load_page_context());
    provide_context(sign_in);
    provide_context(sign_out);
    provide_context(resource);
}

/// The sign-out action, shared by the header button and the page context
/// (which refetches when it runs). The fallback is for the same
/// abandoned pages as [`use_page_context`](crate::shell::context::use_page_context)'s.
pub fn use_sign_out() -> ServerAction<SignOut> {
    use_context::<ServerAction<SignOut>>().unwrap_or_default()
}
