// The media API of the real binary over real sockets, on SQLite (embedded) and PostgreSQL:
// upload typing, the per-owner duplicate answer, owner-only reads and the upload size limit.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

#include "png_fixture.hpp"
#include "server_process.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

namespace json = boost::json;
using namespace std::string_literals;

const std::string kPng = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR-media-blackbox"s;

// Sends a request head and then `total` body bytes made by `piece_at` (raw, or "chunked" framing
// when `chunked`), stopping early when the server answers; returns the answer's status line and
// everything up to the close (or 10 s). The body is never held whole by the sender either.
struct StreamedAnswer {
  int status = 0;
  std::string text;
  std::size_t sent = 0;  // body bytes that went out
};
StreamedAnswer stream_upload(uint16_t port, const std::string& head, std::size_t total,
                             bool chunked) {
  StreamedAnswer out;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return out;
  }
  auto send_all = [&](std::string_view bytes) {
    while (!bytes.empty()) {
      pollfd p{fd, POLLIN | POLLOUT, 0};
      if (::poll(&p, 1, 10'000) <= 0 || (p.revents & (POLLIN | POLLERR | POLLHUP))) return false;
      ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  };
  std::string piece(64 * 1024, '\0');
  for (std::size_t i = 0; i < piece.size(); ++i) piece[i] = static_cast<char>(i * 131 + 17);
  bool ok = send_all(head);
  while (ok && out.sent < total) {
    std::string_view part =
        std::string_view(piece).substr(0, std::min(piece.size(), total - out.sent));
    if (chunked) {
      char size[32];
      std::snprintf(size, sizeof size, "%zx\r\n", part.size());
      ok = send_all(size) && send_all(part) && send_all("\r\n");
    } else {
      ok = send_all(part);
    }
    if (ok) out.sent += part.size();
  }
  if (ok && chunked) send_all("0\r\n\r\n");
  char buf[4096];
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) {
      if (out.text.find("\r\n\r\n") != std::string::npos) break;
      continue;
    }
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (out.text.starts_with("HTTP/1.1 ")) out.status = std::atoi(out.text.c_str() + 9);
  return out;
}

std::size_t files_in(const std::string& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); ++it) {
    ++n;
  }
  return n;
}

// A kB figure ("VmHWM:", "VmRSS:") of /proc/<pid>/status; -1 when unreadable.
long proc_status_kb(pid_t pid, std::string_view key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(key)) return std::stol(line.substr(key.size()));
  }
  return -1;
}

std::string unique_suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1'000'000'000);
}

ServerProcessOptions options_for(const std::string& backend) {
  ServerProcessOptions o;
  o.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "19456";
  o.env["STRANGEPROMPT_MEDIA__MAX_UPLOAD_BYTES"] = "262144";
  if (backend == "postgres") {
    auto dsn = db::testing::postgres_dsn_for_tests();
    if (!dsn) return o;
    std::string suffix = unique_suffix();
    o.env["STRANGEPROMPT_DB__BACKEND"] = "postgres";
    o.env["STRANGEPROMPT_DB__POSTGRES_DSN"] = *dsn;
    o.env["STRANGEPROMPT_AUTH__DB__POSTGRES_SCHEMA"] = "bb_auth_" + suffix;
    o.env["STRANGEPROMPT_MEDIA__DB__POSTGRES_SCHEMA"] = "bb_media_" + suffix;
    o.env["STRANGEPROMPT_GALLERY__DB__POSTGRES_SCHEMA"] = "bb_gallery_" + suffix;
    o.env["STRANGEPROMPT_EVENTS__BACKEND"] = "postgres";
    o.env["STRANGEPROMPT_EVENTS__POSTGRES_SCHEMA"] = "bb_events_" + suffix;
  }
  return o;
}

// A new account on `server`: its bearer header value ("" after a failed sign-up, recorded).
std::string sign_up_on(const ServerProcess& server, const std::string& handle) {
  auto r = http::HttpClient::create()->send({http::Method::kPost,
                                             server.base_url() + "/v1/auth/signup",
                                             {{"content-type", "application/json"}},
                                             R"({"email":")" + handle +
                                                 R"(@example.com","handle":")" + handle +
                                                 R"(","password":"violet-harbor-lantern-42"})"});
  EXPECT_TRUE(r.ok() && r->status == 201) << (r.ok() ? r->body : r.error().message);
  if (!r.ok() || r->status != 201) return {};
  return "Bearer " + std::string(json::parse(r->body).at("accessToken").as_string());
}

class MediaApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && !db::testing::postgres_dsn_for_tests()) {
      GTEST_SKIP() << "no PostgreSQL for tests (run through ctest, which starts one)";
    }
    server_ = std::make_unique<ServerProcess>(options_for(GetParam()));
    ASSERT_TRUE(server_->started()) << server_->log();
  }

  http::ClientResponse call(http::Method method, const std::string& path, std::string body = {},
                            http::Headers headers = {}) {
    auto r =
        client_->send({method, server_->base_url() + path, std::move(headers), std::move(body)});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : http::ClientResponse{};
  }
  // A new account's bearer header value.
  std::string sign_up(const std::string& handle) { return sign_up_on(*server_, handle); }
  http::ClientResponse upload(const std::string& bearer, std::string body,
                              std::string content_type = "image/png") {
    return call(http::Method::kPost, "/v1/media/uploads", std::move(body),
                {{"authorization", bearer}, {"content-type", std::move(content_type)}});
  }

  // The media once its status is no longer pending/processing (polls; the workers are woken by
  // the upload, so this is quick).
  json::object settled(const std::string& bearer, const std::string& id) {
    for (int i = 0; i < 400; ++i) {
      auto r = call(http::Method::kGet, "/v1/media/" + id, {}, {{"authorization", bearer}});
      if (r.status != 200) break;
      auto media = json::parse(r.body).as_object();
      std::string status(media.at("status").as_string());
      if (status != "pending" && status != "processing") return media;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "media " << id << " never settled";
    return {};
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
};

TEST_P(MediaApi, UploadAnswers202PendingAndTheOwnerReadsIt) {
  std::string ann = sign_up("ann_" + unique_suffix());
  auto up = upload(ann, kPng);
  ASSERT_EQ(up.status, 202) << up.body;
  auto accepted = json::parse(up.body).as_object();
  EXPECT_EQ(accepted.at("status").as_string(), "pending");
  std::string id(accepted.at("id").as_string());

  auto got = call(http::Method::kGet, "/v1/media/" + id, {}, {{"authorization", ann}});
  ASSERT_EQ(got.status, 200) << got.body;
  auto media = json::parse(got.body).as_object();
  EXPECT_EQ(media.at("id").as_string(), id);
  EXPECT_EQ(media.at("metadata").as_object().at("tool").as_string(), "unknown");
  for (const char* field :
       {"status", "reason", "width", "height", "variants", "blurhash", "dominantColor", "metadata",
        "provenance", "phash", "duplicates", "moderation"}) {
    EXPECT_TRUE(media.contains(field)) << field;
  }
}

TEST_P(MediaApi, AFileThatCannotBeDecodedIsRejectedWithAReason) {
  std::string ann = sign_up("ann_" + unique_suffix());
  auto up = upload(ann, kPng);  // a PNG signature and nothing a decoder can use
  ASSERT_EQ(up.status, 202);
  auto media = settled(ann, std::string(json::parse(up.body).at("id").as_string()));
  EXPECT_EQ(media.at("status").as_string(), "rejected");
  EXPECT_FALSE(media.at("reason").as_string().empty());
}

TEST_P(MediaApi, UploadBecomesReadyAndItsVariantIsServedImmutable) {
  std::string ann = sign_up("ann_" + unique_suffix());
  auto up = upload(ann, gradient_png(300, 200));
  ASSERT_EQ(up.status, 202) << up.body;
  auto media = settled(ann, std::string(json::parse(up.body).at("id").as_string()));
  ASSERT_EQ(media.at("status").as_string(), "ready") << json::serialize(media);
  EXPECT_EQ(media.at("width").as_int64(), 300);
  EXPECT_EQ(media.at("height").as_int64(), 200);
  EXPECT_EQ(media.at("blurhash").as_string().size(), 28u);
  EXPECT_EQ(media.at("phash").as_string().size(), 16u);
  const auto& variants = media.at("variants").as_array();
  // 256 and the image's own 300 (never upscaled to 512), in WebP and in AVIF (media.avif defaults
  // on: Debian's libvips encodes AVIF through libheif + aom).
  std::vector<std::string> made;
  for (const auto& each : variants) {
    made.push_back(std::string(each.at("format").as_string()) + "/" +
                   std::to_string(each.at("width").as_int64()));
  }
  EXPECT_EQ(made, (std::vector<std::string>{"webp/256", "webp/300", "avif/256", "avif/300"}));
  ASSERT_EQ(variants.size(), 4u);
  const auto& v = variants[0].as_object();
  EXPECT_EQ(v.at("width").as_int64(), 256);
  EXPECT_EQ(v.at("format").as_string(), "webp");
  const std::string url(v.at("url").as_string());
  EXPECT_EQ(variants[3].at("height").as_int64(), 200);

  const std::string avif_url(variants[2].at("url").as_string());
  EXPECT_TRUE(avif_url.ends_with("/256.avif")) << avif_url;
  auto avif = call(http::Method::kGet, avif_url);
  ASSERT_EQ(avif.status, 200);
  EXPECT_EQ(avif.header("content-type"), "image/avif");
  EXPECT_EQ(avif.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(avif.body.substr(4, 8), "ftypavif");

  auto file = call(http::Method::kGet, url);  // public: no credentials
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.header("content-type"), "image/webp");
  EXPECT_EQ(file.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(file.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(file.body.substr(0, 4), "RIFF");
  EXPECT_EQ(file.body.substr(8, 4), "WEBP");
  const std::string etag(file.header("etag"));
  ASSERT_FALSE(etag.empty());

  auto part = call(http::Method::kGet, url, {}, {{"range", "bytes=0-9"}});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, file.body.substr(0, 10));
  EXPECT_EQ(part.header("content-range"), "bytes 0-9/" + std::to_string(file.body.size()));
  auto tail = call(http::Method::kGet, url, {}, {{"range", "bytes=-4"}});
  EXPECT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, file.body.substr(file.body.size() - 4));
  auto beyond = call(http::Method::kGet, url, {}, {{"range", "bytes=999999-"}});
  EXPECT_EQ(beyond.status, 416);
  EXPECT_EQ(beyond.header("content-range"), "bytes */" + std::to_string(file.body.size()));
  EXPECT_EQ(call(http::Method::kGet, url, {}, {{"if-none-match", etag}}).status, 304);

  // Another tag (a guessed URL) or a width never made is a 404.
  std::string guessed = url;
  guessed[url.rfind('/') - 1] = guessed[url.rfind('/') - 1] == '0' ? '1' : '0';
  EXPECT_EQ(call(http::Method::kGet, guessed).status, 404);
  std::string wider = url.substr(0, url.rfind('/')) + "/512.webp";
  EXPECT_EQ(call(http::Method::kGet, wider).status, 404);
  std::string other_type = url.substr(0, url.rfind('/')) + "/256.png";
  EXPECT_EQ(call(http::Method::kGet, other_type).status, 404);
}

TEST_P(MediaApi, OriginalsOnlyThroughSignedUrlsOfTheirOwner) {
  std::string ann = sign_up("ann_" + unique_suffix());
  std::string bob = sign_up("bob_" + unique_suffix());
  auto up = upload(ann, gradient_png(300, 200));
  ASSERT_EQ(up.status, 202);
  const std::string id(json::parse(up.body).at("id").as_string());
  ASSERT_EQ(settled(ann, id).at("status").as_string(), "ready");
  EXPECT_EQ(call(http::Method::kGet, "/v1/media/" + id + "/original", {}, {{"authorization", bob}})
                .status,
            404);
  auto signed_url = call(http::Method::kGet, "/v1/media/" + id + "/original?hideParams=true", {},
                         {{"authorization", ann}});
  ASSERT_EQ(signed_url.status, 200) << signed_url.body;
  const std::string url(json::parse(signed_url.body).at("url").as_string());
  ASSERT_NE(url.find("/media/o/" + id + "/without-parameters?"), std::string::npos) << url;
  auto file = call(http::Method::kGet, url);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.header("x-content-type-options"), "nosniff");
  EXPECT_TRUE(file.header("content-type").starts_with("image/")) << file.header("content-type");
  EXPECT_FALSE(file.body.empty());
  // Without the signature, with another mode or a tampered signature: refused.
  EXPECT_EQ(call(http::Method::kGet, url.substr(0, url.find('?'))).status, 403);
  std::string other_mode = url;
  other_mode.replace(other_mode.find("without-parameters"), 18, "with-parameters");
  EXPECT_EQ(call(http::Method::kGet, other_mode).status, 403);
  std::string tampered = url;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(call(http::Method::kGet, tampered).status, 403);
}

