-- The agreement (contracting) step: a relationship now starts 'agreeing'
-- and becomes 'active' when both of the pair have agreed the current
-- version of their agreement. Existing relationships keep their state.
--
-- SQLite cannot change a CHECK constraint in place, so the table is
-- rebuilt, and relationship_events with it: migrations run inside a
-- transaction, where foreign keys cannot be switched off, so dropping a
-- table that events point to would delete the events too. Both step
-- aside under other names, the new tables are filled from them, and the
-- old ones are dropped, child first, so nothing cascades.
ALTER TABLE relationship_events RENAME TO relationship_events_old;
ALTER TABLE relationships RENAME TO relationships_old;

CREATE TABLE relationships (
    id BIGINT PRIMARY KEY REFERENCES mentoring_requests (id) ON DELETE CASCADE,
    mentor_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentee_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('agreeing', 'active', 'ended')),
    -- Every change adds one; a change made from a stale read finds it moved.
    version BIGINT NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    end_reason TEXT CHECK (end_reason IN ('goals-met', 'time-up', 'not-right-fit', 'circumstances-changed', 'lost-touch', 'other')),
    updated_at BIGINT NOT NULL,
    CHECK ((state = 'ended') = (ended_at IS NOT NULL AND end_reason IS NOT NULL))
);
INSERT INTO relationships (id, mentor_id, mentee_id, state, version, started_at, ended_at, end_reason, updated_at)
SELECT id, mentor_id, mentee_id, state, version, started_at, ended_at, end_reason, updated_at FROM relationships_old;

CREATE TABLE relationship_events (
    id INTEGER PRIMARY KEY,
    relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor_role TEXT NOT NULL,
    reason TEXT NOT NULL,
    note TEXT NOT NULL,
    at BIGINT NOT NULL
);
INSERT INTO relationship_events (id, relationship_id, event, actor_id, actor_role, reason, note, at)
SELECT id, relationship_id, event, actor_id, actor_role, reason, note, at FROM relationship_events_old;

DROP TABLE relationship_events_old;
DROP TABLE relationships_old;
CREATE INDEX relationships_mentor ON relationships (mentor_id, state);
CREATE INDEX relationships_mentee ON relationships (mentee_id, state);
CREATE INDEX relationship_events_relationship ON relationship_events (relationship_id, id);
-- A relationship ends once, whatever the code lets through.
CREATE UNIQUE INDEX relationship_events_one_end ON relationship_events (relationship_id) WHERE event = 'end';

-- The pair's agreement, one row per relationship once either has saved
-- it. Every change adds one to version; each person's agreement names the
-- version they agreed, so a change asks the other to agree again.
CREATE TABLE relationship_agreements (
    relationship_id BIGINT PRIMARY KEY REFERENCES relationships (id) ON DELETE CASCADE,
    version BIGINT NOT NULL CHECK (version > 0),
    frequency TEXT NOT NULL,
    -- How long: a number of sessions or an end date (YYYY-MM-DD), never both.
    sessions BIGINT,
    ends_on TEXT,
    meeting TEXT NOT NULL,
    contact TEXT NOT NULL,
    hopes TEXT NOT NULL,
    mentee_agreed_version BIGINT,
    mentor_agreed_version BIGINT,
    -- The mentee's own record: yes/no and a date, never a name.
    protected_time TEXT CHECK (protected_time IN ('yes', 'no')),
    protected_on TEXT,
    updated_at BIGINT NOT NULL,
    CHECK ((sessions IS NULL) <> (ends_on IS NULL))
);
