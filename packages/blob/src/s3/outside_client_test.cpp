// Wire compatibility with AWS's own SDK: @aws-sdk/client-s3 (tests/outside/s3/outside-client.mjs,
// run with node) reads what the adapter wrote, and the adapter reads what the SDK wrote, on the
// s3rver of the `s3` ctest fixture (which verifies both sides' SigV4 signatures).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <unistd.h>

#include <cstdio>

#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/blob/testing/s3.hpp"

namespace sp::blob {
namespace {

struct ClientRun {
  int status = -1;
  std::string out;
};

// Runs the outside client with `args`, feeding `input` (through a temp file) to its stdin.
ClientRun outside_client(const std::string& args, const std::string& input = {}) {
  char path[] = "/tmp/sp-outside-XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) return {};
  if (::write(fd, input.data(), input.size()) != static_cast<ssize_t>(input.size())) return {};
  ::close(fd);
  const std::string cmd = std::string("NODE_NO_WARNINGS=1 '") + SP_NODE + "' '" +
                          SP_OUTSIDE_CLIENT + "' " + args + " < " + path;
  ClientRun run;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return run;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) run.out.append(buf, n);
  const int st = ::pclose(p);
  run.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  ::unlink(path);
  return run;
}

class OutsideClient : public ::testing::Test {
 protected:
  void SetUp() override {
    auto endpoint = testing::s3_endpoint_for_tests();
    if (!endpoint) GTEST_SKIP() << "no S3 test server (SP_TEST_S3_ENDPOINT_FILE is unset)";
    endpoint_ = *endpoint;
    BlobStoreOptions o{.backend = "s3"};
    o.s3 = testing::s3_options_for_tests(endpoint_);
    prefix_ = o.s3.key_prefix;
    auto s = BlobStore::open(o);
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
  }
  std::string args(const std::string& verb, const std::string& key) const {
    return "--endpoint " + endpoint_ + " --" + verb + " " + prefix_ + key;
  }
  static std::string binary_blob(std::size_t n) {
    std::string b(n, '\0');
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<char>((i * 131 + 7) % 256);
    return b;
  }

  std::string endpoint_;
  std::string prefix_;
  std::unique_ptr<BlobStore> store_;
};

TEST_F(OutsideClient, TheAwsSdkReadsWhatThePlatformWrote) {
  const std::string bytes = binary_blob(200'000);
  ASSERT_TRUE(store_->put_bytes("media/7/orig.png", bytes, {.content_type = "image/png"}).ok());
  ClientRun got = outside_client(args("get", "media/7/orig.png"));
  ASSERT_EQ(got.status, 0);
  EXPECT_EQ(got.out.size(), bytes.size());
  EXPECT_TRUE(got.out == bytes);
  ClientRun head = outside_client(args("head", "media/7/orig.png"));
  ASSERT_EQ(head.status, 0);
  EXPECT_EQ(head.out, R"({"size":200000,"contentType":"image/png"})");
}

TEST_F(OutsideClient, ThePlatformReadsWhatTheAwsSdkWrote) {
  const std::string bytes = binary_blob(150'001);
  ClientRun put = outside_client(args("put", "from-sdk/a.webp") + " --type image/webp", bytes);
  ASSERT_EQ(put.status, 0);
  auto back = store_->get_bytes("from-sdk/a.webp");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(*back == bytes);
  auto info = store_->stat("from-sdk/a.webp");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size, bytes.size());
  EXPECT_EQ(info->content_type, "image/webp");
}

TEST_F(OutsideClient, TheSdkWithAWrongSecretIsRejectedToo) {
  ASSERT_TRUE(store_->put_bytes("k.txt", "v").ok());
  ClientRun got = outside_client(args("get", "k.txt") + " --secret not-the-secret");
  EXPECT_EQ(got.status, 1);
  EXPECT_EQ(got.out, "");
}

}  // namespace
}  // namespace sp::blob
