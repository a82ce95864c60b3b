#include "store/gallery_store.hpp"

#include <cctype>

#include "gallery_migrations.hpp"
#include "logic/post_rules.hpp"
#include "store/gallery_sql.hpp"
#include "store/media_items.hpp"
#include "store/post_rows.hpp"
#include "store/search_index.hpp"
#include "strangeprompt/core/json_text.hpp"
#include "strangeprompt/db/migrations.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::gallery {
namespace {

AuthorCard card_from(const db::Row& row, std::size_t id_col) {
  return AuthorCard{.user_id = row.get_int(id_col),
                    .handle = row.opt_text(id_col + 1),
                    .display_name = row.opt_text(id_col + 2),
                    .avatar = row.opt_text(id_col + 3),
                    .avatar_url = row.opt_text(id_col + 4)};
}

CommentView comment_from_row(const db::Row& r) {
  return CommentView{.id = r.get_int(0),
                     .post_id = r.get_int(1),
                     .author = card_from(r, 2),
                     .body = r.get_text(7),
                     .created_at_ms = r.get_int(8)};
}

Status write_tags(db::Session& tx, int64_t post_id, const std::vector<std::string>& tags) {
  SP_TRY(db::run(tx, sql::kDeleteTags, {post_id}));
  for (const std::string& tag : tags) SP_TRY(db::run(tx, sql::kInsertTag, {tag, post_id}));
  return ok_status();
}

std::vector<std::string> resource_names(const GenerationParams& p) {
  std::vector<std::string> names;
  for (const Resource& r : p.resources) {
    std::string name = r.name;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    names.push_back(std::move(name));
  }
  return names;
}

db::Params params_columns(const GenerationParams& p) {
  return {params_json(p),
          p.tool,
          p.model_name,
          p.model_hash,
          derive_base_model(p.model_name.value_or(""), p.model_hash.value_or("")),
          p.sampler,
          p.steps,
          p.cfg,
          p.width,
          p.height};
}

}  // namespace

std::string post_select() {
  return std::string("SELECT ") + sql::kPostColumns + sql::kPostFrom;
}

void add_viewer_filter(std::string& text, db::Params& params, int64_t viewer) {
  if (viewer == 0) {
    text += sql::kAnonymousFilter;
    return;
  }
  text += sql::kViewerFilter;
  for (int i = 0; i < 5; ++i) params.push_back(viewer);
}

PostView post_from_row(const db::Row& r) {
  PostView p;
  p.id = r.get_int(0);
  p.author = card_from(r, 1);
  p.title = r.get_text(6);
  p.prompt = r.get_text(7);
  p.negative_prompt = r.get_text(8);
  p.params_json = r.get_text(9);
  p.base_model = r.get_text(10);
  p.tags_json = r.get_text(11);
  p.category = r.opt_text(12);
  p.rating = static_cast<ContentRating>(r.get_int(13));
  p.visibility = visibility_from(r.get_text(14)).value_or(Visibility::kPrivate);
  p.images_json = r.get_text(15);
  p.remix_of = r.opt_int(16);
  p.hide_params = r.get_int(17) != 0;
  p.like_count = r.get_int(18);
  p.comment_count = r.get_int(19);
  p.view_count = r.get_int(20);
  p.hot = r.get_double(21);
  p.created_at_ms = r.get_int(22);
  p.published_at_ms = r.opt_int(23);
  p.liked_by_me = r.get_int(24) != 0;
  return p;
}

Result<int> migrate_gallery_store(db::Database& db) {
  SP_ASSIGN_OR_RETURN(int applied, db::migrate(db, "gallery", gallery_migrations()));
  SP_TRY(events::Outbox::ensure_schema(db));
  return applied;
}

FeedAfter feed_keys(FeedSort sort, const PostView& post) {
  switch (sort) {
    case FeedSort::kNew:
      return {.key = post.published_at_ms.value_or(0), .id = post.id};
    case FeedSort::kTop:
      return {.key = post.like_count, .id = post.id};
    case FeedSort::kHot:
      return {.score = post.hot, .id = post.id};
  }
  return {};
}

Result<std::optional<PostView>> GalleryStore::find_post(db::Executor& ex, int64_t viewer,
                                                        int64_t post_id) {
  SP_ASSIGN_OR_RETURN(auto post, db::query_one(ex, post_select() + sql::kPostById,
                                               {viewer, post_id}, post_from_row));
  if (post) SP_TRY(attach_media(ex, {&*post}));
  return post;
}

Result<std::vector<PostView>> GalleryStore::with_media(Result<std::vector<PostView>> rows) {
  if (!rows.ok()) return rows;
  std::vector<PostView*> posts;
  for (PostView& p : *rows) posts.push_back(&p);
  SP_TRY(attach_media(db_, posts));
  return rows;
}

