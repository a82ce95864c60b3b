#pragma once
// The BlobStore port: immutable-ish byte objects under slash-separated keys ("media/42/orig.png").
// Keys use [A-Za-z0-9/_.-] only, no empty segment, no segment starting with '.', not absolute
// (so never ".."); anything else is kInvalidArgument. A put is atomic: readers see the old object
// or the new one, never a partial one, and a failed put leaves nothing behind.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

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

struct BlobStoreOptions {
  std::string backend = "local";  // "local" (a directory) | "s3" (later)
  std::string root{};             // local: the directory, created if missing
};

// True when `key` satisfies the key rules above.
bool is_valid_key(std::string_view key);

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Picks the adapter from options.backend; kNotSupported for "s3", kInvalidArgument otherwise.
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

  Status put_bytes(std::string_view key, std::string_view bytes, const PutOptions& options = {});
  Result<std::string> get_bytes(std::string_view key);
};

}  // namespace sp::blob
