//! The webhooks' part of every token store backend (memory, SQLite, and PostgreSQL when
//! `PDX_TEST_POSTGRES_URL` is set): installation secrets encrypted at rest and
//! deleted with their installation, deliveries recorded once (atomically, also from two handles on one
//! database), and the installations listed for the reconcile.

use crate::postgres;
use crate::temp_db;

use pdx::store::{Installation, MemoryStore, TokenKey, TokenStore};
use std::sync::Arc;

/// The shared PostgreSQL test database's key (a store opens only with the key its tokens were encrypted with).
fn key() -> TokenKey {
    postgres::shared_database_key()
}

fn installation(company: &str, user: &str) -> Installation {
    Installation {
        company_id: company.to_owned(),
        user_id: user.to_owned(),
        api_domain: "https://acme.pipedrive.com".to_owned(),
        access_token: "access".to_owned(),
        refresh_token: "refresh".to_owned(),
        scope: "base,webhooks:full".to_owned(),
        expires_at: 0,
    }
}

/// The suite over two handles of one store (`b` as a second instance); `run` keeps runs apart on a shared
/// database.
async fn suite(a: Arc<dyn TokenStore>, b: Arc<dyn TokenStore>, run: &str) {
    let company = format!("c{run}");
    a.put_installation(&installation(&company, "7"))
        .await
        .expect("put");
    a.put_webhook_secret(&company, "7", "s3cret-password")
        .await
        .expect("secret");
    assert_eq!(
        b.webhook_secret(&company, "7").await.expect("read"),
        Some("s3cret-password".to_owned())
    );
    a.put_webhook_secret(&company, "7", "rotated")
        .await
        .expect("replace");
    assert_eq!(
        b.webhook_secret(&company, "7")
            .await
            .expect("read")
            .as_deref(),
        Some("rotated")
    );
    assert_eq!(a.webhook_secret(&company, "8").await.expect("read"), None);
    let ids = b.installation_ids().await.expect("ids");
    assert!(ids.contains(&(company.clone(), "7".to_owned())), "{ids:?}");

    let far = i64::MAX / 2;
    let delivery = format!("998877\n{run}-event\n2026-05-04T09:15:02.318Z");
    assert!(a.record_delivery(&delivery, far).await.expect("first"));
    assert!(
        !b.record_delivery(&delivery, far)
            .await
            .expect("second instance")
    );
    assert!(!a.record_delivery(&delivery, far).await.expect("again"));
    // Recorded at once from both handles: exactly one wins.
    let racing = format!("1\n{run}-race\n1");
    let (x, y) = tokio::join!(
        a.record_delivery(&racing, far),
        b.record_delivery(&racing, far)
    );
    assert!(
        x.expect("x") ^ y.expect("y"),
        "exactly one of two racing records wins"
    );
    // An expired record is forgotten at the next record.
    let old = format!("1\n{run}-old\n1");
    assert!(a.record_delivery(&old, 1).await.expect("old"));
    assert!(
        a.record_delivery(&format!("1\n{run}-next\n1"), far)
            .await
            .expect("next")
    );
    assert!(
        a.record_delivery(&old, far)
            .await
            .expect("old again after expiry")
    );

    assert!(a.delete_installation(&company, "7").await.expect("delete"));
    assert_eq!(b.webhook_secret(&company, "7").await.expect("read"), None);
}

#[tokio::test]
async fn memory_store_keeps_webhook_secrets_and_deliveries() {
    let store = MemoryStore::new();
    suite(Arc::new(store.clone()), Arc::new(store), "mem").await;
}

#[tokio::test]
async fn sqlite_store_keeps_them_encrypted_and_shared_between_instances() {
    let (url, file) = temp_db::temp_sqlite_url("webhooks-store");
    let a = pdx::store::connect(&url, key()).await.expect("sqlite");
    let b = pdx::store::connect(&url, key())
        .await
        .expect("second handle");
    suite(a.clone(), b, "sqlite").await;
    a.put_installation(&installation("1", "2"))
        .await
        .expect("put");
    a.put_webhook_secret("1", "2", "plain-text-must-not-appear")
        .await
        .expect("secret");
    drop(a);
    let bytes = std::fs::read(url.trim_start_matches("sqlite://")).expect("database file");
    let needle = b"plain-text-must-not-appear";
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "the secret is stored encrypted"
    );
    // Another key cannot open it.
    let wrong = pdx::store::connect(&url, TokenKey::from_array([1; 32])).await;
    assert!(wrong.is_err(), "a store opened with another key is refused");
    drop(file);
}

#[tokio::test]
async fn postgres_store_keeps_webhook_secrets_and_deliveries() {
    let Some(url) = postgres::postgres_url("PostgreSQL webhooks store") else {
        return;
    };
    let a = pdx::store::connect(&url, key()).await.expect("postgres");
    let b = pdx::store::connect(&url, key())
        .await
        .expect("second handle");
    suite(a, b, &postgres::run_id()).await;
}
