-- Deleted accounts (POST /v1/auth/account/delete): the row stays so the handle stays reserved;
-- the email is replaced by a tombstone (so it can sign up again) and the password hash by a
-- value no password verifies against.
ALTER TABLE users ADD COLUMN deleted_at BIGINT;
