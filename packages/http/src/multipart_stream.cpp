// MultipartFileStream: a small state machine over a sliding buffer. Content bytes that cannot be
// part of a delimiter are passed on at once; at most delimiter.size() - 1 bytes wait for more.
#include "multipart_stream.hpp"

#include <cctype>

#include "strangeprompt/core/strings.hpp"

namespace sp::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view unquote(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

// The value of parameter `name` in a header value like `form-data; name="a"; filename="b"`.
std::optional<std::string> header_param(std::string_view value, std::string_view name) {
  std::size_t start = value.find(';');
  while (start != std::string_view::npos) {
    std::size_t end = value.find(';', start + 1);
    std::string_view item = value.substr(
        start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
    std::size_t eq = item.find('=');
    if (eq != std::string_view::npos && lower(trim(item.substr(0, eq))) == name) {
      return std::string(unquote(item.substr(eq + 1)));
    }
    start = end;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_form_boundary(std::string_view content_type) {
  std::string type = lower(trim(content_type.substr(0, content_type.find(';'))));
  if (type != "multipart/form-data") return std::nullopt;
  std::string boundary = header_param(content_type, "boundary").value_or("");
  if (boundary.size() > 70) return std::string();  // RFC 2046 §5.1.1
  return boundary;
}

MultipartFileStream::MultipartFileStream(std::string boundary)
    : first_delimiter_("--" + boundary), delimiter_("\r\n--" + boundary) {}

bool MultipartFileStream::fail(std::string message) {
  state_ = State::kFailed;
  error_ = std::move(message);
  return false;
}

bool MultipartFileStream::emit(std::string_view bytes, const Sink& sink) {
  if (!in_file_ || bytes.empty()) return true;
  if (sink(bytes)) return true;
  sink_failed_ = true;
  return fail("the file part could not be stored");
}

bool MultipartFileStream::on_headers(std::string_view headers) {
  std::optional<std::string> name;
  std::optional<std::string> filename;
  std::string content_type;
  for (std::string_view rest = headers; !rest.empty();) {
    std::size_t eol = rest.find("\r\n");
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 2);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string field = lower(trim(line.substr(0, colon)));
    std::string_view value = trim(line.substr(colon + 1));
    if (field == "content-disposition") {
      name = header_param(value, "name");
      filename = header_param(value, "filename");
    } else if (field == "content-type") {
      content_type = std::string(value);
    }
  }
  in_file_ = !have_file_ && (filename.has_value() || name == "file");
  if (in_file_) {
    have_file_ = true;
    filename_ = filename.value_or("");
    content_type_ = std::move(content_type);
  }
  return true;
}

bool MultipartFileStream::feed(std::string_view data, const Sink& sink) {
  if (state_ == State::kFailed) return false;
  if (state_ == State::kDone) return true;  // the epilogue is ignored
  pending_.append(data);
  std::size_t used = 0;  // bytes of pending_ decided on
  auto view = [&] { return std::string_view(pending_).substr(used); };
  while (true) {
    if (state_ == State::kPreamble) {
      std::size_t at = view().find(first_delimiter_);
      if (at == std::string_view::npos) {
        // Keep only what could still begin a delimiter.
        if (view().size() >= first_delimiter_.size())
          used = pending_.size() - first_delimiter_.size() + 1;
        break;
      }
      used += at + first_delimiter_.size();
      state_ = State::kAfterDelimiter;
    } else if (state_ == State::kAfterDelimiter) {
      std::string_view v = view();
      std::size_t blanks = 0;  // transport padding (RFC 2046) before the line break
      while (blanks < v.size() && (v[blanks] == ' ' || v[blanks] == '\t')) ++blanks;
      if (blanks > 256) return fail("malformed multipart body");
      if (v.size() < blanks + 2) break;
      if (v.substr(0, 2) == "--") {
        state_ = State::kDone;
        used = pending_.size();
        break;
      }
      if (v.substr(blanks, 2) != "\r\n") return fail("malformed multipart delimiter");
      used += blanks + 2;
      state_ = State::kHeaders;
    } else if (state_ == State::kHeaders) {
      std::string_view v = view();
      std::size_t end = v.starts_with("\r\n") ? 0 : v.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (v.size() > kMaxPartHeaderBytes) return fail("multipart part headers are too long");
        break;
      }
      if (end > kMaxPartHeaderBytes) return fail("multipart part headers are too long");
      on_headers(v.substr(0, end));
      used += end == 0 ? 2 : end + 4;
      state_ = State::kContent;
    } else if (state_ == State::kContent) {
      std::string_view v = view();
      std::size_t at = v.find(delimiter_);
      if (at == std::string_view::npos) {
        std::size_t safe = v.size() >= delimiter_.size() ? v.size() - delimiter_.size() + 1 : 0;
        if (!emit(v.substr(0, safe), sink)) return false;
        used += safe;
        break;
      }
      if (!emit(v.substr(0, at), sink)) return false;
      if (in_file_) file_done_ = true;
      in_file_ = false;
      used += at + delimiter_.size();
      state_ = State::kAfterDelimiter;
    } else {
      break;
    }
  }
  pending_.erase(0, used);
  return true;
}

bool MultipartFileStream::finish() {
  if (state_ == State::kFailed) return false;
  if (!have_file_) return fail("the multipart body has no file part");
  if (!file_done_) return fail("the multipart body ends inside its file part");
  return true;
}

}  // namespace sp::http