TEST_P(MediaApi, SameBytesAgainAnswerTheSameMedia) {
  std::string ann = sign_up("ann_" + unique_suffix());
  auto first = upload(ann, kPng);
  auto again = upload(ann, kPng, "application/octet-stream");
  ASSERT_EQ(first.status, 202);
  ASSERT_EQ(again.status, 202);
  EXPECT_EQ(json::parse(again.body).at("id"), json::parse(first.body).at("id"));
}

TEST_P(MediaApi, OthersGet404ForSomeonesMedia) {
  std::string ann = sign_up("ann_" + unique_suffix());
  std::string bob = sign_up("bob_" + unique_suffix());
  auto up = upload(ann, kPng);
  ASSERT_EQ(up.status, 202);
  std::string id(json::parse(up.body).at("id").as_string());
  EXPECT_EQ(call(http::Method::kGet, "/v1/media/" + id, {}, {{"authorization", bob}}).status, 404);
  // Anonymous reads are allowed (public media) but this one is not public: 404 as for bob.
  EXPECT_EQ(call(http::Method::kGet, "/v1/media/" + id).status, 404);
  EXPECT_EQ(
      call(http::Method::kGet, "/v1/media/" + id, {}, {{"authorization", "Bearer junk"}}).status,
      401);
}

// GET /v1/media/{id} for everyone once the gallery has published a public post of the owner
// using the media (gallery.post.published with imageIds, consumed by the media service), and 404
// again when the post stops being public (gallery.post.withdrawn); gallery.post.revised covers a
// post made public again and images added to a public post. Polls for the events to arrive.
TEST_P(MediaApi, AMediaIsPublicWhileAPublicPostOfItsOwnerUsesIt) {
  std::string ann = sign_up("ann_" + unique_suffix());
  std::string bob = sign_up("bob_" + unique_suffix());
  auto up = upload(ann, gradient_png(300, 200));
  ASSERT_EQ(up.status, 202);
  const std::string id(json::parse(up.body).at("id").as_string());
  ASSERT_EQ(settled(ann, id).at("status").as_string(), "ready");
  auto read = [&](const std::string& bearer) {
    http::Headers headers;
    if (!bearer.empty()) headers.push_back({"authorization", bearer});
    return call(http::Method::kGet, "/v1/media/" + id, {}, headers);
  };
  auto public_now = [&] { return read("").status == 200; };
  auto private_now = [&] { return read("").status == 404 && read(bob).status == 404; };
  EXPECT_EQ(read("").status, 404);
  EXPECT_EQ(read(bob).status, 404);
  auto post_call = [&](http::Method method, const std::string& path, const std::string& body) {
    return call(method, path, body, {{"authorization", ann}, {"content-type", "application/json"}});
  };
  auto made = post_call(http::Method::kPost, "/v1/gallery/posts",
                        R"({"title":"Dawn","prompt":"a dawn","images":[")" + id + "\"]}");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string post =
      "/v1/gallery/posts/" + std::string(json::parse(made.body).at("id").as_string());
  ASSERT_TRUE(eventually(public_now)) << read("").body;

  auto anonymous = read("");
  auto seen = json::parse(anonymous.body).as_object();
  EXPECT_EQ(seen.at("id").as_string(), id);
  EXPECT_EQ(seen.at("status").as_string(), "ready");
  EXPECT_EQ(seen.at("width").as_int64(), 300);
  EXPECT_FALSE(seen.at("variants").as_array().empty());
  for (const char* field : {"height", "blurhash", "dominantColor", "provenance", "phash"}) {
    EXPECT_TRUE(seen.contains(field)) << field;
  }
  for (const char* owner_only : {"reason", "moderation", "duplicates", "metadata"}) {
    EXPECT_FALSE(seen.contains(owner_only)) << owner_only;
  }
  EXPECT_EQ(anonymous.header("cache-control"), "public, max-age=60");
  EXPECT_EQ(anonymous.header("vary"), "Authorization");
  const std::string etag(anonymous.header("etag"));
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(call(http::Method::kGet, "/v1/media/" + id, {}, {{"if-none-match", etag}}).status, 304);
  auto by_bob = read(bob);
  EXPECT_EQ(by_bob.status, 200);
  EXPECT_EQ(by_bob.body, anonymous.body);
  // The owner still reads everything, privately; the original stays the owner's alone.
  auto own = read(ann);
  ASSERT_EQ(own.status, 200);
  auto full = json::parse(own.body).as_object();
  for (const char* field : {"reason", "moderation", "duplicates", "metadata"}) {
    EXPECT_TRUE(full.contains(field)) << field;
  }
  EXPECT_EQ(full.at("moderation").at("outcome").as_string(), "approved");
  EXPECT_EQ(own.header("cache-control"), "private, no-cache");
  EXPECT_EQ(call(http::Method::kGet, "/v1/media/" + id + "/original", {}, {{"authorization", bob}})
                .status,
            404);

  // Private: withdrawn. Public again: revised. Deleted: withdrawn.
  ASSERT_EQ(post_call(http::Method::kPatch, post, R"({"visibility":"private"})").status, 200);
  EXPECT_TRUE(eventually(private_now));
  EXPECT_EQ(read(ann).status, 200);
  ASSERT_EQ(post_call(http::Method::kPatch, post, R"({"visibility":"public"})").status, 200);
  EXPECT_TRUE(eventually(public_now));
  ASSERT_EQ(post_call(http::Method::kDelete, post, "").status, 204);
  EXPECT_TRUE(eventually(private_now));

  // An image added to a post that is already public becomes public too (revised).
  auto bare = post_call(http::Method::kPost, "/v1/gallery/posts",
                        R"({"title":"Later","prompt":"a later dawn"})");
  ASSERT_EQ(bare.status, 201) << bare.body;
  const std::string later =
      "/v1/gallery/posts/" + std::string(json::parse(bare.body).at("id").as_string());
  ASSERT_EQ(post_call(http::Method::kPatch, later, R"({"images":[")" + id + "\"]}").status, 200);
  EXPECT_TRUE(eventually(public_now));
  ASSERT_EQ(post_call(http::Method::kPatch, later, R"({"images":[]})").status, 200);
  EXPECT_TRUE(eventually(private_now));
}

