//! SMTP settings: where the relay is and how the connection to it is
//! protected. Encrypted by default; plain SMTP only when asked for, and only
//! to a relay on this machine, so passwords and reset links never cross a
//! network in clear.

use std::net::IpAddr;
use std::path::PathBuf;

/// How the connection to the relay is protected (`SMTP_TLS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// `starttls`: plain connect, then STARTTLS, which must succeed; a relay
    /// that does not offer it gets no mail rather than mail in clear.
    StartTls,
    /// `tls`: TLS from the first byte (port 465).
    Implicit,
    /// `none`: plain SMTP, for a relay on the loopback interface only.
    None,
}

#[derive(Clone, Debug)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// A PEM file of extra trusted roots, for a relay with an internal CA.
    pub ca_file: Option<PathBuf>,
    pub username: Option<String>,
    pub password: Option<String>,
}

/// Reads the SMTP settings through `var` (the environment, or a map in
/// tests). `Ok(None)` when no relay is set; `Err` says which setting is wrong.
pub fn smtp_settings(var: impl Fn(&str) -> Option<String>) -> Result<Option<SmtpSettings>, String> {
    let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    let Some(host) = set("SMTP_HOST").map(|h| h.trim().to_string()) else {
        return Ok(None);
    };
    let port: Option<u16> = match set("SMTP_PORT") {
        Some(p) => Some(p.trim().parse().map_err(|_| format!("SMTP_PORT={p} is not a port number"))?),
        None => None,
    };
    let tls = match set("SMTP_TLS").map(|t| t.trim().to_ascii_lowercase()).as_deref() {
        Some("starttls") => SmtpTls::StartTls,
        Some("tls") => SmtpTls::Implicit,
        Some("none") => SmtpTls::None,
        Some(other) => return Err(format!("SMTP_TLS={other}: use starttls, tls or none")),
        // Port 465 is implicit TLS by convention (RFC 8314).
        None if port == Some(465) => SmtpTls::Implicit,
        None => SmtpTls::StartTls,
    };
    if tls == SmtpTls::None && !is_loopback(&host) {
        return Err(format!(
            "SMTP_TLS=none sends passwords and links in clear, so it is allowed only for a relay on \
             this machine (127.0.0.1, ::1 or localhost), not SMTP_HOST={host}; use starttls or tls"
        ));
    }
    let port = port.unwrap_or(match tls {
        SmtpTls::StartTls => 587,
        SmtpTls::Implicit => 465,
        SmtpTls::None => 25,
    });
    Ok(Some(SmtpSettings {
        host,
        port,
        tls,
        ca_file: set("SMTP_CA_FILE").map(PathBuf::from),
        username: var("SMTP_USERNAME"),
        password: var("SMTP_PASSWORD"),
    }))
}

/// True for addresses that never leave this machine. Names other than
/// `localhost` are not resolved: a name is only as local as its DNS.
fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") || host.eq_ignore_ascii_case("localhost.") {
        return true;
    }
    host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(pairs: &[(&str, &str)]) -> Result<Option<SmtpSettings>, String> {
        let map: HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        smtp_settings(|name| map.get(name).cloned())
    }

    fn settings(pairs: &[(&str, &str)]) -> SmtpSettings {
        read(pairs).expect("valid").expect("a relay")
    }

    #[test]
    fn no_host_means_no_relay() {
        assert!(read(&[]).unwrap().is_none());
        assert!(read(&[("SMTP_HOST", ""), ("SMTP_TLS", "none")]).unwrap().is_none());
    }

    #[test]
    fn starttls_on_587_by_default() {
        let s = settings(&[("SMTP_HOST", "smtp.example.nhs.uk")]);
        assert_eq!((s.tls, s.port), (SmtpTls::StartTls, 587));
        assert!(s.ca_file.is_none());
    }

    #[test]
    fn port_465_means_implicit_tls() {
        let s = settings(&[("SMTP_HOST", "smtp.example.nhs.uk"), ("SMTP_PORT", "465")]);
        assert_eq!(s.tls, SmtpTls::Implicit);
        let s = settings(&[("SMTP_HOST", "smtp.example.nhs.uk"), ("SMTP_TLS", "TLS")]);
        assert_eq!((s.tls, s.port), (SmtpTls::Implicit, 465));
    }

    #[test]
    fn an_explicit_mode_wins_over_the_port() {
        let s = settings(&[("SMTP_HOST", "relay"), ("SMTP_PORT", "465"), ("SMTP_TLS", "starttls")]);
        assert_eq!((s.tls, s.port), (SmtpTls::StartTls, 465));
        let s = settings(&[("SMTP_HOST", "relay"), ("SMTP_PORT", "2525")]);
        assert_eq!((s.tls, s.port), (SmtpTls::StartTls, 2525));
    }

    #[test]
    fn plain_smtp_only_to_loopback() {
        for host in ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"] {
            let s = settings(&[("SMTP_HOST", host), ("SMTP_TLS", "none")]);
            assert_eq!((s.tls, s.port), (SmtpTls::None, 25), "{host}");
        }
        for host in ["10.0.0.5", "smtp.example.nhs.uk", "localhost.example.com", "0.0.0.0", "::"] {
            let err = read(&[("SMTP_HOST", host), ("SMTP_TLS", "none")]).unwrap_err();
            assert!(err.contains("SMTP_TLS=none") && err.contains(host), "{host}: {err}");
        }
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(read(&[("SMTP_HOST", "relay"), ("SMTP_TLS", "maybe")]).unwrap_err().contains("SMTP_TLS"));
        assert!(read(&[("SMTP_HOST", "relay"), ("SMTP_PORT", "x")]).unwrap_err().contains("SMTP_PORT"));
    }

    #[test]
    fn ca_file_and_credentials_are_kept() {
        let s = settings(&[
            ("SMTP_HOST", "relay"),
            ("SMTP_CA_FILE", "/etc/trust/ca.pem"),
            ("SMTP_USERNAME", "u"),
            ("SMTP_PASSWORD", "p"),
        ]);
        assert_eq!(s.ca_file, Some(PathBuf::from("/etc/trust/ca.pem")));
        assert_eq!((s.username.as_deref(), s.password.as_deref()), (Some("u"), Some("p")));
    }
}
