// The A1111 `parameters` text: prompt, negative, the settings line with quoted values, hires-fix,
// ADetailer and upscale settings, LoRA tags and hashes, forks told apart by Version.
#include <gtest/gtest.h>

#include "testing/expect.hpp"
#include "testing/fixtures.hpp"
#include "testing/samples.hpp"

namespace sp::genmeta {
namespace {

using namespace testing;

boost::json::object a1111(std::string_view text) {
  return metadata_of(png_file({png_text("parameters", text)}));
}

TEST(A1111, HiresADetailerAndUpscaleLinesDoNotDisturbTheFields) {
  auto m = a1111(kA1111Hires);
  EXPECT_EQ(str(m, "tool"), "AUTOMATIC1111");
  EXPECT_EQ(str(m, "prompt"),
            "masterpiece, <lora:detail_tweaker:0.8> a cat, <lora:styleA>\nin a garden");
  EXPECT_EQ(str(m, "negativePrompt"), "lowres, bad hands");
  EXPECT_EQ(num(m, "steps"), 28);
  EXPECT_EQ(str(m, "sampler"), "DPM++ 2M");
  EXPECT_EQ(str(m, "scheduler"), "Karras");
  EXPECT_DOUBLE_EQ(num(m, "cfg"), 6.5);
  EXPECT_EQ(boost::json::serialize(m.at("seed")), "1234567890123");
  EXPECT_EQ(num(m, "width"), 832);
  EXPECT_EQ(num(m, "height"), 1216);
  EXPECT_EQ(num(m, "clipSkip"), 2);
  EXPECT_DOUBLE_EQ(num(m, "denoise"), 0.45);
  EXPECT_EQ(str(m.at("model").as_object(), "name"), "sdxl_base");
  EXPECT_EQ(str(m.at("model").as_object(), "hash"), "abc123def4");
  EXPECT_EQ(str(m, "raw"), std::string(kA1111Hires));
}

TEST(A1111, LoraTagsAndHashesBecomeResources) {
  auto m = a1111(kA1111Hires);
  auto& r = m.at("resources").as_array();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(str(r[0].as_object(), "name"), "detail_tweaker");
  EXPECT_DOUBLE_EQ(num(r[0].as_object(), "weight"), 0.8);
  EXPECT_EQ(str(r[1].as_object(), "name"), "styleA");
  EXPECT_DOUBLE_EQ(num(r[1].as_object(), "weight"), 1.0);
}

TEST(A1111, QuotedValuesKeepTheirCommas) {
  auto m = a1111("x\nSteps: 5, ADetailer prompt: \"a, b, \\\"c\\\"\", Sampler: Euler a, Seed: 9");
  EXPECT_EQ(str(m, "sampler"), "Euler a");
  EXPECT_EQ(boost::json::serialize(m.at("seed")), "9");
}

TEST(A1111, CivitaiResourcesJsonIsRead) {
  auto m = a1111(
      "x\nSteps: 5, Sampler: Euler, Civitai resources: [{\"type\":\"lora\",\"weight\":0.7,"
      "\"modelName\":\"Pixel Art\"},{\"type\":\"checkpoint\",\"modelName\":\"Base\"}], Seed: 3");
  EXPECT_EQ(str(m, "tool"), "Civitai");
  EXPECT_EQ(boost::json::serialize(m.at("seed")), "3");
  EXPECT_EQ(str(m.at("resources").as_array()[0].as_object(), "name"), "Pixel Art");
}

struct ForkCase {
  std::string version;
  std::string tool;
};

class A1111Fork : public ::testing::TestWithParam<ForkCase> {};

TEST_P(A1111Fork, ToolNamedFromVersion) {
  auto m = a1111("p\nSteps: 20, Sampler: Euler, Version: " + GetParam().version);
  EXPECT_EQ(str(m, "tool"), GetParam().tool);
}

INSTANTIATE_TEST_SUITE_P(Forks, A1111Fork,
                         ::testing::Values(ForkCase{"v1.10.1", "AUTOMATIC1111"},
                                           ForkCase{"f2.0.1v1.10.1-previous-635", "Forge"},
                                           ForkCase{"Fooocus v2.5.0", "Fooocus"}));

TEST(A1111, PromptWithoutNegative) {
  auto m = a1111("only a prompt\nSteps: 20, Sampler: Euler");
  EXPECT_EQ(str(m, "prompt"), "only a prompt");
  EXPECT_FALSE(m.contains("negativePrompt"));
}

TEST(A1111, MultiLineNegative) {
  auto m = a1111("p\nNegative prompt: a\nb\nSteps: 20");
  EXPECT_EQ(str(m, "negativePrompt"), "a\nb");
}

}  // namespace
}  // namespace sp::genmeta
