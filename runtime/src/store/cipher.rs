//! Tokens encrypted at rest: ChaCha20-Poly1305 with a random 96-bit nonce per write, bound to the row it
//! belongs to (company, user, column) as associated data, so a ciphertext copied to another row fails to open.

use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use std::fmt;

/// Format version of a sealed value: `1 || nonce (12 bytes) || ciphertext+tag`.
const SEALED_V1: u8 = 1;
const NONCE_LEN: usize = 12;

/// The key tokens are encrypted with: 32 bytes, configured as standard base64 (44 characters, e.g. the output
/// of `openssl rand -base64 32` or `head -c 32 /dev/urandom | base64`).
#[derive(Clone)]
pub struct TokenKey(Key);

/// A key that is not 32 bytes of base64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(pub String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

impl TokenKey {
    /// Reads a key from standard base64 of exactly 32 bytes (surrounding whitespace ignored).
    pub fn from_base64(text: &str) -> Result<Self, KeyError> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|e| KeyError(format!("the token key is not valid base64 ({e})")))?;
        Self::from_bytes(&bytes)
    }

    /// A key from 32 raw bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        let array: [u8; 32] = bytes.try_into().map_err(|_| {
            KeyError(format!(
                "the token key must be 32 bytes (44 characters of base64), got {} bytes",
                bytes.len()
            ))
        })?;
        Ok(Self::from_array(array))
    }

    /// A key from 32 raw bytes.
    pub fn from_array(bytes: [u8; 32]) -> Self {
        Self(Key::from(bytes))
    }

    /// A fresh random key, as base64 (what to put in configuration).
    pub fn generate_base64() -> String {
        base64::engine::general_purpose::STANDARD.encode(ChaCha20Poly1305::generate_key(&mut OsRng))
    }

    /// Encrypts `plaintext` for the row and column named by `context`.
    pub(crate) fn seal(&self, plaintext: &str, context: &str) -> Vec<u8> {
        let cipher = ChaCha20Poly1305::new(&self.0);
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: plaintext.as_bytes(),
            aad: context.as_bytes(),
        };
        // Encryption only fails for messages over 256 GiB.
        let sealed = cipher.encrypt(&nonce, payload).unwrap_or_default();
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(SEALED_V1);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Decrypts what [`seal`](Self::seal) wrote for the same `context`; `None` when the key (or the context)
    /// differs or the value was altered.
    pub(crate) fn open(&self, sealed: &[u8], context: &str) -> Option<String> {
        let (&version, rest) = sealed.split_first()?;
        if version != SEALED_V1 || rest.len() < NONCE_LEN {
            return None;
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().ok()?;
        let payload = Payload {
            msg: ciphertext,
            aad: context.as_bytes(),
        };
        let plain = ChaCha20Poly1305::new(&self.0)
            .decrypt(&Nonce::from(nonce), payload)
            .ok()?;
        String::from_utf8(plain).ok()
    }
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenKey(<redacted>)")
    }
}

/// The plaintext written under [`KEY_CHECK_CONTEXT`] when a store is first opened; reopening with another key
/// fails to decrypt it, so a wrong key is reported at startup, not at the first API call.
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) const KEY_CHECK_PLAINTEXT: &str = "pdx token key check";
/// The associated data of the key check value.
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) const KEY_CHECK_CONTEXT: &str = "pdx_meta/key_check";

/// The message of a key that does not open the store's key check value.
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) fn wrong_key_message() -> String {
    "the configured token key (PDX_TOKEN_KEY) is not the key this store's tokens were encrypted with; use the \
     original key, or start from an empty database"
        .to_owned()
}

/// The associated data of a token column of one installation.
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) fn token_context(company_id: &str, user_id: &str, column: &str) -> String {
    format!("pdx_installations/{company_id}/{user_id}/{column}")
}

/// The two token columns of an installation, sealed for its row.
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) fn seal_tokens(key: &TokenKey, i: &super::Installation) -> (Vec<u8>, Vec<u8>) {
    (
        key.seal(
            &i.access_token,
            &token_context(&i.company_id, &i.user_id, "access_token"),
        ),
        key.seal(
            &i.refresh_token,
            &token_context(&i.company_id, &i.user_id, "refresh_token"),
        ),
    )
}

/// Opens one token column of an installation's row; a failure names the row and says the key is wrong.
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) fn open_token(
    key: &TokenKey,
    sealed: &[u8],
    company_id: &str,
    user_id: &str,
    column: &str,
) -> Result<String, super::StoreError> {
    key.open(sealed, &token_context(company_id, user_id, column))
        .ok_or_else(|| {
            super::StoreError::WrongKey(format!(
                "the {column} of company {company_id}, user {user_id} cannot be decrypted: {}",
                wrong_key_message()
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_round_trip_with_a_fresh_nonce_each_time() {
        let key = TokenKey::from_base64(&TokenKey::generate_base64()).expect("key");
        let a = key.seal("token", "ctx");
        let b = key.seal("token", "ctx");
        assert_ne!(a, b, "a random nonce per write");
        assert_eq!(key.open(&a, "ctx").as_deref(), Some("token"));
        assert_eq!(key.open(&a, "other row"), None);
        let other = TokenKey::from_bytes(&[7; 32]).expect("key");
        assert_eq!(other.open(&a, "ctx"), None);
    }

    #[test]
    fn bad_keys_are_explained() {
        let e = TokenKey::from_base64("not base64!").expect_err("bad");
        assert!(e.0.contains("not valid base64"), "{e}");
        let e = TokenKey::from_base64("AAAA").expect_err("short");
        assert!(e.0.contains("must be 32 bytes"), "{e}");
        assert_eq!(
            format!("{:?}", TokenKey::from_bytes(&[1; 32]).expect("k")),
            "TokenKey(<redacted>)"
        );
    }
}
