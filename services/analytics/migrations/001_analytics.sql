-- Analytics: what it learned from gallery.post.published, counters per post and per creator,
-- the 30-minute repeat-view rule, consumed event ids (idempotency), anomalies, and the posts
-- whose view totals wait to be published as analytics.post_views.
CREATE TABLE analytics_posts (
  post_id      BIGINT PRIMARY KEY,
  author_id    BIGINT NOT NULL,
  title        TEXT   NOT NULL,
  model        TEXT,
  published_at BIGINT NOT NULL
);
CREATE INDEX analytics_posts_author ON analytics_posts (author_id);

CREATE TABLE analytics_post_tags (
  post_id BIGINT NOT NULL,
  tag     TEXT   NOT NULL,
  PRIMARY KEY (post_id, tag)
);

-- scope: 'post' | 'creator'; subject: the post or the creator's user id.
CREATE TABLE analytics_totals (
  scope    TEXT   NOT NULL,
  subject  BIGINT NOT NULL,
  views    BIGINT NOT NULL DEFAULT 0,
  likes    BIGINT NOT NULL DEFAULT 0,
  comments BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, subject)
);

-- grain: 'm' minute (kept 2 hours), 'h' hour (kept 90 days), 'd' day (kept).
CREATE TABLE analytics_buckets (
  scope    TEXT   NOT NULL,
  subject  BIGINT NOT NULL,
  grain    TEXT   NOT NULL,
  start_ms BIGINT NOT NULL,
  views    BIGINT NOT NULL DEFAULT 0,
  likes    BIGINT NOT NULL DEFAULT 0,
  comments BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, subject, grain, start_ms)
);
CREATE INDEX analytics_buckets_time ON analytics_buckets (grain, scope, start_ms);

-- Envelope ids of consumed events, written in the same transaction as their effect.
CREATE TABLE analytics_seen_events (
  event_id TEXT   PRIMARY KEY,
  seen_at  BIGINT NOT NULL
);
CREATE INDEX analytics_seen_events_time ON analytics_seen_events (seen_at);

-- viewer: 'u:<user id>' or 'v:<visitor id>'; the last counted view of the post by the viewer.
CREATE TABLE analytics_view_dedup (
  viewer     TEXT   NOT NULL,
  post_id    BIGINT NOT NULL,
  counted_at BIGINT NOT NULL,
  PRIMARY KEY (viewer, post_id)
);
CREATE INDEX analytics_view_dedup_time ON analytics_view_dedup (counted_at);

CREATE TABLE analytics_anomalies (
  id         BIGINT PRIMARY KEY,
  kind       TEXT   NOT NULL,
  post_id    BIGINT,
  address    TEXT   NOT NULL,
  viewer     TEXT   NOT NULL,
  score      DOUBLE PRECISION NOT NULL,
  retracted  BIGINT NOT NULL,
  evidence   TEXT   NOT NULL,
  flagged_at BIGINT NOT NULL
);

-- Posts whose counted views changed since their last analytics.post_views event.
CREATE TABLE analytics_views_dirty (
  post_id      BIGINT PRIMARY KEY,
  last_view_at BIGINT NOT NULL
);
