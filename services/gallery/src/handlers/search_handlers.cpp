#include "handlers/handlers.hpp"
#include "handlers/views.hpp"
#include "logic/feed_request.hpp"
#include "logic/post_rules.hpp"
#include "logic/search_request.hpp"
#include "store/search_store.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/http/caching.hpp"

namespace sp::gallery::handlers {
namespace {

Error bad_query(std::string field, std::string message) {
  Error e = Error::invalid("invalid query");
  e.fields.push_back({std::move(field), std::move(message)});
  return e;
}

std::optional<std::string> param(const http::Request& r, std::string_view name) {
  auto v = r.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

// Every filter of the query string, checked; `list` gets a name unique to them.
Result<SearchQuery> read_search(GalleryRuntime& rt, const http::Request& r, std::string& list) {
  SearchQuery q;
  q.viewer = viewer_of(r);
  q.terms = search_terms(r.query_param("q").value_or(""));
  list = "gallery.search";
  for (const auto& t : q.terms) list += " " + t;
  for (const char* name : {"sort", "model", "baseModel", "resource", "sampler", "tool", "tag",
                           "rating", "aspect", "period", "creator", "steps", "cfg"}) {
    list += std::string("|") + param(r, name).value_or("");
  }
  if (auto sort = param(r, "sort")) {
    if (*sort == "relevance") {
      q.sort = SearchSort::kRelevance;
    } else if (*sort == "new") {
      q.sort = SearchSort::kNew;
    } else if (*sort == "top") {
      q.sort = SearchSort::kTop;
    } else {
      return bad_query("sort", "must be one of relevance, new, top");
    }
  }
  q.model = param(r, "model");
  q.sampler = param(r, "sampler");
  q.tool = param(r, "tool");
  if (auto resource = param(r, "resource")) q.resource = to_lower_ascii(*resource);
  if (auto base = param(r, "baseModel")) {
    if (!is_base_model(*base)) return bad_query("baseModel", "is not a known model family");
    q.base_model = base;
  }
  if (auto tag = param(r, "tag")) {
    q.tag = normalise_tag(*tag);
    if (!q.tag) return bad_query("tag", "has no letters or digits");
  }
  if (auto rating = param(r, "rating")) {
    q.rating = rating_from(*rating);
    if (!q.rating) return bad_query("rating", "must be one of none, soft, mature, explicit");
  }
  if (auto aspect = param(r, "aspect")) {
    if (*aspect == "portrait") {
      q.aspect = Aspect::kPortrait;
    } else if (*aspect == "landscape") {
      q.aspect = Aspect::kLandscape;
    } else if (*aspect == "square") {
      q.aspect = Aspect::kSquare;
    } else {
      return bad_query("aspect", "must be one of portrait, landscape, square");
    }
  }
  if (auto period = param(r, "period")) {
    FeedFilters f;
    f.period = *period;
    if (*period != "all" && !f.since_ms(0)) {
      return bad_query("period", "must be one of day, week, month, year, all");
    }
    q.since_ms = f.since_ms(rt.clock().now_ms());
  }
  if (auto creator = param(r, "creator")) {
    SP_ASSIGN_OR_RETURN(auto id, rt.store().user_by_handle(to_lower_ascii(*creator)));
    q.creator = id.value_or(-1);  // an unknown creator has no posts
  }
  for (const char* name : {"steps", "cfg"}) {
    if (auto text = param(r, name)) {
      auto range = parse_range(*text);
      if (!range) return bad_query(name, "must be MIN..MAX, MIN.., ..MAX or a number");
      (name[0] == 's' ? q.steps_min : q.cfg_min) = range->min;
      (name[0] == 's' ? q.steps_max : q.cfg_max) = range->max;
    }
  }
  return q;
}

void facet_list(JsonWriter& w, std::string_view name, const std::vector<Facet>& facets) {
  w.key(name).begin_array();
  for (const Facet& f : facets) {
    w.begin_object().key("value").string(f.value).key("count").integer(f.count).end_object();
  }
  w.end_array();
}

}  // namespace

// GET /v1/gallery/search?q=&<filters>&sort=&limit=&cursor=: {items, next, facets}.
HandlerResult search(GalleryRuntime& rt, http::Request& request) {
  std::string list;
  SP_ASSIGN_OR_RETURN(SearchQuery q, read_search(rt, request, list));
  const bool relevance = q.sort == SearchSort::kRelevance && !q.terms.empty();
  // Cursor: (score or sort key, id, candidate bound).
  SP_ASSIGN_OR_RETURN(
      http::PageRequest page,
      rt.pager().read(request, list,
                      {relevance ? http::CursorKind::kDouble : http::CursorKind::kInt,
                       http::CursorKind::kInt, http::CursorKind::kInt}));
  SearchStore store(rt.store().database());
  if (!page.after.empty()) {
    SearchAfter after{.id = std::get<int64_t>(page.after[1])};
    if (relevance) {
      after.score = std::get<double>(page.after[0]);
    } else {
      after.key = std::get<int64_t>(page.after[0]);
    }
    q.after = after;
    q.bound = std::get<int64_t>(page.after[2]);
  } else {
    SP_ASSIGN_OR_RETURN(q.bound, store.newest_id());
  }
  q.limit = page.limit + 1;
  q.candidates = rt.search_candidates();
  SP_ASSIGN_OR_RETURN(SearchPage found, store.search(q));
  const std::vector<SearchHit>& hits = found.hits;
  auto facets_json = [](const Facets& facets) {
    JsonWriter w;
    w.begin_object();
    facet_list(w, "baseModel", facets.base_model);
    facet_list(w, "model", facets.model);
    facet_list(w, "sampler", facets.sampler);
    facet_list(w, "tag", facets.tag);
    w.end_object();
    return std::move(w).take();
  };
  std::string facets;
  if (found.facets) {
    facets = facets_json(*found.facets);  // counted over the candidates the hits came from
  } else {
    // Filters only: the facets do not depend on the page, so every page of one search (same
    // filters and bound) shares them through the warm cache until the next write.
    SP_ASSIGN_OR_RETURN(
        facets, rt.warm().get_or_load(
                    rt.warm_key("search-facets", q.viewer, list + "|" + std::to_string(*q.bound)),
                    GalleryRuntime::kWarmTtl, [&]() -> Result<std::string> {
                      SP_ASSIGN_OR_RETURN(Facets f, store.facets(q));
                      return facets_json(f);
                    }));
  }
  const int64_t viewer = q.viewer;
  const SearchSort sort = q.sort;
  const int64_t bound = *q.bound;
  std::string body = rt.pager().page(
      list, page, hits, [viewer](const SearchHit& h) { return post_json(h.post, viewer); },
      [relevance, sort, bound](const SearchHit& h) {
        if (relevance) return std::vector<http::CursorKey>{h.score, h.post.id, bound};
        const int64_t key =
            sort == SearchSort::kTop ? h.post.like_count : h.post.published_at_ms.value_or(0);
        return std::vector<http::CursorKey>{key, h.post.id, bound};
      });
  body.pop_back();  // reopen {"items":..,"next":..}
  body += ",\"facets\":" + facets + "}";
  http::Response response = http::Response::json(200, std::move(body));
  response.set_header("Cache-Control", viewer != 0
                                           ? http::private_cache(std::chrono::seconds(0))
                                           : http::public_read_cache(std::chrono::seconds(5)));
  response.set_header("Vary", "Authorization");
  return http::conditional_get(request, std::move(response));
}

// GET /v1/gallery/search/suggest?q=: {"tags":[],"models":[],"creators":[]} starting with q.
HandlerResult suggest(GalleryRuntime& rt, http::Request& request) {
  std::string prefix = to_lower_ascii(trim(request.query_param("q").value_or("")));
  if (prefix.empty() || prefix.size() > 40) {
    return bad_query("q", "must be 1 to 40 characters");
  }
  SP_ASSIGN_OR_RETURN(Suggestions s, SearchStore(rt.store().database()).suggest(prefix));
  http::Response response = http::Response::json(200, JsonObject()
                                                          .strings("tags", s.tags)
                                                          .strings("models", s.models)
                                                          .strings("creators", s.creators)
                                                          .str());
  response.set_header("Cache-Control", http::public_read_cache(std::chrono::seconds(30)));
  return http::conditional_get(request, std::move(response));
}

}  // namespace sp::gallery::handlers
