//! Hand-offs to the support desk, as an outbox: a hand-off and one delivery
//! per destination are written in one transaction before the person is
//! answered; delivery workers then claim due deliveries with a lease (on
//! PostgreSQL with `FOR UPDATE SKIP LOCKED`, so servers sharing the
//! database never claim the same one), and record each attempt's result.
//!
//! A claim is only completed by the worker that holds it: a worker whose
//! lease ran out and was claimed by another changes nothing. Delivery is
//! at least once; receivers tell repeats apart by the idempotency key in
//! the payload.

use super::{Backend, Store, StoreError, now_unix};
use sqlx::Row;

/// A hand-off as accepted from a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHandoff {
    /// The short reference the person quotes (`K7Q-4M2`).
    pub reference: String,
    /// Unique to the hand-off: the same key sent again (a form submitted
    /// twice) is the same hand-off.
    pub idempotency_key: String,
    /// The guide's id.
    pub guide: String,
    /// The escalation outcome's id.
    pub outcome: String,
    /// The JSON delivered to every destination, as is.
    pub payload: String,
    /// Where it goes, each as `webhook URL` or `email ADDRESS`.
    pub destinations: Vec<String>,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Waiting for its first or next attempt.
    Pending,
    /// The destination took it.
    Delivered,
    /// Given up on, until an operator retries it.
    Failed,
}

impl DeliveryState {
    /// The word stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Failed => "failed",
        }
    }

    fn parse(stored: &str) -> DeliveryState {
        match stored {
            "delivered" => DeliveryState::Delivered,
            "failed" => DeliveryState::Failed,
            _ => DeliveryState::Pending,
        }
    }
}

/// One destination's delivery of a hand-off, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Its row id.
    pub id: i64,
    /// `webhook URL` or `email ADDRESS`.
    pub destination: String,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts made in all.
    pub attempts: i64,
    /// When the next attempt is due (pending), in seconds since the epoch.
    pub next_attempt_at: i64,
    /// What went wrong last, if anything (no contact details in it).
    pub last_error: Option<String>,
    /// When it was delivered.
    pub delivered_at: Option<i64>,
}

/// A hand-off as stored, with its deliveries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    /// Its row id.
    pub id: i64,
    /// The reference the person quotes.
    pub reference: String,
    /// The guide's id.
    pub guide: String,
    /// The outcome's id.
    pub outcome: String,
    /// The JSON delivered.
    pub payload: String,
    /// When it was accepted, in seconds since the epoch.
    pub created_at: i64,
    /// One per destination.
    pub deliveries: Vec<Delivery>,
}

/// A delivery a worker holds for one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The delivery's row id.
    pub delivery: i64,
    /// The hand-off's reference.
    pub reference: String,
    /// `webhook URL` or `email ADDRESS`.
    pub destination: String,
    /// The JSON to deliver.
    pub payload: String,
    /// Attempts made since the last retry an operator asked for (this one
    /// not counted): what the backoff and giving up go by.
    pub round_attempts: i64,
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The destination took it.
    Delivered,
    /// It failed; try again at this time (seconds since the epoch).
    RetryAt {
        /// When.
        at: i64,
        /// Why it failed.
        error: String,
    },
    /// It failed for good (until an operator retries it).
    GaveUp {
        /// Why it failed.
        error: String,
    },
}

/// What storing a hand-off came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Stored now, under this row id.
    New(i64),
    /// A hand-off with the same idempotency key was stored before: this one.
    Repeat(Box<Handoff>),
}

/// The hand-offs accepted before `$1` none of whose deliveries is pending.
macro_rules! old_and_finished {
    () => {
        "SELECT id FROM handoffs WHERE created_at < $1 AND NOT EXISTS (\
         SELECT 1 FROM handoff_deliveries d WHERE d.handoff_id = handoffs.id \
         AND d.state = 'pending' AND d.next_attempt_at >= $1)"
    };
}

