//! When a mentee can usually meet, kept up to date after matching: the
//! days and times of day from their request, which they may change on the
//! booking page. Their mentor sees these words and nothing else of the
//! request for them.

use crate::error::{AppError, FieldError};
use crate::vocabulary::{check_many, Day, TimeOfDay};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::times_db,
    crate::accounts::session,
    crate::sessions::booking,
    crate::shell::forms::{finish, form},
};

pub const SAVED: &str = "Saved. Your mentor sees when you can usually meet.";
pub const ONLY_MENTEE: &str = "Only the mentee says when they can usually meet.";

/// The days and times of day as chosen, each from its list; naming none
/// of a kind means any.
pub fn check(days: &[String], times: &[String]) -> Result<(Vec<Day>, Vec<TimeOfDay>), Vec<FieldError>> {
    let mut errors = Vec::new();
    check_many(&mut errors, "days", days, Day::from_key, None);
    check_many(&mut errors, "times", times, TimeOfDay::from_key, None);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut days: Vec<Day> = days.iter().filter_map(|k| Day::from_key(k)).collect();
    let mut times: Vec<TimeOfDay> = times.iter().filter_map(|k| TimeOfDay::from_key(k)).collect();
    days.sort();
    days.dedup();
    times.sort();
    times.dedup();
    Ok((days, times))
}

/// Changes when the mentee of relationship `with` can usually meet.
#[server(endpoint = "save_meeting_times")]
pub async fn save_meeting_times(
    with: i64,
    days: Option<Vec<String>>,
    times: Option<Vec<String>>,
) -> Result<String, AppError> {
    let (days, times) = (days.unwrap_or_default(), times.unwrap_or_default());
    let result = async {
        let (state, user) = session::signed_in().await?;
        let (days, times) = check(&days, &times).map_err(AppError::Invalid)?;
        let mut tx = state.db.begin_write().await?;
        let pair = booking::bookable_pair(&mut tx, with, user.id).await?;
        if pair.mentee_id != user.id {
            return Err(AppError::Refused(ONLY_MENTEE.into()));
        }
        times_db::set(&mut tx, pair.request_id, &days, &times, state.clock.now()).await?;
        tx.commit().await?;
        Ok(SAVED.to_string())
    }
    .await;
    finish(form::<SaveMeetingTimes>(), &[], Some(SAVED), result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_days_and_times_come_back_in_week_order() {
        let (days, times) =
            check(&["sat".into(), "tue".into(), "tue".into()], &["night".into(), "evening".into()]).unwrap();
        assert_eq!(days, [Day::Tuesday, Day::Saturday]);
        assert_eq!(times, [TimeOfDay::Evening, TimeOfDay::Night]);
        assert_eq!(check(&[], &[]), Ok((vec![], vec![])));
    }

    #[test]
    fn a_day_or_time_not_on_the_list_is_refused_beside_its_field() {
        let errors = check(&["someday".into()], &["noon".into()]).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["days", "times"]);
        assert_eq!(errors[0].message, "Choose only from the options shown.");
    }
}

/// The two checkbox groups, as the request form and the booking page
/// ask them: `days[]` and `times[]`.
#[component]
pub fn DaysAndTimes(
    days: Vec<String>,
    times: Vec<String>,
    days_legend: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    use crate::shell::fields::CheckboxGroup;
    view! {
        <CheckboxGroup
            name="days"
            legend=days_legend
            hint="Leave them all clear for any day."
            options=Day::options()
            checked=days
            error
        />
        <CheckboxGroup
            name="times"
            legend="Times of day"
            hint="Mornings 06:00 to 12:00, afternoons to 17:00, evenings to 22:00, nights to 06:00."
            options=TimeOfDay::options()
            checked=times
            error
        />
    }
}
