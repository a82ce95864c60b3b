-- Versions of the access-token signing key set (current key plus still-verifying retired keys).
-- Each rotation inserts version + 1, so two replicas rotating at once conflict instead of forking;
-- the newest version is live and older ones are deleted. `key_set` is sealed (see key_sealer).
CREATE TABLE signing_key_sets (
  version     BIGINT PRIMARY KEY,
  created_at  BIGINT NOT NULL,
  current_kid TEXT   NOT NULL,
  key_set     TEXT   NOT NULL
);
