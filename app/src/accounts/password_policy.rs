//! What makes an acceptable password: NIST 800-63B / NCSC advice. Length
//! matters, composition rules do not, and the most common passwords are
//! refused outright.

pub const MIN_LENGTH: usize = 8;
pub const MAX_LENGTH: usize = 128;

/// The message for a password that may not be used, or `None` if it is fine.
pub fn password_problem(password: &str) -> Option<&'static str> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        Some("Use at least 8 characters.")
    } else if length > MAX_LENGTH {
        Some("Use at most 128 characters.")
    } else if is_common(password) {
        Some("That password is too common. Choose one that others are unlikely to use.")
    } else {
        None
    }
}

#[cfg(feature = "ssr")]
fn is_common(password: &str) -> bool {
    // The 1,000 most used passwords from public breach corpora.
    const LIST: &str = include_str!("common_passwords.txt");
    let candidate = password.to_lowercase();
    LIST.lines().any(|line| line == candidate)
}

// The browser only checks length; the server has the last word.
#[cfg(not(feature = "ssr"))]
fn is_common(_password: &str) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(password_problem("Ab1!x"), Some("Use at least 8 characters."));
    }

    #[test]
    fn long_passphrases_without_symbols_are_fine() {
        assert_eq!(password_problem("night shift cup of tea"), None);
    }

    #[test]
    fn over_long_passwords_are_refused() {
        assert!(password_problem(&"a".repeat(129)).is_some());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(password_problem("ééééééé"), Some("Use at least 8 characters."));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn common_passwords_are_refused_in_any_case() {
        assert!(password_problem("password").is_some());
        assert!(password_problem("PASSWORD1").is_some());
        assert!(password_problem("baseball").is_some());
    }
}