impl Store {
    /// Stores a hand-off and a pending delivery per destination, in one
    /// transaction, once the database has it; a hand-off with the same
    /// idempotency key already stored is given back instead. A reference
    /// already taken is [`StoreError::ReferenceTaken`] (make another).
    pub async fn add_handoff(&self, handoff: &NewHandoff) -> Result<Stored, StoreError> {
        self.ready().await?;
        let now = now_unix();
        let mut transaction = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO handoffs (reference, idempotency_key, guide, outcome, payload, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(&handoff.reference)
        .bind(&handoff.idempotency_key)
        .bind(&handoff.guide)
        .bind(&handoff.outcome)
        .bind(&handoff.payload)
        .bind(now)
        .fetch_optional(&mut *transaction)
        .await?;
        let Some(row) = inserted else {
            drop(transaction);
            let before = sqlx::query(
                "SELECT id, reference, guide, outcome, payload, created_at FROM handoffs \
                 WHERE idempotency_key = $1",
            )
            .bind(&handoff.idempotency_key)
            .fetch_optional(&self.pool)
            .await?;
            return match before {
                Some(row) => Ok(Stored::Repeat(Box::new(self.with_deliveries(&row).await?))),
                None => Err(StoreError::ReferenceTaken(handoff.reference.clone())),
            };
        };
        let id: i64 = row.try_get(0)?;
        for destination in &handoff.destinations {
            sqlx::query(
                "INSERT INTO handoff_deliveries (handoff_id, destination, state, next_attempt_at) \
                 VALUES ($1, $2, 'pending', $3)",
            )
            .bind(id)
            .bind(destination)
            .bind(now)
            .execute(&mut *transaction)
            .await?;
        }
        transaction.commit().await?;
        Ok(Stored::New(id))
    }

    /// Claims up to `limit` deliveries to `destinations` (those this worker
    /// can reach) due at `now` for `owner` (a token unique to the worker),
    /// each for `lease` seconds: no other worker claims them until the
    /// lease ends or the attempt is recorded. The most overdue are claimed
    /// first; the claims come in the order the deliveries were stored.
    pub async fn claim_deliveries(
        &self,
        owner: &str,
        destinations: &[String],
        now: i64,
        lease: i64,
        limit: i64,
    ) -> Result<Vec<Claim>, StoreError> {
        if destinations.is_empty() {
            return Ok(Vec::new());
        }
        self.ready().await?;
        let known: Vec<String> = (0..destinations.len())
            .map(|n| format!("${}", n + 5))
            .collect();
        let known = known.join(", ");
        let skip_locked = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            // One writer at a time: the update is the claim.
            Backend::Sqlite => "",
        };
        let claim = format!(
            "UPDATE handoff_deliveries SET lease_owner = $1, lease_until = $2 WHERE id IN (\
             SELECT id FROM handoff_deliveries \
             WHERE state = 'pending' AND next_attempt_at <= $3 AND lease_until <= $3 \
             AND destination IN ({known}) \
             ORDER BY next_attempt_at, id LIMIT $4{skip_locked}) \
             RETURNING id, handoff_id, destination, round_attempts"
        );
        // Only placeholders and a fixed clause are formatted in.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(claim))
            .bind(owner)
            .bind(now + lease)
            .bind(now)
            .bind(limit);
        for destination in destinations {
            query = query.bind(destination);
        }
        let claimed = query.fetch_all(&self.pool).await?;
        let mut claims = Vec::with_capacity(claimed.len());
        for row in claimed {
            let handoff: i64 = row.try_get("handoff_id")?;
            let stored = sqlx::query("SELECT reference, payload FROM handoffs WHERE id = $1")
                .bind(handoff)
                .fetch_one(&self.pool)
                .await?;
            claims.push(Claim {
                delivery: row.try_get("id")?,
                reference: stored.try_get("reference")?,
                destination: row.try_get("destination")?,
                payload: stored.try_get("payload")?,
                round_attempts: i64::from(row.try_get::<i32, _>("round_attempts")?),
            });
        }
        // An UPDATE returns its rows in no promised order.
        claims.sort_unstable_by_key(|claim| claim.delivery);
        Ok(claims)
    }

    /// Records an attempt at a delivery `owner` claimed; returns whether the
    /// claim was still its own (when not, nothing changes).
    pub async fn record_attempt(
        &self,
        delivery: i64,
        owner: &str,
        attempt: &Attempt,
    ) -> Result<bool, StoreError> {
        self.ready().await?;
        let now = now_unix();
        let (state, next, error, delivered_at) = match attempt {
            Attempt::Delivered => (DeliveryState::Delivered, now, None, Some(now)),
            Attempt::RetryAt { at, error } => {
                (DeliveryState::Pending, *at, Some(error.as_str()), None)
            }
            Attempt::GaveUp { error } => (DeliveryState::Failed, now, Some(error.as_str()), None),
        };
        let updated = sqlx::query(
            "UPDATE handoff_deliveries SET state = $1, next_attempt_at = $2, last_error = $3, \
             delivered_at = $4, attempts = attempts + 1, round_attempts = round_attempts + 1, \
             lease_owner = NULL, lease_until = 0 \
             WHERE id = $5 AND lease_owner = $6 AND state = 'pending'",
        )
        .bind(state.as_str())
        .bind(next)
        .bind(error)
        .bind(delivered_at)
        .bind(delivery)
        .bind(owner)
        .execute(&self.pool)
        .await?;
        Ok(updated.rows_affected() == 1)
    }

