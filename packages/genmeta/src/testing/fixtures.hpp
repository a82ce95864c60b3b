#pragma once
// Test fixtures built from the specifications: a PNG/JPEG/WebP chunk writer, EXIF and XMP
// carriers, and C2PA stores (CBOR claims and assertions in JUMBF superboxes).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp::genmeta::testing {

// ---- PNG ----
std::string png_chunk(std::string_view type, std::string_view body);  // with a correct CRC
std::string png_text(std::string_view key, std::string_view value);   // tEXt
std::string png_ztxt(std::string_view key, std::string_view value);   // zTXt (deflated)
std::string png_itxt(std::string_view key, std::string_view value, bool compressed);
// A 1x1 RGBA PNG: signature, IHDR, `before` chunks, IDAT, `after` chunks, IEND.
std::string png_file(const std::vector<std::string>& before,
                     const std::vector<std::string>& after = {});
// An 8-bit RGBA PNG whose alpha low bits hold `payload` in stealth-pnginfo layout.
std::string png_stealth(std::string_view text, bool compressed, uint32_t width, uint32_t height);

// ---- JPEG ----
std::string jpeg_segment(uint8_t marker, std::string_view payload);
// SOI, `segments`, a minimal SOF0/DHT-free SOS with two bytes of scan data, EOI.
std::string jpeg_file(const std::vector<std::string>& segments);
std::string jpeg_exif(std::string_view tiff);   // APP1 "Exif\0\0" + tiff
std::string jpeg_xmp(std::string_view packet);  // APP1 XMP

// ---- EXIF ----
std::string user_comment_unicode(std::string_view ascii_text, bool big_endian);
std::string user_comment_ascii(std::string_view text);
// A TIFF block with IFD0 {Make, EXIF IFD -> UserComment, GPS IFD}.
std::string tiff_with_user_comment(std::string_view comment_value, bool big_endian);
std::string xmp_packet(std::string_view property, std::string_view value);

// ---- WebP ----
std::string webp_chunk(std::string_view type, std::string_view body);
// RIFF/WEBP with VP8X (flags from the chunks given), a tiny VP8L, then `chunks`.
std::string webp_file(const std::vector<std::string>& chunks);

// ---- CBOR / JUMBF / C2PA ----
namespace cbor {
std::string uint(uint64_t v);
std::string text(std::string_view s);
std::string bytes(std::string_view s);
std::string array(const std::vector<std::string>& items);
std::string map(const std::vector<std::pair<std::string, std::string>>& entries);  // text keys
}  // namespace cbor
std::string jumbf_box(std::string_view type, std::string_view payload);
std::string jumbf_superbox(std::string_view label, const std::vector<std::string>& children);
// A store with one manifest. Empty strings omit: claim_generator_info[0].name, the v1
// claim_generator, the actions assertion (digital_source_type of its c2pa.created action).
// v2: c2pa.claim.v2 with a map claim_generator_info.
std::string c2pa_store(std::string_view generator_info_name, std::string_view claim_generator,
                       std::string_view digital_source_type, bool v2 = false);
// The store split over APP11 segments of at most `piece` payload bytes (box header repeated).
std::vector<std::string> jpeg_app11(std::string_view store, size_t piece, uint16_t instance = 1);

// Every fixture the suites build, for the mutation test.
std::vector<std::pair<std::string, std::string>> all_fixtures();

}  // namespace sp::genmeta::testing
