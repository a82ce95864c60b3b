// The real files of ../shared/testdata/sd-parsers against their expected.json values. When the
// folder is absent the test says it skipped and passes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "testing/expect.hpp"

namespace sp::genmeta {
namespace {

using namespace testing;
namespace fs = std::filesystem;

const fs::path kRoot = SP_GENMETA_TESTDATA;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string first_word(const boost::json::value& v) {
  if (!v.is_string()) return "unknown";
  std::string s(v.as_string());
  return s.substr(0, s.find(' '));
}

// Expected values compared where expected.json gives them; seeds may be strings there.
void expect_fields(const boost::json::object& m, const boost::json::object& e,
                   const std::string& file) {
  SCOPED_TRACE(file);
  auto text = [&](std::string_view ek, std::string_view mk) {
    const auto* v = e.if_contains(ek);
    if (!v || !v->is_string() || v->as_string().starts_with("(empty")) return;
    EXPECT_EQ(str(m, mk), std::string(v->as_string())) << ek;
  };
  auto number = [&](std::string_view ek, std::string_view mk) {
    const auto* v = e.if_contains(ek);
    if (!v || !v->is_number()) return;
    EXPECT_DOUBLE_EQ(num(m, mk), v->to_number<double>()) << ek;
  };
  text("prompt", "prompt");
  text("negative_prompt", "negativePrompt");
  text("sampler", "sampler");
  number("steps", "steps");
  number("cfg", "cfg");
  number("width", "width");
  number("height", "height");
  number("clip_skip", "clipSkip");
  number("denoise", "denoise");
  if (const auto* seed = e.if_contains("seed")) {
    std::string want =
        seed->is_string() ? std::string(seed->as_string()) : boost::json::serialize(*seed);
    ASSERT_TRUE(m.contains("seed"));
    EXPECT_EQ(boost::json::serialize(m.at("seed")), want);
  }
  if (const auto* model = e.if_contains("model")) {
    ASSERT_TRUE(m.contains("model"));
    EXPECT_EQ(str(m.at("model").as_object(), "name"), std::string(model->as_string()));
  }
  if (const auto* hash = e.if_contains("model_hash")) {
    ASSERT_TRUE(m.contains("model"));
    EXPECT_EQ(str(m.at("model").as_object(), "hash"), std::string(hash->as_string()));
  }
}

TEST(SdParsers, EveryFileMatchesItsExpectedValues) {
  if (!fs::exists(kRoot / "expected.json")) {
    std::cout << "[  SKIPPED ] " << kRoot << " is absent; the sd-parsers files were not run\n";
    return;
  }
  auto expected = boost::json::parse(read(kRoot / "expected.json")).at("files").as_object();
  size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kRoot)) {
    auto ext = entry.path().extension();
    if (ext != ".png" && ext != ".jpg" && ext != ".webp") continue;
    std::string rel = fs::relative(entry.path(), kRoot).generic_string();
    auto m = metadata_of(read(entry.path()));  // never throws, never fails
    ++checked;
    const auto* e = expected.if_contains(rel);
    if (!e) {
      ADD_FAILURE() << rel << " has no entry in expected.json";
      continue;
    }
    const auto& eo = e->as_object();
    EXPECT_EQ(str(m, "tool"), first_word(eo.at("tool"))) << rel;
    if (const auto* samplers = eo.if_contains("samplers")) {
      // Several samplers: the first (the base pass) is the one reported.
      auto s = samplers->as_array()[0].as_object();
      expect_fields(m, s, rel);
      for (const auto& p : s.at("prompts").as_array())
        EXPECT_NE(str(m, "prompt").find(std::string(p.as_string())), std::string::npos) << rel;
      EXPECT_EQ(num(m, "width"), eo.at("width").to_number<double>());
      EXPECT_EQ(num(m, "height"), eo.at("height").to_number<double>());
    } else if (eo.contains("own_reading")) {
      EXPECT_NE(str(m, "prompt"), "<absent>") << rel;
    } else {
      expect_fields(m, eo, rel);
    }
  }
  EXPECT_GE(checked, 15u);
}

}  // namespace
}  // namespace sp::genmeta
