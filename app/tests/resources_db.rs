//! The resources library against real databases, SQLite and PostgreSQL:
//! every change keeps a version that says who made it and what changed,
//! an edit from a stale version is refused, a file is kept with its
//! version, and an unpublished resource leaves the published list.

mod support;

use app::accounts::db::upsert_verified_user;
use app::resources::article::{ResourceCard, WrittenArticle};
use app::resources::db;
use app::resources::history::entries;
use app::resources::lists::{Audience, Category, Kind};
use support::{databases, NOW};

fn article(slug: &str, title: &str) -> WrittenArticle {
    WrittenArticle {
        card: ResourceCard {
            slug: slug.into(),
            title: title.into(),
            summary: "A summary.".into(),
            category: Category::Grow,
            audience: Audience::Everyone,
            featured: false,
            kind: Kind::Article,
            tags: vec!["night shifts".into()],
        },
        body: "## Goal\n\nWhat would you like?".into(),
        link_url: String::new(),
        published: true,
    }
}

#[tokio::test]
async fn every_change_is_kept_with_who_and_what() {
    for (name, db) in databases().await {
        let ana = upsert_verified_user(&db, "ana@example.org", "Ana Coordinator", "x", NOW).await.unwrap();
        let mut tx = db.begin_write().await.unwrap();
        let id = db::insert(&mut tx, &article("grow", "GROW"), Some(ana), NOW).await.unwrap();
        tx.commit().await.unwrap();
        let first = db::by_slug(&db, "grow").await.unwrap().unwrap();
        assert_eq!(first.written.card.tags, ["night shifts"], "{name}");

        let mut changed = article("grow", "GROW questions");
        changed.published = false;
        let mut tx = db.begin_write().await.unwrap();
        assert!(
            db::update(&mut tx, id, first.version, &changed, Some(ana), NOW + 60).await.unwrap(),
            "{name}"
        );
        tx.commit().await.unwrap();

        // A second editor who opened the first version is refused.
        let mut tx = db.begin_write().await.unwrap();
        let stale =
            db::update(&mut tx, id, first.version, &article("grow", "Mine"), Some(ana), NOW + 120).await;
        assert!(!stale.unwrap(), "{name}: a stale edit is refused");
        tx.rollback().await.unwrap();
        assert_eq!(db::by_slug(&db, "grow").await.unwrap().unwrap().written.card.title, "GROW questions");

        assert!(db::published(&db, &[]).await.unwrap().is_empty(), "{name}: unpublished leaves the list");
        let versions = db::versions(&db, id).await.unwrap();
        let history = entries(&versions, |t| t.to_string());
        let what: Vec<&str> = history.iter().map(|e| e.what.as_str()).collect();
        assert_eq!(what, ["Unpublished it; changed the title", "Created and published"], "{name}");
        assert_eq!(history[0].who, "Ana Coordinator");
        assert_eq!(history[0].when, (NOW + 60).to_string());
    }
}

#[tokio::test]
async fn a_file_is_kept_whole_and_its_upload_is_a_version() {
    for (name, db) in databases().await {
        let ana = upsert_verified_user(&db, "ana@example.org", "Ana", "x", NOW).await.unwrap();
        let mut sheet = article("record-sheet", "Session record sheet");
        sheet.card.kind = Kind::File;
        let mut tx = db.begin_write().await.unwrap();
        let id = db::insert(&mut tx, &sheet, Some(ana), NOW).await.unwrap();
        tx.commit().await.unwrap();
        // Every byte value, to show nothing is lost on either engine.
        let content: Vec<u8> = [b"%PDF-1.7\n".as_slice(), &(0..=255u8).collect::<Vec<_>>()].concat();
        db::set_file(&db, id, "sheet.pdf", "application/pdf", &content, ana, NOW + 10).await.unwrap();
        let (file_name, media_type, kept) = db::file_content(&db, id).await.unwrap().unwrap();
        assert_eq!((file_name.as_str(), media_type.as_str()), ("sheet.pdf", "application/pdf"), "{name}");
        assert_eq!(kept, content, "{name}");
        db::set_file(&db, id, "sheet-2.pdf", "application/pdf", b"%PDF-2", ana, NOW + 20).await.unwrap();
        assert_eq!(db::file_info(&db, id).await.unwrap().unwrap().2, 6, "{name}: replaced, not added");
        let history = entries(&db::versions(&db, id).await.unwrap(), |t| t.to_string());
        assert_eq!(history.len(), 3, "{name}");
        assert_eq!(history[0].what, "Changed the file");
    }
}

#[tokio::test]
async fn search_finds_tags_and_two_titles_get_two_slugs() {
    for (name, db) in databases().await {
        let mut tx = db.begin_write().await.unwrap();
        db::insert(&mut tx, &article("grow", "GROW"), None, NOW).await.unwrap();
        tx.commit().await.unwrap();
        let found = db::published(&db, &["shifts".to_string()]).await.unwrap();
        assert_eq!(found.len(), 1, "{name}: tags are searched");
        let mut tx = db.begin_write().await.unwrap();
        let again = db::insert(&mut tx, &article("grow", "GROW again"), None, NOW).await;
        assert!(app::db::is_unique_violation(&again.unwrap_err()), "{name}: a slug is never taken over");
    }
}
