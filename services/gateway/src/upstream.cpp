// Upstream: replica choice, breakers, bulkhead, retries and the live (SSE) passthrough.
#include "upstream.hpp"

#include <algorithm>
#include <random>
#include <thread>

#include "forwarding.hpp"
#include "strangeprompt/core/json_text.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/http/event_stream.hpp"
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::gateway {
namespace {

constexpr std::string_view kLog = "gateway";
// An event stream's pieces are passed on at message boundaries ("\n\n") so the gateway's own
// heartbeat comment never lands inside a message; a partial message beyond this goes as is.
constexpr std::size_t kMaxPartialEvent = 1024 * 1024;

std::mt19937_64& rng() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

double unit_random() {
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng());
}

std::string random_span_id() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  uint64_t bits = rng()();
  if (bits == 0) bits = 1;  // an all-zero span id is invalid
  for (char& c : out) {
    c = kHex[bits & 0xf];
    bits >>= 4;
  }
  return out;
}

// A failure the breaker counts: the replica is down or overloaded (its own 500s are answers).
bool is_failure_status(int status) {
  return status == 502 || status == 503 || status == 504;
}

bool wants_event_stream(const http::Request& request) {
  if (request.method != http::Method::kGet) return false;
  std::string_view accept = request.header("accept");
  return accept.find("text/event-stream") != std::string_view::npos;
}

int ceil_seconds(std::chrono::milliseconds ms) {
  return static_cast<int>(std::max<int64_t>(1, (ms.count() + 999) / 1000));
}

// Decrements the in-flight count when the request leaves forward().
struct Slot {
  std::atomic<std::size_t>& count;
  ~Slot() { count.fetch_sub(1, std::memory_order_relaxed); }
};

}  // namespace

http::Response proxy_problem(int status, std::string_view detail, std::string_view instance,
                             int retry_after_seconds) {
  http::Response r;
  r.status = status;
  std::string_view title = status == 502   ? "Bad Gateway"
                           : status == 504 ? "Gateway Timeout"
                           : status == 429 ? "Too Many Requests"
                                           : "Service Unavailable";
  r.body = "{\"type\":\"about:blank\",\"title\":";
  append_json_string(r.body, title);
  r.body += ",\"status\":" + std::to_string(status) + ",\"detail\":";
  append_json_string(r.body, detail);
  if (!instance.empty()) {
    r.body += ",\"instance\":";
    append_json_string(r.body, instance);
  }
  r.body += '}';
  r.headers.emplace_back("content-type", "application/problem+json");
  r.headers.emplace_back("cache-control", "no-store");
  if (retry_after_seconds > 0) {
    r.headers.emplace_back("retry-after", std::to_string(retry_after_seconds));
  }
  return r;
}

Upstream::Upstream(UpstreamOptions options, const Clock& clock, metrics::Metrics* metrics)
    : options_(std::move(options)),
      metrics_(metrics),
      upstream_label_("upstream=\"" + options_.service + "\"") {
  for (const std::string& url : options_.replicas) {
    replicas_.push_back(std::make_unique<Replica>(url, options_.breaker, clock));
  }
  http::ClientOptions client;
  client.connect_timeout = options_.connect_timeout;
  client.request_timeout = options_.response_timeout;
  client.max_idle_per_host = std::max<std::size_t>(options_.max_concurrent, 1);
  client.max_response_bytes = options_.max_response_bytes;
  client_ = http::HttpClient::create(client);
}

Upstream::Replica* Upstream::pick(const std::vector<const Replica*>& tried) {
  const std::size_t n = replicas_.size();
  const std::size_t start = next_.fetch_add(1, std::memory_order_relaxed);
  // First the replicas this request has not tried, then (one replica left, or the others open)
  // any replica again.
  for (const bool untried_only : {true, false}) {
    for (std::size_t i = 0; i < n; ++i) {
      Replica& r = *replicas_[(start + i) % n];
      if (untried_only && std::find(tried.begin(), tried.end(), &r) != tried.end()) continue;
      if (r.breaker.try_acquire()) return &r;
    }
    if (tried.empty()) break;
  }
  return nullptr;
}

std::chrono::milliseconds Upstream::soonest_probe() const {
  auto soonest = options_.breaker.open_for;
  for (const auto& r : replicas_) {
    auto left = r->breaker.retry_after();
    if (left.count() > 0) soonest = std::min(soonest, left);
  }
  return soonest;
}

