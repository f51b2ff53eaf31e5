//! Ending well at the agreed end: when the pair are prompted to extend or
//! close, and when the service closes a relationship whose agreed time is
//! up. Plain dates and counts, no I/O; the sweep and the page both ask
//! here. Only terms both of the pair agreed count, never a draft.

use super::agreement::Length;
use crate::dates;

/// How many days before an agreed end date the pair are prompted.
pub const PROMPT_DAYS: i64 = 14;

/// What an agreed end calls for on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// Nothing yet.
    NotYet,
    /// Prompt the pair to extend or end it.
    Prompt,
    /// The grace period is over: the service closes it.
    Close,
}

/// The day the agreed time ends: the end date, or for a number of
/// sessions the day the last of them was held (`reached_on`, `None` until
/// then).
pub fn ends_on(length: &Length, reached_on: Option<&str>) -> Option<String> {
    match length {
        Length::Until(date) => Some(date.clone()),
        Length::Sessions(_) => reached_on.map(str::to_string),
    }
}

/// The last day of the grace period, after which the service closes it.
pub fn closes_after(ends_on: &str, grace_days: i64) -> Option<String> {
    dates::add_days(ends_on, grace_days)
}

/// What the agreed `length` calls for `today` (`YYYY-MM-DD`, UTC like every
/// stored date), given when the agreed number of sessions was reached.
pub fn due(length: &Length, reached_on: Option<&str>, today: &str, grace_days: i64) -> Due {
    let Some(end) = ends_on(length, reached_on) else { return Due::NotYet };
    let prompt_from = match length {
        Length::Until(_) => dates::add_days(&end, -PROMPT_DAYS),
        Length::Sessions(_) => Some(end.clone()),
    };
    match (closes_after(&end, grace_days), prompt_from) {
        (Some(last), _) if today > last.as_str() => Due::Close,
        (_, Some(from)) if today >= from.as_str() => Due::Prompt,
        _ => Due::NotYet,
    }
}

/// The name of an agreed end, which the prompt is claimed under: a new end
/// date or number of sessions (extending) is a new name, so it gets a
/// prompt of its own.
pub fn key(length: &Length) -> String {
    match length {
        Length::Until(date) => format!("date:{date}"),
        Length::Sessions(n) => format!("sessions:{n}"),
    }
}

/// What the page tells both of the pair while the prompt is due.
pub fn prompt_text(length: &Length, ends_on: &str, today: &str, grace_days: i64) -> String {
    let closes = closes_after(ends_on, grace_days).map(|d| dates::add_days(&d, 1).unwrap_or(d));
    let close = closes
        .map(|d| format!(" If you do neither, the service will close it on {}.", dates::long(&d)))
        .unwrap_or_default();
    match length {
        Length::Until(_) => {
            let verb = if today > ends_on { "ended" } else { "ends" };
            format!(
                "Your agreed time {verb} on {}: extend it (change the end date in the agreement, which the other \
                 agrees again) or end it.{close}",
                dates::long(ends_on)
            )
        }
        Length::Sessions(n) => format!(
            "You have held the {n} sessions you agreed: extend it (change the number of sessions in the \
             agreement, which the other agrees again) or end it.{close}"
        ),
    }
}

/// The body of the prompt emailed to each of the pair (its subject is
/// `Subject::AgreedEndNear`). Like the quiet nudge it names nobody and
/// does not say "mentoring": a link, nothing of the pair.
pub fn prompt_email(public_url: &str, id: i64) -> String {
    format!(
        "Hello,\n\nThe time you agreed is coming to an end. You can extend it or close it, together, here:\n\n\
         {public_url}/mentoring/{id}\n"
    )
}

/// The body of the email to each of the pair when the service has closed
/// it (`Subject::ClosedAsAgreed`).
pub fn closed_email(public_url: &str, id: i64) -> String {
    format!(
        "Hello,\n\nThe time you agreed has ended, so it is now closed. It stays there for you to read:\n\n\
         {public_url}/mentoring/{id}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRACE: i64 = 14;

    #[test]
    fn an_end_date_prompts_two_weeks_before_and_closes_after_the_grace_period() {
        let length = Length::Until("2027-05-20".into());
        let at = |today: &str| due(&length, None, today, GRACE);
        assert_eq!(at("2027-05-05"), Due::NotYet);
        assert_eq!(at("2027-05-06"), Due::Prompt);
        assert_eq!(at("2027-05-20"), Due::Prompt);
        assert_eq!(at("2027-06-03"), Due::Prompt, "the last day of grace");
        assert_eq!(at("2027-06-04"), Due::Close);
        assert_eq!(due(&length, None, "2027-05-21", 0), Due::Close, "no grace at all");
    }

    #[test]
    fn a_number_of_sessions_prompts_once_reached_and_closes_after_grace() {
        let length = Length::Sessions(6);
        assert_eq!(due(&length, None, "2030-01-01", GRACE), Due::NotYet, "not reached, however late");
        let reached = Some("2027-03-10");
        assert_eq!(due(&length, reached, "2027-03-10", GRACE), Due::Prompt);
        assert_eq!(due(&length, reached, "2027-03-24", GRACE), Due::Prompt);
        assert_eq!(due(&length, reached, "2027-03-25", GRACE), Due::Close);
    }

    #[test]
    fn extending_is_a_new_key() {
        assert_eq!(key(&Length::Until("2027-05-20".into())), "date:2027-05-20");
        assert_ne!(key(&Length::Until("2027-05-20".into())), key(&Length::Until("2027-08-20".into())));
        assert_eq!(key(&Length::Sessions(6)), "sessions:6");
    }

    #[test]
    fn the_prompt_says_when_and_what_to_do() {
        let length = Length::Until("2027-05-20".into());
        let text = prompt_text(&length, "2027-05-20", "2027-05-10", GRACE);
        assert!(text.starts_with("Your agreed time ends on 20 May 2027: extend it"), "{text}");
        assert!(text.ends_with("the service will close it on 4 June 2027."), "{text}");
        let past = prompt_text(&length, "2027-05-20", "2027-05-25", GRACE);
        assert!(past.starts_with("Your agreed time ended on 20 May 2027"), "{past}");
        let sessions = prompt_text(&Length::Sessions(6), "2027-03-10", "2027-03-10", GRACE);
        assert!(sessions.starts_with("You have held the 6 sessions you agreed"), "{sessions}");
    }

    #[test]
    fn the_emails_are_discreet_and_link_to_the_relationship() {
        for body in [prompt_email("https://m.example", 7), closed_email("https://m.example", 7)] {
            assert!(body.contains("https://m.example/mentoring/7"));
            let words = body.replace("https://m.example/mentoring/7", "");
            assert!(!words.to_lowercase().contains("mentor"), "{body}");
        }
    }
}
