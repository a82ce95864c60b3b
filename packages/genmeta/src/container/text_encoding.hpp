#pragma once
// Text as metadata carriers store it, turned into valid UTF-8 (the JSON output needs it).
#include <string>
#include <string_view>

namespace sp::genmeta::detail {

bool is_valid_utf8(std::string_view s);
// Valid UTF-8 is kept; anything else is read as Latin-1 (what PNG tEXt promises).
std::string to_utf8_or_latin1(std::string_view s);
// UTF-16 code units (surrogate pairs joined, lone surrogates replaced by U+FFFD); a trailing odd
// byte is dropped.
std::string utf16_to_utf8(std::string_view bytes, bool big_endian);
// Guesses the byte order of BOM-less UTF-16 from where the zero bytes of ASCII text fall.
bool looks_big_endian_utf16(std::string_view bytes);

}  // namespace sp::genmeta::detail
