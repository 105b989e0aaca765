//! The secrets an app configures in Developer Hub: a JWT secret (an extension's own, or the app's OAuth client
//! secret) and a JSON panel's HTTP Basic username and password. Neither type ever prints its secret.
//!
//! These live in the format layer because the app's extension settings hold them; verifying a token needs the
//! `server` feature (see `pdx::auth`).

use base64::Engine as _;
use std::fmt;
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// A JWT secret: an extension's own "JWT secret" from Developer Hub, or the app's OAuth client secret.
///
/// `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct JwtSecret(Arc<str>);

impl JwtSecret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(Arc::from(secret.into()))
    }

    /// The secret's bytes (the HMAC key).
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether the secret is empty (an empty secret verifies nothing and is refused by the app checks).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JwtSecret(<redacted>)")
    }
}

impl From<&str> for JwtSecret {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for JwtSecret {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

impl From<&String> for JwtSecret {
    fn from(s: &String) -> Self {
        Self::new(s.as_str())
    }
}

/// Why an `Authorization` header does not carry the expected HTTP Basic credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BasicError {
    /// No `Authorization` header.
    Missing,
    /// The header is not `Basic base64(user:password)`.
    Malformed,
    /// Wrong username or password.
    Wrong,
}

impl fmt::Display for BasicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BasicError::Missing => "no `Authorization` header",
            BasicError::Malformed => "`Authorization` header is not HTTP Basic",
            BasicError::Wrong => "wrong HTTP Basic username or password",
        })
    }
}

impl std::error::Error for BasicError {}

/// The HTTP Basic username and password entered for a JSON panel in Developer Hub (or the app's client id and
/// secret, which Pipedrive sends when it uninstalls an app). `Debug` hides the password.
#[derive(Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    username: String,
    password: String,
}

impl BasicCredentials {
    /// Credentials to expect.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
        }
    }

    /// The username (not secret: shown in the Developer Hub summary).
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The password, for pdx to send where Pipedrive needs it (a webhook's `http_auth_password`).
    #[cfg(feature = "install")]
    pub(crate) fn password(&self) -> &str {
        &self.password
    }

    /// Checks an `Authorization` header value (`None` when the header is absent or not text), comparing
    /// username and password in constant time.
    ///
    /// Both comparisons always run (no short-circuit), so timing does not tell which one failed. A length
    /// difference is still visible in timing, as with any `subtle` slice comparison.
    pub fn check(&self, authorization: Option<&str>) -> Result<(), BasicError> {
        let (user, password) = decode_basic(authorization)?;
        let ok = user.ct_eq(self.username.as_bytes()) & password.ct_eq(self.password.as_bytes());
        if bool::from(ok) {
            Ok(())
        } else {
            Err(BasicError::Wrong)
        }
    }

    /// The username an `Authorization` header claims, before any check (to find whose credentials to check
    /// it against); the password is not looked at.
    pub fn claimed_username(authorization: Option<&str>) -> Result<String, BasicError> {
        let (user, _) = decode_basic(authorization)?;
        String::from_utf8(user).map_err(|_| BasicError::Malformed)
    }

    /// The `Authorization` header value that carries these credentials.
    pub fn header_value(&self) -> String {
        let raw = format!("{}:{}", self.username, self.password);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }
}

/// The username and password bytes of a `Basic base64(user:password)` header value.
fn decode_basic(authorization: Option<&str>) -> Result<(Vec<u8>, Vec<u8>), BasicError> {
    let value = authorization.ok_or(BasicError::Missing)?;
    let (scheme, encoded) = value.trim().split_once(' ').ok_or(BasicError::Malformed)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(BasicError::Malformed);
    }
    let mut decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| BasicError::Malformed)?;
    let split = decoded
        .iter()
        .position(|b| *b == b':')
        .ok_or(BasicError::Malformed)?;
    let password = decoded.split_off(split + 1);
    decoded.truncate(split);
    Ok((decoded, password))
}

impl fmt::Debug for BasicCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicCredentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_passwords_are_not_printed() {
        assert_eq!(
            format!("{:?}", JwtSecret::new("s3cret")),
            "JwtSecret(<redacted>)"
        );
        let dbg = format!("{:?}", BasicCredentials::new("pd", "hunter2"));
        assert!(!dbg.contains("hunter2"), "{dbg}");
        assert!(dbg.contains("pd"));
    }

    #[test]
    fn basic_header_round_trips_and_rejects_bad_shapes() {
        let creds = BasicCredentials::new("pd", "pw:with:colons");
        assert_eq!(creds.check(Some(&creds.header_value())), Ok(()));
        assert_eq!(creds.check(None), Err(BasicError::Missing));
        assert_eq!(creds.check(Some("Bearer abc")), Err(BasicError::Malformed));
        assert_eq!(creds.check(Some("Basic !!!")), Err(BasicError::Malformed));
        let wrong = BasicCredentials::new("pd", "other").header_value();
        assert_eq!(creds.check(Some(&wrong)), Err(BasicError::Wrong));
    }
}