    /// Makes the failed deliveries of the hand-off `reference` due now, as
    /// if new (their attempts so far still counted); returns how many.
    pub async fn retry_handoff(&self, reference: &str) -> Result<u64, StoreError> {
        self.ready().await?;
        let retried = sqlx::query(
            "UPDATE handoff_deliveries SET state = 'pending', round_attempts = 0, \
             next_attempt_at = $1, lease_owner = NULL, lease_until = 0 \
             WHERE state = 'failed' AND handoff_id IN (SELECT id FROM handoffs WHERE reference = $2)",
        )
        .bind(now_unix())
        .bind(reference)
        .execute(&self.pool)
        .await?;
        Ok(retried.rows_affected())
    }

    /// The hand-off with this reference, if any.
    pub async fn handoff(&self, reference: &str) -> Result<Option<Handoff>, StoreError> {
        self.ready().await?;
        let row = sqlx::query(
            "SELECT id, reference, guide, outcome, payload, created_at FROM handoffs WHERE reference = $1",
        )
        .bind(reference)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => Ok(Some(self.with_deliveries(&row).await?)),
            None => Ok(None),
        }
    }

    /// The latest hand-offs, newest first, at most `limit`.
    pub async fn handoffs(&self, limit: i64) -> Result<Vec<Handoff>, StoreError> {
        self.ready().await?;
        let rows = sqlx::query(
            "SELECT id, reference, guide, outcome, payload, created_at FROM handoffs \
             ORDER BY created_at DESC, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut handoffs = Vec::with_capacity(rows.len());
        for row in &rows {
            handoffs.push(self.with_deliveries(row).await?);
        }
        Ok(handoffs)
    }

    /// Deletes the hand-offs accepted before `before` (seconds since the
    /// epoch) whose deliveries are all over: delivered, failed, or waiting
    /// since before then for a destination no server delivers to any more
    /// (one a server has is tried long before: its attempts move on). Those
    /// still being delivered stay. Returns how many were deleted.
    pub async fn prune_handoffs(&self, before: i64) -> Result<u64, StoreError> {
        self.ready().await?;
        let mut transaction = self.pool.begin().await?;
        sqlx::query(concat!(
            "DELETE FROM handoff_deliveries WHERE handoff_id IN (",
            old_and_finished!(),
            ")"
        ))
        .bind(before)
        .execute(&mut *transaction)
        .await?;
        let deleted = sqlx::query(concat!(
            "DELETE FROM handoffs WHERE id IN (",
            old_and_finished!(),
            ")"
        ))
        .bind(before)
        .execute(&mut *transaction)
        .await?
        .rows_affected();
        transaction.commit().await?;
        Ok(deleted)
    }

    async fn with_deliveries(&self, row: &sqlx::any::AnyRow) -> Result<Handoff, StoreError> {
        let id: i64 = row.try_get("id")?;
        let deliveries = sqlx::query(
            "SELECT id, destination, state, attempts, next_attempt_at, last_error, delivered_at \
             FROM handoff_deliveries WHERE handoff_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(Delivery {
                id: row.try_get("id")?,
                destination: row.try_get("destination")?,
                state: DeliveryState::parse(&row.try_get::<String, _>("state")?),
                attempts: i64::from(row.try_get::<i32, _>("attempts")?),
                next_attempt_at: row.try_get("next_attempt_at")?,
                last_error: row.try_get("last_error")?,
                delivered_at: row.try_get("delivered_at")?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
        Ok(Handoff {
            id,
            reference: row.try_get("reference")?,
            guide: row.try_get("guide")?,
            outcome: row.try_get("outcome")?,
            payload: row.try_get("payload")?,
            created_at: row.try_get("created_at")?,
            deliveries,
        })
    }
}