Result<std::vector<PostView>> GalleryStore::feed(const FeedQuery& q) {
  std::string text = post_select();
  db::Params params{q.viewer};
  if (q.own) {
    text += "WHERE p.author_id = ?";
    params.push_back(*q.author);
  } else {
    text += "WHERE p.visibility = 'public'";
    add_viewer_filter(text, params, q.viewer);
    if (q.author) {
      text += " AND p.author_id = ?";
      params.push_back(*q.author);
    }
  }
  if (q.following) {
    text +=
        " AND p.author_id IN (SELECT f.followee_id FROM follows f WHERE f.follower_id = ? "
        "AND f.active = 1)";
    params.push_back(q.viewer);
  }
  if (q.published_since_ms) {
    text += " AND p.published_at >= ?";
    params.push_back(*q.published_since_ms);
  }
  if (q.tag) {
    text += " AND EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag = ?)";
    params.push_back(*q.tag);
  }
  if (q.model) {
    text += " AND p.model_name = ?";
    params.push_back(*q.model);
  }
  if (q.base_model) {
    text += " AND p.base_model = ?";
    params.push_back(*q.base_model);
  }
  // Own lists page by id (drafts have no publication time); feeds by their sort key.
  const char* key = q.own ? "p.id" : (q.sort == FeedSort::kNew ? "p.published_at" : "p.like_count");
  if (q.sort == FeedSort::kHot && !q.own) key = "p.hot";
  if (q.after) {
    if (q.own) {
      text += " AND p.id < ?";
      params.push_back(q.after->id);
    } else {
      text += std::string(" AND (") + key + " < ? OR (" + key + " = ? AND p.id < ?))";
      db::Value v = q.sort == FeedSort::kHot ? db::Value(q.after->score) : db::Value(q.after->key);
      params.push_back(v);
      params.push_back(v);
      params.push_back(q.after->id);
    }
  }
  text += q.own ? " ORDER BY p.id DESC" : std::string(" ORDER BY ") + key + " DESC, p.id DESC";
  text += " LIMIT ?";
  params.push_back(static_cast<int64_t>(q.limit));
  return with_media(db::query_all(db_, text, params, post_from_row));
}

Result<std::vector<PostView>> GalleryStore::remixes(int64_t viewer, int64_t root, int64_t after_id,
                                                    std::size_t limit) {
  std::string text =
      "WITH RECURSIVE lineage(id) AS (SELECT id FROM posts WHERE remix_of = ? UNION "
      "SELECT c.id FROM posts c JOIN lineage l ON c.remix_of = l.id) SELECT ";
  text += std::string(sql::kPostColumns) + sql::kPostFrom +
          "WHERE p.id IN (SELECT id FROM lineage) AND p.visibility = 'public'";
  db::Params params{root, viewer};
  add_viewer_filter(text, params, viewer);
  text += " AND p.id > ? ORDER BY p.id LIMIT ?";
  params.insert(params.end(), {after_id, static_cast<int64_t>(limit)});
  return with_media(db::query_all(db_, text, params, post_from_row));
}

Result<bool> GalleryStore::empty() {
  SP_ASSIGN_OR_RETURN(db::Rows rows, db_.query("SELECT 1 FROM posts LIMIT 1"));
  return rows.empty();
}

Result<std::optional<int64_t>> GalleryStore::user_by_handle(std::string_view handle) {
  return db::query_one(db_, sql::kAuthorByHandle, {handle},
                       [](const db::Row& r) { return r.get_int(0); });
}

Result<bool> GalleryStore::blocked(db::Executor& ex, int64_t blocker, int64_t blocked) {
  SP_ASSIGN_OR_RETURN(db::Rows rows, ex.query(sql::kBlocked, {blocker, blocked}));
  return !rows.empty();
}

Result<std::vector<std::string>> GalleryStore::tags_of(db::Executor& ex, int64_t post_id) {
  return db::query_all(ex, sql::kTagsOfPost, {post_id},
                       [](const db::Row& r) { return r.get_text(0); });
}

Result<std::optional<std::string>> GalleryStore::model_of(db::Executor& ex, int64_t post_id) {
  SP_ASSIGN_OR_RETURN(auto model, db::query_one(ex, sql::kModelOfPost, {post_id},
                                                [](const db::Row& r) { return r.opt_text(0); }));
  return model.value_or(std::nullopt);
}

