-- Which version of the words the directory's text index holds for every
-- profile. When the server's version is newer it rewrites them all once,
-- in one transaction, at start (`directory::reindex`).
CREATE TABLE search_words_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);

INSERT INTO search_words_version (id, version) VALUES (1, 1);
