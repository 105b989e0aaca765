//! Every query of the SQL token stores, written once over a [`Backend`]. What differs between SQLite and
//! PostgreSQL is all a backend says: its database (pool and driver), the bytes type of the migrations, and its
//! [`Locking`] (how a refresh locks the installation, how instances starting at once serialize their
//! migrations). The placeholders are `$N`, which sqlx binds on SQLite too.

use super::cipher::{self, TokenKey};
use super::schema::{CREATE_MIGRATIONS_TABLE, MIGRATIONS};
use super::{
    Installation, RefreshOutcome, RefreshRequest, StoreCounts, StoreError, StoreFuture, TokenStore,
    now_secs,
};
use sqlx::{
    ColumnIndex, Database, Decode, Encode, Execute, Executor, IntoArguments, Pool, Row, Type,
};

/// A value bound to a `$N` placeholder.
pub(crate) enum Param {
    Text(String),
    Int(i64),
    Bytes(Vec<u8>),
}

/// The sqlx operations the queries use. sqlx's own bounds are written once, on the blanket implementation
/// below: generic code names only `DB: SqlDb`.
pub(crate) trait SqlDb: Database {
    /// A connection (or an open transaction) as an executor.
    fn executor<'c>(conn: &'c mut Self::Connection) -> impl Executor<'c, Database = Self> + 'c;
    /// `sql` with `params` bound to `$1`, `$2`, … in order.
    fn statement(sql: &str, params: Vec<Param>) -> impl Execute<'_, Self>;
    /// A text column of a row.
    fn text(row: &Self::Row, column: &str) -> Result<String, sqlx::Error>;
    /// An integer column of a row.
    fn int(row: &Self::Row, column: &str) -> Result<i64, sqlx::Error>;
    /// A binary column of a row.
    fn bytes(row: &Self::Row, column: &str) -> Result<Vec<u8>, sqlx::Error>;
}

impl<DB> SqlDb for DB
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q, 'r> String: Encode<'q, DB> + Decode<'r, DB> + Type<DB>,
    for<'q, 'r> i64: Encode<'q, DB> + Decode<'r, DB> + Type<DB>,
    for<'q, 'r> Vec<u8>: Encode<'q, DB> + Decode<'r, DB> + Type<DB>,
    for<'r> &'r str: ColumnIndex<DB::Row>,
{
    fn executor<'c>(conn: &'c mut Self::Connection) -> impl Executor<'c, Database = Self> + 'c {
        conn
    }

    fn statement(sql: &str, params: Vec<Param>) -> impl Execute<'_, Self> {
        params
            .into_iter()
            .fold(sqlx::query::<DB>(sql), |query, param| match param {
                Param::Text(v) => query.bind(v),
                Param::Int(v) => query.bind(v),
                Param::Bytes(v) => query.bind(v),
            })
    }

    fn text(row: &Self::Row, column: &str) -> Result<String, sqlx::Error> {
        row.try_get(column)
    }

    fn int(row: &Self::Row, column: &str) -> Result<i64, sqlx::Error> {
        row.try_get(column)
    }

    fn bytes(row: &Self::Row, column: &str) -> Result<Vec<u8>, sqlx::Error> {
        row.try_get(column)
    }
}

/// What one SQL database does its own way.
pub(crate) trait Backend: Send + Sync + 'static {
    /// The sqlx database (its driver is compiled in with the backend's feature).
    type Db: SqlDb;
    /// The binary column type (`{BYTES}` in the migrations).
    const BYTES: &'static str;
    /// How two instances are kept from refreshing the same installation, or migrating, at once.
    const LOCKING: Locking;
}

/// How a backend keeps two instances from refreshing the same installation (or migrating) at once: each waits
/// for the other's transaction, then sees what it saved.
pub(crate) enum Locking {
    /// `BEGIN IMMEDIATE` takes the whole database's write lock when the transaction begins (SQLite).
    #[cfg(feature = "sqlite")]
    Database,
    /// `SELECT … FOR UPDATE` locks the installation's row; a transaction-scoped advisory lock serializes the
    /// migrations (PostgreSQL).
    #[cfg(feature = "postgres")]
    RowsAndAdvisory,
}

