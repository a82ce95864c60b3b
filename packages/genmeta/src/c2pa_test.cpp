// C2PA manifest stores built from the specification (JUMBF superboxes, CBOR claim and actions
// assertion) in each carrier, and truncated or hostile ones.
#include <gtest/gtest.h>

#include "c2pa/cbor.hpp"
#include "container/bytes.hpp"
#include "testing/expect.hpp"
#include "testing/fixtures.hpp"

namespace sp::genmeta {
namespace {

using namespace testing;

constexpr std::string_view kAi =
    "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

struct C2paCase {
  std::string name;
  std::string file;
  std::string vendor;
  bool ai;
  std::string generator;
};

std::string jpeg_with_store(std::string_view store, size_t piece) {
  return jpeg_file(jpeg_app11(store, piece));
}

std::vector<C2paCase> cases() {
  auto openai = c2pa_store("ChatGPT", "ChatGPT", std::string(kAi));
  auto google = c2pa_store("Google Gemini", "", std::string(kAi), true);
  auto adobe = c2pa_store("Adobe Photoshop", "",
                          "http://cv.iptc.org/newscodes/digitalsourcetype/"
                          "compositeWithTrainedAlgorithmicMedia");
  auto microsoft = c2pa_store("", "Microsoft_Responsible_AI/1.0", std::string(kAi));
  auto other = c2pa_store("c2patool", "", "");
  return {
      {"PngCaBXOpenAI", png_file({png_chunk("caBX", openai)}), "openai", true, "ChatGPT"},
      {"JpegApp11SplitGoogle", jpeg_with_store(google, 100), "google", true, "Google Gemini"},
      {"JpegApp11OneSegment", jpeg_with_store(openai, 60000), "openai", true, "ChatGPT"},
      {"WebpC2paAdobeComposite", webp_file({webp_chunk("C2PA", adobe)}), "adobe", false,
       "Adobe Photoshop"},
      {"MicrosoftFromClaimGeneratorV1", png_file({png_chunk("caBX", microsoft)}), "microsoft", true,
       "Microsoft_Responsible_AI/1.0"},
      {"UnknownVendorNoActions", png_file({png_chunk("caBX", other)}), "unknown", false,
       "c2patool"},
  };
}

class C2paCarrier : public ::testing::TestWithParam<C2paCase> {};

TEST_P(C2paCarrier, ReportsProvenance) {
  const auto& c = GetParam();
  auto p = provenance_of(c.file);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(str(*p, "vendor"), c.vendor);
  EXPECT_EQ(p->at("aiGenerated").as_bool(), c.ai);
  EXPECT_EQ(str(*p, "claimGenerator"), c.generator);
  // C2PA does not make generation parameters appear.
  EXPECT_EQ(str(metadata_of(c.file), "tool"), "unknown");
}

INSTANTIATE_TEST_SUITE_P(C2pa, C2paCarrier, ::testing::ValuesIn(cases()),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(C2pa, DigitalSourceTypeIsVerbatim) {
  auto p =
      provenance_of(png_file({png_chunk("caBX", c2pa_store("ChatGPT", "", std::string(kAi)))}));
  ASSERT_TRUE(p);
  EXPECT_EQ(str(*p, "digitalSourceType"), kAi);
}

TEST(C2pa, NoStoreNoProvenance) {
  EXPECT_FALSE(provenance_of(png_file({})).has_value());
  EXPECT_FALSE(provenance_of(png_file({png_chunk("caBX", "garbage")})).has_value());
}

TEST(C2pa, TruncatedStoresNeverCrash) {
  auto store = c2pa_store("ChatGPT", "", std::string(kAi));
  for (size_t n = 0; n < store.size(); n += 7) {
    auto file = png_file({png_chunk("caBX", store.substr(0, n))});
    auto p = extract(file);
    EXPECT_EQ(p.metadata_json, R"({"tool":"unknown"})");
  }
}

TEST(C2pa, DeeplyNestedSuperboxesAreBounded) {
  std::string box = jumbf_box("cbor", cbor::map({}));
  for (int i = 0; i < 200; ++i) box = jumbf_superbox("c2pa.assertions", {box});
  auto file = png_file({png_chunk("caBX", jumbf_superbox("c2pa", {box}))});
  auto p = provenance_of(file);
  ASSERT_TRUE(p);
  EXPECT_EQ(str(*p, "vendor"), "unknown");
}

TEST(C2pa, HostileBoxLengthsAreRejected) {
  std::string huge_lbox = "\xff\xff\xff\xf0jumb";
  std::string xlbox =
      std::string("\0\0\0\1jumb", 8) + std::string("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
  for (const auto& store : {huge_lbox, xlbox}) {
    auto file = png_file({png_chunk("caBX", store)});
    EXPECT_FALSE(provenance_of(file).has_value());
  }
}

TEST(Cbor, HostileLengthsAndDepthAreRejected) {
  using detail::decode_cbor;
  EXPECT_FALSE(decode_cbor("\x9b\xff\xff\xff\xff\xff\xff\xff\xff"));  // array of 2^64
  EXPECT_FALSE(
      decode_cbor("\x7a\x7f\xff\xff\xff"
                  "abc"));                                       // text past the end
  EXPECT_FALSE(decode_cbor(std::string(100, '\x81') + "\x01"));  // depth 100
  EXPECT_FALSE(decode_cbor(std::string(100, '\xc6') + "\x01"));  // 100 nested tags
  EXPECT_FALSE(decode_cbor("\x9f\x01\x02"));                     // no break
  auto ok = decode_cbor("\x9f\x01\x7f\x61x\x61y\xff\xff");       // indefinite forms
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->items.size(), 2u);
  EXPECT_EQ(ok->items[1].string, "xy");
  auto half = decode_cbor(std::string_view("\xf9\x3c\x00", 3));  // 1.0 as a half float
  ASSERT_TRUE(half);
  EXPECT_DOUBLE_EQ(half->real, 1.0);
}

}  // namespace
}  // namespace sp::genmeta
