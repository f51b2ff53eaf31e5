//! SQL for the pair's agreement: reading it, and saving a person's
//! agreement to it, which makes a new version when they changed what it
//! says. A save names the version it was based on, so one made from a
//! stale page never overwrites the other person's change.

use super::agreement::{Agreement, AgreementFields, Frequency, Length};
use super::db::{record_event, ChangedBy, StoredRelationship};
use super::lifecycle::{Actor, RelationshipState};
use super::views::AgreementView;
use crate::db::Tx;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// The agreement as stored, with who has agreed which version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAgreement {
    pub version: i64,
    pub agreement: Agreement,
    pub mentee_agreed_version: Option<i64>,
    pub mentor_agreed_version: Option<i64>,
    pub updated_at: i64,
}

impl StoredAgreement {
    /// True when `actor` has agreed the current version.
    pub fn agreed_by(&self, actor: Actor) -> bool {
        let agreed = match actor {
            Actor::Mentee => self.mentee_agreed_version,
            Actor::Mentor => self.mentor_agreed_version,
            Actor::Coordinator | Actor::System => None,
        };
        agreed == Some(self.version)
    }

    pub fn agreed_by_both(&self) -> bool {
        self.agreed_by(Actor::Mentee) && self.agreed_by(Actor::Mentor)
    }
}

