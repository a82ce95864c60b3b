-- A refresh family is one login session; every refresh rotates its token. Tokens are stored only
-- as SHA-256 hashes. Times are Unix milliseconds.
CREATE TABLE refresh_families (
  id                  BIGINT PRIMARY KEY,
  user_id             BIGINT NOT NULL REFERENCES users (id),
  created_at          BIGINT NOT NULL,
  last_used_at        BIGINT NOT NULL,
  absolute_expires_at BIGINT NOT NULL,
  user_agent          TEXT   NOT NULL,
  address             TEXT   NOT NULL,
  revoked_at          BIGINT,
  revoke_reason       TEXT
);
CREATE INDEX refresh_families_by_user ON refresh_families (user_id, revoked_at);

CREATE TABLE refresh_tokens (
  id              BIGINT PRIMARY KEY,
  family_id       BIGINT NOT NULL REFERENCES refresh_families (id),
  token_hash      TEXT   NOT NULL UNIQUE,
  created_at      BIGINT NOT NULL,
  idle_expires_at BIGINT NOT NULL,
  rotated_at      BIGINT
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
