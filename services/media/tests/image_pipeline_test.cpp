// The libvips pipeline on generated fixtures (never committed art): limits checked from the header
// before decoding, decode errors fatal, only the allowed loaders, re-encoded and stripped outputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "logic/image_hashes.hpp"
#include "pipeline/image_pipeline.hpp"
#include "png_fixture.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::media {
namespace {

using namespace std::string_literals;

using sp::testing::be32;
using sp::testing::png_chunk;

// A valid PNG signature and IHDR for width x height, one tiny IDAT and IEND: the header promises
// far more pixels than the file holds.
std::string png_header_only(uint32_t width, uint32_t height) {
  std::string ihdr = be32(width) + be32(height) + "\x08\x02\x00\x00\x00"s;
  return "\x89PNG\r\n\x1a\n"s + png_chunk("IHDR", ihdr) +
         png_chunk("IDAT", "\x78\x9c\x03\x00\x00\x00\x00\x01"s) + png_chunk("IEND", "");
}

std::string image(int w, int h, std::string_view format) {
  auto bytes = synthesize_image(w, h, format);
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().internal);
  return bytes.ok() ? *bytes : std::string();
}

TEST(ImagePipeline, HugePngHeaderIsRejectedBeforeAnyPixelIsDecoded) {
  auto header = read_image_header(png_header_only(65535, 65535));
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(header.error().message.find("65535x65535"), std::string::npos)
      << header.error().message;
  // The whole pipeline stops at the same check (returning at all shows no 4-gigapixel decode).
  auto processed = process_image(png_header_only(65535, 65535));
  ASSERT_FALSE(processed.ok());
  EXPECT_NE(processed.error().message.find("65535x65535"), std::string::npos);
}

