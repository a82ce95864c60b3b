#include "store/search_store.hpp"

#include <algorithm>

#include "store/media_items.hpp"

#include "logic/search_request.hpp"
#include "store/gallery_sql.hpp"
#include "store/post_rows.hpp"
#include "strangeprompt/db/statements.hpp"

namespace sp::gallery {
namespace {

// " FROM ... WHERE ..." of a query and its parameters; the same for hits and facets.
struct Where {
  std::string from_where;
  db::Params params;
};

Where where_of(const SearchQuery& q, db::Dialect dialect) {
  Where w;
  const bool sqlite = dialect == db::Dialect::kSqlite;
  std::string& t = w.from_where;
  if (q.terms.empty()) {
    t = std::string(sql::kPostFrom) + "WHERE 1 = 1";
  } else if (sqlite) {
    t = " FROM post_search s JOIN posts p ON p.id = s.rowid "
        "LEFT JOIN authors a ON a.user_id = p.author_id WHERE post_search MATCH ?";
    w.params.push_back(fts5_match(q.terms));
  } else {
    t = " FROM post_search s JOIN posts p ON p.id = s.post_id "
        "LEFT JOIN authors a ON a.user_id = p.author_id "
        "WHERE s.doc @@ to_tsquery('simple', ?)";
    w.params.push_back(ts_query(q.terms));
  }
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
    add(" AND EXISTS (SELECT 1 FROM post_resources r WHERE r.post_id = p.id AND r.name = ?)",
        *q.resource);
  }
  if (q.tag) {
    add(" AND EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag = ?)", *q.tag);
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
    add(q.terms.empty() ? " AND p.id <= ?"
        : sqlite        ? " AND s.rowid <= ?"
                        : " AND s.post_id <= ?",
        *q.bound);
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

Result<std::vector<SearchHit>> SearchStore::search(const SearchQuery& q) {
  const bool sqlite = db_.dialect() == db::Dialect::kSqlite;
  Where w = where_of(q, db_.dialect());
  db::Params params;
  std::string score = "0.0";
  if (!q.terms.empty()) {
    // Title weighs most, then tags and handle, then the prompt.
    score = sqlite ? "-bm25(post_search, 10.0, 1.0, 4.0, 4.0)"
                   : "CAST(ts_rank(s.doc, to_tsquery('simple', ?)) AS DOUBLE PRECISION)";
    if (!sqlite) params.push_back(ts_query(q.terms));
  }
  if (!sqlite && q.terms.empty()) score = "CAST(0 AS DOUBLE PRECISION)";
  // The page is chosen over narrow rows k (id, sort keys, score) and only its rows are read in
  // full: sorting every match with its prompt and parameters made common words slow. With words,
  // k holds only the candidates, so bm25 / ts_rank score at most q.candidates rows.
  std::string text =
      "WITH k AS (SELECT p.id AS id, p.like_count AS like_count, p.published_at "
      "AS published_at, " +
      score + " AS score" + w.from_where + (q.terms.empty() ? "" : candidates(q, db_.dialect())) +
      ") SELECT " + sql::kPostColumns + ", r.score FROM (SELECT * FROM k";
  params.insert(params.end(), w.params.begin(), w.params.end());
  params.push_back(q.viewer);  // kPostColumns
  const bool relevance = q.sort == SearchSort::kRelevance && !q.terms.empty();
  const char* key = relevance                    ? "score"
                    : q.sort == SearchSort::kTop ? "like_count"
                                                 : "published_at";
  if (q.after && relevance) {
    // bm25 depends on the whole index (term frequencies, mean length), so a post published
    // between two pages moves every score a little: the cursor's post is placed by its score now
    // (its score in the cursor only when it has left the candidates), not by the old number.
    const std::string anchor = "COALESCE((SELECT a.score FROM k a WHERE a.id = ?), ?)";
    text += " WHERE (k.score < " + anchor + " OR (k.score = " + anchor + " AND k.id < ?))";
    params.insert(params.end(),
                  {q.after->id, q.after->score, q.after->id, q.after->score, q.after->id});
  } else if (q.after) {
    text += std::string(" WHERE (k.") + key + " < ? OR (k." + key + " = ? AND k.id < ?))";
    params.insert(params.end(), {q.after->key, q.after->key, q.after->id});
  }
  text += std::string(" ORDER BY k.") + key + " DESC, k.id DESC LIMIT ?) r" +
          " JOIN posts p ON p.id = r.id LEFT JOIN authors a ON a.user_id = p.author_id" +
          " ORDER BY r." + key + " DESC, r.id DESC";
  params.push_back(static_cast<int64_t>(q.limit));
  SP_ASSIGN_OR_RETURN(auto hits, db::query_all(db_, text, params, [](const db::Row& r) {
                        return SearchHit{post_from_row(r), r.get_double(24)};
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
  SP_ASSIGN_OR_RETURN(
      s.tags, db::query_all(db_,
                            "SELECT t.tag FROM post_tags t JOIN posts p ON p.id = t.post_id "
                            "WHERE p.visibility = 'public' AND t.tag LIKE ? ESCAPE '\\' "
                            "GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag LIMIT 5",
                            {like}, text));
  SP_ASSIGN_OR_RETURN(
      s.models, db::query_all(db_,
                              "SELECT p.model_name FROM posts p WHERE p.visibility = 'public' "
                              "AND LOWER(p.model_name) LIKE ? ESCAPE '\\' GROUP BY p.model_name "
                              "ORDER BY COUNT(*) DESC, p.model_name LIMIT 5",
                              {like}, text));
  SP_ASSIGN_OR_RETURN(s.creators,
                      db::query_all(db_,
                                    "SELECT handle FROM authors WHERE handle LIKE ? ESCAPE '\\' "
                                    "ORDER BY handle LIMIT 5",
                                    {like}, text));
  return s;
}

}  // namespace sp::gallery
