-- Mentoring sessions: each mentor's booking rules (weekly windows in their
-- own time zone, leave and one-off extra windows), the sessions booked in
-- active relationships, and private calendar feeds.

-- One row per mentor. Booking, rescheduling and changing the rules take
-- this row first, so one mentor's bookings are decided one at a time.
CREATE TABLE availability (
    mentor_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    time_zone TEXT NOT NULL,
    session_minutes BIGINT NOT NULL CHECK (session_minutes IN (30, 45, 60, 90)),
    buffer_minutes BIGINT NOT NULL CHECK (buffer_minutes >= 0),
    notice_hours BIGINT NOT NULL CHECK (notice_hours >= 0),
    max_per_week BIGINT NOT NULL CHECK (max_per_week > 0),
    -- Ways of meeting offered; empty when not offered.
    room TEXT NOT NULL,
    video_link TEXT NOT NULL,
    phone TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

-- Weekly windows: weekday 1 (Monday) to 7, local wall-clock "HH:MM".
CREATE TABLE availability_windows (
    mentor_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    PRIMARY KEY (mentor_id, weekday, starts_at)
);

-- Leave covers whole days from first_day to last_day; an extra window is
-- one day with its times.
CREATE TABLE availability_exceptions (
    id INTEGER PRIMARY KEY,
    mentor_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('leave', 'extra')),
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL
);
CREATE INDEX availability_exceptions_mentor ON availability_exceptions (mentor_id, last_day);

-- request_id is the relationship (a request in the active state). Instants
-- are unix seconds, UTC. uid and sequence are what calendars track: the
-- uid never changes, the sequence grows with each change.
CREATE TABLE mentoring_sessions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    request_id BIGINT NOT NULL REFERENCES mentoring_requests (id) ON DELETE CASCADE,
    mentor_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentee_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    -- The end of the break after it: the mentor's time the session holds.
    holds_until BIGINT NOT NULL,
    location TEXT NOT NULL CHECK (location IN ('room', 'video', 'phone')),
    -- Private to the pair: never in emails, calendars, logs or reports.
    agenda TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('booked', 'cancelled', 'held', 'no_show')),
    sequence BIGINT NOT NULL DEFAULT 0,
    cancel_reason TEXT NOT NULL DEFAULT '',
    cancelled_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reminded_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (ends_at > starts_at AND holds_until >= ends_at)
);
CREATE INDEX mentoring_sessions_mentor ON mentoring_sessions (mentor_id, starts_at);
CREATE INDEX mentoring_sessions_mentee ON mentoring_sessions (mentee_id, starts_at);
CREATE INDEX mentoring_sessions_due ON mentoring_sessions (state, starts_at);

-- The five-minute blocks a live session holds of its mentor's time, its
-- buffer included. The primary key is what makes double booking
-- impossible: two sessions that overlap by even one block cannot both
-- hold it, whatever their lengths and whichever mentee booked.
CREATE TABLE session_blocks (
    mentor_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    block BIGINT NOT NULL,
    session_id BIGINT NOT NULL REFERENCES mentoring_sessions (id) ON DELETE CASCADE,
    PRIMARY KEY (mentor_id, block)
);
CREATE INDEX session_blocks_session ON session_blocks (session_id);

-- A private calendar subscription. Only the token's hash is kept; a new
-- link replaces the old one, which then answers 404.
CREATE TABLE calendar_feeds (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- Times are shown in each person's zone.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/London';

-- Calendar invitations travel as an attachment to the email.
ALTER TABLE outbox ADD COLUMN attachment_name TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN attachment_type TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN attachment_body TEXT NOT NULL DEFAULT '';
