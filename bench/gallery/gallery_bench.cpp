// The gallery at a million posts: sp_gallery_bench [posts] [sqlite file] [cache MiB] [mmap MiB]
//   1. seeds `posts` (default 1,000,000) posts by 20,000 creators into a SQLite file: prompts of
//      8-60 words from a 400-word vocabulary, 1-6 tags of 300 and one of 40 models (both
//      Zipf-distributed), generation parameters, visibility and content-rating mixes, long-tailed
//      like/comment/view counts; multi-row INSERTs, 10,000 posts per transaction, then one bulk
//      FTS5 build;
//   2. times, through the service's own handlers (store + logic + JSON + the warm-read cache, no
//      sockets): feed pages hot/new/top (first page, and page 5 through cursors) cold (the cache
//      generation moved before every call) and warm (cache hit), post reads cold and warm, and
//      search for 1-, 2- and 3-word queries, a prefix, and with filters.
// Prints wall-clock p50 / p99 / mean and the mean CPU time of the calling thread, in
// microseconds per call (on a shared machine the CPU time is the steadier figure).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "gallery_runtime.hpp"
#include "handlers/handlers.hpp"
#include "logic/post.hpp"
#include "logic/post_rules.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/statements.hpp"

namespace sp::gallery {
namespace {

using Clock_ = std::chrono::steady_clock;

template <typename T>
T must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error(r.error().message + ": " + r.error().internal);
  return std::move(r).value();
}
void must(Status s) {
  if (!s.ok()) throw std::runtime_error(s.error().message + ": " + s.error().internal);
}

// Zipf pick (exponent 1) in [0, n): rank k is drawn with probability proportional to 1/(k+1),
// as word and tag frequencies in real prompt corpora roughly are.
std::size_t zipf(std::mt19937_64& rng, std::size_t n) {
  static std::map<std::size_t, std::vector<double>> cdfs;  // seeding is single-threaded
  std::vector<double>& cdf = cdfs[n];
  if (cdf.empty()) {
    double sum = 0;
    for (std::size_t k = 0; k < n; ++k) cdf.push_back(sum += 1.0 / static_cast<double>(k + 1));
    for (double& c : cdf) c /= sum;
  }
  std::uniform_real_distribution<double> u(0.0, 1.0);
  return std::min(n - 1, static_cast<std::size_t>(std::lower_bound(cdf.begin(), cdf.end(), u(rng)) -
                                                  cdf.begin()));
}

const std::vector<std::string>& vocabulary() {
  static const std::vector<std::string> words = [] {
    const char* base[] = {
        "portrait",    "castle",       "forest",    "moonlight", "fog",         "dragon",
        "city",        "neon",         "rain",      "ocean",     "mountain",    "sunset",
        "knight",      "witch",        "robot",     "cyberpunk", "steampunk",   "garden",
        "library",     "temple",       "desert",    "snow",      "river",       "bridge",
        "lantern",     "fox",          "cat",       "owl",       "wolf",        "flowers",
        "cathedral",   "ruins",        "spaceship", "astronaut", "galaxy",      "nebula",
        "village",     "market",       "tavern",    "ship",      "harbor",      "lighthouse",
        "island",      "waterfall",    "cave",      "crystal",   "armor",       "sword",
        "crown",       "mask",         "dress",     "kimono",    "samurai",     "ninja",
        "wizard",      "elf",          "dwarf",     "giant",     "angel",       "demon",
        "ghost",       "skull",        "candle",    "mirror",    "clock",       "gears",
        "train",       "station",      "street",    "alley",     "rooftop",     "skyline",
        "tower",       "balcony",      "window",    "kitchen",   "bedroom",     "studio",
        "cinematic",   "volumetric",   "lighting",  "golden",    "hour",        "dramatic",
        "soft",        "moody",        "vibrant",   "pastel",    "watercolor",  "oil",
        "painting",    "ink",          "sketch",    "charcoal",  "photograph",  "35mm",
        "film",        "grain",        "bokeh",     "macro",     "wide",        "angle",
        "closeup",     "symmetrical",  "intricate", "detailed",  "masterpiece", "best",
        "quality",     "highres",      "8k",        "sharp",     "focus",       "octane",
        "render",      "unreal",       "engine",    "trending",  "artstation",  "concept",
        "art",         "illustration", "anime",     "manga",     "pixel",       "isometric",
        "lowpoly",     "surreal",      "dreamy",    "ethereal",  "glowing",     "bioluminescent",
        "reflections", "mist",         "storm",     "lightning", "aurora",      "stars",
        "night",       "dawn",         "twilight",  "autumn",    "spring",      "winter",
        "summer",      "blossom",      "cherry",    "bamboo",    "pine",        "oak",
        "moss",        "stone",        "marble",    "gold",      "silver",      "copper",
        "brass",       "velvet",       "silk",      "leather",   "glass",       "smoke",
        "fire",        "ice",          "water",     "wind",      "clouds",      "sky",
        "sea",         "beach",        "sand",      "dune",      "canyon",      "valley",
        "meadow",      "field",        "farm",      "barn",      "cottage",     "cabin",
        "hut",         "palace",       "throne",    "hall",      "dungeon",     "crypt",
        "tomb",        "pyramid",      "sphinx",    "statue",    "fountain",    "plaza",
        "carnival",    "circus",       "theater",   "opera",     "ballet",      "dancer",
        "musician",    "violin",       "piano",     "guitar",    "drummer",     "singer",
        "poet",        "scholar",      "monk",      "priest",    "queen",       "king",
        "prince",      "princess",     "pirate",    "captain",   "soldier",     "pilot",
        "mechanic",    "scientist",    "doctor",    "chef",      "gardener",    "florist",
        "baker",       "blacksmith",   "hunter",    "archer",    "rider",       "horse",
        "unicorn",     "phoenix",      "griffin",   "kraken",    "serpent",     "koi",
        "whale",       "jellyfish",    "octopus",   "turtle",    "butterfly",   "moth",
        "beetle",      "spider",       "raven",     "crow",      "eagle",       "swan",
        "peacock",     "tiger",        "lion",      "bear",      "deer",        "rabbit",
        "mouse",       "frog",         "lizard",    "snake"};
    std::vector<std::string> v(std::begin(base), std::end(base));
    // Pad to 400 with compound jargon (model-ish tokens appear in real prompts).
    for (int i = 0; v.size() < 400; ++i) v.push_back("style" + std::to_string(i));
    return v;
  }();
  return words;
}

struct Model {
  std::string name, hash;
};

std::vector<Model> models() {
  const char* names[] = {
      "juggernautXL_v9",       "sd_xl_base_1.0",       "ponyDiffusionV6XL",   "flux1-dev",
      "flux1-schnell",         "dreamshaper_8",        "v1-5-pruned-emaonly", "realisticVision_v51",
      "sd3_medium_incl_clips", "animagineXL_v31",      "deliberate_v3",       "revAnimated_v122",
      "epicrealism_v5",        "absolutereality_v181", "counterfeit_v30",     "meinamix_v11"};
  std::vector<Model> out;
  for (int i = 0; out.size() < 40; ++i) {
    const std::string base = names[static_cast<std::size_t>(i) % std::size(names)];
    out.push_back(
        {i < 16 ? base : base + "_ft" + std::to_string(i), "a1b2c3d4e" + std::to_string(i % 10)});
  }
  return out;
}

constexpr const char* kSamplers[] = {"Euler a",   "Euler", "DPM++ 2M", "DPM++ 2M Karras",
                                     "DPM++ SDE", "UniPC", "DDIM",     "Heun"};

constexpr int kCreators = 20'000;
constexpr int64_t kIdBase = 1'000'000'000'000;  // post ids kIdBase + i (time-ordered)

void seed(db::Database& db, int64_t posts) {
  std::mt19937_64 rng(42);
  const auto& words = vocabulary();
  const auto all_models = models();
  std::vector<std::string> tag_names;
  for (int i = 0; i < 300; ++i)
    tag_names.push_back(i < 150 ? words[static_cast<std::size_t>(i)] : "tag" + std::to_string(i));
  // Authors.
  must(db.transact([&](db::Session& tx) -> Status {
    for (int i = 1; i <= kCreators; ++i) {
      SP_TRY(db::run(tx,
                     "INSERT INTO authors (user_id, handle, display_name, avatar, updated_at) "
                     "VALUES (?, ?, ?, NULL, 0)",
                     {int64_t{i}, "creator_" + std::to_string(i), "Creator " + std::to_string(i)}));
    }
    return ok_status();
  }));
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  const int64_t year_ms = 365LL * 24 * 3600 * 1000;
  std::uniform_real_distribution<double> u(0.0, 1.0);
  constexpr int kRowsPerInsert = 100;  // 26 columns: 2,600 parameters per statement
  constexpr int kPerTransaction = 10'000;
  std::string insert_posts_head =
      "INSERT INTO posts (id, author_id, title, prompt, negative_prompt, params_json, tool, "
      "model_name, model_hash, base_model, sampler, steps, cfg, width, height, tags_json, "
      "category, content_rating, visibility, images_json, remix_of, hide_params, like_count, "
      "comment_count, view_count, hot, created_at, updated_at, published_at) VALUES ";
  const std::string row_marks = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  for (int64_t start = 0; start < posts; start += kPerTransaction) {
    const int64_t end = std::min(posts, start + kPerTransaction);
    must(db.transact([&](db::Session& tx) -> Status {
      for (int64_t batch = start; batch < end; batch += kRowsPerInsert) {
        const int64_t batch_end = std::min(end, batch + kRowsPerInsert);
        std::string text = insert_posts_head;
        std::string tags_text = "INSERT INTO post_tags (tag, post_id) VALUES ";
        db::Params p, tp;
        bool first_tag = true;
        for (int64_t i = batch; i < batch_end; ++i) {
          if (i != batch) text += ",";
          text += row_marks;
          const int64_t id = kIdBase + i;
          const int64_t author = 1 + static_cast<int64_t>(zipf(rng, kCreators));
          const std::size_t nwords = 8 + static_cast<std::size_t>(u(rng) * u(rng) * 52);
          std::string prompt;
          for (std::size_t w = 0; w < nwords; ++w) {
            if (w) prompt += w % 5 == 0 ? ", " : " ";
            prompt += words[zipf(rng, words.size())];
          }
          std::string title = words[zipf(rng, words.size())] + " " + words[zipf(rng, words.size())];
          const Model& m = all_models[zipf(rng, all_models.size())];
          GenerationParams g;
          g.tool = "Automatic1111";
          g.model_name = m.name;
          g.model_hash = m.hash;
          g.sampler = kSamplers[zipf(rng, std::size(kSamplers))];
          g.steps = 20 + static_cast<int64_t>(u(rng) * 31);
          g.cfg = 3.0 + std::round(u(rng) * 16) / 2;
          g.seed = static_cast<int64_t>(rng() >> 20);
          const int shape = static_cast<int>(u(rng) * 3);
          g.width = shape == 0 ? 832 : shape == 1 ? 1216 : 1024;
          g.height = shape == 0 ? 1216 : shape == 1 ? 832 : 1024;
          std::vector<std::string> tags;
          const int ntags = 1 + static_cast<int>(u(rng) * 6);
          for (int t = 0; t < ntags; ++t) {
            const std::string& tag = tag_names[zipf(rng, tag_names.size())];
            if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
          }
          const double r = u(rng);
          const char* visibility = r < 0.97   ? "public"
                                   : r < 0.98 ? "unlisted"
                                   : r < 0.99 ? "private"
                                              : "draft";
          const double rr = u(rng);
          const int64_t rating = rr < 0.85 ? 0 : rr < 0.95 ? 1 : rr < 0.99 ? 2 : 3;
          const auto likes =
              static_cast<int64_t>(std::min(50'000.0, std::pow(u(rng) + 1e-9, -1.4) - 1));
          const auto comments = likes / 8;
          const auto views = likes * 25 + static_cast<int64_t>(u(rng) * 40);
          const int64_t published = now_ms - year_ms + (year_ms * i) / posts;
          const bool is_public =
              std::string(visibility) == "public" || std::string(visibility) == "unlisted";
          const std::optional<int64_t> published_at =
              is_public ? std::optional<int64_t>(published) : std::nullopt;
          const db::Params row{id,
                               author,
                               title,
                               prompt,
                               std::string("lowres, blurry"),
                               params_json(g),
                               g.tool,
                               g.model_name,
                               g.model_hash,
                               derive_base_model(m.name, m.hash),
                               g.sampler,
                               g.steps,
                               g.cfg,
                               g.width,
                               g.height,
                               strings_json(tags),
                               std::optional<std::string>(),
                               rating,
                               std::string(visibility),
                               std::string("[]"),
                               std::optional<int64_t>(),
                               false,
                               likes,
                               comments,
                               views,
                               hot_score(likes, comments, views, published_at),
                               published,
                               published,
                               published_at};
          p.insert(p.end(), row.begin(), row.end());
          for (const std::string& tag : tags) {
            tags_text += first_tag ? "(?,?)" : ",(?,?)";
            first_tag = false;
            const db::Params pair{tag, id};
            tp.insert(tp.end(), pair.begin(), pair.end());
          }
        }
        SP_TRY(db::run(tx, text, p));
        if (!first_tag) SP_TRY(db::run(tx, tags_text, tp));
      }
      return ok_status();
    }));
    if ((end % 100'000) == 0) std::fprintf(stderr, "  %lld posts\n", static_cast<long long>(end));
  }
  std::fprintf(stderr, "  building the FTS5 index\n");
  must(db.transact([&](db::Session& tx) -> Status {
    return db::run(tx,
                   "INSERT INTO post_search (rowid, title, prompt, tags, handle) "
                   "SELECT p.id, p.title, p.prompt, p.tags_json, COALESCE(a.handle, '') "
                   "FROM posts p LEFT JOIN authors a ON a.user_id = p.author_id");
  }));
  must(db.transact([&](db::Session& tx) -> Status { return db::run(tx, "ANALYZE"); }));
}

http::Request get(const std::string& path, const std::string& query,
                  std::vector<std::pair<std::string, std::string>> params = {}) {
  http::Request r;
  r.method = http::Method::kGet;
  r.path = path;
  r.query = query;
  r.target = query.empty() ? path : path + "?" + query;
  r.params = std::move(params);
  return r;
}

struct Figures {
  double p50, p99, mean, cpu;  // wall-clock percentiles and mean; mean CPU time of the thread
};

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

Figures time_calls(int n, const std::function<void(int)>& call) {
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(n));
  const double cpu0 = thread_cpu_us();
  for (int i = 0; i < n; ++i) {
    const auto t0 = Clock_::now();
    call(i);
    us.push_back(std::chrono::duration<double, std::micro>(Clock_::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  double sum = 0;
  for (double v : us) sum += v;
  return {us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)], sum / n,
          (thread_cpu_us() - cpu0) / n};
}

void report(const std::string& name, const Figures& f) {
  std::printf("%-44s p50 %9.1f us   p99 %9.1f us   mean %9.1f us   cpu %9.1f us\n", name.c_str(),
              f.p50, f.p99, f.mean, f.cpu);
  std::fflush(stdout);
}

std::string next_cursor(const std::string& body) {
  const auto at = body.rfind("\"next\":\"");
  if (at == std::string::npos) return {};
  const auto start = at + 8;
  return body.substr(start, body.find('"', start) - start);
}

void check(const Result<http::Response>& r, const std::string& what) {
  if (!r.ok()) throw std::runtime_error(what + ": " + r.error().message);
  if (r->status != 200) throw std::runtime_error(what + ": status " + std::to_string(r->status));
}

void measure(GalleryRuntime& rt, int64_t posts) {
  constexpr int kCalls = 300;
  for (const char* sort : {"hot", "new", "top"}) {
    const std::string q = std::string("sort=") + sort + "&limit=20";
    report(std::string("feed ") + sort + " page 1, cold", time_calls(kCalls, [&](int) {
             rt.changed();  // a new generation: the cache cannot answer
             auto req = get("/v1/gallery/feed", q);
             check(handlers::feed(rt, req), "feed");
           }));
    // Page 5 through the cursors of pages 1-4.
    std::string cursor;
    for (int page = 1; page < 5; ++page) {
      auto req = get("/v1/gallery/feed", q + (cursor.empty() ? "" : "&cursor=" + cursor));
      auto r = handlers::feed(rt, req);
      check(r, "feed paging");
      cursor = next_cursor(r->body);
    }
    const std::string q5 = q + "&cursor=" + cursor;
    report(std::string("feed ") + sort + " page 5, cold", time_calls(kCalls, [&](int) {
             rt.changed();
             auto req = get("/v1/gallery/feed", q5);
             check(handlers::feed(rt, req), "feed page 5");
           }));
    report(std::string("feed ") + sort + " page 1, warm", time_calls(kCalls * 10, [&](int) {
             auto req = get("/v1/gallery/feed", q);
             check(handlers::feed(rt, req), "feed warm");
           }));
  }
  report("feed hot, tag filter (top tag), cold", time_calls(kCalls, [&](int) {
           rt.changed();
           auto req = get("/v1/gallery/feed", "sort=hot&tag=portrait&limit=20");
           check(handlers::feed(rt, req), "feed tag");
         }));
  report("feed new, baseModel=flux, cold", time_calls(kCalls, [&](int) {
           rt.changed();
           auto req = get("/v1/gallery/feed", "sort=new&baseModel=flux&limit=20");
           check(handlers::feed(rt, req), "feed base model");
         }));
  std::mt19937_64 rng(7);
  std::vector<int64_t> ids;
  // Public ones only (97%): retry until a read succeeds.
  for (int i = 0; ids.size() < static_cast<std::size_t>(kCalls); ++i) {
    const int64_t id = kIdBase + static_cast<int64_t>(rng() % static_cast<uint64_t>(posts));
    auto req = get("/v1/gallery/posts/" + std::to_string(id), {}, {{"id", std::to_string(id)}});
    auto r = handlers::get_post(rt, req);
    if (r.ok() && r->status == 200) ids.push_back(id);
  }
  report("post read (random ids), cold", time_calls(kCalls, [&](int i) {
           rt.changed();
           const std::string id = std::to_string(ids[static_cast<std::size_t>(i)]);
           auto req = get("/v1/gallery/posts/" + id, {}, {{"id", id}});
           check(handlers::get_post(rt, req), "post");
         }));
  report("post read, warm", time_calls(kCalls * 10, [&](int i) {
           const std::string id = std::to_string(ids[static_cast<std::size_t>(i % 20)]);
           auto req = get("/v1/gallery/posts/" + id, {}, {{"id", id}});
           check(handlers::get_post(rt, req), "post warm");
         }));
  // Query words by frequency rank in the vocabulary (Zipf): common, mid and rare; the share of
  // posts each one matches is printed beside its timings.
  const auto& words = vocabulary();
  const std::string common = words[5], mid = words[40], mid2 = words[60], mid3 = words[90],
                    rare = words[300];
  auto matches = [&](const std::string& q) {
    auto rows = rt.store().database().query(
        "SELECT COUNT(*) FROM post_search WHERE post_search MATCH ?", {q});
    return rows.ok() && !rows->empty() ? (*rows)[0].get_int(0) : -1;
  };
  const std::vector<std::pair<std::string, std::string>> searches = {
      {"search 1 word, mid (" + mid + ")", "q=" + mid},
      {"search 2 words (" + mid + " " + mid2 + ")", "q=" + mid + "+" + mid2},
      {"search 3 words (" + mid + " " + mid2 + " " + mid3 + ")",
       "q=" + mid + "+" + mid2 + "+" + mid3},
      {"search prefix (" + mid.substr(0, 3) + ")", "q=" + mid.substr(0, 3)},
      {"search 1 word, rare (" + rare + ")", "q=" + rare},
      {"search 1 word + baseModel=sdxl", "q=" + mid + "&baseModel=sdxl"},
      {"search 2 words + steps=30..40 + tag",
       "q=" + mid + "+" + mid2 + "&steps=30..40&tag=" + words[3]},
      {"search 1 word, sort=new", "q=" + mid + "&sort=new"},
      {"search 1 word, sort=top", "q=" + mid + "&sort=top"},
      {"search 1 word + facets", "q=" + mid + "&facets=true"},
      {"search 1 word, common (" + common + ")", "q=" + common},
      {"search no words, baseModel=sdxl + steps=30..40", "baseModel=sdxl&steps=30..40"},
  };
  for (const std::string& w : {common, mid, mid2, mid3, rare}) {
    std::printf("  '%s' is in %lld of %lld posts\n", w.c_str(), static_cast<long long>(matches(w)),
                static_cast<long long>(posts));
  }
  for (const auto& [name, query] : searches) {
    // Fewer calls where one takes seconds (a million posts): p99 is then the slowest call.
    const int calls = 30;
    // Cold: a write before each call, so the facets are computed every time (no warm cache).
    report(name, time_calls(calls, [&](int) {
             rt.changed();
             auto req = get("/v1/gallery/search", query);
             check(handlers::search(rt, req), name);
           }));
  }
  for (const std::string& prefix : {std::string("p"), mid.substr(0, 2), common.substr(0, 3)}) {
    report("suggest '" + prefix + "'", time_calls(30, [&](int) {
             auto req = get("/v1/gallery/search/suggest", "q=" + prefix);
             check(handlers::suggest(rt, req), "suggest");
           }));
  }
  // The same search with no write between calls (SQLite's page cache stays warm; no result is
  // cached: the hits and facets are computed each time).
  report("search 1 word, common, no writes", time_calls(30, [&](int) {
           auto req = get("/v1/gallery/search", "q=" + common);
           check(handlers::search(rt, req), "search warm");
         }));
}

}  // namespace
}  // namespace sp::gallery

int main(int argc, char** argv) {
  using namespace sp;
  Logger::global().set_level(LogLevel::kWarn);
  const int64_t posts = argc > 1 ? std::stoll(argv[1]) : 1'000'000;
  std::unique_ptr<sp::testing::TempDir> dir;
  std::string path;
  if (argc > 2) {
    path = argv[2];
  } else {
    dir = std::make_unique<sp::testing::TempDir>("sp-gallery-bench");
    path = dir->file("gallery.db");
  }
  try {
    db::DatabaseOptions options;
    options.sqlite_path = path;
    // Optional: the SQLite page cache and mmap sizes (db.sqlite_cache_mib / db.sqlite_mmap_mib);
    // "0 0" is SQLite's own default (2 MB cache, no mmap).
    if (argc > 3) options.sqlite_cache_mib = std::stoi(argv[3]);
    if (argc > 4) options.sqlite_mmap_mib = std::stoi(argv[4]);
    std::printf("sqlite cache %d MiB, mmap %d MiB\n", options.sqlite_cache_mib,
                options.sqlite_mmap_mib);
    auto db = gallery::must(db::Database::open(options));
    gallery::must(gallery::migrate_gallery_store(*db));
    auto empty = db->query("SELECT 1 FROM posts LIMIT 1");
    if (empty.ok() && empty->empty()) {
      std::fprintf(stderr, "seeding %lld posts into %s\n", static_cast<long long>(posts),
                   path.c_str());
      const auto t0 = std::chrono::steady_clock::now();
      gallery::seed(*db, posts);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("seeded %lld posts in %.1f s (%.0f posts/s)\n", static_cast<long long>(posts), s,
                  static_cast<double>(posts) / s);
    } else {
      std::printf("reusing %s\n", path.c_str());
    }
    gallery::GallerySettings settings;
    auto rt = gallery::must(gallery::GalleryRuntime::open(*db, Clock::system(), settings));
    gallery::measure(*rt, posts);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
