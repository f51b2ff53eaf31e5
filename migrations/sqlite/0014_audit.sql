-- The audit trail a data-protection officer reads, and what account
-- closure and deactivation need.
--
-- audit_events is append-only: the code has no UPDATE or DELETE of it, and
-- the triggers below refuse both, so a mistake (or someone with the app's
-- database login) cannot quietly rewrite history. It holds no content:
-- who acted (actor_id), whom it was about (subject_id), what was done
-- (action), how it ended (outcome), when, and the client's network address
-- when the code knew it. The ids deliberately have no foreign key: a user
-- row is never deleted (erasure anonymises it, and the trail then shows
-- "erased user #N"), and a cascading delete must never reach this table.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT,
    subject_id BIGINT,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    client_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_actor ON audit_events (actor_id, at);
CREATE INDEX audit_events_subject ON audit_events (subject_id, at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

-- A person asked to close their account (NULL: not asked, or withdrawn);
-- a coordinator confirms and the account is erased (erased_at). An erased
-- account stays as a row with no name, email or password, so the service's
-- figures still count what it took part in.
ALTER TABLE users ADD COLUMN closure_requested_at BIGINT;
ALTER TABLE users ADD COLUMN erased_at BIGINT;
