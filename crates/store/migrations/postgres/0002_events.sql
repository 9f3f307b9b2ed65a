-- What people do in guides, anonymously: no IP address, no user id. The
-- session is a daily-rotating hash, so it cannot be traced back to anyone.
CREATE TABLE events (
    id            BIGSERIAL PRIMARY KEY,
    at            BIGINT  NOT NULL,
    guide         TEXT    NOT NULL,
    guide_version TEXT    NOT NULL,
    session       TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    question      TEXT,
    answer        TEXT,
    outcome       TEXT,
    outcome_kind  TEXT,
    depth         BIGINT  NOT NULL
);
CREATE INDEX events_guide_time ON events (guide, at);
