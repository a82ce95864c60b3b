-- Append-only record of authentication events (006 forbids UPDATE and DELETE). Never holds a
-- password, token or key.
CREATE TABLE audit_log (
  id          BIGINT PRIMARY KEY,
  occurred_at BIGINT NOT NULL,
  action      TEXT   NOT NULL,
  outcome     TEXT   NOT NULL,
  user_id     BIGINT,
  address     TEXT   NOT NULL,
  user_agent  TEXT   NOT NULL,
  detail      TEXT   NOT NULL
);
CREATE INDEX audit_log_by_user ON audit_log (user_id, id);
