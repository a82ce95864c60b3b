-- Accounts. Emails and handles are stored normalised (lower-case), so UNIQUE is case-insensitive.
CREATE TABLE users (
  id             BIGINT PRIMARY KEY,
  email          TEXT    NOT NULL UNIQUE,
  handle         TEXT    NOT NULL UNIQUE,
  password_hash  TEXT    NOT NULL,
  email_verified INTEGER NOT NULL DEFAULT 0,
  scopes         TEXT    NOT NULL,
  created_at     BIGINT  NOT NULL,
  updated_at     BIGINT  NOT NULL
);
