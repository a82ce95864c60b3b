// Hostile containers: lengths past the end, decompression bombs, offsets out of range.
#include <gtest/gtest.h>

#include <zlib.h>

#include "container/bytes.hpp"
#include "testing/expect.hpp"
#include "testing/fixtures.hpp"
#include "testing/samples.hpp"

namespace sp::genmeta {
namespace {

using namespace testing;

TEST(Carriers, PngChunkLengthPastTheEndStopsReading) {
  std::string file = png_file({png_text("parameters", kA1111Simple)});
  std::string bad = file.substr(0, 33) + "\x7f\xff\xff\xff" + file.substr(37);
  EXPECT_EQ(str(metadata_of(bad), "tool"), "unknown");
}

TEST(Carriers, ZtxtBombIsCappedByTheBudget) {
  std::string zeros(64u << 20, 'a');  // 64 MiB of text deflates to ~64 KiB
  uLongf size = compressBound(zeros.size());
  std::string z(size, '\0');
  compress2(reinterpret_cast<Bytef*>(z.data()), &size, reinterpret_cast<const Bytef*>(zeros.data()),
            zeros.size(), 9);
  z.resize(size);
  auto file = png_file({png_chunk("zTXt", std::string("parameters\0\0", 12) + z)});
  auto m = metadata_of(file);
  EXPECT_EQ(str(m, "tool"), "unknown");
  EXPECT_FALSE(m.contains("raw"));
}

TEST(Carriers, JpegSegmentPastTheEndIsIgnored) {
  std::string file = "\xff\xd8\xff\xfe\xff\xf0" + std::string(kA1111Simple);
  EXPECT_EQ(str(metadata_of(file), "tool"), "unknown");
}

TEST(Carriers, ExifOffsetsOutOfRangeAreSkipped) {
  std::string tiff = tiff_with_user_comment(user_comment_ascii(kA1111Simple), true);
  tiff[60] = '\x7f';  // UserComment's data offset -> far past the end
  EXPECT_EQ(str(metadata_of(jpeg_file({jpeg_exif(tiff)})), "tool"), "unknown");
}

TEST(Carriers, DeepJsonIsRejectedNotRecursedInto) {
  std::string deep(100000, '[');
  EXPECT_EQ(str(metadata_of(png_file({png_text("prompt", deep)})), "tool"), "unknown");
}

TEST(Carriers, CyclicComfyGraphTerminates) {
  std::string graph = R"({"1": {"class_type": "KSampler", "inputs": {"seed": ["1", 0],
    "steps": 5, "positive": ["2", 0], "negative": ["2", 0], "model": ["2", 0],
    "latent_image": ["1", 0]}}, "2": {"class_type": "X", "inputs": {"a": ["2", 0], "model": ["2", 0]}}})";
  auto m = metadata_of(png_file({png_text("prompt", graph)}));
  EXPECT_EQ(str(m, "tool"), "ComfyUI");
  EXPECT_EQ(num(m, "steps"), 5);
}

TEST(Carriers, Latin1TextBecomesValidUtf8) {
  auto m = metadata_of(png_file({png_text("parameters", "caf\xe9\nSteps: 3")}));
  EXPECT_EQ(str(m, "prompt"), "caf\xc3\xa9");
}

}  // namespace
}  // namespace sp::genmeta
