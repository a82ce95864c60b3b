#include "server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

extern char** environ;

namespace sp::testing {
namespace {

std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    if (kv.rfind("STRANGEPROMPT_", 0) == 0) continue;  // tests state their whole config
    env.push_back(kv);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& extra,
            int out_fd) {
  std::vector<std::string> argv_s{binary_path()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto env_s = environment_with(extra);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDERR_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

}  // namespace

std::string external_base_url() {
  const char* url = std::getenv("SP_BLACKBOX_BASE_URL");
  std::string out = url ? url : "";
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

std::string binary_path() {
  return SP_BINARY_PATH;
}

ServerProcess::ServerProcess(ServerProcessOptions options) {
  external_ = external_base_url();
  if (!external_.empty()) {
    static const std::regex kPort(R"re(^https?://[^/]*:(\d+)$)re");
    std::smatch m;
    port_ = std::regex_search(external_, m, kPort) ? static_cast<uint16_t>(std::stoi(m[1].str()))
                                                   : uint16_t{80};
    return;
  }
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;
  auto args = options.args;
  if (!options.data_dir.empty()) data_dir_ = options.data_dir;
  args.push_back("--data-dir=" + data_dir_);
  args.push_back("--listen=127.0.0.1:0");
  // The child gets the write end without O_CLOEXEC through dup2 in spawn().
  pid_ = spawn(args, options.env, fds[1]);
  ::close(fds[1]);
  stderr_fd_ = fds[0];
  if (pid_ < 0) return;
  static const std::regex kListen(R"re("msg":"serving".*"listen":"[^"]*:(\d+)")re");
  auto deadline = std::chrono::steady_clock::now() + options.start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    drain_stderr(std::chrono::milliseconds(50));
    std::smatch m;
    if (std::regex_search(log_, m, kListen)) {
      port_ = static_cast<uint16_t>(std::stoi(m[1].str()));
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
  if (stderr_fd_ >= 0) ::close(stderr_fd_);
}

void ServerProcess::drain_stderr(std::chrono::milliseconds wait) {
  if (stderr_fd_ < 0) return;
  pollfd p{stderr_fd_, POLLIN, 0};
  int timeout = static_cast<int>(wait.count());
  while (::poll(&p, 1, timeout) > 0 && (p.revents & (POLLIN | POLLHUP))) {
    char buf[8192];
    ssize_t n = ::read(stderr_fd_, buf, sizeof buf);
    if (n <= 0) break;
    log_.append(buf, static_cast<std::size_t>(n));
    timeout = 0;
  }
}

std::string ServerProcess::log() {
  drain_stderr(std::chrono::milliseconds(20));
  return log_;
}

std::string ServerProcess::log_containing(std::string_view needle,
                                          std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (log_.find(needle) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    drain_stderr(std::chrono::milliseconds(20));
  }
  return log_;
}

int ServerProcess::stop(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    drain_stderr(std::chrono::milliseconds(20));
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      drain_stderr(std::chrono::milliseconds(0));
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  drain_stderr(std::chrono::milliseconds(0));
}

std::pair<int, std::string> run_binary(const std::vector<std::string>& args,
                                       const std::map<std::string, std::string>& env) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return {-1, ""};
  pid_t pid = spawn(args, env, fds[1]);
  ::close(fds[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  if (pid > 0) ::waitpid(pid, &status, 0);
  return {pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string read_first_line(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string test_kafka_brokers() {
  const char* file = std::getenv("SP_TEST_KAFKA_BROKERS_FILE");
  return file == nullptr ? std::string() : read_first_line(file);
}

ServerProcessOptions kafka_process(const std::string& target, const std::string& brokers,
                                   const std::string& prefix) {
  ServerProcessOptions o;
  o.args = {"serve", "--target=" + target};
  o.env["STRANGEPROMPT_HTTP__ACCESS_LOG"] = "false";
  o.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "64";
  o.env["STRANGEPROMPT_AUTH__ARGON2_OPS"] = "1";
  o.env["STRANGEPROMPT_EVENTS__BACKEND"] = "kafka";
  o.env["STRANGEPROMPT_EVENTS__KAFKA__BROKERS"] = brokers;
  o.env["STRANGEPROMPT_EVENTS__KAFKA__TOPIC_PREFIX"] = prefix;
  return o;
}

}  // namespace sp::testing
