//! What every page needs to know about the request: who is signed in, and
//! the outcome of a form posted without JavaScript.

use super::forms::{FormFlash, FormKey};
use crate::accounts::functions::{SignIn, SignOut};
use crate::accounts::CurrentUser;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageContext {
    pub user: Option<CurrentUser>,
    pub flash: Option<FormFlash>,
}

impl PageContext {
    /// The flash left by `form`, if it was the last one posted.
    pub fn flash_for(&self, form: FormKey) -> Option<FormFlash> {
        self.flash.clone().filter(|f| f.form == form.name())
    }

    /// The flash left by whichever of `forms` was the last one posted, for
    /// forms that show their outcome in one place.
    pub fn flash_for_any(&self, forms: &[FormKey]) -> Option<FormFlash> {
        self.flash.clone().filter(|f| forms.iter().any(|form| f.form == form.name()))
    }
}

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
            Ok(PageContext { user, flash: super::forms::read_flash() })
        }
        .await,
    )
}

pub type PageResource = Resource<Result<PageContext, AppError>>;

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

/// The page context. A page still rendering after its client has gone
/// can find its owner's context already dropped: it gets an error that
/// nobody will see instead of a panic.
pub fn use_page_context() -> PageResource {
    use_context::<PageResource>()
        .unwrap_or_else(|| Resource::new(|| (), |_| async { Err(AppError::NotFound) }))
}

/// The sign-out action, shared by the header button and the page context
/// (which refetches when it runs). The fallback is for the same
/// abandoned pages as [`use_page_context`]'s.
pub fn use_sign_out() -> ServerAction<SignOut> {
    use_context::<ServerAction<SignOut>>().unwrap_or_default()
}
