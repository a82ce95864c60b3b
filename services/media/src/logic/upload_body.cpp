#include "logic/upload_body.hpp"

#include <cctype>
#include <string>

#include "strangeprompt/core/strings.hpp"

namespace sp::media {

Status check_upload_body(std::string_view request_content_type, bool multipart, uint64_t size) {
  if (!multipart) {
    std::string type(trim(request_content_type.substr(0, request_content_type.find(';'))));
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!type.starts_with("image/") && type != "application/octet-stream") {
      return Error(ErrorCode::kUnsupportedMedia,
                   "send the file as the raw body (Content-Type image/* or "
                   "application/octet-stream) or as multipart/form-data");
    }
  }
  if (size == 0) return Error::invalid("the uploaded file is empty");
  return ok_status();
}

}  // namespace sp::media
