#pragma once
// The profile service's objects, built once the database is migrated: store, ids, flows and the
// list pager, and the API view of them the handlers use.
#include <cstdint>
#include <memory>

#include "handlers/profile_api.hpp"
#include "logic/follow_graph.hpp"
#include "logic/preference_book.hpp"
#include "logic/profiles.hpp"
#include "store/profile_store.hpp"

namespace sp::profile {

class ProfileRuntime {
 public:
  ProfileRuntime(db::Database& db, const Clock& clock, uint32_t node, http::Pager pager)
      : store_(db),
        ids_(clock, node),
        ctx_{store_, clock, ids_},
        profiles_(ctx_),
        graph_(ctx_),
        preferences_(ctx_),
        pager_(std::move(pager)),
        api_{profiles_, graph_, preferences_, pager_} {}
  ProfileRuntime(const ProfileRuntime&) = delete;
  ProfileRuntime& operator=(const ProfileRuntime&) = delete;

  const ProfileApi& api() const { return api_; }
  ProfileDirectory& profiles() { return profiles_; }

 private:
  ProfileStore store_;
  IdGenerator ids_;
  ProfileContext ctx_;
  ProfileDirectory profiles_;
  FollowGraph graph_;
  PreferenceBook preferences_;
  http::Pager pager_;
  ProfileApi api_;
};

}  // namespace sp::profile
