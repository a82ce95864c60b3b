#include "strangeprompt/cache/testing/redis.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace sp::cache::testing {
namespace {

std::string trimmed(std::string s) {
  const char* space = " \t\r\n";
  s.erase(0, s.find_first_not_of(space));
  s.erase(s.find_last_not_of(space) + 1);
  return s;
}

// Runs the test-server script; returns its trimmed stdout, throws when it fails.
std::string run_script(const std::string& verb, const std::string& dir) {
  const std::string cmd = std::string(SP_REDIS_TEST_SERVER) + " " + verb + " '" + dir + "'";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  std::array<char, 256> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  if (pclose(pipe) != 0) throw std::runtime_error(cmd + " failed");
  return trimmed(out);
}

}  // namespace

std::optional<std::string> redis_url_for_tests() {
  if (const char* url = std::getenv("SP_TEST_REDIS_URL"); url != nullptr && *url != '\0') {
    return std::string(url);
  }
  const char* file = std::getenv("SP_TEST_REDIS_URL_FILE");
  if (file == nullptr || *file == '\0') return std::nullopt;
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line) || trimmed(line).empty()) {
    throw std::runtime_error(std::string("SP_TEST_REDIS_URL_FILE names ") + file +
                             ", which is missing or empty: did the redis_start fixture fail?");
  }
  return trimmed(line);
}

std::optional<std::string> redis_unavailable_reason() {
  if (redis_url_for_tests()) return std::nullopt;
  return "no Redis server for tests: set SP_TEST_REDIS_URL, or run through ctest, whose "
         "redis_start fixture sets SP_TEST_REDIS_URL_FILE";
}

std::string unique_key_prefix() {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  char buf[64];
  std::snprintf(buf, sizeof buf, "t:%d:%d:%08x:", static_cast<int>(getpid()), ++counter, salt);
  return buf;
}

RedisTestServer::RedisTestServer() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "sp-redis-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  start();
}

RedisTestServer::~RedisTestServer() {
  try {
    run_script("stop", dir_);
  } catch (...) {  // best effort: a destructor must not throw
  }
}

void RedisTestServer::start() {
  url_ = run_script("start", dir_);
}

void RedisTestServer::kill() {
  run_script("kill", dir_);
}

}  // namespace sp::cache::testing
