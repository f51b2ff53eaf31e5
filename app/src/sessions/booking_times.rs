//! The booking page's word on when the mentee can usually meet: the
//! mentee reads and changes their days and times of day (the times that
//! suit them are then marked); the mentor reads them, and nothing else of
//! the request.

use super::views::{BookingPage as Data, DayView, SlotView};
use crate::requests::times::{DaysAndTimes, SaveMeetingTimes};
use crate::shell::forms::{error_signal, notice_signal, ErrorSummary, FormFlash, Notice};
use leptos::prelude::*;

/// How many of the times that suit are listed before the week.
pub const SHOWN: usize = 6;

#[component]
pub fn MeetingTimes(
    data: Data,
    save: ServerAction<SaveMeetingTimes>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    if !data.i_am_mentee {
        return view! { <p class="said">{format!("{} can usually meet: {}.", data.mentee_name, data.said)}</p> }
            .into_any();
    }
    let last = move || save.value().get();
    let error = error_signal(last, flash.clone());
    let notice = notice_signal(last, flash.clone());
    // Open after a mistake so the message is seen beside its field.
    let open = error.get_untracked().is_some();
    view! {
        <Notice message=notice />
        <details class="meeting-times" open=open>
            <summary>{format!("You can usually meet: {}. Change this", data.said)}</summary>
            <ErrorSummary error />
            <ActionForm action=save>
                <input type="hidden" name="with" value=data.request_id.to_string() />
                <DaysAndTimes
                    days=data.days.clone()
                    times=data.times.clone()
                    days_legend="Days you can usually meet"
                    error
                />
                <p class="hint">"Only days and times of day are shown to your mentor."</p>
                <button type="submit" class="button button-secondary">
                    "Save when I can meet"
                </button>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// The first free times that suit the mentee, each a link to choose it:
/// (address, "Tuesday 8 December, 18:00").
#[component]
pub fn Suiting(heading: String, picks: Vec<(String, String)>) -> impl IntoView {
    (!picks.is_empty()).then(|| {
        view! {
            <section class="suiting" aria-labelledby="suiting-heading">
                <h2 id="suiting-heading">{heading}</h2>
                <ul class="slot-list">
                    {picks
                        .into_iter()
                        .map(|(href, text)| {
                            view! {
                                <li>
                                    <a href=href class="slot slot-suits">
                                        {text}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

impl Data {
    /// "Times that suit you" to the mentee, "Times that suit Priya" to
    /// the mentor.
    pub fn suiting_heading(&self) -> String {
        if self.i_am_mentee {
            "Times that suit you".into()
        } else {
            format!("Times that suit {}", self.mentee_name)
        }
    }

    /// A slot's accessible name: its day and time, and whether it suits.
    pub fn slot_label(&self, day: &DayView, slot: &SlotView) -> String {
        match (slot.suits, self.i_am_mentee) {
            (false, _) => format!("{}, {}", day.label, slot.time),
            (true, true) => format!("{}, {} (suits you)", day.label, slot.time),
            (true, false) => format!("{}, {} (suits {})", day.label, slot.time, self.mentee_name),
        }
    }
}
