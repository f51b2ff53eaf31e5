-- Ending well at the agreed end. The sweep acts only on terms both of the
-- pair agreed, never on a change one of them has not agreed yet, so the
-- length they last agreed together is kept beside the current draft.
-- Rows agreed by both today carry their terms over; a pair part-way
-- through agreeing a change gets an agreed length once they both agree.
ALTER TABLE relationship_agreements ADD COLUMN agreed_sessions BIGINT;
ALTER TABLE relationship_agreements ADD COLUMN agreed_ends_on TEXT;
UPDATE relationship_agreements SET agreed_sessions = sessions, agreed_ends_on = ends_on
WHERE mentee_agreed_version = version AND mentor_agreed_version = version;

-- One prompt to the pair per agreed end ("date:YYYY-MM-DD" or
-- "sessions:N"): the key stops two sweeping instances sending it twice,
-- and a new agreed end (extending) gets a prompt of its own.
CREATE TABLE relationship_end_prompts (
    relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
    agreed_end TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (relationship_id, agreed_end)
);
