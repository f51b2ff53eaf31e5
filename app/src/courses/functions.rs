//! Server functions for courses: the catalogue and one run for staff,
//! taking and giving up a place; for coordinators, runs, registers,
//! attendance, completion and accreditation gained elsewhere; and the
//! certificate check anyone may use.
// A server function takes a form's fields as arguments, one each.
#![allow(clippy::too_many_arguments)]

use super::views::{Certificate, CourseList, RegisterRow, RunCard};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::db::{self, Placed, StoredRun},
    super::lists::{PlaceState, RunStatus},
    super::run::{DayFields, RunFields},
    crate::accounts::{session, Role},
    crate::directory::lists::Area,
    crate::error::check_text,
    crate::shell::forms::{finish, finish_saying, respond},
    crate::state::{app_state, AppState},
};

/// Who reads a run: their place on it, and whether they hold an
/// accreditation (`None` when nobody is signed in).
#[cfg(feature = "ssr")]
struct Reader {
    mine: Option<PlaceState>,
    coordinator: bool,
    accredited: Option<bool>,
}

#[cfg(feature = "ssr")]
impl Reader {
    const COORDINATOR: Reader = Reader { mine: None, coordinator: true, accredited: None };
}

#[cfg(feature = "ssr")]
/// A run as the reader may see it: the online link only for people with
/// a place and for coordinators.
fn card(run: StoredRun, today: &str, reader: Reader) -> RunCard {
    let Reader { mine, coordinator, accredited } = reader;
    let show_link = coordinator || mine == Some(PlaceState::Registered);
    let area_label = Area::from_key(&run.area).map_or("Online".to_string(), |a| a.label().to_string());
    RunCard {
        id: run.id,
        kind: run.kind.key().into(),
        kind_label: run.kind.label().into(),
        places_left: (run.capacity - run.registered).max(0),
        full: run.registered >= run.capacity,
        closed_for_registration: today > run.register_by.as_str(),
        title: run.title,
        days: run.days,
        venue: run.venue,
        online_link: if show_link { run.online_link } else { String::new() },
        area: run.area,
        area_label,
        facilitators: run.facilitators,
        capacity: run.capacity,
        waiting: run.waiting,
        register_by: run.register_by,
        status: run.status,
        cancel_reason: run.cancel_reason,
        my_place: mine,
        who_for: run.kind.who_for().into(),
        not_for_reader: accredited.and_then(|a| run.kind.refusal(a)).map(String::from),
    }
}

/// Whether the signed-in reader holds an accreditation, current or lapsed.
#[cfg(feature = "ssr")]
async fn reader_accredited(
    state: &AppState,
    viewer: Option<&crate::accounts::CurrentUser>,
) -> Result<Option<bool>, AppError> {
    let Some(user) = viewer else { return Ok(None) };
    let mut conn = state.db.pool().acquire().await?;
    Ok(Some(db::has_accreditation(&mut conn, user.id).await?))
}

#[cfg(feature = "ssr")]
fn today(state: &AppState) -> String {
    crate::dates::date_of(state.clock.now())
}

#[server(endpoint = "load_courses")]
pub async fn load_courses(kind: String, month: String, area: String) -> Result<CourseList, AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::current_user(&state).await?;
            let today = today(&state);
            let coordinator = viewer.as_ref().is_some_and(|u| u.has(Role::Coordinator));
            let mine = match &viewer {
                Some(u) => db::places_of(&state.db, u.id).await?,
                None => vec![],
            };
            let accredited = reader_accredited(&state, viewer.as_ref()).await?;
            let upcoming: Vec<StoredRun> = db::runs(&state.db)
                .await?
                .into_iter()
                .filter(|r| r.days.last().is_some_and(|d| d.day.as_str() >= today.as_str()))
                .collect();
            let mut months: Vec<String> = upcoming
                .iter()
                .filter_map(|r| r.days.first().and_then(|d| d.day.get(..7)).map(String::from))
                .collect();
            months.dedup();
            let runs = upcoming
                .into_iter()
                .filter(|r| kind.is_empty() || r.kind.key() == kind)
                .filter(|r| area.is_empty() || r.area == area)
                .filter(|r| month.is_empty() || r.days.first().is_some_and(|d| d.day.starts_with(&month)))
                .map(|r| {
                    let place = mine.iter().find(|(id, _)| *id == r.id).map(|(_, s)| *s);
                    card(r, &today, Reader { mine: place, coordinator, accredited })
                })
                .collect();
            Ok(CourseList { runs, months, signed_in: viewer.is_some() })
        }
        .await,
    )
}

#[server(endpoint = "load_course")]
pub async fn load_course(id: i64) -> Result<RunCard, AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::current_user(&state).await?;
            let run = db::run_by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
            let mine = match &viewer {
                Some(u) => {
                    db::places_of(&state.db, u.id).await?.into_iter().find(|(r, _)| *r == id).map(|(_, s)| s)
                }
                None => None,
            };
            let coordinator = viewer.as_ref().is_some_and(|u| u.has(Role::Coordinator));
            let accredited = reader_accredited(&state, viewer.as_ref()).await?;
            Ok(card(run, &today(&state), Reader { mine, coordinator, accredited }))
        }
        .await,
    )
}

pub const REGISTERED: &str = "You are registered. We will see you on the first day.";

/// Takes a place, or a place on the waiting list when the run is full.
#[server(endpoint = "register_for_course")]
pub async fn register_for_course(run_id: i64) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let user = session::require_user(&state).await?;
        match db::register(&state.db, run_id, user.id, &today(&state), state.clock.now()).await? {
            Ok(Placed::Registered) => Ok(REGISTERED.to_string()),
            Ok(Placed::Waiting(n)) => Ok(format!(
                "The course is full, so you are on the waiting list: number {n}. \
                 If a place comes free it is yours, and we will email you."
            )),
            Err(refusal) => Err(AppError::Refused(refusal)),
        }
    }
    .await;
    finish_saying("course-place", &[], result)
}

