#include "store/profile_store.hpp"

#include <boost/json.hpp>

#include "profile_migrations.hpp"
#include "store/profile_sql.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/db/migrations.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::profile {
namespace {

namespace json = boost::json;

std::string strings_json(const std::vector<std::string>& values) {
  JsonWriter w;
  w.strings(values);
  return std::move(w).take();
}

// Stored JSON is written by this store only; anything else reads as empty.
std::vector<std::string> strings_from(const std::string& text) {
  std::vector<std::string> out;
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
  return out;
}

std::string notifications_json(const std::map<std::string, Channels>& notifications) {
  JsonWriter w;
  w.begin_object();
  for (const auto& [category, channels] : notifications) {
    w.key(category).begin_object();
    w.key("inApp").boolean(channels.in_app).key("email").boolean(channels.email);
    w.end_object();
  }
  w.end_object();
  return std::move(w).take();
}

std::map<std::string, Channels> notifications_from(const std::string& text) {
  std::map<std::string, Channels> out;
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [category, value] : v.get_object()) {
    const json::object* o = value.if_object();
    if (o == nullptr) continue;
    Channels c;
    if (const auto* b = o->if_contains("inApp"); b && b->is_bool()) c.in_app = b->get_bool();
    if (const auto* b = o->if_contains("email"); b && b->is_bool()) c.email = b->get_bool();
    out[std::string(category)] = c;
  }
  return out;
}

std::optional<std::string> text_or_null(const db::Row& row, std::size_t column) {
  if (row.is_null(column)) return std::nullopt;
  return row.get_text(column);
}

Profile profile_from(const db::Row& row) {
  Profile p{.user_id = row.get_int(0),
            .handle = row.get_text(1),
            .display_name = row.get_text(2),
            .bio = row.get_text(3),
            .avatar = row.is_null(4) ? std::nullopt : std::optional<int64_t>(row.get_int(4)),
            .avatar_url = text_or_null(row, 11),
            .links = strings_from(row.get_text(5)),
            .followers_count = row.get_int(6),
            .following_count = row.get_int(7),
            .posts_count = row.get_int(8),
            .joined_at_ms = row.get_int(9),
            .updated_at_ms = row.get_int(10)};
  return p;
}

ListedUser listed_from(const db::Row& row) {
  return ListedUser{
      .edge_id = row.get_int(0),
      .edge_created_at_ms = row.get_int(1),
      .handle = row.get_text(2),
      .display_name = row.get_text(3),
      .avatar = row.is_null(4) ? std::nullopt : std::optional<int64_t>(row.get_int(4)),
      .avatar_url = text_or_null(row, 5)};
}

std::optional<std::string> avatar_text(const std::optional<int64_t>& avatar) {
  if (!avatar) return std::nullopt;
  return std::to_string(*avatar);
}

}  // namespace

Result<int> migrate_profile_store(db::Database& db) {
  return db::migrate(db, "profile", profile_migrations());
}

Result<std::optional<Profile>> ProfileReads::find_by_id(int64_t user_id) {
  return db::query_one(x_, sql::kFindById, {user_id}, profile_from);
}

Result<std::optional<Profile>> ProfileReads::find_by_handle(std::string_view handle) {
  return db::query_one(x_, sql::kFindByHandle, {handle}, profile_from);
}

Result<Relation> ProfileReads::relation(int64_t viewer, int64_t other) {
  SP_ASSIGN_OR_RETURN(db::Rows rows,
                      x_.query(sql::kRelation, {viewer, other, viewer, other, other, viewer}));
  if (rows.empty()) return Relation{};
  return Relation{.following = rows[0].get_int(0) > 0,
                  .blocking = rows[0].get_int(1) > 0,
                  .blocked_by = rows[0].get_int(2) > 0};
}

Result<std::vector<ListedUser>> ProfileReads::list(const char* statement, int64_t user_id,
                                                   const std::optional<EdgeKey>& after,
                                                   std::size_t limit) {
  const EdgeKey from = after.value_or(EdgeKey{.created_at_ms = -1, .id = -1});
  return db::query_all(
      x_, statement,
      {user_id, from.created_at_ms, from.created_at_ms, from.id, static_cast<int64_t>(limit)},
      listed_from);
}

Result<std::vector<ListedUser>> ProfileReads::followers(int64_t user_id,
                                                        const std::optional<EdgeKey>& after,
                                                        std::size_t limit) {
  return list(sql::kFollowers, user_id, after, limit);
}

Result<std::vector<ListedUser>> ProfileReads::following(int64_t user_id,
                                                        const std::optional<EdgeKey>& after,
                                                        std::size_t limit) {
  return list(sql::kFollowing, user_id, after, limit);
}

Result<std::vector<ListedUser>> ProfileReads::blocks(int64_t user_id,
                                                     const std::optional<EdgeKey>& after,
                                                     std::size_t limit) {
  return list(sql::kBlocks, user_id, after, limit);
}

Result<std::optional<Preferences>> ProfileReads::preferences(int64_t user_id) {
  SP_ASSIGN_OR_RETURN(auto stored,
                      db::query_one(x_, sql::kFindPreferences, {user_id}, [](const db::Row& row) {
                        Preferences p;
                        p.content_rating = row.get_text(0);
                        p.explicit_opt_in = row.get_int(1) != 0;
                        p.hidden_tags = strings_from(row.get_text(2));
                        p.digest = row.get_text(3);
                        p.notifications = notifications_from(row.get_text(4));
                        p.timezone = row.get_text(5);
                        p.updated_at_ms = row.get_int(6);
                        return p;
                      }));
  if (!stored) return stored;
  SP_ASSIGN_OR_RETURN(db::Rows hidden, x_.query(sql::kHiddenCreators, {user_id}));
  for (const auto& row : hidden) {
    stored->hidden_creator_ids.push_back(row.get_int(0));
    stored->hidden_creator_handles.push_back(row.get_text(1));
  }
  return stored;
}

