//! Coordinators keep the urgent and specialist support routes up to date.

use super::support::{load_support_routes, SaveSupportRoutes, SupportBox};
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::fields::TextArea;
use crate::shell::forms::{form, outcome_from, ErrorSummary, FormOutcome, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SupportRoutesPage() -> impl IntoView {
    let save = ServerAction::<SaveSupportRoutes>::new();
    let page = use_page_context();
    let routes = Resource::new(move || save.version().get(), |_| load_support_routes());
    view! {
        <Title text="Support routes" />
        <h1>"Support routes"</h1>
        <p class="lead">
            "Shown at once to anyone asking for a mentor who chooses a topic such as bullying, a crisis, mental health or suicidal thoughts."
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = page.await.ok().and_then(|c| c.flash_for(form::<SaveSupportRoutes>()));
                let typed = flash.as_ref().and_then(|f| f.value("routes"));
                let FormOutcome { error, notice, .. } = outcome_from(save, flash);
                match routes.await {
                    Ok(text) => {
                        let value = typed.clone().unwrap_or_else(|| text.clone());
                        view! {
                            <Notice message=notice />
                            <ActionForm action=save attr:class="form" attr:novalidate=true>
                                <ErrorSummary error />
                                <TextArea
                                    name="routes"
                                    label="Support routes, one a line"
                                    hint="For example: Samaritans: call 116 123, free, day or night."
                                    value
                                    error
                                />
                                <button type="submit" class="button">
                                    "Save support routes"
                                </button>
                            </ActionForm>
                            <h2>"What staff see"</h2>
                            <SupportBox routes=text />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
