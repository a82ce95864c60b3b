// The S3 adapter beyond the port's conformance suite: retries, backoff and connection reuse
// against a scripted HTTP server on a real socket; credentials, presigned URLs, virtual-host
// style and multipart uploads against s3rver (the `s3` ctest fixture, which checks signatures).
#include "s3_blob_store.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include "strangeprompt/blob/testing/s3.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::blob::s3 {
namespace {

// Answers each request with the next scripted response ("503 SlowDown", "200", ...), keeping
// connections alive; counts requests and accepted connections.
class ScriptedServer {
 public:
  explicit ScriptedServer(std::deque<std::string> script) : script_(std::move(script)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listener_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~ScriptedServer() {
    stop_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }
  int connections() const { return connections_; }

 private:
  void run() {
    while (!stop_) {
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      ++connections_;
      serve(fd);
      ::close(fd);
    }
  }
  // One connection, request after request, until the peer closes it.
  void serve(int fd) {
    std::string in;
    char buf[65536];
    for (;;) {
      std::size_t end;
      while ((end = in.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return;
        in.append(buf, static_cast<std::size_t>(n));
      }
      std::size_t body = 0;
      std::string head = in.substr(0, end);
      for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (auto p = head.find("content-length:"); p != std::string::npos) {
        body = std::stoul(head.substr(p + 15));
      }
      while (in.size() < end + 4 + body) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return;
        in.append(buf, static_cast<std::size_t>(n));
      }
      const bool is_head = in.starts_with("HEAD");
      in.erase(0, end + 4 + body);
      ++requests_;
      std::string line = "200";
      {
        std::lock_guard lock(mutex_);
        if (!script_.empty()) {
          line = script_.front();
          script_.pop_front();
        }
      }
      const std::string status = line.substr(0, 3);
      const std::string code = line.size() > 4 ? line.substr(4) : "";
      const std::string payload = code.empty() ? "" : "<Error><Code>" + code + "</Code></Error>";
      const std::string reply = "HTTP/1.1 " + status +
                                " X\r\nContent-Length: " + std::to_string(payload.size()) +
                                "\r\nETag: \"e\"\r\n\r\n" + (is_head ? "" : payload);
      if (::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL) < 0) return;
    }
  }

  std::mutex mutex_;
  std::deque<std::string> script_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

S3Options scripted_options(const ScriptedServer& server) {
  return {.endpoint = server.endpoint(),
          .bucket = "b",
          .access_key_id = "AK",
          .secret_access_key = "SK",
          .retry_base = std::chrono::milliseconds(1)};
}

std::unique_ptr<BlobStore> open_store(const S3Options& o) {
  auto s = S3BlobStore::open(o, Clock::system());
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? std::move(*s) : nullptr;
}

TEST(S3Adapter, RetriesServerErrorsAndThrottlingThenSucceeds) {
  ScriptedServer server({"503 SlowDown", "429", "500 InternalError", "200"});
  auto store = open_store(scripted_options(server));
  ASSERT_TRUE(store->put_bytes("k", "v").ok());
  EXPECT_EQ(server.requests(), 4);
}

TEST(S3Adapter, GivesUpAfterMaxAttemptsAsUnavailable) {
  ScriptedServer server({"500", "500", "500", "500", "200"});
  S3Options o = scripted_options(server);
  o.max_attempts = 3;
  auto store = open_store(o);
  auto s = store->put_bytes("k", "v");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(server.requests(), 3);
}

TEST(S3Adapter, ClientErrorsAreNotRetried) {
  ScriptedServer server({"403 SignatureDoesNotMatch", "200"});
  auto store = open_store(scripted_options(server));
  auto s = store->put_bytes("k", "v");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
  EXPECT_EQ(server.requests(), 1);
}

TEST(S3Adapter, SequentialRequestsReuseOneConnection) {
  ScriptedServer server({});
  auto store = open_store(scripted_options(server));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store->put_bytes("k", "v").ok());
  ASSERT_TRUE(store->stat("k").ok());
  EXPECT_EQ(server.requests(), 6);
  EXPECT_EQ(server.connections(), 1);
}

TEST(S3Adapter, RefusedConnectionsAreRetriedThenUnavailable) {
  uint16_t port;
  {
    ScriptedServer gone({});
    port = static_cast<uint16_t>(std::stoi(gone.endpoint().substr(17)));
  }
  S3Options o{.endpoint = "http://127.0.0.1:" + std::to_string(port),
              .bucket = "b",
              .access_key_id = "AK",
              .secret_access_key = "SK",
              .retry_base = std::chrono::milliseconds(1)};
  auto store = open_store(o);
  auto r = store->get_bytes("k");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

TEST(S3Adapter, PingOfAnUnreachableEndpointIsUnavailableAtOnce) {
  uint16_t port;
  {
    ScriptedServer gone({});
    port = static_cast<uint16_t>(std::stoi(gone.endpoint().substr(17)));
  }
  S3Options o{.endpoint = "http://127.0.0.1:" + std::to_string(port),
              .bucket = "b",
              .access_key_id = "AK",
              .secret_access_key = "SK",
              .max_attempts = 4,
              .retry_base = std::chrono::milliseconds(1000)};  // a retry would take a second
  auto store = open_store(o);
  const auto start = std::chrono::steady_clock::now();
  Status s = store->ping();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(s.error().message.find("does not answer"), std::string::npos) << s.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));  // no retry
}

TEST(S3Adapter, PingIsOneHeadOnTheBucket) {
  ScriptedServer server({"200"});
  auto store = open_store(scripted_options(server));
  EXPECT_TRUE(store->ping().ok());
  EXPECT_EQ(server.requests(), 1);
}

