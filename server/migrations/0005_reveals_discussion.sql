-- The session: which sections the therapist has revealed, their private notes, the
-- marks they make per pair ("discussed", and how close a guess was), and the next
-- steps the family agreed. Everything belongs to an exercise and goes with it.

-- A revealed section (DESIGN §2 "Reveal"). Hiding it again deletes the row; the
-- audit trail keeps who revealed and hid what, and when.
CREATE TABLE reveals (
    exercise_id TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    section_key TEXT NOT NULL,
    revealed_at BIGINT NOT NULL,
    revealed_by TEXT REFERENCES therapists (id) ON DELETE SET NULL,
    PRIMARY KEY (exercise_id, section_key)
);

-- The therapist's private notes. `target` is `section:<section key>` or
-- `pair:<pair key>:<participant id>`. Never shown to any participant, never in
-- presenter mode.
CREATE TABLE therapist_notes (
    exercise_id TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    target      TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (exercise_id, target)
);

-- Marks per pair row: a pair key and the participant whose perspective it is
-- (`subject_id`). `closeness` is how close the guesses about the subject were,
-- 0 "not close" to 4 "spot on", given by the subject themselves ('self') or entered
-- by the therapist ('therapist').
CREATE TABLE pair_marks (
    exercise_id  TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    pair_key     TEXT NOT NULL,
    subject_id   TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    discussed_at BIGINT,
    closeness    INTEGER CHECK (closeness BETWEEN 0 AND 4),
    closeness_by TEXT CHECK (closeness_by IN ('self', 'therapist')),
    PRIMARY KEY (exercise_id, pair_key, subject_id)
);

-- What the family agreed: who commits to what, by when (a date, optional).
CREATE TABLE next_steps (
    id          TEXT PRIMARY KEY,
    exercise_id TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    who_id      TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    what        TEXT NOT NULL,
    by_when     TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX next_steps_by_exercise ON next_steps (exercise_id, created_at);
