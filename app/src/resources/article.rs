//! A resource as people see it, and the plain-text header the demo
//! articles carry (`title:`, `category:`, `audience:`, `summary:`,
//! `featured:`, and optionally `tags:`, `link:`) before their Markdown.

use super::lists::{Audience, Category, Kind};
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
    pub kind: Kind,
    /// Free words for search, lower case.
    pub tags: Vec<String>,
}

/// A file kept for a file resource, as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    pub name: String,
    /// "PDF", "Word document".
    pub type_label: String,
    /// "240 KB".
    pub size_label: String,
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
    /// The address of a link resource (empty otherwise).
    pub link_url: String,
    /// The file of a file resource, once one is uploaded.
    pub file: Option<FileInfo>,
}

/// Everything kept about a resource but its file: what the editor saves
/// and the demo articles are read into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenArticle {
    pub card: ResourceCard,
    pub body: String,
    pub link_url: String,
    pub published: bool,
}

/// Tags as typed ("Night shifts, GROW") → ["night shifts", "grow"]:
/// lower case, no repeats, at most 10.
pub fn tags_of(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',') {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if !tag.is_empty() && !tags.contains(&tag) && tags.len() < 10 {
            tags.push(tag.chars().take(40).collect());
        }
    }
    tags
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
    let optional = |name: &str| field(name).unwrap_or_default();
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
            kind: if optional("link").is_empty() { Kind::Article } else { Kind::Link },
            tags: tags_of(&optional("tags")),
        },
        body: body.trim().to_string(),
        link_url: optional("link"),
        published: true,
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
        assert_eq!(a.card.kind, Kind::Article);
        assert!(a.card.tags.is_empty());
        assert!(parse(
            "x",
            "title: A\ncategory: astrology\naudience: everyone\nsummary: s\nfeatured: no\n\nb"
        )
        .is_err());
        let link = parse(
            "nhs-111",
            "title: NHS 111\ncategory: wellbeing-and-support\naudience: everyone\nsummary: s\nfeatured: no\ntags: Urgent, urgent, night\nlink: https://111.nhs.uk/\n\nWhen to use it.",
        )
        .unwrap();
        assert_eq!(link.card.kind, Kind::Link);
        assert_eq!(link.link_url, "https://111.nhs.uk/");
        assert_eq!(link.card.tags, ["urgent", "night"]);
    }

    #[test]
    fn tags_are_tidied() {
        assert_eq!(tags_of(" Night   Shifts ,GROW,, grow "), ["night shifts", "grow"]);
        assert_eq!(tags_of(&"a,".repeat(30)).len(), 1);
        assert_eq!(tags_of(&(0..30).map(|i| i.to_string()).collect::<Vec<_>>().join(",")).len(), 10);
    }
}
