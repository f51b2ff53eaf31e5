//! Server functions for the courses pages staff use: the catalogue, one
//! run, and taking or giving up a place. Coordinators' functions are in
//! [`super::coordinator_functions`], the certificate's in
//! [`super::certificate_functions`].

use super::views::{CourseList, RunCard};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::db::{self, StoredRun},
    super::flow::{self, Placed},
    super::lists::PlaceState,
    crate::accounts::{session, Role},
    crate::shell::forms::{finish, finish_saying, form, respond},
    crate::state::{app_state, AppState},
    crate::vocabulary::Area,
};

/// Who reads a run: their place on it, and whether they hold an
/// accreditation (`None` when nobody is signed in).
#[cfg(feature = "ssr")]
pub(super) struct Reader {
    mine: Option<PlaceState>,
    coordinator: bool,
    accredited: Option<bool>,
}

#[cfg(feature = "ssr")]
impl Reader {
    pub(super) const COORDINATOR: Reader = Reader { mine: None, coordinator: true, accredited: None };
}

#[cfg(feature = "ssr")]
/// A run as the reader may see it: the online link only for people with
/// a place and for coordinators.
pub(super) fn card(run: StoredRun, today: &str, reader: Reader) -> RunCard {
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
pub(super) fn today(state: &AppState) -> String {
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
        let (state, user) = session::signed_in().await?;
        match flow::register(&state.db, run_id, user.id, &today(&state), state.clock.now()).await? {
            Ok(Placed::Registered) => Ok(REGISTERED.to_string()),
            Ok(Placed::Waiting(n)) => Ok(format!(
                "The course is full, so you are on the waiting list: number {n}. \
                 If a place comes free it is yours, and we will email you."
            )),
            Err(refusal) => Err(AppError::Refused(refusal.message())),
        }
    }
    .await;
    finish_saying(form::<RegisterForCourse>(), &[], result)
}

/// Gives up a place (or leaves the waiting list).
#[server(endpoint = "cancel_my_place")]
pub async fn cancel_my_place(run_id: i64) -> Result<String, AppError> {
    const DONE: &str =
        "Your place is cancelled. Thank you for letting us know: it goes to the next person waiting.";
    let result = async {
        let (state, user) = session::signed_in().await?;
        match flow::cancel_place(&state.db, run_id, user.id, state.clock.now(), &state.config.public_url)
            .await?
        {
            Ok(_) => Ok(DONE.to_string()),
            Err(refusal) => Err(AppError::Refused(refusal.message())),
        }
    }
    .await;
    finish(form::<CancelMyPlace>(), &[], Some(DONE), result)
}
