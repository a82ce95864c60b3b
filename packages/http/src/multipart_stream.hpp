#pragma once
// Streams the file part out of a multipart/form-data body (RFC 7578) as the body arrives, holding
// at most one read chunk plus a delimiter's length in memory. Pure logic: no sockets, no files.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sp::http {

// The boundary of a "multipart/form-data; boundary=..." Content-Type (quotes removed); nullopt
// when the type is not multipart/form-data, "" when it is but names no usable boundary.
std::optional<std::string> multipart_form_boundary(std::string_view content_type);

class MultipartFileStream {
 public:
  // Receives the file part's content in order; false aborts the stream (e.g. a write error).
  using Sink = std::function<bool(std::string_view)>;
  static constexpr std::size_t kMaxPartHeaderBytes = 16 * 1024;

  explicit MultipartFileStream(std::string boundary);

  // Feeds the next bytes of the body. False when the body is malformed or the sink refused
  // (error() says which); nothing more may be fed then.
  bool feed(std::string_view data, const Sink& sink);
  // After the last byte: true when a file part arrived whole.
  bool finish();

  std::string_view error() const { return error_; }
  bool sink_failed() const { return sink_failed_; }
  const std::string& content_type() const { return content_type_; }
  const std::string& filename() const { return filename_; }

 private:
  enum class State { kPreamble, kAfterDelimiter, kHeaders, kContent, kDone, kFailed };
  bool fail(std::string message);
  bool on_headers(std::string_view headers);
  bool emit(std::string_view bytes, const Sink& sink);

  std::string first_delimiter_;  // "--boundary" (the body may start with it)
  std::string delimiter_;        // "\r\n--boundary"
  std::string pending_;          // bytes not yet decided on
  State state_ = State::kPreamble;
  bool in_file_ = false;    // the current part is the file part
  bool have_file_ = false;  // a file part was chosen (it or a later one is never taken again)
  bool file_done_ = false;  // the file part's closing delimiter was seen
  bool sink_failed_ = false;
  std::string error_;
  std::string content_type_;
  std::string filename_;
};

}  // namespace sp::http
