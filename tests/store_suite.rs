//! One suite for every token store backend: the in-memory store and SQLite always, PostgreSQL when
//! `PDX_TEST_POSTGRES_URL` is set (`.ci/run` sets it; pdx's test builds always have the PostgreSQL store).

use crate::postgres;

use pdx::store::{
    Installation, MemoryStore, RefreshFuture, RefreshOutcome, RefreshRequest, Refresher,
    StoreCounts, StoreError, TokenGrant, TokenKey, TokenStore,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The key of every store in the suite: the shared PostgreSQL test database's (other test files write there too).
fn key() -> TokenKey {
    postgres::shared_database_key()
}

fn now() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs(),
    )
    .expect("i64")
}

fn installation(company: &str, user: &str, access: &str, expires_at: i64) -> Installation {
    Installation {
        company_id: company.to_owned(),
        user_id: user.to_owned(),
        api_domain: "https://acme.pipedrive.com".to_owned(),
        access_token: access.to_owned(),
        refresh_token: format!("refresh-of-{company}"),
        scope: "base,deals:full".to_owned(),
        expires_at,
    }
}

/// Counts calls; slow enough for a concurrent second refresh to overlap.
struct CountingRefresher {
    calls: AtomicUsize,
    refuse: bool,
}

impl CountingRefresher {
    fn new(refuse: bool) -> Self {
        Self {
            calls: AtomicUsize::new(0),
            refuse,
        }
    }
}

impl Refresher for CountingRefresher {
    fn refresh<'a>(&'a self, refresh_token: &'a str) -> RefreshFuture<'a> {
        Box::pin(async move {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::time::sleep(Duration::from_millis(300)).await;
            if self.refuse {
                return Err("invalid_grant".to_owned());
            }
            let grant: TokenGrant = serde_json::from_value(serde_json::json!({
                "access_token": format!("refreshed-{n}-{refresh_token}"),
                "expires_in": 3600,
            }))
            .expect("grant");
            Ok(grant)
        })
    }
}

fn refresh_of<'a>(
    company_id: &'a str,
    user_id: &'a str,
    stale_access_token: &'a str,
    min_valid_secs: i64,
    refresher: &'a dyn Refresher,
) -> RefreshRequest<'a> {
    RefreshRequest {
        company_id,
        user_id,
        stale_access_token,
        min_valid_secs,
        refresher,
    }
}

/// What a backend is, for the parts of the suite that depend on it.
#[derive(Clone, Copy)]
struct Kind {
    /// Survives a restart and checks its key (SQL backends; not the in-memory store).
    durable: bool,
    /// This run is alone on its database, so counts are exact (not the shared PostgreSQL test database).
    alone: bool,
}

const IN_MEMORY: Kind = Kind {
    durable: false,
    alone: true,
};
const SQLITE_FILE: Kind = Kind {
    durable: true,
    alone: true,
};
const SHARED_POSTGRES: Kind = Kind {
    durable: true,
    alone: false,
};

/// The suite. `open` opens a new handle on the same database (a new instance of the app).
async fn suite<F, Fut>(run: &str, kind: Kind, open: F)
where
    F: Fn(TokenKey) -> Fut,
    Fut: std::future::Future<Output = Result<Arc<dyn TokenStore>, StoreError>>,
{
    let store = open(key()).await.expect("open");
    let (company, user) = (format!("c-{run}"), "7".to_owned());
    let empty = store.counts().await.expect("counts");
    if kind.alone {
        assert_eq!(empty, StoreCounts::default(), "a new store is empty");
    }

    // Absent, saved, read back, replaced, deleted.
    assert_eq!(
        store.installation(&company, &user).await.expect("read"),
        None
    );
    let first = installation(&company, &user, "access-1", now() + 3600);
    store.put_installation(&first).await.expect("put");
    assert_eq!(
        store.installation(&company, &user).await.expect("read"),
        Some(first.clone())
    );
    let second = Installation {
        access_token: "access-2".into(),
        api_domain: "https://other.pipedrive.com".into(),
        ..first.clone()
    };
    store.put_installation(&second).await.expect("replace");
    assert_eq!(
        store.installation(&company, &user).await.expect("read"),
        Some(second.clone())
    );
    assert_eq!(
        store.counts().await.expect("counts").installations,
        empty.installations + 1,
        "replaced, not added"
    );
    assert_eq!(
        store.installation(&company, "8").await.expect("other user"),
        None,
        "keyed by user too"
    );
    assert!(
        store
            .delete_installation(&company, &user)
            .await
            .expect("delete")
    );
    assert!(
        !store
            .delete_installation(&company, &user)
            .await
            .expect("delete again")
    );
    assert_eq!(
        store.installation(&company, &user).await.expect("read"),
        None
    );

    used_states(&*store, run, kind).await;

    // Restart: a new handle (dropping the old one) still has the installation.
    store.put_installation(&first).await.expect("put");
    drop(store);
    let reopened = open(key()).await.expect("reopen");
    assert_eq!(
        reopened.installation(&company, &user).await.expect("read"),
        Some(first.clone())
    );

    if kind.durable {
        // A wrong key is a clear error at open, never a panic.
        let wrong = open(TokenKey::from_array([4; 32]))
            .await
            .err()
            .expect("wrong key refused");
        assert!(matches!(wrong, StoreError::WrongKey(_)), "{wrong:?}");
        assert!(wrong.to_string().contains("PDX_TOKEN_KEY"), "{wrong}");
    }

    refreshes(
        reopened,
        open(key()).await.expect("second instance"),
        &company,
        &user,
    )
    .await;
}

