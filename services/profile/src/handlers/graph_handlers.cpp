#include <string>

#include "handlers/handlers.hpp"
#include "handlers/views.hpp"
#include "strangeprompt/http/caching.hpp"

namespace sp::profile::handlers {
namespace {

using http::CursorKind;

// A list answer: `limit + 1` rows fetched after the cursor's (created_at, id) of the edge.
template <class Fetch>
HandlerResult edge_page(const ProfileApi& api, const http::Request& request,
                        const std::string& list, Fetch fetch) {
  SP_ASSIGN_OR_RETURN(http::PageRequest page,
                      api.pager.read(request, list, {CursorKind::kInt, CursorKind::kInt}));
  std::optional<EdgeKey> after;
  if (!page.after.empty()) {
    after = EdgeKey{.created_at_ms = std::get<int64_t>(page.after[0]),
                    .id = std::get<int64_t>(page.after[1])};
  }
  SP_ASSIGN_OR_RETURN(std::vector<ListedUser> rows, fetch(after, page.limit + 1));
  std::string body = api.pager.page(list, page, rows, listed_user_json, [](const ListedUser& u) {
    return std::vector<http::CursorKey>{u.edge_created_at_ms, u.edge_id};
  });
  http::Response response = http::Response::json(200, std::move(body));
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return http::conditional_get(request, std::move(response));
}

HandlerResult edge_list(const ProfileApi& api, http::Request& request, EdgeList which) {
  const std::string handle = handle_key(request.param("handle"));
  const std::string list =
      std::string(which == EdgeList::kFollowers ? "profile.followers:" : "profile.following:") +
      handle;
  return edge_page(api, request, list, [&](const std::optional<EdgeKey>& after, std::size_t n) {
    return api.graph.list(which, handle, after, n);
  });
}

}  // namespace

// PUT /v1/profiles/{handle}/follow
HandlerResult follow(const ProfileApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller_id(request));
  SP_TRY(api.graph.follow(me, request.param("handle")));
  return http::Response::no_content();
}

// DELETE /v1/profiles/{handle}/follow
HandlerResult unfollow(const ProfileApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller_id(request));
  SP_TRY(api.graph.unfollow(me, request.param("handle")));
  return http::Response::no_content();
}

// PUT /v1/profiles/{handle}/block
HandlerResult block(const ProfileApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller_id(request));
  SP_TRY(api.graph.block(me, request.param("handle")));
  return http::Response::no_content();
}

// DELETE /v1/profiles/{handle}/block
HandlerResult unblock(const ProfileApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller_id(request));
  SP_TRY(api.graph.unblock(me, request.param("handle")));
  return http::Response::no_content();
}

// GET /v1/profiles/{handle}/followers?cursor=&limit=
HandlerResult list_followers(const ProfileApi& api, http::Request& request) {
  return edge_list(api, request, EdgeList::kFollowers);
}

// GET /v1/profiles/{handle}/following?cursor=&limit=
HandlerResult list_following(const ProfileApi& api, http::Request& request) {
  return edge_list(api, request, EdgeList::kFollowing);
}

// GET /v1/profiles/me/blocks?cursor=&limit=
HandlerResult list_blocks(const ProfileApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller_id(request));
  return edge_page(api, request, "profile.blocks:" + std::to_string(me),
                   [&](const std::optional<EdgeKey>& after, std::size_t n) {
                     return api.graph.blocks(me, after, n);
                   });
}

}  // namespace sp::profile::handlers
