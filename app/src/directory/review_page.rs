//! Coordinators' queue of mentor profiles waiting for approval.

use super::cards::{summary_line, ProfileDetails};
use super::review::{load_review_queue, ApproveProfile, ReturnProfile, ReviewItem};
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::forms::{error_signal, form, notice_signal, ErrorSummary, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let approve = ServerAction::<ApproveProfile>::new();
    let send_back = ServerAction::<ReturnProfile>::new();
    let page = use_page_context();
    let queue =
        Resource::new(move || (approve.version().get(), send_back.version().get()), |_| load_review_queue());
    view! {
        <Title text="Profiles to approve" />
        <h1>"Mentor profiles to approve"</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = page
                    .await
                    .ok()
                    .and_then(|c| c.flash_for_any(&[form::<ApproveProfile>(), form::<ReturnProfile>()]));
                let last = move || {
                    if approve.version().get() >= send_back.version().get() {
                        approve.value().get().or_else(|| send_back.value().get())
                    } else {
                        send_back.value().get().or_else(|| approve.value().get())
                    }
                };
                let error = error_signal(last, flash.clone());
                let notice = notice_signal(last, flash);
                match queue.await {
                    Ok(items) if items.is_empty() => {
                        // Whichever action ran last speaks for the page.
                        view! {
                            <Notice message=notice />
                            <ErrorSummary error />
                            <p>"No profiles are waiting for approval."</p>
                        }
                            .into_any()
                    }
                    Ok(items) => {
                        view! {
                            <Notice message=notice />
                            <ErrorSummary error />
                            <p>{format!("{} waiting, oldest first.", items.len())}</p>
                            <ol class="review-list">
                                {items
                                    .into_iter()
                                    .map(|item| view! { <ReviewCard item approve send_back /> })
                                    .collect_view()}
                            </ol>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ReviewCard(
    item: ReviewItem,
    approve: ServerAction<ApproveProfile>,
    send_back: ServerAction<ReturnProfile>,
) -> impl IntoView {
    let id = item.draft.user_id;
    let name = item.draft.fields.display_name.clone();
    let kind = if item.live.is_some() { "A change to a listed profile" } else { "A new profile" };
    let comment_id = format!("comment-{id}");
    view! {
        <li class="review-card">
            <h2>{name.clone()}</h2>
            <p class="lead">{summary_line(&item.draft.fields)}</p>
            <p class="hint">{kind}</p>
            <ProfileDetails fields=item.draft.fields.clone() />
            {item
                .live
                .map(|live| {
                    view! {
                        <details>
                            <summary>"The version staff see now"</summary>
                            <ProfileDetails fields=live.fields />
                        </details>
                    }
                })}
            <div class="review-actions">
                <ActionForm action=approve attr:class="inline-form">
                    <input type="hidden" name="mentor_id" value=id />
                    <button type="submit" class="button">
                        {format!("Approve {name}")}
                    </button>
                </ActionForm>
                <ActionForm action=send_back attr:class="form">
                    <input type="hidden" name="mentor_id" value=id />
                    <div class="field">
                        <label for=comment_id.clone()>"Or return it with a comment"</label>
                        <textarea id=comment_id name="comment" rows="3"></textarea>
                    </div>
                    <button type="submit" class="button button-secondary">
                        "Return to mentor"
                    </button>
                </ActionForm>
            </div>
        </li>
    }
    .into_any()
}
