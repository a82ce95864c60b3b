// The forgery corpus: every token here is an attack, and the verifier must accept none of them.
#include <gtest/gtest.h>

#include <random>

#include "jws.hpp"
#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/random.hpp"
#include "strangeprompt/security/signing_keys.hpp"
#include "token_test_support.hpp"

namespace sp::security {
namespace {

using namespace testing;  // NOLINT: the fixtures of this package's token tests

struct Forgery {
  std::string name;
  std::string token;
};

std::string segment(const Members& members) {
  return base64url_encode(to_json(members));
}

// Every attack runs against a warm cache: the genuine tokens the forgeries are made from are
// verified (and so remembered) first, and no forgery may be answered from the cache.
class TokenForgery : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.verifier.verify(world_.issue()).ok());
    ASSERT_TRUE(world_.verifier.verify(world_.sign_standard(header(), claims())).ok());
    ASSERT_EQ(world_.verifier.cache_stats().entries, 2u);
  }

  void expect_all_rejected(const std::vector<Forgery>& corpus) {
    const uint64_t hits_before = world_.verifier.cache_stats().hits;
    for (const auto& forgery : corpus) {
      const auto verified = world_.verifier.verify(forgery.token);
      EXPECT_FALSE(verified.ok()) << forgery.name << ": " << forgery.token;
      if (!verified.ok()) {
        EXPECT_EQ(verified.error().code, ErrorCode::kUnauthenticated) << forgery.name;
      }
    }
    EXPECT_EQ(world_.verifier.cache_stats().hits, hits_before);
  }

  Members header() const { return standard_header(world_.current_key().kid); }
  Members claims() const { return standard_claims(world_.now()); }

  TokenWorld world_;
};

TEST_F(TokenForgery, TheStandardTokenIsValidSoRejectionsBelowAreMeaningful) {
  EXPECT_TRUE(world_.verifier.verify(world_.sign_standard(header(), claims())).ok());
  EXPECT_EQ(world_.verifier.cache_stats().hits, 1u);  // and it is answered from the cache
}

TEST_F(TokenForgery, EveryAlgButEdDSAIsRejectedEvenWithAValidSignature) {
  std::vector<Forgery> corpus;
  const char* algs[] = {"none",  "None",   "noNE",  "NONE",  "",        "HS256",  "RS256", "ES256",
                        "PS256", "ES256K", "eddsa", "EDDSA", "Ed25519", "EdDSA ", " EdDSA"};
  for (const char* alg : algs) {
    const auto h = with(header(), "alg", json_str(alg));
    corpus.push_back({std::string("alg ") + alg + ", signed", world_.sign_standard(h, claims())});
    corpus.push_back(
        {std::string("alg ") + alg + ", unsigned", segment(h) + "." + segment(claims()) + "."});
  }
  corpus.push_back({"alg missing", world_.sign_standard(without(header(), "alg"), claims())});
  corpus.push_back({"alg null", world_.sign_standard(with(header(), "alg", "null"), claims())});
  corpus.push_back(
      {"alg array", world_.sign_standard(with(header(), "alg", R"(["EdDSA"])"), claims())});
  corpus.push_back({"alg number", world_.sign_standard(with(header(), "alg", "1"), claims())});
  corpus.push_back({"alg with a NUL",
                    world_.sign_standard(with(header(), "alg", R"("EdDSA\u0000")"), claims())});
  Members duplicate_alg = header();  // {"alg":"EdDSA",...,"alg":"none"}: the last one counts
  duplicate_alg.emplace_back("alg", json_str("none"));
  corpus.push_back({"duplicate alg, none last", world_.sign_standard(duplicate_alg, claims())});
  expect_all_rejected(corpus);
}

TEST_F(TokenForgery, HmacSignedWithThePublicKeyIsRejected) {
  // The classic key-confusion attack: HS256 keyed with what the verifier trusts as a public key.
  const KeyPair key = world_.current_key();
  const std::string signing_input =
      segment(with(header(), "alg", json_str("HS256"))) + "." + segment(claims());
  const std::string hmac_keys[] = {key.public_key, base64url_encode(key.public_key),
                                   world_.ring.snapshot()->jwks_json(world_.now())};
  std::vector<Forgery> corpus;
  for (const auto& hmac_key : hmac_keys) {
    corpus.push_back(
        {"HS256 keyed with public key material",
         signing_input + "." + base64url_encode(hmac_sha256(hmac_key, signing_input))});
  }
  expect_all_rejected(corpus);
}

TEST_F(TokenForgery, HeaderChecksCannotBeBypassed) {
  std::vector<Forgery> corpus = {
      {"typ JWT", world_.sign_standard(with(header(), "typ", json_str("JWT")), claims())},
      {"typ AT+JWT", world_.sign_standard(with(header(), "typ", json_str("AT+JWT")), claims())},
      {"typ missing", world_.sign_standard(without(header(), "typ"), claims())},
      {"crit present", world_.sign_standard(with(header(), "crit", R"(["exp"])"), claims())},
      {"crit empty", world_.sign_standard(with(header(), "crit", "[]"), claims())},
      {"kid missing", world_.sign_standard(without(header(), "kid"), claims())},
      {"kid empty", world_.sign_standard(with(header(), "kid", json_str("")), claims())},
      {"kid number", world_.sign_standard(with(header(), "kid", "7"), claims())},
      {"kid unknown", world_.sign_standard(with(header(), "kid", json_str("nope")), claims())},
      {"header not an object", base64url_encode("[]") + "." + segment(claims()) + "." +
                                   base64url_encode(std::string(64, 'a'))},
  };
  expect_all_rejected(corpus);
}

