//! `/availability`: a mentor's times, as a weekly pattern or a rota of up
//! to eight weeks (the form is in `availability_form`), and leave or extra
//! times on particular days.

use super::availability_form::RulesForm;
use super::availability_functions::{
    load_availability, AddAvailabilityException, RemoveAvailabilityException, SaveAvailability,
};
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::fields::TextField;
use crate::shell::forms::{error_signal, form, notice_signal, ErrorSummary, FormFlash, FormKey, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AvailabilityPage() -> impl IntoView {
    let save = ServerAction::<SaveAvailability>::new();
    let add = ServerAction::<AddAvailabilityException>::new();
    let remove = ServerAction::<RemoveAvailabilityException>::new();
    let page = use_page_context();
    // The rules are read once: after a refused save the fields keep what
    // was typed. The exceptions follow each change to them.
    let rules = Resource::new(|| (), |_| load_availability());
    let exceptions =
        Resource::new(move || (add.version().get(), remove.version().get()), |_| load_availability());
    view! {
        <Title text="Your availability" />
        <h1>"Your availability"</h1>
        <p class="lead">
            "The times mentees you are matched with can book. Times are in your time zone; mentees see them in theirs."
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = context.as_ref().and_then(|c| c.flash_for(form::<SaveAvailability>()));
                match rules.await {
                    Ok(data) => {
                        view! {
                            <RulesForm
                                fields=data.fields
                                saved=data.saved
                                preview=data.preview
                                previewing=data.previewing
                                save
                                flash
                            />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
        <h2 id="exceptions-heading">"Leave and extra times"</h2>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = |keys: &[FormKey]| context.as_ref().and_then(|c| c.flash_for_any(keys));
                let (flash, list_flash) = (
                    flash(&[form::<AddAvailabilityException>()]),
                    flash(&[form::<RemoveAvailabilityException>()]),
                );
                let list = exceptions.await.map(|d| d.exceptions).unwrap_or_default();
                view! { <Exceptions list add remove flash list_flash /> }
            })}
        </Transition>
        <p>
            <a href="/sessions">"Your sessions"</a>
        </p>
    }
}

#[component]
fn Exceptions(
    list: Vec<(i64, String)>,
    add: ServerAction<AddAvailabilityException>,
    remove: ServerAction<RemoveAvailabilityException>,
    flash: Option<FormFlash>,
    list_flash: Option<FormFlash>,
) -> impl IntoView {
    let error = error_signal(move || add.value().get(), flash.clone());
    let notice = notice_signal(
        move || add.value().get().or_else(|| remove.value().get()),
        flash.clone().or(list_flash),
    );
    let typed = |name: &str| flash.as_ref().and_then(|f| f.value(name));
    let kind = typed("kind").unwrap_or_default();
    let (first_day, last_day, starts_at, ends_at) =
        (typed("first_day"), typed("last_day"), typed("starts_at"), typed("ends_at"));
    view! {
        <Notice message=notice />
        {if list.is_empty() {
            view! { <p>"None planned."</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list" aria-labelledby="exceptions-heading">
                    {list
                        .into_iter()
                        .map(|(id, text)| {
                            view! {
                                <li class="exception-row">
                                    <span>{text.clone()}</span>
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="id" value=id.to_string() />
                                        <button
                                            type="submit"
                                            class="button button-secondary"
                                            aria-label=format!("Remove: {text}")
                                        >
                                            "Remove"
                                        </button>
                                    </ActionForm>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <ActionForm action=add attr:class="exception-form">
            <h3>"Add leave or extra time"</h3>
            <ErrorSummary error />
            <fieldset class="field">
                <legend>"What to add"</legend>
                <label class="check">
                    <input type="radio" name="kind" value="leave" checked=kind != "extra" />
                    "Leave: no times on these days"
                </label>
                <label class="check">
                    <input type="radio" name="kind" value="extra" checked=kind == "extra" />
                    "Extra time on one day"
                </label>
            </fieldset>
            <TextField
                name="first_day"
                label="Day (the first day, for leave)"
                kind="date"
                error
                value=first_day
            />
            <TextField
                name="last_day"
                label="Last day of leave"
                kind="date"
                error
                value=last_day
                hint="Leave empty for a single day."
            />
            <TextField name="starts_at" label="Extra time from" kind="time" error value=starts_at />
            <TextField name="ends_at" label="Extra time to" kind="time" error value=ends_at />
            <button type="submit" class="button button-secondary">
                "Add"
            </button>
        </ActionForm>
    }
}