impl Locking {
    /// The statement that begins a refresh's (and the migrations') transaction.
    fn begin(&self) -> &'static str {
        match self {
            #[cfg(feature = "sqlite")]
            Locking::Database => "BEGIN IMMEDIATE",
            #[cfg(feature = "postgres")]
            Locking::RowsAndAdvisory => "BEGIN",
        }
    }

    /// What ends the installation's `SELECT` in a refresh.
    fn row(&self) -> &'static str {
        match self {
            #[cfg(feature = "sqlite")]
            Locking::Database => "",
            #[cfg(feature = "postgres")]
            Locking::RowsAndAdvisory => " FOR UPDATE",
        }
    }

    /// What runs first in the migrations' transaction (the advisory lock's key is "pdx_migr" as a number).
    fn migrations(&self) -> Option<&'static str> {
        match self {
            #[cfg(feature = "sqlite")]
            Locking::Database => None,
            #[cfg(feature = "postgres")]
            Locking::RowsAndAdvisory => Some("SELECT pg_advisory_xact_lock(8098730381171844978)"),
        }
    }
}

const SELECT_INSTALLATION: &str = "SELECT company_id, user_id, api_domain, scope, access_token, refresh_token, \
     expires_at FROM pdx_installations WHERE company_id = $1 AND user_id = $2";

const SAVE_INSTALLATION: &str = "INSERT INTO pdx_installations (company_id, user_id, api_domain, scope, \
     access_token, refresh_token, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (company_id, user_id) DO UPDATE SET api_domain = excluded.api_domain, scope = excluded.scope, \
     access_token = excluded.access_token, refresh_token = excluded.refresh_token, \
     expires_at = excluded.expires_at, updated_at = excluded.updated_at";

/// Runs one statement: the row it returns, if any.
async fn run<DB: SqlDb>(
    conn: &mut DB::Connection,
    sql: &str,
    params: Vec<Param>,
) -> Result<Option<DB::Row>, sqlx::Error> {
    DB::executor(conn)
        .fetch_optional(DB::statement(sql, params))
        .await
}

/// Installations in a SQL database.
pub(crate) struct SqlStore<B: Backend> {
    pool: Pool<B::Db>,
    key: TokenKey,
}

impl<B: Backend> SqlStore<B> {
    /// Runs the migrations the database lacks and checks the key: the last steps of opening a store. Fails with
    /// [`StoreError::WrongKey`] when the database's tokens were written with another key.
    pub(crate) async fn open(pool: Pool<B::Db>, key: TokenKey) -> Result<Self, StoreError> {
        let store = Self { pool, key };
        store.migrate().await?;
        store.check_key().await?;
        Ok(store)
    }

    /// The pool (for tests that look at the database itself).
    #[cfg(test)]
    pub(crate) fn pool(&self) -> &Pool<B::Db> {
        &self.pool
    }

