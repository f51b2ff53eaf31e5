//! Every refusal and the promotion order, without a database.

use super::*;

fn gate(kind: CourseKind, status: RunStatus) -> Gate {
    Gate { kind, status, capacity: 2, register_by: "2027-03-01".into() }
}

fn open_initial() -> Gate {
    gate(CourseKind::Initial, RunStatus::Open)
}

#[test]
fn an_open_run_before_its_deadline_takes_anyone_new() {
    assert_eq!(may_register(&open_initial(), "2027-03-01", false, None), Ok(()));
    // Someone who gave up a place may come back.
    assert_eq!(may_register(&open_initial(), "2027-01-01", false, Some(PlaceState::Cancelled)), Ok(()));
}

#[test]
fn a_cancelled_or_closed_run_takes_nobody() {
    let cancelled = gate(CourseKind::Initial, RunStatus::Cancelled);
    assert_eq!(may_register(&cancelled, "2027-01-01", true, None), Err(Refusal::Cancelled));
    let closed = gate(CourseKind::Initial, RunStatus::Closed);
    assert_eq!(may_register(&closed, "2027-01-01", true, None), Err(Refusal::NotTaking));
    assert_eq!(Refusal::Cancelled.message(), "This course has been cancelled.");
    assert_eq!(Refusal::NotTaking.message(), "This course is not taking registrations.");
}

#[test]
fn the_deadline_is_the_last_day_to_register() {
    let late = may_register(&open_initial(), "2027-03-02", false, None);
    assert_eq!(late, Err(Refusal::DeadlinePassed { register_by: "2027-03-01".into() }));
    assert_eq!(late.unwrap_err().message(), "Registration for this course closed on 1 March 2027.");
}

#[test]
fn a_refresher_needs_an_accreditation() {
    let refresher = gate(CourseKind::Refresher, RunStatus::Open);
    assert_eq!(may_register(&refresher, "2027-01-01", false, None), Err(Refusal::NeedsAccreditation));
    assert_eq!(may_register(&refresher, "2027-01-01", true, None), Ok(()));
    assert_eq!(Refusal::NeedsAccreditation.message(), REFRESHER_NEEDS_ACCREDITATION);
}

#[test]
fn nobody_registers_twice() {
    let again = may_register(&open_initial(), "2027-01-01", false, Some(PlaceState::Registered));
    assert_eq!(again, Err(Refusal::AlreadyRegistered));
    let waiting = may_register(&open_initial(), "2027-01-01", false, Some(PlaceState::Waitlisted));
    assert_eq!(waiting, Err(Refusal::AlreadyWaiting));
    assert_eq!(Refusal::AlreadyRegistered.message(), "You already have a place on this course.");
    assert_eq!(Refusal::AlreadyWaiting.message(), "You are already on the waiting list for this course.");
}

#[test]
fn the_run_is_checked_before_the_person() {
    // A cancelled run says so even to someone already on it.
    let cancelled = gate(CourseKind::Refresher, RunStatus::Cancelled);
    let said = may_register(&cancelled, "2030-01-01", false, Some(PlaceState::Registered));
    assert_eq!(said, Err(Refusal::Cancelled));
}

#[test]
fn a_full_run_or_a_waiting_list_puts_newcomers_on_the_list() {
    assert_eq!(placement(2, 0, 0), PlaceState::Registered);
    assert_eq!(placement(2, 1, 0), PlaceState::Registered);
    assert_eq!(placement(2, 2, 0), PlaceState::Waitlisted);
    // A place is free but someone is already waiting for it.
    assert_eq!(placement(2, 1, 1), PlaceState::Waitlisted);
    // Fewer places than people registered (capacity lowered is refused,
    // but a stored run is read as it is).
    assert_eq!(placement(1, 3, 0), PlaceState::Waitlisted);
}

#[test]
fn free_places_go_to_the_front_of_the_waiting_list_in_order() {
    let waiting = |list: &[(i64, i64)]| {
        list.iter().map(|&(position, user_id)| Waiting { position, user_id }).collect::<Vec<_>>()
    };
    // Read in any order, promoted by position.
    let list = waiting(&[(9, 90), (4, 40), (7, 70)]);
    assert_eq!(promoted(5, 4, list.clone()), vec![40]);
    assert_eq!(promoted(5, 3, list.clone()), vec![40, 70]);
    assert_eq!(promoted(10, 0, list.clone()), vec![40, 70, 90]);
    assert_eq!(promoted(5, 5, list.clone()), Vec::<i64>::new());
    assert_eq!(promoted(2, 5, list), Vec::<i64>::new());
    assert_eq!(promoted(5, 0, vec![]), Vec::<i64>::new());
}

