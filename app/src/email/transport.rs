//! The connection to the SMTP relay: STARTTLS, TLS from the first byte, or
//! (loopback only, see `config::smtp`) plain, with the relay's certificate
//! checked against Mozilla's roots and any in `SMTP_CA_FILE`.

use crate::config::{Config, SmtpSettings, SmtpTls};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use std::time::Duration;

/// The mailer used to reach the relay.
pub type Mailer = AsyncSmtpTransport<Tokio1Executor>;

/// Builds the mailer from the settings: `Ok(None)` when no relay is set,
/// `Err` when the CA file cannot be read or parsed (checked at start-up so a
/// mistake shows at once, not as silently failing emails).
pub fn mailer(config: &Config) -> Result<Option<Mailer>, String> {
    let Some(smtp) = config.smtp.as_ref() else { return Ok(None) };
    let tls = match smtp.tls {
        SmtpTls::None => Tls::None,
        SmtpTls::StartTls => Tls::Required(tls_parameters(smtp)?),
        SmtpTls::Implicit => Tls::Wrapper(tls_parameters(smtp)?),
    };
    // `builder_dangerous` only means "no TLS preset": the TLS mode is set
    // here, and `Required` never falls back to plain when STARTTLS is missing.
    let mut builder =
        Mailer::builder_dangerous(&smtp.host).port(smtp.port).tls(tls).timeout(Some(Duration::from_secs(20)));
    if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Ok(Some(builder.build()))
}

/// Verifies the relay's certificate and name against Mozilla's roots, plus
/// the roots in `SMTP_CA_FILE` when set (NHS trusts run their own CAs).
fn tls_parameters(smtp: &SmtpSettings) -> Result<TlsParameters, String> {
    let mut builder = TlsParameters::builder(smtp.host.clone());
    if let Some(path) = &smtp.ca_file {
        let pem = std::fs::read(path).map_err(|e| format!("SMTP_CA_FILE {}: {e}", path.display()))?;
        // An empty or wrong file would parse as no roots at all and fail
        // later, on every email, with a vaguer message.
        let has_certificate = String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----");
        let roots = Certificate::from_pem(&pem)
            .ok()
            .filter(|_| has_certificate)
            .ok_or_else(|| format!("SMTP_CA_FILE {}: no PEM certificate in it", path.display()))?;
        builder = builder.add_root_certificate(roots);
    }
    builder.build().map_err(|e| format!("SMTP TLS settings: {e}"))
}

/// How the relay is reached, for the start-up log (no credentials).
pub fn describe(smtp: &SmtpSettings) -> String {
    let how = match smtp.tls {
        SmtpTls::StartTls => "STARTTLS",
        SmtpTls::Implicit => "TLS",
        SmtpTls::None => "plain SMTP (loopback)",
    };
    format!("{}:{} with {how}", smtp.host, smtp.port)
}

#[cfg(test)]
mod tests {
    use super::tls_parameters;
    use crate::config::{SmtpSettings, SmtpTls};
    use std::path::PathBuf;

    fn relay(ca_file: Option<PathBuf>) -> SmtpSettings {
        SmtpSettings {
            host: "relay.example.nhs.uk".into(),
            port: 587,
            tls: SmtpTls::StartTls,
            ca_file,
            username: None,
            password: None,
        }
    }

    #[test]
    fn tls_without_a_ca_file_uses_the_built_in_roots() {
        assert!(tls_parameters(&relay(None)).is_ok());
    }

    #[test]
    fn a_missing_or_empty_ca_file_is_refused() {
        let missing = std::env::temp_dir().join(format!("mw-no-such-ca-{}.pem", std::process::id()));
        let err = tls_parameters(&relay(Some(missing))).err().expect("refused");
        assert!(err.starts_with("SMTP_CA_FILE "), "{err}");
        let empty = std::env::temp_dir().join(format!("mw-empty-ca-{}.pem", std::process::id()));
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let err = tls_parameters(&relay(Some(empty.clone()))).err().expect("refused");
        std::fs::remove_file(&empty).ok();
        assert!(err.contains("no PEM certificate"), "{err}");
    }
}