// Another user's public post naming someone's media id makes nothing public.
TEST_P(MediaApi, SomeoneElsesPostCannotPublishYourMedia) {
  std::string ann = sign_up("ann_" + unique_suffix());
  std::string bob = sign_up("bob_" + unique_suffix());
  auto up = upload(ann, gradient_png(300, 200));
  ASSERT_EQ(up.status, 202);
  const std::string id(json::parse(up.body).at("id").as_string());
  ASSERT_EQ(settled(ann, id).at("status").as_string(), "ready");
  auto theirs = call(http::Method::kPost, "/v1/gallery/posts",
                     R"({"title":"Mine now","prompt":"p","images":[")" + id + "\"]}",
                     {{"authorization", bob}, {"content-type", "application/json"}});
  // The gallery refuses an id it knows is someone else's (400), or takes one it does not know yet.
  ASSERT_TRUE(theirs.status == 400 || theirs.status == 201) << theirs.body;
  // Then ann publishes a post of her own with another media: once that one is public, bob's
  // (earlier) event has been consumed too (one topic, in order), and the first is still private.
  auto up2 = upload(ann, gradient_png(320, 200));
  const std::string id2(json::parse(up2.body).at("id").as_string());
  ASSERT_EQ(settled(ann, id2).at("status").as_string(), "ready");
  ASSERT_EQ(call(http::Method::kPost, "/v1/gallery/posts",
                 R"({"title":"Marker","prompt":"p","images":[")" + id2 + "\"]}",
                 {{"authorization", ann}, {"content-type", "application/json"}})
                .status,
            201);
  ASSERT_TRUE(
      eventually([&] { return call(http::Method::kGet, "/v1/media/" + id2).status == 200; }));
  EXPECT_EQ(call(http::Method::kGet, "/v1/media/" + id).status, 404);
}

