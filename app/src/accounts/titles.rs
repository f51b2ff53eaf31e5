//! The account setting for how session emails and calendar entries are
//! titled: discreet ("Protected time", naming nobody) unless the person
//! chooses descriptive titles for their own messages. The same choice
//! picks the subjects of the request and relationship emails
//! (`email::subjects`).

use crate::error::AppError;
use crate::shell::fields::RadioGroup;
use crate::shell::forms::{outcome_from, ErrorSummary, FormFlash, FormOutcome, Notice};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::session,
    crate::shell::forms::{finish_saying, form, respond},
    sqlx::AnyConnection,
};

#[cfg(feature = "ssr")]
pub async fn descriptive(conn: &mut AnyConnection, user_id: i64) -> Result<bool, sqlx::Error> {
    let value: Option<i64> = sqlx::query_scalar("SELECT descriptive_titles FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await?;
    Ok(value.unwrap_or(0) != 0)
}

/// Whether the signed-in person chose descriptive titles.
#[server(endpoint = "load_titles")]
pub async fn load_titles() -> Result<bool, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let mut conn = state.db.pool().acquire().await?;
            Ok(descriptive(&mut conn, user.id).await?)
        }
        .await,
    )
}

#[server(endpoint = "save_titles")]
pub async fn save_titles(titles: Option<String>) -> Result<String, AppError> {
    let chosen = titles.unwrap_or_default();
    let result = async {
        let (state, user) = session::signed_in().await?;
        let descriptive = match chosen.as_str() {
            "discreet" => false,
            "descriptive" => true,
            _ => return Err(AppError::field("titles", "Choose how your session emails and calendar entries are titled.")),
        };
        sqlx::query("UPDATE users SET descriptive_titles = $2 WHERE id = $1")
            .bind(user.id)
            .bind(i64::from(descriptive))
            .execute(state.db.pool())
            .await?;
        Ok(if descriptive {
            "Saved. New session emails and calendar entries will say \"Mentoring session\" and name the other person."
        } else {
            "Saved. New session emails and calendar entries will be titled \"Protected time\" and name nobody."
        }
        .to_string())
    }
    .await;
    finish_saying(form::<SaveTitles>(), &[("titles", &chosen)], result)
}

const TITLES_HINT: &str = "Titles and subjects can show on a lock screen or in a calendar others can see. The email \
    itself always says who and when. This also decides whether our other emails about your mentoring (requests, \
    offers, your agreement) say what they are about in their subject.";

/// The choice on the account page. `flash` is the page's, taken before
/// this is drawn.
#[component]
pub fn TitlesSection(flash: Option<FormFlash>) -> impl IntoView {
    let action = ServerAction::<SaveTitles>::new();
    let current = Resource::new(move || action.version().get(), |_| load_titles());
    let FormOutcome { error, notice, .. } = outcome_from(action, flash);
    view! {
        <section aria-labelledby="titles-heading">
            <h2 id="titles-heading">"Email subjects and calendar entries"</h2>
            <Notice message=notice />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let descriptive = current.await.unwrap_or(false);
                    view! {
                        <ActionForm action attr:class="form">
                            <ErrorSummary error />
                            <RadioGroup
                                name="titles"
                                legend="How should they be titled?"
                                hint=TITLES_HINT
                                options=vec![
                                    ("discreet", "Discreet: \"Protected time\", naming nobody (recommended)"),
                                    (
                                        "descriptive",
                                        "Descriptive: \"Mentoring session\" with the other person's name",
                                    ),
                                ]
                                chosen=if descriptive { "descriptive" } else { "discreet" }
                                error
                            />
                            <button type="submit" class="button">
                                "Save how they are titled"
                            </button>
                        </ActionForm>
                    }
                })}
            </Transition>
        </section>
    }
}
