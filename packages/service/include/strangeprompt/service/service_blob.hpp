#pragma once
// The blob store backend from config (contract S1), for the services that keep blobs:
//   blob.backend                 "local" (default: a directory, the caller's `local_root`) | "s3"
//   blob.s3.endpoint             http(s)://host[:port][/prefix], e.g. http://127.0.0.1:9000
//   blob.s3.bucket               the bucket (must exist)
//   blob.s3.region               "us-east-1"
//   blob.s3.access_key_id        the access key
//   blob.s3.secret_access_key    secret (or blob.s3.secret_access_key_file)
//   blob.s3.path_style           true: <endpoint>/<bucket>/<key>; false: <bucket>.<host>/<key>
//   blob.s3.key_prefix           "" (e.g. "prod/"): prepended to every key
//   blob.s3.part_size            8388608: objects above go up as multipart uploads (min 5 MiB)
//   blob.s3.max_attempts         4: per request, retries (jittered backoff) included
//   blob.s3.connect_timeout_ms   2000
//   blob.s3.request_timeout_ms   60000
#include <string>

#include "strangeprompt/blob/blob_store.hpp"

namespace sp {
class SettingsReader;
}  // namespace sp

namespace sp::service {

// Bad or missing values are recorded in `settings` (and the defaults returned).
blob::BlobStoreOptions blob_options(SettingsReader& settings, std::string local_root);

}  // namespace sp::service
