//! The outbox page: coordinators see what the service has sent. Without an
//! SMTP server (a demo or a laptop) it is how emailed links are reached, so
//! it shows the text; with one, only who was emailed and whether it went.

use super::body_links::{body_parts, BodyPart};
use super::OutboxEmail;
use crate::error::AppError;
use crate::shell::error_pages::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    pub delivering: bool,
    /// Demo only: reset and confirmation links are shown so the demo works
    /// without a mail server.
    pub private_links_shown: bool,
    /// The service's address, whose links in the emails can be followed.
    pub public_url: String,
    pub emails: Vec<OutboxEmail>,
}

#[server(endpoint = "load_outbox")]
pub async fn load_outbox() -> Result<Outbox, AppError> {
    crate::shell::forms::respond(
        async move {
            let state = crate::state::app_state();
            let coordinator =
                crate::accounts::session::require_role(&state, crate::accounts::Role::Coordinator).await?;
            let (read, ok) = (crate::audit::action::OUTBOX_READ, crate::audit::outcome::OK);
            crate::audit::db::record(&state, Some(coordinator.id), None, read, ok).await?;
            let delivering = state.config.smtp.is_some();
            let private_links_shown = !delivering && state.config.demo_data;
            let mut emails = super::db::recent(&state.db, 100).await?;
            if delivering {
                // Delivered emails belong to their readers.
                emails.iter_mut().for_each(|e| e.body.clear());
            } else if !private_links_shown {
                // A reset or confirmation link would let a coordinator act
                // as someone else; only the demo needs them to work offline.
                emails.iter_mut().for_each(|e| e.body = super::private_links::hide_private_links(&e.body));
            }
            Ok(Outbox {
                delivering,
                private_links_shown,
                public_url: state.config.public_url.clone(),
                emails,
            })
        }
        .await,
    )
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let outbox = Resource::new(|| (), |_| load_outbox());
    view! {
        <Title text="Email outbox" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match outbox.await {
                    Ok(outbox) => view! { <OutboxList outbox /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OutboxList(outbox: Outbox) -> impl IntoView {
    let explanation = if outbox.delivering {
        "Emails are delivered by the mail server. Their text is not shown here."
    } else if outbox.private_links_shown {
        "No mail server is set up, so emails wait here. This is a demo: select a link in an email to follow it, \
         as the person emailed would."
    } else {
        "No mail server is set up, so emails wait here. Links that act for the person emailed (password resets, \
         email confirmations) are not shown; the service's other links can be followed from this page."
    };
    let public_url = outbox.public_url.clone();
    let empty = outbox.emails.is_empty();
    view! {
        <h1>"Email outbox"</h1>
        <p>{explanation}</p>
        {empty.then(|| view! { <p>"No emails yet."</p> })}
        <ol class="outbox">
            {outbox
                .emails
                .into_iter()
                .map(|email| {
                    let status = if email.sent { "Sent" } else { "Waiting" };
                    view! {
                        <li class="card outbox-email">
                            <h2>{email.subject}</h2>
                            <p class="meta">
                                <span>"To: " {email.to}</span>
                                " · "
                                <span>{status}</span>
                            </p>
                            {(!email.body.is_empty())
                                .then(|| {
                                    view! {
                                        <pre class="email-body">{body_view(&email.body, &public_url)}</pre>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

fn body_view(body: &str, public_url: &str) -> impl IntoView {
    body_parts(body, public_url)
        .into_iter()
        .map(|part| match part {
            BodyPart::Text(text) => text.into_any(),
            BodyPart::Link { href, text } => view! { <a href=href>{text}</a> }.into_any(),
        })
        .collect_view()
}
