#pragma once
// The gallery's parts wired over one migrated database: store, logic, the cursor pager. The
// service builds one in start(); tests build one over a scratch database and a ManualClock.
#include <memory>
#include <optional>

#include "logic/collections.hpp"
#include "logic/engagement.hpp"
#include "logic/posts.hpp"
#include "logic/profile_copy.hpp"
#include "logic/settings.hpp"
#include "strangeprompt/http/paging.hpp"

namespace sp::gallery {

class GalleryRuntime {
 public:
  // `db` (migrated) and `clock` outlive the runtime.
  static Result<std::unique_ptr<GalleryRuntime>> open(db::Database& db, const Clock& clock,
                                                      const GallerySettings& settings,
                                                      uint32_t node = 0);

  GalleryStore& store() { return store_; }
  const Clock& clock() const { return clock_; }
  Posts& posts() { return posts_; }
  Collections& collections() { return collections_; }
  Likes& likes() { return likes_; }
  Comments& comments() { return *comments_; }
  ProfileCopy& profiles() { return profiles_; }
  const http::Pager& pager() const { return pager_; }

 private:
  GalleryRuntime(db::Database& db, const Clock& clock, const GallerySettings& settings,
                 uint32_t node);

  const Clock& clock_;
  GalleryStore store_;
  IdGenerator ids_;
  GalleryContext ctx_;
  Posts posts_;
  Collections collections_;
  Likes likes_;
  ProfileCopy profiles_;
  http::Pager pager_;
  std::optional<Comments> comments_;  // built in open(), where the limiter's failure is reported
};

}  // namespace sp::gallery
