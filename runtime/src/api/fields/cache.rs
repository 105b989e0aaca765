//! [`FieldCache`]: each company's field definitions, fetched on first use and kept (bounded), fetched again
//! after a miss or an invalidation.

use super::FieldsError;
use super::field_endpoints::{object_of, update_of};
use crate::api::{ApiCall, ApiError, Client};
use crate::custom_fields::{CustomFields, FieldDefinition, FieldEntity, Resolved};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

type Key = (String, FieldEntity);
type Definitions = Arc<Vec<FieldDefinition>>;

/// Each company's custom field definitions, per kind of object, for reading and writing
/// [`CustomFields`] structs through a [`Client`]. Cheap to clone (clones share the cache): keep one in the
/// app's state.
///
/// - **First use** in a company makes one Fields call per kind (`GET /api/v2/dealFields`, through the client:
///   its scopes, token costs and rate limits); later reads make none.
/// - **Bounded**: at most [`capacity`](Self::with_capacity) (company, kind) entries
///   ([`DEFAULT_CAPACITY`](Self::DEFAULT_CAPACITY) by default); the oldest entry goes first.
/// - **A miss re-resolves once per call**: a field not found by its name (or code) in the cached
///   definitions, or an object that no longer carries a resolved key but carries a custom field the cached
///   definitions do not know (a field deleted and recreated), fetches the definitions again, once — unless
///   they were fetched less than [`refetch_interval`](Self::refetch_interval) ago
///   ([`DEFAULT_REFETCH_INTERVAL`](Self::DEFAULT_REFETCH_INTERVAL), a minute): a company that lacks a field the
///   struct names costs one Fields call a minute, not one per read. A field made or recreated in Pipedrive is
///   seen within that minute (at once after [`invalidate`](Self::invalidate)).
/// - **Invalidation**: [`invalidate`](Self::invalidate) drops a company's definitions of a kind, e.g. when a
///   webhook says a field changed.
///
/// Companies are told apart by the client's company id; an API-token client's by its company domain.
///
/// ```no_run
/// use pdx::custom_fields::{CustomFields, Monetary};
/// use pdx::api::{Client, FieldCache, FieldsError};
///
/// #[derive(CustomFields)]
/// #[custom_fields(entity = "deal")]
/// struct Invoice {
///     #[custom_field(name = "Invoice terms")]
///     terms: Option<String>,
///     #[custom_field(name = "Amount due")]
///     due: Option<Monetary>,
/// }
///
/// async fn terms(fields: &FieldCache, api: &Client, deal: u64) -> Result<Option<String>, FieldsError> {
///     let invoice: Invoice = fields.get(api, deal).await?;
///     fields.update(api, deal, &Invoice { terms: Some("Net 45".into()), ..invoice }).await?;
///     Ok(fields.get::<Invoice>(api, deal).await?.terms)
/// }
/// ```
#[derive(Clone)]
pub struct FieldCache {
    inner: Arc<Mutex<Entries>>,
}

#[derive(Default)]
struct Entries {
    capacity: usize,
    refetch_interval: Duration,
    /// The definitions and when they were fetched.
    map: HashMap<Key, (Definitions, Instant)>,
    order: VecDeque<Key>,
}

impl std::fmt::Debug for FieldCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldCache")
            .field("entries", &self.len())
            .finish_non_exhaustive()
    }
}

impl Default for FieldCache {
    fn default() -> Self {
        Self::new()
    }
}

/// Where the definitions of one call came from: a fetch in this call (or one within the refetch interval) is
/// not fetched again.
struct Found {
    definitions: Definitions,
    fresh: bool,
}

impl Entries {
    /// The cached definitions of `key`, unless there are none or a miss asks again (`refetch`) and they are
    /// older than the refetch interval.
    fn cached(&self, key: &Key, refetch: bool) -> Option<Found> {
        let (definitions, fetched) = self.map.get(key)?;
        let recent = fetched.elapsed() < self.refetch_interval;
        (!refetch || recent).then(|| Found {
            definitions: definitions.clone(),
            fresh: refetch,
        })
    }
}

impl FieldCache {
    /// (company, kind) entries kept by default: 4,096 (a few hundred KB for typical companies).
    pub const DEFAULT_CAPACITY: usize = 4096;

    /// A cache of [`DEFAULT_CAPACITY`](Self::DEFAULT_CAPACITY) entries.
    pub fn new() -> Self {
        Self::with_capacity(Self::DEFAULT_CAPACITY)
    }

    /// The least time between two fetches of a company's definitions of a kind after misses: a minute.
    pub const DEFAULT_REFETCH_INTERVAL: Duration = Duration::from_secs(60);

    /// A cache of at most `capacity` (company, kind) entries (at least 1).
    pub fn with_capacity(capacity: usize) -> Self {
        FieldCache {
            inner: Arc::new(Mutex::new(Entries {
                capacity: capacity.max(1),
                refetch_interval: Self::DEFAULT_REFETCH_INTERVAL,
                ..Entries::default()
            })),
        }
    }

