-- The resources library: articles written in the app (Markdown), each
-- version kept, and what each person saved for later.

CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- Markdown, rendered safely when shown.
    body TEXT NOT NULL,
    category TEXT NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('everyone', 'staff', 'trainee-mentors', 'mentors')),
    featured BIGINT NOT NULL,
    published BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX resources_category ON resources (category, title);

-- Every saved version: who changed what, and when.
CREATE TABLE resource_versions (
    id INTEGER PRIMARY KEY,
    resource_id BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    changed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    changed_at BIGINT NOT NULL
);
CREATE INDEX resource_versions_resource ON resource_versions (resource_id, changed_at);

CREATE TABLE saved_resources (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_id BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, resource_id)
);
