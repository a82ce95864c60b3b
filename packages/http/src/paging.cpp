#include "strangeprompt/http/paging.hpp"

#include <bit>
#include <charconv>
#include <stdexcept>

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::http {
namespace {

// Wire form: base64url(tag || keys), tag = the first 16 bytes of
// HMAC-SHA256(key, "sp.cursor.v1\n" || list || "\n" || keys). keys = '.'-joined typed items:
// i<decimal int64> | d<16 hex digits of the double's bits> | s<base64url of the bytes>.
constexpr std::size_t kTagBytes = 16;
constexpr std::size_t kMaxCursorChars = 1024;

void append_key(std::string& out, const CursorKey& key) {
  if (!out.empty()) out.push_back('.');
  if (const auto* i = std::get_if<int64_t>(&key)) {
    out += 'i' + std::to_string(*i);
  } else if (const auto* d = std::get_if<double>(&key)) {
    char buf[17];
    auto [end, ec] = std::to_chars(buf, buf + 16, std::bit_cast<uint64_t>(*d), 16);
    out += 'd' + std::string(16 - static_cast<std::size_t>(end - buf), '0') + std::string(buf, end);
  } else {
    out += 's' + security::base64url_encode(std::get<std::string>(key));
  }
}

std::optional<CursorKey> parse_key(std::string_view item) {
  if (item.empty()) return std::nullopt;
  const char kind = item.front();
  item.remove_prefix(1);
  const char* end = item.data() + item.size();
  if (kind == 'i') {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(item.data(), end, v);
    if (ec != std::errc() || ptr != end || item.empty()) return std::nullopt;
    return CursorKey(v);
  }
  if (kind == 'd') {
    uint64_t bits = 0;
    if (item.size() != 16) return std::nullopt;
    auto [ptr, ec] = std::from_chars(item.data(), end, bits, 16);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return CursorKey(std::bit_cast<double>(bits));
  }
  if (kind == 's') {
    auto bytes = security::base64url_decode(item);
    if (!bytes) return std::nullopt;
    return CursorKey(std::move(*bytes));
  }
  return std::nullopt;
}

bool fits(const std::vector<CursorKey>& keys, std::initializer_list<CursorKind> shape) {
  if (shape.size() == 0) return true;
  if (keys.size() != shape.size()) return false;
  std::size_t i = 0;
  for (CursorKind kind : shape) {
    if (keys[i++].index() != static_cast<std::size_t>(kind)) return false;
  }
  return true;
}

std::optional<std::size_t> parse_limit(std::string_view text) {
  std::size_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  if (v < 1 || v > Pager::kMaxLimit) return std::nullopt;
  return v;
}

}  // namespace

Pager::Pager(std::string key) : key_(std::move(key)) {
  if (key_.size() < kMinKeyBytes) {
    throw std::invalid_argument("the cursor key must have at least 16 bytes");
  }
}

Pager Pager::with_random_key() {
  return Pager(security::random_bytes(32));
}

Pager Pager::from_secret(const std::optional<std::string>& secret) {
  if (secret && !secret->empty()) return Pager(*secret);
  log_warn("http", "no http.cursor_key configured: list cursors die when this process restarts");
  return with_random_key();
}

std::string Pager::mac(std::string_view list, std::string_view keys) const {
  std::string message = "sp.cursor.v1\n";
  message += list;
  message += '\n';
  message += keys;
  return security::hmac_sha256(key_, message).substr(0, kTagBytes);
}

std::string Pager::cursor(std::string_view list, const std::vector<CursorKey>& keys) const {
  std::string text;
  for (const CursorKey& key : keys) append_key(text, key);
  return security::base64url_encode(mac(list, text) + text);
}

std::optional<std::vector<CursorKey>> Pager::open(std::string_view list,
                                                  std::string_view cursor) const {
  if (cursor.size() > kMaxCursorChars) return std::nullopt;
  std::optional<std::string> raw = security::base64url_decode(cursor);
  if (!raw || raw->size() < kTagBytes) return std::nullopt;
  const std::string_view tag = std::string_view(*raw).substr(0, kTagBytes);
  const std::string_view text = std::string_view(*raw).substr(kTagBytes);
  if (!security::constant_time_equals(tag, mac(list, text))) return std::nullopt;
  std::vector<CursorKey> keys;
  if (text.empty()) return keys;
  for (const std::string& item : split(text, '.')) {
    std::optional<CursorKey> key = parse_key(item);
    if (!key) return std::nullopt;
    keys.push_back(std::move(*key));
  }
  return keys;
}

Result<PageRequest> Pager::read(const Request& request, std::string_view list,
                                std::initializer_list<CursorKind> shape) const {
  PageRequest page{.limit = kDefaultLimit, .after = {}};
  std::vector<FieldError> errors;
  if (std::optional<std::string> limit = request.query_param("limit")) {
    if (auto parsed = parse_limit(*limit)) {
      page.limit = *parsed;
    } else {
      errors.push_back({"limit", "must be an integer from 1 to " + std::to_string(kMaxLimit)});
    }
  }
  if (std::optional<std::string> cursor = request.query_param("cursor");
      cursor && !cursor->empty()) {
    if (auto keys = open(list, *cursor); keys && fits(*keys, shape)) {
      page.after = std::move(*keys);
    } else {
      errors.push_back({"cursor", "is not a valid cursor for this list"});
    }
  }
  if (errors.empty()) return page;
  Error e = Error::invalid("invalid paging parameters");
  e.fields = std::move(errors);
  return e;
}

}  // namespace sp::http
