-- Likes (one per user and post) and comments; posts.like_count / comment_count are kept equal to
-- these rows in the same transactions.
CREATE TABLE likes (
  post_id    BIGINT NOT NULL,
  user_id    BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (post_id, user_id)
);
CREATE INDEX likes_by_user ON likes (user_id);

CREATE TABLE comments (
  id         BIGINT PRIMARY KEY,
  post_id    BIGINT NOT NULL,
  author_id  BIGINT NOT NULL,
  body       TEXT   NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX comments_by_post ON comments (post_id, id);
CREATE INDEX comments_by_author ON comments (author_id);
