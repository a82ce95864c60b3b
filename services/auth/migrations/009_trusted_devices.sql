-- Device cookies (OWASP "device cookies" against online guessing): a browser that logged in to an
-- account gets an opaque token, stored here only as a SHA-256 hash; log-ins presenting it are
-- throttled per device instead of per address and per account. Times are Unix milliseconds.
CREATE TABLE trusted_devices (
  id         BIGINT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  token_hash TEXT   NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX trusted_devices_by_user ON trusted_devices (user_id);