Result<bool> ProfileReads::is_deleted_user(int64_t user_id) {
  SP_ASSIGN_OR_RETURN(db::Rows rows, x_.query(sql::kIsDeleted, {user_id}));
  return !rows.empty();
}

Result<std::vector<int64_t>> ProfileReads::neighbours(int64_t user_id) {
  return db::query_all(x_, sql::kNeighbours, {user_id, user_id},
                       [](const db::Row& row) { return row.get_int(0); });
}

Result<bool> ProfileWrites::insert_profile(int64_t user_id, std::string_view handle,
                                           int64_t now_ms) {
  return db::changed_one(session_, sql::kInsertProfile, {user_id, handle, handle, now_ms, now_ms});
}

Status ProfileWrites::update_profile(const Profile& p) {
  return db::run(session_, sql::kUpdateProfile,
                 {p.display_name, p.bio, avatar_text(p.avatar), strings_json(p.links),
                  p.updated_at_ms, p.user_id});
}

Result<bool> ProfileWrites::lock_profile(int64_t user_id) {
  return db::changed_one(session_, sql::kLockProfile, {user_id});
}

Result<bool> ProfileWrites::insert_follow(int64_t id, int64_t follower, int64_t followee,
                                          int64_t now_ms) {
  return db::changed_one(session_, sql::kInsertFollow, {id, follower, followee, now_ms});
}

Result<bool> ProfileWrites::delete_follow(int64_t follower, int64_t followee) {
  return db::changed_one(session_, sql::kDeleteFollow, {follower, followee});
}

Status ProfileWrites::add_to_follow_counts(int64_t follower, int64_t followee, int64_t delta) {
  SP_TRY(db::run(session_, sql::kAddFollowers, {delta, followee}));
  return db::run(session_, sql::kAddFollowing, {delta, follower});
}

Result<bool> ProfileWrites::insert_block(int64_t id, int64_t blocker, int64_t blocked,
                                         int64_t now_ms) {
  return db::changed_one(session_, sql::kInsertBlock, {id, blocker, blocked, now_ms});
}

Result<bool> ProfileWrites::delete_block(int64_t blocker, int64_t blocked) {
  return db::changed_one(session_, sql::kDeleteBlock, {blocker, blocked});
}

Status ProfileWrites::save_preferences(int64_t user_id, const Preferences& p) {
  SP_TRY(db::run(session_, sql::kUpsertPreferences,
                 {user_id, p.content_rating, p.explicit_opt_in, strings_json(p.hidden_tags),
                  p.digest, notifications_json(p.notifications), p.timezone, p.updated_at_ms}));
  SP_TRY(db::run(session_, sql::kClearHiddenCreators, {user_id}));
  for (int64_t creator : p.hidden_creator_ids) {
    SP_TRY(db::run(session_, sql::kInsertHiddenCreator, {user_id, creator}));
  }
  return ok_status();
}

Result<bool> ProfileWrites::count_post(int64_t post_id, int64_t author_id) {
  SP_ASSIGN_OR_RETURN(bool fresh, db::changed_one(session_, sql::kCountPost, {post_id, author_id}));
  if (fresh) SP_TRY(db::run(session_, sql::kAddPost, {author_id}));
  return fresh;
}

Status ProfileWrites::remove_user(int64_t user_id, int64_t now_ms) {
  SP_TRY(db::run(session_, sql::kMarkDeleted, {user_id, now_ms}));
  SP_TRY(db::run(session_, sql::kDropFollowersOfFollowees, {user_id}));
  SP_TRY(db::run(session_, sql::kDropFollowingOfFollowers, {user_id}));
  SP_TRY(db::run(session_, sql::kDeleteFollowsOf, {user_id, user_id}));
  SP_TRY(db::run(session_, sql::kDeleteBlocksOf, {user_id, user_id}));
  SP_TRY(db::run(session_, sql::kDeleteHiddenOf, {user_id, user_id}));
  SP_TRY(db::run(session_, sql::kDeletePreferences, {user_id}));
  SP_TRY(db::run(session_, sql::kDeleteCountedPosts, {user_id}));
  SP_TRY(db::run(session_, sql::kDeleteAvatarMediaOf, {user_id}));
  return db::run(session_, sql::kDeleteProfile, {user_id});
}

Status ProfileWrites::enqueue(const events::Envelope& envelope) {
  return events::Outbox::enqueue(session_, envelope);
}

Status ProfileStore::transact(const std::function<Status(ProfileWrites&)>& body) {
  return db_.transact([&](db::Session& session) -> Status {
    ProfileWrites writes(session);
    return body(writes);
  });
}

Result<std::optional<AvatarMedia>> ProfileReads::avatar_media(int64_t media_id) {
  return db::query_one(x_, sql::kAvatarMedia, {std::to_string(media_id)}, [&](const db::Row& r) {
    return AvatarMedia{.media_id = media_id,
                       .owner_id = r.get_int(0),
                       .usable = r.get_int(1) != 0,
                       .url = text_or_null(r, 2),
                       .updated_at_ms = 0};
  });
}

Status ProfileWrites::save_avatar_media(const AvatarMedia& media) {
  return db::run(session_, sql::kUpsertAvatarMedia,
                 {std::to_string(media.media_id), media.owner_id,
                  static_cast<int64_t>(media.usable ? 1 : 0), media.url, media.updated_at_ms});
}

}  // namespace sp::profile
