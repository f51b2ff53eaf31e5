//! Server functions for a mentor's availability: their rota and rules
//! for booking (saved, or previewed over the next four weeks first), and
//! leave and extra times.

use super::views::{AvailabilityPage, AvailabilitySaved};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::db,
    super::preview,
    super::rota::{self, MAX_ROTA_WEEKS},
    super::rules::{self, AvailabilityFields, Rules, Window},
    super::slots::{local, zone, Diary, Exception},
    super::views::AvailabilityPreview,
    super::when::day_label,
    crate::accounts::{session, Role},
    crate::error::check_text,
    crate::shell::forms::{finish, finish_saying, form, peek_flash, respond},
    jiff::civil::Date,
};

#[cfg(feature = "ssr")]
fn exception_text(e: &Exception) -> String {
    match e {
        Exception::Leave { first, last } if first == last => format!("Away on {}", day_label(*first)),
        Exception::Leave { first, last } => {
            format!("Away from {} to {}", day_label(*first), day_label(*last))
        }
        Exception::Extra { day, window } => format!("Extra time on {}: {}", day_label(*day), window.label()),
    }
}

#[server(endpoint = "load_availability")]
pub async fn load_availability() -> Result<AvailabilityPage, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in_as(Role::Mentor).await?;
            let now = state.clock.now();
            let mut conn = state.db.pool().acquire().await.map_err(AppError::from)?;
            let rules = db::rules_of(&mut conn, user.id).await?;
            let zone_name = rules.as_ref().map_or("Europe/London".to_string(), |r| r.time_zone.clone());
            let today = local(&zone(&zone_name), now).date();
            let exceptions = db::exceptions_of(&mut conn, user.id, today)
                .await?
                .into_iter()
                .map(|e| (e.id, exception_text(&e.exception)))
                .collect();
            // A preview posted without JavaScript comes back as a flash with
            // what was typed: the preview is of those times, not the saved.
            let typed = peek_flash()
                .filter(|f| {
                    f.form == form::<SaveAvailability>().name()
                        && f.notice.is_some()
                        && f.value("intent").as_deref() == Some(PREVIEW)
                })
                .and_then(|f| {
                    let fields = AvailabilityFields::from_named(|name| f.value(name));
                    fields.check(&today.to_string()).ok()
                });
            let previewing = typed.is_some();
            let preview = match typed.or_else(|| rules.clone()) {
                Some(shown) => Some(preview_of(&mut conn, user.id, shown, now).await?),
                None => None,
            };
            Ok(AvailabilityPage {
                saved: rules.is_some(),
                fields: rules.map_or_else(rules::default_fields, |r| r.fields()),
                exceptions,
                preview,
                previewing,
            })
        }
        .await,
    )
}

/// The next four weeks' free times under `rules`, with the mentor's leave,
/// extra times and booked sessions.
#[cfg(feature = "ssr")]
async fn preview_of(
    conn: &mut sqlx::AnyConnection,
    mentor_id: i64,
    rules: Rules,
    now: i64,
) -> Result<AvailabilityPreview, AppError> {
    let (exceptions, held) = match db::diary_of(conn, mentor_id, now, 0).await? {
        Some(saved) => (saved.exceptions, saved.held),
        None => (Vec::new(), Vec::new()),
    };
    let diary = Diary { rules: &rules, zone: zone(&rules.time_zone), exceptions: &exceptions, held: &held };
    Ok(preview::four_weeks(&diary, now))
}

/// The submit button that previews instead of saving.
pub const PREVIEW: &str = "preview";

/// The availability form as the browser sends it: week 1's windows one
/// field per weekday, later rota weeks' days as one list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityForm {
    pub day_monday: String,
    pub day_tuesday: String,
    pub day_wednesday: String,
    pub day_thursday: String,
    pub day_friday: String,
    pub day_saturday: String,
    pub day_sunday: String,
    pub rota_weeks: Option<String>,
    pub rota_starts: Option<String>,
    pub later_days: Option<Vec<String>>,
    pub time_zone: String,
    pub session_minutes: String,
    pub buffer_minutes: String,
    pub notice_hours: String,
    pub max_per_week: String,
    pub room: String,
    pub video_link: String,
    pub phone: String,
    pub intent: Option<String>,
}

