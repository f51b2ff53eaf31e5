//! A resource as people see it, and the plain-text header the demo
//! articles carry (`title:`, `category:`, `audience:`, `summary:`,
//! `featured:`) before their Markdown.

use super::lists::{Audience, Category};
use serde::{Deserialize, Serialize};

/// A resource in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: Category,
    pub audience: Audience,
    pub featured: bool,
}

/// One article, its body already rendered to safe HTML on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub card: ResourceCard,
    pub html: String,
    /// Saved for later by the reader (always false when signed out).
    pub saved: bool,
    pub signed_in: bool,
    /// ISO date of the last change.
    pub updated_on: String,
}

/// An article read from a file with a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenArticle {
    pub card: ResourceCard,
    pub body: String,
}

/// Reads `text`: header lines, a blank line, then the Markdown body.
pub fn parse(slug: &str, text: &str) -> Result<WrittenArticle, String> {
    let (header, body) = text.split_once("\n\n").ok_or("no blank line after the header")?;
    let field = |name: &str| -> Result<String, String> {
        header
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(':').map(|v| v.trim().to_string()))
            .filter(|v| !v.is_empty())
            .ok_or(format!("{slug}: no {name}"))
    };
    let category = field("category")?;
    let audience = field("audience")?;
    Ok(WrittenArticle {
        card: ResourceCard {
            slug: slug.to_string(),
            title: field("title")?,
            summary: field("summary")?,
            category: Category::from_key(&category).ok_or(format!("{slug}: unknown category {category}"))?,
            audience: Audience::from_key(&audience).ok_or(format!("{slug}: unknown audience {audience}"))?,
            featured: field("featured")? == "yes",
        },
        body: body.trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_and_body_are_read() {
        let text = "title: GROW questions\ncategory: grow\naudience: everyone\nsummary: Ask well.\nfeatured: no\n\nBody *here*.\n";
        let a = parse("grow-questions", text).unwrap();
        assert_eq!(a.card.title, "GROW questions");
        assert_eq!(a.card.category, Category::Grow);
        assert!(!a.card.featured);
        assert_eq!(a.body, "Body *here*.");
        assert!(parse(
            "x",
            "title: A\ncategory: astrology\naudience: everyone\nsummary: s\nfeatured: no\n\nb"
        )
        .is_err());
    }
}
