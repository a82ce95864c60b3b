#include "handlers/handlers.hpp"
#include "handlers/views.hpp"
#include "logic/feed_request.hpp"
#include "logic/post_rules.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/http/caching.hpp"

namespace sp::gallery::handlers {
namespace {

Error bad_query(std::string field, std::string message) {
  Error e = Error::invalid("invalid query");
  e.fields.push_back({std::move(field), std::move(message)});
  return e;
}

Result<FeedFilters> read_filters(const http::Request& request) {
  FeedFilters f;
  if (auto sort = request.query_param("sort")) {
    if (*sort == "hot") {
      f.sort = FeedSort::kHot;
    } else if (*sort == "new") {
      f.sort = FeedSort::kNew;
    } else if (*sort == "top") {
      f.sort = FeedSort::kTop;
    } else {
      return bad_query("sort", "must be one of hot, new, top");
    }
  }
  if (auto period = request.query_param("period")) {
    if (*period != "day" && *period != "week" && *period != "month" && *period != "year" &&
        *period != "all") {
      return bad_query("period", "must be one of day, week, month, year, all");
    }
    f.period = *period;
  }
  if (auto tag = request.query_param("tag"); tag && !tag->empty()) {
    f.tag = normalise_tag(*tag);
    if (!f.tag) return bad_query("tag", "has no letters or digits");
  }
  if (auto model = request.query_param("model"); model && !model->empty()) f.model = *model;
  if (auto base = request.query_param("baseModel"); base && !base->empty()) {
    if (!is_base_model(*base)) {
      return bad_query("baseModel", "must be one of sd15, sdxl, pony, flux, sd3, other");
    }
    f.base_model = *base;
  }
  return f;
}

http::Response feed_response(const http::Request& request, int64_t viewer, http::TaggedBody body) {
  http::Response response = http::Response::json(200, {});
  // likedByMe and the viewer's filters make a signed-in page private.
  response.set_header("Cache-Control", viewer != 0
                                           ? http::private_cache(std::chrono::seconds(0))
                                           : http::public_read_cache(std::chrono::seconds(5)));
  response.set_header("Vary", "Authorization");
  return http::conditional_get(request, std::move(response), std::move(body));
}

// One page of `query` (its sort, filters and viewer set) under the cursor list `list`; with
// `warm`, the serialised page comes from (and goes to) the runtime's warm-read cache.
HandlerResult feed_page(GalleryRuntime& rt, const http::Request& request, FeedQuery query,
                        const std::string& list, bool warm = false) {
  const bool by_score = query.sort == FeedSort::kHot && !query.own;
  SP_ASSIGN_OR_RETURN(
      http::PageRequest page,
      rt.pager().read(
          request, list,
          {by_score ? http::CursorKind::kDouble : http::CursorKind::kInt, http::CursorKind::kInt}));
  if (!page.after.empty()) {
    FeedAfter after{.id = std::get<int64_t>(page.after[1])};
    if (by_score) {
      after.score = std::get<double>(page.after[0]);
    } else {
      after.key = std::get<int64_t>(page.after[0]);
    }
    query.after = after;
  }
  query.limit = page.limit + 1;
  const int64_t viewer = query.viewer;
  auto load = [&]() -> Result<std::string> {
    SP_ASSIGN_OR_RETURN(std::vector<PostView> rows, rt.store().feed(query));
    const FeedSort sort = query.own ? FeedSort::kNew : query.sort;
    const bool own = query.own;
    return rt.pager().page(
        list, page, rows, [viewer](const PostView& p) { return post_json(p, viewer); },
        [sort, by_score, own](const PostView& p) {
          FeedAfter k = feed_keys(sort, p);
          if (own) return std::vector<http::CursorKey>{p.id, p.id};
          if (by_score) return std::vector<http::CursorKey>{k.score, k.id};
          return std::vector<http::CursorKey>{k.key, k.id};
        });
  };
  http::TaggedBody body;
  if (warm) {
    SP_ASSIGN_OR_RETURN(body, rt.warm_body("feed", viewer, request.target, load));
  } else {
    SP_ASSIGN_OR_RETURN(std::string loaded, load());
    body = http::TaggedBody::of(std::move(loaded));
  }
  return feed_response(request, viewer, std::move(body));
}

}  // namespace

// GET /v1/gallery/feed?sort=&period=&tag=&model=&baseModel=&limit=&cursor=
HandlerResult feed(GalleryRuntime& rt, http::Request& request) {
  SP_ASSIGN_OR_RETURN(FeedFilters f, read_filters(request));
  FeedQuery q{.viewer = viewer_of(request),
              .sort = f.sort,
              .published_since_ms = f.since_ms(rt.clock().now_ms()),
              .tag = f.tag,
              .model = f.model,
              .base_model = f.base_model};
  return feed_page(rt, request, std::move(q), f.list_name("feed"), /*warm=*/true);
}

// A warm key is the full target, so a hit is a page this exact request produced before, after
// its query and cursor passed validation.
std::optional<http::Response> warm_feed(GalleryRuntime& rt, http::Request& request) {
  std::optional<http::TaggedBody> body = rt.warm_peek("feed", 0, request.target);
  if (!body) return std::nullopt;
  return feed_response(request, 0, std::move(*body));
}

// GET /v1/gallery/feed/following: the newest public posts of the creators the viewer follows.
HandlerResult following_feed(GalleryRuntime& rt, http::Request& request) {
  FeedQuery q{.viewer = viewer_of(request), .sort = FeedSort::kNew, .following = true};
  return feed_page(rt, request, std::move(q), "gallery.feed.following.v1");
}

// GET /v1/gallery/users/{handle}/posts: newest first; the author sees every visibility of
// their own, others only public posts (with their viewer filters).
HandlerResult user_posts(GalleryRuntime& rt, http::Request& request) {
  const std::string handle = to_lower_ascii(request.param("handle"));
  SP_ASSIGN_OR_RETURN(std::optional<int64_t> user, rt.store().user_by_handle(handle));
  if (!user) return Error::not_found("no such user");
  const int64_t viewer = viewer_of(request);
  FeedQuery q{.viewer = viewer, .sort = FeedSort::kNew, .author = *user, .own = viewer == *user};
  const std::string list =
      "gallery.user.posts|" + id_to_string(*user) + (q.own ? "|own" : "|public");
  return feed_page(rt, request, std::move(q), list);
}

}  // namespace sp::gallery::handlers
