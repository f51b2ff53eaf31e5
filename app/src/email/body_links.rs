//! An email's text for the outbox page, with the service's own addresses
//! as links. Those open on the host the outbox was reached by (the
//! configured public address may not be it on a laptop or in a demo).
//! Any other address stays text: someone could have typed it into a
//! message, and a coordinator should not be one click from it.

/// A run of text, or one of the service's addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyPart {
    Text(String),
    /// `href` is the path and query; `text` the address as emailed.
    Link {
        href: String,
        text: String,
    },
}

/// `body` cut into text and links to the service at `public_url`.
pub fn body_parts(body: &str, public_url: &str) -> Vec<BodyPart> {
    let base = public_url.trim_end_matches('/');
    let mut parts = Vec::new();
    let mut text = String::new();
    for piece in body.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        // A full stop or bracket after an address ends the sentence, not the address.
        let address = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        match own_path(address, base) {
            Some(href) => {
                if !text.is_empty() {
                    parts.push(BodyPart::Text(std::mem::take(&mut text)));
                }
                parts.push(BodyPart::Link { href, text: address.to_string() });
                text.push_str(&piece[address.len()..]);
            }
            None => text.push_str(piece),
        }
    }
    if !text.is_empty() {
        parts.push(BodyPart::Text(text));
    }
    parts
}

/// The path and query of `word` when it is an address of the service.
fn own_path(word: &str, base: &str) -> Option<String> {
    if base.is_empty() {
        return None;
    }
    let rest = word.strip_prefix(base)?;
    let path = if rest.is_empty() { "/" } else { rest };
    // "https://mw.example.evil/…" starts the same but is another host.
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::{body_parts, BodyPart};

    fn text(t: &str) -> BodyPart {
        BodyPart::Text(t.into())
    }

    fn link(href: &str, t: &str) -> BodyPart {
        BodyPart::Link { href: href.into(), text: t.into() }
    }

    #[test]
    fn the_services_addresses_become_links_to_their_paths() {
        let body =
            "Confirm:\n\nhttp://mw.test/verify-email?token=ab12\n\nYour sessions: http://mw.test/sessions.\n";
        assert_eq!(
            body_parts(body, "http://mw.test/"),
            vec![
                text("Confirm:\n\n"),
                link("/verify-email?token=ab12", "http://mw.test/verify-email?token=ab12"),
                text("\n\nYour sessions: "),
                link("/sessions", "http://mw.test/sessions"),
                text(".\n"),
            ]
        );
        assert_eq!(body_parts("http://mw.test", "http://mw.test"), vec![link("/", "http://mw.test")]);
    }

    #[test]
    fn other_addresses_and_look_alikes_stay_text() {
        for body in [
            "Join at https://meet.example.org/tom",
            "See http://mw.test.evil.example/sessions",
            "See http://mw.test//evil.example/",
            "[an email confirmation link was sent]",
            "",
        ] {
            let parts = body_parts(body, "http://mw.test");
            assert!(parts.iter().all(|p| matches!(p, BodyPart::Text(_))), "{body}: {parts:?}");
            let joined: String =
                parts.iter().map(|p| if let BodyPart::Text(t) = p { t.as_str() } else { "" }).collect();
            assert_eq!(joined, body);
        }
        assert_eq!(body_parts("/sessions", ""), vec![text("/sessions")]);
    }
}
