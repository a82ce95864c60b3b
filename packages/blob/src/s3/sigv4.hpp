#pragma once
// AWS Signature Version 4 for S3 (pure logic, no I/O): the canonical request, the string to
// sign, the derived signing key, the Authorization header and presigned (query-string) URLs.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp::blob::s3 {

using Params = std::vector<std::pair<std::string, std::string>>;  // raw (unencoded) name, value

inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
inline constexpr std::string_view kEmptyPayloadHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string region = "us-east-1";
  std::string service = "s3";
};

struct SignableRequest {
  std::string method;         // "GET", "PUT", ...
  std::string canonical_uri;  // the URI-encoded path, e.g. "/bucket/media/1/orig.png"
  Params query;               // raw names and values; encoded and sorted when signing
  Params headers;             // every header to sign, "host" included; names any case
  std::string payload_hash;   // hex SHA-256 of the body, or kUnsignedPayload
};

// RFC 3986 unreserved characters stay, everything else is %XX (uppercase); '/' stays unless
// `encode_slash`.
std::string uri_encode(std::string_view text, bool encode_slash);
// "20130524T000000Z".
std::string amz_date(std::chrono::system_clock::time_point t);
// "<yyyymmdd>/<region>/<service>/aws4_request".
std::string credential_scope(const Credentials& c, std::string_view amz_date);

std::string canonical_query(const Params& query);
// Lowercased, sorted names joined by ';'.
std::string signed_headers(const Params& headers);
std::string canonical_request(const SignableRequest& r);
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);
// Lowercase hex HMAC of the string to sign under the key derived from the secret, date, region
// and service.
std::string signature(const Credentials& c, std::string_view amz_date,
                      std::string_view string_to_sign);
// "AWS4-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=..." for a request whose headers
// already hold x-amz-date (= amz_date) and x-amz-content-sha256.
std::string authorization(const Credentials& c, const SignableRequest& r,
                          std::string_view amz_date);
// The query string (without '?') of a presigned request: `r.query` plus the X-Amz-* parameters,
// X-Amz-Signature last. `r.headers` holds only "host"; the payload is UNSIGNED-PAYLOAD.
std::string presigned_query(const Credentials& c, SignableRequest r, std::string_view amz_date,
                            std::chrono::seconds expires);

}  // namespace sp::blob::s3
