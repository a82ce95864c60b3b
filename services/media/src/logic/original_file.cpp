#include "logic/original_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include "strangeprompt/blob/blob_store.hpp"

namespace sp::media {
namespace {

constexpr std::string_view kTemporaryPrefix = "sp-original-";

}  // namespace

void OriginalFile::remove_leftovers(const std::filesystem::path& scratch_dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(scratch_dir, ec)) {
    if (entry.path().filename().string().starts_with(kTemporaryPrefix)) {
      std::error_code ignored;
      std::filesystem::remove(entry.path(), ignored);
    }
  }
}

Result<OriginalFile> OriginalFile::open(blob::BlobStore& blobs, const std::string& key,
                                        const std::filesystem::path& scratch_dir) {
  if (std::optional<std::filesystem::path> local = blobs.local_path(key)) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(*local, ec)) return OriginalFile(local->string(), false);
    return Error::not_found("the original is gone");
  }
  std::error_code ec;
  const std::filesystem::path dir =
      scratch_dir.empty() ? std::filesystem::temp_directory_path(ec) : scratch_dir;
  std::filesystem::create_directories(dir, ec);
  std::string name = (dir / (std::string(kTemporaryPrefix) + "XXXXXX")).string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return Error::internal_error("cannot make a temporary file in " + dir.string());
  OriginalFile file(name, true);  // removes the file on every path out
  Status copied = blobs.get(key, [fd](std::string_view chunk) -> Status {
    while (!chunk.empty()) {
      const ssize_t n = ::write(fd, chunk.data(), chunk.size());
      if (n < 0) return Error::internal_error("writing the temporary original failed");
      chunk.remove_prefix(static_cast<std::size_t>(n));
    }
    return ok_status();
  });
  ::close(fd);
  if (!copied.ok()) return copied.error();
  return file;
}

OriginalFile::OriginalFile(OriginalFile&& other) noexcept
    : path_(std::move(other.path_)), temporary_(other.temporary_) {
  other.temporary_ = false;
  other.path_.clear();
}

OriginalFile::~OriginalFile() {
  if (temporary_) {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
}

Result<std::string> OriginalFile::read() const {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path_, ec);
  std::ifstream in(path_, std::ios::binary);
  if (ec || !in) return Error::internal_error("cannot read the original " + path_);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) {
    return Error::internal_error("reading the original failed: " + path_);
  }
  return bytes;
}

}  // namespace sp::media