http::Response Upstream::forward(http::Request& request, const http::TrustedProxies& trusted) {
  const std::size_t before = in_flight_.fetch_add(1, std::memory_order_relaxed);
  Slot slot{in_flight_};
  if (before >= options_.max_concurrent) {
    count(&UpstreamStats::bulkhead_full, "bulkhead_full");
    return proxy_problem(503, "the " + options_.service + " service is busy; try again shortly",
                         request.path, 1);
  }
  http::ClientRequest out;
  out.method = request.method;
  out.headers = upstream_request_headers(request, trusted, random_span_id());
  out.body = std::move(request.body);  // moved, not copied: sent from here on every attempt
  const bool live = wants_event_stream(request);
  const int attempts = is_idempotent(request.method) ? 1 + std::max(options_.retry.retries, 0) : 1;

  std::optional<http::Response> last_answer;  // a 502/503/504 the upstream itself sent
  std::optional<Error> last_error;
  std::vector<const Replica*> tried;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    if (attempt > 0) {
      count(&UpstreamStats::retries, "retries");
      std::this_thread::sleep_for(backoff_delay(options_.retry, attempt, unit_random()));
    }
    Replica* replica = pick(tried);
    if (replica == nullptr) break;
    tried.push_back(replica);
    out.url = replica->base + request.target;
    if (live) {
      bool failed = false;
      http::Response r = send_live(out, *replica, request.path, failed);
      if (!failed) return r;
      last_answer = std::move(r);
      continue;
    }
    Result<http::ClientResponse> got = client_->send(out);
    if (!got.ok()) {
      replica->breaker.on_failure();
      log_warn(kLog, "upstream attempt failed",
               {{"upstream", options_.service},
                {"replica", replica->base},
                {"error", got.error().message},
                {"detail", got.error().internal}});
      last_error = got.error();
      last_answer.reset();
      continue;
    }
    http::Response r;
    r.status = got->status;
    r.headers = downstream_response_headers(std::move(got->headers));
    r.body = std::move(got->body);
    if (is_failure_status(r.status)) {
      replica->breaker.on_failure();
      last_answer = std::move(r);
      last_error.reset();
      continue;
    }
    replica->breaker.on_success();
    count(&UpstreamStats::ok, "ok");
    return r;
  }
  if (last_answer) {
    count(&UpstreamStats::upstream_error, "upstream_error");
    return std::move(*last_answer);
  }
  if (last_error) {
    if (http::is_timeout(*last_error)) {
      count(&UpstreamStats::timeout, "timeout");
      return proxy_problem(504, "the " + options_.service + " service did not answer in time",
                           request.path);
    }
    count(&UpstreamStats::unreachable, "unreachable");
    return proxy_problem(502, "the " + options_.service + " service is unreachable", request.path);
  }
  count(&UpstreamStats::breaker_open, "breaker_open");
  return proxy_problem(503, "the " + options_.service + " service is unavailable (circuit open)",
                       request.path, ceil_seconds(soonest_probe()));
}

void Upstream::count(std::atomic<uint64_t> UpstreamStats::*field, std::string_view outcome) {
  (stats_.*field).fetch_add(1, std::memory_order_relaxed);
  if (metrics_ == nullptr) return;
  if (outcome == "retries") {
    metrics_->add_counter("sp_gateway_upstream_retries_total", upstream_label_);
  } else {
    metrics_->add_counter("sp_gateway_upstream_requests_total",
                          upstream_label_ + ",outcome=\"" + std::string(outcome) + "\"");
  }
}

http::Response Upstream::send_live(http::ClientRequest& request, Replica& replica,
                                   std::string_view instance, bool& failed) {
  auto stream = std::make_shared<http::EventStream>();
  auto partial = std::make_shared<std::string>();
  http::BodySink sink;
  sink.on_data = [stream, partial](std::string_view piece) {
    partial->append(piece);
    std::size_t end = partial->rfind("\n\n");
    if (end == std::string::npos) {
      if (partial->size() < kMaxPartialEvent) return true;
      end = partial->size() - 2;
    }
    std::string complete = partial->substr(0, end + 2);
    partial->erase(0, end + 2);
    return stream->send(std::move(complete));
  };
  sink.on_end = [stream] { stream->close(); };
  Result<http::StreamedResponse> opened = client_->open(request, std::move(sink));
  if (!opened.ok()) {
    replica.breaker.on_failure();
    failed = true;
    if (http::is_timeout(opened.error())) {
      return proxy_problem(504, "the " + options_.service + " service did not answer in time",
                           instance);
    }
    return proxy_problem(502, "the " + options_.service + " service is unreachable", instance);
  }
  http::Response r;
  r.status = opened->head.status;
  r.headers = downstream_response_headers(std::move(opened->head.headers));
  if (is_failure_status(r.status)) {
    replica.breaker.on_failure();
    failed = true;
    r.body = std::move(opened->head.body);
    return r;
  }
  replica.breaker.on_success();
  count(&UpstreamStats::ok, "ok");
  if (!opened->call) {
    r.body = std::move(opened->head.body);
    return r;
  }
  // The client leaving ends the upstream call; the upstream ending closes the client's stream.
  std::shared_ptr<http::StreamingCall> call = opened->call;
  stream->on_finished([call] { call->cancel(); });
  r.stream = std::move(stream);
  return r;
}

void Upstream::register_metrics(std::shared_ptr<const Upstream> self) const {
  if (metrics_ == nullptr) return;
  std::weak_ptr<const Upstream> weak = self;
  metrics_->register_gauge("sp_gateway_upstream_in_flight", upstream_label_,
                           "Requests in flight to the upstream now", [weak]() -> double {
                             auto u = weak.lock();
                             return u ? static_cast<double>(u->in_flight()) : 0.0;
                           });
  for (std::size_t i = 0; i < replicas_.size(); ++i) {
    metrics_->register_gauge("sp_gateway_upstream_breaker_state",
                             upstream_label_ + ",replica=\"" + replicas_[i]->base + "\"",
                             "Circuit breaker per upstream replica: 0 closed, 1 open, 2 half-open",
                             [weak, i]() -> double {
                               auto u = weak.lock();
                               return u ? static_cast<double>(u->breaker_state(i)) : 0.0;
                             });
  }
}

}  // namespace sp::gateway
