-- Full-text search (FTS5): one row per post, rowid = post id, kept by the store in the
-- transactions that write posts and author handles. post_resources indexes params.resources.
CREATE VIRTUAL TABLE post_search USING fts5(title, prompt, tags, handle, tokenize = 'unicode61');
INSERT INTO post_search (rowid, title, prompt, tags, handle)
  SELECT p.id, p.title, p.prompt, p.tags_json, COALESCE(a.handle, '')
  FROM posts p LEFT JOIN authors a ON a.user_id = p.author_id;
CREATE TABLE post_resources (
  name    TEXT   NOT NULL,
  post_id BIGINT NOT NULL,
  PRIMARY KEY (name, post_id)
);
CREATE INDEX post_resources_by_post ON post_resources (post_id);
