#include "logic/profile_copy.hpp"

#include <set>

#include "logic/gallery_events.hpp"
#include "logic/post.hpp"
#include "logic/post_rules.hpp"
#include "store/gallery_sql.hpp"
#include "store/media_items.hpp"
#include "store/search_index.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/db/statements.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/outbox.hpp"
#include "strangeprompt/http/json_body.hpp"
#include "strangeprompt/service/consumed_event.hpp"

namespace sp::gallery {
Status ProfileCopy::on_signup(const events::Record& record) {
  auto event = service::read_event("gallery", record);
  if (!event) return ok_status();
  const int64_t user = event->data.required_id("userId");
  const std::string handle = event->data.required_string("handle");
  if (!service::valid("gallery", record, event->data)) return ok_status();
  return ctx_.store.database().transact([&](db::Session& tx) -> Status {
    SP_TRY(db::run(tx, sql::kSignupAuthor, {user, handle, event->occurred_at_ms}));
    return reindex_author(tx, user);  // posts made before the event arrived
  });
}

Status ProfileCopy::on_profile_updated(const events::Record& record) {
  auto event = service::read_event("gallery", record);
  if (!event) return ok_status();
  http::JsonBody& d = event->data;
  const int64_t user = d.required_id("userId");
  const std::string handle = d.required_string("handle");
  const auto display_name = d.optional_string("displayName");
  const auto avatar = d.optional_string("avatar");
  const auto avatar_url = d.optional_string("avatarUrl", {.max_chars = 2048});
  const auto updated_at = d.optional_time("updatedAt");
  if (!service::valid("gallery", record, d)) return ok_status();
  return db::run(
      ctx_.store.database(), sql::kUpsertAuthor,
      {user, handle, display_name, avatar, avatar_url, updated_at.value_or(event->occurred_at_ms)});
}

Status ProfileCopy::on_preferences_updated(const events::Record& record) {
  auto event = service::read_event("gallery", record);
  if (!event) return ok_status();
  http::JsonBody& d = event->data;
  const int64_t user = d.required_id("userId");
  const auto rating =
      d.required_enum<ContentRating>("contentRating", {{"none", ContentRating::kNone},
                                                       {"soft", ContentRating::kSoft},
                                                       {"mature", ContentRating::kMature},
                                                       {"explicit", ContentRating::kExplicit}});
  const auto hidden_tags = d.optional_string_list("hiddenTags");
  const auto hidden_creators = d.optional_string_list("hiddenCreatorIds");
  const int64_t at = d.optional_time("updatedAt").value_or(event->occurred_at_ms);
  if (!service::valid("gallery", record, d)) return ok_status();
  return ctx_.store.database().transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(auto applied, db::query_one(tx, sql::kPrefsTime, {user},
                                                    [](const db::Row& r) { return r.get_int(0); }));
    if (applied && *applied > at) return ok_status();  // an older event, redelivered
    SP_TRY(db::run(tx, sql::kUpsertPrefs, {user, static_cast<int64_t>(rating), at}));
    SP_TRY(db::run(tx, sql::kClearHiddenTags, {user}));
    for (const auto& tag : normalise_tags(hidden_tags)) {
      SP_TRY(db::run(tx, sql::kAddHiddenTag, {user, tag}));
    }
    SP_TRY(db::run(tx, sql::kClearHiddenCreators, {user}));
    for (const auto& creator : hidden_creators) {
      if (auto id = parse_id(creator)) SP_TRY(db::run(tx, sql::kAddHiddenCreator, {user, *id}));
    }
    return ok_status();
  });
}

Status ProfileCopy::on_block(const events::Record& record, bool blocked) {
  auto event = service::read_event("gallery", record);
  if (!event) return ok_status();
  http::JsonBody& d = event->data;
  const int64_t blocker = d.required_id("blockerId");
  const int64_t blocked_id = d.required_id("blockedId");
  const int64_t at = d.optional_time("at").value_or(event->occurred_at_ms);
  if (!service::valid("gallery", record, d)) return ok_status();
  return db::run(ctx_.store.database(), sql::kUpsertBlock, {blocker, blocked_id, blocked, at});
}

Status ProfileCopy::on_follow(const events::Record& record, bool following) {
  auto event = service::read_event("gallery", record);
  if (!event) return ok_status();
  http::JsonBody& d = event->data;
  const int64_t follower = d.required_id("followerId");
  const int64_t followee = d.required_id("followeeId");
  following = d.optional_bool("following", following);
  if (!service::valid("gallery", record, d)) return ok_status();
  return db::run(ctx_.store.database(), sql::kUpsertFollow,
                 {follower, followee, following, event->occurred_at_ms});
}

Status ProfileCopy::on_user_deleted(const events::Record& record) {
  auto event = service::read_event("gallery", record);
  if (!event) return ok_status();
  const int64_t user = event->data.required_id("userId");
  if (!service::valid("gallery", record, event->data)) return ok_status();
  return delete_user(user);
}

Status ProfileCopy::delete_user(int64_t user) {
  return ctx_.store.database().transact([&](db::Session& tx) -> Status {
    auto ids = [&](const char* query) {
      return db::query_all(tx, query, {user}, [](const db::Row& r) { return r.get_int(0); });
    };
    SP_ASSIGN_OR_RETURN(std::vector<int64_t> own, ids(sql::kPostsOf));
    SP_ASSIGN_OR_RETURN(std::vector<int64_t> public_posts, ids(sql::kPublicPostsOf));
    for (int64_t post : own) SP_TRY(ctx_.store.delete_post(tx, post));
    // Their public posts are no longer public (a redelivery finds none left: no second event).
    for (int64_t post : public_posts) {
      SP_TRY(events::Outbox::enqueue(
          tx, post_withdrawn_event(ctx_, post, user, WithdrawnBecause::kAuthorDeleted)));
    }
    // Others' posts the user liked or commented on: recounted after the rows go.
    std::set<int64_t> touched;
    SP_ASSIGN_OR_RETURN(std::vector<int64_t> liked, ids(sql::kPostsLikedBy));
    SP_ASSIGN_OR_RETURN(std::vector<int64_t> commented, ids(sql::kPostsCommentedBy));
    touched.insert(liked.begin(), liked.end());
    touched.insert(commented.begin(), commented.end());
    SP_TRY(db::run(tx, sql::kDeleteLikesBy, {user}));
    SP_TRY(db::run(tx, sql::kDeleteCommentsBy, {user}));
    for (int64_t post : touched) {
      SP_TRY(db::run(tx, sql::kRecount, {post}));
      SP_TRY(ctx_.store.refresh_hot(tx, post));
    }
    SP_TRY(db::run(tx, sql::kDeleteCollectionEntriesOf, {user}));
    SP_TRY(db::run(tx, sql::kDeleteCollectionsOf, {user}));
    SP_TRY(db::run(tx, sql::kDeleteAuthor, {user}));
    SP_TRY(db::run(tx, sql::kDeletePrefs, {user}));
    SP_TRY(db::run(tx, sql::kClearHiddenTags, {user}));
    SP_TRY(db::run(tx, sql::kDeleteHiddenCreatorsOf, {user, user}));
    SP_TRY(db::run(tx, sql::kDeleteBlocksOf, {user, user}));
    SP_TRY(delete_media_items_of(tx, user));
    return db::run(tx, sql::kDeleteFollowsOf, {user, user});
  });
}

}  // namespace sp::gallery
