#include "s3_blob_store.hpp"

#include <algorithm>
#include <ctime>
#include <thread>

#include "../keys.hpp"
#include "retry.hpp"
#include "strangeprompt/security/digest.hpp"

namespace sp::blob::s3 {
namespace {

constexpr std::chrono::milliseconds kBackoffCap{5'000};
// ping()'s bound: a readiness probe answers within about this, whatever the request timeout.
constexpr std::chrono::milliseconds kPingTimeout{2'000};

std::string xml_element(std::string_view xml, std::string_view name) {
  const std::string open = "<" + std::string(name) + ">";
  const std::string close = "</" + std::string(name) + ">";
  const auto a = xml.find(open);
  if (a == std::string_view::npos) return {};
  const auto b = xml.find(close, a + open.size());
  if (b == std::string_view::npos) return {};
  return std::string(xml.substr(a + open.size(), b - a - open.size()));
}

// Reads from `reader` until `buffer` is full or the reader ends; the bytes read.
Result<std::size_t> fill(const Reader& reader, std::string& buffer) {
  std::size_t filled = 0;
  while (filled < buffer.size()) {
    SP_ASSIGN_OR_RETURN(std::size_t n,
                        reader(std::span<char>(buffer.data() + filled, buffer.size() - filled)));
    if (n == 0) break;
    filled += n;
  }
  return filled;
}

// "Thu, 03 Dec 2026 10:43:59 GMT" -> Unix milliseconds (0 when unreadable).
int64_t http_date_ms(const std::string& text) {
  std::tm tm{};
  if (::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S", &tm) == nullptr) return 0;
  return static_cast<int64_t>(::timegm(&tm)) * 1000;
}

// What S3 (binary/...) and compatible servers (application/...) report for an object stored
// without a type; read as "no stored type", so the extension guess applies as on local disk.
bool is_default_type(std::string_view type) {
  return type.empty() || type == "binary/octet-stream" || type == "application/octet-stream";
}

}  // namespace

std::string error_code_of(std::string_view xml) {
  return xml_element(xml, "Code");
}

Result<std::unique_ptr<BlobStore>> S3BlobStore::open(const S3Options& options, const Clock& clock) {
  Endpoint ep;
  std::string_view rest = options.endpoint;
  if (rest.starts_with("http://")) {
    ep.scheme = "http";
    rest.remove_prefix(7);
  } else if (rest.starts_with("https://")) {
    ep.scheme = "https";
    rest.remove_prefix(8);
  } else {
    return Error::invalid("blob.s3.endpoint must start with http:// or https:// (got '" +
                          options.endpoint + "')");
  }
  const auto slash = rest.find('/');
  ep.host = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) ep.base_path = std::string(rest.substr(slash));
  while (!ep.base_path.empty() && ep.base_path.back() == '/') ep.base_path.pop_back();
  if (ep.host.empty()) return Error::invalid("blob.s3.endpoint has no host");
  if (options.bucket.empty()) return Error::invalid("blob.s3.bucket is required");
  if (options.access_key_id.empty() || options.secret_access_key.empty()) {
    return Error::invalid("blob.s3.access_key_id and blob.s3.secret_access_key are required");
  }
  if (options.region.empty()) return Error::invalid("blob.s3.region must not be empty");
  if (options.part_size < 1024) return Error::invalid("blob.s3.part_size is too small");
  if (!options.key_prefix.empty() && !is_valid_key(options.key_prefix + "x")) {
    return Error::invalid("blob.s3.key_prefix must be key characters ending in '/'");
  }
  if (options.max_attempts < 1) return Error::invalid("blob.s3.max_attempts must be at least 1");
  return std::unique_ptr<BlobStore>(new S3BlobStore(options, std::move(ep), clock));
}

S3BlobStore::S3BlobStore(S3Options options, Endpoint endpoint, const Clock& clock)
    : options_(std::move(options)),
      endpoint_(std::move(endpoint)),
      credentials_{options_.access_key_id, options_.secret_access_key, options_.region, "s3"},
      clock_(clock),
      http_(HttpOptions{options_.connect_timeout, options_.request_timeout, options_.pool_size}),
      probe_(HttpOptions{std::min(options_.connect_timeout, kPingTimeout),
                         std::min(options_.request_timeout, kPingTimeout), 1}),
      random_(std::random_device{}()) {}

std::pair<std::string, std::string> S3BlobStore::host_and_path(std::string_view key) const {
  const std::string encoded_key = uri_encode(options_.key_prefix + std::string(key), false);
  if (options_.path_style) {
    return {endpoint_.host,
            endpoint_.base_path + "/" + uri_encode(options_.bucket, true) + "/" + encoded_key};
  }
  return {options_.bucket + "." + endpoint_.host, endpoint_.base_path + "/" + encoded_key};
}

std::pair<std::string, std::string> S3BlobStore::bucket_host_and_path() const {
  if (options_.path_style) {
    return {endpoint_.host, endpoint_.base_path + "/" + uri_encode(options_.bucket, true)};
  }
  return {options_.bucket + "." + endpoint_.host, endpoint_.base_path + "/"};
}

Result<HttpResponse> S3BlobStore::send(const Call& call) {
  const auto [host, path] = call.bucket ? bucket_host_and_path() : host_and_path(call.key);
  HttpClient& client = call.probe ? probe_ : http_;
  const int max_attempts = call.probe ? 1 : options_.max_attempts;
  const std::string query = canonical_query(call.query);
  const std::string url =
      endpoint_.scheme + "://" + host + path + (query.empty() ? "" : "?" + query);
  const std::string payload_hash =
      call.body.empty() ? std::string(kEmptyPayloadHash) : security::sha256_hex(call.body);
  for (int attempt = 1;; ++attempt) {
    const std::string date = amz_date(clock_.now());
    SignableRequest signable{.method = call.method,
                             .canonical_uri = path,
                             .query = call.query,
                             .headers = call.headers,
                             .payload_hash = payload_hash};
    signable.headers.emplace_back("host", host);
    signable.headers.emplace_back("x-amz-content-sha256", payload_hash);
    signable.headers.emplace_back("x-amz-date", date);
    HttpRequest request{.method = call.method, .url = url, .headers = {}, .body = call.body};
    for (const auto& [n, v] : signable.headers) {
      if (n != "host") request.headers.emplace_back(n, v);
    }
    request.headers.emplace_back("Authorization", authorization(credentials_, signable, date));

    static const BodySink kNoSink;
    HttpOutcome outcome = client.perform(request, call.sink != nullptr ? *call.sink : kNoSink);
    const bool retryable =
        !outcome.body_delivered &&
        (outcome.transport_error ||
         (outcome.response.ok() &&
          should_retry(false, outcome.response->status, error_code_of(outcome.response->body))));
    if (!retryable || attempt >= max_attempts) return std::move(outcome.response);
    std::chrono::milliseconds wait;
    {
      std::lock_guard lock(random_mutex_);
      wait = backoff(attempt - 1, options_.retry_base, kBackoffCap, random_);
    }
    std::this_thread::sleep_for(wait);
  }
}

Error S3BlobStore::failure(const Call& call, const HttpResponse& response) const {
  const std::string code = error_code_of(response.body);
  const std::string what = "s3: " + call.method + " " + call.key + " answered " +
                           std::to_string(response.status) + (code.empty() ? "" : " " + code);
  // Rejected credentials or signature: the deployment's configuration, not the caller's
  // request, so an internal error whose detail (logged) names the settings to check.
  if (code == "SignatureDoesNotMatch" || code == "InvalidAccessKeyId" || response.status == 403) {
    return Error::internal_error(
        what +
        ": the S3 server rejected the request's credentials or signature (check "
        "blob.s3.access_key_id and blob.s3.secret_access_key)");
  }
  if (code == "NoSuchBucket") {
    return Error::unavailable(what + ": bucket '" + options_.bucket + "' does not exist");
  }
  if (response.status >= 500 || response.status == 429 || code == "SlowDown") {
    return Error::unavailable(what);
  }
  return Error::internal_error(what);
}

Status S3BlobStore::put(std::string_view key, const Reader& reader, const PutOptions& options) {
  SP_TRY(check_key(key));
  Params headers;
  if (options.content_type) {
    SP_TRY(check_content_type(*options.content_type));
    headers.emplace_back("content-type", *options.content_type);
  }
  std::string first(options_.part_size, '\0');
  SP_ASSIGN_OR_RETURN(std::size_t n, fill(reader, first));
  if (n < first.size()) {
    first.resize(n);
    return put_single(key, first, headers);
  }
  return put_multipart(key, reader, std::move(first), headers);
}

Status S3BlobStore::put_single(std::string_view key, std::string_view body, const Params& headers) {
  Call call{.method = "PUT", .key = std::string(key), .headers = headers, .body = body};
  SP_ASSIGN_OR_RETURN(HttpResponse r, send(call));
  if (r.status / 100 != 2) return failure(call, r);
  return ok_status();
}

Status S3BlobStore::put_multipart(std::string_view key, const Reader& reader, std::string first,
                                  const Params& headers) {
  Call start{
      .method = "POST", .key = std::string(key), .query = {{"uploads", ""}}, .headers = headers};
  SP_ASSIGN_OR_RETURN(HttpResponse started, send(start));
  if (started.status / 100 != 2) return failure(start, started);
  const std::string upload_id = xml_element(started.body, "UploadId");
  if (upload_id.empty()) return Error::internal_error("s3: multipart upload without UploadId");

  auto abort = [&](Error why) -> Status {
    Call a{.method = "DELETE", .key = std::string(key), .query = {{"uploadId", upload_id}}};
    (void)send(a);  // best effort: an unfinished upload is never visible as the object
    return why;
  };
  std::string complete = "<CompleteMultipartUpload>";
  std::string part = std::move(first);
  for (int number = 1;; ++number) {
    Call up{.method = "PUT",
            .key = std::string(key),
            .query = {{"partNumber", std::to_string(number)}, {"uploadId", upload_id}},
            .body = part};
    Result<HttpResponse> r = send(up);
    if (!r.ok()) return abort(r.error());
    if (r->status / 100 != 2) return abort(failure(up, *r));
    complete += "<Part><PartNumber>" + std::to_string(number) + "</PartNumber><ETag>" +
                r->header("etag") + "</ETag></Part>";
    part.resize(options_.part_size);
    Result<std::size_t> n = fill(reader, part);
    if (!n.ok()) return abort(n.error());
    if (*n == 0) break;
    part.resize(*n);
  }
  complete += "</CompleteMultipartUpload>";
  Call done{.method = "POST",
            .key = std::string(key),
            .query = {{"uploadId", upload_id}},
            .headers = {{"content-type", "application/xml"}},
            .body = complete};
  Result<HttpResponse> r = send(done);
  if (!r.ok()) return abort(r.error());
  // S3 may answer 200 and still report an error in the body.
  if (r->status / 100 != 2 || r->body.find("<Error>") != std::string::npos) {
    return abort(failure(done, *r));
  }
  return ok_status();
}

Status S3BlobStore::get(std::string_view key, const Sink& sink) {
  SP_TRY(check_key(key));
  const BodySink body = [&sink](std::string_view chunk) { return sink(chunk); };
  Call call{.method = "GET", .key = std::string(key), .sink = &body};
  SP_ASSIGN_OR_RETURN(HttpResponse r, send(call));
  if (r.status == 404 && error_code_of(r.body) != "NoSuchBucket") {
    return Error::not_found("blob not found");
  }
  if (r.status / 100 != 2) return failure(call, r);
  return ok_status();
}

Result<BlobInfo> S3BlobStore::stat(std::string_view key) {
  SP_TRY(check_key(key));
  Call call{.method = "HEAD", .key = std::string(key)};
  SP_ASSIGN_OR_RETURN(HttpResponse r, send(call));
  if (r.status == 404) return Error::not_found("blob not found");
  if (r.status / 100 != 2) return failure(call, r);
  BlobInfo info;
  info.size = std::strtoull(r.header("content-length").c_str(), nullptr, 10);
  const std::string type = r.header("content-type");
  info.content_type = is_default_type(type) ? content_type_for(key) : std::optional(type);
  info.mtime_ms = http_date_ms(r.header("last-modified"));
  return info;
}

Status S3BlobStore::remove(std::string_view key) {
  SP_TRY(check_key(key));
  Call call{.method = "DELETE", .key = std::string(key)};
  SP_ASSIGN_OR_RETURN(HttpResponse r, send(call));
  if (r.status / 100 == 2 || (r.status == 404 && error_code_of(r.body) != "NoSuchBucket")) {
    return ok_status();
  }
  return failure(call, r);
}

Result<std::string> S3BlobStore::signed_get_url(std::string_view key, std::chrono::seconds ttl) {
  SP_TRY(check_key(key));
  if (ttl.count() < 1 || ttl.count() > 604'800) {
    return Error::invalid("s3: a presigned URL lives 1 s to 7 days");
  }
  const auto [host, path] = host_and_path(key);
  SignableRequest r{.method = "GET",
                    .canonical_uri = path,
                    .query = {},
                    .headers = {{"host", host}},
                    .payload_hash = {}};
  return endpoint_.scheme + "://" + host + path + "?" +
         presigned_query(credentials_, r, amz_date(clock_.now()), ttl);
}

Status S3BlobStore::ping() {
  const Call call{.method = "HEAD", .key = {}, .bucket = true, .probe = true};
  auto r = send(call);
  const std::string where = "s3 bucket '" + options_.bucket + "' at " + options_.endpoint;
  if (!r.ok()) {
    Error e = Error::unavailable(where + " does not answer");
    e.internal = r.error().internal.empty() ? r.error().message : r.error().internal;
    return e;
  }
  if (r->status / 100 == 2) return ok_status();
  if (r->status == 404) return Error::unavailable(where + " does not exist");
  if (r->status == 403) {
    return Error::unavailable(where +
                              " refused the credentials (check blob.s3.access_key_id and "
                              "blob.s3.secret_access_key)");
  }
  return Error::unavailable(where + " answered HEAD with " + std::to_string(r->status));
}

}  // namespace sp::blob::s3