/// Gives up a place (or leaves the waiting list).
#[server(endpoint = "cancel_my_place")]
pub async fn cancel_my_place(run_id: i64) -> Result<String, AppError> {
    const DONE: &str =
        "Your place is cancelled. Thank you for letting us know: it goes to the next person waiting.";
    let result = async {
        let state = app_state();
        let user = session::require_user(&state).await?;
        match db::cancel_place(&state.db, run_id, user.id, state.clock.now(), &state.config.public_url)
            .await?
        {
            Ok(_) => Ok(DONE.to_string()),
            Err(refusal) => Err(AppError::Refused(refusal)),
        }
    }
    .await;
    finish("course-place", &[], Some(DONE), result)
}

/// Every run, for coordinators, newest first.
#[server(endpoint = "load_course_runs")]
pub async fn load_course_runs() -> Result<Vec<RunCard>, AppError> {
    respond(
        async move {
            let state = app_state();
            session::require_role(&state, Role::Coordinator).await?;
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

/// Adds a run (`id` 0) or changes one. Returns the run's id.
#[server(endpoint = "save_course_run")]
pub async fn save_course_run(
    id: i64,
    kind: String,
    title: String,
    day_date: Option<Vec<String>>,
    day_starts: Option<Vec<String>>,
    day_ends: Option<Vec<String>>,
    venue: String,
    online_link: String,
    area: String,
    facilitators: String,
    capacity: String,
    register_by: String,
) -> Result<i64, AppError> {
    let fields = RunFields {
        kind,
        title,
        days: days_of(
            day_date.unwrap_or_default(),
            day_starts.unwrap_or_default(),
            day_ends.unwrap_or_default(),
        ),
        venue,
        online_link,
        area,
        facilitators,
        capacity,
        register_by,
    };
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
        let state = app_state();
        session::require_role(&state, Role::Coordinator).await?;
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
        db::update_run(&state.db, id, &fields, state.clock.now(), &state.config.public_url)
            .await?
            .map_err(|why| AppError::field("capacity", why))?;
        Ok(id)
    }
    .await;
    let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = (id != 0).then_some("Saved.");
    finish("course-run", &typed, saved, result)
}

#[server(endpoint = "cancel_course_run")]
pub async fn cancel_course_run(run_id: i64, reason: String) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        session::require_role(&state, Role::Coordinator).await?;
        check_text(&[], &[("reason", &reason)])?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::field(
                "reason",
                "Say why the course is cancelled: everyone registered is told.",
            ));
        }
        match db::cancel_run(&state.db, run_id, reason, state.clock.now(), &state.config.public_url).await? {
            Ok(n) => Ok(format!("The course is cancelled and {n} people have been emailed.")),
            Err(refusal) => Err(AppError::Refused(refusal)),
        }
    }
    .await;
    finish_saying("cancel-run", &[("reason", &reason)], result)
}

/// A run with everyone on it, for coordinators.
#[server(endpoint = "load_course_register")]
pub async fn load_course_register(run_id: i64) -> Result<(RunCard, Vec<RegisterRow>), AppError> {
    respond(
        async move {
            let state = app_state();
            session::require_role(&state, Role::Coordinator).await?;
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
    finish("attendance", &[], Some("Attendance saved."), result)
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
        match db::complete(&state.db, &run, user_id, &code, years, coordinator.id, state.clock.now()).await? {
            Ok(code) => Ok(format!("Completed. Certificate code {code}.")),
            Err(refusal) => Err(AppError::Refused(refusal)),
        }
    }
    .await;
    finish_saying("completion", &[], result)
}

/// A certificate by its code: anyone may check one.
#[server(endpoint = "verify_certificate")]
pub async fn verify_certificate(code: String) -> Result<Certificate, AppError> {
    respond(
        async move {
            let state = app_state();
            let code = super::certificate::tidy_code(&code);
            if code.is_empty() {
                return Err(AppError::field("code", "Enter the code printed on the certificate."));
            }
            let found = db::by_code(&state.db, &code).await?.ok_or_else(|| {
                AppError::field(
                    "code",
                    format!("No certificate has the code {code}. Check it and try again."),
                )
            })?;
            Ok(Certificate {
                code: found.code,
                name: found.name,
                course_title: found.course_title,
                completed_on: found.completed_on,
                models: found.models,
                elsewhere: found.kind == "elsewhere",
            })
        }
        .await,
    )
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
        db::record_elsewhere(
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
        "elsewhere",
        &[("email", &email), ("completed_on", &completed_on), ("evidence", &evidence)],
        result,
    )
}

/// The signed-in person's certificates, newest first.
#[server(endpoint = "load_my_certificates")]
pub async fn load_my_certificates() -> Result<Vec<Certificate>, AppError> {
    respond(
        async move {
            let state = app_state();
            let Some(user) = session::current_user(&state).await? else { return Ok(vec![]) };
            Ok(db::completions_of(&state.db, user.id)
                .await?
                .into_iter()
                .map(|c| Certificate {
                    code: c.code,
                    name: c.name,
                    course_title: c.course_title,
                    completed_on: c.completed_on,
                    models: c.models,
                    elsewhere: c.kind == "elsewhere",
                })
                .collect())
        }
        .await,
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
        let state = app_state();
        session::require_role(&state, Role::Coordinator).await?;
        match db::set_registration(&state.db, run_id, open).await? {
            Ok(()) => Ok(done.to_string()),
            Err(refusal) => Err(AppError::Refused(refusal)),
        }
    }
    .await;
    finish("registration", &[], Some(done), result)
}
