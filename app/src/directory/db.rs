//! SQL for the directory: the listed mentors read into memory for search,
//! cards, the mentor's draft and its approval, accreditation records.

use super::listed::{Listed, Reading};
use super::listing::{approved_profile_listed, listing_status, ListingFacts, ListingStatus};
use super::profile::{MentorCard, ProfileFields};
use super::search::{mask_of_keys, Candidate};
use crate::db::{Db, Tx};
use crate::vocabulary::{join_keys, split_keys};
use crate::vocabulary::{Area, MeetingMode, MentoringForm, Profession, Sector, Topic};
use sqlx::any::AnyRow;
use sqlx::Row;

const FIELDS: &str = "display_name, pronouns, profession, grade, specialty, sector, organisation, area, \
                      models, forms, topics, modes, languages, bio, capacity";

pub(super) fn fields_from(row: &AnyRow) -> Result<ProfileFields, sqlx::Error> {
    let list =
        |name: &str| -> Result<Vec<String>, sqlx::Error> { Ok(split_keys(&row.try_get::<String, _>(name)?)) };
    Ok(ProfileFields {
        display_name: row.try_get("display_name")?,
        pronouns: row.try_get("pronouns")?,
        profession: row.try_get("profession")?,
        grade: row.try_get("grade")?,
        specialty: row.try_get("specialty")?,
        sector: row.try_get("sector")?,
        organisation: row.try_get("organisation")?,
        area: row.try_get("area")?,
        models: list("models")?,
        forms: list("forms")?,
        topics: list("topics")?,
        modes: list("modes")?,
        languages: list("languages")?,
        bio: row.try_get("bio")?,
        capacity: row.try_get("capacity")?,
    })
}

/// Binds the fields in `FIELDS` order, starting at the query's next
/// parameter.
pub(super) fn bind_fields<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    f: &ProfileFields,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(f.display_name.clone())
        .bind(f.pronouns.clone())
        .bind(f.profession.clone())
        .bind(f.grade.clone())
        .bind(f.specialty.clone())
        .bind(f.sector.clone())
        .bind(f.organisation.clone())
        .bind(f.area.clone())
        .bind(join_keys(&f.models))
        .bind(join_keys(&f.forms))
        .bind(join_keys(&f.topics))
        .bind(join_keys(&f.modes))
        .bind(join_keys(&f.languages))
        .bind(f.bio.clone())
        .bind(f.capacity)
}

/// Counts a mentor's active mentoring relationships, as a column.
pub(crate) use crate::relationships::db::ACTIVE_MENTEES;

/// The directory's version: one more for every change to what it lists,
/// ranks or counts (see [`super::listed`]).
pub async fn directory_version(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT version FROM directory_version WHERE id = 1").fetch_one(db.pool()).await
}

// Rows per query when reading the whole directory: enough to keep the
// round trips few, few enough that the rows in hand stay small.
const READ_IN: i64 = 2_000;

/// Every mentor listed on `today`, as compact rows for
/// [`super::search::search`] with the words of their profile, read in
/// slices so memory stays small at any size. The version is read first:
/// a change committed while reading makes the next search read again.
/// The listing rule itself is applied here, by [`approved_profile_listed`].
pub async fn listed(db: &Db, today: &str) -> Result<Listed, sqlx::Error> {
    let version = directory_version(db).await?;
    let sql = format!(
        "SELECT p.user_id, p.profession, p.sector, p.area, p.topics, p.modes, p.forms, p.accepting, \
         p.capacity, p.sort_name, u.deactivated_at, a.refresher_due_on, {ACTIVE_MENTEES}, \
         p.search_body \
         FROM mentor_profiles p JOIN users u ON u.id = p.user_id \
         LEFT JOIN accreditations a ON a.user_id = p.user_id \
         WHERE p.user_id > $1 ORDER BY p.user_id LIMIT $2"
    );
    let mut reading = Reading::default();
    let mut after = 0i64;
    loop {
        let rows = sqlx::query(&sql).bind(after).bind(READ_IN).fetch_all(db.pool()).await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get("user_id")?;
        let full = rows.len() as i64 == READ_IN;
        for row in rows {
            let due: Option<String> = row.try_get("refresher_due_on")?;
            let deactivated: Option<i64> = row.try_get("deactivated_at")?;
            if approved_profile_listed(deactivated, due.as_deref(), today) {
                let (sort_name, words): (String, String) =
                    (row.try_get("sort_name")?, row.try_get("search_body")?);
                reading.add(candidate_from(&row)?, sort_name, &words);
            }
        }
        if !full {
            break;
        }
    }
    Ok(reading.finish(version, today))
}

