#pragma once
// A small bounded CBOR (RFC 8949) decoder for C2PA claims and assertions: definite and
// indefinite lengths, tags (kept as their content), floats. Depth is capped at 32 and the item
// count at 100,000; every length is checked against the bytes left. Decoding never throws.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp::genmeta::detail {

struct Cbor {
  enum class Kind { kUnsigned, kNegative, kBytes, kText, kArray, kMap, kBool, kNull, kFloat };
  Kind kind = Kind::kNull;
  uint64_t number = 0;  // kUnsigned value; for kNegative the value is -1 - number
  double real = 0;
  bool boolean = false;
  std::string string;                          // kBytes and kText
  std::vector<Cbor> items;                     // kArray
  std::vector<std::pair<Cbor, Cbor>> entries;  // kMap

  // The value under a text key of a map, or nullptr.
  const Cbor* get(std::string_view key) const;
  const std::string* text() const { return kind == Kind::kText ? &string : nullptr; }
};

std::optional<Cbor> decode_cbor(std::string_view bytes);

}  // namespace sp::genmeta::detail
