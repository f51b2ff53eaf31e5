-- The mentor directory: accreditation records, approved (live) profiles,
-- mentors' drafts awaiting approval, and the full-text index.

ALTER TABLE users ADD COLUMN deactivated_at BIGINT;

-- One current record per person; the courses feature keeps it up to date.
-- Dates are ISO YYYY-MM-DD, which order correctly as text.
CREATE TABLE accreditations (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    course_completed_on TEXT NOT NULL,
    refresher_due_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at BIGINT NOT NULL
);

-- The approved version of each profile: what the directory shows. Lists
-- are stored as ",key,key," so one key can be matched with LIKE.
CREATE TABLE mentor_profiles (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    pronouns TEXT NOT NULL,
    profession TEXT NOT NULL,
    grade TEXT NOT NULL,
    specialty TEXT NOT NULL,
    sector TEXT NOT NULL,
    organisation TEXT NOT NULL,
    area TEXT NOT NULL,
    models TEXT NOT NULL,
    forms TEXT NOT NULL,
    topics TEXT NOT NULL,
    modes TEXT NOT NULL,
    languages TEXT NOT NULL,
    bio TEXT NOT NULL,
    capacity BIGINT NOT NULL,
    accepting BIGINT NOT NULL,
    approved_at BIGINT NOT NULL,
    approved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- Same words as SQLite's mentor_search; 'simple' (no stemming) so both
    -- engines match the same mentors.
    search_body TEXT NOT NULL DEFAULT '',
    search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_body)) STORED
);
CREATE INDEX mentor_profiles_search ON mentor_profiles USING GIN (search_vector);

-- A mentor's working copy. 'editing' until sent, then 'submitted' until a
-- coordinator approves it (the row is then deleted) or returns it.
CREATE TABLE profile_drafts (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('editing', 'submitted', 'returned')),
    display_name TEXT NOT NULL,
    pronouns TEXT NOT NULL,
    profession TEXT NOT NULL,
    grade TEXT NOT NULL,
    specialty TEXT NOT NULL,
    sector TEXT NOT NULL,
    organisation TEXT NOT NULL,
    area TEXT NOT NULL,
    models TEXT NOT NULL,
    forms TEXT NOT NULL,
    topics TEXT NOT NULL,
    modes TEXT NOT NULL,
    languages TEXT NOT NULL,
    bio TEXT NOT NULL,
    capacity BIGINT NOT NULL,
    review_comment TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT
);
CREATE INDEX profile_drafts_state ON profile_drafts (state, submitted_at);
