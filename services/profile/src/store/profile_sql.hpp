#pragma once
// The profile service's SQL, one named constant per statement (`?` placeholders on every engine).
namespace sp::profile::sql {

// The URL of the profile row `p`'s avatar while its media is the owner's, ready and approved.
#define AVATAR_URL(p)                                                                           \
  "(SELECT am.url FROM avatar_media am WHERE am.media_id = " #p ".avatar AND am.owner_id = " #p \
  ".user_id AND am.usable = 1)"

inline constexpr const char* kFindById =
    "SELECT user_id, handle, display_name, bio, avatar, links, followers_count, following_count, "
    "posts_count, joined_at, updated_at, " AVATAR_URL(profiles) " FROM profiles WHERE user_id = ?";
inline constexpr const char* kFindByHandle =
    "SELECT user_id, handle, display_name, bio, avatar, links, followers_count, following_count, "
    "posts_count, joined_at, updated_at, " AVATAR_URL(profiles) " FROM profiles WHERE handle = ?";
inline constexpr const char* kInsertProfile =
    "INSERT INTO profiles (user_id, handle, display_name, bio, avatar, links, joined_at, "
    "updated_at) VALUES (?, ?, ?, '', NULL, '[]', ?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* kUpdateProfile =
    "UPDATE profiles SET display_name = ?, bio = ?, avatar = ?, links = ?, updated_at = ? "
    "WHERE user_id = ?";
// Takes the row's write lock (PostgreSQL) so graph changes touching one user serialise.
inline constexpr const char* kLockProfile =
    "UPDATE profiles SET followers_count = followers_count WHERE user_id = ?";

inline constexpr const char* kRelation =
    "SELECT (SELECT COUNT(*) FROM follows WHERE follower_id = ? AND followee_id = ?), "
    "(SELECT COUNT(*) FROM blocks WHERE blocker_id = ? AND blocked_id = ?), "
    "(SELECT COUNT(*) FROM blocks WHERE blocker_id = ? AND blocked_id = ?)";

inline constexpr const char* kInsertFollow =
    "INSERT INTO follows (id, follower_id, followee_id, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING";
inline constexpr const char* kDeleteFollow =
    "DELETE FROM follows WHERE follower_id = ? AND followee_id = ?";
inline constexpr const char* kAddFollowers =
    "UPDATE profiles SET followers_count = followers_count + ? WHERE user_id = ?";
inline constexpr const char* kAddFollowing =
    "UPDATE profiles SET following_count = following_count + ? WHERE user_id = ?";

inline constexpr const char* kInsertBlock =
    "INSERT INTO blocks (id, blocker_id, blocked_id, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING";
inline constexpr const char* kDeleteBlock =
    "DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?";

// Lists: rows after (created_at, id), oldest edge first, LIMIT ?.
inline constexpr const char* kFollowers =
    "SELECT f.id, f.created_at, p.handle, p.display_name, p.avatar, " AVATAR_URL(p) " FROM follows f "
    "JOIN profiles p ON p.user_id = f.follower_id WHERE f.followee_id = ? "
    "AND (f.created_at > ? OR (f.created_at = ? AND f.id > ?)) ORDER BY f.created_at, f.id LIMIT ?";
inline constexpr const char* kFollowing =
    "SELECT f.id, f.created_at, p.handle, p.display_name, p.avatar, " AVATAR_URL(p) " FROM follows f "
    "JOIN profiles p ON p.user_id = f.followee_id WHERE f.follower_id = ? "
    "AND (f.created_at > ? OR (f.created_at = ? AND f.id > ?)) ORDER BY f.created_at, f.id LIMIT ?";
inline constexpr const char* kBlocks =
    "SELECT b.id, b.created_at, p.handle, p.display_name, p.avatar, " AVATAR_URL(p) " FROM blocks b "
    "JOIN profiles p ON p.user_id = b.blocked_id WHERE b.blocker_id = ? "
    "AND (b.created_at > ? OR (b.created_at = ? AND b.id > ?)) ORDER BY b.created_at, b.id LIMIT ?";

inline constexpr const char* kFindPreferences =
    "SELECT content_rating, explicit_opt_in, hidden_tags, digest, notifications, timezone, "
    "updated_at FROM preferences WHERE user_id = ?";
inline constexpr const char* kHiddenCreators =
    "SELECT h.creator_id, p.handle FROM hidden_creators h JOIN profiles p ON p.user_id = "
    "h.creator_id WHERE h.user_id = ? ORDER BY p.handle";
inline constexpr const char* kUpsertPreferences =
    "INSERT INTO preferences (user_id, content_rating, explicit_opt_in, hidden_tags, digest, "
    "notifications, timezone, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (user_id) DO UPDATE SET content_rating = excluded.content_rating, "
    "explicit_opt_in = excluded.explicit_opt_in, hidden_tags = excluded.hidden_tags, "
    "digest = excluded.digest, notifications = excluded.notifications, "
    "timezone = excluded.timezone, updated_at = excluded.updated_at";
inline constexpr const char* kClearHiddenCreators = "DELETE FROM hidden_creators WHERE user_id = ?";
inline constexpr const char* kInsertHiddenCreator =
    "INSERT INTO hidden_creators (user_id, creator_id) VALUES (?, ?) ON CONFLICT DO NOTHING";

inline constexpr const char* kCountPost =
    "INSERT INTO counted_posts (post_id, author_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* kAddPost =
    "UPDATE profiles SET posts_count = posts_count + 1 WHERE user_id = ?";

inline constexpr const char* kNeighbours =
    "SELECT followee_id FROM follows WHERE follower_id = ? "
    "UNION SELECT follower_id FROM follows WHERE followee_id = ?";
inline constexpr const char* kIsDeleted = "SELECT 1 FROM deleted_users WHERE user_id = ?";
inline constexpr const char* kMarkDeleted =
    "INSERT INTO deleted_users (user_id, deleted_at) VALUES (?, ?) ON CONFLICT DO NOTHING";
// user.deleted: the other side of every edge loses one, then the user's rows go.
inline constexpr const char* kDropFollowersOfFollowees =
    "UPDATE profiles SET followers_count = followers_count - 1 WHERE user_id IN "
    "(SELECT followee_id FROM follows WHERE follower_id = ?)";
inline constexpr const char* kDropFollowingOfFollowers =
    "UPDATE profiles SET following_count = following_count - 1 WHERE user_id IN "
    "(SELECT follower_id FROM follows WHERE followee_id = ?)";
inline constexpr const char* kDeleteFollowsOf =
    "DELETE FROM follows WHERE follower_id = ? OR followee_id = ?";
inline constexpr const char* kDeleteBlocksOf =
    "DELETE FROM blocks WHERE blocker_id = ? OR blocked_id = ?";
inline constexpr const char* kDeleteHiddenOf =
    "DELETE FROM hidden_creators WHERE user_id = ? OR creator_id = ?";
inline constexpr const char* kDeletePreferences = "DELETE FROM preferences WHERE user_id = ?";
inline constexpr const char* kDeleteCountedPosts = "DELETE FROM counted_posts WHERE author_id = ?";
inline constexpr const char* kDeleteProfile = "DELETE FROM profiles WHERE user_id = ?";

// media.processed: a newer state of one media (an older redelivery changes nothing).
inline constexpr const char* kUpsertAvatarMedia =
    "INSERT INTO avatar_media (media_id, owner_id, usable, url, updated_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (media_id) DO UPDATE SET owner_id = excluded.owner_id, usable = excluded.usable, "
    "url = excluded.url, updated_at = excluded.updated_at "
    "WHERE avatar_media.updated_at <= excluded.updated_at";
inline constexpr const char* kAvatarMedia =
    "SELECT owner_id, usable, url FROM avatar_media WHERE media_id = ?";
inline constexpr const char* kDeleteAvatarMediaOf = "DELETE FROM avatar_media WHERE owner_id = ?";

#undef AVATAR_URL

}  // namespace sp::profile::sql
