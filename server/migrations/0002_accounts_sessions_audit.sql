-- Accounts, sessions, sign-in throttling and the audit trail.
-- Secrets are stored only as SHA-256 hashes (session ids, one-time links, recovery
-- codes) or as Argon2id PHC strings (passwords).

ALTER TABLE therapists ADD COLUMN totp_secret TEXT;          -- base32; NULL = two-step off
ALTER TABLE therapists ADD COLUMN totp_pending_secret TEXT;  -- during enrolment only
ALTER TABLE therapists ADD COLUMN totp_last_step BIGINT;     -- refuses a code used twice

CREATE TABLE recovery_codes (
    therapist_id TEXT NOT NULL REFERENCES therapists (id) ON DELETE CASCADE,
    code_hash    TEXT NOT NULL,
    used_at      BIGINT,
    PRIMARY KEY (therapist_id, code_hash)
);

-- Server-side sessions for therapists and (later) participants; any instance can
-- serve any request. `stage` is what the holder has proven so far.
CREATE TABLE sessions (
    id_hash        TEXT PRIMARY KEY,
    therapist_id   TEXT REFERENCES therapists (id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants (id) ON DELETE CASCADE,
    stage          TEXT NOT NULL CHECK (stage IN ('full', 'second_factor', 'enrol_second_factor')),
    created_at     BIGINT NOT NULL,
    last_seen_at   BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    CHECK ((therapist_id IS NULL) <> (participant_id IS NULL))
);
CREATE INDEX sessions_by_therapist ON sessions (therapist_id);
CREATE INDEX sessions_by_participant ON sessions (participant_id);

-- One-time links: the first account's set-up link, and invitations to colleagues.
CREATE TABLE account_links (
    token_hash  TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL CHECK (purpose IN ('setup', 'invite')),
    created_by  TEXT REFERENCES therapists (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);

-- Failed sign-ins per account (scope 'email') and per client address (scope 'ip').
CREATE TABLE sign_in_throttle (
    scope         TEXT NOT NULL,
    throttle_key  TEXT NOT NULL,
    failures      BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (scope, throttle_key)
);

-- Append-only. Holds ids, never names, answers or secrets, so it can outlive what it
-- refers to (no foreign keys).
CREATE TABLE audit_events (
    id           TEXT PRIMARY KEY,
    at           BIGINT NOT NULL,
    therapist_id TEXT,
    event        TEXT NOT NULL,
    subject_id   TEXT,
    client_ip    TEXT
);
CREATE INDEX audit_events_by_therapist ON audit_events (therapist_id, at);
