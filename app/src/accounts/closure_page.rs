//! Closing an account, as the person sees it (a section of `/account`)
//! and as coordinators see it (`/coordinator/accounts`: closures to
//! confirm, and deactivating or reactivating an account).

use super::closure::{
    load_accounts_desk, load_closure_status, AccountItem, AskToCloseAccount, ConfirmAccountClosure,
    SetAccountActive,
};
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::fields::TextField;
use crate::shell::forms::{form, outcome_from, ErrorSummary, FormFlash, FormKey, FormOutcome, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

/// What closing means, in plain words: the same on `/account` and on the
/// my-data page.
#[component]
pub fn WhatClosingMeans() -> impl IntoView {
    view! {
        <p>"If you close your account, a coordinator confirms it and then:"</p>
        <ul>
            <li>"You can no longer sign in, and you are signed out everywhere."</li>
            <li>
                "Your name, email address and password are removed. Your mentor profile and directory entry, your request's text, your private notes, your goals, the actions you added, your written survey answers and emails waiting for you are deleted."
            </li>
            <li>
                "A mentoring relationship still under way is closed, and sessions still to come are cancelled. The other person is told it has closed, not why."
            </li>
            <li>
                "What the service needs for its figures is kept without your name, as \"erased user\" and a number: that a relationship took place and when, sessions held, survey scores, and course attendance."
            </li>
            <li>
                "The record of who viewed or changed what (the audit trail) is kept, showing you as \"erased user\" and a number. It holds no content."
            </li>
        </ul>
        <p>"You may want to "<a href="/account/my-data">"download what we hold about you"</a>" first."</p>
    }
}

/// The "Close your account" section of `/account`.
#[component]
pub fn CloseAccountSection(flash: Option<FormFlash>) -> impl IntoView {
    let action = ServerAction::<AskToCloseAccount>::new();
    let status = Resource::new(move || action.version().get(), |_| load_closure_status());
    let FormOutcome { error, notice, .. } = outcome_from(action, flash);
    view! {
        <section aria-labelledby="close-heading" id="close">
            <h2 id="close-heading">"Close your account"</h2>
            <Notice message=notice />
            <ErrorSummary error />
            <WhatClosingMeans />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) if s.requested_on.is_some() => {
                            view! {
                                <p>
                                    <strong>
                                        {format!(
                                            "You asked to close your account on {}.",
                                            s.requested_on.unwrap_or_default(),
                                        )}
                                    </strong>
                                    " A coordinator will confirm it."
                                </p>
                                <ActionForm action attr:class="form">
                                    <input type="hidden" name="close" value="no" />
                                    <button type="submit" class="button button-secondary">
                                        "I no longer want to close my account"
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Ok(s) if s.last_coordinator => {
                            view! {
                                <p>
                                    "You are the only coordinator, so your account cannot be closed. Make someone else a coordinator first."
                                </p>
                            }
                                .into_any()
                        }
                        Ok(_) => {
                            view! {
                                <ActionForm action attr:class="form">
                                    <input type="hidden" name="close" value="yes" />
                                    <button type="submit" class="button button-warning">
                                        "Ask to close my account"
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
pub fn AccountsDeskPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmAccountClosure>::new();
    let set_active = ServerAction::<SetAccountActive>::new();
    let page = use_page_context();
    let desk = Resource::new(
        move || (confirm.version().get(), set_active.version().get()),
        |_| load_accounts_desk(),
    );
    view! {
        <Title text="Closing and deactivating accounts" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = |key: FormKey| context.as_ref().and_then(|c| c.flash_for(key));
                let closure_flash = flash(form::<ConfirmAccountClosure>());
                let active_flash = flash(form::<SetAccountActive>());
                let typed = active_flash.as_ref().and_then(|f| f.value("email"));
                let FormOutcome { error: closure_error, notice: closure_notice, .. } = outcome_from(
                    confirm,
                    closure_flash,
                );
                let FormOutcome { error: active_error, notice: active_notice, .. } = outcome_from(
                    set_active,
                    active_flash,
                );
                match desk.await {
                    Ok(desk) => {
                        view! {
                            <h1>"Closing and deactivating accounts"</h1>
                            <section aria-labelledby="closures-heading">
                                <h2 id="closures-heading">
                                    {format!("Asked to close their account ({})", desk.closures.len())}
                                </h2>
                                <Notice message=closure_notice />
                                <ErrorSummary error=closure_error />
                                <p class="hint">
                                    "Confirming erases the account at once: the name, email, password, profile and everything the person wrote are removed; relationships under way close and the other person is told discreetly. It cannot be undone."
                                </p>
                                {if desk.closures.is_empty() {
                                    view! { <p>"Nobody is waiting."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="card-list">
                                            {desk
                                                .closures
                                                .into_iter()
                                                .map(|item| view! { <ClosureCard item action=confirm /> })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                            </section>
                            <section aria-labelledby="deactivate-heading">
                                <h2 id="deactivate-heading">"Deactivate or reactivate an account"</h2>
                                <p>
                                    "Deactivating signs the person out everywhere at once, refuses their sign-in and takes a mentor out of the directory. Nothing is deleted, and it can be undone."
                                </p>
                                <Notice message=active_notice />
                                <ActionForm action=set_active attr:class="form" attr:novalidate=true>
                                    <ErrorSummary error=active_error />
                                    <TextField
                                        name="email"
                                        label="Email address of the account"
                                        kind="email"
                                        value=typed
                                        error=active_error
                                    />
                                    <fieldset class="field">
                                        <legend>"What to do"</legend>
                                        <label class="check">
                                            <input type="radio" name="active" value="0" checked=true />
                                            "Deactivate the account"
                                        </label>
                                        <label class="check">
                                            <input type="radio" name="active" value="1" />
                                            "Reactivate the account"
                                        </label>
                                    </fieldset>
                                    <button type="submit" class="button">
                                        "Save"
                                    </button>
                                </ActionForm>
                                <h3>{format!("Deactivated ({})", desk.deactivated.len())}</h3>
                                {if desk.deactivated.is_empty() {
                                    view! { <p>"None."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="card-list">
                                            {desk
                                                .deactivated
                                                .into_iter()
                                                .map(|item| {
                                                    view! { <DeactivatedCard item action=set_active /> }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                            </section>
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
fn ClosureCard(item: AccountItem, action: ServerAction<ConfirmAccountClosure>) -> impl IntoView {
    let label = format!("Confirm closing the account of {}", item.name);
    view! {
        <li class="card">
            <h3>{item.name.clone()}</h3>
            <p>{format!("{}. Asked on {}.", item.email, item.since)}</p>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="user_id" value=item.id.to_string() />
                <button type="submit" class="button button-warning" aria-label=label>
                    "Confirm and close the account"
                </button>
            </ActionForm>
        </li>
    }
}

#[component]
fn DeactivatedCard(item: AccountItem, action: ServerAction<SetAccountActive>) -> impl IntoView {
    let label = format!("Reactivate the account of {}", item.name);
    view! {
        <li class="card">
            <h3>{item.name.clone()}</h3>
            <p>{format!("{}. Deactivated on {}.", item.email, item.since)}</p>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="email" value=item.email.clone() />
                <input type="hidden" name="active" value="1" />
                <button type="submit" class="button button-secondary" aria-label=label>
                    "Reactivate"
                </button>
            </ActionForm>
        </li>
    }
}
