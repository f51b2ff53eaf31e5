-- Mentor training: course runs (initial training and refreshers) with
-- their days, places (registered or waiting, in order of arrival),
-- attendance by day, and completions, each with a code anyone can check.

CREATE TABLE course_runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('initial', 'refresher')),
    title TEXT NOT NULL,
    -- A room and address, or empty when online.
    venue TEXT NOT NULL,
    online_link TEXT NOT NULL,
    area TEXT NOT NULL,
    facilitators TEXT NOT NULL,
    capacity BIGINT NOT NULL CHECK (capacity > 0),
    register_by TEXT NOT NULL,
    -- Full is not stored: it is capacity against places taken.
    status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    -- The first day, for ordering and filtering by month.
    starts_on TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX course_runs_starts ON course_runs (starts_on);

CREATE TABLE course_days (
    run_id BIGINT NOT NULL REFERENCES course_runs (id) ON DELETE CASCADE,
    day_number BIGINT NOT NULL,
    day TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    PRIMARY KEY (run_id, day_number)
);

CREATE TABLE course_places (
    run_id BIGINT NOT NULL REFERENCES course_runs (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('registered', 'waitlisted', 'cancelled')),
    -- Order of arrival in this run: the waiting list is served in it.
    position BIGINT NOT NULL,
    registered_at BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, user_id),
    UNIQUE (run_id, position)
);
CREATE INDEX course_places_user ON course_places (user_id);

CREATE TABLE course_attendance (
    run_id BIGINT NOT NULL REFERENCES course_runs (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day_number BIGINT NOT NULL,
    present BIGINT NOT NULL,
    marked_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    marked_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, user_id, day_number)
);

-- A completed course, or accreditation gained elsewhere (no run, with an
-- evidence note).
CREATE TABLE course_completions (
    id INTEGER PRIMARY KEY,
    run_id BIGINT REFERENCES course_runs (id) ON DELETE SET NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('initial', 'refresher', 'elsewhere')),
    course_title TEXT NOT NULL,
    completed_on TEXT NOT NULL,
    models TEXT NOT NULL,
    verification_code TEXT NOT NULL UNIQUE,
    evidence_note TEXT NOT NULL DEFAULT '',
    recorded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    recorded_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX course_completions_once ON course_completions (run_id, user_id) WHERE run_id IS NOT NULL;
CREATE INDEX course_completions_user ON course_completions (user_id);

-- Refresher reminders: the due date each was sent for, so each is sent
-- once per due date and again after the next refresher.
ALTER TABLE accreditations ADD COLUMN reminded_90_for TEXT NOT NULL DEFAULT '';
ALTER TABLE accreditations ADD COLUMN reminded_30_for TEXT NOT NULL DEFAULT '';
