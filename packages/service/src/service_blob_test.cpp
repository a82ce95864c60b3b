// blob.* settings (contract S1) -> BlobStoreOptions.
#include "strangeprompt/service/service_blob.hpp"

#include <gtest/gtest.h>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/settings.hpp"

namespace sp::service {
namespace {

Config config_of(std::initializer_list<std::pair<const char*, const char*>> values) {
  Config config;
  for (const auto& [k, v] : values) config.set(k, v);
  return config;
}

TEST(ServiceBlob, DefaultsToTheLocalDirectory) {
  Config config;
  SettingsReader r(config);
  auto o = blob_options(r, "/data/media-blobs");
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(o.backend, "local");
  EXPECT_EQ(o.root, "/data/media-blobs");
}

TEST(ServiceBlob, ReadsTheS3Settings) {
  Config config = config_of({{"blob.backend", "s3"},
                             {"blob.s3.endpoint", "http://127.0.0.1:9000"},
                             {"blob.s3.bucket", "strangeprompt"},
                             {"blob.s3.access_key_id", "AK"},
                             {"blob.s3.secret_access_key", "SK"},
                             {"blob.s3.path_style", "false"},
                             {"blob.s3.part_size", "16777216"}});
  SettingsReader r(config);
  auto o = blob_options(r, "/unused");
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(o.backend, "s3");
  EXPECT_EQ(o.s3.endpoint, "http://127.0.0.1:9000");
  EXPECT_EQ(o.s3.bucket, "strangeprompt");
  EXPECT_EQ(o.s3.region, "us-east-1");
  EXPECT_EQ(o.s3.access_key_id, "AK");
  EXPECT_EQ(o.s3.secret_access_key, "SK");
  EXPECT_FALSE(o.s3.path_style);
  EXPECT_EQ(o.s3.part_size, 16777216u);
}

TEST(ServiceBlob, MissingOrBadS3SettingsAreProblems) {
  Config missing = config_of({{"blob.backend", "s3"}});
  SettingsReader r1(missing);
  (void)blob_options(r1, "/x");
  EXPECT_FALSE(r1.ok());

  Config bad = config_of({{"blob.backend", "s3"},
                          {"blob.s3.endpoint", "ftp://nowhere"},
                          {"blob.s3.bucket", "b"},
                          {"blob.s3.access_key_id", "AK"},
                          {"blob.s3.secret_access_key", "SK"}});
  SettingsReader r2(bad);
  (void)blob_options(r2, "/x");
  EXPECT_FALSE(r2.ok());

  Config unknown = config_of({{"blob.backend", "ftp"}});
  SettingsReader r3(unknown);
  (void)blob_options(r3, "/x");
  EXPECT_FALSE(r3.ok());
}

}  // namespace
}  // namespace sp::service
