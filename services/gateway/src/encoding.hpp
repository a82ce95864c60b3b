#pragma once
// Content-coding negotiation (RFC 9110 §12.5.3) between the precompressed forms a file has.
#include <string_view>

namespace sp::gateway {

enum class Coding { kIdentity, kGzip, kBrotli };

// The best coding of those available that `accept_encoding` allows: br, then gzip, then identity.
// A coding with q=0 is refused; "*" stands for every coding not named; an absent header allows
// identity only (we never guess a client decodes what it did not announce).
Coding choose_coding(std::string_view accept_encoding, bool has_brotli, bool has_gzip);

std::string_view coding_name(Coding c);  // "br", "gzip", "" for identity

}  // namespace sp::gateway
