//! Links in an email that act for whoever follows them: confirming an
//! address, resetting a password, a calendar feed. Outside the demo the
//! outbox page shows that such a link was sent, never the link itself, so
//! reading the outbox cannot take over an account.

/// `body` with every private link replaced by a note of what was sent.
pub fn hide_private_links(body: &str) -> String {
    body.split_inclusive(char::is_whitespace)
        .map(|piece| {
            let word = piece.trim_end();
            match private_link_note(word) {
                Some(note) => format!("{note}{}", &piece[word.len()..]),
                None => piece.to_string(),
            }
        })
        .collect()
}

fn private_link_note(word: &str) -> Option<&'static str> {
    let is_link = word.starts_with("http://") || word.starts_with("https://");
    let query = word.split_once('?').map(|(_, q)| q).unwrap_or("");
    let private = query.split('&').any(|pair| pair.starts_with("token=") || pair.starts_with("key="));
    if !(is_link && private) {
        return None;
    }
    Some(if word.contains("/reset-password?") {
        "[a password reset link was sent]"
    } else if word.contains("/verify-email?") {
        "[an email confirmation link was sent]"
    } else {
        "[a private link was sent]"
    })
}

#[cfg(test)]
mod tests {
    use super::hide_private_links;

    #[test]
    fn token_links_become_notes_and_the_rest_stays() {
        let body = "Hello Ann,\n\nTo choose a new password, open:\n\n\
                    https://mw.example/reset-password?token=abc123\n\nThe link works once.\n";
        assert_eq!(
            hide_private_links(body),
            "Hello Ann,\n\nTo choose a new password, open:\n\n\
             [a password reset link was sent]\n\nThe link works once.\n"
        );
        let confirm = hide_private_links("Confirm: http://127.0.0.1:3000/verify-email?token=x9 now");
        assert_eq!(confirm, "Confirm: [an email confirmation link was sent] now");
        let feed = hide_private_links("Feed https://mw.example/calendar/feed.ics?key=k1");
        assert_eq!(feed, "Feed [a private link was sent]");
    }

    #[test]
    fn ordinary_links_and_words_are_kept() {
        let body = "See https://mw.example/offers and https://mw.example/resources?q=token=no tokens here";
        assert_eq!(hide_private_links(body), body);
        assert_eq!(hide_private_links(""), "");
    }
}
