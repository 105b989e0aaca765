//! [`MemoryStore`]: installations in this process's memory.

use super::{
    Installation, RefreshOutcome, RefreshRequest, StoreCounts, StoreFuture, TokenStore, now_secs,
};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A token store in this process's memory (`store::connect("memory:")`, or [`MemoryStore::new`]): for tests
/// and for trying an app out. Nothing survives the process, and instances of an app do not share it; tokens are
/// kept as they are (the [`TokenKey`](super::TokenKey) protects tokens at rest, and these never are).
///
/// Bounds: one entry per installation (each follows an authorization code Pipedrive issued and pdx exchanged),
/// and one per install started by the app that finished within the last
/// [`STATE_TTL`](crate::install::STATE_TTL) (records of expired states are dropped at the next install).
/// Install starts and refused callbacks add nothing. Webhooks add one secret per installation (deleted with it)
/// and one record per authenticated delivery, kept for
/// [`DEDUP_WINDOW`](crate::webhooks::DEDUP_WINDOW) (expired records are dropped at the next delivery).
///
/// Clones share the same memory: two clones behave as two instances of an app on one database (one refresh at
/// a time across them).
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    installations: Mutex<HashMap<(String, String), Installation>>,
    /// Nonces of the states that finished an install, with when each state expires.
    used_states: Mutex<HashMap<String, i64>>,
    /// Webhook secrets by installation.
    webhook_secrets: Mutex<HashMap<(String, String), String>>,
    /// Deliveries already handed to the app, with when each record expires.
    deliveries: Mutex<HashMap<String, i64>>,
    /// Held while a refresh runs: the lock a database takes on the installation's row.
    refreshing: tokio::sync::Mutex<()>,
}

/// A poisoned lock still holds consistent maps (every write is one `insert` or `remove`).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn key(company_id: &str, user_id: &str) -> (String, String) {
    (company_id.to_owned(), user_id.to_owned())
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn installations(&self) -> MutexGuard<'_, HashMap<(String, String), Installation>> {
        lock(&self.inner.installations)
    }
}

/// Records `name` until `expires_at` unless it is recorded already (`false`), forgetting expired records:
/// the used states' and the deliveries' once-only rule.
fn record_once(records: &Mutex<HashMap<String, i64>>, name: &str, expires_at: i64) -> bool {
    let mut records = lock(records);
    let now = now_secs();
    records.retain(|_, until| *until >= now);
    match records.entry(name.to_owned()) {
        Entry::Occupied(_) => false,
        Entry::Vacant(entry) => {
            entry.insert(expires_at);
            true
        }
    }
}

impl TokenStore for MemoryStore {
    fn put_installation<'a>(&'a self, installation: &'a Installation) -> StoreFuture<'a, ()> {
        let k = key(&installation.company_id, &installation.user_id);
        self.installations().insert(k, installation.clone());
        Box::pin(async { Ok(()) })
    }

    fn installation<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, Option<Installation>> {
        let found = self.installations().get(&key(company_id, user_id)).cloned();
        Box::pin(async move { Ok(found) })
    }

    fn delete_installation<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, bool> {
        lock(&self.inner.webhook_secrets).remove(&key(company_id, user_id));
        let deleted = self
            .installations()
            .remove(&key(company_id, user_id))
            .is_some();
        Box::pin(async move { Ok(deleted) })
    }

    fn refresh<'a>(&'a self, request: RefreshRequest<'a>) -> StoreFuture<'a, RefreshOutcome> {
        Box::pin(async move {
            let _locked = self.inner.refreshing.lock().await;
            let k = key(request.company_id, request.user_id);
            let Some(current) = self.installations().get(&k).cloned() else {
                return Ok(RefreshOutcome::NotInstalled);
            };
            let outcome = super::refresh_under_lock(current, &request).await;
            if let RefreshOutcome::Refreshed(updated) = &outcome {
                self.installations().insert(k, updated.clone());
            }
            Ok(outcome)
        })
    }

    fn is_state_used<'a>(&'a self, nonce: &'a str) -> StoreFuture<'a, bool> {
        let used = lock(&self.inner.used_states).contains_key(nonce);
        Box::pin(async move { Ok(used) })
    }

    fn record_used_state<'a>(&'a self, nonce: &'a str, expires_at: i64) -> StoreFuture<'a, bool> {
        let recorded = record_once(&self.inner.used_states, nonce, expires_at);
        Box::pin(async move { Ok(recorded) })
    }

    fn installation_ids(&self) -> StoreFuture<'_, Vec<(String, String)>> {
        let mut ids: Vec<_> = self.installations().keys().cloned().collect();
        ids.sort();
        Box::pin(async move { Ok(ids) })
    }

    fn put_webhook_secret<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
        secret: &'a str,
    ) -> StoreFuture<'a, ()> {
        lock(&self.inner.webhook_secrets).insert(key(company_id, user_id), secret.to_owned());
        Box::pin(async { Ok(()) })
    }

    fn webhook_secret<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, Option<String>> {
        let found = lock(&self.inner.webhook_secrets)
            .get(&key(company_id, user_id))
            .cloned();
        Box::pin(async move { Ok(found) })
    }

    fn record_delivery<'a>(&'a self, delivery: &'a str, expires_at: i64) -> StoreFuture<'a, bool> {
        let recorded = record_once(&self.inner.deliveries, delivery, expires_at);
        Box::pin(async move { Ok(recorded) })
    }

    fn counts(&self) -> StoreFuture<'_, StoreCounts> {
        let counts = StoreCounts {
            installations: self.installations().len() as u64,
            used_states: lock(&self.inner.used_states).len() as u64,
        };
        Box::pin(async move { Ok(counts) })
    }
}
