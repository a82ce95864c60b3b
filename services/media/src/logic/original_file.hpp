#pragma once
// A media's original as a file on local disk, for the pipeline to decode from (libvips reads a
// file sequentially, with shrink-on-load, instead of a copy of the whole file in memory): the
// local blob store's own file, or (S3 and any store without local files) the object streamed in
// pieces to a temporary file that goes when this object does.
#include <filesystem>
#include <string>

#include "strangeprompt/core/result.hpp"

namespace sp::blob {
class BlobStore;
}

namespace sp::media {

class OriginalFile {
 public:
  // kNotFound when the blob is absent. `scratch_dir` (empty: the system's temporary directory)
  // holds the temporary copy when one is needed.
  static Result<OriginalFile> open(blob::BlobStore& blobs, const std::string& key,
                                   const std::filesystem::path& scratch_dir);
  // Removes the temporary copies a crashed process left in `scratch_dir`.
  static void remove_leftovers(const std::filesystem::path& scratch_dir);
  ~OriginalFile();
  OriginalFile(OriginalFile&& other) noexcept;
  OriginalFile& operator=(OriginalFile&&) = delete;
  OriginalFile(const OriginalFile&) = delete;
  OriginalFile& operator=(const OriginalFile&) = delete;

  const std::string& path() const { return path_; }
  bool temporary() const { return temporary_; }
  // The whole file in memory (for the metadata parsers, which need every chunk).
  Result<std::string> read() const;

 private:
  OriginalFile(std::string path, bool temporary) : path_(std::move(path)), temporary_(temporary) {}
  std::string path_;
  bool temporary_ = false;
};

}  // namespace sp::media
