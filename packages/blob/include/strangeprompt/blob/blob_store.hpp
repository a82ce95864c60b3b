#pragma once
// The BlobStore port: immutable-ish byte objects under slash-separated keys ("media/42/orig.png").
// Keys use [A-Za-z0-9/_.-] only, no empty segment, no segment starting with '.', not absolute
// (so never ".."); anything else is kInvalidArgument. A put is atomic: readers see the old object
// or the new one, never a partial one, and a failed put leaves nothing behind.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp {
class Clock;
}

namespace sp::blob {

// Fills `buffer` with the next bytes and returns how many; 0 means the end. An error aborts a put.
using Reader = std::function<Result<std::size_t>(std::span<char> buffer)>;
// Receives the object chunk by chunk; an error stops the get and is returned by it.
using Sink = std::function<Status(std::string_view chunk)>;

struct PutOptions {
  std::optional<std::string> content_type{};  // stored with the object when given
};

struct BlobInfo {
  uint64_t size = 0;
  std::optional<std::string> content_type;  // as stored, else guessed from the extension
  int64_t mtime_ms = 0;                     // last write, Unix milliseconds
};

// The S3 adapter (any S3-compatible endpoint speaking AWS Signature V4).
struct S3Options {
  std::string endpoint{};  // "http://127.0.0.1:9000" or "https://s3.us-east-1.amazonaws.com"
  std::string bucket{};
  std::string region = "us-east-1";
  std::string access_key_id{};
  std::string secret_access_key{};
  // true: <endpoint>/<bucket>/<key>; false: virtual-host style <bucket>.<endpoint host>/<key>.
  bool path_style = true;
  // Prepended to every key ("tenant-a/"), so deployments or tests can share a bucket.
  std::string key_prefix{};
  // Objects larger than this go up as a multipart upload in parts of part_size bytes; smaller
  // ones in one PUT (held in memory while signing). AWS wants parts of at least 5 MiB.
  std::size_t part_size = 8 * 1024 * 1024;
  int max_attempts = 4;                      // per request, retries included
  std::chrono::milliseconds retry_base{50};  // first backoff, doubled each retry
  std::chrono::milliseconds connect_timeout{2'000};
  std::chrono::milliseconds request_timeout{60'000};  // a whole request (a part, a GET)
  std::size_t pool_size = 8;                          // idle connections kept for reuse
};

struct BlobStoreOptions {
  std::string backend = "local";  // "local" (a directory) | "s3"
  std::string root{};             // local: the directory, created if missing
  S3Options s3{};                 // s3: where and how
  const Clock* clock = nullptr;   // s3: signing time and URL expiry; nullptr = Clock::system()
};

// True when `key` satisfies the key rules above.
bool is_valid_key(std::string_view key);

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Picks the adapter from options.backend; kInvalidArgument for an unknown backend or missing
  // settings (opening does not contact the server).
  static Result<std::unique_ptr<BlobStore>> open(const BlobStoreOptions& options);

  // Stores the reader's bytes under `key`, replacing any previous object atomically.
  virtual Status put(std::string_view key, const Reader& reader,
                     const PutOptions& options = {}) = 0;
  // Streams the object to `sink`; kNotFound when absent.
  virtual Status get(std::string_view key, const Sink& sink) = 0;
  // kNotFound when absent.
  virtual Result<BlobInfo> stat(std::string_view key) = 0;
  // Deletes the object; removing an absent key is not an error.
  virtual Status remove(std::string_view key) = 0;
  // A file the caller may open read-only (e.g. for sendfile); nullopt when the object is absent,
  // the key invalid, or the store is not on local disk.
  virtual std::optional<std::filesystem::path> local_path(std::string_view key) = 0;

  // A URL that lets anyone holding it GET the object for `ttl` (an S3 presigned URL). The local
  // store has no such URL (kNotSupported): the media service signs its own /media URLs instead.
  virtual Result<std::string> signed_get_url(std::string_view key, std::chrono::seconds ttl);

  // Whether the store answers (a readiness check; cheap, bounded): local disk, that the root is
  // a directory; S3, one HEAD on the bucket (no retries, at most 2 s or the configured timeouts
  // when shorter). kUnavailable, with the reason, when not.
  virtual Status ping() = 0;

  Status put_bytes(std::string_view key, std::string_view bytes, const PutOptions& options = {});
  Result<std::string> get_bytes(std::string_view key);
};

}  // namespace sp::blob
