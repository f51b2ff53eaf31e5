//! A certificate to print (`/certificates/:code`) and the public check of
//! a code (`/verify-certificate`): anyone holding a certificate's code can
//! confirm who completed what, and when.

use super::certificate_functions::verify_certificate;
use super::views::Certificate;
use crate::dates;
use crate::shell::error_pages::ErrorPage;
use crate::shell::fields::TextField;
use crate::shell::forms::{error_signal, ErrorSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let certificate = Resource::new(code, verify_certificate);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match certificate.await {
                    Ok(c) => view! { <Printable c /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Printable(c: Certificate) -> impl IntoView {
    let check = format!("/verify-certificate?code={}", c.code);
    view! {
        <Title text="Certificate" />
        <article class="certificate">
            <p class="certificate-service">"East Midlands mentoring"</p>
            <h1>"Certificate of completion"</h1>
            <p>"This certifies that"</p>
            <p class="certificate-name">{c.name.clone()}</p>
            <p>{format!("completed {} on {}.", c.course_title, dates::long(&c.completed_on))}</p>
            {(!c.models.is_empty()).then(|| view! { <p>{format!("Models trained: {}.", c.models)}</p> })}
            <p class="certificate-code">"Verification code: "<strong>{c.code.clone()}</strong></p>
            <p class="hint">
                "Anyone can check this certificate at /verify-certificate with the code above."
            </p>
        </article>
        <p class="no-print">
            <a href=check>"Check this certificate"</a>
            " · Print it with your browser's print command."
        </p>
    }
}

#[component]
pub fn VerifyCertificatePage() -> impl IntoView {
    let query = use_query_map();
    let typed = move || query.read().get("code").unwrap_or_default();
    // The form is a plain GET, so a checked code's address can be shared.
    let from_address = Resource::new(typed, |code| async move {
        if code.is_empty() {
            None
        } else {
            Some(verify_certificate(code).await)
        }
    });
    view! {
        <Title text="Check a certificate" />
        <h1>"Check a certificate"</h1>
        <p class="lead">
            "Enter the code printed on a Mentorwell training certificate to see whether it is genuine."
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let first = from_address.await;
                let first = StoredValue::new(first);
                let result = move || first.get_value();
                let error = error_signal(result, None);
                view! {
                    <form method="get" action="/verify-certificate" class="form" novalidate>
                        <ErrorSummary error />
                        <TextField
                            name="code"
                            label="Certificate code"
                            hint="For example MW-ABCD-EFGH-JKMN"
                            error
                            value=Some(typed())
                        />
                        <button type="submit" class="button">
                            "Check"
                        </button>
                    </form>
                    {move || {
                        result()
                            .and_then(Result::ok)
                            .map(|c| {
                                view! {
                                    <div class="notice" role="status">
                                        <h2>"This certificate is genuine"</h2>
                                        <p>
                                            {format!(
                                                "{} completed {} on {}.",
                                                c.name,
                                                c.course_title,
                                                dates::long(&c.completed_on),
                                            )}
                                        </p>
                                    </div>
                                }
                            })
                    }}
                }
            })}
        </Transition>
    }
}
