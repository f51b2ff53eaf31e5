//! The coordinators' overview of the service.

#[cfg(feature = "ssr")]
pub mod db;

use crate::error::AppError;
use crate::shell::error_pages::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFigures {
    pub accounts: i64,
    pub unconfirmed: i64,
    pub mentors: i64,
    pub emails_waiting: i64,
    pub profiles_waiting: i64,
    pub requests_waiting: i64,
    /// Flags raised by a pair that no coordinator has dealt with yet.
    pub flags_waiting: i64,
    /// People who asked to close their account, waiting for a coordinator.
    pub closures_waiting: i64,
    pub training: crate::courses::views::TrainingFigures,
}

#[server(endpoint = "load_service_figures")]
pub async fn load_service_figures() -> Result<ServiceFigures, AppError> {
    crate::shell::forms::respond(
        async move {
            let state = crate::state::app_state();
            crate::accounts::session::require_role(&state, crate::accounts::Role::Coordinator).await?;
            let today = crate::dates::date_of(state.clock.now());
            Ok(db::figures(&state.db, &today).await?)
        }
        .await,
    )
}

#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let figures = Resource::new(|| (), |_| load_service_figures());
    view! {
        <Title text="Coordinator overview" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match figures.await {
                    Ok(f) => {
                        view! {
                            <h1>"Coordinator overview"</h1>
                            <dl class="figures">
                                <div>
                                    <dt>"Accounts"</dt>
                                    <dd>{f.accounts}</dd>
                                </div>
                                <div>
                                    <dt>"Waiting to confirm their email"</dt>
                                    <dd>{f.unconfirmed}</dd>
                                </div>
                                <div>
                                    <dt>"Mentors"</dt>
                                    <dd>{f.mentors}</dd>
                                </div>
                                <div>
                                    <dt>"Emails not yet sent"</dt>
                                    <dd>{f.emails_waiting}</dd>
                                </div>
                            </dl>
                            <h2>"Training"</h2>
                            <dl class="figures">
                                <div>
                                    <dt>"Courses held"</dt>
                                    <dd>{f.training.runs_held}</dd>
                                </div>
                                <div>
                                    <dt>"People trained"</dt>
                                    <dd>{f.training.people_trained}</dd>
                                </div>
                                <div>
                                    <dt>"Mentors with current accreditation"</dt>
                                    <dd>{f.training.mentors_current}</dd>
                                </div>
                                <div>
                                    <dt>"Mentors whose accreditation has lapsed"</dt>
                                    <dd>{f.training.mentors_lapsed}</dd>
                                </div>
                                <div>
                                    <dt>"Refreshers due in the next 90 days"</dt>
                                    <dd>{f.training.refreshers_due_90_days}</dd>
                                </div>
                            </dl>
                            <ul class="link-list">
                                <li>
                                    <a href="/coordinator/requests">
                                        {format!(
                                            "Mentoring requests waiting for a decision ({})",
                                            f.requests_waiting,
                                        )}
                                    </a>
                                </li>
                                <li>
                                    <a href="/coordinator/relationships">
                                        {format!(
                                            "Relationships needing attention ({} raised by the pair)",
                                            f.flags_waiting,
                                        )}
                                    </a>
                                </li>
                                <li>
                                    <a href="/coordinator/profiles">
                                        {format!("Mentor profiles to approve ({})", f.profiles_waiting)}
                                    </a>
                                </li>
                                <li>
                                    <a href="/coordinator/courses">
                                        "Courses: runs, registers and completion"
                                    </a>
                                </li>
                                <li>
                                    <a href="/coordinator/report">
                                        "Service report: outcomes, requests, training and the network"
                                    </a>
                                </li>
                                <li>
                                    <a href="/coordinator/resources">
                                        "Resources library: write and publish"
                                    </a>
                                </li>
                                <li>
                                    <a href="/coordinator/outbox">"Email outbox"</a>
                                </li>
                                <li>
                                    <a href="/coordinator/accounts">
                                        {format!(
                                            "Accounts: closures to confirm ({}), deactivation",
                                            f.closures_waiting,
                                        )}
                                    </a>
                                </li>
                                <li>
                                    <a href="/coordinator/audit">"Audit trail: who did what, and when"</a>
                                </li>
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
