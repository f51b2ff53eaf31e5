-- The agreement (contracting) step: a relationship now starts 'agreeing'
-- and becomes 'active' when both of the pair have agreed the current
-- version of their agreement. Existing relationships keep their state.
ALTER TABLE relationships DROP CONSTRAINT relationships_state_check;
ALTER TABLE relationships ADD CONSTRAINT relationships_state_check
    CHECK (state IN ('agreeing', 'active', 'ended'));

-- The pair's agreement, one row per relationship once either has saved
-- it. Every change adds one to version; each person's agreement names the
-- version they agreed, so a change asks the other to agree again.
CREATE TABLE relationship_agreements (
    relationship_id BIGINT PRIMARY KEY REFERENCES relationships (id) ON DELETE CASCADE,
    version BIGINT NOT NULL CHECK (version > 0),
    frequency TEXT NOT NULL,
    -- How long: a number of sessions or an end date (YYYY-MM-DD), never both.
    sessions BIGINT,
    ends_on TEXT,
    meeting TEXT NOT NULL,
    contact TEXT NOT NULL,
    hopes TEXT NOT NULL,
    mentee_agreed_version BIGINT,
    mentor_agreed_version BIGINT,
    -- The mentee's own record: yes/no and a date, never a name.
    protected_time TEXT CHECK (protected_time IN ('yes', 'no')),
    protected_on TEXT,
    updated_at BIGINT NOT NULL,
    CHECK ((sessions IS NULL) <> (ends_on IS NULL))
);
