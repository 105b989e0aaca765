//! The read cache: answers to `GET` calls kept per company for a while, bounded in entries and bytes, dropped
//! when the client writes the same object (see [`ReadCache`]).

use super::settings::ReadCache;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::time::Instant;

/// An answer's body, shared by every caller it answers.
pub(crate) type Body = Arc<[u8]>;

/// The object an API path is about: `/api/v2/deals/5/products` is deal 5; `/api/v2/deals?ids=…` and
/// `/api/v2/deals/search` are deals in general (`id` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ObjectRef {
    kind: String,
    id: Option<String>,
}

impl ObjectRef {
    /// The object of `path` (`/api/v{n}/{kind}[/{id}[/…]]`); `None` for a path of another shape.
    pub(crate) fn of(path: &str) -> Option<ObjectRef> {
        let rest = path.strip_prefix("/api/")?;
        let mut segments = rest.split('/').skip(1);
        let kind = segments.next().filter(|k| !k.is_empty())?.to_owned();
        let id = segments
            .next()
            .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            .filter(|s| s.bytes().any(|b| b.is_ascii_digit()))
            .map(str::to_owned);
        Some(ObjectRef { kind, id })
    }

    /// Whether a write to `self` may change an answer about `read`: same kind, and the same object or either
    /// is not one object.
    fn touches(&self, read: &ObjectRef) -> bool {
        self.kind == read.kind && (self.id.is_none() || read.id.is_none() || self.id == read.id)
    }
}

struct Entry {
    body: Body,
    stored: Instant,
    company: String,
    object: Option<ObjectRef>,
    generation: u64,
}

#[derive(Default)]
struct State {
    entries: HashMap<String, Entry>,
    /// Keys in the order they were stored (with their generation: a key stored again is a new entry).
    order: VecDeque<(String, u64)>,
    bytes: usize,
    generation: u64,
}

/// The cache of one set of clients.
pub(crate) struct ResponseCache {
    config: ReadCache,
    state: Mutex<State>,
}

