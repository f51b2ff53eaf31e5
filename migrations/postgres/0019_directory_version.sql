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

CREATE CONSTRAINT TRIGGER directory_profiles AFTER INSERT OR UPDATE OR DELETE ON mentor_profiles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
-- Listing needs a current accreditation ...
CREATE CONSTRAINT TRIGGER directory_accreditations AFTER INSERT OR UPDATE OR DELETE ON accreditations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
-- ... and an active account.
CREATE CONSTRAINT TRIGGER directory_accounts AFTER UPDATE OF deactivated_at OR DELETE ON users
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
-- Free places count the mentor's current relationships.
CREATE CONSTRAINT TRIGGER directory_relationships AFTER INSERT OR UPDATE OF state, mentor_id OR DELETE ON relationships
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
-- Every profile's words rewritten at once.
CREATE CONSTRAINT TRIGGER directory_words AFTER UPDATE ON search_words_version
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_changed();
