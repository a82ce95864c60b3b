-- Single-use tokens mailed to the user (password reset, email verification), stored as hashes.
CREATE TABLE one_time_tokens (
  id         BIGINT PRIMARY KEY,
  purpose    TEXT   NOT NULL,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  token_hash TEXT   NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX one_time_tokens_by_user ON one_time_tokens (user_id, purpose);
