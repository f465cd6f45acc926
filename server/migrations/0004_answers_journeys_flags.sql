-- What participants write, where they are in their exercise, and the check-in flags
-- their answers raise. Everything here belongs to an exercise and goes with it.

-- One row per participant per exercise once they have read the welcome page and
-- agreed to start. `done_at` is set by "I'm done" and cleared by "reopen".
CREATE TABLE journeys (
    exercise_id    TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    consented_at   BIGINT NOT NULL,
    done_at        BIGINT,
    PRIMARY KEY (exercise_id, participant_id)
);

-- An answer: one per prompt, and per other participant for prompts asked "about"
-- each of them (`about_id`, '' when the prompt is about nobody). `value` is JSON
-- (see app/src/answer/model.rs). `version` goes up by one with every save; a save
-- made from an older version still wins, and the text it replaced is kept in
-- `replaced_value` for its author to copy from until they dismiss it. `writer` is
-- the page load that saved it: a page overtaking its own earlier save is no conflict.
CREATE TABLE answers (
    exercise_id    TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    prompt_key     TEXT NOT NULL,
    about_id       TEXT NOT NULL,
    value          TEXT NOT NULL,
    visibility     TEXT NOT NULL CHECK (visibility IN ('shared', 'therapist_only')),
    version        BIGINT NOT NULL,
    saved_at       BIGINT NOT NULL,
    writer         TEXT NOT NULL,
    replaced_value TEXT,
    PRIMARY KEY (exercise_id, participant_id, prompt_key, about_id)
);

-- A check-in answer that the therapist should see first (DESIGN §3, §5). Raised by
-- the save that made the answer meet its template rule; one open flag per prompt.
-- `rule` is the template rule that raised it ('at_or_below', 'unless',
-- 'if_answered'); `summary` says what was answered in a few words (never free text).
CREATE TABLE checkin_flags (
    id              TEXT PRIMARY KEY,
    exercise_id     TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    participant_id  TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    prompt_key      TEXT NOT NULL,
    rule            TEXT NOT NULL,
    summary         TEXT NOT NULL,
    raised_at       BIGINT NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by TEXT REFERENCES therapists (id) ON DELETE SET NULL
);
CREATE INDEX checkin_flags_by_exercise ON checkin_flags (exercise_id, raised_at);
