-- Rota patterns: availability repeats every 1 to 8 weeks, counted from the
-- Monday rota_starts. Every existing pattern becomes a one-week rota (its
-- windows week 1), so nothing changes for current mentors. A night window
-- is stored with the clock time it ends at on the next day (ends_at at or
-- before starts_at).
ALTER TABLE availability ADD COLUMN rota_weeks BIGINT NOT NULL DEFAULT 1 CHECK (rota_weeks BETWEEN 1 AND 8);
ALTER TABLE availability ADD COLUMN rota_starts TEXT NOT NULL DEFAULT '2024-01-01';

-- The primary key gains the rota week, so the table is rebuilt.
CREATE TABLE availability_windows_rota (
    mentor_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rota_week BIGINT NOT NULL DEFAULT 1 CHECK (rota_week BETWEEN 1 AND 8),
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    PRIMARY KEY (mentor_id, rota_week, weekday, starts_at)
);
INSERT INTO availability_windows_rota (mentor_id, rota_week, weekday, starts_at, ends_at)
    SELECT mentor_id, 1, weekday, starts_at, ends_at FROM availability_windows;
DROP TABLE availability_windows;
ALTER TABLE availability_windows_rota RENAME TO availability_windows;
