// Analytics figures (one process, SQLite in a temp directory, the embedded event log):
//   core events/s     analytics.view_batch records (100 views each: one address, 10 visitors
//                     viewing 10 posts each; 10,000 posts, 2M visitors, 100,000 addresses) parsed
//                     and counted by the consumer's logic (envelope parse, 30-minute repeat rule,
//                     anomaly detector, counter deltas) on one thread
//   consumer events/s the same records through Counting::on_view_batch: the above plus the
//                     idempotency check and one SQLite transaction per record
//   end-to-end lag    beacons accepted at a fixed rate (default 10,000 events/s for 10 s) through
//                     the outbox, the relay, the event log and the consumer, to the counted write:
//                     p50 / p99 / max of (counted - accepted) per beacon
// Usage: sp_analytics_bench [records=2000] [rate=10000] [seconds=10]
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "logic/beacon_intake.hpp"
#include "logic/counting.hpp"
#include "logic/event_intake.hpp"
#include "logic/view_counter.hpp"
#include "store/analytics_store.hpp"
#include "strangeprompt/cache/rate_limiter.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/events/consumer.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace {

using namespace sp;
using namespace sp::analytics;
using Steady = std::chrono::steady_clock;

constexpr int kPosts = 10'000;
constexpr int64_t kFirstPost = 1'000'000;

double seconds_since(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

// CPU time of the calling thread: the "one core" figure, unaffected by other processes competing
// for the machine (the wall-clock figure is printed beside it).
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double load_average() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

template <class T>
T must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s %s\n", what, r.error().message.c_str(),
                 r.error().internal.c_str());
    std::exit(1);
  }
  return std::move(*r);
}

void must(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s %s\n", what, s.error().message.c_str(),
                 s.error().internal.c_str());
    std::exit(1);
  }
}

// `n` view-batch records of 100 views each, 10 ms apart, from many addresses and visitors.
std::vector<events::Record> make_records(int n, int64_t start_ms) {
  std::mt19937_64 rng(7);
  std::vector<events::Record> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const int64_t at = start_ms + i * 10;
    JsonWriter w;
    w.begin_object()
        .key("address")
        .string("10." + std::to_string(rng() % 100'000 / 256) + "." + std::to_string(rng() % 256) +
                ".1")
        .key("at")
        .time(at)
        .key("views")
        .begin_array();
    // One address (a household or office NAT): 10 visitors viewing 10 posts each.
    for (int person = 0; person < 10; ++person) {
      const std::string viewer = "v:visitor-" + std::to_string(rng() % 2'000'000);
      for (int v = 0; v < 10; ++v) {
        w.begin_object()
            .key("postId")
            .id(kFirstPost + static_cast<int64_t>(rng() % kPosts))
            .key("viewer")
            .string(viewer)
            .end_object();
      }
    }
    w.end_array().end_object();
    events::Envelope e{.id = "bench-" + std::to_string(i),
                       .type = "analytics.view_batch",
                       .version = 1,
                       .occurred_at_ms = at,
                       .key = "k",
                       .data_json = std::move(w).take()};
    out.push_back(events::Record{"analytics.view_batch", i, "k", *e.to_json(), at});
  }
  return out;
}

struct Fixture {
  sp::testing::TempDir dir{"sp-analytics-bench"};
  std::unique_ptr<db::Database> db;
  std::unique_ptr<AnalyticsStore> store;
  IdGenerator ids{Clock::system()};
  std::unique_ptr<AnalyticsContext> ctx;

  Fixture() {
    db::DatabaseOptions options;
    options.sqlite_path = (dir.path() / "analytics.db").string();
    db = must(db::Database::open(options), "open");
    must(migrate_analytics_store(*db), "migrate");
    must(events::Outbox::ensure_schema(*db), "outbox");
    store = std::make_unique<AnalyticsStore>(*db);
    ctx = std::make_unique<AnalyticsContext>(AnalyticsContext{*store, Clock::system(), ids});
  }
  void publish_posts(Counting& counting) {
    for (int p = 0; p < kPosts; ++p) {
      PostMeta m{kFirstPost + p, 1 + p % 500, "post", {"tag"}, "sdxl", 0};
      must(counting.on_published("post-" + std::to_string(p), m), "publish");
    }
  }
};