/// Used states: recorded once (a second record is a replay), seen by other handles, and records of expired
/// states dropped at the next record.
async fn used_states(store: &dyn TokenStore, run: &str, kind: Kind) {
    let nonce = format!("nonce-{run}");
    assert!(!store.is_state_used(&nonce).await.expect("read"));
    assert!(
        store
            .record_used_state(&nonce, now() + 600)
            .await
            .expect("record")
    );
    assert!(store.is_state_used(&nonce).await.expect("read"));
    assert!(
        !store
            .record_used_state(&nonce, now() + 600)
            .await
            .expect("again"),
        "a second record of the same state is a replay"
    );
    let before = store.counts().await.expect("counts").used_states;
    let expired = format!("expired-{run}");
    assert!(
        store
            .record_used_state(&expired, now() - 5)
            .await
            .expect("record")
    );
    let later = format!("later-{run}");
    assert!(
        store
            .record_used_state(&later, now() + 600)
            .await
            .expect("record")
    );
    assert!(
        !store.is_state_used(&expired).await.expect("read"),
        "the expired state's record was dropped"
    );
    assert!(store.is_state_used(&later).await.expect("read"));
    if kind.alone {
        assert_eq!(
            store.counts().await.expect("counts").used_states,
            before + 1
        );
    }
}

