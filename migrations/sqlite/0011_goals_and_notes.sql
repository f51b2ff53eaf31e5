-- What the pair keep between sessions.
--
-- Goals are the mentee's own: private to the mentee unless they share one
-- with their mentor. Never shown to coordinators.
CREATE TABLE relationship_goals (
    id INTEGER PRIMARY KEY,
    relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'progressing', 'achieved', 'dropped')),
    shared BIGINT NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX relationship_goals_of ON relationship_goals (relationship_id, created_at);

-- Private notes on a held session, one set per author, read only by that
-- author. `parts` is a JSON object from a part of the chosen model's
-- template (or "notes" for free text) to what was written under it.
CREATE TABLE session_notes (
    session_id BIGINT NOT NULL REFERENCES mentoring_sessions (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    parts TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, author_id)
);

-- Actions the pair agreed at a held session. Both of the pair see them;
-- the open ones are carried into every later session's page.
CREATE TABLE session_actions (
    id INTEGER PRIMARY KEY,
    relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
    session_id BIGINT NOT NULL REFERENCES mentoring_sessions (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    added_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    added_at BIGINT NOT NULL,
    done_at BIGINT
);
CREATE INDEX session_actions_of ON session_actions (relationship_id, added_at);
