#include <string>

#include "handlers/handlers.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/rfc3339.hpp"
#include "strangeprompt/http/caching.hpp"
#include "strangeprompt/http/request_readers.hpp"

namespace sp::analytics::handlers {
namespace {

Error bad_query(std::string field, std::string message) {
  Error e = Error::invalid("invalid query");
  e.fields.push_back({std::move(field), std::move(message)});
  return e;
}

void write_counts(JsonWriter& w, const Counts& c) {
  w.key("views").integer(c.views).key("likes").integer(c.likes).key("comments").integer(c.comments);
}

Result<std::optional<int64_t>> time_param(const http::Request& request, const char* name) {
  auto value = request.query_param(name);
  if (!value || value->empty()) return std::optional<int64_t>();
  auto ms = parse_rfc3339_ms(*value);
  if (!ms) return bad_query(name, "must be an RFC 3339 date-time");
  return std::optional<int64_t>(*ms);
}

http::Response public_read(const http::Request& request, std::string body, int max_age_s) {
  http::Response response = http::Response::json(200, std::move(body));
  response.set_header("Cache-Control", http::public_cache(std::chrono::seconds(max_age_s)));
  return http::conditional_get(request, std::move(response));
}

}  // namespace

// GET /v1/analytics/posts/{id}/stats (public)
HandlerResult get_post_stats(const AnalyticsApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t post, http::path_id(request));
  SP_ASSIGN_OR_RETURN(PostStats s, api.reports.post_stats(post));
  JsonWriter w;
  w.begin_object().key("postId").id(s.post_id);
  write_counts(w, s.total);
  w.key("windows").begin_object();
  for (std::size_t i = 0; i < kWindowNames.size(); ++i) {
    w.key(kWindowNames[i]).begin_object();
    write_counts(w, s.windows[i]);
    w.end_object();
  }
  w.end_object().end_object();
  return public_read(request, std::move(w).take(), 10);
}

// GET /v1/analytics/creators/me/stats?from=&to=&bucket=hour|day (signed in)
HandlerResult get_creator_stats(const AnalyticsApi& api, http::Request& request) {
  if (!request.principal) return Error::unauthenticated("sign in first");
  Grain grain = Grain::kDay;
  if (auto bucket = request.query_param("bucket"); bucket && !bucket->empty()) {
    if (*bucket == "hour") {
      grain = Grain::kHour;
    } else if (*bucket != "day") {
      return bad_query("bucket", "must be one of hour, day");
    }
  }
  SP_ASSIGN_OR_RETURN(std::optional<int64_t> from, time_param(request, "from"));
  SP_ASSIGN_OR_RETURN(std::optional<int64_t> to, time_param(request, "to"));
  SP_ASSIGN_OR_RETURN(CreatorStats s,
                      api.reports.creator_stats(request.principal->user_id, from, to, grain));
  JsonWriter w;
  w.begin_object()
      .key("from")
      .time(s.from_ms)
      .key("to")
      .time(s.to_ms)
      .key("bucket")
      .string(grain == Grain::kHour ? "hour" : "day")
      .key("totals")
      .begin_object();
  write_counts(w, s.totals);
  w.end_object().key("series").begin_array();
  for (const SeriesPoint& p : s.series) {
    w.begin_object().key("start").time(p.start_ms);
    write_counts(w, p.counts);
    w.end_object();
  }
  w.end_array().key("topPosts").begin_array();
  for (const TopPost& p : s.top_posts) {
    w.begin_object().key("postId").id(p.post_id).key("title").string(p.title);
    write_counts(w, p.counts);
    w.end_object();
  }
  w.end_array().end_object();
  http::Response response = http::Response::json(200, std::move(w).take());
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return http::conditional_get(request, std::move(response));
}

// GET /v1/analytics/trending?period=day|week (public)
HandlerResult get_trending(const AnalyticsApi& api, http::Request& request) {
  Period period = Period::kDay;
  if (auto p = request.query_param("period"); p && !p->empty()) {
    if (*p == "week") {
      period = Period::kWeek;
    } else if (*p != "day") {
      return bad_query("period", "must be one of day, week");
    }
  }
  SP_ASSIGN_OR_RETURN(Trending t, api.reports.trending(period));
  JsonWriter w;
  w.begin_object().key("posts").begin_array();
  for (const TrendingPost& p : t.posts) {
    w.begin_object()
        .key("postId")
        .id(p.post_id)
        .key("score")
        .number(p.score)
        .key("views")
        .integer(p.views)
        .end_object();
  }
  w.end_array().key("tags").begin_array();
  for (const TrendingName& n : t.tags) {
    w.begin_object().key("tag").string(n.name).key("score").number(n.score).end_object();
  }
  w.end_array().key("models").begin_array();
  for (const TrendingName& n : t.models) {
    w.begin_object().key("model").string(n.name).key("score").number(n.score).end_object();
  }
  w.end_array().end_object();
  return public_read(request, std::move(w).take(), 60);
}

// GET /v1/analytics/anomalies?cursor=&limit= (scope admin)
HandlerResult list_anomalies(const AnalyticsApi& api, http::Request& request) {
  constexpr std::string_view kList = "analytics.anomalies";
  SP_ASSIGN_OR_RETURN(http::PageRequest page,
                      api.pager.read(request, kList, {http::CursorKind::kInt}));
  std::optional<int64_t> before;
  if (!page.after.empty()) before = std::get<int64_t>(page.after[0]);
  SP_ASSIGN_OR_RETURN(std::vector<StoredAnomaly> rows,
                      api.reports.anomalies(before, page.limit + 1));
  std::string body = api.pager.page(
      kList, page, rows,
      [](const StoredAnomaly& a) {
        JsonWriter w;
        w.begin_object().key("id").id(a.id).key("kind").string(a.kind).key("postId");
        if (a.post_id) {
          w.id(*a.post_id);
        } else {
          w.null();
        }
        w.key("address").string(a.address).key("visitorId");
        if (a.viewer.starts_with("v:")) {
          w.string(std::string_view(a.viewer).substr(2));
        } else {
          w.null();
        }
        w.key("userId");
        if (auto user = a.viewer.starts_with("u:") ? parse_id(a.viewer.substr(2)) : std::nullopt) {
          w.id(*user);
        } else {
          w.null();
        }
        w.key("score")
            .number(a.score)
            .key("excluded")
            .boolean(a.kind != "post_spike")
            .key("retractedViews")
            .integer(a.retracted)
            .key("evidence")
            .raw(a.evidence_json)
            .key("flaggedAt")
            .time(a.flagged_at_ms)
            .end_object();
        return std::move(w).take();
      },
      [](const StoredAnomaly& a) { return std::vector<http::CursorKey>{a.id}; });
  http::Response response = http::Response::json(200, std::move(body));
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return http::conditional_get(request, std::move(response));
}

}  // namespace sp::analytics::handlers
