// Every supported tool and carrier, table-driven: the file a tool writes -> the schema fields.
#include <gtest/gtest.h>

#include "testing/expect.hpp"
#include "testing/fixtures.hpp"
#include "testing/samples.hpp"

namespace sp::genmeta {
namespace {

using namespace testing;

struct Case {
  std::string name;
  std::string file;
  std::string tool;
  std::string prompt;  // "" = not checked
  std::string negative;
  double steps = -1;
  double cfg = -1;
  std::string seed;  // decimal; "" = not checked
  std::string sampler;
  double width = -1;
  double height = -1;
  std::string model;
};

std::vector<Case> cases() {
  std::string nai_webp_json =
      R"({"Software": "NovelAI", "Source": "NovelAI Diffusion V4 4F49EC75", "Comment": )" +
      boost::json::serialize(boost::json::value(kNovelComment)) + "}";
  return {
      {"PngTextA1111", png_file({png_text("parameters", kA1111Simple)}), "AUTOMATIC1111",
       "photo of a duck", "monochrome", 15, 5, "235284042", "UniPC", 512, 400, "realistic_v20"},
      {"PngZtxtAfterIdat", png_file({}, {png_ztxt("parameters", kA1111Simple)}), "AUTOMATIC1111",
       "photo of a duck", "monochrome", 15, 5, "235284042", "UniPC", 512, 400, "realistic_v20"},
      {"PngItxtCompressed", png_file({png_itxt("parameters", kA1111Simple, true)}), "AUTOMATIC1111",
       "photo of a duck", "monochrome", 15},
      {"PngItxtPlain", png_file({png_itxt("parameters", kA1111Simple, false)}), "AUTOMATIC1111",
       "photo of a duck"},
      {"JpegUserCommentUtf16BeInBigEndianTiff",
       jpeg_file(
           {jpeg_exif(tiff_with_user_comment(user_comment_unicode(kA1111Simple, true), true))}),
       "AUTOMATIC1111", "photo of a duck", "monochrome", 15, 5, "235284042"},
      {"JpegUserCommentUtf16LeInLittleEndianTiff",
       jpeg_file(
           {jpeg_exif(tiff_with_user_comment(user_comment_unicode(kA1111Simple, false), false))}),
       "AUTOMATIC1111", "photo of a duck", "monochrome", 15, 5, "235284042"},
      {"JpegUserCommentUtf16BeInLittleEndianTiff",
       jpeg_file(
           {jpeg_exif(tiff_with_user_comment(user_comment_unicode(kA1111Simple, true), false))}),
       "AUTOMATIC1111", "photo of a duck", "monochrome", 15},
      {"JpegUserCommentAscii",
       jpeg_file({jpeg_exif(tiff_with_user_comment(user_comment_ascii(kA1111Simple), true))}),
       "AUTOMATIC1111", "photo of a duck", "monochrome", 15},
      {"JpegXmpUserComment", jpeg_file({jpeg_xmp(xmp_packet("exif:UserComment", kA1111Simple))}),
       "AUTOMATIC1111", "photo of a duck", "monochrome", 15},
      {"JpegCom", jpeg_file({jpeg_segment(0xFE, kA1111Simple)}), "AUTOMATIC1111", "photo of a duck",
       "monochrome", 15},
      {"WebpExifUserComment",
       webp_file({webp_chunk(
           "EXIF", tiff_with_user_comment(user_comment_unicode(kA1111Simple, true), false))}),
       "AUTOMATIC1111", "photo of a duck", "monochrome", 15},
      {"WebpXmp", webp_file({webp_chunk("XMP ", xmp_packet("dc:description", kA1111Simple))}),
       "AUTOMATIC1111", "photo of a duck"},
      {"ComfyApiGraph", png_file({png_text("prompt", kComfyApi)}), "ComfyUI",
       "a red fox, in snow\ngolden hour", "blurry", 30, 6, "4242", "dpmpp_2m", 1024, 768,
       "juggernaut.safetensors"},
      {"ComfyWorkflowOnly", png_file({png_text("workflow", kComfyWorkflow)}), "ComfyUI",
       "a lighthouse", "fog", 25, 7.5, "99999", "euler", 640, 960, "wf_model.safetensors"},
      {"ComfySamplerCustomAdvanced", png_file({png_text("prompt", kComfyCustomSampler)}), "ComfyUI",
       "a neon city", "", 20, -1, "31337", "euler", 896, 1152, "flux1-dev.safetensors"},
      {"ComfySaverWithParameters",
       png_file({png_text("parameters", kA1111Simple), png_text("prompt", kComfyApi)}), "ComfyUI",
       "photo of a duck", "monochrome", 15},
      {"ComfyInWebpExif",
       webp_file({webp_chunk(
           "EXIF",
           tiff_with_user_comment(
               user_comment_ascii(std::string("Prompt:") + std::string(kComfyApi)), false))}),
       "ComfyUI", "a red fox, in snow\ngolden hour"},
      {"InvokeAIMetadata", png_file({png_text("invokeai_metadata", kInvokeMetadata)}), "InvokeAI",
       "a castle", "ugly", 30, 7, "5", "dpmpp_2m", 768, 512, "Juggernaut"},
      {"InvokeAIGraph", png_file({png_text("invokeai_graph", kInvokeGraph)}), "InvokeAI",
       "a castle", "ugly", 20, 6, "3", "euler", 512, 640},
      {"InvokeAIDream", png_file({png_text("Dream", kDream)}), "InvokeAI", "a fox  in the woods",
       "blurry, dark", 40, 7.5, "77", "k_euler", 512, 640},
      {"Fooocus",
       png_file({png_text("parameters", kFooocus), png_text("fooocus_scheme", "fooocus")}),
       "Fooocus", "goldfish", "", 30, 4, "6952411511246973023", "dpmpp_2m_sde_gpu", 768, 1280,
       "juggernaut"},
      {"RuinedFooocus", png_file({png_text("parameters", kRuinedFooocus)}), "RuinedFooocus",
       "a tree", "snow", 30, 8, "12", "dpmpp_2m_sde_gpu", 1152, 896, "sdxl.safetensors"},
      {"SwarmUIPng", png_file({png_text("parameters", kSwarm)}), "SwarmUI", "a robot", "blur", 20,
       7, "42", "euler", 1024, 1024, "sd_xl_base_1.0"},
      {"SwarmUIJpegExif",
       jpeg_file({jpeg_exif(tiff_with_user_comment(user_comment_unicode(kSwarm, false), false))}),
       "SwarmUI", "a robot", "blur", 20},
      {"NovelAIPngComment",
       png_file({png_text("Software", "NovelAI"), png_text("Description", "1girl, stars"),
                 png_text("Source", "NovelAI Diffusion V4 4F49EC75"),
                 png_text("Comment", kNovelComment)}),
       "NovelAI", "1girl, stars", "lowres", 28, 5, "123", "k_euler_ancestral", 832, 1216,
       "NovelAI Diffusion V4"},
      {"NovelAIWebpExif",
       webp_file({webp_chunk(
           "EXIF", tiff_with_user_comment(user_comment_unicode(nai_webp_json, false), false))}),
       "NovelAI", "1girl, stars", "lowres", 28},
      {"StealthPngInfoPlain", png_stealth(kA1111Simple, false, 64, 64), "AUTOMATIC1111",
       "photo of a duck", "monochrome", 15},
      {"StealthPngCompNovelAI", png_stealth(kNovelComment, true, 64, 64), "NovelAI", "1girl, stars",
       "lowres", 28},
      {"UnknownTextKeepsRaw", png_file({png_text("parameters", "just a caption")}), "unknown"},
      {"NoMetadata", png_file({}), "unknown"},
      {"NotAnImage", std::string("GIF89a...."), "unknown"},
      {"Empty", std::string(), "unknown"},
  };
}

class ToolCase : public ::testing::TestWithParam<Case> {};

TEST_P(ToolCase, ExtractsTheSchemaFields) {
  const Case& c = GetParam();
  auto m = metadata_of(c.file);
  EXPECT_EQ(str(m, "tool"), c.tool);
  if (!c.prompt.empty()) {
    EXPECT_EQ(str(m, "prompt"), c.prompt);
  }
  if (!c.negative.empty()) {
    EXPECT_EQ(str(m, "negativePrompt"), c.negative);
  }
  if (c.steps >= 0) {
    EXPECT_EQ(num(m, "steps"), c.steps);
  }
  if (c.cfg >= 0) {
    EXPECT_DOUBLE_EQ(num(m, "cfg"), c.cfg);
  }
  if (!c.seed.empty()) {
    ASSERT_TRUE(m.contains("seed"));
    EXPECT_EQ(boost::json::serialize(m.at("seed")), c.seed);
  }
  if (!c.sampler.empty()) {
    EXPECT_EQ(str(m, "sampler"), c.sampler);
  }
  if (c.width >= 0) {
    EXPECT_EQ(num(m, "width"), c.width);
  }
  if (c.height >= 0) {
    EXPECT_EQ(num(m, "height"), c.height);
  }
  if (!c.model.empty()) {
    ASSERT_TRUE(m.contains("model"));
    EXPECT_EQ(str(m.at("model").as_object(), "name"), c.model);
  }
}

INSTANTIATE_TEST_SUITE_P(Tools, ToolCase, ::testing::ValuesIn(cases()),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(Tools, UnknownTextIsKeptAsRaw) {
  auto m = metadata_of(png_file({png_text("parameters", "just a caption")}));
  EXPECT_EQ(str(m, "raw"), "just a caption");
}

TEST(Tools, ComfyLoraLoaderAndClipSkipAreTraced) {
  auto m = metadata_of(png_file({png_text("prompt", kComfyApi)}));
  EXPECT_EQ(num(m, "clipSkip"), 2);
  ASSERT_TRUE(m.contains("resources"));
  auto& r = m.at("resources").as_array();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(str(r[0].as_object(), "name"), "fox.safetensors");
  EXPECT_DOUBLE_EQ(num(r[0].as_object(), "weight"), 0.7);
}

TEST(Tools, FooocusAndSwarmResources) {
  auto f = metadata_of(png_file({png_text("parameters", kFooocus)}));
  EXPECT_EQ(str(f.at("resources").as_array()[0].as_object(), "name"), "sd_xl_offset.safetensors");
  EXPECT_EQ(str(f.at("model").as_object(), "hash"), "aeb7");
  auto s = metadata_of(png_file({png_text("parameters", kSwarm)}));
  EXPECT_EQ(num(s, "clipSkip"), 2);
  EXPECT_DOUBLE_EQ(num(s.at("resources").as_array()[0].as_object(), "weight"), 0.8);
  EXPECT_EQ(str(s.at("model").as_object(), "hash"), "0x31e3");
}

TEST(Tools, InvokeAILoras) {
  auto m = metadata_of(png_file({png_text("invokeai_metadata", kInvokeMetadata)}));
  EXPECT_EQ(str(m.at("resources").as_array()[0].as_object(), "name"), "detail");
  EXPECT_EQ(str(m.at("model").as_object(), "hash"), "blake3:abc");
}

}  // namespace
}  // namespace sp::genmeta
