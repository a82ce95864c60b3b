// PNG chunks: tEXt, zTXt, iTXt (before or after IDAT), eXIf, caBX (C2PA), and the IHDR/IDAT facts
// the stealth reader needs. The CRC is not checked (re-savers often get it wrong); lengths are.
#include "container/bytes.hpp"
#include "container/carriers.hpp"
#include "container/text_encoding.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr std::string_view kSignature = "\x89PNG\r\n\x1a\n";
constexpr size_t kMaxTexts = 256;

void read_text(std::string_view type, std::string_view body, InflateBudget& budget, Carriers& out) {
  auto nul = body.find('\0');
  if (nul == std::string_view::npos || nul == 0 || nul > 79) return;
  std::string key = to_utf8_or_latin1(body.substr(0, nul));
  std::string_view rest = body.substr(nul + 1);
  if (type == "tEXt") {
    out.texts.push_back({std::move(key), to_utf8_or_latin1(rest)});
  } else if (type == "zTXt") {
    if (rest.empty() || rest[0] != 0) return;  // method 0 (deflate) is the only one
    if (auto text = inflate(rest.substr(1), budget))
      out.texts.push_back({std::move(key), to_utf8_or_latin1(*text)});
  } else {  // iTXt: flag, method, language\0, translated keyword\0, text (UTF-8)
    if (rest.size() < 2) return;
    bool compressed = rest[0] == 1;
    if (compressed && rest[1] != 0) return;
    rest.remove_prefix(2);
    for (int skip = 0; skip < 2; ++skip) {
      auto end = rest.find('\0');
      if (end == std::string_view::npos) return;
      rest.remove_prefix(end + 1);
    }
    if (!compressed) {
      out.texts.push_back({std::move(key), to_utf8_or_latin1(rest)});
    } else if (auto text = inflate(rest, budget)) {
      out.texts.push_back({std::move(key), to_utf8_or_latin1(*text)});
    }
  }
}

}  // namespace

Carriers read_png(std::string_view file, InflateBudget& budget) {
  Carriers out;
  if (!file.starts_with(kSignature)) return out;
  size_t at = kSignature.size();
  PngPixels pixels;
  bool have_header = false;
  while (true) {
    auto length = be32(file, at);
    if (!length) break;
    auto type = slice(file, at + 4, 4);
    auto body = slice(file, at + 8, *length);
    if (!type || !body) break;  // truncated: keep what was read so far
    if (*type == "IHDR" && body->size() >= 13) {
      pixels.width = *be32(*body, 0);
      pixels.height = *be32(*body, 4);
      pixels.bit_depth = static_cast<uint8_t>((*body)[8]);
      pixels.colour_type = static_cast<uint8_t>((*body)[9]);
      pixels.interlace = static_cast<uint8_t>((*body)[12]);
      have_header = true;
    } else if (*type == "IDAT") {
      pixels.idat.push_back(*body);
    } else if (*type == "tEXt" || *type == "zTXt" || *type == "iTXt") {
      if (out.texts.size() < kMaxTexts) read_text(*type, *body, budget, out);
    } else if (*type == "eXIf") {
      read_exif(*body, out);
    } else if (*type == "caBX") {
      if (out.jumbf.empty()) out.jumbf.assign(*body);
    } else if (*type == "IEND") {
      break;
    }
    at += 12 + static_cast<size_t>(*length);
  }
  if (have_header) out.png = std::move(pixels);
  return out;
}

Format sniff(std::string_view file) {
  if (file.starts_with(kSignature)) return Format::kPng;
  if (file.size() >= 3 && file.starts_with("\xff\xd8\xff")) return Format::kJpeg;
  if (file.size() >= 12 && file.starts_with("RIFF") && file.substr(8, 4) == "WEBP")
    return Format::kWebp;
  return Format::kOther;
}

}  // namespace sp::genmeta::detail
