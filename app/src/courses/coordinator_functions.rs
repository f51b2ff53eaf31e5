//! Server functions for the coordinators' course pages: runs, a run's
//! register, attendance, completion, cancelling, opening and closing
//! registration, and accreditation gained elsewhere.

use super::views::{RegisterRow, RunCard};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::db,
    super::flow,
    super::functions::{card, today, Reader},
    super::lists::RunStatus,
    super::run::{DayFields, RunFields},
    crate::accounts::{session, Role},
    crate::error::check_text,
    crate::shell::forms::{finish, finish_saying, form, respond},
    crate::state::app_state,
};

/// Every run, for coordinators, newest first.
#[server(endpoint = "load_course_runs")]
pub async fn load_course_runs() -> Result<Vec<RunCard>, AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            let today = today(&state);
            let mut runs: Vec<RunCard> = db::runs(&state.db)
                .await?
                .into_iter()
                .map(|r| card(r, &today, Reader::COORDINATOR))
                .collect();
            runs.reverse();
            Ok(runs)
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn days_of(dates: Vec<String>, starts: Vec<String>, ends: Vec<String>) -> Vec<DayFields> {
    dates
        .into_iter()
        .zip(starts)
        .zip(ends)
        .map(|((day, starts_at), ends_at)| DayFields {
            day: day.trim().into(),
            starts_at: starts_at.trim().into(),
            ends_at: ends_at.trim().into(),
        })
        // Rows left blank are not days.
        .filter(|d| !(d.day.is_empty() && d.starts_at.is_empty() && d.ends_at.is_empty()))
        .collect()
}

/// The run form as the browser sends it; a run's days arrive as three
/// lists, one entry per day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunForm {
    pub kind: String,
    pub title: String,
    pub day_date: Option<Vec<String>>,
    pub day_starts: Option<Vec<String>>,
    pub day_ends: Option<Vec<String>>,
    pub venue: String,
    pub online_link: String,
    pub area: String,
    pub facilitators: String,
    pub capacity: String,
    pub register_by: String,
}

/// Adds a run (`id` 0) or changes one. Returns the run's id.
#[server(endpoint = "save_course_run")]
pub async fn save_course_run(id: i64, #[server(flatten)] input: RunForm) -> Result<i64, AppError> {
    let days = days_of(
        input.day_date.unwrap_or_default(),
        input.day_starts.unwrap_or_default(),
        input.day_ends.unwrap_or_default(),
    );
    let RunForm { kind, title, venue, online_link, area, facilitators, capacity, register_by, .. } = input;
    let fields =
        RunFields { kind, title, days, venue, online_link, area, facilitators, capacity, register_by };
    let typed = [
        ("kind", fields.kind.clone()),
        ("title", fields.title.clone()),
        ("venue", fields.venue.clone()),
        ("online_link", fields.online_link.clone()),
        ("area", fields.area.clone()),
        ("facilitators", fields.facilitators.clone()),
        ("capacity", fields.capacity.clone()),
        ("register_by", fields.register_by.clone()),
    ];
    let result = async {
        let (state, _) = session::signed_in_as(Role::Coordinator).await?;
        let lines = [
            ("title", &fields.title),
            ("venue", &fields.venue),
            ("online_link", &fields.online_link),
            ("area", &fields.area),
            ("facilitators", &fields.facilitators),
        ];
        check_text(&lines.map(|(n, v)| (n, v.as_str())), &[])?;
        if id == 0 {
            let problems = fields.problems(0);
            if !problems.is_empty() {
                return Err(AppError::Invalid(problems));
            }
            let mut tx = state.db.begin_write().await?;
            let new_id = db::insert_run(&mut tx, &fields, RunStatus::Open, state.clock.now()).await?;
            tx.commit().await?;
            // The run's register says it was added: a notice here would be
            // lost with the page it was on, with or without JavaScript.
            leptos_axum::redirect(&format!("/coordinator/courses/{new_id}?added=1"));
            return Ok(new_id);
        }
        let taken = db::run_by_id(&state.db, id).await?.ok_or(AppError::NotFound)?.registered;
        let problems = fields.problems(taken);
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        // Checked again inside the transaction: someone may register meanwhile.
        flow::update_run(&state.db, id, &fields, state.clock.now(), &state.config.public_url)
            .await?
            .map_err(|why| AppError::field("capacity", why.message()))?;
        Ok(id)
    }
    .await;
    let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = (id != 0).then_some("Saved.");
    finish(form::<SaveCourseRun>(), &typed, saved, result)
}

#[server(endpoint = "cancel_course_run")]
pub async fn cancel_course_run(run_id: i64, reason: String) -> Result<String, AppError> {
    let result = async {
        let (state, _) = session::signed_in_as(Role::Coordinator).await?;
        check_text(&[], &[("reason", &reason)])?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::field(
                "reason",
                "Say why the course is cancelled: everyone registered is told.",
            ));
        }
        match flow::cancel_run(&state.db, run_id, reason, state.clock.now(), &state.config.public_url).await?
        {
            Ok(n) => Ok(format!("The course is cancelled and {n} people have been emailed.")),
            Err(refusal) => Err(AppError::Refused(refusal.message())),
        }
    }
    .await;
    finish_saying(form::<CancelCourseRun>(), &[("reason", &reason)], result)
}