/// Two instances refresh the same stale token at once: one refresh, both get its result. Then a refused refresh
/// and an unknown installation.
async fn refreshes(
    a_store: Arc<dyn TokenStore>,
    b_store: Arc<dyn TokenStore>,
    company: &str,
    user: &str,
) {
    let stale = installation(company, user, "stale", now() - 10);
    a_store.put_installation(&stale).await.expect("put stale");
    let refresher = CountingRefresher::new(false);
    let (a, b) = tokio::join!(
        a_store.refresh(refresh_of(company, user, "stale", 60, &refresher)),
        b_store.refresh(refresh_of(company, user, "stale", 60, &refresher)),
    );
    let (a, b) = (a.expect("refresh a"), b.expect("refresh b"));
    assert_eq!(
        refresher.calls.load(Ordering::SeqCst),
        1,
        "one token request: {a:?} {b:?}"
    );
    let tokens = |o: &RefreshOutcome| match o {
        RefreshOutcome::Refreshed(i) | RefreshOutcome::AlreadyFresh(i) => i.access_token.clone(),
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(tokens(&a), tokens(&b));
    assert!(
        tokens(&a).starts_with("refreshed-1-refresh-of-"),
        "{}",
        tokens(&a)
    );
    assert!(
        matches!(
            (&a, &b),
            (
                RefreshOutcome::Refreshed(_),
                RefreshOutcome::AlreadyFresh(_)
            ) | (
                RefreshOutcome::AlreadyFresh(_),
                RefreshOutcome::Refreshed(_)
            )
        ),
        "{a:?} {b:?}"
    );
    let saved = b_store
        .installation(company, user)
        .await
        .expect("read")
        .expect("installed");
    assert_eq!(saved.access_token, tokens(&a));
    assert_eq!(
        saved.refresh_token, stale.refresh_token,
        "a grant without refresh_token keeps it"
    );
    assert!(saved.expires_at > now() + 3000);

    // Refused refresh leaves the installation as it was; an unknown installation is reported.
    let refusing = CountingRefresher::new(true);
    let outcome = b_store
        .refresh(refresh_of(
            company,
            user,
            &saved.access_token,
            7200,
            &refusing,
        ))
        .await
        .expect("refresh");
    assert_eq!(outcome, RefreshOutcome::Refused("invalid_grant".into()));
    assert_eq!(
        b_store.installation(company, user).await.expect("read"),
        Some(saved)
    );
    let outcome = b_store
        .refresh(refresh_of(company, "nobody", "x", 60, &refusing))
        .await
        .expect("refresh");
    assert_eq!(outcome, RefreshOutcome::NotInstalled);
}

#[tokio::test]
async fn memory_store_passes_the_suite() {
    let memory = MemoryStore::new();
    suite("memory", IN_MEMORY, |_key| {
        let handle: Arc<dyn TokenStore> = Arc::new(memory.clone());
        async move { Ok(handle) }
    })
    .await;
}

#[tokio::test]
async fn memory_url_opens_a_new_memory_store() {
    let a = pdx::store::connect(pdx::store::MEMORY_URL, key())
        .await
        .expect("memory");
    let b = pdx::store::connect("memory:", key()).await.expect("memory");
    a.put_installation(&installation("1", "2", "at", now() + 60))
        .await
        .expect("put");
    assert_eq!(a.counts().await.expect("counts").installations, 1);
    assert_eq!(
        b.counts().await.expect("counts"),
        StoreCounts::default(),
        "each `memory:` store is its own"
    );
}

fn sqlite_url(name: &str) -> (String, std::path::PathBuf) {
    let path =
        std::env::temp_dir().join(format!("pdx-store-suite-{name}-{}.db", postgres::run_id()));
    (format!("sqlite://{}", path.display()), path)
}

fn remove_sqlite(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[tokio::test]
async fn sqlite_store_passes_the_suite() {
    let (url, path) = sqlite_url("suite");
    assert!(!path.exists());
    suite("sqlite", SQLITE_FILE, |key| {
        let url = url.clone();
        async move { pdx::store::connect(&url, key).await }
    })
    .await;
    assert!(path.exists(), "the file is created on first start");
    remove_sqlite(&path);
}

#[tokio::test]
async fn postgres_store_passes_the_suite() {
    let Some(url) = postgres::postgres_url("PostgreSQL store suite") else {
        return;
    };
    suite(&postgres::run_id(), SHARED_POSTGRES, |key| {
        let url = url.clone();
        async move { pdx::store::connect(&url, key).await }
    })
    .await;
}

#[tokio::test]
async fn sqlite_tokens_are_encrypted_at_rest() {
    let (url, path) = sqlite_url("at-rest");
    let store = pdx::store::connect(&url, key()).await.expect("open");
    let mut i = installation("1", "2", "PLAINTEXT-ACCESS-TOKEN", now() + 3600);
    i.refresh_token = "PLAINTEXT-REFRESH-TOKEN".into();
    store.put_installation(&i).await.expect("put");
    drop(store);
    let mut bytes = Vec::new();
    for suffix in ["", "-wal"] {
        bytes.extend(std::fs::read(format!("{}{suffix}", path.display())).unwrap_or_default());
    }
    assert!(bytes.len() > 1000, "the database was written");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("acme.pipedrive.com"),
        "the row is in the file"
    );
    assert!(!text.contains("PLAINTEXT-ACCESS-TOKEN"));
    assert!(!text.contains("PLAINTEXT-REFRESH-TOKEN"));
    remove_sqlite(&path);
}

#[tokio::test]
async fn sqlite_url_relative_to_the_working_directory() {
    let name = format!("pdx-relative-test-{}.db", postgres::run_id());
    let store = pdx::store::connect(&format!("sqlite://{name}"), key())
        .await
        .expect("open");
    drop(store);
    let path = std::env::current_dir().expect("cwd").join(&name);
    assert!(path.exists(), "{} created", path.display());
    remove_sqlite(&path);
}

#[tokio::test]
async fn bad_database_urls_are_explained() {
    let e = pdx::store::connect("mysql://u:pw@h/db", key())
        .await
        .err()
        .expect("refused");
    assert!(matches!(e, StoreError::Config(_)), "{e:?}");
    let text = e.to_string();
    assert!(
        text.contains("unsupported database URL scheme") && !text.contains("pw"),
        "{text}"
    );
    let e = pdx::store::connect("postgres://u:hunter2@127.0.0.1:1/db", key())
        .await
        .err()
        .expect("refused");
    assert!(!e.to_string().contains("hunter2"), "{e}");
}
