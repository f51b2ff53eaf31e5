//! On a relationship's page: where to turn when something needs more than
//! mentoring, and the buttons that tell the coordinators, privately, that
//! the mentor is concerned, that the pair have lost touch, or that the
//! mentee would like a different mentor. Works without JavaScript.

use super::attention::{load_attention, Attention, RaiseFlag};
use super::views::Viewer;
use crate::dates;
use crate::shell::context::PageResource;
use crate::shell::forms::{outcome_of, ErrorSummary, FormOutcome, Notice};
use leptos::prelude::*;

/// Drawn once the relationship has loaded, so it takes the page context
/// from the page rather than looking it up late.
#[component]
pub fn AttentionPanel(id: i64, page: PageResource) -> impl IntoView {
    let raise = ServerAction::<RaiseFlag>::new();
    let attention = Resource::new(move || raise.version().get(), move |_| load_attention(id));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let FormOutcome { error, notice, .. } = outcome_of(raise, page.await.ok().as_ref());
                attention
                    .await
                    .ok()
                    .map(|a| {
                        view! {
                            <Notice message=notice />
                            <ErrorSummary error />
                            <Raised a=a.clone() />
                            <Support viewer=a.viewer routes=a.support_routes.clone() />
                            <Buttons id a action=raise />
                        }
                    })
            })}
        </Transition>
    }
}

/// Open flags: to the person who raised one, what happens next; to
/// coordinators, what is waiting.
#[component]
fn Raised(a: Attention) -> impl IntoView {
    let coordinator = a.viewer == Viewer::Coordinator;
    a.raised
        .into_iter()
        .map(move |(flag, on)| {
            let text = if coordinator {
                format!(
                    "{} (since {}). See the coordinators' list to mark it dealt with.",
                    flag.coordinator_label(),
                    dates::long(&on)
                )
            } else {
                format!("{} (told on {})", flag.raised_message(), dates::long(&on))
            };
            view! { <p class="status-box">{text}</p> }
        })
        .collect_view()
}

#[component]
fn Support(viewer: Viewer, routes: String) -> impl IntoView {
    let lines: Vec<String> =
        routes.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    (viewer != Viewer::Coordinator).then(|| view! {
        <details class="support-details">
            <summary>"This needs more than mentoring"</summary>
            <p>
                "Mentoring is not an emergency service. If things feel hard right now, or something needs "
                "more than your mentoring conversations can give, these can help straight away:"
            </p>
            <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        </details>
    })
}

/// One small form per flag this person may raise: it sends no words, so
/// there is nothing private to leak.
#[component]
fn Buttons(id: i64, a: Attention, action: ServerAction<RaiseFlag>) -> impl IntoView {
    let hint = match a.viewer {
        Viewer::Mentor => {
            "Coordinators see only which button you pressed and when, nothing you have written. They will contact you."
        }
        _ => "Coordinators see only that you asked and when. Your mentor is not told.",
    };
    (!a.can_raise.is_empty()).then(|| {
        view! {
            <section aria-labelledby="tell-heading">
                <h2 id="tell-heading">"Tell the coordinators"</h2>
                <p class="hint">{hint}</p>
                {a
                    .can_raise
                    .into_iter()
                    .map(|flag| {
                        view! {
                            <ActionForm action attr:class="inline-form">
                                <input type="hidden" name="id" value=id.to_string() />
                                <input type="hidden" name="flag" value=flag.key() />
                                <button type="submit" class="button button-secondary">
                                    {flag.button()}
                                </button>
                            </ActionForm>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}