#[test]
fn only_a_held_or_awaited_place_can_be_given_up() {
    assert_eq!(may_give_up(Some(PlaceState::Registered)), Ok(()));
    assert_eq!(may_give_up(Some(PlaceState::Waitlisted)), Ok(()));
    assert_eq!(may_give_up(Some(PlaceState::Cancelled)), Err(Refusal::NoPlace));
    assert_eq!(may_give_up(None), Err(Refusal::NoPlace));
    assert_eq!(Refusal::NoPlace.message(), "You do not have a place on this course.");
}

#[test]
fn a_cancelled_run_is_not_cancelled_again_nor_reopened() {
    assert_eq!(may_cancel_run(RunStatus::Open), Ok(()));
    assert_eq!(may_cancel_run(RunStatus::Closed), Ok(()));
    assert_eq!(may_cancel_run(RunStatus::Cancelled), Err(Refusal::AlreadyCancelled));
    assert_eq!(may_set_registration(RunStatus::Closed), Ok(()));
    assert_eq!(may_set_registration(RunStatus::Cancelled), Err(Refusal::Cancelled));
    assert_eq!(Refusal::AlreadyCancelled.message(), "This course is already cancelled.");
}

fn attendee<'a>(state: PlaceState, present: &'a [bool], completion: Option<&'a str>) -> Attendee<'a> {
    Attendee { name: "Ann", state, present, completion }
}

#[test]
fn completion_needs_a_place_and_every_day_attended() {
    let every_day = [true, true];
    assert_eq!(may_complete(None, CourseKind::Initial, false), Err(Refusal::NoPlaceFor));
    let waiting = attendee(PlaceState::Waitlisted, &every_day, None);
    assert_eq!(
        may_complete(Some(waiting), CourseKind::Initial, false),
        Err(Refusal::NotRegistered { name: "Ann".into() })
    );
    let missed = attendee(PlaceState::Registered, &[true, false], None);
    let refused = may_complete(Some(missed), CourseKind::Initial, false).unwrap_err();
    assert_eq!(refused, Refusal::NotPresent { name: "Ann".into(), day: 2 });
    assert_eq!(refused.message(), "Ann is not marked present on day 2. Mark attendance for every day first.");
    let done = attendee(PlaceState::Registered, &every_day, None);
    assert_eq!(may_complete(Some(done), CourseKind::Initial, false), Ok(Completing::Now));
    assert_eq!(Refusal::NoPlaceFor.message(), "That person has no place on this course.");
    assert_eq!(
        Refusal::NotRegistered { name: "Ann".into() }.message(),
        "Ann is not registered on this course."
    );
}

#[test]
fn a_second_completion_finds_the_first_certificate() {
    // Even if attendance was unmarked since, the certificate stands.
    let completed = attendee(PlaceState::Registered, &[false, true], Some("MW-AAAA-BBBB-CCCC"));
    assert_eq!(
        may_complete(Some(completed), CourseKind::Initial, false),
        Ok(Completing::Already("MW-AAAA-BBBB-CCCC".into()))
    );
}

#[test]
fn a_refresher_completes_only_for_the_accredited() {
    let present = [true];
    let refused =
        may_complete(Some(attendee(PlaceState::Registered, &present, None)), CourseKind::Refresher, false);
    assert_eq!(refused, Err(Refusal::NothingToRefresh { name: "Ann".into() }));
    assert!(refused.unwrap_err().message().contains("no accreditation to refresh"));
    let accredited = attendee(PlaceState::Registered, &present, None);
    assert_eq!(may_complete(Some(accredited), CourseKind::Refresher, true), Ok(Completing::Now));
}

#[test]
fn other_refusals_read_as_their_words() {
    assert_eq!(Refusal::NoSuchRun.message(), "We could not find that course.");
    assert_eq!(Refusal::NoLongerFits("Too few places.".into()).to_string(), "Too few places.");
    assert_eq!(Refusal::TryAgain.message(), "Please try again.");
}
