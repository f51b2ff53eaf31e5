//! What session emails and calendar entries are called. By default they
//! are discreet: "Protected time", naming nobody and not saying
//! "mentoring", since subjects and calendar titles show on lock screens
//! and shared calendars. A person may choose descriptive titles for their
//! own messages in their account settings.

use super::booking::Change;

/// The calendar entry's title for one person.
pub fn summary(descriptive: bool, mentor: &str, mentee: &str) -> String {
    if descriptive {
        format!("Mentoring session: {mentor} and {mentee}")
    } else {
        "Protected time".to_string()
    }
}

/// The calendar's own name, shown beside subscribed feeds.
pub fn calendar_name(descriptive: bool) -> &'static str {
    if descriptive {
        "Mentoring sessions"
    } else {
        "Protected time"
    }
}

/// The subject of the email telling someone of a change.
pub fn subject(descriptive: bool, change: Change, time: &str) -> String {
    let what = if descriptive { "Mentoring session" } else { "Protected time" };
    match change {
        Change::Booked => format!("{what} booked: {time}"),
        Change::Moved => format!("{what} moved to {time}"),
        Change::Cancelled => format!("{what} cancelled: {time}"),
    }
}

/// The subject of the reminder a day before.
pub fn reminder_subject(descriptive: bool, time: &str) -> String {
    let what = if descriptive { "mentoring session" } else { "protected time" };
    format!("Reminder: {what} on {time}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discreet_titles_name_nobody_and_never_say_mentoring() {
        let time = "Tuesday 3 March, 14:00";
        let mut titles = vec![summary(false, "Tom Reed", "Amira Okafor"), calendar_name(false).to_string()];
        titles.extend([Change::Booked, Change::Moved, Change::Cancelled].map(|c| subject(false, c, time)));
        titles.push(reminder_subject(false, time));
        for title in titles {
            let lower = title.to_lowercase();
            assert!(
                !lower.contains("mentor") && !title.contains("Tom") && !title.contains("Amira"),
                "{title}"
            );
        }
    }

    #[test]
    fn descriptive_titles_say_what_it_is() {
        assert_eq!(summary(true, "Tom Reed", "Amira Okafor"), "Mentoring session: Tom Reed and Amira Okafor");
        assert_eq!(subject(true, Change::Moved, "Monday"), "Mentoring session moved to Monday");
        assert_eq!(reminder_subject(true, "Monday"), "Reminder: mentoring session on Monday");
    }
}
