// BlobStore::open (adapter choice) and the byte-buffer conveniences over the streaming calls.
#include <algorithm>
#include <cstring>

#include "local_blob_store.hpp"
#include "s3/s3_blob_store.hpp"
#include "strangeprompt/core/clock.hpp"

namespace sp::blob {

Result<std::unique_ptr<BlobStore>> BlobStore::open(const BlobStoreOptions& options) {
  if (options.backend == "s3") {
    return s3::S3BlobStore::open(options.s3,
                                 options.clock != nullptr ? *options.clock : Clock::system());
  }
  if (options.backend != "local") {
    return Error::invalid("blob: unknown backend '" + options.backend + "'");
  }
  if (options.root.empty()) return Error::invalid("blob: the local backend needs a root");
  return LocalBlobStore::open(options.root);
}

Result<std::string> BlobStore::signed_get_url(std::string_view, std::chrono::seconds) {
  return Error{ErrorCode::kNotSupported, "blob: this store has no presigned URLs"};
}

Status BlobStore::put_bytes(std::string_view key, std::string_view bytes,
                            const PutOptions& options) {
  return put(
      key,
      [&bytes](std::span<char> buffer) -> Result<std::size_t> {
        const std::size_t n = std::min(buffer.size(), bytes.size());
        std::memcpy(buffer.data(), bytes.data(), n);
        bytes.remove_prefix(n);
        return n;
      },
      options);
}

Result<std::string> BlobStore::get_bytes(std::string_view key) {
  std::string out;
  SP_TRY(get(key, [&out](std::string_view chunk) {
    out.append(chunk);
    return ok_status();
  }));
  return out;
}

}  // namespace sp::blob
