//! The subjects of the emails the request and relationship journeys send.
//! Discreet by default: a subject shows on lock screens and in shared
//! inboxes, so it names nobody and never says "mentoring" or "mentor". A
//! person who chose descriptive titles (`users.descriptive_titles`, on
//! `/account`) gets a subject that says what it is about. Session emails
//! have their own titles in `sessions::titles`.

use super::db::{enqueue, Email};
use crate::db::Tx;

/// Which email this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// To coordinators: a request to triage.
    RequestWaiting,
    /// To coordinators: a request marked priority.
    PriorityRequestWaiting,
    /// To coordinators: the offered mentor declined.
    NeedsAnotherMentor,
    /// To coordinators: the offer lapsed unanswered.
    OfferLapsed,
    /// To a mentor: an offer of a new mentee.
    Offered,
    /// To a mentor: the offer is still unanswered.
    OfferReminder,
    /// To a mentor: the mentee withdrew before they answered.
    OfferWithdrawn,
    /// To the mentee: a mentor accepted.
    Matched,
    /// To one of the pair: the other changed the agreement.
    AgreementChanged,
    /// To each of the pair: the agreed end is near.
    AgreedEndNear,
    /// To each of the pair: the service closed it at the agreed end.
    ClosedAsAgreed,
    /// To one person: questions about how it has been (outcomes).
    QuestionsWaiting,
    /// To one of the pair: the other closed their account, so it ended.
    PartnerLeft,
}

impl Subject {
    pub const ALL: [Subject; 13] = [
        Subject::RequestWaiting,
        Subject::PriorityRequestWaiting,
        Subject::NeedsAnotherMentor,
        Subject::OfferLapsed,
        Subject::Offered,
        Subject::OfferReminder,
        Subject::OfferWithdrawn,
        Subject::Matched,
        Subject::AgreementChanged,
        Subject::AgreedEndNear,
        Subject::ClosedAsAgreed,
        Subject::QuestionsWaiting,
        Subject::PartnerLeft,
    ];

    /// The subject line, discreet unless `descriptive`.
    pub fn text(self, descriptive: bool) -> &'static str {
        match (self, descriptive) {
            (Subject::RequestWaiting, false) => "A request is waiting",
            (Subject::RequestWaiting, true) => "A mentoring request is waiting",
            (Subject::PriorityRequestWaiting, false) => "A priority request is waiting",
            (Subject::PriorityRequestWaiting, true) => "A priority mentoring request is waiting",
            (Subject::NeedsAnotherMentor, false) => "A request needs another choice",
            (Subject::NeedsAnotherMentor, true) => "A mentoring request needs another mentor",
            (Subject::OfferLapsed, false) => "An offer lapsed",
            (Subject::OfferLapsed, true) => "A mentoring offer lapsed",
            (Subject::Offered, false) => "Something new to answer",
            (Subject::Offered, true) => "You have been offered a new mentee",
            (Subject::OfferReminder, false) => "Reminder: waiting for your answer",
            (Subject::OfferReminder, true) => "Reminder: a mentee is waiting for your answer",
            (Subject::OfferWithdrawn, false) => "Nothing to answer after all",
            (Subject::OfferWithdrawn, true) => "An offer of a new mentee was withdrawn",
            (Subject::Matched, false) => "Good news about your request",
            (Subject::Matched, true) => "You have a mentor",
            (Subject::AgreementChanged, false) => "Something to look at",
            (Subject::AgreementChanged, true) => "Your mentoring agreement has changed",
            (Subject::AgreedEndNear, false) => "Looking ahead",
            (Subject::AgreedEndNear, true) => "Your mentoring's agreed time is ending",
            (Subject::ClosedAsAgreed, false) => "Closed as agreed",
            (Subject::ClosedAsAgreed, true) => "Your mentoring has closed at its agreed end",
            (Subject::QuestionsWaiting, false) => "A few questions for you",
            (Subject::QuestionsWaiting, true) => "A few questions about your mentoring",
            (Subject::PartnerLeft, false) => "A change to note",
            (Subject::PartnerLeft, true) => "Your mentoring relationship has closed",
        }
    }
}

/// Whether the person at `address` chose descriptive titles; no account
/// means discreet.
async fn descriptive(tx: &mut Tx, address: &str) -> Result<bool, sqlx::Error> {
    let value: Option<i64> = sqlx::query_scalar("SELECT descriptive_titles FROM users WHERE email = $1")
        .bind(address)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(value.unwrap_or(0) != 0)
}

/// Queues `body` to each of `to`, each with the subject their own setting
/// asks for.
pub async fn send(
    tx: &mut Tx,
    to: &[String],
    subject: Subject,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    for address in to {
        let text = subject.text(descriptive(tx, address).await?);
        let email = Email { to: address.clone(), subject: text.into(), body: body.into() };
        enqueue(tx, &email, now).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discreet_subjects_never_say_mentoring_and_each_is_its_own() {
        let mut seen = Vec::new();
        for subject in Subject::ALL {
            let text = subject.text(false);
            assert!(!text.to_lowercase().contains("mentor"), "{text}");
            assert!(!seen.contains(&text), "{text} twice");
            seen.push(text);
            assert_ne!(subject.text(true), text, "{subject:?} has no descriptive subject");
        }
    }
}
