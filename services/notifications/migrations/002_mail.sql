-- Mail outbox: one row per (event, recipient, channel) (dedupe_key UNIQUE), written in the
-- transaction that handled the event, so a mail is never lost and never queued twice. The
-- message is rendered once at enqueue; its Message-ID is fixed, so a resend after a crash
-- between the server's 250 and our commit carries the same Message-ID.
CREATE TABLE mail_outbox (
  id              BIGINT PRIMARY KEY,
  dedupe_key      TEXT   NOT NULL UNIQUE,
  user_id         BIGINT NOT NULL,
  from_address    TEXT   NOT NULL,
  to_address      TEXT   NOT NULL,
  message         TEXT   NOT NULL,
  status          TEXT   NOT NULL,
  attempts        BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error      TEXT   NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  sent_at         BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_by_user ON mail_outbox (user_id);

-- One-click unsubscribes (RFC 8058): categories a user stopped by mail link, kept here because
-- the link works without logging in (profile's preferences are the user's own settings).
CREATE TABLE email_optouts (
  user_id  BIGINT NOT NULL,
  category TEXT   NOT NULL,
  PRIMARY KEY (user_id, category)
);
