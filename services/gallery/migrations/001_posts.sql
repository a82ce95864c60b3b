-- Posts. params_json is the `params` object as served; the columns beside it are the parameters
-- feeds and search filter on. tags_json is the served list; post_tags indexes it.
CREATE TABLE posts (
  id              BIGINT PRIMARY KEY,
  author_id       BIGINT  NOT NULL,
  title           TEXT    NOT NULL,
  prompt          TEXT    NOT NULL,
  negative_prompt TEXT    NOT NULL,
  params_json     TEXT    NOT NULL,
  tool            TEXT,
  model_name      TEXT,
  model_hash      TEXT,
  base_model      TEXT    NOT NULL,
  sampler         TEXT,
  steps           INTEGER,
  cfg             DOUBLE PRECISION,
  width           INTEGER,
  height          INTEGER,
  tags_json       TEXT    NOT NULL,
  category        TEXT,
  content_rating  INTEGER NOT NULL,
  visibility      TEXT    NOT NULL,
  images_json     TEXT    NOT NULL,
  remix_of        BIGINT,
  hide_params     INTEGER NOT NULL,
  like_count      BIGINT  NOT NULL DEFAULT 0,
  comment_count   BIGINT  NOT NULL DEFAULT 0,
  view_count      BIGINT  NOT NULL DEFAULT 0,
  hot             DOUBLE PRECISION NOT NULL DEFAULT 0,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  published_at    BIGINT
);
CREATE INDEX posts_by_author ON posts (author_id, id);
CREATE INDEX posts_new ON posts (visibility, published_at, id);
CREATE INDEX posts_hot ON posts (visibility, hot, id);
CREATE INDEX posts_top ON posts (visibility, like_count, id);
CREATE INDEX posts_remix_of ON posts (remix_of);

CREATE TABLE post_tags (
  tag     TEXT   NOT NULL,
  post_id BIGINT NOT NULL,
  PRIMARY KEY (tag, post_id)
);
CREATE INDEX post_tags_by_post ON post_tags (post_id);
