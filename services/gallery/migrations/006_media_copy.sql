-- The gallery's copy of each media item, kept from media.processed (the media service owns the
-- files). status: ready | failed | rejected | pending (ready but awaiting moderation review).
-- variants_json is the served `variants` array [{width,height,url,contentType}] ("[]" unless
-- ready). updated_at is the event's occurredAt: an older event never overwrites a newer one.
CREATE TABLE media_items (
  id             BIGINT PRIMARY KEY,
  owner_id       BIGINT  NOT NULL,
  status         TEXT    NOT NULL,
  width          INTEGER,
  height         INTEGER,
  blurhash       TEXT,
  dominant_color TEXT,
  variants_json  TEXT    NOT NULL,
  updated_at     BIGINT  NOT NULL
);
CREATE INDEX media_items_by_owner ON media_items (owner_id);
