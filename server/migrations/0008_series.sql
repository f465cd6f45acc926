-- A family's exercises as a series (DESIGN §2 "Series").

-- The exercise this one follows ("Start the next exercise"): its next steps come
-- back in this one's check-in. At most one exercise follows another. Deleting the
-- earlier exercise leaves the later one standing, without follow-ups.
ALTER TABLE exercises ADD COLUMN follows TEXT REFERENCES exercises (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX exercises_follows ON exercises (follows);

-- A person's way in carried to the next exercise: the new invitation takes over the
-- link's token (its hash), the passcode and the devices. The token is derived from
-- the id it was first made for and the generation, so `link_id` names that id (NULL:
-- this row's own). The invitation the link left keeps `moved_to` (where it went)
-- and a token hash that nobody holds.
ALTER TABLE invitations ADD COLUMN link_id TEXT;
ALTER TABLE invitations ADD COLUMN moved_to TEXT;

-- Whom a next step is for ("Alex will call Sam on Sundays": for Sam), if anyone in
-- particular. In the next exercise the one who agreed is asked how it has gone and
-- the one it was for whether they have noticed a change.
ALTER TABLE next_steps ADD COLUMN for_id TEXT REFERENCES participants (id) ON DELETE SET NULL;