fn candidate_from(row: &AnyRow) -> Result<Candidate, sqlx::Error> {
    let capacity: i64 = row.try_get("capacity")?;
    let keys =
        |name: &str| -> Result<Vec<String>, sqlx::Error> { Ok(split_keys(&row.try_get::<String, _>(name)?)) };
    Ok(Candidate {
        user_id: row.try_get("user_id")?,
        profession: Profession::from_key(&row.try_get::<String, _>("profession")?),
        sector: Sector::from_key(&row.try_get::<String, _>("sector")?),
        area: Area::from_key(&row.try_get::<String, _>("area")?),
        topics: mask_of_keys(Topic::ALL, &keys("topics")?, Topic::from_key),
        modes: mask_of_keys(MeetingMode::ALL, &keys("modes")?, MeetingMode::from_key),
        forms: mask_of_keys(MentoringForm::ALL, &keys("forms")?, MentoringForm::from_key),
        accepting: row.try_get::<i64, _>("accepting")? != 0,
        free_places: (capacity - row.try_get::<i64, _>("active_mentees")?).max(0),
        name_order: 0,
    })
}

fn card_from(row: &AnyRow) -> Result<MentorCard, sqlx::Error> {
    let user_id: i64 = row.try_get("user_id")?;
    let fields = fields_from(row)?;
    Ok(MentorCard {
        user_id,
        free_places: (fields.capacity - row.try_get::<i64, _>("active_mentees")?).max(0),
        fields,
        accepting: row.try_get::<i64, _>("accepting")? != 0,
        course_completed_on: row.try_get("course_completed_on")?,
        refresher_due_on: row.try_get("refresher_due_on")?,
    })
}

fn card_select() -> String {
    format!(
        "SELECT p.user_id, p.display_name, p.pronouns, p.profession, p.grade, p.specialty, \
         p.sector, p.organisation, p.area, p.models, p.forms, p.topics, p.modes, p.languages, p.bio, p.capacity, \
         p.accepting, a.course_completed_on, a.refresher_due_on, {ACTIVE_MENTEES} \
         FROM mentor_profiles p LEFT JOIN accreditations a ON a.user_id = p.user_id"
    )
}

/// The approved profiles of `user_ids`, in that order.
pub async fn cards(db: &Db, user_ids: &[i64]) -> Result<Vec<MentorCard>, sqlx::Error> {
    if user_ids.is_empty() {
        return Ok(vec![]);
    }
    let params = (1..=user_ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("{} WHERE p.user_id IN ({params})", card_select());
    let mut query = sqlx::query(&sql);
    for id in user_ids {
        query = query.bind(*id);
    }
    let mut cards = query.fetch_all(db.pool()).await?.iter().map(card_from).collect::<Result<Vec<_>, _>>()?;
    cards.sort_by_key(|c| user_ids.iter().position(|id| *id == c.user_id));
    Ok(cards)
}

/// One mentor's approved profile and whether it is listed today.
pub async fn mentor(
    db: &Db,
    user_id: i64,
    today: &str,
) -> Result<Option<(MentorCard, ListingStatus)>, sqlx::Error> {
    let Some(row) = sqlx::query(&format!("{} WHERE p.user_id = $1", card_select()))
        .bind(user_id)
        .fetch_optional(db.pool())
        .await?
    else {
        return Ok(None);
    };
    let card = card_from(&row)?;
    let status = status_of(db, user_id, today).await?;
    Ok(Some((card, status)))
}

/// The listing rule applied to what the database knows of `user_id`.
/// How many mentees a mentor offers to take at once (0 without a profile).
pub async fn capacity_of(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT capacity FROM mentor_profiles WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map_or(0, |(c,)| c))
}

