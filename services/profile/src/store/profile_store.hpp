#pragma once
// The profile service's SQL store over db::Database (SQLite or PostgreSQL). ProfileReads runs on
// any Executor (the database's pooled readers, or a transaction); ProfileWrites adds the writes
// and the outbox, and exists only inside ProfileStore::transact. "Not found" is an empty
// optional, never an error.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/records.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::events {
struct Envelope;
}

namespace sp::profile {

// Applies the profile service's migrations; returns how many were applied.
Result<int> migrate_profile_store(db::Database& db);

class ProfileReads {
 public:
  explicit ProfileReads(db::Executor& executor) : x_(executor) {}

  Result<std::optional<Profile>> find_by_id(int64_t user_id);
  // `handle` as stored (lower-case).
  Result<std::optional<Profile>> find_by_handle(std::string_view handle);
  Result<Relation> relation(int64_t viewer, int64_t other);
  // Up to `limit` rows after `after` (none: from the start), oldest edge first.
  Result<std::vector<ListedUser>> followers(int64_t user_id, const std::optional<EdgeKey>& after,
                                            std::size_t limit);
  Result<std::vector<ListedUser>> following(int64_t user_id, const std::optional<EdgeKey>& after,
                                            std::size_t limit);
  Result<std::vector<ListedUser>> blocks(int64_t user_id, const std::optional<EdgeKey>& after,
                                         std::size_t limit);
  // The stored preferences with hidden creators filled in; nullopt when the user changed none.
  Result<std::optional<Preferences>> preferences(int64_t user_id);
  Result<bool> is_deleted_user(int64_t user_id);
  // What media.processed said of `media_id` (without its time); nullopt when never heard of.
  Result<std::optional<AvatarMedia>> avatar_media(int64_t media_id);
  // The users with a follow edge to or from `user_id`.
  Result<std::vector<int64_t>> neighbours(int64_t user_id);

 protected:
  db::Executor& x_;

 private:
  Result<std::vector<ListedUser>> list(const char* sql, int64_t user_id,
                                       const std::optional<EdgeKey>& after, std::size_t limit);
};

class ProfileWrites : public ProfileReads {
 public:
  explicit ProfileWrites(db::Session& session) : ProfileReads(session), session_(session) {}

  // False when the user already has a profile.
  Result<bool> insert_profile(int64_t user_id, std::string_view handle, int64_t now_ms);
  Status update_profile(const Profile& profile);
  // Write-locks the profile row until commit; false when there is no such profile.
  Result<bool> lock_profile(int64_t user_id);
  // False when the edge already existed (nothing changed).
  Result<bool> insert_follow(int64_t id, int64_t follower, int64_t followee, int64_t now_ms);
  // False when there was no edge.
  Result<bool> delete_follow(int64_t follower, int64_t followee);
  // followee's followers_count and follower's following_count += delta.
  Status add_to_follow_counts(int64_t follower, int64_t followee, int64_t delta);
  Result<bool> insert_block(int64_t id, int64_t blocker, int64_t blocked, int64_t now_ms);
  Result<bool> delete_block(int64_t blocker, int64_t blocked);
  // Replaces the user's preferences and hidden creators.
  Status save_preferences(int64_t user_id, const Preferences& preferences);
  // Adds one to the author's posts_count unless `post_id` was counted before.
  Result<bool> count_post(int64_t post_id, int64_t author_id);
  // Removes the user's profile, edges (the other side's counts adjusted), blocks, hidden-creator
  // entries either way and preferences, and remembers the user as deleted.
  Status remove_user(int64_t user_id, int64_t now_ms);
  Status enqueue(const events::Envelope& envelope);
  // Records a media's state unless a newer one is already recorded.
  Status save_avatar_media(const AvatarMedia& media);

 private:
  db::Session& session_;
};

class ProfileStore {
 public:
  explicit ProfileStore(db::Database& db) : db_(db) {}
  ProfileReads reads() { return ProfileReads(db_); }
  // Runs `body` in one transaction: commits when it returns ok, rolls back otherwise.
  Status transact(const std::function<Status(ProfileWrites&)>& body);
  Status ping() { return db_.ping(); }

 private:
  db::Database& db_;
};

}  // namespace sp::profile
