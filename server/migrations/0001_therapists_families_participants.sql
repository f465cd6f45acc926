-- One schema for SQLite and PostgreSQL (run through sqlx's Any driver):
-- ids are TEXT (random, made by the app), times are BIGINT Unix milliseconds,
-- flags would be BIGINT 0/1. Every row that belongs to a family is removed with it.

CREATE TABLE therapists (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,  -- stored trimmed and lower-cased
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,         -- a PHC string; never leaves the server
    created_at    BIGINT NOT NULL
);

CREATE TABLE families (
    id           TEXT PRIMARY KEY,
    therapist_id TEXT NOT NULL REFERENCES therapists (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    archived_at  BIGINT
);
CREATE INDEX families_by_therapist ON families (therapist_id, created_at);

CREATE TABLE participants (
    id           TEXT PRIMARY KEY,
    family_id    TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('person_in_recovery', 'family_member')),
    relationship TEXT NOT NULL CHECK (relationship IN
                     ('self', 'partner', 'parent', 'child', 'sibling', 'grandparent', 'friend', 'other')),
    age_band     TEXT NOT NULL CHECK (age_band IN ('adult', 'teen', 'child')),
    created_at   BIGINT NOT NULL
);
CREATE INDEX participants_by_family ON participants (family_id, created_at);