void core_throughput(const std::vector<events::Record>& records) {
  ViewCounter counter;
  auto author = [](int64_t post) { return std::optional<int64_t>(1 + post % 500); };
  int64_t counted = 0;
  const auto start = Steady::now();
  const double cpu_start = thread_cpu_seconds();
  for (const auto& r : records) {
    auto batch = parse_view_batch(r);
    std::vector<ViewSignal> views;
    views.reserve(batch->views.size());
    for (auto& [post, viewer] : batch->views) {
      views.push_back({post, std::move(viewer), batch->address, batch->at_ms});
    }
    CountPlan plan;
    counter.count(views, author, plan);
    counted += plan.counted;
  }
  const double s = seconds_since(start);
  const double cpu = thread_cpu_seconds() - cpu_start;
  const double events = static_cast<double>(records.size()) * 100;
  std::printf(
      "core (parse + repeat rule + detector + deltas): %.0f events per CPU-second of one "
      "thread (%.0f events/s wall; %.0f events, %lld counted)\n",
      events / cpu, events / s, events, static_cast<long long>(counted));
}

void consumer_throughput(const std::vector<events::Record>& records) {
  Fixture f;
  Counting counting(*f.ctx);
  f.publish_posts(counting);
  const auto start = Steady::now();
  const double cpu_start = thread_cpu_seconds();
  for (const auto& r : records) must(take_view_batch(counting, r), "consume");
  const double s = seconds_since(start);
  const double cpu = thread_cpu_seconds() - cpu_start;
  const double events = static_cast<double>(records.size()) * 100;
  std::printf(
      "consumer with SQLite writes (one transaction per 100-view record): %.0f events per "
      "CPU-second (%.0f events/s wall; %.0f events)\n",
      events / cpu, events / s, events);
}

void end_to_end(int rate, int seconds) {
  Fixture f;
  auto log = must(events::EventLog::open(
                      {.backend = "embedded", .path = (f.dir.path() / "events.db").string()}),
                  "log");
  Counting counting(*f.ctx);
  f.publish_posts(counting);
  auto limiter = must(cache::RateLimiter::create({}), "limiter");
  BeaconIntake intake(
      *f.ctx, std::move(limiter),
      BeaconLimits{.events_per_minute = 1'000'000'000, .requests_per_minute = 1'000'000'000});
  std::mutex mu;
  std::vector<double> lags_ms;
  events::ConsumerRunner consumer(
      *log, {.group = "analytics.view_batches.v1", .topic = "analytics.view_batch"},
      [&](const events::Record& r) -> Status {
        auto batch = parse_view_batch(r);
        SP_TRY(counting.on_view_batch(*batch));
        const double lag = static_cast<double>(Clock::system().now_ms() - batch->at_ms);
        std::lock_guard lock(mu);
        lags_ms.push_back(lag);
        return ok_status();
      });
  events::OutboxRelay relay(*f.db, *log);  // default options: what the chassis runs
  must(consumer.start(), "consumer");
  relay.start();

  const int per_second = rate / 100;  // beacons of 100 views
  const auto interval = std::chrono::nanoseconds(1'000'000'000LL / per_second);
  std::mt19937_64 rng(11);
  const int total = per_second * seconds;
  auto next = Steady::now();
  for (int i = 0; i < total; ++i) {
    std::this_thread::sleep_until(next);
    next += interval;
    std::vector<BeaconView> views;
    for (int person = 0; person < 10; ++person) {
      const std::string viewer = "v:visitor-" + std::to_string(rng() % 2'000'000);
      for (int v = 0; v < 10; ++v) {
        views.push_back({kFirstPost + static_cast<int64_t>(rng() % kPosts), viewer});
      }
    }
    must(intake.accept("10.9." + std::to_string(i % 200) + "." + std::to_string(i % 250), views),
         "accept");
  }
  const auto deadline = Steady::now() + std::chrono::seconds(60);
  for (;;) {
    {
      std::lock_guard lock(mu);
      if (static_cast<int>(lags_ms.size()) >= total) break;
    }
    if (Steady::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  relay.stop();
  consumer.stop();
  std::sort(lags_ms.begin(), lags_ms.end());
  auto pct = [&](double p) {
    return lags_ms.empty() ? -1.0
                           : lags_ms[std::min(lags_ms.size() - 1,
                                              static_cast<std::size_t>(p * lags_ms.size()))];
  };
  std::printf(
      "end-to-end at %d events/s for %d s (%zu of %d beacons counted): lag p50 %.0f ms, "
      "p99 %.0f ms, max %.0f ms\n",
      rate, seconds, lags_ms.size(), total, pct(0.5), pct(0.99),
      lags_ms.empty() ? -1.0 : lags_ms.back());
}

}  // namespace

int main(int argc, char** argv) {
  std::printf("load average at start: %.2f on %u cores\n", load_average(),
              std::thread::hardware_concurrency());
  const int records = argc > 1 ? std::atoi(argv[1]) : 2'000;
  const int rate = argc > 2 ? std::atoi(argv[2]) : 10'000;
  const int seconds = argc > 3 ? std::atoi(argv[3]) : 10;
  const auto recs = make_records(records, Clock::system().now_ms());
  core_throughput(recs);
  consumer_throughput(recs);
  end_to_end(rate, seconds);
  return 0;
}
