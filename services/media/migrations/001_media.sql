-- One row per uploaded file. The original's bytes live in the blob store under blob_key; the
-- same bytes uploaded again by the same owner find this row through (owner_id, sha256).
CREATE TABLE media (
  id            BIGINT PRIMARY KEY,
  owner_id      BIGINT NOT NULL,
  sha256        TEXT NOT NULL,
  format        TEXT NOT NULL,
  size_bytes    BIGINT NOT NULL,
  blob_key      TEXT NOT NULL,
  status        TEXT NOT NULL,
  reason        TEXT,
  metadata_json TEXT NOT NULL,
  provenance_json TEXT,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX media_owner_sha ON media (owner_id, sha256);

-- The processing job, committed in the same transaction as its media row.
CREATE TABLE media_jobs (
  media_id      BIGINT PRIMARY KEY,
  attempts      INTEGER NOT NULL,
  run_after     BIGINT NOT NULL,
  lease_until   BIGINT,
  last_error    TEXT
);
