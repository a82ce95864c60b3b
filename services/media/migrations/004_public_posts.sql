-- The gallery's public posts as far as media visibility needs them, learnt from
-- gallery.post.published / gallery.post.revised / gallery.post.withdrawn. One row per post ever
-- heard of (a withdrawn post keeps its row with is_public = 0, so an older event arriving late
-- changes nothing): the newest event applied wins, ordered by (event_at, event_id).
CREATE TABLE media_posts (
  post_id    BIGINT PRIMARY KEY,
  author_id  BIGINT NOT NULL,
  is_public  INTEGER NOT NULL,
  event_at   BIGINT NOT NULL,
  event_id   TEXT NOT NULL
);
CREATE INDEX media_posts_author ON media_posts (author_id);
-- The images of each post that is public now (none kept for a withdrawn post).
CREATE TABLE media_post_images (
  post_id   BIGINT NOT NULL,
  media_id  BIGINT NOT NULL,
  PRIMARY KEY (post_id, media_id)
);
CREATE INDEX media_post_images_media ON media_post_images (media_id);