/// A run with everyone on it, for coordinators.
#[server(endpoint = "load_course_register")]
pub async fn load_course_register(run_id: i64) -> Result<(RunCard, Vec<RegisterRow>), AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            let run = db::run_by_id(&state.db, run_id).await?.ok_or(AppError::NotFound)?;
            let rows = db::places(&state.db, run_id, run.days.len())
                .await?
                .into_iter()
                .map(|p| RegisterRow {
                    user_id: p.user_id,
                    name: p.name,
                    email: p.email,
                    state: p.state,
                    present: p.present,
                    certificate: p.completion,
                })
                .collect();
            Ok((card(run, &today(&state), Reader::COORDINATOR), rows))
        }
        .await,
    )
}

/// Saves one person's attendance: the days ticked are present.
#[server(endpoint = "save_attendance")]
pub async fn save_attendance(
    run_id: i64,
    user_id: i64,
    present: Option<Vec<i64>>,
) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let coordinator = session::require_role(&state, Role::Coordinator).await?;
        let run = db::run_by_id(&state.db, run_id).await?.ok_or(AppError::NotFound)?;
        let present = present.unwrap_or_default();
        for day in 1..=run.days.len() as i64 {
            db::set_attendance(
                &state.db,
                run_id,
                user_id,
                day,
                present.contains(&day),
                coordinator.id,
                state.clock.now(),
            )
            .await?;
        }
        Ok("Attendance saved.".to_string())
    }
    .await;
    finish(form::<SaveAttendance>(), &[], Some("Attendance saved."), result)
}

/// Records that someone completed a run; gives their certificate's code.
#[server(endpoint = "complete_course")]
pub async fn complete_course(run_id: i64, user_id: i64) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let coordinator = session::require_role(&state, Role::Coordinator).await?;
        let run = db::run_by_id(&state.db, run_id).await?.ok_or(AppError::NotFound)?;
        let code = super::certificate::new_code();
        let years = state.config.refresher_years;
        match flow::complete(&state.db, &run, user_id, &code, years, coordinator.id, state.clock.now())
            .await?
        {
            Ok(code) => Ok(format!("Completed. Certificate code {code}.")),
            Err(refusal) => Err(AppError::Refused(refusal.message())),
        }
    }
    .await;
    finish_saying(form::<CompleteCourse>(), &[], result)
}

/// Records accreditation gained with another provider, with the evidence
/// seen, for an existing account.
#[server(endpoint = "record_accreditation_elsewhere")]
pub async fn record_accreditation_elsewhere(
    email: String,
    completed_on: String,
    evidence: String,
) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let coordinator = session::require_role(&state, Role::Coordinator).await?;
        let mut v = crate::error::Validation::default();
        v.line("email", &email);
        v.text("evidence", &evidence);
        let address = crate::accounts::db::normalise_email(&email);
        let user = crate::accounts::db::login_record(&state.db, &address).await?;
        v.check(
            user.is_some(),
            "email",
            "No account has that email address. Ask them to create an account first.",
        );
        let date_ok = crate::dates::parse(completed_on.trim()).is_some();
        v.check(date_ok, "completed_on", "Enter the date the training was completed as YYYY-MM-DD.");
        v.check(
            !date_ok || completed_on.trim() <= today(&state).as_str(),
            "completed_on",
            "The training date cannot be in the future.",
        );
        let evidence = evidence.trim();
        v.check(
            !evidence.is_empty(),
            "evidence",
            "Say what evidence you saw, for example the certificate and who issued it.",
        );
        v.check(evidence.chars().count() <= 500, "evidence", "Keep the evidence note to 500 characters.");
        v.finish()?;
        let Some(user) = user else { return Err(AppError::NotFound) };
        let code = super::certificate::new_code();
        flow::record_elsewhere(
            &state.db,
            user.user_id,
            completed_on.trim(),
            evidence,
            &code,
            state.config.refresher_years,
            coordinator.id,
            state.clock.now(),
        )
        .await?;
        Ok(format!("Recorded. {} is now an accredited mentor (certificate {code}).", address))
    }
    .await;
    finish_saying(
        form::<RecordAccreditationElsewhere>(),
        &[("email", &email), ("completed_on", &completed_on), ("evidence", &evidence)],
        result,
    )
}

/// Closes registration early (`open` "0") or opens it again ("1").
#[server(endpoint = "set_course_registration")]
pub async fn set_course_registration(run_id: i64, open: String) -> Result<String, AppError> {
    let open = open == "1";
    let done = if open {
        "Registration is open again."
    } else {
        "Registration is closed: nobody new can register or join the waiting list."
    };
    let result = async {
        let (state, _) = session::signed_in_as(Role::Coordinator).await?;
        match flow::set_registration(&state.db, run_id, open).await? {
            Ok(()) => Ok(done.to_string()),
            Err(refusal) => Err(AppError::Refused(refusal.message())),
        }
    }
    .await;
    finish(form::<SetCourseRegistration>(), &[], Some(done), result)
}
