-- The directory is searched in memory (`directory::listed`), so the words
-- a profile is found by move from the full-text table into the profile
-- row, as on PostgreSQL.
ALTER TABLE mentor_profiles ADD COLUMN search_body TEXT NOT NULL DEFAULT '';
UPDATE mentor_profiles
SET search_body = COALESCE((SELECT s.body FROM mentor_search s WHERE s.rowid = mentor_profiles.user_id), '');
DROP TABLE mentor_search;

-- One more for every change to what the directory lists, ranks or counts,
-- made in the changing transaction by the triggers below, so each server
-- instance can tell from this one row whether its copy of the directory
-- in memory (`directory::listed`) is current.
--
-- SQLite drops a table's triggers when a migration rebuilds the table: a
-- later migration that rebuilds one of these tables must create its
-- triggers again.
CREATE TABLE directory_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 1);

CREATE TRIGGER directory_profile_added AFTER INSERT ON mentor_profiles
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
-- Only the columns the directory reads: a row merely locked by setting a
-- column to itself (`requests::db::lock_mentor`) changes nothing.
CREATE TRIGGER directory_profile_changed AFTER UPDATE ON mentor_profiles
WHEN OLD.profession IS NOT NEW.profession OR OLD.sector IS NOT NEW.sector OR OLD.area IS NOT NEW.area
  OR OLD.topics IS NOT NEW.topics OR OLD.modes IS NOT NEW.modes OR OLD.forms IS NOT NEW.forms
  OR OLD.accepting IS NOT NEW.accepting OR OLD.capacity IS NOT NEW.capacity
  OR OLD.sort_name IS NOT NEW.sort_name OR OLD.search_body IS NOT NEW.search_body
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_profile_removed AFTER DELETE ON mentor_profiles
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;

-- Listing needs a current accreditation.
CREATE TRIGGER directory_accreditation_added AFTER INSERT ON accreditations
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_accreditation_changed AFTER UPDATE ON accreditations
WHEN OLD.refresher_due_on IS NOT NEW.refresher_due_on
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_accreditation_removed AFTER DELETE ON accreditations
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;

-- ... and an active account.
CREATE TRIGGER directory_account_deactivated AFTER UPDATE OF deactivated_at ON users
WHEN OLD.deactivated_at IS NOT NEW.deactivated_at
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_account_removed AFTER DELETE ON users
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;

-- Free places count the mentor's current relationships.
CREATE TRIGGER directory_relationship_added AFTER INSERT ON relationships
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_relationship_changed AFTER UPDATE OF state, mentor_id ON relationships
WHEN OLD.state IS NOT NEW.state OR OLD.mentor_id IS NOT NEW.mentor_id
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_relationship_removed AFTER DELETE ON relationships
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;

-- Every profile's words rewritten at once.
CREATE TRIGGER directory_words_rewritten AFTER UPDATE ON search_words_version
BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
