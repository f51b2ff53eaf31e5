-- What needs a coordinator's attention in a relationship. A flag carries
-- no content, only its kind, who raised it and when: the mentor's concern
-- for the mentee's well-being, the mentor saying they have lost touch, or
-- the mentee asking privately for a different mentor. One open flag of a
-- kind per relationship; a coordinator marks it dealt with.
CREATE TABLE relationship_flags (
    id INTEGER PRIMARY KEY,
    relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('concern', 'lost-touch', 'new-mentor')),
    raised_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    raised_at BIGINT NOT NULL,
    dealt_with_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    dealt_with_at BIGINT
);
CREATE UNIQUE INDEX relationship_flags_open ON relationship_flags (relationship_id, kind) WHERE dealt_with_at IS NULL;
CREATE INDEX relationship_flags_waiting ON relationship_flags (dealt_with_at, raised_at);

-- One gentle email to each of the pair per quiet spell. A spell is named
-- by the last sign of life before it (the start, a booking, a session),
-- so the key is what stops two sweeping instances sending twice.
CREATE TABLE relationship_nudges (
    relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
    quiet_since BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (relationship_id, quiet_since)
);
CREATE INDEX mentoring_sessions_relationship ON mentoring_sessions (request_id, state, starts_at);

-- Emails and calendar entries about sessions are titled "Protected time"
-- and name nobody, unless the person chooses descriptive titles.
ALTER TABLE users ADD COLUMN descriptive_titles BIGINT NOT NULL DEFAULT 0;
