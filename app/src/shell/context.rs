//! What every page needs to know about the request: who is signed in, and
//! the outcome of a form posted without JavaScript.

use super::forms::FormFlash;
use crate::accounts::functions::SignIn;
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
    /// The flash left by the form called `form`, if it was the last one posted.
    pub fn flash_for(&self, form: &str) -> Option<FormFlash> {
        self.flash.clone().filter(|f| f.form == form)
    }
}

#[server(endpoint = "load_page_context")]
pub async fn load_page_context() -> Result<PageContext, AppError> {
    crate::shell::forms::respond(
        async move {
            let state = crate::state::app_state();
            let user = crate::accounts::session::current_user(&state).await?;
            Ok(PageContext { user, flash: super::forms::read_flash() })
        }
        .await,
    )
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = crate::state::app_state();
    let headers = crate::accounts::session::request_headers();
    if let Some(token) = crate::accounts::session::session_cookie(&headers) {
        crate::accounts::session::end(&state.db, &token).await?;
    }
    let response = expect_context::<leptos_axum::ResponseOptions>();
    response.append_header(
        axum::http::header::SET_COOKIE,
        crate::accounts::session::clear_cookie_header(state.config.secure_cookies),
    );
    leptos_axum::redirect("/");
    Ok(())
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

pub fn use_page_context() -> PageResource {
    expect_context::<PageResource>()
}
