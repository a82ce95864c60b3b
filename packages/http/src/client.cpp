// HttpClient: blocking calls on top of one internal I/O thread. Each send() runs a coroutine on
// that thread with an absolute deadline (beast::tcp_stream timeouts) and waits for its future.
#include "strangeprompt/http/client.hpp"

#include <sys/socket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/url/parse.hpp>
#include <cerrno>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <future>

#include "client_exchange.hpp"
#include "client_stream.hpp"
#include "strangeprompt/core/strings.hpp"

namespace sp::http {

namespace asio = boost::asio;

std::string_view ClientResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals_ascii(key, name)) return value;
  }
  return {};
}

namespace {

struct Target {
  std::string host;  // for connecting (IPv6 without brackets)
  std::string port;
  std::string host_header;  // host[:port] as written in the URL
  std::string path;         // path and query, at least "/"
};

Result<Target> parse_target(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return Error::invalid("bad URL");
  const auto& u = *parsed;
  if (u.scheme() != "http") return Error{ErrorCode::kNotSupported, "only http:// URLs"};
  Target t;
  t.host = u.host_address();
  if (t.host.empty()) return Error::invalid("URL without host");
  t.port = u.has_port() ? std::string(u.port()) : "80";
  t.host_header = std::string(u.encoded_host_and_port());
  t.path = std::string(u.encoded_target());
  if (t.path.empty() || t.path.front() != '/') t.path = "/" + t.path;
  return t;
}

// The request head; the body is written after it from the request itself (never copied).
std::string serialize_head(const ClientRequest& request, const Target& target) {
  std::string out;
  out.reserve(256);
  out += to_string(request.method);
  out += ' ';
  out += target.path;
  out += " HTTP/1.1\r\n";
  bool has_host = false;
  bool has_agent = false;
  for (const auto& [name, value] : request.headers) {
    if (iequals_ascii(name, "content-length") || iequals_ascii(name, "transfer-encoding")) continue;
    has_host = has_host || iequals_ascii(name, "host");
    has_agent = has_agent || iequals_ascii(name, "user-agent");
    out += name + ": " + value + "\r\n";
  }
  if (!has_host) out += "Host: " + target.host_header + "\r\n";
  if (!has_agent) out += "User-Agent: strangeprompt\r\n";
  bool needs_length = !request.body.empty() || request.method == Method::kPost ||
                      request.method == Method::kPut || request.method == Method::kPatch;
  if (needs_length) out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  out += "\r\n";
  return out;
}

// A pooled connection whose peer already closed (or sent something unasked) is useless.
bool looks_alive(ClientConnection& c) {
  char byte;
  auto fd = c.stream.socket().native_handle();
  ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

class PooledHttpClient final : public HttpClient {
 public:
  explicit PooledHttpClient(ClientOptions options)
      : options_(options), work_(asio::make_work_guard(ctx_)), thread_([this] { ctx_.run(); }) {}

  ~PooledHttpClient() override {
    {
      std::lock_guard lock(alive_->mu);
      alive_->alive = false;  // live calls' cancel() no longer touches ctx_
    }
    {
      std::lock_guard lock(mu_);
      idle_.clear();
    }
    work_.reset();
    ctx_.stop();
    thread_.join();
  }

  Result<ClientResponse> send(const ClientRequest& request) override {
    SP_ASSIGN_OR_RETURN(Target target, parse_target(request.url));
    const std::string bytes = serialize_head(request, target);
    const auto deadline = std::chrono::steady_clock::now() + options_.request_timeout;
    const std::string key = target.host + ":" + target.port;
    ExchangeSpec spec{target.host,
                      target.port,
                      bytes,
                      request.body,
                      request.method == Method::kHead,
                      deadline,
                      options_.connect_timeout,
                      options_.max_response_bytes};

    std::unique_ptr<ClientConnection> connection = take_idle(key);
    bool reused = connection != nullptr;
    ExchangeResult result = run(spec, std::move(connection));
    if (!result.ok() && reused && result.stale_connection) {
      // The pooled connection died while idle; the server never saw the request.
      result = run(spec, nullptr);
    }
    if (!result.ok()) return std::move(*result.error);
    if (result.keep_alive) put_idle(key, std::move(result.connection));
    return std::move(result.response);
  }

  Result<StreamedResponse> open(const ClientRequest& request, BodySink sink) override {
    SP_ASSIGN_OR_RETURN(Target target, parse_target(request.url));
    const std::string bytes = serialize_head(request, target);
    ExchangeSpec spec{target.host,
                      target.port,
                      bytes,
                      request.body,
                      request.method == Method::kHead,
                      std::chrono::steady_clock::now() + options_.request_timeout,
                      options_.connect_timeout,
                      options_.max_response_bytes};
    auto connection = std::make_shared<ClientConnection>(ctx_);
    auto head = std::make_shared<std::promise<Result<StreamedResponse>>>();
    auto future = head->get_future();
    std::weak_ptr<ClientConnection> weak = connection;
    auto make_call = [this, weak]() -> std::shared_ptr<StreamingCall> {
      return std::make_shared<LiveCall>(alive_, ctx_, weak);
    };
    asio::co_spawn(ctx_,
                   stream_exchange(spec, std::move(connection), std::move(head), std::move(sink),
                                   std::move(make_call)),
                   asio::detached);
    return future.get();  // spec's views stay valid until here
  }

 private:
  // Whether the client (and its io_context) still exists, for LiveCall::cancel().
  struct Alive {
    std::mutex mu;
    bool alive = true;
  };

  class LiveCall final : public StreamingCall {
   public:
    LiveCall(std::shared_ptr<Alive> alive, asio::io_context& ctx,
             std::weak_ptr<ClientConnection> connection)
        : alive_(std::move(alive)), ctx_(ctx), connection_(std::move(connection)) {}
    void cancel() override {
      std::lock_guard lock(alive_->mu);
      if (!alive_->alive) return;
      asio::post(ctx_, [weak = connection_] {
        if (auto c = weak.lock()) {
          boost::system::error_code ignored;
          c->stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
          c->stream.close();
        }
      });
    }

   private:
    std::shared_ptr<Alive> alive_;
    asio::io_context& ctx_;
    std::weak_ptr<ClientConnection> connection_;  // owned by the reading coroutine
  };

  ExchangeResult run(const ExchangeSpec& spec, std::unique_ptr<ClientConnection> connection) {
    auto future =
        asio::co_spawn(ctx_, exchange(ctx_, spec, std::move(connection)), asio::use_future);
    try {
      return future.get();
    } catch (const std::exception& e) {
      ExchangeResult failed;
      failed.error = Error{ErrorCode::kUnavailable, "request failed", e.what()};
      return failed;
    }
  }

  std::unique_ptr<ClientConnection> take_idle(const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = idle_.find(key);
    while (it != idle_.end() && !it->second.empty()) {
      std::unique_ptr<ClientConnection> c = std::move(it->second.back());
      it->second.pop_back();
      if (looks_alive(*c)) return c;
    }
    return nullptr;
  }

  void put_idle(const std::string& key, std::unique_ptr<ClientConnection> c) {
    std::lock_guard lock(mu_);
    auto& list = idle_[key];
    if (list.size() < options_.max_idle_per_host) list.push_back(std::move(c));
  }

  const ClientOptions options_;
  std::shared_ptr<Alive> alive_ = std::make_shared<Alive>();
  asio::io_context ctx_{1};
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
  std::mutex mu_;
  // Declared after ctx_: pooled sockets go before their context.
  std::map<std::string, std::vector<std::unique_ptr<ClientConnection>>> idle_;  // guarded by mu_
};

}  // namespace

bool is_timeout(const Error& error) {
  return error.message.size() >= 9 &&
         std::string_view(error.message).substr(error.message.size() - 9) == "timed out";
}

std::unique_ptr<HttpClient> HttpClient::create(ClientOptions options) {
  return std::make_unique<PooledHttpClient>(options);
}

}  // namespace sp::http
