#include "store/search_store.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>

#include "store/media_items.hpp"

#include "logic/search_rank.hpp"
#include "logic/search_request.hpp"
#include "store/gallery_sql.hpp"
#include "store/post_rows.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/db/statements.hpp"

namespace sp::gallery {
namespace {

// " FROM ... WHERE ..." of a query and its parameters; the same for hits and facets.
struct Where {
  std::string from_where;
  db::Params params;
  std::string id;  // the post id column of the walk: the full-text index's, else p.id
};

Where where_of(const SearchQuery& q, db::Dialect dialect, bool prefix = true) {
  Where w;
  const bool sqlite = dialect == db::Dialect::kSqlite;
  std::string& t = w.from_where;
  if (q.terms.empty()) {
    t = std::string(sql::kPostFrom) + "WHERE 1 = 1";
  } else if (sqlite) {
    t = " FROM post_search s JOIN posts p ON p.id = s.rowid WHERE post_search MATCH ?";
    w.params.push_back(fts5_match(q.terms, prefix));
  } else {
    t = " FROM post_search s JOIN posts p ON p.id = s.post_id "
        "WHERE s.doc @@ to_tsquery('simple', ?)";
    w.params.push_back(ts_query(q.terms, prefix));
  }
  // The post id as the index side knows it: the tag and resource tests then run on each match
  // before its post row (or the covering posts_search_filters entry) is read.
  w.id = q.terms.empty() ? "p.id" : sqlite ? "s.rowid" : "s.post_id";
  const std::string& id = w.id;
  t += " AND p.visibility = 'public'";
  add_viewer_filter(t, w.params, q.viewer);
  auto add = [&](const char* condition, db::Value v) {
    t += condition;
    w.params.push_back(std::move(v));
  };
  if (q.model) add(" AND LOWER(p.model_name) = LOWER(?)", *q.model);
  if (q.base_model) add(" AND p.base_model = ?", *q.base_model);
  if (q.sampler) add(" AND LOWER(p.sampler) = LOWER(?)", *q.sampler);
  if (q.tool) add(" AND LOWER(p.tool) = LOWER(?)", *q.tool);
  if (q.resource) {
    t += " AND EXISTS (SELECT 1 FROM post_resources r WHERE r.post_id = " + id + " AND r.name = ?)";
    w.params.push_back(*q.resource);
  }
  if (q.tag) {
    t += " AND EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = " + id + " AND pt.tag = ?)";
    w.params.push_back(*q.tag);
  }
  if (q.rating) add(" AND p.content_rating = ?", static_cast<int64_t>(*q.rating));
  if (q.aspect == Aspect::kPortrait) t += " AND p.height > p.width";
  if (q.aspect == Aspect::kLandscape) t += " AND p.width > p.height";
  if (q.aspect == Aspect::kSquare) t += " AND p.width = p.height";
  if (q.since_ms) add(" AND p.published_at >= ?", *q.since_ms);
  if (q.creator) add(" AND p.author_id = ?", *q.creator);
  if (q.steps_min) add(" AND p.steps >= CAST(? AS DOUBLE PRECISION)", *q.steps_min);
  if (q.steps_max) add(" AND p.steps <= CAST(? AS DOUBLE PRECISION)", *q.steps_max);
  if (q.cfg_min) add(" AND p.cfg >= CAST(? AS DOUBLE PRECISION)", *q.cfg_min);
  if (q.cfg_max) add(" AND p.cfg <= CAST(? AS DOUBLE PRECISION)", *q.cfg_max);
  // On the index side when there are words, so the engine walks the index from the bound down.
  if (q.bound) {
    t += " AND " + id + " <= ?";
    w.params.push_back(*q.bound);
  }
  return w;
}

// The candidate order and cap: newest matches first, straight off the full-text index (FTS5 and
// the post_search primary key walk rowid / post_id backwards), so the work stops after
// q.candidates rows however many posts match.
std::string candidates(const SearchQuery& q, db::Dialect dialect) {
  const char* order = q.terms.empty()                   ? "p.id"
                      : dialect == db::Dialect::kSqlite ? "s.rowid"
                                                        : "s.post_id";
  return std::string(" ORDER BY ") + order + " DESC LIMIT " + std::to_string(q.candidates);
}

// LIKE pattern for a prefix, with \ escaping the wildcards.
std::string prefix_pattern(const std::string& prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

namespace {

// A candidate of a search with words: its sort keys, its score and what the facets count.
struct Candidate {
  int64_t id = 0, like_count = 0, published_at = 0;
  double score = 0;
  std::optional<std::string> base_model, model, sampler;
  std::vector<std::string> tags;
};

// The newest q.candidates posts that match (as whole words, or with `prefix` as prefixes) and
// pass the filters, each scored from its own text (logic/search_rank.hpp). Two steps in one
// statement: the ids of the candidates, the filters tested on each match newest first (on
// SQLite through the posts_search_filters index, migration 008, without reading post rows), then
// the text and keys of those candidates alone.
Result<std::vector<Candidate>> fetch_candidates(db::Database& db, const SearchQuery& q,
                                                bool prefix) {
  Where w = where_of(q, db.dialect(), prefix);
  const std::string text =
      "SELECT p.id, p.like_count, p.published_at, p.base_model, p.model_name, p.sampler, "
      "p.tags_json, p.title, p.prompt, COALESCE(a.handle, '') FROM (SELECT " +
      w.id + " AS id" + w.from_where + candidates(q, db.dialect()) +
      ") c JOIN posts p ON p.id = c.id LEFT JOIN authors a ON a.user_id = p.author_id";
  return db::query_all(db, text, w.params, [&](const db::Row& r) {
    const std::string tags = r.get_text(6), title = r.get_text(7), prompt = r.get_text(8),
                      handle = r.get_text(9);
    return Candidate{.id = r.get_int(0),
                     .like_count = r.get_int(1),
                     .published_at = r.opt_int(2).value_or(0),
                     .score = relevance(q.terms, prefix, {title, prompt, tags, handle}),
                     .base_model = r.opt_text(3),
                     .model = r.opt_text(4),
                     .sampler = r.opt_text(5),
                     .tags = tags_of(tags)};
  });
}

// Whether the last word, as a whole word and alone, is in at least q.candidates posts up to the
// bound: the newest q.candidates entries of its doclist, nothing else read.
Result<bool> last_word_is_common(db::Database& db, const SearchQuery& q) {
  const bool sqlite = db.dialect() == db::Dialect::kSqlite;
  const std::string limit = std::to_string(q.candidates);
  const std::string text =
      sqlite ? "SELECT COUNT(*) FROM (SELECT rowid FROM post_search WHERE post_search MATCH ? AND "
               "rowid <= ? ORDER BY rowid DESC LIMIT " +
                   limit + ") x"
             : "SELECT COUNT(*) FROM (SELECT post_id FROM post_search WHERE doc @@ "
               "to_tsquery('simple', ?) AND post_id <= ? ORDER BY post_id DESC LIMIT " +
                   limit + ") x";
  const std::vector<std::string> last{q.terms.back()};
  const db::Value match = sqlite ? fts5_match(last, false) : ts_query(last, false);
  SP_ASSIGN_OR_RETURN(auto rows, db::query_all(db, text, {match, q.bound.value_or(INT64_MAX)},
                                               [](const db::Row& r) { return r.get_int(0); }));
  return !rows.empty() && rows[0] >= q.candidates;
}

// Top 10 values by count (then by value) of one facet over the candidates.
std::vector<Facet> top_values(
    const std::vector<Candidate>& cands,
    const std::function<void(const Candidate&, std::map<std::string, int64_t>&)>& add) {
  std::map<std::string, int64_t> counts;
  for (const Candidate& c : cands) add(c, counts);
  std::vector<Facet> out;
  for (auto& [value, count] : counts) out.push_back(Facet{value, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const Facet& a, const Facet& b) { return a.count > b.count; });
  if (out.size() > 10) out.resize(10);
  return out;
}

Facets facets_of(const std::vector<Candidate>& cands) {
  auto one = [](std::optional<std::string> Candidate::*field) {
    return [field](const Candidate& c, std::map<std::string, int64_t>& counts) {
      if (c.*field) ++counts[*(c.*field)];
    };
  };
  Facets f;
  f.base_model = top_values(cands, one(&Candidate::base_model));
  f.model = top_values(cands, one(&Candidate::model));
  f.sampler = top_values(cands, one(&Candidate::sampler));
  f.tag = top_values(cands, [](const Candidate& c, std::map<std::string, int64_t>& counts) {
    for (const std::string& t : c.tags) ++counts[t];
  });
  return f;
}

}  // namespace

Result<SearchPage> SearchStore::search(const SearchQuery& q) {
  if (q.terms.empty()) {
    SP_ASSIGN_OR_RETURN(auto hits, browse(q));
    return SearchPage{std::move(hits), std::nullopt};
  }
  // The last word is a prefix unless it is itself a word of at least the cap's posts (a probe of
  // its doclist alone): FTS5 builds a prefix's merged doclist in full, tens of ms for a word in
  // half the posts, and a word that common needs no expansions.
  SP_ASSIGN_OR_RETURN(bool whole, last_word_is_common(db_, q));
  SP_ASSIGN_OR_RETURN(std::vector<Candidate> cands, fetch_candidates(db_, q, !whole));
  SearchPage out{{}, facets_of(cands)};
  const bool relevance = q.sort == SearchSort::kRelevance;
  auto key = [&](const Candidate& c) {
    return relevance                    ? c.score
           : q.sort == SearchSort::kTop ? static_cast<double>(c.like_count)
                                        : static_cast<double>(c.published_at);
  };
  auto before = [&](const Candidate& a, const Candidate& b) {  // a comes first
    const double ka = key(a), kb = key(b);
    return ka != kb ? ka > kb : a.id > b.id;
  };
  std::sort(cands.begin(), cands.end(), before);
  std::vector<const Candidate*> page;
  for (const Candidate& c : cands) {
    if (page.size() == q.limit) break;
    if (q.after) {
      const double k = key(c);
      const double after = relevance ? q.after->score : static_cast<double>(q.after->key);
      if (!(k < after || (k == after && c.id < q.after->id))) continue;
    }
    page.push_back(&c);
  }
  if (page.empty()) return out;
  // Only the page's rows are read in full.
  std::string text =
      std::string("SELECT ") + sql::kPostColumns + sql::kPostFrom + "WHERE p.id IN (";
  db::Params params{q.viewer};
  for (std::size_t i = 0; i < page.size(); ++i) {
    text += i == 0 ? "?" : ", ?";
    params.push_back(page[i]->id);
  }
  text += ")";
  SP_ASSIGN_OR_RETURN(auto posts, db::query_all(db_, text, params, post_from_row));
  std::map<int64_t, PostView*> by_id;
  for (PostView& p : posts) by_id[p.id] = &p;
  for (const Candidate* c : page) {
    auto it = by_id.find(c->id);
    if (it != by_id.end()) out.hits.push_back(SearchHit{std::move(*it->second), c->score});
  }
  std::vector<PostView*> views;
  for (SearchHit& h : out.hits) views.push_back(&h.post);
  SP_TRY(attach_media(db_, views));
  return out;
}

// Filters only: paged like a feed, straight off the posts indexes.
Result<std::vector<SearchHit>> SearchStore::browse(const SearchQuery& q) {
  const bool sqlite = db_.dialect() == db::Dialect::kSqlite;
  Where w = where_of(q, db_.dialect());
  db::Params params{q.viewer};
  const std::string score = sqlite ? "0.0" : "CAST(0 AS DOUBLE PRECISION)";
  std::string text = std::string("SELECT ") + sql::kPostColumns +
                     ", r.score FROM (SELECT * FROM (SELECT p.id AS id, p.like_count AS "
                     "like_count, p.published_at AS published_at, " +
                     score + " AS score" + w.from_where + ") k";
  params.insert(params.end(), w.params.begin(), w.params.end());
  const char* key = q.sort == SearchSort::kTop ? "like_count" : "published_at";
  if (q.after) {
    text += std::string(" WHERE (k.") + key + " < ? OR (k." + key + " = ? AND k.id < ?))";
    params.insert(params.end(), {q.after->key, q.after->key, q.after->id});
  }
  text += std::string(" ORDER BY k.") + key + " DESC, k.id DESC LIMIT ?) r" +
          " JOIN posts p ON p.id = r.id LEFT JOIN authors a ON a.user_id = p.author_id" +
          " ORDER BY r." + key + " DESC, r.id DESC";
  params.push_back(static_cast<int64_t>(q.limit));
  SP_ASSIGN_OR_RETURN(auto hits, db::query_all(db_, text, params, [](const db::Row& r) {
                        return SearchHit{post_from_row(r), r.get_double(kPostColumnCount)};
                      }));
  std::vector<PostView*> posts;
  for (SearchHit& h : hits) posts.push_back(&h.post);
  SP_TRY(attach_media(db_, posts));
  return hits;
}

Result<Facets> SearchStore::facets(const SearchQuery& q) {
  Where w = where_of(q, db_.dialect());
  // One statement: the candidate sample once (a CTE used four times is materialised by both
  // engines), then the top 10 of each facet over it.
  auto part = [](int kind, const char* column, const char* from) {
    return std::string("SELECT * FROM (SELECT ") + std::to_string(kind) + " AS f, " + column +
           " AS v, COUNT(*) AS n FROM " + from + " WHERE " + column + " IS NOT NULL GROUP BY " +
           column + " ORDER BY COUNT(*) DESC, " + column + " LIMIT 10) f" + std::to_string(kind);
  };
  const std::string text =
      "WITH c AS (SELECT p.id AS id, p.base_model AS base_model, p.model_name AS model_name, "
      "p.sampler AS sampler" +
      w.from_where + candidates(q, db_.dialect()) + ") " + part(0, "c.base_model", "c") +
      " UNION ALL " + part(1, "c.model_name", "c") + " UNION ALL " + part(2, "c.sampler", "c") +
      " UNION ALL " + part(3, "t.tag", "c JOIN post_tags t ON t.post_id = c.id");
  struct Counted {
    int64_t kind;
    Facet facet;
  };
  SP_ASSIGN_OR_RETURN(auto rows, db::query_all(db_, text, w.params, [](const db::Row& r) {
                        return Counted{r.get_int(0), Facet{r.get_text(1), r.get_int(2)}};
                      }));
  // UNION ALL keeps no order: most frequent first, then by value, as each part chose them.
  std::stable_sort(rows.begin(), rows.end(), [](const Counted& a, const Counted& b) {
    if (a.facet.count != b.facet.count) return a.facet.count > b.facet.count;
    return a.facet.value < b.facet.value;
  });
  Facets f;
  for (Counted& c : rows) {
    std::vector<Facet>* into = c.kind == 0   ? &f.base_model
                               : c.kind == 1 ? &f.model
                               : c.kind == 2 ? &f.sampler
                                             : &f.tag;
    into->push_back(std::move(c.facet));
  }
  return f;
}

Result<int64_t> SearchStore::newest_id() {
  SP_ASSIGN_OR_RETURN(auto rows,
                      db::query_all(db_, "SELECT MAX(id) FROM posts", {}, [](const db::Row& r) {
                        return r.is_null(0) ? int64_t{0} : r.get_int(0);
                      }));
  return rows.empty() ? int64_t{0} : rows[0];
}

Result<Suggestions> SearchStore::suggest(const std::string& prefix) {
  const std::string like = prefix_pattern(prefix);
  auto text = [](const db::Row& r) { return r.get_text(0); };
  Suggestions s;
  // Tags and models from the newest kSuggestSample public posts (one read of the posts_new
  // index and those rows), most used first: LIKE over every tag and model name of a million
  // posts took seconds, and type-ahead needs milliseconds.
  struct Sampled {
    std::string model;
    std::vector<std::string> tags;
  };
  SP_ASSIGN_OR_RETURN(
      auto sample,
      db::query_all(db_,
                    "SELECT p.model_name, p.tags_json FROM posts p WHERE p.visibility = 'public' "
                    "ORDER BY p.published_at DESC, p.id DESC LIMIT " +
                        std::to_string(kSuggestSample),
                    {}, [](const db::Row& r) {
                      return Sampled{r.opt_text(0).value_or(""), tags_of(r.get_text(1))};
                    }));
  std::map<std::string, int64_t> tags, models;
  for (const Sampled& p : sample) {
    for (const std::string& t : p.tags) {
      if (t.starts_with(prefix)) ++tags[t];
    }
    if (!p.model.empty() && to_lower_ascii(p.model).starts_with(prefix)) ++models[p.model];
  }
  auto top5 = [](const std::map<std::string, int64_t>& counts) {
    std::vector<std::pair<std::string, int64_t>> v(counts.begin(), counts.end());
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size() && i < 5; ++i) out.push_back(v[i].first);
    return out;
  };
  s.tags = top5(tags);
  s.models = top5(models);
  SP_ASSIGN_OR_RETURN(s.creators,
                      db::query_all(db_,
                                    "SELECT handle FROM authors WHERE handle LIKE ? ESCAPE '\\' "
                                    "ORDER BY handle LIMIT 5",
                                    {like}, text));
  return s;
}

}  // namespace sp::gallery
