-- Resources that are not articles: a link to another website, or a file
-- kept in the database (so every instance serves the same file). Free
-- tags for search. Each version now records everything about the
-- resource, so the history can say what changed.

ALTER TABLE resources ADD COLUMN kind TEXT NOT NULL DEFAULT 'article' CHECK (kind IN ('article', 'link', 'file'));
ALTER TABLE resources ADD COLUMN link_url TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN tags TEXT NOT NULL DEFAULT '';

ALTER TABLE resource_versions ADD COLUMN kind TEXT NOT NULL DEFAULT 'article';
ALTER TABLE resource_versions ADD COLUMN link_url TEXT NOT NULL DEFAULT '';
ALTER TABLE resource_versions ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE resource_versions ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE resource_versions ADD COLUMN audience TEXT NOT NULL DEFAULT '';
ALTER TABLE resource_versions ADD COLUMN featured BIGINT NOT NULL DEFAULT 0;
ALTER TABLE resource_versions ADD COLUMN published BIGINT NOT NULL DEFAULT 1;
-- The file at the time, by name and size (the bytes are kept once).
ALTER TABLE resource_versions ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
ALTER TABLE resource_versions ADD COLUMN file_size BIGINT NOT NULL DEFAULT 0;

-- Versions kept before this change: fill in what they could not record
-- from the resource as it is (none of these could change until now).
UPDATE resource_versions SET
    category = (SELECT r.category FROM resources r WHERE r.id = resource_versions.resource_id),
    audience = (SELECT r.audience FROM resources r WHERE r.id = resource_versions.resource_id),
    featured = (SELECT r.featured FROM resources r WHERE r.id = resource_versions.resource_id);

-- The current file of a file resource. Checked on upload: allowed type,
-- content that matches it, and the size limit.
CREATE TABLE resource_files (
    resource_id BIGINT PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_at BIGINT NOT NULL,
    uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
