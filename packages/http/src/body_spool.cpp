#include "body_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::http {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;
constexpr std::string_view kPrefix = "spool-";
constexpr std::string_view kSuffix = ".part";

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

Status BodySpool::prepare_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error(ErrorCode::kInternal, "cannot create the spool directory", dir);
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(kPrefix) && name.ends_with(kSuffix)) {
      std::error_code ignored;
      std::filesystem::remove(entry.path(), ignored);
    }
  }
  return ok_status();
}

Result<std::unique_ptr<BodySpool>> BodySpool::open(const std::string& dir,
                                                   std::string_view content_type) {
  std::optional<std::string> boundary = multipart_form_boundary(content_type);
  if (boundary && boundary->empty()) {
    return Error::invalid("the multipart Content-Type has no usable boundary");
  }
  std::string path = dir + "/" + std::string(kPrefix) +
                     security::hex_encode(security::random_bytes(12)) + std::string(kSuffix);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error(ErrorCode::kUnavailable, "the upload cannot be stored now; retry later",
                 "open " + path + ": " + std::strerror(errno));
  }
  return std::unique_ptr<BodySpool>(
      new BodySpool(fd, std::move(path), std::string(content_type), std::move(boundary)));
}

BodySpool::BodySpool(int fd, std::string path, std::string content_type,
                     std::optional<std::string> boundary)
    : fd_(fd), path_(std::move(path)), content_type_(std::move(content_type)) {
  if (boundary) multipart_.emplace(std::move(*boundary));
}

BodySpool::~BodySpool() {
  if (fd_ >= 0) ::close(fd_);
  if (!handed_over_) ::unlink(path_.c_str());
}

std::string_view BodySpool::bad_body() const {
  return multipart_ && !multipart_->sink_failed() ? multipart_->error() : std::string_view{};
}

bool BodySpool::append(std::string_view bytes) {
  sha_.update(bytes);
  size_ += bytes.size();
  if (head_.size() < kSpoolHeadBytes) {
    head_.append(bytes.substr(0, kSpoolHeadBytes - head_.size()));
  }
  buffer_.append(bytes);
  return buffer_.size() < kFlushBytes || flush();
}

bool BodySpool::flush() {
  if (!write_all(fd_, buffer_)) {
    write_failed_ = true;
    return false;
  }
  buffer_.clear();
  return true;
}

bool BodySpool::write(std::string_view body) {
  if (write_failed_) return false;
  if (!multipart_) return append(body);
  return multipart_->feed(body, [this](std::string_view part) { return append(part); });
}

Result<std::shared_ptr<const SpooledBody>> BodySpool::finish() {
  if (!write_failed_ && !buffer_.empty()) flush();
  if (!write_failed_ && ::close(fd_) != 0) write_failed_ = true;
  fd_ = -1;
  if (write_failed_) {
    return Error(ErrorCode::kUnavailable, "the upload cannot be stored now; retry later",
                 "write " + path_);
  }
  auto body = std::make_unique<SpooledBody>();
  if (multipart_) {
    if (!multipart_->finish()) return Error::invalid(std::string(multipart_->error()));
    body->content_type = multipart_->content_type();
    body->filename = multipart_->filename();
    body->multipart = true;
  } else {
    body->content_type = content_type_;
  }
  body->path = path_;
  body->size = size_;
  body->sha256_hex = sha_.finish_hex();
  body->head = std::move(head_);
  handed_over_ = true;
  return std::shared_ptr<const SpooledBody>(body.release(), [](const SpooledBody* b) {
    ::unlink(b->path.c_str());
    delete b;
  });
}

}  // namespace sp::http