TEST_P(MediaApi, TypeComesFromTheBytesNotTheHeader) {
  std::string ann = sign_up("ann_" + unique_suffix());
  auto svg = upload(ann, "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>");
  EXPECT_EQ(svg.status, 415);
  EXPECT_NE(svg.body.find("SVG"), std::string::npos) << svg.body;
  auto pdf = upload(ann, "%PDF-1.7\n", "image/jpeg");
  EXPECT_EQ(pdf.status, 415);
  EXPECT_EQ(upload(ann, kPng, "text/html").status, 415);
}

TEST_P(MediaApi, MultipartFilePartIsTheUpload) {
  std::string ann = sign_up("ann_" + unique_suffix());
  std::string body =
      "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n"
      "Content-Type: image/png\r\n\r\n" +
      kPng + "\r\n--zz--\r\n";
  auto up = upload(ann, body, "multipart/form-data; boundary=zz");
  ASSERT_EQ(up.status, 202) << up.body;
  // The same file sent raw is the same media: the part's bytes were taken exactly.
  EXPECT_EQ(json::parse(upload(ann, kPng).body).at("id"), json::parse(up.body).at("id"));
}

TEST_P(MediaApi, TheReviewQueueNeedsTheAdminScope) {
  std::string ann = sign_up("ann_" + unique_suffix());
  auto up = upload(ann, gradient_png(300, 200));
  ASSERT_EQ(up.status, 202);
  const std::string id(json::parse(up.body).at("id").as_string());
  auto media = settled(ann, id);
  EXPECT_EQ(media.at("moderation").at("outcome").as_string(),
            "approved");  // built-in checks only
  EXPECT_EQ(call(http::Method::kGet, "/v1/media/review", {}, {{"authorization", ann}}).status, 403);
  EXPECT_EQ(call(http::Method::kPost, "/v1/media/" + id + "/review", R"({"outcome":"rejected"})",
                 {{"authorization", ann}, {"content-type", "application/json"}})
                .status,
            403);
}