/// Saves the rules, or with `intent` "preview" only checks them; either
/// way the reply has the next four weeks' free times under them. Week 1's
/// days keep the weekly form's names; weeks 2 to 8 come as `later_days[]`,
/// seven a week, Monday first.
#[server(endpoint = "save_availability")]
pub async fn save_availability(
    #[server(flatten)] f: AvailabilityForm,
) -> Result<AvailabilitySaved, AppError> {
    let previewing = f.intent.as_deref() == Some(PREVIEW);
    let mut days = vec![
        f.day_monday,
        f.day_tuesday,
        f.day_wednesday,
        f.day_thursday,
        f.day_friday,
        f.day_saturday,
        f.day_sunday,
    ];
    let mut later = f.later_days.unwrap_or_default();
    later.resize(7 * (MAX_ROTA_WEEKS - 1), String::new());
    days.extend(later);
    let fields = AvailabilityFields {
        days,
        rota_weeks: f.rota_weeks.unwrap_or_else(|| "1".into()),
        rota_starts: f.rota_starts.unwrap_or_default(),
        time_zone: f.time_zone,
        session_minutes: f.session_minutes,
        buffer_minutes: f.buffer_minutes,
        notice_hours: f.notice_hours,
        max_per_week: f.max_per_week,
        room: f.room,
        video_link: f.video_link,
        phone: f.phone,
    };
    let names: Vec<String> = (0..fields.days.len()).map(|i| rota::day_field(i / 7, i % 7)).collect();
    let result = async {
        let (state, user) = session::signed_in_as(Role::Mentor).await?;
        let lines = [
            ("room", &fields.room),
            ("video_link", &fields.video_link),
            ("phone", &fields.phone),
            ("rota_starts", &fields.rota_starts),
        ];
        let days: Vec<(&str, &str)> =
            names.iter().zip(&fields.days).map(|(n, v)| (n.as_str(), v.as_str())).collect();
        check_text(&lines.map(|(n, v)| (n, v.as_str())), &days)?;
        let now = state.clock.now();
        let today = local(&zone(&fields.time_zone), now).date().to_string();
        let checked = fields.check(&today).map_err(AppError::Invalid)?;
        if !previewing {
            db::save_rules(&state.db, user.id, &checked, now).await?;
        }
        let mut conn = state.db.pool().acquire().await.map_err(AppError::from)?;
        let preview = preview_of(&mut conn, user.id, checked, now).await?;
        let message = if previewing {
            "This is a preview: nothing is saved yet. Check the times below, then save."
        } else {
            "Your availability is saved. Mentees see the new times straight away."
        };
        Ok(AvailabilitySaved { message: message.to_string(), saved: !previewing, preview })
    }
    .await;
    // Empty days are left out to keep the flash small: the form reads a
    // day missing from a flash as empty.
    let mut values: Vec<(&str, &str)> = names
        .iter()
        .zip(&fields.days)
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    values.extend([
        ("rota_weeks", fields.rota_weeks.as_str()),
        ("rota_starts", &fields.rota_starts),
        ("time_zone", &fields.time_zone),
        ("session_minutes", &fields.session_minutes),
        ("buffer_minutes", &fields.buffer_minutes),
        ("notice_hours", &fields.notice_hours),
        ("max_per_week", &fields.max_per_week),
        ("room", &fields.room),
        ("video_link", &fields.video_link),
        ("phone", &fields.phone),
        ("intent", if previewing { PREVIEW } else { "save" }),
    ]);
    let notice = result.as_ref().ok().map(|saved| saved.message.clone());
    finish(form::<SaveAvailability>(), &values, notice.as_deref(), result)
}

#[cfg(feature = "ssr")]
fn parse_day(text: &str, field: &str) -> Result<Date, AppError> {
    crate::dates::parse(text.trim())
        .and_then(|_| text.trim().parse::<Date>().ok())
        .ok_or_else(|| AppError::field(field, "Enter the date as YYYY-MM-DD, for example 2027-01-04."))
}

/// Leave (`kind` = "leave", from `first_day` to `last_day`) or an extra
/// window (`kind` = "extra", on `first_day` from `starts_at` to `ends_at`).
#[server(endpoint = "add_availability_exception")]
pub async fn add_availability_exception(
    kind: String,
    first_day: String,
    last_day: String,
    starts_at: String,
    ends_at: String,
) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in_as(Role::Mentor).await?;
        let first = parse_day(&first_day, "first_day")?;
        let exception = if kind == "leave" {
            let last = if last_day.trim().is_empty() { first } else { parse_day(&last_day, "last_day")? };
            if last < first {
                return Err(AppError::field(
                    "last_day",
                    "The last day of leave must be on or after the first.",
                ));
            }
            Exception::Leave { first, last }
        } else if kind == "extra" {
            let starts = rules::parse_clock(&starts_at).map_err(|m| AppError::field("starts_at", m))?;
            let ends = rules::parse_clock(&ends_at).map_err(|m| AppError::field("ends_at", m))?;
            if ends <= starts {
                return Err(AppError::field("ends_at", "The extra time must end after it starts."));
            }
            Exception::Extra { day: first, window: Window { starts, ends } }
        } else {
            return Err(AppError::field("kind", "Choose leave or extra time."));
        };
        db::add_exception(&state.db, user.id, &exception).await?;
        Ok(format!("Added: {}.", exception_text(&exception)))
    }
    .await;
    let values = [
        ("kind", kind.as_str()),
        ("first_day", &first_day),
        ("last_day", &last_day),
        ("starts_at", &starts_at),
        ("ends_at", &ends_at),
    ];
    finish_saying(form::<AddAvailabilityException>(), &values, result)
}

#[server(endpoint = "remove_availability_exception")]
pub async fn remove_availability_exception(id: i64) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in_as(Role::Mentor).await?;
        if !db::remove_exception(&state.db, user.id, id).await? {
            return Err(AppError::NotFound);
        }
        Ok("Removed.".to_string())
    }
    .await;
    finish_saying(form::<RemoveAvailabilityException>(), &[], result)
}
