#pragma once
// The temporary file a spooled request body (RouteOptions::spool_dir) is written to as it
// arrives: raw, or only the file part of a multipart/form-data body. Hashes (SHA-256) and keeps
// the first bytes on the way. The file is removed unless the body completes and is handed over.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "multipart_stream.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/security/digest.hpp"

namespace sp::http {

class BodySpool {
 public:
  // A fresh file in `dir` (mode 0600, O_EXCL, a random name "spool-<hex>.part").
  // kInvalidArgument (400) for a multipart Content-Type without a usable boundary; kUnavailable
  // when the file cannot be created.
  static Result<std::unique_ptr<BodySpool>> open(const std::string& dir,
                                                 std::string_view content_type);
  ~BodySpool();
  BodySpool(const BodySpool&) = delete;
  BodySpool& operator=(const BodySpool&) = delete;

  // The next body bytes as the parser decodes them. False stops the request: the multipart body
  // is malformed (bad_body()) or the disk refused (write_failed()).
  bool write(std::string_view body);
  // After the whole body: the spooled file, owned by the result (removed when it is released).
  // kInvalidArgument: a multipart body without a whole file part; kUnavailable: a write failed.
  Result<std::shared_ptr<const SpooledBody>> finish();

  bool write_failed() const { return write_failed_; }
  // Why a multipart body was refused (empty when it was not).
  std::string_view bad_body() const;

  // Removes the leftovers of an earlier process (files named like ours) and creates `dir`.
  static Status prepare_dir(const std::string& dir);

 private:
  BodySpool(int fd, std::string path, std::string content_type,
            std::optional<std::string> boundary);
  bool append(std::string_view bytes);  // to the file (buffered), the hash and the head
  bool flush();

  int fd_ = -1;
  std::string path_;
  std::string content_type_;
  std::optional<MultipartFileStream> multipart_;
  security::Sha256Stream sha_;
  std::string head_;
  std::string buffer_;  // written out in kFlushBytes pieces
  std::uint64_t size_ = 0;
  bool write_failed_ = false;
  bool handed_over_ = false;
};

}  // namespace sp::http
