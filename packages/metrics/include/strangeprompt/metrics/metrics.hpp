#pragma once
// Prometheus metrics: request counters by route and status, latency histograms, custom counters and
// gauges. Below both the HTTP layer (which observes requests) and service logic (which counts
// domain events), so logic never depends on the HTTP package.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace sp::metrics {

// Thread-safe: observe_request() and add_counter() may be called from any thread at any time.
class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void observe_request(std::string_view route, std::string_view method, int status, double seconds);
  // Adds `by` to a counter with one label set, e.g. ("sp_events_appended_total", "topic=\"x\"").
  void add_counter(std::string_view name, std::string_view labels, double by = 1);
  // A gauge read at scrape time.
  void register_gauge(std::string name, std::string help, std::function<double()> read);
  // One series of a labelled gauge family, e.g. ("sp_events_consumer_lag",
  // "group=\"a.v1\",topic=\"t\"", ...); series of one name render together under one header.
  // Registering the same name and labels again replaces the reader.
  void register_gauge(std::string name, std::string labels, std::string help,
                      std::function<double()> read);
  // The Prometheus text exposition format (version 0.0.4).
  std::string render() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sp::metrics
