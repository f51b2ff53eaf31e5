//! What the coordinators' editor sends and shows, and the checks on it.
//! The checks are plain functions so they are tested without a server.

use super::article::{tags_of, FileInfo, ResourceCard, WrittenArticle};
use super::lists::{Audience, Category, Kind};
use crate::error::{FieldError, Validation};
use crate::vocabulary::is_web_address;
use serde::{Deserialize, Serialize};

/// The form name whose flash carries an upload's outcome to the editor.
pub const UPLOAD_FORM: crate::shell::forms::FormKey = crate::shell::forms::FormKey::handler("resource-file");

pub const MAX_TITLE: usize = 120;
pub const MAX_SUMMARY: usize = 300;
pub const MAX_BODY: usize = 30_000;

/// The editor's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorFields {
    pub title: String,
    pub summary: String,
    pub kind: String,
    pub body: String,
    pub link_url: String,
    pub category: String,
    pub audience: String,
    pub tags: String,
    pub featured: bool,
    pub published: bool,
}

impl EditorFields {
    pub fn of(a: &WrittenArticle) -> Self {
        EditorFields {
            title: a.card.title.clone(),
            summary: a.card.summary.clone(),
            kind: a.card.kind.key().into(),
            body: a.body.clone(),
            link_url: a.link_url.clone(),
            category: a.card.category.key().into(),
            audience: a.card.audience.key().into(),
            tags: a.card.tags.join(", "),
            featured: a.card.featured,
            published: a.published,
        }
    }

    /// The problems with these fields in form order, given the problems
    /// the Markdown checker found in the text.
    pub fn problems(&self, text_problems: &[String]) -> Vec<FieldError> {
        let mut v = Validation::default();
        let title = self.title.trim();
        v.check(!title.is_empty(), "title", "Enter a title.");
        v.check(
            title.chars().count() <= MAX_TITLE,
            "title",
            &format!("The title must be {MAX_TITLE} characters or fewer."),
        );
        let summary = self.summary.trim();
        v.check(
            !summary.is_empty(),
            "summary",
            "Write a short summary: it is shown in lists and search results.",
        );
        v.check(
            summary.chars().count() <= MAX_SUMMARY,
            "summary",
            &format!("The summary must be {MAX_SUMMARY} characters or fewer."),
        );
        let kind = Kind::from_key(&self.kind);
        v.check(kind.is_some(), "kind", "Choose whether this is an article, a link or a file.");
        let body = self.body.trim();
        v.check(!(kind == Some(Kind::Article) && body.is_empty()), "body", "Write the article's text.");
        let count = body.chars().count();
        v.check(
            count <= MAX_BODY,
            "body",
            &format!("The text is {count} characters; it must be {MAX_BODY} or fewer. Split it into two resources."),
        );
        if let Some(first) = text_problems.first() {
            let more = match text_problems.len() {
                1 => String::new(),
                n => format!(" ({} more problems are listed under the preview.)", n - 1),
            };
            v.check(false, "body", &format!("{first}{more}"));
        }
        if kind == Some(Kind::Link) {
            let link = self.link_url.trim();
            v.check(!link.is_empty(), "link_url", "Enter the address of the website, starting https://.");
            v.check(
                link.is_empty() || is_web_address(link),
                "link_url",
                "Enter a complete web address starting https:// or http://, for example https://www.nhs.uk/.",
            );
        }
        v.check(Category::from_key(&self.category).is_some(), "category", "Choose a topic.");
        v.check(Audience::from_key(&self.audience).is_some(), "audience", "Choose who it is for.");
        v.errors()
    }

    /// The resource these fields describe, under `slug` (call once the
    /// fields have no problems).
    pub fn written(&self, slug: &str) -> WrittenArticle {
        let kind = Kind::from_key(&self.kind).unwrap_or(Kind::Article);
        WrittenArticle {
            card: ResourceCard {
                slug: slug.into(),
                title: self.title.trim().into(),
                summary: self.summary.trim().into(),
                category: Category::from_key(&self.category).unwrap_or(Category::WellbeingAndSupport),
                audience: Audience::from_key(&self.audience).unwrap_or(Audience::Mentors),
                featured: self.featured,
                kind,
                tags: tags_of(&self.tags),
            },
            body: self.body.trim().into(),
            link_url: if kind == Kind::Link { self.link_url.trim().into() } else { String::new() },
            published: self.published,
        }
    }
}

/// A slug from a title: "GROW questions!" → "grow-questions".
pub fn slug_of(title: &str) -> String {
    let words: Vec<String> = title
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() {
        "resource".into()
    } else {
        slug
    }
}

/// The Markdown preview: safe HTML and what is wrong with the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub html: String,
    pub problems: Vec<String>,
}

/// What the editor page loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    /// Empty for a new resource.
    pub slug: String,
    pub version: i64,
    pub fields: EditorFields,
    pub file: Option<FileInfo>,
    pub preview: Preview,
    pub max_upload: String,
}

/// One line of the coordinators' list of resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedResource {
    pub card: ResourceCard,
    pub published: bool,
    pub updated_on: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> EditorFields {
        EditorFields {
            title: "GROW questions".into(),
            summary: "Questions for each stage.".into(),
            kind: "article".into(),
            body: "## Goal\n\nWhat would you like?".into(),
            category: "grow".into(),
            audience: "everyone".into(),
            tags: "Night shifts, grow".into(),
            published: true,
            ..Default::default()
        }
    }

    fn fields_of(problems: &[FieldError]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn good_fields_have_no_problems_and_tidy_up() {
        let f = good();
        assert!(f.problems(&[]).is_empty());
        let w = f.written("grow-questions");
        assert_eq!(w.card.tags, ["night shifts", "grow"]);
        assert_eq!(w.card.kind, Kind::Article);
        assert_eq!(w.link_url, "");
    }

    #[test]
    fn each_bad_field_is_named_in_form_order() {
        let f = EditorFields { kind: "poster".into(), ..Default::default() };
        assert_eq!(fields_of(&f.problems(&[])), ["title", "summary", "kind", "category", "audience"]);
        let long = EditorFields { title: "t".repeat(121), body: "b".repeat(30_001), ..good() };
        let problems = long.problems(&[]);
        assert_eq!(fields_of(&problems), ["title", "body"]);
        assert!(problems[1].message.starts_with("The text is 30001 characters"));
        let empty = EditorFields { body: "  ".into(), ..good() };
        assert_eq!(empty.problems(&[])[0].message, "Write the article's text.");
        let link = EditorFields {
            kind: "link".into(),
            body: String::new(),
            link_url: "www.nhs.uk".into(),
            ..good()
        };
        assert_eq!(fields_of(&link.problems(&[])), ["link_url"]);
    }

    #[test]
    fn text_problems_show_the_first_and_count_the_rest() {
        let problems = good().problems(&["Line 1: a script".into(), "Line 2: x".into(), "Line 3: y".into()]);
        assert_eq!(problems[0].field, "body");
        assert_eq!(problems[0].message, "Line 1: a script (2 more problems are listed under the preview.)");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug_of("GROW questions: for each stage!"), "grow-questions-for-each-stage");
        assert_eq!(slug_of("¿¿"), "resource");
        assert!(slug_of(&"word ".repeat(40)).len() <= 60);
    }
}
