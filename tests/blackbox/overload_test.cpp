// Overload against the real binary: 1,300 concurrent sign-ups on a deliberately small worker pool.
// A 503 must come fast and mean "nothing was done": every 503 arrives within 1 s of sending, and
// no handle answered 503 has an account afterwards (signing it up again gives 201, not 409).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "server_process.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kSignups = 1300;
constexpr const char* kPassword = "violet-harbor-lantern-42";

std::string signup_body(const std::string& handle) {
  return R"({"email":")" + handle + R"(@example.com","handle":")" + handle + R"(","password":")" +
         kPassword + R"("})";
}

std::string signup_request(const std::string& handle) {
  std::string body = signup_body(handle);
  return "POST /v1/auth/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         "Connection: close\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

// One sign-up in flight on its own non-blocking socket.
struct Attempt {
  std::string handle;
  int fd = -1;
  Clock::time_point sent;
  Clock::time_point answered;
  std::string bytes;
  int status = 0;  // 0: closed without an answer
  bool finished = false;

  // Parses what has arrived; true once a whole response (or EOF) is in.
  bool complete(bool eof) {
    auto end = bytes.find("\r\n\r\n");
    if (end == std::string::npos) return eof;
    if (status == 0 && bytes.size() >= 12) status = std::stoi(bytes.substr(9, 3));
    std::size_t length = 0;
    auto cl = bytes.find("ontent-Length: ");
    if (cl == std::string::npos) cl = bytes.find("ontent-length: ");
    if (cl != std::string::npos && cl < end) length = std::stoul(bytes.substr(cl + 15));
    return eof || bytes.size() >= end + 4 + length;
  }
};

int connect_loopback(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads every attempt's answer as it comes; false if some never finished by `until`.
bool collect(std::vector<Attempt>& attempts, Clock::time_point until) {
  std::vector<pollfd> fds;
  std::vector<Attempt*> open;
  while (Clock::now() < until) {
    fds.clear();
    open.clear();
    for (Attempt& a : attempts) {
      if (a.finished) continue;
      fds.push_back({a.fd, POLLIN, 0});
      open.push_back(&a);
    }
    if (open.empty()) return true;
    if (::poll(fds.data(), fds.size(), 100) < 0) return false;
    auto now = Clock::now();
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      Attempt& a = *open[i];
      char chunk[4096];
      ssize_t n = ::recv(a.fd, chunk, sizeof chunk, 0);
      if (n > 0) a.bytes.append(chunk, static_cast<std::size_t>(n));
      if (a.complete(n <= 0)) {
        a.finished = true;
        a.answered = now;
        ::close(a.fd);
        a.fd = -1;
      }
    }
  }
  return false;
}

// The server's log goes to a pipe: keep reading it for the whole test, or a full pipe blocks the
// server's logging threads (and with them the workers).
class LogDrain {
 public:
  explicit LogDrain(ServerProcess& server)
      : thread_([this, &server] {
          while (running_.load()) server.log();
        }) {}
  ~LogDrain() {
    running_ = false;
    thread_.join();
  }

 private:
  std::atomic<bool> running_{true};
  std::thread thread_;
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

TEST(Overload, EveryFast503MeansNothingWasDone) {
  // This process holds 1,300 sockets at once; take the hard descriptor limit like the server.
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < kSignups + 64) GTEST_SKIP() << "needs " << kSignups + 64 << " descriptors";

  ServerProcessOptions o;
  o.env = {{"STRANGEPROMPT_HTTP__WORKER_THREADS", "2"},
           {"STRANGEPROMPT_HTTP__WORKER_QUEUE", "256"},
           {"STRANGEPROMPT_HTTP__QUEUE_TIMEOUT_MS", "100"},
           // Short, as in the defect: a handler past it used to be answered 503 yet still run.
           {"STRANGEPROMPT_HTTP__HANDLER_TIMEOUT_MS", "300"},
           {"STRANGEPROMPT_HTTP__MAX_CONNECTIONS_PER_ADDRESS", "0"},
           {"STRANGEPROMPT_HTTP__ACCESS_LOG", "false"},
           {"STRANGEPROMPT_AUTH__SIGNUP_PER_ADDRESS_PER_HOUR", "0"},
           // Cheap hashes: the subject is admission control, not argon2's cost.
           {"STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB", "4096"},
           {"STRANGEPROMPT_AUTH__ARGON2_OPS", "1"}};
  ServerProcess server(o);
  ASSERT_TRUE(server.started()) << server.log();

  LogDrain drain(server);

  std::string run = std::to_string(std::random_device{}() % 100'000);
  std::vector<Attempt> attempts(kSignups);
  for (int i = 0; i < kSignups; ++i) {
    Attempt& a = attempts[static_cast<std::size_t>(i)];
    a.handle = "ov" + run + "_" + std::to_string(i);
    a.fd = connect_loopback(server.port());
    ASSERT_GE(a.fd, 0) << "connect " << i;
    a.sent = Clock::now();
    ASSERT_TRUE(send_all(a.fd, signup_request(a.handle)));
  }
  bool all_answered = collect(attempts, Clock::now() + 120s);
  EXPECT_TRUE(all_answered) << "some sign-ups were never answered";

  std::vector<double> busy_ms;
  std::vector<std::string> busy_handles;
  int created = 0, other = 0;
  for (const Attempt& a : attempts) {
    double ms = std::chrono::duration<double, std::milli>(a.answered - a.sent).count();
    if (a.status == 201) {
      ++created;
    } else if (a.status == 503) {
      busy_ms.push_back(ms);
      busy_handles.push_back(a.handle);
      EXPECT_LT(ms, 1000.0) << a.handle << " got its 503 after " << ms << " ms";
      EXPECT_NE(a.bytes.find("\r\nretry-after: 1\r\n"), std::string::npos)
          << a.bytes.substr(0, 300);
    } else {
      ++other;
      ADD_FAILURE() << a.handle << ": status " << a.status << "\n" << a.bytes.substr(0, 300);
    }
  }
  EXPECT_GT(created, 0);
  EXPECT_GT(busy_handles.size(), 0u) << "the pool was never overloaded: the test proves nothing";

  // No account exists for a 503: each signs up now with 201 (409 would mean work was done).
  std::atomic<int> conflicts{0}, retried_ok{0};
  std::atomic<std::size_t> next{0};
  auto verify = [&] {
    auto client = http::HttpClient::create();
    for (std::size_t i = next++; i < busy_handles.size(); i = next++) {
      const std::string& handle = busy_handles[i];
      for (int attempt = 0; attempt < 50; ++attempt) {
        auto r = client->send({http::Method::kPost,
                               server.base_url() + "/v1/auth/signup",
                               {{"content-type", "application/json"}},
                               signup_body(handle)});
        if (!r.ok() || r->status == 503) {
          if (attempt == 49)
            ADD_FAILURE() << handle << ": " << (r.ok() ? r->body : r.error().message);
          continue;  // still busy: nothing was done, try again
        }
        if (r->status == 409) ++conflicts;
        if (r->status == 201) ++retried_ok;
        EXPECT_EQ(r->status, 201) << handle << ": " << r->body;
        break;
      }
    }
  };
  std::thread a(verify), b(verify);  // as many clients as workers: no queueing
  a.join();
  b.join();

  // How the 503s split between a full queue and jobs dropped before they started.
  std::string counters;
  auto scraped = http::HttpClient::create()->send(
      {http::Method::kGet, server.base_url() + "/metrics", {}, ""});
  if (scraped.ok()) {
    for (std::string_view name :
         {"sp_http_worker_rejected_total ", "sp_http_worker_expired_total "}) {
      auto at = scraped->body.find("\n" + std::string(name));
      if (at != std::string::npos) {
        counters += " " + scraped->body.substr(at + 1, scraped->body.find('\n', at + 1) - at - 1);
      }
    }
  }
  std::cout << "[overload]" << counters << "\n";
  std::cout << "[overload] sign-ups " << kSignups << ": 201 " << created << ", 503 "
            << busy_handles.size() << ", other " << other << "; 503 latency p50 "
            << percentile(busy_ms, 0.5) << " ms, p99 " << percentile(busy_ms, 0.99) << " ms, max "
            << percentile(busy_ms, 1.0) << " ms; accounts found for 503s " << conflicts.load()
            << " (re-signed up " << retried_ok.load() << ")\n";
  EXPECT_EQ(conflicts.load(), 0) << "work was done for requests answered 503";
  EXPECT_EQ(static_cast<std::size_t>(retried_ok.load()), busy_handles.size());
}

}  // namespace
}  // namespace sp::testing
