//! Lists, page by page ("Pagination": <https://pipedrive.readme.io/docs/core-api-concepts-pagination>): API v2's
//! cursors (`cursor`, `limit` up to 500, `additional_data.next_cursor` until `null`), API v1's offsets (`start`,
//! `more_items_in_collection`, `next_start`), as one [`Page`] type and as async streams; and `ids` filters split
//! into chunks of 100.

use super::answer::ListEnvelope;
use super::call::ApiCall;
use super::endpoint::Paging;
use super::{ApiError, Client};
use futures_util::stream::{self, Stream, TryStreamExt};
use pdx_format::api::{IDS_MAX, PAGE_LIMIT_MAX};
use serde::de::DeserializeOwned;

/// Where the next page of a list starts: Pipedrive's cursor (API v2) or offset (API v1). Opaque: only a
/// [`Page`] gives one, so a cursor is never built or edited (Pipedrive's advice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(Position);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Position {
    Cursor(String),
    Start(u64),
}

/// One page of a list: its items, and where the next one starts (`None` on the last page).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// The next page's start; `None` at the end.
    pub next: Option<Cursor>,
}

impl Client {
    /// One page of a list call: the first with `cursor` `None`, the next with the previous page's `next`. The
    /// call's `limit` (default 100, Pipedrive's) sets the page size; a call that does not page is one page.
    pub async fn page<T: DeserializeOwned>(
        &self,
        call: &ApiCall<Vec<T>>,
        cursor: Option<&Cursor>,
    ) -> Result<Page<T>, ApiError> {
        self.page_of(call, cursor, pdx_format::api::PAGE_LIMIT_DEFAULT)
            .await
    }

    async fn page_of<T: DeserializeOwned>(
        &self,
        call: &ApiCall<Vec<T>>,
        cursor: Option<&Cursor>,
        default_limit: u32,
    ) -> Result<Page<T>, ApiError> {
        let mut page_call = call.clone().expecting::<ListEnvelope<T>>();
        if call.spec.paging != Paging::None || call.has_limit() {
            page_call = page_call.query("limit", call.page_limit(default_limit)?);
        }
        match cursor.map(|c| &c.0) {
            Some(Position::Cursor(c)) => page_call = page_call.query("cursor", c),
            Some(Position::Start(s)) => page_call = page_call.query("start", s),
            None => {}
        }
        let answer: ListEnvelope<T> = self.whole_answer(page_call).await?;
        let extra = answer.additional_data.unwrap_or_default();
        let next = match call.spec.paging {
            Paging::Cursor => extra
                .next_cursor
                .filter(|c| !c.is_empty())
                .map(|c| Cursor(Position::Cursor(c))),
            Paging::Offset => extra
                .pagination
                .filter(|p| p.more_items_in_collection == Some(true))
                .and_then(|p| p.next_start)
                .map(|s| Cursor(Position::Start(s))),
            Paging::None => None,
        };
        Ok(Page {
            items: answer.data.unwrap_or_default(),
            next,
        })
    }

    /// Every page of a list call, in order, as a stream: 500 items a page unless the call sets its `limit` (a
    /// page costs the same whatever its size), the same query on every page. Ends after the last page, or with
    /// [`ApiError::TooManyPages`] after the call's [`max_pages`](ApiCall::max_pages) pages, or after an error.
    pub fn pages<T: DeserializeOwned + Send + 'static>(
        &self,
        call: ApiCall<Vec<T>>,
    ) -> impl Stream<Item = Result<Page<T>, ApiError>> + Send + 'static {
        enum Next {
            First,
            At(Cursor),
            Done,
        }
        let client = self.clone();
        stream::unfold((Next::First, 0u32), move |(next, read)| {
            let (client, call) = (client.clone(), call.clone());
            async move {
                let cursor = match next {
                    Next::Done => return None,
                    Next::First => None,
                    Next::At(cursor) => Some(cursor),
                };
                if read >= call.spec.max_pages {
                    let error = ApiError::TooManyPages {
                        call: call.to_string(),
                        pages: read,
                    };
                    return Some((Err(error), (Next::Done, read)));
                }
                match client.page_of(&call, cursor.as_ref(), PAGE_LIMIT_MAX).await {
                    Ok(mut page) => {
                        let after = page.next.take().map_or(Next::Done, Next::At);
                        page.next = match &after {
                            Next::At(c) => Some(c.clone()),
                            _ => None,
                        };
                        Some((Ok(page), (after, read + 1)))
                    }
                    Err(e) => Some((Err(e), (Next::Done, read))),
                }
            }
        })
    }

    /// Every item of a list call, page after page (see [`Client::pages`]).
    pub fn items<T: DeserializeOwned + Send + 'static>(
        &self,
        call: ApiCall<Vec<T>>,
    ) -> impl Stream<Item = Result<T, ApiError>> + Send + 'static {
        self.pages(call)
            .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
    }

    /// The objects with these ids, by a list call that takes Pipedrive's `ids` filter (at most 100 ids a
    /// call): the ids, without repeats, go in chunks of 100, one call each (250 ids: three calls), and the
    /// answers are merged in the order of the chunks. Ids Pipedrive does not return (missing, or not visible to
    /// the user) are left out, as Pipedrive does.
    pub async fn by_ids<T: DeserializeOwned + Send + 'static>(
        &self,
        call: ApiCall<Vec<T>>,
        ids: &[u64],
    ) -> Result<Vec<T>, ApiError> {
        let mut seen = std::collections::HashSet::new();
        let ids: Vec<u64> = ids.iter().copied().filter(|id| seen.insert(*id)).collect();
        let mut items = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(IDS_MAX) {
            let joined = chunk
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let limit = u32::try_from(chunk.len()).unwrap_or(1);
            let chunk_call = call.clone().query("ids", joined).limit(limit);
            let found: Vec<T> = self.items(chunk_call).try_collect().await?;
            items.extend(found);
        }
        Ok(items)
    }
}
