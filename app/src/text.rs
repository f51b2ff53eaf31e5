//! What may be typed into a text field.
//!
//! No field takes a NUL byte (PostgreSQL cannot store one, so it would
//! fail the request) or another control character (invisible, and able to
//! upset whatever shows the text later). A single-line field — a name, a
//! title, an email address — takes no line breaks or tabs either: the
//! display name goes into email headers, where a line break would start a
//! header of the sender's choosing. Multi-line fields keep newlines and
//! tabs, and carriage returns (browsers send a textarea's line breaks as
//! CR LF).
//!
//! [`crate::error::Validation`] calls these for server functions; the
//! server calls [`multi_line_problem`] on every field of every posted form
//! as a safety net, so a field a function forgets is still checked.

/// For a single-line field.
pub const LINE_MESSAGE: &str = "This must be on one line, without tabs or control characters.";
/// For a multi-line field, and for any field the server checks as a whole.
pub const TEXT_MESSAGE: &str = "This contains a character that is not allowed (a control character).";

/// Why `value` does not fit a single-line field, if it does not.
pub fn line_problem(value: &str) -> Option<&'static str> {
    value.chars().any(char::is_control).then_some(LINE_MESSAGE)
}

/// Why `value` does not fit a multi-line field, if it does not.
pub fn multi_line_problem(value: &str) -> Option<&'static str> {
    value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).then_some(TEXT_MESSAGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_passes_both() {
        for ok in ["", "Pat O'Neill", "Zoë Ødegård – ward 7", "名前", "a@b.org", "tab-free 😀"] {
            assert_eq!(line_problem(ok), None, "{ok:?}");
            assert_eq!(multi_line_problem(ok), None, "{ok:?}");
        }
    }

    #[test]
    fn nul_is_refused_everywhere() {
        assert_eq!(line_problem("Pat\0"), Some(LINE_MESSAGE));
        assert_eq!(multi_line_problem("Pat\0"), Some(TEXT_MESSAGE));
        assert_eq!(multi_line_problem("\0"), Some(TEXT_MESSAGE));
    }

    #[test]
    fn line_breaks_and_tabs_only_in_multi_line_fields() {
        for text in ["two\nlines", "two\r\nlines", "carriage\rreturn", "a\ttab"] {
            assert_eq!(line_problem(text), Some(LINE_MESSAGE), "{text:?}");
            assert_eq!(multi_line_problem(text), None, "{text:?}");
        }
        // A header injection attempt in a display name.
        assert_eq!(line_problem("Pat\r\nBcc: everyone@example.org"), Some(LINE_MESSAGE));
    }

    #[test]
    fn other_control_characters_are_refused_everywhere() {
        for text in
            ["bell\u{7}", "escape\u{1b}[31m", "delete\u{7f}", "c1\u{85}", "vertical\u{b}tab", "feed\u{c}"]
        {
            assert_eq!(line_problem(text), Some(LINE_MESSAGE), "{text:?}");
            assert_eq!(multi_line_problem(text), Some(TEXT_MESSAGE), "{text:?}");
        }
    }
}
