#include "logic/upload_body.hpp"

#include <cctype>
#include <string>

#include "strangeprompt/core/strings.hpp"

namespace sp::media {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The boundary parameter of a multipart Content-Type (quotes removed), empty when absent.
std::string boundary_of(std::string_view content_type) {
  std::string lowered = lower(content_type);
  std::size_t at = lowered.find("boundary=");
  if (at == std::string::npos) return {};
  std::string_view value = content_type.substr(at + 9);
  value = value.substr(0, value.find(';'));
  value = trim(value);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  return std::string(value);
}

// The content of the first part whose headers name a filename (a file input), else of the first
// part named "file".
Result<std::string_view> first_file_part(std::string_view body, const std::string& boundary) {
  const std::string delimiter = "--" + boundary;
  std::size_t at = body.find(delimiter);
  std::optional<std::string_view> named_file;
  while (at != std::string_view::npos) {
    std::size_t headers_start = at + delimiter.size();
    if (body.substr(headers_start, 2) == "--") break;  // the closing delimiter
    std::size_t headers_end = body.find("\r\n\r\n", headers_start);
    if (headers_end == std::string_view::npos) break;
    std::size_t content_start = headers_end + 4;
    std::size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) break;
    std::string headers = lower(body.substr(headers_start, headers_end - headers_start));
    std::string_view content = body.substr(content_start, next - content_start);
    if (headers.find("filename=") != std::string::npos) return content;
    if (!named_file && headers.find("name=\"file\"") != std::string::npos) named_file = content;
    at = next + 2;
  }
  if (named_file) return *named_file;
  return Error::invalid("the multipart body has no file part");
}

}  // namespace

Result<std::string_view> upload_bytes(std::string_view content_type, std::string_view body) {
  std::string type = lower(trim(content_type.substr(0, content_type.find(';'))));
  std::string_view bytes;
  if (type == "multipart/form-data") {
    std::string boundary = boundary_of(content_type);
    if (boundary.empty()) return Error::invalid("the multipart Content-Type has no boundary");
    SP_ASSIGN_OR_RETURN(bytes, first_file_part(body, boundary));
  } else if (type.starts_with("image/") || type == "application/octet-stream") {
    bytes = body;
  } else {
    return Error(ErrorCode::kUnsupportedMedia,
                 "send the file as the raw body (Content-Type image/* or "
                 "application/octet-stream) or as multipart/form-data");
  }
  if (bytes.empty()) return Error::invalid("the uploaded file is empty");
  return bytes;
}

}  // namespace sp::media
