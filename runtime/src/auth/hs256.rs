//! JSON Web Tokens signed with HMAC-SHA256 (HS256, RFC 7519 and RFC 7515's compact form): the one algorithm
//! Pipedrive signs its panel, modal and custom UI tokens with, and the only one pdx accepts or signs.
//!
//! Written here over RustCrypto's `hmac` and `sha2` rather than with a general JWT crate: those crates bring the
//! RSA and elliptic-curve stacks for algorithms pdx refuses anyway, or need a process-wide crypto provider
//! installed, which a library must not do. What HS256 needs is small: base64url without padding, JSON, an HMAC and
//! a constant-time tag comparison ([`Mac::verify_slice`]).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Sha256, Sha512};
use std::borrow::Cow;

use super::{AuthError, EXP_LEEWAY_SECS, TOKEN_ALGORITHM};

/// The header pdx writes on the tokens it signs.
const HS256_HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// The HMAC a token's signature is computed with. pdx signs and accepts only [`TokenMac::Sha256`]; SHA-512 is
/// there for the test kit's HS512 tokens, which pdx must refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenMac {
    /// HMAC-SHA256 (HS256).
    Sha256,
    /// HMAC-SHA512 (HS512).
    #[cfg_attr(not(feature = "testing"), allow(dead_code))]
    Sha512,
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The base64url signature of `message` with `secret`.
fn signature(mac: TokenMac, secret: &[u8], message: &[u8]) -> String {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    match mac {
        TokenMac::Sha256 => Hmac::<Sha256>::new_from_slice(secret)
            .map(|m| b64(&m.chain_update(message).finalize().into_bytes()))
            .unwrap_or_default(),
        TokenMac::Sha512 => Hmac::<Sha512>::new_from_slice(secret)
            .map(|m| b64(&m.chain_update(message).finalize().into_bytes()))
            .unwrap_or_default(),
    }
}

/// A compact token: `header` and `claims` as given (JSON text), signed with `mac`.
pub(crate) fn encode_raw(header: &str, claims: &Value, secret: &[u8], mac: TokenMac) -> String {
    let message = format!(
        "{}.{}",
        b64(header.as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let signature = signature(mac, secret, message.as_bytes());
    format!("{message}.{signature}")
}

/// An HS256 token over `claims`: the one place pdx signs a token.
pub(crate) fn encode(claims: &Value, secret: &[u8]) -> String {
    encode_raw(HS256_HEADER, claims, secret, TokenMac::Sha256)
}

/// The members of a token's header pdx reads; the rest is ignored (forward compatible).
#[derive(Deserialize)]
struct JoseHeader<'a> {
    #[serde(borrow)]
    alg: Option<Cow<'a, str>>,
    /// Whether a `crit` member is there at all (even `null`).
    #[serde(default, deserialize_with = "present")]
    crit: bool,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| true)
}

/// Reads the `alg` of a token's header part, refusing a `crit` header, without trusting anything else in it.
pub(super) fn header_alg(header_part: &str) -> Result<String, AuthError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(header_part.trim_end_matches('='))
        .map_err(|_| AuthError::MalformedToken)?;
    let header: JoseHeader<'_> =
        serde_json::from_slice(&bytes).map_err(|_| AuthError::MalformedToken)?;
    if header.crit {
        return Err(AuthError::CriticalHeader);
    }
    header
        .alg
        .map(Cow::into_owned)
        .ok_or(AuthError::MalformedToken)
}

/// The claims of an HS256 `token` signed with `secret`, checked in this order: three parts; a JSON header with
/// no `crit` and `alg` HS256; the signature (compared in constant time); a JSON object as payload; `exp` and
/// `nbf`, when present, against `now` with [`EXP_LEEWAY_SECS`]. No claim is required: Pipedrive does not document
/// whether its panel and modal tokens carry `exp`.
pub(crate) fn decode(
    token: &str,
    secret: &[u8],
    now: u64,
) -> Result<Map<String, Value>, AuthError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(tag), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(AuthError::MalformedToken);
    };
    let alg = header_alg(header)?;
    if alg != TOKEN_ALGORITHM {
        return Err(AuthError::WrongAlgorithm(alg));
    }
    let tag = URL_SAFE_NO_PAD
        .decode(tag)
        .map_err(|_| AuthError::MalformedToken)?;
    let signed = &token[..header.len() + 1 + payload.len()];
    Hmac::<Sha256>::new_from_slice(secret)
        .map_err(|_| AuthError::BadSignature)?
        .chain_update(signed.as_bytes())
        .verify_slice(&tag)
        .map_err(|_| AuthError::BadSignature)?;
    let claims = URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Map<String, Value>>(&bytes).ok())
        .ok_or(AuthError::MalformedToken)?;
    check_times(&claims, now)?;
    Ok(claims)
}

