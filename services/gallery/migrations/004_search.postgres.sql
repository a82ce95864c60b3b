-- Full-text search (tsvector + GIN, 'simple' configuration: prompts mix languages and model
-- jargon that stemming would mangle): one row per post, kept by the store in the transactions
-- that write posts and author handles. Weights: title A, tags and handle B, prompt C.
CREATE TABLE post_search (
  post_id BIGINT PRIMARY KEY,
  doc     TSVECTOR NOT NULL
);
CREATE INDEX post_search_doc ON post_search USING GIN (doc);
INSERT INTO post_search (post_id, doc)
  SELECT p.id, setweight(to_tsvector('simple', p.title), 'A') ||
               setweight(to_tsvector('simple', p.tags_json), 'B') ||
               setweight(to_tsvector('simple', COALESCE(a.handle, '')), 'B') ||
               setweight(to_tsvector('simple', p.prompt), 'C')
  FROM posts p LEFT JOIN authors a ON a.user_id = p.author_id;
CREATE TABLE post_resources (
  name    TEXT   NOT NULL,
  post_id BIGINT NOT NULL,
  PRIMARY KEY (name, post_id)
);
CREATE INDEX post_resources_by_post ON post_resources (post_id);