TEST(S3Adapter, ErrorCodeIsReadFromTheXmlBody) {
  EXPECT_EQ(error_code_of("<?xml?><Error><Code>NoSuchKey</Code><Message>m</Message></Error>"),
            "NoSuchKey");
  EXPECT_EQ(error_code_of("no xml"), "");
}

// --- against s3rver -------------------------------------------------------------------------

class S3rver : public ::testing::Test {
 protected:
  void SetUp() override {
    auto endpoint = blob::testing::s3_endpoint_for_tests();
    if (!endpoint) GTEST_SKIP() << "no S3 test server (SP_TEST_S3_ENDPOINT_FILE is unset)";
    options_ = blob::testing::s3_options_for_tests(*endpoint);
  }
  S3Options options_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
};

TEST_F(S3rver, AWrongSecretIsRejectedAndStoresNothing) {
  S3Options wrong = options_;
  wrong.secret_access_key = "not-the-secret";
  auto bad = open_store(wrong);
  auto s = bad->put_bytes("media/1/orig.png", "bytes");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
  EXPECT_NE(s.error().internal.find("SignatureDoesNotMatch"), std::string::npos)
      << s.error().internal;
  EXPECT_NE(s.error().internal.find("blob.s3.secret_access_key"), std::string::npos);
  EXPECT_EQ(bad->get_bytes("media/1/orig.png").error().code, ErrorCode::kInternal);

  auto good = open_store(options_);
  EXPECT_EQ(good->stat("media/1/orig.png").error().code, ErrorCode::kNotFound);
}

TEST_F(S3rver, PingNamesAMissingBucketAndRefusedCredentials) {
  EXPECT_TRUE(open_store(options_)->ping().ok());
  S3Options missing = options_;
  missing.bucket = "no-such-bucket";
  Status gone = open_store(missing)->ping();
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(gone.error().message.find("does not exist"), std::string::npos) << gone.error().message;
  S3Options wrong = options_;
  wrong.secret_access_key = "not-the-secret";
  Status refused = open_store(wrong)->ping();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("blob.s3.secret_access_key"), std::string::npos)
      << refused.error().message;
}

TEST_F(S3rver, AnUnknownAccessKeyIsRejected) {
  S3Options wrong = options_;
  wrong.access_key_id = "NOBODY";
  auto s = open_store(wrong)->put_bytes("k", "v");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
  EXPECT_NE(s.error().internal.find("InvalidAccessKeyId"), std::string::npos) << s.error().internal;
}

TEST_F(S3rver, PresignedGetUrlServesThePrivateObjectUntilTampered) {
  auto store = open_store(options_);
  ASSERT_TRUE(store->put_bytes("orig/1.png", "original bytes", {.content_type = "image/png"}).ok());
  auto url = store->signed_get_url("orig/1.png", std::chrono::seconds(300));
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_NE(url->find("X-Amz-Signature="), std::string::npos);
  auto r = client_->send({http::Method::kGet, *url, {}, {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "original bytes");

  std::string tampered = *url;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  auto denied = client_->send({http::Method::kGet, tampered, {}, {}});
  ASSERT_TRUE(denied.ok());
  EXPECT_EQ(denied->status, 403);
}

TEST_F(S3rver, VirtualHostStyleAddressesTheBucketByHostName) {
  // The test server takes <bucket>.s3.localhost as the bucket by host name, and
  // curl resolves *.localhost to the loopback address itself.
  S3Options vhost = options_;
  vhost.path_style = false;
  const auto colon = vhost.endpoint.rfind(':');
  vhost.endpoint = "http://s3.localhost" + vhost.endpoint.substr(colon);
  auto store = open_store(vhost);
  auto put = store->put_bytes("v/1.txt", "by host");
  ASSERT_TRUE(put.ok()) << put.error().message;
  // The same object, read path-style: both addressed the one bucket.
  EXPECT_EQ(open_store(options_)->get_bytes("v/1.txt").value_or("?"), "by host");
}

TEST_F(S3rver, LargeObjectsGoUpInPartsAndComeBackWhole) {
  S3Options o = options_;
  o.part_size = 5 * 1024 * 1024;  // the smallest part AWS accepts
  auto store = open_store(o);
  std::string big(11 * 1024 * 1024 + 123, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7919) % 251);
  ASSERT_TRUE(store->put_bytes("big/object", big).ok());
  auto back = store->get_bytes("big/object");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->size(), big.size());
  EXPECT_TRUE(*back == big);
  auto info = store->stat("big/object");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size, big.size());
  EXPECT_EQ(info->content_type, std::nullopt);  // none given, no known extension
}

TEST_F(S3rver, AReaderFailingMidMultipartKeepsThePreviousObject) {
  S3Options o = options_;
  o.part_size = 64 * 1024;
  auto store = open_store(o);
  ASSERT_TRUE(store->put_bytes("m/k.bin", "old").ok());
  std::size_t sent = 0;
  auto s = store->put("m/k.bin", [&sent](std::span<char> buf) -> Result<std::size_t> {
    if (sent >= 200'000) return Error::unavailable("upload connection dropped");
    const std::size_t n = std::min<std::size_t>(buf.size(), 10'000);
    std::memset(buf.data(), 'n', n);
    sent += n;
    return n;
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
  EXPECT_GT(sent, o.part_size * 2);  // parts had gone up before the failure
  EXPECT_EQ(store->get_bytes("m/k.bin").value_or("?"), "old");
}

}  // namespace
}  // namespace sp::blob::s3
