#include "forwarding.hpp"

#include <array>

#include "strangeprompt/core/strings.hpp"

namespace sp::gateway {
namespace {

constexpr std::array<std::string_view, 9> kHopByHop{
    "connection", "keep-alive",         "proxy-connection",   "te", "trailer", "transfer-encoding",
    "upgrade",    "proxy-authenticate", "proxy-authorization"};

// Whether `name` is one of the comma-separated tokens of the Connection header(s).
bool named_by_connection(std::string_view name, const http::Headers& headers) {
  for (const auto& [key, value] : headers) {
    if (!iequals_ascii(key, "connection")) continue;
    for (const std::string& token : split(value, ',')) {
      if (iequals_ascii(trim(token), name)) return true;
    }
  }
  return false;
}

bool trusted_peer(const http::Request& request, const http::TrustedProxies& trusted) {
  if (trusted.empty()) return false;
  const std::string& peer =
      request.peer_address.empty() ? request.remote_address : request.peer_address;
  auto address = http::IpAddress::parse(peer);
  return address && trusted.contains(*address);
}

std::string_view peer_of(const http::Request& request) {
  return request.peer_address.empty() ? request.remote_address : request.peer_address;
}

// The trace flags of a valid incoming traceparent for this trace, else "01" (sampled).
std::string_view trace_flags(const http::Request& request) {
  std::string_view incoming = request.header("traceparent");
  if (incoming.size() >= 55 && incoming.substr(3, 32) == request.trace_id && incoming[52] == '-') {
    return incoming.substr(53, 2);
  }
  return "01";
}

}  // namespace

bool is_hop_by_hop(std::string_view name, const http::Headers& headers) {
  for (std::string_view h : kHopByHop) {
    if (iequals_ascii(name, h)) return true;
  }
  return named_by_connection(name, headers);
}

std::string edge_client_address(const http::Request& request, const http::TrustedProxies& trusted) {
  if (!trusted_peer(request, trusted)) return std::string(peer_of(request));
  return http::client_address(peer_of(request), request.headers, trusted);
}

http::Headers upstream_request_headers(const http::Request& request,
                                       const http::TrustedProxies& trusted,
                                       std::string_view span_id) {
  const bool trusted_hop = trusted_peer(request, trusted);
  http::Headers out;
  out.reserve(request.headers.size() + 5);
  std::string forwarded_for;
  std::string proto;
  std::string host;
  for (const auto& [name, value] : request.headers) {
    if (is_hop_by_hop(name, request.headers) || iequals_ascii(name, "content-length") ||
        iequals_ascii(name, "x-request-id") || iequals_ascii(name, "traceparent")) {
      continue;
    }
    if (iequals_ascii(name, "host")) {
      if (host.empty()) host = value;
      continue;
    }
    if (iequals_ascii(name, "x-forwarded-for")) {
      if (trusted_hop && !trim(value).empty()) {
        if (!forwarded_for.empty()) forwarded_for += ", ";
        forwarded_for += trim(value);
      }
      continue;
    }
    if (iequals_ascii(name, "x-forwarded-proto")) {
      if (trusted_hop && proto.empty()) proto = trim(value);
      continue;
    }
    if (iequals_ascii(name, "x-forwarded-host")) {
      if (trusted_hop) host = trim(value);  // the original host, as the trusted hop saw it
      continue;
    }
    out.emplace_back(name, value);
  }
  if (!forwarded_for.empty()) forwarded_for += ", ";
  forwarded_for += peer_of(request);
  if (proto.empty()) proto = request.secure ? "https" : "http";

  std::string traceparent = "00-";
  traceparent += request.trace_id;
  traceparent += '-';
  traceparent += span_id;
  traceparent += '-';
  traceparent += trace_flags(request);

  out.emplace_back("x-request-id", request.request_id);
  if (request.trace_id.size() == 32 && span_id.size() == 16) {
    out.emplace_back("traceparent", std::move(traceparent));
  }
  out.emplace_back("x-forwarded-for", std::move(forwarded_for));
  out.emplace_back("x-forwarded-proto", std::move(proto));
  if (!host.empty()) out.emplace_back("x-forwarded-host", std::move(host));
  return out;
}

http::Headers downstream_response_headers(http::Headers upstream) {
  http::Headers out;
  out.reserve(upstream.size());
  for (auto& [name, value] : upstream) {
    if (is_hop_by_hop(name, upstream) || iequals_ascii(name, "content-length") ||
        iequals_ascii(name, "date") || iequals_ascii(name, "server") ||
        iequals_ascii(name, "x-request-id") || iequals_ascii(name, "traceparent")) {
      continue;
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

}  // namespace sp::gateway
