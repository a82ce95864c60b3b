#pragma once
// Byte encodings for tokens and keys. Binary data travels as std::string (bytes, not text).
#include <optional>
#include <string>
#include <string_view>

namespace sp::security {

// RFC 4648 §5 base64url without padding (as JWS and our tokens use it).
std::string base64url_encode(std::string_view bytes);
// Strict inverse of base64url_encode: nullopt on any character outside the alphabet, on '='
// padding, on an impossible length, and on non-zero unused trailing bits (so every byte string
// has exactly one accepted encoding).
std::optional<std::string> base64url_decode(std::string_view text);

// Lowercase hexadecimal.
std::string hex_encode(std::string_view bytes);
// Accepts upper- and lowercase digits; nullopt on odd length or any other character.
std::optional<std::string> hex_decode(std::string_view text);

// Equality whose running time depends only on the lengths, never on where the inputs differ.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace sp::security