/// `exp` not before `now - leeway`, `nbf` not after `now + leeway`; each, when present, a non-negative integer
/// (seconds since the Unix epoch), or the token is refused as expired or not yet valid.
fn check_times(claims: &Map<String, Value>, now: u64) -> Result<(), AuthError> {
    if let Some(exp) = claims.get("exp") {
        match exp.as_u64() {
            Some(exp) if exp >= now.saturating_sub(EXP_LEEWAY_SECS) => {}
            _ => return Err(AuthError::Expired),
        }
    }
    if let Some(nbf) = claims.get("nbf") {
        match nbf.as_u64() {
            Some(nbf) if nbf <= now.saturating_add(EXP_LEEWAY_SECS) => {}
            _ => return Err(AuthError::NotYetValid),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: u64 = 1_700_000_000;

    #[test]
    fn rfc_7515_hs256_example_verifies() {
        // RFC 7515, appendix A.1: the HS256 example with its JWK key.
        let key = URL_SAFE_NO_PAD
            .decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
            .expect("key");
        let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let claims = decode(token, &key, 1_300_819_380).expect("verifies");
        assert_eq!(claims.get("iss"), Some(&json!("joe")));
        assert_eq!(decode(token, b"other", 0), Err(AuthError::BadSignature));
        assert_eq!(decode(token, &key, NOW), Err(AuthError::Expired));
    }

    #[test]
    fn signs_and_reads_back() {
        let token = encode(&json!({"userId": 1, "exp": NOW}), b"s");
        assert_eq!(
            token.split('.').next(),
            Some(b64(HS256_HEADER.as_bytes()).as_str())
        );
        assert_eq!(
            decode(&token, b"s", NOW).map(|c| c.get("userId").cloned()),
            Ok(Some(json!(1)))
        );
    }

    #[test]
    fn times_are_checked_with_leeway() {
        let at = |claims: Value, now: u64| decode(&encode(&claims, b"s"), b"s", now);
        assert!(at(json!({"exp": NOW}), NOW + EXP_LEEWAY_SECS).is_ok());
        assert_eq!(
            at(json!({"exp": NOW}), NOW + EXP_LEEWAY_SECS + 1),
            Err(AuthError::Expired)
        );
        assert_eq!(at(json!({"exp": "soon"}), NOW), Err(AuthError::Expired));
        assert_eq!(at(json!({"exp": 1.5e9}), NOW), Err(AuthError::Expired));
        assert_eq!(at(json!({"exp": -1}), NOW), Err(AuthError::Expired));
        assert!(at(json!({"nbf": NOW + EXP_LEEWAY_SECS}), NOW).is_ok());
        assert_eq!(
            at(json!({"nbf": NOW + EXP_LEEWAY_SECS + 1}), NOW),
            Err(AuthError::NotYetValid)
        );
        assert_eq!(at(json!({"nbf": null}), NOW), Err(AuthError::NotYetValid));
        assert!(at(json!({}), NOW).is_ok(), "no claim is required");
    }

    #[test]
    fn malformed_tokens_are_named() {
        let good = encode(&json!({}), b"s");
        let (message, _) = good.rsplit_once('.').expect("three parts");
        let cases = [
            (String::new(), AuthError::MalformedToken),
            ("a.b".to_owned(), AuthError::MalformedToken),
            (format!("{good}.x"), AuthError::MalformedToken),
            (format!("{message}.!!"), AuthError::MalformedToken),
            (
                format!("{message}.{}", b64(b"short")),
                AuthError::BadSignature,
            ),
            // A payload that is not a JSON object, correctly signed.
            (
                encode_raw(HS256_HEADER, &json!([1]), b"s", TokenMac::Sha256),
                AuthError::MalformedToken,
            ),
            (
                encode_raw(r#"{"typ":"JWT"}"#, &json!({}), b"s", TokenMac::Sha256),
                AuthError::MalformedToken,
            ),
            (
                encode_raw(r#"{"alg":"HS512"}"#, &json!({}), b"s", TokenMac::Sha512),
                AuthError::WrongAlgorithm("HS512".into()),
            ),
        ];
        for (token, error) in cases {
            assert_eq!(decode(&token, b"s", NOW), Err(error), "{token}");
        }
    }
}
