-- Self-referral: mentoring requests, their history, who read them, and
-- texts coordinators can change (the support routes shown to mentees).

-- Lists are stored as ",key,key," like mentor profiles. mentor_id is the
-- mentor proposed, offered or matched, as the state says.
CREATE TABLE mentoring_requests (
    id INTEGER PRIMARY KEY,
    mentee_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'proposed', 'offered', 'active', 'withdrawn', 'expired')),
    mentor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    goal TEXT NOT NULL,
    topics TEXT NOT NULL,
    professions TEXT NOT NULL,
    sectors TEXT NOT NULL,
    areas TEXT NOT NULL,
    modes TEXT NOT NULL,
    forms TEXT NOT NULL,
    days TEXT NOT NULL,
    times TEXT NOT NULL,
    organisation TEXT NOT NULL,
    outside_own_organisation BIGINT NOT NULL,
    named_mentor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    share_with_mentor BIGINT NOT NULL,
    priority BIGINT NOT NULL,
    -- Every change adds one; a change made from a stale read finds it moved.
    version BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    offered_at BIGINT,
    offer_expires_at BIGINT,
    reminder_due_at BIGINT,
    reminded_at BIGINT,
    CHECK (state IN ('draft', 'submitted', 'withdrawn', 'expired') OR mentor_id IS NOT NULL)
);
-- One request under way per person: a second submission of the same form
-- cannot make a second request.
CREATE UNIQUE INDEX mentoring_requests_one_open ON mentoring_requests (mentee_id)
    WHERE state IN ('draft', 'submitted', 'proposed', 'offered', 'expired');
CREATE INDEX mentoring_requests_state ON mentoring_requests (state, submitted_at);
CREATE INDEX mentoring_requests_mentor ON mentoring_requests (mentor_id, state);

-- Every change: who, in what role, when. The note (a coordinator's reason
-- for choosing another mentor, a mentor's reason for declining) is for
-- coordinators only.
CREATE TABLE request_events (
    id INTEGER PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES mentoring_requests (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor_role TEXT NOT NULL,
    mentor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    note TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX request_events_request ON request_events (request_id, id);

-- Every time someone was shown a request's text. No content is kept here.
CREATE TABLE request_views (
    id INTEGER PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES mentoring_requests (id) ON DELETE CASCADE,
    viewer_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    viewer_role TEXT NOT NULL,
    viewed_at BIGINT NOT NULL
);
CREATE INDEX request_views_request ON request_views (request_id, viewed_at);

CREATE TABLE service_texts (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
