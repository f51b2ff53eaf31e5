//! Certificate codes: short enough to type from paper, random enough not
//! to be guessed, with no letters that look like digits.

/// Letters and digits that cannot be misread (no 0/O, 1/I/L, 5/S, 2/Z).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRTUVWXY346789";

/// "MW-" and twelve characters in three groups: about 57 bits.
#[cfg(feature = "ssr")]
pub fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    let chars: String = (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    format!("MW-{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12])
}

/// A code as typed ("mw 4k7p-…") in its printed form.
pub fn tidy_code(typed: &str) -> String {
    let chars: String = typed.to_ascii_uppercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let body = chars.strip_prefix("MW").unwrap_or(&chars);
    if body.len() != 12 || !body.bytes().all(|b| ALPHABET.contains(&b)) {
        return typed.trim().chars().take(40).collect();
    }
    format!("MW-{}-{}-{}", &body[0..4], &body[4..8], &body[8..12])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn codes_are_printed_the_same_way_they_are_read_back() {
        let code = new_code();
        assert_eq!(code.len(), 17);
        assert_eq!(tidy_code(&code.to_lowercase().replace('-', " ")), code);
        assert_ne!(new_code(), code);
    }

    #[test]
    fn anything_else_is_left_for_the_not_found_message() {
        assert_eq!(tidy_code("  hello "), "hello");
        assert_eq!(tidy_code("mw-ABCD-EFGH-JKMN"), "MW-ABCD-EFGH-JKMN");
    }
}
