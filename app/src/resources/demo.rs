//! The demo library: short articles written for the project (and one
//! link), loaded with the demo accounts into an empty database.

use super::article::{parse, WrittenArticle};
use crate::db::Db;

macro_rules! articles {
    ($($slug:literal),+ $(,)?) => {
        &[$(($slug, include_str!(concat!("articles/", $slug, ".md")))),+]
    };
}

const ARTICLES: &[(&str, &str)] = articles![
    "what-mentoring-is-and-is-not",
    "being-clear-on-your-goal",
    "preparing-for-your-first-session",
    "preparing-for-each-session",
    "the-skilled-helper-on-one-page",
    "grow-questions",
    "oskar-in-practice",
    "clear-in-practice",
    "contracting-and-confidentiality",
    "ending-a-mentoring-relationship-well",
    "where-to-get-urgent-support",
    "your-first-months-as-a-new-mentor",
    "nhs-practitioner-health",
];

/// Every demo article, read from its file.
pub fn written() -> Result<Vec<WrittenArticle>, String> {
    ARTICLES.iter().map(|(slug, text)| parse(slug, text)).collect()
}

pub async fn load(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let articles = written().map_err(|e| sqlx::Error::Protocol(format!("demo article: {e}")))?;
    let mut tx = db.begin_write().await?;
    for article in &articles {
        super::db::insert(&mut tx, article, None, now).await?;
    }
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::lists::Audience;
    use crate::resources::markdown::{problems, to_html};

    #[test]
    fn every_demo_article_reads_and_renders_safely() {
        let articles = written().unwrap();
        assert_eq!(articles.len(), 13);
        assert!(articles.iter().any(|a| a.card.kind == crate::resources::lists::Kind::Link));
        let known = |slug: &str| articles.iter().any(|a| a.card.slug == slug);
        for a in &articles {
            assert_eq!(problems(&a.body, known), Vec::<String>::new(), "{}", a.card.slug);
            assert!(!a.body.contains('<'), "{} has raw HTML", a.card.slug);
            assert!(to_html(&a.body).contains("<p>"), "{}", a.card.slug);
            assert!(a.card.summary.chars().count() <= 160, "{}", a.card.slug);
        }
        assert!(articles.iter().any(|a| a.card.audience == Audience::Mentors));
        assert!(articles.iter().filter(|a| a.card.featured).count() >= 3);
    }
}
