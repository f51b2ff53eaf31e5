//! Private session notes and the actions the pair agree, as plain data
//! and checks (no I/O). Notes follow the template of a mentoring model
//! taught on the course, or are free text; each part of a template is a
//! box of its own. Parts are keyed, and models share keys where they ask
//! the same thing (action, review), so switching template keeps what was
//! written.

use crate::error::{AppError, Validation};
use serde::{Deserialize, Serialize};

/// Characters one part of a note may hold: a long page of writing.
pub const MAX_PART: usize = 4000;
/// Characters an agreed action may hold.
pub const MAX_ACTION: usize = 300;

crate::vocabulary::reference_list! {
    /// The template a note follows.
    NoteModel {
        Free = "free", "Free text";
        SkilledHelper = "skilled-helper", "The Skilled Helper";
        Grow = "grow", "GROW";
        Oskar = "oskar", "OSKAR";
        Clear = "clear", "CLEAR";
    }
}

crate::vocabulary::reference_list! {
    /// One box of a template.
    NotePart {
        Notes = "notes", "Notes";
        Exploration = "exploration", "Exploration: the current scenario";
        Perspectives = "perspectives", "New perspectives: the preferred scenario";
        Goal = "goal", "Goal";
        Reality = "reality", "Reality";
        Options = "options", "Options";
        Will = "will", "Will: the way forward";
        Outcome = "outcome", "Outcome";
        Scaling = "scaling", "Scaling";
        KnowHow = "know-how", "Know-how";
        Contract = "contract", "Contracting";
        Listen = "listen", "Listening";
        Explore = "explore", "Exploring";
        Action = "action", "Action";
        Affirm = "affirm", "Affirm and action";
        Review = "review", "Review";
    }
}

impl NoteModel {
    /// The template's boxes, in the order the model works through them.
    pub fn parts(self) -> &'static [NotePart] {
        use NotePart::*;
        match self {
            NoteModel::Free => &[Notes],
            NoteModel::SkilledHelper => &[Exploration, Perspectives, Action],
            NoteModel::Grow => &[Goal, Reality, Options, Will],
            NoteModel::Oskar => &[Outcome, Scaling, KnowHow, Affirm, Review],
            NoteModel::Clear => &[Contract, Listen, Explore, Action, Review],
        }
    }
}

/// Private notes as their author keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notes {
    pub model: String,
    /// Part key → text, in the order shown.
    pub parts: Vec<(String, String)>,
}

impl Notes {
    pub fn text_of(&self, part: &str) -> String {
        self.parts.iter().find(|(k, _)| k == part).map(|(_, t)| t.clone()).unwrap_or_default()
    }
}

/// The boxes to show for `model`: its template's, then any part already
/// written under another template, so changing template loses nothing.
pub fn boxes(model: NoteModel, saved: &Notes) -> Vec<(NotePart, String)> {
    let mut out: Vec<(NotePart, String)> =
        model.parts().iter().map(|p| (*p, saved.text_of(p.key()))).collect();
    for (key, text) in &saved.parts {
        if let Some(part) = NotePart::from_key(key) {
            if !text.trim().is_empty() && !out.iter().any(|(p, _)| *p == part) {
                out.push((part, text.clone()));
            }
        }
    }
    out
}

/// Checks notes as sent: a known model, known parts, each within its
/// length. Empty parts are dropped. The field named in an error is the
/// part's box, `notes-<key>`.
pub fn check_notes(model: &str, mut sent: Vec<(String, String)>) -> Result<Notes, AppError> {
    // Forms send parts in any order: keep the template's, then the list's.
    let order: Vec<&str> = NoteModel::from_key(model)
        .map_or(&[][..], |m| m.parts())
        .iter()
        .chain(NotePart::ALL)
        .map(|p| p.key())
        .collect();
    sent.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    let mut v = Validation::default();
    v.check(NoteModel::from_key(model).is_some(), "model", "Choose a template from the list.");
    let mut parts = Vec::new();
    for (key, text) in sent {
        let Some(part) = NotePart::from_key(&key) else {
            continue;
        };
        let text = text.trim().to_string();
        let field = format!("notes-{}", part.key());
        v.text(&field, &text);
        v.check(
            text.chars().count() <= MAX_PART,
            &field,
            &format!("Keep each part to {MAX_PART} characters; this one has {}.", text.chars().count()),
        );
        if !text.is_empty() && !parts.iter().any(|(k, _): &(String, String)| k == part.key()) {
            parts.push((part.key().to_string(), text));
        }
    }
    v.finish()?;
    Ok(Notes { model: model.to_string(), parts })
}

