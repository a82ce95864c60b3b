#include "http.hpp"

#include <curl/curl.h>

#include <strings.h>
#include <algorithm>
#include <cctype>
#include <cstring>

namespace sp::blob::s3 {
namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  const BodySink* sink = nullptr;
  HttpResponse response;
  std::string_view upload;
  CURL* curl = nullptr;
  std::optional<Error> sink_error;
  bool delivered = false;
};

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();  // a new response (after 100 Continue or a redirect)
    return size * n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string name(line.substr(0, colon));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  t->response.headers.emplace_back(std::move(name), std::string(value));
  return size * n;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  long code = 0;
  curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
  const std::string_view chunk(data, size * n);
  if (code >= 200 && code < 300 && t->sink != nullptr && *t->sink) {
    Status s = (*t->sink)(chunk);
    if (!s.ok()) {
      t->sink_error = s.error();
      return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
    }
    t->delivered = true;
    return chunk.size();
  }
  t->response.body.append(chunk);
  return chunk.size();
}

std::size_t on_read(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t len = std::min(size * n, t->upload.size());
  std::memcpy(buffer, t->upload.data(), len);
  t->upload.remove_prefix(len);
  return len;
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

HttpClient::HttpClient(HttpOptions options) : options_(options) {
  init_curl_once();
}

HttpClient::~HttpClient() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* HttpClient::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  return curl_easy_init();
}

void HttpClient::release(void* handle) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < options_.pool_size) {
    idle_.push_back(handle);
  } else {
    curl_easy_cleanup(static_cast<CURL*>(handle));
  }
}

HttpOutcome HttpClient::perform(const HttpRequest& request, const BodySink& sink) {
  CURL* curl = static_cast<CURL*>(acquire());
  if (curl == nullptr) {
    return {Error::internal_error("s3: curl_easy_init failed"), false, false};
  }
  curl_easy_reset(curl);  // keeps the connection cache
  Transfer t;
  t.sink = &sink;
  t.curl = curl;
  t.upload = request.body;

  curl_slist* headers = nullptr;
  for (const auto& [n, v] : request.headers) {
    headers = curl_slist_append(headers, (n + ": " + v).c_str());
  }
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  const bool typed = std::any_of(request.headers.begin(), request.headers.end(), [](const auto& h) {
    return h.first.size() == 12 && ::strncasecmp(h.first.c_str(), "content-type", 12) == 0;
  });
  // curl gives a POST "application/x-www-form-urlencoded", which S3 would store as the type of
  // a multipart object: send none unless the caller named one.
  if (!typed) headers = curl_slist_append(headers, "Content-Type:");
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (request.method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &t);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  const CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(headers);
  HttpOutcome out{HttpResponse{}, false, t.delivered};
  if (t.sink_error) {
    out.response = *t.sink_error;
  } else if (rc != CURLE_OK) {
    out.transport_error = true;
    out.response = Error::unavailable(std::string("s3: ") + request.method + " " + request.url +
                                      ": " + curl_easy_strerror(rc));
    curl_easy_cleanup(curl);  // its connection may be broken
    return out;
  } else {
    t.response.status = static_cast<int>(code);
    out.response = std::move(t.response);
  }
  release(curl);
  return out;
}

}  // namespace sp::blob::s3
