// Trace Context per https://www.w3.org/TR/trace-context/ (version 00).
#include "trace_context.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <thread>

namespace sp::http {

namespace {

bool is_lower_hex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool all_zero(std::string_view s) {
  return s.find_first_not_of('0') == std::string_view::npos;
}

// splitmix64: fast, well mixed, seeded per thread; ids need uniqueness, not secrecy.
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
};

SplitMix& thread_rng() {
  thread_local SplitMix rng{[] {
    std::random_device rd;
    uint64_t seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
    seed ^= static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    seed ^= std::hash<std::thread::id>{}(std::this_thread::get_id());
    return seed;
  }()};
  return rng;
}

}  // namespace

std::optional<TraceParent> parse_traceparent(std::string_view v) {
  // version "-" trace-id "-" parent-id "-" flags: 2+1+32+1+16+1+2 = 55 characters.
  if (v.size() < 55 || v[2] != '-' || v[35] != '-' || v[52] != '-') return std::nullopt;
  std::string_view version = v.substr(0, 2);
  if (!is_lower_hex(version) || version == "ff") return std::nullopt;
  // Version 00 is exactly 55 long; later versions may append "-..." fields we ignore.
  if (v.size() > 55 && (version == "00" || v[55] != '-')) return std::nullopt;
  TraceParent tp{v.substr(3, 32), v.substr(36, 16), v.substr(53, 2)};
  if (!is_lower_hex(tp.trace_id) || all_zero(tp.trace_id)) return std::nullopt;
  if (!is_lower_hex(tp.parent_id) || all_zero(tp.parent_id)) return std::nullopt;
  if (!is_lower_hex(tp.flags)) return std::nullopt;
  return tp;
}

bool is_sane_request_id(std::string_view v) {
  if (v.empty() || v.size() > 128) return false;
  for (char c : v) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

void append_random_hex(std::string& out, std::size_t chars) {
  static constexpr char kHex[] = "0123456789abcdef";
  SplitMix& rng = thread_rng();
  std::size_t at = out.size();
  out.resize(at + chars);
  char* p = out.data() + at;
  for (std::size_t i = 0; i < chars; i += 16) {
    uint64_t bits = rng.next();
    std::size_t n = std::min<std::size_t>(16, chars - i);
    for (std::size_t j = 0; j < n; ++j, bits >>= 4) p[i + j] = kHex[bits & 0xf];
  }
}

}  // namespace sp::http
