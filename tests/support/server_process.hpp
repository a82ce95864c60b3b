#pragma once
// Starts the real `strangeprompt` binary as a child process on 127.0.0.1 with a free port and a
// fresh data dir, and stops it with SIGTERM. Black-box tests talk to it over real sockets.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::testing {

struct ServerProcessOptions {
  std::vector<std::string> args = {"serve"};  // argv after the binary
  std::map<std::string, std::string> env;     // extra STRANGEPROMPT_* settings
  std::chrono::milliseconds start_timeout{20'000};
  std::string data_dir;  // empty: a fresh temporary one (a restart passes the previous one's)
};

// With SP_BLACKBOX_BASE_URL set (e.g. the gateway of scripts/cluster), no process is started:
// the tests talk to that deployment instead, whatever the options say. Only tests that go through
// public routes and need neither the process's config, log nor data dir can run that way; the
// list is in tests/cluster_blackbox (ctest cluster.blackbox).
std::string external_base_url();

class ServerProcess {
 public:
  explicit ServerProcess(ServerProcessOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ != 0; }
  uint16_t port() const { return port_; }
  std::string base_url() const {
    return external_.empty() ? "http://127.0.0.1:" + std::to_string(port_) : external_;
  }
  // True when talking to SP_BLACKBOX_BASE_URL rather than a process of its own.
  bool external() const { return !external_.empty(); }
  const std::string& data_dir() const { return data_dir_; }
  pid_t pid() const { return pid_; }
  // Everything the process wrote to stderr (its JSON log) so far.
  std::string log();
  // The log once it contains `needle` (lines are written asynchronously, e.g. the access log
  // after the response went out), or as it is when `timeout` passes.
  std::string log_containing(std::string_view needle,
                             std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Sends SIGTERM and waits; returns the exit status (-1 on timeout, then SIGKILL).
  int stop(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // SIGKILL (no drain, no clean shutdown) and wait for it.
  void kill_hard();

 private:
  void drain_stderr(std::chrono::milliseconds wait);
  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  uint16_t port_ = 0;
  std::string external_;
  TempDir dir_{"sp-blackbox"};  // removed after the process stopped
  std::string data_dir_ = dir_.string();
  std::string log_;
};

// Runs the binary to completion with `args`; returns {exit status, stdout + stderr}.
std::pair<int, std::string> run_binary(const std::vector<std::string>& args,
                                       const std::map<std::string, std::string>& env = {});

std::string binary_path();

// The first line of `file`; "" when it is missing or empty.
std::string read_first_line(const std::string& file);
// The broker list of the ctest kafka_start fixture (SP_TEST_KAFKA_BROKERS_FILE); "" without it.
std::string test_kafka_brokers();
// `serve --target=<target>` on the Kafka event log at `brokers`, topics under `prefix`, with a
// cheap password hash and no access log (a test reads a process's stderr only on failure, and
// thousands of request lines would fill the pipe and block the process's logging).
ServerProcessOptions kafka_process(const std::string& target, const std::string& brokers,
                                   const std::string& prefix);

}  // namespace sp::testing