    /// The least time between two fetches of a company's definitions of a kind after misses (see the type's
    /// page). `Duration::ZERO` fetches again after every miss.
    pub fn refetch_interval(self, interval: Duration) -> Self {
        self.entries().refetch_interval = interval;
        self
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many (company, kind) entries are cached.
    pub fn len(&self) -> usize {
        self.entries().map.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops a company's cached definitions of a kind: the next use fetches them again. Call it when a
    /// field changes (a webhook on the company's fields, or the app's own change to them). `company` is the
    /// company id (an API-token client's company domain).
    pub fn invalidate(&self, company: &str, entity: FieldEntity) {
        let key = (company.to_owned(), entity);
        let mut entries = self.entries();
        entries.map.remove(&key);
        entries.order.retain(|k| *k != key);
    }

    /// Drops every cached definition of a company (e.g. when the app is uninstalled there).
    pub fn invalidate_company(&self, company: &str) {
        let mut entries = self.entries();
        entries.map.retain(|(c, _), _| c != company);
        entries.order.retain(|(c, _)| c != company);
    }

    fn company_of(client: &Client) -> String {
        client.company_id().unwrap_or_else(|| client.api_domain())
    }

    /// The definitions of a kind in the client's company: cached, else fetched (and cached).
    async fn found(
        &self,
        client: &Client,
        entity: FieldEntity,
        refetch: bool,
    ) -> Result<Found, ApiError> {
        let key = (Self::company_of(client), entity);
        if let Some(found) = self.entries().cached(&key, refetch) {
            return Ok(found);
        }
        let definitions: Definitions = Arc::new(client.field_definitions(entity).await?);
        let mut entries = self.entries();
        if entries
            .map
            .insert(key.clone(), (definitions.clone(), Instant::now()))
            .is_none()
        {
            entries.order.push_back(key);
        }
        while entries.map.len() > entries.capacity {
            let Some(oldest) = entries.order.pop_front() else {
                break;
            };
            entries.map.remove(&oldest);
        }
        Ok(Found {
            definitions,
            fresh: true,
        })
    }

    /// The definitions of a kind in the client's company (cached, else fetched).
    pub async fn definitions(
        &self,
        client: &Client,
        entity: FieldEntity,
    ) -> Result<Arc<Vec<FieldDefinition>>, ApiError> {
        Ok(self.found(client, entity, false).await?.definitions)
    }

    /// `T`'s fields resolved in the client's company: the cached definitions, fetched again once when one is
    /// not found (or found of another type) in cached ones.
    pub async fn resolve<T: CustomFields>(
        &self,
        client: &Client,
    ) -> Result<Resolved<T>, FieldsError> {
        Ok(self.resolved::<T>(client).await?.0)
    }

    async fn resolved<T: CustomFields>(
        &self,
        client: &Client,
    ) -> Result<(Resolved<T>, Found), FieldsError> {
        let found = self.found(client, T::ENTITY, false).await?;
        match Resolved::<T>::new(&found.definitions) {
            Ok(resolved) => Ok((resolved, found)),
            Err(_) if !found.fresh => {
                let found = self.found(client, T::ENTITY, true).await?;
                Ok((Resolved::<T>::new(&found.definitions)?, found))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// `T` from an object's `custom_fields` (as the client read it), resolved in the client's company; an
    /// object that shows the cached definitions are out of date (see the type's page) re-resolves once.
    pub async fn read<T: CustomFields>(
        &self,
        client: &Client,
        custom_fields: &Map<String, Value>,
    ) -> Result<T, FieldsError> {
        let (resolved, found) = self.resolved::<T>(client).await?;
        if !found.fresh && out_of_date(&resolved, &found.definitions, custom_fields) {
            let found = self.found(client, T::ENTITY, true).await?;
            return Ok(Resolved::<T>::new(&found.definitions)?.read(custom_fields)?);
        }
        Ok(resolved.read(custom_fields)?)
    }

    /// `T` of one object (`GET /api/v2/deals/{id}`, or the person's, organization's, product's as
    /// `T::ENTITY` says).
    pub async fn get<T: CustomFields>(&self, client: &Client, id: u64) -> Result<T, FieldsError> {
        let object: Value = client
            .call(ApiCall::new(object_of(T::ENTITY)).param(id))
            .await?;
        let empty = Map::new();
        let custom_fields = object
            .get("custom_fields")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        self.read(client, custom_fields).await
    }

    /// Writes every field of `value` to one object (`PATCH /api/v2/deals/{id}` with
    /// `{"custom_fields": {...}}`; `None` empties a field). Pipedrive refusing the write (400) with cached
    /// definitions that turn out out of date (new keys) re-resolves and sends it again, once.
    pub async fn update<T: CustomFields>(
        &self,
        client: &Client,
        id: u64,
        value: &T,
    ) -> Result<(), FieldsError> {
        let (resolved, found) = self.resolved::<T>(client).await?;
        let refused = match self.patch(client, id, &resolved, value).await {
            Err(FieldsError::Api(e @ ApiError::Validation { .. })) if !found.fresh => e,
            other => return other,
        };
        let found = self.found(client, T::ENTITY, true).await?;
        let again = Resolved::<T>::new(&found.definitions)?;
        if again.keys().eq(resolved.keys()) {
            return Err(refused.into()); // the keys were right: the refusal is about the values
        }
        self.patch(client, id, &again, value).await
    }

    async fn patch<T: CustomFields>(
        &self,
        client: &Client,
        id: u64,
        resolved: &Resolved<T>,
        value: &T,
    ) -> Result<(), FieldsError> {
        let body = json!({ "custom_fields": resolved.write(value)? });
        let _: Value = client
            .call(ApiCall::new(update_of(T::ENTITY)).param(id).body(body))
            .await?;
        Ok(())
    }
}

/// Whether an object shows the definitions are out of date: it lacks a resolved key but carries a key the
/// definitions do not know (a field deleted and made again has a new key).
fn out_of_date<T>(
    resolved: &Resolved<T>,
    definitions: &[FieldDefinition],
    custom_fields: &Map<String, Value>,
) -> bool
where
    T: CustomFields,
{
    let lacks_one = resolved.keys().any(|k| !custom_fields.contains_key(k));
    lacks_one
        && custom_fields
            .keys()
            .any(|k| !definitions.iter().any(|d| d.field_code == *k))
}
