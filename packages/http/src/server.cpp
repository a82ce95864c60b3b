// Server: binds one SO_REUSEPORT acceptor per I/O thread, runs them, drains on stop().
#include "strangeprompt/http/server.hpp"

#include <sys/resource.h>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <mutex>
#include <thread>
#include <vector>

#include "body_spool.hpp"
#include "io_thread.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::http {

namespace asio = boost::asio;

namespace {

int hardware_threads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : static_cast<int>(n);
}

std::size_t largest_route_limit(const Router& router, std::size_t server_default) {
  std::size_t largest = server_default;
  for (const auto& route : router.routes()) {
    largest = std::max(largest, route->options.max_body_bytes);
  }
  return largest;
}

// Connections, files and sockets all take descriptors; the soft limit (often 1024) is far below
// what max_connections allows, so take the hard limit the operator granted.
void raise_open_file_limit(const std::string& service) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  rlim_t before = limit.rlim_cur;
  limit.rlim_cur = limit.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    log_warn(service, "cannot raise the open-file limit",
             {{"soft", static_cast<uint64_t>(before)}});
    return;
  }
  log_info(
      service, "raised the open-file limit",
      {{"from", static_cast<uint64_t>(before)}, {"to", static_cast<uint64_t>(limit.rlim_cur)}});
}

class AsioServer final : public Server {
 public:
  AsioServer(ServerOptions options, const Router& router, metrics::Metrics* metrics,
             Authenticator authenticator, DeadlineClock clock, TrustedProxies trusted)
      : shared_(std::move(options), router, metrics, std::move(authenticator), std::move(clock)) {
    shared_.trusted_proxies = std::move(trusted);
  }

  ~AsioServer() override { stop(); }

  Status start() override {
    std::lock_guard lock(lifecycle_mu_);
    if (started_) return Error{ErrorCode::kInternal, "server already started"};
    const ServerOptions& o = shared_.options;
    boost::system::error_code ec;
    auto address = asio::ip::make_address(o.host, ec);
    if (ec) return Error::invalid("bad listen address: " + o.host);
    raise_open_file_limit(o.service);
    for (const auto& route : shared_.router.routes()) {
      if (!route->options.spool_dir.empty())
        SP_TRY(BodySpool::prepare_dir(route->options.spool_dir));
    }
    shared_.largest_body_limit = largest_route_limit(shared_.router, o.max_body_bytes);
    int workers = o.worker_threads > 0 ? o.worker_threads : 2 * hardware_threads();
    shared_.pool = WorkerPool::create(workers, o.worker_queue);
    register_pool_gauges();
    int io_count = o.io_threads > 0 ? o.io_threads : hardware_threads();
    uint16_t port = o.port;
    for (int i = 0; i < io_count; ++i) {
      auto io = std::make_unique<IoThread>(shared_);
      // With port 0 the first listener picks the port and the others join it.
      Status listening = io->listen({address, port}, /*probe_first=*/i == 0);
      if (!listening.ok()) {
        io_threads_.clear();
        shared_.pool->stop();
        return listening;
      }
      port = io->local_port();
      io_threads_.push_back(std::move(io));
    }
    port_ = port;
    for (auto& io : io_threads_) io->start();
    started_ = true;
    log_info(o.service, "http server listening",
             {{"host", o.host},
              {"port", static_cast<int>(port_)},
              {"io_threads", io_count},
              {"worker_threads", workers}});
    return ok_status();
  }

  uint16_t port() const override { return port_; }

  // Worker-pool depth and open connections for /metrics; the gauges hold what they read, so a
  // scrape after stop() is safe.
  void register_pool_gauges() {
    if (shared_.metrics == nullptr) return;
    std::shared_ptr<WorkerPool> pool = shared_.pool;
    shared_.metrics->register_gauge("sp_http_worker_queue_depth",
                                    "Blocking jobs waiting for a worker thread.",
                                    [pool] { return static_cast<double>(pool->queued()); });
    shared_.metrics->register_gauge("sp_http_worker_active", "Blocking jobs running now.",
                                    [pool] { return static_cast<double>(pool->active()); });
    std::shared_ptr<ConnectionLimiter> limiter = shared_.limiter;
    shared_.metrics->register_gauge("sp_http_open_connections", "Connections open now.",
                                    [limiter] { return static_cast<double>(limiter->total()); });
    shared_.metrics->register_gauge("sp_http_worker_queue_capacity",
                                    "Queued jobs accepted before answering 503.",
                                    [pool] { return static_cast<double>(pool->capacity()); });
  }

