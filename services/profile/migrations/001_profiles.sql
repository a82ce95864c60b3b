-- Profiles, made from user.signup (the handle comes from the event; auth's tables are never read).
-- Counts are kept in the row and changed only in the transaction that inserts or deletes an edge.
CREATE TABLE profiles (
  user_id         BIGINT PRIMARY KEY,
  handle          TEXT   NOT NULL UNIQUE,
  display_name    TEXT   NOT NULL,
  bio             TEXT   NOT NULL DEFAULT '',
  avatar          TEXT,
  links           TEXT   NOT NULL DEFAULT '[]',
  followers_count BIGINT NOT NULL DEFAULT 0,
  following_count BIGINT NOT NULL DEFAULT 0,
  posts_count     BIGINT NOT NULL DEFAULT 0,
  joined_at       BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);

-- Follow edges. created_at is the edge id's own timestamp, so (created_at, id) only grows.
CREATE TABLE follows (
  id          BIGINT PRIMARY KEY,
  follower_id BIGINT NOT NULL,
  followee_id BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  UNIQUE (follower_id, followee_id)
);
CREATE INDEX follows_by_followee ON follows (followee_id, created_at, id);
CREATE INDEX follows_by_follower ON follows (follower_id, created_at, id);

CREATE TABLE blocks (
  id         BIGINT PRIMARY KEY,
  blocker_id BIGINT NOT NULL,
  blocked_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (blocker_id, blocked_id)
);
CREATE INDEX blocks_by_blocker ON blocks (blocker_id, created_at, id);
CREATE INDEX blocks_by_blocked ON blocks (blocked_id);

-- One row once the user changed a preference; absent means every default.
CREATE TABLE preferences (
  user_id         BIGINT  PRIMARY KEY,
  content_rating  TEXT    NOT NULL,
  explicit_opt_in INTEGER NOT NULL,
  hidden_tags     TEXT    NOT NULL,
  digest          TEXT    NOT NULL,
  notifications   TEXT    NOT NULL,
  timezone        TEXT    NOT NULL,
  updated_at      BIGINT  NOT NULL
);
CREATE TABLE hidden_creators (
  user_id    BIGINT NOT NULL,
  creator_id BIGINT NOT NULL,
  PRIMARY KEY (user_id, creator_id)
);
CREATE INDEX hidden_creators_by_creator ON hidden_creators (creator_id);

-- Posts already counted in posts_count (gallery.post.published arrives at least once).
CREATE TABLE counted_posts (
  post_id   BIGINT PRIMARY KEY,
  author_id BIGINT NOT NULL
);

-- Users whose user.deleted was handled: a late user.signup (another topic) makes no profile.
CREATE TABLE deleted_users (
  user_id    BIGINT PRIMARY KEY,
  deleted_at BIGINT NOT NULL
);