TEST_P(MediaApi, BodiesOverTheConfiguredLimitAre413) {
  std::string ann = sign_up("ann_" + unique_suffix());
  EXPECT_EQ(upload(ann, kPng + std::string(270'000, 'x')).status, 413);
  // Chunked, so no length warns the server: refused as the limit passes, the spooled file gone.
  const std::string spool = server_->data_dir() + "/media-uploads";
  StreamedAnswer refused =
      stream_upload(server_->port(),
                    "POST /v1/media/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: " + ann +
                        "\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n",
                    40 * 262144, /*chunked=*/true);
  EXPECT_EQ(refused.status, 413) << refused.text.substr(0, 300);
  EXPECT_NE(refused.text.find("application/problem+json"), std::string::npos);
  EXPECT_LT(refused.sent, 40u * 262144);  // answered before the whole body went out
  EXPECT_TRUE(std::filesystem::is_directory(spool));
  EXPECT_TRUE(eventually([&] { return files_in(spool) == 0; }, std::chrono::seconds(5)));
}

TEST_P(MediaApi, AChunkedUploadIsStreamedAndLeavesNoSpooledFile) {
  std::string ann = sign_up("ann_" + unique_suffix());
  const std::string png = gradient_png(300, 200);
  std::string wire;
  for (std::size_t at = 0; at < png.size(); at += 1000) {
    std::string part = png.substr(at, 1000);
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", part.size());
    wire += size + part + "\r\n";
  }
  wire += "0\r\n\r\n";
  auto up = call(http::Method::kPost, "/v1/media/uploads", {},
                 {{"authorization", ann}, {"content-type", "image/png"}});
  EXPECT_EQ(up.status, 400);  // an empty body is no file
  StreamedAnswer chunked = stream_upload(
      server_->port(),
      "POST /v1/media/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: " + ann +
          "\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\nConnection: close"
          "\r\n\r\n" +
          wire,
      0, false);
  ASSERT_EQ(chunked.status, 202) << chunked.text.substr(0, 300);
  const std::string id(
      json::parse(chunked.text.substr(chunked.text.find("\r\n\r\n") + 4)).at("id").as_string());
  auto media = settled(ann, id);
  EXPECT_EQ(media.at("status").as_string(), "ready");
  EXPECT_EQ(media.at("width").as_int64(), 300);
  // The same bytes sent in one piece are the same media (the spooled file was hashed whole).
  EXPECT_EQ(json::parse(upload(ann, png).body).at("id").as_string(), id);
  EXPECT_TRUE(eventually([&] { return files_in(server_->data_dir() + "/media-uploads") == 0; },
                         std::chrono::seconds(5)));
}

// Counts the files created in a directory from construction on (inotify: a file made and removed
// at once is counted too).
class CreatedFiles {
 public:
  explicit CreatedFiles(const std::string& dir) : fd_(::inotify_init1(IN_NONBLOCK)) {
    if (fd_ >= 0) watch_ = ::inotify_add_watch(fd_, dir.c_str(), IN_CREATE | IN_MOVED_TO);
  }
  ~CreatedFiles() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool watching() const { return fd_ >= 0 && watch_ >= 0; }
  int count() {
    alignas(inotify_event) char buf[8192];
    for (ssize_t n; (n = ::read(fd_, buf, sizeof buf)) > 0;) {
      for (char* at = buf; at < buf + n;) {
        auto* event = reinterpret_cast<inotify_event*>(at);
        ++created_;
        at += sizeof(inotify_event) + event->len;
      }
    }
    return created_;
  }

 private:
  int fd_ = -1;
  int watch_ = -1;
  int created_ = 0;
};

// The upload route checks the token and scope from the head alone (RouteOptions::
// authorize_before_body): a 20 MB upload without a valid media:write credential is answered
// 401/403 problem+json at once, without reading the body, and no file is ever made in the spool
// directory; with a valid token the same kind of upload streams as before.
TEST_P(MediaApi, AnUploadWithoutAValidTokenIsRefusedBeforeItsBodyIsRead) {
  ServerProcessOptions o = options_for(GetParam());
  o.env["STRANGEPROMPT_MEDIA__MAX_UPLOAD_BYTES"] = "30000000";
  ServerProcess server(o);
  ASSERT_TRUE(server.started()) << server.log();
  auto client = http::HttpClient::create();
  const std::string bearer = sign_up_on(server, "up_loader");
  ASSERT_FALSE(bearer.empty());
  auto key = client->send({http::Method::kPost,
                           server.base_url() + "/v1/auth/api-keys",
                           {{"content-type", "application/json"}, {"authorization", bearer}},
                           R"({"name":"reader","scopes":["gallery:write"]})"});
  ASSERT_TRUE(key.ok() && key->status == 201) << (key.ok() ? key->body : "");
  const std::string no_scope =
      "Bearer " + std::string(json::parse(key->body).at("key").as_string());

  const std::string spool = server.data_dir() + "/media-uploads";
  ASSERT_TRUE(std::filesystem::is_directory(spool));
  CreatedFiles created(spool);
  ASSERT_TRUE(created.watching());
  constexpr std::size_t kBody = 20u * 1000 * 1000;
  auto head = [&](const std::string& authorization, const std::string& extra = {}) {
    return "POST /v1/media/uploads HTTP/1.1\r\nHost: x\r\n" + authorization +
           "Content-Type: image/png\r\nContent-Length: " + std::to_string(kBody) + "\r\n" + extra +
           "\r\n";
  };
  struct Case {
    std::string authorization;
    int status;
  };
  for (const Case& c : {Case{"", 401}, Case{"Authorization: Bearer not-a-token\r\n", 401},
                        Case{"Authorization: " + no_scope + "\r\n", 403}}) {
    auto started = std::chrono::steady_clock::now();
    StreamedAnswer refused = stream_upload(server.port(), head(c.authorization), kBody, false);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(refused.status, c.status) << c.authorization << refused.text.substr(0, 300);
    EXPECT_NE(refused.text.find("application/problem+json"), std::string::npos);
    EXPECT_NE(refused.text.find("Connection: close"), std::string::npos)
        << refused.text.substr(0, 300);
    EXPECT_LT(refused.sent, kBody / 2) << "answered long before the body went out";
    EXPECT_LT(seconds, 5.0);
    std::cout << "[ figures ] 20 MB upload, " << c.status << ": answered after "
              << refused.sent / 1024 << " KiB sent, " << seconds << " s\n";
  }
  // Expect: 100-continue without a token: refused before the client sends a byte of the body.
  StreamedAnswer waiting =
      stream_upload(server.port(), head("", "Expect: 100-continue\r\n"), 0, false);
  EXPECT_EQ(waiting.status, 401) << waiting.text.substr(0, 300);
  EXPECT_EQ(created.count(), 0) << "a refused upload made a file in the spool directory";

  // A valid token: streamed, spooled and accepted as before.
  const std::string png = gradient_png(300, 200);
  StreamedAnswer accepted = stream_upload(
      server.port(),
      "POST /v1/media/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: " + bearer +
          "\r\nContent-Type: image/png\r\nContent-Length: " + std::to_string(png.size()) +
          "\r\nConnection: close\r\n\r\n" + png,
      0, false);
  EXPECT_EQ(accepted.status, 202) << accepted.text.substr(0, 300);
  EXPECT_GE(created.count(), 1);  // this one went through the spool
  StreamedAnswer big =
      stream_upload(server.port(), head("Authorization: " + bearer + "\r\n"), kBody, false);
  EXPECT_EQ(big.sent, kBody);  // read whole, then refused: not an image
  EXPECT_EQ(big.status, 415) << big.text.substr(0, 300);
  EXPECT_TRUE(eventually([&] { return files_in(spool) == 0; }, std::chrono::seconds(5)));
}

// A 200 MB upload through the real binary (limit 300 MB) must not raise the process's peak RSS
// (VmHWM, read from /proc) by anywhere near its size: a buffered body would raise it by 200 MB.
// The bytes are not an image, so nothing processes them after the upload route refused them (a
// processing worker loads an accepted original whole; that is bounded by media.workers).
TEST(MediaUploadMemory, A200MegabyteUploadDoesNotRaiseTheServersPeakRss) {
  ServerProcessOptions o = options_for("sqlite");
  o.env["STRANGEPROMPT_MEDIA__MAX_UPLOAD_BYTES"] = "300000000";
  ServerProcess server(o);
  ASSERT_TRUE(server.started()) << server.log();
  const std::string bearer = sign_up_on(server, "big_uploader");
  ASSERT_FALSE(bearer.empty());
  const long peak_before = proc_status_kb(server.pid(), "VmHWM:");
  ASSERT_GT(peak_before, 0);
  constexpr std::size_t kBody = 200u * 1000 * 1000;
  auto started = std::chrono::steady_clock::now();
  StreamedAnswer answer = stream_upload(
      server.port(),
      "POST /v1/media/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: " + bearer +
          "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + std::to_string(kBody) +
          "\r\n\r\n",
      kBody, false);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const long growth_kb = proc_status_kb(server.pid(), "VmHWM:") - peak_before;
  EXPECT_EQ(answer.sent, kBody);
  EXPECT_EQ(answer.status, 415) << answer.text.substr(0, 300);  // read whole, then refused
  std::cout << "[ figures ] 200 MB upload to the binary: peak RSS " << peak_before / 1024
            << " MiB before, growth " << growth_kb / 1024 << " MiB, " << seconds << " s\n";
  EXPECT_LT(growth_kb, 100 * 1024);
  EXPECT_TRUE(eventually([&] { return files_in(server.data_dir() + "/media-uploads") == 0; },
                         std::chrono::seconds(5)));
}

INSTANTIATE_TEST_SUITE_P(Backends, MediaApi, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::testing