Status GalleryStore::insert_post(db::Session& tx, int64_t id, int64_t author, const PostDraft& d,
                                 int64_t now_ms, std::optional<int64_t> published_at_ms) {
  db::Params p{id, author, d.title, d.prompt, d.negative_prompt};
  for (db::Value& v : params_columns(d.params)) p.push_back(std::move(v));
  p.insert(p.end(), {strings_json(d.tags), d.category, static_cast<int64_t>(d.rating),
                     to_string(d.visibility), ids_json(d.images), d.remix_of, d.hide_params,
                     hot_score(0, 0, 0, published_at_ms), now_ms, now_ms, published_at_ms});
  SP_TRY(db::run(tx, sql::kInsertPost, p));
  SP_TRY(write_tags(tx, id, d.tags));
  SP_TRY(write_resources(tx, id, resource_names(d.params)));
  return index_post(tx, id);
}

Status GalleryStore::update_post(db::Session& tx, const PostView& post,
                                 const std::vector<std::string>* new_tags,
                                 const GenerationParams* params, int64_t now_ms) {
  const double hot =
      hot_score(post.like_count, post.comment_count, post.view_count, post.published_at_ms);
  SP_TRY(db::run(tx, sql::kUpdatePostText,
                 {post.title, post.prompt, post.negative_prompt, post.tags_json, post.category,
                  static_cast<int64_t>(post.rating), to_string(post.visibility), post.images_json,
                  post.remix_of, post.hide_params, hot, now_ms, post.published_at_ms, post.id}));
  if (params != nullptr) {
    db::Params p = params_columns(*params);
    p.push_back(post.id);
    SP_TRY(db::run(tx, sql::kUpdatePostParams, p));
    SP_TRY(write_resources(tx, post.id, resource_names(*params)));
  }
  if (new_tags != nullptr) SP_TRY(write_tags(tx, post.id, *new_tags));
  return index_post(tx, post.id);
}

Status GalleryStore::delete_post(db::Session& tx, int64_t id) {
  SP_TRY(db::run(tx, sql::kDeleteTags, {id}));
  SP_TRY(db::run(tx, sql::kDeletePostLikes, {id}));
  SP_TRY(db::run(tx, sql::kDeletePostComments, {id}));
  SP_TRY(write_resources(tx, id, {}));
  SP_TRY(unindex_post(tx, id));
  SP_TRY(db::run(tx, sql::kDeletePostFromCollections, {id}));
  return db::run(tx, sql::kDeletePost, {id});
}

Result<int64_t> GalleryStore::refresh_hot(db::Session& tx, int64_t post_id) {
  SP_ASSIGN_OR_RETURN(db::Rows rows, tx.query(sql::kCounts, {post_id}));
  if (rows.empty()) return Error::not_found("post not found");
  const db::Row& r = rows[0];
  SP_TRY(db::run(tx, sql::kSetHot,
                 {hot_score(r.get_int(0), r.get_int(1), r.get_int(2), r.opt_int(3)), post_id}));
  return r.get_int(4);
}

Result<bool> GalleryStore::add_like(db::Session& tx, int64_t post_id, int64_t user,
                                    int64_t now_ms) {
  SP_ASSIGN_OR_RETURN(int64_t added, tx.execute(sql::kInsertLike, {post_id, user, now_ms}));
  if (added != 1) return false;
  SP_TRY(db::run(tx, sql::kAddLikes, {1, post_id}));
  return true;
}

Result<bool> GalleryStore::remove_like(db::Session& tx, int64_t post_id, int64_t user) {
  SP_ASSIGN_OR_RETURN(int64_t removed, tx.execute(sql::kDeleteLike, {post_id, user}));
  if (removed != 1) return false;
  SP_TRY(db::run(tx, sql::kAddLikes, {-1, post_id}));
  return true;
}

Status GalleryStore::insert_comment(db::Session& tx, int64_t id, int64_t post_id, int64_t author,
                                    const std::string& body, int64_t now_ms) {
  SP_TRY(db::run(tx, sql::kInsertComment, {id, post_id, author, body, now_ms}));
  return db::run(tx, sql::kAddComments, {1, post_id});
}

Result<bool> GalleryStore::delete_comment(db::Session& tx, int64_t id, int64_t post_id) {
  SP_ASSIGN_OR_RETURN(bool removed, db::changed_one(tx, sql::kDeleteComment, {id}));
  if (removed) SP_TRY(db::run(tx, sql::kAddComments, {-1, post_id}));
  return removed;
}

Result<std::optional<CommentView>> GalleryStore::find_comment(db::Executor& ex, int64_t id) {
  return db::query_one(ex, sql::kCommentById, {id}, comment_from_row);
}

Result<std::vector<CommentView>> GalleryStore::comments(int64_t post_id, int64_t after_id,
                                                        std::size_t limit) {
  return db::query_all(db_, sql::kCommentsOfPost, {post_id, after_id, static_cast<int64_t>(limit)},
                       comment_from_row);
}

}  // namespace sp::gallery
