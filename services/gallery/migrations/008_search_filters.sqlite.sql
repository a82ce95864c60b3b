-- Search with words and structured filters (steps, cfg, aspect, rating, period, creator, base
-- model): the filters are tested on each full-text match, newest first, until the candidate cap
-- passes. posts.id is not SQLite's rowid, so each test read the post's row through the primary
-- key index, and a post row (prompt, parameters, media) is large: at a million posts the walk
-- read a table page per match. This index covers the columns those filters and the viewer's
-- filter read, 50 bytes a post, so the walk stays in a small, cached index and only the
-- candidates that pass read their full row. (PostgreSQL finds the matches through the GIN index
-- and tests them on the heap rows it reads anyway.)
CREATE INDEX posts_search_filters ON posts (id, visibility, content_rating, author_id, steps, cfg,
                                            width, height, published_at, base_model);
