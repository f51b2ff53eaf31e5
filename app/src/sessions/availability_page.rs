//! `/availability`: a mentor's weekly times, on a week grid on a wide
//! screen and as a list on a phone (the same fields: typing, not dragging),
//! the rules for booking, and leave or extra times on particular days.

use super::functions::{
    load_availability, AddAvailabilityException, RemoveAvailabilityException, SaveAvailability,
};
use super::rota::day_field;
use super::rules::{AvailabilityFields, BUFFER_MINUTES, SESSION_MINUTES, TIME_ZONES, WEEKDAYS};
use crate::error::AppError;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::forms::{error_signal, notice_signal, ErrorSummary, FormFlash, Notice, TextField};
use leptos::prelude::*;
use leptos_meta::Title;

/// A message beside a field named at run time (the weekdays).
fn message(error: Signal<Option<AppError>>, name: String) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|e| e.for_field(&name)))
}

#[component]
fn DayField(i: usize, value: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let name = day_field(0, i);
    let text = message(error, name.clone());
    let (error_id, hint_id) = (format!("{name}-error"), format!("{name}-hint"));
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || if text.get().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
    };
    view! {
        <div class="field week-day" class:field-error=move || text.get().is_some()>
            <label for=name.clone()>{WEEKDAYS[i]}</label>
            <p class="hint visually-hidden" id=hint_id>"One time range per line, for example 09:00-12:00."</p>
            {move || text.get().map(|t| view! { <p class="field-message" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{t}</p> })}
            <textarea id=name.clone() name=name rows="3" aria-describedby=described aria-invalid=move || text.get().is_some().then_some("true")>
                {value}
            </textarea>
        </div>
    }
}

fn select(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let text = message(error, name.to_string());
    view! {
        <div class="field" class:field-error=move || text.get().is_some()>
            <label for=name>{label}</label>
            {move || text.get().map(|t| view! { <p class="field-message" id=format!("{name}-error")><span class="visually-hidden">"Error: "</span>{t}</p> })}
            <select id=name name=name>
                {options.into_iter().map(|(v, l)| {
                    let selected = v == chosen;
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

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
        <p class="lead">"The times mentees you are matched with can book. Times are in your time zone; mentees see them in theirs."</p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = context.as_ref().and_then(|c| c.flash_for("availability"));
                match rules.await {
                    Ok(data) => view! { <RulesForm fields=data.fields saved=data.saved save flash /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
        <h2 id="exceptions-heading">"Leave and extra times"</h2>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = |name: &str| context.as_ref().and_then(|c| c.flash_for(name));
                let (flash, list_flash) = (flash("exception"), flash("exceptions"));
                let list = exceptions.await.map(|d| d.exceptions).unwrap_or_default();
                view! { <Exceptions list add remove flash list_flash /> }
            })}
        </Transition>
        <p><a href="/sessions">"Your sessions"</a></p>
    }
}

#[component]
fn RulesForm(
    fields: AvailabilityFields,
    saved: bool,
    save: ServerAction<SaveAvailability>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let last = move || save.value().get();
    let error = error_signal(last, flash.clone());
    let notice = notice_signal(last, flash.clone());
    let typed = |name: &str, stored: &str| {
        flash.as_ref().and_then(|f| f.value(name)).unwrap_or_else(|| stored.to_string())
    };
    let days: Vec<String> = (0..7)
        .map(|i| typed(&day_field(0, i), fields.days.get(i).map_or("", String::as_str)).replace(", ", "\n"))
        .collect();
    let (zone, session, buffer) = (
        typed("time_zone", &fields.time_zone),
        typed("session_minutes", &fields.session_minutes),
        typed("buffer_minutes", &fields.buffer_minutes),
    );
    let (notice_hours, max_per_week) =
        (typed("notice_hours", &fields.notice_hours), typed("max_per_week", &fields.max_per_week));
    let (room, video_link, phone) =
        (typed("room", &fields.room), typed("video_link", &fields.video_link), typed("phone", &fields.phone));
    let minutes = |list: &[i64], unit: &str| {
        list.iter().map(|m| (m.to_string(), format!("{m} {unit}"))).collect::<Vec<_>>()
    };
    let zones = TIME_ZONES.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect();
    view! {
        <Notice message=notice />
        <ErrorSummary error />
        {(!saved).then(|| view! { <p class="notice-warning">"You have not opened any times yet, so your mentees cannot book."</p> })}
        <ActionForm action=save attr:class="availability-form">
            <fieldset>
                <legend>"Weekly times"</legend>
                <p class="hint">"Type each time range as 09:00-12:00, one per line. Leave a day empty when you are not available."</p>
                <div class="week-grid">
                    {days.into_iter().enumerate().map(|(i, value)| view! { <DayField i value error /> }).collect_view()}
                </div>
            </fieldset>
            {select("time_zone", "Your time zone", zones, zone, error)}
            {select("session_minutes", "Session length", minutes(&SESSION_MINUTES, "minutes"), session, error)}
            {select("buffer_minutes", "Break between sessions", minutes(&BUFFER_MINUTES, "minutes"), buffer, error)}
            <TextField name="notice_hours" label="Notice you need (hours)" kind="number" error value=Some(notice_hours)
                hint="Mentees cannot book a time sooner than this." />
            <TextField name="max_per_week" label="Most sessions in a week" kind="number" error value=Some(max_per_week) />
            <fieldset>
                <legend>"Ways of meeting"</legend>
                <p class="hint">"Fill in the ones you offer."</p>
                <TextField name="room" label="Room and address" error value=Some(room) />
                <TextField name="video_link" label="Video call link" kind="url" error value=Some(video_link) />
                <TextField name="phone" label="Phone number" kind="tel" autocomplete="tel" error value=Some(phone) />
            </fieldset>
            <button type="submit" class="button">"Save availability"</button>
        </ActionForm>
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
                    {list.into_iter().map(|(id, text)| view! {
                        <li class="exception-row">
                            <span>{text.clone()}</span>
                            <ActionForm action=remove attr:class="inline-form">
                                <input type="hidden" name="id" value=id.to_string() />
                                <button type="submit" class="button button-secondary" aria-label=format!("Remove: {text}")>"Remove"</button>
                            </ActionForm>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <ActionForm action=add attr:class="exception-form">
            <h3>"Add leave or extra time"</h3>
            <ErrorSummary error />
            <fieldset class="field">
                <legend>"What to add"</legend>
                <label class="check"><input type="radio" name="kind" value="leave" checked=kind != "extra" />"Leave: no times on these days"</label>
                <label class="check"><input type="radio" name="kind" value="extra" checked=kind == "extra" />"Extra time on one day"</label>
            </fieldset>
            <TextField name="first_day" label="Day (the first day, for leave)" kind="date" error value=first_day />
            <TextField name="last_day" label="Last day of leave" kind="date" error value=last_day
                hint="Leave empty for a single day." />
            <TextField name="starts_at" label="Extra time from" kind="time" error value=starts_at />
            <TextField name="ends_at" label="Extra time to" kind="time" error value=ends_at />
            <button type="submit" class="button button-secondary">"Add"</button>
        </ActionForm>
    }
}
