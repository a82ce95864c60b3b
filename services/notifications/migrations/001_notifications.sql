-- The in-app inbox. One row per notification; an aggregated like notification (group_key set,
-- unread) is updated in place as more people like the post and then takes a fresh id, so ids
-- only grow in the order rows were last written (what the live stream resumes from).
CREATE TABLE notifications (
  id            BIGINT  PRIMARY KEY,
  user_id       BIGINT  NOT NULL,
  kind          TEXT    NOT NULL,
  subject_type  TEXT    NOT NULL,
  subject_id    BIGINT  NOT NULL,
  subject_title TEXT    NOT NULL DEFAULT '',
  actor_ids     TEXT    NOT NULL DEFAULT '[]',
  actor_count   BIGINT  NOT NULL DEFAULT 0,
  group_key     TEXT,
  is_read       INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT  NOT NULL
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, is_read, id);
CREATE INDEX notifications_group ON notifications (user_id, group_key, is_read);
CREATE INDEX notifications_subject ON notifications (subject_id);

-- Event ids already handled (delivery is at-least-once): written in the handling transaction.
CREATE TABLE seen_events (
  event_id TEXT   PRIMARY KEY,
  seen_at  BIGINT NOT NULL
);

-- Our copy of who people are (user.signup, profile.updated): actors in the inbox, mail recipients.
CREATE TABLE users (
  user_id      BIGINT PRIMARY KEY,
  handle       TEXT   NOT NULL,
  display_name TEXT   NOT NULL,
  avatar       TEXT,
  email        TEXT   NOT NULL DEFAULT ''
);

-- Our copy of the follow graph (profile.followed / profile.unfollowed): new_post fan-out.
CREATE TABLE follows (
  follower_id BIGINT NOT NULL,
  followee_id BIGINT NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_by_followee ON follows (followee_id, follower_id);

-- Per-category channel choices and digest settings (profile.preferences_updated); absent = defaults.
CREATE TABLE preferences (
  user_id  BIGINT PRIMARY KEY,
  channels TEXT   NOT NULL,
  digest   TEXT   NOT NULL,
  timezone TEXT   NOT NULL
);

-- Posts we heard of: titles for subjects, the like tally and the highest milestone announced.
CREATE TABLE posts (
  post_id    BIGINT PRIMARY KEY,
  author_id  BIGINT NOT NULL,
  title      TEXT   NOT NULL DEFAULT '',
  like_count BIGINT NOT NULL DEFAULT 0,
  milestone  BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE post_likers (
  post_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  PRIMARY KEY (post_id, user_id)
);
CREATE INDEX post_likers_by_user ON post_likers (user_id);

-- Single-use stream tickets (SHA-256 of the ticket, never the ticket itself).
CREATE TABLE stream_tickets (
  ticket_hash TEXT   PRIMARY KEY,
  user_id     BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL
);

-- Users whose user.deleted was handled: late events about them make nothing.
CREATE TABLE deleted_users (
  user_id BIGINT PRIMARY KEY
);
