//! The booking page's month view: eight weeks as a calendar, each day
//! with how many free times it has and how many suit the mentee, linking
//! to its week.

use super::booking_page::Place;
use super::views::{BookingPage as Data, DayView};
use leptos::prelude::*;

/// "2 times" or "2 times, 1 suits you".
fn counted(day: &DayView, data: &Data) -> String {
    let (n, suiting) = (day.slots.len(), day.slots.iter().filter(|s| s.suits).count());
    let times = if n == 1 { "1 time".to_string() } else { format!("{n} times") };
    match (suiting, data.i_am_mentee) {
        (0, _) => times,
        (s, true) => format!("{times}, {s} suit{} you", if s == 1 { "s" } else { "" }),
        (s, false) => format!("{times}, {s} suit{} {}", if s == 1 { "s" } else { "" }, data.mentee_name),
    }
}

#[component]
pub fn Month(data: Data, place: Place) -> impl IntoView {
    const HEADS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let rows = data.weeks.iter().enumerate().map(|(w, week)| {
        let cells = week.days.iter().map(|d| {
            let day_number = d.date.get(8..).unwrap_or("").trim_start_matches('0').to_string();
            if d.slots.is_empty() {
                // Screen readers skip a label on a plain span, so the words
                // are text, hidden from sight only.
                return view! {
                    <td>
                        <span class="month-day">
                            <span aria-hidden="true">{day_number}</span>
                            <span class="visually-hidden">{format!("{}: no free times", d.label)}</span>
                        </span>
                    </td>
                }
                .into_any();
            }
            let text = counted(d, &data);
            let suits = d.slots.iter().any(|s| s.suits);
            let href = format!("{}#day-{}", place.href(None, w, false), d.date);
            let count = if suits {
                "✓ ".to_string() + &d.slots.len().to_string()
            } else {
                d.slots.len().to_string()
            };
            view! {
                <td>
                    <a
                        href=href
                        class="month-day"
                        class:month-suits=suits
                        aria-label=format!("{}: {}", d.label, text)
                    >
                        {day_number}
                        <span class="month-count">{count}</span>
                    </a>
                </td>
            }
            .into_any()
        });
        view! { <tr>{cells.collect_view()}</tr> }
    });
    let any_suit = data.weeks.iter().flat_map(|w| &w.days).flat_map(|d| &d.slots).any(|s| s.suits);
    let key = any_suit.then(|| {
        let whom = if data.i_am_mentee { "you".to_string() } else { data.mentee_name.clone() };
        view! { <p class="hint">{format!("✓ marks days with times that suit {whom}.")}</p> }
    });
    view! {
        {key}
        <table class="month">
            <caption>"Free times in the next eight weeks"</caption>
            <thead>
                <tr>{HEADS.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr>
            </thead>
            <tbody>{rows.collect_view()}</tbody>
        </table>
    }
}
