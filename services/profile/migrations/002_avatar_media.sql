-- The media an avatar may name, from media.processed: whose it is, whether it may be shown
-- (ready and moderation-approved) and the URL of the variant profiles render. media_id is text,
-- as profiles.avatar is, so the two join directly.
CREATE TABLE avatar_media (
  media_id   TEXT    PRIMARY KEY,
  owner_id   BIGINT  NOT NULL,
  usable     INTEGER NOT NULL,
  url        TEXT,
  updated_at BIGINT  NOT NULL
);
CREATE INDEX avatar_media_by_owner ON avatar_media (owner_id);
