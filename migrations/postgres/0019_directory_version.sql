-- The directory is searched in memory (`directory::listed`): the words
-- stay in search_body, the full-text index over them goes.
DROP INDEX mentor_profiles_search;
ALTER TABLE mentor_profiles DROP COLUMN search_vector;

-- One more for every change to what the directory lists, ranks or counts,
-- made in the changing transaction by the triggers below, so each server
-- instance can tell from this one row whether its copy of the directory
-- in memory (`directory::listed`) is current.
CREATE TABLE directory_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 1);

-- The triggers are deferred to commit, so the row is locked only while a
-- transaction commits: one that locked it early and then waited on a row
-- another holds could otherwise deadlock with it. Once per transaction is
-- enough, however many rows it changed.
CREATE FUNCTION directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('mentorwell.directory_changed', true) = 'yes' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('mentorwell.directory_changed', 'yes', true);
    UPDATE directory_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER directory_profile_added_or_removed AFTER INSERT OR DELETE ON mentor_profiles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
-- Only the columns the directory reads: a row merely locked by setting a
-- column to itself (`requests::db::lock_mentor`) changes nothing.
CREATE CONSTRAINT TRIGGER directory_profile_changed AFTER UPDATE ON mentor_profiles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.profession IS DISTINCT FROM NEW.profession OR OLD.sector IS DISTINCT FROM NEW.sector
          OR OLD.area IS DISTINCT FROM NEW.area OR OLD.topics IS DISTINCT FROM NEW.topics
          OR OLD.modes IS DISTINCT FROM NEW.modes OR OLD.forms IS DISTINCT FROM NEW.forms
          OR OLD.accepting IS DISTINCT FROM NEW.accepting OR OLD.capacity IS DISTINCT FROM NEW.capacity
          OR OLD.sort_name IS DISTINCT FROM NEW.sort_name OR OLD.search_body IS DISTINCT FROM NEW.search_body)
    EXECUTE FUNCTION directory_changed();
-- Listing needs a current accreditation ...
CREATE CONSTRAINT TRIGGER directory_accreditation_added_or_removed AFTER INSERT OR DELETE ON accreditations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE CONSTRAINT TRIGGER directory_accreditation_changed AFTER UPDATE ON accreditations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.refresher_due_on IS DISTINCT FROM NEW.refresher_due_on)
    EXECUTE FUNCTION directory_changed();
-- ... and an active account.
CREATE CONSTRAINT TRIGGER directory_account_removed AFTER DELETE ON users
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE CONSTRAINT TRIGGER directory_account_deactivated AFTER UPDATE OF deactivated_at ON users
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.deactivated_at IS DISTINCT FROM NEW.deactivated_at)
    EXECUTE FUNCTION directory_changed();
-- Free places count the mentor's current relationships.
CREATE CONSTRAINT TRIGGER directory_relationship_added_or_removed AFTER INSERT OR DELETE ON relationships
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE CONSTRAINT TRIGGER directory_relationship_changed AFTER UPDATE OF state, mentor_id ON relationships
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.mentor_id IS DISTINCT FROM NEW.mentor_id)
    EXECUTE FUNCTION directory_changed();
-- Every profile's words rewritten at once.
CREATE CONSTRAINT TRIGGER directory_words AFTER UPDATE ON search_words_version
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
