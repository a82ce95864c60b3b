// PNG: keeps the chunks that make the pixels and their colour (and APNG frames); with
// keep_parameters also the text chunks the tool parsers read. Everything else goes: eXIf, tIME,
// other text, caBX, private chunks.
#include <array>

#include "container/bytes.hpp"
#include "strip/strip.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr std::string_view kSignature = "\x89PNG\r\n\x1a\n";

constexpr std::array<std::string_view, 16> kPixelChunks = {
    "IHDR", "PLTE", "tRNS", "IDAT", "IEND", "gAMA", "sRGB", "cHRM",
    "iCCP", "sBIT", "cICP", "mDCV", "cLLI", "acTL", "fcTL", "fdAT"};

constexpr std::array<std::string_view, 12> kParameterKeys = {
    "parameters",     "prompt",      "workflow", "Comment",
    "Description",    "Software",    "Source",   "invokeai_metadata",
    "invokeai_graph", "sd-metadata", "Dream",    "sui_image_params"};

template <typename List>
bool listed(std::string_view s, const List& list) {
  for (auto item : list)
    if (item == s) return true;
  return false;
}

bool is_parameter_text(std::string_view type, std::string_view body) {
  if (type != "tEXt" && type != "zTXt" && type != "iTXt") return false;
  auto nul = body.find('\0');
  return nul != std::string_view::npos && listed(body.substr(0, nul), kParameterKeys);
}

}  // namespace

std::optional<std::string> strip_png(std::string_view file, bool keep_parameters) {
  if (!file.starts_with(kSignature)) return std::nullopt;
  std::string out(kSignature);
  size_t at = kSignature.size();
  while (true) {
    auto length = be32(file, at);
    if (!length) return std::nullopt;  // ended without IEND
    auto type = slice(file, at + 4, 4);
    auto body = slice(file, at + 8, *length);
    if (!type || !body || !slice(file, at + 8 + *length, 4)) return std::nullopt;
    bool critical = ((*type)[0] & 0x20) == 0;
    bool keep = listed(*type, kPixelChunks) || (keep_parameters && is_parameter_text(*type, *body));
    if (critical && !keep) return std::nullopt;  // a critical chunk we do not know
    if (keep) out.append(file.substr(at, 12 + static_cast<size_t>(*length)));
    at += 12 + static_cast<size_t>(*length);
    if (*type == "IEND") return out;
  }
}

}  // namespace sp::genmeta::detail
