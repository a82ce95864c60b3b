// SigV4 against the examples published in the Amazon S3 API reference
// ("Authenticating Requests: Using the Authorization Header" — GET Object, and
// "Authenticating Requests: Using Query Parameters" — the presigned GET of test.txt).
#include "sigv4.hpp"

#include <gtest/gtest.h>

namespace sp::blob::s3 {
namespace {

const Credentials kAws{.access_key_id = "AKIAIOSFODNN7EXAMPLE",
                       .secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                       .region = "us-east-1",
                       .service = "s3"};
constexpr std::string_view kDate = "20130524T000000Z";

SignableRequest get_object_example() {
  return {.method = "GET",
          .canonical_uri = "/test.txt",
          .query = {},
          .headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                      {"Range", "bytes=0-9"},
                      {"x-amz-content-sha256", std::string(kEmptyPayloadHash)},
                      {"x-amz-date", std::string(kDate)}},
          .payload_hash = std::string(kEmptyPayloadHash)};
}

TEST(SigV4, GetObjectCanonicalRequestMatchesTheDocs) {
  EXPECT_EQ(
      canonical_request(get_object_example()),
      "GET\n"
      "/test.txt\n"
      "\n"
      "host:examplebucket.s3.amazonaws.com\n"
      "range:bytes=0-9\n"
      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "x-amz-date:20130524T000000Z\n"
      "\n"
      "host;range;x-amz-content-sha256;x-amz-date\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(SigV4, GetObjectStringToSignAndSignatureMatchTheDocs) {
  const std::string sts =
      string_to_sign(kDate, credential_scope(kAws, kDate), canonical_request(get_object_example()));
  EXPECT_EQ(sts,
            "AWS4-HMAC-SHA256\n"
            "20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(signature(kAws, kDate, sts),
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(authorization(kAws, get_object_example(), kDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4, PresignedGetMatchesTheDocs) {
  SignableRequest r{.method = "GET",
                    .canonical_uri = "/test.txt",
                    .query = {},
                    .headers = {{"host", "examplebucket.s3.amazonaws.com"}},
                    .payload_hash = {}};
  EXPECT_EQ(presigned_query(kAws, r, kDate, std::chrono::seconds(86400)),
            "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

TEST(SigV4, ADifferentSecretGivesADifferentSignature) {
  Credentials other = kAws;
  other.secret_access_key.back() = 'X';
  EXPECT_NE(authorization(other, get_object_example(), kDate),
            authorization(kAws, get_object_example(), kDate));
}

TEST(SigV4, UriEncodingFollowsRfc3986) {
  EXPECT_EQ(uri_encode("a b/c~d_e.f-g*", false), "a%20b/c~d_e.f-g%2A");
  EXPECT_EQ(uri_encode("a/b", true), "a%2Fb");
  EXPECT_EQ(uri_encode("\xc3\xa9", true), "%C3%A9");
}

TEST(SigV4, CanonicalQueryIsSortedAndEncoded) {
  EXPECT_EQ(canonical_query({{"uploadId", "x/y"}, {"partNumber", "2"}, {"uploads", ""}}),
            "partNumber=2&uploadId=x%2Fy&uploads=");
}

TEST(SigV4, AmzDateIsUtcBasicFormat) {
  EXPECT_EQ(amz_date(std::chrono::system_clock::time_point(std::chrono::seconds(1369353600))),
            "20130524T000000Z");
}

}  // namespace
}  // namespace sp::blob::s3
