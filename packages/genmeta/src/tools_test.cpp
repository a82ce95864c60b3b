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

namespace sp::genmeta {
namespace {

using namespace testing;

// A UI workflow whose sampler and texts live in subgraphs (definitions.subgraphs): the sampler
// and the negative text in one, the positive text (from a primitive) in a subgraph nested in it;
// model, CLIP and latent come in through the subgraph's inputs, the latent goes out to a decoder.
constexpr std::string_view kComfySubgraphs = R"J({"nodes": [
 {"id": 1, "type": "CheckpointLoaderSimple", "inputs": [], "widgets_values": ["outer_model.safetensors"]},
 {"id": 5, "type": "EmptyLatentImage", "inputs": [], "widgets_values": [832, 1216, 1]},
 {"id": 10, "type": "aaaa-sub", "inputs": [{"name": "model", "link": 11}, {"name": "clip", "link": 12},
   {"name": "latent", "link": 13}], "outputs": [{"name": "LATENT", "links": [14]}]},
 {"id": 20, "type": "VAEDecode", "inputs": [{"name": "samples", "link": 14}]}],
 "links": [[11, 1, 0, 10, 0, "MODEL"], [12, 1, 1, 10, 1, "CLIP"], [13, 5, 0, 10, 2, "LATENT"],
  [14, 10, 0, 20, 0, "LATENT"]],
 "definitions": {"subgraphs": [
  {"id": "aaaa-sub", "name": "Sampler",
   "inputs": [{"name": "model", "linkIds": [101]}, {"name": "clip", "linkIds": [102, 103]},
     {"name": "latent", "linkIds": [104]}],
   "outputs": [{"name": "LATENT", "linkIds": [105]}],
   "nodes": [
    {"id": 2, "type": "bbbb-nested", "inputs": [{"name": "clip", "link": 102}]},
    {"id": 3, "type": "CLIPTextEncode", "inputs": [{"name": "clip", "link": 103}], "widgets_values": ["blurry, lowres"]},
    {"id": 4, "type": "KSampler", "inputs": [{"name": "model", "link": 101}, {"name": "positive", "link": 106},
      {"name": "negative", "link": 107}, {"name": "latent_image", "link": 104}],
     "widgets_values": [777, "fixed", 28, 6.5, "dpmpp_2m", "karras", 1.0]}],
   "links": [
    {"id": 101, "origin_id": -10, "origin_slot": 0, "target_id": 4, "target_slot": 0, "type": "MODEL"},
    {"id": 102, "origin_id": -10, "origin_slot": 1, "target_id": 2, "target_slot": 0, "type": "CLIP"},
    {"id": 103, "origin_id": -10, "origin_slot": 1, "target_id": 3, "target_slot": 0, "type": "CLIP"},
    {"id": 104, "origin_id": -10, "origin_slot": 2, "target_id": 4, "target_slot": 3, "type": "LATENT"},
    {"id": 105, "origin_id": 4, "origin_slot": 0, "target_id": -20, "target_slot": 0, "type": "LATENT"},
    {"id": 106, "origin_id": 2, "origin_slot": 0, "target_id": 4, "target_slot": 1, "type": "CONDITIONING"},
    {"id": 107, "origin_id": 3, "origin_slot": 0, "target_id": 4, "target_slot": 2, "type": "CONDITIONING"}]},
  {"id": "bbbb-nested", "name": "Positive",
   "inputs": [{"name": "clip", "linkIds": [201]}], "outputs": [{"name": "CONDITIONING", "linkIds": [203]}],
   "nodes": [
    {"id": 1, "type": "PrimitiveStringMultiline", "widgets_values": ["a paper lantern festival"]},
    {"id": 2, "type": "CLIPTextEncode", "inputs": [{"name": "clip", "link": 201},
      {"name": "text", "link": 202, "widget": {"name": "text"}}], "widgets_values": ["not this"]}],
   "links": [
    {"id": 201, "origin_id": -10, "origin_slot": 0, "target_id": 2, "target_slot": 0},
    {"id": 202, "origin_id": 1, "origin_slot": 0, "target_id": 2, "target_slot": 1},
    {"id": 203, "origin_id": 2, "origin_slot": 0, "target_id": -20, "target_slot": 0}]}]}})J";

