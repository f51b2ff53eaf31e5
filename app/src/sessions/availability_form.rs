//! The availability form: how many weeks the pattern repeats over and from
//! when, each rota week's days (on a week grid on a wide screen, a list on
//! a phone: typing, not dragging), the rules for booking, and the next four
//! weeks' free times, previewed before saving. Without JavaScript the
//! number of weeks shown follows the last preview or save.

use super::availability_functions::{SaveAvailability, PREVIEW};
use super::rota::{day_field, MAX_ROTA_WEEKS};
use super::rules::{AvailabilityFields, BUFFER_MINUTES, SESSION_MINUTES, TIME_ZONES, WEEKDAYS};
use super::views::AvailabilityPreview;
use crate::error::AppError;
use crate::shell::fields::TextField;
use crate::shell::forms::{error_signal, ErrorSummary, FormFlash, Notice};
use leptos::prelude::*;

/// A message beside a field named at run time (the weekdays).
fn message(error: Signal<Option<AppError>>, name: String) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|e| e.for_field(&name)))
}

#[component]
fn DayField(week: usize, i: usize, value: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let id = day_field(week, i);
    // Week 1 posts under the weekly form's names; later weeks as one list.
    let name = if week == 0 { id.clone() } else { "later_days[]".to_string() };
    let text = message(error, id.clone());
    let (error_id, hint_id) = (format!("{id}-error"), format!("{id}-hint"));
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || if text.get().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
    };
    view! {
        <div class="field week-day" class:field-error=move || text.get().is_some()>
            <label for=id.clone()>{WEEKDAYS[i]}</label>
            <p class="hint visually-hidden" id=hint_id>
                "One time range per line, for example 09:00-12:00."
            </p>
            {move || {
                text.get()
                    .map(|t| {
                        view! {
                            <p class="field-message" id=error_id.clone()>
                                <span class="visually-hidden">"Error: "</span>
                                {t}
                            </p>
                        }
                    })
            }}
            <textarea
                id=id
                name=name
                rows="3"
                aria-describedby=described
                aria-invalid=move || text.get().is_some().then_some("true")
            >
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
            {move || {
                text.get()
                    .map(|t| {
                        view! {
                            <p class="field-message" id=format!("{name}-error")>
                                <span class="visually-hidden">"Error: "</span>
                                {t}
                            </p>
                        }
                    })
            }}
            <select id=name name=name>
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let selected = v == chosen;
                        view! {
                            <option value=v selected=selected>
                                {l}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// How many weeks the pattern repeats over. With JavaScript the week
/// fields follow the choice at once.
#[component]
fn RotaLength(chosen: String, shown: RwSignal<usize>, error: Signal<Option<AppError>>) -> impl IntoView {
    let text = message(error, "rota_weeks".into());
    view! {
        <div class="field" class:field-error=move || text.get().is_some()>
            <label for="rota_weeks">"Your times repeat"</label>
            {move || {
                text.get()
                    .map(|t| {
                        view! {
                            <p class="field-message" id="rota_weeks-error">
                                <span class="visually-hidden">"Error: "</span>
                                {t}
                            </p>
                        }
                    })
            }}
            <select
                id="rota_weeks"
                name="rota_weeks"
                on:change=move |ev| shown.set(event_target_value(&ev).parse().unwrap_or(1))
            >
                {(1..=MAX_ROTA_WEEKS)
                    .map(|n| {
                        let label = if n == 1 {
                            "Every week".to_string()
                        } else {
                            format!("Every {n} weeks (a {n}-week rota)")
                        };
                        let selected = n.to_string() == chosen.trim();
                        view! {
                            <option value=n.to_string() selected=selected>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn WeekFields(
    week: usize,
    days: Vec<String>,
    shown: RwSignal<usize>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let legend =
        move || if shown.get() > 1 { format!("Week {}", week + 1) } else { "Weekly times".to_string() };
    view! {
        <fieldset class="rota-week">
            <legend>{legend}</legend>
            <div class="week-grid">
                {days
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| view! { <DayField week i value error /> })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn PreviewList(preview: Signal<Option<AvailabilityPreview>>, previewing: Signal<bool>) -> impl IntoView {
    view! {
        <section class="availability-preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">"Your next four weeks"</h2>
            {move || {
                previewing
                    .get()
                    .then(|| {
                        view! { <p class="notice-warning">"A preview of the times above: not saved yet."</p> }
                    })
            }}
            {move || match preview.get() {
                None => view! { <p>"Save or preview your times to see them here."</p> }.into_any(),
                Some(p) => {
                    view! {
                        {p
                            .today
                            .map(|t| {
                                view! {
                                    <p id="rota-today">
                                        <strong>{t}</strong>
                                    </p>
                                }
                            })}
                        {p
                            .weeks
                            .into_iter()
                            .map(|w| {
                                view! {
                                    <h3>{w.label}</h3>
                                    <ul class="plain-list preview-days">
                                        {w
                                            .days
                                            .into_iter()
                                            .map(|d| {
                                                let times = if d.times.is_empty() {
                                                    "no free times".to_string()
                                                } else {
                                                    d.times.join(", ")
                                                };
                                                view! {
                                                    <li>
                                                        <strong>{d.label}</strong>
                                                        ": "
                                                        {times}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                            })
                            .collect_view()}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
pub fn RulesForm(
    fields: AvailabilityFields,
    saved: bool,
    preview: Option<AvailabilityPreview>,
    previewing: bool,
    save: ServerAction<SaveAvailability>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let last = move || save.value().get().map(|r| r.map(|s| s.message));
    let error = error_signal(last, flash.clone());
    let notice = crate::shell::forms::notice_signal(last, flash.clone());
    let typed = |name: &str, stored: &str| {
        flash.as_ref().and_then(|f| f.value(name)).unwrap_or_else(|| stored.to_string())
    };
    // A flash leaves empty days out: with one, a day missing is empty.
    let day_value = |week: usize, i: usize| {
        match &flash {
            Some(f) => f.value(&day_field(week, i)).unwrap_or_default(),
            None => fields.days.get(week * 7 + i).cloned().unwrap_or_default(),
        }
        .replace(", ", "\n")
    };
    let weeks: Vec<Vec<String>> =
        (0..MAX_ROTA_WEEKS).map(|w| (0..7).map(|i| day_value(w, i)).collect()).collect();
    let rota_weeks = typed("rota_weeks", &fields.rota_weeks);
    let shown = RwSignal::new(rota_weeks.trim().parse::<usize>().unwrap_or(1).clamp(1, MAX_ROTA_WEEKS));
    let rota_starts = typed("rota_starts", &fields.rota_starts);
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
    // The preview follows the last answer from the server; before one, the
    // page's (the saved times, or a preview posted without JavaScript).
    let first_preview = preview;
    let shown_preview = Signal::derive(move || match save.value().get() {
        Some(Ok(answer)) => Some(answer.preview),
        _ => first_preview.clone(),
    });
    let is_preview = Signal::derive(move || match save.value().get() {
        Some(Ok(answer)) => !answer.saved,
        Some(Err(_)) => false,
        None => previewing,
    });
    let later = move || (1..shown.get()).collect::<Vec<usize>>();
    let weeks_for_later = weeks.clone();
    view! {
        <Notice message=notice />
        <ErrorSummary error />
        {(!saved)
            .then(|| {
                view! {
                    <p class="notice-warning">
                        "You have not opened any times yet, so your mentees cannot book."
                    </p>
                }
            })}
        <ActionForm action=save attr:class="availability-form">
            <fieldset>
                <legend>"Your pattern"</legend>
                <p class="hint">
                    "A weekly pattern, or a rota that repeats every 2 to 8 weeks. Type each time range as 09:00-12:00, one per line; a range past midnight, such as 20:00-02:00, is a night. Leave a day empty when you are not available, or a whole week for a week off."
                </p>
                <RotaLength chosen=rota_weeks shown error />
                <TextField
                    name="rota_starts"
                    label="Week 1 of the rota starts"
                    kind="date"
                    error
                    value=Some(rota_starts)
                    hint="A day in week 1 (weeks run Monday to Sunday). Not needed for a weekly pattern. After choosing the number of weeks, preview to see their days."
                />
            </fieldset>
            <WeekFields week=0 days=weeks[0].clone() shown error />
            <For each=later key=|w| *w let:week>
                <WeekFields week days=weeks_for_later[week].clone() shown error />
            </For>
            {select("time_zone", "Your time zone", zones, zone, error)}
            {select(
                "session_minutes",
                "Session length",
                minutes(&SESSION_MINUTES, "minutes"),
                session,
                error,
            )}
            {select(
                "buffer_minutes",
                "Break between sessions",
                minutes(&BUFFER_MINUTES, "minutes"),
                buffer,
                error,
            )}
            <TextField
                name="notice_hours"
                label="Notice you need (hours)"
                kind="number"
                error
                value=Some(notice_hours)
                hint="Mentees cannot book a time sooner than this."
            />
            <TextField
                name="max_per_week"
                label="Most sessions in a week"
                kind="number"
                error
                value=Some(max_per_week)
            />
            <fieldset>
                <legend>"Ways of meeting"</legend>
                <p class="hint">"Fill in the ones you offer."</p>
                <TextField name="room" label="Room and address" error value=Some(room) />
                <TextField
                    name="video_link"
                    label="Video call link"
                    kind="url"
                    error
                    value=Some(video_link)
                />
                <TextField
                    name="phone"
                    label="Phone number"
                    kind="tel"
                    autocomplete="tel"
                    error
                    value=Some(phone)
                />
            </fieldset>
            <div class="button-row">
                <button type="submit" class="button" name="intent" value="save">
                    "Save availability"
                </button>
                <button type="submit" class="button button-secondary" name="intent" value=PREVIEW>
                    "Preview the next four weeks"
                </button>
            </div>
        </ActionForm>
        <PreviewList preview=shown_preview previewing=is_preview />
    }
}
