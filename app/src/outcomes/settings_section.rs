//! The account setting for outcome questions: asked now and then (the
//! default) or "don't ask me again", which the sweep honours for every
//! later invitation. The same choice is offered beside the questions.

use super::functions::{load_no_surveys, SaveNoSurveys};
use crate::shell::fields::RadioGroup;
use crate::shell::forms::{outcome_from, ErrorSummary, FormFlash, FormOutcome, Notice};
use leptos::prelude::*;

const SURVEYS_HINT: &str = "At the start and end of your mentoring, six months later, and for mentors twice a year. \
    Your answers are never shown to the other person, and are reported only added together with everyone else's.";

/// The choice on the account page. `flash` is the page's, taken before
/// this is drawn.
#[component]
pub fn SurveysSection(flash: Option<FormFlash>) -> impl IntoView {
    let action = ServerAction::<SaveNoSurveys>::new();
    let current = Resource::new(move || action.version().get(), |_| load_no_surveys());
    let FormOutcome { error, notice, .. } = outcome_from(action, flash);
    view! {
        <section aria-labelledby="surveys-heading">
            <h2 id="surveys-heading">"Questions about how it went"</h2>
            <Notice message=notice />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let stopped = current.await.unwrap_or(false);
                    view! {
                        <ActionForm action attr:class="form">
                            <ErrorSummary error />
                            <RadioGroup
                                name="surveys"
                                legend="May we ask you a few questions now and then?"
                                hint=SURVEYS_HINT
                                options=vec![
                                    ("ask", "Yes, you may ask me"),
                                    ("stop", "No, don't ask me again"),
                                ]
                                chosen=if stopped { "stop" } else { "ask" }
                                error
                            />
                            <button type="submit" class="button">
                                "Save my answer"
                            </button>
                        </ActionForm>
                    }
                })}
            </Transition>
        </section>
    }
}