pub async fn status_of(db: &Db, user_id: i64, today: &str) -> Result<ListingStatus, sqlx::Error> {
    let row = sqlx::query(
        "SELECT u.deactivated_at, a.refresher_due_on, \
                (SELECT COUNT(*) FROM mentor_profiles p WHERE p.user_id = u.id) AS approved \
         FROM users u LEFT JOIN accreditations a ON a.user_id = u.id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    let due: Option<String> = row.try_get("refresher_due_on")?;
    let facts = ListingFacts {
        profile_approved: row.try_get::<i64, _>("approved")? > 0,
        account_active: row.try_get::<Option<i64>, _>("deactivated_at")?.is_none(),
        refresher_due_on: due.as_deref(),
    };
    Ok(listing_status(&facts, today))
}

/// When a person completed the course and when their refresher is due.
pub async fn accreditation_of(db: &Db, user_id: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT course_completed_on, refresher_due_on FROM accreditations WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await
}

/// Records (or replaces) a person's accreditation.
pub async fn record_accreditation(
    tx: &mut Tx,
    user_id: i64,
    completed_on: &str,
    refresher_due_on: &str,
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO accreditations (user_id, course_completed_on, refresher_due_on, note, recorded_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO UPDATE SET course_completed_on = excluded.course_completed_on, \
         refresher_due_on = excluded.refresher_due_on, note = excluded.note, recorded_at = excluded.recorded_at",
    )
    .bind(user_id)
    .bind(completed_on)
    .bind(refresher_due_on)
    .bind(note)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Makes `fields` the live profile of `user_id`, with the words it is
/// found by. A profile already live keeps its "accepting" switch.
pub async fn publish_profile(
    tx: &mut Tx,
    user_id: i64,
    fields: &ProfileFields,
    approved_by: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO mentor_profiles (user_id, {FIELDS}, sort_name, accepting, approved_at, approved_by, search_body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18, $19, $20) \
         ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, pronouns = excluded.pronouns, \
         profession = excluded.profession, grade = excluded.grade, specialty = excluded.specialty, \
         sector = excluded.sector, organisation = excluded.organisation, area = excluded.area, \
         models = excluded.models, forms = excluded.forms, topics = excluded.topics, modes = excluded.modes, \
         languages = excluded.languages, bio = excluded.bio, capacity = excluded.capacity, \
         sort_name = excluded.sort_name, approved_at = excluded.approved_at, approved_by = excluded.approved_by, \
         search_body = excluded.search_body"
    );
    // $1 user, $2..$16 the fields, $17 sort name, $18 and $19 approval, $20 search words.
    bind_fields(sqlx::query(&sql).bind(user_id), fields)
        .bind(fields.sort_name())
        .bind(now)
        .bind(approved_by)
        .bind(fields.search_body())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Stores the words `user_id`'s profile is found by.
pub async fn write_search_words(tx: &mut Tx, user_id: i64, body: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE mentor_profiles SET search_body = $1 WHERE user_id = $2")
        .bind(body)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Up to `limit` profiles' fields, with their user ids, after `after` in
/// user id order: the index is rebuilt a slice at a time, so 100,000
/// profiles are never all in memory at once.
pub(super) async fn profiles_after(
    tx: &mut Tx,
    after: i64,
    limit: i64,
) -> Result<Vec<(i64, ProfileFields)>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT user_id, {FIELDS} FROM mentor_profiles WHERE user_id > $1 ORDER BY user_id LIMIT $2"
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|row| Ok((row.try_get("user_id")?, fields_from(row)?))).collect()
}
