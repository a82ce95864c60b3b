#include "keys.hpp"

#include <array>
#include <utility>

#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/core/strings.hpp"

namespace sp::blob {
namespace {

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
         c == '_' || c == '.' || c == '-';
}

}  // namespace

bool is_valid_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyBytes) return false;
  bool segment_start = true;
  for (char c : key) {
    if (!is_key_char(c)) return false;
    if (segment_start && (c == '/' || c == '.')) return false;  // empty or hidden segment
    segment_start = c == '/';
  }
  return !segment_start;  // no trailing '/'
}

Status check_key(std::string_view key) {
  if (!is_valid_key(key)) return Error::invalid("invalid blob key");
  return ok_status();
}

Status check_content_type(std::string_view content_type) {
  if (content_type.empty() || content_type.size() > 255)
    return Error::invalid("invalid content type");
  for (char c : content_type) {
    if (c < 0x20 || c > 0x7e) return Error::invalid("invalid content type");
  }
  return ok_status();
}

std::optional<std::string> content_type_for(std::string_view key) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kTypes = {{
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".avif", "image/avif"},
      {".json", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".bin", "application/octet-stream"},
  }};
  const auto dot = key.rfind('.');
  if (dot == std::string_view::npos || key.find('/', dot) != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string ext = to_lower_ascii(key.substr(dot));
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return std::string(type);
  }
  return std::nullopt;
}

}  // namespace sp::blob