TEST(ImagePipeline, HugeDimensionJpegIsRejectedFromItsHeader) {
  std::string jpeg = image(64, 48, "jpeg");
  // Rewrite the baseline frame header (SOF0: FF C0 len(2) precision(1) height(2) width(2)).
  auto sof = jpeg.find("\xff\xc0"s);
  ASSERT_NE(sof, std::string::npos);
  jpeg[sof + 5] = '\xea';  // 60000 = 0xEA60
  jpeg[sof + 6] = '\x60';
  jpeg[sof + 7] = '\xea';
  jpeg[sof + 8] = '\x60';
  auto processed = process_image(jpeg);
  ASSERT_FALSE(processed.ok());
  EXPECT_EQ(processed.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(processed.error().message.find("60000x60000"), std::string::npos)
      << processed.error().message;
}

TEST(ImagePipeline, SidesAndPixelCountAreBothLimited) {
  EXPECT_FALSE(read_image_header(png_header_only(16'385, 10)).ok());
  EXPECT_FALSE(read_image_header(png_header_only(10'000, 5'001)).ok());  // 50.01 MP
  EXPECT_TRUE(read_image_header(png_header_only(16'384, 3'000)).ok());
}

TEST(ImagePipeline, TruncatedJpegIsRejectedNotHalfRendered) {
  std::string jpeg = image(640, 480, "jpeg");
  auto processed = process_image(std::string_view(jpeg).substr(0, jpeg.size() * 6 / 10));
  ASSERT_FALSE(processed.ok());
  EXPECT_EQ(processed.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(processed.error().message.find("truncated"), std::string::npos)
      << processed.error().message;
}

// The worker decodes from a file (process_image_file): the same limits, refusals and outputs as
// from bytes, whatever the file is called.
TEST(ImagePipeline, FromAFileTheSameChecksAndTheSameVariants) {
  sp::testing::TempDir dir("pipeline-file");
  auto write = [&](const std::string& name, std::string_view bytes) {
    const std::string path = dir.file(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  };
  const std::string png = image(600, 400, "png");
  auto from_file = process_image_file(write("original", png));  // no extension, as in the store
  auto from_bytes = process_image(png);
  ASSERT_TRUE(from_file.ok()) << from_file.error().message << from_file.error().internal;
  ASSERT_TRUE(from_bytes.ok());
  EXPECT_EQ(from_file->width, 600);
  ASSERT_EQ(from_file->variants.size(), from_bytes->variants.size());
  for (std::size_t i = 0; i < from_file->variants.size(); ++i) {
    EXPECT_EQ(from_file->variants[i].width, from_bytes->variants[i].width);
    EXPECT_EQ(from_file->variants[i].bytes, from_bytes->variants[i].bytes);
  }
  EXPECT_EQ(from_file->phash, from_bytes->phash);
  EXPECT_EQ(from_file->blurhash, from_bytes->blurhash);
  const std::string whole_jpeg = image(700, 500, "jpeg");  // decoded from the file itself
  auto jpeg_file = process_image_file(write("photo", whole_jpeg));
  auto jpeg_bytes = process_image(whole_jpeg);
  ASSERT_TRUE(jpeg_file.ok()) << jpeg_file.error().message << jpeg_file.error().internal;
  ASSERT_TRUE(jpeg_bytes.ok());
  ASSERT_EQ(jpeg_file->variants.size(), jpeg_bytes->variants.size());
  for (std::size_t i = 0; i < jpeg_file->variants.size(); ++i) {
    EXPECT_EQ(jpeg_file->variants[i].bytes, jpeg_bytes->variants[i].bytes);
  }

  auto huge = process_image_file(write("huge.png", png_header_only(65535, 65535)));
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.error().message.find("65535x65535"), std::string::npos);
  std::string jpeg = image(640, 480, "jpeg");
  auto truncated = process_image_file(write("cut.jpg", jpeg.substr(0, jpeg.size() * 6 / 10)));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, ErrorCode::kUnprocessable);
  auto svg = process_image_file(write("drawing.svg",
                                      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
                                      "height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"));
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.error().code, ErrorCode::kUnprocessable);
  auto missing = process_image_file(dir.file("never-written"));
  EXPECT_FALSE(missing.ok());
}

TEST(ImagePipeline, SvgAndPdfAreNeverLoaded) {
  for (std::string doc :
       {"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" "
        "height=\"10\"/></svg>"s,
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"s}) {
    auto processed = process_image(doc);
    ASSERT_FALSE(processed.ok());
    EXPECT_EQ(processed.error().code, ErrorCode::kUnprocessable);
  }
}

TEST(ImagePipeline, PngHtmlPolyglotComesOutAsReencodedPixelsOnly) {
  const std::string html = "<html><script>alert(document.cookie)</script></html>";
  std::string polyglot = image(300, 200, "png") + html;
  auto processed = process_image(polyglot);
  ASSERT_TRUE(processed.ok()) << processed.error().message;
  for (const Variant& v : processed->variants) {
    EXPECT_EQ(v.bytes.substr(0, 4), "RIFF");
    EXPECT_EQ(v.bytes.substr(8, 4), "WEBP");
    EXPECT_EQ(v.bytes.find("<script"), std::string::npos);
  }
}

TEST(ImagePipeline, VariantsAtTheFixedWidthsNeverUpscaled) {
  auto wide = process_image(image(3000, 1000, "png"));
  ASSERT_TRUE(wide.ok()) << wide.error().message;
  std::vector<int> widths;
  for (const Variant& v : wide->variants) widths.push_back(v.width);
  EXPECT_EQ(widths, (std::vector<int>{256, 512, 1024, 2048}));
  EXPECT_EQ(wide->variants[0].height, 85);  // 256 * 1000 / 3000, rounded
  EXPECT_EQ(wide->width, 3000);

  auto mid = process_image(image(600, 400, "webp"));
  ASSERT_TRUE(mid.ok());
  widths.clear();
  for (const Variant& v : mid->variants) widths.push_back(v.width);
  // The standard widths below it, then one at its own width (never upscaled to 1024).
  EXPECT_EQ(widths, (std::vector<int>{256, 512, 600}));
  EXPECT_EQ(mid->variants[2].height, 400);

  auto small = process_image(image(100, 50, "jpeg"));
  ASSERT_TRUE(small.ok());
  ASSERT_EQ(small->variants.size(), 1u);
  EXPECT_EQ(small->variants[0].width, 100);  // its own size, not 256
  EXPECT_EQ(small->variants[0].height, 50);
}

TEST(ImagePipeline, VariantWidthsAddTheOwnWidthBetweenStandardOnes) {
  EXPECT_EQ(variant_widths(100), (std::vector<int>{100}));
  EXPECT_EQ(variant_widths(256), (std::vector<int>{256}));
  EXPECT_EQ(variant_widths(300), (std::vector<int>{256, 300}));
  EXPECT_EQ(variant_widths(512), (std::vector<int>{256, 512}));
  EXPECT_EQ(variant_widths(1500), (std::vector<int>{256, 512, 1024, 1500}));
  EXPECT_EQ(variant_widths(2048), (std::vector<int>{256, 512, 1024, 2048}));
  EXPECT_EQ(variant_widths(5000), (std::vector<int>{256, 512, 1024, 2048}));
  EXPECT_EQ(variant_widths(1), (std::vector<int>{1}));
}

TEST(ImagePipeline, AvifVariantsBesideWebpWhenAsked) {
  if (!avif_encoding_works()) GTEST_SKIP() << "this libvips cannot encode AVIF";
  const std::string png = image(1100, 700, "png");
  // The best of three runs each (the machine is shared): the AVIF cost is the difference.
  auto best_of_three = [&](const EncodeOptions& options) {
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
      auto started = std::chrono::steady_clock::now();
      EXPECT_TRUE(process_image(png, options).ok());
      best = std::min(
          best, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
    return best;
  };
  const double webp_s = best_of_three({});
  const double both_s = best_of_three(EncodeOptions{.avif = true});
  auto webp_only = process_image(png);
  ASSERT_TRUE(webp_only.ok());
  auto both = process_image(png, EncodeOptions{.avif = true});
  ASSERT_TRUE(both.ok()) << both.error().message;
  std::vector<std::pair<std::string, int>> seen;
  for (const Variant& v : both->variants) seen.emplace_back(v.format, v.width);
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, int>>{{"webp", 256},
                                                            {"webp", 512},
                                                            {"webp", 1024},
                                                            {"webp", 1100},
                                                            {"avif", 256},
                                                            {"avif", 512},
                                                            {"avif", 1024},
                                                            {"avif", 1100}}));
  for (const Variant& v : both->variants) {
    if (v.format != "avif") continue;
    auto header = read_image_header(v.bytes);  // a real AVIF that libvips reads back
    ASSERT_TRUE(header.ok()) << v.width;
    EXPECT_EQ(header->loader, "VipsForeignLoadHeifBuffer");
    EXPECT_EQ(header->width, v.width);
    auto fields = metadata_fields(v.bytes);
    ASSERT_TRUE(fields.ok());
    for (const std::string& f : *fields) {
      EXPECT_TRUE(f.find("exif") == std::string::npos && f.find("xmp") == std::string::npos)
          << "AVIF variant carries " << f;
    }
  }
  EXPECT_EQ(both->blurhash, webp_only->blurhash);  // from the smallest WebP either way
  const double per_avif = (both_s - webp_s) / 4;
  std::cout << "[ figures ] 1100x700 PNG: WebP-only pipeline " << webp_s * 1000
            << " ms; with AVIF (effort 0, Q50) " << both_s * 1000 << " ms; about "
            << per_avif * 1000 << " ms per AVIF variant\n";
}

TEST(ImagePipeline, SmallestVariantGivesBlurhashColourAndHash) {
  auto a = process_image(image(800, 600, "png"));
  auto b = process_image(image(800, 600, "jpeg"));  // same picture, other encoding
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->blurhash.size(), 28u);  // 1 + 1 + 4 + 2 * (4*3 - 1)
  EXPECT_EQ(a->dominant_color.size(), 7u);
  EXPECT_EQ(a->dominant_color[0], '#');
  EXPECT_LE(hamming_distance(a->phash, b->phash), 10);
}

TEST(ImagePipeline, GpsExifNeverReachesAVariant) {
  sp::testing::TempDir dir("media-exif");
  const std::string path = dir.file("gps.jpg");
  std::ofstream(path, std::ios::binary) << image(640, 480, "jpeg");
  const bool have_exiftool = std::system("exiftool -ver >/dev/null 2>&1") == 0;
  std::string original;
  if (have_exiftool) {
    ASSERT_EQ(std::system(("exiftool -q -overwrite_original -GPSLatitude=48.8584 "
                           "-GPSLatitudeRef=N -GPSLongitude=2.2945 -GPSLongitudeRef=E "
                           "-Artist=someone " +
                           path)
                              .c_str()),
              0);
  }
  if (FILE* in = std::fopen(path.c_str(), "rb")) {
    char chunk[4096];
    std::size_t n = 0;
    while ((n = std::fread(chunk, 1, sizeof chunk, in)) > 0) original.append(chunk, n);
    std::fclose(in);
  }
  auto fields = metadata_fields(original);
  ASSERT_TRUE(fields.ok());
  if (have_exiftool) {
    EXPECT_NE(std::find(fields->begin(), fields->end(), "exif-data"), fields->end());
  }
  // AVIF variants too, when this libvips encodes them.
  auto processed = process_image(original, EncodeOptions{.avif = avif_encoding_works()});
  ASSERT_TRUE(processed.ok()) << processed.error().message;
  for (const Variant& v : processed->variants) {
    auto out = metadata_fields(v.bytes);
    ASSERT_TRUE(out.ok());
    for (const std::string& f : *out) {
      EXPECT_TRUE(f.find("exif") == std::string::npos && f.find("xmp") == std::string::npos &&
                  f.find("iptc") == std::string::npos && f.find("icc") == std::string::npos)
          << "variant carries " << f;
    }
    if (have_exiftool) {
      const std::string variant = dir.file("v." + v.format);
      std::ofstream(variant, std::ios::binary) << v.bytes;
      FILE* pipe = popen(("exiftool -s -s -s -GPS:all -EXIF:all -XMP:all " + variant).c_str(), "r");
      ASSERT_NE(pipe, nullptr);
      char buffer[256];
      std::string seen;
      while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) seen += buffer;
      pclose(pipe);
      EXPECT_EQ(seen, "") << "exiftool found metadata in a variant";
    }
  }
}

}  // namespace
}  // namespace sp::media
