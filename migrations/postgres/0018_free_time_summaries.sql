-- Each mentor's free times over the next eight weeks, summarised by
-- weekday and time of day for matching, kept beside the rules they come
-- from: the day the eight weeks start and the availability version they
-- were made from. Matching reads these instead of every window, and makes
-- again (and stores) any made on another day or from an older version.
-- Leave and extra times move the version on, as the rules do.
ALTER TABLE availability ADD COLUMN free_from TEXT NOT NULL DEFAULT '';
ALTER TABLE availability ADD COLUMN free_version BIGINT NOT NULL DEFAULT -1;
ALTER TABLE availability ADD COLUMN free_minutes TEXT NOT NULL DEFAULT '';
