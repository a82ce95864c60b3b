-- API keys for the public API: the secret is stored as a hash, `prefix` is the visible part.
CREATE TABLE api_keys (
  id           BIGINT PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users (id),
  name         TEXT   NOT NULL,
  prefix       TEXT   NOT NULL,
  secret_hash  TEXT   NOT NULL UNIQUE,
  scopes       TEXT   NOT NULL,
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX api_keys_by_user ON api_keys (user_id);
