#include "strangeprompt/http/caching.hpp"

#include <algorithm>
#include <optional>

#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::http {
namespace {

// The opaque part of an entity tag, without W/ and quotes; nullopt for a malformed one.
std::optional<std::string_view> opaque_tag(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') return std::nullopt;
  return tag.substr(1, tag.size() - 2);
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

std::string strong_etag(std::string_view body) {
  const std::string digest = security::sha256(body);
  return "\"" + security::base64url_encode(std::string_view(digest).substr(0, 16)) + "\"";
}

TaggedBody TaggedBody::of(std::string body) {
  std::string etag = strong_etag(body);
  return TaggedBody{std::move(etag), std::move(body)};
}

std::string TaggedBody::pack() const {
  std::string value;
  value.reserve(body.size() + 1 + etag.size());
  value += body;
  value += '\n';
  value += etag;
  return value;
}

TaggedBody TaggedBody::unpack(std::string value) {
  // The tag goes last, so taking it off leaves the body where it is (no copy of the bytes). A
  // tag is a short quoted base64url digest; a JSON body ends in '}' or ']', never in a line
  // holding only a quoted token.
  const std::size_t newline = value.rfind('\n');
  if (newline == std::string::npos || value.size() - newline > 64 ||
      !opaque_tag(std::string_view(value).substr(newline + 1))) {
    return of(std::move(value));
  }
  TaggedBody tagged;
  tagged.etag = value.substr(newline + 1);
  value.resize(newline);
  tagged.body = std::move(value);
  return tagged;
}

bool if_none_match_hits(std::string_view if_none_match, std::string_view etag) {
  const std::optional<std::string_view> mine = opaque_tag(etag);
  if (!mine) return false;
  std::size_t i = 0;
  const std::size_t n = if_none_match.size();
  while (i < n) {
    while (i < n && (is_blank(if_none_match[i]) || if_none_match[i] == ',')) ++i;
    if (i >= n) break;
    if (if_none_match[i] == '*') return true;
    // An entity tag: [W/] DQUOTE *etagc DQUOTE; commas may appear inside the quotes.
    const std::size_t start = i;
    if (if_none_match.substr(i).starts_with("W/")) i += 2;
    if (i >= n || if_none_match[i] != '"') {
      while (i < n && if_none_match[i] != ',') ++i;  // skip junk up to the next element
      continue;
    }
    const std::size_t close = if_none_match.find('"', i + 1);
    if (close == std::string_view::npos) return false;
    const std::string_view tag = if_none_match.substr(start, close + 1 - start);
    if (opaque_tag(tag) == mine) return true;
    i = close + 1;
  }
  return false;
}

Response conditional_get(const Request& request, Response response) {
  if ((request.method != Method::kGet && request.method != Method::kHead) ||
      response.status != 200) {
    return response;
  }
  if (response.header("etag").empty()) response.set_header("ETag", strong_etag(response.body));
  const std::string_view if_none_match = request.header("if-none-match");
  if (if_none_match.empty() || !if_none_match_hits(if_none_match, response.header("etag"))) {
    return response;
  }
  Response not_modified;
  not_modified.status = 304;
  for (auto& [name, value] : response.headers) {
    if (iequals_ascii(name, "content-type") || iequals_ascii(name, "content-length")) continue;
    not_modified.headers.emplace_back(std::move(name), std::move(value));
  }
  return not_modified;
}

Response conditional_get(const Request& request, Response response, TaggedBody tagged) {
  response.body = std::move(tagged.body);
  response.set_header("ETag", std::move(tagged.etag));
  return conditional_get(request, std::move(response));
}

std::string public_cache(std::chrono::seconds max_age,
                         std::chrono::seconds stale_while_revalidate) {
  std::string value = "public, max-age=" + std::to_string(max_age.count());
  if (stale_while_revalidate.count() > 0) {
    value += ", stale-while-revalidate=" + std::to_string(stale_while_revalidate.count());
  }
  return value;
}

std::string public_read_cache(std::chrono::seconds max_age) {
  return public_cache(max_age, std::max(std::chrono::seconds(60), max_age * 10));
}

std::string private_cache(std::chrono::seconds max_age) {
  if (max_age.count() <= 0) return "private, no-cache";
  return "private, max-age=" + std::to_string(max_age.count());
}

}  // namespace sp::http
