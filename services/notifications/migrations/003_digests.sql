-- Digests: times on the copies the digest counts from, analytics' view totals, and one row per
-- user and period (the digest of a period is made once, even across restarts).
ALTER TABLE follows ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE post_likers ADD COLUMN liked_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN views BIGINT NOT NULL DEFAULT 0;
ALTER TABLE preferences ADD COLUMN digest_since BIGINT NOT NULL DEFAULT 0;
CREATE INDEX posts_by_author ON posts (author_id, published_at);
CREATE TABLE digests (
  user_id     BIGINT NOT NULL,
  period      TEXT   NOT NULL,
  views_total BIGINT NOT NULL,
  made_at     BIGINT NOT NULL,
  PRIMARY KEY (user_id, period)
);