// The older group nodes (extra.groupNodes): the instance carries the inner nodes' widget values in
// order; its inputs feed the inner inputs nothing inside feeds; its output goes to a decoder.
constexpr std::string_view kComfyGroupNode = R"J({"nodes": [
 {"id": 1, "type": "CheckpointLoaderSimple", "inputs": [], "widgets_values": ["legacy.safetensors"]},
 {"id": 2, "type": "EmptyLatentImage", "inputs": [], "widgets_values": [512, 768, 1]},
 {"id": 3, "type": "workflow/Prompted sampler",
  "inputs": [{"name": "model", "link": 1}, {"name": "CLIPTextEncode clip", "link": 2},
    {"name": "CLIPTextEncode 2 clip", "link": 3}, {"name": "latent_image", "link": 4}],
  "outputs": [{"name": "LATENT", "links": [5]}],
  "widgets_values": ["a koi pond at night", "watermark", 4242, "fixed", 30, 5.0, "euler_ancestral", "normal", 1.0]},
 {"id": 4, "type": "VAEDecode", "inputs": [{"name": "samples", "link": 5}]}],
 "links": [[1, 1, 0, 3, 0, "MODEL"], [2, 1, 1, 3, 1, "CLIP"], [3, 1, 1, 3, 2, "CLIP"],
  [4, 2, 0, 3, 3, "LATENT"], [5, 3, 0, 4, 0, "LATENT"]],
 "extra": {"groupNodes": {"Prompted sampler": {
  "nodes": [
   {"index": 0, "type": "CLIPTextEncode", "inputs": [{"name": "clip", "link": null}],
    "outputs": [{"name": "CONDITIONING", "links": []}], "widgets_values": [""]},
   {"index": 1, "type": "CLIPTextEncode", "inputs": [{"name": "clip", "link": null}],
    "outputs": [{"name": "CONDITIONING", "links": []}], "widgets_values": [""]},
   {"index": 2, "type": "KSampler", "inputs": [{"name": "model"}, {"name": "positive"},
     {"name": "negative"}, {"name": "latent_image"}], "outputs": [{"name": "LATENT"}],
    "widgets_values": [0, "randomize", 20, 8, "euler", "normal", 1]}],
  "links": [[0, 0, 2, 1, null, "CONDITIONING"], [1, 0, 2, 2, null, "CONDITIONING"]],
  "external": [[2, 0, "LATENT"]]}}}})J";

TEST(Tools, ComfySubgraphsAreReadInside) {
  auto m = metadata_of(png_file({png_text("workflow", kComfySubgraphs)}));
  EXPECT_EQ(str(m, "tool"), "ComfyUI");
  EXPECT_EQ(str(m, "prompt"), "a paper lantern festival");
  EXPECT_EQ(str(m, "negativePrompt"), "blurry, lowres");
  EXPECT_EQ(num(m, "steps"), 28);
  EXPECT_DOUBLE_EQ(num(m, "cfg"), 6.5);
  EXPECT_EQ(boost::json::serialize(m.at("seed")), "777");
  EXPECT_EQ(num(m, "width"), 832);
  EXPECT_EQ(num(m, "height"), 1216);
  ASSERT_TRUE(m.contains("model"));
  EXPECT_EQ(str(m.at("model").as_object(), "name"), "outer_model.safetensors");
}

TEST(Tools, ComfyGroupNodesAreReadInside) {
  auto m = metadata_of(png_file({png_text("workflow", kComfyGroupNode)}));
  EXPECT_EQ(str(m, "tool"), "ComfyUI");
  EXPECT_EQ(str(m, "prompt"), "a koi pond at night");
  EXPECT_EQ(str(m, "negativePrompt"), "watermark");
  EXPECT_EQ(num(m, "steps"), 30);
  EXPECT_DOUBLE_EQ(num(m, "cfg"), 5.0);
  EXPECT_EQ(boost::json::serialize(m.at("seed")), "4242");
  EXPECT_EQ(num(m, "width"), 512);
  EXPECT_EQ(num(m, "height"), 768);
  ASSERT_TRUE(m.contains("model"));
  EXPECT_EQ(str(m.at("model").as_object(), "name"), "legacy.safetensors");
}

TEST(Tools, SelfNestingSubgraphsEndQuietly) {
  // A subgraph that contains itself: bounded depth, no crash, no hang.
  constexpr std::string_view kLoop = R"J({"nodes": [{"id": 1, "type": "loop"}],
   "links": [], "definitions": {"subgraphs": [{"id": "loop", "inputs": [],
   "outputs": [{"name": "o", "linkIds": [1]}], "nodes": [{"id": 1, "type": "loop"},
   {"id": 2, "type": "KSampler", "inputs": [{"name": "positive", "link": 1}]}],
   "links": [{"id": 1, "origin_id": 1, "origin_slot": 0, "target_id": 2, "target_slot": 1}]}]}})J";
  auto m = metadata_of(png_file({png_text("workflow", kLoop)}));
  EXPECT_TRUE(m.contains("tool"));
}

}  // namespace
}  // namespace sp::genmeta