/// Checks an agreed action as typed.
pub fn check_action(text: &str) -> Result<String, AppError> {
    let text = text.trim();
    let mut v = Validation::default();
    v.check(!text.is_empty(), "action", "Write the action you agreed.");
    v.line("action", text);
    v.check(
        text.chars().count() <= MAX_ACTION,
        "action",
        &format!("Keep an action to {MAX_ACTION} characters."),
    );
    v.finish()?;
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(model: &str, parts: &[(&str, &str)]) -> Notes {
        Notes {
            model: model.into(),
            parts: parts.iter().map(|(k, t)| (k.to_string(), t.to_string())).collect(),
        }
    }

    #[test]
    fn every_model_has_its_parts_in_order() {
        let keys = |m: NoteModel| m.parts().iter().map(|p| p.key()).collect::<Vec<_>>();
        assert_eq!(keys(NoteModel::Grow), ["goal", "reality", "options", "will"]);
        assert_eq!(keys(NoteModel::SkilledHelper), ["exploration", "perspectives", "action"]);
        assert_eq!(keys(NoteModel::Oskar), ["outcome", "scaling", "know-how", "affirm", "review"]);
        assert_eq!(keys(NoteModel::Clear), ["contract", "listen", "explore", "action", "review"]);
        assert_eq!(keys(NoteModel::Free), ["notes"]);
    }

    #[test]
    fn changing_template_keeps_what_was_written() {
        let saved = notes("clear", &[("contract", "monthly"), ("action", "call HR"), ("review", "")]);
        let shown = boxes(NoteModel::SkilledHelper, &saved);
        let keys: Vec<_> = shown.iter().map(|(p, _)| p.key()).collect();
        // The shared "action" box keeps its text in place; "contract" is
        // carried after the template's own boxes; an empty part is not.
        assert_eq!(keys, ["exploration", "perspectives", "action", "contract"]);
        assert_eq!(shown[2].1, "call HR");
        assert_eq!(shown[3].1, "monthly");
    }

    #[test]
    fn notes_are_checked_part_by_part() {
        let ok = check_notes("grow", vec![("goal".into(), "  sleep  ".into()), ("will".into(), "".into())])
            .unwrap();
        assert_eq!(ok.parts, [("goal".to_string(), "sleep".to_string())]);
        assert!(check_notes("astrology", vec![]).unwrap_err().for_field("model").is_some());
        let long = "x".repeat(MAX_PART + 1);
        let err = check_notes("grow", vec![("reality".into(), long)]).unwrap_err();
        assert!(err.for_field("notes-reality").unwrap().contains("4000"));
        let ordered = check_notes(
            "grow",
            vec![("will".into(), "w".into()), ("notes".into(), "n".into()), ("goal".into(), "g".into())],
        )
        .unwrap();
        let keys: Vec<_> = ordered.parts.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["goal", "will", "notes"]);
        // Unknown parts are ignored, not stored.
        let ok = check_notes("free", vec![("secret".into(), "x".into())]).unwrap();
        assert!(ok.parts.is_empty());
    }

    #[test]
    fn an_action_is_one_line_of_sensible_length() {
        assert_eq!(check_action("  Book a rota meeting ").unwrap(), "Book a rota meeting");
        assert!(check_action("   ").is_err());
        assert!(check_action(&"y".repeat(MAX_ACTION + 1)).is_err());
        assert!(check_action("two\nlines").is_err());
    }
}
