#pragma once
// Bounds-checked reads of fixed-width integers from untrusted bytes: every reader returns
// nullopt instead of reading past the end.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sp::genmeta::detail {

inline std::optional<uint32_t> be32(std::string_view s, size_t at) {
  if (at > s.size() || s.size() - at < 4) return std::nullopt;
  auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(s[at + i])); };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

inline std::optional<uint32_t> le32(std::string_view s, size_t at) {
  if (at > s.size() || s.size() - at < 4) return std::nullopt;
  auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(s[at + i])); };
  return (b(3) << 24) | (b(2) << 16) | (b(1) << 8) | b(0);
}

inline std::optional<uint16_t> be16(std::string_view s, size_t at) {
  if (at > s.size() || s.size() - at < 2) return std::nullopt;
  return static_cast<uint16_t>((static_cast<unsigned char>(s[at]) << 8) |
                               static_cast<unsigned char>(s[at + 1]));
}

inline std::optional<uint16_t> le16(std::string_view s, size_t at) {
  if (at > s.size() || s.size() - at < 2) return std::nullopt;
  return static_cast<uint16_t>((static_cast<unsigned char>(s[at + 1]) << 8) |
                               static_cast<unsigned char>(s[at]));
}

inline std::optional<uint64_t> be64(std::string_view s, size_t at) {
  auto hi = be32(s, at);
  auto lo = be32(s, at + 4);
  if (!hi || !lo) return std::nullopt;
  return (static_cast<uint64_t>(*hi) << 32) | *lo;
}

// The bytes [at, at+n) or nullopt when they are not all inside `s`.
inline std::optional<std::string_view> slice(std::string_view s, size_t at, size_t n) {
  if (at > s.size() || s.size() - at < n) return std::nullopt;
  return s.substr(at, n);
}

inline void put_be32(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v >> 24));
  out.push_back(static_cast<char>(v >> 16));
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}

inline void put_le32(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v));
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v >> 16));
  out.push_back(static_cast<char>(v >> 24));
}

inline void put_be16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}

}  // namespace sp::genmeta::detail
