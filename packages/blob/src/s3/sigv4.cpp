#include "sigv4.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::blob::s3 {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Header values: trimmed, inner runs of spaces collapsed to one.
std::string trim_value(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

Params sorted_headers(const Params& headers) {
  Params out;
  out.reserve(headers.size());
  for (const auto& [n, v] : headers) out.emplace_back(lower(n), trim_value(v));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string uri_encode(std::string_view text, bool encode_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (c == '/' && !encode_slash)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string amz_date(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[17];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string credential_scope(const Credentials& c, std::string_view amz_date) {
  return std::string(amz_date.substr(0, 8)) + "/" + c.region + "/" + c.service + "/aws4_request";
}

std::string canonical_query(const Params& query) {
  std::vector<std::pair<std::string, std::string>> enc;
  enc.reserve(query.size());
  for (const auto& [n, v] : query) enc.emplace_back(uri_encode(n, true), uri_encode(v, true));
  std::sort(enc.begin(), enc.end());
  std::string out;
  for (const auto& [n, v] : enc) {
    if (!out.empty()) out.push_back('&');
    out += n + "=" + v;
  }
  return out;
}

std::string signed_headers(const Params& headers) {
  std::string out;
  for (const auto& [n, v] : sorted_headers(headers)) {
    if (!out.empty()) out.push_back(';');
    out += n;
  }
  return out;
}

std::string canonical_request(const SignableRequest& r) {
  std::string out = r.method + "\n" + r.canonical_uri + "\n" + canonical_query(r.query) + "\n";
  for (const auto& [n, v] : sorted_headers(r.headers)) out += n + ":" + v + "\n";
  out += "\n" + signed_headers(r.headers) + "\n" + r.payload_hash;
  return out;
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
  return "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + std::string(scope) + "\n" +
         security::sha256_hex(canonical_request);
}

std::string signature(const Credentials& c, std::string_view amz_date,
                      std::string_view string_to_sign) {
  using security::hmac_sha256;
  const std::string k_date = hmac_sha256("AWS4" + c.secret_access_key, amz_date.substr(0, 8));
  const std::string k_region = hmac_sha256(k_date, c.region);
  const std::string k_service = hmac_sha256(k_region, c.service);
  const std::string k_signing = hmac_sha256(k_service, "aws4_request");
  return security::hex_encode(hmac_sha256(k_signing, string_to_sign));
}

std::string authorization(const Credentials& c, const SignableRequest& r,
                          std::string_view amz_date) {
  const std::string scope = credential_scope(c, amz_date);
  const std::string sig =
      signature(c, amz_date, string_to_sign(amz_date, scope, canonical_request(r)));
  return "AWS4-HMAC-SHA256 Credential=" + c.access_key_id + "/" + scope +
         ",SignedHeaders=" + signed_headers(r.headers) + ",Signature=" + sig;
}

std::string presigned_query(const Credentials& c, SignableRequest r, std::string_view amz_date,
                            std::chrono::seconds expires) {
  const std::string scope = credential_scope(c, amz_date);
  r.query.emplace_back("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  r.query.emplace_back("X-Amz-Credential", c.access_key_id + "/" + scope);
  r.query.emplace_back("X-Amz-Date", std::string(amz_date));
  r.query.emplace_back("X-Amz-Expires", std::to_string(expires.count()));
  r.query.emplace_back("X-Amz-SignedHeaders", signed_headers(r.headers));
  r.payload_hash = std::string(kUnsignedPayload);
  const std::string sig =
      signature(c, amz_date, string_to_sign(amz_date, scope, canonical_request(r)));
  return canonical_query(r.query) + "&X-Amz-Signature=" + sig;
}

}  // namespace sp::blob::s3
