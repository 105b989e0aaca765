//! The OAuth `state` of an install the app starts. It is sealed with the token key (ChaCha20-Poly1305, bound to
//! its purpose as associated data) and carries a random nonce, its expiry and where to resume: the install start
//! writes nothing, and any instance of the app (same key) can open it on the callback. The nonce also goes into
//! a cookie of the browser that started the install, which binds the state to that browser; the store records
//! the nonce only once the callback has exchanged a real authorization code, so a state is used once.

use super::hook::is_local_path;
use crate::store::{TokenKey, now_secs};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::OsRng;
use chacha20poly1305::aead::rand_core::RngCore;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The associated data of a sealed state: a token's ciphertext cannot pass for a state, nor the reverse.
const STATE_CONTEXT: &str = "pdx/oauth_state";

/// The longest `state` parameter opened: a resume URL is at most 2,048 bytes, which seals to under 3,000
/// characters. Longer values are refused before any decoding.
const MAX_STATE_CHARS: usize = 4096;

/// A state the app issued, as sealed into the `state` parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct IssuedState {
    /// 16 random bytes, base64url: also the value of the browser's cookie.
    #[serde(rename = "n")]
    pub(crate) nonce: String,
    /// When the state stops being accepted, in seconds since the Unix epoch.
    #[serde(rename = "e")]
    pub(crate) expires_at: i64,
    /// Where to send the user once installed (a path on the app).
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub(crate) resume_url: Option<String>,
}

impl IssuedState {
    /// A new state with a fresh nonce, accepted for `ttl`.
    pub(crate) fn new(resume_url: Option<String>, ttl: Duration) -> Self {
        let mut nonce = [0u8; 16];
        OsRng.fill_bytes(&mut nonce);
        let ttl = i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX);
        Self {
            nonce: URL_SAFE_NO_PAD.encode(nonce),
            expires_at: now_secs().saturating_add(ttl),
            resume_url,
        }
    }

    /// The `state` parameter: the sealed state, base64url.
    pub(crate) fn seal(&self, key: &TokenKey) -> String {
        // Serializing strings and an integer cannot fail.
        let plain = serde_json::to_string(self).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(key.seal(&plain, STATE_CONTEXT))
    }

    /// The state a `state` parameter carries, when this app's key sealed it (else `None`: forged, altered, or
    /// sealed with another key). The resume URL is checked again, as a path on the app.
    pub(crate) fn open(sealed: &str, key: &TokenKey) -> Option<Self> {
        if sealed.len() > MAX_STATE_CHARS {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        let state: Self = serde_json::from_str(&key.open(&bytes, STATE_CONTEXT)?).ok()?;
        let resume_ok = state.resume_url.as_deref().is_none_or(is_local_path);
        resume_ok.then_some(state)
    }

    /// Whether the state has expired.
    pub(crate) fn is_expired(&self) -> bool {
        self.expires_at <= now_secs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> TokenKey {
        TokenKey::from_array([byte; 32])
    }

    #[test]
    fn a_sealed_state_opens_with_its_key_only() {
        let state = IssuedState::new(Some("/link?dealId=1".into()), Duration::from_secs(600));
        let sealed = state.seal(&key(1));
        assert!(
            !sealed.contains("link"),
            "the resume URL is not readable: {sealed}"
        );
        assert_eq!(IssuedState::open(&sealed, &key(1)), Some(state.clone()));
        assert_eq!(
            IssuedState::open(&sealed, &key(2)),
            None,
            "another app's key"
        );
        assert!(!state.is_expired());
        let mut altered = sealed.into_bytes();
        altered[20] = if altered[20] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(altered).expect("ascii");
        assert_eq!(IssuedState::open(&altered, &key(1)), None);
        assert_eq!(IssuedState::open("forged", &key(1)), None);
        assert_eq!(
            IssuedState::open(&"A".repeat(MAX_STATE_CHARS + 1), &key(1)),
            None
        );
    }

    #[test]
    fn two_states_have_different_nonces_and_expire() {
        let a = IssuedState::new(None, Duration::ZERO);
        let b = IssuedState::new(None, Duration::ZERO);
        assert_ne!(a.nonce, b.nonce);
        assert_eq!(a.nonce.len(), 22);
        assert!(
            a.is_expired(),
            "a state with no time to live is expired at once"
        );
    }

    #[test]
    fn a_sealed_state_with_a_foreign_resume_url_is_refused() {
        let state = IssuedState {
            nonce: "n".into(),
            expires_at: i64::MAX,
            resume_url: Some("//evil.example".into()),
        };
        assert_eq!(IssuedState::open(&state.seal(&key(1)), &key(1)), None);
    }
}