impl ResponseCache {
    pub(crate) fn new(config: ReadCache) -> Self {
        Self {
            config,
            state: Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The answer stored under `key`, if it is younger than the TTL.
    pub(crate) fn get(&self, key: &str) -> Option<Body> {
        let mut state = self.lock();
        let fresh = state
            .entries
            .get(key)
            .map(|e| e.stored.elapsed() < self.config.ttl)?;
        if fresh {
            return state.entries.get(key).map(|e| e.body.clone());
        }
        state.remove(key);
        None
    }

    /// Stores an answer, dropping the oldest ones past the bounds. An answer larger than the byte bound is not
    /// kept.
    pub(crate) fn put(&self, key: &str, company: &str, path: &str, body: Body) {
        let size = body.len() + key.len();
        if size > self.config.max_bytes || self.config.max_entries == 0 {
            return;
        }
        let mut state = self.lock();
        state.remove(key);
        state.generation += 1;
        let generation = state.generation;
        state.entries.insert(
            key.to_owned(),
            Entry {
                body,
                stored: Instant::now(),
                company: company.to_owned(),
                object: ObjectRef::of(path),
                generation,
            },
        );
        state.order.push_back((key.to_owned(), generation));
        state.bytes += size;
        while state.entries.len() > self.config.max_entries || state.bytes > self.config.max_bytes {
            let Some((oldest, generation)) = state.order.pop_front() else {
                break;
            };
            if state
                .entries
                .get(&oldest)
                .is_some_and(|e| e.generation == generation)
            {
                state.remove(&oldest);
            }
        }
        if state.order.len() > 2 * self.config.max_entries + 16 {
            let entries = &state.entries;
            let live: VecDeque<(String, u64)> = state
                .order
                .iter()
                .filter(|(k, g)| entries.get(k).is_some_and(|e| e.generation == *g))
                .cloned()
                .collect();
            state.order = live;
        }
    }

    /// Drops the company's answers a write to `path` may have changed.
    pub(crate) fn invalidate(&self, company: &str, path: &str) {
        let Some(written) = ObjectRef::of(path) else {
            return;
        };
        let mut state = self.lock();
        let stale: Vec<String> = state
            .entries
            .iter()
            .filter(|(_, e)| {
                e.company == company && e.object.as_ref().is_none_or(|read| written.touches(read))
            })
            .map(|(k, _)| k.clone())
            .collect();
        for key in stale {
            state.remove(&key);
        }
    }

    /// Answers held and their bytes.
    #[cfg(test)]
    fn size(&self) -> (usize, usize) {
        let state = self.lock();
        (state.entries.len(), state.bytes)
    }
}

impl State {
    fn remove(&mut self, key: &str) {
        if let Some(entry) = self.entries.remove(key) {
            self.bytes -= entry.body.len() + key.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn body(n: usize) -> Body {
        Arc::from(vec![b'x'; n])
    }

    #[test]
    fn objects_of_paths() {
        let o = |p| ObjectRef::of(p).map(|o| (o.kind, o.id));
        assert_eq!(
            o("/api/v2/deals/5"),
            Some(("deals".into(), Some("5".into())))
        );
        assert_eq!(
            o("/api/v2/deals/5/products"),
            Some(("deals".into(), Some("5".into())))
        );
        assert_eq!(o("/api/v2/deals"), Some(("deals".into(), None)));
        assert_eq!(o("/api/v2/deals/search"), Some(("deals".into(), None)));
        assert_eq!(o("/api/v1/users/me"), Some(("users".into(), None)));
        assert_eq!(o("/elsewhere"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn entries_expire_and_stay_within_bounds() {
        let cache = ResponseCache::new(
            ReadCache::new(Duration::from_secs(5))
                .max_entries(2)
                .max_bytes(100),
        );
        cache.put("a", "c", "/api/v2/deals/1", body(10));
        assert!(cache.get("a").is_some());
        tokio::time::advance(Duration::from_secs(5)).await;
        assert!(cache.get("a").is_none(), "expired");
        cache.put("a", "c", "/api/v2/deals/1", body(10));
        cache.put("b", "c", "/api/v2/deals/2", body(10));
        cache.put("c", "c", "/api/v2/deals/3", body(10));
        assert!(cache.get("a").is_none(), "oldest dropped past 2 entries");
        assert_eq!(cache.size(), (2, 22));
        cache.put("d", "c", "/api/v2/deals/4", body(80));
        assert_eq!(cache.size(), (2, 92), "`b` dropped for the entry bound");
        cache.put("e", "c", "/api/v2/deals/5", body(200));
        assert!(cache.get("e").is_none(), "larger than the bound: not kept");
        cache.put("f", "c", "/api/v2/deals/6", body(20));
        assert_eq!(
            cache.size(),
            (1, 21),
            "`c` and `d` dropped for the byte bound"
        );
        for i in 0..100 {
            cache.put("same", "c", "/api/v2/deals/1", body(i % 7));
        }
        assert!(cache.size().0 <= 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_write_drops_the_same_object_and_lists_of_its_kind() {
        let cache = ResponseCache::new(ReadCache::new(Duration::from_secs(60)));
        cache.put("d1", "c", "/api/v2/deals/1", body(1));
        cache.put("d2", "c", "/api/v2/deals/2", body(1));
        cache.put("list", "c", "/api/v2/deals", body(1));
        cache.put("p1", "c", "/api/v2/persons/1", body(1));
        cache.put("other", "other company", "/api/v2/deals/1", body(1));
        cache.invalidate("c", "/api/v2/deals/1");
        assert!(cache.get("d1").is_none());
        assert!(cache.get("list").is_none());
        assert!(cache.get("d2").is_some());
        assert!(cache.get("p1").is_some());
        assert!(cache.get("other").is_some());
        cache.invalidate("c", "/api/v2/deals");
        assert!(
            cache.get("d2").is_none(),
            "a write to no one deal drops every deal read"
        );
    }
}