    /// Runs one statement on a connection of the pool.
    async fn run(
        &self,
        sql: &str,
        params: Vec<Param>,
    ) -> Result<Option<<B::Db as Database>::Row>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Ok(run::<B::Db>(&mut conn, sql, params).await?)
    }

    /// Records `key` until `expires_at` unless it is already recorded (pruning expired rows first): whether it
    /// was new. One atomic insert, so two instances racing on one key see it new once (used OAuth states,
    /// webhook deliveries).
    async fn insert_once(
        &self,
        prune: &'static str,
        insert: &'static str,
        key: &str,
        expires_at: i64,
    ) -> Result<bool, StoreError> {
        self.run(prune, vec![Param::Int(now_secs())]).await?;
        let params = vec![Param::Text(key.to_owned()), Param::Int(expires_at)];
        Ok(self.run(insert, params).await?.is_some())
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with(B::LOCKING.begin()).await?;
        if let Some(lock) = B::LOCKING.migrations() {
            run::<B::Db>(&mut tx, lock, vec![]).await?;
        }
        run::<B::Db>(&mut tx, CREATE_MIGRATIONS_TABLE, vec![]).await?;
        for (version, statements) in MIGRATIONS {
            let done = "SELECT version FROM pdx_schema_migrations WHERE version = $1";
            if run::<B::Db>(&mut tx, done, vec![Param::Int(*version)])
                .await?
                .is_some()
            {
                continue;
            }
            for statement in *statements {
                run::<B::Db>(&mut tx, &statement.replace("{BYTES}", B::BYTES), vec![]).await?;
            }
            let applied = "INSERT INTO pdx_schema_migrations (version, applied_at) VALUES ($1, $2)";
            run::<B::Db>(
                &mut tx,
                applied,
                vec![Param::Int(*version), Param::Int(now_secs())],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn check_key(&self) -> Result<(), StoreError> {
        let sealed = self
            .key
            .seal(cipher::KEY_CHECK_PLAINTEXT, cipher::KEY_CHECK_CONTEXT);
        let insert = "INSERT INTO pdx_meta (name, value) VALUES ('key_check', $1) ON CONFLICT (name) DO NOTHING";
        self.run(insert, vec![Param::Bytes(sealed)]).await?;
        let row = self
            .run(
                "SELECT value FROM pdx_meta WHERE name = 'key_check'",
                vec![],
            )
            .await?;
        let stored = row.map(|r| B::Db::bytes(&r, "value")).transpose()?;
        match stored.and_then(|s| self.key.open(&s, cipher::KEY_CHECK_CONTEXT)) {
            Some(text) if text == cipher::KEY_CHECK_PLAINTEXT => Ok(()),
            _ => Err(StoreError::WrongKey(cipher::wrong_key_message())),
        }
    }

    fn decode(&self, row: &<B::Db as Database>::Row) -> Result<Installation, StoreError> {
        let company_id = B::Db::text(row, "company_id")?;
        let user_id = B::Db::text(row, "user_id")?;
        let open = |column: &str| {
            let sealed = B::Db::bytes(row, column)?;
            cipher::open_token(&self.key, &sealed, &company_id, &user_id, column)
        };
        Ok(Installation {
            access_token: open("access_token")?,
            refresh_token: open("refresh_token")?,
            api_domain: B::Db::text(row, "api_domain")?,
            scope: B::Db::text(row, "scope")?,
            expires_at: B::Db::int(row, "expires_at")?,
            company_id,
            user_id,
        })
    }

    async fn save(
        &self,
        conn: &mut <B::Db as Database>::Connection,
        i: &Installation,
    ) -> Result<(), StoreError> {
        let (access, refresh) = cipher::seal_tokens(&self.key, i);
        let params = vec![
            Param::Text(i.company_id.clone()),
            Param::Text(i.user_id.clone()),
            Param::Text(i.api_domain.clone()),
            Param::Text(i.scope.clone()),
            Param::Bytes(access),
            Param::Bytes(refresh),
            Param::Int(i.expires_at),
            Param::Int(now_secs()),
        ];
        run::<B::Db>(conn, SAVE_INSTALLATION, params).await?;
        Ok(())
    }

    async fn refresh_locked(
        &self,
        request: RefreshRequest<'_>,
    ) -> Result<RefreshOutcome, StoreError> {
        let mut tx = self.pool.begin_with(B::LOCKING.begin()).await?;
        let select = format!("{SELECT_INSTALLATION}{}", B::LOCKING.row());
        let Some(row) = run::<B::Db>(
            &mut tx,
            &select,
            key_params(request.company_id, request.user_id),
        )
        .await?
        else {
            return Ok(RefreshOutcome::NotInstalled);
        };
        let current = self.decode(&row)?;
        match super::refresh_under_lock(current, &request).await {
            RefreshOutcome::Refreshed(updated) => {
                self.save(&mut tx, &updated).await?;
                tx.commit().await?;
                Ok(RefreshOutcome::Refreshed(updated))
            }
            other => Ok(other),
        }
    }
}

/// The "column" naming a webhook secret in its encryption context.
const WEBHOOK_SECRET: &str = "webhook_secret";

fn key_params(company_id: &str, user_id: &str) -> Vec<Param> {
    vec![
        Param::Text(company_id.to_owned()),
        Param::Text(user_id.to_owned()),
    ]
}

impl<B: Backend> TokenStore for SqlStore<B> {
    fn put_installation<'a>(&'a self, installation: &'a Installation) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let mut conn = self.pool.acquire().await?;
            self.save(&mut conn, installation).await
        })
    }

    fn installation<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, Option<Installation>> {
        Box::pin(async move {
            let row = self
                .run(SELECT_INSTALLATION, key_params(company_id, user_id))
                .await?;
            row.map(|r| self.decode(&r)).transpose()
        })
    }

    fn delete_installation<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let secret = "DELETE FROM pdx_webhook_secrets WHERE company_id = $1 AND user_id = $2";
            self.run(secret, key_params(company_id, user_id)).await?;
            let delete = "DELETE FROM pdx_installations WHERE company_id = $1 AND user_id = $2 RETURNING user_id";
            Ok(self
                .run(delete, key_params(company_id, user_id))
                .await?
                .is_some())
        })
    }

    fn refresh<'a>(&'a self, request: RefreshRequest<'a>) -> StoreFuture<'a, RefreshOutcome> {
        Box::pin(self.refresh_locked(request))
    }

    fn is_state_used<'a>(&'a self, nonce: &'a str) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let select = "SELECT nonce FROM pdx_used_oauth_states WHERE nonce = $1";
            Ok(self
                .run(select, vec![Param::Text(nonce.to_owned())])
                .await?
                .is_some())
        })
    }

    fn record_used_state<'a>(&'a self, nonce: &'a str, expires_at: i64) -> StoreFuture<'a, bool> {
        let prune = "DELETE FROM pdx_used_oauth_states WHERE expires_at < $1";
        let insert = "INSERT INTO pdx_used_oauth_states (nonce, expires_at) VALUES ($1, $2) \
                      ON CONFLICT (nonce) DO NOTHING RETURNING nonce";
        Box::pin(self.insert_once(prune, insert, nonce, expires_at))
    }

    fn installation_ids(&self) -> StoreFuture<'_, Vec<(String, String)>> {
        Box::pin(async move {
            let mut conn = self.pool.acquire().await?;
            let select =
                "SELECT company_id, user_id FROM pdx_installations ORDER BY company_id, user_id";
            let rows = B::Db::executor(&mut conn)
                .fetch_all(<B::Db as SqlDb>::statement(select, vec![]))
                .await?;
            rows.iter()
                .map(|r| Ok((B::Db::text(r, "company_id")?, B::Db::text(r, "user_id")?)))
                .collect()
        })
    }

    fn put_webhook_secret<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
        secret: &'a str,
    ) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let context = cipher::token_context(company_id, user_id, WEBHOOK_SECRET);
            let mut params = key_params(company_id, user_id);
            params.push(Param::Bytes(self.key.seal(secret, &context)));
            let upsert = "INSERT INTO pdx_webhook_secrets (company_id, user_id, secret) VALUES ($1, $2, $3) \
                          ON CONFLICT (company_id, user_id) DO UPDATE SET secret = excluded.secret";
            self.run(upsert, params).await?;
            Ok(())
        })
    }

    fn webhook_secret<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, Option<String>> {
        Box::pin(async move {
            let select =
                "SELECT secret FROM pdx_webhook_secrets WHERE company_id = $1 AND user_id = $2";
            let row = self.run(select, key_params(company_id, user_id)).await?;
            row.map(|r| {
                let sealed = B::Db::bytes(&r, "secret")?;
                cipher::open_token(&self.key, &sealed, company_id, user_id, WEBHOOK_SECRET)
            })
            .transpose()
        })
    }

    fn record_delivery<'a>(&'a self, delivery: &'a str, expires_at: i64) -> StoreFuture<'a, bool> {
        let prune = "DELETE FROM pdx_webhook_deliveries WHERE expires_at < $1";
        let insert = "INSERT INTO pdx_webhook_deliveries (delivery, expires_at) VALUES ($1, $2) \
                      ON CONFLICT (delivery) DO NOTHING RETURNING delivery";
        Box::pin(self.insert_once(prune, insert, delivery, expires_at))
    }

    fn counts(&self) -> StoreFuture<'_, StoreCounts> {
        Box::pin(async move {
            let count = "SELECT (SELECT COUNT(*) FROM pdx_installations) AS installations, \
                         (SELECT COUNT(*) FROM pdx_used_oauth_states) AS used_states";
            let row = self.run(count, vec![]).await?;
            let read = |column: &str| -> Result<u64, StoreError> {
                let n = row
                    .as_ref()
                    .map(|r| B::Db::int(r, column))
                    .transpose()?
                    .unwrap_or(0);
                Ok(u64::try_from(n).unwrap_or(0))
            };
            Ok(StoreCounts {
                installations: read("installations")?,
                used_states: read("used_states")?,
            })
        })
    }
}
