//! The typed entity calls of [`Client`]: reads, lists as streams, by ids, writes and search.

use super::super::call::ApiCall;
use super::super::{ApiError, Client, endpoints as core};
use super::activities::{Activity, ActivityUpdate};
use super::deals::{Deal, DealsById, NewDeal};
use super::endpoints::*;
use super::leads::Lead;
use super::notes::{NewNote, Note, NotesQuery};
use super::persons::{NewPerson, Person, PersonUpdate};
use super::pipelines::{Pipeline, Stage};
use super::products::Product;
use super::query::{ListQuery, Listed};
use super::search::{
    DealHit, EntitySearch, FoundItem, ItemSearch, LeadHit, NamedHit, PersonHit, SearchData,
    SearchHit,
};
use super::users::User;
use futures_util::stream::{self, BoxStream, StreamExt};
use pdx_format::api::SEARCH_LIMIT_MAX;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};

/// The `data` of a delete: the deleted object's id.
#[derive(Debug, Deserialize)]
struct Deleted {
    id: u64,
}

impl Client {
    /// Every object a v2 list's filters match, page after page of 500 (see [`Client::items`]):
    /// `client.list(DealsQuery::new().stage_id(3))`. A wrong filter (more than 15 `custom_fields` keys) is
    /// the stream's one error, before any call.
    pub fn list<T: Listed>(&self, query: ListQuery<T>) -> BoxStream<'static, Result<T, ApiError>> {
        match query.call() {
            Ok(call) => self.items(call).boxed(),
            Err(e) => stream::once(async move { Err(e) }).boxed(),
        }
    }

    /// The objects with these ids, in the order asked, each once: 100 ids per list call (250 ids: three
    /// calls). Ids Pipedrive does not return (missing, deleted, not visible to the user; for deals, archived:
    /// see [`Client::deals_by_id`]) are left out.
    pub async fn objects_by_id<T: Listed>(&self, ids: &[u64]) -> Result<Vec<T>, ApiError> {
        let found = self.by_ids(ApiCall::new(T::LIST), ids).await?;
        Ok(in_order_asked(ids, found).0)
    }

    /// Deals by id, archived ones said so: the ids the deals list does not return (it leaves archived deals
    /// out since 2025-07-15) are looked up in `GET /api/v2/deals/archived` (100 a call, 20 tokens each) and
    /// returned marked [`Deal::is_archived`]; the ids found in neither are in [`DealsById::missing`]. In the
    /// order asked, each once.
    pub async fn deals_by_id(&self, ids: &[u64]) -> Result<DealsById, ApiError> {
        let live: Vec<Deal> = self.by_ids(ApiCall::new(&core::DEALS), ids).await?;
        let found: HashSet<u64> = live.iter().map(|d| d.id).collect();
        let rest: Vec<u64> = ids
            .iter()
            .copied()
            .filter(|id| !found.contains(id))
            .collect();
        let mut deals = live;
        if !rest.is_empty() {
            let mut archived: Vec<Deal> = self.by_ids(ApiCall::new(&ARCHIVED_DEALS), &rest).await?;
            for deal in &mut archived {
                deal.is_archived = true;
            }
            deals.extend(archived);
        }
        let (deals, missing) = in_order_asked(ids, deals);
        Ok(DealsById { deals, missing })
    }

    /// An activity (`GET /api/v2/activities/{id}`).
    pub async fn activity(&self, id: u64) -> Result<Activity, ApiError> {
        self.call(ApiCall::new(&ACTIVITY).param(id)).await
    }

    /// A product (`GET /api/v2/products/{id}`).
    pub async fn product(&self, id: u64) -> Result<Product, ApiError> {
        self.call(ApiCall::new(&PRODUCT).param(id)).await
    }

    /// A pipeline (`GET /api/v2/pipelines/{id}`).
    pub async fn pipeline(&self, id: u64) -> Result<Pipeline, ApiError> {
        self.call(ApiCall::new(&PIPELINE).param(id)).await
    }

    /// A stage (`GET /api/v2/stages/{id}`).
    pub async fn stage(&self, id: u64) -> Result<Stage, ApiError> {
        self.call(ApiCall::new(&STAGE).param(id)).await
    }

    /// A lead (`GET /api/v1/leads/{id}`; API v1 until Pipedrive moves leads to v2).
    pub async fn lead(&self, id: &str) -> Result<Lead, ApiError> {
        self.call(ApiCall::new(&LEAD).param(id)).await
    }

    /// Every live (not archived) lead, in offset pages of 500 (`GET /api/v1/leads`).
    pub fn leads(&self) -> BoxStream<'static, Result<Lead, ApiError>> {
        self.items(ApiCall::new(&LEADS)).boxed()
    }

    /// A note (`GET /api/v1/notes/{id}`; API v1, Pipedrive has no v2 notes).
    pub async fn note(&self, id: u64) -> Result<Note, ApiError> {
        self.call(ApiCall::new(&NOTE).param(id)).await
    }

    /// The notes the query matches, in offset pages of 500 (`GET /api/v1/notes`).
    pub fn notes(&self, query: NotesQuery) -> BoxStream<'static, Result<Note, ApiError>> {
        let mut call = ApiCall::new(&NOTES);
        for (name, value) in query.params {
            call = call.query(name, value);
        }
        self.items(call).boxed()
    }

    /// Every user of the company (`GET /api/v1/users`; API v1).
    pub fn users(&self) -> BoxStream<'static, Result<User, ApiError>> {
        self.items(ApiCall::new(&USERS)).boxed()
    }

    /// Creates a deal (`POST /api/v2/deals`); the deal as Pipedrive stored it.
    pub async fn create_deal(&self, deal: &NewDeal) -> Result<Deal, ApiError> {
        self.call(ApiCall::new(&CREATE_DEAL).body(body_of(deal)?))
            .await
    }

    /// Deletes a deal (`DELETE /api/v2/deals/{id}`; Pipedrive keeps it 30 days); the deleted id.
    pub async fn delete_deal(&self, id: u64) -> Result<u64, ApiError> {
        let deleted: Deleted = self.call(ApiCall::new(&DELETE_DEAL).param(id)).await?;
        Ok(deleted.id)
    }

    /// Creates a person (`POST /api/v2/persons`).
    pub async fn create_person(&self, person: &NewPerson) -> Result<Person, ApiError> {
        self.call(ApiCall::new(&CREATE_PERSON).body(body_of(person)?))
            .await
    }

    /// Updates a person (`PATCH /api/v2/persons/{id}`): only the fields set are sent.
    pub async fn update_person(&self, id: u64, update: &PersonUpdate) -> Result<Person, ApiError> {
        self.call(
            ApiCall::new(&UPDATE_PERSON)
                .param(id)
                .body(body_of(update)?),
        )
        .await
    }

    /// Creates an activity (`POST /api/v2/activities`).
    pub async fn create_activity(&self, activity: &ActivityUpdate) -> Result<Activity, ApiError> {
        self.call(ApiCall::new(&CREATE_ACTIVITY).body(body_of(activity)?))
            .await
    }

    /// Updates an activity (`PATCH /api/v2/activities/{id}`): only the fields set are sent.
    pub async fn update_activity(
        &self,
        id: u64,
        update: &ActivityUpdate,
    ) -> Result<Activity, ApiError> {
        self.call(
            ApiCall::new(&UPDATE_ACTIVITY)
                .param(id)
                .body(body_of(update)?),
        )
        .await
    }

    /// Marks an activity done (`PATCH /api/v2/activities/{id}` with `{"done": true}`).
    pub async fn mark_activity_done(&self, id: u64) -> Result<Activity, ApiError> {
        self.update_activity(id, &ActivityUpdate::new().done(true))
            .await
    }

    /// Creates a note (`POST /api/v1/notes`; API v1). A note attached to nothing is refused before sending.
    pub async fn create_note(&self, note: &NewNote) -> Result<Note, ApiError> {
        let call = ApiCall::new(&CREATE_NOTE);
        if !note.is_attached() {
            return Err(ApiError::InvalidCall {
                call: call.to_string(),
                reason:
                    "a note needs a deal, person, organization, lead or project to be attached to"
                        .to_owned(),
            });
        }
        self.call(call.body(body_of(note)?)).await
    }

    /// Searches deals, persons, organizations, products, leads... (`GET /api/v2/itemSearch`): the first page of
    /// results (up to the search's `limit`, at most 100).
    pub async fn search(&self, search: &ItemSearch) -> Result<Vec<SearchHit<FoundItem>>, ApiError> {
        self.search_in(&ITEM_SEARCH, search).await
    }

    /// Searches persons (`GET /api/v2/persons/search`).
    pub async fn search_persons(
        &self,
        search: &EntitySearch,
    ) -> Result<Vec<SearchHit<PersonHit>>, ApiError> {
        self.search_in(&PERSON_SEARCH, search).await
    }

    /// Searches deals (`GET /api/v2/deals/search`).
    pub async fn search_deals(
        &self,
        search: &EntitySearch,
    ) -> Result<Vec<SearchHit<DealHit>>, ApiError> {
        self.search_in(&DEAL_SEARCH, search).await
    }

    /// Searches organizations (`GET /api/v2/organizations/search`).
    pub async fn search_organizations(
        &self,
        search: &EntitySearch,
    ) -> Result<Vec<SearchHit<NamedHit>>, ApiError> {
        self.search_in(&ORGANIZATION_SEARCH, search).await
    }

    /// Searches products (`GET /api/v2/products/search`).
    pub async fn search_products(
        &self,
        search: &EntitySearch,
    ) -> Result<Vec<SearchHit<NamedHit>>, ApiError> {
        self.search_in(&PRODUCT_SEARCH, search).await
    }

    /// Searches leads (`GET /api/v2/leads/search`).
    pub async fn search_leads(
        &self,
        search: &EntitySearch,
    ) -> Result<Vec<SearchHit<LeadHit>>, ApiError> {
        self.search_in(&LEAD_SEARCH, search).await
    }

    /// The person with this email address, if any: a person search on `email`, whole address only (one
    /// search, 20 tokens). The best match when several persons share it.
    pub async fn person_by_email(&self, email: &str) -> Result<Option<PersonHit>, ApiError> {
        let search = EntitySearch::term(email).fields(["email"]).exact_match();
        let hits = self.search_persons(&search).await?;
        Ok(hits.into_iter().next().map(|hit| hit.item))
    }

    async fn search_in<T: DeserializeOwned>(
        &self,
        endpoint: &'static super::super::Endpoint,
        search: &EntitySearch,
    ) -> Result<Vec<SearchHit<T>>, ApiError> {
        let mut call: ApiCall<SearchData<T>> = ApiCall::new(endpoint);
        for (name, value) in &search.params {
            call = call.query(*name, value);
        }
        if let Some(limit) = search.limit {
            if limit == 0 || limit > SEARCH_LIMIT_MAX {
                return Err(ApiError::InvalidCall {
                    call: call.to_string(),
                    reason: format!("`limit` is {limit}: a search takes 1 to {SEARCH_LIMIT_MAX}"),
                });
            }
            call = call.query("limit", limit);
        }
        Ok(self.call(call).await?.items)
    }
}

/// The JSON body of a write.
fn body_of<B: serde::Serialize>(body: &B) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(body).map_err(|e| ApiError::Decode(format!("a request body: {e}")))
}

/// `found` in the order of `ids` (each once), and the ids not found.
pub(crate) fn in_order_asked<T: Listed>(ids: &[u64], found: Vec<T>) -> (Vec<T>, Vec<u64>) {
    let mut by_id: HashMap<u64, T> = found.into_iter().map(|o| (o.id(), o)).collect();
    let mut seen = HashSet::new();
    let mut ordered = Vec::with_capacity(by_id.len());
    let mut missing = Vec::new();
    for id in ids.iter().copied().filter(|id| seen.insert(*id)) {
        match by_id.remove(&id) {
            Some(object) => ordered.push(object),
            None => missing.push(id),
        }
    }
    (ordered, missing)
}
