-- Collections: a user's named lists of posts, public or private.
CREATE TABLE collections (
  id         BIGINT PRIMARY KEY,
  owner_id   BIGINT  NOT NULL,
  name       TEXT    NOT NULL,
  is_public  INTEGER NOT NULL,
  created_at BIGINT  NOT NULL,
  updated_at BIGINT  NOT NULL
);
CREATE INDEX collections_by_owner ON collections (owner_id, id);
CREATE TABLE collection_posts (
  collection_id BIGINT NOT NULL,
  post_id       BIGINT NOT NULL,
  added_at      BIGINT NOT NULL,
  PRIMARY KEY (collection_id, post_id)
);
CREATE INDEX collection_posts_by_post ON collection_posts (post_id);
