//! A resource's history: each kept version, and what changed from the
//! one before it, in words for the coordinators' history page.

use serde::{Deserialize, Serialize};

/// One kept version, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Version {
    pub id: i64,
    pub changed_at: i64,
    pub who: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub kind: String,
    pub link_url: String,
    pub tags: String,
    pub category: String,
    pub audience: String,
    pub featured: bool,
    pub published: bool,
    pub file_name: String,
    pub file_size: i64,
}

/// One line of the history page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub id: i64,
    /// "2026-11-23T14:05".
    pub when: String,
    /// Who made the change; empty for the demo loader.
    pub who: String,
    /// "Created", "Unpublished", "Changed the title and the text"…
    pub what: String,
    pub title: String,
    /// The Markdown as it was after this change.
    pub body: String,
}

/// What `after` changed compared with `before` (none for the first).
pub fn describe(before: Option<&Version>, after: &Version) -> String {
    let Some(before) = before else {
        return if after.published {
            "Created and published".into()
        } else {
            "Created, not published".into()
        };
    };
    let mut parts: Vec<&str> = Vec::new();
    if before.published != after.published {
        parts.push(if after.published { "published it" } else { "unpublished it" });
    }
    let fields: [(&str, bool); 10] = [
        ("the title", before.title != after.title),
        ("the summary", before.summary != after.summary),
        ("the text", before.body != after.body),
        ("the kind", before.kind != after.kind),
        ("the link", before.link_url != after.link_url),
        ("the file", before.file_name != after.file_name || before.file_size != after.file_size),
        ("the tags", before.tags != after.tags),
        ("the topic", before.category != after.category),
        ("who it is for", before.audience != after.audience),
        ("whether it is featured", before.featured != after.featured),
    ];
    let changed: Vec<&str> = fields.iter().filter(|(_, c)| *c).map(|(name, _)| *name).collect();
    let mut text = parts.join(", ");
    if !changed.is_empty() {
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str("changed ");
        text.push_str(&and_list(&changed));
    }
    if text.is_empty() {
        return "Saved with no changes".into();
    }
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The history, newest first.
pub fn entries(versions: &[Version], when: impl Fn(i64) -> String) -> Vec<HistoryEntry> {
    let mut out: Vec<HistoryEntry> = versions
        .iter()
        .enumerate()
        .map(|(i, v)| HistoryEntry {
            id: v.id,
            when: when(v.changed_at),
            who: v.who.clone(),
            what: describe(i.checked_sub(1).map(|j| &versions[j]), v),
            title: v.title.clone(),
            body: v.body.clone(),
        })
        .collect();
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version() -> Version {
        Version { title: "GROW".into(), body: "text".into(), published: true, ..Default::default() }
    }

    #[test]
    fn each_change_is_named() {
        let first = version();
        assert_eq!(describe(None, &first), "Created and published");
        let mut second = first.clone();
        second.title = "GROW questions".into();
        second.body = "more text".into();
        second.audience = "mentors".into();
        assert_eq!(describe(Some(&first), &second), "Changed the title, the text and who it is for");
        let mut third = second.clone();
        third.published = false;
        assert_eq!(describe(Some(&second), &third), "Unpublished it");
        let mut fourth = third.clone();
        fourth.published = true;
        fourth.file_name = "sheet.pdf".into();
        assert_eq!(describe(Some(&third), &fourth), "Published it; changed the file");
        assert_eq!(describe(Some(&fourth), &fourth), "Saved with no changes");
    }

    #[test]
    fn entries_are_newest_first() {
        let a = Version { id: 1, ..version() };
        let b = Version { id: 2, summary: "s".into(), ..version() };
        let list = entries(&[a, b], |t| t.to_string());
        assert_eq!(list.iter().map(|e| e.id).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(list[0].what, "Changed the summary");
        assert_eq!(list[1].what, "Created and published");
    }
}
