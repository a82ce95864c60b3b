// Fuzzing-style mutation of every fixture (and every sd-parsers file when present): flipped
// bytes, hostile 32-bit lengths, truncation, insertion. extract() must return valid JSON with a
// tool, provenance (when given) must be valid JSON, strip_metadata must not crash, and no call
// may take long. Seeded, so a failure reproduces.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "testing/expect.hpp"
#include "testing/fixtures.hpp"

namespace sp::genmeta {
namespace {

using namespace testing;

constexpr int kMutationsPerFixture = 400;

std::string mutate(std::string s, std::mt19937& rng) {
  auto pick = [&](size_t n) {
    return n == 0 ? size_t{0} : std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  int op = static_cast<int>(pick(5));
  int repeats = 1 + static_cast<int>(pick(4));
  for (int r = 0; r < repeats && !s.empty(); ++r) {
    switch (op) {
      case 0:
        s[pick(s.size())] = static_cast<char>(pick(256));
        break;
      case 1: {  // a hostile 32-bit length
        static constexpr uint32_t kValues[] = {0, 1, 7, 8, 0x7fffffff, 0xffffffff, 0x10000, 15};
        uint32_t v = kValues[pick(8)];
        size_t at = pick(s.size());
        for (int i = 0; i < 4 && at + i < s.size(); ++i)
          s[at + i] = static_cast<char>(v >> (8 * (3 - i)));
        break;
      }
      case 2:
        s.resize(pick(s.size()));
        break;
      case 3:
        s.insert(pick(s.size()), std::string(pick(16), static_cast<char>(pick(256))));
        break;
      default:
        s.erase(pick(s.size()), pick(32));
        break;
    }
  }
  return s;
}

void check(const std::string& file, const std::string& name) {
  auto start = std::chrono::steady_clock::now();
  auto e = extract(file);
  auto stripped = strip_metadata(file, true);
  auto stripped_all = strip_metadata(file, false);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_LT(elapsed, std::chrono::seconds(2)) << name;
  boost::system::error_code ec;
  auto m = boost::json::parse(e.metadata_json, ec);
  ASSERT_FALSE(ec) << name << ": " << e.metadata_json;
  ASSERT_TRUE(m.is_object() && m.as_object().contains("tool")) << name;
  if (e.provenance_json) {
    auto p = boost::json::parse(*e.provenance_json, ec);
    ASSERT_FALSE(ec) << name;
    ASSERT_TRUE(p.as_object().contains("vendor")) << name;
  }
  // What strip_metadata writes must itself be readable and strip to the same bytes.
  for (const auto& out : {stripped, stripped_all}) {
    if (!out) continue;
    auto again = extract(*out);
    ASSERT_FALSE(boost::json::parse(again.metadata_json, ec).is_null()) << name;
    ASSERT_FALSE(again.provenance_json.has_value()) << name;
  }
  if (stripped_all) {
    ASSERT_EQ(strip_metadata(*stripped_all, false), stripped_all) << name;
  }
}

std::vector<std::pair<std::string, std::string>> corpus() {
  auto out = all_fixtures();
  std::filesystem::path root = SP_GENMETA_TESTDATA;
  if (std::filesystem::exists(root)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      auto ext = entry.path().extension();
      if (ext != ".png" && ext != ".jpg") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      out.emplace_back(entry.path().filename().string(), s.str());
    }
  }
  return out;
}

TEST(Mutation, MutatedFixturesNeverCrashHangOrEmitInvalidJson) {
  std::mt19937 rng(20261202);
  size_t runs = 0;
  for (const auto& [name, file] : corpus()) {
    check(file, name);
    for (int i = 0; i < kMutationsPerFixture; ++i) {
      check(mutate(file, rng), name + " mutation " + std::to_string(i));
      ++runs;
    }
  }
  EXPECT_GE(runs, 9000u);
}

TEST(Mutation, FixturesAreRecognisedBeforeMutation) {
  for (const auto& [name, file] : all_fixtures()) {
    auto e = extract(file);
    bool c2pa = name.find("c2pa") != std::string::npos;
    EXPECT_TRUE(c2pa || e.metadata_json.find(R"("tool":"unknown")") == std::string::npos) << name;
    if (c2pa) {
      EXPECT_TRUE(e.provenance_json) << name;
    }
  }
}

}  // namespace
}  // namespace sp::genmeta
