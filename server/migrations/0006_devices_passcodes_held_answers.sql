-- A link belongs to one person's devices: the first device that opens it claims it,
-- adults and teens choose a passcode there, and any other device needs it.

-- Argon2id PHC string; NULL until the participant has chosen one.
ALTER TABLE invitations ADD COLUMN passcode_hash TEXT;
-- Wrong passcodes in a row; at 5 the link locks until the therapist makes a new one.
ALTER TABLE invitations ADD COLUMN passcode_failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE invitations ADD COLUMN locked_at BIGINT;

-- The devices that opened a link. `device_hash` is SHA-256 of the device cookie
-- (a random 256-bit value), so a copy of the database lets nobody pose as a device.
CREATE TABLE invitation_devices (
    invitation_id TEXT NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    device_hash   TEXT NOT NULL,
    claimed_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    PRIMARY KEY (invitation_id, device_hash)
);

-- Participant sessions gain two half-way stages (a passcode to choose, a passcode
-- due). SQLite cannot change a CHECK in place, so the table is rebuilt; the rows
-- are copied, so nobody is signed out by the upgrade.
CREATE TABLE sessions_new (
    id_hash        TEXT PRIMARY KEY,
    therapist_id   TEXT REFERENCES therapists (id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants (id) ON DELETE CASCADE,
    invitation_id  TEXT REFERENCES invitations (id) ON DELETE CASCADE,
    stage          TEXT NOT NULL CHECK (stage IN ('full', 'second_factor', 'enrol_second_factor',
                                                  'choose_passcode', 'passcode_due')),
    created_at     BIGINT NOT NULL,
    last_seen_at   BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    CHECK ((therapist_id IS NULL) <> (participant_id IS NULL))
);
INSERT INTO sessions_new (id_hash, therapist_id, participant_id, invitation_id, stage,
                          created_at, last_seen_at, expires_at)
    SELECT id_hash, therapist_id, participant_id, invitation_id, stage,
           created_at, last_seen_at, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_by_therapist ON sessions (therapist_id);
CREATE INDEX sessions_by_participant ON sessions (participant_id);
CREATE INDEX sessions_by_invitation ON sessions (invitation_id);

-- An answer sent without JavaScript that was refused (too long): kept for its author
-- only, so the page can give back every character they typed next to the message,
-- until a save of that answer succeeds. Same key as `answers`.
CREATE TABLE held_answers (
    exercise_id    TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    prompt_key     TEXT NOT NULL,
    about_id       TEXT NOT NULL,
    value          TEXT NOT NULL,
    held_at        BIGINT NOT NULL,
    PRIMARY KEY (exercise_id, participant_id, prompt_key, about_id)
);
