#pragma once
// Small string helpers shared by every package (ASCII only, no locale).
#include <string>
#include <string_view>
#include <vector>

namespace sp {

std::string to_lower_ascii(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
// The value of one hexadecimal digit (either case), -1 for any other character. The one hex-digit
// parser of the code base (percent-decoding, bytea, hex keys).
int hex_digit_value(char c);
// Percent-decodes a URL component ('+' becomes ' ' when plus_as_space, as in query strings; pass
// false for path segments). Never fails: a '%' not followed by two hex digits stays as it is.
std::string url_decode(std::string_view s, bool plus_as_space = true);
std::string url_encode(std::string_view s);

}  // namespace sp
