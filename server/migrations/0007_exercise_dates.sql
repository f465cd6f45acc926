-- When an exercise was opened for answers, its session started and it was closed:
-- the printed summary is a clinical record and needs its dates. NULL until then
-- (and for exercises that moved on before these columns existed).
ALTER TABLE exercises ADD COLUMN opened_at BIGINT;
ALTER TABLE exercises ADD COLUMN session_at BIGINT;
ALTER TABLE exercises ADD COLUMN closed_at BIGINT;
