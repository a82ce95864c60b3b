#pragma once
// One accepted connection: the keep-alive loop (read header, match, read body, dispatch, write),
// its deadline for the sweeper, and the hand-off of blocking work to the worker pool.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "server_shared.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::http {

class IoThread;
class RequestParser;
struct ResponseMeta;

enum class ConnectionPhase { kIdle, kReading, kAwaitingWorker, kWriting, kLingering };
enum class WorkerOutcome { kDone, kRejected, kTimedOut };
enum class ReadOutcome { kOk, kClosed, kHeaderTooLarge, kBodyTooLarge, kMalformed };

// A job handed to the worker pool; whoever finishes it first (worker, refusal, or the sweeper's
// timeout) resumes the waiting coroutine, exactly once.
class WorkerCall {
 public:
  // Resumes the waiter with `outcome` unless someone already did; false then.
  bool finish(WorkerOutcome outcome) {
    if (claimed_.exchange(true)) return false;
    resume(outcome);
    return true;
  }
  Response response;                          // written by the worker before finish(kDone)
  std::function<void(WorkerOutcome)> resume;  // set on the I/O thread before submitting

 private:
  std::atomic<bool> claimed_{false};
};

class Connection {
 public:
  using Clock = std::chrono::steady_clock;
  Connection(IoThread& io, ServerShared& shared, boost::asio::ip::tcp::socket socket);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Serves requests until the peer leaves, a deadline passes, or the server drains.
  boost::asio::awaitable<void> serve();

  // Sweeper hooks (I/O thread).
  Clock::time_point deadline() const { return deadline_; }
  void on_deadline();  // times out a worker wait, else closes the socket
  bool between_requests() const {
    return phase_ == ConnectionPhase::kIdle || phase_ == ConnectionPhase::kLingering;
  }
  void close_now();

  Connection* prev = nullptr;  // IoThread's intrusive list
  Connection* next = nullptr;

 private:
  boost::asio::awaitable<bool> read_more();
  boost::asio::awaitable<ReadOutcome> read_header(RequestParser& parser);
  boost::asio::awaitable<ReadOutcome> read_body(RequestParser& parser);
  boost::asio::awaitable<bool> write_response(const Response& response, const ResponseMeta& meta);
  boost::asio::awaitable<void> linger_close();
  // 404/405 and inline routes answer here; nullopt means the route needs the worker pool.
  std::optional<Response> answer_inline(RouteMatch& match);
  boost::asio::awaitable<WorkerOutcome> run_on_worker(const Route& route,
                                                      std::shared_ptr<WorkerCall> call);
  void record(const Route* route, int status, std::size_t bytes, Clock::time_point started);
  void set_deadline(std::chrono::milliseconds d) { deadline_ = Clock::now() + d; }

  IoThread& io_;
  ServerShared& shared_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<Request> request_;  // shared with a worker job still running after a timeout
  std::shared_ptr<WorkerCall> waiting_;
  std::string head_;         // response head, reused
  std::string traceparent_;  // reused
  std::string request_id_;   // copies the session owns while a worker may hold the Request
  std::string log_path_;
  std::string remote_;  // peer IP, fixed for the connection
  Method method_ = Method::kOther;
  ConnectionPhase phase_ = ConnectionPhase::kIdle;
  Clock::time_point deadline_;
};

}  // namespace sp::http
