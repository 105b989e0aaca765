//! pdx's HS256 tokens against a general JWT library (`jsonwebtoken`, a dev-dependency only): what pdx signs, the
//! library verifies, and the reverse; a tampered token, another algorithm or an expired token is refused by both.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use pdx::auth::{AuthError, EXP_LEEWAY_SECS, sign_token, verify_token};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::time::Duration;

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// The library's verification with pdx's rules: HS256, no required claim, the same leeway.
fn library_verify(token: &str, secret: &str) -> Result<Value, jsonwebtoken::errors::Error> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_required_spec_claims::<&str>(&[]);
    validation.leeway = EXP_LEEWAY_SECS;
    validation.validate_nbf = true;
    jsonwebtoken::decode::<Value>(
        token,
        &DecodingKey::from_secret(secret.as_bytes()),
        &validation,
    )
    .map(|data| data.claims)
}

fn library_sign(alg: Algorithm, claims: &Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("the library signs")
}

fn pdx_verify(token: &str, secret: &str) -> Result<(String, String), AuthError> {
    verify_token(token, &secret.into(), Some("1001"), Some("2002"))
        .map(|user| (user.user_id().to_owned(), user.company_id().to_owned()))
}

#[test]
fn the_library_verifies_what_pdx_signs() {
    let token = sign_token("s3cret", "1001", "2002", Some(Duration::from_secs(300)));
    let claims = library_verify(&token, "s3cret").expect("the library accepts pdx's token");
    assert_eq!(claims["userId"], json!(1001));
    assert_eq!(claims["companyId"], json!(2002));
    assert_eq!(
        claims["exp"].as_u64(),
        claims["iat"].as_u64().map(|iat| iat + 300)
    );
    assert!(library_verify(&token, "other").is_err());
}

#[test]
fn pdx_verifies_what_the_library_signs() {
    let claims = json!({"userId": 1001, "companyId": "2002", "iat": now(), "exp": now() + 60});
    let token = library_sign(Algorithm::HS256, &claims, "s3cret");
    assert_eq!(
        pdx_verify(&token, "s3cret"),
        Ok(("1001".to_owned(), "2002".to_owned()))
    );
    assert_eq!(pdx_verify(&token, "other"), Err(AuthError::BadSignature));
}

#[test]
fn both_refuse_other_algorithms() {
    let claims = json!({"userId": 1001, "companyId": 2002});
    for (alg, name) in [(Algorithm::HS384, "HS384"), (Algorithm::HS512, "HS512")] {
        let token = library_sign(alg, &claims, "s3cret");
        assert_eq!(
            pdx_verify(&token, "s3cret"),
            Err(AuthError::WrongAlgorithm(name.to_owned()))
        );
        assert!(library_verify(&token, "s3cret").is_err(), "{name}");
    }
}

#[test]
fn both_refuse_expired_and_future_tokens() {
    let past = now() - EXP_LEEWAY_SECS - 5;
    let expired = library_sign(
        Algorithm::HS256,
        &json!({"userId": 1001, "companyId": 2002, "exp": past}),
        "s",
    );
    assert_eq!(pdx_verify(&expired, "s"), Err(AuthError::Expired));
    assert!(library_verify(&expired, "s").is_err());
    let future = now() + EXP_LEEWAY_SECS + 60;
    let early = library_sign(
        Algorithm::HS256,
        &json!({"userId": 1001, "companyId": 2002, "nbf": future}),
        "s",
    );
    assert_eq!(pdx_verify(&early, "s"), Err(AuthError::NotYetValid));
    assert!(library_verify(&early, "s").is_err());
    // Within the leeway, both accept.
    let recent = library_sign(
        Algorithm::HS256,
        &json!({"userId": 1001, "companyId": 2002, "exp": now() - EXP_LEEWAY_SECS + 5}),
        "s",
    );
    assert!(pdx_verify(&recent, "s").is_ok());
    assert!(library_verify(&recent, "s").is_ok());
}

#[test]
fn both_refuse_a_tampered_payload() {
    let token = sign_token("s", "1001", "2002", None);
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    // The same claims with another company, under the original signature.
    parts[1] = base64_url(br#"{"userId":1001,"companyId":2003}"#);
    let forged = parts.join(".");
    assert_eq!(
        verify_token(&forged, &"s".into(), Some("1001"), Some("2003")),
        Err(AuthError::BadSignature)
    );
    assert!(library_verify(&forged, "s").is_err());
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// For any secret, ids and lifetime: each verifies the other's token, with the same claims; a token with one
    /// character changed is refused by both.
    #[test]
    fn pdx_and_the_library_agree(
        secret in "[ -~]{1,40}",
        // Decimal ids are signed as JSON numbers (as Pipedrive's), so without leading zeros.
        user in "[1-9][0-9]{0,11}|[a-z]{1,8}",
        company in "[1-9][0-9]{0,11}|[a-z]{1,8}",
        lifetime in proptest::option::of(0u64..100_000),
        flip in any::<prop::sample::Index>(),
        replacement in "[A-Za-z0-9_.=-]",
    ) {
        let token = sign_token(secret.as_str(), &user, &company, lifetime.map(Duration::from_secs));
        let claims = library_verify(&token, &secret).expect("the library accepts pdx's token");
        let as_string = |v: &Value| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
        prop_assert_eq!(as_string(&claims["userId"]), user.clone());
        prop_assert_eq!(as_string(&claims["companyId"]), company.clone());

        let theirs = library_sign(Algorithm::HS256, &json!({"userId": user, "companyId": company}), &secret);
        let verified = verify_token(&theirs, &secret.as_str().into(), Some(&user), Some(&company));
        prop_assert_eq!(verified.map(|u| (u.user_id().to_owned(), u.company_id().to_owned())), Ok((user.clone(), company.clone())));

        let mut chars: Vec<char> = theirs.chars().collect();
        let at = flip.index(chars.len());
        let new = replacement.chars().next().unwrap_or('A');
        prop_assume!(chars[at] != new);
        chars[at] = new;
        let tampered: String = chars.into_iter().collect();
        prop_assert!(verify_token(&tampered, &secret.as_str().into(), Some(&user), Some(&company)).is_err(), "pdx accepts {}", tampered);
        prop_assert!(library_verify(&tampered, &secret).is_err(), "the library accepts {}", tampered);
    }
}
