#pragma once
// What the profile handlers call: one reference per flow and the list pager, assembled by
// ProfileRuntime.
#include "logic/follow_graph.hpp"
#include "logic/preference_book.hpp"
#include "logic/profiles.hpp"
#include "strangeprompt/http/paging.hpp"

namespace sp::profile {

struct ProfileApi {
  ProfileDirectory& profiles;
  FollowGraph& graph;
  PreferenceBook& preferences;
  const http::Pager& pager;
};

}  // namespace sp::profile
