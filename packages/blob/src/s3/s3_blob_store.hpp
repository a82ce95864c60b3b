#pragma once
// The BlobStore port on S3 (any endpoint speaking S3 with AWS Signature V4): PUT (multipart
// above S3Options::part_size), streamed GET, HEAD, DELETE and presigned GET URLs, over pooled
// keep-alive connections, with jittered exponential backoff on 5xx, 429/SlowDown and connection
// errors.
#include <memory>
#include <mutex>
#include <random>

#include "http.hpp"
#include "sigv4.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/core/clock.hpp"

namespace sp::blob::s3 {

class S3BlobStore final : public BlobStore {
 public:
  // kInvalidArgument for a missing or malformed endpoint, bucket or credentials. Does not connect.
  static Result<std::unique_ptr<BlobStore>> open(const S3Options& options, const Clock& clock);

  Status put(std::string_view key, const Reader& reader, const PutOptions& options) override;
  Status get(std::string_view key, const Sink& sink) override;
  Result<BlobInfo> stat(std::string_view key) override;
  Status remove(std::string_view key) override;
  std::optional<std::filesystem::path> local_path(std::string_view) override {
    return std::nullopt;
  }
  Result<std::string> signed_get_url(std::string_view key, std::chrono::seconds ttl) override;
  Status ping() override;

 private:
  struct Endpoint {
    std::string scheme;     // "http" | "https"
    std::string host;       // host[:port] as it appears in the URL and the Host header
    std::string base_path;  // "" or "/prefix" (no trailing '/')
  };
  S3BlobStore(S3Options options, Endpoint endpoint, const Clock& clock);

  struct Call {
    std::string method;
    std::string key;
    Params query{};
    Params headers{};  // extra headers to sign (content-type, ...)
    std::string_view body{};
    const BodySink* sink = nullptr;
    bool bucket = false;  // the bucket itself (HEAD bucket), not a key
    bool probe = false;   // readiness: one attempt on the probe client's short timeouts
  };
  // Signs and sends `call`, retrying as retry.hpp says. A response (any status) or an error.
  Result<HttpResponse> send(const Call& call);
  // The request's host and canonical URI for `key` (path- or virtual-host style).
  std::pair<std::string, std::string> host_and_path(std::string_view key) const;
  std::pair<std::string, std::string> bucket_host_and_path() const;
  Error failure(const Call& call, const HttpResponse& response) const;

  Status put_single(std::string_view key, std::string_view body, const Params& headers);
  Status put_multipart(std::string_view key, const Reader& reader, std::string first,
                       const Params& headers);

  S3Options options_;
  Endpoint endpoint_;
  Credentials credentials_;
  const Clock& clock_;
  HttpClient http_;
  HttpClient probe_;  // ping(): short timeouts, one connection
  std::mutex random_mutex_;
  std::mt19937_64 random_;
};

// The <Code> of an S3 XML error body ("" when none).
std::string error_code_of(std::string_view xml);

}  // namespace sp::blob::s3
