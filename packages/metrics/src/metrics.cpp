// Metrics: request series live in per-thread shards (one writer each, so the hot path takes no lock
// and shares no cache line); render() merges the shards. Custom counters and gauges are rarer and
// sit behind one mutex.
#include "strangeprompt/metrics/metrics.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace sp::metrics {

namespace {

constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                             0.1,    0.25,  0.5,    1,     2.5,  5,     10};

std::atomic<uint64_t> next_metrics_id{1};

// Single-writer increment: the owning thread is the only one storing, render() only loads.
template <typename T>
void bump(std::atomic<T>& a, T by) {
  a.store(a.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

struct StatusCounter {
  StatusCounter(std::string_view m, int s) : method(m), status(s) {}
  std::string method;
  int status;
  std::atomic<uint64_t> count{0};
};

struct RouteSeries {
  std::vector<std::unique_ptr<StatusCounter>> counters;
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // last one is +Inf
  std::atomic<uint64_t> count{0};
  std::atomic<double> sum{0};
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Shard {
  std::mutex structure_mu;  // held by the owner while inserting and by render() while reading
  std::unordered_map<std::string, std::unique_ptr<RouteSeries>, StringHash, std::equal_to<>> routes;
};

struct ThreadShardCache {
  uint64_t metrics_id = 0;
  Shard* shard = nullptr;
};
thread_local ThreadShardCache tl_shard;

void append_double(std::string& out, double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general);
  out.append(buf, ec == std::errc{} ? end : buf);
}

void append_label_value(std::string& out, std::string_view v) {
  out.push_back('"');
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

void append_header(std::string& out, std::string_view name, std::string_view help,
                   std::string_view type) {
  out += "# HELP ";
  out += name;
  out.push_back(' ');
  out += help;
  out += "\n# TYPE ";
  out += name;
  out.push_back(' ');
  out += type;
  out.push_back('\n');
}

struct Gauge {
  std::string name;
  std::string labels;  // empty: an unlabelled gauge
  std::string help;
  std::function<double()> read;
};

struct MergedRoute {
  std::map<std::pair<std::string, int>, uint64_t> by_method_status;
  std::array<uint64_t, kBuckets.size() + 1> buckets{};
  uint64_t count = 0;
  double sum = 0;
};

}  // namespace

struct Metrics::Impl {
  const uint64_t id = next_metrics_id.fetch_add(1);
  mutable std::mutex mu;
  std::map<std::thread::id, std::unique_ptr<Shard>> shards;                    // guarded by mu
  std::map<std::string, std::map<std::string, double>, std::less<>> counters;  // guarded by mu
  std::vector<Gauge> gauges;                                                   // guarded by mu

  Shard& shard_for_this_thread() {
    if (tl_shard.metrics_id == id) return *tl_shard.shard;
    std::lock_guard lock(mu);
    auto& slot = shards[std::this_thread::get_id()];
    if (!slot) slot = std::make_unique<Shard>();
    tl_shard = {id, slot.get()};
    return *slot;
  }
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::observe_request(std::string_view route, std::string_view method, int status,
                              double seconds) {
  Shard& shard = impl_->shard_for_this_thread();
  auto it = shard.routes.find(route);
  if (it == shard.routes.end()) {
    std::lock_guard lock(shard.structure_mu);
    it = shard.routes.emplace(std::string(route), std::make_unique<RouteSeries>()).first;
  }
  RouteSeries& series = *it->second;
  StatusCounter* counter = nullptr;
  for (const auto& c : series.counters) {
    if (c->status == status && c->method == method) {
      counter = c.get();
      break;
    }
  }
  if (counter == nullptr) {
    std::lock_guard lock(shard.structure_mu);
    series.counters.push_back(std::make_unique<StatusCounter>(method, status));
    counter = series.counters.back().get();
  }
  bump<uint64_t>(counter->count, 1);
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  bump<uint64_t>(series.buckets[bucket], 1);
  bump<uint64_t>(series.count, 1);
  bump<double>(series.sum, seconds);
}

void Metrics::add_counter(std::string_view name, std::string_view labels, double by) {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->counters.find(name);
  if (it == impl_->counters.end())
    it = impl_->counters.emplace(std::string(name), std::map<std::string, double>{}).first;
  it->second[std::string(labels)] += by;
}

void Metrics::register_gauge(std::string name, std::string help, std::function<double()> read) {
  register_gauge(std::move(name), {}, std::move(help), std::move(read));
}

void Metrics::register_gauge(std::string name, std::string labels, std::string help,
                             std::function<double()> read) {
  std::lock_guard lock(impl_->mu);
  for (Gauge& g : impl_->gauges) {
    if (g.name == name && g.labels == labels) {
      g = Gauge{std::move(name), std::move(labels), std::move(help), std::move(read)};
      return;
    }
  }
  impl_->gauges.push_back(
      Gauge{std::move(name), std::move(labels), std::move(help), std::move(read)});
}

std::string Metrics::render() const {
  std::map<std::string, MergedRoute> routes;
  std::map<std::string, std::map<std::string, double>, std::less<>> counters;
  std::vector<Gauge> gauges;
  {
    std::lock_guard lock(impl_->mu);
    counters = impl_->counters;
    gauges = impl_->gauges;
    for (const auto& [thread, shard] : impl_->shards) {
      std::lock_guard shard_lock(shard->structure_mu);
      for (const auto& [route, series] : shard->routes) {
        MergedRoute& m = routes[route];
        for (const auto& c : series->counters) {
          m.by_method_status[{c->method, c->status}] += c->count.load(std::memory_order_relaxed);
        }
        for (std::size_t i = 0; i < m.buckets.size(); ++i) {
          m.buckets[i] += series->buckets[i].load(std::memory_order_relaxed);
        }
        m.count += series->count.load(std::memory_order_relaxed);
        m.sum += series->sum.load(std::memory_order_relaxed);
      }
    }
  }
  std::string out;
  out.reserve(1024 + routes.size() * 1200);
  if (!routes.empty()) {
    append_header(out, "sp_http_requests_total", "HTTP requests by route, method and status.",
                  "counter");
    for (const auto& [route, m] : routes) {
      for (const auto& [key, count] : m.by_method_status) {
        out += "sp_http_requests_total{route=";
        append_label_value(out, route);
        out += ",method=";
        append_label_value(out, key.first);
        out += ",status=\"";
        out += std::to_string(key.second);
        out += "\"} ";
        out += std::to_string(count);
        out.push_back('\n');
      }
    }
    append_header(out, "sp_http_request_duration_seconds", "HTTP request latency by route.",
                  "histogram");
    for (const auto& [route, m] : routes) {
      uint64_t cumulative = 0;
      for (std::size_t i = 0; i < m.buckets.size(); ++i) {
        cumulative += m.buckets[i];
        out += "sp_http_request_duration_seconds_bucket{route=";
        append_label_value(out, route);
        out += ",le=\"";
        if (i < kBuckets.size()) {
          append_double(out, kBuckets[i]);
        } else {
          out += "+Inf";
        }
        out += "\"} ";
        out += std::to_string(cumulative);
        out.push_back('\n');
      }
      out += "sp_http_request_duration_seconds_sum{route=";
      append_label_value(out, route);
      out += "} ";
      append_double(out, m.sum);
      out += "\nsp_http_request_duration_seconds_count{route=";
      append_label_value(out, route);
      out += "} ";
      out += std::to_string(m.count);
      out.push_back('\n');
    }
  }
  for (const auto& [name, series] : counters) {
    append_header(out, name, "Counter " + name + ".", "counter");
    for (const auto& [labels, value] : series) {
      out += name;
      if (!labels.empty()) {
        out.push_back('{');
        out += labels;
        out.push_back('}');
      }
      out.push_back(' ');
      append_double(out, value);
      out.push_back('\n');
    }
  }
  // One header per family, its series together (registration order otherwise).
  std::stable_sort(gauges.begin(), gauges.end(),
                   [](const Gauge& a, const Gauge& b) { return a.name < b.name; });
  for (std::size_t i = 0; i < gauges.size(); ++i) {
    const Gauge& g = gauges[i];
    if (i == 0 || gauges[i - 1].name != g.name) append_header(out, g.name, g.help, "gauge");
    out += g.name;
    if (!g.labels.empty()) {
      out.push_back('{');
      out += g.labels;
      out.push_back('}');
    }
    out.push_back(' ');
    append_double(out, g.read());
    out.push_back('\n');
  }
  return out;
}

}  // namespace sp::metrics
