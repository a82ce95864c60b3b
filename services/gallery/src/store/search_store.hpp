#pragma once
// Prompt search over the index search_index.hpp keeps: FTS5 on SQLite, tsvector + GIN on
// PostgreSQL, which only find; ranking is logic/search_rank.hpp. Only public posts, with the
// viewer's filters.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "logic/post.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::gallery {

// Search bounds its work at any corpus size: a query with words takes as candidates only the
// newest SearchQuery::candidates posts that match it and pass its filters (the full-text index
// walked backwards by post id, which grows with time), and ranks or sorts those; facets count the
// same sample. A query without words pages through posts like a feed; its facets count its newest
// `candidates` posts.
inline constexpr int64_t kSearchCandidates = 1'000;
inline constexpr int64_t kSuggestSample = 5'000;

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
  // Only posts with id <= bound: the newest post id when page 1 was served, kept in the cursor so
  // that posts published while a reader pages never shift the candidate set.
  std::optional<int64_t> bound{};
  int64_t candidates = kSearchCandidates;
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

// A page of hits and, for a search with words, the facets of its candidates (computed from the
// same rows); nullopt for filters only (SearchStore::facets then counts a sample).
struct SearchPage {
  std::vector<SearchHit> hits;
  std::optional<Facets> facets;
};

struct Suggestions {
  std::vector<std::string> tags, models, creators;
};

class SearchStore {
 public:
  explicit SearchStore(db::Database& db) : db_(db) {}
  Result<SearchPage> search(const SearchQuery& query);
  // Counts over the query's candidate sample (see kSearchCandidates; the cursor ignored), top 10
  // values of each: exact when fewer posts match, else a sample's counts.
  Result<Facets> facets(const SearchQuery& query);
  // The newest post id (0 when none): the candidate bound of a first page.
  Result<int64_t> newest_id();
  // Tags, model names and creator handles starting with `prefix` (lower-case), 5 of each: tags
  // and models most used among the newest kSuggestSample public posts, handles A-Z.
  Result<Suggestions> suggest(const std::string& prefix);

 private:
  Result<std::vector<SearchHit>> browse(const SearchQuery& query);
  db::Database& db_;
};

}  // namespace sp::gallery
