-- Rota patterns: availability repeats every 1 to 8 weeks, counted from the
-- Monday rota_starts. Every existing pattern becomes a one-week rota (its
-- windows week 1), so nothing changes for current mentors. A night window
-- is stored with the clock time it ends at on the next day (ends_at at or
-- before starts_at).
ALTER TABLE availability ADD COLUMN rota_weeks BIGINT NOT NULL DEFAULT 1 CHECK (rota_weeks BETWEEN 1 AND 8);
ALTER TABLE availability ADD COLUMN rota_starts TEXT NOT NULL DEFAULT '2024-01-01';

ALTER TABLE availability_windows
    ADD COLUMN rota_week BIGINT NOT NULL DEFAULT 1 CHECK (rota_week BETWEEN 1 AND 8);
ALTER TABLE availability_windows DROP CONSTRAINT availability_windows_pkey;
ALTER TABLE availability_windows ADD PRIMARY KEY (mentor_id, rota_week, weekday, starts_at);
