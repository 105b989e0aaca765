//! The lifecycle of the app's webhooks ("Webhooks for apps", <https://pipedrive.readme.io/docs/webhooks-for-apps>):
//! each installation gets random Basic credentials for its deliveries; on install pdx creates the declared
//! webhooks with them; a reconcile restores the ones Pipedrive removed (after a ban, or 3 days of failed
//! deliveries); [`Installations::revoke`] deletes them before the app uninstalls itself. After a user uninstalls
//! the app, Pipedrive removes the app's webhooks itself.

use super::Installations;
use crate::api::{ApiCall, ApiError, Client, Endpoint};
use crate::credentials::BasicCredentials;
use crate::scope::Scope;
use crate::server::Untrusted;
use crate::store::StoreError;
use crate::webhooks::{DeclaredWebhook, credentials_username};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::OsRng;
use chacha20poly1305::aead::rand_core::RngCore;
use serde::Deserialize;
use serde_json::{Value, json};
use std::time::Duration;

/// `GET /api/v1/webhooks` (webhooks have no v2 endpoints): with an app's token, only that app's webhooks.
pub static WEBHOOKS: Endpoint = Endpoint::get(
    "/api/v1/webhooks",
    &[Scope::WebhooksRead, Scope::WebhooksFull, Scope::Admin],
)
.token_cost(10);
/// `POST /api/v1/webhooks`.
pub static CREATE_WEBHOOK: Endpoint =
    Endpoint::post("/api/v1/webhooks", &[Scope::WebhooksFull, Scope::Admin]).token_cost(10);
/// `DELETE /api/v1/webhooks/{id}`.
pub static DELETE_WEBHOOK: Endpoint = Endpoint::delete(
    "/api/v1/webhooks/{id}",
    &[Scope::WebhooksFull, Scope::Admin],
)
.token_cost(6);

/// How often [`Installations::spawn_webhook_reconcile`] visits every installation unless told otherwise.
pub const DEFAULT_RECONCILE_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);

/// Random bytes in a webhook secret (256 bits).
const SECRET_BYTES: usize = 32;

/// What the app declared, made final when its router is built: the webhooks, the receiver's public URL and
/// the app's name (the webhooks' names start with it).
#[derive(Debug, Clone, Default)]
pub(crate) struct WebhookPlan {
    pub(crate) declared: Vec<DeclaredWebhook>,
    pub(crate) url: String,
    pub(crate) app_name: String,
}

/// A webhook as `GET /api/v1/webhooks` lists it (the fields pdx compares; the rest is ignored).
#[derive(Debug, Deserialize)]
struct ListedWebhook {
    id: u64,
    #[serde(default)]
    event_action: String,
    #[serde(default)]
    event_object: String,
    #[serde(default)]
    subscription_url: String,
    #[serde(default)]
    http_auth_user: Option<String>,
    #[serde(default, deserialize_with = "active")]
    is_active: bool,
}

/// `is_active` is `1`/`0` (or a bool); absent means active.
fn active<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => b,
        Value::Number(n) => n.as_u64() != Some(0),
        _ => true,
    })
}

/// What a reconcile did for one installation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reconciled {
    /// Declared webhooks found at Pipedrive as they should be.
    pub kept: usize,
    /// Declared webhooks that were missing and were created.
    pub created: usize,
}

impl ListedWebhook {
    fn is(&self, declared: &DeclaredWebhook, url: &str, username: &str) -> bool {
        self.is_active
            && self.subscription_url == url
            && self.http_auth_user.as_deref() == Some(username)
            && self.event_action == declared.action.as_str()
            && self.event_object == declared.object.as_str()
    }
}

impl Installations {
    /// Declares the webhooks every installation gets (called by the app's router build).
    pub(crate) fn set_webhook_plan(&self, plan: WebhookPlan) {
        *self
            .inner
            .webhooks
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(plan);
    }

