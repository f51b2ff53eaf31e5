-- Mentoring relationships: the pair's own life, from the mentor accepting
-- a request to its end. A relationship is keyed by the request it grew
-- from (one each), so sessions, which name that request, keep pointing to
-- the right pair.
CREATE TABLE relationships (
    id BIGINT PRIMARY KEY REFERENCES mentoring_requests (id) ON DELETE CASCADE,
    mentor_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentee_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('active', 'ended')),
    -- Every change adds one; a change made from a stale read finds it moved.
    version BIGINT NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    end_reason TEXT CHECK (end_reason IN ('goals-met', 'time-up', 'not-right-fit', 'circumstances-changed', 'lost-touch', 'other')),
    updated_at BIGINT NOT NULL,
    CHECK ((state = 'ended') = (ended_at IS NOT NULL AND end_reason IS NOT NULL))
);
CREATE INDEX relationships_mentor ON relationships (mentor_id, state);
CREATE INDEX relationships_mentee ON relationships (mentee_id, state);

-- Every change: who, in what role, when. The note is for coordinators only.
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
CREATE INDEX relationship_events_relationship ON relationship_events (relationship_id, id);
-- A relationship ends once, whatever the code lets through.
CREATE UNIQUE INDEX relationship_events_one_end ON relationship_events (relationship_id) WHERE event = 'end';

-- Every request already matched becomes an active relationship, started
-- when its mentor accepted.
INSERT INTO relationships (id, mentor_id, mentee_id, state, version, started_at, updated_at)
SELECT r.id, r.mentor_id, r.mentee_id, 'active', 0,
       COALESCE((SELECT MAX(e.at) FROM request_events e WHERE e.request_id = r.id AND e.event = 'accept'), r.updated_at),
       r.updated_at
FROM mentoring_requests r
WHERE r.state = 'active' AND r.mentor_id IS NOT NULL;

INSERT INTO relationship_events (relationship_id, event, actor_id, actor_role, reason, note, at)
SELECT id, 'start', mentor_id, 'mentor', '', '', started_at FROM relationships;
