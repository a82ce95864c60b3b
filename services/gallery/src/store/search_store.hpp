#pragma once
// Prompt search over the index search_index.hpp keeps: FTS5 (bm25) on SQLite, tsvector + GIN
// (ts_rank) on PostgreSQL, behind one query. Only public posts, with the viewer's filters.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "logic/post.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::gallery {

enum class SearchSort { kRelevance, kNew, kTop };
enum class Aspect { kPortrait, kLandscape, kSquare };

struct SearchAfter {
  double score = 0;  // relevance
  int64_t key = 0;   // new: published_at; top: like_count
  int64_t id = 0;
};

struct SearchQuery {
  int64_t viewer = 0;
  std::vector<std::string> terms{};  // all required, each a prefix; empty: filters only
  SearchSort sort = SearchSort::kRelevance;
  std::optional<std::string> model{}, base_model{}, resource{}, sampler{}, tool{}, tag{};
  std::optional<ContentRating> rating{};
  std::optional<Aspect> aspect{};
  std::optional<int64_t> since_ms{};
  std::optional<int64_t> creator{};
  std::optional<double> steps_min{}, steps_max{}, cfg_min{}, cfg_max{};
  std::size_t limit = 20;
  std::optional<SearchAfter> after{};
};

struct SearchHit {
  PostView post;
  double score = 0;  // higher is more relevant
};

struct Facet {
  std::string value;
  int64_t count = 0;
};
struct Facets {
  std::vector<Facet> base_model, model, sampler, tag;
};

struct Suggestions {
  std::vector<std::string> tags, models, creators;
};

class SearchStore {
 public:
  explicit SearchStore(db::Database& db) : db_(db) {}
  Result<std::vector<SearchHit>> search(const SearchQuery& query);
  // Counts of the whole result (the cursor ignored), top 10 values of each.
  Result<Facets> facets(const SearchQuery& query);
  // Tags, model names and creator handles starting with `prefix` (lower-case), 5 of each.
  Result<Suggestions> suggest(const std::string& prefix);

 private:
  db::Database& db_;
};

}  // namespace sp::gallery
