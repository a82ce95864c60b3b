#pragma once
// HTTP caching for reads: strong ETags, If-None-Match -> 304 (RFC 9110 §13.1.2), and the
// Cache-Control values the API uses.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/http/message.hpp"

namespace sp::http {

// A strong entity tag of exactly these bytes, quoted: "\"" + base64url(SHA-256(body)[0..16)) +
// "\"" (128 bits: a collision would need ~2^64 bodies).
std::string strong_etag(std::string_view body);

// Whether an If-None-Match value matches `etag`: "*", or a comma-separated list holding a tag
// equal to `etag` by the weak comparison (W/ prefixes ignored), as RFC 9110 requires for GET.
bool if_none_match_hits(std::string_view if_none_match, std::string_view etag);

// For GET and HEAD answers with status 200: sets ETag (strong_etag of the body unless the
// handler set one) and, when the request's If-None-Match matches, answers 304 Not Modified with
// no body, the ETag and the other headers (Cache-Control, Vary) but no Content-Type. Any other
// request or status is returned unchanged.
Response conditional_get(const Request& request, Response response);

// A response body with its strong ETag, computed once when the body is made: for bodies a
// service keeps between requests (a warm-read cache), so that serving one again hashes nothing.
// The tag is always strong_etag(body): it changes exactly when the bytes do.
struct TaggedBody {
  std::string etag;
  std::string body;

  static TaggedBody of(std::string body);
  // One string for a string cache (the Cache port): the body, '\n', then the tag.
  std::string pack() const;
  // What pack() made, without copying the body; any other value (one not ending in a line that
  // is a quoted tag, e.g. a JSON body a cache held before bodies were tagged, or one an older
  // replica wrote) is taken as a bare body and tagged here.
  static TaggedBody unpack(std::string value);
};

// conditional_get for a tagged body: 200 with `tagged.body` and its ETag, or 304 when the
// request's If-None-Match matches; `response` holds the status 200 and the other headers
// (Cache-Control, Vary), its body is replaced.
Response conditional_get(const Request& request, Response response, TaggedBody tagged);

// Cache-Control for public reads: "public, max-age=N[, stale-while-revalidate=M]".
std::string public_cache(std::chrono::seconds max_age,
                         std::chrono::seconds stale_while_revalidate = std::chrono::seconds(0));
// Cache-Control for public, non-personalised API reads (feeds, search, profiles as an anonymous
// viewer sees them): public_cache(max_age, stale-while-revalidate = max(60 s, 10 x max_age)), so
// browsers and shared caches answer at once from a slightly stale copy while they revalidate
// (with the ETag: usually a 304). Not for keys, tokens or anything a viewer's session shapes.
std::string public_read_cache(std::chrono::seconds max_age);
// Cache-Control for one user's data: "private, max-age=N" (N = 0 means "private, no-cache").
std::string private_cache(std::chrono::seconds max_age);
// Cache-Control for secrets and tokens: never stored anywhere.
inline constexpr std::string_view kNoStore = "no-store";

}  // namespace sp::http
