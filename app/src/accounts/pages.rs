//! Pages for accounts: register, confirm email, sign in, password change
//! and reset. Each works as a plain HTML form and better with JavaScript.

use super::functions::{ChangePassword, ConfirmEmail, Register, RequestPasswordReset, ResetPassword, SignIn};
use super::titles::TitlesSection;
use crate::outcomes::settings_section::SurveysSection;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::{ErrorPage, SignInRequiredPage};
use crate::shell::fields::TextField;
use crate::shell::forms::{errors_of, form, outcome_of, ErrorSummary, FormFlash, FormOutcome, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn flash_value(flash: &Option<FormFlash>, field: &str) -> Option<String> {
    flash.as_ref().and_then(|f| f.value(field))
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let page = use_page_context();
    view! {
        <Title text="Create an account" />
        <h1>"Create an account"</h1>
        <p>"Any member of health and care staff in the East Midlands can use Mentorwell to find a mentor."</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let FormOutcome { flash, error, notice } = outcome_of(action, page.await.ok().as_ref());
                let made = move || notice.get().is_some();
                let name = StoredValue::new(flash_value(&flash, "display_name"));
                let email = StoredValue::new(flash_value(&flash, "email"));
                // Once the account is made the form goes: filled in with its
                // button still there, it reads as if nothing had happened.
                // What was typed, kept where the form can read it each time it is drawn.
                view! {
                    <Notice message=notice />
                    {move || {
                        made()
                            .then(|| {
                                view! {
                                    <p>
                                        <a href="/sign-in">"Go to sign in"</a>
                                        " once you have confirmed your email."
                                    </p>
                                }
                            })
                    }}
                    <Show when=move || !made()>
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <ErrorSummary error />
                            <TextField
                                name="display_name"
                                label="Your name"
                                error
                                autocomplete="name"
                                value=name.get_value()
                            />
                            <TextField
                                name="email"
                                label="Work email address"
                                kind="email"
                                autocomplete="email"
                                error
                                value=email.get_value()
                            />
                            <TextField
                                name="password"
                                label="Choose a password"
                                kind="password"
                                autocomplete="new-password"
                                hint="At least 8 characters. A few unrelated words make a strong password."
                                error
                            />
                            <button type="submit" class="button">
                                "Create account"
                            </button>
                        </ActionForm>
                        <p>"Already registered? " <a href="/sign-in">"Sign in"</a></p>
                    </Show>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmail>::new();
    let page = use_page_context();
    let token = move || use_query_map().read().get("token").unwrap_or_default();
    view! {
        <Title text="Confirm your email" />
        <h1>"Confirm your email address"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let FormOutcome { error, notice, .. } = outcome_of(action, page.await.ok().as_ref());
                // Confirming changes the account, so it is a button (POST),
                // never something a mail scanner opening the link could do.
                view! {
                    <Notice message=notice />
                    <Show when=move || notice.get().is_none()>
                        <ActionForm action attr:class="form">
                            <ErrorSummary error />
                            <input type="hidden" name="token" value=token />
                            <p>"Press the button to confirm this is your email address."</p>
                            <button type="submit" class="button">
                                "Confirm my email address"
                            </button>
                        </ActionForm>
                    </Show>
                    <p>
                        <a href="/sign-in">"Go to sign in"</a>
                    </p>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = expect_context::<ServerAction<SignIn>>();
    let page = use_page_context();
    view! {
        <Title text="Sign in" />
        <h1>"Sign in"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (flash, error) = errors_of(action, page.await.ok().as_ref());
                view! {
                    <ActionForm action attr:class="form" attr:novalidate=true>
                        <ErrorSummary error />
                        <TextField
                            name="email"
                            label="Email address"
                            kind="email"
                            autocomplete="username"
                            error
                            value=flash_value(&flash, "email")
                        />
                        <TextField
                            name="password"
                            label="Password"
                            kind="password"
                            autocomplete="current-password"
                            error
                        />
                        <button type="submit" class="button">
                            "Sign in"
                        </button>
                    </ActionForm>
                    <p>
                        <a href="/forgot-password">"Forgotten your password?"</a>
                    </p>
                    <p>"New to Mentorwell? " <a href="/register">"Create an account"</a></p>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let page = use_page_context();
    view! {
        <Title text="Reset your password" />
        <h1>"Reset your password"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let FormOutcome { flash, error, notice } = outcome_of(action, page.await.ok().as_ref());
                view! {
                    <Notice message=notice />
                    <ActionForm action attr:class="form" attr:novalidate=true>
                        <ErrorSummary error />
                        <TextField
                            name="email"
                            label="Email address"
                            kind="email"
                            autocomplete="email"
                            error
                            value=flash_value(&flash, "email")
                        />
                        <button type="submit" class="button">
                            "Send me a reset link"
                        </button>
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let page = use_page_context();
    let token = move || use_query_map().read().get("token").unwrap_or_default();
    view! {
        <Title text="Choose a new password" />
        <h1>"Choose a new password"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let FormOutcome { error, notice, .. } = outcome_of(action, page.await.ok().as_ref());
                view! {
                    <Notice message=notice />
                    <ActionForm action attr:class="form" attr:novalidate=true>
                        <ErrorSummary error />
                        <input type="hidden" name="token" value=token />
                        <TextField
                            name="new_password"
                            label="New password"
                            kind="password"
                            autocomplete="new-password"
                            hint="At least 8 characters."
                            error
                        />
                        <button type="submit" class="button">
                            "Change password"
                        </button>
                    </ActionForm>
                    <p>
                        <a href="/sign-in">"Go to sign in"</a>
                    </p>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let page = use_page_context();
    view! {
        <Title text="Your account" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let context = match page.await {
                    Ok(context) => context,
                    Err(error) => return view! { <ErrorPage error /> }.into_any(),
                };
                let Some(user) = context.user.clone() else {
                    return view! { <SignInRequiredPage /> }.into_any();
                };
                let FormOutcome { error, notice, .. } = outcome_of(action, Some(&context));
                let roles = user.roles_text();
                view! {
                    <h1>"Your account"</h1>
                    <dl class="summary-list">
                        <div>
                            <dt>"Name"</dt>
                            <dd>{user.display_name.clone()}</dd>
                        </div>
                        <div>
                            <dt>"Email"</dt>
                            <dd>{user.email.clone()}</dd>
                        </div>
                        <div>
                            <dt>"Roles"</dt>
                            <dd>{roles}</dd>
                        </div>
                    </dl>
                    <h2>"Change your password"</h2>
                    <Notice message=notice />
                    <ActionForm action attr:class="form" attr:novalidate=true>
                        <ErrorSummary error />
                        <TextField
                            name="current_password"
                            label="Current password"
                            kind="password"
                            autocomplete="current-password"
                            error
                        />
                        <TextField
                            name="new_password"
                            label="New password"
                            kind="password"
                            autocomplete="new-password"
                            hint="At least 8 characters. Changing it signs you out on other devices."
                            error
                        />
                        <button type="submit" class="button">
                            "Change password"
                        </button>
                    </ActionForm>
                    <TitlesSection flash=context.flash_for(form::<super::titles::SaveTitles>()) />
                    <SurveysSection flash=context
                        .flash_for(form::<crate::outcomes::functions::SaveNoSurveys>()) />
                    <section aria-labelledby="my-data-heading">
                        <h2 id="my-data-heading">"What we hold about you"</h2>
                        <p>"See everything Mentorwell keeps about you, and download a copy."</p>
                        <p>
                            <a href="/account/my-data">"See what we hold about you"</a>
                        </p>
                    </section>
                    <super::closure_page::CloseAccountSection flash=context
                        .flash_for(form::<super::closure::AskToCloseAccount>()) />
                }
                    .into_any()
            })}
        </Suspense>
    }
}
