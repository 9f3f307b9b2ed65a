-- "Was this helpful?" answers. No personal data: no IP address, no user id.
CREATE TABLE feedback (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guide         TEXT    NOT NULL,
    guide_version TEXT    NOT NULL,
    outcome       TEXT,
    path          TEXT    NOT NULL,
    helpful       INTEGER NOT NULL, -- 1 yes, 0 no (portable across both databases)
    comment       TEXT,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX feedback_guide_time ON feedback (guide, created_at);
