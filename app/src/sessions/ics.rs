//! Calendar files (RFC 5545): the invitation attached to emails and the
//! feed calendars subscribe to. Times are UTC. Summaries and descriptions
//! name the session and link to it; the agenda never appears.

use jiff::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A new or moved session.
    Request,
    /// A cancelled one.
    Cancel,
    /// A feed: a list, not an invitation.
    Publish,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
        }
    }
}

/// One session as calendars see it.
pub struct Event {
    pub uid: String,
    pub sequence: i64,
    pub starts: i64,
    pub ends: i64,
    pub summary: String,
    pub location: String,
    pub url: String,
    pub cancelled: bool,
    pub organizer: (String, String),
    pub attendee: (String, String),
}

fn utc(unix: i64) -> String {
    Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH).strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT values escape backslashes, semicolons, commas and line breaks.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (a display name) is quoted; quotes cannot appear.
fn param(value: &str) -> String {
    format!("\"{}\"", value.chars().filter(|c| *c != '"' && !c.is_control()).collect::<String>())
}

/// Lines longer than 75 octets continue on the next line after a space,
/// never splitting a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

pub fn calendar(method: Method, name: &str, events: &[Event], now: i64) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Mentorwell//Calendar//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{}", method.name()),
        format!("X-WR-CALNAME:{}", text(name)),
    ];
    for e in events {
        let status = if e.cancelled || method == Method::Cancel { "CANCELLED" } else { "CONFIRMED" };
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", e.uid),
            format!("SEQUENCE:{}", e.sequence),
            format!("DTSTAMP:{}", utc(now)),
            format!("DTSTART:{}", utc(e.starts)),
            format!("DTEND:{}", utc(e.ends)),
            format!("SUMMARY:{}", text(&e.summary)),
            // Calendars shared with colleagues show only "busy".
            "CLASS:PRIVATE".into(),
            format!("DESCRIPTION:{}", text(&format!("Details and changes: {}", e.url))),
            format!("LOCATION:{}", text(&e.location)),
            format!("URL:{}", e.url),
            format!("STATUS:{status}"),
            format!("ORGANIZER;CN={}:mailto:{}", param(&e.organizer.0), e.organizer.1),
            format!("ATTENDEE;CN={};ROLE=REQ-PARTICIPANT:mailto:{}", param(&e.attendee.0), e.attendee.1),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        Event {
            uid: "abc@mentorwell".into(),
            sequence: 2,
            starts: 1_800_000_000,
            ends: 1_800_003_600,
            summary: "Mentoring session: Amira Okafor, Tom Reed".into(),
            location: "Room 4; Queen's Medical Centre, Nottingham".into(),
            url: "https://mentorwell.example/sessions".into(),
            cancelled: false,
            organizer: ("Amira \"A\" Okafor".into(), "amira@example.nhs.uk".into()),
            attendee: ("Tom Reed".into(), "tom@example.nhs.uk".into()),
        }
    }

    #[test]
    fn lines_are_folded_escaped_and_crlf() {
        let ics = calendar(Method::Request, "Sessions", &[event()], 1_799_000_000);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.lines().all(|l| l.len() <= 75));
        assert!(ics.contains("DTSTART:20270115T080000Z\r\n"));
        assert!(ics.contains("LOCATION:Room 4\\; Queen's Medical Centre\\, Nottingham"));
        assert!(ics.contains("ORGANIZER;CN=\"Amira A Okafor\":mailto:amira@example.nhs.uk"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Mentoring session: Amira Okafor\\, Tom Reed\r\n"));
        assert!(ics.contains("CLASS:PRIVATE\r\n"));
    }

    #[test]
    fn a_cancellation_says_so() {
        let ics = calendar(Method::Cancel, "Sessions", &[event()], 0);
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
    }
}