  void stop() override {
    {
      // A stop() from elsewhere also ends run_until_signal().
      std::lock_guard signal_lock(signal_mu_);
      stop_requested_ = true;
      if (signal_ctx_ != nullptr) signal_ctx_->stop();
    }
    std::lock_guard lock(lifecycle_mu_);
    if (!started_ || stopped_) return;
    stopped_ = true;
    shared_.draining.store(true);
    for (auto& io : io_threads_) io->begin_drain();
    wait_for_connections(shared_.options.drain_timeout);
    for (auto& io : io_threads_) io->close_all();
    wait_for_connections(std::chrono::milliseconds(200));
    for (auto& io : io_threads_) io->stop_and_join();
    // Jobs still running finish; their completions land in stopped contexts and are destroyed.
    shared_.pool->stop();
    io_threads_.clear();
    log_info(shared_.options.service, "http server stopped");
  }

  void run_until_signal(const std::function<void()>& on_ready) override {
    bool started;
    {
      std::lock_guard lock(lifecycle_mu_);
      if (stopped_) return;
      started = started_;
    }
    if (!started) {
      Status status = start();
      if (!status.ok()) {
        log_error(shared_.options.service, "http server failed to start",
                  {{"error", status.error().message}, {"detail", status.error().internal}});
        return;
      }
    }
    asio::io_context signals_ctx(1);
    asio::signal_set signals(signals_ctx, SIGINT, SIGTERM);
    signals.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (!ec) log_info(shared_.options.service, "signal received", {{"signal", signal}});
    });
    {
      std::lock_guard signal_lock(signal_mu_);
      if (stop_requested_) signals_ctx.stop();
      signal_ctx_ = &signals_ctx;
    }
    if (on_ready) on_ready();
    signals_ctx.run();
    {
      std::lock_guard signal_lock(signal_mu_);
      signal_ctx_ = nullptr;
    }
    stop();
  }

 private:
  void wait_for_connections(std::chrono::milliseconds limit) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (shared_.connections() > 0 && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  ServerShared shared_;  // outlives the I/O threads (declared first, destroyed last)
  std::vector<std::unique_ptr<IoThread>> io_threads_;
  std::mutex lifecycle_mu_;
  std::mutex signal_mu_;
  asio::io_context* signal_ctx_ = nullptr;  // guarded by signal_mu_; set while waiting for signals
  bool stop_requested_ = false;             // guarded by signal_mu_
  bool started_ = false;
  bool stopped_ = false;
  uint16_t port_ = 0;
};

}  // namespace

Result<std::unique_ptr<Server>> create_server(ServerOptions options, const Router& router,
                                              metrics::Metrics* metrics,
                                              Authenticator authenticator, DeadlineClock clock) {
  if (options.max_header_bytes == 0 || options.max_body_bytes == 0) {
    return Error::invalid("max_header_bytes and max_body_bytes must be positive");
  }
  if (options.max_connections == 0) return Error::invalid("max_connections must be positive");
  if (options.queue_timeout.count() <= 0) return Error::invalid("queue_timeout must be positive");
  auto trusted = TrustedProxies::parse(options.trusted_proxies);
  if (!trusted.ok()) return trusted.error();
  return std::unique_ptr<Server>(
      std::make_unique<AsioServer>(std::move(options), router, metrics, std::move(authenticator),
                                   std::move(clock), std::move(trusted).value()));
}

Result<std::unique_ptr<Server>> Server::create(ServerOptions options, const Router& router,
                                               metrics::Metrics* metrics,
                                               Authenticator authenticator) {
  return create_server(std::move(options), router, metrics, std::move(authenticator), nullptr);
}

}  // namespace sp::http
