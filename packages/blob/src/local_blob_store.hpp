#pragma once
// The local-disk BlobStore: one file per key under `root`, written atomically (atomic_file.hpp);
// the content type travels in an extended attribute of the file.
#include <filesystem>

#include "strangeprompt/blob/blob_store.hpp"

namespace sp::blob {

class LocalBlobStore final : public BlobStore {
 public:
  // Creates `root` when missing.
  static Result<std::unique_ptr<BlobStore>> open(const std::filesystem::path& root);

  Status put(std::string_view key, const Reader& reader, const PutOptions& options) override;
  Status get(std::string_view key, const Sink& sink) override;
  Result<BlobInfo> stat(std::string_view key) override;
  Status remove(std::string_view key) override;
  std::optional<std::filesystem::path> local_path(std::string_view key) override;
  Status ping() override;

 private:
  explicit LocalBlobStore(std::filesystem::path root) : root_(std::move(root)) {}
  Status make_parent(const std::filesystem::path& file);

  const std::filesystem::path root_;
};

}  // namespace sp::blob
