#include "local_blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "atomic_file.hpp"
#include "keys.hpp"

namespace sp::blob {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

// Closes the descriptor on scope exit.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::optional<std::string> stored_content_type(const fs::path& path) {
  char buf[256];
  const ssize_t n = ::getxattr(path.c_str(), kContentTypeAttr, buf, sizeof buf);
  if (n <= 0) return std::nullopt;
  return std::string(buf, static_cast<std::size_t>(n));
}

}  // namespace

Result<std::unique_ptr<BlobStore>> LocalBlobStore::open(const fs::path& root) {
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return Error::internal_error("blob root " + root.string() + ": " + ec.message());
  fs::path normal = fs::absolute(root).lexically_normal();
  if (!normal.has_filename()) normal = normal.parent_path();  // drop a trailing '/'
  return std::unique_ptr<BlobStore>(new LocalBlobStore(normal));
}

Status LocalBlobStore::make_parent(const fs::path& file) {
  const fs::path dir = file.parent_path();
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return ok_status();
  fs::create_directories(dir, ec);
  if (ec) {
    if (ec == std::errc::not_a_directory || ec == std::errc::file_exists) {
      return Error::conflict("a prefix of the blob key is itself a blob");
    }
    return Error::internal_error("blob mkdir " + dir.string() + ": " + ec.message());
  }
  // New directory entries must be durable too, up to the root that already existed.
  for (fs::path d = dir; d != root_ && d != d.parent_path(); d = d.parent_path()) {
    SP_TRY(sync_directory(d.parent_path()));
  }
  return ok_status();
}

Status LocalBlobStore::put(std::string_view key, const Reader& reader, const PutOptions& options) {
  SP_TRY(check_key(key));
  if (options.content_type) SP_TRY(check_content_type(*options.content_type));
  const fs::path target = root_ / key;
  SP_TRY(make_parent(target));
  return write_atomically(target, reader, options.content_type);
}

Status LocalBlobStore::get(std::string_view key, const Sink& sink) {
  SP_TRY(check_key(key));
  const fs::path path = root_ / key;
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Error::not_found("blob not found");
    return io_error("open", path, errno);
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) return io_error("stat", path, errno);
  if (!S_ISREG(st.st_mode)) return Error::not_found("blob not found");
  std::vector<char> buffer(kChunkBytes);
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("read", path, errno);
    if (n == 0) return ok_status();
    SP_TRY(sink(std::string_view(buffer.data(), static_cast<std::size_t>(n))));
  }
}

Result<BlobInfo> LocalBlobStore::stat(std::string_view key) {
  SP_TRY(check_key(key));
  const fs::path path = root_ / key;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Error::not_found("blob not found");
    return io_error("stat", path, errno);
  }
  if (!S_ISREG(st.st_mode)) return Error::not_found("blob not found");
  BlobInfo info;
  info.size = static_cast<uint64_t>(st.st_size);
  info.mtime_ms = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000 + st.st_mtim.tv_nsec / 1'000'000;
  info.content_type = stored_content_type(path);
  if (!info.content_type) info.content_type = content_type_for(key);
  return info;
}

Status LocalBlobStore::remove(std::string_view key) {
  SP_TRY(check_key(key));
  const fs::path path = root_ / key;
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT || errno == ENOTDIR || errno == EISDIR) return ok_status();
    return io_error("unlink", path, errno);
  }
  return sync_directory(path.parent_path());
}

std::optional<fs::path> LocalBlobStore::local_path(std::string_view key) {
  if (!is_valid_key(key)) return std::nullopt;
  fs::path path = root_ / key;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

Status LocalBlobStore::ping() {
  std::error_code ec;
  if (!std::filesystem::is_directory(root_, ec)) {
    return Error::unavailable("the blob directory " + root_.string() + " is missing");
  }
  return ok_status();
}

}  // namespace sp::blob
