-- Languages (English and Spanish; docs/i18n.md). Codes are checked by the app, not
-- here, so that adding a language needs no migration.

-- The language a participant reads and answers in: the therapist sets it when
-- adding them, and they can change it at any time.
ALTER TABLE participants ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

-- A therapist's interface language, and the default for the people they add.
ALTER TABLE therapists ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

-- The language an answer was written in (the writer's language when it was last
-- saved), so the board can mark an answer written in another language than the
-- reader's. NULL: written before languages existed, in English.
ALTER TABLE answers ADD COLUMN language TEXT;
