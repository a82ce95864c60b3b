#pragma once
// The gallery's SQL, one named constant per statement (`?` placeholders on every engine).
namespace sp::gallery::sql {

// A post as a viewer reads it (SELECT kPostColumns kPostFrom ...); the first parameter is the
// viewer (0: anonymous) for likedByMe.
inline constexpr const char* kPostColumns =
    "p.id, p.author_id, a.handle, a.display_name, a.avatar, a.avatar_url, p.title, p.prompt, "
    "p.negative_prompt, p.params_json, p.base_model, p.tags_json, p.category, p.content_rating, "
    "p.visibility, p.images_json, p.remix_of, p.hide_params, p.like_count, p.comment_count, "
    "p.view_count, p.hot, p.created_at, p.published_at, "
    "CASE WHEN EXISTS (SELECT 1 FROM likes l WHERE l.post_id = p.id AND l.user_id = ?) "
    "THEN 1 ELSE 0 END AS liked";
inline constexpr const char* kPostFrom =
    " FROM posts p LEFT JOIN authors a ON a.user_id = p.author_id ";

inline constexpr const char* kPostById = "WHERE p.id = ?";

// What a feed hides from a viewer (parameters: viewer x5): posts above their content rating
// (default soft), by creators they blocked or who blocked them, by creators they hide, and
// carrying a tag they hide.
inline constexpr const char* kViewerFilter =
    " AND p.content_rating <= COALESCE((SELECT v.content_rating FROM viewer_prefs v "
    "WHERE v.user_id = ?), 1)"
    " AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.active = 1 AND ((b.blocker_id = ? AND "
    "b.blocked_id = p.author_id) OR (b.blocker_id = p.author_id AND b.blocked_id = ?)))"
    " AND NOT EXISTS (SELECT 1 FROM hidden_creators h WHERE h.user_id = ? AND "
    "h.creator_id = p.author_id)"
    " AND NOT EXISTS (SELECT 1 FROM post_tags t JOIN hidden_tags ht ON ht.tag = t.tag "
    "WHERE t.post_id = p.id AND ht.user_id = ?)";

// The same for an anonymous viewer (0), who has no preferences, blocks or hidden lists: the
// default rating only (no parameters). Exactly kViewerFilter's result for viewer 0, without its
// four correlated subqueries per row.
inline constexpr const char* kAnonymousFilter = " AND p.content_rating <= 1";

inline constexpr const char* kInsertPost =
    "INSERT INTO posts (id, author_id, title, prompt, negative_prompt, params_json, tool, "
    "model_name, model_hash, base_model, sampler, steps, cfg, width, height, tags_json, category, "
    "content_rating, visibility, images_json, remix_of, hide_params, hot, created_at, updated_at, "
    "published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?)";
inline constexpr const char* kUpdatePostText =
    "UPDATE posts SET title = ?, prompt = ?, negative_prompt = ?, tags_json = ?, category = ?, "
    "content_rating = ?, visibility = ?, images_json = ?, remix_of = ?, hide_params = ?, "
    "hot = ?, updated_at = ?, published_at = ? WHERE id = ?";
inline constexpr const char* kUpdatePostParams =
    "UPDATE posts SET params_json = ?, tool = ?, model_name = ?, model_hash = ?, base_model = ?, "
    "sampler = ?, steps = ?, cfg = ?, width = ?, height = ? WHERE id = ?";
inline constexpr const char* kInsertResource =
    "INSERT INTO post_resources (name, post_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* kDeleteResources = "DELETE FROM post_resources WHERE post_id = ?";
inline constexpr const char* kInsertTag = "INSERT INTO post_tags (tag, post_id) VALUES (?, ?)";
// Tags in their stored order is not kept by post_tags: the served list is read from tags_json
// by the logic; this is for re-writing the index.
inline constexpr const char* kTagsOfPost =
    "SELECT tag FROM post_tags WHERE post_id = ? ORDER BY tag";
inline constexpr const char* kModelOfPost = "SELECT model_name FROM posts WHERE id = ?";
inline constexpr const char* kDeleteTags = "DELETE FROM post_tags WHERE post_id = ?";
inline constexpr const char* kDeletePost = "DELETE FROM posts WHERE id = ?";
inline constexpr const char* kDeletePostFromCollections =
    "DELETE FROM collection_posts WHERE post_id = ?";
inline constexpr const char* kDeleteCollectionEntriesOf =
    "DELETE FROM collection_posts WHERE collection_id IN "
    "(SELECT id FROM collections WHERE owner_id = ?)";
inline constexpr const char* kDeleteCollectionsOf = "DELETE FROM collections WHERE owner_id = ?";
inline constexpr const char* kDeletePostLikes = "DELETE FROM likes WHERE post_id = ?";
inline constexpr const char* kDeletePostComments = "DELETE FROM comments WHERE post_id = ?";

// Counts of one post after a change, to recompute its hot score.
inline constexpr const char* kCounts =
    "SELECT like_count, comment_count, view_count, published_at, author_id FROM posts "
    "WHERE id = ?";
inline constexpr const char* kSetHot = "UPDATE posts SET hot = ? WHERE id = ?";

inline constexpr const char* kInsertLike =
    "INSERT INTO likes (post_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* kDeleteLike = "DELETE FROM likes WHERE post_id = ? AND user_id = ?";
inline constexpr const char* kAddLikes =
    "UPDATE posts SET like_count = like_count + ? WHERE id = ?";

inline constexpr const char* kInsertComment =
    "INSERT INTO comments (id, post_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)";
inline constexpr const char* kDeleteComment = "DELETE FROM comments WHERE id = ?";
inline constexpr const char* kAddComments =
    "UPDATE posts SET comment_count = comment_count + ? WHERE id = ?";
inline constexpr const char* kCommentById =
    "SELECT c.id, c.post_id, c.author_id, a.handle, a.display_name, a.avatar, a.avatar_url, "
    "c.body, "
    "c.created_at FROM comments c LEFT JOIN authors a ON a.user_id = c.author_id WHERE c.id = ?";
inline constexpr const char* kCommentsOfPost =
    "SELECT c.id, c.post_id, c.author_id, a.handle, a.display_name, a.avatar, a.avatar_url, "
    "c.body, "
    "c.created_at FROM comments c LEFT JOIN authors a ON a.user_id = c.author_id "
    "WHERE c.post_id = ? AND c.id > ? ORDER BY c.id LIMIT ?";

inline constexpr const char* kBlocked =
    "SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ? AND active = 1";
inline constexpr const char* kAuthorByHandle =
    "SELECT user_id FROM authors WHERE handle = ? ORDER BY updated_at DESC LIMIT 1";

// The profile copy. Upserts apply only events at least as new as the row.
inline constexpr const char* kSignupAuthor =
    "INSERT INTO authors (user_id, handle, display_name, avatar, updated_at) "
    "VALUES (?, ?, NULL, NULL, ?) ON CONFLICT (user_id) DO NOTHING";
inline constexpr const char* kUpsertAuthor =
    "INSERT INTO authors (user_id, handle, display_name, avatar, avatar_url, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET handle = excluded.handle, "
    "display_name = excluded.display_name, avatar = excluded.avatar, "
    "avatar_url = excluded.avatar_url, "
    "updated_at = excluded.updated_at WHERE authors.updated_at <= excluded.updated_at";
inline constexpr const char* kPrefsTime = "SELECT updated_at FROM viewer_prefs WHERE user_id = ?";
inline constexpr const char* kUpsertPrefs =
    "INSERT INTO viewer_prefs (user_id, content_rating, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (user_id) DO UPDATE SET content_rating = excluded.content_rating, "
    "updated_at = excluded.updated_at";
inline constexpr const char* kClearHiddenTags = "DELETE FROM hidden_tags WHERE user_id = ?";
inline constexpr const char* kAddHiddenTag =
    "INSERT INTO hidden_tags (user_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* kClearHiddenCreators = "DELETE FROM hidden_creators WHERE user_id = ?";
inline constexpr const char* kAddHiddenCreator =
    "INSERT INTO hidden_creators (user_id, creator_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* kUpsertBlock =
    "INSERT INTO blocks (blocker_id, blocked_id, active, at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (blocker_id, blocked_id) DO UPDATE SET active = excluded.active, "
    "at = excluded.at WHERE blocks.at <= excluded.at";
inline constexpr const char* kUpsertFollow =
    "INSERT INTO follows (follower_id, followee_id, active, at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (follower_id, followee_id) DO UPDATE SET active = excluded.active, "
    "at = excluded.at WHERE follows.at <= excluded.at";

// user.deleted: the posts others liked or commented on get their counts recounted.
inline constexpr const char* kPostsLikedBy = "SELECT post_id FROM likes WHERE user_id = ?";
inline constexpr const char* kPostsCommentedBy =
    "SELECT DISTINCT post_id FROM comments WHERE author_id = ?";
inline constexpr const char* kPostsOf = "SELECT id FROM posts WHERE author_id = ?";
inline constexpr const char* kPublicPostsOf =
    "SELECT id FROM posts WHERE author_id = ? AND visibility = 'public'";
inline constexpr const char* kDeleteLikesBy = "DELETE FROM likes WHERE user_id = ?";
inline constexpr const char* kDeleteCommentsBy = "DELETE FROM comments WHERE author_id = ?";
inline constexpr const char* kRecount =
    "UPDATE posts SET like_count = (SELECT COUNT(*) FROM likes l WHERE l.post_id = posts.id), "
    "comment_count = (SELECT COUNT(*) FROM comments c WHERE c.post_id = posts.id) WHERE id = ?";
inline constexpr const char* kDeleteAuthor = "DELETE FROM authors WHERE user_id = ?";
inline constexpr const char* kDeletePrefs = "DELETE FROM viewer_prefs WHERE user_id = ?";
inline constexpr const char* kDeleteBlocksOf =
    "DELETE FROM blocks WHERE blocker_id = ? OR blocked_id = ?";
inline constexpr const char* kDeleteFollowsOf =
    "DELETE FROM follows WHERE follower_id = ? OR followee_id = ?";
inline constexpr const char* kDeleteHiddenCreatorsOf =
    "DELETE FROM hidden_creators WHERE user_id = ? OR creator_id = ?";

}  // namespace sp::gallery::sql