TEST_F(TokenForgery, KeysOfferedByTheTokenItselfAreIgnored) {
  const KeyPair attacker = KeyPair::generate(world_.now());
  const std::string jwk = R"({"kty":"OKP","crv":"Ed25519","x":")" +
                          base64url_encode(attacker.public_key) + R"(","kid":")" + attacker.kid +
                          R"("})";
  const std::string jwks_url = json_str("https://evil.test/jwks.json");
  std::vector<Forgery> corpus;
  for (const std::string& kid : {attacker.kid, world_.current_key().kid}) {
    const auto h = with(header(), "kid", json_str(kid));
    corpus.push_back(
        {"jwk header, kid " + kid, sign(with(h, "jwk", jwk), claims(), attacker.secret_key)});
    corpus.push_back(
        {"jku header, kid " + kid, sign(with(h, "jku", jwks_url), claims(), attacker.secret_key)});
    corpus.push_back(
        {"x5u header, kid " + kid, sign(with(h, "x5u", jwks_url), claims(), attacker.secret_key)});
    corpus.push_back({"x5c header, kid " + kid,
                      sign(with(h, "x5c", R"(["MIIB"])"), claims(), attacker.secret_key)});
  }
  expect_all_rejected(corpus);
}

TEST_F(TokenForgery, TamperedSignaturesAreRejected) {
  const std::string token = world_.sign_standard(header(), claims());
  const auto dot = token.rfind('.');
  const std::string signing_input = token.substr(0, dot);
  const std::string signature = *base64url_decode(token.substr(dot + 1));
  std::vector<Forgery> corpus;
  for (std::size_t bit = 0; bit < signature.size() * 8; ++bit) {
    std::string flipped = signature;
    flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
    corpus.push_back({"signature bit " + std::to_string(bit) + " flipped",
                      signing_input + "." + base64url_encode(flipped)});
  }
  const std::string encoded = base64url_encode(signature);
  corpus.push_back({"signature truncated by one char", token.substr(0, token.size() - 1)});
  corpus.push_back({"signature truncated to 63 bytes",
                    signing_input + "." + base64url_encode(signature.substr(0, 63))});
  corpus.push_back({"signature halved", signing_input + "." + encoded.substr(0, 43)});
  corpus.push_back({"signature empty", signing_input + "."});
  corpus.push_back({"signature padded", token + "=="});
  corpus.push_back({"signature extended", signing_input + "." + base64url_encode(signature + "x")});
  corpus.push_back(
      {"signature all zero", signing_input + "." + base64url_encode(std::string(64, '\0'))});
  expect_all_rejected(corpus);
}

TEST_F(TokenForgery, MalformedCompactSerialisationsAreRejected) {
  const std::string token = world_.sign_standard(header(), claims());
  std::vector<Forgery> corpus = {
      {"empty", ""},
      {"refresh token used as access token", random_token(32)},
      {"two segments", token.substr(0, token.rfind('.'))},
      {"four segments", token + ".AAAA"},
      {"leading whitespace", " " + token},
      {"trailing newline", token + "\n"},
      {"standard base64 alphabet",
       token.substr(0, token.find('.')) + "+" + token.substr(token.find('.'))},
      {"JWS JSON serialisation", R"({"payload":"","signatures":[]})"},
  };
  expect_all_rejected(corpus);
}

TEST_F(TokenForgery, SwappingPayloadsBetweenValidTokensIsRejected) {
  const std::string alice = world_.sign_standard(header(), with(claims(), "sub", json_str("1")));
  const std::string admin = world_.sign_standard(
      header(), with(with(claims(), "sub", json_str("2")), "scope", json_str("admin")));
  ASSERT_TRUE(world_.verifier.verify(alice).ok());
  ASSERT_TRUE(world_.verifier.verify(admin).ok());
  auto split = [](const std::string& t) { return *detail::split_compact(t); };
  const auto a = split(alice);
  const auto b = split(admin);
  std::vector<Forgery> corpus = {
      {"alice's signature on admin's payload",
       std::string(a.header) + "." + std::string(b.payload) + "." + std::string(a.signature)},
      {"admin's signature on alice's header",
       std::string(a.header) + "." + std::string(a.payload) + "." + std::string(b.signature)},
  };
  expect_all_rejected(corpus);
}

TEST_F(TokenForgery, TenThousandRandomByteMutationsAreAllRejected) {
  const std::string token = world_.issue();
  ASSERT_TRUE(world_.verifier.verify(token).ok());
  ASSERT_TRUE(world_.verifier.verify(token).ok());
  const uint64_t hits_before = world_.verifier.cache_stats().hits;
  ASSERT_GE(hits_before, 1u);     // the genuine token is cached
  std::mt19937_64 rng(20240611);  // fixed seed: a failure reproduces
  std::uniform_int_distribution<std::size_t> position(0, token.size() - 1);
  std::uniform_int_distribution<int> delta(1, 255);  // never 0: the byte always changes
  int accepted = 0;
  for (int i = 0; i < 10'000; ++i) {
    std::string mutated = token;
    const std::size_t at = position(rng);
    mutated[at] = static_cast<char>(static_cast<unsigned char>(mutated[at]) + delta(rng));
    ASSERT_NE(mutated, token);
    if (world_.verifier.verify(mutated).ok()) {
      ++accepted;
      ADD_FAILURE() << "accepted mutation at " << at << ": " << mutated;
    }
  }
  EXPECT_EQ(accepted, 0);
  EXPECT_EQ(world_.verifier.cache_stats().hits, hits_before);  // no mutation found the entry
}

}  // namespace
}  // namespace sp::security
