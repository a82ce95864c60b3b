#include "strangeprompt/service/service_blob.hpp"

#include "strangeprompt/core/settings.hpp"

namespace sp::service {

blob::BlobStoreOptions blob_options(SettingsReader& s, std::string local_root) {
  using std::chrono::milliseconds;
  blob::BlobStoreOptions o;
  o.backend = s.one_of("blob.backend", "local", {"local", "s3"});
  o.root = std::move(local_root);
  if (o.backend != "s3") return o;
  blob::S3Options& c = o.s3;
  c.endpoint = s.required_text("blob.s3.endpoint", "");
  c.bucket = s.required_text("blob.s3.bucket", "");
  c.region = s.required_text("blob.s3.region", c.region);
  c.access_key_id = s.required_text("blob.s3.access_key_id", "");
  if (auto secret = s.secret("blob.s3.secret_access_key")) c.secret_access_key = *secret;
  if (c.secret_access_key.empty()) {
    s.reject("blob.s3.secret_access_key", "is required when blob.backend is s3");
  }
  c.path_style = s.boolean("blob.s3.path_style", c.path_style);
  c.key_prefix = s.text("blob.s3.key_prefix", "");
  c.part_size = s.size("blob.s3.part_size", c.part_size, std::size_t{5} * 1024 * 1024,
                       std::size_t{5} * 1024 * 1024 * 1024);
  c.max_attempts = static_cast<int>(s.integer("blob.s3.max_attempts", c.max_attempts, 1, 20));
  c.connect_timeout = s.millis("blob.s3.connect_timeout_ms", c.connect_timeout, milliseconds(1));
  c.request_timeout = s.millis("blob.s3.request_timeout_ms", c.request_timeout, milliseconds(1));
  // The factory checks the endpoint and prefix without connecting: a bad one fails start-up.
  if (!c.endpoint.empty() && !c.bucket.empty() && !c.access_key_id.empty() &&
      !c.secret_access_key.empty()) {
    if (auto made = blob::BlobStore::open(o); !made.ok()) {
      s.reject("blob.s3.endpoint", made.error().message);
    }
  }
  return o;
}

}  // namespace sp::service
