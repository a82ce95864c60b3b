#pragma once
// The gallery's parts wired over one migrated database: store, logic, the cursor pager. The
// service builds one in start(); tests build one over a scratch database and a ManualClock.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "logic/collections.hpp"
#include "logic/engagement.hpp"
#include "logic/media_copy.hpp"
#include "logic/posts.hpp"
#include "logic/profile_copy.hpp"
#include "logic/settings.hpp"
#include "logic/view_counts.hpp"
#include "strangeprompt/cache/cache.hpp"
#include "strangeprompt/http/caching.hpp"
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
  MediaCopy& media() { return media_; }
  ViewCounts& views() { return views_; }
  const http::Pager& pager() const { return pager_; }

  // Warm reads: pre-serialised bodies of feed pages and posts in the cache port (single flight),
  // under keys that carry the viewer (likedByMe and the viewer's filters never leak) and the
  // runtime's write generation. Every write and every consumed event bumps the generation after
  // it committed, so a read that starts after a change never meets a body from before it (exact
  // within the process). kWarmTtl bounds what other replicas of the service serve stale.
  static constexpr std::chrono::seconds kWarmTtl{10};
  cache::Cache& warm() { return *warm_; }
  std::string warm_key(std::string_view kind, int64_t viewer, std::string_view target) const;
  // A warm body and its strong ETag: from the cache under warm_key(kind, viewer, target), else
  // `load`ed, tagged once (http::TaggedBody) and cached with its tag, so a warm read hashes
  // nothing and a matching If-None-Match is a 304 without touching the body.
  Result<http::TaggedBody> warm_body(std::string_view kind, int64_t viewer, std::string_view target,
                                     const cache::Cache::Loader& load);
  // The cached body alone, or nullopt: a memory lookup that never loads, so the I/O thread may
  // call it (the warm cache is always in-process).
  std::optional<http::TaggedBody> warm_peek(std::string_view kind, int64_t viewer,
                                            std::string_view target);
  void changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }
  // gallery.search_candidates.
  int64_t search_candidates() const { return search_candidates_; }

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
  MediaCopy media_;
  ViewCounts views_;
  http::Pager pager_;
  std::unique_ptr<cache::Cache> warm_;
  std::atomic<uint64_t> generation_{0};
  int64_t search_candidates_;
  std::optional<Comments> comments_;  // built in open(), where the limiter's failure is reported
};

}  // namespace sp::gallery
