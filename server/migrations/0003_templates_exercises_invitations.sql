-- Templates (stored with their version), exercises and invitations.

-- A template version as imported: the TOML source is kept verbatim, so an export
-- gives back exactly what was imported. `owner_id` NULL = built in.
CREATE TABLE templates (
    id           TEXT PRIMARY KEY,
    template_key TEXT NOT NULL,
    version      BIGINT NOT NULL,
    title        TEXT NOT NULL,
    source       TEXT NOT NULL,
    owner_id     TEXT REFERENCES therapists (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX templates_builtin_version ON templates (template_key, version) WHERE owner_id IS NULL;
CREATE UNIQUE INDEX templates_owned_version ON templates (owner_id, template_key, version) WHERE owner_id IS NOT NULL;

CREATE TABLE exercises (
    id          TEXT PRIMARY KEY,
    family_id   TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    template_id TEXT NOT NULL REFERENCES templates (id),
    focus       TEXT,
    due_date    TEXT,  -- YYYY-MM-DD
    status      TEXT NOT NULL CHECK (status IN ('draft', 'open', 'in_session', 'closed')),
    created_at  BIGINT NOT NULL
);
CREATE INDEX exercises_by_family ON exercises (family_id, created_at);

-- One invitation per participant per exercise. The link's token is derived from the
-- server's secret key, the id and the generation; only its SHA-256 is stored. A new
-- generation (re-issue) makes a new token, and the old link stops working.
CREATE TABLE invitations (
    id             TEXT PRIMARY KEY,
    exercise_id    TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    generation     BIGINT NOT NULL,
    token_hash     TEXT NOT NULL UNIQUE,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    revoked_at     BIGINT,
    UNIQUE (exercise_id, participant_id)
);

-- A participant's session belongs to one invitation, so it only ever reaches that
-- invitation's exercise; revoking or re-issuing ends it.
ALTER TABLE sessions ADD COLUMN invitation_id TEXT REFERENCES invitations (id) ON DELETE CASCADE;
