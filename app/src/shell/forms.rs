//! Form parts shared by every page: the key naming a form, its outcome
//! (error and notice), the error summary, and the "flash" that carries the
//! outcome across the redirect when it was posted without JavaScript. The
//! fields themselves are in [`super::fields`].

use crate::error::AppError;
use crate::shell::context::PageContext;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

/// Names the form a server function backs, for the flash that carries
/// its outcome across a plain post's redirect. Made from the server
/// function's type ([`form`]), so the function and its page cannot name
/// the form differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormKey(&'static str);

impl FormKey {
    /// For a form posted to a plain handler rather than a server function
    /// (file uploads): its name, shared as one constant by both sides.
    pub const fn handler(name: &'static str) -> FormKey {
        FormKey(name)
    }

    pub fn name(self) -> &'static str {
        self.0
    }
}

/// The key of the form that server function `F` backs.
pub fn form<F: ServerFn>() -> FormKey {
    FormKey(F::PATH)
}

/// The outcome of a form posted without JavaScript, kept for one page view
/// in a short-lived cookie: the error or notice, and what the person typed
/// (never passwords) so nothing is lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormFlash {
    pub form: String,
    pub error: Option<AppError>,
    pub notice: Option<String>,
    pub values: Vec<(String, String)>,
}

impl FormFlash {
    pub fn value(&self, field: &str) -> Option<String> {
        self.values.iter().find(|(name, _)| name == field).map(|(_, v)| v.clone())
    }
}

/// The error to show for a form: the last JavaScript submission's, or
/// failing that the one carried over from a plain post.
pub fn error_signal<T>(
    last_result: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
    flash: Option<FormFlash>,
) -> Signal<Option<AppError>>
where
    T: 'static,
{
    let from_flash = flash.and_then(|f| f.error);
    Signal::derive(move || match last_result() {
        Some(Err(err)) => Some(err),
        Some(Ok(_)) => None,
        None => from_flash.clone(),
    })
}

/// The notice for a form: the last JavaScript submission's success
/// message, or the one carried over from a plain post.
pub fn notice_signal(
    last_result: impl Fn() -> Option<Result<String, AppError>> + Send + Sync + 'static,
    flash: Option<FormFlash>,
) -> Signal<Option<String>> {
    let from_flash = flash.and_then(|f| f.notice);
    Signal::derive(move || match last_result() {
        Some(Ok(message)) => Some(message),
        Some(Err(_)) => None,
        None => from_flash.clone(),
    })
}

/// What a page shows for one form: the flash a plain post left (to put
/// back what was typed), and the error and notice to show, from the last
/// JavaScript submission or from that flash.
pub struct FormOutcome {
    pub flash: Option<FormFlash>,
    pub error: Signal<Option<AppError>>,
    pub notice: Signal<Option<String>>,
}

/// The outcome of the form `action` submits, whose success message is the
/// server function's result.
pub fn outcome_of<F>(action: ServerAction<F>, context: Option<&PageContext>) -> FormOutcome
where
    F: ServerFn<Output = String, Error = AppError> + Clone + Send + Sync + 'static,
{
    outcome_from(action, context.and_then(|c| c.flash_for(form::<F>())))
}

/// The same, for a page that has already taken the form's flash.
pub fn outcome_from<F>(action: ServerAction<F>, flash: Option<FormFlash>) -> FormOutcome
where
    F: ServerFn<Output = String, Error = AppError> + Clone + Send + Sync + 'static,
{
    FormOutcome {
        error: error_signal(move || action.value().get(), flash.clone()),
        notice: notice_signal(move || action.value().get(), flash.clone()),
        flash,
    }
}

/// The flash and error for the form `action` submits, for a server
/// function whose result is not a message (the page moves on instead).
pub fn errors_of<F>(
    action: ServerAction<F>,
    context: Option<&PageContext>,
) -> (Option<FormFlash>, Signal<Option<AppError>>)
where
    F: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    F::Output: Clone + Send + Sync + 'static,
{
    let flash = context.and_then(|c| c.flash_for(form::<F>()));
    let error = error_signal(move || action.value().get(), flash.clone());
    (flash, error)
}