fn agreement_from(row: &AnyRow) -> Result<StoredAgreement, sqlx::Error> {
    let key: String = row.try_get("frequency")?;
    let frequency =
        Frequency::from_key(&key).ok_or_else(|| sqlx::Error::Decode(format!("frequency {key}").into()))?;
    let sessions: Option<i64> = row.try_get("sessions")?;
    let ends_on: Option<String> = row.try_get("ends_on")?;
    let length = match (sessions, ends_on) {
        (Some(n), _) => Length::Sessions(n),
        (None, Some(date)) => Length::Until(date),
        (None, None) => return Err(sqlx::Error::Decode("agreement without a length".into())),
    };
    let protected: Option<String> = row.try_get("protected_time")?;
    Ok(StoredAgreement {
        version: row.try_get("version")?,
        agreement: Agreement {
            frequency,
            length,
            meeting: row.try_get("meeting")?,
            contact: row.try_get("contact")?,
            hopes: row.try_get("hopes")?,
            protected_time: protected.map(|p| p == "yes"),
            protected_on: row.try_get("protected_on")?,
        },
        mentee_agreed_version: row.try_get("mentee_agreed_version")?,
        mentor_agreed_version: row.try_get("mentor_agreed_version")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// The agreement of relationship `id`, once either of the pair has saved one.
pub async fn of(conn: &mut AnyConnection, id: i64) -> Result<Option<StoredAgreement>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT version, frequency, sessions, ends_on, meeting, contact, hopes, mentee_agreed_version, \
         mentor_agreed_version, protected_time, protected_on, updated_at \
         FROM relationship_agreements WHERE relationship_id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(agreement_from).transpose()
}

/// Holds relationship `id` for this transaction if it is still under way:
/// an ending at the same moment either waits for the agreement or makes
/// it fail here. False once it has ended.
pub async fn hold_under_way(tx: &mut Tx, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let held = sqlx::query(&format!(
        "UPDATE relationships SET updated_at = $2 WHERE id = $1 AND {}",
        super::db::active_sql("relationships")
    ))
    .bind(id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(held.rows_affected() == 1)
}

/// What saving did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub version: i64,
    /// A new version: the other person is asked to agree again.
    pub changed: bool,
    /// Both have now agreed this version.
    pub both: bool,
}

/// Records `by` agreeing `agreement`, based on version `based_on` (0 for
/// none yet). `None` when the agreement has moved on since: nothing is
/// written. Call within [`hold_under_way`].
pub async fn save(
    tx: &mut Tx,
    id: i64,
    by: ChangedBy,
    based_on: i64,
    agreement: &Agreement,
    now: i64,
) -> Result<Option<Saved>, sqlx::Error> {
    let current = of(tx, id).await?;
    if current.as_ref().map_or(0, |c| c.version) != based_on {
        return Ok(None);
    }
    // Only the mentee records protected time; the mentor's save keeps it.
    let (protected_time, protected_on) = match (by.actor, &current) {
        (Actor::Mentee, _) | (_, None) => (agreement.protected_time, agreement.protected_on.clone()),
        (_, Some(c)) => (c.agreement.protected_time, c.agreement.protected_on.clone()),
    };
    let protected_time = protected_time.map(|yes| if yes { "yes" } else { "no" });
    let changed = current.as_ref().is_none_or(|c| !c.agreement.same_terms(agreement));
    let version = based_on + i64::from(changed);
    let (sessions, ends_on) = match &agreement.length {
        Length::Sessions(n) => (Some(*n), None),
        Length::Until(date) => (None, Some(date.clone())),
    };
    let agreed_column = match by.actor {
        Actor::Mentee => "mentee_agreed_version",
        _ => "mentor_agreed_version",
    };
    let sql = if current.is_none() {
        format!(
            "INSERT INTO relationship_agreements (relationship_id, version, frequency, sessions, ends_on, meeting, \
             contact, hopes, {agreed_column}, protected_time, protected_on, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $2, $9, $10, $11) ON CONFLICT (relationship_id) DO NOTHING"
        )
    } else {
        format!(
            "UPDATE relationship_agreements SET version = $2, frequency = $3, sessions = $4, ends_on = $5, \
             meeting = $6, contact = $7, hopes = $8, {agreed_column} = $2, protected_time = $9, \
             protected_on = $10, updated_at = $11 WHERE relationship_id = $1 AND version = $12"
        )
    };
    let mut query = sqlx::query(&sql)
        .bind(id)
        .bind(version)
        .bind(agreement.frequency.key())
        .bind(sessions)
        .bind(ends_on)
        .bind(agreement.meeting.clone())
        .bind(agreement.contact.clone())
        .bind(agreement.hopes.clone())
        .bind(protected_time)
        .bind(protected_on)
        .bind(now);
    if current.is_some() {
        query = query.bind(based_on);
    }
    let written = query.execute(&mut **tx).await?;
    if written.rows_affected() != 1 {
        return Ok(None);
    }
    // Who, in what role, when: never what the agreement says.
    if changed {
        record_event(tx, id, "agreement-change", by, "", "", now).await?;
    }
    record_event(tx, id, "agreement-agree", by, "", "", now).await?;
    let both = of(tx, id).await?.is_some_and(|a| a.agreed_by_both());
    if both {
        // What both agreed is what the agreed-end sweep goes by.
        super::ending_db::record_agreed(tx, id).await?;
    }
    Ok(Some(Saved { version, changed, both }))
}

/// True when `actor` still has to agree relationship `r`'s agreement:
/// while it is under way, if the agreement they last agreed (if any) is
/// not the current one, or none is saved while agreeing.
pub fn to_agree(r: &StoredRelationship, stored: Option<&StoredAgreement>, actor: Actor) -> bool {
    match stored {
        _ if !r.state.is_under_way() || !matches!(actor, Actor::Mentee | Actor::Mentor) => false,
        Some(a) => !a.agreed_by(actor),
        None => r.state == RelationshipState::Agreeing,
    }
}

/// The agreement as `actor` may see it: `None` for coordinators, and
/// when the relationship ended before either saved one. Before
/// either has saved one, the first draft, with the request's goal as the
/// mentee's hopes only if they agreed to share it with the mentor.
pub async fn view_of(
    conn: &mut AnyConnection,
    r: &StoredRelationship,
    actor: Actor,
) -> Result<Option<AgreementView>, sqlx::Error> {
    if !matches!(actor, Actor::Mentee | Actor::Mentor) {
        return Ok(None);
    }
    let stored = of(conn, r.id).await?;
    if stored.is_none() && !r.state.is_under_way() {
        // Ended before either wrote one: nothing to show.
        return Ok(None);
    }
    let mut fields = match &stored {
        Some(a) => a.agreement.fields(),
        None => {
            let request = crate::requests::db::by_id(conn, r.id).await?;
            let hopes =
                request.filter(|q| q.fields.share_with_mentor).map(|q| q.fields.goal).unwrap_or_default();
            AgreementFields::first(&crate::dates::date_of(r.started_at), hopes)
        }
    };
    if actor == Actor::Mentor {
        fields.protected_time.clear();
        fields.protected_on.clear();
    }
    Ok(Some(AgreementView {
        version: stored.as_ref().map_or(0, |a| a.version),
        fields,
        mentee_agreed: stored.as_ref().is_some_and(|a| a.agreed_by(Actor::Mentee)),
        mentor_agreed: stored.as_ref().is_some_and(|a| a.agreed_by(Actor::Mentor)),
        editable: r.state.is_under_way(),
    }))
}
