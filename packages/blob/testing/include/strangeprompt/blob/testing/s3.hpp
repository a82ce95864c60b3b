#pragma once
// Test support for suites that run against S3: the s3rver of the `s3` CTest fixture
// (cmake/S3.cmake, scripts/s3-test-server), with its default credentials and bucket.
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>

#include "strangeprompt/blob/blob_store.hpp"

namespace sp::blob::testing {

inline constexpr const char* kS3TestAccessKey = "S3RVER";
inline constexpr const char* kS3TestSecret = "S3RVER";
inline constexpr const char* kS3TestBucket = "strangeprompt";

// SP_TEST_S3_ENDPOINT, else the first line of the file named by SP_TEST_S3_ENDPOINT_FILE, else
// nullopt (tests then GTEST_SKIP). Throws when the file is named but missing or empty: a broken
// fixture must fail the tests, not skip them.
inline std::optional<std::string> s3_endpoint_for_tests() {
  if (const char* direct = std::getenv("SP_TEST_S3_ENDPOINT"); direct != nullptr && *direct) {
    return std::string(direct);
  }
  const char* file = std::getenv("SP_TEST_S3_ENDPOINT_FILE");
  if (file == nullptr || *file == '\0') return std::nullopt;
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) {
    throw std::runtime_error(std::string("S3 endpoint file missing or empty: ") + file);
  }
  return line;
}

// A key prefix unique across processes and calls ("t-<pid>-<n>-<random>/").
inline std::string unique_s3_prefix() {
  static std::atomic<int> counter{0};
  static const unsigned long salt = std::random_device{}();
  return "t-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
         std::to_string(salt % 1'000'000) + "/";
}

// Options for the fixture's s3rver under a fresh key prefix.
inline S3Options s3_options_for_tests(const std::string& endpoint) {
  S3Options o;
  o.endpoint = endpoint;
  o.bucket = kS3TestBucket;
  o.access_key_id = kS3TestAccessKey;
  o.secret_access_key = kS3TestSecret;
  o.key_prefix = unique_s3_prefix();
  return o;
}

}  // namespace sp::blob::testing
