//! Delivers the outbox over SMTP, one email at a time, retrying with
//! exponential backoff. Runs in every instance; claims keep them apart.

use super::db::{claim_next, mark_failed, mark_sent, Claimed};
use super::transport::Mailer;
use crate::state::AppState;
use lettre::message::{header::ContentType, Attachment as LettreAttachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncTransport, Message};
use std::time::Duration;

const IDLE_POLL: Duration = Duration::from_secs(2);

/// Seconds to wait before the next attempt after `attempts` failures:
/// 30 s, 1 min, 2 min … capped at an hour.
pub fn backoff_seconds(attempts: i64) -> i64 {
    let doubling = attempts.clamp(0, 7) as u32;
    (30 * 2_i64.pow(doubling)).min(3600)
}

fn message(from: &str, email: &Claimed) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|_| "invalid MAIL_FROM".to_string())?;
    let to: Mailbox = email.to.parse().map_err(|_| "invalid recipient address".to_string())?;
    // A Message-ID fixed per outbox row: if a sender dies after the relay
    // accepted an email but before recording it, the retry carries the same
    // id and mail systems treat it as the same message.
    let builder = Message::builder()
        .message_id(Some(format!("<outbox-{}-{}@mentorwell.invalid>", email.id, email.created_at)))
        .from(from)
        .to(to)
        .subject(&email.subject);
    let file = &email.attachment;
    if file.name.is_empty() {
        return builder.header(ContentType::TEXT_PLAIN).body(email.body.clone()).map_err(|e| e.to_string());
    }
    let media_type =
        ContentType::parse(&file.media_type).map_err(|_| "invalid attachment type".to_string())?;
    builder
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain(email.body.clone()))
                .singlepart(LettreAttachment::new(file.name.clone()).body(file.body.clone(), media_type)),
        )
        .map_err(|e| e.to_string())
}

/// Runs forever, delivering through `mailer` (see [`super::transport::mailer`]).
pub async fn run(state: AppState, mailer: Mailer) {
    loop {
        let now = state.clock.now();
        let claimed = match claim_next(&state.db, now).await {
            Ok(claimed) => claimed,
            Err(err) => {
                tracing::warn!(error = %err, "could not read the outbox");
                None
            }
        };
        let Some(email) = claimed else {
            tokio::time::sleep(IDLE_POLL).await;
            continue;
        };
        let outcome = match message(&state.config.mail_from, &email) {
            Ok(msg) => mailer.send(msg).await.map(|_| ()).map_err(|e| e.to_string()),
            Err(err) => Err(err),
        };
        let now = state.clock.now();
        let recorded = match outcome {
            Ok(()) => {
                tracing::info!(outbox_id = email.id, "email sent");
                mark_sent(&state.db, email.id, now).await
            }
            Err(err) => {
                // The address and body stay out of the log; the id finds them.
                tracing::warn!(outbox_id = email.id, error = %err, "email not sent; will retry");
                mark_failed(&state.db, email.id, &err, now + backoff_seconds(email.attempts)).await
            }
        };
        if let Err(err) = recorded {
            tracing::warn!(outbox_id = email.id, error = %err, "could not record the send result");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff_seconds;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff_seconds(0), 30);
        assert_eq!(backoff_seconds(1), 60);
        assert_eq!(backoff_seconds(3), 240);
        assert_eq!(backoff_seconds(50), 3600);
    }
}
