-- Hand-offs to the support desk: an outbox. A hand-off is stored before the
-- person is answered; each destination's delivery is a row the delivery
-- workers claim with a lease, so servers sharing the database never deliver
-- at once. Contact details live only in `payload`, removed by `unstuck prune`.
CREATE TABLE handoffs (
    id          BIGSERIAL PRIMARY KEY,
    reference   TEXT   NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE, -- also the form's: a form sent twice is one hand-off
    guide       TEXT   NOT NULL,
    outcome     TEXT   NOT NULL,
    payload     TEXT   NOT NULL, -- the JSON delivered, byte for byte on every attempt
    created_at  BIGINT NOT NULL
);
CREATE INDEX handoffs_time ON handoffs (created_at);

CREATE TABLE handoff_deliveries (
    id              BIGSERIAL PRIMARY KEY,
    handoff_id      BIGINT  NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
    destination     TEXT    NOT NULL, -- `webhook URL` or `email ADDRESS`
    state           TEXT    NOT NULL, -- pending, delivered or failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    round_attempts  INTEGER NOT NULL DEFAULT 0, -- since the last retry an operator asked for
    next_attempt_at BIGINT  NOT NULL,
    lease_owner     TEXT,
    lease_until     BIGINT  NOT NULL DEFAULT 0,
    last_error      TEXT,
    delivered_at    BIGINT,
    UNIQUE (handoff_id, destination)
);
CREATE INDEX handoff_deliveries_due ON handoff_deliveries (state, next_attempt_at);
