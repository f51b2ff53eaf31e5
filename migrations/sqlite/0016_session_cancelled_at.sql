-- When a session was cancelled, so its card can say who cancelled it and
-- when. Nothing changes a cancelled session afterwards, so for those
-- cancelled before this column its last change is the cancellation.
ALTER TABLE mentoring_sessions ADD COLUMN cancelled_at BIGINT;
UPDATE mentoring_sessions SET cancelled_at = updated_at WHERE state = 'cancelled';
