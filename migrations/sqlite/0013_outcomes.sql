-- Outcome questionnaires: the study's 1–5 questions, asked of mentees and
-- mentors at the start (agreement made), the end, six months after the end,
-- and of every listed mentor about their own well-being every six months.
-- The questions themselves live in code as versioned definitions
-- (`outcomes::questionnaires`); the database keeps who was asked which
-- version, when, and what they answered.
--
-- point: 'start', 'end', 'follow-up' or 'check-in'.
-- role: the role the person answers in, 'mentee' or 'mentor'.
-- claim_key asks once however many instances sweep:
--   "rel:<relationship>:<point>:<role>" for the points of a relationship,
--   "check-in:<person>:<YYYY-MM-DD the half-year starts>" for a check-in.
-- An invitation lapses at expires_at (30 days) unanswered and is kept, so
-- the report can count who was asked as well as who answered.
CREATE TABLE survey_invitations (
    id INTEGER PRIMARY KEY,
    claim_key TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    relationship_id BIGINT REFERENCES relationships (id) ON DELETE SET NULL,
    point TEXT NOT NULL CHECK (point IN ('start', 'end', 'follow-up', 'check-in')),
    role TEXT NOT NULL CHECK (role IN ('mentee', 'mentor')),
    questionnaire TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    emailed_at BIGINT,
    answered_at BIGINT
);
CREATE INDEX survey_invitations_person ON survey_invitations (person_id, answered_at);
CREATE INDEX survey_invitations_answered ON survey_invitations (answered_at);

-- The answer to one invitation, one row per question. Answering sets the
-- invitation's answered_at only where it is still empty, in the same
-- transaction, so two tabs or two clicks give one answer.
-- score: 1–5 for a scale question; choice: 'yes', 'no' or 'not-sure' for
-- "would you recommend"; body: optional free text ("what difference has it
-- made?"), never shown one by one with a name.
CREATE TABLE survey_answers (
    invitation_id BIGINT NOT NULL REFERENCES survey_invitations (id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    score BIGINT CHECK (score BETWEEN 1 AND 5),
    choice TEXT CHECK (choice IN ('yes', 'no', 'not-sure')),
    body TEXT,
    PRIMARY KEY (invitation_id, item)
);

-- "Don't ask me again": honoured for every later invitation.
ALTER TABLE users ADD COLUMN no_surveys BIGINT NOT NULL DEFAULT 0 CHECK (no_surveys IN (0, 1));
