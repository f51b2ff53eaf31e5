//! Urgent and specialist support routes, shown at once to anyone who
//! chooses a topic that may need more than mentoring. Coordinators keep
//! the text up to date; until they do, the demo text below is shown.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::{session, Role},
    crate::db::Db,
    crate::shell::forms::{finish, form, respond},
    crate::state::app_state,
};

pub const DEFAULT_ROUTES: &str = "\
NHS 111: call 111 for urgent medical help, day or night. In an emergency, call 999.
Samaritans: call 116 123, free, day or night, to talk to someone.
NHS Practitioner Health: free, confidential mental health support for doctors and dentists, and for other NHS staff who cannot get confidential care locally (practitionerhealth.nhs.uk).
Freedom to Speak Up guardian: raise bullying, harassment or safety concerns in confidence; your organisation has one.
Occupational health: your organisation's occupational health service supports your health and wellbeing at work.";

pub const MAX_ROUTES: usize = 4000;

#[cfg(feature = "ssr")]
pub async fn text(db: &Db) -> Result<String, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT body FROM service_texts WHERE name = 'support-routes'")
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(body,)| body).unwrap_or_else(|| DEFAULT_ROUTES.to_string()))
}

#[server(endpoint = "load_support_routes")]
pub async fn load_support_routes() -> Result<String, AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            Ok(text(&state.db).await?)
        }
        .await,
    )
}

pub const ROUTES_SAVED: &str = "Saved. Staff now see these support routes.";

#[server(endpoint = "save_support_routes")]
pub async fn save_support_routes(routes: String) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let coordinator = session::require_role(&state, Role::Coordinator).await?;
        let routes = routes.trim();
        let mut v = crate::error::Validation::default();
        v.text("routes", routes);
        v.check(!routes.is_empty(), "routes", "Write at least one support route.");
        v.check(routes.chars().count() <= MAX_ROUTES, "routes", "The support routes must be 4000 characters or fewer.");
        v.finish()?;
        let mut tx = state.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO service_texts (name, body, updated_at, updated_by) VALUES ('support-routes', $1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, \
             updated_by = excluded.updated_by",
        )
        .bind(routes)
        .bind(state.clock.now())
        .bind(coordinator.id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(ROUTES_SAVED.to_string())
    }
    .await;
    finish(form::<SaveSupportRoutes>(), &[("routes", &routes)], Some(ROUTES_SAVED), result)
}

/// The support box. `hidden_until_chosen` leaves it to the stylesheet to
/// show it when a topic that needs it is ticked, so it appears at once
/// with or without JavaScript. `sent` says the request has gone, so the
/// box no longer invites the person to send it.
#[component]
pub fn SupportBox(
    routes: String,
    #[prop(default = false)] hidden_until_chosen: bool,
    #[prop(default = false)] sent: bool,
) -> impl IntoView {
    let lines: Vec<String> =
        routes.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    let next = if sent {
        "Your request was sent and marked for quick attention: a coordinator will look at it first."
    } else {
        "You can still send your request, and a coordinator will look at it first."
    };
    view! {
        <section
            class="support-box"
            class:support-box-conditional=hidden_until_chosen
            aria-labelledby="support-heading"
        >
            <h2 id="support-heading">"Support you can reach now"</h2>
            <p>
                "Mentoring is not an emergency service. If things feel hard right now, these can help straight away. "
                {next}
            </p>
            <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        </section>
    }
}
