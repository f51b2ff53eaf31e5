//! What matching needs to know about mentors, read from the directory's
//! tables with the directory's listing rule and the current load.

use super::matching::MentorFacts;
use crate::directory::db::ACTIVE_MENTEES;
use crate::directory::listing::{listing_status, ListingFacts, ListingStatus};
use crate::vocabulary::split_keys;
use crate::vocabulary::{Area, MeetingMode, MentoringForm, Profession, Sector, Topic};
use sqlx::{AnyConnection, Row};

/// A mentor's facts with the name coordinators see.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedFacts {
    pub facts: MentorFacts,
    pub name: String,
}

/// Every mentor with an approved profile, or only `only` when given.
pub async fn mentor_facts(
    conn: &mut AnyConnection,
    today: &str,
    only: Option<i64>,
) -> Result<Vec<NamedFacts>, sqlx::Error> {
    let filter = if only.is_some() { "WHERE p.user_id = $1" } else { "" };
    let sql = format!(
        "SELECT p.user_id, p.display_name, p.organisation, p.profession, p.sector, p.area, p.topics, p.modes, \
         p.forms, p.capacity, p.accepting, u.deactivated_at, a.refresher_due_on, \
         {ACTIVE_MENTEES} \
         FROM mentor_profiles p JOIN users u ON u.id = p.user_id LEFT JOIN accreditations a ON a.user_id = p.user_id \
         {filter} ORDER BY p.user_id"
    );
    let mut query = sqlx::query(&sql);
    if let Some(id) = only {
        query = query.bind(id);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let free = crate::sessions::free_times::every_mentor(conn, today, only).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let due: Option<String> = row.try_get("refresher_due_on")?;
        let listing = ListingFacts {
            profile_approved: true,
            account_active: row.try_get::<Option<i64>, _>("deactivated_at")?.is_none(),
            refresher_due_on: due.as_deref(),
        };
        let keys = |name: &str| -> Result<Vec<String>, sqlx::Error> {
            Ok(split_keys(&row.try_get::<String, _>(name)?))
        };
        out.push(NamedFacts {
            name: row.try_get("display_name")?,
            facts: MentorFacts {
                user_id: row.try_get("user_id")?,
                listed: listing_status(&listing, today) == ListingStatus::Listed,
                accepting: row.try_get::<i64, _>("accepting")? != 0,
                capacity: row.try_get("capacity")?,
                active_mentees: row.try_get("active_mentees")?,
                organisation: row.try_get("organisation")?,
                profession: Profession::from_key(&row.try_get::<String, _>("profession")?),
                sector: Sector::from_key(&row.try_get::<String, _>("sector")?),
                area: Area::from_key(&row.try_get::<String, _>("area")?),
                topics: keys("topics")?.iter().filter_map(|k| Topic::from_key(k)).collect(),
                modes: keys("modes")?.iter().filter_map(|k| MeetingMode::from_key(k)).collect(),
                forms: keys("forms")?.iter().filter_map(|k| MentoringForm::from_key(k)).collect(),
                free: free.get(&row.try_get::<i64, _>("user_id")?).copied().unwrap_or_default(),
            },
        });
    }
    Ok(out)
}
