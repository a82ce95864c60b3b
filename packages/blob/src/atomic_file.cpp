#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

namespace sp::blob {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

// The temporary file: unlinked on destruction unless the rename happened.
class TempFile {
 public:
  explicit TempFile(const std::filesystem::path& target) {
    // A leading '.' keeps it out of the key space (keys have no hidden segments).
    std::string pattern =
        (target.parent_path() / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd_ >= 0) path_ = pattern;
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  Status close() {
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) return io_error("close", path_, errno);
    return ok_status();
  }
  void renamed() { path_.clear(); }

 private:
  int fd_ = -1;
  std::string path_;
};

Status write_all(int fd, const char* data, std::size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("write", path, errno);
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return ok_status();
}

Status copy_from(const Reader& reader, TempFile& file) {
  std::vector<char> buffer(kChunkBytes);
  for (;;) {
    SP_ASSIGN_OR_RETURN(std::size_t n, reader(std::span<char>(buffer)));
    if (n == 0) return ok_status();
    if (n > buffer.size()) return Error::internal_error("blob reader overran its buffer");
    SP_TRY(write_all(file.fd(), buffer.data(), n, file.path()));
  }
}

}  // namespace

Error io_error(std::string_view what, const std::filesystem::path& path, int err) {
  std::string detail =
      "blob " + std::string(what) + " " + path.string() + ": " + std::strerror(err);
  if (err == ENOSPC || err == EDQUOT) return Error::unavailable("storage is full", 30);
  return Error::internal_error(std::move(detail));
}

Status sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("open directory", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return io_error("fsync directory", dir, err);
  return ok_status();
}

Status write_atomically(const std::filesystem::path& target, const Reader& reader,
                        const std::optional<std::string>& content_type) {
  TempFile file(target);
  if (file.fd() < 0) return io_error("create temporary", target, errno);
  SP_TRY(copy_from(reader, file));
  if (::fchmod(file.fd(), 0644) != 0) return io_error("chmod", file.path(), errno);
  if (content_type &&
      ::fsetxattr(file.fd(), kContentTypeAttr, content_type->data(), content_type->size(), 0) !=
          0 &&
      errno != ENOTSUP) {
    return io_error("set content type", file.path(), errno);
  }
  if (::fsync(file.fd()) != 0) return io_error("fsync", file.path(), errno);
  SP_TRY(file.close());
  if (::rename(file.path().c_str(), target.c_str()) != 0) {
    if (errno == EISDIR) return Error::conflict("blob key is a prefix of other keys");
    return io_error("rename", target, errno);
  }
  file.renamed();
  return sync_directory(target.parent_path());
}

}  // namespace sp::blob