/// "There is a problem" box at the top of a form. It takes focus when it
/// appears so screen-reader and keyboard users land on it.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if error.get().is_some() {
            if let Some(el) = summary.get() {
                let _ = el.focus();
            }
        }
    });
    move || {
        error.get().map(|err| {
            let items = match &err {
                AppError::Invalid(fields) => fields
                    .iter()
                    .map(|f| {
                        let href = format!("#{}", f.field);
                        view! {
                            <li>
                                <a href=href target="_self">
                                    {f.message.clone()}
                                </a>
                            </li>
                        }
                        .into_any()
                    })
                    .collect_view(),
                other => vec![view! { <li>{other.to_string()}</li> }.into_any()],
            };
            view! {
                <div class="error-summary" role="alert" tabindex="-1" node_ref=summary>
                    <h2 class="error-summary-title">"There is a problem"</h2>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// A confirmation shown after a form succeeded.
#[component]
pub fn Notice(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|text| {
            view! {
                <div class="notice" role="status">
                    {text}
                </div>
            }
        })
    }
}

#[cfg(feature = "ssr")]
pub use server::{
    finish, finish_saying, flash_cookie, peek_flash, read_flash, respond, status_for, COOKIE_NAME,
};

#[cfg(feature = "ssr")]
mod server {
    use super::{FormFlash, FormKey};
    use crate::cookies::{cookie_header, cookie_value, send_cookie};
    use crate::error::AppError;
    use axum::http::{header, HeaderValue};
    use leptos::prelude::*;

    /// `__Host-mw_form` over https, like the session cookie.
    pub const COOKIE_NAME: &str = "mw_form";
    // Long enough to follow the redirect, short enough not to linger.
    const MAX_AGE_SECONDS: i64 = 60;
    const MAX_VALUE_CHARS: usize = 600;

    fn secure() -> bool {
        use_context::<crate::state::AppState>().is_some_and(|state| state.config.secure_cookies)
    }

    /// True for a form the browser posted itself (JavaScript off): the
    /// server function client asks for JSON, the browser for HTML.
    fn plain_form_post() -> bool {
        crate::request::request_headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    }

    /// Call at the end of a server function that backs a form. For a plain
    /// post it stores the outcome for the page the browser returns to.
    pub fn finish<T>(
        form: FormKey,
        values: &[(&str, &str)],
        notice: Option<&str>,
        result: Result<T, AppError>,
    ) -> Result<T, AppError> {
        if !plain_form_post() {
            return respond(result);
        }
        let flash = FormFlash {
            form: form.name().into(),
            error: result.as_ref().err().cloned(),
            notice: result.as_ref().ok().and(notice.map(String::from)),
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.chars().take(MAX_VALUE_CHARS).collect()))
                .collect(),
        };
        if flash.error.is_some() || flash.notice.is_some() {
            send_cookie(flash_cookie(&flash, secure()));
        }
        result
    }

    /// [`finish`] for a form whose success message is its result.
    pub fn finish_saying(
        form: FormKey,
        values: &[(&str, &str)],
        result: Result<String, AppError>,
    ) -> Result<String, AppError> {
        let notice = result.as_ref().ok().cloned();
        finish(form, values, notice.as_deref(), result)
    }

    /// The cookie that carries `flash` to the page the browser goes back
    /// to; for handlers outside server functions (file uploads).
    pub fn flash_cookie(flash: &FormFlash, secure: bool) -> HeaderValue {
        let json = serde_json::to_string(flash).unwrap_or_default();
        cookie_header(COOKIE_NAME, &to_hex(json.as_bytes()), MAX_AGE_SECONDS, secure)
    }

    /// Gives an error its HTTP status. Not for plain form posts: those are
    /// answered with a redirect back to the form.
    pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
        if let (Err(err), Some(response)) = (&result, use_context::<leptos_axum::ResponseOptions>()) {
            if let Ok(status) = axum::http::StatusCode::from_u16(err.status_code()) {
                response.set_status(status);
            }
            let retry_after = match err {
                AppError::Throttled { minutes } => Some(minutes * 60),
                AppError::Busy => Some(5),
                _ => None,
            };
            if let Some(value) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
                response.insert_header(header::RETRY_AFTER, value);
            }
        }
        result
    }

    /// Gives the response the status of an error raised outside a server
    /// function's body (its arguments could not be decoded). A plain form
    /// post keeps its redirect back to the form.
    pub fn status_for(error: &AppError) {
        if !plain_form_post() {
            respond::<()>(Err(error.clone())).ok();
        }
    }

    /// The flash for this request, if the browser carries one. Reading it
    /// also clears it, so it is shown once.
    pub fn read_flash() -> Option<FormFlash> {
        let flash = cookie_flash()?;
        send_cookie(cookie_header(COOKIE_NAME, "", 0, secure()));
        Some(flash)
    }

    /// The flash for this request without clearing it, for a server
    /// function drawing the same page as [`read_flash`]'s reader.
    pub fn peek_flash() -> Option<FormFlash> {
        cookie_flash()
    }

    fn cookie_flash() -> Option<FormFlash> {
        let headers = crate::request::request_headers();
        let raw = cookie_value(&headers, COOKIE_NAME, secure())?;
        let bytes = from_hex(&raw)?;
        serde_json::from_slice(&bytes).ok()
    }

    fn to_hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn from_hex(text: &str) -> Option<Vec<u8>> {
        if !text.len().is_multiple_of(2) {
            return None;
        }
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_handler_form_is_named_as_given() {
            use crate::shell::forms::FormKey;
            assert_eq!(FormKey::handler("resource-file").name(), "resource-file");
        }

        #[test]
        fn hex_round_trips_and_rejects_garbage() {
            let text = "{\"form\":\"sign-in\"} é";
            assert_eq!(from_hex(&to_hex(text.as_bytes())).unwrap(), text.as_bytes());
            assert_eq!(from_hex("abc"), None);
            assert_eq!(from_hex("zz"), None);
        }
    }
}
