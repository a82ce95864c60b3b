-- Every search word is a prefix ("fox"*). FTS5 answers a prefix without a prefix index by merging
-- the doclists of every term that starts with it, built in full before the first row: a short
-- prefix of a common word cost seconds at a million posts. prefix = '2 3' adds index entries for
-- the 2- and 3-character prefixes of every term, so type-ahead on short prefixes reads one
-- doclist. Same columns and rowid (= post id) as before.
DROP TABLE post_search;
CREATE VIRTUAL TABLE post_search USING fts5(title, prompt, tags, handle, tokenize = 'unicode61',
                                            prefix = '2 3');
INSERT INTO post_search (rowid, title, prompt, tags, handle)
  SELECT p.id, p.title, p.prompt, p.tags_json, COALESCE(a.handle, '')
  FROM posts p LEFT JOIN authors a ON a.user_id = p.author_id;