    fn webhook_plan(&self) -> Option<WebhookPlan> {
        self.inner
            .webhooks
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The Basic credentials the installation's deliveries carry, if it has any.
    pub(crate) async fn webhook_credentials(
        &self,
        company_id: &str,
        user_id: &str,
    ) -> Result<Option<BasicCredentials>, StoreError> {
        let secret = self.inner.store.webhook_secret(company_id, user_id).await?;
        Ok(secret.map(|s| BasicCredentials::new(credentials_username(company_id, user_id), s)))
    }

    /// The installation's credentials, made (random, from the OS) and saved the first time.
    async fn ensure_webhook_credentials(
        &self,
        company_id: &str,
        user_id: &str,
    ) -> Result<BasicCredentials, StoreError> {
        if let Some(existing) = self.webhook_credentials(company_id, user_id).await? {
            return Ok(existing);
        }
        let mut bytes = [0u8; SECRET_BYTES];
        OsRng.fill_bytes(&mut bytes);
        let secret = URL_SAFE_NO_PAD.encode(bytes);
        self.inner
            .store
            .put_webhook_secret(company_id, user_id, &secret)
            .await?;
        Ok(BasicCredentials::new(
            credentials_username(company_id, user_id),
            secret,
        ))
    }

    /// After an install: creates the declared webhooks. A failure is logged, never fails the install: the
    /// reconcile creates what is missing later.
    pub(crate) async fn webhooks_after_install(&self, company_id: &str, user_id: &str) {
        if self.webhook_plan().is_none_or(|p| p.declared.is_empty()) {
            return;
        }
        if let Err(e) = self.reconcile_webhooks(company_id, user_id).await {
            tracing::warn!(
                company_id = %Untrusted(company_id),
                user_id = %Untrusted(user_id),
                "creating the app's webhooks after the install failed (the reconcile retries): {}",
                Untrusted(&e)
            );
        }
    }

    /// Makes the installation's webhooks at Pipedrive what the app declares: lists them
    /// (`GET /api/v1/webhooks`) and creates each declared one that is missing (`POST /api/v1/webhooks`,
    /// `version: "2.0"`, the receiver's URL, the installation's Basic credentials). Webhooks the app did not
    /// declare are left alone. A 422 from Pipedrive is [`ApiError::WebhookLimit`].
    pub async fn reconcile_webhooks(
        &self,
        company_id: &str,
        user_id: &str,
    ) -> Result<Reconciled, ApiError> {
        let Some(plan) = self.webhook_plan() else {
            return Ok(Reconciled::default());
        };
        let client = self.client(company_id, user_id).await?;
        let credentials = self.ensure_webhook_credentials(company_id, user_id).await?;
        let listed = listed(&client).await?;
        let mut done = Reconciled::default();
        for declared in &plan.declared {
            if listed
                .iter()
                .any(|w| w.is(declared, &plan.url, credentials.username()))
            {
                done.kept += 1;
                continue;
            }
            create(&client, declared, &plan, &credentials).await?;
            done.created += 1;
        }
        Ok(done)
    }

    /// Deletes the installation's webhooks that pdx made (those at the receiver's URL with the installation's
    /// credentials); how many. [`Installations::revoke`] calls it before revoking the token.
    pub async fn delete_webhooks(
        &self,
        company_id: &str,
        user_id: &str,
    ) -> Result<usize, ApiError> {
        let Some(plan) = self.webhook_plan() else {
            return Ok(0);
        };
        let client = self.client(company_id, user_id).await?;
        let username = credentials_username(company_id, user_id);
        let listed = listed(&client).await?;
        let mut deleted = 0;
        for webhook in listed.iter().filter(|w| {
            w.subscription_url == plan.url && w.http_auth_user.as_deref() == Some(&username)
        }) {
            client
                .call::<Value>(ApiCall::new(&DELETE_WEBHOOK).param(webhook.id))
                .await?;
            deleted += 1;
        }
        Ok(deleted)
    }

    /// Starts the background reconcile: every `interval` (plus up to a tenth of it at random, so that
    /// instances started together spread out), [`reconcile_webhooks`](Self::reconcile_webhooks) for every
    /// installation, logging failures. Start it once per app (several instances may each run one: a reconcile
    /// creates only what is missing). Stop it by aborting the handle.
    pub fn spawn_webhook_reconcile(&self, interval: Duration) -> tokio::task::JoinHandle<()> {
        let installations = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(interval + jitter(interval)).await;
                installations.reconcile_all_webhooks().await;
            }
        })
    }

    /// One pass of the background reconcile over every installation; how many webhooks it created.
    pub async fn reconcile_all_webhooks(&self) -> usize {
        let ids = match self.inner.store.installation_ids().await {
            Ok(ids) => ids,
            Err(e) => {
                tracing::warn!(
                    "webhook reconcile: cannot list the installations: {}",
                    Untrusted(&e)
                );
                return 0;
            }
        };
        let mut created = 0;
        for (company_id, user_id) in ids {
            match self.reconcile_webhooks(&company_id, &user_id).await {
                Ok(done) => created += done.created,
                Err(e) => tracing::warn!(
                    company_id = %Untrusted(&company_id),
                    user_id = %Untrusted(&user_id),
                    "webhook reconcile failed: {}",
                    Untrusted(&e)
                ),
            }
        }
        created
    }
}

/// The webhooks Pipedrive lists for the client's token (an app's token: the app's own).
async fn listed(client: &Client) -> Result<Vec<ListedWebhook>, ApiError> {
    let call = ApiCall::<Option<Vec<ListedWebhook>>>::new(&WEBHOOKS);
    Ok(client.call(call).await?.unwrap_or_default())
}

/// Creates one declared webhook for an installation.
async fn create(
    client: &Client,
    declared: &DeclaredWebhook,
    plan: &WebhookPlan,
    credentials: &BasicCredentials,
) -> Result<(), ApiError> {
    let body = json!({
        "subscription_url": plan.url,
        "event_action": declared.action.as_str(),
        "event_object": declared.object.as_str(),
        "name": declared.name_for(&plan.app_name),
        "version": "2.0",
        "http_auth_user": credentials.username(),
        "http_auth_password": credentials.password(),
    });
    client
        .call::<Value>(ApiCall::new(&CREATE_WEBHOOK).body(body))
        .await?;
    Ok(())
}

/// A random wait of up to a tenth of `interval`.
fn jitter(interval: Duration) -> Duration {
    let tenth = interval.as_millis() / 10;
    let tenth = u64::try_from(tenth).unwrap_or(u64::MAX).max(1);
    Duration::from_millis(OsRng.next_u64() % tenth)
}
