-- The gallery's own copy of what the profile service publishes (user.signup, profile.* events).
-- Each row remembers the event time it reflects, so a redelivered older event changes nothing.
CREATE TABLE authors (
  user_id      BIGINT PRIMARY KEY,
  handle       TEXT   NOT NULL,
  display_name TEXT,
  avatar       TEXT,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX authors_by_handle ON authors (handle);

CREATE TABLE viewer_prefs (
  user_id        BIGINT PRIMARY KEY,
  content_rating INTEGER NOT NULL,
  updated_at     BIGINT  NOT NULL
);
CREATE TABLE hidden_tags (
  user_id BIGINT NOT NULL,
  tag     TEXT   NOT NULL,
  PRIMARY KEY (user_id, tag)
);
CREATE TABLE hidden_creators (
  user_id    BIGINT NOT NULL,
  creator_id BIGINT NOT NULL,
  PRIMARY KEY (user_id, creator_id)
);
-- active = 0 keeps the time of an unblock / unfollow so an older block / follow cannot revive it.
CREATE TABLE blocks (
  blocker_id BIGINT  NOT NULL,
  blocked_id BIGINT  NOT NULL,
  active     INTEGER NOT NULL,
  at         BIGINT  NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX blocks_by_blocked ON blocks (blocked_id);
CREATE TABLE follows (
  follower_id BIGINT  NOT NULL,
  followee_id BIGINT  NOT NULL,
  active      INTEGER NOT NULL,
  at          BIGINT  NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
